#include "scrapers/curl_fetcher_test_util.h"

#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <zlib.h>

#include <future>
#include <memory>
#include <utility>

namespace harrier::scrapers::test {
namespace {

// Servers write to sockets the fetcher has dropped on purpose (caps, low
// speed, shutdown); EPIPE must be an error return, not a dead test binary.
[[maybe_unused]] const bool kSigpipeIgnored = [] {
  signal(SIGPIPE, SIG_IGN);
  return true;
}();

}  // namespace

config::FetchOptions TestOptions() {
  config::FetchOptions o;
  o.connect_timeout_ms = 2000;
  o.total_timeout_ms = 20000;
  return o;
}

HttpRequest Get(const std::string& url, std::vector<std::string> allow) {
  HttpRequest r;
  r.url = url;
  r.allow_addresses = std::move(allow);
  return r;
}

HttpResponse Fetch(HttpFetcher& fetcher, HttpRequest request) {
  auto promise = std::make_shared<std::promise<HttpResponse>>();
  std::future<HttpResponse> future = promise->get_future();
  fetcher.Submit(std::move(request),
                 [promise](HttpResponse r) { promise->set_value(std::move(r)); });
  if (future.wait_for(kWait) != std::future_status::ready) {
    ADD_FAILURE() << "callback never ran";
    return {};
  }
  return future.get();
}

HttpFetcher::Callback Completions::For(int i) {
  return [this, i](HttpResponse r) {
    std::lock_guard<std::mutex> lock(mu_);
    calls_[i]++;
    responses_[i] = std::move(r);
    total_++;
    cv_.notify_all();
  };
}

bool Completions::Wait(int n) {
  std::unique_lock<std::mutex> lock(mu_);
  return cv_.wait_for(lock, kWait, [&] { return total_ >= n; });
}

std::vector<int> Completions::calls() const {
  std::lock_guard<std::mutex> lock(mu_);
  return calls_;
}

HttpResponse Completions::response(int i) const {
  std::lock_guard<std::mutex> lock(mu_);
  return responses_[i];
}

std::string Gzip(const std::string& chunk, size_t repeat) {
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out;
  std::vector<unsigned char> buf(1 << 16);
  for (size_t i = 0; i < repeat; ++i) {
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(chunk.data()));
    z.avail_in = static_cast<uInt>(chunk.size());
    int flush = i + 1 == repeat ? Z_FINISH : Z_NO_FLUSH;
    do {
      z.next_out = buf.data();
      z.avail_out = static_cast<uInt>(buf.size());
      deflate(&z, flush);
      out.append(reinterpret_cast<char*>(buf.data()), buf.size() - z.avail_out);
    } while (z.avail_out == 0);
  }
  deflateEnd(&z);
  return out;
}

void ServeGzip(harrier::testing::FixtureServer& server, const std::string& path, std::string gz) {
  // octet-stream: httplib must not compress it a second time.
  server.SetHandler(path, [gz](const httplib::Request&, httplib::Response& res) {
    res.set_header("Content-Encoding", "gzip");
    res.set_content(gz, "application/octet-stream");
  });
}

}  // namespace harrier::scrapers::test
