// Versioned schema migrations: an ordered list of SQL scripts compiled into
// the binary. schema_migrations records each applied version; every pending
// script runs in its own transaction, so a migration is applied whole or not
// at all. Private to store/ (and its tests).
#ifndef HARRIER_STORE_MIGRATIONS_H_
#define HARRIER_STORE_MIGRATIONS_H_

#include <span>

#include "core/status.h"

struct sqlite3;

namespace harrier::store {

struct Migration {
  int version;      // 1, 2, 3 ... with no gaps
  const char* sql;  // fixed schema text; never carries data
};

// The migrations this binary knows, oldest first.
std::span<const Migration> CompiledMigrations();

// Highest applied version; 0 for a database without schema_migrations.
Result<int> AppliedSchemaVersion(sqlite3* db);

// Applies every migration newer than the database's version, each in its own
// BEGIN IMMEDIATE transaction. Refuses (kRejected) a database whose version is
// newer than the last migration given. On failure the failing migration is
// rolled back and the earlier ones stay applied.
Status ApplyMigrations(sqlite3* db, std::span<const Migration> migrations);

}  // namespace harrier::store

#endif  // HARRIER_STORE_MIGRATIONS_H_
