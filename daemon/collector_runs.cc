// The collector's runs: starting due ones under their authorisation (or
// recording the refusal), auditing what each run collects and how, and
// finishing complete ones (marking adverts no longer listed as removed).
// Commits and linking are in collector.cc, dispatch in collector_dispatch.cc.
#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include "daemon/collector.h"
#include "scrapers/robots.h"

namespace harrier::daemon {

namespace {

constexpr const char* kActor = "harrierd";
// A refused source is looked at again this often, so that one whose
// authorisation starts (or is renewed in the profile) is picked up.
constexpr int64_t kRefusedRecheckMs = 60'000;

}  // namespace

// ---- Runs ---------------------------------------------------------------------

Status Collector::StartDueRuns(WallTime now) {
  const int64_t now_ms = ToUnixMillis(now);
  for (size_t i = 0; i < sources_.size(); ++i) {
    if (active_.count(i) || next_due_ms_[i] > now_ms) continue;
    const std::string why = AuthorisationRefusal(sources_[i].profile.authorisation, now_ms);
    if (!why.empty()) {
      HARRIER_RETURN_IF_ERROR(RecordRefusal(i, why, now_ms));
      next_due_ms_[i] = now_ms + kRefusedRecheckMs;
      first_pass_done_[i] = true;
      continue;
    }
    if (!refusal_[i].empty()) HARRIER_RETURN_IF_ERROR(RecordRefusal(i, "", now_ms));
    HARRIER_RETURN_IF_ERROR(StartRun(i, now_ms));
  }
  return Status::Ok();
}

// Logs, stores and audits a change of a source's refusal ("" : collecting
// again). Repeats of the same refusal are not logged again.
Status Collector::RecordRefusal(size_t index, const std::string& why, int64_t now_ms) {
  if (!why.empty()) ++stats_.runs_refused;
  if (refusal_[index] == why) return Status::Ok();
  const SourceContext& src = sources_[index];
  refusal_[index] = why;
  HARRIER_RETURN_IF_ERROR(
      store_.SetSourceState(src.source_id, why.empty() ? "" : "refused: " + why, now_ms));
  nlohmann::json detail = {{"reason", why}, {"authorisation_ref", src.profile.authorisation.ref}};
  if (why.empty()) {
    spdlog::info("source {}: authorisation {} is current; collecting again", src.profile.name,
                 src.profile.authorisation.ref);
    return store_.AppendAudit(
        {now_ms, kActor, "collection.resumed", "source:" + src.profile.name, detail.dump()});
  }
  spdlog::warn("source {}: not collected: {}", src.profile.name, why);
  return store_.AppendAudit(
      {now_ms, kActor, "collection.refused", "source:" + src.profile.name, detail.dump()});
}

Status Collector::StartRun(size_t index, int64_t now_ms) {
  const SourceContext& src = sources_[index];
  // A registry walk is planned in memory, not queued in the frontier.
  const bool walks = src.profile.kind == "companies_house";
  Result<int64_t> run = store_.StartRun(
      src.source_id, walks ? std::vector<std::string>() : src.profile.start_urls, now_ms);
  if (!run.ok()) return run.status().WithContext("start run of " + src.profile.name);
  if (src.profile.use_sitemaps) {
    std::vector<std::string> seeds = src.profile.sitemap_urls;
    for (const std::string& url : src.profile.start_urls) {
      const std::string origin = scrapers::OriginOf(url);
      if (!origin.empty()) seeds.push_back(origin + "/sitemap.xml");
    }
    Result<int> queued =
        store_.Enqueue(src.source_id, *run, seeds, store::FrontierKind::kSitemap, 0, now_ms);
    if (!queued.ok()) return queued.status();
  }
  HARRIER_RETURN_IF_ERROR(AuditRunStart(index, *run, now_ms));
  spdlog::info("source {}: run {} started under authorisation {}", src.profile.name, *run,
               src.profile.authorisation.ref);
  ActiveRun active;
  active.run_id = *run;
  active.started_ms = now_ms;
  if (walks) MakeWalk(index, active);
  active_[index] = active;
  return Status::Ok();
}

// s.62 collection log: what is collected, under which authorisation, how
// (egress), and every relaxation of the defaults as an action of its own.
Status Collector::AuditRunStart(size_t index, int64_t run_id, int64_t now_ms) {
  const config::SiteProfile& p = sources_[index].profile;
  const std::string object = "source:" + p.name;
  const std::string egress = p.proxy.empty() ? "direct" : p.proxy;
  nlohmann::json detail = {
      {"run", run_id},
      {"start_urls", p.start_urls},
      {"authorisation_ref", p.authorisation.ref},
      {"authorisation_type", p.authorisation.type},
      {"authorised_by", p.authorisation.authorised_by},
      {"authorisation_expires", p.authorisation.expires},
      {"egress", egress},
      {"robots", p.obey_robots ? "obeyed" : "overridden"},
      {"tls_verify", p.tls_verify},
      {"kind", p.kind},
  };
  if (p.kind == "companies_house") {
    const config::CompaniesHouseOptions& ch = p.companies_house;
    detail["seeds"] = {{"company_numbers", ch.company_numbers},
                       {"officer_ids", ch.officer_ids},
                       {"search_terms", ch.search_terms},
                       {"postcodes", ch.postcodes}};
    detail["max_depth"] = p.max_depth;
    detail["request_budget"] = p.max_requests_per_run;
  }
  HARRIER_RETURN_IF_ERROR(
      store_.AppendAudit({now_ms, kActor, "collection.run_started", object, detail.dump()}));
  if (!p.obey_robots) {
    nlohmann::json o = {{"run", run_id},
                        {"override_authorisation", p.robots_override_authorisation}};
    spdlog::warn("source {}: robots.txt overridden under authorisation {}", p.name,
                 p.robots_override_authorisation);
    HARRIER_RETURN_IF_ERROR(
        store_.AppendAudit({now_ms, kActor, "collection.robots_override", object, o.dump()}));
  }
  if (!p.tls_verify) {
    nlohmann::json o = {{"run", run_id}, {"override_authorisation", p.tls_override_authorisation}};
    spdlog::warn("source {}: TLS certificate checks off under authorisation {}", p.name,
                 p.tls_override_authorisation);
    HARRIER_RETURN_IF_ERROR(
        store_.AppendAudit({now_ms, kActor, "collection.tls_override", object, o.dump()}));
  }
  return Status::Ok();
}

// ---- Finishing runs -----------------------------------------------------------------

Status Collector::FinishCompleteRuns(WallTime now) {
  const int64_t now_ms = ToUnixMillis(now);
  for (auto it = active_.begin(); it != active_.end();) {
    const size_t index = it->first;
    const SourceContext& src = sources_[index];
    ActiveRun& run = it->second;
    if (run.in_flight > 0) {
      ++it;
      continue;
    }
    Result<int64_t> outstanding = run.walk
                                      ? Result<int64_t>(static_cast<int64_t>(run.walk->pending()))
                                      : store_.CountOutstanding(run.run_id);
    if (!outstanding.ok()) return outstanding.status();
    const bool budget_spent =
        run.requests >= src.profile.max_requests_per_run || (run.walk && run.walk->budget_spent());
    if (*outstanding > 0 && !budget_spent && run.stop_reason.empty()) {
      ++it;
      continue;
    }
    std::string error;
    if (!run.stop_reason.empty()) {
      error = "stopped: " + run.stop_reason;
    } else if (*outstanding > 0) {
      error = "request budget of " + std::to_string(src.profile.max_requests_per_run) +
              " spent with " + std::to_string(*outstanding) + " URLs left";
    } else if (src.profile.kind == "site") {
      // Only an advert site lists everything it still shows; a feed read
      // back to what was already stored, or a registry walk, does not.
      HARRIER_RETURN_IF_ERROR(MarkUnseenRemoved(index, run, now_ms));
    }
    HARRIER_RETURN_IF_ERROR(FlushRequestCounts());
    HARRIER_RETURN_IF_ERROR(store_.FinishRun(run.run_id, now_ms, error));
    next_due_ms_[index] = now_ms + src.profile.schedule_interval_s * 1000;
    HARRIER_RETURN_IF_ERROR(store_.SetNextRun(src.source_id, next_due_ms_[index]));
    const RunStats& s = run.stats;
    nlohmann::json detail = {{"run", run.run_id},
                             {"requests", run.requests},
                             {"pages", s.pages},
                             {"adverts_new", s.adverts_new},
                             {"adverts_changed", s.adverts_changed},
                             {"adverts_removed", s.adverts_removed},
                             {"images", s.images},
                             {"failures", s.failures},
                             {"blocked_by_robots", s.blocked_robots},
                             {"registry_records", s.registry_records},
                             {"error", error}};
    HARRIER_RETURN_IF_ERROR(store_.AppendAudit(
        {now_ms, kActor, "collection.run_finished", "source:" + src.profile.name, detail.dump()}));
    spdlog::info(
        "source {}: run {} finished: {} requests, {} pages, {} new, {} changed and {} removed "
        "adverts, {} images, {} failures ({} blocked by robots.txt){}{}",
        src.profile.name, run.run_id, run.requests, s.pages, s.adverts_new, s.adverts_changed,
        s.adverts_removed, s.images, s.failures, s.blocked_robots, error.empty() ? "" : "; ",
        error);
    RunStats& t = stats_.totals;
    t.requests += s.requests;
    t.pages += s.pages;
    t.adverts_new += s.adverts_new;
    t.adverts_changed += s.adverts_changed;
    t.adverts_unchanged += s.adverts_unchanged;
    t.adverts_removed += s.adverts_removed;
    t.images += s.images;
    t.failures += s.failures;
    t.page_failures += s.page_failures;
    t.blocked_robots += s.blocked_robots;
    t.registry_records += s.registry_records;
    ++stats_.runs_finished;
    first_pass_done_[index] = true;
    it = active_.erase(it);
  }
  return Status::Ok();
}

// A complete run saw every advert the site still lists; one it did not see
// has been taken down. Only when no page failed: a listing that could not be
// read would make live adverts look gone.
Status Collector::MarkUnseenRemoved(size_t index, ActiveRun& run, int64_t now_ms) {
  const SourceContext& src = sources_[index];
  if (run.stats.page_failures > 0) {
    spdlog::info("source {}: {} pages failed in run {}; adverts not seen are not marked removed",
                 src.profile.name, run.stats.page_failures, run.run_id);
    return Status::Ok();
  }
  const std::string reason = "not listed in run " + std::to_string(run.run_id);
  Result<std::vector<store::DocumentSummary>> removed =
      store_.MarkUnseenRemoved(src.source_id, run.started_ms, now_ms, reason);
  if (!removed.ok()) return removed.status();
  for (const store::DocumentSummary& d : *removed) {
    nlohmann::json detail = {{"url", d.url}, {"reason", reason}, {"last_seen_ms", d.last_seen_ms}};
    HARRIER_RETURN_IF_ERROR(
        store_.AppendAudit({now_ms, kActor, "collection.advert_removed",
                            "document:" + std::to_string(d.id), detail.dump()}));
  }
  run.stats.adverts_removed += static_cast<int64_t>(removed->size());
  return Status::Ok();
}

}  // namespace harrier::daemon
