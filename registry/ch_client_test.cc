// The client over a FakeTransport: auth, paging, 401/404/429/5xx, malformed
// JSON, and the shared bucket, on a FakeClock (nothing sleeps).
#include "registry/ch_client.h"

#include <gtest/gtest.h>

#include <chrono>

#include "registry/api_key.h"
#include "registry/ch_client_test_util.h"
#include "registry/fake_transport.h"

namespace harrier::registry {
namespace {

using std::chrono::seconds;
using test::CompanyBody;
using test::kTestKey;
using test::OfficersPage;

constexpr char kBase[] = "https://api.company-information.service.gov.uk";

std::string Url(const std::string& path) { return kBase + path; }

struct ClientFixture {
  FakeClock clock;
  FakeSleeper sleeper{clock};
  TokenBucket bucket{clock};
  FakeTransport transport;
  CompaniesHouseClient client{transport, bucket, clock, sleeper, kTestKey};
};

TEST(CompaniesHouseClientTest, SendsBasicAuthAndKeepsTheKeyOutOfTheUrl) {
  ClientFixture f;
  f.transport.Add(Url("/company/01234567"), 200, CompanyBody("01234567", "EXAMPLE LTD"));
  Result<Company> c = f.client.GetCompany("1234567");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->name, "EXAMPLE LTD");
  auto requests = f.transport.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].url.find(kTestKey), std::string::npos);
  bool auth = false;
  for (const auto& [name, value] : requests[0].headers) {
    if (name == "Authorization") auth = value == BasicAuthHeader(kTestKey);
  }
  EXPECT_TRUE(auth);
}

TEST(CompaniesHouseClientTest, ListOfficersReadsAllThreePages) {
  ClientFixture f;
  const std::string path = "/company/01234567/officers?items_per_page=100&start_index=";
  f.transport.Add(Url(path + "0"), 200, OfficersPage("01234567", 0, 2, 5));
  f.transport.Add(Url(path + "2"), 200, OfficersPage("01234567", 2, 2, 5));
  f.transport.Add(Url(path + "4"), 200, OfficersPage("01234567", 4, 1, 5));
  Result<std::vector<OfficerEntry>> officers = f.client.ListOfficers("01234567");
  ASSERT_TRUE(officers.ok()) << officers.status().ToString();
  ASSERT_EQ(officers->size(), 5u);
  EXPECT_EQ((*officers)[4].officer.officer_id, "OfficerId4");
  EXPECT_EQ((*officers)[4].appointment.company_number, "01234567");
  EXPECT_EQ(f.transport.requests().size(), 3u);
}

TEST(CompaniesHouseClientTest, ListAppointmentsMergesPagesAndListPscsReadsAll) {
  ClientFixture f;
  const std::string q = "?items_per_page=100&start_index=";
  f.transport.Add(Url("/officers/OffA1/appointments" + q + "0"), 200,
                  R"({"name":"Example A","links":{"self":"/officers/OffA1/appointments"},
                      "start_index":0,"total_results":2,
                      "items":[{"appointed_to":{"company_number":"00000001"}}]})");
  f.transport.Add(Url("/officers/OffA1/appointments" + q + "1"), 200,
                  R"({"start_index":1,"total_results":2,
                      "items":[{"appointed_to":{"company_number":"SC000002"}}]})");
  Result<AppointmentsPage> a = f.client.ListAppointments("OffA1");
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->officer.name, "Example A");
  ASSERT_EQ(a->page.items.size(), 2u);
  EXPECT_EQ(a->page.items[1].company_number, "SC000002");
  EXPECT_EQ(a->page.items[1].officer_id, "OffA1");
  f.transport.Add(Url("/company/00000001/persons-with-significant-control" + q + "0"), 200,
                  R"({"start_index":0,"total_results":1,"items":[{"kind":
                      "super-secure-person-with-significant-control","links":{"self":
                      "/company/00000001/persons-with-significant-control/super-secure/S1"}}]})");
  Result<std::vector<Psc>> pscs = f.client.ListPscs("1");
  ASSERT_TRUE(pscs.ok()) << pscs.status().ToString();
  ASSERT_EQ(pscs->size(), 1u);
  EXPECT_EQ((*pscs)[0].kind, PartyKind::kSuperSecure);
}

TEST(CompaniesHouseClientTest, APageThatDoesNotAdvanceEndsTheListing) {
  ClientFixture f;
  // A server that claims more results but repeats an empty page.
  f.transport.Add(Url("/company/00000001/officers?items_per_page=100&start_index=0"), 200,
                  R"({"start_index":0,"total_results":50,"items":[]})");
  Result<std::vector<OfficerEntry>> o = f.client.ListOfficers("00000001");
  ASSERT_TRUE(o.ok());
  EXPECT_TRUE(o->empty());
  EXPECT_EQ(f.transport.requests().size(), 1u);
}

TEST(CompaniesHouseClientTest, Unauthorised401IsRejectedAndNotRetried) {
  ClientFixture f;
  f.transport.Add(Url("/company/01234567"), 401,
                  R"({"error":"Invalid Authorization","type":"ch:service"})");
  Result<Company> c = f.client.GetCompany("01234567");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), StatusCode::kRejected);
  EXPECT_NE(c.status().message().find("401"), std::string::npos);
  EXPECT_EQ(f.transport.requests().size(), 1u);
  EXPECT_TRUE(f.sleeper.sleeps().empty());
}

TEST(CompaniesHouseClientTest, NotFound404IsNotFound) {
  ClientFixture f;
  f.transport.Add(Url("/company/01234567"), 404,
                  R"({"errors":[{"error":"company-profile-not-found","type":"ch:service"}]})");
  EXPECT_EQ(f.client.GetCompany("01234567").status().code(), StatusCode::kNotFound);
}

TEST(CompaniesHouseClientTest, RateLimited429WaitsUntilResetThenSucceeds) {
  ClientFixture f;
  // FakeClock starts at 1767225600; the window resets 137 s later.
  f.transport.Add(Url("/company/01234567"), 429, "", {{"X-Ratelimit-Reset", "1767225737"}});
  f.transport.Add(Url("/company/01234567"), 200, CompanyBody("01234567", "EXAMPLE LTD"));
  Result<Company> c = f.client.GetCompany("01234567");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(f.transport.requests().size(), 2u);
  ASSERT_EQ(f.sleeper.sleeps().size(), 1u);
  EXPECT_EQ(f.sleeper.sleeps()[0], seconds(137));
}

TEST(CompaniesHouseClientTest, RateLimitedWithoutResetWaitsFiveMinutesAndGivesUpInTheEnd) {
  ClientFixture f;
  f.transport.Add(Url("/company/01234567"), 429, "");
  Result<Company> c = f.client.GetCompany("01234567");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), StatusCode::kUnavailable);
  EXPECT_EQ(f.transport.requests().size(), 4u);  // 1 + max_429_retries
  for (auto s : f.sleeper.sleeps()) EXPECT_EQ(s, seconds(300));
  EXPECT_EQ(f.sleeper.sleeps().size(), 3u);  // before each retry; the bucket stays drained
}

TEST(CompaniesHouseClientTest, ServerErrorIsUnavailable) {
  ClientFixture f;
  f.transport.Add(Url("/company/01234567"), 502, "bad gateway");
  EXPECT_EQ(f.client.GetCompany("01234567").status().code(), StatusCode::kUnavailable);
}

TEST(CompaniesHouseClientTest, MalformedJsonNamesThePathButNotTheKey) {
  ClientFixture f;
  f.transport.Add(Url("/company/01234567"), 200, "{\"company_number\": \"0123");
  Result<Company> c = f.client.GetCompany("01234567");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), StatusCode::kCorrupt);
  EXPECT_NE(c.status().message().find("/company/01234567"), std::string::npos);
  EXPECT_EQ(c.status().message().find(kTestKey), std::string::npos);
}

TEST(CompaniesHouseClientTest, BadIdsAreRefusedBeforeAnythingIsSent) {
  ClientFixture f;
  EXPECT_EQ(f.client.GetCompany("../admin").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(f.client.ListAppointments("a/../b").status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(f.transport.requests().empty());
}

TEST(CompaniesHouseClientTest, TheSharedBucketHoldsBackTheClient) {
  FakeClock clock;
  FakeSleeper sleeper(clock);
  TokenBucket bucket(clock, 2, seconds(10));
  FakeTransport transport;
  transport.Add(Url("/company/01234567"), 200, CompanyBody("01234567", "EXAMPLE LTD"));
  CompaniesHouseClient a(transport, bucket, clock, sleeper, kTestKey);
  CompaniesHouseClient b(transport, bucket, clock, sleeper, kTestKey);
  ASSERT_TRUE(a.GetCompany("01234567").ok());
  ASSERT_TRUE(b.GetCompany("01234567").ok());
  EXPECT_TRUE(sleeper.sleeps().empty());
  ASSERT_TRUE(a.GetCompany("01234567").ok());
  ASSERT_EQ(sleeper.sleeps().size(), 1u);
  EXPECT_EQ(sleeper.sleeps()[0], seconds(10));
}

TEST(CompaniesHouseClientTest, SearchEncodesTheQuery) {
  ClientFixture f;
  f.transport.Add(Url("/search/companies?q=TE1%202ST%26x&items_per_page=100&start_index=0"), 200,
                  R"({"items":[{"company_number":"01234567","title":"EXAMPLE LTD"}],
                      "total_results":1,"start_index":0,"items_per_page":20})");
  Result<Page<CompanySearchHit>> p = f.client.SearchCompanies("TE1 2ST&x");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  ASSERT_EQ(p->items.size(), 1u);
  EXPECT_EQ(p->items[0].company_number, "01234567");
}

}  // namespace
}  // namespace harrier::registry
