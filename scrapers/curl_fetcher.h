// CurlFetcher: the production HttpFetcher on libcurl's multi interface. One
// network thread drives all transfers; at most max_connections at once and,
// per host, the request's host_connections (default per_host_connections)
// with host_delay_ms between starts. Enforced before anything else sees the
// bytes: http/https only (also on redirects), at most max_redirects,
// connect/total/low-speed timeouts, TLS verification, an explicit proxy (no
// environment proxy, no direct fallback), body caps on the raw and the
// decoded bytes in the write callback (the fetcher decodes gzip/deflate/br
// itself, keeping the raw bytes), and an address guard on the actual socket
// address (loopback, private, link-local, multicast, reserved and
// IPv4-embedding IPv6 ranges are refused unless the request allow-lists that
// exact address; behind a proxy only the proxy's address is seen). Every hop
// is returned byte for byte in HttpResponse::exchanges.
#ifndef HARRIER_SCRAPERS_CURL_FETCHER_H_
#define HARRIER_SCRAPERS_CURL_FETCHER_H_

#include <memory>

#include "config/options.h"
#include "scrapers/http_fetcher.h"

namespace harrier::scrapers {

class CurlFetcher : public HttpFetcher {
 public:
  explicit CurlFetcher(const config::FetchOptions& options);
  ~CurlFetcher() override;  // cancels what is in flight (callbacks get kUnavailable)
  void Submit(HttpRequest request, Callback done) override;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// True when `ip` (textual IPv4 or IPv6) is in a range the guard refuses.
// Exposed for tests and the SSRF fuzzer.
bool IsForbiddenAddress(const std::string& ip);

}  // namespace harrier::scrapers

#endif  // HARRIER_SCRAPERS_CURL_FETCHER_H_
