// CurlFetcher against real servers on loopback: ordinary fetches, the
// exchanges kept as evidence (byte for byte), redirects and protocols, the
// address guard, and callbacks on shutdown. Caps, slow and otherwise hostile
// servers and scheduling are in curl_fetcher_limits_test.cc; proxies and TLS
// in proxy_test.cc.
#include "scrapers/curl_fetcher.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <zlib.h>

#include <chrono>
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
using test::Bystander;
using test::Canary;
using test::Completions;
using test::Fetch;
using test::FetchAsync;
using test::Gate;
using test::Get;
using test::Gzip;
using test::kWait;
using test::OpenOnExit;
using test::RawServer;
using test::Redirect;
using test::ScopedEnv;
using test::ServeEncoded;
using test::ServeGzip;
using test::TestOptions;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Pair;
using ::testing::StartsWith;

int64_t NowUnixMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
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

TEST(CurlFetcherTest, GzipBodyIsDecodedAndTheCodedBytesAreThePayload) {
  FixtureServer server;
  ASSERT_TRUE(server.Start());
  const std::string gz = Gzip("<p>advert</p>", 3);
  ServeGzip(server, "/gz", gz);
  CurlFetcher fetcher(TestOptions());
  HttpResponse r = Fetch(fetcher, Get(server.base_url() + "/gz"));
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.body, "<p>advert</p><p>advert</p><p>advert</p>");
  ASSERT_EQ(r.exchanges.size(), 1u);
  EXPECT_EQ(r.exchanges[0].payload, gz);
  EXPECT_FALSE(r.exchanges[0].payload_is_body);
  EXPECT_FALSE(r.exchanges[0].truncated);
}

TEST(CurlFetcherTest, BrotliAndDeflateBodiesAreDecoded) {
  FixtureServer server;
  ASSERT_TRUE(server.Start());
  const std::string text = "<p>advert</p><p>advert</p>";
  const std::string br = test::Brotli("<p>advert</p>", 2);
  std::string deflated(compressBound(text.size()), '\0');
  uLongf size = deflated.size();
  ASSERT_EQ(compress2(reinterpret_cast<Bytef*>(deflated.data()), &size,
                      reinterpret_cast<const Bytef*>(text.data()), text.size(), 9),
            Z_OK);
  deflated.resize(size);  // zlib-wrapped, as RFC 9110 §8.4.1.2 means by "deflate"
  ServeEncoded(server, "/br", "br", br);
  ServeEncoded(server, "/deflate", "deflate", deflated);
  CurlFetcher fetcher(TestOptions());
  for (const auto& [path, coded] : {std::pair{"/br", br}, std::pair{"/deflate", deflated}}) {
    HttpResponse r = Fetch(fetcher, Get(server.base_url() + path));
    ASSERT_TRUE(r.status.ok()) << path << " " << r.status.ToString();
    EXPECT_EQ(r.body, text) << path;
    ASSERT_EQ(r.exchanges.size(), 1u) << path;
    EXPECT_EQ(r.exchanges[0].payload, coded) << path;
  }
}

TEST(CurlFetcherTest, AdvertisesTheCodingsItDecodesUnlessTheRequestSetsOne) {
  FixtureServer server;
  ASSERT_TRUE(server.Start());
  std::vector<std::string> seen;
  server.SetHandler("/", [&](const httplib::Request& req, httplib::Response& res) {
    seen.push_back(req.get_header_value("Accept-Encoding"));
    res.set_content("x", "application/octet-stream");
  });
  CurlFetcher fetcher(TestOptions());
  ASSERT_TRUE(Fetch(fetcher, Get(server.base_url() + "/")).status.ok());
  HttpRequest identity = Get(server.base_url() + "/");
  identity.headers = {{"Accept-Encoding", "identity"}};
  ASSERT_TRUE(Fetch(fetcher, identity).status.ok());
  EXPECT_EQ(seen, (std::vector<std::string>{"gzip, deflate, br", "identity"}));
}

TEST(CurlFetcherTest, UnknownContentCodingIsRejectedButItsBytesAreKept) {
  FixtureServer server;
  ASSERT_TRUE(server.Start());
  ServeEncoded(server, "/odd", "x-harrier-unknown", "coded bytes");
  CurlFetcher fetcher(TestOptions());
  HttpResponse r = Fetch(fetcher, Get(server.base_url() + "/odd"));
  EXPECT_EQ(r.status.code(), StatusCode::kRejected) << r.status.ToString();
  EXPECT_THAT(r.status.message(), HasSubstr("unsupported content coding x-harrier-unknown"));
  EXPECT_EQ(r.body, "");
  ASSERT_EQ(r.exchanges.size(), 1u);
  EXPECT_EQ(r.exchanges[0].payload, "coded bytes");
  EXPECT_FALSE(r.exchanges[0].payload_is_body);
  EXPECT_EQ(r.exchanges[0].http_status, 200);
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

// ---- Evidence: each hop byte for byte (issue 3 §5) -------------------------

TEST(CurlFetcherTest, ExchangeHoldsExactlyTheBytesSentAndReceived) {
  // Odd spacing, a folded line and bare header order: nothing is rebuilt.
  const std::string head =
      "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Odd:   spaced  \r\n"
      "X-Fold: a\r\n  b\r\nContent-Length: 5\r\nConnection: close\r\n\r\n";
  RawServer server([&](const std::string&) { return head + "hello"; });
  ASSERT_TRUE(server.Start());
  CurlFetcher fetcher(TestOptions());
  HttpRequest request = Get(server.base_url() + "/ad?id=7");
  request.headers = {{"If-None-Match", "\"v1\""}};
  const int64_t before = NowUnixMs();
  HttpResponse r = Fetch(fetcher, request);
  const int64_t after = NowUnixMs();

  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  ASSERT_EQ(r.exchanges.size(), 1u);
  const HttpExchange& ex = r.exchanges[0];
  ASSERT_EQ(server.Received().size(), 1u);
  EXPECT_EQ(ex.request_head, server.Received()[0]);  // a GET: the head is all that was sent
  EXPECT_THAT(ex.request_head, StartsWith("GET /ad?id=7 HTTP/1.1\r\n"));
  EXPECT_THAT(ex.request_head, HasSubstr("\r\nIf-None-Match: \"v1\"\r\n"));
  EXPECT_EQ(ex.response_head, head);
  EXPECT_EQ(ex.http_status, 200);
  EXPECT_EQ(ex.url, server.base_url() + "/ad?id=7");
  EXPECT_EQ(ex.remote_ip, "127.0.0.1");
  EXPECT_GE(ex.started_unix_ms, before);
  EXPECT_LE(ex.started_unix_ms, after);
  EXPECT_TRUE(ex.payload_is_body);  // identity: the bytes are held once, in the body
  EXPECT_EQ(ex.payload, "");
  EXPECT_FALSE(ex.truncated);
  EXPECT_EQ(r.body, "hello");
  EXPECT_EQ(r.egress, "direct");
  EXPECT_THAT(r.headers, Contains(Pair("x-fold", "a b")));
}

TEST(CurlFetcherTest, InterimResponseIsPartOfTheSameHopsHead) {
  const std::string head =
      "HTTP/1.1 100 Continue\r\n\r\n"
      "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n";
  RawServer server([&](const std::string&) { return head + "ok"; });
  ASSERT_TRUE(server.Start());
  CurlFetcher fetcher(TestOptions());
  HttpResponse r = Fetch(fetcher, Get(server.base_url() + "/"));
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  ASSERT_EQ(r.exchanges.size(), 1u);
  EXPECT_EQ(r.exchanges[0].response_head, head);
  EXPECT_EQ(r.exchanges[0].http_status, 200);
  EXPECT_EQ(r.http_status, 200);
  EXPECT_EQ(r.body, "ok");
}

TEST(CurlFetcherTest, ChunkedGzipPayloadIsTheCodedBytesWithoutChunkFraming) {
  const std::string gz = Gzip("<p>chunked advert</p>", 20);
  const size_t half = gz.size() / 2;
  auto hex = [](size_t n) {
    char buf[32];
    snprintf(buf, sizeof buf, "%zx", n);
    return std::string(buf);
  };
  const std::string head =
      "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n"
      "Connection: close\r\n\r\n";
  const std::string body = hex(half) + "\r\n" + gz.substr(0, half) + "\r\n" +
                           hex(gz.size() - half) + "\r\n" + gz.substr(half) + "\r\n0\r\n" +
                           "X-Trailer: t\r\n\r\n";
  RawServer server([&](const std::string&) { return head + body; });
  ASSERT_TRUE(server.Start());
  CurlFetcher fetcher(TestOptions());
  HttpResponse r = Fetch(fetcher, Get(server.base_url() + "/"));
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  ASSERT_EQ(r.exchanges.size(), 1u);
  EXPECT_EQ(r.exchanges[0].response_head, head);  // the trailer is not head bytes
  EXPECT_EQ(r.exchanges[0].payload, gz);
  EXPECT_FALSE(r.exchanges[0].payload_is_body);
  std::string text;
  for (int i = 0; i < 20; ++i) text += "<p>chunked advert</p>";
  EXPECT_EQ(r.body, text);
}

TEST(CurlFetcherTest, EachRedirectHopIsItsOwnExchangeWithItsBody) {
  FixtureServer server;
  ASSERT_TRUE(server.Start());
  server.SetHandler("/a", [](const httplib::Request&, httplib::Response& res) {
    res.status = 302;
    res.set_header("Location", "/b");
    res.set_content("moved to b", "text/plain");
  });
  server.SetOverride("/b", "final page", "text/plain");
  CurlFetcher fetcher(TestOptions());
  HttpRequest request = Get(server.base_url() + "/a");
  request.headers = {{"Accept-Encoding", "identity"}};  // httplib would compress text
  HttpResponse r = Fetch(fetcher, request);
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  ASSERT_EQ(r.exchanges.size(), 2u);
  const HttpExchange& hop = r.exchanges[0];
  EXPECT_EQ(hop.url, server.base_url() + "/a");
  EXPECT_EQ(hop.http_status, 302);
  EXPECT_THAT(hop.request_head, StartsWith("GET /a HTTP/1.1\r\n"));
  EXPECT_THAT(hop.response_head, StartsWith("HTTP/1.1 302 "));
  EXPECT_THAT(hop.response_head, HasSubstr("\r\nLocation: /b\r\n"));
  EXPECT_EQ(hop.payload, "moved to b");
  EXPECT_FALSE(hop.payload_is_body);
  const HttpExchange& final_hop = r.exchanges[1];
  EXPECT_EQ(final_hop.url, server.base_url() + "/b");
  EXPECT_EQ(final_hop.http_status, 200);
  EXPECT_THAT(final_hop.request_head, StartsWith("GET /b HTTP/1.1\r\n"));
  EXPECT_TRUE(final_hop.payload_is_body);
  EXPECT_EQ(r.body, "final page");
  EXPECT_LE(hop.started_unix_ms, final_hop.started_unix_ms);
}

TEST(CurlFetcherTest, CredentialsAreNotCarriedToAnotherOriginByARedirect) {
  FixtureServer origin, other;
  ASSERT_TRUE(origin.Start());
  if (!other.StartOn("127.0.0.2")) GTEST_SKIP() << "cannot bind 127.0.0.2";
  std::vector<std::string> seen;
  auto record = [&](const httplib::Request& req, httplib::Response& res) {
    seen.push_back(req.path + " " + req.get_header_value("Authorization") + "|" +
                   req.get_header_value("X-Source"));
    res.set_content("ok", "text/plain");
  };
  Redirect(origin, "/a", "/b");
  origin.SetHandler("/b", [&](const httplib::Request& req, httplib::Response& res) {
    record(req, res);
    res.set_redirect(other.base_url() + "/c");
  });
  other.SetHandler("/c", record);
  CurlFetcher fetcher(TestOptions());
  HttpRequest request = Get(origin.base_url() + "/a", {"127.0.0.1", "127.0.0.2"});
  request.headers = {{"Authorization", "Bearer t"}, {"X-Source", "s"}};
  HttpResponse r = Fetch(fetcher, request);
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(seen, (std::vector<std::string>{"/b Bearer t|s", "/c |s"}));
}

// Conditional GET and empty answers: nothing to decode, nothing to fail.
TEST(CurlFetcherTest, AnswersWithoutABodyAreOkWhateverTheirCoding) {
  const std::string not_modified =
      "HTTP/1.1 304 Not Modified\r\nETag: \"v1\"\r\nContent-Encoding: gzip\r\n"
      "Connection: close\r\n\r\n";
  const std::string no_content = "HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n";
  RawServer server([&](const std::string& request) {
    return request.starts_with("GET /304 ") ? not_modified : no_content;
  });
  ASSERT_TRUE(server.Start());
  CurlFetcher fetcher(TestOptions());
  for (const auto& [path, head] :
       {std::pair{"/304", not_modified}, std::pair{"/204", no_content}}) {
    HttpRequest request = Get(server.base_url() + path);
    request.headers = {{"If-None-Match", "\"v1\""}};
    HttpResponse r = Fetch(fetcher, request);
    ASSERT_TRUE(r.status.ok()) << path << " " << r.status.ToString();
    EXPECT_EQ(r.body, "") << path;
    ASSERT_EQ(r.exchanges.size(), 1u) << path;
    EXPECT_EQ(r.exchanges[0].response_head, head) << path;
    EXPECT_EQ(r.exchanges[0].payload, "") << path;
    EXPECT_FALSE(r.exchanges[0].truncated) << path;
  }
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
  auto loop = FetchAsync(fetcher, Get(server.base_url() + "/loop"));
  Bystander bystander(fetcher);
  ASSERT_EQ(loop.wait_for(kWait), std::future_status::ready);
  HttpResponse r = loop.get();
  EXPECT_EQ(r.status.code(), StatusCode::kRejected) << r.status.ToString();
  EXPECT_THAT(r.status.message(), HasSubstr("more than 5 redirects"));
  EXPECT_EQ(r.redirects, 5);
  EXPECT_EQ(server.RequestCount("/loop"), 6);  // the original and five redirects
  EXPECT_EQ(r.exchanges.size(), 6u);           // every hop is evidence
  EXPECT_EQ(r.http_status, 302);
  EXPECT_TRUE(bystander.Succeeded());
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
  Bystander bystander(fetcher);
  for (size_t i = 0; i < targets.size(); ++i) {
    HttpResponse r = Fetch(fetcher, Get(server.base_url() + "/r" + std::to_string(i)));
    EXPECT_EQ(r.status.code(), StatusCode::kRejected) << targets[i] << " " << r.status.ToString();
    EXPECT_THAT(r.status.message(), HasSubstr("protocol not allowed")) << targets[i];
    EXPECT_EQ(r.exchanges.size(), 1u) << targets[i];  // the hop that redirected
  }
  EXPECT_TRUE(bystander.Succeeded());
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
// canaries on 127.0.0.1 and ::1 under every spelling libcurl accepts, and to
// the metadata and a private address. The guard sees the socket address, so
// none of them may even be connected to.
TEST(CurlFetcherTest, RedirectToUnlistedAddressIsBlockedWhateverItsSpelling) {
  FixtureServer origin;
  if (!origin.StartOn("127.0.0.2")) GTEST_SKIP() << "cannot bind 127.0.0.2";
  Canary canary, canary6;
  ASSERT_TRUE(canary.Listen("127.0.0.1"));
  std::string p = std::to_string(canary.port());
  std::vector<std::string> targets = {"http://127.0.0.1:" + p + "/",
                                      "http://2130706433:" + p + "/",
                                      "http://0x7f.1:" + p + "/",
                                      "http://127.1:" + p + "/",
                                      "http://017700000001:" + p + "/",
                                      "http://[::ffff:127.0.0.1]:" + p + "/",
                                      "http://localhost:" + p + "/",
                                      "http://169.254.169.254/latest/meta-data/",
                                      "http://10.0.0.1/"};
  if (canary6.Listen("::1"))
    targets.push_back("http://[::1]:" + std::to_string(canary6.port()) + "/");
  for (size_t i = 0; i < targets.size(); ++i) {
    Redirect(origin, "/r" + std::to_string(i), targets[i]);
  }
  config::FetchOptions options = TestOptions();
  options.total_timeout_ms = 3000;  // a canary never answers: fail fast if reached
  CurlFetcher fetcher(options);
  Bystander bystander(fetcher);
  for (size_t i = 0; i < targets.size(); ++i) {
    HttpResponse r =
        Fetch(fetcher, Get(origin.base_url() + "/r" + std::to_string(i), {"127.0.0.2"}));
    EXPECT_EQ(r.status.code(), StatusCode::kRejected) << targets[i] << " " << r.status.ToString();
    EXPECT_THAT(r.status.message(), HasSubstr("blocked:ssrf ")) << targets[i];
    EXPECT_EQ(r.redirects, 1) << targets[i];
    EXPECT_EQ(canary.Connections() + canary6.Connections(), 0) << targets[i];
  }
  EXPECT_EQ(origin.TotalRequests(), static_cast<int>(targets.size()));
  EXPECT_TRUE(bystander.Succeeded());
}

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
