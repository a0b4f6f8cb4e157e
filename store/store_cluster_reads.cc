// Reads of clusters: summaries for the list, and a cluster's documents,
// selectors, images and the edges of its graph for review.
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "store/internal.h"
#include "store/linking_sql.h"
#include "store/store.h"

namespace harrier::store {

using internal::Statement;

namespace {

// After "FROM cluster_member cm JOIN ": the members `d` and their current
// versions `v`.
constexpr char kMemberVersionsJoin[] =
    "document d ON d.id = cm.document_id "
    "JOIN document_version v ON v.document_id = d.id AND v.version = d.current_version ";

// The current versions of a cluster's members, `v`, with mentions `m` and
// selectors `s`.
const std::string kMemberMentions = std::string("FROM cluster_member cm JOIN ") +
                                    kMemberVersionsJoin +
                                    "JOIN mention m ON m.document_version_id = v.id "
                                    "JOIN selector s ON s.id = m.selector_id "
                                    "WHERE cm.cluster_id = ?1 ";

// "Leeds, West Yorkshire, GB" -> "Leeds"
std::string PlaceName(const std::string& value) { return value.substr(0, value.find(", ")); }

Status ReadSelectorCounts(sqlite3* db, ClusterSummary* out) {
  Statement q(db,
              "SELECT s.kind, COUNT(DISTINCT s.id) " + kMemberMentions + "AND " +
                  internal::kLinkingKindFilter + " GROUP BY s.kind ORDER BY s.kind",
              "count cluster selectors");
  return q.Bind(out->id).ForEach(
      [&](const Statement& r) { out->selector_counts.emplace_back(r.Text(0), r.Int(1)); });
}

Status ReadTowns(sqlite3* db, ClusterSummary* out) {
  std::set<std::string> towns;
  Statement places(db, "SELECT DISTINCT s.value " + kMemberMentions + "AND s.kind = 'place'",
                   "list cluster places");
  HARRIER_RETURN_IF_ERROR(places.Bind(out->id).ForEach(
      [&](const Statement& r) { towns.insert(PlaceName(r.Text(0))); }));
  Statement locations(db,
                      std::string("SELECT DISTINCT v.location FROM cluster_member cm JOIN ") +
                          kMemberVersionsJoin + "WHERE cm.cluster_id = ?1 AND v.location != ''",
                      "list cluster locations");
  HARRIER_RETURN_IF_ERROR(
      locations.Bind(out->id).ForEach([&](const Statement& r) { towns.insert(r.Text(0)); }));
  out->towns.assign(towns.begin(), towns.end());
  return Status::Ok();
}

Status ReadTimesAndScore(sqlite3* db, ClusterSummary* out) {
  Statement times(db,
                  "SELECT MIN(d.first_seen_ms), MAX(d.last_seen_ms) FROM cluster_member cm "
                  "JOIN document d ON d.id = cm.document_id WHERE cm.cluster_id = ?1",
                  "read cluster times");
  HARRIER_RETURN_IF_ERROR(times.Bind(out->id).ForEach([&](const Statement& r) {
    out->first_seen_ms = r.Int(0);
    out->last_seen_ms = r.Int(1);
  }));
  Statement score(db,
                  std::string("SELECT sc.score, sc.band FROM cluster_member cm JOIN ") +
                      kMemberVersionsJoin +
                      "JOIN indicator_score sc "
                      "ON sc.document_version_id = v.id WHERE cm.cluster_id = ?1 "
                      "ORDER BY sc.score DESC LIMIT 1",
                  "read cluster score");
  return score.Bind(out->id).ForEach([&](const Statement& r) {
    out->max_score = r.Double(0);
    out->max_band = r.Text(1);
  });
}

Result<ClusterSummary> Summarise(sqlite3* db, int64_t id, int64_t size) {
  ClusterSummary s;
  s.id = id;
  s.size = size;
  HARRIER_RETURN_IF_ERROR(ReadSelectorCounts(db, &s));
  HARRIER_RETURN_IF_ERROR(ReadTowns(db, &s));
  HARRIER_RETURN_IF_ERROR(ReadTimesAndScore(db, &s));
  return s;
}

Status ReadMembers(sqlite3* db, int64_t id, ClusterDetail* out) {
  Statement q(db,
              std::string("SELECT d.id, src.name, d.url, v.title, v.location, d.first_seen_ms, "
                          "d.last_seen_ms, d.current_version, d.removed_ms, d.removed_reason "
                          "FROM cluster_member cm JOIN ") +
                  kMemberVersionsJoin +
                  "JOIN source src ON src.id = d.source_id "
                  "WHERE cm.cluster_id = ?1 ORDER BY d.first_seen_ms, d.id",
              "list cluster documents");
  return q.Bind(id).ForEach([&](const Statement& r) {
    out->documents.push_back({r.Int(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Int(5),
                              r.Int(6), static_cast<int>(r.Int(7)), r.OptInt(8), r.Text(9)});
  });
}

Status ReadSelectors(sqlite3* db, int64_t id, ClusterDetail* out) {
  Statement q(db,
              "SELECT DISTINCT s.kind, s.value, d.id " + kMemberMentions + "AND " +
                  internal::kLinkingKindFilter + " ORDER BY s.kind, s.value, d.id",
              "list cluster selectors");
  return q.Bind(id).ForEach([&](const Statement& r) {
    if (out->selectors.empty() || out->selectors.back().kind != r.Text(0) ||
        out->selectors.back().value != r.Text(1)) {
      out->selectors.push_back({r.Text(0), r.Text(1), {}});
    }
    out->selectors.back().document_ids.push_back(r.Int(2));
    out->edges.push_back({"advert:" + std::to_string(r.Int(2)),
                          "selector:" + r.Text(0) + ":" + r.Text(1), "selector"});
  });
}

Status ReadImages(sqlite3* db, ClusterDetail* out) {
  std::map<std::string, std::vector<int64_t>> images;
  for (const DocumentSummary& d : out->documents) {
    std::vector<std::pair<int64_t, std::string>> shown;
    HARRIER_RETURN_IF_ERROR(internal::DocumentImages(db, d.id, &shown));
    for (const auto& [doc, sha] : shown) {
      images[sha].push_back(doc);
      out->edges.push_back({"advert:" + std::to_string(doc), "image:" + sha, "image"});
    }
  }
  for (auto& [sha, docs] : images) out->images.push_back({sha, std::move(docs)});
  Statement pairs(db,
                  std::string("SELECT ") + internal::kImageMatchColumns +
                      " FROM image_match WHERE image_a = ?1 ORDER BY id",
                  "list cluster image pairs");
  for (const auto& image : out->images) {
    pairs.Reset();
    HARRIER_RETURN_IF_ERROR(pairs.Bind(image.sha256).ForEach([&](const Statement& r) {
      ImageMatchRow m = internal::ReadImageMatch(r);
      if (images.count(m.image_b) == 0) return;
      if (m.status != "rejected") {
        out->edges.push_back({"image:" + m.image_a, "image:" + m.image_b, "image_match"});
      }
      out->image_pairs.push_back(std::move(m));
    }));
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<ClusterSummary>> Store::ListClusters(int min_size, int limit) {
  std::vector<std::pair<int64_t, int64_t>> ids;
  Statement q(db_,
              "SELECT id, size FROM cluster WHERE merged_into IS NULL AND size >= ?1 "
              "ORDER BY size DESC, id LIMIT ?2",
              "list clusters");
  HARRIER_RETURN_IF_ERROR(q.Bind(std::max(1, min_size), limit).ForEach([&](const Statement& r) {
    ids.emplace_back(r.Int(0), r.Int(1));
  }));
  std::vector<ClusterSummary> out;
  for (const auto& [id, size] : ids) {
    Result<ClusterSummary> s = Summarise(db_, id, size);
    if (!s.ok()) return s.status();
    out.push_back(std::move(*s));
  }
  return out;
}

Result<std::optional<ClusterDetail>> Store::GetCluster(int64_t id) {
  // Merges only ever point at a cluster made or kept alive later, so the
  // chain ends; the bound guards against a hand-edited database.
  Statement step(db_, "SELECT merged_into, size FROM cluster WHERE id = ?1", "resolve cluster");
  int64_t size = 0;
  for (int hops = 0;; ++hops) {
    if (hops > 10000) return Status::Corrupt("cluster " + std::to_string(id) + " merges in a loop");
    step.Reset();
    Result<bool> row = step.Bind(id).Step();
    if (!row.ok()) return row.status();
    if (!*row) return std::optional<ClusterDetail>();
    if (step.IsNull(0)) {
      size = step.Int(1);
      break;
    }
    id = step.Int(0);
  }
  ClusterDetail detail;
  Result<ClusterSummary> summary = Summarise(db_, id, size);
  if (!summary.ok()) return summary.status();
  detail.summary = std::move(*summary);
  HARRIER_RETURN_IF_ERROR(ReadMembers(db_, id, &detail));
  HARRIER_RETURN_IF_ERROR(ReadSelectors(db_, id, &detail));
  HARRIER_RETURN_IF_ERROR(ReadImages(db_, &detail));
  return std::optional<ClusterDetail>(std::move(detail));
}

}  // namespace harrier::store
