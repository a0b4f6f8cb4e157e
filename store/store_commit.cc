// CommitPage: one fetched page, committed atomically and idempotently —
// capture, advert document version, selectors and mentions, image and link
// enqueueing, and the item marked done.
#include <sqlite3.h>

#include <string>

#include "core/selector.h"
#include "core/sha256.h"
#include "store/frontier_sql.h"
#include "store/internal.h"
#include "store/store.h"

namespace harrier::store {

namespace {

using internal::AppendField;
using internal::Statement;

// The hash that decides whether an advert changed: its visible content,
// serialised with length prefixes so that moving text between fields
// changes the hash. The URL is the identity, not content.
std::string ContentHash(const AdvertInput& ad) {
  std::string canonical;
  AppendField(&canonical, "advert/1");
  AppendField(&canonical, ad.title);
  AppendField(&canonical, ad.body);
  AppendField(&canonical, ad.posted);
  AppendField(&canonical, ad.location);
  AppendField(&canonical, static_cast<int64_t>(ad.image_urls.size()));
  for (const std::string& url : ad.image_urls) AppendField(&canonical, url);
  return Sha256Hex(canonical);
}

struct CurrentDocument {
  int64_t id = 0;
  int version = 0;
  std::string content_sha256;
};

// Selectors (new ones inserted, a missing detail filled in) and their
// mentions in one document version; `origin` says where the text came from:
// "text" for the advert's own fields, "ocr" for an image it shows.
Status InsertMentions(sqlite3* db, int64_t version_id, const std::vector<MentionInput>& mentions,
                      int64_t now_ms, std::string_view origin) {
  // A selector first stored without a detail (by an older version) gets one
  // when a later mention brings it; a detail once set is kept.
  Statement add_selector(db,
                         "INSERT INTO selector(kind, value, first_seen_ms, detail) "
                         "VALUES (?1, ?2, ?3, ?4) "
                         "ON CONFLICT(kind, value) DO UPDATE SET detail = excluded.detail "
                         "WHERE selector.detail = '' AND excluded.detail != ''",
                         "insert selector");
  Statement find_selector(db, "SELECT id FROM selector WHERE kind = ?1 AND value = ?2",
                          "find selector");
  Statement add_mention(db,
                        "INSERT INTO mention(selector_id, document_version_id, field, raw, "
                        "snippet, span_begin, span_end, confidence, origin) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
                        "ON CONFLICT(selector_id, document_version_id, field, span_begin) "
                        "DO NOTHING",
                        "insert mention");
  for (const MentionInput& m : mentions) {
    const std::string_view kind = SelectorKindName(m.selector.kind);
    add_selector.Reset();
    HARRIER_RETURN_IF_ERROR(
        add_selector.Bind(kind, m.selector.value, now_ms, m.selector.detail).Run());
    find_selector.Reset();
    Result<bool> found = find_selector.Bind(kind, m.selector.value).Step();
    if (!found.ok()) return found.status();
    if (!*found) return Status::Internal("find selector: inserted selector is missing");
    add_mention.Reset();
    HARRIER_RETURN_IF_ERROR(add_mention
                                .Bind(find_selector.Int(0), version_id, m.field, m.selector.raw,
                                      m.selector.snippet, static_cast<int64_t>(m.selector.begin),
                                      static_cast<int64_t>(m.selector.end), m.selector.confidence,
                                      origin)
                                .Run());
  }
  return Status::Ok();
}

class PageWriter {
 public:
  PageWriter(sqlite3* db, const PageCommit& commit) : db_(db), c_(commit) {}

  Status Write(PageCommitResult* result);

 private:
  Status UpsertDocument(const AdvertInput& ad, int64_t capture_id, DocumentOutcome* result);
  Result<std::optional<CurrentDocument>> FindDocument(const std::string& url);
  Result<bool> IsReplayOfOlderCommit(int64_t document_id, int64_t capture_id);
  Status InsertVersion(int64_t document_id, int version, const AdvertInput& ad,
                       const std::string& hash, int64_t capture_id);
  Status InsertIndicators(int64_t version_id, const IndicatorInput& indicators);
  Status InsertImageRefs(int64_t document_id, int64_t version_id,
                         const std::vector<std::string>& urls);
  Status TouchDocument(int64_t document_id, int current_version, int64_t capture_id);
  Status SaveValidator(int64_t capture_id);
  Result<int> EnqueueAll(const std::vector<std::string>& urls, FrontierKind kind);

  sqlite3* db_;
  const PageCommit& c_;
};

Status PageWriter::Write(PageCommitResult* result) {
  Result<int64_t> capture_id = internal::InsertCapture(db_, c_.capture, c_.item);
  if (!capture_id.ok()) return capture_id.status();
  result->capture_id = *capture_id;
  if (c_.advert) {
    DocumentOutcome outcome;
    HARRIER_RETURN_IF_ERROR(UpsertDocument(*c_.advert, *capture_id, &outcome));
    result->document_id = outcome.document_id;
    result->version = outcome.version;
    result->change = outcome.change;
    // Queued on every sighting: an image that failed in an earlier run gets
    // another chance; one already fetched is never queued again.
    Result<int> images = EnqueueAll(c_.advert->image_urls, FrontierKind::kImage);
    if (!images.ok()) return images.status();
  }
  bool news = false;
  for (const AdvertInput& doc : c_.documents) {
    DocumentOutcome outcome;
    HARRIER_RETURN_IF_ERROR(UpsertDocument(doc, *capture_id, &outcome));
    news = news || outcome.change != DocumentChange::kUnchanged;
    result->documents.push_back(outcome);
    Result<int> images = EnqueueAll(doc.image_urls, FrontierKind::kImage);
    if (!images.ok()) return images.status();
  }
  static const std::vector<std::string> kNone;
  const bool follow = !c_.listing_links_need_news || news || c_.documents.empty();
  Result<int> listings = EnqueueAll(follow ? c_.listing_links : kNone, FrontierKind::kListing);
  if (!listings.ok()) return listings.status();
  Result<int> adverts = EnqueueAll(c_.advert_links, FrontierKind::kAdvert);
  if (!adverts.ok()) return adverts.status();
  Result<int> sitemaps = EnqueueAll(c_.sitemap_links, FrontierKind::kSitemap);
  if (!sitemaps.ok()) return sitemaps.status();
  result->links_enqueued = *listings + *adverts + *sitemaps;
  HARRIER_RETURN_IF_ERROR(SaveValidator(*capture_id));
  return internal::MarkDone(db_, c_.item, c_.now_ms);
}

// After a 200 with ETag or Last-Modified: the next run asks "changed since?".
// A 304 keeps the validators and body of the 200 it refers to.
Status PageWriter::SaveValidator(int64_t capture_id) {
  if (c_.capture.http_status != 200 || c_.capture.body_sha256.empty()) return Status::Ok();
  if (c_.etag.empty() && c_.last_modified.empty()) {
    Statement drop(db_, "DELETE FROM url_validator WHERE source_id = ?1 AND url = ?2",
                   "drop url validator");
    return drop.Bind(c_.item.source_id, c_.item.url).Run();
  }
  Statement save(db_,
                 "INSERT INTO url_validator(source_id, url, etag, last_modified, body_sha256, "
                 "capture_id, updated_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
                 "ON CONFLICT(source_id, url) DO UPDATE SET etag = excluded.etag, "
                 "last_modified = excluded.last_modified, body_sha256 = excluded.body_sha256, "
                 "capture_id = excluded.capture_id, updated_ms = excluded.updated_ms",
                 "save url validator");
  return save
      .Bind(c_.item.source_id, c_.item.url, c_.etag, c_.last_modified, c_.capture.body_sha256,
            capture_id, c_.now_ms)
      .Run();
}

Status PageWriter::UpsertDocument(const AdvertInput& ad, int64_t capture_id,
                                  DocumentOutcome* result) {
  const std::string& url = ad.url.empty() ? c_.item.url : ad.url;
  const std::string hash = ContentHash(ad);
  Result<std::optional<CurrentDocument>> current = FindDocument(url);
  if (!current.ok()) return current.status();
  if (!current->has_value()) {
    Statement insert(db_,
                     "INSERT INTO document(source_id, url, kind, first_seen_ms, last_seen_ms, "
                     "current_version) VALUES (?1, ?2, ?4, ?3, ?3, 1)",
                     "insert document");
    HARRIER_RETURN_IF_ERROR(
        insert.Bind(c_.item.source_id, url, c_.now_ms, ad.kind.empty() ? "advert" : ad.kind).Run());
    *result = {insert.LastInsertId(), 1, DocumentChange::kNew};
    HARRIER_RETURN_IF_ERROR(InsertVersion(result->document_id, 1, ad, hash, capture_id));
    return TouchDocument(result->document_id, 1, capture_id);
  }
  const CurrentDocument& doc = **current;
  *result = {doc.id, doc.version, DocumentChange::kUnchanged};
  if (doc.content_sha256 != hash) {
    Result<bool> replay = IsReplayOfOlderCommit(doc.id, capture_id);
    if (!replay.ok()) return replay.status();
    if (*replay) return Status::Ok();
    result->version = doc.version + 1;
    result->change = DocumentChange::kChanged;
    HARRIER_RETURN_IF_ERROR(InsertVersion(doc.id, result->version, ad, hash, capture_id));
  }
  return TouchDocument(doc.id, result->version, capture_id);
}

Result<std::optional<CurrentDocument>> PageWriter::FindDocument(const std::string& url) {
  Statement q(db_,
              "SELECT d.id, d.current_version, v.content_sha256 FROM document d "
              "JOIN document_version v ON v.document_id = d.id AND v.version = d.current_version "
              "WHERE d.source_id = ?1 AND d.url = ?2",
              "find document");
  Result<bool> row = q.Bind(c_.item.source_id, url).Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<CurrentDocument>();
  return std::optional<CurrentDocument>(
      CurrentDocument{q.Int(0), static_cast<int>(q.Int(1)), q.Text(2)});
}

// Replaying an old commit after the advert changed again must not bring the
// old content back as a new version: its capture already made a version.
Result<bool> PageWriter::IsReplayOfOlderCommit(int64_t document_id, int64_t capture_id) {
  Statement q(db_, "SELECT 1 FROM document_version WHERE document_id = ?1 AND capture_id = ?2",
              "check replayed capture");
  return q.Bind(document_id, capture_id).Step();
}

Status PageWriter::InsertVersion(int64_t document_id, int version, const AdvertInput& ad,
                                 const std::string& hash, int64_t capture_id) {
  Statement insert(db_,
                   "INSERT INTO document_version(document_id, version, content_sha256, title, "
                   "body, posted, location, capture_id, seen_ms, meta) "
                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                   "insert document version");
  HARRIER_RETURN_IF_ERROR(insert
                              .Bind(document_id, version, hash, ad.title, ad.body, ad.posted,
                                    ad.location, capture_id, c_.now_ms,
                                    ad.meta.empty() ? std::string("{}") : ad.meta)
                              .Run());
  const int64_t version_id = insert.LastInsertId();
  HARRIER_RETURN_IF_ERROR(InsertMentions(db_, version_id, ad.mentions, c_.now_ms, "text"));
  if (ad.indicators) HARRIER_RETURN_IF_ERROR(InsertIndicators(version_id, *ad.indicators));
  return InsertImageRefs(document_id, version_id, ad.image_urls);
}

Status PageWriter::InsertIndicators(int64_t version_id, const IndicatorInput& in) {
  Statement score(db_,
                  "INSERT INTO indicator_score(document_version_id, ruleset_version, score, band, "
                  "headline) VALUES (?1, ?2, ?3, ?4, ?5)",
                  "insert indicator score");
  HARRIER_RETURN_IF_ERROR(
      score.Bind(version_id, in.ruleset_version, in.score, in.band, in.headline).Run());
  Statement hit(db_,
                "INSERT INTO indicator_hit(document_version_id, rule_id, name, category, weight, "
                "counted, field, matched, snippet, span_begin, span_end, rationale) "
                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) "
                "ON CONFLICT(document_version_id, rule_id, field, span_begin) DO NOTHING",
                "insert indicator hit");
  for (const IndicatorHitInput& h : in.hits) {
    hit.Reset();
    HARRIER_RETURN_IF_ERROR(hit.Bind(version_id, h.rule_id, h.name, h.category, h.weight,
                                     h.counted ? 1 : 0, h.field, h.matched, h.snippet,
                                     static_cast<int64_t>(h.begin), static_cast<int64_t>(h.end),
                                     h.rationale)
                                .Run());
  }
  return Status::Ok();
}

Status PageWriter::InsertImageRefs(int64_t document_id, int64_t version_id,
                                   const std::vector<std::string>& urls) {
  // A URL repeated on the page keeps its first position.
  Statement q(db_,
              "INSERT INTO document_image(document_id, document_version_id, position, url) "
              "VALUES (?1, ?2, ?3, ?4) ON CONFLICT(document_version_id, url) DO NOTHING",
              "insert document image");
  for (size_t i = 0; i < urls.size(); ++i) {
    q.Reset();
    HARRIER_RETURN_IF_ERROR(q.Bind(document_id, version_id, static_cast<int>(i), urls[i]).Run());
  }
  return Status::Ok();
}

// Every sighting moves last_seen (never backwards, should an old commit be
// replayed) and records the capture that showed the document.
Status PageWriter::TouchDocument(int64_t document_id, int current_version, int64_t capture_id) {
  Statement update(db_,
                   "UPDATE document SET current_version = ?2, "
                   "last_seen_ms = MAX(last_seen_ms, ?3), removed_ms = NULL, removed_reason = '' "
                   "WHERE id = ?1",
                   "update document");
  HARRIER_RETURN_IF_ERROR(update.Bind(document_id, current_version, c_.now_ms).Run());
  Statement link(db_,
                 "INSERT INTO document_capture(document_id, capture_id) VALUES (?1, ?2) "
                 "ON CONFLICT DO NOTHING",
                 "link document to capture");
  return link.Bind(document_id, capture_id).Run();
}

Result<int> PageWriter::EnqueueAll(const std::vector<std::string>& urls, FrontierKind kind) {
  internal::Enqueuer enqueuer(db_);
  int queued = 0;
  for (const std::string& url : urls) {
    Result<bool> q = enqueuer.Enqueue(c_.item.source_id, c_.item.run_id, url, kind,
                                      c_.item.depth + 1, c_.now_ms);
    if (!q.ok()) return q.status();
    if (*q) ++queued;
  }
  return queued;
}

}  // namespace

Result<PageCommitResult> Store::CommitPage(const PageCommit& commit) {
  PageCommitResult result;
  Status st = InTransaction([&]() -> Status {
    result = PageCommitResult();
    return PageWriter(db_, commit).Write(&result);
  });
  if (!st.ok()) return st.WithContext("commit page " + commit.item.url);
  return result;
}

Status Store::CommitOcr(const OcrCommit& c) {
  Status st = InTransaction([&]() -> Status {
    Statement image(db_, "UPDATE image SET ocr_state = ?2, ocr_text = ?3 WHERE sha256 = ?1",
                    "record OCR");
    HARRIER_RETURN_IF_ERROR(image.Bind(c.sha256, c.state, c.text).Run());
    if (image.Changes() == 0) return Status::NotFound("no image " + c.sha256);
    if (c.selectors.empty()) return Status::Ok();
    std::vector<MentionInput> mentions;
    for (const Selector& s : c.selectors) mentions.push_back({s, "image:" + c.sha256});
    // Every advert version that shows the image mentions what it says.
    Statement versions(db_,
                       "SELECT DISTINCT di.document_version_id FROM capture c "
                       "JOIN document_image di ON di.url = c.url WHERE c.body_sha256 = ?1",
                       "find versions showing image");
    std::vector<int64_t> ids;
    HARRIER_RETURN_IF_ERROR(
        versions.Bind(c.sha256).ForEach([&](const Statement& row) { ids.push_back(row.Int(0)); }));
    for (const int64_t version_id : ids) {
      HARRIER_RETURN_IF_ERROR(InsertMentions(db_, version_id, mentions, c.now_ms, "ocr"));
    }
    return Status::Ok();
  });
  return st.WithContext("commit OCR of image " + c.sha256);
}

Result<std::vector<std::pair<std::string, std::string>>> Store::ImagesAwaitingOcr(int limit) {
  std::vector<std::pair<std::string, std::string>> out;
  Statement q(db_,
              "SELECT sha256, blob_path FROM image WHERE ocr_state = 'pending' "
              "ORDER BY first_seen_ms, sha256 LIMIT ?1",
              "list images awaiting OCR");
  HARRIER_RETURN_IF_ERROR(q.Bind(limit).ForEach(
      [&](const Statement& row) { out.emplace_back(row.Text(0), row.Text(1)); }));
  return out;
}

}  // namespace harrier::store
