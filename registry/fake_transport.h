// A Transport for tests: canned replies per URL (a queue per URL; the last
// one repeats), every request recorded. Thread-safe.
#ifndef HARRIER_REGISTRY_FAKE_TRANSPORT_H_
#define HARRIER_REGISTRY_FAKE_TRANSPORT_H_

#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "registry/transport.h"

namespace harrier::registry {

class FakeTransport : public Transport {
 public:
  struct Request {
    std::string url;
    Headers headers;
  };

  // Queues a reply for `url` (the full URL, query included).
  void Add(const std::string& url, int status, std::string body, Headers headers = {}) {
    std::lock_guard<std::mutex> lock(mu_);
    replies_[url].push_back({status, std::move(headers), std::move(body)});
  }

  Result<HttpReply> Get(const std::string& url, const Headers& headers) override {
    std::lock_guard<std::mutex> lock(mu_);
    requests_.push_back({url, headers});
    auto it = replies_.find(url);
    if (it == replies_.end() || it->second.empty()) return HttpReply{404, {}, "{}"};
    HttpReply r = it->second.front();
    if (it->second.size() > 1) it->second.pop_front();
    return r;
  }

  std::vector<Request> requests() const {
    std::lock_guard<std::mutex> lock(mu_);
    return requests_;
  }
  std::vector<std::string> urls() const {
    std::lock_guard<std::mutex> lock(mu_);
    std::vector<std::string> out;
    for (const auto& r : requests_) out.push_back(r.url);
    return out;
  }

 private:
  mutable std::mutex mu_;
  std::map<std::string, std::deque<HttpReply>> replies_;
  std::vector<Request> requests_;
};

}  // namespace harrier::registry

#endif  // HARRIER_REGISTRY_FAKE_TRANSPORT_H_
