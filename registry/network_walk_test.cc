// NetworkWalk and RunWalk on a small invented network served by a
// FakeTransport: 5 companies, 6 officers, shared officers and a cycle.
#include "registry/network_walk.h"

#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "registry/ch_client_test_util.h"
#include "registry/fake_transport.h"
#include "registry/walk_runner.h"

namespace harrier::registry {
namespace {

using nlohmann::json;

constexpr char kBase[] = "https://api.company-information.service.gov.uk";

// company -> officers; officer -> companies. Depths from C1: C1 0; O1 O2 1;
// C2 C3 2; O3 O4 O5 3; C4 C5 4; O6 5. O5 also leads back to C1 (a cycle).
const std::map<std::string, std::vector<std::string>> kCompanyOfficers = {
    {"00000001", {"OffA1", "OffB2"}},
    {"00000002", {"OffA1", "OffC3"}},
    {"00000003", {"OffB2", "OffD4", "OffE5"}},
    {"00000004", {"OffC3", "OffF6"}},
    {"00000005", {"OffD4", "OffF6"}}};
const std::map<std::string, std::vector<std::string>> kOfficerCompanies = {
    {"OffA1", {"00000001", "00000002"}}, {"OffB2", {"00000001", "00000003"}},
    {"OffC3", {"00000002", "00000004"}}, {"OffD4", {"00000003", "00000005"}},
    {"OffE5", {"00000003", "00000001"}}, {"OffF6", {"00000004", "00000005"}}};

json OfficerItem(const std::string& company, const std::string& id) {
  return {{"name", "EXAMPLE, " + id},
          {"officer_role", "director"},
          {"links",
           {{"self", "/company/" + company + "/appointments/" + id + company},
            {"officer", {{"appointments", "/officers/" + id + "/appointments"}}}}}};
}

std::string Paged(const json& items, int64_t start, int64_t total) {
  return json{
      {"items", items}, {"start_index", start}, {"total_results", total}, {"items_per_page", 100}}
      .dump();
}

void Serve(FakeTransport& t) {
  const std::string q = "?items_per_page=100&start_index=";
  for (const auto& [number, officers] : kCompanyOfficers) {
    t.Add(kBase + ("/company/" + number), 200,
          test::CompanyBody(number, "EXAMPLE " + number + " LTD"));
    t.Add(kBase + ("/company/" + number + "/persons-with-significant-control" + q + "0"), 200,
          Paged(json::array(), 0, 0));
    json items = json::array();
    for (const auto& id : officers) items.push_back(OfficerItem(number, id));
    if (number == "00000003") {  // two pages: 2 + 1
      t.Add(kBase + ("/company/" + number + "/officers" + q + "0"), 200,
            Paged(json::array({items[0], items[1]}), 0, 3));
      t.Add(kBase + ("/company/" + number + "/officers" + q + "2"), 200,
            Paged(json::array({items[2]}), 2, 3));
    } else {
      t.Add(kBase + ("/company/" + number + "/officers" + q + "0"), 200,
            Paged(items, 0, static_cast<int64_t>(items.size())));
    }
  }
  for (const auto& [id, companies] : kOfficerCompanies) {
    json items = json::array();
    for (const auto& n : companies) {
      items.push_back({{"appointed_to", {{"company_number", n}}}, {"officer_role", "director"}});
    }
    json body = json::parse(Paged(items, 0, static_cast<int64_t>(items.size())));
    body["name"] = "Example " + id;
    body["links"] = {{"self", "/officers/" + id + "/appointments"}};
    t.Add(kBase + ("/officers/" + id + "/appointments" + q + "0"), 200, body.dump());
  }
}

struct RecordingSink : WalkSink {
  std::map<std::string, int> companies;
  std::set<std::string> officers;
  std::set<std::pair<std::string, std::string>> appointments;  // (officer, company)
  void OnCompany(const Company& c) override { ++companies[c.number]; }
  void OnOfficer(const Officer& o) override { officers.insert(o.officer_id); }
  void OnAppointment(const Appointment& a) override {
    appointments.insert({a.officer_id, a.company_number});
  }
  void OnPsc(const Psc&) override {}
};

struct WalkFixture {
  FakeClock clock;
  FakeSleeper sleeper{clock};
  TokenBucket bucket{clock};
  FakeTransport transport;
  CompaniesHouseClient client{transport, bucket, clock, sleeper, test::kTestKey};
  RecordingSink sink;
  WalkFixture() { Serve(transport); }
};

TEST(NetworkWalkTest, CollectsTheWholeNetworkOnceWithinBudget) {
  WalkFixture f;
  WalkOptions options;
  options.max_depth = 6;
  options.request_budget = 40;
  NetworkWalk walk({{"1"}, {}, {}, {}}, options);
  ASSERT_TRUE(RunWalk(walk, f.client, f.sink).ok());
  // 5 companies x (profile, officers, PSCs) + 1 extra officers page + 6 officers.
  EXPECT_EQ(walk.issued(), 22);
  EXPECT_TRUE(walk.failures().empty());
  std::vector<std::string> urls = f.transport.urls();
  EXPECT_EQ(urls.size(), 22u);
  EXPECT_EQ(std::set<std::string>(urls.begin(), urls.end()).size(), urls.size());  // once each
  EXPECT_EQ(f.sink.companies.size(), 5u);
  for (const auto& [number, n] : f.sink.companies) EXPECT_EQ(n, 1) << number;
  EXPECT_EQ(f.sink.officers.size(), 6u);
  for (const auto& [id, companies] : kOfficerCompanies) {
    for (const auto& n : companies) EXPECT_TRUE(f.sink.appointments.count({id, n})) << id << n;
  }
}

TEST(NetworkWalkTest, ASmallerBudgetStopsThereWithTheNearestFirst) {
  WalkFixture f;
  WalkOptions options;
  options.max_depth = 6;
  options.request_budget = 8;
  NetworkWalk walk({{"00000001"}, {}, {}, {}}, options);
  ASSERT_TRUE(RunWalk(walk, f.client, f.sink).ok());
  EXPECT_EQ(walk.issued(), 8);
  EXPECT_TRUE(walk.budget_spent());
  EXPECT_GT(walk.pending(), 0u);
  const std::string q = "?items_per_page=100&start_index=0";
  std::vector<std::string> expected = {
      "/company/00000001",
      "/company/00000001/officers" + q,
      "/company/00000001/persons-with-significant-control" + q,  // depth 0
      "/officers/OffA1/appointments" + q,
      "/officers/OffB2/appointments" + q,  // depth 1
      "/company/00000002",
      "/company/00000002/officers" + q,
      "/company/00000002/persons-with-significant-control" + q};  // depth 2, first found
  for (auto& e : expected) e = kBase + e;
  EXPECT_EQ(f.transport.urls(), expected);
}

TEST(NetworkWalkTest, MaxDepthBoundsTheWalk) {
  WalkFixture f;
  WalkOptions options;
  options.max_depth = 2;  // C1, its officers, their companies C2 and C3
  NetworkWalk walk({{"00000001"}, {}, {}, {}}, options);
  ASSERT_TRUE(RunWalk(walk, f.client, f.sink).ok());
  EXPECT_EQ(f.sink.companies.size(), 3u);
  EXPECT_FALSE(f.sink.companies.count("00000004"));
  for (const std::string& url : f.transport.urls()) {
    EXPECT_EQ(url.find("OffC3/appointments"), std::string::npos);  // depth 3
  }
}

TEST(NetworkWalkTest, OfficerSeedAndNotFoundCompanyAreHandled) {
  WalkFixture f;
  f.transport.Add(
      std::string(kBase) + "/officers/OffZ9/appointments?items_per_page=100&start_index=0", 200,
      R"({"items":[{"appointed_to":{"company_number":"09999999"}}],"total_results":1})");
  WalkOptions options;
  options.max_depth = 1;
  NetworkWalk walk({{}, {"OffZ9", "bad/id"}, {}, {}}, options);
  EXPECT_EQ(walk.rejected_seeds(), 1);
  ASSERT_TRUE(RunWalk(walk, f.client, f.sink).ok());
  // 09999999 is not served: its three requests are 404, recorded, not fatal.
  ASSERT_EQ(walk.failures().size(), 3u);
  EXPECT_EQ(walk.failures()[0].second.code(), StatusCode::kNotFound);
  EXPECT_EQ(walk.issued(), 4);
}

TEST(NetworkWalkTest, PostcodeSeedKeepsOnlyCompaniesRegisteredThere) {
  WalkFixture f;
  f.transport.Add(
      std::string(kBase) + "/search/companies?q=TE1%202ST&items_per_page=100&start_index=0", 200,
      R"({"items":[
      {"company_number":"00000004","address":{"postal_code":"te1 2st"}},
      {"company_number":"00000005","address":{"postal_code":"TE9 9XX"},"title":"TE1 2ST mention"}],
      "total_results":2})");
  WalkOptions options;
  options.max_depth = 0;
  NetworkWalk walk({{}, {}, {}, {"TE1 2ST"}}, options);
  ASSERT_TRUE(RunWalk(walk, f.client, f.sink).ok());
  EXPECT_EQ(f.sink.companies.size(), 1u);
  EXPECT_TRUE(f.sink.companies.count("00000004"));
}

TEST(NetworkWalkTest, OfficerIdsThatAreNotUrlSafeAreNotFollowed) {
  NetworkWalk walk({{"00000001"}, {}, {}, {}}, WalkOptions{});
  WalkRequest officers;
  while (std::optional<WalkRequest> r = walk.Next()) {
    if (r->kind == WalkRequestKind::kOfficers) officers = *r;
  }
  Page<OfficerEntry> page;
  page.items.resize(2);
  page.items[0].officer.officer_id = "../../search/companies";
  page.items[1].officer.officer_id = "GoodId_1";
  walk.OnOfficers(officers, page);
  std::optional<WalkRequest> next = walk.Next();
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(next->key, "GoodId_1");
  EXPECT_FALSE(walk.Next().has_value());
}

TEST(NetworkWalkTest, RetryPutsARequestBackBeforeDeeperOnes) {
  WalkOptions options;
  options.request_budget = 10;
  NetworkWalk walk({{"00000001"}, {}, {}, {}}, options);
  std::optional<WalkRequest> first = walk.Next();
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->kind, WalkRequestKind::kCompany);
  walk.Retry(*first);  // e.g. a 429
  std::optional<WalkRequest> again = walk.Next();
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->kind, WalkRequestKind::kCompany);
  EXPECT_EQ(again->key, "00000001");
  EXPECT_EQ(walk.issued(), 2);
  EXPECT_EQ(walk.Next()->kind, WalkRequestKind::kOfficers);
}

TEST(NetworkWalkTest, ARefusedKeyStopsTheWalk) {
  FakeClock clock;
  FakeSleeper sleeper(clock);
  TokenBucket bucket(clock);
  FakeTransport transport;
  transport.Add(std::string(kBase) + "/company/00000001", 401,
                R"({"error":"Invalid Authorization"})");
  CompaniesHouseClient client(transport, bucket, clock, sleeper, test::kTestKey);
  RecordingSink sink;
  NetworkWalk walk({{"00000001"}, {}, {}, {}}, WalkOptions{});
  EXPECT_EQ(RunWalk(walk, client, sink).code(), StatusCode::kRejected);
  EXPECT_EQ(transport.requests().size(), 1u);
}

}  // namespace
}  // namespace harrier::registry
