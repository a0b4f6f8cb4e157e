#include "cli/export.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/sha256.h"
#include "review/export.h"
#include "tests/support/fixture_server.h"

namespace harrier::cli {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr int64_t kT = 1795332930123;  // 2026-11-22T07:35:30.123Z

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

class ExportCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::Store::Open({":memory:"});
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(*opened);
    auto source = store_->UpsertSource("demo", "site", "DEMO-0001");
    ASSERT_TRUE(source.ok());
    const std::string url = "http://site.test/advert/1.html";
    auto run = store_->StartRun(*source, {url}, kT);
    ASSERT_TRUE(run.ok());
    auto items = store_->LeaseFrontier(*run, 10, kT);
    ASSERT_TRUE(items.ok() && items->size() == 1u);
    store::PageCommit page;
    page.item = items->front();
    page.item.kind = store::FrontierKind::kAdvert;
    page.capture.source_id = *source;
    page.capture.run_id = *run;
    page.capture.url = page.capture.final_url = url;
    page.capture.http_status = 200;
    page.capture.fetched_ms = kT;
    page.capture.body_sha256 = Sha256Hex("<html>Call 07700 900123</html>");
    store::AdvertInput ad;
    ad.url = url;
    ad.title = "=cmd|' /C calc'!A0 Leeds advert";
    ad.body = "Call 07700 900123";
    store::MentionInput m;
    m.selector.kind = SelectorKind::kPhone;
    m.selector.value = "+447700900123";
    m.selector.raw = "07700 900123";
    m.field = "body";
    ad.mentions = {m};
    page.advert = ad;
    page.now_ms = kT;
    auto committed = store_->CommitPage(page);
    ASSERT_TRUE(committed.ok()) << committed.status().ToString();
    document_ = committed->document_id;
    out_ = tmp_.path() + "/export.csv";
  }

  CommandContext Ctx(const std::string& reason) {
    return CommandContext{*store_, extractor_, clock_, printed_, false, "analyst1", reason};
  }

  ExportRequest Request() {
    ExportRequest r;
    r.format = "i2-csv";
    r.adverts = {document_};
    r.grade = "2B";
    r.handling = "P";
    r.recipient = "DS Example, OP TEST-7";
    r.out = out_;
    return r;
  }

  std::vector<store::AuditRow> Disclosures() {
    std::vector<store::AuditRow> out;
    auto rows = store_->ListAudit(100);
    EXPECT_TRUE(rows.ok());
    for (const auto& r : *rows) {
      if (r.action == "disclosure.export") out.push_back(r);
    }
    return out;
  }

  harrier::testing::TempDir tmp_;
  std::unique_ptr<store::Store> store_;
  extractors::TextExtractor extractor_;
  FakeClock clock_{FromUnixMillis(kT + 60000)};
  std::ostringstream printed_;
  int64_t document_ = 0;
  std::string out_;
};

TEST_F(ExportCommandTest, WritesAPrivateFileAndLogsTheDisclosureWithItsDigest) {
  auto ctx = Ctx("OP-TEST-7 link chart for the SIO");
  Status st = CmdExport(ctx, Request());
  ASSERT_TRUE(st.ok()) << st.ToString();
  std::string bytes = ReadFile(out_);
  EXPECT_EQ(bytes.rfind("OFFICIAL-SENSITIVE\r\n", 0), 0u);
  EXPECT_NE(bytes.find("+447700900123"), std::string::npos);
  EXPECT_NE(bytes.find("'=cmd"), std::string::npos);
  struct stat sb;
  ASSERT_EQ(::stat(out_.c_str(), &sb), 0);
  EXPECT_EQ(sb.st_mode & 0777, 0600u);
  auto rows = Disclosures();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].actor, "analyst1");
  EXPECT_EQ(rows[0].object, "export:i2-csv");
  json d = json::parse(rows[0].detail);
  EXPECT_EQ(d["recipient"], "DS Example, OP TEST-7");
  EXPECT_EQ(d["grade"], "2/B/P");
  EXPECT_EQ(d["format"], "i2-csv");
  EXPECT_EQ(d["justification"], "OP-TEST-7 link chart for the SIO");
  EXPECT_EQ(d["sha256"], Sha256Hex(bytes));
  EXPECT_EQ(d["adverts"], json::array({document_}));
  EXPECT_NE(printed_.str().find(Sha256Hex(bytes)), std::string::npos);
  for (const auto& entry : fs::directory_iterator(tmp_.path())) {
    EXPECT_EQ(entry.path().filename().string().find(".partial"), std::string::npos);
  }
}

TEST_F(ExportCommandTest, RefusedWithoutGradeHandlingRecipientOrReasonAndNothingIsLogged) {
  struct Case {
    const char* what;
    std::string reason;
    ExportRequest request;
  };
  std::vector<Case> cases;
  cases.push_back({"no reason", "", Request()});
  cases.push_back({"no recipient", "OP-TEST-7", Request()});
  cases.back().request.recipient = "";
  cases.push_back({"no grade", "OP-TEST-7", Request()});
  cases.back().request.grade = "";
  cases.push_back({"bad grade", "OP-TEST-7", Request()});
  cases.back().request.grade = "5Z";
  cases.push_back({"no handling code", "OP-TEST-7", Request()});
  cases.back().request.handling = "";
  cases.push_back({"C without conditions", "OP-TEST-7", Request()});
  cases.back().request.handling = "C";
  cases.push_back({"no selection", "OP-TEST-7", Request()});
  cases.back().request.adverts.clear();
  cases.push_back({"unknown format", "OP-TEST-7", Request()});
  cases.back().request.format = "stix";
  for (Case& c : cases) {
    auto ctx = Ctx(c.reason);
    EXPECT_EQ(CmdExport(ctx, c.request).code(), StatusCode::kInvalidArgument) << c.what;
  }
  EXPECT_FALSE(fs::exists(out_));
  EXPECT_TRUE(Disclosures().empty());
}

TEST_F(ExportCommandTest, SelectorAsTypedSelectsTheAdvertsMentioningIt) {
  auto ctx = Ctx("OP-TEST-7");
  ExportRequest r = Request();
  r.adverts.clear();
  r.selectors = {"phone:07700 900123"};
  r.format = "ftm";
  r.handling = "C";
  r.conditions = "SIO consent before onward sharing";
  Status st = CmdExport(ctx, r);
  ASSERT_TRUE(st.ok()) << st.ToString();
  std::string bytes = ReadFile(out_);
  EXPECT_TRUE(review::ValidateFtm(bytes).ok());
  EXPECT_NE(bytes.find("\"phone\":[\"+447700900123\"]"), std::string::npos);
  json d = json::parse(Disclosures().at(0).detail);
  EXPECT_EQ(d["selected_selectors"], json::array({"phone:+447700900123"}));
  EXPECT_EQ(d["grade"], "2/B/C (SIO consent before onward sharing)");
}

TEST_F(ExportCommandTest, NeverOverwritesAnEarlierExport) {
  std::ofstream(out_) << "earlier disclosure";
  auto ctx = Ctx("OP-TEST-7");
  EXPECT_EQ(CmdExport(ctx, Request()).code(), StatusCode::kRejected);
  EXPECT_EQ(ReadFile(out_), "earlier disclosure");
  EXPECT_TRUE(Disclosures().empty());
}

TEST_F(ExportCommandTest, UnknownAdvertIsNotFound) {
  auto ctx = Ctx("OP-TEST-7");
  ExportRequest r = Request();
  r.adverts = {document_ + 100};
  EXPECT_EQ(CmdExport(ctx, r).code(), StatusCode::kNotFound);
  EXPECT_FALSE(fs::exists(out_));
}

TEST_F(ExportCommandTest, AClusterSelectsEveryAdvertInIt) {
  ASSERT_TRUE(store_->LinkDocument(document_, kT).ok());
  auto cluster = store_->ClusterOfDocument(document_);
  ASSERT_TRUE(cluster.ok() && cluster->has_value());
  auto ctx = Ctx("OP-TEST-7");
  ExportRequest r = Request();
  r.adverts.clear();
  r.clusters = {**cluster};
  Status st = CmdExport(ctx, r);
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_NE(ReadFile(out_).find("+447700900123"), std::string::npos);
  fs::remove(out_);
  r.clusters = {**cluster + 100};
  EXPECT_EQ(CmdExport(ctx, r).code(), StatusCode::kNotFound);
  EXPECT_FALSE(fs::exists(out_));
}

TEST_F(ExportCommandTest, CompanyExportsItsNetworkAndTheAdvertsAtItsPostcode) {
  registry::Company c;
  c.number = "9876543";
  c.name = "HARBOURLIGHT TEST SERVICES LTD";
  c.status = "active";
  c.registered_office.address_line_1 = "Unit 4 Example Road";
  c.registered_office.postal_code = "TE1 2ST";
  ASSERT_TRUE(store_->UpsertCompany(c, store::RegistrySource::kApi, kT).ok());
  registry::Officer o;
  o.officer_id = "OffAlex1";
  o.name = "PEMBERTON, Alexandra Jane";
  o.date_of_birth = "1979-03";
  ASSERT_TRUE(store_->UpsertOfficer(o, kT).ok());
  registry::Appointment a;
  a.officer_id = "OffAlex1";
  a.company_number = "09876543";
  a.role = "director";
  a.appointed_on = "2016-02-11";
  ASSERT_TRUE(store_->UpsertAppointment(a, kT).ok());
  // A second advert, at the company's postcode.
  auto source = store_->UpsertSource("demo", "site", "DEMO-0001");
  ASSERT_TRUE(source.ok());
  const std::string url = "http://site.test/advert/2.html";
  auto run = store_->StartRun(*source, {url}, kT);
  ASSERT_TRUE(run.ok());
  auto items = store_->LeaseFrontier(*run, 10, kT);
  ASSERT_TRUE(items.ok() && items->size() == 1u);
  store::PageCommit page;
  page.item = items->front();
  page.item.kind = store::FrontierKind::kAdvert;
  page.capture.source_id = *source;
  page.capture.run_id = *run;
  page.capture.url = page.capture.final_url = url;
  page.capture.http_status = 200;
  page.capture.fetched_ms = kT;
  page.capture.body_sha256 = Sha256Hex(url);
  store::AdvertInput ad;
  ad.url = url;
  ad.title = "Nails, TE1 2ST";
  store::MentionInput m;
  m.selector.kind = SelectorKind::kPostcode;
  m.selector.value = m.selector.raw = "TE1 2ST";
  m.field = "body";
  ad.mentions = {m};
  page.advert = ad;
  page.now_ms = kT;
  auto committed = store_->CommitPage(page);
  ASSERT_TRUE(committed.ok()) << committed.status().ToString();

  auto ctx = Ctx("OP-TEST-7 companies and adverts at one address");
  ExportRequest r = Request();
  r.adverts.clear();
  r.companies = {"09876543"};
  r.depth = 0;
  r.format = "ftm";
  Status st = CmdExport(ctx, r);
  ASSERT_TRUE(st.ok()) << st.ToString();
  std::string bytes = ReadFile(out_);
  Status valid = review::ValidateFtm(bytes);
  EXPECT_TRUE(valid.ok()) << valid.ToString();
  EXPECT_NE(bytes.find("\"registrationNumber\":[\"09876543\"]"), std::string::npos);
  EXPECT_NE(bytes.find("\"schema\":\"Directorship\""), std::string::npos);
  EXPECT_NE(bytes.find("Nails, TE1 2ST"), std::string::npos);
  EXPECT_EQ(bytes.find("Leeds advert"), std::string::npos);  // the first advert shares nothing
  json d = json::parse(Disclosures().at(0).detail);
  EXPECT_EQ(d["selected_companies"], json::array({"09876543"}));
  EXPECT_EQ(d["company_depth"], 0);
  EXPECT_EQ(d["adverts"], json::array({committed->document_id}));
  EXPECT_EQ(d["sha256"], Sha256Hex(bytes));
}

TEST_F(ExportCommandTest, UnknownCompanyOrNegativeDepthWritesAndLogsNothing) {
  auto ctx = Ctx("OP-TEST-7");
  ExportRequest r = Request();
  r.adverts.clear();
  r.companies = {"00000001"};
  EXPECT_EQ(CmdExport(ctx, r).code(), StatusCode::kNotFound);
  r.depth = -1;
  EXPECT_EQ(CmdExport(ctx, r).code(), StatusCode::kInvalidArgument);
  EXPECT_FALSE(fs::exists(out_));
  EXPECT_TRUE(Disclosures().empty());
}

}  // namespace
}  // namespace harrier::cli
