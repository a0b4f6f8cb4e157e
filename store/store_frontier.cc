// The durable frontier: runs, leases, and the commits that mark items done
// or failed. A restart resumes from these rows (ReleaseLeases puts in-flight
// items back), so every commit is idempotent: replaying one after a crash
// between COMMIT and its acknowledgement changes nothing.
#include <sqlite3.h>

#include <algorithm>
#include <string>

#include "core/sha256.h"
#include "store/frontier_sql.h"
#include "store/internal.h"
#include "store/store.h"

namespace harrier::store {

namespace {

using internal::Statement;

std::optional<FrontierKind> ParseFrontierKind(std::string_view name) {
  if (name == "listing") return FrontierKind::kListing;
  if (name == "advert") return FrontierKind::kAdvert;
  if (name == "image") return FrontierKind::kImage;
  if (name == "sitemap") return FrontierKind::kSitemap;
  return std::nullopt;
}

}  // namespace

std::string_view FrontierKindName(FrontierKind kind) {
  switch (kind) {
    case FrontierKind::kListing:
      return "listing";
    case FrontierKind::kAdvert:
      return "advert";
    case FrontierKind::kImage:
      return "image";
    case FrontierKind::kSitemap:
      return "sitemap";
  }
  return "unknown";
}

namespace internal {

// Insert when new. An existing row is re-queued only when it belongs to an
// earlier run (done, failed, or abandoned there); a row of this run is left
// alone whatever its state, so a page linking to itself, or to a page done
// earlier in the run, does not loop. Images are immutable per URL: once
// fetched (done) they are never queued again. A URL that failed for good
// ("permanent:" — a channel without a public preview, an account that is
// gone) is not queued again until someone clears it (ClearPermanentFailures).
Enqueuer::Enqueuer(sqlite3* db)
    : insert_(db,
              "INSERT INTO frontier(source_id, run_id, url, kind, depth, state, attempts, "
              "not_before_ms, last_error, updated_ms) "
              "VALUES (?1, ?2, ?3, ?4, ?5, 'pending', 0, 0, '', ?6) "
              "ON CONFLICT(source_id, url, kind) DO UPDATE SET "
              "run_id = excluded.run_id, depth = excluded.depth, state = 'pending', "
              "attempts = 0, not_before_ms = 0, last_error = '', "
              "updated_ms = excluded.updated_ms "
              "WHERE frontier.run_id < excluded.run_id "
              "AND (excluded.kind != 'image' OR frontier.state != 'done') "
              "AND NOT (frontier.state = 'failed' AND frontier.last_error LIKE 'permanent:%')",
              "enqueue frontier item") {}

Result<bool> Enqueuer::Enqueue(int64_t source_id, int64_t run_id, const std::string& url,
                               FrontierKind kind, int depth, int64_t now_ms) {
  insert_.Reset();
  insert_.Bind(source_id, run_id, url, FrontierKindName(kind), depth, now_ms);
  Status st = insert_.Run();
  if (!st.ok()) return st.WithContext(url);
  return insert_.Changes() > 0;
}

Status MarkDone(sqlite3* db, const FrontierItem& item, int64_t now_ms) {
  Statement q(db,
              "UPDATE frontier SET state = 'done', last_error = '', updated_ms = ?2 "
              "WHERE id = ?1",
              "mark frontier item done");
  HARRIER_RETURN_IF_ERROR(q.Bind(item.id, now_ms).Run());
  if (q.Changes() == 0) {
    return Status::NotFound("mark frontier item done: no item " + std::to_string(item.id));
  }
  return Status::Ok();
}

Result<int64_t> InsertCapture(sqlite3* db, const CaptureRow& c, const FrontierItem& item) {
  // Callers normally fill these; the item is the authority when they do not.
  const int64_t source_id = c.source_id != 0 ? c.source_id : item.source_id;
  const int64_t run_id = c.run_id != 0 ? c.run_id : item.run_id;
  const std::string& url = c.url.empty() ? item.url : c.url;
  Statement insert(db,
                   "INSERT INTO capture(source_id, run_id, url, final_url, http_status, "
                   "fetched_ms, body_sha256, body_size, content_type, remote_ip, blob_path, "
                   "error, egress, warc_file, warc_offset, warc_length, warc_record_id) "
                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, "
                   "?16, ?17) "
                   "ON CONFLICT(run_id, url, body_sha256, fetched_ms) DO NOTHING",
                   "insert capture");
  HARRIER_RETURN_IF_ERROR(insert
                              .Bind(source_id, run_id, url, c.final_url, c.http_status,
                                    c.fetched_ms, c.body_sha256, c.body_size, c.content_type,
                                    c.remote_ip, c.blob_path, c.error, c.egress, c.warc_file,
                                    c.warc_offset, c.warc_length, c.warc_record_id)
                              .Run());
  if (insert.Changes() > 0) return insert.LastInsertId();
  // A replay: the same response was committed before.
  Statement find(db,
                 "SELECT id FROM capture WHERE run_id = ?1 AND url = ?2 AND body_sha256 = ?3 "
                 "AND fetched_ms = ?4",
                 "find replayed capture");
  Result<bool> row = find.Bind(run_id, url, c.body_sha256, c.fetched_ms).Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::Internal("insert capture: neither inserted nor found");
  return find.Int(0);
}

}  // namespace internal

Result<int64_t> Store::StartRun(int64_t source_id, const std::vector<std::string>& start_urls,
                                int64_t now_ms) {
  int64_t run_id = 0;
  Status st = InTransaction([&]() -> Status {
    Statement run(db_, "INSERT INTO run(source_id, started_ms) VALUES (?1, ?2)", "insert run");
    HARRIER_RETURN_IF_ERROR(run.Bind(source_id, now_ms).Run());
    run_id = run.LastInsertId();
    Statement source(db_, "UPDATE source SET last_run_started_ms = ?2 WHERE id = ?1",
                     "record run start on source");
    HARRIER_RETURN_IF_ERROR(source.Bind(source_id, now_ms).Run());
    internal::Enqueuer enqueuer(db_);
    for (const std::string& url : start_urls) {
      Result<bool> queued =
          enqueuer.Enqueue(source_id, run_id, url, FrontierKind::kListing, 0, now_ms);
      if (!queued.ok()) return queued.status();
    }
    return Status::Ok();
  });
  if (!st.ok()) return st.WithContext("start run of source " + std::to_string(source_id));
  return run_id;
}

Result<std::vector<FrontierItem>> Store::LeaseFrontier(int64_t run_id, int limit, int64_t now_ms) {
  std::vector<FrontierItem> items;
  if (limit <= 0) return items;
  Status st = InTransaction([&]() -> Status {
    items.clear();
    // Pages before images: pages yield the links that keep the crawl going.
    Statement select(db_,
                     "SELECT id, source_id, run_id, url, kind, depth, attempts FROM frontier "
                     "WHERE run_id = ?1 AND state = 'pending' AND not_before_ms <= ?2 "
                     "ORDER BY kind = 'image', id LIMIT ?3",
                     "select pending frontier items");
    Status kind_error;
    HARRIER_RETURN_IF_ERROR(select.Bind(run_id, now_ms, limit).ForEach([&](const Statement& r) {
      std::optional<FrontierKind> kind = ParseFrontierKind(r.Text(4));
      if (!kind) kind_error = Status::Corrupt("frontier item has kind " + r.Text(4));
      items.push_back({r.Int(0), r.Int(1), r.Int(2), r.Text(3),
                       kind.value_or(FrontierKind::kListing), static_cast<int>(r.Int(5)),
                       static_cast<int>(r.Int(6))});
    }));
    HARRIER_RETURN_IF_ERROR(kind_error);
    Statement lease(db_, "UPDATE frontier SET state = 'leased', updated_ms = ?2 WHERE id = ?1",
                    "lease frontier item");
    for (const FrontierItem& item : items) {
      lease.Reset();
      HARRIER_RETURN_IF_ERROR(lease.Bind(item.id, now_ms).Run());
    }
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return items;
}

Status Store::ReleaseLeases() {
  Statement q(db_, "UPDATE frontier SET state = 'pending' WHERE state = 'leased'",
              "release frontier leases");
  return q.Run();
}

Result<int64_t> Store::CountOutstanding(int64_t run_id) {
  Statement q(db_,
              "SELECT COUNT(*) FROM frontier WHERE run_id = ?1 AND state IN ('pending', 'leased')",
              "count outstanding frontier items");
  Result<bool> row = q.Bind(run_id).Step();
  if (!row.ok()) return row.status();
  return q.Int(0);
}

Status Store::CommitImage(const ImageCommit& commit) {
  if (!IsSha256Hex(commit.sha256)) {
    return Status::InvalidArgument("commit image " + commit.item.url + ": sha256 '" +
                                   commit.sha256 + "' is not 64 lower-case hex digits");
  }
  Status st = InTransaction([&]() -> Status {
    Result<int64_t> capture_id = internal::InsertCapture(db_, commit.capture, commit.item);
    if (!capture_id.ok()) return capture_id.status();
    // Content-addressed: the first capture of these bytes stays the image's.
    // An image stored before it was analysed (schema 3) gets the analysis.
    const ImageAnalysis& a = commit.analysis;
    Statement image(
        db_,
        "INSERT INTO image(sha256, size, mime, blob_path, first_seen_ms, capture_id, "
        "width, height, pdq, pdq_quality, phash, exif, rejection, rejection_detail, "
        "ocr_state, windows) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16) "
        "ON CONFLICT(sha256) DO UPDATE SET width = ?7, height = ?8, pdq = ?9, "
        "pdq_quality = ?10, phash = ?11, exif = ?12, rejection = ?13, "
        "rejection_detail = ?14, ocr_state = ?15, windows = ?16 "
        "WHERE image.pdq = '' AND image.rejection = ''",
        "insert image");
    HARRIER_RETURN_IF_ERROR(image
                                .Bind(commit.sha256, commit.size, commit.mime, commit.blob_path,
                                      commit.now_ms, *capture_id, a.width, a.height, a.pdq,
                                      a.pdq_quality, a.phash, a.exif, a.rejection,
                                      a.rejection_detail, a.ocr_state, a.windows)
                                .Run());
    return internal::MarkDone(db_, commit.item, commit.now_ms);
  });
  return st.WithContext("commit image " + commit.item.url);
}

Status Store::CommitFailure(const FailureCommit& commit) {
  Status st = InTransaction([&]() -> Status {
    if (commit.capture) {
      Result<int64_t> capture_id = internal::InsertCapture(db_, *commit.capture, commit.item);
      if (!capture_id.ok()) return capture_id.status();
    }
    // Only a leased item takes a failure: one that is pending again, done or
    // failed was already settled, so a replayed failure changes nothing.
    // SET expressions see the old row, hence attempts + 1 in the test.
    Statement q(db_,
                "UPDATE frontier SET attempts = attempts + 1, "
                "state = CASE WHEN ?2 AND attempts + 1 < ?3 THEN 'pending' ELSE 'failed' END, "
                "not_before_ms = ?6, last_error = ?5, updated_ms = ?4 "
                "WHERE id = ?1 AND state = 'leased'",
                "record frontier failure");
    const int64_t retry_at = std::max(commit.retry_at_ms, commit.now_ms);
    HARRIER_RETURN_IF_ERROR(q.Bind(commit.item.id, commit.retry ? 1 : 0, commit.max_attempts,
                                   commit.now_ms, commit.error, retry_at)
                                .Run());
    const int settled = q.Changes();
    if (commit.gone) {
      // The advert answered 404/410: it was taken down. A later capture that
      // shows it again clears removed_ms (TouchDocument).
      Statement removed(db_,
                        "UPDATE document SET removed_ms = ?3, removed_reason = ?4 "
                        "WHERE source_id = ?1 AND url = ?2 AND removed_ms IS NULL",
                        "mark document removed");
      HARRIER_RETURN_IF_ERROR(
          removed.Bind(commit.item.source_id, commit.item.url, commit.now_ms, commit.error).Run());
    }
    if (settled > 0) return Status::Ok();
    Statement exists(db_, "SELECT 1 FROM frontier WHERE id = ?1", "find frontier item");
    Result<bool> row = exists.Bind(commit.item.id).Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::NotFound("no frontier item " + std::to_string(commit.item.id));
    return Status::Ok();
  });
  return st.WithContext("commit failure of " + commit.item.url);
}

Result<bool> Store::HasImage(const std::string& sha256) {
  Statement q(db_, "SELECT 1 FROM image WHERE sha256 = ?1", "look up image");
  return q.Bind(sha256).Step();
}

}  // namespace harrier::store

namespace harrier::store {

Result<int> Store::Enqueue(int64_t source_id, int64_t run_id, const std::vector<std::string>& urls,
                           FrontierKind kind, int depth, int64_t now_ms) {
  int queued = 0;
  Status st = InTransaction([&]() -> Status {
    queued = 0;
    internal::Enqueuer enqueuer(db_);
    for (const std::string& url : urls) {
      Result<bool> q = enqueuer.Enqueue(source_id, run_id, url, kind, depth, now_ms);
      if (!q.ok()) return q.status();
      if (*q) ++queued;
    }
    return Status::Ok();
  });
  if (!st.ok()) return st.WithContext("enqueue for run " + std::to_string(run_id));
  return queued;
}

Result<int64_t> Store::RecordCapture(const CaptureRow& capture) {
  int64_t id = 0;
  Status st = InTransaction([&]() -> Status {
    Result<int64_t> inserted = internal::InsertCapture(db_, capture, FrontierItem());
    if (!inserted.ok()) return inserted.status();
    id = *inserted;
    return Status::Ok();
  });
  if (!st.ok()) return st.WithContext("record capture of " + capture.url);
  return id;
}

Status Store::ReleaseLease(int64_t item_id, int64_t now_ms, int64_t not_before_ms) {
  Statement q(db_,
              "UPDATE frontier SET state = 'pending', updated_ms = ?2, "
              "not_before_ms = MAX(not_before_ms, ?3) WHERE id = ?1 AND state = 'leased'",
              "release lease");
  return q.Bind(item_id, now_ms, not_before_ms).Run();
}

Result<std::vector<std::pair<std::string, std::string>>> Store::ListPermanentFailures(
    int64_t source_id) {
  std::vector<std::pair<std::string, std::string>> out;
  Statement q(db_,
              "SELECT url, last_error FROM frontier WHERE source_id = ?1 AND state = 'failed' "
              "AND last_error LIKE 'permanent:%' ORDER BY updated_ms, id",
              "list permanent failures");
  HARRIER_RETURN_IF_ERROR(q.Bind(source_id).ForEach(
      [&](const Statement& row) { out.emplace_back(row.Text(0), row.Text(1)); }));
  return out;
}

Result<int> Store::ClearPermanentFailures(int64_t source_id) {
  Statement q(db_,
              "UPDATE frontier SET last_error = 'cleared: ' || substr(last_error, 11) "
              "WHERE source_id = ?1 AND state = 'failed' AND last_error LIKE 'permanent:%'",
              "clear permanent failures");
  HARRIER_RETURN_IF_ERROR(q.Bind(source_id).Run());
  return static_cast<int>(q.Changes());
}

}  // namespace harrier::store
