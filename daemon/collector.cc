#include "daemon/collector.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <nlohmann/json.hpp>

namespace harrier::daemon {

namespace {

constexpr const char* kActor = "harrierd";

extractors::ExtractorOptions ExtractorOptionsFrom(const config::ExtractOptions& o) {
  extractors::ExtractorOptions out;
  out.default_region = o.default_region;
  out.accept_drama_ranges = o.accept_drama_ranges;
  return out;
}

const store::FrontierItem& ItemOf(const Commit& c) {
  return std::visit([](const auto& v) -> const store::FrontierItem& { return v.item; }, c);
}

}  // namespace

Collector::Collector(const config::HarrierConfig& config, store::Store& store,
                     scrapers::HttpFetcher& fetcher, const Clock& clock, BlobStore& blobs)
    : config_(config),
      store_(store),
      fetcher_(fetcher),
      clock_(clock),
      blobs_(blobs),
      extractor_(ExtractorOptionsFrom(config.extract)),
      processor_(clock, blobs, extractor_, config.fetch),
      fetched_(std::make_shared<WorkQueue<Fetched>>()) {}

Collector::~Collector() {
  fetched_->Close();
  for (std::thread& t : workers_) t.join();
}

Status Collector::Init() {
  scrapers::HtmlLimits limits;
  limits.max_bytes = config_.fetch.max_html_bytes;
  const int64_t now_ms = ToUnixMillis(clock_.WallNow());
  for (const config::SiteProfile& profile : config_.sources) {
    Result<std::unique_ptr<scrapers::SiteAdapter>> adapter =
        scrapers::SiteAdapter::Create(profile, limits);
    if (!adapter.ok()) return adapter.status();
    Result<int64_t> id = store_.UpsertSource(profile.name, profile.kind, profile.authorisation_ref);
    if (!id.ok()) return id.status().WithContext("register source " + profile.name);
    sources_.push_back(SourceContext{*id, profile, std::move(*adapter)});
  }
  HARRIER_RETURN_IF_ERROR(store_.ReleaseLeases());
  Result<std::vector<store::SourceRow>> rows = store_.ListSources();
  if (!rows.ok()) return rows.status();
  next_due_ms_.assign(sources_.size(), now_ms);
  for (size_t i = 0; i < sources_.size(); ++i) {
    for (const store::SourceRow& row : *rows) {
      if (row.id == sources_[i].source_id && row.next_run_ms) next_due_ms_[i] = *row.next_run_ms;
    }
    Result<std::optional<int64_t>> open = store_.OpenRun(sources_[i].source_id);
    if (!open.ok()) return open.status();
    if (*open) {
      spdlog::info("source {}: resuming unfinished run {}", sources_[i].profile.name, **open);
      active_[i] = ActiveRun{**open, 0, {}};
    }
  }
  const int workers = std::max(1, config_.daemon.parse_workers);
  for (int i = 0; i < workers; ++i) workers_.emplace_back([this] { WorkerLoop(); });
  return Status::Ok();
}

void Collector::MakeAllDueNow() {
  const int64_t now_ms = ToUnixMillis(clock_.WallNow());
  for (int64_t& due : next_due_ms_) due = std::min(due, now_ms);
}

int64_t Collector::MillisUntilNextDue() const {
  const int64_t now_ms = ToUnixMillis(clock_.WallNow());
  int64_t best = INT64_MAX;
  for (size_t i = 0; i < sources_.size(); ++i) {
    if (active_.count(i)) return 0;
    best = std::min(best, std::max<int64_t>(0, next_due_ms_[i] - now_ms));
  }
  return best;
}

Status Collector::Step(std::chrono::milliseconds max_wait) {
  const WallTime now = clock_.WallNow();
  if (!draining_) {
    HARRIER_RETURN_IF_ERROR(StartDueRuns(now));
    HARRIER_RETURN_IF_ERROR(FillInFlight(now));
  }
  HARRIER_RETURN_IF_ERROR(CommitResults(in_flight_ > 0 ? max_wait : std::chrono::milliseconds(0)));
  return FinishCompleteRuns(clock_.WallNow());
}

Status Collector::Drain(std::chrono::milliseconds grace) {
  draining_ = true;
  const SteadyTime deadline = clock_.SteadyNow() + grace;
  while (in_flight_ > 0 && clock_.SteadyNow() < deadline) {
    HARRIER_RETURN_IF_ERROR(CommitResults(std::chrono::milliseconds(100)));
  }
  if (in_flight_ > 0) {
    spdlog::warn("stopping with {} requests in flight; they resume at the next start", in_flight_);
  }
  return Status::Ok();
}

Status Collector::StartDueRuns(WallTime now) {
  const int64_t now_ms = ToUnixMillis(now);
  for (size_t i = 0; i < sources_.size(); ++i) {
    if (active_.count(i) || next_due_ms_[i] > now_ms) continue;
    const SourceContext& src = sources_[i];
    Result<int64_t> run = store_.StartRun(src.source_id, src.profile.start_urls, now_ms);
    if (!run.ok()) return run.status().WithContext("start run of " + src.profile.name);
    nlohmann::json detail = {{"run", *run},
                             {"start_urls", src.profile.start_urls},
                             {"authorisation_ref", src.profile.authorisation_ref}};
    HARRIER_RETURN_IF_ERROR(store_.AppendAudit(
        {now_ms, kActor, "collection.run_started", "source:" + src.profile.name, detail.dump()}));
    spdlog::info("source {}: run {} started", src.profile.name, *run);
    active_[i] = ActiveRun{*run, 0, {}};
  }
  return Status::Ok();
}

Status Collector::FillInFlight(WallTime now) {
  const int64_t now_ms = ToUnixMillis(now);
  for (auto& [index, run] : active_) {
    const SourceContext& src = sources_[index];
    const int64_t budget_left = src.profile.max_requests_per_run - run.stats.requests;
    const int64_t room = std::min<int64_t>(config_.daemon.max_in_flight - in_flight_, budget_left);
    if (room <= 0) continue;
    Result<std::vector<store::FrontierItem>> items =
        store_.LeaseFrontier(run.run_id, static_cast<int>(room), now_ms);
    if (!items.ok()) return items.status().WithContext("lease frontier of " + src.profile.name);
    for (store::FrontierItem& item : *items) {
      scrapers::HttpRequest request;
      request.url = item.url;
      request.user_agent = src.profile.user_agent;
      request.allow_addresses = src.profile.allow_addresses;
      if (item.kind != store::FrontierKind::kImage) {
        request.max_body_bytes = config_.fetch.max_html_bytes + 1;  // refused, not truncated
      }
      ++run.in_flight;
      ++run.stats.requests;
      ++in_flight_;
      std::shared_ptr<WorkQueue<Fetched>> queue = fetched_;
      fetcher_.Submit(std::move(request),
                      [queue, index, item](scrapers::HttpResponse response) mutable {
                        queue->Push(Fetched{index, std::move(item), std::move(response)});
                      });
    }
  }
  return Status::Ok();
}

void Collector::WorkerLoop() {
  while (std::optional<Fetched> f = fetched_->Pop()) {
    results_.Push(processor_.Process(sources_[f->source_index], f->item, std::move(f->response)));
  }
}

Status Collector::CommitResults(std::chrono::milliseconds max_wait) {
  // Group commit: a batch waits at most kLinger for company, so one fsync
  // covers many findings without delaying any of them noticeably.
  constexpr std::chrono::milliseconds kLinger(20);
  const size_t want = static_cast<size_t>(
      std::clamp<int64_t>(in_flight_, 1, std::max(1, config_.daemon.commit_batch)));
  std::vector<Commit> batch = results_.PopBatch(want, max_wait, kLinger);
  if (batch.empty()) return Status::Ok();
  // Blob files first, then the rows that point at them.
  HARRIER_RETURN_IF_ERROR(blobs_.Sync());
  const int64_t now_ms = ToUnixMillis(clock_.WallNow());
  Status st = store_.InTransaction([&]() -> Status {
    for (Commit& c : batch) HARRIER_RETURN_IF_ERROR(CommitOne(c, now_ms));
    return Status::Ok();
  });
  if (!st.ok()) return st.WithContext("commit batch");
  for (const Commit& c : batch) {
    auto it = active_.find(SourceIndex(ItemOf(c).source_id));
    if (it != active_.end()) --it->second.in_flight;
    --in_flight_;
    ++stats_.commits;
  }
  return Status::Ok();
}

Status Collector::CommitOne(Commit& commit, int64_t now_ms) {
  if (auto* page = std::get_if<store::PageCommit>(&commit)) {
    Result<store::PageCommitResult> r = store_.CommitPage(*page);
    if (!r.ok()) return r.status().WithContext("commit " + page->item.url);
    CountResult(commit, &*r);
    if (r->change == store::DocumentChange::kUnchanged) return Status::Ok();
    const char* what = r->change == store::DocumentChange::kNew ? "new" : "changed";
    nlohmann::json detail = {{"url", page->item.url},
                             {"version", r->version},
                             {"capture", r->capture_id},
                             {"change", what},
                             {"sha256", page->capture.body_sha256}};
    return store_.AppendAudit({now_ms, kActor, "collection.document",
                               "document:" + std::to_string(r->document_id), detail.dump()});
  }
  CountResult(commit, nullptr);
  if (auto* image = std::get_if<store::ImageCommit>(&commit)) {
    Status st = store_.CommitImage(*image);
    return st.WithContext("commit image " + image->item.url);
  }
  auto& failure = std::get<store::FailureCommit>(commit);
  return store_.CommitFailure(failure).WithContext("commit failure of " + failure.item.url);
}

void Collector::CountResult(const Commit& commit, const store::PageCommitResult* page) {
  auto it = active_.find(SourceIndex(ItemOf(commit).source_id));
  if (it == active_.end()) return;
  RunStats& s = it->second.stats;
  if (std::holds_alternative<store::FailureCommit>(commit)) {
    ++s.failures;
  } else if (std::holds_alternative<store::ImageCommit>(commit)) {
    ++s.images;
  } else {
    ++s.pages;
    if (page && page->document_id != 0) {
      if (page->change == store::DocumentChange::kNew) ++s.adverts_new;
      if (page->change == store::DocumentChange::kChanged) ++s.adverts_changed;
      if (page->change == store::DocumentChange::kUnchanged) ++s.adverts_unchanged;
    }
  }
}

Status Collector::FinishCompleteRuns(WallTime now) {
  const int64_t now_ms = ToUnixMillis(now);
  for (auto it = active_.begin(); it != active_.end();) {
    const SourceContext& src = sources_[it->first];
    ActiveRun& run = it->second;
    if (run.in_flight > 0) {
      ++it;
      continue;
    }
    Result<int64_t> outstanding = store_.CountOutstanding(run.run_id);
    if (!outstanding.ok()) return outstanding.status();
    const bool budget_spent = run.stats.requests >= src.profile.max_requests_per_run;
    if (*outstanding > 0 && !budget_spent) {
      ++it;
      continue;
    }
    std::string error;
    if (*outstanding > 0) {
      error = "request budget of " + std::to_string(src.profile.max_requests_per_run) +
              " spent with " + std::to_string(*outstanding) + " URLs left";
    }
    HARRIER_RETURN_IF_ERROR(store_.FinishRun(run.run_id, now_ms, error));
    next_due_ms_[it->first] = now_ms + src.profile.schedule_interval_s * 1000;
    HARRIER_RETURN_IF_ERROR(store_.SetNextRun(src.source_id, next_due_ms_[it->first]));
    const RunStats& s = run.stats;
    nlohmann::json detail = {{"run", run.run_id},
                             {"requests", s.requests},
                             {"pages", s.pages},
                             {"adverts_new", s.adverts_new},
                             {"adverts_changed", s.adverts_changed},
                             {"images", s.images},
                             {"failures", s.failures},
                             {"error", error}};
    HARRIER_RETURN_IF_ERROR(store_.AppendAudit(
        {now_ms, kActor, "collection.run_finished", "source:" + src.profile.name, detail.dump()}));
    spdlog::info(
        "source {}: run {} finished: {} requests, {} pages, {} new and {} changed adverts, "
        "{} images, {} failures{}{}",
        src.profile.name, run.run_id, s.requests, s.pages, s.adverts_new, s.adverts_changed,
        s.images, s.failures, error.empty() ? "" : "; ", error);
    stats_.totals.requests += s.requests;
    stats_.totals.pages += s.pages;
    stats_.totals.adverts_new += s.adverts_new;
    stats_.totals.adverts_changed += s.adverts_changed;
    stats_.totals.adverts_unchanged += s.adverts_unchanged;
    stats_.totals.images += s.images;
    stats_.totals.failures += s.failures;
    ++stats_.runs_finished;
    it = active_.erase(it);
  }
  return Status::Ok();
}

size_t Collector::SourceIndex(int64_t source_id) const {
  for (size_t i = 0; i < sources_.size(); ++i) {
    if (sources_[i].source_id == source_id) return i;
  }
  return sources_.size();
}

}  // namespace harrier::daemon
