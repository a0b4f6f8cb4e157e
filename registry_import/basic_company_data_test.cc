#include "registry_import/basic_company_data.h"

#include <gtest/gtest.h>

#include <fstream>

namespace harrier::registry_import {
namespace {

const std::string kBulk = std::string(HARRIER_SOURCE_DIR) + "/tests/data/companies_house/bulk/";

TEST(BasicCompanyDataTest, DatesAndSicText) {
  EXPECT_EQ(BulkDateToIso("11/02/2016").value(), "2016-02-11");
  EXPECT_EQ(BulkDateToIso("").value(), "");
  EXPECT_FALSE(BulkDateToIso("2016-02-11").ok());
  EXPECT_FALSE(BulkDateToIso("32/01/2016").ok());
  EXPECT_EQ(SicCode("62020 - Business and domestic software development"), "62020");
  EXPECT_EQ(SicCode("None Supplied"), "");
  EXPECT_EQ(SicCode(""), "");
}

TEST(BasicCompanyDataTest, FixtureMapsByPaddedHeaderNamesAndSkipsMalformedRows) {
  std::ifstream in(kBulk + "basic_company_data_1.csv", std::ios::binary);
  ASSERT_TRUE(in.is_open());
  ChunkSource source(in, 64);
  CsvReader reader(source);
  CsvRecord header;
  ASSERT_TRUE(reader.Next(&header).value());
  ASSERT_EQ(header.fields.size(), 55u);
  Result<BasicCompanyDataMapper> mapper = BasicCompanyDataMapper::FromHeader(header);
  ASSERT_TRUE(mapper.ok()) << mapper.status().ToString();
  std::vector<registry::Company> companies;
  std::vector<std::string> errors;
  CsvRecord r;
  while (true) {
    Result<bool> more = reader.Next(&r);
    if (!more.ok()) {
      errors.push_back(more.status().message());
      continue;
    }
    if (!*more) break;
    Result<registry::Company> c = mapper->Map(r);
    if (!c.ok()) {
      errors.push_back(c.status().message());
      continue;
    }
    companies.push_back(*c);
  }
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0], "line 5: text after the closing quote of field 3");
  EXPECT_EQ(errors[1], "line 6: 10 fields, the header has 55");
  EXPECT_EQ(errors[2], "line 7: date '2016-02-11' is not DD/MM/YYYY");
  ASSERT_EQ(companies.size(), 3u);
  const registry::Company& h = companies[0];
  EXPECT_EQ(h.number, "09876543");
  EXPECT_EQ(h.name, "HARBOURLIGHT TEST SERVICES LTD");  // " CompanyNumber" was padded
  EXPECT_EQ(h.status, "active");                        // the API's form
  EXPECT_EQ(h.type, "Private Limited Company");
  EXPECT_EQ(h.date_of_creation, "2016-02-11");
  EXPECT_EQ(h.sic_codes, (std::vector<std::string>{"62020", "70229"}));
  ASSERT_EQ(h.previous_names.size(), 1u);
  EXPECT_EQ(h.previous_names[0].name, "HARBOURLIGHT TRIAL LTD");
  EXPECT_EQ(h.previous_names[0].ceased_on, "2018-07-01");
  EXPECT_EQ(h.registered_office.address_line_1, "UNIT 4 EXAMPLE ROAD");
  EXPECT_EQ(h.registered_office.locality, "TESTBURY");
  EXPECT_EQ(h.registered_office.region, "KENT");
  EXPECT_EQ(h.registered_office.postal_code, "TE1 2ST");
  const registry::Company& s = companies[1];
  EXPECT_EQ(s.name, "EXAMPLE \"GLOW\", NAILS & SPA LTD");
  EXPECT_EQ(s.registered_office.address_line_1, "FLAT 2\nSAMPLE HOUSE, 9 SAMPLE STREET");
  EXPECT_EQ(s.date_of_cessation, "2023-06-15");
  EXPECT_EQ(companies[2].date_of_creation, "2020-02-29");
}

TEST(BasicCompanyDataTest, HeaderWithoutCompanyNumberIsRefused) {
  CsvRecord header{{"Name", "Number"}, 1};
  EXPECT_EQ(BasicCompanyDataMapper::FromHeader(header).status().code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace harrier::registry_import
