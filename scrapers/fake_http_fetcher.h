// A fake HttpFetcher for unit tests: answers from a map of URL -> response,
// records every request, and delivers callbacks synchronously from Submit.
// Each answer carries one synthetic exchange (request and response heads as
// a server would see them) so the WARC path runs too, and the egress the
// request asked for.
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
  // A response with headers (ETag, Retry-After, ...); names lower-case.
  void SetResponse(const std::string& url, int status, std::string body, HeaderList headers,
                   std::string content_type = "text/html; charset=utf-8") {
    SetPage(url, std::move(body), std::move(content_type), status);
    std::lock_guard<std::mutex> lock(mu_);
    responses_[url].headers = std::move(headers);
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
    response.egress = request.proxy.empty() ? "direct" : request.proxy;
    if (response.status.ok()) {
      HttpExchange x;
      x.url = request.url;
      x.remote_ip = response.remote_ip;
      x.request_head = "GET " + request.url + " HTTP/1.1\r\n";
      for (const auto& [name, value] : request.headers) {
        x.request_head += name + ": " + value + "\r\n";
      }
      x.request_head += "\r\n";
      x.http_status = response.http_status;
      x.response_head = "HTTP/1.1 " + std::to_string(response.http_status) + " Fake\r\n";
      for (const auto& [name, value] : response.headers) {
        x.response_head += name + ": " + value + "\r\n";
      }
      x.response_head += "Content-Type: " + response.content_type + "\r\n\r\n";
      x.payload_is_body = true;
      response.exchanges.push_back(std::move(x));
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
