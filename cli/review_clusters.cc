// `harrier clusters`, `harrier show cluster ID`, `harrier clusters rebuild`.
#include <nlohmann/json.hpp>

#include "cli/review.h"
#include "cli/table.h"

namespace harrier::cli {

namespace {

using nlohmann::json;

std::string Time(int64_t ms) { return ms == 0 ? std::string("-") : FormatUtc(FromUnixMillis(ms)); }

std::string Counts(const store::ClusterSummary& c) {
  std::string out;
  for (const auto& [kind, n] : c.selector_counts) {
    out += (out.empty() ? "" : " ") + kind + ":" + std::to_string(n);
  }
  return out;
}

std::string Joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

json SummaryJson(const store::ClusterSummary& c) {
  json counts = json::object();
  for (const auto& [kind, n] : c.selector_counts) counts[kind] = n;
  return {{"id", c.id},
          {"size", c.size},
          {"selectors", counts},
          {"towns", c.towns},
          {"first_seen", Time(c.first_seen_ms)},
          {"last_seen", Time(c.last_seen_ms)},
          {"max_score", c.max_score},
          {"max_band", c.max_band}};
}

json DetailJson(const store::ClusterDetail& d) {
  json j = SummaryJson(d.summary);
  j["adverts"] = json::array();
  for (const store::DocumentSummary& s : d.documents) {
    j["adverts"].push_back({{"id", s.id},
                            {"source", s.source},
                            {"url", s.url},
                            {"title", s.title},
                            {"location", s.location},
                            {"first_seen", Time(s.first_seen_ms)},
                            {"last_seen", Time(s.last_seen_ms)}});
  }
  j["shared_selectors"] = json::array();
  for (const store::ClusterSelector& s : d.selectors) {
    j["shared_selectors"].push_back(
        {{"kind", s.kind}, {"value", s.value}, {"adverts", s.document_ids}});
  }
  j["images"] = json::array();
  for (const store::ClusterImage& i : d.images) {
    j["images"].push_back({{"sha256", i.sha256}, {"adverts", i.document_ids}});
  }
  j["image_pairs"] = json::array();
  for (const store::ImageMatchRow& m : d.image_pairs) {
    j["image_pairs"].push_back({{"id", m.id},
                                {"image_a", m.image_a},
                                {"image_b", m.image_b},
                                {"distance", m.distance},
                                {"status", m.status}});
  }
  j["edges"] = json::array();
  for (const store::ClusterEdge& e : d.edges) {
    j["edges"].push_back({{"from", e.from}, {"to", e.to}, {"kind", e.kind}});
  }
  return j;
}

void PrintDetail(CommandContext& ctx, const store::ClusterDetail& d) {
  const store::ClusterSummary& c = d.summary;
  ctx.out << "cluster " << c.id << ": " << c.size << " advert(s), seen " << Time(c.first_seen_ms)
          << " to " << Time(c.last_seen_ms) << "\n";
  if (!c.towns.empty()) ctx.out << "towns: " << SanitizeForTerminal(Joined(c.towns)) << "\n";
  if (!c.max_band.empty()) ctx.out << "highest indicator band: " << c.max_band << "\n";
  Table adverts({"ADVERT", "SOURCE", "FIRST SEEN", "TITLE", "URL"}, 50);
  for (const store::DocumentSummary& s : d.documents) {
    adverts.AddRow({std::to_string(s.id), s.source, Time(s.first_seen_ms), s.title, s.url});
  }
  adverts.Print(ctx.out);
  Table links({"LINK", "VALUE", "ADVERTS"}, 70);
  for (const store::ClusterSelector& s : d.selectors) {
    std::string ids;
    for (const int64_t id : s.document_ids) ids += (ids.empty() ? "" : ",") + std::to_string(id);
    links.AddRow({s.kind, s.value, ids});
  }
  for (const store::ClusterImage& i : d.images) {
    std::string ids;
    for (const int64_t id : i.document_ids) ids += (ids.empty() ? "" : ",") + std::to_string(id);
    links.AddRow({"image", i.sha256, ids});
  }
  for (const store::ImageMatchRow& m : d.image_pairs) {
    links.AddRow({"image pair " + std::to_string(m.id),
                  m.image_a.substr(0, 12) + " ~ " + m.image_b.substr(0, 12),
                  m.status + ", distance " + std::to_string(m.distance)});
  }
  if (links.size() > 0) {
    ctx.out << "\n";
    links.Print(ctx.out);
  }
}

}  // namespace

Status CmdClusters(CommandContext& ctx, int min_size) {
  HARRIER_RETURN_IF_ERROR(
      Audit(ctx, "consultation.clusters", "clusters", {{"min_size", min_size}}));
  Result<std::vector<store::ClusterSummary>> clusters = ctx.store.ListClusters(min_size, 1000);
  if (!clusters.ok()) return clusters.status();
  json rows = json::array();
  Table t({"CLUSTER", "ADVERTS", "SELECTORS", "TOWNS", "FIRST SEEN", "LAST SEEN", "BAND"}, 50);
  for (const store::ClusterSummary& c : *clusters) {
    t.AddRow({std::to_string(c.id), std::to_string(c.size), Counts(c), Joined(c.towns),
              Time(c.first_seen_ms), Time(c.last_seen_ms), c.max_band});
    rows.push_back(SummaryJson(c));
  }
  if (ctx.json) {
    ctx.out << rows.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
  } else if (t.size() == 0) {
    ctx.out << "(no clusters of " << min_size << " or more adverts)\n";
  } else {
    t.Print(ctx.out);
  }
  return Status::Ok();
}

Status CmdShowCluster(CommandContext& ctx, int64_t id) {
  HARRIER_RETURN_IF_ERROR(
      Audit(ctx, "consultation.cluster", "cluster:" + std::to_string(id), json::object()));
  Result<std::optional<store::ClusterDetail>> detail = ctx.store.GetCluster(id);
  if (!detail.ok()) return detail.status();
  if (!detail->has_value()) return Status::NotFound("no cluster " + std::to_string(id));
  if (ctx.json) {
    ctx.out << DetailJson(**detail).dump(2, ' ', false, json::error_handler_t::replace) << "\n";
  } else {
    if ((*detail)->summary.id != id) {
      ctx.out << "cluster " << id << " was merged into " << (*detail)->summary.id << "\n";
    }
    PrintDetail(ctx, **detail);
  }
  return Status::Ok();
}

Status CmdClustersRebuild(CommandContext& ctx) {
  HARRIER_RETURN_IF_ERROR(Audit(ctx, "combination.clusters_rebuild", "clusters", json::object()));
  HARRIER_RETURN_IF_ERROR(ctx.store.RebuildClusters(ToUnixMillis(ctx.clock.WallNow())));
  Result<std::vector<store::ClusterSummary>> clusters = ctx.store.ListClusters(2, 1000000);
  if (!clusters.ok()) return clusters.status();
  if (ctx.json) {
    ctx.out << json({{"clusters_of_two_or_more", clusters->size()}}).dump(2) << "\n";
  } else {
    ctx.out << "clusters rebuilt: " << clusters->size() << " of two or more adverts\n";
  }
  return Status::Ok();
}

}  // namespace harrier::cli
