#include "store/migrations.h"

#include <string>

#include "store/internal.h"
#include "store/schema_v7.h"

namespace harrier::store {

namespace {

using internal::Exec;
using internal::Statement;

// Migration 1: the collection schema. Tables are STRICT so a wrong type is an
// error, not a silent conversion. Times are Unix milliseconds (UTC).
constexpr char kSchemaV1[] = R"sql(
CREATE TABLE source (
  id                   INTEGER PRIMARY KEY,
  name                 TEXT NOT NULL UNIQUE,
  kind                 TEXT NOT NULL,
  authorisation_ref    TEXT NOT NULL DEFAULT '',
  created_ms           INTEGER NOT NULL,
  last_run_started_ms  INTEGER,
  last_run_finished_ms INTEGER,
  next_run_ms          INTEGER,
  last_error           TEXT NOT NULL DEFAULT ''
) STRICT;

-- AUTOINCREMENT: run ids never go backwards, and the frontier relies on
-- "run_id < this run" meaning "an earlier run".
CREATE TABLE run (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  source_id   INTEGER NOT NULL REFERENCES source(id),
  started_ms  INTEGER NOT NULL,
  finished_ms INTEGER,
  error       TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX run_by_source ON run(source_id, finished_ms);

CREATE TABLE frontier (
  id            INTEGER PRIMARY KEY,
  source_id     INTEGER NOT NULL REFERENCES source(id),
  run_id        INTEGER NOT NULL REFERENCES run(id),
  url           TEXT NOT NULL,
  kind          TEXT NOT NULL CHECK (kind IN ('listing', 'advert', 'image')),
  depth         INTEGER NOT NULL DEFAULT 0,
  state         TEXT NOT NULL CHECK (state IN ('pending', 'leased', 'done', 'failed')),
  attempts      INTEGER NOT NULL DEFAULT 0,
  not_before_ms INTEGER NOT NULL DEFAULT 0,
  last_error    TEXT NOT NULL DEFAULT '',
  updated_ms    INTEGER NOT NULL,
  UNIQUE (source_id, url, kind)
) STRICT;
CREATE INDEX frontier_by_run_state ON frontier(run_id, state, not_before_ms);
CREATE INDEX frontier_by_state ON frontier(state, updated_ms);

-- Immutable evidence: one fetched response. The unique key makes replaying
-- a commit after a crash find the capture it already stored.
CREATE TABLE capture (
  id           INTEGER PRIMARY KEY,
  source_id    INTEGER NOT NULL REFERENCES source(id),
  run_id       INTEGER NOT NULL REFERENCES run(id),
  url          TEXT NOT NULL,
  final_url    TEXT NOT NULL DEFAULT '',
  http_status  INTEGER NOT NULL DEFAULT 0,
  fetched_ms   INTEGER NOT NULL,
  body_sha256  TEXT NOT NULL DEFAULT '',
  body_size    INTEGER NOT NULL DEFAULT 0,
  content_type TEXT NOT NULL DEFAULT '',
  remote_ip    TEXT NOT NULL DEFAULT '',
  blob_path    TEXT NOT NULL DEFAULT '',
  error        TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE UNIQUE INDEX capture_replay_key ON capture(run_id, url, body_sha256, fetched_ms);
CREATE INDEX capture_by_url ON capture(url, fetched_ms);
CREATE INDEX capture_errors ON capture(fetched_ms) WHERE error != '';
CREATE TRIGGER capture_immutable BEFORE UPDATE ON capture
BEGIN SELECT RAISE(ABORT, 'capture rows are immutable evidence'); END;

CREATE TABLE document (
  id              INTEGER PRIMARY KEY,
  source_id       INTEGER NOT NULL REFERENCES source(id),
  url             TEXT NOT NULL,
  kind            TEXT NOT NULL DEFAULT 'advert',
  first_seen_ms   INTEGER NOT NULL,
  last_seen_ms    INTEGER NOT NULL,
  current_version INTEGER NOT NULL,
  removed_ms      INTEGER,
  UNIQUE (source_id, url)
) STRICT;

CREATE TABLE document_version (
  id             INTEGER PRIMARY KEY,
  document_id    INTEGER NOT NULL REFERENCES document(id),
  version        INTEGER NOT NULL,
  content_sha256 TEXT NOT NULL,
  title          TEXT NOT NULL,
  body           TEXT NOT NULL,
  posted         TEXT NOT NULL,
  location       TEXT NOT NULL,
  capture_id     INTEGER REFERENCES capture(id),
  seen_ms        INTEGER NOT NULL,
  UNIQUE (document_id, version)
) STRICT;
CREATE INDEX document_version_by_capture ON document_version(capture_id);
CREATE TRIGGER document_version_immutable BEFORE UPDATE ON document_version
BEGIN SELECT RAISE(ABORT, 'document versions are immutable'); END;

-- Every capture that showed a document, changed or not: its provenance.
CREATE TABLE document_capture (
  document_id INTEGER NOT NULL REFERENCES document(id),
  capture_id  INTEGER NOT NULL REFERENCES capture(id),
  PRIMARY KEY (document_id, capture_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE selector (
  id            INTEGER PRIMARY KEY,
  kind          TEXT NOT NULL,
  value         TEXT NOT NULL,
  first_seen_ms INTEGER NOT NULL,
  UNIQUE (kind, value)
) STRICT;

-- The unique key leads with selector_id, so it also serves lookups by selector.
CREATE TABLE mention (
  id                  INTEGER PRIMARY KEY,
  selector_id         INTEGER NOT NULL REFERENCES selector(id),
  document_version_id INTEGER NOT NULL REFERENCES document_version(id),
  field               TEXT NOT NULL,
  raw                 TEXT NOT NULL,
  snippet             TEXT NOT NULL,
  span_begin          INTEGER NOT NULL,
  span_end            INTEGER NOT NULL,
  confidence          REAL NOT NULL DEFAULT 1.0,
  origin              TEXT NOT NULL DEFAULT 'text',
  UNIQUE (selector_id, document_version_id, field, span_begin)
) STRICT;
CREATE INDEX mention_by_version ON mention(document_version_id);

CREATE TABLE image (
  sha256        TEXT PRIMARY KEY,
  size          INTEGER NOT NULL,
  mime          TEXT NOT NULL,
  blob_path     TEXT NOT NULL,
  first_seen_ms INTEGER NOT NULL,
  capture_id    INTEGER REFERENCES capture(id)
) STRICT;

-- The images a document version shows, in page order. The image itself is
-- found through the newest capture of the URL whose body is a stored image.
CREATE TABLE document_image (
  id                  INTEGER PRIMARY KEY,
  document_id         INTEGER NOT NULL REFERENCES document(id),
  document_version_id INTEGER NOT NULL REFERENCES document_version(id),
  position            INTEGER NOT NULL,
  url                 TEXT NOT NULL,
  UNIQUE (document_version_id, url)
) STRICT;
CREATE INDEX document_image_by_url ON document_image(url);
CREATE INDEX document_image_by_document ON document_image(document_id);

-- Append-only, hash-chained (DPA 2018 s.62 logging).
CREATE TABLE audit (
  id        INTEGER PRIMARY KEY,
  at_ms     INTEGER NOT NULL,
  actor     TEXT NOT NULL,
  action    TEXT NOT NULL,
  object    TEXT NOT NULL,
  detail    TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash      TEXT NOT NULL
) STRICT;
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
)sql";

// Migration 2 (issue 3, defensible fetching): the authorisation a source is
// collected under and why it is refused; a durable request count per run
// (the budget survives restarts); egress and WARC location of each capture;
// conditional-GET validators per URL; 'sitemap' frontier items; why a
// document was marked removed. SQLite cannot change a CHECK constraint in
// place, so the frontier table is rebuilt.
constexpr char kSchemaV2[] = R"sql(
ALTER TABLE source ADD COLUMN authorisation_type TEXT NOT NULL DEFAULT '';
ALTER TABLE source ADD COLUMN authorised_by TEXT NOT NULL DEFAULT '';
ALTER TABLE source ADD COLUMN authorisation_starts TEXT NOT NULL DEFAULT '';
ALTER TABLE source ADD COLUMN authorisation_expires TEXT NOT NULL DEFAULT '';
ALTER TABLE source ADD COLUMN state TEXT NOT NULL DEFAULT '';
ALTER TABLE source ADD COLUMN state_ms INTEGER;

ALTER TABLE run ADD COLUMN requests INTEGER NOT NULL DEFAULT 0;

ALTER TABLE capture ADD COLUMN egress TEXT NOT NULL DEFAULT '';
ALTER TABLE capture ADD COLUMN warc_file TEXT NOT NULL DEFAULT '';
ALTER TABLE capture ADD COLUMN warc_offset INTEGER NOT NULL DEFAULT 0;
ALTER TABLE capture ADD COLUMN warc_length INTEGER NOT NULL DEFAULT 0;
ALTER TABLE capture ADD COLUMN warc_record_id TEXT NOT NULL DEFAULT '';

ALTER TABLE document ADD COLUMN removed_reason TEXT NOT NULL DEFAULT '';

-- The validators of the last 200 response of a URL, for conditional GET.
CREATE TABLE url_validator (
  source_id     INTEGER NOT NULL REFERENCES source(id),
  url           TEXT NOT NULL,
  etag          TEXT NOT NULL DEFAULT '',
  last_modified TEXT NOT NULL DEFAULT '',
  body_sha256   TEXT NOT NULL,
  capture_id    INTEGER NOT NULL REFERENCES capture(id),
  updated_ms    INTEGER NOT NULL,
  PRIMARY KEY (source_id, url)
) STRICT, WITHOUT ROWID;

CREATE TABLE frontier_v2 (
  id            INTEGER PRIMARY KEY,
  source_id     INTEGER NOT NULL REFERENCES source(id),
  run_id        INTEGER NOT NULL REFERENCES run(id),
  url           TEXT NOT NULL,
  kind          TEXT NOT NULL CHECK (kind IN ('listing', 'advert', 'image', 'sitemap')),
  depth         INTEGER NOT NULL DEFAULT 0,
  state         TEXT NOT NULL CHECK (state IN ('pending', 'leased', 'done', 'failed')),
  attempts      INTEGER NOT NULL DEFAULT 0,
  not_before_ms INTEGER NOT NULL DEFAULT 0,
  last_error    TEXT NOT NULL DEFAULT '',
  updated_ms    INTEGER NOT NULL,
  UNIQUE (source_id, url, kind)
) STRICT;
INSERT INTO frontier_v2 SELECT * FROM frontier;
DROP TABLE frontier;
ALTER TABLE frontier_v2 RENAME TO frontier;
CREATE INDEX frontier_by_run_state ON frontier(run_id, state, not_before_ms);
CREATE INDEX frontier_by_state ON frontier(state, updated_ms);
)sql";

// Schema 3 (selectors an analyst would find): a human-readable detail per
// selector (a phone's area, a place's county and position, a wallet's address
// type), and each advert version's trafficking-indicator score with every
// rule that fired and the text that fired it, under a versioned rule set.
// Scores are facts about a version, so they are immutable like the version.
constexpr char kSchemaV3[] = R"sql(
ALTER TABLE selector ADD COLUMN detail TEXT NOT NULL DEFAULT '';

CREATE TABLE indicator_score (
  document_version_id INTEGER PRIMARY KEY REFERENCES document_version(id),
  ruleset_version     TEXT NOT NULL,
  score               REAL NOT NULL,
  band                TEXT NOT NULL,
  headline            TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE indicator_hit (
  id                  INTEGER PRIMARY KEY,
  document_version_id INTEGER NOT NULL REFERENCES document_version(id),
  rule_id             TEXT NOT NULL,
  name                TEXT NOT NULL,
  category            TEXT NOT NULL,
  weight              TEXT NOT NULL,
  counted             INTEGER NOT NULL,
  field               TEXT NOT NULL,
  matched             TEXT NOT NULL,
  snippet             TEXT NOT NULL,
  span_begin          INTEGER NOT NULL,
  span_end            INTEGER NOT NULL,
  rationale           TEXT NOT NULL DEFAULT '',
  UNIQUE (document_version_id, rule_id, field, span_begin)
) STRICT;
CREATE INDEX indicator_hit_by_rule ON indicator_hit(rule_id);
CREATE TRIGGER indicator_score_immutable BEFORE UPDATE ON indicator_score
BEGIN SELECT RAISE(ABORT, 'indicator scores are immutable'); END;
CREATE TRIGGER indicator_hit_immutable BEFORE UPDATE ON indicator_hit
BEGIN SELECT RAISE(ABORT, 'indicator hits are immutable'); END;
)sql";

// Migration 4 (issue 5, images): what decoding and hashing found for each
// image (or why it was refused), the watchlist photos investigators supply
// (hashes and metadata only), near-duplicate pairs between stored images,
// and alerts for review; OCR text of images. A pair an analyst has decided is never raised
// again: alerts are unique per (watchlist entry, image) and matches per
// image pair.
constexpr char kSchemaV4[] = R"sql(
ALTER TABLE image ADD COLUMN width INTEGER NOT NULL DEFAULT 0;
ALTER TABLE image ADD COLUMN height INTEGER NOT NULL DEFAULT 0;
ALTER TABLE image ADD COLUMN pdq TEXT NOT NULL DEFAULT '';
ALTER TABLE image ADD COLUMN pdq_quality INTEGER NOT NULL DEFAULT 0;
ALTER TABLE image ADD COLUMN phash TEXT NOT NULL DEFAULT '';
ALTER TABLE image ADD COLUMN exif TEXT NOT NULL DEFAULT '';
ALTER TABLE image ADD COLUMN rejection TEXT NOT NULL DEFAULT '';
ALTER TABLE image ADD COLUMN rejection_detail TEXT NOT NULL DEFAULT '';
-- OCR of images likely to carry text: '' (not needed), 'pending', 'done',
-- 'timeout' (the time budget ran out; what was read is kept) or 'failed'.
ALTER TABLE image ADD COLUMN ocr_state TEXT NOT NULL DEFAULT '';
ALTER TABLE image ADD COLUMN ocr_text TEXT NOT NULL DEFAULT '';
-- Sub-window PDQ hashes (imageproc::EncodeSubwindowHashes, hex): what the
-- crop- and overlay-tolerant second matching stage compares.
ALTER TABLE image ADD COLUMN windows TEXT NOT NULL DEFAULT '';

CREATE TABLE watchlist_image (
  id          INTEGER PRIMARY KEY,
  operation   TEXT NOT NULL,
  reason      TEXT NOT NULL,
  added_by    TEXT NOT NULL,
  added_ms    INTEGER NOT NULL,
  file_name   TEXT NOT NULL,
  sha256      TEXT NOT NULL,
  width       INTEGER NOT NULL,
  height      INTEGER NOT NULL,
  pdq         TEXT NOT NULL,
  pdq_quality INTEGER NOT NULL,
  phash       TEXT NOT NULL,
  photo_path  TEXT NOT NULL DEFAULT '',
  windows     TEXT NOT NULL DEFAULT '',  -- sub-window hashes, hex
  orb         TEXT NOT NULL DEFAULT '',  -- ORB features, hex; only with the photo kept
  UNIQUE (operation, sha256)
) STRICT;

CREATE TABLE image_match (
  id         INTEGER PRIMARY KEY,
  image_a    TEXT NOT NULL REFERENCES image(sha256),
  image_b    TEXT NOT NULL REFERENCES image(sha256),
  distance   INTEGER NOT NULL,
  method     TEXT NOT NULL,
  found_ms   INTEGER NOT NULL,
  CHECK (image_a < image_b),
  UNIQUE (image_a, image_b)
) STRICT;
CREATE INDEX image_match_by_b ON image_match(image_b);

CREATE TABLE alert (
  id                 INTEGER PRIMARY KEY,
  kind               TEXT NOT NULL CHECK (kind IN ('watchlist_image')),
  watchlist_image_id INTEGER NOT NULL REFERENCES watchlist_image(id),
  image_sha256       TEXT NOT NULL REFERENCES image(sha256),
  document_id        INTEGER REFERENCES document(id),
  url                TEXT NOT NULL,
  captured_ms        INTEGER NOT NULL,
  distance           INTEGER NOT NULL,
  method             TEXT NOT NULL,
  image_pdq          TEXT NOT NULL,
  watchlist_pdq      TEXT NOT NULL,
  created_ms         INTEGER NOT NULL,
  status             TEXT NOT NULL DEFAULT 'open'
                     CHECK (status IN ('open', 'confirmed', 'rejected')),
  decided_by         TEXT NOT NULL DEFAULT '',
  decided_ms         INTEGER,
  note               TEXT NOT NULL DEFAULT '',
  UNIQUE (watchlist_image_id, image_sha256)
) STRICT;
CREATE INDEX alert_by_status ON alert(status, id);
)sql";

// Migration 5 (issue 7, analyst review): selectors analysts watch; clusters
// of documents linked by shared selectors and images (maintained
// incrementally; a merged cluster points at the one it joined, so references
// to it stay resolvable); analysts' decisions on near-duplicate image pairs;
// alerts of three kinds (a watched photo, a watched selector, a cluster
// that grew past a threshold), each unique per what it pairs so a decided
// pairing is never raised again; and the review UI's users (argon2id PHC
// strings from libsodium). SQLite cannot relax a CHECK or NOT NULL in place,
// so the alert table is rebuilt.
constexpr char kSchemaV5[] = R"sql(
CREATE TABLE watchlist_selector (
  id        INTEGER PRIMARY KEY,
  kind      TEXT NOT NULL,
  value     TEXT NOT NULL,  -- normalised as selector.value is
  operation TEXT NOT NULL,
  reason    TEXT NOT NULL,
  added_by  TEXT NOT NULL,
  added_ms  INTEGER NOT NULL,
  UNIQUE (operation, kind, value)
) STRICT;
CREATE INDEX watchlist_selector_by_value ON watchlist_selector(kind, value);

CREATE TABLE cluster (
  id           INTEGER PRIMARY KEY,
  size         INTEGER NOT NULL,  -- documents; 0 once merged away
  created_ms   INTEGER NOT NULL,
  updated_ms   INTEGER NOT NULL,
  merged_into  INTEGER REFERENCES cluster(id),
  alerted_size INTEGER NOT NULL DEFAULT 0  -- size at the last growth alert
) STRICT;
CREATE INDEX cluster_live_by_size ON cluster(size) WHERE merged_into IS NULL;

CREATE TABLE cluster_member (
  document_id INTEGER PRIMARY KEY REFERENCES document(id),
  cluster_id  INTEGER NOT NULL REFERENCES cluster(id),
  joined_ms   INTEGER NOT NULL
) STRICT;
CREATE INDEX cluster_member_by_cluster ON cluster_member(cluster_id);

ALTER TABLE image_match ADD COLUMN status TEXT NOT NULL DEFAULT 'open'
  CHECK (status IN ('open', 'confirmed', 'rejected'));
ALTER TABLE image_match ADD COLUMN decided_by TEXT NOT NULL DEFAULT '';
ALTER TABLE image_match ADD COLUMN decided_ms INTEGER;
ALTER TABLE image_match ADD COLUMN note TEXT NOT NULL DEFAULT '';

CREATE TABLE alert_v5 (
  id                    INTEGER PRIMARY KEY,
  kind                  TEXT NOT NULL
                        CHECK (kind IN ('watchlist_image', 'watchlist_selector', 'cluster_growth')),
  watchlist_image_id    INTEGER REFERENCES watchlist_image(id),
  image_sha256          TEXT REFERENCES image(sha256),
  watchlist_selector_id INTEGER REFERENCES watchlist_selector(id),
  selector_id           INTEGER REFERENCES selector(id),
  cluster_id            INTEGER REFERENCES cluster(id),
  cluster_size          INTEGER NOT NULL DEFAULT 0,
  document_id           INTEGER REFERENCES document(id),
  url                   TEXT NOT NULL,
  captured_ms           INTEGER NOT NULL,
  distance              INTEGER NOT NULL DEFAULT 0,
  method                TEXT NOT NULL DEFAULT '',
  image_pdq             TEXT NOT NULL DEFAULT '',
  watchlist_pdq         TEXT NOT NULL DEFAULT '',
  created_ms            INTEGER NOT NULL,
  status                TEXT NOT NULL DEFAULT 'open'
                        CHECK (status IN ('open', 'confirmed', 'rejected')),
  decided_by            TEXT NOT NULL DEFAULT '',
  decided_ms            INTEGER,
  note                  TEXT NOT NULL DEFAULT '',
  CHECK (kind != 'watchlist_image' OR
         (watchlist_image_id IS NOT NULL AND image_sha256 IS NOT NULL)),
  CHECK (kind != 'watchlist_selector' OR
         (watchlist_selector_id IS NOT NULL AND selector_id IS NOT NULL AND
          document_id IS NOT NULL)),
  CHECK (kind != 'cluster_growth' OR (cluster_id IS NOT NULL AND cluster_size > 0))
) STRICT;
INSERT INTO alert_v5(id, kind, watchlist_image_id, image_sha256, document_id, url, captured_ms,
                     distance, method, image_pdq, watchlist_pdq, created_ms, status, decided_by,
                     decided_ms, note)
  SELECT id, kind, watchlist_image_id, image_sha256, document_id, url, captured_ms, distance,
         method, image_pdq, watchlist_pdq, created_ms, status, decided_by, decided_ms, note
  FROM alert;
DROP TABLE alert;
ALTER TABLE alert_v5 RENAME TO alert;
CREATE INDEX alert_by_status ON alert(status, id);
CREATE UNIQUE INDEX alert_image_pair ON alert(watchlist_image_id, image_sha256)
  WHERE kind = 'watchlist_image';
CREATE UNIQUE INDEX alert_selector_pair ON alert(watchlist_selector_id, document_id)
  WHERE kind = 'watchlist_selector';
CREATE UNIQUE INDEX alert_cluster_size ON alert(cluster_id, cluster_size)
  WHERE kind = 'cluster_growth';

CREATE TABLE app_user (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL UNIQUE,
  role          TEXT NOT NULL CHECK (role IN ('analyst', 'supervisor', 'operator')),
  password_hash TEXT NOT NULL,  -- $argon2id$v=19$m=...,t=...,p=...$...
  created_ms    INTEGER NOT NULL,
  disabled      INTEGER NOT NULL DEFAULT 0
) STRICT;
)sql";

// Migration 6 (issue 6, registry data): companies, officers, appointments
// and persons with significant control from Companies House (API or bulk
// files), shaped to export as FollowTheMoney. A company's fields are kept
// per version (immutable, like document versions) so that a refresh that
// finds a new name, status or registered office makes a new version, and
// registry_change records what each refresh found. Registry address
// postcodes are selectors (kind 'postcode'), linked to the entities that
// use them through registry_selector, so an advert's postcode finds the
// companies registered there.
constexpr char kSchemaV6[] = R"sql(
CREATE TABLE registry_address (
  id             INTEGER PRIMARY KEY,
  full           TEXT NOT NULL UNIQUE,  -- upper-case parts joined by ", "
  care_of        TEXT NOT NULL DEFAULT '',
  po_box         TEXT NOT NULL DEFAULT '',
  premises       TEXT NOT NULL DEFAULT '',
  address_line_1 TEXT NOT NULL DEFAULT '',
  address_line_2 TEXT NOT NULL DEFAULT '',
  locality       TEXT NOT NULL DEFAULT '',
  region         TEXT NOT NULL DEFAULT '',
  postal_code    TEXT NOT NULL DEFAULT '',  -- normalised as a postcode selector: "TE1 2ST"
  country        TEXT NOT NULL DEFAULT '',
  first_seen_ms  INTEGER NOT NULL
) STRICT;
CREATE INDEX registry_address_by_postcode ON registry_address(postal_code);

-- The company as last seen; its history is in registry_company_version.
-- A company known only because a PSC or appointment names it is a stub:
-- current_version 0 and no name until its profile or bulk row arrives.
CREATE TABLE registry_company (
  id              INTEGER PRIMARY KEY,
  number          TEXT NOT NULL UNIQUE,
  name            TEXT NOT NULL DEFAULT '',
  status          TEXT NOT NULL DEFAULT '',
  type            TEXT NOT NULL DEFAULT '',
  jurisdiction    TEXT NOT NULL DEFAULT '',
  created         TEXT NOT NULL DEFAULT '',  -- ISO date
  ceased          TEXT NOT NULL DEFAULT '',
  sic             TEXT NOT NULL DEFAULT '[]',  -- JSON array of 5-digit codes
  previous_names  TEXT NOT NULL DEFAULT '[]',  -- JSON [{name, effective_from, ceased_on}]
  address_id      INTEGER REFERENCES registry_address(id),
  source          TEXT NOT NULL CHECK (source IN ('api', 'bulk')),
  first_seen_ms   INTEGER NOT NULL,
  last_seen_ms    INTEGER NOT NULL,
  current_version INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX registry_company_by_address ON registry_company(address_id);

CREATE TABLE registry_company_version (
  id             INTEGER PRIMARY KEY,
  company_id     INTEGER NOT NULL REFERENCES registry_company(id),
  version        INTEGER NOT NULL,
  content_sha256 TEXT NOT NULL,
  name           TEXT NOT NULL,
  status         TEXT NOT NULL,
  type           TEXT NOT NULL,
  jurisdiction   TEXT NOT NULL,
  created        TEXT NOT NULL,
  ceased         TEXT NOT NULL,
  sic            TEXT NOT NULL,
  previous_names TEXT NOT NULL,
  address_id     INTEGER REFERENCES registry_address(id),  -- registered office
  source         TEXT NOT NULL CHECK (source IN ('api', 'bulk')),
  seen_ms        INTEGER NOT NULL,
  UNIQUE (company_id, version)
) STRICT;
CREATE TRIGGER registry_company_version_immutable BEFORE UPDATE ON registry_company_version
BEGIN SELECT RAISE(ABORT, 'registry company versions are immutable'); END;

-- Officers and PSCs are FtM Persons (or Companies when corporate).
CREATE TABLE registry_officer (
  id                   INTEGER PRIMARY KEY,
  officer_id           TEXT UNIQUE,  -- Companies House's opaque id; NULL when unknown
  name                 TEXT NOT NULL,
  kind                 TEXT NOT NULL
                       CHECK (kind IN ('person', 'corporate', 'legal_person', 'super_secure')),
  date_of_birth        TEXT NOT NULL DEFAULT '',  -- "1979-03"
  nationality          TEXT NOT NULL DEFAULT '',
  country_of_residence TEXT NOT NULL DEFAULT '',
  occupation           TEXT NOT NULL DEFAULT '',
  first_seen_ms        INTEGER NOT NULL,
  last_seen_ms         INTEGER NOT NULL
) STRICT;
CREATE INDEX registry_officer_by_name ON registry_officer(name, date_of_birth);

-- A Directorship. A resignation updates resigned_on and is recorded in
-- registry_change.
CREATE TABLE registry_appointment (
  id             INTEGER PRIMARY KEY,
  officer_id     INTEGER NOT NULL REFERENCES registry_officer(id),
  company_id     INTEGER NOT NULL REFERENCES registry_company(id),
  role           TEXT NOT NULL,
  appointed_on   TEXT NOT NULL DEFAULT '',
  resigned_on    TEXT NOT NULL DEFAULT '',
  appointment_id TEXT NOT NULL DEFAULT '',
  address_id     INTEGER REFERENCES registry_address(id),  -- correspondence address
  first_seen_ms  INTEGER NOT NULL,
  last_seen_ms   INTEGER NOT NULL,
  UNIQUE (officer_id, company_id, role, appointed_on)
) STRICT;
CREATE INDEX registry_appointment_by_company ON registry_appointment(company_id);

-- An Ownership. psc_key is the PSC id from links.self, or "nk:" and a
-- SHA-256 of kind, name, birth month and notification date for a row
-- that carries none.
CREATE TABLE registry_psc (
  id                   INTEGER PRIMARY KEY,
  company_id           INTEGER NOT NULL REFERENCES registry_company(id),
  psc_key              TEXT NOT NULL,
  kind                 TEXT NOT NULL
                       CHECK (kind IN ('person', 'corporate', 'legal_person', 'super_secure')),
  name                 TEXT NOT NULL DEFAULT '',  -- '' for a super-secure PSC
  date_of_birth        TEXT NOT NULL DEFAULT '',
  nationality          TEXT NOT NULL DEFAULT '',
  country_of_residence TEXT NOT NULL DEFAULT '',
  natures              TEXT NOT NULL DEFAULT '[]',  -- JSON array of natures_of_control
  notified_on          TEXT NOT NULL DEFAULT '',
  ceased_on            TEXT NOT NULL DEFAULT '',
  registration_number  TEXT NOT NULL DEFAULT '',
  address_id           INTEGER REFERENCES registry_address(id),
  source               TEXT NOT NULL CHECK (source IN ('api', 'bulk')),
  first_seen_ms        INTEGER NOT NULL,
  last_seen_ms         INTEGER NOT NULL,
  UNIQUE (company_id, psc_key)
) STRICT;

-- What a refresh or an import found.
CREATE TABLE registry_change (
  id         INTEGER PRIMARY KEY,
  company_id INTEGER NOT NULL REFERENCES registry_company(id),
  kind       TEXT NOT NULL CHECK (kind IN ('new_officer', 'resignation', 'address_change',
                                          'name_change', 'status_change', 'new_psc',
                                          'psc_ceased')),
  detail     TEXT NOT NULL DEFAULT '{}',  -- JSON: {"from": ..., "to": ...} or the party
  seen_ms    INTEGER NOT NULL
) STRICT;
CREATE INDEX registry_change_by_company ON registry_change(company_id, id);

-- Selectors (a registry address's postcode) and the registry entities that
-- carry them: entity_kind 'company' (role registered_office), 'officer'
-- (correspondence_address) or 'psc' (psc_address), entity_id its row id.
CREATE TABLE registry_selector (
  selector_id   INTEGER NOT NULL REFERENCES selector(id),
  entity_kind   TEXT NOT NULL CHECK (entity_kind IN ('company', 'officer', 'psc')),
  entity_id     INTEGER NOT NULL,
  role          TEXT NOT NULL,
  first_seen_ms INTEGER NOT NULL,
  PRIMARY KEY (selector_id, entity_kind, entity_id, role)
) STRICT, WITHOUT ROWID;
)sql";

constexpr Migration kMigrations[] = {
    {1, kSchemaV1}, {2, kSchemaV2}, {3, kSchemaV3}, {4, kSchemaV4},
    {5, kSchemaV5}, {6, kSchemaV6}, {7, kSchemaV7},
};

constexpr char kCreateMigrationsTable[] =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY, applied_at_ms INTEGER NOT NULL) STRICT";

Status CheckOrder(std::span<const Migration> migrations) {
  for (size_t i = 0; i < migrations.size(); ++i) {
    if (migrations[i].version != static_cast<int>(i) + 1) {
      return Status::Internal("migration list is not 1..n without gaps at index " +
                              std::to_string(i));
    }
  }
  return Status::Ok();
}

// Applies one migration inside its own transaction. The version is checked
// again under the write lock, so two processes opening a fresh file at once
// cannot both apply it.
Status ApplyOne(sqlite3* db, const Migration& m) {
  const std::string what = "apply migration " + std::to_string(m.version);
  HARRIER_RETURN_IF_ERROR(Exec(db, "BEGIN IMMEDIATE", what));
  Status st = [&]() -> Status {
    Result<int> current = AppliedSchemaVersion(db);
    if (!current.ok()) return current.status();
    if (*current >= m.version) return Status::Ok();
    HARRIER_RETURN_IF_ERROR(Exec(db, m.sql, what));
    // The store has no Clock; this stamp is bookkeeping, not evidence, so
    // SQLite's own clock is good enough here.
    Statement q(db,
                "INSERT INTO schema_migrations(version, applied_at_ms) VALUES "
                "(?1, CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER))",
                what);
    return q.Bind(m.version).Run();
  }();
  if (st.ok()) st = Exec(db, "COMMIT", what);
  if (!st.ok() && !sqlite3_get_autocommit(db)) Exec(db, "ROLLBACK", what).IgnoreError();
  return st;
}

}  // namespace

std::span<const Migration> CompiledMigrations() { return kMigrations; }

Result<int> AppliedSchemaVersion(sqlite3* db) {
  Statement exists(db,
                   "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = "
                   "'schema_migrations'",
                   "read schema version");
  Result<bool> found = exists.Step();
  if (!found.ok()) return found.status();
  if (!*found) return 0;
  Statement q(db, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", "read schema version");
  Result<bool> row = q.Step();
  if (!row.ok()) return row.status();
  return static_cast<int>(q.Int(0));
}

Status ApplyMigrations(sqlite3* db, std::span<const Migration> migrations) {
  HARRIER_RETURN_IF_ERROR(CheckOrder(migrations));
  Result<int> version = AppliedSchemaVersion(db);
  if (!version.ok()) return version.status();
  const int latest = static_cast<int>(migrations.size());
  if (*version > latest) {
    return Status::Rejected("database schema version " + std::to_string(*version) +
                            " is newer than this binary supports (" + std::to_string(latest) +
                            "); use a newer harrier");
  }
  if (*version == latest) return Status::Ok();
  HARRIER_RETURN_IF_ERROR(Exec(db, kCreateMigrationsTable, "create schema_migrations"));
  for (const Migration& m : migrations) {
    if (m.version > *version) HARRIER_RETURN_IF_ERROR(ApplyOne(db, m));
  }
  return Status::Ok();
}

}  // namespace harrier::store
