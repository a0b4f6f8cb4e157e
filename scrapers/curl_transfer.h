// One libcurl easy transfer of CurlFetcher: the easy handle with every
// protection set on it (protocols, redirects, timeouts, body and header caps,
// TLS verification, an explicit proxy, the address guard on each socket), the
// callbacks that record each hop byte for byte and decode the body, and
// turning curl's result into a Status. Redirects are followed here, one hop
// per curl transfer, so each hop's bytes are kept apart. Internal to
// scrapers/: this header and curl_fetcher.cc are the only ones that include
// curl.h. Not thread-safe: a transfer belongs to the network thread once it
// is prepared.
#ifndef HARRIER_SCRAPERS_CURL_TRANSFER_H_
#define HARRIER_SCRAPERS_CURL_TRANSFER_H_

#include <curl/curl.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "config/options.h"
#include "core/clock.h"
#include "core/status.h"
#include "scrapers/content_decoder.h"
#include "scrapers/http_fetcher.h"

namespace harrier::scrapers {

// What the body of the current hop is being turned into.
enum class BodyMode {
  kUndecided,  // no final response head yet
  kRedirect,   // a redirect that will be followed: raw bytes kept as payload
  kIdentity,   // no content coding: bytes go straight to the body
  kDecode,     // content-coded: raw bytes to the payload, decoded to the body
  kRawOnly,    // a coding we cannot (or could not) decode: raw bytes only
};

// One request from Submit to its callback. Heap-allocated and never moved,
// because curl holds pointers to it (callback data, error buffer).
struct Transfer {
  Transfer() = default;
  Transfer(const Transfer&) = delete;
  Transfer& operator=(const Transfer&) = delete;
  ~Transfer() {
    if (easy != nullptr) curl_easy_cleanup(easy);
    curl_slist_free_all(header_list);
  }

  HttpRequest request;
  HttpFetcher::Callback done;
  HttpResponse response;
  const Clock* clock = nullptr;  // wall time of each hop, steady time overall
  SteadyTime started{};          // when the first hop was added
  // Politeness key and this request's rules for it (defaults applied).
  std::string host;
  int host_delay_ms = 0;
  int host_connections = 1;

  CURL* easy = nullptr;
  curl_slist* header_list = nullptr;
  std::string user_agent;
  std::vector<std::string> allow;    // canonical allow_addresses (+ the proxy's)
  int64_t cap = 0;                   // body bytes, raw and decoded alike
  bool credentials_dropped = false;  // after a redirect to another origin

  // The hop in flight (reset for each redirect).
  std::string hop_url;
  bool hop_open = false;    // response.exchanges.back() belongs to this hop
  bool in_connect = false;  // curl is writing a CONNECT to an HTTP proxy
  bool head_done = false;   // a final (non-1xx) response head is complete
  BodyMode mode = BodyMode::kUndecided;
  std::string coding;  // Content-Encoding as received
  std::unique_ptr<ContentDecoder> decoder;
  int64_t raw_bytes = 0;    // entity bytes received in this hop
  size_t header_bytes = 0;  // response head bytes in this hop

  // Why the transfer failed; each ends it, so none outlives its hop.
  Status abort;         // why a callback stopped the transfer
  Status deferred;      // a failure found while the raw body is kept
  std::string blocked;  // why the address guard refused a socket
  char error[CURL_ERROR_SIZE] = {};
};

// Creates t->easy and sets every option on it for the first hop, with
// CURLOPT_PRIVATE pointing at `t`. Fails (kInvalidArgument for a header or
// user agent with a line break or a proxy that is not socks5h:// or http://,
// kInternal when curl refuses an option) without running anything: a fetch
// without one of its protections must not run at all.
Status PrepareTransfer(Transfer* t, const config::FetchOptions& options);

enum class HopResult { kDone, kFollow };

// After curl reports the current hop done with `rc` (the handle already
// removed from the multi handle): completes the hop's exchange, and either
// sets the handle up for the next hop of a redirect (kFollow: add it again)
// or fills t->response and stores the outcome, with the URL in its message,
// in *outcome (kDone).
HopResult FinishHop(Transfer* t, CURLcode rc, const config::FetchOptions& options, Status* outcome);

// Hands the response to the callback after the curl handle is gone, so a
// callback that submits again never sees this transfer half torn down.
void CompleteTransfer(std::unique_ptr<Transfer> t, Status status);

}  // namespace harrier::scrapers

#endif  // HARRIER_SCRAPERS_CURL_TRANSFER_H_
