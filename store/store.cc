// Opening the store, transactions, sources and runs, and the audit log.
// Frontier and commits are in store_frontier.cc and store_commit.cc; reads in
// store_queries.cc.
#include "store/store.h"

#include <sqlite3.h>

#include <exception>
#include <string>

#include "core/sha256.h"
#include "store/internal.h"
#include "store/migrations.h"

namespace harrier::store {

namespace {

using internal::AppendField;
using internal::Exec;
using internal::SqliteStatus;
using internal::Statement;

const std::string kGenesisHash(64, '0');

// Reads the single text row a PRAGMA returns.
Result<std::string> PragmaText(sqlite3* db, const char* sql) {
  Statement q(db, sql, sql);
  Result<bool> row = q.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::string();
  return q.Text(0);
}

Status Configure(sqlite3* db, const StoreOptions& options) {
  int rc = sqlite3_busy_timeout(db, options.busy_timeout_ms);
  if (rc != SQLITE_OK) return SqliteStatus(db, rc, "set busy timeout");
  // Defensive mode stops SQL from corrupting the file on purpose
  // (writable_schema, journal_mode=OFF ...); no double-quoted string literals.
  const int flags[] = {SQLITE_DBCONFIG_DEFENSIVE, 1, SQLITE_DBCONFIG_DQS_DDL, 0,
                       SQLITE_DBCONFIG_DQS_DML,   0};
  for (size_t i = 0; i < std::size(flags); i += 2) {
    rc = sqlite3_db_config(db, flags[i], flags[i + 1], nullptr);
    if (rc != SQLITE_OK) return SqliteStatus(db, rc, "configure connection");
  }
  HARRIER_RETURN_IF_ERROR(Exec(db,
                               "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; "
                               "PRAGMA trusted_schema = OFF",
                               "set pragmas"));
  // WAL is a property of the file, set by the writer; a read-only
  // connection cannot change it and just uses what the file has.
  if (options.read_only) return Status::Ok();
  Result<std::string> mode = PragmaText(db, "PRAGMA journal_mode = WAL");
  if (!mode.ok()) return mode.status();
  if (*mode != "wal" && *mode != "memory") {
    return Status::IoError("set journal_mode=WAL: database stays in " + *mode + " mode");
  }
  return Status::Ok();
}

Status QuickCheck(sqlite3* db) {
  Statement q(db, "PRAGMA quick_check", "quick_check");
  std::string problems;
  HARRIER_RETURN_IF_ERROR(q.ForEach([&](const Statement& row) {
    std::string line = row.Text(0);
    if (line == "ok") return;
    if (!problems.empty()) problems += "; ";
    problems += line;
  }));
  if (!problems.empty()) return Status::Corrupt("quick_check: " + problems);
  return Status::Ok();
}

Status CheckSchema(sqlite3* db, bool read_only) {
  const int latest = Store::LatestSchemaVersion();
  if (!read_only) return ApplyMigrations(db, CompiledMigrations());
  Result<int> version = AppliedSchemaVersion(db);
  if (!version.ok()) return version.status();
  if (*version > latest) {
    return Status::Rejected("database schema version " + std::to_string(*version) +
                            " is newer than this binary supports (" + std::to_string(latest) +
                            "); use a newer harrier");
  }
  if (*version < latest) {
    return Status::Unavailable("database schema version " + std::to_string(*version) +
                               " is older than " + std::to_string(latest) +
                               "; open it read-write (start harrierd) to migrate");
  }
  return Status::Ok();
}

std::string AuditHash(const std::string& prev_hash, int64_t id, const AuditEntry& e) {
  std::string canonical = prev_hash;
  AppendField(&canonical, id);
  AppendField(&canonical, e.at_ms);
  AppendField(&canonical, e.actor);
  AppendField(&canonical, e.action);
  AppendField(&canonical, e.object);
  AppendField(&canonical, e.detail);
  return Sha256Hex(canonical);
}

}  // namespace

Result<std::unique_ptr<Store>> Store::Open(const StoreOptions& options) {
  const std::string context = "open store " + options.path;
  sqlite3* db = nullptr;
  const int flags =
      options.read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  int rc = sqlite3_open_v2(options.path.c_str(), &db, flags, nullptr);
  // Owns the handle from here on, even when opening failed.
  std::unique_ptr<Store> store(new Store(db));
  if (rc != SQLITE_OK) return SqliteStatus(db, rc, "").WithContext(context);
  Status st = Configure(db, options);
  if (st.ok()) st = QuickCheck(db);
  if (st.ok()) st = CheckSchema(db, options.read_only);
  if (!st.ok()) return st.WithContext(context);
  return store;
}

Store::~Store() { sqlite3_close_v2(db_); }

int Store::SchemaVersion() const {
  Result<int> version = AppliedSchemaVersion(db_);
  return version.ok() ? *version : 0;
}

int Store::LatestSchemaVersion() { return static_cast<int>(CompiledMigrations().size()); }

Status Store::InTransaction(const std::function<Status()>& fn) {
  // The outer call holds the write lock from the start (BEGIN IMMEDIATE), so
  // it never fails half-way on a lock upgrade. Nested calls use a savepoint:
  // they join the outer transaction, and a nested failure undoes only its
  // own part even if the caller carries on.
  const bool outer = transaction_depth_ == 0;
  HARRIER_RETURN_IF_ERROR(
      Exec(db_, outer ? "BEGIN IMMEDIATE" : "SAVEPOINT nested", "begin transaction"));
  ++transaction_depth_;
  Status st;
  try {
    st = fn();
  } catch (const std::exception& e) {
    st = Status::Internal(std::string("transaction body threw: ") + e.what());
  } catch (...) {
    st = Status::Internal("transaction body threw");
  }
  --transaction_depth_;
  if (st.ok()) {
    st = Exec(db_, outer ? "COMMIT" : "RELEASE nested", "commit transaction");
    if (st.ok()) return st;
  }
  if (sqlite3_get_autocommit(db_)) return st;  // SQLite already rolled back
  Exec(db_, outer ? "ROLLBACK" : "ROLLBACK TO nested; RELEASE nested", "roll back").IgnoreError();
  return st;
}

// ---- sources and runs --------------------------------------------------------

Result<int64_t> Store::UpsertSource(const SourceRegistration& src) {
  // created_ms comes from SQLite's clock: UpsertSource takes no time, and
  // the value is bookkeeping that nothing reads back.
  Statement q(db_,
              "INSERT INTO source(name, kind, authorisation_ref, authorisation_type, "
              "authorised_by, authorisation_starts, authorisation_expires, created_ms) VALUES "
              "(?1, ?2, ?3, ?4, ?5, ?6, ?7, "
              "CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)) "
              "ON CONFLICT(name) DO UPDATE SET kind = excluded.kind, "
              "authorisation_ref = excluded.authorisation_ref, "
              "authorisation_type = excluded.authorisation_type, "
              "authorised_by = excluded.authorised_by, "
              "authorisation_starts = excluded.authorisation_starts, "
              "authorisation_expires = excluded.authorisation_expires "
              "RETURNING id",
              "upsert source " + src.name);
  Result<bool> row = q.Bind(src.name, src.kind, src.authorisation_ref, src.authorisation_type,
                            src.authorised_by, src.authorisation_starts, src.authorisation_expires)
                         .Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::Internal("upsert source " + src.name + ": no id returned");
  int64_t id = q.Int(0);
  HARRIER_RETURN_IF_ERROR(q.Run());
  return id;
}

Result<int64_t> Store::UpsertSource(const std::string& name, const std::string& kind,
                                    const std::string& authorisation_ref) {
  SourceRegistration src;
  src.name = name;
  src.kind = kind;
  src.authorisation_ref = authorisation_ref;
  return UpsertSource(src);
}

Result<std::vector<SourceRow>> Store::ListSources() {
  Statement q(db_,
              "SELECT id, name, kind, authorisation_ref, last_run_started_ms, "
              "last_run_finished_ms, next_run_ms, last_error, authorisation_type, "
              "authorised_by, authorisation_starts, authorisation_expires, state, state_ms "
              "FROM source ORDER BY name",
              "list sources");
  std::vector<SourceRow> out;
  HARRIER_RETURN_IF_ERROR(q.ForEach([&](const Statement& r) {
    out.push_back({r.Int(0), r.Text(1), r.Text(2), r.Text(3), r.OptInt(4), r.OptInt(5), r.OptInt(6),
                   r.Text(7), r.Text(8), r.Text(9), r.Text(10), r.Text(11), r.Text(12),
                   r.OptInt(13)});
  }));
  return out;
}

Status Store::SetSourceState(int64_t source_id, const std::string& state, int64_t now_ms) {
  Statement q(db_, "UPDATE source SET state = ?2, state_ms = ?3 WHERE id = ?1", "set source state");
  HARRIER_RETURN_IF_ERROR(q.Bind(source_id, state, now_ms).Run());
  if (q.Changes() == 0) {
    return Status::NotFound("set source state: no source " + std::to_string(source_id));
  }
  return Status::Ok();
}

Status Store::AddRunRequests(int64_t run_id, int64_t count) {
  Statement q(db_, "UPDATE run SET requests = requests + ?2 WHERE id = ?1", "count run requests");
  HARRIER_RETURN_IF_ERROR(q.Bind(run_id, count).Run());
  if (q.Changes() == 0) return Status::NotFound("count requests: no run " + std::to_string(run_id));
  return Status::Ok();
}

Result<int64_t> Store::RunRequests(int64_t run_id) {
  Statement q(db_, "SELECT requests FROM run WHERE id = ?1", "read run requests");
  Result<bool> row = q.Bind(run_id).Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound("no run " + std::to_string(run_id));
  return q.Int(0);
}

Result<int64_t> Store::RunStartedMs(int64_t run_id) {
  Statement q(db_, "SELECT started_ms FROM run WHERE id = ?1", "read run start");
  Result<bool> row = q.Bind(run_id).Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound("no run " + std::to_string(run_id));
  return q.Int(0);
}

Status Store::SetNextRun(int64_t source_id, int64_t next_run_ms) {
  Statement q(db_, "UPDATE source SET next_run_ms = ?2 WHERE id = ?1", "set next run");
  HARRIER_RETURN_IF_ERROR(q.Bind(source_id, next_run_ms).Run());
  if (q.Changes() == 0)
    return Status::NotFound("set next run: no source " + std::to_string(source_id));
  return Status::Ok();
}

Result<std::optional<int64_t>> Store::OpenRun(int64_t source_id) {
  Statement q(db_,
              "SELECT id FROM run WHERE source_id = ?1 AND finished_ms IS NULL "
              "ORDER BY id DESC LIMIT 1",
              "find open run");
  Result<bool> row = q.Bind(source_id).Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<int64_t>();
  return std::optional<int64_t>(q.Int(0));
}

Status Store::FinishRun(int64_t run_id, int64_t now_ms, const std::string& error) {
  return InTransaction([&]() -> Status {
    Statement run(db_, "UPDATE run SET finished_ms = ?2, error = ?3 WHERE id = ?1", "finish run");
    HARRIER_RETURN_IF_ERROR(run.Bind(run_id, now_ms, error).Run());
    if (run.Changes() == 0) return Status::NotFound("finish run: no run " + std::to_string(run_id));
    Statement source(db_,
                     "UPDATE source SET last_run_finished_ms = ?2, last_error = ?3 "
                     "WHERE id = (SELECT source_id FROM run WHERE id = ?1)",
                     "record finished run on source");
    return source.Bind(run_id, now_ms, error).Run();
  });
}

// ---- audit -------------------------------------------------------------------

Status Store::AppendAudit(const AuditEntry& entry) {
  // Inside the write lock, so no other writer can append between reading the
  // chain's head and extending it.
  return InTransaction([&]() -> Status {
    Statement head(db_, "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1", "read audit head");
    Result<bool> row = head.Step();
    if (!row.ok()) return row.status();
    const int64_t id = *row ? head.Int(0) + 1 : 1;
    const std::string prev_hash = *row ? head.Text(1) : kGenesisHash;
    Statement insert(db_,
                     "INSERT INTO audit(id, at_ms, actor, action, object, detail, prev_hash, "
                     "hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                     "append audit " + entry.action);
    return insert
        .Bind(id, entry.at_ms, entry.actor, entry.action, entry.object, entry.detail, prev_hash,
              AuditHash(prev_hash, id, entry))
        .Run();
  });
}

Result<int64_t> Store::VerifyAuditChain() {
  Statement q(db_,
              "SELECT id, at_ms, actor, action, object, detail, prev_hash, hash FROM audit "
              "ORDER BY id",
              "verify audit chain");
  std::string expected_prev = kGenesisHash;
  int64_t first_bad = 0;
  HARRIER_RETURN_IF_ERROR(q.ForEach([&](const Statement& r) {
    if (first_bad != 0) return;
    const int64_t id = r.Int(0);
    AuditEntry e{r.Int(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5)};
    const std::string prev_hash = r.Text(6);
    const std::string hash = r.Text(7);
    if (prev_hash != expected_prev || AuditHash(prev_hash, id, e) != hash) first_bad = id;
    expected_prev = hash;
  }));
  return first_bad;
}

Result<std::vector<AuditRow>> Store::ListAudit(int limit) {
  std::vector<AuditRow> out;
  if (limit <= 0) return out;
  Statement q(db_,
              "SELECT id, at_ms, actor, action, object, detail FROM audit "
              "ORDER BY id DESC LIMIT ?1",
              "list audit");
  HARRIER_RETURN_IF_ERROR(q.Bind(limit).ForEach([&](const Statement& r) {
    out.push_back({r.Int(0), r.Int(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5)});
  }));
  return out;
}

}  // namespace harrier::store
