// A fake HttpFetcher for unit tests: answers from a map of URL -> response,
// records every request, and delivers callbacks synchronously from Submit.
#ifndef HARRIER_SCRAPERS_FAKE_HTTP_FETCHER_H_
#define HARRIER_SCRAPERS_FAKE_HTTP_FETCHER_H_

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "scrapers/http_fetcher.h"

namespace harrier::scrapers {

class FakeHttpFetcher : public HttpFetcher {
 public:
  void SetPage(const std::string& url, std::string body,
               std::string content_type = "text/html; charset=utf-8", int status = 200) {
    std::lock_guard<std::mutex> lock(mu_);
    HttpResponse r;
    r.http_status = status;
    r.url = r.final_url = url;
    r.content_type = std::move(content_type);
    r.body = std::move(body);
    r.remote_ip = "192.0.2.1";
    responses_[url] = std::move(r);
  }
  void SetError(const std::string& url, Status status) {
    std::lock_guard<std::mutex> lock(mu_);
    HttpResponse r;
    r.status = std::move(status);
    r.url = url;
    responses_[url] = std::move(r);
  }

  void Submit(HttpRequest request, Callback done) override {
    HttpResponse response;
    {
      std::lock_guard<std::mutex> lock(mu_);
      requests_.push_back(request);
      auto it = responses_.find(request.url);
      if (it == responses_.end()) {
        response.http_status = 404;
        response.url = response.final_url = request.url;
        response.content_type = "text/html";
      } else {
        response = it->second;
      }
    }
    done(std::move(response));
  }

  std::vector<HttpRequest> requests() const {
    std::lock_guard<std::mutex> lock(mu_);
    return requests_;
  }
  int CountRequests(const std::string& url) const {
    std::lock_guard<std::mutex> lock(mu_);
    int n = 0;
    for (const auto& r : requests_) n += r.url == url;
    return n;
  }

 private:
  mutable std::mutex mu_;
  std::map<std::string, HttpResponse> responses_;
  std::vector<HttpRequest> requests_;
};

}  // namespace harrier::scrapers

#endif  // HARRIER_SCRAPERS_FAKE_HTTP_FETCHER_H_
