// Helpers shared by the CurlFetcher tests (curl_fetcher_test.cc,
// curl_fetcher_limits_test.cc): blocking fetches, completion counting, gates
// for server handlers, and gzip bodies built at run time. Linking this file
// also makes the test binary ignore SIGPIPE.
#ifndef HARRIER_SCRAPERS_CURL_FETCHER_TEST_UTIL_H_
#define HARRIER_SCRAPERS_CURL_FETCHER_TEST_UTIL_H_

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <string>
#include <vector>

#include "config/options.h"
#include "scrapers/http_fetcher.h"
#include "tests/support/fixture_server.h"

namespace harrier::scrapers::test {

// Only a safety net against a hung fetcher; tests never wait this long.
inline constexpr auto kWait = std::chrono::seconds(30);

// Short connect and total timeouts, so a broken test fails in seconds.
config::FetchOptions TestOptions();

// A GET of `url` that allow-lists `allow` (the fixture server's address by
// default).
HttpRequest Get(const std::string& url, std::vector<std::string> allow = {"127.0.0.1"});

// Submits and blocks until the callback has run.
HttpResponse Fetch(HttpFetcher& fetcher, HttpRequest request);

// Records callbacks by request index; Wait blocks until `n` have arrived.
class Completions {
 public:
  explicit Completions(int n) : calls_(n, 0), responses_(n) {}
  HttpFetcher::Callback For(int i);
  bool Wait(int n);
  std::vector<int> calls() const;
  HttpResponse response(int i) const;

 private:
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::vector<int> calls_;
  std::vector<HttpResponse> responses_;
  int total_ = 0;
};

// A flag handlers block on; opened by the test or on scope exit.
class Gate {
 public:
  void Open() {
    std::lock_guard<std::mutex> lock(mu_);
    open_ = true;
    cv_.notify_all();
  }
  // True if opened within `d`.
  bool WaitFor(std::chrono::milliseconds d) {
    std::unique_lock<std::mutex> lock(mu_);
    return cv_.wait_for(lock, d, [&] { return open_; });
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool open_ = false;
};

// Declared after the server, so handlers blocked on the gate are released
// before the server joins its threads.
struct OpenOnExit {
  Gate& gate;
  ~OpenOnExit() { gate.Open(); }
};

// `chunk` repeated `repeat` times, gzip-compressed.
std::string Gzip(const std::string& chunk, size_t repeat);

// Serves `gz` at `path` as a gzip-encoded body.
void ServeGzip(harrier::testing::FixtureServer& server, const std::string& path, std::string gz);

}  // namespace harrier::scrapers::test

#endif  // HARRIER_SCRAPERS_CURL_FETCHER_TEST_UTIL_H_
