#include "cli/commands.h"

#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/registry_records.h"

namespace harrier::cli {
namespace {

using nlohmann::json;

class CommandsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::Store::Open({":memory:"});
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(*opened);
    auto source = store_->UpsertSource("demo", "site", "DEMO-0001");
    ASSERT_TRUE(source.ok());
    auto run = store_->StartRun(*source, {"http://site.test/"}, 1000);
    ASSERT_TRUE(run.ok());
    source_ = *source;
    run_ = *run;
    // As the daemon does: the listing page is leased and committed with the
    // advert links, then each advert is leased and committed.
    auto listing = store_->LeaseFrontier(run_, 10, 1000);
    ASSERT_TRUE(listing.ok() && listing->size() == 1u);
    store::PageCommit page;
    page.item = listing->front();
    page.capture = Capture(page.item.url, 0);
    page.advert_links = {"http://site.test/advert/1.html", "http://site.test/advert/2.html"};
    page.now_ms = 1500;
    ASSERT_TRUE(store_->CommitPage(page).ok());
    auto adverts = store_->LeaseFrontier(run_, 10, 2000);
    ASSERT_TRUE(adverts.ok() && adverts->size() == 2u);
    for (const auto& item : *adverts) items_[item.url] = item;
    AddAdvert("http://site.test/advert/1.html", "Leeds advert", "Call 07700 900123 near LS1 4AP",
              1);
    AddAdvert("http://site.test/advert/2.html", "York advert",
              "Ring +44 7700 900123 or mail amy@example.com", 2);
  }

  store::CaptureRow Capture(const std::string& url, int n) {
    store::CaptureRow c;
    c.source_id = source_;
    c.run_id = run_;
    c.url = c.final_url = url;
    c.http_status = 200;
    c.fetched_ms = 2000 + n;
    c.body_sha256 = std::string(63, 'a') + std::to_string(n);
    c.remote_ip = "192.0.2.1";
    return c;
  }

  void AddAdvert(const std::string& url, const std::string& title, const std::string& body, int n) {
    store::PageCommit c;
    c.item = items_.at(url);
    c.capture = Capture(url, n);
    c.now_ms = 2000 + n;
    store::AdvertInput a;
    a.url = url;
    a.title = title;
    a.body = body;
    a.location = n == 1 ? "Leeds" : "York";
    for (Selector s : extractor_.Extract(body)) a.mentions.push_back({std::move(s), "body"});
    if (n == 1) {  // as the daemon stores a scored advert
      store::IndicatorInput scored{"rules.7", 2, "low", "T08", {}};
      scored.hits.push_back({"T08", "always available", "text", "low", true, "body", "24/7",
                             "open 24/7 for you", 5, 9, "long hours"});
      scored.hits.push_back({"Z01", "movement wording", "text", "zero", false, "body",
                             "new in town", "new in town", 0, 11, "zero weight: context only"});
      a.indicators = scored;
    }
    c.advert = a;
    auto r = store_->CommitPage(c);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }

  CommandContext Ctx(bool json = false) {
    return CommandContext{*store_, extractor_, clock_, out_, json, "analyst1", "OP-TEST test"};
  }

  std::unique_ptr<store::Store> store_;
  extractors::TextExtractor extractor_;
  FakeClock clock_;
  std::ostringstream out_;
  int64_t source_ = 0, run_ = 0;
  std::map<std::string, store::FrontierItem> items_;
};

TEST_F(CommandsTest, SearchPhoneFindsAdvertsWhateverFormatIsTyped) {
  for (const char* typed :
       {"07700 900 123", "+447700900123", "(07700) 900123", "0044 7700 900123"}) {
    out_.str("");
    auto ctx = Ctx(/*json=*/true);
    ASSERT_TRUE(CmdSearch(ctx, "phone", typed).ok()) << typed;
    json j = json::parse(out_.str());
    EXPECT_EQ(j["value"], "+447700900123") << typed;
    ASSERT_EQ(j["adverts"].size(), 2u) << typed;
  }
}

TEST_F(CommandsTest, SearchEmailAndPostcodeNormaliseInput) {
  auto ctx = Ctx(true);
  ASSERT_TRUE(CmdSearch(ctx, "email", " AMY@Example.com ").ok());
  EXPECT_EQ(json::parse(out_.str())["adverts"].size(), 1u);
  out_.str("");
  ASSERT_TRUE(CmdSearch(ctx, "postcode", "ls14ap").ok());
  json j = json::parse(out_.str());
  EXPECT_EQ(j["value"], "LS1 4AP");
  EXPECT_EQ(j["adverts"].size(), 1u);
}

TEST_F(CommandsTest, SearchNormalisesHandlesWalletsAndBankDetailsAsTyped) {
  auto ctx = Ctx(true);
  ASSERT_TRUE(CmdSearch(ctx, "handle", "Snapchat: @Jess_99").ok());
  EXPECT_EQ(json::parse(out_.str())["value"], "snapchat:jess_99");
  out_.str("");
  ASSERT_TRUE(CmdSearch(ctx, "iban", "gb33 bukb 2020 1555 5555 55").ok());
  EXPECT_EQ(json::parse(out_.str())["value"], "GB33BUKB20201555555555");
  out_.str("");
  ASSERT_TRUE(CmdSearch(ctx, "bank_account", "20-20-15 55555555").ok());
  EXPECT_EQ(json::parse(out_.str())["value"], "20-20-15 55555555");
  // A wallet whose checksum fails is refused, not searched for.
  EXPECT_EQ(CmdSearch(ctx, "wallet", "14MPfpGE8MpeXbGSeCsB6a9k9madmWpWXL").code(),
            StatusCode::kInvalidArgument);
  ASSERT_TRUE(CmdSearch(ctx, "wallet", "14MPfpGE8MpeXbGSeCsB6a9k9madmWpWXK").ok());
}

TEST_F(CommandsTest, SearchRejectsUnknownKindAndInvalidValue) {
  auto ctx = Ctx();
  EXPECT_EQ(CmdSearch(ctx, "shoe", "x").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(CmdSearch(ctx, "phone", "12").code(), StatusCode::kInvalidArgument);
}

TEST_F(CommandsTest, ConsultationsAreAuditedWithUserAndReason) {
  auto ctx = Ctx();
  ASSERT_TRUE(CmdSearch(ctx, "phone", "07700 900123").ok());
  ASSERT_TRUE(CmdShowAdvert(ctx, 1).ok());
  auto verify = store_->VerifyAuditChain();
  ASSERT_TRUE(verify.ok());
  EXPECT_EQ(*verify, 0);
  auto rows = store_->ListAudit(2);
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].action, "consultation.show");
  EXPECT_EQ((*rows)[0].object, "document:1");
  EXPECT_EQ((*rows)[1].action, "consultation.search");
  EXPECT_EQ((*rows)[1].object, "phone:+447700900123");
  for (const auto& r : *rows) {
    EXPECT_EQ(r.actor, "analyst1");
    EXPECT_EQ(json::parse(r.detail)["reason"], "OP-TEST test");
  }
}

TEST_F(CommandsTest, ShowAdvertGivesTextSelectorsSnippetsAndProvenance) {
  auto ctx = Ctx(true);
  ASSERT_TRUE(CmdShowAdvert(ctx, 2).ok());
  json j = json::parse(out_.str());
  EXPECT_EQ(j["title"], "York advert");
  bool phone = false, email = false;
  for (const auto& s : j["selectors"]) {
    if (s["kind"] == "phone") {
      phone = true;
      EXPECT_EQ(s["value"], "+447700900123");
      EXPECT_NE(s["snippet"].get<std::string>().find("7700 900123"), std::string::npos);
    }
    if (s["kind"] == "email") email = true;
  }
  EXPECT_TRUE(phone);
  EXPECT_TRUE(email);
  ASSERT_EQ(j["captures"].size(), 1u);
  EXPECT_EQ(j["captures"][0]["remote_ip"], "192.0.2.1");
  EXPECT_EQ(j["captures"][0]["sha256"].get<std::string>().size(), 64u);
}

TEST_F(CommandsTest, ShowAdvertListsEveryIndicatorRuleWithWhatFiredIt) {
  auto plain = Ctx();
  ASSERT_TRUE(CmdShowAdvert(plain, 1).ok());
  const std::string text = out_.str();
  EXPECT_NE(text.find("indicators (rules rules.7): score 2, low"), std::string::npos) << text;
  EXPECT_NE(text.find("an analyst decides"), std::string::npos);
  EXPECT_NE(text.find("T08"), std::string::npos);
  EXPECT_NE(text.find("zero (context only)"), std::string::npos) << text;
  out_.str("");
  auto as_json = Ctx(true);
  ASSERT_TRUE(CmdShowAdvert(as_json, 1).ok());
  json j = json::parse(out_.str());
  EXPECT_EQ(j["indicators"]["band"], "low");
  ASSERT_EQ(j["indicators"]["hits"].size(), 2u);
  EXPECT_EQ(j["indicators"]["hits"][0]["matched"], "24/7");
  EXPECT_FALSE(j["indicators"]["hits"][1]["counted"].get<bool>());
  out_.str("");
  ASSERT_TRUE(CmdShowAdvert(as_json, 2).ok());
  EXPECT_TRUE(json::parse(out_.str())["indicators"].is_null());  // not scored
}

TEST_F(CommandsTest, ShowMissingAdvertIsNotFound) {
  auto ctx = Ctx();
  EXPECT_EQ(CmdShowAdvert(ctx, 999).code(), StatusCode::kNotFound);
}

TEST_F(CommandsTest, SummaryListsSelectorSharedByTwoAdverts) {
  auto ctx = Ctx(true);
  ASSERT_TRUE(CmdSummary(ctx).ok());
  json j = json::parse(out_.str());
  EXPECT_EQ(j["adverts"], 2);
  EXPECT_EQ(j["selectors"]["phone"], 1);
  ASSERT_GE(j["shared"].size(), 1u);
  EXPECT_EQ(j["shared"][0]["value"], "+447700900123");
  EXPECT_EQ(j["shared"][0]["adverts"].size(), 2u);
}

TEST_F(CommandsTest, StatusShowsSourcesWithAuthorisationAndCounts) {
  auto ctx = Ctx(true);
  ASSERT_TRUE(CmdStatus(ctx).ok());
  json j = json::parse(out_.str());
  ASSERT_EQ(j["sources"].size(), 1u);
  EXPECT_EQ(j["sources"][0]["name"], "demo");
  EXPECT_EQ(j["sources"][0]["authorisation_ref"], "DEMO-0001");
  EXPECT_EQ(j["counts"]["adverts"], 2);
  out_.str("");
  auto text = Ctx(false);
  ASSERT_TRUE(CmdStatus(text).ok());
  EXPECT_NE(out_.str().find("DEMO-0001"), std::string::npos);
}

TEST_F(CommandsTest, PermanentFailuresAreShownSkippedByLaterRunsUntilRetried) {
  auto source = store_->UpsertSource("channel", "telegram", "DEMO-0001");
  ASSERT_TRUE(source.ok());
  const std::string url = "http://tg.test/s/private_one";
  auto run = store_->StartRun(*source, {url}, 5000);
  ASSERT_TRUE(run.ok());
  auto leased = store_->LeaseFrontier(*run, 10, 5000);
  ASSERT_TRUE(leased.ok() && leased->size() == 1u);
  store::FailureCommit f;
  f.item = leased->front();
  f.error = "permanent: no public preview: " + url + " redirected to http://tg.test/private_one";
  f.now_ms = 5100;
  ASSERT_TRUE(store_->CommitFailure(f).ok());
  ASSERT_TRUE(store_->FinishRun(*run, 5200, "").ok());

  auto text = Ctx(false);
  ASSERT_TRUE(CmdStatus(text).ok());
  EXPECT_NE(out_.str().find("channel: not asked again"), std::string::npos) << out_.str();
  EXPECT_NE(out_.str().find("no public preview"), std::string::npos);
  out_.str("");
  auto js = Ctx(true);
  ASSERT_TRUE(CmdStatus(js).ok());
  json j = json::parse(out_.str());
  for (const auto& src : j["sources"]) {
    ASSERT_EQ(src["unavailable"].size(), src["name"] == "channel" ? 1u : 0u) << src["name"];
    if (src["name"] == "channel") {
      EXPECT_EQ(src["unavailable"][0]["url"], url);
    }
  }

  // The next run does not ask for it.
  auto second = store_->StartRun(*source, {url}, 6000);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(*store_->CountOutstanding(*second), 0);
  ASSERT_TRUE(store_->FinishRun(*second, 6100, "").ok());

  // Retrying needs a reason, is audited, and the run after asks again.
  CommandContext no_reason{*store_, extractor_, clock_, out_, false, "analyst1", ""};
  EXPECT_EQ(CmdSourceRetry(no_reason, "channel").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(CmdSourceRetry(text, "nope").code(), StatusCode::kNotFound);
  ASSERT_TRUE(CmdSourceRetry(text, "channel").ok());
  auto audit = store_->ListAudit(1);
  ASSERT_TRUE(audit.ok() && !audit->empty());
  EXPECT_EQ(audit->front().action, "alteration.source_retry");
  EXPECT_NE(audit->front().detail.find(url), std::string::npos);
  auto third = store_->StartRun(*source, {url}, 7000);
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(*store_->CountOutstanding(*third), 1);
  EXPECT_TRUE(store_->ListPermanentFailures(*source)->empty());
}

TEST_F(CommandsTest, SearchShowsRegistryRecordsSharingTheSelector) {
  registry::Company company;
  company.number = "09999001";
  company.name = "INVENTED NAIL STUDIO LTD";
  company.registered_office.postal_code = "LS1 4AP";
  ASSERT_TRUE(store_->UpsertCompany(company, store::RegistrySource::kApi, 3000).ok());
  registry::Officer officer;
  officer.officer_id = "abcdefghijklmnopqrstuvwxyz0";
  officer.name = "ASHWORTH, Marnie Elspeth";
  ASSERT_TRUE(store_->UpsertOfficer(officer, 3000).ok());

  auto ctx = Ctx(true);
  ASSERT_TRUE(CmdSearch(ctx, "postcode", "ls1 4ap").ok());
  json j = json::parse(out_.str());
  EXPECT_EQ(j["adverts"].size(), 1u);
  ASSERT_EQ(j["registry"].size(), 1u);
  EXPECT_EQ(j["registry"][0]["key"], "09999001");
  EXPECT_EQ(j["registry"][0]["role"], "registered_office");

  out_.str("");
  auto text = Ctx(false);
  ASSERT_TRUE(CmdSearch(text, "person_name", "Ms Marnie Elspeth Ashworth").ok());
  EXPECT_NE(out_.str().find("person_name marnie elspeth ashworth: 0 document(s), 1 registry"),
            std::string::npos)
      << out_.str();
  EXPECT_NE(out_.str().find("abcdefghijklmnopqrstuvwxyz0"), std::string::npos);
}

TEST_F(CommandsTest, ShowAdvertAsJsonSurvivesInvalidUtf8InScrapedText) {
  auto items = store_->StartRun(source_, {"http://site.test/advert/9.html"}, 9000);
  ASSERT_TRUE(items.ok());
  auto leased = store_->LeaseFrontier(*items, 10, 9000);
  ASSERT_TRUE(leased.ok() && leased->size() == 1u);
  items_[leased->front().url] = leased->front();
  AddAdvert("http://site.test/advert/9.html", "Bad \xff bytes", "Call \xc3 07700 900777", 9);
  auto docs = store_->FindDocumentsBySelector(SelectorKind::kPhone, "+447700900777");
  ASSERT_TRUE(docs.ok() && docs->size() == 1u);
  auto ctx = Ctx(true);
  ASSERT_TRUE(CmdShowAdvert(ctx, docs->front().id).ok());
  json j = json::parse(out_.str());
  EXPECT_NE(j["title"].get<std::string>().find("\xef\xbf\xbd"), std::string::npos);  // U+FFFD
  out_.str("");
  ASSERT_TRUE(CmdSearch(ctx, "phone", "07700 900777").ok());
  EXPECT_EQ(json::parse(out_.str())["adverts"].size(), 1u);
}

}  // namespace
}  // namespace harrier::cli
