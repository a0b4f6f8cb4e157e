// Helpers shared by the CurlFetcher tests (curl_fetcher_test.cc,
// curl_fetcher_limits_test.cc, proxy_test.cc): blocking fetches, completion
// counting, gates for server handlers, a bare TCP server for byte-exact
// checks, a listener that only counts connections, a bystander fetch that
// must succeed beside a hostile one, and compressed bodies built at run time.
// Linking this file also makes the test binary ignore SIGPIPE.
#ifndef HARRIER_SCRAPERS_CURL_FETCHER_TEST_UTIL_H_
#define HARRIER_SCRAPERS_CURL_FETCHER_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <future>
#include <mutex>
#include <string>
#include <thread>
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

// Submits; the future is ready once the callback has run.
std::future<HttpResponse> FetchAsync(HttpFetcher& fetcher, HttpRequest request);
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

// A bare listening socket that never accepts. The kernel completes TCP
// handshakes into the backlog regardless, so after a fetch Connections()
// counts every connection the fetcher opened, even ones it dropped before
// sending a request.
class Canary {
 public:
  Canary() = default;
  Canary(const Canary&) = delete;
  Canary& operator=(const Canary&) = delete;
  ~Canary();
  bool Listen(const std::string& host);
  int port() const { return port_; }
  int Connections();

 private:
  int fd_ = -1;
  int port_ = 0;
};

// A free port on 127.0.0.1 with nothing listening: connecting is refused.
int ClosedPort();

// A TCP server on 127.0.0.1 that shows the bytes themselves: per connection
// it reads one request head, records exactly the bytes received, writes
// exactly what `respond` returns for it, and closes.
class RawServer {
 public:
  using Respond = std::function<std::string(const std::string& request)>;
  explicit RawServer(Respond respond) : respond_(std::move(respond)) {}
  ~RawServer();
  RawServer(const RawServer&) = delete;
  RawServer& operator=(const RawServer&) = delete;
  bool Start();
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  // Everything received on each connection up to the end of its request
  // head (and anything sent with it), in order.
  std::vector<std::string> Received() const;

 private:
  void Serve(int client);

  Respond respond_;
  int fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
  mutable std::mutex mu_;
  std::vector<std::string> received_;
};

// A normal fetch from a second fixture server, submitted beside a hostile
// one: it must succeed however the other misbehaves ("the daemon carries
// on"). Construct it right after submitting the hostile request.
class Bystander {
 public:
  explicit Bystander(HttpFetcher& fetcher);
  // Waits for the fetch: success with the page's body, or why not.
  ::testing::AssertionResult Succeeded();
  // When its callback ran (valid after Succeeded()).
  std::chrono::steady_clock::time_point done_at() const { return done_at_; }

 private:
  harrier::testing::FixtureServer server_;
  std::future<HttpResponse> response_;
  std::shared_ptr<std::atomic<int64_t>> done_ns_;
  std::chrono::steady_clock::time_point done_at_{};
};

// Sets an environment variable for one scope. Declare it before any server
// or fetcher, because setenv races getenv in other threads.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::string& value);
  ~ScopedEnv();

 private:
  const char* name_;
};

// `chunk` repeated `repeat` times, gzip-compressed.
std::string Gzip(const std::string& chunk, size_t repeat);
// `chunk` repeated `repeat` times, brotli-compressed.
std::string Brotli(const std::string& chunk, size_t repeat);

// Serves `body` at `path` with the given Content-Encoding.
void ServeEncoded(harrier::testing::FixtureServer& server, const std::string& path,
                  const std::string& coding, std::string body);
inline void ServeGzip(harrier::testing::FixtureServer& server, const std::string& path,
                      std::string gz) {
  ServeEncoded(server, path, "gzip", std::move(gz));
}

// Answers `path` with a 302 to `to`.
void Redirect(harrier::testing::FixtureServer& server, const std::string& path, std::string to);

}  // namespace harrier::scrapers::test

#endif  // HARRIER_SCRAPERS_CURL_FETCHER_TEST_UTIL_H_
