#include "scrapers/curl_fetcher.h"

#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "tests/support/fixture_server.h"

namespace harrier::scrapers {
namespace {

using harrier::testing::FixtureServer;
using ::testing::HasSubstr;
using ::testing::Pair;
using Clock = std::chrono::steady_clock;

// Servers write to sockets the fetcher has dropped on purpose (caps, low
// speed, shutdown); EPIPE must be an error return, not a dead test binary.
[[maybe_unused]] const bool kSigpipeIgnored = [] {
  signal(SIGPIPE, SIG_IGN);
  return true;
}();

// Only a safety net against a hung fetcher; tests never wait this long.
constexpr auto kWait = std::chrono::seconds(30);

config::FetchOptions TestOptions() {
  config::FetchOptions o;
  o.connect_timeout_ms = 2000;
  o.total_timeout_ms = 20000;
  return o;
}

HttpRequest Get(const std::string& url,
                std::vector<std::string> allow = {"127.0.0.1"}) {
  HttpRequest r;
  r.url = url;
  r.allow_addresses = std::move(allow);
  return r;
}

// Submits and blocks until the callback has run.
HttpResponse Fetch(HttpFetcher& fetcher, HttpRequest request) {
  auto promise = std::make_shared<std::promise<HttpResponse>>();
  std::future<HttpResponse> future = promise->get_future();
  fetcher.Submit(std::move(request), [promise](HttpResponse r) {
    promise->set_value(std::move(r));
  });
  if (future.wait_for(kWait) != std::future_status::ready) {
    ADD_FAILURE() << "callback never ran";
    return {};
  }
  return future.get();
}

// Records callbacks by request index; Wait blocks until `n` have arrived.
class Completions {
 public:
  explicit Completions(int n) : calls_(n, 0), responses_(n) {}
  HttpFetcher::Callback For(int i) {
    return [this, i](HttpResponse r) {
      std::lock_guard<std::mutex> lock(mu_);
      calls_[i]++;
      responses_[i] = std::move(r);
      total_++;
      cv_.notify_all();
    };
  }
  bool Wait(int n) {
    std::unique_lock<std::mutex> lock(mu_);
    return cv_.wait_for(lock, kWait, [&] { return total_ >= n; });
  }
  std::vector<int> calls() const {
    std::lock_guard<std::mutex> lock(mu_);
    return calls_;
  }
  HttpResponse response(int i) const {
    std::lock_guard<std::mutex> lock(mu_);
    return responses_[i];
  }

 private:
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::vector<int> calls_;
  std::vector<HttpResponse> responses_;
  int total_ = 0;
};

// A flag handlers block on; opened by the test or on scope exit.
class Gate {
 public:
  void Open() {
    std::lock_guard<std::mutex> lock(mu_);
    open_ = true;
    cv_.notify_all();
  }
  // True if opened within `d`.
  bool WaitFor(std::chrono::milliseconds d) {
    std::unique_lock<std::mutex> lock(mu_);
    return cv_.wait_for(lock, d, [&] { return open_; });
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool open_ = false;
};

// Declared after the server, so handlers blocked on the gate are released
// before the server joins its threads.
struct OpenOnExit {
  Gate& gate;
  ~OpenOnExit() { gate.Open(); }
};

// A bare listening socket that never accepts. The kernel completes TCP
// handshakes into the backlog regardless, so after a fetch Connections()
// counts every connection the fetcher opened, even ones it dropped before
// sending a request.
class Canary {
 public:
  Canary() = default;
  Canary(const Canary&) = delete;
  Canary& operator=(const Canary&) = delete;
  ~Canary() {
    if (fd_ >= 0) close(fd_);
  }
  bool Listen(const std::string& host) {
    sockaddr_storage ss{};
    auto* v4 = reinterpret_cast<sockaddr_in*>(&ss);
    auto* v6 = reinterpret_cast<sockaddr_in6*>(&ss);
    socklen_t len = sizeof(sockaddr_in);
    if (inet_pton(AF_INET, host.c_str(), &v4->sin_addr) == 1) {
      v4->sin_family = AF_INET;
    } else if (inet_pton(AF_INET6, host.c_str(), &v6->sin6_addr) == 1) {
      v6->sin6_family = AF_INET6;
      len = sizeof(sockaddr_in6);
    } else {
      return false;
    }
    fd_ = socket(ss.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd_ < 0 || bind(fd_, reinterpret_cast<sockaddr*>(&ss), len) != 0 ||
        listen(fd_, 64) != 0 ||
        getsockname(fd_, reinterpret_cast<sockaddr*>(&ss), &len) != 0) {
      return false;
    }
    port_ = ntohs(ss.ss_family == AF_INET ? v4->sin_port : v6->sin6_port);
    return true;
  }
  int port() const { return port_; }
  int Connections() {
    int n = 0;
    for (int c; (c = accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC)) >= 0; ++n)
      close(c);
    return n;
  }

 private:
  int fd_ = -1;
  int port_ = 0;
};

std::string Gzip(const std::string& chunk, size_t repeat) {
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY),
            Z_OK);
  std::string out;
  std::vector<unsigned char> buf(1 << 16);
  for (size_t i = 0; i < repeat; ++i) {
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(chunk.data()));
    z.avail_in = static_cast<uInt>(chunk.size());
    int flush = i + 1 == repeat ? Z_FINISH : Z_NO_FLUSH;
    do {
      z.next_out = buf.data();
      z.avail_out = static_cast<uInt>(buf.size());
      deflate(&z, flush);
      out.append(reinterpret_cast<char*>(buf.data()), buf.size() - z.avail_out);
    } while (z.avail_out == 0);
  }
  deflateEnd(&z);
  return out;
}

void ServeGzip(FixtureServer& server, const std::string& path, std::string gz) {
  // octet-stream: httplib must not compress it a second time.
  server.SetHandler(path,
                    [gz](const httplib::Request&, httplib::Response& res) {
                      res.set_header("Content-Encoding", "gzip");
                      res.set_content(gz, "application/octet-stream");
                    });
}

void Redirect(FixtureServer& server, const std::string& path, std::string to) {
  server.SetHandler(path,
                    [to](const httplib::Request&, httplib::Response& res) {
                      res.set_redirect(to);
                    });
}

// ---- Ordinary fetches ------------------------------------------------------

TEST(CurlFetcherTest, FetchesPageWithStatusBodyTypeAndRemoteIp) {
  FixtureServer server;
  ASSERT_TRUE(server.Start());
  std::string seen_agent, seen_probe;
  server.SetHandler(
      "/page", [&](const httplib::Request& req, httplib::Response& res) {
        seen_agent = req.get_header_value("User-Agent");
        seen_probe = req.get_header_value("X-Probe");
        res.set_header("X-Harrier-Test", "yes");
        res.set_content("<html>hello</html>", "text/html; charset=utf-8");
      });
  config::FetchOptions options = TestOptions();
  CurlFetcher fetcher(options);
  HttpRequest request = Get(server.base_url() + "/page");
  request.headers = {{"X-Probe", "1"}};
  HttpResponse r = Fetch(fetcher, request);

  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.http_status, 200);
  EXPECT_EQ(r.body, "<html>hello</html>");
  EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(r.url, server.base_url() + "/page");
  EXPECT_EQ(r.final_url, server.base_url() + "/page");
  EXPECT_EQ(r.remote_ip, "127.0.0.1");
  EXPECT_EQ(r.redirects, 0);
  EXPECT_THAT(r.headers, ::testing::Contains(Pair("x-harrier-test", "yes")));
  EXPECT_EQ(seen_agent, options.user_agent);
  EXPECT_EQ(seen_probe, "1");
}

TEST(CurlFetcherTest, ReportsHttpErrorStatusAsOk) {
  FixtureServer server;
  ASSERT_TRUE(server.Start());
  server.SetOverride("/gone", "gone", "text/plain", 404);
  CurlFetcher fetcher(TestOptions());
  HttpResponse r = Fetch(fetcher, Get(server.base_url() + "/gone"));
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.http_status, 404);
  EXPECT_EQ(r.body, "gone");
}

TEST(CurlFetcherTest, DecodesGzipBody) {
  FixtureServer server;
  ASSERT_TRUE(server.Start());
  ServeGzip(server, "/gz", Gzip("<p>advert</p>", 3));
  CurlFetcher fetcher(TestOptions());
  HttpResponse r = Fetch(fetcher, Get(server.base_url() + "/gz"));
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.body, "<p>advert</p><p>advert</p><p>advert</p>");
}

TEST(CurlFetcherTest, RefusesHeaderWithLineBreak) {
  FixtureServer server;
  ASSERT_TRUE(server.Start());
  CurlFetcher fetcher(TestOptions());
  HttpRequest request = Get(server.base_url() + "/x");
  request.headers = {{"X-Evil", "a\r\nHost: elsewhere"}};
  HttpResponse r = Fetch(fetcher, request);
  EXPECT_EQ(r.status.code(), StatusCode::kInvalidArgument)
      << r.status.ToString();
  EXPECT_EQ(server.TotalRequests(), 0);
}

// ---- Redirects and protocols (R2) ------------------------------------------

TEST(CurlFetcherTest, FollowsRedirectsKeepingOnlyFinalHeaders) {
  FixtureServer server;
  ASSERT_TRUE(server.Start());
  server.SetHandler("/a", [](const httplib::Request&, httplib::Response& res) {
    res.set_header("X-Hop", "a");
    res.set_redirect("/b", 301);
  });
  Redirect(server, "/b", "/c");
  server.SetHandler("/c", [](const httplib::Request&, httplib::Response& res) {
    res.set_header("X-Hop", "c");
    res.set_content("final", "text/plain");
  });
  CurlFetcher fetcher(TestOptions());
  HttpResponse r = Fetch(fetcher, Get(server.base_url() + "/a"));
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.final_url, server.base_url() + "/c");
  EXPECT_EQ(r.url, server.base_url() + "/a");
  EXPECT_EQ(r.redirects, 2);
  EXPECT_EQ(r.body, "final");
  int hops = 0;
  for (const auto& [name, value] : r.headers) {
    if (name == "x-hop") {
      ++hops;
      EXPECT_EQ(value, "c");
    }
  }
  EXPECT_EQ(hops, 1);
}

TEST(CurlFetcherTest, RedirectLoopStopsAtFive) {
  FixtureServer server;
  ASSERT_TRUE(server.Start());
  Redirect(server, "/loop", "/loop");
  CurlFetcher fetcher(TestOptions());
  HttpResponse r = Fetch(fetcher, Get(server.base_url() + "/loop"));
  EXPECT_EQ(r.status.code(), StatusCode::kRejected) << r.status.ToString();
  EXPECT_THAT(r.status.message(), HasSubstr("more than 5 redirects"));
  EXPECT_EQ(r.redirects, 5);
  EXPECT_EQ(server.RequestCount("/loop"),
            6);  // the original and five redirects
}

TEST(CurlFetcherTest, RedirectToOtherProtocolIsRefused) {
  FixtureServer server;
  ASSERT_TRUE(server.Start());
  std::string port = std::to_string(server.port());
  std::vector<std::string> targets = {
      "ftp://127.0.0.1:" + port + "/", "file:///etc/passwd",
      "gopher://127.0.0.1:" + port + "/", "dict://127.0.0.1:" + port + "/"};
  for (size_t i = 0; i < targets.size(); ++i) {
    Redirect(server, "/r" + std::to_string(i), targets[i]);
  }
  CurlFetcher fetcher(TestOptions());
  for (size_t i = 0; i < targets.size(); ++i) {
    HttpResponse r =
        Fetch(fetcher, Get(server.base_url() + "/r" + std::to_string(i)));
    EXPECT_EQ(r.status.code(), StatusCode::kRejected)
        << targets[i] << " " << r.status.ToString();
    EXPECT_THAT(r.status.message(), HasSubstr("protocol not allowed"))
        << targets[i];
  }
  HttpResponse direct = Fetch(fetcher, Get("ftp://127.0.0.1:" + port + "/"));
  EXPECT_EQ(direct.status.code(), StatusCode::kRejected)
      << direct.status.ToString();
  EXPECT_EQ(server.TotalRequests(),
            static_cast<int>(targets.size()));  // only the /rN hops
}

// ---- Address guard (R1) ----------------------------------------------------

TEST(CurlFetcherTest, LoopbackWithoutAllowListIsBlocked) {
  FixtureServer server;
  ASSERT_TRUE(server.Start());
  server.SetOverride("/", "secret");
  CurlFetcher fetcher(TestOptions());
  HttpResponse r = Fetch(fetcher, Get(server.base_url() + "/", {}));
  EXPECT_EQ(r.status.code(), StatusCode::kRejected) << r.status.ToString();
  EXPECT_THAT(r.status.message(),
              HasSubstr("blocked:ssrf 127.0.0.1 (loopback 127.0.0.0/8)"));
  EXPECT_EQ(r.body, "");
  EXPECT_EQ(server.TotalRequests(), 0);
}

TEST(CurlFetcherTest, PooledConnectionIsCheckedForEveryRequest) {
  FixtureServer server;
  ASSERT_TRUE(server.Start());
  server.SetOverride("/", "secret");
  CurlFetcher fetcher(TestOptions());
  HttpResponse allowed = Fetch(fetcher, Get(server.base_url() + "/"));
  ASSERT_TRUE(allowed.status.ok()) << allowed.status.ToString();
  // The first request left a keep-alive connection in the pool.
  HttpResponse r = Fetch(fetcher, Get(server.base_url() + "/", {}));
  EXPECT_EQ(r.status.code(), StatusCode::kRejected) << r.status.ToString();
  EXPECT_THAT(r.status.message(), HasSubstr("blocked:ssrf 127.0.0.1"));
  EXPECT_EQ(server.TotalRequests(), 1);
}

// The origin is 127.0.0.2 and only it is allow-listed; it redirects to
// canaries on 127.0.0.1 and ::1 under every spelling libcurl accepts. The
// guard sees the socket address, so none of them may even be connected to.
TEST(CurlFetcherTest, RedirectToUnlistedAddressIsBlockedWhateverItsSpelling) {
  FixtureServer origin;
  if (!origin.StartOn("127.0.0.2")) GTEST_SKIP() << "cannot bind 127.0.0.2";
  Canary canary, canary6;
  ASSERT_TRUE(canary.Listen("127.0.0.1"));
  std::string p = std::to_string(canary.port());
  std::vector<std::string> targets = {
      "http://127.0.0.1:" + p + "/",    "http://2130706433:" + p + "/",
      "http://0x7f.1:" + p + "/",       "http://127.1:" + p + "/",
      "http://017700000001:" + p + "/", "http://[::ffff:127.0.0.1]:" + p + "/",
      "http://localhost:" + p + "/"};
  if (canary6.Listen("::1"))
    targets.push_back("http://[::1]:" + std::to_string(canary6.port()) + "/");
  for (size_t i = 0; i < targets.size(); ++i) {
    Redirect(origin, "/r" + std::to_string(i), targets[i]);
  }
  config::FetchOptions options = TestOptions();
  options.total_timeout_ms =
      3000;  // a canary never answers: fail fast if reached
  CurlFetcher fetcher(options);
  for (size_t i = 0; i < targets.size(); ++i) {
    HttpResponse r =
        Fetch(fetcher,
              Get(origin.base_url() + "/r" + std::to_string(i), {"127.0.0.2"}));
    EXPECT_EQ(r.status.code(), StatusCode::kRejected)
        << targets[i] << " " << r.status.ToString();
    EXPECT_THAT(r.status.message(), HasSubstr("blocked:ssrf ")) << targets[i];
    EXPECT_EQ(r.redirects, 1) << targets[i];
    EXPECT_EQ(canary.Connections() + canary6.Connections(), 0) << targets[i];
  }
  EXPECT_EQ(origin.TotalRequests(), static_cast<int>(targets.size()));
}

// Sets an environment variable for one scope. Declared before any server or
// fetcher, because setenv races getenv in other threads.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::string& value) : name_(name) {
    ::setenv(name, value.c_str(), 1);
  }
  ~ScopedEnv() { ::unsetenv(name_); }

 private:
  const char* name_;
};

TEST(CurlFetcherTest, ProxyEnvironmentIsIgnored) {
  Canary proxy;
  ASSERT_TRUE(proxy.Listen("127.0.0.1"));
  std::string proxy_url = "http://127.0.0.1:" + std::to_string(proxy.port());
  ScopedEnv http_proxy("http_proxy", proxy_url);
  ScopedEnv all_proxy("ALL_PROXY", proxy_url);
  FixtureServer server;
  ASSERT_TRUE(server.Start());
  server.SetOverride("/", "direct");
  config::FetchOptions options = TestOptions();
  options.total_timeout_ms = 3000;  // the canary never answers
  CurlFetcher fetcher(options);
  // The proxy is on an allow-listed address: only CURLOPT_PROXY stops this.
  HttpResponse r = Fetch(fetcher, Get(server.base_url() + "/"));
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.body, "direct");
  EXPECT_EQ(proxy.Connections(), 0);
}

// ---- Body caps (R3, R4) ----------------------------------------------------

TEST(CurlFetcherTest, EndlessChunkedBodyIsCutAtCap) {
  constexpr int64_t kCap = 1 << 20;
  Gate server_done;
  FixtureServer server;
  ASSERT_TRUE(server.Start());
  server.SetHandler("/endless",
                    [&](const httplib::Request&, httplib::Response& res) {
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
  request.max_body_bytes = int64_t{64}
                           << 20;  // the cap alone would let it through
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
  server.SetHandler("/drip", [&](const httplib::Request&,
                                 httplib::Response& res) {
    res.set_chunked_content_provider(
        "text/plain", [&](size_t, httplib::DataSink& sink) {
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
  auto took = std::chrono::duration_cast<std::chrono::milliseconds>(
      Clock::now() - start);
  EXPECT_EQ(r.status.code(), StatusCode::kTimeout) << r.status.ToString();
  EXPECT_LE(took.count(), 1000 + 2000);  // LOW_SPEED_TIME + 2 s
}

// ---- Scheduling ------------------------------------------------------------

TEST(CurlFetcherTest, PerHostConcurrencyNeverExceedsLimit) {
  FixtureServer server;
  ASSERT_TRUE(server.Start());
  std::atomic<int> current{0}, most{0};
  server.SetHandler(
      "/slow", [&](const httplib::Request&, httplib::Response& res) {
        int now = ++current;
        int seen = most.load();
        while (now > seen && !most.compare_exchange_weak(seen, now)) {
        }
        std::this_thread::sleep_for(
            std::chrono::milliseconds(50));  // a slow server
        --current;
        res.set_content("ok", "text/plain");
      });
  config::FetchOptions options = TestOptions();
  options.per_host_connections = 2;
  CurlFetcher fetcher(options);
  constexpr int kRequests = 10;
  Completions done(kRequests);
  for (int i = 0; i < kRequests; ++i) {
    fetcher.Submit(Get(server.base_url() + "/slow?i=" + std::to_string(i)),
                   done.For(i));
  }
  ASSERT_TRUE(done.Wait(kRequests));
  for (int i = 0; i < kRequests; ++i) {
    EXPECT_TRUE(done.response(i).status.ok())
        << done.response(i).status.ToString();
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
    fetcher.Submit(Get(server.base_url() + "/p?i=" + std::to_string(i)),
                   done.For(i));
  }
  ASSERT_TRUE(done.Wait(3));
  std::lock_guard<std::mutex> lock(mu);
  ASSERT_EQ(arrivals.size(), 3u);
  std::sort(arrivals.begin(), arrivals.end());
  for (size_t i = 1; i < arrivals.size(); ++i) {
    // Starts are 200 ms apart; arrival adds connect jitter, so allow a little.
    EXPECT_GE(arrivals[i] - arrivals[i - 1], std::chrono::milliseconds(150))
        << i;
  }
}

TEST(CurlFetcherTest, TwentyRequestsEachCallbackCalledOnce) {
  FixtureServer server;
  ASSERT_TRUE(server.Start());
  server.SetHandler(
      "/n", [](const httplib::Request& req, httplib::Response& res) {
        res.set_content("n=" + req.get_param_value("i"), "text/plain");
      });
  constexpr int kRequests = 20;
  Completions done(kRequests);
  {
    CurlFetcher fetcher(TestOptions());
    for (int i = 0; i < kRequests; ++i) {
      fetcher.Submit(Get(server.base_url() + "/n?i=" + std::to_string(i)),
                     done.For(i));
    }
    ASSERT_TRUE(done.Wait(kRequests));
  }  // destroying the fetcher must not call anything again
  EXPECT_EQ(done.calls(), std::vector<int>(kRequests, 1));
  for (int i = 0; i < kRequests; ++i) {
    HttpResponse r = done.response(i);
    ASSERT_TRUE(r.status.ok()) << r.status.ToString();
    EXPECT_EQ(r.body, "n=" + std::to_string(i));
  }
}

TEST(CurlFetcherTest, DestructorFailsInFlightRequestsWithUnavailable) {
  Gate release;
  std::mutex mu;
  std::condition_variable arrived_cv;
  int arrived = 0;
  FixtureServer server;
  ASSERT_TRUE(server.Start());
  OpenOnExit open{release};
  server.SetHandler("/hang",
                    [&](const httplib::Request&, httplib::Response& res) {
                      {
                        std::lock_guard<std::mutex> lock(mu);
                        ++arrived;
                        arrived_cv.notify_all();
                      }
                      release.WaitFor(kWait);
                      res.set_content("late", "text/plain");
                    });
  config::FetchOptions options = TestOptions();
  options.per_host_connections = 2;  // the third waits in the fetcher
  constexpr int kRequests = 3;
  Completions done(kRequests);
  auto fetcher = std::make_unique<CurlFetcher>(options);
  for (int i = 0; i < kRequests; ++i) {
    fetcher->Submit(Get(server.base_url() + "/hang?i=" + std::to_string(i)),
                    done.For(i));
  }
  {
    std::unique_lock<std::mutex> lock(mu);
    ASSERT_TRUE(arrived_cv.wait_for(lock, kWait, [&] { return arrived == 2; }));
  }
  fetcher.reset();  // joins the network thread: every callback has run
  EXPECT_EQ(done.calls(), std::vector<int>(kRequests, 1));
  for (int i = 0; i < kRequests; ++i) {
    HttpResponse r = done.response(i);
    EXPECT_EQ(r.status.code(), StatusCode::kUnavailable) << r.status.ToString();
    EXPECT_THAT(r.status.message(), HasSubstr("fetcher shut down"));
  }
}

TEST(CurlFetcherTest, DestroyingRightAfterSubmitCallsBackOnce) {
  // Whether it completed or was cut off, the callback runs exactly once.
  FixtureServer server;
  ASSERT_TRUE(server.Start());
  Completions done(1);
  {
    CurlFetcher fetcher(TestOptions());
    fetcher.Submit(Get(server.base_url() + "/x"), done.For(0));
  }
  EXPECT_EQ(done.calls(), std::vector<int>{1});
}

}  // namespace
}  // namespace harrier::scrapers
