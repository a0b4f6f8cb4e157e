// CurlFetcher's limits against real servers on loopback: body caps and
// decompression bombs, drip-fed bodies, other hostile answers (429, a
// Content-Disposition path), and per-host concurrency and delay (from the
// options and per request). Each hostile server runs beside a bystander
// fetch that must still succeed.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <future>
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
using test::Bystander;
using test::Completions;
using test::Fetch;
using test::FetchAsync;
using test::Gate;
using test::Get;
using test::Gzip;
using test::kWait;
using test::OpenOnExit;
using test::ServeEncoded;
using test::ServeGzip;
using test::TestOptions;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Pair;
using Clock = std::chrono::steady_clock;

HttpResponse Await(std::future<HttpResponse>& f) {
  if (f.wait_for(kWait) != std::future_status::ready) {
    ADD_FAILURE() << "callback never ran";
    return {};
  }
  return f.get();
}

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
  auto endless = FetchAsync(fetcher, request);
  Bystander bystander(fetcher);
  HttpResponse r = Await(endless);
  EXPECT_EQ(r.status.code(), StatusCode::kRejected) << r.status.ToString();
  EXPECT_THAT(r.status.message(), HasSubstr("body over 1048576 bytes"));
  EXPECT_LE(static_cast<int64_t>(r.body.size()), kCap);
  EXPECT_GE(static_cast<int64_t>(r.body.size()), kCap - 64 * 1024);
  // What was received is still evidence, marked as cut.
  ASSERT_EQ(r.exchanges.size(), 1u);
  EXPECT_TRUE(r.exchanges[0].truncated);
  EXPECT_TRUE(r.exchanges[0].payload_is_body);
  EXPECT_THAT(r.exchanges[0].response_head, HasSubstr("Transfer-Encoding: chunked"));
  // The abort closed the connection, so the server's stream ended too.
  EXPECT_TRUE(server_done.WaitFor(kWait));
  EXPECT_TRUE(bystander.Succeeded());
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
  auto bombed = FetchAsync(fetcher, request);
  Bystander bystander(fetcher);
  HttpResponse r = Await(bombed);
  EXPECT_EQ(r.status.code(), StatusCode::kRejected) << r.status.ToString();
  EXPECT_THAT(r.status.message(), HasSubstr("decoded body over 1048576 bytes"));
  EXPECT_EQ(static_cast<int64_t>(r.body.size()), kCap);  // filled to the cap, not past it
  ASSERT_EQ(r.exchanges.size(), 1u);
  EXPECT_TRUE(r.exchanges[0].truncated);
  EXPECT_LE(r.exchanges[0].payload.size(), bomb.size());
  EXPECT_EQ(r.exchanges[0].payload, bomb.substr(0, r.exchanges[0].payload.size()));
  EXPECT_TRUE(bystander.Succeeded());
}

TEST(CurlFetcherTest, BrotliBombStopsAtDecodedCap) {
  constexpr int64_t kCap = 1 << 20;
  FixtureServer server;
  ASSERT_TRUE(server.Start());
  std::string bomb = test::Brotli(std::string(1 << 20, '\0'), 64);  // 64 MiB of zeros
  ASSERT_LT(bomb.size(), 64u * 1024);
  ServeEncoded(server, "/bomb", "br", bomb);
  CurlFetcher fetcher(TestOptions());
  HttpRequest request = Get(server.base_url() + "/bomb");
  request.max_body_bytes = kCap;
  auto bombed = FetchAsync(fetcher, request);
  Bystander bystander(fetcher);
  HttpResponse r = Await(bombed);
  EXPECT_EQ(r.status.code(), StatusCode::kRejected) << r.status.ToString();
  EXPECT_THAT(r.status.message(), HasSubstr("decoded body over 1048576 bytes"));
  EXPECT_EQ(static_cast<int64_t>(r.body.size()), kCap);
  ASSERT_EQ(r.exchanges.size(), 1u);
  EXPECT_TRUE(r.exchanges[0].truncated);
  EXPECT_TRUE(bystander.Succeeded());
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
      return !stop.WaitFor(std::chrono::seconds(10));  // one byte every 10 s
    });
  });
  config::FetchOptions options = TestOptions();
  options.low_speed_limit_bytes = 1024;
  options.low_speed_time_s = 2;
  options.total_timeout_ms = 60000;
  CurlFetcher fetcher(options);
  auto start = Clock::now();
  HttpRequest request = Get(server.base_url() + "/drip");
  // httplib would brotli-compress the stream and hold the byte back.
  request.headers = {{"Accept-Encoding", "identity"}};
  auto drip = FetchAsync(fetcher, request);
  Bystander bystander(fetcher);
  HttpResponse r = Await(drip);
  const auto dropped_at = Clock::now();
  auto took = std::chrono::duration_cast<std::chrono::milliseconds>(dropped_at - start);
  EXPECT_EQ(r.status.code(), StatusCode::kTimeout) << r.status.ToString();
  EXPECT_LE(took.count(), 2000 + 2000);  // LOW_SPEED_TIME + 2 s
  ASSERT_EQ(r.exchanges.size(), 1u);
  EXPECT_TRUE(r.exchanges[0].truncated);
  EXPECT_EQ(r.body, "x");
  // The bystander was not held up behind the drip.
  ASSERT_TRUE(bystander.Succeeded());
  EXPECT_LT(bystander.done_at(), dropped_at);
}

// ---- Hostile answers ---------------------------------------------------------

TEST(CurlFetcherTest, TooManyRequestsComesBackWithRetryAfterAndIsNotRetried) {
  FixtureServer server;
  ASSERT_TRUE(server.Start());
  server.SetHandler("/busy", [](const httplib::Request&, httplib::Response& res) {
    res.status = 429;
    res.set_header("Retry-After", "120");
    res.set_content("slow down", "text/plain");
  });
  CurlFetcher fetcher(TestOptions());
  auto busy = FetchAsync(fetcher, Get(server.base_url() + "/busy"));
  Bystander bystander(fetcher);
  ASSERT_EQ(busy.wait_for(kWait), std::future_status::ready);
  HttpResponse r = busy.get();
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();  // an HTTP answer: the caller decides
  EXPECT_EQ(r.http_status, 429);
  EXPECT_THAT(r.headers, Contains(Pair("retry-after", "120")));
  EXPECT_EQ(server.RequestCount("/busy"), 1);
  EXPECT_TRUE(bystander.Succeeded());
}

// The fetcher writes no files at all; a hostile file name is just a header
// value handed back, and the body is not affected by it.
TEST(CurlFetcherTest, ContentDispositionPathIsOnlyAHeaderValue) {
  FixtureServer server;
  ASSERT_TRUE(server.Start());
  server.SetHandler("/file", [](const httplib::Request&, httplib::Response& res) {
    res.set_header("Content-Disposition", "attachment; filename=\"../../x\"");
    res.set_content("payload", "application/octet-stream");
  });
  CurlFetcher fetcher(TestOptions());
  auto file = FetchAsync(fetcher, Get(server.base_url() + "/file"));
  Bystander bystander(fetcher);
  ASSERT_EQ(file.wait_for(kWait), std::future_status::ready);
  HttpResponse r = file.get();
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.body, "payload");
  EXPECT_THAT(r.headers, Contains(Pair("content-disposition", "attachment; filename=\"../../x\"")));
  EXPECT_EQ(r.final_url, server.base_url() + "/file");
  EXPECT_TRUE(bystander.Succeeded());
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

// A request's own politeness overrides the options: here one host may take
// three at once although the default is one. (curl's own per-host cap would
// silently hold it to the default.)
TEST(CurlFetcherTest, PerRequestConnectionLimitOverridesTheDefault) {
  FixtureServer server;
  ASSERT_TRUE(server.Start());
  std::mutex mu;
  std::condition_variable cv;
  int current = 0, most = 0;
  server.SetHandler("/held", [&](const httplib::Request&, httplib::Response& res) {
    std::unique_lock<std::mutex> lock(mu);
    most = std::max(most, ++current);
    cv.notify_all();
    // Hold each request until three are in at once (or give up), so the
    // result does not depend on timing.
    cv.wait_for(lock, std::chrono::seconds(3), [&] { return most >= 3; });
    --current;
    res.set_content("ok", "text/plain");
  });
  config::FetchOptions options = TestOptions();
  options.per_host_connections = 1;
  CurlFetcher fetcher(options);
  constexpr int kRequests = 6;
  Completions done(kRequests);
  for (int i = 0; i < kRequests; ++i) {
    HttpRequest request = Get(server.base_url() + "/held?i=" + std::to_string(i));
    request.host_connections = 3;
    fetcher.Submit(request, done.For(i));
  }
  ASSERT_TRUE(done.Wait(kRequests));
  for (int i = 0; i < kRequests; ++i) {
    EXPECT_TRUE(done.response(i).status.ok()) << done.response(i).status.ToString();
  }
  std::lock_guard<std::mutex> lock(mu);
  EXPECT_EQ(most, 3);
}

TEST(CurlFetcherTest, PerRequestDelayOverridesTheDefault) {
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
  options.per_host_delay_ms = 0;
  options.per_host_connections = 4;
  CurlFetcher fetcher(options);
  Completions done(3);
  for (int i = 0; i < 3; ++i) {
    HttpRequest request = Get(server.base_url() + "/p?i=" + std::to_string(i));
    request.host_delay_ms = 200;
    fetcher.Submit(request, done.For(i));
  }
  ASSERT_TRUE(done.Wait(3));
  std::lock_guard<std::mutex> lock(mu);
  ASSERT_EQ(arrivals.size(), 3u);
  std::sort(arrivals.begin(), arrivals.end());
  for (size_t i = 1; i < arrivals.size(); ++i) {
    EXPECT_GE(arrivals[i] - arrivals[i - 1], std::chrono::milliseconds(150)) << i;
  }
}

}  // namespace
}  // namespace harrier::scrapers
