// `harrier show company`: over a store holding an invented company (its
// officers, PSC and recorded changes) and an advert at its registered
// office's postcode (the TE area does not exist).
#include "cli/registry_commands.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

namespace harrier::cli {
namespace {

using nlohmann::json;

constexpr int64_t kT0 = 1767225600000;  // 2026-01-01T00:00:00Z

class ShowCompanyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::Store::Open({":memory:"});
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(*opened);
    SeedRegistry();
    advert_id_ = AddAdvert("https://ads.test/1", "TE1 2ST");
    AddAdvert("https://ads.test/2", "TE9 9ZZ");  // elsewhere
  }

  void SeedRegistry() {
    registry::Company c;
    c.number = "1234567";
    c.name = "EXAMPLE NAILS LTD";
    c.status = "active";
    c.type = "ltd";
    c.date_of_creation = "2019-04-01";
    c.sic_codes = {"96020"};
    c.registered_office.address_line_1 = "4 Example Road";
    c.registered_office.locality = "Testbury";
    c.registered_office.postal_code = "TE8 8XY";
    ASSERT_TRUE(store_->UpsertCompany(c, store::RegistrySource::kApi, kT0).ok());
    c.registered_office.postal_code = "te12st";  // moves: an address change
    ASSERT_TRUE(store_->UpsertCompany(c, store::RegistrySource::kApi, kT0 + 1000).ok());
    registry::Officer o;
    o.officer_id = "off-1";
    o.name = "SAMPLE, Jordan";
    ASSERT_TRUE(store_->UpsertOfficer(o, kT0).ok());
    registry::Appointment a;
    a.officer_id = "off-1";
    a.company_number = "01234567";
    a.role = "director";
    a.appointed_on = "2019-04-01";
    ASSERT_TRUE(store_->UpsertAppointment(a, kT0).ok());
    a.resigned_on = "2025-06-30";
    ASSERT_TRUE(store_->UpsertAppointment(a, kT0 + 2000).ok());
    registry::Psc p;
    p.psc_id = "psc-1";
    p.company_number = "01234567";
    p.name = "Mx Jordan Sample";
    p.natures_of_control = {"ownership-of-shares-75-to-100-percent"};
    p.notified_on = "2019-04-01";
    ASSERT_TRUE(store_->UpsertPsc(p, store::RegistrySource::kApi, kT0).ok());
  }

  // An advert (committed as the daemon does) that mentions the postcode.
  int64_t AddAdvert(const std::string& url, const std::string& postcode) {
    const int64_t source = store_->UpsertSource("demo", "site", "DEMO-0001").value();
    const int64_t run = store_->StartRun(source, {url}, kT0).value();
    store::PageCommit page;
    page.item = store_->LeaseFrontier(run, 10, kT0).value().at(0);
    page.capture.source_id = source;
    page.capture.run_id = run;
    page.capture.url = page.capture.final_url = url;
    page.capture.http_status = 200;
    page.capture.fetched_ms = kT0;
    page.capture.body_sha256 = std::string(64, url.back());
    page.now_ms = kT0;
    store::AdvertInput ad;
    ad.url = url;
    ad.title = "Advert near " + postcode;
    ad.body = "come to " + postcode;
    Selector s;
    s.kind = SelectorKind::kPostcode;
    s.value = s.raw = postcode;
    ad.mentions = {{s, "body"}};
    page.advert = ad;
    Result<store::PageCommitResult> r = store_->CommitPage(page);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->document_id : 0;
  }

  CommandContext Ctx(bool json = false) {
    return CommandContext{*store_, extractor_, clock_, out_, json, "analyst1", "OP-TEST why"};
  }

  std::unique_ptr<store::Store> store_;
  extractors::TextExtractor extractor_;
  FakeClock clock_;
  std::ostringstream out_;
  int64_t advert_id_ = 0;
};

TEST_F(ShowCompanyTest, TextShowsProfilePeopleChangesAndTheAdvertAtItsPostcode) {
  CommandContext ctx = Ctx();
  ASSERT_TRUE(CmdShowCompany(ctx, "1234567").ok());
  const std::string out = out_.str();
  for (const char* want :
       {"01234567  EXAMPLE NAILS LTD", "incorporated: 2019-04-01", "SIC:          96020",
        "4 EXAMPLE ROAD, TESTBURY, TE1 2ST", "SAMPLE, Jordan", "2025-06-30", "Mx Jordan Sample",
        "ownership-of-shares-75-to-100-percent", "address_change", "resignation",
        "1 advert shares postcode TE1 2ST (registered office)", "https://ads.test/1"}) {
    EXPECT_NE(out.find(want), std::string::npos) << want << "\n" << out;
  }
  EXPECT_EQ(out.find("https://ads.test/2"), std::string::npos);
}

TEST_F(ShowCompanyTest, JsonListsTheAdvertIdsAtTheRegisteredOfficePostcode) {
  CommandContext ctx = Ctx(/*json=*/true);
  ASSERT_TRUE(CmdShowCompany(ctx, "01234567").ok());
  const json j = json::parse(out_.str());
  EXPECT_EQ(j["number"], "01234567");
  EXPECT_EQ(j["registered_office"]["postcode"], "TE1 2ST");
  ASSERT_EQ(j["officers"].size(), 1u);
  EXPECT_EQ(j["officers"][0]["resigned"], "2025-06-30");
  ASSERT_EQ(j["pscs"].size(), 1u);
  EXPECT_EQ(j["pscs"][0]["natures_of_control"][0], "ownership-of-shares-75-to-100-percent");
  ASSERT_EQ(j["changes"].size(), 2u);
  EXPECT_EQ(j["changes"][0]["kind"], "address_change");
  EXPECT_TRUE(j["changes"][0]["detail"].is_object());  // the stored JSON, not a string
  ASSERT_EQ(j["postcodes"].size(), 1u);
  EXPECT_EQ(j["postcodes"][0]["postcode"], "TE1 2ST");
  ASSERT_EQ(j["postcodes"][0]["adverts"].size(), 1u);
  EXPECT_EQ(j["postcodes"][0]["adverts"][0]["id"], advert_id_);
}

TEST_F(ShowCompanyTest, ConsultationIsAuditedWithTheReasonBeforeShowing) {
  CommandContext ctx = Ctx();
  ASSERT_TRUE(CmdShowCompany(ctx, "1234567").ok());
  const store::AuditRow row = store_->ListAudit(1).value().at(0);
  EXPECT_EQ(row.actor, "analyst1");
  EXPECT_EQ(row.action, "consultation.show");
  EXPECT_EQ(row.object, "company:01234567");
  EXPECT_EQ(json::parse(row.detail)["reason"], "OP-TEST why");
}

TEST_F(ShowCompanyTest, MissingCompanyIsNotFoundAndTheLookUpStillAudited) {
  CommandContext ctx = Ctx();
  const Status st = CmdShowCompany(ctx, "SC999999");
  EXPECT_EQ(st.code(), StatusCode::kNotFound);
  EXPECT_NE(st.message().find("SC999999"), std::string::npos);
  EXPECT_TRUE(out_.str().empty());
  EXPECT_EQ(store_->ListAudit(1).value().at(0).object, "company:SC999999");
}

TEST_F(ShowCompanyTest, NonsenseNumberIsRejectedWithoutAnAuditRow) {
  const size_t before = store_->ListAudit(100).value().size();
  CommandContext ctx = Ctx();
  EXPECT_EQ(CmdShowCompany(ctx, "12/34; DROP").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->ListAudit(100).value().size(), before);
}

TEST_F(ShowCompanyTest, ControlCharactersInRegistryTextCannotReachTheTerminal) {
  registry::Company c;
  c.number = "SC000001";
  c.name = "EVIL\x1b[2J LTD";
  ASSERT_TRUE(store_->UpsertCompany(c, store::RegistrySource::kBulk, kT0).ok());
  CommandContext ctx = Ctx();
  ASSERT_TRUE(CmdShowCompany(ctx, "SC000001").ok());
  EXPECT_EQ(out_.str().find('\x1b'), std::string::npos);
  EXPECT_NE(out_.str().find("EVIL?[2J LTD"), std::string::npos);
}

}  // namespace
}  // namespace harrier::cli
