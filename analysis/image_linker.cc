#include "analysis/image_linker.h"

#include <utility>

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
  for (const store::WatchlistImage& w : *watchlist) {
    if (w.pdq_quality >= min_quality_) entries.emplace_back(w.id, w.pdq);
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

Result<LinkOutcome> ImageLinker::OnImage(const std::string& sha256,
                                         const imageproc::PdqDihedralHashes& pdq) {
  LinkOutcome outcome;
  if (pdq[0].quality < min_quality_) return outcome;
  Result<std::optional<store::ImageRecord>> image = store_.GetImage(sha256);
  if (!image.ok()) return image.status();
  if (!image->has_value()) return Status::NotFound("image " + sha256 + " is not stored");
  const store::ImageRecord& self = **image;
  const int64_t now_ms = ToUnixMillis(clock_.WallNow());
  for (const imageproc::ImageMatch& m : matcher_.MatchImages(pdq)) {
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
  const std::vector<imageproc::ImageMatch> hits = matcher_.MatchWatchlist(pdq);
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
  matcher_.AddImage(static_cast<uint64_t>(self.rowid), pdq[0]);
  return outcome;
}

Result<LinkOutcome> ImageLinker::OnWatchlistEntry(const store::WatchlistImage& entry,
                                                  const imageproc::PdqDihedralHashes& pdq) {
  LinkOutcome outcome;
  if (pdq[0].quality < min_quality_) return outcome;
  for (const imageproc::ImageMatch& m : matcher_.MatchImages(pdq)) {
    Result<std::optional<store::ImageRecord>> image =
        store_.GetImageByRowid(static_cast<int64_t>(m.id));
    if (!image.ok()) return image.status();
    if (!image->has_value()) continue;
    Result<std::optional<int64_t>> raised = Raise(entry, **image, m.distance, m.Method());
    if (!raised.ok()) return raised.status();
    if (raised->has_value()) outcome.alerts.push_back(**raised);
  }
  matcher_.AddWatchlist(static_cast<uint64_t>(entry.id), pdq[0]);
  return outcome;
}

}  // namespace harrier::analysis
