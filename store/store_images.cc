// Image rows: hashes and refusals, watchlist photos, near-duplicate pairs
// and alerts. See store.h and image_records.h.
#include <utility>

#include "store/internal.h"
#include "store/store.h"

namespace harrier::store {

using internal::Statement;

namespace {

constexpr char kImageColumns[] =
    "rowid, sha256, size, mime, blob_path, first_seen_ms, width, height, pdq, pdq_quality, "
    "phash, exif, rejection, rejection_detail, ocr_state, windows";

ImageRecord ReadImage(const Statement& q) {
  ImageRecord r;
  r.rowid = q.Int(0);
  r.sha256 = q.Text(1);
  r.size = q.Int(2);
  r.mime = q.Text(3);
  r.blob_path = q.Text(4);
  r.first_seen_ms = q.Int(5);
  r.analysis.width = static_cast<int>(q.Int(6));
  r.analysis.height = static_cast<int>(q.Int(7));
  r.analysis.pdq = q.Text(8);
  r.analysis.pdq_quality = static_cast<int>(q.Int(9));
  r.analysis.phash = q.Text(10);
  r.analysis.exif = q.Text(11);
  r.analysis.rejection = q.Text(12);
  r.analysis.rejection_detail = q.Text(13);
  r.analysis.ocr_state = q.Text(14);
  r.analysis.windows = q.Text(15);
  return r;
}

Result<std::optional<ImageRecord>> OneImage(Statement& q) {
  Result<bool> row = q.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<ImageRecord>();
  return std::optional<ImageRecord>(ReadImage(q));
}

constexpr char kWatchlistColumns[] =
    "id, operation, reason, added_by, added_ms, file_name, sha256, width, height, pdq, "
    "pdq_quality, phash, photo_path, windows, orb";

WatchlistImage ReadWatchlist(const Statement& q) {
  WatchlistImage w;
  w.id = q.Int(0);
  w.operation = q.Text(1);
  w.reason = q.Text(2);
  w.added_by = q.Text(3);
  w.added_ms = q.Int(4);
  w.file_name = q.Text(5);
  w.sha256 = q.Text(6);
  w.width = static_cast<int>(q.Int(7));
  w.height = static_cast<int>(q.Int(8));
  w.pdq = q.Text(9);
  w.pdq_quality = static_cast<int>(q.Int(10));
  w.phash = q.Text(11);
  w.photo_path = q.Text(12);
  w.windows = q.Text(13);
  w.orb = q.Text(14);
  return w;
}

// Every kind of alert, with whichever watchlist entry raised it (LEFT JOINs:
// a cluster_growth alert has none).
constexpr char kAlertSelect[] =
    "SELECT a.id, a.watchlist_image_id, a.image_sha256, a.document_id, a.url, a.captured_ms, "
    "a.distance, a.method, a.image_pdq, a.watchlist_pdq, a.created_ms, a.status, a.decided_by, "
    "a.decided_ms, a.note, COALESCE(w.operation, ws.operation), COALESCE(w.reason, ws.reason), "
    "a.kind, a.watchlist_selector_id, sel.kind, sel.value, a.cluster_id, a.cluster_size "
    "FROM alert a LEFT JOIN watchlist_image w ON w.id = a.watchlist_image_id "
    "LEFT JOIN watchlist_selector ws ON ws.id = a.watchlist_selector_id "
    "LEFT JOIN selector sel ON sel.id = a.selector_id ";

AlertRow ReadAlert(const Statement& q) {
  AlertRow a;
  a.id = q.Int(0);
  a.watchlist_image_id = q.Int(1);
  a.image_sha256 = q.Text(2);
  a.document_id = q.OptInt(3);
  a.url = q.Text(4);
  a.captured_ms = q.Int(5);
  a.distance = static_cast<int>(q.Int(6));
  a.method = q.Text(7);
  a.image_pdq = q.Text(8);
  a.watchlist_pdq = q.Text(9);
  a.created_ms = q.Int(10);
  a.status = q.Text(11);
  a.decided_by = q.Text(12);
  a.decided_ms = q.OptInt(13);
  a.note = q.Text(14);
  a.operation = q.Text(15);
  a.watchlist_reason = q.Text(16);
  a.kind = q.Text(17);
  a.watchlist_selector_id = q.Int(18);
  a.selector_kind = q.Text(19);
  a.selector_value = q.Text(20);
  a.cluster_id = q.Int(21);
  a.cluster_size = q.Int(22);
  return a;
}

}  // namespace

Result<std::optional<ImageRecord>> Store::GetImage(const std::string& sha256) {
  Statement q(db_, std::string("SELECT ") + kImageColumns + " FROM image WHERE sha256 = ?1",
              "get image");
  q.Bind(sha256);
  return OneImage(q);
}

Result<std::optional<ImageRecord>> Store::GetImageByRowid(int64_t rowid) {
  Statement q(db_, std::string("SELECT ") + kImageColumns + " FROM image WHERE rowid = ?1",
              "get image");
  q.Bind(rowid);
  return OneImage(q);
}

Result<std::vector<std::pair<int64_t, std::string>>> Store::ListImageHashes(int min_quality) {
  std::vector<std::pair<int64_t, std::string>> out;
  Statement q(db_,
              "SELECT rowid, pdq FROM image WHERE pdq != '' AND pdq_quality >= ?1 ORDER BY rowid",
              "list image hashes");
  HARRIER_RETURN_IF_ERROR(q.Bind(min_quality).ForEach([&](const Statement& row) {
    out.emplace_back(row.Int(0), row.Text(1));
  }));
  return out;
}

Status Store::ForEachImageWindows(
    const std::function<void(int64_t, const std::string&, const std::string&)>& visit) {
  Statement q(db_, "SELECT rowid, pdq, windows FROM image WHERE windows != '' ORDER BY rowid",
              "list image windows");
  return q.ForEach([&](const Statement& row) { visit(row.Int(0), row.Text(1), row.Text(2)); });
}

Result<std::vector<ImageUse>> Store::ImageUses(const std::string& sha256) {
  std::vector<ImageUse> out;
  // The image's captures give its URLs; the advert versions listing one of
  // them show it. Oldest first.
  Statement q(db_,
              "SELECT DISTINCT di.document_id, di.document_version_id, d.url, di.url, c.fetched_ms "
              "FROM capture c JOIN document_image di ON di.url = c.url "
              "JOIN document d ON d.id = di.document_id "
              "WHERE c.body_sha256 = ?1 ORDER BY c.fetched_ms, di.document_version_id",
              "list image uses");
  HARRIER_RETURN_IF_ERROR(q.Bind(sha256).ForEach([&](const Statement& row) {
    out.push_back({row.Int(0), row.Int(1), row.Text(2), row.Text(3), row.Int(4)});
  }));
  return out;
}

Result<std::pair<int64_t, bool>> Store::AddWatchlistImage(const WatchlistImage& w) {
  Statement insert(db_,
                   "INSERT INTO watchlist_image(operation, reason, added_by, added_ms, file_name, "
                   "sha256, width, height, pdq, pdq_quality, phash, photo_path, windows, orb) "
                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14) "
                   "ON CONFLICT(operation, sha256) DO NOTHING",
                   "add watchlist image");
  HARRIER_RETURN_IF_ERROR(insert
                              .Bind(w.operation, w.reason, w.added_by, w.added_ms, w.file_name,
                                    w.sha256, w.width, w.height, w.pdq, w.pdq_quality, w.phash,
                                    w.photo_path, w.windows, w.orb)
                              .Run());
  const bool added = insert.Changes() > 0;
  Statement q(db_, "SELECT id FROM watchlist_image WHERE operation = ?1 AND sha256 = ?2",
              "find watchlist image");
  Result<bool> row = q.Bind(w.operation, w.sha256).Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::Internal("watchlist image vanished after insert");
  return std::make_pair(q.Int(0), added);
}

Result<std::vector<WatchlistImage>> Store::ListWatchlistImages() {
  std::vector<WatchlistImage> out;
  Statement q(db_, std::string("SELECT ") + kWatchlistColumns + " FROM watchlist_image ORDER BY id",
              "list watchlist");
  HARRIER_RETURN_IF_ERROR(
      q.ForEach([&](const Statement& row) { out.push_back(ReadWatchlist(row)); }));
  return out;
}

Result<bool> Store::RecordImageMatch(ImageMatchRow m) {
  if (m.image_a == m.image_b) return false;
  if (m.image_b < m.image_a) std::swap(m.image_a, m.image_b);
  Statement q(db_,
              "INSERT INTO image_match(image_a, image_b, distance, method, found_ms) "
              "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(image_a, image_b) DO NOTHING",
              "record image match");
  HARRIER_RETURN_IF_ERROR(q.Bind(m.image_a, m.image_b, m.distance, m.method, m.found_ms).Run());
  return q.Changes() > 0;
}

Result<std::vector<ImageMatchRow>> Store::ImageMatches(const std::string& sha256) {
  std::vector<ImageMatchRow> out;
  Statement q(db_,
              std::string("SELECT ") + internal::kImageMatchColumns +
                  " FROM image_match WHERE image_a = ?1 OR image_b = ?1 ORDER BY distance, id",
              "list image matches");
  HARRIER_RETURN_IF_ERROR(q.Bind(sha256).ForEach(
      [&](const Statement& row) { out.push_back(internal::ReadImageMatch(row)); }));
  return out;
}

Result<std::optional<int64_t>> Store::RaiseAlert(const AlertRow& a) {
  Statement q(db_,
              "INSERT INTO alert(kind, watchlist_image_id, image_sha256, document_id, url, "
              "captured_ms, distance, method, image_pdq, watchlist_pdq, created_ms) "
              "VALUES ('watchlist_image', ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
              "ON CONFLICT(watchlist_image_id, image_sha256) WHERE kind = 'watchlist_image' "
              "DO NOTHING",
              "raise alert");
  HARRIER_RETURN_IF_ERROR(q.Bind(a.watchlist_image_id, a.image_sha256, a.document_id, a.url,
                                 a.captured_ms, a.distance, a.method, a.image_pdq, a.watchlist_pdq,
                                 a.created_ms)
                              .Run());
  if (q.Changes() == 0) return std::optional<int64_t>();
  return std::optional<int64_t>(q.LastInsertId());
}

Result<std::vector<AlertRow>> Store::ListAlerts(const std::string& status, int limit) {
  std::vector<AlertRow> out;
  Statement q(
      db_, std::string(kAlertSelect) + "WHERE ?1 = '' OR a.status = ?1 ORDER BY a.id DESC LIMIT ?2",
      "list alerts");
  HARRIER_RETURN_IF_ERROR(
      q.Bind(status, limit).ForEach([&](const Statement& row) { out.push_back(ReadAlert(row)); }));
  return out;
}

Result<std::optional<AlertRow>> Store::GetAlert(int64_t id) {
  Statement q(db_, std::string(kAlertSelect) + "WHERE a.id = ?1", "get alert");
  Result<bool> row = q.Bind(id).Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<AlertRow>();
  return std::optional<AlertRow>(ReadAlert(q));
}

Status Store::DecideAlert(int64_t id, const std::string& status, const std::string& actor,
                          const std::string& note, int64_t now_ms) {
  if (status != "confirmed" && status != "rejected") {
    return Status::InvalidArgument("alert decision must be 'confirmed' or 'rejected', not '" +
                                   status + "'");
  }
  Statement q(db_,
              "UPDATE alert SET status = ?2, decided_by = ?3, decided_ms = ?4, note = ?5 "
              "WHERE id = ?1 AND status = 'open'",
              "decide alert");
  HARRIER_RETURN_IF_ERROR(q.Bind(id, status, actor, now_ms, note).Run());
  if (q.Changes() == 0) {
    Result<std::optional<AlertRow>> alert = GetAlert(id);
    if (!alert.ok()) return alert.status();
    if (!alert->has_value()) return Status::NotFound("no alert " + std::to_string(id));
    return Status::Rejected("alert " + std::to_string(id) + " was already " + (*alert)->status +
                            " by " + (*alert)->decided_by);
  }
  return Status::Ok();
}

}  // namespace harrier::store
