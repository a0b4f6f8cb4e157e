// CurlFetcher against a real server on loopback: ordinary fetches,
// redirects and protocols, the address guard, and callbacks on shutdown.
// Caps, slow servers and scheduling are in curl_fetcher_limits_test.cc.
#include "scrapers/curl_fetcher.h"

#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

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
using ::testing::Pair;

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
    if (fd_ < 0 || bind(fd_, reinterpret_cast<sockaddr*>(&ss), len) != 0 || listen(fd_, 64) != 0 ||
        getsockname(fd_, reinterpret_cast<sockaddr*>(&ss), &len) != 0) {
      return false;
    }
    port_ = ntohs(ss.ss_family == AF_INET ? v4->sin_port : v6->sin6_port);
    return true;
  }
  int port() const { return port_; }
  int Connections() {
    int n = 0;
    for (int c; (c = accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC)) >= 0; ++n) close(c);
    return n;
  }

 private:
  int fd_ = -1;
  int port_ = 0;
};

void Redirect(FixtureServer& server, const std::string& path, std::string to) {
  server.SetHandler(
      path, [to](const httplib::Request&, httplib::Response& res) { res.set_redirect(to); });
}

// ---- Ordinary fetches ------------------------------------------------------

TEST(CurlFetcherTest, FetchesPageWithStatusBodyTypeAndRemoteIp) {
  FixtureServer server;
  ASSERT_TRUE(server.Start());
  std::string seen_agent, seen_probe;
  server.SetHandler("/page", [&](const httplib::Request& req, httplib::Response& res) {
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
  EXPECT_EQ(r.status.code(), StatusCode::kInvalidArgument) << r.status.ToString();
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
  std::vector<std::string> targets = {"ftp://127.0.0.1:" + port + "/", "file:///etc/passwd",
                                      "gopher://127.0.0.1:" + port + "/",
                                      "dict://127.0.0.1:" + port + "/"};
  for (size_t i = 0; i < targets.size(); ++i) {
    Redirect(server, "/r" + std::to_string(i), targets[i]);
  }
  CurlFetcher fetcher(TestOptions());
  for (size_t i = 0; i < targets.size(); ++i) {
    HttpResponse r = Fetch(fetcher, Get(server.base_url() + "/r" + std::to_string(i)));
    EXPECT_EQ(r.status.code(), StatusCode::kRejected) << targets[i] << " " << r.status.ToString();
    EXPECT_THAT(r.status.message(), HasSubstr("protocol not allowed")) << targets[i];
  }
  HttpResponse direct = Fetch(fetcher, Get("ftp://127.0.0.1:" + port + "/"));
  EXPECT_EQ(direct.status.code(), StatusCode::kRejected) << direct.status.ToString();
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
  EXPECT_THAT(r.status.message(), HasSubstr("blocked:ssrf 127.0.0.1 (loopback 127.0.0.0/8)"));
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
  options.total_timeout_ms = 3000;  // a canary never answers: fail fast if reached
  CurlFetcher fetcher(options);
  for (size_t i = 0; i < targets.size(); ++i) {
    HttpResponse r =
        Fetch(fetcher, Get(origin.base_url() + "/r" + std::to_string(i), {"127.0.0.2"}));
    EXPECT_EQ(r.status.code(), StatusCode::kRejected) << targets[i] << " " << r.status.ToString();
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

// ---- Callbacks and shutdown ------------------------------------------------

TEST(CurlFetcherTest, TwentyRequestsEachCallbackCalledOnce) {
  FixtureServer server;
  ASSERT_TRUE(server.Start());
  server.SetHandler("/n", [](const httplib::Request& req, httplib::Response& res) {
    res.set_content("n=" + req.get_param_value("i"), "text/plain");
  });
  constexpr int kRequests = 20;
  Completions done(kRequests);
  {
    CurlFetcher fetcher(TestOptions());
    for (int i = 0; i < kRequests; ++i) {
      fetcher.Submit(Get(server.base_url() + "/n?i=" + std::to_string(i)), done.For(i));
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
  server.SetHandler("/hang", [&](const httplib::Request&, httplib::Response& res) {
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
    fetcher->Submit(Get(server.base_url() + "/hang?i=" + std::to_string(i)), done.For(i));
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
