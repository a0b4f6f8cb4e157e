// Reads for the CLI and the review UI. Multi-statement reads run in one read
// transaction so that their parts agree with each other while the writer
// commits (WAL gives each transaction a snapshot).
#include <sqlite3.h>

#include <string>

#include "core/selector.h"
#include "store/internal.h"
#include "store/store.h"

namespace harrier::store {

namespace {

using internal::Exec;
using internal::Statement;

// A document with its source and current version. Fixed SQL fragments, no
// values: every value is a bound parameter.
const std::string kSummarySelect =
    "SELECT d.id, s.name, d.url, v.title, v.location, d.first_seen_ms, d.last_seen_ms, "
    "d.current_version, d.removed_ms, d.removed_reason, d.kind ";
const std::string kSummaryFrom =
    "FROM document d JOIN source s ON s.id = d.source_id "
    "JOIN document_version v ON v.document_id = d.id AND v.version = d.current_version ";

DocumentSummary SummaryOf(const Statement& r) {
  return {r.Int(0),    r.Text(1), r.Text(2), r.Text(3),
          r.Text(4),   r.Int(5),  r.Int(6),  static_cast<int>(r.Int(7)),
          r.OptInt(8), r.Text(9), r.Text(10)};
}

// Runs fn in a read transaction, or inside the caller's transaction if one is
// open (a writer reading in the middle of a batch).
Status InReadSnapshot(sqlite3* db, const std::function<Status()>& fn) {
  if (!sqlite3_get_autocommit(db)) return fn();
  HARRIER_RETURN_IF_ERROR(Exec(db, "BEGIN DEFERRED", "begin read"));
  Status st = fn();
  // Nothing was written; ending the snapshot cannot lose anything.
  Exec(db, "COMMIT", "end read").IgnoreError();
  if (!sqlite3_get_autocommit(db)) Exec(db, "ROLLBACK", "end read").IgnoreError();
  return st;
}

Status ReadCounts(sqlite3* db, Summary* out) {
  Statement q(db,
              "SELECT (SELECT COUNT(*) FROM document), (SELECT COUNT(*) FROM document_version), "
              "(SELECT COUNT(*) FROM capture), (SELECT COUNT(*) FROM image), "
              "(SELECT COUNT(*) FROM mention)",
              "count rows");
  HARRIER_RETURN_IF_ERROR(q.ForEach([&](const Statement& r) {
    out->documents = r.Int(0);
    out->document_versions = r.Int(1);
    out->captures = r.Int(2);
    out->images = r.Int(3);
    out->mentions = r.Int(4);
  }));
  Statement kinds(db, "SELECT kind, COUNT(*) FROM selector GROUP BY kind ORDER BY kind",
                  "count selectors by kind");
  return kinds.ForEach([&](const Statement& r) {
    out->selectors_by_kind.push_back({r.Text(0), r.Int(1)});
  });
}

// Selectors that the current versions of two or more documents mention.
// Places are left out: a town says where an advert is, not who is behind it,
// and every advert in Leeds would otherwise "link" to every other.
Status ReadShared(sqlite3* db, Summary* out) {
  Statement q(db,
              "WITH link AS ("
              "  SELECT DISTINCT m.selector_id AS selector_id, d.id AS document_id"
              "  FROM mention m JOIN selector ls ON ls.id = m.selector_id AND ls.kind != 'place'"
              "  JOIN document_version v ON v.id = m.document_version_id"
              "  JOIN document d ON d.id = v.document_id AND d.current_version = v.version),"
              " shared AS ("
              "  SELECT selector_id, COUNT(*) AS n FROM link GROUP BY selector_id HAVING n >= 2)"
              " SELECT s.id, s.kind, s.value, l.document_id"
              " FROM shared sh JOIN selector s ON s.id = sh.selector_id"
              " JOIN link l ON l.selector_id = sh.selector_id"
              " ORDER BY sh.n DESC, s.kind, s.value, s.id, l.document_id",
              "find shared selectors");
  int64_t last_selector = 0;
  return q.ForEach([&](const Statement& r) {
    if (out->shared.empty() || r.Int(0) != last_selector) {
      out->shared.push_back({r.Text(1), r.Text(2), {}});
      last_selector = r.Int(0);
    }
    out->shared.back().document_ids.push_back(r.Int(3));
  });
}

struct CurrentVersion {
  int64_t version_id = 0;
  int64_t source_id = 0;
};

Result<std::optional<CurrentVersion>> ReadDocumentHead(sqlite3* db, int64_t id,
                                                       DocumentDetail* out) {
  Statement q(db,
              kSummarySelect + ", v.body, v.posted, v.id, d.source_id, v.meta " + kSummaryFrom +
                  "WHERE d.id = ?1",
              "read document");
  Result<bool> row = q.Bind(id).Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<CurrentVersion>();
  out->summary = SummaryOf(q);
  out->body = q.Text(11);
  out->posted = q.Text(12);
  out->meta = q.Text(15);
  return std::optional<CurrentVersion>(CurrentVersion{q.Int(13), q.Int(14)});
}

Status ReadMentions(sqlite3* db, int64_t version_id, DocumentDetail* out) {
  Statement q(db,
              "SELECT s.kind, s.value, m.field, m.snippet, m.raw, s.detail, m.confidence "
              "FROM mention m JOIN selector s ON s.id = m.selector_id "
              "WHERE m.document_version_id = ?1 ORDER BY m.id",
              "read mentions");
  return q.Bind(version_id).ForEach([&](const Statement& r) {
    out->mentions.push_back(
        {r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5), r.Double(6)});
  });
}

Status ReadIndicators(sqlite3* db, int64_t version_id, DocumentDetail* out) {
  Statement score(db,
                  "SELECT ruleset_version, score, band, headline FROM indicator_score "
                  "WHERE document_version_id = ?1",
                  "read indicator score");
  Result<bool> row = score.Bind(version_id).Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::Ok();
  IndicatorView view{score.Text(0), score.Double(1), score.Text(2), score.Text(3), {}};
  Statement hits(db,
                 "SELECT rule_id, name, category, weight, counted, field, matched, snippet, "
                 "rationale FROM indicator_hit WHERE document_version_id = ?1 ORDER BY id",
                 "read indicator hits");
  HARRIER_RETURN_IF_ERROR(hits.Bind(version_id).ForEach([&](const Statement& r) {
    view.hits.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Int(4) != 0, r.Text(5),
                         r.Text(6), r.Text(7), r.Text(8)});
  }));
  out->indicators = std::move(view);
  return Status::Ok();
}

// An image URL resolves to the newest capture of that URL whose body is a
// stored image; until then the view has only the URL.
Status ReadImages(sqlite3* db, int64_t version_id, DocumentDetail* out) {
  Statement q(db,
              "SELECT di.url, i.sha256, i.size, i.mime, i.blob_path FROM document_image di "
              "LEFT JOIN image i ON i.sha256 = ("
              "  SELECT c.body_sha256 FROM capture c JOIN image ci ON ci.sha256 = c.body_sha256"
              "  WHERE c.url = di.url ORDER BY c.fetched_ms DESC, c.id DESC LIMIT 1) "
              "WHERE di.document_version_id = ?1 ORDER BY di.position",
              "read document images");
  return q.Bind(version_id).ForEach([&](const Statement& r) {
    out->images.push_back({r.Text(0), r.Text(1), r.Int(2), r.Text(3), r.Text(4)});
  });
}

Status ReadCaptures(sqlite3* db, int64_t id, int64_t source_id, DocumentDetail* out) {
  Statement q(db,
              "SELECT id, url, final_url, http_status, fetched_ms, body_sha256, remote_ip, "
              "blob_path FROM capture "
              "WHERE (source_id = ?2 AND url = ?3) "
              "OR id IN (SELECT capture_id FROM document_capture WHERE document_id = ?1) "
              "ORDER BY fetched_ms DESC, id DESC",
              "read document captures");
  HARRIER_RETURN_IF_ERROR(q.Bind(id, source_id, out->summary.url).ForEach([&](const Statement& r) {
    out->captures.push_back({r.Int(0), r.Text(1), r.Text(2), static_cast<int>(r.Int(3)), r.Int(4),
                             r.Text(5), r.Text(6), r.Text(7)});
  }));
  Statement versions(db, "SELECT COUNT(*) FROM document_version WHERE document_id = ?1",
                     "count document versions");
  return versions.Bind(id).ForEach(
      [&](const Statement& r) { out->versions = static_cast<int>(r.Int(0)); });
}

Result<std::vector<DocumentSummary>> ReadSummaries(Statement& q) {
  std::vector<DocumentSummary> out;
  HARRIER_RETURN_IF_ERROR(q.ForEach([&](const Statement& r) { out.push_back(SummaryOf(r)); }));
  return out;
}

}  // namespace

Result<Summary> Store::GetSummary() {
  Summary summary;
  Status st = InReadSnapshot(db_, [&]() -> Status {
    HARRIER_RETURN_IF_ERROR(ReadCounts(db_, &summary));
    return ReadShared(db_, &summary);
  });
  if (!st.ok()) return st;
  return summary;
}

Result<std::vector<DocumentSummary>> Store::FindDocumentsBySelector(SelectorKind kind,
                                                                    const std::string& value) {
  Statement q(db_,
              kSummarySelect + kSummaryFrom +
                  "WHERE v.id IN (SELECT m.document_version_id FROM selector sel "
                  "JOIN mention m ON m.selector_id = sel.id "
                  "WHERE sel.kind = ?1 AND sel.value = ?2) "
                  "ORDER BY d.last_seen_ms DESC, d.id",
              "find documents by selector");
  q.Bind(SelectorKindName(kind), value);
  return ReadSummaries(q);
}

Result<std::optional<DocumentDetail>> Store::GetDocument(int64_t id) {
  std::optional<DocumentDetail> detail;
  Status st = InReadSnapshot(db_, [&]() -> Status {
    DocumentDetail d;
    Result<std::optional<CurrentVersion>> head = ReadDocumentHead(db_, id, &d);
    if (!head.ok()) return head.status();
    if (!head->has_value()) return Status::Ok();
    HARRIER_RETURN_IF_ERROR(ReadMentions(db_, (*head)->version_id, &d));
    HARRIER_RETURN_IF_ERROR(ReadIndicators(db_, (*head)->version_id, &d));
    HARRIER_RETURN_IF_ERROR(ReadImages(db_, (*head)->version_id, &d));
    HARRIER_RETURN_IF_ERROR(ReadCaptures(db_, id, (*head)->source_id, &d));
    detail = std::move(d);
    return Status::Ok();
  });
  if (!st.ok()) return st.WithContext("get document " + std::to_string(id));
  return detail;
}

Result<std::vector<ErrorView>> Store::RecentErrors(int limit) {
  std::vector<ErrorView> out;
  if (limit <= 0) return out;
  Statement q(db_,
              "SELECT s.name, f.url, f.last_error, f.updated_ms AS at FROM frontier f "
              "JOIN source s ON s.id = f.source_id WHERE f.state = 'failed' "
              "UNION ALL "
              "SELECT s.name, c.url, c.error, c.fetched_ms AS at FROM capture c "
              "JOIN source s ON s.id = c.source_id WHERE c.error != '' "
              "ORDER BY at DESC LIMIT ?1",
              "read recent errors");
  HARRIER_RETURN_IF_ERROR(q.Bind(limit).ForEach([&](const Statement& r) {
    out.push_back({r.Text(0), r.Text(1), r.Text(2), r.Int(3)});
  }));
  return out;
}

Result<std::vector<DocumentSummary>> Store::ListDocuments() {
  Statement q(db_, kSummarySelect + kSummaryFrom + "ORDER BY d.id", "list documents");
  return ReadSummaries(q);
}

Result<std::optional<UrlValidator>> Store::GetValidator(int64_t source_id, const std::string& url) {
  Statement q(db_,
              "SELECT v.etag, v.last_modified, v.body_sha256, c.blob_path FROM url_validator v "
              "JOIN capture c ON c.id = v.capture_id WHERE v.source_id = ?1 AND v.url = ?2",
              "read url validator");
  Result<bool> row = q.Bind(source_id, url).Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<UrlValidator>();
  return std::optional<UrlValidator>(UrlValidator{q.Text(0), q.Text(1), q.Text(2), q.Text(3)});
}

Result<std::vector<DocumentSummary>> Store::MarkUnseenRemoved(int64_t source_id,
                                                              int64_t run_started_ms,
                                                              int64_t now_ms,
                                                              const std::string& reason) {
  std::vector<DocumentSummary> removed;
  Status st = InTransaction([&]() -> Status {
    removed.clear();
    Statement q(db_,
                kSummarySelect + kSummaryFrom +
                    "WHERE d.source_id = ?1 AND d.last_seen_ms < ?2 AND d.removed_ms IS NULL "
                    "ORDER BY d.id",
                "find adverts not seen in run");
    q.Bind(source_id, run_started_ms);
    Result<std::vector<DocumentSummary>> unseen = ReadSummaries(q);
    if (!unseen.ok()) return unseen.status();
    Statement mark(db_,
                   "UPDATE document SET removed_ms = ?2, removed_reason = ?3 "
                   "WHERE id = ?1 AND removed_ms IS NULL",
                   "mark advert removed");
    for (DocumentSummary& d : *unseen) {
      mark.Reset();
      HARRIER_RETURN_IF_ERROR(mark.Bind(d.id, now_ms, reason).Run());
      d.removed_ms = now_ms;
      d.removed_reason = reason;
    }
    removed = std::move(*unseen);
    return Status::Ok();
  });
  if (!st.ok()) return st.WithContext("mark unseen adverts removed");
  return removed;
}

Result<std::optional<EvidenceSet>> Store::GetEvidence(int64_t document_id) {
  std::optional<EvidenceSet> out;
  Status st = InReadSnapshot(db_, [&]() -> Status {
    Statement head(db_,
                   kSummarySelect + ", s.authorisation_ref " + kSummaryFrom + "WHERE d.id = ?1",
                   "read evidence head");
    Result<bool> row = head.Bind(document_id).Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
    DocumentSummary d = SummaryOf(head);
    EvidenceSet e;
    e.document_id = d.id;
    e.source = d.source;
    e.authorisation_ref = head.Text(11);
    e.url = d.url;
    e.title = d.title;
    e.version = d.version;
    e.removed_ms = d.removed_ms;
    // The advert's own captures (every sighting, including 404s), then the
    // captures of every image any version of it showed.
    const std::string columns =
        "SELECT c.id, c.url, c.final_url, c.http_status, c.fetched_ms, c.body_sha256, "
        "c.body_size, c.content_type, c.remote_ip, c.egress, c.warc_file, c.warc_offset, "
        "c.warc_length, c.warc_record_id, c.blob_path FROM capture c ";
    Statement pages(db_,
                    columns +
                        "JOIN document doc ON doc.id = ?1 "
                        "WHERE c.source_id = doc.source_id AND c.url = doc.url "
                        "ORDER BY c.fetched_ms DESC, c.id DESC",
                    "read advert captures");
    Statement images(db_,
                     columns +
                         "WHERE c.url IN (SELECT url FROM document_image WHERE document_id = ?1) "
                         "AND c.source_id = (SELECT source_id FROM document WHERE id = ?1) "
                         "ORDER BY c.url, c.fetched_ms DESC, c.id DESC",
                     "read image captures");
    for (auto [q, role] : {std::pair{&pages, "advert"}, std::pair{&images, "image"}}) {
      HARRIER_RETURN_IF_ERROR(q->Bind(document_id).ForEach([&](const Statement& r) {
        e.captures.push_back({r.Int(0), role, r.Text(1), r.Text(2), static_cast<int>(r.Int(3)),
                              r.Int(4), r.Text(5), r.Int(6), r.Text(7), r.Text(8), r.Text(9),
                              r.Text(10), r.Int(11), r.Int(12), r.Text(13), r.Text(14)});
      }));
    }
    out = std::move(e);
    return Status::Ok();
  });
  if (!st.ok()) return st.WithContext("read evidence of document " + std::to_string(document_id));
  return out;
}

}  // namespace harrier::store
