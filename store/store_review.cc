// Watched selectors and their alerts, analysts' decisions on near-duplicate
// pairs, and where a selector moved. See store.h.
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "store/internal.h"
#include "store/linking_sql.h"
#include "store/store.h"

namespace harrier::store {

using internal::Statement;

namespace {

// One watchlist_selector alert per (entry, document) whose current version
// mentions the entry's selector; a pairing that has an alert, whatever its
// status, is skipped. `filter` narrows by ?1; ?2 is now.
Result<std::vector<int64_t>> RaiseWatchAlerts(sqlite3* db, const std::string& filter, int64_t arg,
                                              int64_t now_ms) {
  Statement q(
      db,
      std::string("INSERT INTO alert(kind, watchlist_selector_id, selector_id, document_id, "
                  "url, captured_ms, created_ms) "
                  "SELECT 'watchlist_selector', ws.id, s.id, d.id, d.url, v.seen_ms, ?2 "
                  "FROM ") +
          internal::kCurrentVersionJoin +
          "JOIN mention m ON m.document_version_id = v.id "
          "JOIN selector s ON s.id = m.selector_id "
          "JOIN watchlist_selector ws ON ws.kind = s.kind AND ws.value = s.value "
          "WHERE " +
          filter +
          " GROUP BY ws.id, d.id ORDER BY ws.id, d.id "
          "ON CONFLICT(watchlist_selector_id, document_id) "
          "WHERE kind = 'watchlist_selector' DO NOTHING RETURNING id",
      "raise selector alerts");
  std::vector<int64_t> ids;
  HARRIER_RETURN_IF_ERROR(
      q.Bind(arg, now_ms).ForEach([&](const Statement& r) { ids.push_back(r.Int(0)); }));
  return ids;
}

Result<std::optional<ImageMatchView>> ViewOf(sqlite3* db, ImageMatchRow match) {
  ImageMatchView view;
  HARRIER_RETURN_IF_ERROR(internal::AdvertsShowing(db, match.image_a, &view.adverts_a));
  HARRIER_RETURN_IF_ERROR(internal::AdvertsShowing(db, match.image_b, &view.adverts_b));
  view.match = std::move(match);
  return std::optional<ImageMatchView>(std::move(view));
}

// "Leeds, West Yorkshire, GB" -> ("Leeds", "West Yorkshire")
std::pair<std::string, std::string> TownAndCounty(const std::string& place) {
  const size_t first = place.find(", ");
  if (first == std::string::npos) return {place, ""};
  const size_t second = place.find(", ", first + 2);
  return {place.substr(0, first),
          place.substr(first + 2,
                       second == std::string::npos ? std::string::npos : second - first - 2)};
}

Status FillPlace(sqlite3* db, MovementStop* stop, const std::string& location) {
  Statement q(db,
              std::string("SELECT s.kind, s.value FROM ") + internal::kCurrentVersionJoin +
                  "JOIN mention m ON m.document_version_id = v.id "
                  "JOIN selector s ON s.id = m.selector_id "
                  "WHERE d.id = ?1 AND s.kind IN ('place', 'postcode') ORDER BY m.id",
              "read document places");
  HARRIER_RETURN_IF_ERROR(q.Bind(stop->document_id).ForEach([&](const Statement& r) {
    if (r.Text(0) == "place" && stop->town.empty()) {
      std::tie(stop->town, stop->county) = TownAndCounty(r.Text(1));
    } else if (r.Text(0) == "postcode" && stop->postcode.empty()) {
      stop->postcode = r.Text(1);
    }
  }));
  if (stop->town.empty()) stop->town = location;
  return Status::Ok();
}

}  // namespace

Result<std::pair<int64_t, bool>> Store::AddWatchlistSelector(const WatchlistSelector& w) {
  const std::string kind(SelectorKindName(w.kind));
  Statement insert(db_,
                   "INSERT INTO watchlist_selector(kind, value, operation, reason, added_by, "
                   "added_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
                   "ON CONFLICT(operation, kind, value) DO NOTHING",
                   "add watchlist selector");
  HARRIER_RETURN_IF_ERROR(
      insert.Bind(kind, w.value, w.operation, w.reason, w.added_by, w.added_ms).Run());
  const bool added = insert.Changes() > 0;
  Statement q(db_,
              "SELECT id FROM watchlist_selector WHERE operation = ?1 AND kind = ?2 AND value = ?3",
              "find watchlist selector");
  Result<bool> row = q.Bind(w.operation, kind, w.value).Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::Internal("watchlist selector vanished after insert");
  return std::make_pair(q.Int(0), added);
}

Result<std::vector<WatchlistSelector>> Store::ListWatchlistSelectors() {
  std::vector<WatchlistSelector> out;
  Statement q(db_,
              "SELECT id, kind, value, operation, reason, added_by, added_ms "
              "FROM watchlist_selector ORDER BY id",
              "list watchlist selectors");
  HARRIER_RETURN_IF_ERROR(q.ForEach([&](const Statement& r) {
    WatchlistSelector w;
    w.id = r.Int(0);
    w.kind = ParseSelectorKind(r.Text(1)).value_or(SelectorKind::kPhone);
    w.value = r.Text(2);
    w.operation = r.Text(3);
    w.reason = r.Text(4);
    w.added_by = r.Text(5);
    w.added_ms = r.Int(6);
    out.push_back(std::move(w));
  }));
  return out;
}

Result<std::vector<int64_t>> Store::RaiseSelectorAlerts(int64_t document_id, int64_t now_ms) {
  return RaiseWatchAlerts(db_, "d.id = ?1", document_id, now_ms);
}

Result<std::vector<int64_t>> Store::RaiseAlertsForWatchEntry(int64_t watch_id, int64_t now_ms) {
  return RaiseWatchAlerts(db_, "ws.id = ?1", watch_id, now_ms);
}

Result<std::vector<ImageMatchView>> Store::ListImageMatches(const std::string& status, int limit) {
  std::vector<ImageMatchRow> rows;
  Statement q(db_,
              std::string("SELECT ") + internal::kImageMatchColumns +
                  " FROM image_match WHERE ?1 = '' OR status = ?1 ORDER BY id DESC LIMIT ?2",
              "list image matches");
  HARRIER_RETURN_IF_ERROR(q.Bind(status, limit).ForEach([&](const Statement& r) {
    rows.push_back(internal::ReadImageMatch(r));
  }));
  std::vector<ImageMatchView> out;
  for (ImageMatchRow& m : rows) {
    Result<std::optional<ImageMatchView>> view = ViewOf(db_, std::move(m));
    if (!view.ok()) return view.status();
    out.push_back(std::move(**view));
  }
  return out;
}

Result<std::optional<ImageMatchView>> Store::GetImageMatch(int64_t id) {
  Statement q(
      db_,
      std::string("SELECT ") + internal::kImageMatchColumns + " FROM image_match WHERE id = ?1",
      "get image match");
  Result<bool> row = q.Bind(id).Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<ImageMatchView>();
  return ViewOf(db_, internal::ReadImageMatch(q));
}

Status Store::DecideImageMatch(int64_t id, const std::string& status, const std::string& actor,
                               const std::string& note, int64_t now_ms) {
  if (status != "confirmed" && status != "rejected") {
    return Status::InvalidArgument("pair decision must be 'confirmed' or 'rejected', not '" +
                                   status + "'");
  }
  return InTransaction([&]() -> Status {
    Statement q(db_,
                "UPDATE image_match SET status = ?2, decided_by = ?3, decided_ms = ?4, note = ?5 "
                "WHERE id = ?1 AND status = 'open'",
                "decide image match");
    HARRIER_RETURN_IF_ERROR(q.Bind(id, status, actor, now_ms, note).Run());
    if (q.Changes() == 0) {
      Result<std::optional<ImageMatchView>> pair = GetImageMatch(id);
      if (!pair.ok()) return pair.status();
      if (!pair->has_value()) return Status::NotFound("no image pair " + std::to_string(id));
      return Status::Rejected("image pair " + std::to_string(id) + " was already " +
                              (*pair)->match.status + " by " + (*pair)->match.decided_by);
    }
    // A rejected pair no longer links its adverts, which can split a cluster.
    if (status == "rejected") return RebuildClusters(now_ms);
    return Status::Ok();
  });
}

Result<Movement> Store::SelectorMovement(SelectorKind kind, const std::string& value) {
  Movement out;
  std::vector<std::string> locations;
  Statement q(db_,
              "SELECT d.id, d.url, src.name, cv.title, cv.location, MIN(v.seen_ms) AS first "
              "FROM selector s JOIN mention m ON m.selector_id = s.id "
              "JOIN document_version v ON v.id = m.document_version_id "
              "JOIN document d ON d.id = v.document_id JOIN source src ON src.id = d.source_id "
              "JOIN document_version cv ON cv.document_id = d.id "
              "AND cv.version = d.current_version "
              "WHERE s.kind = ?1 AND s.value = ?2 GROUP BY d.id ORDER BY first, d.id",
              "read selector movement");
  HARRIER_RETURN_IF_ERROR(q.Bind(SelectorKindName(kind), value).ForEach([&](const Statement& r) {
    MovementStop stop;
    stop.document_id = r.Int(0);
    stop.url = r.Text(1);
    stop.source = r.Text(2);
    stop.title = r.Text(3);
    stop.first_seen_ms = r.Int(5);
    locations.push_back(r.Text(4));
    out.stops.push_back(std::move(stop));
  }));
  for (size_t i = 0; i < out.stops.size(); ++i) {
    HARRIER_RETURN_IF_ERROR(FillPlace(db_, &out.stops[i], locations[i]));
  }
  if (out.stops.size() > 1) {
    out.span_days =
        static_cast<double>(out.stops.back().first_seen_ms - out.stops.front().first_seen_ms) /
        86400000.0;
  }
  return out;
}

}  // namespace harrier::store
