// SQL plumbing private to store/: a prepared-statement wrapper that binds
// parameters (values never enter SQL text), the conversion of SQLite errors
// into Status, and the length-prefixed serialisation that content and audit
// hashes are computed over. Not for use outside store/.
#ifndef HARRIER_STORE_INTERNAL_H_
#define HARRIER_STORE_INTERNAL_H_

#include <sqlite3.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"
#include "store/image_records.h"

namespace harrier::store::internal {

// Maps an SQLite result code to our codes and keeps sqlite3_errmsg:
// "insert capture: UNIQUE constraint failed: ...". An empty action gives the
// bare SQLite message.
Status SqliteStatus(sqlite3* db, int rc, std::string_view action);

// Runs fixed SQL text (schema scripts, BEGIN/COMMIT). Never pass values in
// `sql`; use Statement for anything that carries data.
Status Exec(sqlite3* db, const char* sql, std::string_view action);

// One prepared statement. Preparation and binding errors are kept and
// returned by the first Step()/Run(), so call sites stay linear:
//   Statement q(db, "UPDATE run SET error = ?2 WHERE id = ?1", "finish run");
//   HARRIER_RETURN_IF_ERROR(q.Bind(run_id, error).Run());
class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql, std::string action);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Binds the arguments to parameters 1..n, in order.
  template <typename... Args>
  Statement& Bind(const Args&... args) {
    int index = 0;
    (BindOne(++index, args), ...);
    return *this;
  }

  // True when a row is ready, false when the statement is done.
  Result<bool> Step();
  // Steps to completion, ignoring any rows.
  Status Run();
  // Calls row_fn for every row.
  Status ForEach(const std::function<void(const Statement&)>& row_fn);
  // Rows changed by the last completed INSERT/UPDATE/DELETE.
  int Changes() const { return sqlite3_changes(db_); }
  int64_t LastInsertId() const { return sqlite3_last_insert_rowid(db_); }
  // Makes the statement ready to bind and run again.
  void Reset();

  int64_t Int(int col) const { return sqlite3_column_int64(stmt_, col); }
  double Double(int col) const { return sqlite3_column_double(stmt_, col); }
  bool IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  std::optional<int64_t> OptInt(int col) const;
  std::string Text(int col) const;  // "" for NULL

 private:
  void BindOne(int index, int value);
  void BindOne(int index, int64_t value);
  void BindOne(int index, double value);
  void BindOne(int index, std::string_view value);
  void BindOne(int index, const std::optional<int64_t>& value);
  void BindOne(int index, std::nullptr_t);
  void KeepBindError(int rc);

  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
  std::string action_;
  Status status_;
};

// image_match columns in the order ReadImageMatch reads them.
inline constexpr char kImageMatchColumns[] =
    "image_a, image_b, distance, method, found_ms, id, status, decided_by, decided_ms, note";

// Appends "<decimal length>:<bytes>," so that no two field lists serialise
// alike, whatever bytes the fields hold.
void AppendField(std::string* out, std::string_view field);
void AppendField(std::string* out, int64_t field);

ImageMatchRow ReadImageMatch(const Statement& row);

}  // namespace harrier::store::internal

#endif  // HARRIER_STORE_INTERNAL_H_
