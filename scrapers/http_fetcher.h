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
  std::string user_agent;  // empty: the fetcher's default
  HeaderList headers;
  int64_t max_body_bytes = 0;                // 0: the fetcher's default
  std::vector<std::string> allow_addresses;  // IPs exempt from the address guard
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
