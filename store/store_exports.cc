// Reads the exports (review/export_graph.cc) need beyond the review ones.
#include "store/internal.h"
#include "store/store.h"

namespace harrier::store {

using internal::Statement;

Result<std::vector<std::pair<ImageMatchRow, std::string>>> Store::ImageMatchDecisions(
    const std::string& sha256) {
  std::vector<std::pair<ImageMatchRow, std::string>> out;
  Statement q(db_,
              "SELECT image_a, image_b, distance, method, found_ms, status FROM image_match "
              "WHERE image_a = ?1 OR image_b = ?1 ORDER BY distance, id",
              "list image match decisions");
  HARRIER_RETURN_IF_ERROR(q.Bind(sha256).ForEach([&](const Statement& row) {
    out.push_back(
        {{row.Text(0), row.Text(1), static_cast<int>(row.Int(2)), row.Text(3), row.Int(4)},
         row.Text(5)});
  }));
  return out;
}

}  // namespace harrier::store
