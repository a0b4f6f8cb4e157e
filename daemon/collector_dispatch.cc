// The collector's dispatch half: leasing from the frontier within the
// in-flight and budget limits, the robots.txt and Retry-After gates, building
// each request (politeness, proxy, TLS, conditional GET) and handing it to the
// fetcher, and the CPU workers. Scheduling and commits are in collector.cc.
#include <spdlog/spdlog.h>

#include "daemon/collector.h"
#include "scrapers/url.h"

namespace harrier::daemon {

// ---- Leasing and dispatch -------------------------------------------------------

Status Collector::FillInFlight(WallTime now) {
  const int64_t now_ms = ToUnixMillis(now);
  for (ParkedItem& p : redispatch_) {
    auto it = active_.find(p.source_index);
    if (it == active_.end()) continue;
    --it->second.parked;
    HARRIER_RETURN_IF_ERROR(Dispatch(p.source_index, std::move(p.item), now_ms));
  }
  redispatch_.clear();

  for (auto& [index, run] : active_) {
    const SourceContext& src = sources_[index];
    if (!run.stop_reason.empty()) continue;
    const std::string why = AuthorisationRefusal(src.profile.authorisation, now_ms);
    if (!why.empty()) {
      HARRIER_RETURN_IF_ERROR(StopRun(index, run, why));
      continue;
    }
    const int64_t budget_left = src.profile.max_requests_per_run - run.requests - run.parked;
    const int64_t room = std::min<int64_t>(config_.daemon.max_in_flight - in_flight_, budget_left);
    if (room <= 0) continue;
    if (run.walk) {
      HARRIER_RETURN_IF_ERROR(FillRegistry(index, run, room));
      continue;
    }
    Result<std::vector<store::FrontierItem>> items =
        store_.LeaseFrontier(run.run_id, static_cast<int>(room), now_ms);
    if (!items.ok()) return items.status().WithContext("lease frontier of " + src.profile.name);
    for (store::FrontierItem& item : *items) {
      ++run.in_flight;
      ++in_flight_;
      HARRIER_RETURN_IF_ERROR(Dispatch(index, std::move(item), now_ms));
    }
  }
  return Status::Ok();
}

// The authorisation lapsed during the run: nothing more is sent. Parked items
// go back to the frontier; the run finishes once what was sent is committed.
Status Collector::StopRun(size_t index, ActiveRun& run, const std::string& why) {
  run.stop_reason = why;
  const int64_t now_ms = ToUnixMillis(clock_.WallNow());
  HARRIER_RETURN_IF_ERROR(RecordRefusal(index, why, now_ms));
  std::vector<ParkedItem> released;
  for (auto& [key, list] : robots_waiting_) {
    std::erase_if(list, [&](ParkedItem& p) {
      if (p.source_index != index) return false;
      released.push_back(std::move(p));
      return true;
    });
  }
  for (const ParkedItem& p : released) {
    --run.parked;
    HARRIER_RETURN_IF_ERROR(Unlease(run, p.item));
  }
  return Status::Ok();
}

Status Collector::Unlease(ActiveRun& run, const store::FrontierItem& item, int64_t not_before_ms) {
  --run.in_flight;
  --in_flight_;
  return store_.ReleaseLease(item.id, ToUnixMillis(clock_.WallNow()), not_before_ms);
}

// Gates one leased item: robots.txt (fetched first when unknown), a host
// pause from Retry-After (the item goes back to the frontier until it ends),
// then sends it.
Status Collector::Dispatch(size_t index, store::FrontierItem item, int64_t now_ms) {
  ActiveRun& run = active_.at(index);
  if (!run.stop_reason.empty() || draining_) return Unlease(run, item);
  const SourceContext& src = sources_[index];
  if (src.profile.obey_robots) {
    scrapers::RobotsCache& robots = *robots_[index];
    switch (robots.Check(item.url, now_ms)) {
      case scrapers::RobotsCache::Verdict::kNeedFetch:
        SubmitRobots(index, item.url);
        [[fallthrough]];
      case scrapers::RobotsCache::Verdict::kPending: {
        const std::string key = std::to_string(index) + " " + scrapers::OriginOf(item.url);
        ++run.parked;
        robots_waiting_[key].push_back(ParkedItem{index, std::move(item)});
        return Status::Ok();
      }
      case scrapers::RobotsCache::Verdict::kDisallowed: {
        store::FailureCommit blocked;
        blocked.error = "blocked:robots " + robots.Explain(item.url);
        auto why =
            robots_fetch_error_.find(std::to_string(index) + " " + scrapers::OriginOf(item.url));
        if (why != robots_fetch_error_.end()) blocked.error += " (" + why->second + ")";
        blocked.item = std::move(item);
        blocked.retry = false;
        blocked.max_attempts = config_.fetch.max_attempts;
        blocked.now_ms = now_ms;
        spdlog::info("source {}: {} not fetched: {}", src.profile.name, blocked.item.url,
                     blocked.error);
        results_.Push(std::move(blocked));
        return Status::Ok();
      }
      case scrapers::RobotsCache::Verdict::kAllowed:
        break;
    }
  }
  auto pause = host_pause_until_ms_.find(scrapers::UrlHost(item.url));
  if (pause != host_pause_until_ms_.end()) {
    if (pause->second > now_ms) {
      // Back to the frontier until the pause ends: a paused host must not
      // hold in-flight slots that other hosts and sources could use.
      return Unlease(run, item, pause->second);
    }
    host_pause_until_ms_.erase(pause);
  }
  int64_t not_before_ms = 0;
  if (!MastodonMayAsk(index, item.url, now_ms, &not_before_ms)) {
    return Unlease(run, item, not_before_ms);
  }
  return Submit(index, std::move(item));
}

scrapers::HttpRequest Collector::BaseRequest(size_t index, const std::string& url) const {
  const config::SiteProfile& p = sources_[index].profile;
  scrapers::HttpRequest request;
  request.url = url;
  request.user_agent = p.user_agent;
  request.allow_addresses = p.allow_addresses;
  request.proxy = p.proxy;
  request.tls_verify = p.tls_verify;
  for (const auto& [name, value] : p.headers) request.headers.emplace_back(name, value);
  int delay = p.per_host_delay_ms >= 0 ? p.per_host_delay_ms : config_.fetch.per_host_delay_ms;
  if (p.obey_robots) {
    if (std::optional<int64_t> crawl_delay = robots_[index]->CrawlDelayMs(url)) {
      delay = std::max<int>(delay, static_cast<int>(*crawl_delay));
    }
  }
  request.host_delay_ms = delay;
  request.host_connections = p.per_host_connections;
  return request;
}

Status Collector::Submit(size_t index, store::FrontierItem item) {
  ActiveRun& run = active_.at(index);
  const SourceContext& src = sources_[index];
  if (run.requests >= src.profile.max_requests_per_run) return Unlease(run, item);
  scrapers::HttpRequest request = BaseRequest(index, item.url);
  std::optional<store::UrlValidator> validator;
  // Conditional GET for advert sites only: a social page's 304 would have
  // to be read again from the stored body by its own parser.
  if (IsPageKind(item.kind) && src.profile.kind != "site") {
    request.max_body_bytes = config_.fetch.max_html_bytes + 1;
    request.headers.emplace_back("Accept", src.profile.kind == "mastodon"
                                               ? "application/json"
                                               : "text/html,application/xhtml+xml");
  } else if (IsPageKind(item.kind)) {
    // HTML over the limit is refused, not truncated: one byte more than the
    // limit tells the two apart.
    request.max_body_bytes = config_.fetch.max_html_bytes + 1;
    if (item.kind == store::FrontierKind::kSitemap) request.max_body_bytes = 0;
    Result<std::optional<store::UrlValidator>> v = store_.GetValidator(src.source_id, item.url);
    if (!v.ok()) return v.status();
    validator = std::move(*v);
    if (validator && !validator->etag.empty()) {
      request.headers.emplace_back("If-None-Match", validator->etag);
    }
    if (validator && !validator->last_modified.empty()) {
      request.headers.emplace_back("If-Modified-Since", validator->last_modified);
    }
  }
  ++run.requests;
  ++run.stats.requests;
  ++unrecorded_requests_[run.run_id];
  std::shared_ptr<WorkQueue<Fetched>> queue = fetched_;
  Fetched pending{index, std::move(item), {}, std::move(validator), "", std::nullopt};
  fetcher_.Submit(std::move(request),
                  [queue, pending = std::move(pending)](scrapers::HttpResponse response) mutable {
                    pending.response = std::move(response);
                    queue->Push(std::move(pending));
                  });
  return Status::Ok();
}

void Collector::SubmitRobots(size_t index, const std::string& url) {
  ActiveRun& run = active_.at(index);
  ++run.in_flight;
  ++in_flight_;
  ++run.requests;
  ++run.stats.requests;
  ++unrecorded_requests_[run.run_id];
  scrapers::HttpRequest request = BaseRequest(index, scrapers::RobotsUrlFor(url));
  request.max_body_bytes = scrapers::RobotsRules::kDefaultMaxBytes;
  Fetched pending;
  pending.source_index = index;
  pending.item.source_id = sources_[index].source_id;
  pending.item.run_id = run.run_id;
  pending.item.url = request.url;
  pending.robots_origin = scrapers::OriginOf(url);
  std::shared_ptr<WorkQueue<Fetched>> queue = fetched_;
  fetcher_.Submit(std::move(request),
                  [queue, pending = std::move(pending)](scrapers::HttpResponse response) mutable {
                    pending.response = std::move(response);
                    queue->Push(std::move(pending));
                  });
}

void Collector::WorkerLoop() {
  while (std::optional<Fetched> f = fetched_->Pop()) {
    const size_t index = f->source_index;
    results_.Push(processor_.Process(sources_[index], std::move(*f)));
  }
}

}  // namespace harrier::daemon
