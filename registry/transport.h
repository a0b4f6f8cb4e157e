// The HTTP boundary of the Companies House client: one blocking GET. The
// daemon will give it its own fetcher (politeness, egress, evidence) through
// FetcherTransport; tests give it a map of canned replies.
// Thread-safety: implementations say; the client calls Get from its caller's
// thread.
#ifndef HARRIER_REGISTRY_TRANSPORT_H_
#define HARRIER_REGISTRY_TRANSPORT_H_

#include <string>
#include <utility>
#include <vector>

#include "core/status.h"

namespace harrier::registry {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct HttpReply {
  int status = 0;
  Headers headers;  // of the response; names as received (compare case-insensitively)
  std::string body;
};

class Transport {
 public:
  virtual ~Transport() = default;
  // OK with any HTTP status once a response arrived; an error Status only
  // when none did (connect, timeout, refused by a guard). Blocks.
  virtual Result<HttpReply> Get(const std::string& url, const Headers& headers) = 0;
};

}  // namespace harrier::registry

#endif  // HARRIER_REGISTRY_TRANSPORT_H_
