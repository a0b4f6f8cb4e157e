// The collection loop: schedules each source's runs, leases URLs from the
// durable frontier, gates them (authorisation, robots.txt, a host's
// Retry-After pause, the run's request budget), hands them to the fetcher,
// lets the CPU workers turn responses into commits, and commits them in
// batches. The thread that calls Step() is the only SQLite writer. A restart
// resumes an unfinished run from the frontier; nothing committed is fetched
// again within that run.
// Thread-safety: Init/Step/Drain from one thread; the workers are internal.
#ifndef HARRIER_DAEMON_COLLECTOR_H_
#define HARRIER_DAEMON_COLLECTOR_H_

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "analysis/image_linker.h"
#include "config/options.h"
#include "core/clock.h"
#include "daemon/blob_store.h"
#include "daemon/page_processor.h"
#include "daemon/work_queue.h"
#include "extractors/text_extractor.h"
#include "imageproc/ocr_pool.h"
#include "registry/network_walk.h"
#include "registry/rate_limit.h"
#include "scrapers/http_fetcher.h"
#include "scrapers/robots.h"
#include "scrapers/warc_writer.h"
#include "social/mastodon_api.h"
#include "store/store.h"

namespace harrier::daemon {

struct RunStats {
  int64_t requests = 0;  // sent in this process (the durable count is in the store)
  int64_t pages = 0;
  int64_t adverts_new = 0;
  int64_t adverts_changed = 0;
  int64_t adverts_unchanged = 0;
  int64_t images = 0;
  int64_t failures = 0;
  int64_t page_failures = 0;   // listing, advert and sitemap failures
  int64_t blocked_robots = 0;  // URLs robots.txt disallowed (not fetched)
  int64_t adverts_removed = 0;
  int64_t registry_records = 0;  // companies, officers, appointments, PSCs upserted
};

struct CollectorStats {
  int64_t commits = 0;
  int64_t runs_finished = 0;
  int64_t runs_refused = 0;      // due runs not started: no valid authorisation
  int64_t image_matches = 0;     // near-duplicate image pairs recorded
  int64_t watchlist_alerts = 0;  // alerts raised for watchlist photos
  int64_t images_read = 0;       // OCR results committed
  int64_t ocr_busy = 0;          // images left pending: the OCR queue was full
  int64_t cluster_merges = 0;    // clusters of adverts joined by a new link
  int64_t selector_alerts = 0;   // alerts raised for watched selectors
  int64_t growth_alerts = 0;     // alerts raised for clusters that grew
  RunStats totals;
};

// Why a source may not be collected at `now_ms` ("" when it may): no
// authorisation, not started yet, or expired. For logs and `harrier status`.
std::string AuthorisationRefusal(const config::Authorisation& authorisation, int64_t now_ms);

class Collector {
 public:
  // Nothing is borrowed beyond the collector's lifetime; all must outlive it.
  Collector(const config::HarrierConfig& config, store::Store& store,
            scrapers::HttpFetcher& fetcher, const Clock& clock, BlobStore& blobs,
            scrapers::WarcWriter& warc);
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
  // Of InFlight(), items sent to nobody yet: waiting for robots.txt. When
  // all are, the caller may sleep a little.
  int64_t Parked() const;
  // Milliseconds until the next source is due (0 if one is due now).
  int64_t MillisUntilNextDue() const;
  // True once every source has either finished a run in this process or
  // been refused (harrierd --until-first-pass stops then).
  bool FirstPassDone() const;
  const CollectorStats& stats() const { return stats_; }

 private:
  struct ActiveRun {
    int64_t run_id = 0;
    int64_t started_ms = 0;
    int64_t in_flight = 0;    // leased items not yet committed, robots fetches
    int64_t parked = 0;       // of those, waiting for robots.txt
    int64_t requests = 0;     // durable count plus those sent since
    std::string stop_reason;  // set when the authorisation lapsed mid-run
    RunStats stats;
    // companies_house: the run's network walk (in memory; a restarted
    // daemon walks again from the seeds with what is left of the budget).
    std::shared_ptr<registry::NetworkWalk> walk;
  };
  struct ParkedItem {
    size_t source_index = 0;
    store::FrontierItem item;
  };

  Status StartDueRuns(WallTime now);
  Status StartRun(size_t index, int64_t now_ms);
  Status AuditRunStart(size_t index, int64_t run_id, int64_t now_ms);
  Status RecordRefusal(size_t index, const std::string& why, int64_t now_ms);
  Status FillInFlight(WallTime now);
  Status StopRun(size_t index, ActiveRun& run, const std::string& why);
  Status Dispatch(size_t index, store::FrontierItem item, int64_t now_ms);
  Status Submit(size_t index, store::FrontierItem item);
  void SubmitRobots(size_t index, const std::string& url);
  // Back to pending without an attempt counted; not leased again before
  // `not_before_ms` (0: at once).
  Status Unlease(ActiveRun& run, const store::FrontierItem& item, int64_t not_before_ms = 0);
  scrapers::HttpRequest BaseRequest(size_t index, const std::string& url) const;
  Status CommitResults(std::chrono::milliseconds max_wait);
  Status CommitOne(Commit& commit, int64_t now_ms);
  Status CommitRobots(RobotsResult& robots, int64_t now_ms);
  Status FlushRequestCounts();
  Status FinishCompleteRuns(WallTime now);
  Status MarkUnseenRemoved(size_t index, ActiveRun& run, int64_t now_ms);
  void CountResult(const Commit& commit, const store::PageCommitResult* page);
  void WorkerLoop();
  static bool IsPageKind(store::FrontierKind kind);  // not an image
  size_t SourceIndex(int64_t source_id) const;
  size_t SourceIndexOf(const Commit& commit) const;
  // Matches a stored image against earlier images and the watchlist.
  Status LinkImage(const ImageResult& image, int64_t now_ms);
  // Analyst review (collector_review.cc), inside the commit transaction:
  // links a new or changed advert into its cluster and raises alerts for
  // the watched selectors it mentions; audits each as a combination.
  Status ReviewDocument(int64_t document_id, int64_t now_ms);
  // An image was stored or matched: links the adverts that show it.
  Status ReviewImage(const std::string& sha256, int64_t now_ms);
  // OCR gave an image selectors: the adverts that show it are linked again
  // and checked against the watched selectors.
  Status ReviewOcr(const std::string& sha256, int64_t now_ms);
  Status AuditLinks(const store::LinkOutcome& outcome, int64_t now_ms);

  // Source kinds (collector_sources.cc). Telegram and Mastodon sources get
  // their start URLs from their tables; Companies House sources their key
  // and the token bucket of that key (shared by every source using it).
  Status PrepareSource(config::SiteProfile& profile, SourceContext& context);
  void MakeWalk(size_t index, ActiveRun& run);
  Status FillRegistry(size_t index, ActiveRun& run, int64_t room);
  void SubmitRegistry(size_t index, ActiveRun& run, const registry::WalkRequest& request);
  Status CommitRegistry(RegistryReply& reply, int64_t now_ms);
  // Mastodon's limits: false (and the item back to the frontier until
  // `*not_before_ms`) when the instance must not be asked yet.
  bool MastodonMayAsk(size_t index, const std::string& url, int64_t now_ms, int64_t* not_before_ms);
  Status AuditPermanentFailure(const store::FailureCommit& failure, int64_t now_ms);

  const config::HarrierConfig& config_;
  store::Store& store_;
  scrapers::HttpFetcher& fetcher_;
  const Clock& clock_;
  BlobStore& blobs_;
  scrapers::WarcWriter& warc_;
  extractors::TextExtractor extractor_;
  PageProcessor processor_;
  analysis::ImageLinker linker_;
  social::MastodonLimiter mastodon_limiter_;
  // Companies House: one bucket per API key; per source, its key's bucket.
  std::map<std::string, std::unique_ptr<registry::TokenBucket>> key_buckets_;
  std::vector<registry::TokenBucket*> bucket_of_;

  std::vector<SourceContext> sources_;
  std::vector<std::unique_ptr<scrapers::RobotsCache>> robots_;  // per source
  std::vector<int64_t> next_due_ms_;                            // per source
  std::vector<std::string> refusal_;                            // per source: last recorded refusal
  std::vector<bool> first_pass_done_;                           // per source
  std::map<size_t, ActiveRun> active_;                          // source index -> its open run
  int64_t in_flight_ = 0;
  bool draining_ = false;
  CollectorStats stats_;

  // Items parked until robots.txt of their origin is known, by
  // "<source index> <origin>".
  std::map<std::string, std::vector<ParkedItem>> robots_waiting_;
  // Why robots.txt of "<source index> <origin>" could not be fetched, for
  // the blocked:robots reason of the URLs it holds back.
  std::map<std::string, std::string> robots_fetch_error_;
  std::map<std::string, int64_t> host_pause_until_ms_;  // host -> until
  std::vector<ParkedItem> redispatch_;                  // released by a robots result, after commit
  std::map<int64_t, int64_t> unrecorded_requests_;      // run id -> sent, not yet stored

  // Shared with fetcher callbacks, which may outlive this object.
  std::shared_ptr<WorkQueue<Fetched>> fetched_;
  WorkQueue<Commit> results_;
  std::vector<std::thread> workers_;

  // OCR (collector_ocr.cc): images likely to carry text are read by a pool
  // of their own; what they say is committed here, on the writer thread.
  struct OcrDone {
    std::string sha256;
    Result<imageproc::OcrResult> result;
  };
  Status StartOcr();
  void SubmitOcr(const std::string& sha256, cv::Mat pixels);
  Status CommitOcrResults(std::chrono::milliseconds max_wait);
  std::shared_ptr<WorkQueue<OcrDone>> ocr_done_ = std::make_shared<WorkQueue<OcrDone>>();
  std::unique_ptr<imageproc::OcrPool> ocr_;  // null when [images] ocr is off
  int64_t ocr_outstanding_ = 0;              // submitted, not yet committed
  uint64_t ocr_next_id_ = 0;
};

}  // namespace harrier::daemon

#endif  // HARRIER_DAEMON_COLLECTOR_H_
