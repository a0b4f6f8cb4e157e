// What the pages show and record: hostile scraped text stays text on every
// page, images are re-encoded, consultations and decisions are audited with
// the justification.
#include <nlohmann/json.hpp>

#include "review/ui/ui_test_fixture.h"

namespace harrier::review::ui::testing {
namespace {

using nlohmann::json;

// The raw payload must never appear; its escaped form proves it was there.
void ExpectNoLiveMarkup(const std::string& body, const std::string& what) {
  EXPECT_EQ(body.find("<script>alert"), std::string::npos) << what;
  EXPECT_EQ(body.find("<img src=x"), std::string::npos) << what;
  EXPECT_EQ(body.find("onerror=alert"), std::string::npos) << what;
  EXPECT_EQ(body.find("<b>anna"), std::string::npos) << what;
  EXPECT_EQ(body.find("target.invalid/ad?\""), std::string::npos) << what;
  EXPECT_EQ(body.find("href=\"https://target"), std::string::npos) << what;
  EXPECT_EQ(body.find("src=\"https://target"), std::string::npos) << what;
  EXPECT_EQ(body.find("style="), std::string::npos) << what;    // CSP: no inline style
  EXPECT_EQ(body.find("<script>"), std::string::npos) << what;  // only <script src=...>
}

TEST_F(UiServerTest, EveryPageEscapesThePlantedPayload) {
  Browser b = Justified("supervisor1");
  const std::vector<std::string> pages = {"/alerts",
                                          "/alerts/" + std::to_string(alert_id_),
                                          "/adverts/" + std::to_string(advert_id_),
                                          "/search?kind=phone&value=07700%20900123",
                                          "/audit",
                                          "/status",
                                          "/justify"};
  for (const std::string& path : pages) {
    httplib::Result r = Get(b, path);
    ASSERT_TRUE(r) << path;
    EXPECT_EQ(r->status, 200) << path;
    ExpectNoLiveMarkup(r->body, path);
    EXPECT_NE(r->body.find("id=\"marking-top\">OFFICIAL-SENSITIVE<"), std::string::npos) << path;
    EXPECT_NE(r->body.find("id=\"marking-bottom\">OFFICIAL-SENSITIVE<"), std::string::npos) << path;
  }
  httplib::Result advert = Get(b, "/adverts/" + std::to_string(advert_id_));
  EXPECT_NE(advert->body.find("&lt;script&gt;alert(1)&lt;&#47;script&gt;"), std::string::npos);
}

TEST_F(UiServerTest, AdvertMarksEverySelectorAndShowsProvenance) {
  Browser b = Justified("analyst1");
  httplib::Result r = Get(b, "/adverts/" + std::to_string(advert_id_));
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  EXPECT_NE(r->body.find("<mark>07700 900123</mark>"), std::string::npos);
  EXPECT_NE(r->body.find("<mark>anna@example.com</mark>"), std::string::npos);
  EXPECT_NE(r->body.find("harrier-0001.warc.gz"), std::string::npos);
  EXPECT_NE(r->body.find("2026-01-01 00:00:00 UTC"), std::string::npos);
  EXPECT_NE(r->body.find("src=\"/images/" + image_sha_ + "\""), std::string::npos);
}

TEST_F(UiServerTest, ConsultationsAreAuditedWithTheJustification) {
  Browser b = Justified("analyst1");
  ASSERT_EQ(Get(b, "/adverts/" + std::to_string(advert_id_))->status, 200);
  ASSERT_EQ(Get(b, "/search?kind=phone&value=07700%20900123")->status, 200);
  ASSERT_EQ(Get(b, "/images/" + image_sha_)->status, 200);
  std::map<std::string, std::string> objects;
  const std::vector<store::AuditRow> rows = OpenStore()->ListAudit(100).value();
  for (const store::AuditRow& r : rows) {
    if (r.action.rfind("consultation.", 0) != 0) continue;
    const json d = json::parse(r.detail);
    EXPECT_EQ(d.value("operation", ""), "OP-KESTREL") << r.action;
    EXPECT_EQ(d.value("justification", ""), "alert triage") << r.action;
    EXPECT_EQ(r.actor, "analyst1");
    objects[r.action] = r.object;
  }
  EXPECT_EQ(objects["consultation.advert"], "document:" + std::to_string(advert_id_));
  EXPECT_EQ(objects["consultation.search"], "phone:+447700900123");
  EXPECT_EQ(objects["consultation.image"], "image:" + image_sha_);
}

TEST_F(UiServerTest, DecisionIsStoredWithWhoAndAuditedAsAlteration) {
  Browser b = Justified("analyst1");
  httplib::Result r = Post(b, "/alerts/" + std::to_string(alert_id_) + "/decide",
                           {{"decision", "confirmed"}, {"note", "same photo <b>"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 303);
  std::unique_ptr<store::Store> s = OpenStore();
  const store::AlertRow a = *s->GetAlert(alert_id_).value();
  EXPECT_EQ(a.status, "confirmed");
  EXPECT_EQ(a.decided_by, "analyst1");
  const store::AuditRow last = s->ListAudit(1).value().at(0);
  EXPECT_EQ(last.action, "alteration.alert_decided");
  EXPECT_EQ(json::parse(last.detail).value("justification", ""), "alert triage");
  // Deciding again is a conflict, not a second decision.
  httplib::Result again =
      Post(b, "/alerts/" + std::to_string(alert_id_) + "/decide", {{"decision", "rejected"}});
  EXPECT_EQ(again->status, 409);
}

TEST_F(UiServerTest, ImagesAreReencodedAsPngNotServedAsStored) {
  Browser b = Justified("analyst1");
  httplib::Result r = Get(b, "/images/" + image_sha_);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  EXPECT_EQ(r->get_header_value("Content-Type"), "image/png");
  EXPECT_EQ(r->body.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  EXPECT_NE(r->body, image_bytes_);
  EXPECT_EQ(r->body.find("<script>trailing"), std::string::npos);
  // A stored blob that is not an image is refused; an unknown hash is 404.
  EXPECT_EQ(Get(b, "/images/" + text_blob_sha_)->status, 415);
  EXPECT_EQ(Get(b, "/images/" + std::string(64, '0'))->status, 404);
}

TEST_F(UiServerTest, WarcDownloadIsAnAttachmentAuditedWithItsRecipient) {
  Browser b = Justified("analyst1");
  std::unique_ptr<store::Store> s = OpenStore();
  const int64_t capture = s->GetEvidence(advert_id_).value()->captures.at(0).capture_id;
  const std::string path =
      "/adverts/" + std::to_string(advert_id_) + "/captures/" + std::to_string(capture) + "/warc";
  EXPECT_EQ(Post(b, path, {})->status, 400);  // no recipient
  httplib::Result r = Post(b, path, {{"recipient", "CPS case 7"}});
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  EXPECT_EQ(r->get_header_value("Content-Type"), "application/octet-stream");
  EXPECT_EQ(r->get_header_value("Content-Disposition").rfind("attachment;", 0), 0u);
  EXPECT_EQ(r->body, "WARC1");
  const store::AuditRow last = s->ListAudit(1).value().at(0);
  EXPECT_EQ(last.action, "disclosure.evidence");
  EXPECT_EQ(json::parse(last.detail)["recipients"][0], "CPS case 7");
}

}  // namespace
}  // namespace harrier::review::ui::testing
