// Clusters: incremental linking agrees with a rebuild from scratch, merges
// stay resolvable, growth alerts, and a rejected pair splitting a cluster.
#include <gtest/gtest.h>

#include <random>

#include "store/linking_test_fixture.h"
#include "store/migrations.h"

namespace harrier::store {
namespace {

using testing::kSite;
using testing::Mention;
using testing::Phone;

class StoreLinkingTest : public testing::LinkingFixture {};

TEST_F(StoreLinkingTest, AnAdvertWithNothingSharedIsASingletonCluster) {
  const int64_t doc = AddAdvert("/advert/1", {Mention(SelectorKind::kPhone, Phone(1))});
  const int64_t cluster = ClusterOf(doc);
  Result<std::optional<ClusterDetail>> detail = store_->GetCluster(cluster);
  ASSERT_TRUE(detail.ok() && detail->has_value()) << detail.status().ToString();
  EXPECT_EQ((*detail)->summary.size, 1);
  ASSERT_EQ((*detail)->documents.size(), 1u);
  EXPECT_EQ((*detail)->documents[0].id, doc);
}

TEST_F(StoreLinkingTest, ASharedPhoneLinksButASharedTownDoesNot) {
  const MentionInput leeds = Mention(SelectorKind::kPlace, "Leeds, West Yorkshire, GB");
  const int64_t a = AddAdvert("/advert/1", {Mention(SelectorKind::kPhone, Phone(1)), leeds});
  const int64_t b = AddAdvert("/advert/2", {Mention(SelectorKind::kPhone, Phone(1))});
  const int64_t c = AddAdvert("/advert/3", {leeds});
  EXPECT_EQ(ClusterOf(a), ClusterOf(b));
  EXPECT_NE(ClusterOf(a), ClusterOf(c));
  Result<std::vector<ClusterSummary>> clusters = store_->ListClusters(2, 10);
  ASSERT_TRUE(clusters.ok()) << clusters.status().ToString();
  ASSERT_EQ(clusters->size(), 1u);
  EXPECT_EQ((*clusters)[0].size, 2);
  ASSERT_EQ((*clusters)[0].selector_counts.size(), 1u);
  EXPECT_EQ((*clusters)[0].selector_counts[0].first, "phone");
  EXPECT_EQ((*clusters)[0].towns, std::vector<std::string>{"Leeds"});
}

TEST_F(StoreLinkingTest, AMergedClusterStillResolvesToTheClusterThatTookItsMembers) {
  const int64_t a = AddAdvert("/advert/1", {Mention(SelectorKind::kPhone, Phone(1))});
  const int64_t b = AddAdvert("/advert/2", {Mention(SelectorKind::kEmail, "jess@example.com")});
  const int64_t old_a = ClusterOf(a), old_b = ClusterOf(b);
  ASSERT_NE(old_a, old_b);
  const int64_t c = AddAdvert("/advert/3", {Mention(SelectorKind::kPhone, Phone(1)),
                                            Mention(SelectorKind::kEmail, "jess@example.com")});
  EXPECT_EQ(ClusterOf(a), ClusterOf(c));
  EXPECT_EQ(ClusterOf(b), ClusterOf(c));
  for (const int64_t old : {old_a, old_b}) {
    Result<std::optional<ClusterDetail>> detail = store_->GetCluster(old);
    ASSERT_TRUE(detail.ok() && detail->has_value());
    EXPECT_EQ((*detail)->summary.id, ClusterOf(c));
    EXPECT_EQ((*detail)->summary.size, 3);
    EXPECT_EQ((*detail)->documents.size(), 3u);
  }
}

TEST_F(StoreLinkingTest, TheSameImageOnTwoAdvertsLinksThemWhicheverArrivesFirst) {
  const int64_t a = AddAdvert("/advert/1", {}, {kSite + "/img/1.jpg"});
  const std::string sha = FetchImage("/img/1.jpg", "photo bytes");
  const int64_t b = AddAdvert("/advert/2", {}, {kSite + "/img/2.jpg"});
  EXPECT_NE(ClusterOf(a), ClusterOf(b));
  FetchImage("/img/2.jpg", "photo bytes");  // the same bytes at another URL
  EXPECT_EQ(ClusterOf(a), ClusterOf(b));
  Result<std::optional<ClusterDetail>> detail = store_->GetCluster(ClusterOf(a));
  ASSERT_TRUE(detail.ok() && detail->has_value());
  ASSERT_EQ((*detail)->images.size(), 1u);
  EXPECT_EQ((*detail)->images[0].sha256, sha);
  EXPECT_EQ((*detail)->edges.size(), 2u);  // both adverts -> the image
}

TEST_F(StoreLinkingTest, RejectingANearDuplicatePairSplitsTheClusterItMade) {
  const int64_t a = AddAdvert("/advert/1", {}, {kSite + "/img/1.jpg"});
  const int64_t b = AddAdvert("/advert/2", {}, {kSite + "/img/2.jpg"});
  const std::string one = FetchImage("/img/1.jpg", "first photo");
  const std::string two = FetchImage("/img/2.jpg", "second photo");
  ASSERT_NE(ClusterOf(a), ClusterOf(b));
  ASSERT_TRUE(*store_->RecordImageMatch({one, two, 9, "pdq", now_}));
  ASSERT_TRUE(store_->LinkImage(one, now_).ok());
  const int64_t joined = ClusterOf(a);
  EXPECT_EQ(joined, ClusterOf(b));
  Result<std::vector<ImageMatchView>> open = store_->ListImageMatches("open", 10);
  ASSERT_TRUE(open.ok() && open->size() == 1u);
  EXPECT_EQ((*open)[0].adverts_a.size() + (*open)[0].adverts_b.size(), 2u);
  ASSERT_TRUE(
      store_->DecideImageMatch((*open)[0].match.id, "rejected", "analyst1", "not her", now_).ok());
  EXPECT_NE(ClusterOf(a), ClusterOf(b));
  EXPECT_TRUE(ClusterOf(a) == joined || ClusterOf(b) == joined);  // one piece keeps the id
  EXPECT_EQ(store_->DecideImageMatch((*open)[0].match.id, "confirmed", "analyst2", "", now_).code(),
            StatusCode::kRejected);
  Result<std::optional<ImageMatchView>> pair = store_->GetImageMatch((*open)[0].match.id);
  ASSERT_TRUE(pair.ok() && pair->has_value());
  EXPECT_EQ((*pair)->match.status, "rejected");
  EXPECT_EQ((*pair)->match.decided_by, "analyst1");
}

TEST_F(StoreLinkingTest, AGrowthAlertIsRaisedAtTheThresholdAndAgainOnlyWhenTheSizeDoubles) {
  store_->SetClusterAlertSize(3);
  std::vector<size_t> alerts_after;
  for (int i = 0; i < 7; ++i) {
    AddAdvert("/advert/" + std::to_string(i), {Mention(SelectorKind::kPhone, Phone(5))});
    alerts_after.push_back(AlertsOfKind("cluster_growth").size());
  }
  EXPECT_EQ(alerts_after, (std::vector<size_t>{0, 0, 1, 1, 1, 2, 2}));
  std::vector<AlertRow> alerts = AlertsOfKind("cluster_growth");
  EXPECT_EQ(alerts[0].cluster_size, 6);  // newest first
  EXPECT_EQ(alerts[1].cluster_size, 3);
  // Linking again changes nothing: no second alert for the same size.
  ASSERT_TRUE(store_->LinkDocument(*alerts[0].document_id, now_).ok());
  EXPECT_EQ(AlertsOfKind("cluster_growth").size(), 2u);
}

// Random adverts, versions, images and pairs, linked as the daemon links
// them; the partition (and every cluster id) must be what a rebuild makes.
TEST_F(StoreLinkingTest, IncrementalLinkingEqualsARebuildFromScratchOverRandomHistories) {
  int non_trivial = 0;  // seeds that linked some adverts but not all
  for (const unsigned seed : {1u, 2u, 3u, 4u, 5u, 6u}) {
    SetUp();
    std::mt19937 rng(seed);
    auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
    std::map<int, std::vector<MentionInput>> adverts;
    std::map<int, std::vector<std::string>> shown;
    std::set<int> fetched;
    std::vector<std::string> stored;
    for (int step = 0; step < 60; ++step) {
      const int what = pick(10);
      if (what < 6) {
        const int n = pick(12);
        std::vector<MentionInput>& m = adverts[n];  // a new version keeps what the last had
        if (pick(2) == 0) m.push_back(Mention(SelectorKind::kPhone, Phone(pick(15)), "body", step));
        if (pick(4) == 0) m.push_back(Mention(SelectorKind::kPlace, "Hull, East Riding, GB"));
        std::vector<std::string>& images = shown[n];  // and shows what it showed
        if (pick(2) == 0) images.push_back(kSite + "/img/" + std::to_string(pick(10)));
        AddAdvert("/advert/" + std::to_string(n), m, images);
      } else if (what < 9) {
        const int image = pick(10);
        if (!fetched.insert(image).second) continue;
        stored.push_back(
            FetchImage("/img/" + std::to_string(image), "bytes " + std::to_string(pick(6))));
      } else if (stored.size() >= 2) {
        const std::string a = stored[static_cast<size_t>(pick(static_cast<int>(stored.size())))];
        const std::string b = stored[static_cast<size_t>(pick(static_cast<int>(stored.size())))];
        if (*store_->RecordImageMatch({a, b, 10, "pdq", now_})) {
          ASSERT_TRUE(store_->LinkImage(a, now_).ok());
        }
      }
    }
    const std::map<int64_t, int64_t> incremental = Assignment();
    ASSERT_TRUE(store_->RebuildClusters(now_).ok());
    const std::map<int64_t, int64_t> rebuilt = Assignment();
    EXPECT_EQ(Partition(incremental), Partition(rebuilt)) << "seed " << seed;
    EXPECT_EQ(incremental, rebuilt) << "seed " << seed << ": ids not kept";
    const size_t parts = Partition(rebuilt).size();
    if (parts > 1 && parts < incremental.size()) ++non_trivial;
  }
  EXPECT_GE(non_trivial, 3);
}

TEST_F(StoreLinkingTest, AdvertsStoredWithoutLinkingAreLinkedByEnsureClustersOnce) {
  const int64_t a = AddAdvert("/advert/1", {Mention(SelectorKind::kPhone, Phone(1))}, {}, "",
                              /*link=*/false);
  const int64_t b = AddAdvert("/advert/2", {Mention(SelectorKind::kPhone, Phone(1))}, {}, "",
                              /*link=*/false);
  EXPECT_FALSE(store_->ClusterOfDocument(a)->has_value());
  Result<bool> rebuilt = store_->EnsureClusters(now_);
  ASSERT_TRUE(rebuilt.ok() && *rebuilt);
  EXPECT_EQ(ClusterOf(a), ClusterOf(b));
  EXPECT_FALSE(*store_->EnsureClusters(now_));  // nothing left unlinked
}

TEST_F(StoreLinkingTest, ASchema4AlertSurvivesTheMigrationToSchema5) {
  testing::TempDir dir;
  ASSERT_TRUE(dir.ok());
  const std::string path = dir.File("v4.db");
  {
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
    ASSERT_TRUE(ApplyMigrations(raw, CompiledMigrations().first(4)).ok());
    const std::string sha(64, 'a');
    EXPECT_EQ(
        testing::ExecSql(
            raw, "INSERT INTO image(sha256, size, mime, blob_path, first_seen_ms) VALUES ('" + sha +
                     "', 1, 'image/jpeg', 'b', 1);"
                     "INSERT INTO watchlist_image(operation, reason, added_by, added_ms, "
                     "file_name, sha256, width, height, pdq, pdq_quality, phash) VALUES "
                     "('op-heron', 'report 17', 'a1', 1, 'p.png', 'cd', 1, 1, 'ff', 90, 'ee');"
                     "INSERT INTO alert(kind, watchlist_image_id, image_sha256, url, captured_ms, "
                     "distance, method, image_pdq, watchlist_pdq, created_ms, status) VALUES "
                     "('watchlist_image', 1, '" +
                     sha + "', 'http://x/1', 5, 12, 'pdq', 'ff', 'ff', 6, 'confirmed');"),
        SQLITE_OK);
    sqlite3_close(raw);
  }
  std::unique_ptr<Store> store = testing::OpenOrFail({path});
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->SchemaVersion(), Store::LatestSchemaVersion());  // 5 and later
  Result<std::vector<AlertRow>> alerts = store->ListAlerts("", 10);
  ASSERT_TRUE(alerts.ok()) << alerts.status().ToString();
  ASSERT_EQ(alerts->size(), 1u);
  EXPECT_EQ((*alerts)[0].kind, "watchlist_image");
  EXPECT_EQ((*alerts)[0].status, "confirmed");
  EXPECT_EQ((*alerts)[0].operation, "op-heron");
  EXPECT_EQ((*alerts)[0].distance, 12);
}

}  // namespace
}  // namespace harrier::store
