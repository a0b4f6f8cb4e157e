// The collector and analyst review: adverts sharing a phone or an image are
// linked into one cluster as they are committed, a watched phone raises an
// alert, and each link and match is audited as a combination.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "daemon/collector_test_fixture.h"

namespace harrier::daemon {
namespace {

using testing::CollectorTest;

// The advert's document id by its URL's path ("/advert/1.html").
std::map<std::string, int64_t> DocumentsByPath(store::Store& store) {
  std::map<std::string, int64_t> out;
  Result<std::vector<store::DocumentSummary>> docs = store.ListDocuments();
  EXPECT_TRUE(docs.ok());
  if (!docs.ok()) return out;
  for (const store::DocumentSummary& d : *docs) {
    out[d.url.substr(std::string("http://site.test").size())] = d.id;
  }
  return out;
}

int CountAudit(store::Store& store, const std::string& action) {
  int n = 0;
  Result<std::vector<store::AuditRow>> rows = store.ListAudit(1000);
  EXPECT_TRUE(rows.ok());
  if (!rows.ok()) return 0;
  for (const store::AuditRow& r : *rows) n += r.action == action ? 1 : 0;
  return n;
}

TEST_F(CollectorTest, AdvertsSharingAPhoneOrAnImageAreLinkedIntoOneClusterAsTheyArrive) {
  auto c = MakeCollector();
  RunPass(*c);
  const std::map<std::string, int64_t> docs = DocumentsByPath(*store_);
  ASSERT_EQ(docs.size(), 3u);
  Result<std::optional<int64_t>> one = store_->ClusterOfDocument(docs.at("/advert/1.html"));
  Result<std::optional<int64_t>> two = store_->ClusterOfDocument(docs.at("/advert/2.html"));
  Result<std::optional<int64_t>> three = store_->ClusterOfDocument(docs.at("/advert/3.html"));
  ASSERT_TRUE(one.ok() && one->has_value() && two.ok() && two->has_value() && three.ok() &&
              three->has_value());
  EXPECT_EQ(**one, **two);    // 07700 900123
  EXPECT_EQ(**one, **three);  // the same photo, /img/a.png
  EXPECT_EQ(CountAudit(*store_, "combination.cluster_merge"), 2);
  EXPECT_EQ(c->stats().cluster_merges, 2);
  // What the daemon built is what a rebuild from scratch builds.
  ASSERT_TRUE(store_->RebuildClusters(0).ok());
  EXPECT_EQ(**store_->ClusterOfDocument(docs.at("/advert/2.html")), **one);
}

TEST_F(CollectorTest, AWatchedPhoneRaisesAnAuditedAlertForEachAdvertThatShowsIt) {
  store::WatchlistSelector w;
  w.kind = SelectorKind::kPhone;
  w.value = "+447700900123";
  w.operation = "op-heron";
  w.reason = "invented test entry";
  w.added_by = "analyst1";
  ASSERT_TRUE(store_->AddWatchlistSelector(w).ok());
  auto c = MakeCollector();
  RunPass(*c);
  Result<std::vector<store::AlertRow>> alerts = store_->ListAlerts("open", 10);
  ASSERT_TRUE(alerts.ok());
  int selector_alerts = 0;
  for (const store::AlertRow& a : *alerts) {
    if (a.kind == "watchlist_selector") ++selector_alerts;
  }
  EXPECT_EQ(selector_alerts, 2);  // adverts 1 and 2
  EXPECT_EQ(CountAudit(*store_, "combination.watchlist_match"), 2);
  EXPECT_EQ(c->stats().selector_alerts, 2);
}

TEST_F(CollectorTest, AClusterReachingTheAlertSizeRaisesOneGrowthAlert) {
  cfg_.review.cluster_alert_size = 3;
  auto c = MakeCollector();
  RunPass(*c);
  EXPECT_EQ(c->stats().growth_alerts, 1);
  Result<std::vector<store::AlertRow>> alerts = store_->ListAlerts("", 10);
  ASSERT_TRUE(alerts.ok());
  ASSERT_EQ(alerts->size(), 1u);
  EXPECT_EQ((*alerts)[0].kind, "cluster_growth");
  EXPECT_EQ((*alerts)[0].cluster_size, 3);
  EXPECT_EQ(CountAudit(*store_, "combination.cluster_growth"), 1);
}

}  // namespace
}  // namespace harrier::daemon
