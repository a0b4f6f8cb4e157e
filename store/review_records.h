// Rows for analyst review: clusters of linked documents, watched selectors,
// near-duplicate pairs awaiting a decision, and where a selector moved.
// Included by store.h.
#ifndef HARRIER_STORE_REVIEW_RECORDS_H_
#define HARRIER_STORE_REVIEW_RECORDS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/selector.h"
#include "store/image_records.h"

namespace harrier::store {

// Two clusters became one: `from` was merged into `into` because of
// `linked_by` ("phone:+447700900123" or "image:<sha256>").
struct ClusterMerge {
  int64_t from = 0;
  int64_t into = 0;
  int64_t from_size = 0;  // before the merge
  std::string linked_by;
};

// What linking one document or image did.
struct LinkOutcome {
  int64_t cluster_id = 0;  // the document's (or the image's first document's) cluster
  int64_t cluster_size = 0;
  std::vector<ClusterMerge> merges;
  std::vector<int64_t> growth_alerts;  // cluster_growth alerts raised
};

struct ClusterSummary {
  int64_t id = 0;
  int64_t size = 0;
  std::vector<std::pair<std::string, int64_t>> selector_counts;  // (kind, distinct values)
  std::vector<std::string> towns;  // distinct, from place mentions else location
  int64_t first_seen_ms = 0;
  int64_t last_seen_ms = 0;
  double max_score = 0;
  std::string max_band;  // "" when no member is scored
};

struct ClusterSelector {
  std::string kind;
  std::string value;
  std::vector<int64_t> document_ids;
};

struct ClusterImage {
  std::string sha256;
  std::vector<int64_t> document_ids;
};

// One edge of the cluster graph. Nodes are named "advert:<id>",
// "selector:<kind>:<value>" and "image:<sha256>".
struct ClusterEdge {
  std::string from;
  std::string to;
  std::string kind;  // "selector" | "image" | "image_match"
};

// A selector an operation watches. `value` is normalised as selector values
// are (see core/selector.h).
struct WatchlistSelector {
  int64_t id = 0;
  SelectorKind kind = SelectorKind::kPhone;
  std::string value;
  std::string operation;
  std::string reason;
  std::string added_by;
  int64_t added_ms = 0;
};

// An advert that shows one image of a near-duplicate pair.
struct ImageAdvert {
  int64_t document_id = 0;
  std::string url;
  std::string title;
};

struct ImageMatchView {
  ImageMatchRow match;
  std::vector<ImageAdvert> adverts_a;
  std::vector<ImageAdvert> adverts_b;
};

// One place a selector was seen, in time order.
struct MovementStop {
  int64_t document_id = 0;
  std::string url;
  std::string source;
  std::string title;
  std::string town;  // a place mention's name, else the location field
  std::string county;
  std::string postcode;
  int64_t first_seen_ms = 0;  // first version of the document that mentions it
};

struct Movement {
  std::vector<MovementStop> stops;
  double span_days = 0;  // between the first and the last stop
};

}  // namespace harrier::store

#endif  // HARRIER_STORE_REVIEW_RECORDS_H_
