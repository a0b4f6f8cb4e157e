#include "analysis/image_linker.h"

#include <algorithm>
#include <utility>

#include "imageproc/fingerprint.h"

namespace harrier::analysis {

namespace {

Result<std::vector<std::pair<uint64_t, imageproc::Hash256>>> Parse(
    const std::vector<std::pair<int64_t, std::string>>& rows, const std::string& what) {
  std::vector<std::pair<uint64_t, imageproc::Hash256>> out;
  out.reserve(rows.size());
  for (const auto& [id, hex] : rows) {
    Result<imageproc::Hash256> hash = imageproc::Hash256FromPdqHex(hex);
    if (!hash.ok()) {
      return hash.status().WithContext(what + " " + std::to_string(id) + " has a bad PDQ hash");
    }
    out.emplace_back(static_cast<uint64_t>(id), *hash);
  }
  return out;
}

}  // namespace

Result<size_t> ImageLinker::Load() {
  Result<std::vector<std::pair<int64_t, std::string>>> images =
      store_.ListImageHashes(min_quality_);
  if (!images.ok()) return images.status();
  Result<std::vector<store::WatchlistImage>> watchlist = store_.ListWatchlistImages();
  if (!watchlist.ok()) return watchlist.status();
  std::vector<std::pair<int64_t, std::string>> entries;
  listed_.clear();
  windows_ = imageproc::HashIndex();
  for (const store::WatchlistImage& w : *watchlist) {
    if (w.pdq_quality >= min_quality_) entries.emplace_back(w.id, w.pdq);
    HARRIER_RETURN_IF_ERROR(Remember(w));
  }
  Result<std::vector<std::pair<uint64_t, imageproc::Hash256>>> image_hashes =
      Parse(*images, "image");
  if (!image_hashes.ok()) return image_hashes.status();
  Result<std::vector<std::pair<uint64_t, imageproc::Hash256>>> entry_hashes =
      Parse(entries, "watchlist entry");
  if (!entry_hashes.ok()) return entry_hashes.status();
  const size_t total = image_hashes->size() + entry_hashes->size();
  matcher_.BuildImages(std::move(*image_hashes));
  matcher_.BuildWatchlist(std::move(*entry_hashes));
  return total;
}

Result<std::optional<int64_t>> ImageLinker::Raise(const store::WatchlistImage& entry,
                                                  const store::ImageRecord& image, int distance,
                                                  const std::string& method) {
  store::AlertRow alert;
  alert.watchlist_image_id = entry.id;
  alert.image_sha256 = image.sha256;
  alert.distance = distance;
  alert.method = method;
  alert.image_pdq = image.analysis.pdq;
  alert.watchlist_pdq = entry.pdq;
  alert.created_ms = ToUnixMillis(clock_.WallNow());
  alert.captured_ms = image.first_seen_ms;
  // The advert that first showed the image; every other is one query away.
  Result<std::vector<store::ImageUse>> uses = store_.ImageUses(image.sha256);
  if (!uses.ok()) return uses.status();
  if (!uses->empty()) {
    alert.document_id = uses->front().document_id;
    alert.url = uses->front().advert_url;
    alert.captured_ms = uses->front().captured_ms;
  }
  return store_.RaiseAlert(alert);
}

Status ImageLinker::Remember(const store::WatchlistImage& entry) {
  if (entry.windows.empty()) return Status::Ok();
  for (const Listed& listed : listed_) {
    if (listed.entry.id == entry.id) return Status::Ok();  // listed again
  }
  const std::string what = "watchlist entry " + std::to_string(entry.id);
  Listed listed{entry, {}, std::nullopt};
  Result<imageproc::PdqHash> pdq = imageproc::PdqHash::FromHex(entry.pdq);
  if (!pdq.ok()) return pdq.status().WithContext(what + " has a bad PDQ hash");
  listed.signature.pdq = *pdq;
  listed.signature.pdq.quality = entry.pdq_quality;
  Result<std::vector<uint8_t>> windows = imageproc::FromHexText(entry.windows);
  if (!windows.ok()) return windows.status().WithContext(what + " sub-windows");
  Result<imageproc::SubwindowHashes> decoded = imageproc::DecodeSubwindowHashes(*windows);
  // Another encoding version: its windows cannot be compared; the global
  // stage still applies.
  if (!decoded.ok()) return Status::Ok();
  listed.signature.windows = std::move(*decoded);
  if (!entry.orb.empty()) {
    Result<std::vector<uint8_t>> orb = imageproc::FromHexText(entry.orb);
    if (orb.ok()) {
      Result<imageproc::OrbFeatures> features = imageproc::OrbFeatures::Parse(*orb);
      if (features.ok()) listed.orb = std::move(*features);
    }
  }
  const uint64_t index = listed_.size();
  for (size_t w = 0; w < listed.signature.windows.windows.size() && w < 256; ++w) {
    windows_.Add(index << 8 | w, imageproc::ToHash256(listed.signature.windows.windows[w].hash));
  }
  listed_.push_back(std::move(listed));
  return Status::Ok();
}

std::optional<std::pair<std::string, int>> ImageLinker::DecideWindows(
    const imageproc::ImageSignature& image, const Listed& listed, const PixelLoader& pixels,
    std::optional<cv::Mat>* decoded, std::optional<imageproc::LazyOrbFeatures>* features) const {
  imageproc::MatchOptions options = stage_;
  options.require_geometry = false;
  const imageproc::MatchDecision candidate =
      imageproc::MatchHashes(image, listed.signature, options);
  if (candidate.match || !candidate.windows) return std::nullopt;  // global: the index's
  if (!listed.orb) return std::make_pair(std::string("subwindow"), candidate.distance);
  if (!*decoded) {
    Result<cv::Mat> loaded = pixels ? pixels() : Result<cv::Mat>(Status::NotFound("no pixels"));
    *decoded = loaded.ok() ? *loaded : cv::Mat();
    features->emplace(**decoded, stage_.geometry);
  }
  if ((*decoded)->empty()) return std::nullopt;
  options.require_geometry = true;
  const imageproc::MatchDecision decision =
      imageproc::DecideMatch(image, **features, listed.signature, &*listed.orb, options);
  if (!decision.match) return std::nullopt;
  return std::make_pair(std::string(imageproc::MatchMethodName(decision.method)),
                        decision.distance);
}

Status ImageLinker::MatchWindows(const store::ImageRecord& self,
                                 const imageproc::ImageSignature& image, const PixelLoader& pixels,
                                 const std::vector<uint64_t>& already, LinkOutcome* outcome) {
  std::optional<cv::Mat> decoded;  // loaded for the first candidate that needs ORB
  std::optional<imageproc::LazyOrbFeatures> features;
  // Candidates from the window index: any window pair the decision could
  // accept is within the larger of the two radii.
  const int radius = std::max(stage_.crop_threshold, stage_.strip_threshold);
  std::vector<uint64_t> candidates;
  for (const imageproc::WindowHash& w : image.windows.windows) {
    for (const imageproc::HashMatch& m : windows_.Search(imageproc::ToHash256(w.hash), radius)) {
      candidates.push_back(m.id >> 8);
    }
  }
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  for (const uint64_t candidate_index : candidates) {
    const Listed& listed = listed_[candidate_index];
    if (std::find(already.begin(), already.end(), static_cast<uint64_t>(listed.entry.id)) !=
        already.end()) {
      continue;
    }
    const std::optional<std::pair<std::string, int>> found =
        DecideWindows(image, listed, pixels, &decoded, &features);
    if (!found) continue;
    Result<std::optional<int64_t>> raised = Raise(listed.entry, self, found->second, found->first);
    if (!raised.ok()) return raised.status();
    if (raised->has_value()) outcome->alerts.push_back(**raised);
  }
  return Status::Ok();
}

Result<LinkOutcome> ImageLinker::OnImage(const std::string& sha256,
                                         const imageproc::ImageSignature& signature,
                                         const PixelLoader& pixels) {
  LinkOutcome outcome;
  if (!signature.dihedral)
    return Status::InvalidArgument("image " + sha256 + " has no dihedral hashes");
  const imageproc::PdqDihedralHashes& pdq = *signature.dihedral;
  if (pdq[0].quality < min_quality_ && listed_.empty()) return outcome;
  Result<std::optional<store::ImageRecord>> image = store_.GetImage(sha256);
  if (!image.ok()) return image.status();
  if (!image->has_value()) return Status::NotFound("image " + sha256 + " is not stored");
  const store::ImageRecord& self = **image;
  const int64_t now_ms = ToUnixMillis(clock_.WallNow());
  const std::vector<imageproc::ImageMatch> near = pdq[0].quality >= min_quality_
                                                      ? matcher_.MatchImages(pdq)
                                                      : std::vector<imageproc::ImageMatch>();
  for (const imageproc::ImageMatch& m : near) {
    if (static_cast<int64_t>(m.id) == self.rowid) continue;  // a replayed commit
    Result<std::optional<store::ImageRecord>> other =
        store_.GetImageByRowid(static_cast<int64_t>(m.id));
    if (!other.ok()) return other.status();
    if (!other->has_value()) continue;
    Result<bool> added =
        store_.RecordImageMatch({self.sha256, (*other)->sha256, m.distance, m.Method(), now_ms});
    if (!added.ok()) return added.status();
    outcome.near_duplicates += *added ? 1 : 0;
  }
  const std::vector<imageproc::ImageMatch> hits = pdq[0].quality >= min_quality_
                                                      ? matcher_.MatchWatchlist(pdq)
                                                      : std::vector<imageproc::ImageMatch>();
  std::vector<uint64_t> already;
  for (const imageproc::ImageMatch& m : hits) already.push_back(m.id);
  if (!hits.empty()) {
    Result<std::vector<store::WatchlistImage>> entries = store_.ListWatchlistImages();
    if (!entries.ok()) return entries.status();
    for (const imageproc::ImageMatch& m : hits) {
      for (const store::WatchlistImage& entry : *entries) {
        if (static_cast<uint64_t>(entry.id) != m.id) continue;
        Result<std::optional<int64_t>> raised = Raise(entry, self, m.distance, m.Method());
        if (!raised.ok()) return raised.status();
        if (raised->has_value()) outcome.alerts.push_back(**raised);
      }
    }
  }
  HARRIER_RETURN_IF_ERROR(MatchWindows(self, signature, pixels, already, &outcome));
  if (pdq[0].quality >= min_quality_) matcher_.AddImage(static_cast<uint64_t>(self.rowid), pdq[0]);
  return outcome;
}

Result<LinkOutcome> ImageLinker::OnWatchlistEntry(const store::WatchlistImage& entry,
                                                  const imageproc::PdqDihedralHashes& pdq,
                                                  const PixelsOf& pixels_of) {
  LinkOutcome outcome;
  HARRIER_RETURN_IF_ERROR(Remember(entry));
  std::vector<int64_t> matched;  // by the global stage
  if (pdq[0].quality >= min_quality_) {
    for (const imageproc::ImageMatch& m : matcher_.MatchImages(pdq)) {
      Result<std::optional<store::ImageRecord>> image =
          store_.GetImageByRowid(static_cast<int64_t>(m.id));
      if (!image.ok()) return image.status();
      if (!image->has_value()) continue;
      matched.push_back((*image)->rowid);
      Result<std::optional<int64_t>> raised = Raise(entry, **image, m.distance, m.Method());
      if (!raised.ok()) return raised.status();
      if (raised->has_value()) outcome.alerts.push_back(**raised);
    }
    matcher_.AddWatchlist(static_cast<uint64_t>(entry.id), pdq[0]);
  }
  // The second stage over every stored image's windows: the hash test in
  // the scan, the ORB check (if any) and the alert after it.
  const Listed* listed = nullptr;
  for (const Listed& l : listed_) {
    if (l.entry.id == entry.id) listed = &l;
  }
  if (listed == nullptr) return outcome;
  std::vector<int64_t> candidates;
  imageproc::MatchOptions hashes_only = stage_;
  hashes_only.require_geometry = false;
  HARRIER_RETURN_IF_ERROR(store_.ForEachImageWindows(
      [&](int64_t rowid, const std::string& pdq_hex, const std::string& windows_hex) {
        if (std::find(matched.begin(), matched.end(), rowid) != matched.end()) return;
        Result<imageproc::PdqHash> global = imageproc::PdqHash::FromHex(pdq_hex);
        Result<std::vector<uint8_t>> bytes = imageproc::FromHexText(windows_hex);
        if (!global.ok() || !bytes.ok()) return;
        Result<imageproc::SubwindowHashes> windows = imageproc::DecodeSubwindowHashes(*bytes);
        if (!windows.ok()) return;
        const imageproc::ImageSignature image{*global, std::nullopt, std::move(*windows)};
        const imageproc::MatchDecision d =
            imageproc::MatchHashes(image, listed->signature, hashes_only);
        if (!d.match && d.windows) candidates.push_back(rowid);
      }));
  for (const int64_t rowid : candidates) {
    Result<std::optional<store::ImageRecord>> image = store_.GetImageByRowid(rowid);
    if (!image.ok()) return image.status();
    if (!image->has_value()) continue;
    const store::ImageRecord& record = **image;
    Result<imageproc::PdqHash> global = imageproc::PdqHash::FromHex(record.analysis.pdq);
    Result<std::vector<uint8_t>> bytes = imageproc::FromHexText(record.analysis.windows);
    if (!global.ok() || !bytes.ok()) continue;
    global->quality = record.analysis.pdq_quality;
    Result<imageproc::SubwindowHashes> windows = imageproc::DecodeSubwindowHashes(*bytes);
    if (!windows.ok()) continue;
    const imageproc::ImageSignature signature{*global, std::nullopt, std::move(*windows)};
    const PixelLoader pixels = [&]() -> Result<cv::Mat> {
      if (!pixels_of) return Status::NotFound("no pixels");
      return pixels_of(record.sha256);
    };
    std::optional<cv::Mat> decoded;
    std::optional<imageproc::LazyOrbFeatures> features;
    const std::optional<std::pair<std::string, int>> found =
        DecideWindows(signature, *listed, pixels, &decoded, &features);
    if (!found) continue;
    Result<std::optional<int64_t>> raised = Raise(entry, record, found->second, found->first);
    if (!raised.ok()) return raised.status();
    if (raised->has_value()) outcome.alerts.push_back(**raised);
  }
  return outcome;
}

}  // namespace harrier::analysis
