#include "cli/images.h"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "analysis/image_linker.h"
#include "cli/table.h"
#include "imageproc/fingerprint.h"
#include "imageproc/geometric_check.h"

namespace harrier::cli {

namespace {

using nlohmann::json;

imageproc::DecodeLimits Limits(const config::ImageOptions& o) {
  imageproc::DecodeLimits limits;
  limits.max_bytes = static_cast<size_t>(o.max_bytes);
  limits.max_pixels = static_cast<uint64_t>(o.max_pixels);
  limits.max_side = static_cast<uint32_t>(o.max_side);
  return limits;
}

// Reads at most max_bytes + 1 bytes, so that an oversized file is refused
// by the decoder's size check without being read whole.
Result<std::string> ReadCapped(const std::string& path, int64_t max_bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path + ": cannot be read");
  std::string bytes(static_cast<size_t>(max_bytes) + 1, '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  bytes.resize(static_cast<size_t>(in.gcount()));
  if (in.bad()) return Status::IoError(path + ": read failed");
  return bytes;
}

Result<imageproc::ImageFingerprint> FingerprintFile(const std::string& path,
                                                    const config::ImageOptions& options) {
  Result<std::string> bytes = ReadCapped(path, options.max_bytes);
  if (!bytes.ok()) return bytes.status();
  Result<imageproc::ImageFingerprint> f = imageproc::FingerprintImage(*bytes, Limits(options));
  if (!f.ok()) {
    return Status::Rejected(path + ": refused (" + f.status().message() + ")");
  }
  return f;
}

std::string Time(int64_t ms) { return FormatUtc(FromUnixMillis(ms)); }

json AlertJson(const store::AlertRow& a) {
  return {{"id", a.id},
          {"status", a.status},
          {"operation", a.operation},
          {"watchlist_entry", a.watchlist_image_id},
          {"watchlist_reason", a.watchlist_reason},
          {"image_sha256", a.image_sha256},
          {"document_id", a.document_id ? json(*a.document_id) : json(nullptr)},
          {"url", a.url},
          {"captured", Time(a.captured_ms)},
          {"distance", a.distance},
          {"method", a.method},
          {"image_pdq", a.image_pdq},
          {"watchlist_pdq", a.watchlist_pdq},
          {"raised", Time(a.created_ms)},
          {"decided_by", a.decided_by},
          {"decided", a.decided_ms ? json(Time(*a.decided_ms)) : json(nullptr)},
          {"note", a.note},
          {"kind", a.kind},
          {"watchlist_selector", a.watchlist_selector_id},
          {"selector_kind", a.selector_kind},
          {"selector_value", a.selector_value},
          {"cluster_id", a.cluster_id},
          {"cluster_size", a.cluster_size}};
}

// What raised the alert, in a few words, whatever its kind.
std::string AlertWhat(const store::AlertRow& a) {
  if (a.kind == "watchlist_selector") return a.selector_kind + " " + a.selector_value;
  if (a.kind == "cluster_growth") {
    return "cluster " + std::to_string(a.cluster_id) + " reached " +
           std::to_string(a.cluster_size) + " adverts";
  }
  return "photo, " + a.method + " distance " + std::to_string(a.distance);
}

Result<analysis::ImageLinker> LoadedLinker(CommandContext& ctx,
                                           const config::ImageOptions& images) {
  analysis::ImageLinker linker(ctx.store, ctx.clock, images.match_distance, images.min_quality);
  Result<size_t> loaded = linker.Load();
  if (!loaded.ok()) return loaded.status();
  return linker;
}

}  // namespace

Status CmdHash(const HashRequest& request, const config::ImageOptions& limits, std::ostream& out,
               std::ostream& err) {
  int refused = 0;
  for (const std::string& file : request.files) {
    Result<imageproc::ImageFingerprint> f = FingerprintFile(file, limits);
    if (!f.ok()) {
      err << "harrier: " << SanitizeForTerminal(f.status().message()) << "\n";
      ++refused;
      continue;
    }
    const std::string name = SanitizeForTerminal(file);
    if (request.json) {
      json j = {{"file", file},          {"sha256", f->sha256},
                {"pdq", f->pdq.ToHex()}, {"quality", f->pdq.quality},
                {"width", f->width},     {"height", f->height}};
      if (request.phash) j["phash"] = f->phash.ToHex();
      if (request.dihedral) {
        j["dihedral"] = json::object();
        for (int v = 0; v < imageproc::kPdqDihedralCount; ++v) {
          j["dihedral"][std::string(imageproc::PdqDihedralName(imageproc::PdqDihedral(v)))] =
              f->dihedral[static_cast<size_t>(v)].ToHex();
        }
      }
      out << j.dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
      continue;
    }
    out << f->pdq.ToHex() << " " << f->pdq.quality << " ";
    if (request.phash) out << f->phash.ToHex() << " ";
    out << name << "\n";
    if (request.dihedral) {
      for (int v = 0; v < imageproc::kPdqDihedralCount; ++v) {
        const imageproc::PdqHash& h = f->dihedral[static_cast<size_t>(v)];
        out << h.ToHex() << " " << h.quality << " "
            << imageproc::PdqDihedralName(imageproc::PdqDihedral(v)) << " " << name << "\n";
      }
    }
  }
  if (refused > 0) {
    return Status::Rejected(std::to_string(refused) + " of " +
                            std::to_string(request.files.size()) + " files refused");
  }
  return Status::Ok();
}

Status CmdMatch(CommandContext& ctx, const config::ImageOptions& images, const std::string& file) {
  Result<imageproc::ImageFingerprint> f = FingerprintFile(file, images);
  if (!f.ok()) return f.status();
  HARRIER_RETURN_IF_ERROR(Audit(ctx, "consultation.match", "image:" + f->sha256, {{"file", file}}));
  Result<analysis::ImageLinker> linker = LoadedLinker(ctx, images);
  if (!linker.ok()) return linker.status();
  json rows = json::array();
  Table t({"KIND", "DISTANCE", "METHOD", "WHAT", "WHERE"}, 70);
  for (const imageproc::ImageMatch& m : linker->MatchImages(f->dihedral)) {
    Result<std::optional<store::ImageRecord>> image =
        ctx.store.GetImageByRowid(static_cast<int64_t>(m.id));
    if (!image.ok()) return image.status();
    if (!image->has_value()) continue;
    Result<std::vector<store::ImageUse>> uses = ctx.store.ImageUses((*image)->sha256);
    if (!uses.ok()) return uses.status();
    json adverts = json::array();
    for (const store::ImageUse& u : *uses) {
      adverts.push_back({{"document_id", u.document_id}, {"url", u.advert_url}});
      t.AddRow({"image", std::to_string(m.distance), m.Method(), (*image)->sha256.substr(0, 16),
                "advert " + std::to_string(u.document_id) + " " + u.advert_url});
    }
    if (uses->empty()) {
      t.AddRow({"image", std::to_string(m.distance), m.Method(), (*image)->sha256.substr(0, 16),
                "(no advert)"});
    }
    rows.push_back({{"kind", "image"},
                    {"distance", m.distance},
                    {"method", m.Method()},
                    {"sha256", (*image)->sha256},
                    {"pdq", (*image)->analysis.pdq},
                    {"adverts", adverts}});
  }
  const std::vector<imageproc::ImageMatch> listed = linker->MatchWatchlist(f->dihedral);
  if (!listed.empty()) {
    Result<std::vector<store::WatchlistImage>> entries = ctx.store.ListWatchlistImages();
    if (!entries.ok()) return entries.status();
    for (const imageproc::ImageMatch& m : listed) {
      for (const store::WatchlistImage& w : *entries) {
        if (static_cast<uint64_t>(w.id) != m.id) continue;
        t.AddRow({"watchlist", std::to_string(m.distance), m.Method(),
                  "entry " + std::to_string(w.id), w.operation + ": " + w.reason});
        rows.push_back({{"kind", "watchlist"},
                        {"distance", m.distance},
                        {"method", m.Method()},
                        {"entry", w.id},
                        {"operation", w.operation},
                        {"reason", w.reason},
                        {"pdq", w.pdq}});
      }
    }
  }
  if (ctx.json) {
    ctx.out << json({{"pdq", f->pdq.ToHex()}, {"quality", f->pdq.quality}, {"matches", rows}})
                   .dump(2, ' ', false, json::error_handler_t::replace)
            << "\n";
    return Status::Ok();
  }
  ctx.out << "PDQ " << f->pdq.ToHex() << " quality " << f->pdq.quality << "; within "
          << images.match_distance << " bits:\n";
  if (t.size() == 0) {
    ctx.out << "(no stored image or watchlist entry)\n";
  } else {
    t.Print(ctx.out);
  }
  return Status::Ok();
}

Status CmdWatchlistAdd(CommandContext& ctx, const config::ImageOptions& images,
                       const WatchlistAddRequest& request) {
  if (request.operation.empty()) return Status::InvalidArgument("--operation is required");
  if (request.reason.empty()) return Status::InvalidArgument("--reason is required");
  Result<analysis::ImageLinker> linker = LoadedLinker(ctx, images);
  if (!linker.ok()) return linker.status();
  Table t({"ENTRY", "QUALITY", "PDQ", "FILE", "ALERTS"}, 70);
  json rows = json::array();
  for (const std::string& file : request.files) {
    Result<std::string> bytes = ReadCapped(file, images.max_bytes);
    if (!bytes.ok()) return bytes.status();
    cv::Mat pixels;
    Result<imageproc::ImageFingerprint> f =
        imageproc::FingerprintImage(*bytes, Limits(images), &pixels);
    if (!f.ok()) return Status::Rejected(file + ": refused (" + f.status().message() + ")");
    // The second stage's reference windows: crops of the photo up to about
    // 10 % per edge, the content inside uniform bars, strips.
    Result<imageproc::SubwindowHashes> windows =
        imageproc::ComputeSubwindowHashes(pixels, imageproc::ReferenceSubwindowOptions());
    if (!windows.ok()) return windows.status().WithContext(file);
    store::WatchlistImage entry;
    entry.windows = imageproc::ToHexText(imageproc::EncodeSubwindowHashes(*windows));
    entry.operation = request.operation;
    entry.reason = request.reason;
    entry.added_by = ctx.user;
    entry.added_ms = ToUnixMillis(ctx.clock.WallNow());
    entry.file_name = std::filesystem::path(file).filename().string();
    entry.sha256 = f->sha256;
    entry.width = f->width;
    entry.height = f->height;
    entry.pdq = f->pdq.ToHex();
    entry.pdq_quality = f->pdq.quality;
    entry.phash = f->phash.ToHex();
    if (images.keep_watchlist_photos && !request.photo_dir.empty()) {
      std::error_code ec;
      std::filesystem::create_directories(request.photo_dir, ec);
      entry.photo_path = request.photo_dir + "/" + f->sha256;
      std::ofstream(entry.photo_path, std::ios::binary) << *bytes;
      std::filesystem::permissions(
          entry.photo_path,
          std::filesystem::perms::owner_read | std::filesystem::perms::owner_write, ec);
    }
    // ORB features confirm crops and overlays before an alert is raised;
    // they could be turned into a coarse likeness, so the operator decides.
    if (images.keep_watchlist_features || images.keep_watchlist_photos) {
      Result<imageproc::OrbFeatures> orb = imageproc::ComputeOrbFeatures(pixels);
      if (orb.ok()) entry.orb = imageproc::ToHexText(orb->Serialize());
    }
    // Audited before it is stored: who added what, for which operation, why.
    HARRIER_RETURN_IF_ERROR(Audit(ctx, "watchlist.add", "image:" + f->sha256,
                                  {{"operation", request.operation},
                                   {"watchlist_reason", request.reason},
                                   {"file", entry.file_name},
                                   {"pdq", entry.pdq}}));
    Result<std::pair<int64_t, bool>> added = ctx.store.AddWatchlistImage(entry);
    if (!added.ok()) return added.status();
    entry.id = added->first;
    const analysis::ImageLinker::PixelsOf pixels_of =
        [&](const std::string& sha) -> Result<cv::Mat> {
      Result<std::optional<store::ImageRecord>> image = ctx.store.GetImage(sha);
      if (!image.ok()) return image.status();
      if (!image->has_value() || request.data_dir.empty()) return Status::NotFound(sha);
      Result<std::string> stored =
          ReadCapped(request.data_dir + "/" + (*image)->blob_path, images.max_bytes);
      if (!stored.ok()) return stored.status();
      Result<imageproc::DecodedImage> decoded = imageproc::DecodeImage(*stored, Limits(images));
      if (!decoded.ok()) return decoded.status();
      return std::move(decoded->pixels);
    };
    Result<analysis::LinkOutcome> linked = linker->OnWatchlistEntry(entry, f->dihedral, pixels_of);
    if (!linked.ok()) return linked.status();
    std::string alerts = std::to_string(linked->alerts.size());
    if (!added->second) alerts += " (already listed)";
    if (f->pdq.quality < images.min_quality) alerts += " (quality too low to match)";
    t.AddRow({std::to_string(entry.id), std::to_string(f->pdq.quality), entry.pdq, entry.file_name,
              alerts});
    rows.push_back({{"entry", entry.id},
                    {"new", added->second},
                    {"file", entry.file_name},
                    {"sha256", entry.sha256},
                    {"pdq", entry.pdq},
                    {"quality", entry.pdq_quality},
                    {"alerts", linked->alerts}});
  }
  if (ctx.json) {
    ctx.out << rows.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
  } else {
    t.Print(ctx.out);
  }
  return Status::Ok();
}

Status CmdWatchlistList(CommandContext& ctx) {
  HARRIER_RETURN_IF_ERROR(Audit(ctx, "consultation.watchlist", "watchlist", json::object()));
  Result<std::vector<store::WatchlistImage>> entries = ctx.store.ListWatchlistImages();
  if (!entries.ok()) return entries.status();
  json rows = json::array();
  Table t({"ENTRY", "OPERATION", "ADDED", "BY", "FILE", "QUALITY", "REASON"}, 50);
  for (const store::WatchlistImage& w : *entries) {
    t.AddRow({std::to_string(w.id), w.operation, Time(w.added_ms), w.added_by, w.file_name,
              std::to_string(w.pdq_quality), w.reason});
    rows.push_back({{"entry", w.id},
                    {"operation", w.operation},
                    {"reason", w.reason},
                    {"added", Time(w.added_ms)},
                    {"added_by", w.added_by},
                    {"file", w.file_name},
                    {"sha256", w.sha256},
                    {"pdq", w.pdq},
                    {"quality", w.pdq_quality},
                    {"phash", w.phash}});
  }
  if (ctx.json) {
    ctx.out << rows.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
  } else {
    t.Print(ctx.out);
  }
  return Status::Ok();
}

Status CmdAlerts(CommandContext& ctx, const std::string& status) {
  HARRIER_RETURN_IF_ERROR(Audit(ctx, "consultation.alerts",
                                "alerts:" + (status.empty() ? "all" : status), json::object()));
  Result<std::vector<store::AlertRow>> alerts = ctx.store.ListAlerts(status, 1000);
  if (!alerts.ok()) return alerts.status();
  json rows = json::array();
  Table t({"ALERT", "KIND", "STATUS", "OPERATION", "WHAT", "CAPTURED", "ADVERT"}, 60);
  for (const store::AlertRow& a : *alerts) {
    t.AddRow({std::to_string(a.id), a.kind, a.status, a.operation, AlertWhat(a),
              Time(a.captured_ms),
              (a.document_id ? std::to_string(*a.document_id) + " " : std::string()) + a.url});
    rows.push_back(AlertJson(a));
  }
  if (ctx.json) {
    ctx.out << rows.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
  } else if (t.size() == 0) {
    ctx.out << "(no alerts)\n";
  } else {
    t.Print(ctx.out);
  }
  return Status::Ok();
}

Status CmdAlertDecide(CommandContext& ctx, int64_t id, const std::string& decision,
                      const std::string& note) {
  HARRIER_RETURN_IF_ERROR(Audit(ctx, "review.alert", "alert:" + std::to_string(id),
                                {{"decision", decision}, {"note", note}}));
  HARRIER_RETURN_IF_ERROR(
      ctx.store.DecideAlert(id, decision, ctx.user, note, ToUnixMillis(ctx.clock.WallNow())));
  ctx.out << "alert " << id << " " << decision << "\n";
  return Status::Ok();
}

Status CmdShowImage(CommandContext& ctx, const std::string& sha256) {
  // EXIF can hold where a photo was taken: the access is audited first.
  HARRIER_RETURN_IF_ERROR(Audit(ctx, "consultation.image", "image:" + sha256, json::object()));
  Result<std::optional<store::ImageRecord>> image = ctx.store.GetImage(sha256);
  if (!image.ok()) return image.status();
  if (!image->has_value()) return Status::NotFound("no image " + sha256);
  const store::ImageRecord& r = **image;
  Result<std::vector<store::ImageUse>> uses = ctx.store.ImageUses(sha256);
  if (!uses.ok()) return uses.status();
  Result<std::vector<store::ImageMatchRow>> matches = ctx.store.ImageMatches(sha256);
  if (!matches.ok()) return matches.status();
  json exif =
      r.analysis.exif.empty() ? json::object() : json::parse(r.analysis.exif, nullptr, false);
  json j = {{"sha256", r.sha256},
            {"size", r.size},
            {"mime", r.mime},
            {"first_seen", Time(r.first_seen_ms)},
            {"width", r.analysis.width},
            {"height", r.analysis.height},
            {"pdq", r.analysis.pdq},
            {"pdq_quality", r.analysis.pdq_quality},
            {"phash", r.analysis.phash},
            {"exif", exif.is_discarded() ? json::object() : exif},
            {"rejection", r.analysis.rejection},
            {"rejection_detail", r.analysis.rejection_detail},
            {"adverts", json::array()},
            {"near_duplicates", json::array()}};
  for (const store::ImageUse& u : *uses) {
    j["adverts"].push_back({{"document_id", u.document_id},
                            {"version_id", u.document_version_id},
                            {"url", u.advert_url},
                            {"image_url", u.image_url},
                            {"captured", Time(u.captured_ms)}});
  }
  for (const store::ImageMatchRow& m : *matches) {
    j["near_duplicates"].push_back({{"sha256", m.image_a == sha256 ? m.image_b : m.image_a},
                                    {"distance", m.distance},
                                    {"method", m.method},
                                    {"found", Time(m.found_ms)}});
  }
  ctx.out << j.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
  return Status::Ok();
}

}  // namespace harrier::cli
