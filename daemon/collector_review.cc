// The collector's part in analyst review: every new or changed advert, new
// image and OCR result is linked into the clusters, and checked against the
// watched selectors, in the same transaction as the commit that caused it.
// Each link and match is a combination of personal data, so each is audited.
#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>
#include <set>

#include "daemon/collector.h"

namespace harrier::daemon {

namespace {

constexpr const char* kActor = "harrierd";

}  // namespace

Status Collector::AuditLinks(const store::LinkOutcome& outcome, int64_t now_ms) {
  for (const store::ClusterMerge& m : outcome.merges) {
    ++stats_.cluster_merges;
    nlohmann::json detail = {
        {"from", m.from}, {"into", m.into}, {"from_size", m.from_size}, {"linked_by", m.linked_by}};
    HARRIER_RETURN_IF_ERROR(
        store_.AppendAudit({now_ms, kActor, "combination.cluster_merge",
                            "cluster:" + std::to_string(m.into), detail.dump()}));
  }
  for (const int64_t alert : outcome.growth_alerts) {
    ++stats_.growth_alerts;
    spdlog::warn("cluster {} grew to {} adverts: alert {}", outcome.cluster_id,
                 outcome.cluster_size, alert);
    nlohmann::json detail = {{"cluster", outcome.cluster_id}, {"size", outcome.cluster_size}};
    HARRIER_RETURN_IF_ERROR(store_.AppendAudit({now_ms, kActor, "combination.cluster_growth",
                                                "alert:" + std::to_string(alert), detail.dump()}));
  }
  return Status::Ok();
}

Status Collector::ReviewDocument(int64_t document_id, int64_t now_ms) {
  Result<store::LinkOutcome> linked = store_.LinkDocument(document_id, now_ms);
  if (!linked.ok()) return linked.status();
  HARRIER_RETURN_IF_ERROR(AuditLinks(*linked, now_ms));
  Result<std::vector<int64_t>> alerts = store_.RaiseSelectorAlerts(document_id, now_ms);
  if (!alerts.ok()) return alerts.status();
  for (const int64_t alert : *alerts) {
    ++stats_.selector_alerts;
    spdlog::warn("watched selector: alert {} for document {}", alert, document_id);
    nlohmann::json detail = {{"alert", alert}, {"document", document_id}};
    HARRIER_RETURN_IF_ERROR(
        store_.AppendAudit({now_ms, kActor, "combination.watchlist_match",
                            "document:" + std::to_string(document_id), detail.dump()}));
  }
  return Status::Ok();
}

Status Collector::ReviewImage(const std::string& sha256, int64_t now_ms) {
  Result<store::LinkOutcome> linked = store_.LinkImage(sha256, now_ms);
  if (!linked.ok()) return linked.status();
  return AuditLinks(*linked, now_ms);
}

Status Collector::ReviewOcr(const std::string& sha256, int64_t now_ms) {
  HARRIER_RETURN_IF_ERROR(ReviewImage(sha256, now_ms));
  Result<std::vector<store::ImageUse>> uses = store_.ImageUses(sha256);
  if (!uses.ok()) return uses.status();
  std::set<int64_t> seen;
  for (const store::ImageUse& use : *uses) {
    if (seen.insert(use.document_id).second) {
      HARRIER_RETURN_IF_ERROR(ReviewDocument(use.document_id, now_ms));
    }
  }
  return Status::Ok();
}

}  // namespace harrier::daemon
