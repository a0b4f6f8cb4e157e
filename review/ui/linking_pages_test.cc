// The pages over linking: clusters with their graph JSON, image-pair
// review, a selector's movement and the selector watchlist.
#include <nlohmann/json.hpp>

#include "review/ui/ui_test_fixture.h"

namespace harrier::review::ui::testing {
namespace {

using nlohmann::json;

class LinkingPagesTest : public UiServerTest {
 protected:
  // A second advert (in another town, later) with the same phone, both
  // linked; a near-duplicate pair of the two stored images.
  void SetUp() override {
    UiServerTest::SetUp();
    std::unique_ptr<store::Store> s = OpenStore();
    const int64_t source = s->UpsertSource("second", "site", "DSA-2").value();
    const std::string url = "https://target.invalid/ad2";
    const int64_t run = s->StartRun(source, {url}, kT0 + 86400000).value();
    const std::vector<store::FrontierItem> items =
        s->LeaseFrontier(run, 10, kT0 + 86400000).value();
    store::PageCommit page;
    page.item = items.at(0);
    page.capture.source_id = source;
    page.capture.run_id = run;
    page.capture.url = url;
    page.capture.http_status = 200;
    page.capture.fetched_ms = kT0 + 86400000;
    page.now_ms = kT0 + 86400000;
    store::AdvertInput ad;
    ad.url = url;
    ad.title = std::string("Second ") + kXss;
    ad.body = "ring 07700 900123";
    ad.location = "Hull";
    store::MentionInput m;
    m.selector.kind = SelectorKind::kPhone;
    m.selector.value = "+447700900123";
    m.selector.raw = "07700 900123";
    m.field = "body";
    ad.mentions = {m};
    page.advert = ad;
    second_id_ = s->CommitPage(page).value().document_id;
    ASSERT_TRUE(s->LinkDocument(advert_id_, kT0).ok());
    cluster_id_ = s->LinkDocument(second_id_, kT0 + 86400000).value().cluster_id;
    ASSERT_TRUE(s->RecordImageMatch({image_sha_ < text_blob_sha_ ? image_sha_ : text_blob_sha_,
                                     image_sha_ < text_blob_sha_ ? text_blob_sha_ : image_sha_, 9,
                                     "pdq", kT0})
                    .value());
    match_id_ = s->ListImageMatches("", 10).value().at(0).match.id;
  }
  int64_t second_id_ = 0;
  int64_t cluster_id_ = 0;
  int64_t match_id_ = 0;
};

TEST_F(LinkingPagesTest, ClusterPageDrawsTheGraphFromSameOriginJson) {
  Browser b = Justified("analyst1");
  httplib::Result list = Get(b, "/clusters");
  ASSERT_EQ(list->status, 200);
  EXPECT_NE(list->body.find("href=\"/clusters/" + std::to_string(cluster_id_) + "\""),
            std::string::npos);
  httplib::Result page = Get(b, "/clusters/" + std::to_string(cluster_id_));
  ASSERT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("<script src=\"&#47;static&#47;cytoscape.min.js\" defer>"),
            std::string::npos);
  EXPECT_NE(page->body.find("data-graph-url=\"/api/clusters/"), std::string::npos);
  EXPECT_EQ(page->body.find("<script>"), std::string::npos);
  httplib::Result graph = Get(b, "/api/clusters/" + std::to_string(cluster_id_) + "/graph");
  ASSERT_EQ(graph->status, 200);
  EXPECT_EQ(graph->get_header_value("Content-Type"), "application/json");
  const json g = json::parse(graph->body);
  std::set<std::string> kinds;
  for (const json& n : g["nodes"]) kinds.insert(n["kind"].get<std::string>());
  EXPECT_TRUE(kinds.count("advert"));
  EXPECT_TRUE(kinds.count("phone"));
  EXPECT_FALSE(g["edges"].empty());
  // The graph API answers 401 without a session, never HTML to a script.
  EXPECT_EQ(Client()->Get("/api/clusters/" + std::to_string(cluster_id_) + "/graph")->status, 401);
}

TEST_F(LinkingPagesTest, MatchReviewShowsBothImagesAndRecordsTheDecision) {
  Browser b = Justified("analyst1");
  httplib::Result page = Get(b, "/matches/" + std::to_string(match_id_));
  ASSERT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("id=\"image-a\""), std::string::npos);
  EXPECT_NE(page->body.find("id=\"image-b\""), std::string::npos);
  EXPECT_NE(page->body.find("id=\"distance\">9 of 256"), std::string::npos);
  httplib::Result r = Post(b, "/matches/" + std::to_string(match_id_) + "/decide",
                           {{"decision", "rejected"}, {"note", "different rooms"}});
  ASSERT_EQ(r->status, 303);
  std::unique_ptr<store::Store> s = OpenStore();
  const store::ImageMatchView v = s->GetImageMatch(match_id_).value().value();
  EXPECT_EQ(v.match.status, "rejected");
  EXPECT_EQ(v.match.decided_by, "analyst1");
  EXPECT_EQ(s->ListAudit(1).value().at(0).action, "alteration.image_match_decided");
}

TEST_F(LinkingPagesTest, MovementListsTownsInDateOrder) {
  Browser b = Justified("analyst1");
  httplib::Result r = Get(b, "/movement?kind=phone&value=07700%20900123");
  ASSERT_EQ(r->status, 200);
  const size_t first = r->body.find("class=\"movement-stop\"");
  const size_t hull = r->body.find("Hull");
  ASSERT_NE(first, std::string::npos);
  ASSERT_NE(hull, std::string::npos);
  EXPECT_LT(r->body.find("advert " + std::to_string(advert_id_)),
            r->body.find("advert " + std::to_string(second_id_)));
  EXPECT_EQ(r->body.find("<script>alert"), std::string::npos);
}

TEST_F(LinkingPagesTest, WatchingASelectorRaisesAlertsAndIsAudited) {
  Browser b = Justified("analyst1");
  httplib::Result r = Post(b, "/watchlist",
                           {{"kind", "phone"},
                            {"value", "07700 900123"},
                            {"operation", "OP-KESTREL"},
                            {"reason", "number from victim's phone"}});
  ASSERT_EQ(r->status, 303);
  std::unique_ptr<store::Store> s = OpenStore();
  ASSERT_EQ(s->ListWatchlistSelectors().value().size(), 1u);
  const std::vector<store::AlertRow> alerts = s->ListAlerts("open", 50).value();
  int selector_alerts = 0;
  for (const store::AlertRow& a : alerts) selector_alerts += a.kind == "watchlist_selector";
  EXPECT_EQ(selector_alerts, 2);
  const std::vector<store::AuditRow> audit = s->ListAudit(2).value();
  EXPECT_EQ(audit.at(0).action, "combination.watchlist_match");
  EXPECT_EQ(audit.at(1).action, "alteration.watchlist_selector_added");
  httplib::Result bad =
      Post(b, "/watchlist",
           {{"kind", "phone"}, {"value", "not a phone"}, {"operation", "x"}, {"reason", "y"}});
  EXPECT_EQ(bad->status, 400);
}

TEST_F(LinkingPagesTest, LinkingPagesEscapeThePlantedPayload) {
  Browser b = Justified("analyst1");
  for (const std::string& path :
       std::vector<std::string>{"/clusters", "/clusters/" + std::to_string(cluster_id_), "/matches",
                                "/matches/" + std::to_string(match_id_),
                                "/movement?kind=phone&value=07700900123", "/watchlist"}) {
    httplib::Result r = Get(b, path);
    ASSERT_TRUE(r) << path;
    EXPECT_EQ(r->status, 200) << path;
    EXPECT_EQ(r->body.find("<script>alert"), std::string::npos) << path;
    EXPECT_EQ(r->body.find("<img src=x"), std::string::npos) << path;
    EXPECT_NE(r->body.find("id=\"marking-bottom\""), std::string::npos) << path;
  }
}

}  // namespace
}  // namespace harrier::review::ui::testing
