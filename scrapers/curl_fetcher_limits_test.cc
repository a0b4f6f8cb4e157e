// CurlFetcher's limits against a real server on loopback: body caps and
// decompression bombs, drip-fed bodies, per-host concurrency and delay.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "scrapers/curl_fetcher.h"
#include "scrapers/curl_fetcher_test_util.h"
#include "tests/support/fixture_server.h"

namespace harrier::scrapers {
namespace {

using harrier::testing::FixtureServer;
using test::Completions;
using test::Fetch;
using test::Gate;
using test::Get;
using test::Gzip;
using test::kWait;
using test::OpenOnExit;
using test::ServeGzip;
using test::TestOptions;
using ::testing::HasSubstr;
using Clock = std::chrono::steady_clock;

// ---- Body caps (R3, R4) ----------------------------------------------------

TEST(CurlFetcherTest, EndlessChunkedBodyIsCutAtCap) {
  constexpr int64_t kCap = 1 << 20;
  Gate server_done;
  FixtureServer server;
  ASSERT_TRUE(server.Start());
  server.SetHandler("/endless", [&](const httplib::Request&, httplib::Response& res) {
    res.set_chunked_content_provider(
        "application/octet-stream",
        [](size_t, httplib::DataSink& sink) {
          static const std::string chunk(16 * 1024, 'x');
          return sink.write(chunk.data(), chunk.size());
        },
        [&](bool) { server_done.Open(); });
  });
  CurlFetcher fetcher(TestOptions());
  HttpRequest request = Get(server.base_url() + "/endless");
  request.max_body_bytes = kCap;
  HttpResponse r = Fetch(fetcher, request);
  EXPECT_EQ(r.status.code(), StatusCode::kRejected) << r.status.ToString();
  EXPECT_THAT(r.status.message(), HasSubstr("body over 1048576 bytes"));
  EXPECT_LE(static_cast<int64_t>(r.body.size()), kCap);
  EXPECT_GE(static_cast<int64_t>(r.body.size()), kCap - 64 * 1024);
  // The abort closed the connection, so the server's stream ended too.
  EXPECT_TRUE(server_done.WaitFor(kWait));
}

TEST(CurlFetcherTest, DeclaredOversizeBodyIsRefused) {
  FixtureServer server;
  ASSERT_TRUE(server.Start());
  server.SetOverride("/big", std::string(200 * 1024, 'x'), "text/plain");
  CurlFetcher fetcher(TestOptions());
  HttpRequest request = Get(server.base_url() + "/big");
  request.max_body_bytes = 100 * 1024;
  HttpResponse r = Fetch(fetcher, request);
  EXPECT_EQ(r.status.code(), StatusCode::kRejected) << r.status.ToString();
  EXPECT_THAT(r.status.message(), HasSubstr("body over 102400 bytes"));
}

TEST(CurlFetcherTest, GzipBombStopsAtDecodedCap) {
  constexpr int64_t kCap = 1 << 20;
  FixtureServer server;
  ASSERT_TRUE(server.Start());
  std::string bomb = Gzip(std::string(1 << 20, '\0'), 50);  // 50 MiB of zeros
  ASSERT_LT(bomb.size(), 200u * 1024);
  ServeGzip(server, "/bomb", bomb);
  CurlFetcher fetcher(TestOptions());
  HttpRequest request = Get(server.base_url() + "/bomb");
  request.max_body_bytes = kCap;
  HttpResponse r = Fetch(fetcher, request);
  EXPECT_EQ(r.status.code(), StatusCode::kRejected) << r.status.ToString();
  EXPECT_THAT(r.status.message(), HasSubstr("body over 1048576 bytes"));
  EXPECT_LE(static_cast<int64_t>(r.body.size()), kCap);
}

TEST(CurlFetcherTest, GzipBombUnderCapStopsAtDecodeRatio) {
  FixtureServer server;
  ASSERT_TRUE(server.Start());
  ServeGzip(server, "/bomb", Gzip(std::string(1 << 20, '\0'), 50));
  CurlFetcher fetcher(TestOptions());
  HttpRequest request = Get(server.base_url() + "/bomb");
  request.max_body_bytes = int64_t{64} << 20;  // the cap alone would let it through
  HttpResponse r = Fetch(fetcher, request);
  EXPECT_EQ(r.status.code(), StatusCode::kRejected) << r.status.ToString();
  EXPECT_THAT(r.status.message(), HasSubstr("decompression bomb"));
  EXPECT_LT(r.body.size(), 8u << 20);
}

// ---- Slow servers (R5) -----------------------------------------------------

// The one test that takes real time: the low-speed window is what is tested.
TEST(CurlFetcherTest, DripFeedIsDroppedByLowSpeedLimit) {
  Gate stop;
  FixtureServer server;
  ASSERT_TRUE(server.Start());
  OpenOnExit release{stop};
  server.SetHandler("/drip", [&](const httplib::Request&, httplib::Response& res) {
    res.set_chunked_content_provider("text/plain", [&](size_t, httplib::DataSink& sink) {
      if (!sink.write("x", 1)) return false;
      return !stop.WaitFor(std::chrono::seconds(1));  // one byte a second
    });
  });
  config::FetchOptions options = TestOptions();
  options.low_speed_limit_bytes = 1024;
  options.low_speed_time_s = 1;
  options.total_timeout_ms = 60000;
  CurlFetcher fetcher(options);
  auto start = Clock::now();
  HttpResponse r = Fetch(fetcher, Get(server.base_url() + "/drip"));
  auto took = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
  EXPECT_EQ(r.status.code(), StatusCode::kTimeout) << r.status.ToString();
  EXPECT_LE(took.count(), 1000 + 2000);  // LOW_SPEED_TIME + 2 s
}

// ---- Scheduling ------------------------------------------------------------

TEST(CurlFetcherTest, PerHostConcurrencyNeverExceedsLimit) {
  FixtureServer server;
  ASSERT_TRUE(server.Start());
  std::atomic<int> current{0}, most{0};
  server.SetHandler("/slow", [&](const httplib::Request&, httplib::Response& res) {
    int now = ++current;
    int seen = most.load();
    while (now > seen && !most.compare_exchange_weak(seen, now)) {
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));  // a slow server
    --current;
    res.set_content("ok", "text/plain");
  });
  config::FetchOptions options = TestOptions();
  options.per_host_connections = 2;
  CurlFetcher fetcher(options);
  constexpr int kRequests = 10;
  Completions done(kRequests);
  for (int i = 0; i < kRequests; ++i) {
    fetcher.Submit(Get(server.base_url() + "/slow?i=" + std::to_string(i)), done.For(i));
  }
  ASSERT_TRUE(done.Wait(kRequests));
  for (int i = 0; i < kRequests; ++i) {
    EXPECT_TRUE(done.response(i).status.ok()) << done.response(i).status.ToString();
  }
  EXPECT_LE(most.load(), 2);
  EXPECT_GE(most.load(), 1);
}

TEST(CurlFetcherTest, PerHostDelaySpacesRequestStarts) {
  FixtureServer server;
  ASSERT_TRUE(server.Start());
  std::mutex mu;
  std::vector<Clock::time_point> arrivals;
  server.SetHandler("/p", [&](const httplib::Request&, httplib::Response& res) {
    std::lock_guard<std::mutex> lock(mu);
    arrivals.push_back(Clock::now());
    res.set_content("ok", "text/plain");
  });
  config::FetchOptions options = TestOptions();
  options.per_host_delay_ms = 200;
  CurlFetcher fetcher(options);
  Completions done(3);
  for (int i = 0; i < 3; ++i) {
    fetcher.Submit(Get(server.base_url() + "/p?i=" + std::to_string(i)), done.For(i));
  }
  ASSERT_TRUE(done.Wait(3));
  std::lock_guard<std::mutex> lock(mu);
  ASSERT_EQ(arrivals.size(), 3u);
  std::sort(arrivals.begin(), arrivals.end());
  for (size_t i = 1; i < arrivals.size(); ++i) {
    // Starts are 200 ms apart; arrival adds connect jitter, so allow a little.
    EXPECT_GE(arrivals[i] - arrivals[i - 1], std::chrono::milliseconds(150)) << i;
  }
}

}  // namespace
}  // namespace harrier::scrapers
