// Incremental linking of documents into clusters: each new link merges the
// smaller of two clusters into the larger (members moved, the smaller left
// pointing at the larger), so a document moves O(log n) times at most. See
// store.h and linking_sql.h for the link rules.
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "store/internal.h"
#include "store/linking_sql.h"
#include "store/store.h"

namespace harrier::store {

using internal::Statement;

namespace internal {

Status DocumentImages(sqlite3* db, int64_t document_id,
                      std::vector<std::pair<int64_t, std::string>>* out) {
  // Two texts rather than "?1 <= 0 OR d.id = ?1", which would keep SQLite
  // from using the primary key and scan every document per link.
  const std::string which = document_id > 0 ? "WHERE d.id = ?1" : "WHERE ?1 <= 0";
  Statement q(db,
              std::string("SELECT document_id, sha FROM (SELECT di.document_id, ") + kImageOfUrl +
                  " AS sha FROM " + kCurrentVersionJoin +
                  "JOIN document_image di ON di.document_version_id = v.id " + which +
                  ") WHERE sha IS NOT NULL GROUP BY document_id, sha ORDER BY document_id, sha",
              "list document images");
  return q.Bind(document_id).ForEach([&](const Statement& r) {
    out->emplace_back(r.Int(0), r.Text(1));
  });
}

Status AdvertsShowing(sqlite3* db, const std::string& sha256, std::vector<ImageAdvert>* out,
                      int limit) {
  Statement q(db,
              std::string("SELECT DISTINCT d.id, d.url, v.title FROM capture c0 "
                          "JOIN document_image di ON di.url = c0.url "
                          "JOIN document d ON d.id = di.document_id "
                          "JOIN document_version v ON v.id = di.document_version_id "
                          "AND v.document_id = d.id AND v.version = d.current_version "
                          "WHERE c0.body_sha256 = ?1 AND ") +
                  kImageOfUrl + " = ?1 ORDER BY d.id LIMIT ?2",
              "list adverts showing image");
  return q.Bind(sha256, limit).ForEach([&](const Statement& r) {
    out->push_back({r.Int(0), r.Text(1), r.Text(2)});
  });
}

}  // namespace internal

namespace {

// A document linked to the one being linked, and why.
struct Neighbour {
  int64_t document_id = 0;
  std::string linked_by;  // "phone:+447700900123" | "image:<sha256>"
};

// Every document a link reaches is in one cluster already once each has
// been linked (the invariant linking keeps), so after a page commit one other
// document per selector or image is enough: a selector shared by thousands
// of adverts costs one row, not thousands. An image stored, paired or read
// by OCR gives several documents a link at once, so those are linked
// `exhaustive`ly, through every document the link reaches.

// Documents sharing a linking selector with the document's current version.
Status SelectorNeighbours(sqlite3* db, int64_t document_id, bool exhaustive,
                          std::vector<Neighbour>* out) {
  const std::string mine = std::string("WITH mine AS (SELECT DISTINCT m.selector_id AS id FROM ") +
                           internal::kCurrentVersionJoin +
                           "JOIN mention m ON m.document_version_id = v.id WHERE d.id = ?1) ";
  const std::string linking = std::string("FROM mine JOIN selector s ON s.id = mine.id AND ") +
                              internal::kLinkingKindFilter;
  // Other documents whose current version mentions s.
  const std::string others =
      " mention m2 JOIN document_version v2 ON v2.id = m2.document_version_id "
      "JOIN document d2 ON d2.id = v2.document_id AND d2.current_version = v2.version ";
  const std::string sql = exhaustive ? mine + "SELECT DISTINCT d2.id, s.kind || ':' || s.value " +
                                           linking + " JOIN" + others +
                                           "WHERE m2.selector_id = s.id AND d2.id != ?1"
                                     : mine + "SELECT (SELECT d2.id FROM" + others +
                                           "WHERE m2.selector_id = s.id AND d2.id != ?1 LIMIT 1), "
                                           "s.kind || ':' || s.value " +
                                           linking;
  Statement q(db, sql, "find documents sharing selectors");
  return q.Bind(document_id).ForEach([&](const Statement& r) {
    if (!r.IsNull(0)) out->push_back({r.Int(0), r.Text(1)});
  });
}

// Documents showing one of the document's images, or an image paired with
// one of them as a near-duplicate that no analyst rejected.
Status ImageNeighbours(sqlite3* db, int64_t document_id, bool exhaustive,
                       std::vector<Neighbour>* out) {
  std::vector<std::pair<int64_t, std::string>> mine;
  HARRIER_RETURN_IF_ERROR(internal::DocumentImages(db, document_id, &mine));
  for (const auto& [unused, sha] : mine) {
    std::vector<std::string> shown = {sha};
    Statement pairs(db,
                    "SELECT CASE WHEN image_a = ?1 THEN image_b ELSE image_a END FROM image_match "
                    "WHERE (image_a = ?1 OR image_b = ?1) AND status != 'rejected'",
                    "find near-duplicates");
    HARRIER_RETURN_IF_ERROR(
        pairs.Bind(sha).ForEach([&](const Statement& r) { shown.push_back(r.Text(0)); }));
    for (const std::string& image : shown) {
      // Two, so that one is another document even when the first is this one.
      std::vector<ImageAdvert> adverts;
      HARRIER_RETURN_IF_ERROR(internal::AdvertsShowing(db, image, &adverts, exhaustive ? -1 : 2));
      for (const ImageAdvert& a : adverts) {
        if (a.document_id == document_id) continue;
        out->push_back({a.document_id, "image:" + image});
        if (!exhaustive) break;
      }
    }
  }
  return Status::Ok();
}

struct ClusterState {
  int64_t id = 0;
  int64_t size = 0;
  int64_t alerted_size = 0;
};

Result<ClusterState> ReadCluster(sqlite3* db, int64_t id) {
  Statement q(db, "SELECT id, size, alerted_size FROM cluster WHERE id = ?1", "read cluster");
  Result<bool> row = q.Bind(id).Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::Internal("cluster " + std::to_string(id) + " vanished");
  return ClusterState{q.Int(0), q.Int(1), q.Int(2)};
}

// The document's cluster, made (size 1) when it has none yet.
Result<int64_t> EnsureCluster(sqlite3* db, int64_t document_id, int64_t now_ms) {
  Statement q(db, "SELECT cluster_id FROM cluster_member WHERE document_id = ?1",
              "find cluster of document");
  Result<bool> row = q.Bind(document_id).Step();
  if (!row.ok()) return row.status();
  if (*row) return q.Int(0);
  Statement make(db, "INSERT INTO cluster(size, created_ms, updated_ms) VALUES (1, ?1, ?1)",
                 "create cluster");
  HARRIER_RETURN_IF_ERROR(make.Bind(now_ms).Run());
  const int64_t id = make.LastInsertId();
  Statement join(
      db, "INSERT INTO cluster_member(document_id, cluster_id, joined_ms) VALUES (?1, ?2, ?3)",
      "add cluster member");
  HARRIER_RETURN_IF_ERROR(join.Bind(document_id, id, now_ms).Run());
  return id;
}

// Merges the smaller cluster into the larger (the older on a tie) and
// returns the one that remains.
Result<int64_t> Merge(sqlite3* db, int64_t a, int64_t b, const std::string& linked_by,
                      int64_t now_ms, LinkOutcome* outcome) {
  Result<ClusterState> ca = ReadCluster(db, a);
  if (!ca.ok()) return ca.status();
  Result<ClusterState> cb = ReadCluster(db, b);
  if (!cb.ok()) return cb.status();
  ClusterState big = *ca;
  ClusterState small = *cb;
  if (small.size > big.size || (small.size == big.size && small.id < big.id)) {
    std::swap(big, small);
  }
  Statement move(db,
                 "UPDATE cluster_member SET cluster_id = ?2, joined_ms = ?3 WHERE cluster_id = ?1",
                 "move cluster members");
  HARRIER_RETURN_IF_ERROR(move.Bind(small.id, big.id, now_ms).Run());
  Statement grow(db,
                 "UPDATE cluster SET size = size + ?2, updated_ms = ?3, "
                 "alerted_size = MAX(alerted_size, ?4) WHERE id = ?1",
                 "grow cluster");
  HARRIER_RETURN_IF_ERROR(grow.Bind(big.id, small.size, now_ms, small.alerted_size).Run());
  Statement retire(db,
                   "UPDATE cluster SET size = 0, merged_into = ?2, updated_ms = ?3 WHERE id = ?1",
                   "retire merged cluster");
  HARRIER_RETURN_IF_ERROR(retire.Bind(small.id, big.id, now_ms).Run());
  outcome->merges.push_back({small.id, big.id, small.size, linked_by});
  return big.id;
}

// A cluster_growth alert when the cluster reaches `threshold` documents,
// and again each time it doubles past the size of its last alert.
Status MaybeRaiseGrowthAlert(sqlite3* db, int64_t cluster_id, int64_t document_id, int threshold,
                             int64_t now_ms, LinkOutcome* outcome) {
  Result<ClusterState> c = ReadCluster(db, cluster_id);
  if (!c.ok()) return c.status();
  outcome->cluster_size = c->size;
  if (threshold < 2 || c->size < threshold) return Status::Ok();
  if (c->alerted_size > 0 && c->size < 2 * c->alerted_size) return Status::Ok();
  Statement raise(db,
                  "INSERT INTO alert(kind, cluster_id, cluster_size, document_id, url, "
                  "captured_ms, created_ms) "
                  "SELECT 'cluster_growth', ?1, ?2, d.id, d.url, d.last_seen_ms, ?4 "
                  "FROM document d WHERE d.id = ?3 "
                  "ON CONFLICT(cluster_id, cluster_size) WHERE kind = 'cluster_growth' "
                  "DO NOTHING",
                  "raise cluster growth alert");
  HARRIER_RETURN_IF_ERROR(raise.Bind(cluster_id, c->size, document_id, now_ms).Run());
  if (raise.Changes() > 0) outcome->growth_alerts.push_back(raise.LastInsertId());
  Statement mark(db, "UPDATE cluster SET alerted_size = ?2 WHERE id = ?1", "mark cluster alerted");
  return mark.Bind(cluster_id, c->size).Run();
}

// Links one document: its cluster is merged with that of every neighbour.
Status Link(sqlite3* db, int64_t document_id, bool exhaustive, int alert_size, int64_t now_ms,
            LinkOutcome* outcome) {
  Statement exists(db, "SELECT 1 FROM document WHERE id = ?1", "find document");
  Result<bool> found = exists.Bind(document_id).Step();
  if (!found.ok()) return found.status();
  if (!*found) return Status::NotFound("no document " + std::to_string(document_id));
  Result<int64_t> mine = EnsureCluster(db, document_id, now_ms);
  if (!mine.ok()) return mine.status();
  int64_t cluster = *mine;
  std::vector<Neighbour> neighbours;
  HARRIER_RETURN_IF_ERROR(SelectorNeighbours(db, document_id, exhaustive, &neighbours));
  HARRIER_RETURN_IF_ERROR(ImageNeighbours(db, document_id, exhaustive, &neighbours));
  for (const Neighbour& n : neighbours) {
    Result<int64_t> theirs = EnsureCluster(db, n.document_id, now_ms);
    if (!theirs.ok()) return theirs.status();
    if (*theirs == cluster) continue;
    Result<int64_t> merged = Merge(db, cluster, *theirs, n.linked_by, now_ms, outcome);
    if (!merged.ok()) return merged.status();
    cluster = *merged;
  }
  outcome->cluster_id = cluster;
  return MaybeRaiseGrowthAlert(db, cluster, document_id, alert_size, now_ms, outcome);
}

}  // namespace

Result<LinkOutcome> Store::LinkDocument(int64_t document_id, int64_t now_ms) {
  LinkOutcome outcome;
  Status st = InTransaction([&]() -> Status {
    outcome = LinkOutcome();
    return Link(db_, document_id, /*exhaustive=*/false, cluster_alert_size_, now_ms, &outcome);
  });
  if (!st.ok()) return st.WithContext("link document " + std::to_string(document_id));
  return outcome;
}

Result<LinkOutcome> Store::LinkImage(const std::string& sha256, int64_t now_ms) {
  LinkOutcome outcome;
  Status st = InTransaction([&]() -> Status {
    outcome = LinkOutcome();
    std::vector<ImageAdvert> adverts;
    HARRIER_RETURN_IF_ERROR(internal::AdvertsShowing(db_, sha256, &adverts, 1));
    if (adverts.empty()) return Status::Ok();
    // Linking the first advert that shows the image through every document
    // each of its links reaches links every other advert that shows it or a
    // near-duplicate, and whatever OCR read in it.
    return Link(db_, adverts.front().document_id, /*exhaustive=*/true, cluster_alert_size_, now_ms,
                &outcome);
  });
  if (!st.ok()) return st.WithContext("link image " + sha256);
  return outcome;
}

}  // namespace harrier::store
