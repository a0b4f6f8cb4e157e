// The collection loop: schedules each source's runs, leases URLs from the
// durable frontier, hands them to the fetcher, lets the CPU workers turn
// responses into commits, and commits them in batches. The thread that calls
// Step() is the only SQLite writer. A restart resumes an unfinished run from
// the frontier; nothing committed is fetched again within that run.
// Thread-safety: Init/Step/Drain from one thread; the workers are internal.
#ifndef HARRIER_DAEMON_COLLECTOR_H_
#define HARRIER_DAEMON_COLLECTOR_H_

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <thread>
#include <vector>

#include "config/options.h"
#include "core/clock.h"
#include "daemon/blob_store.h"
#include "daemon/page_processor.h"
#include "daemon/work_queue.h"
#include "extractors/text_extractor.h"
#include "scrapers/http_fetcher.h"
#include "store/store.h"

namespace harrier::daemon {

struct RunStats {
  int64_t requests = 0;
  int64_t pages = 0;
  int64_t adverts_new = 0;
  int64_t adverts_changed = 0;
  int64_t adverts_unchanged = 0;
  int64_t images = 0;
  int64_t failures = 0;
};

struct CollectorStats {
  int64_t commits = 0;
  int64_t runs_finished = 0;
  RunStats totals;
};

class Collector {
 public:
  // Nothing is borrowed beyond the collector's lifetime; all must outlive it.
  Collector(const config::HarrierConfig& config, store::Store& store,
            scrapers::HttpFetcher& fetcher, const Clock& clock, BlobStore& blobs);
  ~Collector();  // stops the workers; responses still arriving are dropped

  // Registers the sources in the store, compiles their adapters (an error
  // names profile file, line and key), releases leases left by a crash, and
  // resumes unfinished runs. Starts the worker threads.
  Status Init();

  // Makes every source due now (harrierd --until-first-pass, tests).
  void MakeAllDueNow();

  // One turn: start due runs, lease and submit URLs, wait up to `max_wait`
  // for results, commit them, finish runs that are complete. An error means
  // the store could not be written: the caller should stop.
  Status Step(std::chrono::milliseconds max_wait);

  // Stops leasing; commits what arrives for up to `grace`. Items still in
  // flight stay leased and are resumed at the next start.
  Status Drain(std::chrono::milliseconds grace);

  bool HasOpenRuns() const { return !active_.empty(); }
  int64_t InFlight() const { return in_flight_; }
  // Milliseconds until the next source is due (0 if one is due now).
  int64_t MillisUntilNextDue() const;
  const CollectorStats& stats() const { return stats_; }

 private:
  struct ActiveRun {
    int64_t run_id = 0;
    int64_t in_flight = 0;
    RunStats stats;
  };
  struct Fetched {
    size_t source_index;
    store::FrontierItem item;
    scrapers::HttpResponse response;
  };

  Status StartDueRuns(WallTime now);
  Status FillInFlight(WallTime now);
  Status CommitResults(std::chrono::milliseconds max_wait);
  Status CommitOne(Commit& commit, int64_t now_ms);
  Status FinishCompleteRuns(WallTime now);
  void CountResult(const Commit& commit, const store::PageCommitResult* page);
  void WorkerLoop();
  size_t SourceIndex(int64_t source_id) const;

  const config::HarrierConfig& config_;
  store::Store& store_;
  scrapers::HttpFetcher& fetcher_;
  const Clock& clock_;
  BlobStore& blobs_;
  extractors::TextExtractor extractor_;
  PageProcessor processor_;

  std::vector<SourceContext> sources_;
  std::vector<int64_t> next_due_ms_;    // per source
  std::map<size_t, ActiveRun> active_;  // source index -> its open run
  int64_t in_flight_ = 0;
  bool draining_ = false;
  CollectorStats stats_;

  // Shared with fetcher callbacks, which may outlive this object.
  std::shared_ptr<WorkQueue<Fetched>> fetched_;
  WorkQueue<Commit> results_;
  std::vector<std::thread> workers_;
};

}  // namespace harrier::daemon

#endif  // HARRIER_DAEMON_COLLECTOR_H_
