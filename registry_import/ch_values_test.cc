// The PSC item parser the API client and the snapshot reader share, and the
// one company status form both sources store.
#include "registry_import/ch_values.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace harrier::registry_import {
namespace {

using nlohmann::json;

TEST(CompanyStatusTest, BulkTextAndApiCodeStoreTheSameForm) {
  const struct {
    const char* in;
    const char* want;
  } cases[] = {
      {"active", "active"},
      {"Active", "active"},
      {"  ACTIVE ", "active"},
      {"Dissolved", "dissolved"},
      {"Liquidation", "liquidation"},
      {"Receivership Action", "receivership"},
      {"In Administration", "administration"},
      {"Voluntary Arrangement", "voluntary-arrangement"},
      {"voluntary-arrangement", "voluntary-arrangement"},
      {"Converted/Closed", "converted-closed"},
      {"converted-closed", "converted-closed"},
      {"Insolvency Proceedings", "insolvency-proceedings"},
      {"Active - Proposal to Strike off", "active"},
      {"Something New", "something-new"},
      {"", ""},
  };
  for (const auto& c : cases) EXPECT_EQ(NormaliseCompanyStatus(c.in), c.want) << c.in;
}

TEST(PscItemTest, ApiAndSnapshotShapesGiveTheSameRecord) {
  const json item = json::parse(R"({
    "kind": "individual-person-with-significant-control",
    "name": "Ms Alexandra Jane Pemberton", "nationality": "British",
    "country_of_residence": "England", "date_of_birth": {"month": 3, "year": 1979},
    "natures_of_control": ["ownership-of-shares-75-to-100-percent", 7],
    "notified_on": "2016-04-06",
    "address": {"address_line_1": "Example Road", "postal_code": "TE1 2ST"},
    "etag": "0a1b", "links": {"self": "/company/09876543/persons-with-significant-control/individual/Pq8x"}})");
  registry::Psc p = ParsePscItem(item);
  EXPECT_EQ(p.kind, registry::PartyKind::kPerson);
  EXPECT_EQ(p.name, "Ms Alexandra Jane Pemberton");
  EXPECT_EQ(p.date_of_birth, "1979-03");
  EXPECT_EQ(p.natures_of_control,
            std::vector<std::string>{"ownership-of-shares-75-to-100-percent"});
  EXPECT_EQ(p.address.postal_code, "TE1 2ST");
  EXPECT_EQ(p.psc_id, "Pq8x");
  EXPECT_TRUE(p.company_number.empty());  // the caller's
}

TEST(PscItemTest, KindsByPrefixIncludingBeneficialOwners) {
  const struct {
    const char* kind;
    registry::PartyKind want;
  } cases[] = {
      {"individual-person-with-significant-control", registry::PartyKind::kPerson},
      {"corporate-entity-person-with-significant-control", registry::PartyKind::kCorporate},
      {"legal-person-person-with-significant-control", registry::PartyKind::kLegalPerson},
      {"super-secure-person-with-significant-control", registry::PartyKind::kSuperSecure},
      {"corporate-entity-beneficial-owner", registry::PartyKind::kCorporate},
      {"super-secure-beneficial-owner", registry::PartyKind::kSuperSecure},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(ParsePscItem(json{{"kind", c.kind}}).kind, c.want) << c.kind;
  }
}

TEST(PscItemTest, ToleratesArraysNullsStrayTypesAndTrailingSlashes) {
  const json item = json::parse(R"({
    "kind": "corporate-entity-person-with-significant-control", "name": null,
    "date_of_birth": [{"month": 13, "year": 1979}],
    "address": [{"postal_code": "EC1A 9ZZ"}],
    "identification": [{"registration_number": "01234567"}],
    "notified_on": 20160406,
    "links": [{"self": "/company/09876543/persons-with-significant-control/corporate-entity/Rs4/"}]})");
  registry::Psc p = ParsePscItem(item);
  EXPECT_EQ(p.kind, registry::PartyKind::kCorporate);
  EXPECT_EQ(p.name, "");
  EXPECT_EQ(p.date_of_birth, "");  // month 13
  EXPECT_EQ(p.address.postal_code, "EC1A 9ZZ");
  EXPECT_EQ(p.registration_number, "01234567");
  EXPECT_EQ(p.notified_on, "");
  EXPECT_EQ(p.psc_id, "Rs4");
  EXPECT_EQ(ParsePscItem(json::array()).name, "");  // not an object: an empty record
  EXPECT_EQ(ParsePscItem(json::parse(R"({"date_of_birth": {"year": 1979}})")).date_of_birth, "");
}

}  // namespace
}  // namespace harrier::registry_import
