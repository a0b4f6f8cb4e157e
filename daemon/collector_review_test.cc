// The collector and analyst review: adverts sharing a phone or an image are
// linked into one cluster as they are committed, a watched phone raises an
// alert, and each link and match is audited as a combination.
#include <gtest/gtest.h>

#include <map>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <string>

#include "daemon/collector_test_fixture.h"

namespace harrier::daemon {
namespace {

using namespace std::chrono_literals;
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

// A number painted on advert 2's photo (and nowhere in advert 3's text) is
// read by OCR after the pass: the watched number raises its alert then, and
// advert 3, which mentions the same number, joins advert 2's cluster.
TEST_F(CollectorTest, ANumberReadByOcrIsWatchedAndLinkedLikeOneInTheText) {
  cv::Mat photo(240, 480, CV_8UC3, cv::Scalar(40, 40, 40));
  cv::putText(photo, "CALL 07700 900456", {20, 130}, cv::FONT_HERSHEY_SIMPLEX, 1.2,
              cv::Scalar(255, 255, 255), 3);
  std::vector<uint8_t> png;
  cv::imencode(".png", photo, png);
  fetcher_.SetPage("http://site.test/img/b.png", std::string(png.begin(), png.end()), "image/png");
  fetcher_.SetPage("http://site.test/advert/3.html",
                   testing::Advert("Three", "Text 07700 900456", "/img/c.png"));
  fetcher_.SetPage("http://site.test/img/c.png", testing::kPng + "c", "image/png");
  store::WatchlistSelector w;
  w.kind = SelectorKind::kPhone;
  w.value = "+447700900456";
  w.operation = "op-heron";
  w.reason = "invented test entry";
  w.added_by = "analyst1";
  ASSERT_TRUE(store_->AddWatchlistSelector(w).ok());
  auto c = MakeCollector();
  RunPass(*c);
  ASSERT_TRUE(c->Drain(30s).ok());
  const std::map<std::string, int64_t> docs = DocumentsByPath(*store_);
  EXPECT_EQ(**store_->ClusterOfDocument(docs.at("/advert/2.html")),
            **store_->ClusterOfDocument(docs.at("/advert/3.html")));
  std::set<int64_t> alerted;
  Result<std::vector<store::AlertRow>> alerts = store_->ListAlerts("open", 10);
  ASSERT_TRUE(alerts.ok());
  for (const store::AlertRow& a : *alerts) {
    if (a.kind == "watchlist_selector") alerted.insert(*a.document_id);
  }
  EXPECT_EQ(alerted, (std::set<int64_t>{docs.at("/advert/2.html"), docs.at("/advert/3.html")}));
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
