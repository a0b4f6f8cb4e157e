// A Transport over a scrapers::HttpFetcher (CurlFetcher in production), so
// registry requests get the fetcher's TLS, caps, address guard, proxy and
// per-host politeness. Get blocks the calling thread until the fetcher's
// callback has run: call it from a worker, never from the fetcher's thread.
#ifndef HARRIER_REGISTRY_FETCHER_TRANSPORT_H_
#define HARRIER_REGISTRY_FETCHER_TRANSPORT_H_

#include <string>
#include <vector>

#include "registry/transport.h"
#include "scrapers/http_fetcher.h"

namespace harrier::registry {

class FetcherTransport : public Transport {
 public:
  // `request_template` supplies everything but the URL and headers (proxy,
  // allow_addresses, host delay, ...). `fetcher` must outlive this.
  explicit FetcherTransport(scrapers::HttpFetcher& fetcher,
                            scrapers::HttpRequest request_template = {})
      : fetcher_(fetcher), template_(std::move(request_template)) {}

  Result<HttpReply> Get(const std::string& url, const Headers& headers) override;

 private:
  scrapers::HttpFetcher& fetcher_;
  scrapers::HttpRequest template_;
};

}  // namespace harrier::registry

#endif  // HARRIER_REGISTRY_FETCHER_TRANSPORT_H_
