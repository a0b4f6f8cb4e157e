// Frontier and capture statements shared by the run/lease code
// (store_frontier.cc) and the page commit (store_commit.cc). Private to store/.
// Every function must run inside a transaction the caller holds.
#ifndef HARRIER_STORE_FRONTIER_SQL_H_
#define HARRIER_STORE_FRONTIER_SQL_H_

#include <cstdint>
#include <string>

#include "core/status.h"
#include "store/internal.h"
#include "store/store.h"

namespace harrier::store::internal {

// Queues URLs for a run, preparing the statement once for many URLs.
class Enqueuer {
 public:
  explicit Enqueuer(sqlite3* db);
  // True when the URL was inserted or re-queued for this run; false when a
  // row of this run already exists, or the URL is an image already fetched.
  Result<bool> Enqueue(int64_t source_id, int64_t run_id, const std::string& url, FrontierKind kind,
                       int depth, int64_t now_ms);

 private:
  Statement insert_;
};

// Marks the item done; NotFound when no such frontier row exists.
Status MarkDone(sqlite3* db, const FrontierItem& item, int64_t now_ms);

// Inserts the capture, or finds the one a replay of the same commit stored
// (same run, URL, body hash and fetch time). Returns its id.
Result<int64_t> InsertCapture(sqlite3* db, const CaptureRow& capture, const FrontierItem& item);

}  // namespace harrier::store::internal

#endif  // HARRIER_STORE_FRONTIER_SQL_H_
