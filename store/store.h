// The SQLite store: schema, versioned migrations and every SQL statement in
// Harrier. One writer (the daemon's writer thread) and any number of readers,
// each with its own Store opened on the same file (WAL mode).
// Thread-safety: a Store object is used by one thread at a time.
#ifndef HARRIER_STORE_STORE_H_
#define HARRIER_STORE_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/registry_records.h"
#include "core/selector.h"
#include "core/status.h"
#include "store/image_records.h"
#include "store/review_records.h"

struct sqlite3;

namespace harrier::store {

struct StoreOptions {
  std::string path;        // file path, or ":memory:"
  bool read_only = false;  // readers (CLI) open read-only; no migration
  int busy_timeout_ms = 5000;
};

// ---- rows -----------------------------------------------------------------

struct SourceRow {
  int64_t id = 0;
  std::string name;               // unique, from the profile file name
  std::string kind;               // "site"
  std::string authorisation_ref;  // empty: none, and the source is refused
  std::optional<int64_t> last_run_started_ms;
  std::optional<int64_t> last_run_finished_ms;
  std::optional<int64_t> next_run_ms;
  std::string last_error;  // empty when the last run had none
  std::string authorisation_type;
  std::string authorised_by;
  std::string authorisation_starts;   // "YYYY-MM-DD" or ""
  std::string authorisation_expires;  // "YYYY-MM-DD" or ""
  // Why the collector is not collecting it ("refused: authorisation expired
  // on 2026-01-31"), or "" when it is collecting normally.
  std::string state;
  std::optional<int64_t> state_ms;
};

// What the collector registers for a source at start-up.
struct SourceRegistration {
  std::string name;
  std::string kind = "site";
  std::string authorisation_ref;
  std::string authorisation_type;
  std::string authorised_by;
  std::string authorisation_starts;
  std::string authorisation_expires;
};

// Validators of the last 200 response of a URL (conditional GET), and where
// its body is, so a 304 can be processed from the stored copy.
struct UrlValidator {
  std::string etag;
  std::string last_modified;
  std::string body_sha256;
  std::string blob_path;
};

enum class FrontierKind { kListing, kAdvert, kImage, kSitemap };
std::string_view FrontierKindName(FrontierKind kind);  // listing|advert|image|sitemap

struct FrontierItem {
  int64_t id = 0;
  int64_t source_id = 0;
  int64_t run_id = 0;
  std::string url;
  FrontierKind kind = FrontierKind::kListing;
  int depth = 0;
  int attempts = 0;
};

// One fetched response (immutable evidence).
struct CaptureRow {
  int64_t id = 0;  // set by the store
  int64_t source_id = 0;
  int64_t run_id = 0;
  std::string url;
  std::string final_url;
  int http_status = 0;      // 0 when no response (transport error)
  int64_t fetched_ms = 0;   // UTC
  std::string body_sha256;  // hex; empty when no body
  int64_t body_size = 0;
  std::string content_type;
  std::string remote_ip;
  std::string blob_path;  // relative to the data dir, content-addressed
  std::string error;      // transport or policy error, else empty
  std::string egress;     // "direct" or the proxy URL (no credentials)
  // Where the WARC records of this capture are: a span of one file under
  // the WARC directory (every hop's request and response, back to back).
  std::string warc_file;
  int64_t warc_offset = 0;
  int64_t warc_length = 0;
  std::string warc_record_id;  // the final response record's WARC-Record-ID
};

// A selector found in one field of a document, with where it was.
struct MentionInput {
  Selector selector;
  std::string field;  // "title" | "body" | "location" | ...
};

// One indicator rule that fired on an advert, with what fired it.
struct IndicatorHitInput {
  std::string rule_id;   // "T01"
  std::string name;      // "third-party voice"
  std::string category;  // text | contact | ...
  std::string weight;    // zero | low | medium | high
  bool counted = true;   // false: shown as context only (zero weight, gated out)
  std::string field;     // the advert field it was found in
  std::string matched;   // the text (or selector values) that fired it
  std::string snippet;
  size_t begin = 0;  // byte span of `matched` in the field
  size_t end = 0;
  std::string rationale;
};

// An advert version's indicator score: it only orders the review queue.
struct IndicatorInput {
  std::string ruleset_version;
  double score = 0;
  std::string band;      // none | low | review | priority
  std::string headline;  // the rule id shown first (never a demographic one)
  std::vector<IndicatorHitInput> hits;
};

// The fields a site profile extracted from an advert page.
struct AdvertInput {
  std::string url;  // canonical URL: the document's identity in a source
  // "advert" (a page of an advert site), "post" (a Telegram or Mastodon
  // post) or "profile" (a public profile or channel); set when first stored.
  std::string kind = "advert";
  std::string title;
  std::string body;
  std::string posted;  // as written on the page
  std::string location;
  std::vector<std::string> image_urls;  // absolute, in page order
  std::vector<MentionInput> mentions;
  std::optional<IndicatorInput> indicators;  // when the daemon scores adverts
  // A JSON object of what a post carries besides its text (views, forwarded
  // from, reply to, tags...), kept with the version; "" or "{}": nothing.
  // Not part of the content hash.
  std::string meta;
};

// Everything learned from one fetched page, committed atomically.
struct PageCommit {
  FrontierItem item;                       // marked done
  CaptureRow capture;                      // inserted
  std::optional<AdvertInput> advert;       // upserted as a document version
  std::vector<std::string> listing_links;  // enqueued as kListing (depth+1)
  std::vector<std::string> advert_links;   // enqueued as kAdvert (depth+1)
  std::vector<std::string> sitemap_links;  // enqueued as kSitemap (depth+1)
  // More documents the page holds (posts of a channel page or a timeline),
  // each upserted like `advert`, its images queued.
  std::vector<AdvertInput> documents;
  // True: listing_links are queued only if one of `documents` is new or
  // changed (older pages of a feed hold nothing new once a page does not).
  bool listing_links_need_news = false;
  // From a 200 response: stored for the next conditional GET of the URL.
  // A 304 leaves the stored ones as they are.
  std::string etag;
  std::string last_modified;
  int64_t now_ms = 0;
};

enum class DocumentChange { kNew, kChanged, kUnchanged };

struct DocumentOutcome {
  int64_t document_id = 0;
  int version = 0;
  DocumentChange change = DocumentChange::kUnchanged;
};

struct PageCommitResult {
  int64_t capture_id = 0;
  int64_t document_id = 0;  // 0 when the page was not an advert
  int version = 0;
  DocumentChange change = DocumentChange::kUnchanged;
  int links_enqueued = 0;                  // new or re-queued for this run
  std::vector<DocumentOutcome> documents;  // of PageCommit::documents, in order
};

struct ImageCommit {
  FrontierItem item;   // marked done
  CaptureRow capture;  // inserted
  std::string sha256;  // of the image bytes (== capture.body_sha256)
  int64_t size = 0;
  std::string mime;       // sniffed, e.g. image/jpeg; "" when refused at the sniff
  std::string blob_path;  // relative to the data dir
  int64_t now_ms = 0;
  ImageAnalysis analysis;  // hashes, or why the image was refused
};

// Fetch or processing failed. With retry and attempts below the limit the
// item goes back to pending; otherwise it is marked failed with `error`.
struct FailureCommit {
  FrontierItem item;
  std::optional<CaptureRow> capture;  // when there was a response
  std::string error;
  bool retry = false;
  int max_attempts = 3;
  int64_t now_ms = 0;
  int64_t retry_at_ms = 0;  // earliest next attempt (backoff); 0: now_ms
  // 404/410: the advert at this URL is gone; its document is marked removed.
  bool gone = false;
};

struct AuditRow {
  int64_t id = 0;
  int64_t at_ms = 0;
  std::string actor;
  std::string action;
  std::string object;
  std::string detail;
};

struct AuditEntry {
  int64_t at_ms = 0;
  std::string actor;   // "harrierd", a user name
  std::string action;  // "collection.run_started", "consultation.search", ...
  std::string object;  // "source:demo", "document:12"
  std::string detail;  // JSON text
};

// ---- read models ------------------------------------------------------------

struct DocumentSummary {
  int64_t id = 0;
  std::string source;
  std::string url;
  std::string title;
  std::string location;
  int64_t first_seen_ms = 0;
  int64_t last_seen_ms = 0;
  int version = 0;
  std::optional<int64_t> removed_ms;  // when Harrier saw it go
  std::string removed_reason;
  std::string kind = "advert";  // advert | post | profile
};

struct MentionView {
  std::string kind;
  std::string value;
  std::string field;
  std::string snippet;
  std::string raw;
  std::string detail;  // the selector's (phone area, place county, ...)
  double confidence = 1.0;
};

struct IndicatorHitView {
  std::string rule_id;
  std::string name;
  std::string category;
  std::string weight;
  bool counted = true;
  std::string field;
  std::string matched;
  std::string snippet;
  std::string rationale;
};

struct IndicatorView {
  std::string ruleset_version;
  double score = 0;
  std::string band;
  std::string headline;
  std::vector<IndicatorHitView> hits;
};

struct ImageView {
  std::string url;
  std::string sha256;  // empty until fetched
  int64_t size = 0;
  std::string mime;
  std::string blob_path;
};

struct CaptureView {
  int64_t id = 0;
  std::string url;
  std::string final_url;
  int http_status = 0;
  int64_t fetched_ms = 0;
  std::string body_sha256;
  std::string remote_ip;
  std::string blob_path;
};

struct DocumentDetail {
  DocumentSummary summary;
  std::string body;
  std::string posted;
  std::string meta = "{}";                  // current version's (AdvertInput::meta)
  std::vector<MentionView> mentions;        // current version
  std::optional<IndicatorView> indicators;  // current version, when scored
  std::vector<ImageView> images;            // in page order
  std::vector<CaptureView> captures;        // every capture of this URL, newest first
  int versions = 0;
};

// Everything needed to prove where one advert came from: every capture of
// its page and of its images (newest first within each), with the WARC span
// that holds the bytes as received.
struct EvidenceCapture {
  int64_t capture_id = 0;
  std::string role;  // "advert" | "image"
  std::string url;
  std::string final_url;
  int http_status = 0;
  int64_t fetched_ms = 0;  // UTC
  std::string body_sha256;
  int64_t body_size = 0;
  std::string content_type;
  std::string remote_ip;
  std::string egress;
  std::string warc_file;  // empty for captures made before WARC existed
  int64_t warc_offset = 0;
  int64_t warc_length = 0;
  std::string warc_record_id;
  std::string blob_path;
};

struct EvidenceSet {
  int64_t document_id = 0;
  std::string source;
  std::string authorisation_ref;
  std::string url;
  std::string title;  // of the current version
  int version = 0;
  std::optional<int64_t> removed_ms;
  std::vector<EvidenceCapture> captures;
};

struct KindCount {
  std::string kind;
  int64_t count = 0;
};

// A selector seen in more than one document.
struct SharedSelector {
  std::string kind;
  std::string value;
  std::vector<int64_t> document_ids;
};

struct Summary {
  int64_t documents = 0;
  int64_t document_versions = 0;
  int64_t captures = 0;
  int64_t images = 0;
  int64_t mentions = 0;
  std::vector<KindCount> selectors_by_kind;
  std::vector<SharedSelector> shared;  // ordered by document count, desc
};

struct ErrorView {
  std::string source;
  std::string url;
  std::string error;
  int64_t at_ms = 0;
};

// ---- linking and review read models (store_linking.cc)

struct ClusterDetail {
  ClusterSummary summary;
  std::vector<DocumentSummary> documents;
  std::vector<ClusterSelector> selectors;  // linking kinds only
  std::vector<ClusterImage> images;
  std::vector<ImageMatchRow> image_pairs;  // between member images, any status
  std::vector<ClusterEdge> edges;
};

// ---- users (the review UI's local accounts; store_users.cc)

struct AppUser {
  int64_t id = 0;
  std::string name;
  std::string role;           // analyst | supervisor | operator
  std::string password_hash;  // PHC string: $argon2id$v=19$m=...,t=...,p=...$...
  int64_t created_ms = 0;
  bool disabled = false;
};

// ---- registry (store_registry.cc) -----------------------------------------
// Companies House data (issue 6), from the API or the bulk files.

enum class RegistrySource { kApi, kBulk };

// What an upsert did: `is_new` for a row first stored now, `changed` when
// it made a new version (a company) or an update that matters (a
// resignation, a PSC ceasing); `changes` are the registry_change kinds it
// recorded ("name_change", "address_change", ...).
struct RegistryUpsert {
  int64_t id = 0;
  bool is_new = false;
  bool changed = false;
  std::vector<std::string> changes;
};

struct RegistryChangeRow {
  int64_t id = 0;
  std::string company_number;
  std::string kind;    // new_officer | resignation | address_change | name_change | ...
  std::string detail;  // JSON
  int64_t seen_ms = 0;
};

struct RegistryAddressRow {
  int64_t id = 0;
  std::string full;
  std::string postal_code;  // normalised "TE1 2ST", or as given when not a UK postcode
};

struct RegistryOfficerView {
  int64_t officer_row = 0;
  std::string officer_id;
  std::string name;
  std::string kind;  // person | corporate | legal_person | super_secure
  std::string role;
  std::string appointed_on;
  std::string resigned_on;
};

struct RegistryPscView {
  int64_t id = 0;
  std::string psc_key;
  std::string kind;
  std::string name;
  std::vector<std::string> natures;
  std::string notified_on;
  std::string ceased_on;
  RegistryAddressRow address;
};

struct RegistryCompanyView {
  int64_t id = 0;
  std::string number, name, status, type, jurisdiction, created, ceased;
  std::vector<std::string> sic;
  std::vector<std::string> previous_names;
  std::string source;  // api | bulk
  int64_t first_seen_ms = 0, last_seen_ms = 0;
  int version = 0;  // 0: a stub known only from a PSC or appointment
  RegistryAddressRow registered_office;
  std::vector<RegistryOfficerView> officers;
  std::vector<RegistryPscView> pscs;
};

// A registry entity that carries a selector (a postcode).
struct RegistryEntityRef {
  std::string entity_kind;  // company | officer | psc
  int64_t id = 0;
  std::string key;  // company number, officer id, or the PSC's company number
  std::string name;
  std::string role;  // registered_office | correspondence_address | psc_address
  // False when a postcode link is history: the company's registered office
  // (or the PSC's, or every appointment's address of the officer) has since
  // moved. A name is always current.
  bool current = true;
};

// ---- registry views (store_registry_views.cc) --------------------------------
// Registry records beside adverts: the postcodes a company's records carry,
// the adverts at each, and the companies at an advert's or a cluster's
// postcodes.

// Who in a company's records has an address at a postcode.
struct RegistryPostcodeParty {
  std::string role;  // registered_office | officer | psc
  std::string name;  // the officer or PSC; "" for the registered office
};

struct RegistryPostcodeAdverts {
  std::string postcode;  // normalised "TE1 2ST"
  std::vector<RegistryPostcodeParty> parties;
  std::vector<DocumentSummary> adverts;  // whose current version mentions it
};

// A company whose registered office is, or was, at a postcode.
struct RegistryCompanyAtPostcode {
  std::string postcode;
  std::string number;
  std::string name;  // "" for a stub known only from a PSC or appointment
  std::string status;
  bool current = true;  // false: the registered office has since moved away
};

// The store's form of a company number: upper-case, no spaces, all-digit
// numbers zero-padded to 8 ("1234567" -> "01234567"), as GetCompany looks
// it up. Empty when `raw` holds anything but letters, digits and spaces or
// more than 8 characters.
std::string NormalizeCompanyNumber(std::string_view raw);

// A registry party's details and (officers) every appointment, for
// walking a company's network in an export (store_registry_network.cc).
struct RegistryAppointmentView {
  std::string company_number;
  std::string company_name;  // "" for a stub company
  std::string role;
  std::string appointed_on;
  std::string resigned_on;
  RegistryAddressRow address;  // correspondence address
};

struct RegistryPartyDetail {
  int64_t row = 0;
  std::string date_of_birth;  // "1979-03" or ""
  std::string nationality;
  std::string country_of_residence;
  std::string registration_number;                    // corporate PSCs only
  std::vector<RegistryAppointmentView> appointments;  // officers only, oldest first
};

// ---- the store ---------------------------------------------------------------

class Store {
 public:
  // Opens (creating if needed) and, unless read_only, applies pending
  // migrations in one transaction each. Sets WAL, synchronous=FULL,
  // foreign_keys=ON, trusted_schema=OFF, defensive mode, busy timeout, and
  // runs quick_check. Errors name the path.
  static Result<std::unique_ptr<Store>> Open(const StoreOptions& options);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  int SchemaVersion() const;         // highest applied migration
  static int LatestSchemaVersion();  // highest migration compiled in

  // Runs fn inside BEGIN IMMEDIATE ... COMMIT; rolls back if fn fails.
  // Nested calls join the outer transaction. The writer batches commits so.
  Status InTransaction(const std::function<Status()>& fn);

  // ---- sources and runs
  Result<int64_t> UpsertSource(const SourceRegistration& source);
  Result<int64_t> UpsertSource(const std::string& name, const std::string& kind,
                               const std::string& authorisation_ref);
  Result<std::vector<SourceRow>> ListSources();
  Status SetNextRun(int64_t source_id, int64_t next_run_ms);
  // Records why a source is not being collected ("" when it is again).
  Status SetSourceState(int64_t source_id, const std::string& state, int64_t now_ms);
  // URLs of a source that failed for good ("permanent: ..." errors: a
  // channel without a public preview, an account gone or locked), which
  // later runs skip; (url, error), oldest first.
  Result<std::vector<std::pair<std::string, std::string>>> ListPermanentFailures(int64_t source_id);
  // Lets the next run try them again (an analyst decided so); returns how many.
  Result<int> ClearPermanentFailures(int64_t source_id);

  // The unfinished run of a source, if any (a restart resumes it).
  Result<std::optional<int64_t>> OpenRun(int64_t source_id);
  // Creates a run and queues the start URLs (kListing, depth 0) for it.
  Result<int64_t> StartRun(int64_t source_id, const std::vector<std::string>& start_urls,
                           int64_t now_ms);
  // Marks the run finished and records its error (empty for none) on the source.
  Status FinishRun(int64_t run_id, int64_t now_ms, const std::string& error);

  // ---- frontier (durable; survives restart and kill -9)
  // Leases up to `limit` pending items of the run whose not_before <= now,
  // listings and adverts before images, oldest first; leased items are not
  // returned again until released.
  Result<std::vector<FrontierItem>> LeaseFrontier(int64_t run_id, int limit, int64_t now_ms);
  // Puts leased items of every run back to pending (called at start-up).
  Status ReleaseLeases();
  // Puts one leased item back to pending, no attempt counted (it was never
  // sent: budget spent, authorisation lapsed, its host asked for a pause);
  // it is not leased again before `not_before_ms`.
  Status ReleaseLease(int64_t item_id, int64_t now_ms, int64_t not_before_ms = 0);
  // Items of the run still pending or leased.
  Result<int64_t> CountOutstanding(int64_t run_id);
  // Queues URLs for a run (sitemap seeds); returns how many were new or
  // re-queued. Same rules as links found on pages.
  Result<int> Enqueue(int64_t source_id, int64_t run_id, const std::vector<std::string>& urls,
                      FrontierKind kind, int depth, int64_t now_ms);

  // The run's request count, durable so a restart cannot overspend the
  // per-run budget: requests are counted when they are sent.
  Status AddRunRequests(int64_t run_id, int64_t count);
  Result<int64_t> RunRequests(int64_t run_id);
  Result<int64_t> RunStartedMs(int64_t run_id);

  // Conditional GET: the validators of the last 200 of a URL, if any.
  Result<std::optional<UrlValidator>> GetValidator(int64_t source_id, const std::string& url);

  // At the end of a complete run: every advert of the source that was not
  // seen during it (last_seen before the run started) and is not already
  // removed is marked removed now with `reason`. Returns those documents.
  Result<std::vector<DocumentSummary>> MarkUnseenRemoved(int64_t source_id, int64_t run_started_ms,
                                                         int64_t now_ms, const std::string& reason);

  // ---- commits (idempotent: replaying one after a crash changes nothing)
  // Inserts the capture, upserts the advert document (new version only when
  // the content hash changes; last_seen always), its selectors and mentions,
  // its image URLs (queued as kImage unless already fetched), enqueues links
  // for this run (a URL already done in this run is not re-queued), and marks
  // the item done.
  Result<PageCommitResult> CommitPage(const PageCommit& commit);
  Status CommitImage(const ImageCommit& commit);
  Status CommitFailure(const FailureCommit& commit);

  // A capture that belongs to no frontier item (robots.txt): evidence all
  // the same. Idempotent like the commits. Returns its id.
  Result<int64_t> RecordCapture(const CaptureRow& capture);

  // True when an image with this SHA-256 is already stored.
  Result<bool> HasImage(const std::string& sha256);

  // ---- images: hashes, watchlist, near-duplicates, alerts (store_images.cc)
  Result<std::optional<ImageRecord>> GetImage(const std::string& sha256);
  Result<std::optional<ImageRecord>> GetImageByRowid(int64_t rowid);
  // (rowid, PDQ hex) of every hashed image with quality >= min_quality: what
  // the hash index is rebuilt from at start-up.
  Result<std::vector<std::pair<int64_t, std::string>>> ListImageHashes(int min_quality);
  // Calls `visit(rowid, pdq, windows)` for every image with sub-window
  // hashes, in rowid order, without holding them all in memory.
  Status ForEachImageWindows(
      const std::function<void(int64_t, const std::string&, const std::string&)>& visit);
  // The advert versions that show the image (by URL, through its captures).
  Result<std::vector<ImageUse>> ImageUses(const std::string& sha256);
  // Adds a watchlist photo's hashes; the same photo twice in one operation
  // keeps the first entry. Returns the entry's id and whether it is new.
  Result<std::pair<int64_t, bool>> AddWatchlistImage(const WatchlistImage& entry);
  Result<std::vector<WatchlistImage>> ListWatchlistImages();
  // Records a near-duplicate pair (either order); false when already known.
  Result<bool> RecordImageMatch(ImageMatchRow match);
  Result<std::vector<ImageMatchRow>> ImageMatches(const std::string& sha256);
  // Raises an alert unless this (watchlist entry, image) pair already has
  // one, whatever its status. Returns the new alert's id, nullopt when the
  // pair was known.
  Result<std::optional<int64_t>> RaiseAlert(const AlertRow& alert);
  // Alerts with the status ("" for all), newest first.
  Result<std::vector<AlertRow>> ListAlerts(const std::string& status, int limit);
  Result<std::optional<AlertRow>> GetAlert(int64_t id);
  // OCR of an image finished: its state and text are kept on the image and
  // each selector becomes a mention (origin "ocr", field "image:<sha256>")
  // of every advert version that shows the image. Idempotent.
  Status CommitOcr(const OcrCommit& commit);
  // (sha256, blob_path) of images still waiting for OCR, oldest first: what a
  // restart queues again.
  Result<std::vector<std::pair<std::string, std::string>>> ImagesAwaitingOcr(int limit);
  // An analyst's decision on an open alert: "confirmed" or "rejected".
  Status DecideAlert(int64_t id, const std::string& status, const std::string& actor,
                     const std::string& note, int64_t now_ms);

  // ---- linking and review (store_linking.cc, store_clusters.cc, store_review.cc)
  // Clusters are the connected components of documents linked by a shared
  // linking selector (any kind but place) in their current versions, the
  // same image, or two images of a near-duplicate pair not rejected. Every
  // linked document has a cluster (a singleton too). Merges move the smaller
  // cluster's members into the larger and leave `merged_into` on the smaller.
  //
  // Links a document after a commit that made a new or changed version (or
  // gave it OCR mentions): merges its cluster with those of every linked
  // document, and raises a cluster_growth alert when the cluster reaches the
  // alert size or doubles past its last alert. Links are only added: a
  // version that drops a selector splits nothing until RebuildClusters.
  Result<LinkOutcome> LinkDocument(int64_t document_id, int64_t now_ms);
  // An image was stored, read by OCR, or paired as a near-duplicate: links
  // every document that shows it. Nothing to do when none does.
  Result<LinkOutcome> LinkImage(const std::string& sha256, int64_t now_ms);
  // Recomputes every cluster from scratch (union-find over the same rules).
  // A component keeps the id of the existing cluster holding most of its
  // members; a cluster left without members points at the one that took
  // most of them. Raises no alerts.
  Status RebuildClusters(int64_t now_ms);
  // Incremental linking relies on every document having been linked. When
  // any has no cluster (a database from before schema 5), rebuilds; returns
  // whether it did. harrierd calls it at start-up.
  Result<bool> EnsureClusters(int64_t now_ms);
  // The size at which a cluster_growth alert is first raised ([review]
  // cluster_alert_size); below 2 disables growth alerts.
  void SetClusterAlertSize(int size) { cluster_alert_size_ = size; }
  // Live clusters with at least min_size documents, largest first.
  Result<std::vector<ClusterSummary>> ListClusters(int min_size, int limit);
  // Follows merged_into; nullopt for no such cluster.
  Result<std::optional<ClusterDetail>> GetCluster(int64_t id);
  // The live cluster of a document; nullopt when it was never linked.
  Result<std::optional<int64_t>> ClusterOfDocument(int64_t document_id);

  // Watched selectors. The same (operation, kind, value) twice keeps the
  // first entry. Returns the entry's id and whether it is new.
  Result<std::pair<int64_t, bool>> AddWatchlistSelector(const WatchlistSelector& entry);
  Result<std::vector<WatchlistSelector>> ListWatchlistSelectors();
  // Raises a watchlist_selector alert for every watched selector the
  // document's current version mentions, unless that (entry, document)
  // pairing already has an alert, whatever its status. Returns new alert ids.
  Result<std::vector<int64_t>> RaiseSelectorAlerts(int64_t document_id, int64_t now_ms);
  // The same for one entry over every document already stored.
  Result<std::vector<int64_t>> RaiseAlertsForWatchEntry(int64_t watch_id, int64_t now_ms);

  // Near-duplicate pairs with the status ("" for all), newest first, with
  // the adverts that show each image.
  Result<std::vector<ImageMatchView>> ListImageMatches(const std::string& status, int limit);
  Result<std::optional<ImageMatchView>> GetImageMatch(int64_t id);
  // An analyst's decision on an open pair, "confirmed" or "rejected", once.
  // A rejection unlinks the pair, so clusters are rebuilt.
  Status DecideImageMatch(int64_t id, const std::string& status, const std::string& actor,
                          const std::string& note, int64_t now_ms);

  // Where a selector was seen: one stop per document that mentions it, in
  // the order it was first mentioned there.
  Result<Movement> SelectorMovement(SelectorKind kind, const std::string& value);

  // ---- audit (append-only, hash-chained; UPDATE/DELETE rejected by triggers)
  Status AppendAudit(const AuditEntry& entry);
  // Index (1-based id) of the first row whose hash does not chain, or 0.
  Result<int64_t> VerifyAuditChain();
  // The newest `limit` audit rows, newest first.
  Result<std::vector<AuditRow>> ListAudit(int limit);

  // ---- reads for the CLI and review
  Result<Summary> GetSummary();
  Result<std::vector<DocumentSummary>> FindDocumentsBySelector(SelectorKind kind,
                                                               const std::string& value);
  Result<std::optional<DocumentDetail>> GetDocument(int64_t id);
  // The captures behind a document and its images; nullopt for no such id.
  Result<std::optional<EvidenceSet>> GetEvidence(int64_t document_id);
  Result<std::vector<ErrorView>> RecentErrors(int limit);
  // Documents of a source, for tests and exports.
  Result<std::vector<DocumentSummary>> ListDocuments();

  // ---- users (store_users.cc): the review UI's accounts. The store keeps
  // the PHC string it is given; hashing and verifying are the UI's.
  // Rejected when the name exists or the role is not one of the three.
  Result<int64_t> AddUser(const AppUser& user);
  Result<std::optional<AppUser>> GetUser(const std::string& name);
  Result<std::vector<AppUser>> ListUsers();
  // NotFound when there is no such user.
  Status SetUserDisabled(const std::string& name, bool disabled);
  Status SetUserPassword(const std::string& name, const std::string& password_hash);

  // ---- exports (store_exports.cc)
  // Near-duplicate pairs of the image, each with the analyst's decision on
  // it: "open", "confirmed" or "rejected" (image_match.status, schema 5).
  Result<std::vector<std::pair<ImageMatchRow, std::string>>> ImageMatchDecisions(
      const std::string& sha256);

  // ---- registry (store_registry.cc): Companies House companies, officers,
  // appointments and PSCs. Every upsert is idempotent: the same record twice
  // changes nothing but last_seen. Addresses are deduplicated by their
  // normalised full text and their postcodes become selectors (kind
  // 'postcode') linked in registry_selector. The batch forms run in one
  // transaction (joining an open one) and prepare their statements once.
  //
  // A new version when name, status, type, dates, SIC codes, previous names
  // or registered office differ from the current version; name, status and
  // address differences are also recorded as changes. Zero-pads an
  // all-digit number to 8. InvalidArgument for an empty number.
  Result<RegistryUpsert> UpsertCompany(const registry::Company& company, RegistrySource source,
                                       int64_t now_ms);
  Result<std::vector<RegistryUpsert>> UpsertCompanies(
      const std::vector<registry::Company>& companies, RegistrySource source, int64_t now_ms);
  // Keyed on officer_id when known, else on (name, birth month, kind).
  Result<RegistryUpsert> UpsertOfficer(const registry::Officer& officer, int64_t now_ms);
  // The officer (by officer_id) must be stored; an unknown company becomes a
  // stub. A new appointment of an already known company records
  // new_officer; resigned_on becoming set records resignation.
  Result<RegistryUpsert> UpsertAppointment(const registry::Appointment& appointment,
                                           int64_t now_ms);
  // Keyed on psc_id, else a natural key (kind, name, birth month, notified
  // on). An unknown company becomes a stub. Records new_psc (for an already
  // known company) and psc_ceased.
  Result<RegistryUpsert> UpsertPsc(const registry::Psc& psc, RegistrySource source, int64_t now_ms);
  Result<std::vector<RegistryUpsert>> UpsertPscs(const std::vector<registry::Psc>& pscs,
                                                 RegistrySource source, int64_t now_ms);
  // Oldest first.
  Result<std::vector<RegistryChangeRow>> ListCompanyChanges(const std::string& number);
  // The company with its registered office, appointments and PSCs.
  Result<std::optional<RegistryCompanyView>> GetCompany(const std::string& number);
  // Companies, officers and PSCs whose addresses carry the selector
  // (kind "postcode", value normalised "TE1 2ST"), so a review page can say
  // "3 adverts and 2 companies share this postcode".
  Result<std::vector<RegistryEntityRef>> RegistryEntitiesForSelector(SelectorKind kind,
                                                                     const std::string& value);

  // ---- registry views (store_registry_views.cc): registry records beside
  // adverts, for `harrier show company` and the review UI.
  //
  // Each UK postcode (a selector) a company's records carry (its registered
  // office, its officers' correspondence addresses for it, its PSCs'
  // addresses), the registered office's first and the rest in postcode
  // order, with who carries it and the adverts whose current version
  // mentions it. Empty for an unknown company.
  Result<std::vector<RegistryPostcodeAdverts>> AdvertsAtCompanyPostcodes(const std::string& number);
  // Companies registered at any of the postcodes (normalised "TE1 2ST"),
  // now or before: those still there first, then by postcode, name, number.
  Result<std::vector<RegistryCompanyAtPostcode>> CompaniesAtPostcodes(
      const std::vector<std::string>& postcodes);
  // The same for every postcode the current versions of a cluster's adverts
  // mention, in one query. A merged cluster id is followed to the live one;
  // empty for no such cluster.
  Result<std::vector<RegistryCompanyAtPostcode>> CompaniesAtClusterPostcodes(int64_t cluster_id);
  // ---- registry network reads (store_registry_network.cc), by row id
  // (RegistryOfficerView::officer_row, RegistryPscView::id); nullopt for no
  // such row.
  Result<std::optional<RegistryPartyDetail>> GetRegistryOfficer(int64_t officer_row);
  Result<std::optional<RegistryPartyDetail>> GetRegistryPsc(int64_t psc_row);

  // Direct access for tests that need to poke at rows. Not for production code.
  sqlite3* RawHandleForTesting() { return db_; }

 private:
  explicit Store(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  int transaction_depth_ = 0;
  int cluster_alert_size_ = 5;  // linking and review
};

}  // namespace harrier::store

#endif  // HARRIER_STORE_STORE_H_
