// Clusters from scratch (union-find in memory over the link rules) and the
// reads of clusters for the CLI and the review UI.
#include <algorithm>
#include <map>
#include <numeric>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include "store/internal.h"
#include "store/linking_sql.h"
#include "store/store.h"

namespace harrier::store {

using internal::Statement;

namespace {

class UnionFind {
 public:
  explicit UnionFind(size_t n) : parent_(n), rank_(n, 0) {
    std::iota(parent_.begin(), parent_.end(), size_t{0});
  }
  size_t Find(size_t x) {
    while (parent_[x] != x) {
      parent_[x] = parent_[parent_[x]];
      x = parent_[x];
    }
    return x;
  }
  void Union(size_t a, size_t b) {
    a = Find(a);
    b = Find(b);
    if (a == b) return;
    if (rank_[a] < rank_[b]) std::swap(a, b);
    parent_[b] = a;
    if (rank_[a] == rank_[b]) ++rank_[a];
  }

 private:
  std::vector<size_t> parent_;
  std::vector<int> rank_;
};

// Every document's component under the link rules, as lists of document ids
// (each sorted, in order of their first document).
Result<std::vector<std::vector<int64_t>>> Components(sqlite3* db) {
  std::vector<int64_t> ids;
  Statement docs(db, "SELECT id FROM document ORDER BY id", "list documents");
  HARRIER_RETURN_IF_ERROR(docs.ForEach([&](const Statement& r) { ids.push_back(r.Int(0)); }));
  std::unordered_map<int64_t, size_t> index;
  for (size_t i = 0; i < ids.size(); ++i) index[ids[i]] = i;
  UnionFind uf(ids.size());
  // Documents that share a selector: union each with the first seen.
  std::unordered_map<int64_t, size_t> first_with_selector;
  Statement sel(db,
                std::string("SELECT DISTINCT d.id, m.selector_id FROM ") +
                    internal::kCurrentVersionJoin +
                    "JOIN mention m ON m.document_version_id = v.id "
                    "JOIN selector s ON s.id = m.selector_id WHERE " +
                    internal::kLinkingKindFilter,
                "list linking mentions");
  HARRIER_RETURN_IF_ERROR(sel.ForEach([&](const Statement& r) {
    const size_t doc = index[r.Int(0)];
    auto [it, added] = first_with_selector.emplace(r.Int(1), doc);
    if (!added) uf.Union(it->second, doc);
  }));
  std::vector<std::pair<int64_t, std::string>> shown;
  HARRIER_RETURN_IF_ERROR(internal::DocumentImages(db, 0, &shown));
  std::unordered_map<std::string, size_t> first_with_image;
  for (const auto& [doc_id, sha] : shown) {
    auto [it, added] = first_with_image.emplace(sha, index[doc_id]);
    if (!added) uf.Union(it->second, index[doc_id]);
  }
  Statement pairs(db, "SELECT image_a, image_b FROM image_match WHERE status != 'rejected'",
                  "list image pairs");
  HARRIER_RETURN_IF_ERROR(pairs.ForEach([&](const Statement& r) {
    auto a = first_with_image.find(r.Text(0));
    auto b = first_with_image.find(r.Text(1));
    if (a != first_with_image.end() && b != first_with_image.end()) uf.Union(a->second, b->second);
  }));
  std::map<size_t, std::vector<int64_t>> by_root;
  std::vector<std::vector<int64_t>> out;
  std::unordered_map<size_t, size_t> slot;
  for (size_t i = 0; i < ids.size(); ++i) {
    auto [it, added] = slot.emplace(uf.Find(i), out.size());
    if (added) out.emplace_back();
    out[it->second].push_back(ids[i]);
  }
  return out;
}

struct OldMembership {
  int64_t cluster_id = 0;
  int64_t joined_ms = 0;
};

// Gives each component the id of the existing cluster holding most of its
// members (largest overlaps first, each id once); 0 where none is left.
std::vector<int64_t> KeepIds(const std::vector<std::vector<int64_t>>& components,
                             const std::unordered_map<int64_t, OldMembership>& old) {
  std::vector<std::tuple<int64_t, size_t, int64_t>> overlaps;  // (-count, component, id)
  for (size_t c = 0; c < components.size(); ++c) {
    std::map<int64_t, int64_t> counts;
    for (const int64_t doc : components[c]) {
      auto it = old.find(doc);
      if (it != old.end()) ++counts[it->second.cluster_id];
    }
    for (const auto& [id, count] : counts) overlaps.emplace_back(-count, c, id);
  }
  std::sort(overlaps.begin(), overlaps.end());
  std::vector<int64_t> kept(components.size(), 0);
  std::set<int64_t> used;
  for (const auto& [neg_count, c, id] : overlaps) {
    if (kept[c] != 0 || used.count(id) > 0) continue;
    kept[c] = id;
    used.insert(id);
  }
  return kept;
}

}  // namespace

Status Store::RebuildClusters(int64_t now_ms) {
  Status st = InTransaction([&]() -> Status {
    Result<std::vector<std::vector<int64_t>>> components = Components(db_);
    if (!components.ok()) return components.status();
    std::unordered_map<int64_t, OldMembership> old;
    Statement members(db_, "SELECT document_id, cluster_id, joined_ms FROM cluster_member",
                      "list cluster members");
    HARRIER_RETURN_IF_ERROR(members.ForEach([&](const Statement& r) {
      old[r.Int(0)] = {r.Int(1), r.Int(2)};
    }));
    std::vector<int64_t> kept = KeepIds(*components, old);
    HARRIER_RETURN_IF_ERROR(
        Statement(db_, "DELETE FROM cluster_member", "clear cluster members").Run());
    // Where each old cluster's members went: a cluster left empty points at
    // the component that took most of them.
    std::map<int64_t, std::map<int64_t, int64_t>> went;
    for (size_t c = 0; c < components->size(); ++c) {
      int64_t id = kept[c];
      if (id == 0) {
        Statement make(db_, "INSERT INTO cluster(size, created_ms, updated_ms) VALUES (0, ?1, ?1)",
                       "create cluster");
        HARRIER_RETURN_IF_ERROR(make.Bind(now_ms).Run());
        id = make.LastInsertId();
      }
      Statement set(db_,
                    "UPDATE cluster SET size = ?2, merged_into = NULL, updated_ms = "
                    "CASE WHEN size = ?2 THEN updated_ms ELSE ?3 END WHERE id = ?1",
                    "size cluster");
      const auto size = static_cast<int64_t>((*components)[c].size());
      HARRIER_RETURN_IF_ERROR(set.Bind(id, size, now_ms).Run());
      Statement join(db_,
                     "INSERT INTO cluster_member(document_id, cluster_id, joined_ms) "
                     "VALUES (?1, ?2, ?3)",
                     "add cluster member");
      for (const int64_t doc : (*components)[c]) {
        auto it = old.find(doc);
        const bool stayed = it != old.end() && it->second.cluster_id == id;
        join.Reset();
        HARRIER_RETURN_IF_ERROR(join.Bind(doc, id, stayed ? it->second.joined_ms : now_ms).Run());
        if (it != old.end()) ++went[it->second.cluster_id][id];
      }
    }
    std::set<int64_t> live(kept.begin(), kept.end());
    for (const auto& [from, targets] : went) {
      if (live.count(from) > 0) continue;
      auto most =
          std::max_element(targets.begin(), targets.end(),
                           [](const auto& a, const auto& b) { return a.second < b.second; });
      Statement retire(db_,
                       "UPDATE cluster SET size = 0, merged_into = ?2, updated_ms = ?3 "
                       "WHERE id = ?1",
                       "retire cluster");
      HARRIER_RETURN_IF_ERROR(retire.Bind(from, most->first, now_ms).Run());
    }
    return Status::Ok();
  });
  return st.WithContext("rebuild clusters");
}

Result<bool> Store::EnsureClusters(int64_t now_ms) {
  Statement q(db_,
              "SELECT 1 FROM document d WHERE NOT EXISTS "
              "(SELECT 1 FROM cluster_member cm WHERE cm.document_id = d.id) LIMIT 1",
              "find unlinked documents");
  Result<bool> unlinked = q.Step();
  if (!unlinked.ok()) return unlinked.status();
  if (!*unlinked) return false;
  HARRIER_RETURN_IF_ERROR(RebuildClusters(now_ms));
  return true;
}

Result<std::optional<int64_t>> Store::ClusterOfDocument(int64_t document_id) {
  Statement q(db_, "SELECT cluster_id FROM cluster_member WHERE document_id = ?1",
              "find cluster of document");
  Result<bool> row = q.Bind(document_id).Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<int64_t>();
  return std::optional<int64_t>(q.Int(0));
}

}  // namespace harrier::store
