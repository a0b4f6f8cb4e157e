// PageProcessor for Companies House API replies: the evidence of each
// exchange (with the API key redacted from the request head: the WARC keeps
// every other byte) and what the writer thread needs to feed the walk.
#include <spdlog/spdlog.h>

#include "daemon/page_processor.h"
#include "registry/api_key.h"
#include "registry/rate_limit.h"

namespace harrier::daemon {

Commit PageProcessor::ProcessRegistry(const SourceContext& source, Fetched fetched) const {
  RegistryReply reply;
  reply.source_index = fetched.source_index;
  reply.item = fetched.item;
  reply.request = *fetched.registry_request;
  scrapers::HttpResponse& response = fetched.response;
  for (scrapers::HttpExchange& exchange : response.exchanges) {
    exchange.request_head = registry::RedactKey(exchange.request_head, source.api_key);
  }
  if (!response.exchanges.empty()) {
    std::string save_error;
    reply.capture = MakeCapture(source, reply.item, response, &save_error);
    if (!response.status.ok()) reply.capture->error = response.status.ToString();
    if (!save_error.empty()) {
      // A reply whose evidence could not be kept is not used.
      reply.error = save_error;
      return reply;
    }
  }
  if (!response.status.ok()) {
    reply.error = registry::RedactKey(response.status.ToString(), source.api_key);
    return reply;
  }
  reply.http_status = response.http_status;
  if (response.http_status == 200) {
    reply.body = std::move(response.body);
    return reply;
  }
  reply.error = "http status " + std::to_string(response.http_status);
  if (response.http_status == 429) {
    reply.retry_at_ms = ToUnixMillis(registry::RetryAt(response.headers, clock_.WallNow()));
  }
  return reply;
}

}  // namespace harrier::daemon
