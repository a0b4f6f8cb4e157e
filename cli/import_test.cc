// harrier import companies-house | psc-snapshot over the invented bulk
// fixtures: malformed rows skipped and counted, idempotent re-imports, a
// later file's changes recorded, the PSC trailer checked, the audit row.
#include "cli/import.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <sstream>

namespace harrier::cli {
namespace {

const std::string kBulk = std::string(HARRIER_SOURCE_DIR) + "/tests/data/companies_house/bulk/";

class ImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::Store::Open({":memory:"});
    ASSERT_TRUE(opened.ok());
    store_ = std::move(*opened);
  }
  CommandContext Ctx() { return {*store_, extractor_, clock_, out_, true, "anna", "OP-1 test"}; }
  // Imports a fixture; returns the --json summary.
  nlohmann::json Import(const std::string& kind, const std::string& file) {
    out_.str("");
    CommandContext ctx = Ctx();
    ImportOptions o;
    o.kind = kind;
    o.file = kBulk + file;
    o.batch_rows = 2;  // several transactions even for the small fixtures
    const Status st = CmdImport(ctx, o, err_);
    EXPECT_TRUE(st.ok()) << st.ToString();
    clock_.Advance(std::chrono::hours(24));
    return nlohmann::json::parse(out_.str());
  }
  int64_t Count(const std::string& table) {
    sqlite3_stmt* q = nullptr;
    sqlite3_prepare_v2(store_->RawHandleForTesting(), ("SELECT COUNT(*) FROM " + table).c_str(), -1,
                       &q, nullptr);
    sqlite3_step(q);
    const int64_t n = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    return n;
  }

  std::unique_ptr<store::Store> store_;
  extractors::TextExtractor extractor_;
  FakeClock clock_;
  std::ostringstream out_, err_;
};

TEST_F(ImportTest, CompaniesHouseCsvSkipsMalformedRowsAndAuditsTheFile) {
  const nlohmann::json s = Import("companies-house", "basic_company_data_1.csv");
  EXPECT_EQ(s["rows"], 6);
  EXPECT_EQ(s["imported"], 3);
  EXPECT_EQ(s["new"], 3);
  EXPECT_EQ(s["errors"], 3);
  EXPECT_NE(err_.str().find("line 5: text after the closing quote"), std::string::npos);
  EXPECT_NE(err_.str().find("line 7: date '2016-02-11'"), std::string::npos);
  const store::RegistryCompanyView c = store_->GetCompany("SC123456").value().value();
  EXPECT_EQ(c.name, "EXAMPLE \"GLOW\", NAILS & SPA LTD");
  EXPECT_EQ(c.source, "bulk");
  EXPECT_EQ(c.registered_office.postal_code, "TE1 2ST");
  const store::AuditRow audit = store_->ListAudit(1).value().at(0);
  EXPECT_EQ(audit.action, "collection.import");
  EXPECT_EQ(audit.actor, "anna");
  const nlohmann::json detail = nlohmann::json::parse(audit.detail);
  EXPECT_EQ(detail["file"], "basic_company_data_1.csv");
  EXPECT_EQ(detail["sha256"].get<std::string>().size(), 64u);
  EXPECT_EQ(detail["sha256"], s["sha256"]);
  EXPECT_EQ(detail["errors"], 3);
  EXPECT_EQ(detail["reason"], "OP-1 test");
}

TEST_F(ImportTest, ImportingTheSameFileTwiceChangesNothing) {
  Import("companies-house", "basic_company_data_1.csv");
  Import("psc-snapshot", "psc_snapshot.txt");
  const int64_t versions = Count("registry_company_version");
  const nlohmann::json again = Import("companies-house", "basic_company_data_1.csv");
  EXPECT_EQ(again["new"], 0);
  EXPECT_EQ(again["changed"], 0);
  const nlohmann::json psc_again = Import("psc-snapshot", "psc_snapshot.txt");
  EXPECT_EQ(psc_again["new"], 0);
  EXPECT_EQ(psc_again["changed"], 0);
  EXPECT_EQ(Count("registry_company_version"), versions);
  EXPECT_EQ(Count("registry_change"), 0);
  EXPECT_EQ(Count("registry_psc"), 3);
}

TEST_F(ImportTest, NextMonthsFileRecordsNameStatusAndAddressChanges) {
  Import("companies-house", "basic_company_data_1.csv");
  const nlohmann::json s = Import("companies-house", "basic_company_data_2.csv");
  EXPECT_EQ(s["changed"], 1);
  EXPECT_EQ(s["new"], 0);
  std::vector<std::string> kinds;
  const std::vector<store::RegistryChangeRow> changes =
      store_->ListCompanyChanges("09876543").value();
  for (const store::RegistryChangeRow& c : changes) {
    kinds.push_back(c.kind);
  }
  EXPECT_EQ(kinds, (std::vector<std::string>{"name_change", "status_change", "address_change"}));
  const store::RegistryCompanyView c = store_->GetCompany("09876543").value().value();
  EXPECT_EQ(c.version, 2);
  EXPECT_EQ(c.previous_names.size(), 2u);
  EXPECT_TRUE(store_->ListCompanyChanges("SC123456").value().empty());
  // The old postcode still leads to the company, as history; the new one as
  // its current office.
  const std::vector<store::RegistryEntityRef> old_office =
      store_->RegistryEntitiesForSelector(SelectorKind::kPostcode, "TE1 2ST").value();
  ASSERT_EQ(old_office.size(), 2u);
  EXPECT_EQ(old_office[0].key, "09876543");
  EXPECT_FALSE(old_office[0].current);
  EXPECT_EQ(old_office[1].key, "SC123456");
  EXPECT_TRUE(old_office[1].current);
  const std::vector<store::RegistryEntityRef> new_office =
      store_->RegistryEntitiesForSelector(SelectorKind::kPostcode, "TE9 9ZZ").value();
  ASSERT_EQ(new_office.size(), 1u);
  EXPECT_TRUE(new_office[0].current);
}

TEST_F(ImportTest, PscSnapshotStoresEveryKindAndChecksTheTrailer) {
  const nlohmann::json s = Import("psc-snapshot", "psc_snapshot.txt");
  EXPECT_EQ(s["imported"], 3);
  EXPECT_EQ(s["errors"], 1);
  EXPECT_EQ(s["trailer_matches"], false);  // it claims 4 PSCs; one line was truncated
  EXPECT_NE(err_.str().find("the trailer counts 4 PSCs, 1 statements, 1 exemptions; read 3, 1, 1"),
            std::string::npos);
  const store::RegistryCompanyView h = store_->GetCompany("09876543").value().value();
  EXPECT_EQ(h.version, 0);  // a stub until the company file is imported
  ASSERT_EQ(h.pscs.size(), 2u);
  EXPECT_EQ(h.pscs[1].kind, "corporate");
  EXPECT_EQ(h.pscs[1].ceased_on, "2020-01-15");
  EXPECT_EQ(h.pscs[1].address.postal_code, "EC1A 9ZZ");
  const store::RegistryCompanyView sc = store_->GetCompany("SC123456").value().value();
  ASSERT_EQ(sc.pscs.size(), 1u);
  EXPECT_EQ(sc.pscs[0].kind, "super_secure");
  EXPECT_EQ(sc.pscs[0].name, "");
}

TEST_F(ImportTest, TextSummaryAndRefusals) {
  CommandContext ctx = Ctx();
  ctx.json = false;
  ImportOptions o{"companies-house", kBulk + "psc_snapshot.txt"};
  EXPECT_EQ(CmdImport(ctx, o, err_).code(), StatusCode::kInvalidArgument);    // not a CSV
  EXPECT_EQ(store_->ListAudit(1).value().at(0).action, "collection.import");  // still audited
  o.kind = "companies-house";
  o.file = kBulk + "basic_company_data_2.csv";
  ASSERT_TRUE(CmdImport(ctx, o, err_).ok());
  EXPECT_EQ(out_.str().rfind("imported 3 companies (3 new, 0 changed) from 3 rows, 0 errors", 0),
            0u)
      << out_.str();
  o.kind = "opencorporates";
  EXPECT_EQ(CmdImport(ctx, o, err_).code(), StatusCode::kInvalidArgument);
  o.kind = "psc-snapshot";
  o.file = kBulk + "no-such-file";
  EXPECT_EQ(CmdImport(ctx, o, err_).code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace harrier::cli
