// How CurlFetcher's bytes leave the machine: through a SOCKS5 or HTTP proxy
// when the request names one (names resolved by the proxy, no bypass from the
// environment, no direct fallback when the proxy is down, the egress recorded
// without credentials), and over TLS with verification on unless the request
// turns it off. Every proxy and server is a test fixture on 127.0.0.1.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <string>
#include <vector>

#include "scrapers/curl_fetcher.h"
#include "scrapers/curl_fetcher_test_util.h"
#include "tests/support/fixture_server.h"
#include "tests/support/socks5_proxy.h"
#include "tests/support/tls_server.h"

namespace harrier::scrapers {
namespace {

using harrier::testing::FixtureServer;
using harrier::testing::LoopbackProxy;
using harrier::testing::TlsServer;
using test::Bystander;
using test::Canary;
using test::ClosedPort;
using test::Fetch;
using test::FetchAsync;
using test::Get;
using test::kWait;
using test::ScopedEnv;
using test::TestOptions;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

// A name that only the proxies' maps resolve (.test is reserved, RFC 6761).
constexpr char kSiteName[] = "advert-site.test";

std::string SiteUrl(int port, const std::string& scheme = "http") {
  return scheme + "://" + kSiteName + ":" + std::to_string(port);
}

// ---- SOCKS5 ------------------------------------------------------------------

// The name reaches the proxy as a name (it is logged unresolved), and the
// guard sees only the proxy: nothing is allow-listed for the target.
TEST(ProxyTest, Socks5hResolvesTheNameThroughTheProxy) {
  FixtureServer server;
  ASSERT_TRUE(server.Start());
  server.SetOverride("/ad", "advert via proxy", "text/plain");
  LoopbackProxy proxy(LoopbackProxy::Kind::kSocks5);
  ASSERT_TRUE(proxy.Start());
  proxy.MapName(kSiteName, "127.0.0.1");
  CurlFetcher fetcher(TestOptions());
  HttpRequest request = Get(SiteUrl(server.port()) + "/ad", {});
  request.proxy = proxy.url();
  HttpResponse r = Fetch(fetcher, request);

  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.body, "advert via proxy");
  EXPECT_THAT(proxy.Targets(),
              ElementsAre(std::string(kSiteName) + ":" + std::to_string(server.port())));
  EXPECT_EQ(r.egress, proxy.url());
  ASSERT_EQ(r.exchanges.size(), 1u);
  EXPECT_EQ(r.exchanges[0].remote_ip, "127.0.0.1");  // the proxy's address
  EXPECT_THAT(r.exchanges[0].request_head, StartsWith("GET /ad HTTP/1.1\r\n"));
  EXPECT_THAT(r.exchanges[0].request_head, HasSubstr("\r\nHost: " + std::string(kSiteName) + ":" +
                                                     std::to_string(server.port()) + "\r\n"));
}

TEST(ProxyTest, EgressNamesTheProxyWithoutItsCredentials) {
  FixtureServer server;
  ASSERT_TRUE(server.Start());
  server.SetOverride("/", "ok", "text/plain");
  LoopbackProxy proxy(LoopbackProxy::Kind::kSocks5);  // offers no-auth; curl accepts it
  ASSERT_TRUE(proxy.Start());
  const std::string port = std::to_string(proxy.port());
  CurlFetcher fetcher(TestOptions());
  HttpRequest request = Get(server.base_url() + "/", {});
  request.proxy = "socks5h://agent:s3cret@127.0.0.1:" + port;
  HttpResponse r = Fetch(fetcher, request);
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.egress, "socks5h://127.0.0.1:" + port);

  // A failure message names the proxy, also without the secret.
  request.url = SiteUrl(ClosedPort()) + "/";  // unmapped: the proxy refuses it
  HttpResponse failed = Fetch(fetcher, request);
  EXPECT_EQ(failed.status.code(), StatusCode::kUnavailable) << failed.status.ToString();
  EXPECT_THAT(failed.status.message(), HasSubstr("via socks5h://127.0.0.1:" + port));
  EXPECT_THAT(failed.status.message(), Not(HasSubstr("s3cret")));
}

TEST(ProxyTest, NoProxyInTheEnvironmentCannotBypassTheProxy) {
  ScopedEnv upper("NO_PROXY", "*");
  ScopedEnv lower("no_proxy", "*");
  FixtureServer server;
  ASSERT_TRUE(server.Start());
  server.SetOverride("/", "ok", "text/plain");
  LoopbackProxy proxy(LoopbackProxy::Kind::kSocks5);
  ASSERT_TRUE(proxy.Start());
  CurlFetcher fetcher(TestOptions());
  HttpRequest request = Get(server.base_url() + "/", {});
  request.proxy = proxy.url();
  HttpResponse r = Fetch(fetcher, request);
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_THAT(proxy.Targets(), ElementsAre("127.0.0.1:" + std::to_string(server.port())));
}

// The target is allow-listed, so a direct connection would work: only the
// fetcher's refusal to go around the proxy keeps its count at zero.
void ExpectProxyDownFailsClosed(const std::string& scheme) {
  FixtureServer target;
  ASSERT_TRUE(target.Start());
  target.SetOverride("/", "must not be fetched", "text/plain");
  const std::string proxy_url = scheme + "://127.0.0.1:" + std::to_string(ClosedPort());
  CurlFetcher fetcher(TestOptions());
  HttpRequest request = Get(target.base_url() + "/");
  request.proxy = proxy_url;
  auto down = FetchAsync(fetcher, request);
  Bystander bystander(fetcher);  // direct, at the same time
  ASSERT_EQ(down.wait_for(kWait), std::future_status::ready);
  HttpResponse r = down.get();
  EXPECT_EQ(r.status.code(), StatusCode::kUnavailable) << r.status.ToString();
  EXPECT_THAT(r.status.message(), HasSubstr("via " + proxy_url + ": proxy unreachable"));
  EXPECT_EQ(r.egress, proxy_url);
  EXPECT_TRUE(r.exchanges.empty());
  EXPECT_EQ(target.TotalRequests(), 0);
  EXPECT_TRUE(bystander.Succeeded());
}

TEST(ProxyTest, SocksProxyDownFailsClosedWithNothingSentDirectly) {
  ExpectProxyDownFailsClosed("socks5h");
}

TEST(ProxyTest, HttpProxyDownFailsClosedWithNothingSentDirectly) {
  ExpectProxyDownFailsClosed("http");
}

TEST(ProxyTest, ProxyThatIsNotSocks5hOrHttpIsRefusedBeforeAnythingIsSent) {
  Canary canary;
  ASSERT_TRUE(canary.Listen("127.0.0.1"));
  const std::string port = std::to_string(canary.port());
  CurlFetcher fetcher(TestOptions());
  // socks5:// would resolve names locally; socks4 cannot carry them.
  for (const std::string& proxy : {"socks5://127.0.0.1:" + port, "socks4a://127.0.0.1:" + port,
                                   "https://127.0.0.1:" + port, std::string("127.0.0.1")}) {
    HttpRequest request = Get("http://127.0.0.1:" + port + "/");
    request.proxy = proxy;
    HttpResponse r = Fetch(fetcher, request);
    EXPECT_EQ(r.status.code(), StatusCode::kInvalidArgument) << proxy << " " << r.status.ToString();
  }
  EXPECT_EQ(canary.Connections(), 0);
}

// ---- HTTP proxy --------------------------------------------------------------

TEST(ProxyTest, HttpProxyGetsPlainHttpInAbsoluteFormWithTheNameUnresolved) {
  FixtureServer server;
  ASSERT_TRUE(server.Start());
  server.SetOverride("/ad", "advert via http proxy", "text/plain");
  LoopbackProxy proxy(LoopbackProxy::Kind::kHttp);
  ASSERT_TRUE(proxy.Start());
  proxy.MapName(kSiteName, "127.0.0.1");
  CurlFetcher fetcher(TestOptions());
  HttpRequest request = Get(SiteUrl(server.port()) + "/ad", {});
  request.proxy = proxy.url();
  HttpResponse r = Fetch(fetcher, request);
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.body, "advert via http proxy");
  EXPECT_EQ(r.egress, proxy.url());
  ASSERT_EQ(r.exchanges.size(), 1u);
  // Evidence shows what was sent: the request as the proxy received it.
  EXPECT_THAT(r.exchanges[0].request_head,
              StartsWith("GET " + SiteUrl(server.port()) + "/ad HTTP/1.1\r\n"));
  EXPECT_THAT(proxy.Targets(),
              ElementsAre(std::string(kSiteName) + ":" + std::to_string(server.port())));
}

TEST(ProxyTest, HttpsThroughAnHttpProxyIsTunnelledAndTheTunnelIsNotEvidence) {
  TlsServer server("tunnelled page");
  ASSERT_TRUE(server.Start());
  LoopbackProxy proxy(LoopbackProxy::Kind::kHttp);
  ASSERT_TRUE(proxy.Start());
  proxy.MapName(kSiteName, "127.0.0.1");
  const int port = server.port();
  CurlFetcher fetcher(TestOptions());
  HttpRequest request = Get(SiteUrl(port, "https") + "/", {});
  request.proxy = proxy.url();
  request.tls_verify = false;  // the certificate is for 127.0.0.1, self-signed
  HttpResponse r = Fetch(fetcher, request);
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.body, "tunnelled page");
  EXPECT_THAT(proxy.Targets(), ElementsAre(std::string(kSiteName) + ":" + std::to_string(port)));
  ASSERT_EQ(r.exchanges.size(), 1u);
  EXPECT_THAT(r.exchanges[0].request_head, StartsWith("GET / HTTP/1.1\r\n"));
  EXPECT_THAT(r.exchanges[0].response_head, StartsWith("HTTP/1.1 200 OK\r\n"));
  EXPECT_THAT(r.exchanges[0].response_head, Not(HasSubstr("established")));
}

// ---- TLS ---------------------------------------------------------------------

TEST(TlsTest, SelfSignedCertificateIsRejectedByDefault) {
  TlsServer server("secret page");
  ASSERT_TRUE(server.Start());
  CurlFetcher fetcher(TestOptions());
  auto fetch = FetchAsync(fetcher, Get(server.base_url() + "/"));
  Bystander bystander(fetcher);
  ASSERT_EQ(fetch.wait_for(kWait), std::future_status::ready);
  HttpResponse r = fetch.get();
  EXPECT_EQ(r.status.code(), StatusCode::kRejected) << r.status.ToString();
  EXPECT_THAT(r.status.message(), HasSubstr("TLS certificate not trusted"));
  EXPECT_EQ(r.body, "");
  EXPECT_TRUE(r.exchanges.empty());  // no request went out
  EXPECT_EQ(server.RequestCount(), 0);
  EXPECT_TRUE(bystander.Succeeded());
}

TEST(TlsTest, VerificationOffAcceptsSelfSignedAndRecordsTheExchange) {
  TlsServer server("authorised page");
  ASSERT_TRUE(server.Start());
  CurlFetcher fetcher(TestOptions());
  HttpRequest request = Get(server.base_url() + "/");
  request.tls_verify = false;
  HttpResponse r = Fetch(fetcher, request);
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.body, "authorised page");
  ASSERT_EQ(r.exchanges.size(), 1u);
  // HTTP/1.1 inside TLS: the decrypted bytes, not a rendering of HTTP/2.
  EXPECT_THAT(r.exchanges[0].request_head, StartsWith("GET / HTTP/1.1\r\n"));
  EXPECT_THAT(r.exchanges[0].response_head, StartsWith("HTTP/1.1 200 OK\r\n"));
  EXPECT_EQ(server.RequestCount(), 1);
}

// Without a way to trust a test CA, OpenSSL reports the missing trust
// before the dates; what is proved is that an expired certificate never
// passes by default.
TEST(TlsTest, ExpiredCertificateIsRejected) {
  TlsServer server("stale page", TlsServer::Validity::kExpired);
  ASSERT_TRUE(server.Start());
  CurlFetcher fetcher(TestOptions());
  HttpResponse r = Fetch(fetcher, Get(server.base_url() + "/"));
  EXPECT_EQ(r.status.code(), StatusCode::kRejected) << r.status.ToString();
  EXPECT_THAT(r.status.message(), HasSubstr("TLS certificate not trusted"));
  EXPECT_EQ(server.RequestCount(), 0);
}

}  // namespace
}  // namespace harrier::scrapers
