// SourcesWorld is what it says: every endpoint answers with what the
// project's parsers accept, listings page as documented, the failure switches
// and the 401/404/302 cases behave like the real services, the shared phone
// and postcode are what the extractors find, and the expected counts are the
// counts a complete walk over the world actually gets. Plain blocking
// httplib clients, not the daemon.
#include "tests/support/sources_world.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <algorithm>
#include <set>

#include "config/loader.h"
#include "extractors/phone_extractor.h"
#include "extractors/postcode_extractor.h"
#include "registry/api_key.h"
#include "registry/ch_parse.h"
#include "registry/network_walk.h"
#include "registry/walk_runner.h"

namespace harrier::testing {
namespace {

using W = SourcesWorld;

class SourcesWorldTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(world_.Start()) << world_.error(); }

  // A GET on `base` with the world's key (or `auth` as given; "" for none).
  httplib::Result Get(const std::string& base, const std::string& path_and_query,
                      const std::string& auth = registry::BasicAuthHeader(W::kApiKey)) {
    httplib::Client client(base);
    client.set_follow_location(false);
    httplib::Headers headers;
    if (!auth.empty()) headers.emplace("Authorization", auth);
    return client.Get(path_and_query, headers);
  }
  httplib::Result Ch(const std::string& path) { return Get(world_.ch_base(), path); }

  SourcesWorld world_;
};

// ---------------------------------------------------------------- Companies House

TEST_F(SourcesWorldTest, CompanyAIsRegisteredAtTheSharedPostcodeTheExtractorAccepts) {
  auto res = Ch("/company/09999001");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  Result<registry::Company> company = registry::ParseCompanyProfile(res->body);
  ASSERT_TRUE(company.ok()) << company.status().message();
  EXPECT_EQ(company->number, W::kCompanyA);
  EXPECT_EQ(company->registered_office.postal_code, W::kSharedPostcode);
  EXPECT_EQ(extractors::NormalizePostcode(W::kSharedPostcode).value_or(""), W::kSharedPostcode);
  EXPECT_TRUE(res->has_header("X-Ratelimit-Remain"));
  EXPECT_TRUE(res->has_header("X-Ratelimit-Reset"));

  auto office = Ch("/company/SC123456/registered-office-address");
  ASSERT_TRUE(office);
  Result<registry::Address> address = registry::ParseRegisteredOffice(office->body);
  ASSERT_TRUE(address.ok()) << address.status().message();
  EXPECT_NE(address->postal_code, W::kSharedPostcode);
}

TEST_F(SourcesWorldTest, CompaniesHouseRefusesRequestsWithoutTheKeyLikeTheApi) {
  const std::string key = W::kApiKey;
  for (const std::string& auth :
       {std::string(), registry::BasicAuthHeader("not-the-key"),
        "Basic " + std::string("N2MxZTRhMmItNWQzZi00ZTZhLTliOGMtMGQxZTJmM2E0YjVj"),  // no colon
        "Bearer " + key}) {
    auto res = Get(world_.ch_base(), "/company/09999001", auth);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 401) << auth;
    EXPECT_NE(res->body.find("Invalid Authorization"), std::string::npos);
  }
}

TEST_F(SourcesWorldTest, OfficersOfCompanyAComeTwoPerPageWithTheApisPagingBlock) {
  auto first = Ch("/company/09999001/officers?items_per_page=100&start_index=0");
  ASSERT_TRUE(first);
  auto page1 = registry::ParseOfficerList(first->body, W::kCompanyA);
  ASSERT_TRUE(page1.ok()) << page1.status().message();
  EXPECT_EQ(page1->items.size(), 2u);
  EXPECT_EQ(page1->paging.total_results, 3);
  EXPECT_EQ(page1->paging.items_per_page, W::kChMaxItemsPerPage);
  ASSERT_EQ(page1->next_start_index, std::optional<int64_t>(2));

  auto second = Ch("/company/09999001/officers?items_per_page=100&start_index=2");
  ASSERT_TRUE(second);
  auto page2 = registry::ParseOfficerList(second->body, W::kCompanyA);
  ASSERT_TRUE(page2.ok()) << page2.status().message();
  ASSERT_EQ(page2->items.size(), 1u);
  EXPECT_EQ(page2->paging.start_index, 2);
  EXPECT_FALSE(page2->next_start_index.has_value());
  EXPECT_EQ(page2->items[0].officer.officer_id, W::kOfficerQuillfeather);
  EXPECT_EQ(page2->items[0].appointment.resigned_on, "2021-06-30");

  // A smaller page than the cap is honoured too.
  auto one = Ch("/company/09999001/officers?items_per_page=1&start_index=1");
  ASSERT_TRUE(one);
  auto middle = registry::ParseOfficerList(one->body, W::kCompanyA);
  ASSERT_TRUE(middle.ok());
  ASSERT_EQ(middle->items.size(), 1u);
  EXPECT_EQ(middle->items[0].officer.officer_id, W::kOfficerVellacott);
  EXPECT_EQ(middle->next_start_index, std::optional<int64_t>(2));
}

TEST_F(SourcesWorldTest, PscsOfCompanyAAreAnIndividualAndCompanyC) {
  auto res = Ch("/company/09999001/persons-with-significant-control?items_per_page=25");
  ASSERT_TRUE(res);
  auto page = registry::ParsePscList(res->body, W::kCompanyA);
  ASSERT_TRUE(page.ok()) << page.status().message();
  ASSERT_EQ(page->items.size(), 2u);
  EXPECT_EQ(page->items[0].kind, registry::PartyKind::kPerson);
  EXPECT_EQ(page->items[1].kind, registry::PartyKind::kCorporate);
  EXPECT_EQ(page->items[1].registration_number, W::kCompanyC);

  auto none = Ch("/company/09999003/persons-with-significant-control");
  ASSERT_TRUE(none);
  auto empty = registry::ParsePscList(none->body, W::kCompanyC);
  ASSERT_TRUE(empty.ok()) << empty.status().message();
  EXPECT_TRUE(empty->items.empty());
}

TEST_F(SourcesWorldTest, AshworthIsAppointedInCompaniesAAndB) {
  auto res = Ch(std::string("/officers/") + W::kOfficerAshworth + "/appointments");
  ASSERT_TRUE(res);
  auto page = registry::ParseAppointments(res->body);
  ASSERT_TRUE(page.ok()) << page.status().message();
  EXPECT_EQ(page->officer.officer_id, W::kOfficerAshworth);
  std::set<std::string> companies;
  for (const auto& a : page->page.items) companies.insert(a.company_number);
  EXPECT_EQ(companies, (std::set<std::string>{W::kCompanyA, W::kCompanyB}));
}

TEST_F(SourcesWorldTest, TheGoneCompanyIsA404WithTheApisBody) {
  for (const std::string& path : {std::string("/company/09999404"),
                                  std::string("/company/09999404/officers?start_index=0")}) {
    auto res = Ch(path);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 404) << path;
    EXPECT_NE(res->body.find("company-profile-not-found"), std::string::npos);
  }
}

TEST_F(SourcesWorldTest, Fail429OnceAnswers429WithAResetAheadThenServesNormally) {
  world_.Fail429Once("/company/09999001");
  const int64_t before = std::chrono::duration_cast<std::chrono::seconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count();
  auto limited = Ch("/company/09999001");
  ASSERT_TRUE(limited);
  EXPECT_EQ(limited->status, 429);
  EXPECT_EQ(limited->get_header_value("X-Ratelimit-Remain"), "0");
  const int64_t reset = std::stoll(limited->get_header_value("X-Ratelimit-Reset"));
  EXPECT_GE(reset, before + 1);
  EXPECT_LE(reset, before + 10);
  auto again = Ch("/company/09999001");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 200);
  // Other paths were never affected.
  EXPECT_EQ(world_.ch().RequestCount("/company/09999001"), 2);
}

TEST_F(SourcesWorldTest, MalformedJsonSwitchBreaksTheParserUntilCleared) {
  world_.MalformedJson("/company/SC123456");
  auto bad = Ch("/company/SC123456");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 200);
  EXPECT_EQ(registry::ParseCompanyProfile(bad->body).status().code(), StatusCode::kCorrupt);
  world_.MalformedJson("/company/SC123456", false);
  auto good = Ch("/company/SC123456");
  ASSERT_TRUE(good);
  EXPECT_TRUE(registry::ParseCompanyProfile(good->body).ok());
}

TEST_F(SourcesWorldTest, CompanySearchFindsByNameAndByRegisteredOfficePostcode) {
  auto by_name = Ch("/search/companies?q=copperwick&items_per_page=20&start_index=0");
  ASSERT_TRUE(by_name);
  auto hits = registry::ParseCompanySearch(by_name->body);
  ASSERT_TRUE(hits.ok()) << hits.status().message();
  EXPECT_EQ(hits->items.size(), 3u);

  auto by_postcode = Ch("/search/companies?q=te74qj");
  ASSERT_TRUE(by_postcode);
  auto at = registry::ParseCompanySearch(by_postcode->body);
  ASSERT_TRUE(at.ok());
  ASSERT_EQ(at->items.size(), 1u);
  EXPECT_EQ(at->items[0].company_number, W::kCompanyA);
  EXPECT_EQ(at->items[0].address.postal_code, W::kSharedPostcode);
}

TEST_F(SourcesWorldTest, OfficerSearchFindsTheOfficerWithBothAppointments) {
  auto res = Ch("/search/officers?q=ashworth");
  ASSERT_TRUE(res);
  auto hits = registry::ParseOfficerSearch(res->body);
  ASSERT_TRUE(hits.ok()) << hits.status().message();
  ASSERT_EQ(hits->items.size(), 1u);
  EXPECT_EQ(hits->items[0].officer_id, W::kOfficerAshworth);
  EXPECT_EQ(hits->items[0].appointment_count, 2);
  auto none = Ch("/search/officers?q=nobody");
  ASSERT_TRUE(none);
  auto empty = registry::ParseOfficerSearch(none->body);
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->items.empty());
}

// Counts what a walk hands to its sink, by identity.
struct CountingSink : registry::WalkSink {
  void OnCompany(const registry::Company& c) override { companies.insert(c.number); }
  void OnOfficer(const registry::Officer& o) override { officers.insert(o.officer_id); }
  void OnAppointment(const registry::Appointment& a) override {
    appointments.insert(a.officer_id + "@" + a.company_number);
    if (!a.resigned_on.empty()) resigned.insert(a.officer_id + "@" + a.company_number);
  }
  void OnPsc(const registry::Psc& p) override { pscs.insert(p.company_number + "/" + p.psc_id); }
  std::set<std::string> companies, officers, appointments, resigned, pscs;
};

TEST_F(SourcesWorldTest, AFullWalkFromTheSeedCollectsTheWholeNetworkWithEachRequestOnce) {
  registry::WalkSeeds seeds;
  seeds.company_numbers = {W::kChSeedCompany};
  registry::WalkOptions options;
  options.max_depth = W::kChMaxDepth;
  options.request_budget = W::kChRequestBudget;
  registry::NetworkWalk walk(seeds, options);
  CountingSink sink;
  int not_found = 0;
  while (auto request = walk.Next()) {
    auto res = Ch(request->Path(options.items_per_page));
    ASSERT_TRUE(res);
    if (res->status == 404) {
      ++not_found;
      walk.OnFailed(*request, Status(StatusCode::kNotFound, "404"));
      continue;
    }
    ASSERT_EQ(res->status, 200) << request->Path(options.items_per_page);
    Status consumed = registry::ConsumeReply(walk, *request, res->body, sink);
    ASSERT_TRUE(consumed.ok()) << consumed.message();
  }
  EXPECT_EQ(static_cast<int>(sink.companies.size()), W::ExpectedCompanies());
  EXPECT_EQ(static_cast<int>(sink.officers.size()), W::ExpectedOfficers());
  EXPECT_EQ(static_cast<int>(sink.pscs.size()), W::ExpectedPscs());
  EXPECT_EQ(static_cast<int>(sink.resigned.size()), W::ExpectedResignedAppointments());
  // Appointments seen from both sides (listings and appointment lists) are one.
  EXPECT_EQ(static_cast<int>(sink.appointments.size()),
            W::ExpectedAppointmentsIncludingGoneCompany());
  EXPECT_EQ(not_found, 3);  // the gone company's profile, officers and PSCs

  const std::vector<std::string> expected = W::ExpectedChWalkRequests(options.items_per_page);
  EXPECT_EQ(walk.issued(), static_cast<int>(expected.size()));
  std::vector<std::string> got = world_.ChApiRequests();
  std::vector<std::string> want = expected;
  std::sort(got.begin(), got.end());
  std::sort(want.begin(), want.end());
  EXPECT_EQ(got, want);
  for (const std::string& path : expected) EXPECT_EQ(world_.ch().RequestCount(path), 1) << path;
}

// ---------------------------------------------------------------- site and config

TEST_F(SourcesWorldTest, TheAdvertMentionsTheSharedPhoneAndPostcode) {
  auto index = Get(world_.site_base(), "/");
  ASSERT_TRUE(index);
  EXPECT_NE(index->body.find("class=\"advert-link\" href=\"/advert/1.html\""), std::string::npos);
  auto advert = Get(world_.site_base(), "/advert/1.html");
  ASSERT_TRUE(advert);
  ASSERT_EQ(advert->status, 200);
  extractors::PhoneExtractor phones("GB", /*accept_drama_ranges=*/true);
  std::set<std::string> found;
  for (const Selector& s : phones.Extract(advert->body)) found.insert(s.value);
  EXPECT_EQ(found, std::set<std::string>{W::kSharedPhoneE164});
  std::set<std::string> postcodes;
  for (const Selector& s : extractors::ExtractPostcodes(advert->body)) postcodes.insert(s.value);
  EXPECT_EQ(postcodes, std::set<std::string>{W::kSharedPostcode});
  auto image = Get(world_.site_base(), "/img/advert1_a.png");
  ASSERT_TRUE(image);
  EXPECT_EQ(image->body.substr(1, 3), "PNG");
}

TEST_F(SourcesWorldTest, TheWrittenSiteProfileLoadsAndStartsAtTheSite) {
  TempDir dir;
  const std::string path = world_.WriteSiteProfile(dir.path());
  ASSERT_FALSE(path.empty());
  Result<config::SiteProfile> profile = config::LoadSiteProfile(path);
  ASSERT_TRUE(profile.ok()) << profile.status().message();
  EXPECT_EQ(profile->name, W::kSiteProfileName);
  ASSERT_EQ(profile->start_urls.size(), 1u);
  EXPECT_EQ(profile->start_urls[0], world_.site_base() + "/index.html");
}

}  // namespace
}  // namespace harrier::testing
