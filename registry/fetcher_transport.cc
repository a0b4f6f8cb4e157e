#include "registry/fetcher_transport.h"

#include <future>
#include <memory>

namespace harrier::registry {

Result<HttpReply> FetcherTransport::Get(const std::string& url, const Headers& headers) {
  scrapers::HttpRequest request = template_;
  request.url = url;
  for (const auto& h : headers) request.headers.push_back(h);
  auto done = std::make_shared<std::promise<scrapers::HttpResponse>>();
  std::future<scrapers::HttpResponse> result = done->get_future();
  fetcher_.Submit(std::move(request),
                  [done](scrapers::HttpResponse r) { done->set_value(std::move(r)); });
  scrapers::HttpResponse r = result.get();  // the fetcher calls back exactly once
  if (!r.status.ok()) return r.status;
  HttpReply reply;
  reply.status = r.http_status;
  reply.headers = std::move(r.headers);
  reply.body = std::move(r.body);
  return reply;
}

}  // namespace harrier::registry
