// Watched selectors and their alerts, and where a selector moved.
#include <gtest/gtest.h>

#include "store/linking_test_fixture.h"

namespace harrier::store {
namespace {

using testing::Mention;
using testing::Phone;

class StoreReviewTest : public testing::LinkingFixture {
 protected:
  int64_t Watch(SelectorKind kind, const std::string& value, const std::string& operation) {
    WatchlistSelector w;
    w.kind = kind;
    w.value = value;
    w.operation = operation;
    w.reason = "linked to missing person report 17";
    w.added_by = "analyst1";
    w.added_ms = now_;
    Result<std::pair<int64_t, bool>> added = store_->AddWatchlistSelector(w);
    EXPECT_TRUE(added.ok()) << added.status().ToString();
    return added.ok() ? added->first : 0;
  }
};

TEST_F(StoreReviewTest, TheSameSelectorTwiceInOneOperationKeepsTheFirstEntry) {
  const int64_t first = Watch(SelectorKind::kPhone, Phone(123), "op-heron");
  EXPECT_EQ(Watch(SelectorKind::kPhone, Phone(123), "op-heron"), first);
  EXPECT_NE(Watch(SelectorKind::kPhone, Phone(123), "op-kestrel"), first);
  Result<std::vector<WatchlistSelector>> all = store_->ListWatchlistSelectors();
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].kind, SelectorKind::kPhone);
  EXPECT_EQ((*all)[0].value, Phone(123));
}

TEST_F(StoreReviewTest, AWatchedSelectorRaisesOneAlertPerAdvertAndARejectedOneNeverAgain) {
  const int64_t watch = Watch(SelectorKind::kPhone, Phone(123), "op-heron");
  const int64_t doc = AddAdvert("/advert/1", {Mention(SelectorKind::kPhone, Phone(123))});
  Result<std::vector<int64_t>> raised = store_->RaiseSelectorAlerts(doc, now_);
  ASSERT_TRUE(raised.ok()) << raised.status().ToString();
  ASSERT_EQ(raised->size(), 1u);
  EXPECT_TRUE(store_->RaiseSelectorAlerts(doc, now_)->empty());
  Result<std::optional<AlertRow>> alert = store_->GetAlert(raised->front());
  ASSERT_TRUE(alert.ok() && alert->has_value());
  EXPECT_EQ((*alert)->kind, "watchlist_selector");
  EXPECT_EQ((*alert)->watchlist_selector_id, watch);
  EXPECT_EQ((*alert)->selector_kind, "phone");
  EXPECT_EQ((*alert)->selector_value, Phone(123));
  EXPECT_EQ((*alert)->operation, "op-heron");
  EXPECT_EQ((*alert)->document_id, doc);
  ASSERT_TRUE(store_->DecideAlert(raised->front(), "rejected", "analyst2", "typo", now_).ok());
  // A new version of the advert still mentions it: the decided pairing stays decided.
  AddAdvert("/advert/1", {Mention(SelectorKind::kPhone, Phone(123))});
  EXPECT_TRUE(store_->RaiseSelectorAlerts(doc, now_)->empty());
  EXPECT_EQ(AlertsOfKind("watchlist_selector").size(), 1u);
}

TEST_F(StoreReviewTest, AddingAnEntryRaisesAlertsForAdvertsAlreadyStored) {
  const int64_t a = AddAdvert("/advert/1", {Mention(SelectorKind::kEmail, "jess@example.com")});
  const int64_t b = AddAdvert("/advert/2", {Mention(SelectorKind::kEmail, "jess@example.com")});
  AddAdvert("/advert/3", {Mention(SelectorKind::kEmail, "other@example.com")});
  const int64_t watch = Watch(SelectorKind::kEmail, "jess@example.com", "op-heron");
  Result<std::vector<int64_t>> raised = store_->RaiseAlertsForWatchEntry(watch, now_);
  ASSERT_TRUE(raised.ok()) << raised.status().ToString();
  EXPECT_EQ(raised->size(), 2u);
  std::set<int64_t> docs;
  for (const AlertRow& r : AlertsOfKind("watchlist_selector")) docs.insert(*r.document_id);
  EXPECT_EQ(docs, (std::set<int64_t>{a, b}));
  EXPECT_TRUE(store_->RaiseAlertsForWatchEntry(watch, now_)->empty());
}

TEST_F(StoreReviewTest, AllThreeKindsOfAlertAreListedTogether) {
  store_->SetClusterAlertSize(2);
  Watch(SelectorKind::kPhone, Phone(1), "op-heron");
  const int64_t a = AddAdvert("/advert/1", {Mention(SelectorKind::kPhone, Phone(1))});
  AddAdvert("/advert/2", {Mention(SelectorKind::kPhone, Phone(1))});
  ASSERT_TRUE(store_->RaiseSelectorAlerts(a, now_).ok());
  Result<std::vector<AlertRow>> all = store_->ListAlerts("open", 10);
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].kind, "watchlist_selector");
  EXPECT_EQ((*all)[1].kind, "cluster_growth");
  EXPECT_EQ((*all)[1].cluster_size, 2);
  EXPECT_EQ((*all)[1].cluster_id, ClusterOf(a));
}

TEST_F(StoreReviewTest, MovementListsTheTownsInTheOrderTheNumberAppearedThere) {
  const std::string phone = Phone(321);
  AddAdvert("/advert/york", {Mention(SelectorKind::kPhone, phone)}, {}, "York city centre");
  now_ += 4 * 86400000LL;
  AddAdvert("/advert/leeds",
            {Mention(SelectorKind::kPhone, phone),
             Mention(SelectorKind::kPlace, "Leeds, West Yorkshire, GB", "location", 0),
             Mention(SelectorKind::kPostcode, "LS1 4AP", "body", 5)},
            {}, "Leeds");
  now_ += 5 * 86400000LL;
  AddAdvert("/advert/hull", {Mention(SelectorKind::kPhone, phone)}, {}, "Hull");
  AddAdvert("/advert/other", {Mention(SelectorKind::kPhone, Phone(322))}, {}, "Bath");
  Result<Movement> moved = store_->SelectorMovement(SelectorKind::kPhone, phone);
  ASSERT_TRUE(moved.ok()) << moved.status().ToString();
  ASSERT_EQ(moved->stops.size(), 3u);
  EXPECT_EQ(moved->stops[0].town, "York city centre");  // no place mention: the location field
  EXPECT_EQ(moved->stops[1].town, "Leeds");
  EXPECT_EQ(moved->stops[1].county, "West Yorkshire");
  EXPECT_EQ(moved->stops[1].postcode, "LS1 4AP");
  EXPECT_EQ(moved->stops[2].town, "Hull");
  EXPECT_EQ(moved->stops[0].source, "demo");
  EXPECT_NEAR(moved->span_days, 9.0, 0.01);
}

}  // namespace
}  // namespace harrier::store
