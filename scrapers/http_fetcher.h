// The fetcher boundary: requests in, responses out, asynchronously.
// CurlFetcher is the real one; tests use FakeHttpFetcher or a real server on
// 127.0.0.1. Thread-safety: Submit may be called from any thread; callbacks
// run on the fetcher's own thread and must be quick (push to a queue).
#ifndef HARRIER_SCRAPERS_HTTP_FETCHER_H_
#define HARRIER_SCRAPERS_HTTP_FETCHER_H_

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"

namespace harrier::scrapers {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string url;
  std::string user_agent;                    // empty: the fetcher's default
  HeaderList headers;                        // sent as given (e.g. If-None-Match); no line breaks
  int64_t max_body_bytes = 0;                // 0: the fetcher's default
  std::vector<std::string> allow_addresses;  // IPs exempt from the address guard

  // Egress. Empty: connect directly. Otherwise "socks5h://IP:PORT" or
  // "http://IP:PORT" (IP literal; config/ validates). With a proxy set no
  // byte ever goes out directly: a proxy that is down fails the request
  // (kUnavailable), and NO_PROXY in the environment is ignored too. The
  // proxy's own address is exempt from the address guard; the guard cannot
  // see what the proxy connects to, so that rule lives in the proxy.
  std::string proxy;
  // TLS peer and host verification. false only for a source whose profile
  // names an authorisation for it (config/ enforces; the collector audits).
  bool tls_verify = true;
  // Politeness for this request's host: the least gap between two request
  // starts to the host (-1: FetchOptions::per_host_delay_ms) and the most
  // requests to it at once (0: FetchOptions::per_host_connections). The
  // fetcher applies the largest delay and smallest limit it has been given
  // for a host among the requests waiting for it.
  int host_delay_ms = -1;
  int host_connections = 0;
};

// One request/response pair on the wire. A redirected fetch has one per hop,
// in order; the last is the final response. Kept byte for byte as evidence
// (the WARC writer stores these).
struct HttpExchange {
  std::string url;              // requested in this hop
  std::string remote_ip;        // connected to (the proxy's when proxied)
  int64_t started_unix_ms = 0;  // UTC, when the request was sent
  // Exactly the bytes sent: request line, headers, blank line (CRLFs kept).
  std::string request_head;
  // Exactly the bytes received: status line, headers, blank line. Of a
  // 1xx interim response too when one came first (e.g. 100 Continue).
  std::string response_head;
  int http_status = 0;
  // The entity body as received: still content-coded (gzip, br, ...), with
  // chunked transfer coding removed. For the final hop this is empty and
  // `payload_is_body` true when no content coding was applied, so the bytes
  // are not held twice: the payload is then HttpResponse::body.
  std::string payload;
  bool payload_is_body = false;
  bool truncated = false;  // cut at the cap: the record is incomplete
};

struct HttpResponse {
  // OK when an HTTP response arrived (any status code). Otherwise why not:
  // kRejected (address guard, protocol, body cap), kTimeout, kUnavailable
  // (connect/DNS), kIoError. The message names the URL and the reason.
  Status status;
  int http_status = 0;
  std::string url;        // as requested
  std::string final_url;  // after redirects
  std::string content_type;
  HeaderList headers;     // of the final response, names lower-cased
  std::string body;       // decoded (gzip/deflate/br), at most the cap
  std::string remote_ip;  // the address actually connected to
  int redirects = 0;
  int64_t elapsed_ms = 0;
  // "direct", or the proxy URL without credentials ("socks5h://10.1.2.3:1080").
  std::string egress = "direct";
  // Every hop that got as far as sending a request, also when the fetch
  // failed part way (a cut body, a timeout): what was seen is evidence.
  std::vector<HttpExchange> exchanges;
};

class HttpFetcher {
 public:
  using Callback = std::function<void(HttpResponse)>;
  virtual ~HttpFetcher() = default;
  // Queues the request; `done` is called exactly once with the outcome.
  virtual void Submit(HttpRequest request, Callback done) = 0;
};

}  // namespace harrier::scrapers

#endif  // HARRIER_SCRAPERS_HTTP_FETCHER_H_
