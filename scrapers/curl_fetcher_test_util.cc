#include "scrapers/curl_fetcher_test_util.h"

#include <arpa/inet.h>
#include <brotli/encode.h>
#include <fcntl.h>
#include <httplib.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>
#include <zlib.h>

#include <cerrno>
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

// A listening TCP socket on `host`, port 0; -1 on failure.
int ListenOn(const std::string& host, int* port) {
  sockaddr_storage ss{};
  auto* v4 = reinterpret_cast<sockaddr_in*>(&ss);
  auto* v6 = reinterpret_cast<sockaddr_in6*>(&ss);
  socklen_t len = sizeof(sockaddr_in);
  if (inet_pton(AF_INET, host.c_str(), &v4->sin_addr) == 1) {
    v4->sin_family = AF_INET;
  } else if (inet_pton(AF_INET6, host.c_str(), &v6->sin6_addr) == 1) {
    v6->sin6_family = AF_INET6;
    len = sizeof(sockaddr_in6);
  } else {
    return -1;
  }
  int fd = socket(ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0 || bind(fd, reinterpret_cast<sockaddr*>(&ss), len) != 0 || listen(fd, 64) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&ss), &len) != 0) {
    if (fd >= 0) close(fd);
    return -1;
  }
  *port = ntohs(ss.ss_family == AF_INET ? v4->sin_port : v6->sin6_port);
  return fd;
}

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

std::future<HttpResponse> FetchAsync(HttpFetcher& fetcher, HttpRequest request) {
  auto promise = std::make_shared<std::promise<HttpResponse>>();
  std::future<HttpResponse> future = promise->get_future();
  fetcher.Submit(std::move(request),
                 [promise](HttpResponse r) { promise->set_value(std::move(r)); });
  return future;
}

HttpResponse Fetch(HttpFetcher& fetcher, HttpRequest request) {
  std::future<HttpResponse> future = FetchAsync(fetcher, std::move(request));
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

// ---- Sockets -----------------------------------------------------------------

Canary::~Canary() {
  if (fd_ >= 0) close(fd_);
}

bool Canary::Listen(const std::string& host) {
  fd_ = ListenOn(host, &port_);
  if (fd_ < 0) return false;
  return fcntl(fd_, F_SETFL, fcntl(fd_, F_GETFL) | O_NONBLOCK) == 0;
}

int Canary::Connections() {
  int n = 0;
  for (int c; (c = accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC)) >= 0; ++n) close(c);
  return n;
}

int ClosedPort() {
  int port = 0;
  int fd = ListenOn("127.0.0.1", &port);
  if (fd < 0) return 0;
  close(fd);  // nobody else binds a fresh ephemeral port in the next moments
  return port;
}

RawServer::~RawServer() {
  stopping_ = true;
  if (fd_ >= 0) shutdown(fd_, SHUT_RDWR);  // wakes accept()
  if (thread_.joinable()) thread_.join();
  if (fd_ >= 0) close(fd_);
}

bool RawServer::Start() {
  fd_ = ListenOn("127.0.0.1", &port_);
  if (fd_ < 0) return false;
  thread_ = std::thread([this] {
    while (!stopping_) {
      int client = accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
      if (client < 0) {
        if (errno == EINTR) continue;
        return;
      }
      Serve(client);
    }
  });
  return true;
}

void RawServer::Serve(int client) {
  timeval timeout{2, 0};  // a fetcher that stalls must not hang the test
  setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  std::string request;
  char buf[4096];
  while (request.find("\r\n\r\n") == std::string::npos) {
    ssize_t got = recv(client, buf, sizeof buf, 0);
    if (got <= 0) break;
    request.append(buf, static_cast<size_t>(got));
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    received_.push_back(request);
  }
  std::string response = respond_(request);
  for (size_t sent = 0; sent < response.size();) {
    ssize_t put = send(client, response.data() + sent, response.size() - sent, MSG_NOSIGNAL);
    if (put <= 0) break;
    sent += static_cast<size_t>(put);
  }
  // Half-close and wait for the client to hang up, so unread request bytes
  // never turn the close into a reset that loses the response.
  shutdown(client, SHUT_WR);
  while (recv(client, buf, sizeof buf, 0) > 0) {
  }
  close(client);
}

std::vector<std::string> RawServer::Received() const {
  std::lock_guard<std::mutex> lock(mu_);
  return received_;
}

// ---- Bystander ---------------------------------------------------------------

Bystander::Bystander(HttpFetcher& fetcher) : done_ns_(std::make_shared<std::atomic<int64_t>>(0)) {
  // Closed after the answer: the bystander outlives no fetcher, and a pooled
  // keep-alive connection would hold its server's Stop() for 5 s.
  server_.SetHandler("/calm", [](const httplib::Request&, httplib::Response& res) {
    res.set_header("Connection", "close");
    res.set_content("calm page", "text/plain");
  });
  if (!server_.Start()) {
    ADD_FAILURE() << "bystander server did not start";
    return;
  }
  auto promise = std::make_shared<std::promise<HttpResponse>>();
  response_ = promise->get_future();
  auto done_ns = done_ns_;
  fetcher.Submit(Get(server_.base_url() + "/calm"), [promise, done_ns](HttpResponse r) {
    done_ns->store(std::chrono::steady_clock::now().time_since_epoch().count());
    promise->set_value(std::move(r));
  });
}

::testing::AssertionResult Bystander::Succeeded() {
  if (!response_.valid() || response_.wait_for(kWait) != std::future_status::ready) {
    return ::testing::AssertionFailure() << "bystander fetch never completed";
  }
  done_at_ =
      std::chrono::steady_clock::time_point(std::chrono::steady_clock::duration(done_ns_->load()));
  HttpResponse r = response_.get();
  if (!r.status.ok()) return ::testing::AssertionFailure() << r.status.ToString();
  if (r.http_status != 200 || r.body != "calm page") {
    return ::testing::AssertionFailure() << "bystander got " << r.http_status << " " << r.body;
  }
  return ::testing::AssertionSuccess();
}

ScopedEnv::ScopedEnv(const char* name, const std::string& value) : name_(name) {
  ::setenv(name, value.c_str(), 1);
}

ScopedEnv::~ScopedEnv() { ::unsetenv(name_); }

// ---- Bodies ------------------------------------------------------------------

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

std::string Brotli(const std::string& chunk, size_t repeat) {
  BrotliEncoderState* s = BrotliEncoderCreateInstance(nullptr, nullptr, nullptr);
  BrotliEncoderSetParameter(s, BROTLI_PARAM_QUALITY, 5);
  std::string out;
  std::vector<uint8_t> buf(1 << 16);
  auto pump = [&](BrotliEncoderOperation op, const std::string& in) {
    size_t avail_in = in.size();
    const auto* next_in = reinterpret_cast<const uint8_t*>(in.data());
    do {
      size_t avail_out = buf.size();
      uint8_t* next_out = buf.data();
      EXPECT_TRUE(
          BrotliEncoderCompressStream(s, op, &avail_in, &next_in, &avail_out, &next_out, nullptr));
      out.append(reinterpret_cast<char*>(buf.data()), buf.size() - avail_out);
    } while (avail_in > 0 || BrotliEncoderHasMoreOutput(s) ||
             (op == BROTLI_OPERATION_FINISH && !BrotliEncoderIsFinished(s)));
  };
  for (size_t i = 0; i < repeat; ++i) pump(BROTLI_OPERATION_PROCESS, chunk);
  pump(BROTLI_OPERATION_FINISH, "");
  BrotliEncoderDestroyInstance(s);
  return out;
}

void ServeEncoded(harrier::testing::FixtureServer& server, const std::string& path,
                  const std::string& coding, std::string body) {
  // octet-stream: httplib must not compress it a second time.
  server.SetHandler(path, [coding, body](const httplib::Request&, httplib::Response& res) {
    res.set_header("Content-Encoding", coding);
    res.set_content(body, "application/octet-stream");
  });
}

void Redirect(harrier::testing::FixtureServer& server, const std::string& path, std::string to) {
  server.SetHandler(
      path, [to](const httplib::Request&, httplib::Response& res) { res.set_redirect(to); });
}

}  // namespace harrier::scrapers::test
