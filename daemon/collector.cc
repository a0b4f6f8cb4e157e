#include "daemon/collector.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "config/extract_data.h"
#include "imageproc/decode.h"
#include "scrapers/url.h"

namespace harrier::daemon {

namespace {

constexpr const char* kActor = "harrierd";

store::SourceRegistration RegistrationOf(const config::SiteProfile& p) {
  store::SourceRegistration r;
  r.name = p.name;
  r.kind = p.kind;
  r.authorisation_ref = p.authorisation.ref;
  r.authorisation_type = p.authorisation.type;
  r.authorised_by = p.authorisation.authorised_by;
  r.authorisation_starts = p.authorisation.starts;
  r.authorisation_expires = p.authorisation.expires;
  return r;
}

}  // namespace

bool Collector::IsPageKind(store::FrontierKind kind) { return kind != store::FrontierKind::kImage; }

std::string AuthorisationRefusal(const config::Authorisation& a, int64_t now_ms) {
  if (a.ref.empty()) {
    return "no authorisation: the profile has no [authorisation] table, so nothing is fetched";
  }
  if (!a.starts.empty() && now_ms < a.starts_ms) {
    return "authorisation " + a.ref + " starts on " + a.starts + "; nothing is fetched before";
  }
  if (now_ms >= a.expires_ms) {
    return "authorisation " + a.ref + " expired at the end of " + a.expires +
           "; nothing is fetched until the profile names a current one";
  }
  return "";
}

Collector::Collector(const config::HarrierConfig& config, store::Store& store,
                     scrapers::HttpFetcher& fetcher, const Clock& clock, BlobStore& blobs,
                     scrapers::WarcWriter& warc)
    : config_(config),
      store_(store),
      fetcher_(fetcher),
      clock_(clock),
      blobs_(blobs),
      warc_(warc),
      processor_(clock, blobs, warc, extractor_, config.fetch, config.images),
      linker_(store, clock, config.images.match_distance, config.images.min_quality),
      mastodon_limiter_(clock),
      fetched_(std::make_shared<WorkQueue<Fetched>>()) {}

Collector::~Collector() {
  fetched_->Close();
  for (std::thread& t : workers_) t.join();
}

Status Collector::Init() {
  // The gazetteer and indicator rules are read once here; a bad file stops
  // the daemon before it fetches anything, naming the file.
  Result<ExtractData> data = config::LoadExtractData(config_.extract);
  if (!data.ok()) return data.status();
  Result<extractors::ExtractorOptions> options = extractors::BuildExtractorOptions(*data);
  if (!options.ok()) return options.status().WithContext(config_.file + ": [extract]");
  extractor_ = extractors::TextExtractor(std::move(*options));
  spdlog::info("extract: region {}, {}, {}", data->default_region,
               extractor_.extracts_places() ? "places from " + data->gazetteer_path
                                            : std::string("no places (no gazetteer)"),
               extractor_.scores_indicators() ? "indicator rules " + data->indicators->version
                                              : std::string("no indicator scoring"));
  store_.SetClusterAlertSize(config_.review.cluster_alert_size);
  scrapers::HtmlLimits limits;
  limits.max_bytes = config_.fetch.max_html_bytes;
  const int64_t now_ms = ToUnixMillis(clock_.WallNow());
  processor_.set_mastodon_limiter(&mastodon_limiter_);
  for (config::SiteProfile profile : config_.sources) {
    SourceContext context;
    HARRIER_RETURN_IF_ERROR(PrepareSource(profile, context));
    Result<std::unique_ptr<scrapers::SiteAdapter>> adapter =
        scrapers::SiteAdapter::Create(profile, limits);
    if (!adapter.ok()) return adapter.status();
    Result<int64_t> id = store_.UpsertSource(RegistrationOf(profile));
    if (!id.ok()) return id.status().WithContext("register source " + profile.name);
    context.source_id = *id;
    context.profile = profile;
    context.adapter = std::move(*adapter);
    sources_.push_back(std::move(context));
    const std::string& agent =
        profile.user_agent.empty() ? config_.fetch.user_agent : profile.user_agent;
    robots_.push_back(std::make_unique<scrapers::RobotsCache>(scrapers::ProductToken(agent),
                                                              config_.fetch.robots_ttl_ms,
                                                              config_.fetch.robots_error_retry_ms));
  }
  HARRIER_RETURN_IF_ERROR(store_.ReleaseLeases());
  // Linking adverts one at a time assumes every earlier one was linked.
  Result<bool> rebuilt = store_.EnsureClusters(now_ms);
  if (!rebuilt.ok()) return rebuilt.status().WithContext("link stored adverts");
  if (*rebuilt) spdlog::info("clusters: rebuilt from every stored advert");
  // The hash indexes of stored images and watchlist photos, rebuilt from the
  // store: every new image is matched against both.
  const auto index_start = clock_.SteadyNow();
  Result<size_t> hashes = linker_.Load();
  if (!hashes.ok()) return hashes.status().WithContext("load image hashes");
  spdlog::info(
      "images: {} hashes indexed in {} ms (match within {} bits, quality >= {})", *hashes,
      std::chrono::duration_cast<std::chrono::milliseconds>(clock_.SteadyNow() - index_start)
          .count(),
      config_.images.match_distance, config_.images.min_quality);
  HARRIER_RETURN_IF_ERROR(StartOcr());
  Result<std::vector<store::SourceRow>> rows = store_.ListSources();
  if (!rows.ok()) return rows.status();
  next_due_ms_.assign(sources_.size(), now_ms);
  refusal_.assign(sources_.size(), "");
  first_pass_done_.assign(sources_.size(), false);
  for (size_t i = 0; i < sources_.size(); ++i) {
    for (const store::SourceRow& row : *rows) {
      if (row.id != sources_[i].source_id) continue;
      if (row.next_run_ms) next_due_ms_[i] = *row.next_run_ms;
      constexpr std::string_view kPrefix = "refused: ";
      refusal_[i] = row.state.starts_with(kPrefix) ? row.state.substr(kPrefix.size()) : row.state;
    }
    Result<std::optional<int64_t>> open = store_.OpenRun(sources_[i].source_id);
    if (!open.ok()) return open.status();
    if (!*open) continue;
    Result<int64_t> requests = store_.RunRequests(**open);
    if (!requests.ok()) return requests.status();
    Result<int64_t> started = store_.RunStartedMs(**open);
    if (!started.ok()) return started.status();
    spdlog::info("source {}: resuming unfinished run {} ({} requests already sent)",
                 sources_[i].profile.name, **open, *requests);
    ActiveRun run;
    run.run_id = **open;
    run.started_ms = *started;
    run.requests = *requests;
    if (sources_[i].profile.kind == "companies_house") MakeWalk(i, run);
    active_[i] = run;
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

int64_t Collector::Parked() const {
  int64_t n = 0;
  for (const auto& [index, run] : active_) n += run.parked;
  return n;
}

bool Collector::FirstPassDone() const {
  return active_.empty() &&
         std::all_of(first_pass_done_.begin(), first_pass_done_.end(), [](bool b) { return b; });
}

Status Collector::Step(std::chrono::milliseconds max_wait) {
  const WallTime now = clock_.WallNow();
  if (!draining_) {
    HARRIER_RETURN_IF_ERROR(StartDueRuns(now));
    HARRIER_RETURN_IF_ERROR(FillInFlight(now));
  }
  const bool waiting = in_flight_ > Parked();
  HARRIER_RETURN_IF_ERROR(CommitResults(waiting ? max_wait : std::chrono::milliseconds(0)));
  HARRIER_RETURN_IF_ERROR(CommitOcrResults(std::chrono::milliseconds(0)));
  return FinishCompleteRuns(clock_.WallNow());
}

Status Collector::Drain(std::chrono::milliseconds grace) {
  draining_ = true;
  const SteadyTime deadline = clock_.SteadyNow() + grace;
  while (in_flight_ > Parked() && clock_.SteadyNow() < deadline) {
    HARRIER_RETURN_IF_ERROR(CommitResults(std::chrono::milliseconds(100)));
    HARRIER_RETURN_IF_ERROR(CommitOcrResults(std::chrono::milliseconds(0)));
  }
  // Images being read finish within their time budget; what is still queued
  // stays pending in the store and is read after the next start.
  while (ocr_outstanding_ > 0 && clock_.SteadyNow() < deadline) {
    HARRIER_RETURN_IF_ERROR(CommitOcrResults(std::chrono::milliseconds(100)));
  }
  HARRIER_RETURN_IF_ERROR(FlushRequestCounts());
  if (in_flight_ > 0) {
    spdlog::warn("stopping with {} requests in flight or waiting; they resume at the next start",
                 in_flight_);
  }
  return Status::Ok();
}

// ---- Commits ----------------------------------------------------------------------

Status Collector::CommitResults(std::chrono::milliseconds max_wait) {
  // Group commit: a batch waits at most kLinger for company, so one fsync
  // covers many findings without delaying any of them noticeably.
  constexpr std::chrono::milliseconds kLinger(20);
  const size_t want = static_cast<size_t>(
      std::clamp<int64_t>(in_flight_, 1, std::max(1, config_.daemon.commit_batch)));
  std::vector<Commit> batch = results_.PopBatch(want, max_wait, kLinger);
  if (batch.empty()) return Status::Ok();
  // Evidence files first, then the rows that point at them.
  HARRIER_RETURN_IF_ERROR(blobs_.Sync());
  HARRIER_RETURN_IF_ERROR(warc_.Sync());
  const int64_t now_ms = ToUnixMillis(clock_.WallNow());
  Status st = store_.InTransaction([&]() -> Status {
    for (Commit& c : batch) HARRIER_RETURN_IF_ERROR(CommitOne(c, now_ms));
    return FlushRequestCounts();
  });
  if (!st.ok()) return st.WithContext("commit batch");
  for (const Commit& c : batch) {
    auto it = active_.find(SourceIndexOf(c));
    if (it != active_.end()) --it->second.in_flight;
    --in_flight_;
    ++stats_.commits;
  }
  return Status::Ok();
}

Status Collector::FlushRequestCounts() {
  for (const auto& [run_id, count] : unrecorded_requests_) {
    HARRIER_RETURN_IF_ERROR(store_.AddRunRequests(run_id, count));
  }
  unrecorded_requests_.clear();
  return Status::Ok();
}

Status Collector::CommitOne(Commit& commit, int64_t now_ms) {
  if (auto* robots = std::get_if<RobotsResult>(&commit)) return CommitRobots(*robots, now_ms);
  if (auto* reply = std::get_if<RegistryReply>(&commit)) return CommitRegistry(*reply, now_ms);
  if (auto* page = std::get_if<store::PageCommit>(&commit)) {
    Result<store::PageCommitResult> r = store_.CommitPage(*page);
    if (!r.ok()) return r.status().WithContext("commit " + page->item.url);
    CountResult(commit, &*r);
    std::vector<std::pair<std::string, store::DocumentOutcome>> documents;
    if (page->advert) {
      documents.push_back({page->advert->url.empty() ? page->item.url : page->advert->url,
                           {r->document_id, r->version, r->change}});
    }
    for (size_t i = 0; i < page->documents.size() && i < r->documents.size(); ++i) {
      documents.push_back({page->documents[i].url, r->documents[i]});
    }
    for (const auto& [url, d] : documents) {
      if (d.change == store::DocumentChange::kUnchanged) continue;
      const char* what = d.change == store::DocumentChange::kNew ? "new" : "changed";
      nlohmann::json detail = {{"url", url},
                               {"page", page->item.url},
                               {"version", d.version},
                               {"capture", r->capture_id},
                               {"change", what},
                               {"sha256", page->capture.body_sha256},
                               {"egress", page->capture.egress}};
      HARRIER_RETURN_IF_ERROR(
          store_.AppendAudit({now_ms, kActor, "collection.document",
                              "document:" + std::to_string(d.document_id), detail.dump()}));
      HARRIER_RETURN_IF_ERROR(ReviewDocument(d.document_id, now_ms));
    }
    return Status::Ok();
  }
  CountResult(commit, nullptr);
  if (auto* image = std::get_if<ImageResult>(&commit)) {
    Status st = store_.CommitImage(*image);
    if (!st.ok()) return st.WithContext("commit image " + image->item.url);
    HARRIER_RETURN_IF_ERROR(LinkImage(*image, now_ms));
    HARRIER_RETURN_IF_ERROR(ReviewImage(image->sha256, now_ms));
    if (!image->ocr_pixels.empty()) SubmitOcr(image->sha256, std::move(image->ocr_pixels));
    return Status::Ok();
  }
  auto& failure = std::get<store::FailureCommit>(commit);
  const int status = failure.capture ? failure.capture->http_status : 0;
  if ((status == 429 || status == 503) && failure.retry_at_ms > now_ms) {
    // The server asked for a pause: the whole host waits, not just this URL.
    int64_t& until = host_pause_until_ms_[scrapers::UrlHost(failure.item.url)];
    until = std::max(until, failure.retry_at_ms);
    spdlog::info("host {} asked for a pause; nothing is sent to it for {} s",
                 scrapers::UrlHost(failure.item.url), (failure.retry_at_ms - now_ms + 999) / 1000);
  }
  if (failure.error.starts_with("permanent:")) {
    HARRIER_RETURN_IF_ERROR(AuditPermanentFailure(failure, now_ms));
  }
  if (failure.gone) {
    nlohmann::json detail = {{"url", failure.item.url}, {"reason", failure.error}};
    HARRIER_RETURN_IF_ERROR(store_.AppendAudit(
        {now_ms, kActor, "collection.advert_removed", "url:" + failure.item.url, detail.dump()}));
  }
  return store_.CommitFailure(failure).WithContext("commit failure of " + failure.item.url);
}

Status Collector::CommitRobots(RobotsResult& robots, int64_t now_ms) {
  if (robots.capture) {
    Result<int64_t> id = store_.RecordCapture(*robots.capture);
    if (!id.ok()) return id.status();
  }
  const size_t index = robots.source_index;
  robots_[index]->Record(robots.origin, robots.http_status, robots.body, now_ms);
  const std::string key = std::to_string(index) + " " + robots.origin;
  if (robots.error.empty()) {
    robots_fetch_error_.erase(key);
  } else {
    robots_fetch_error_[key] = robots.error;
  }
  const SourceContext& src = sources_[index];
  if (src.profile.use_sitemaps && robots.http_status >= 200 && robots.http_status < 300) {
    std::vector<std::string> sitemaps = robots_[index]->Sitemaps(robots.origin + "/");
    if (!sitemaps.empty()) {
      Result<int> queued = store_.Enqueue(src.source_id, robots.run_id, sitemaps,
                                          store::FrontierKind::kSitemap, 0, now_ms);
      if (!queued.ok()) return queued.status();
    }
  }
  auto waiting = robots_waiting_.find(key);
  if (waiting != robots_waiting_.end()) {
    for (ParkedItem& p : waiting->second) redispatch_.push_back(std::move(p));
    robots_waiting_.erase(waiting);
  }
  return Status::Ok();
}

void Collector::CountResult(const Commit& commit, const store::PageCommitResult* page) {
  auto it = active_.find(SourceIndexOf(commit));
  if (it == active_.end()) return;
  RunStats& s = it->second.stats;
  if (const auto* f = std::get_if<store::FailureCommit>(&commit)) {
    ++s.failures;
    if (f->error.starts_with("blocked:robots")) ++s.blocked_robots;
    // A 404/410 advert is an answer (removed), not a gap in what the run saw.
    if (IsPageKind(f->item.kind) && !f->gone) ++s.page_failures;
  } else if (std::holds_alternative<ImageResult>(commit)) {
    ++s.images;
  } else {
    ++s.pages;
    std::vector<store::DocumentOutcome> outcomes;
    if (page && page->document_id != 0) {
      outcomes.push_back({page->document_id, page->version, page->change});
    }
    if (page) outcomes.insert(outcomes.end(), page->documents.begin(), page->documents.end());
    for (const store::DocumentOutcome& d : outcomes) {
      if (d.change == store::DocumentChange::kNew) ++s.adverts_new;
      if (d.change == store::DocumentChange::kChanged) ++s.adverts_changed;
      if (d.change == store::DocumentChange::kUnchanged) ++s.adverts_unchanged;
    }
  }
}

size_t Collector::SourceIndex(int64_t source_id) const {
  for (size_t i = 0; i < sources_.size(); ++i) {
    if (sources_[i].source_id == source_id) return i;
  }
  return sources_.size();
}

Status Collector::LinkImage(const ImageResult& image, int64_t now_ms) {
  if (!image.signature) return Status::Ok();  // refused: nothing to match
  // The pixels again, only if a sub-window candidate needs the ORB check:
  // decoded from the stored bytes rather than kept for every image.
  const analysis::ImageLinker::PixelLoader pixels = [this, &image]() -> Result<cv::Mat> {
    Result<std::string> bytes = blobs_.Read(image.blob_path);
    if (!bytes.ok()) return bytes.status();
    imageproc::DecodeLimits limits;
    limits.max_bytes = static_cast<size_t>(config_.images.max_bytes);
    limits.max_pixels = static_cast<uint64_t>(config_.images.max_pixels);
    limits.max_side = static_cast<uint32_t>(config_.images.max_side);
    Result<imageproc::DecodedImage> decoded = imageproc::DecodeImage(*bytes, limits);
    if (!decoded.ok()) return decoded.status();
    return std::move(decoded->pixels);
  };
  Result<analysis::LinkOutcome> linked = linker_.OnImage(image.sha256, *image.signature, pixels);
  if (!linked.ok()) return linked.status().WithContext("match image " + image.item.url);
  stats_.image_matches += linked->near_duplicates;
  for (const int64_t alert : linked->alerts) {
    ++stats_.watchlist_alerts;
    spdlog::warn("watchlist match: alert {} for image {} ({})", alert, image.sha256,
                 image.item.url);
    nlohmann::json detail = {{"image", image.sha256}, {"url", image.item.url}};
    HARRIER_RETURN_IF_ERROR(store_.AppendAudit(
        {now_ms, kActor, "collection.alert", "alert:" + std::to_string(alert), detail.dump()}));
  }
  return Status::Ok();
}

size_t Collector::SourceIndexOf(const Commit& commit) const {
  return std::visit(
      [this](const auto& v) -> size_t {
        if constexpr (std::is_same_v<std::decay_t<decltype(v)>, RobotsResult>) {
          return v.source_index;
        } else {
          return SourceIndex(v.item.source_id);
        }
      },
      commit);
}

}  // namespace harrier::daemon
