// The Companies House parsers on fixtures built from the reference's shapes
// (tests/data/companies_house), and on broken input that must give a Status.
#include "registry/ch_parse.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

namespace harrier::registry {
namespace {

std::string Fixture(const std::string& name) {
  std::ifstream in(std::string(HARRIER_SOURCE_DIR) + "/tests/data/companies_house/" + name);
  std::stringstream ss;
  ss << in.rdbuf();
  EXPECT_FALSE(ss.str().empty()) << name;
  return ss.str();
}

TEST(CompanyNumberTest, PadsDigitsKeepsPrefixesRefusesTheRest) {
  struct Case {
    const char* in;
    const char* out;  // nullptr: refused
  } cases[] = {{"1234567", "01234567"},  {"09876543", "09876543"},
               {" 42 ", "00000042"},     {"SC123456", "SC123456"},
               {"sc123456", "SC123456"}, {"NI12345", "NI012345"},
               {"R0123456", "R0123456"}, {"", nullptr},
               {"123456789", nullptr},   {"S1234567", nullptr},
               {"SC12345X", nullptr},    {"12-34567", nullptr},
               {"SC", nullptr}};
  for (const Case& c : cases) {
    Result<std::string> r = NormaliseCompanyNumber(c.in);
    if (c.out == nullptr) {
      EXPECT_FALSE(r.ok()) << c.in;
      EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << c.in;
    } else {
      ASSERT_TRUE(r.ok()) << c.in << ": " << r.status().ToString();
      EXPECT_EQ(*r, c.out);
    }
  }
}

TEST(NextStartIndexTest, StopsAtTotalOrOnAnEmptyPage) {
  EXPECT_EQ(NextStartIndex({35, 0, 80}, 35), 35);
  EXPECT_EQ(NextStartIndex({35, 35, 80}, 35), 70);
  EXPECT_EQ(NextStartIndex({35, 70, 80}, 10), std::nullopt);
  EXPECT_EQ(NextStartIndex({35, 35, 80}, 0), std::nullopt);  // a short server
}

TEST(ChParseTest, CompanyProfileWithStringDayMonthAndUnknownMembers) {
  Result<Company> c = ParseCompanyProfile(Fixture("company_profile.json"));
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->number, "09876543");
  EXPECT_EQ(c->name, "HARBOURLIGHT TEST SERVICES LTD");
  EXPECT_EQ(c->status, "active");
  EXPECT_EQ(c->type, "ltd");
  EXPECT_EQ(c->jurisdiction, "england-wales");
  EXPECT_EQ(c->date_of_creation, "2016-02-11");
  EXPECT_EQ(c->sic_codes, (std::vector<std::string>{"62020", "70229"}));
  EXPECT_EQ(c->registered_office.premises, "Unit 4");
  EXPECT_EQ(c->registered_office.postal_code, "TE1 2ST");
  EXPECT_EQ(c->registered_office.region, "Kent");
  ASSERT_EQ(c->previous_names.size(), 1u);
  EXPECT_EQ(c->previous_names[0].name, "HARBOURLIGHT TRIAL LTD");
  EXPECT_EQ(c->previous_names[0].ceased_on, "2018-07-01");
  EXPECT_EQ(c->etag, "3f1c0d9a7e");
}

TEST(ChParseTest, RegisteredOfficeResource) {
  Result<Address> a = ParseRegisteredOffice(Fixture("registered_office.json"));
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->care_of, "Example Agents");
  EXPECT_EQ(a->address_line_1, "Example Road");
  EXPECT_EQ(a->postal_code, "TE1 2ST");
}

TEST(ChParseTest, OfficerListTakesIdsFromLinks) {
  Result<Page<OfficerEntry>> p = ParseOfficerList(Fixture("officers_page.json"), "9876543");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  ASSERT_EQ(p->items.size(), 2u);
  EXPECT_EQ(p->paging.items_per_page, 35);
  EXPECT_EQ(p->paging.total_results, 2);
  EXPECT_EQ(p->next_start_index, std::nullopt);
  const OfficerEntry& a = p->items[0];
  EXPECT_EQ(a.officer.officer_id, "Zk3pQm9X_aB-cD4eF5gH6iJ7kL8");
  EXPECT_EQ(a.officer.name, "PEMBERTON, Alexandra Jane");
  EXPECT_EQ(a.officer.kind, PartyKind::kPerson);
  EXPECT_EQ(a.officer.date_of_birth, "1979-03");
  EXPECT_EQ(a.officer.occupation, "Consultant");
  EXPECT_EQ(a.appointment.appointment_id, "Qx7rT2mN8pLk4vWz0aBcDeFgHiJ");
  EXPECT_EQ(a.appointment.officer_id, "Zk3pQm9X_aB-cD4eF5gH6iJ7kL8");
  EXPECT_EQ(a.appointment.company_number, "09876543");
  EXPECT_EQ(a.appointment.role, "director");
  EXPECT_EQ(a.appointment.resigned_on, "");
  EXPECT_EQ(a.appointment.address.postal_code, "TE1 2ST");
  const OfficerEntry& b = p->items[1];  // links first: member order is irrelevant
  EXPECT_EQ(b.officer.officer_id, "Ww2eXaMpLeNoMiNeEsLiMiTeD01");
  EXPECT_EQ(b.officer.kind, PartyKind::kCorporate);
  EXPECT_EQ(b.appointment.appointment_id, "Yy1aPpOiNtMeNtIdExAmPlE0002");
  EXPECT_EQ(b.appointment.resigned_on, "2019-05-31");
}

TEST(ChParseTest, AppointmentsAsObjects) {
  Result<AppointmentsPage> p = ParseAppointments(Fixture("appointments.json"));
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->officer.officer_id, "Zk3pQm9X_aB-cD4eF5gH6iJ7kL8");
  EXPECT_EQ(p->officer.name, "Alexandra Jane PEMBERTON");
  EXPECT_EQ(p->officer.date_of_birth, "1979-03");
  EXPECT_EQ(p->officer.nationality, "British");
  ASSERT_EQ(p->page.items.size(), 2u);
  EXPECT_EQ(p->page.items[0].company_number, "09876543");
  EXPECT_EQ(p->page.items[0].company_name, "HARBOURLIGHT TEST SERVICES LTD");
  EXPECT_EQ(p->page.items[0].officer_id, "Zk3pQm9X_aB-cD4eF5gH6iJ7kL8");
  EXPECT_EQ(p->page.items[1].company_number, "SC123456");
  EXPECT_EQ(p->page.items[1].appointed_on, "1991-06-01");  // appointed_before
  EXPECT_EQ(p->page.items[1].resigned_on, "2020-03-31");
  EXPECT_EQ(p->page.items[1].address.postal_code, "TE9 9XX");
}

TEST(ChParseTest, AppointmentsAcceptSwaggerStyleOneElementArrays) {
  Result<AppointmentsPage> p = ParseAppointments(Fixture("appointments_swagger_arrays.json"));
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->officer.officer_id, "Zk3pQm9X_aB-cD4eF5gH6iJ7kL8");
  EXPECT_EQ(p->officer.date_of_birth, "1979-03");
  ASSERT_EQ(p->page.items.size(), 1u);
  EXPECT_EQ(p->page.items[0].company_number, "09876543");  // padded
  EXPECT_EQ(p->page.items[0].address.postal_code, "TE1 2ST");
}

TEST(ChParseTest, PscListAllKindsIncludingSuperSecure) {
  Result<Page<Psc>> p = ParsePscList(Fixture("psc_page.json"), "09876543");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  ASSERT_EQ(p->items.size(), 3u);
  EXPECT_EQ(p->paging.items_per_page, 25);
  const Psc& person = p->items[0];
  EXPECT_EQ(person.psc_id, "Pq8sAmPlEpScIdInDiViDuAl001");
  EXPECT_EQ(person.kind, PartyKind::kPerson);
  EXPECT_EQ(person.company_number, "09876543");
  EXPECT_EQ(person.date_of_birth, "1979-03");
  EXPECT_EQ(person.natures_of_control,
            std::vector<std::string>{"ownership-of-shares-75-to-100-percent"});
  const Psc& corp = p->items[1];
  EXPECT_EQ(corp.kind, PartyKind::kCorporate);
  EXPECT_EQ(corp.registration_number, "01234567");
  EXPECT_EQ(corp.ceased_on, "2020-01-15");
  const Psc& secure = p->items[2];
  EXPECT_EQ(secure.kind, PartyKind::kSuperSecure);
  EXPECT_EQ(secure.name, "");
  EXPECT_EQ(secure.psc_id, "Ss9sAmPlEpScIdSuPeRsEcUrE03");
}

TEST(ChParseTest, CompanySearchSingularIdentifierAndNullStatus) {
  Result<Page<CompanySearchHit>> p = ParseCompanySearch(Fixture("search_companies.json"));
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  ASSERT_EQ(p->items.size(), 2u);
  EXPECT_EQ(p->items[0].company_number, "09876543");
  EXPECT_EQ(p->items[0].description_identifiers, std::vector<std::string>{"incorporated-on"});
  EXPECT_EQ(p->items[0].address.postal_code, "TE1 2ST");
  EXPECT_EQ(p->items[1].company_status, "");
  EXPECT_EQ(p->items[1].description_identifiers.size(), 2u);
}

TEST(ChParseTest, OfficerSearchPluralIdentifiersAndIdFromLinks) {
  Result<Page<OfficerSearchHit>> p = ParseOfficerSearch(Fixture("search_officers.json"));
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  ASSERT_EQ(p->items.size(), 1u);
  EXPECT_EQ(p->items[0].officer_id, "Zk3pQm9X_aB-cD4eF5gH6iJ7kL8");
  EXPECT_EQ(p->items[0].appointment_count, 2);
  EXPECT_EQ(p->items[0].date_of_birth, "1979-03");
  EXPECT_EQ(p->items[0].description_identifiers,
            (std::vector<std::string>{"appointment-count", "born-on"}));
}

TEST(ChParseTest, BrokenInputGivesAStatusNeverACrash) {
  struct Case {
    const char* json;
    StatusCode code;
  } profile_cases[] = {
      {"", StatusCode::kCorrupt},
      {"{\"company_number\":", StatusCode::kCorrupt},
      {"[1,2]", StatusCode::kCorrupt},
      {"{\"company_name\":\"X LTD\"}", StatusCode::kInvalidArgument},
      {"{\"company_number\":12345678}", StatusCode::kCorrupt},
      {"{\"company_number\":\"not a number\"}", StatusCode::kInvalidArgument},
  };
  for (const Case& c : profile_cases) {
    Result<Company> r = ParseCompanyProfile(c.json);
    ASSERT_FALSE(r.ok()) << c.json;
    EXPECT_EQ(r.status().code(), c.code) << c.json << " -> " << r.status().ToString();
    EXPECT_NE(r.status().message().find("company profile"), std::string::npos);
  }
  EXPECT_EQ(ParseOfficerList("{\"items\":{}}", "09876543").status().code(), StatusCode::kCorrupt);
  EXPECT_EQ(ParseOfficerList("{\"items\":[3]}", "09876543").status().code(), StatusCode::kCorrupt);
  EXPECT_EQ(ParseOfficerList("{\"total_results\":\"2\",\"items\":[]}", "09876543").status().code(),
            StatusCode::kCorrupt);
  EXPECT_EQ(ParsePscList("{\"items\":[]}", "bad number").status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseAppointments("{\"items\":[{\"officer_role\":\"director\"}]}").status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseCompanySearch("{\"items\":[{\"title\":\"NO NUMBER\"}]}").status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_FALSE(ParseOfficerSearch("nul").ok());
  // Odd but harmless types in optional members are ignored, not fatal.
  Result<Company> odd = ParseCompanyProfile(
      R"({"company_number":"1","company_name":7,"sic_codes":"x","date_of_birth":[]})");
  ASSERT_TRUE(odd.ok()) << odd.status().ToString();
  EXPECT_EQ(odd->name, "");
}

TEST(ChParseTest, EveryTruncationOfEveryFixtureIsAStatusNotACrash) {
  const char* names[] = {"company_profile.json", "registered_office.json", "officers_page.json",
                         "appointments.json",    "psc_page.json",          "search_companies.json",
                         "search_officers.json"};
  for (const char* name : names) {
    std::string body = Fixture(name);
    int failures = 0;
    for (size_t cut = 0; cut < body.size(); ++cut) {
      std::string_view part(body.data(), cut);
      failures += !ParseCompanyProfile(part).ok();
      failures += !ParseRegisteredOffice(part).ok();
      failures += !ParseOfficerList(part, "1").ok();
      failures += !ParseAppointments(part).ok();
      failures += !ParsePscList(part, "1").ok();
      failures += !ParseCompanySearch(part).ok();
      failures += !ParseOfficerSearch(part).ok();
    }
    // A strict prefix of one JSON object is never a whole JSON document
    // (trailing whitespace aside), so every cut fails every parser.
    EXPECT_GE(failures, static_cast<int>(7 * (body.size() - 2))) << name;
  }
}

}  // namespace
}  // namespace harrier::registry
