// The project's own Companies House client (CompaniesHouseClient over the
// daemon's CurlFetcher) against SourcesWorld: RunWalk collects the whole
// network, and the world's 429 carries an X-Ratelimit-Reset the client reads
// (it waits until then, not the 5-minute fallback) before asking again.
// Time is a FakeClock: nothing is slept.
#include <gtest/gtest.h>

#include <set>

#include "config/options.h"
#include "registry/ch_client.h"
#include "registry/fetcher_transport.h"
#include "registry/network_walk.h"
#include "registry/rate_limit.h"
#include "registry/walk_runner.h"
#include "scrapers/curl_fetcher.h"
#include "tests/support/sources_world.h"

namespace harrier::testing {
namespace {

using W = SourcesWorld;

struct Collected : registry::WalkSink {
  void OnCompany(const registry::Company& c) override { companies.insert(c.number); }
  void OnOfficer(const registry::Officer& o) override { officers.insert(o.officer_id); }
  void OnAppointment(const registry::Appointment&) override {}
  void OnPsc(const registry::Psc& p) override { pscs.insert(p.company_number + "/" + p.psc_id); }
  std::set<std::string> companies, officers, pscs;
};

config::FetchOptions LoopbackOptions() {
  config::FetchOptions o;
  o.connect_timeout_ms = 5000;
  o.total_timeout_ms = 10000;
  return o;
}

scrapers::HttpRequest LoopbackTemplate() {
  scrapers::HttpRequest r;
  r.allow_addresses = {"127.0.0.1"};
  return r;
}

TEST(SourcesWorldClientTest, RunWalkThroughTheFetcherWaitsOutA429AndCollectsEverything) {
  SourcesWorld world;
  ASSERT_TRUE(world.Start()) << world.error();
  const std::string limited = "/company/SC123456/officers";
  world.Fail429Once(limited, std::chrono::seconds(2));

  scrapers::CurlFetcher fetcher(LoopbackOptions());
  registry::FetcherTransport transport(fetcher, LoopbackTemplate());
  FakeClock clock;  // 2026-01-01: the world's reset headers follow it
  world.SetWallClock([&clock] { return clock.WallNow(); });
  registry::FakeSleeper sleeper(clock);
  registry::TokenBucket bucket(clock);
  registry::ClientOptions options;
  options.base_url = world.ch_base();
  registry::CompaniesHouseClient client(transport, bucket, clock, sleeper, W::kApiKey, options);

  registry::WalkSeeds seeds;
  seeds.company_numbers = {W::kChSeedCompany};
  registry::WalkOptions walk_options;
  walk_options.max_depth = W::kChMaxDepth;
  walk_options.request_budget = W::kChRequestBudget;
  walk_options.items_per_page = options.items_per_page;
  registry::NetworkWalk walk(seeds, walk_options);
  Collected sink;
  Status status = registry::RunWalk(walk, client, sink);
  ASSERT_TRUE(status.ok()) << status.ToString();

  EXPECT_EQ(static_cast<int>(sink.companies.size()), W::ExpectedCompanies());
  EXPECT_EQ(static_cast<int>(sink.officers.size()), W::ExpectedOfficers());
  EXPECT_EQ(static_cast<int>(sink.pscs.size()), W::ExpectedPscs());
  EXPECT_EQ(walk.failures().size(), 3u);  // the gone company's three 404s

  // The limited listing was asked twice (429, then 200); every other once.
  const std::string limited_request =
      limited + "?items_per_page=" + std::to_string(options.items_per_page) + "&start_index=0";
  EXPECT_EQ(world.ch().RequestCount(limited_request), 2);
  for (const std::string& path : W::ExpectedChWalkRequests(options.items_per_page)) {
    if (path != limited_request) {
      EXPECT_EQ(world.ch().RequestCount(path), 1) << path;
    }
  }
  // The client waited for the reset the header gave (2 s ahead of the fake
  // clock, in whole seconds), not the 5 minutes it waits without one.
  std::chrono::nanoseconds slept{0};
  for (auto d : sleeper.sleeps()) slept += d;
  EXPECT_GE(slept, std::chrono::seconds(1));
  EXPECT_LE(slept, std::chrono::seconds(2));
}

TEST(SourcesWorldClientTest, TheClientWithAnotherKeyIsRejectedAndTheWalkStops) {
  SourcesWorld world;
  ASSERT_TRUE(world.Start()) << world.error();
  scrapers::CurlFetcher fetcher(LoopbackOptions());
  registry::FetcherTransport transport(fetcher, LoopbackTemplate());
  FakeClock clock(std::chrono::system_clock::now());
  registry::FakeSleeper sleeper(clock);
  registry::TokenBucket bucket(clock);
  registry::ClientOptions options;
  options.base_url = world.ch_base();
  registry::CompaniesHouseClient client(transport, bucket, clock, sleeper,
                                        "00000000-0000-4000-8000-000000000000", options);
  registry::NetworkWalk walk({{W::kChSeedCompany}, {}, {}, {}}, registry::WalkOptions{});
  Collected sink;
  Status status = registry::RunWalk(walk, client, sink);
  EXPECT_EQ(status.code(), StatusCode::kRejected) << status.ToString();
  EXPECT_TRUE(sink.companies.empty());
  EXPECT_EQ(world.ch().TotalRequests(), 1);
}

}  // namespace
}  // namespace harrier::testing
