// The client against a real HTTP server on 127.0.0.1 through the daemon's
// CurlFetcher (FetcherTransport): the bytes on the wire carry the Basic
// credential, listings are paged, and 401, 404, 429 and malformed JSON come
// back as the right Status. Time is a FakeClock: the 429 wait is not slept.
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>

#include "config/options.h"
#include "registry/api_key.h"
#include "registry/ch_client.h"
#include "registry/ch_client_test_util.h"
#include "registry/fetcher_transport.h"
#include "scrapers/curl_fetcher.h"
#include "tests/support/fixture_server.h"

namespace harrier::registry {
namespace {

using harrier::testing::FixtureServer;
using test::CompanyBody;
using test::kTestKey;
using test::OfficersPage;

config::FetchOptions LoopbackOptions() {
  config::FetchOptions o;
  o.connect_timeout_ms = 5000;
  o.total_timeout_ms = 10000;
  return o;
}

scrapers::HttpRequest LoopbackTemplate() {
  scrapers::HttpRequest r;
  r.allow_addresses = {"127.0.0.1"};  // the address guard refuses loopback otherwise
  return r;
}

struct HttpFixture {
  FixtureServer server;
  scrapers::CurlFetcher fetcher{LoopbackOptions()};
  FetcherTransport transport{fetcher, LoopbackTemplate()};
  FakeClock clock;
  FakeSleeper sleeper{clock};
  TokenBucket bucket{clock};
  std::unique_ptr<CompaniesHouseClient> client;

  bool Start() {
    if (!server.Start()) return false;
    ClientOptions options;
    options.base_url = server.base_url();
    options.items_per_page = 2;
    client = std::make_unique<CompaniesHouseClient>(transport, bucket, clock, sleeper, kTestKey,
                                                    options);
    return true;
  }
};

TEST(CompaniesHouseHttpTest, PagesOfficersOverHttpWithBasicAuthOnTheWire) {
  HttpFixture f;
  ASSERT_TRUE(f.Start());
  std::vector<std::string> auths;
  std::mutex mu;
  f.server.SetHandler(
      "/company/01234567/officers", [&](const httplib::Request& req, httplib::Response& res) {
        {
          std::lock_guard<std::mutex> lock(mu);
          auths.push_back(req.get_header_value("Authorization"));
        }
        int64_t start = std::stoll(req.get_param_value("start_index"));
        int64_t count = start == 4 ? 1 : 2;
        res.set_content(OfficersPage("01234567", start, count, 5), "application/json");
      });
  Result<std::vector<OfficerEntry>> officers = f.client->ListOfficers("01234567");
  ASSERT_TRUE(officers.ok()) << officers.status().ToString();
  EXPECT_EQ(officers->size(), 5u);
  EXPECT_EQ(f.server.TotalRequests(), 3);
  ASSERT_EQ(auths.size(), 3u);
  for (const std::string& a : auths) EXPECT_EQ(a, BasicAuthHeader(kTestKey));
  for (const std::string& p : f.server.RequestedPaths()) {
    EXPECT_EQ(p.find(kTestKey), std::string::npos) << p;
  }
}

TEST(CompaniesHouseHttpTest, Unauthorised401IsRejectedOnce) {
  HttpFixture f;
  ASSERT_TRUE(f.Start());
  f.server.SetOverride("/company/01234567",
                       R"({"error":"Invalid Authorization","type":"ch:service"})",
                       "application/json", 401);
  EXPECT_EQ(f.client->GetCompany("01234567").status().code(), StatusCode::kRejected);
  EXPECT_EQ(f.server.TotalRequests(), 1);
}

TEST(CompaniesHouseHttpTest, NotFound404IsNotFound) {
  HttpFixture f;
  ASSERT_TRUE(f.Start());
  f.server.SetOverride("/company/07654321",
                       R"({"errors":[{"error":"company-profile-not-found","type":"ch:service"}]})",
                       "application/json", 404);
  EXPECT_EQ(f.client->GetCompany("07654321").status().code(), StatusCode::kNotFound);
}

TEST(CompaniesHouseHttpTest, RateLimited429WaitsForTheResetThenSucceeds) {
  HttpFixture f;
  ASSERT_TRUE(f.Start());
  std::atomic<int> calls{0};
  f.server.SetHandler("/company/01234567", [&](const httplib::Request&, httplib::Response& res) {
    if (calls++ == 0) {
      res.status = 429;
      res.set_header("X-Ratelimit-Limit", "600");
      res.set_header("X-Ratelimit-Remain", "0");
      res.set_header("X-Ratelimit-Reset", "1767225660");  // FakeClock start + 60 s
      return;
    }
    res.set_content(CompanyBody("01234567", "EXAMPLE LTD"), "application/json");
  });
  Result<Company> c = f.client->GetCompany("01234567");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->name, "EXAMPLE LTD");
  EXPECT_EQ(calls.load(), 2);
  ASSERT_EQ(f.sleeper.sleeps().size(), 1u);
  EXPECT_EQ(f.sleeper.sleeps()[0], std::chrono::seconds(60));
}

TEST(CompaniesHouseHttpTest, MalformedJsonIsCorruptAndNamesThePath) {
  HttpFixture f;
  ASSERT_TRUE(f.Start());
  f.server.SetOverride("/company/01234567", "{\"company_number\":", "application/json");
  Result<Company> c = f.client->GetCompany("01234567");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), StatusCode::kCorrupt);
  EXPECT_NE(c.status().message().find("/company/01234567"), std::string::npos);
  EXPECT_EQ(c.status().message().find(kTestKey), std::string::npos);
}

}  // namespace
}  // namespace harrier::registry
