#include "store/internal.h"

namespace harrier::store::internal {

namespace {

StatusCode CodeOf(int rc) {
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return StatusCode::kUnavailable;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return StatusCode::kCorrupt;
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_PROTOCOL:
      return StatusCode::kIoError;
    case SQLITE_CONSTRAINT:
    case SQLITE_TOOBIG:
    case SQLITE_RANGE:
    case SQLITE_MISMATCH:
      return StatusCode::kInvalidArgument;
    default:
      return StatusCode::kInternal;
  }
}

}  // namespace

Status SqliteStatus(sqlite3* db, int rc, std::string_view action) {
  // sqlite3_errmsg describes the most recent failure on the connection; with
  // no connection (open failed to allocate one) only the code is known.
  std::string why = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  if (action.empty()) return Status(CodeOf(rc), why);
  return Status(CodeOf(rc), std::string(action) + ": " + why);
}

Status Exec(sqlite3* db, const char* sql, std::string_view action) {
  char* err = nullptr;
  int rc = sqlite3_exec(db, sql, nullptr, nullptr, &err);
  if (rc == SQLITE_OK) return Status::Ok();
  std::string why = err != nullptr ? err : sqlite3_errstr(rc);
  sqlite3_free(err);
  return Status(CodeOf(rc), std::string(action) + ": " + why);
}

Statement::Statement(sqlite3* db, std::string_view sql, std::string action)
    : db_(db), action_(std::move(action)) {
  int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr);
  if (rc != SQLITE_OK) status_ = SqliteStatus(db_, rc, action_);
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Result<bool> Statement::Step() {
  if (!status_.ok()) return status_;
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return SqliteStatus(db_, rc, action_);
}

Status Statement::Run() {
  for (;;) {
    Result<bool> row = Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
  }
}

Status Statement::ForEach(const std::function<void(const Statement&)>& row_fn) {
  for (;;) {
    Result<bool> row = Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
    row_fn(*this);
  }
}

void Statement::Reset() {
  if (stmt_ == nullptr) return;
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::optional<int64_t> Statement::OptInt(int col) const {
  if (IsNull(col)) return std::nullopt;
  return Int(col);
}

std::string Statement::Text(int col) const {
  const unsigned char* text = sqlite3_column_text(stmt_, col);
  if (text == nullptr) return std::string();
  return std::string(reinterpret_cast<const char*>(text),
                     static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
}

void Statement::KeepBindError(int rc) {
  if (rc != SQLITE_OK && status_.ok()) status_ = SqliteStatus(db_, rc, action_);
}

void Statement::BindOne(int index, int value) {
  if (stmt_ != nullptr) KeepBindError(sqlite3_bind_int(stmt_, index, value));
}

void Statement::BindOne(int index, int64_t value) {
  if (stmt_ != nullptr) KeepBindError(sqlite3_bind_int64(stmt_, index, value));
}

void Statement::BindOne(int index, double value) {
  if (stmt_ != nullptr) KeepBindError(sqlite3_bind_double(stmt_, index, value));
}

void Statement::BindOne(int index, std::string_view value) {
  if (stmt_ == nullptr) return;
  // A null pointer would bind SQL NULL; an empty string must stay ''.
  const char* data = value.data() != nullptr ? value.data() : "";
  KeepBindError(
      sqlite3_bind_text64(stmt_, index, data, value.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
}

void Statement::BindOne(int index, const std::optional<int64_t>& value) {
  if (value) {
    BindOne(index, *value);
  } else {
    BindOne(index, nullptr);
  }
}

void Statement::BindOne(int index, std::nullptr_t) {
  if (stmt_ != nullptr) KeepBindError(sqlite3_bind_null(stmt_, index));
}

void AppendField(std::string* out, std::string_view field) {
  out->append(std::to_string(field.size()));
  out->push_back(':');
  out->append(field);
  out->push_back(',');
}

void AppendField(std::string* out, int64_t field) { AppendField(out, std::to_string(field)); }

ImageMatchRow ReadImageMatch(const Statement& row) {
  ImageMatchRow m;
  m.image_a = row.Text(0);
  m.image_b = row.Text(1);
  m.distance = static_cast<int>(row.Int(2));
  m.method = row.Text(3);
  m.found_ms = row.Int(4);
  m.id = row.Int(5);
  m.status = row.Text(6);
  m.decided_by = row.Text(7);
  m.decided_ms = row.OptInt(8);
  m.note = row.Text(9);
  return m;
}

}  // namespace harrier::store::internal
