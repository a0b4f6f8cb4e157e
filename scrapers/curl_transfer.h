// One libcurl easy transfer of CurlFetcher: the easy handle with every
// protection set on it (protocols, redirects, timeouts, body and header caps,
// the address guard on each socket), the callbacks that fill the response,
// and turning curl's result into a Status. Internal to scrapers/: this header
// and curl_fetcher.cc are the only ones that include curl.h. Not thread-safe:
// a transfer belongs to the network thread once it is prepared.
#ifndef HARRIER_SCRAPERS_CURL_TRANSFER_H_
#define HARRIER_SCRAPERS_CURL_TRANSFER_H_

#include <curl/curl.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "config/options.h"
#include "core/status.h"
#include "scrapers/http_fetcher.h"

namespace harrier::scrapers {

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
  std::string host;  // of request.url, for the per-host delay
  CURL* easy = nullptr;
  curl_slist* header_list = nullptr;
  std::vector<std::string> allow;  // canonical allow_addresses
  int64_t cap = 0;                 // decoded body bytes
  int64_t decoded = 0;             // of the current response
  size_t header_bytes = 0;         // of the current response
  Status abort;                    // why our write/header callback stopped it
  std::string blocked;             // why the address guard refused a socket
  char error[CURL_ERROR_SIZE] = {};
};

// Creates t->easy and sets every option on it, with CURLOPT_PRIVATE pointing
// at `t`. Fails (kInvalidArgument for a header or user agent with a line
// break, kInternal when curl refuses an option) without running anything: a
// fetch without one of its protections must not run at all.
Status PrepareTransfer(Transfer* t, const config::FetchOptions& options);

// After curl reports the transfer done with `rc`: fills t->response from the
// handle (status code, final URL, type, redirects, time, remote address) and
// returns the outcome, with the URL in the message.
Status FinishTransfer(Transfer* t, CURLcode rc, const config::FetchOptions& options);

// Hands the response to the callback after the curl handle is gone, so a
// callback that submits again never sees this transfer half torn down.
void CompleteTransfer(std::unique_ptr<Transfer> t, Status status);

// The lower-cased host of `url`; empty when curl cannot parse it.
std::string UrlHost(const std::string& url);

}  // namespace harrier::scrapers

#endif  // HARRIER_SCRAPERS_CURL_TRANSFER_H_
