// The collector's source kinds beyond advert sites. Telegram channels,
// Mastodon accounts and tags, and profile pages go through the frontier like
// any page (social_processor.cc reads them); a Companies House source is a
// network walk planned in memory (registry/network_walk.h) whose requests
// go through the same fetcher, within its key's token bucket, and whose
// replies are stored on this thread.
#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include "config/loader.h"
#include "daemon/collector.h"
#include "registry/api_key.h"
#include "registry/walk_runner.h"
#include "scrapers/url.h"
#include "social/mastodon_api.h"
#include "social/telegram.h"

namespace harrier::daemon {

namespace {

constexpr const char* kActor = "harrierd";

// Registry records upserted into the store as the walk parses them; the
// first store error stops the rest and is returned by status().
class StoreSink : public registry::WalkSink {
 public:
  StoreSink(store::Store& store, int64_t now_ms) : store_(store), now_ms_(now_ms) {}

  void OnCompany(const registry::Company& c) override {
    Count(store_.UpsertCompany(c, store::RegistrySource::kApi, now_ms_));
  }
  void OnOfficer(const registry::Officer& o) override { Count(store_.UpsertOfficer(o, now_ms_)); }
  void OnAppointment(const registry::Appointment& a) override {
    Count(store_.UpsertAppointment(a, now_ms_));
  }
  void OnPsc(const registry::Psc& p) override {
    Count(store_.UpsertPsc(p, store::RegistrySource::kApi, now_ms_));
  }

  const Status& status() const { return status_; }
  int64_t records() const { return records_; }

 private:
  void Count(const Result<store::RegistryUpsert>& r) {
    if (!status_.ok()) return;
    if (!r.ok()) {
      status_ = r.status();
      return;
    }
    ++records_;
  }

  store::Store& store_;
  const int64_t now_ms_;
  Status status_;
  int64_t records_ = 0;
};

}  // namespace

Status Collector::PrepareSource(config::SiteProfile& p, SourceContext& context) {
  if (p.kind == "telegram") {
    p.start_urls.clear();
    for (const std::string& channel : p.telegram.channels) {
      p.start_urls.push_back(social::TelegramPreviewUrl(channel, p.telegram.base));
    }
  } else if (p.kind == "mastodon") {
    p.start_urls.clear();
    for (const std::string& account : p.mastodon.accounts) {
      Result<std::string> url = social::MastodonLookupUrl(p.mastodon.instance, account);
      if (!url.ok()) return config::ProfileKeyError(p, "mastodon.instance", url.status().message());
      p.start_urls.push_back(*url);
    }
    for (const std::string& tag : p.mastodon.tags) {
      Result<std::string> url = social::MastodonTagTimelineUrl(p.mastodon.instance, tag);
      if (!url.ok()) return config::ProfileKeyError(p, "mastodon.tags", url.status().message());
      p.start_urls.push_back(*url);
    }
  } else if (p.kind == "companies_house") {
    while (p.companies_house.api_base.ends_with('/')) p.companies_house.api_base.pop_back();
    p.start_urls = {p.companies_house.api_base + "/"};
    Result<std::string> key =
        registry::LoadApiKey(p.companies_house.api_key, p.companies_house.api_key_file);
    if (!key.ok()) {
      return config::ProfileKeyError(p,
                                     p.companies_house.api_key.empty()
                                         ? "companies_house.api_key_file"
                                         : "companies_house.api_key",
                                     key.status().message());
    }
    context.api_key = *key;
    std::unique_ptr<registry::TokenBucket>& bucket = key_buckets_[*key];
    if (!bucket) bucket = std::make_unique<registry::TokenBucket>(clock_);
  }
  return Status::Ok();
}

void Collector::MakeWalk(size_t index, ActiveRun& run) {
  const config::SiteProfile& p = sources_[index].profile;
  const config::CompaniesHouseOptions& ch = p.companies_house;
  registry::WalkSeeds seeds{ch.company_numbers, ch.officer_ids, ch.search_terms, ch.postcodes};
  registry::WalkOptions options;
  options.max_depth = p.max_depth;
  // What a restarted run already sent counts against its budget.
  options.request_budget =
      static_cast<int>(std::max<int64_t>(0, p.max_requests_per_run - run.requests));
  options.items_per_page = ch.items_per_page;
  options.fetch_pscs = ch.fetch_pscs;
  run.walk = std::make_shared<registry::NetworkWalk>(seeds, options);
  if (run.walk->rejected_seeds() > 0) {
    spdlog::warn("source {}: {} seeds are not valid company numbers or officer ids", p.name,
                 run.walk->rejected_seeds());
  }
}

Status Collector::FillRegistry(size_t index, ActiveRun& run, int64_t room) {
  registry::TokenBucket* bucket = key_buckets_.at(sources_[index].api_key).get();
  while (room-- > 0 && !run.walk->done()) {
    // No token: a later step tries again; the writer thread never sleeps.
    if (bucket->TryAcquire().count() != 0) return Status::Ok();
    std::optional<registry::WalkRequest> request = run.walk->Next();
    if (!request) return Status::Ok();
    SubmitRegistry(index, run, *request);
  }
  return Status::Ok();
}

void Collector::SubmitRegistry(size_t index, ActiveRun& run, const registry::WalkRequest& request) {
  const SourceContext& src = sources_[index];
  const config::CompaniesHouseOptions& ch = src.profile.companies_house;
  scrapers::HttpRequest http = BaseRequest(index, ch.api_base + request.Path(ch.items_per_page));
  // The key travels only in this header; the evidence and logs redact it.
  http.headers.emplace_back("Authorization", registry::BasicAuthHeader(src.api_key));
  http.headers.emplace_back("Accept", "application/json");
  http.max_body_bytes = config_.fetch.max_body_bytes;
  ++run.in_flight;
  ++in_flight_;
  ++run.requests;
  ++run.stats.requests;
  ++unrecorded_requests_[run.run_id];
  Fetched pending;
  pending.source_index = index;
  pending.item.source_id = src.source_id;
  pending.item.run_id = run.run_id;
  pending.item.url = http.url;
  pending.registry_request = request;
  std::shared_ptr<WorkQueue<Fetched>> queue = fetched_;
  fetcher_.Submit(std::move(http),
                  [queue, pending = std::move(pending)](scrapers::HttpResponse response) mutable {
                    pending.response = std::move(response);
                    queue->Push(std::move(pending));
                  });
}

Status Collector::CommitRegistry(RegistryReply& reply, int64_t now_ms) {
  if (reply.capture) {
    Result<int64_t> id = store_.RecordCapture(*reply.capture);
    if (!id.ok()) return id.status().WithContext("record capture of " + reply.item.url);
  }
  auto it = active_.find(reply.source_index);
  if (it == active_.end() || !it->second.walk) return Status::Ok();  // run already ended
  const size_t index = reply.source_index;
  ActiveRun& run = it->second;
  registry::NetworkWalk& walk = *run.walk;
  const std::string& name = sources_[index].profile.name;
  if (reply.http_status == 200) {
    StoreSink sink(store_, now_ms);
    const Status parsed = registry::ConsumeReply(walk, reply.request, reply.body, sink);
    HARRIER_RETURN_IF_ERROR(sink.status());
    run.stats.registry_records += sink.records();
    ++run.stats.pages;
    if (!parsed.ok()) {
      ++run.stats.failures;
      ++run.stats.page_failures;
      spdlog::warn("source {}: {}: {}", name, reply.item.url, parsed.message());
    }
    return Status::Ok();
  }
  ++run.stats.failures;
  if (reply.http_status == 429) {
    // The key's window is used up, for every source using the key: drain
    // its bucket until the server's reset and ask again before going deeper.
    const int64_t wait_ms = std::max<int64_t>(1000, reply.retry_at_ms - now_ms);
    key_buckets_.at(sources_[index].api_key)
        ->DrainUntil(clock_.SteadyNow() + std::chrono::milliseconds(wait_ms));
    walk.Retry(reply.request);
    spdlog::info("source {}: Companies House rate limit reached; waiting {} s", name,
                 (wait_ms + 999) / 1000);
    return Status::Ok();
  }
  if (reply.http_status == 401 || reply.http_status == 403) {
    walk.OnFailed(reply.request, Status::Rejected(reply.error));
    return StopRun(index, run,
                   "Companies House refused the API key (" + reply.error +
                       "); check companies_house.api_key_file");
  }
  if (reply.http_status == 404) {
    walk.OnFailed(reply.request, Status::NotFound(reply.error));
    spdlog::info("source {}: {} not found; the walk goes on", name, reply.item.url);
    return Status::Ok();
  }
  ++run.stats.page_failures;
  walk.OnFailed(reply.request, Status::Unavailable(reply.error));
  spdlog::warn("source {}: {}: {}", name, reply.item.url, reply.error);
  return Status::Ok();
}

bool Collector::MastodonMayAsk(size_t index, const std::string& url, int64_t now_ms,
                               int64_t* not_before_ms) {
  if (sources_[index].profile.kind != "mastodon" || url.find("/api/v1/") == std::string::npos) {
    return true;
  }
  const std::string host = scrapers::UrlHost(url);
  const bool paging = social::MastodonPagingRequest(url);
  const std::chrono::nanoseconds delay = mastodon_limiter_.Delay(host, paging);
  if (delay.count() > 0) {
    *not_before_ms = now_ms + std::chrono::ceil<std::chrono::milliseconds>(delay).count();
    return false;
  }
  mastodon_limiter_.Record(host, paging);
  return true;
}

// A channel without a public preview, an account gone: recorded once, with
// the reason; the URL is skipped by later runs until it is cleared.
Status Collector::AuditPermanentFailure(const store::FailureCommit& failure, int64_t now_ms) {
  const size_t index = SourceIndex(failure.item.source_id);
  if (index >= sources_.size()) return Status::Ok();
  nlohmann::json detail = {{"url", failure.item.url}, {"reason", failure.error}};
  spdlog::warn("source {}: {} is not collected any more: {}", sources_[index].profile.name,
               failure.item.url, failure.error);
  return store_.AppendAudit({now_ms, kActor, "collection.unavailable",
                             "source:" + sources_[index].profile.name, detail.dump()});
}

}  // namespace harrier::daemon
