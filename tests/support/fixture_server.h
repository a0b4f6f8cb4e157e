// A real HTTP server on 127.0.0.1 (port 0, so tests never collide) serving a
// fixture directory, with per-path overrides and custom handlers, recording
// every request. Used by integration tests and by `make demo`.
// Thread-safety: all methods may be called while the server runs.
#ifndef HARRIER_TESTS_SUPPORT_FIXTURE_SERVER_H_
#define HARRIER_TESTS_SUPPORT_FIXTURE_SERVER_H_

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace harrier::testing {

class FixtureServer {
 public:
  using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;

  // `root` may be empty: then only overrides and handlers answer.
  explicit FixtureServer(std::string root = "");
  ~FixtureServer();

  // Binds 127.0.0.1 on `port` (0: any free port) and serves on a thread.
  // Returns false if it could not bind.
  bool Start(int port = 0);
  // Binds another loopback address instead ("127.0.0.2", "::1"), for tests
  // that need a second host. Returns false if it could not bind.
  bool StartOn(const std::string& host, int port = 0);
  void Stop();

  int port() const { return port_; }
  std::string base_url() const;  // "http://127.0.0.1:PORT" (or the StartOn host)

  // Serves `body` for exactly this path instead of the file.
  void SetOverride(const std::string& path, std::string body,
                   std::string content_type = "text/html; charset=utf-8", int status = 200);
  void ClearOverride(const std::string& path);
  // Handles exactly this path with custom code (slow bodies, redirects, ...).
  void SetHandler(const std::string& path, Handler handler);

  // Called with the path (and query) of every request before it is served,
  // on the server's thread: a test can block here to hold a crawler mid-pass.
  void SetBeforeRequest(std::function<void(const std::string&)> hook);

  int RequestCount(const std::string& path) const;
  int TotalRequests() const;
  std::vector<std::string> RequestedPaths() const;  // in arrival order

 private:
  void Handle(const httplib::Request& req, httplib::Response& res);

  std::string root_;
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  std::atomic<bool> listen_returned_{false};
  std::string host_ = "127.0.0.1";
  int port_ = 0;
  struct Override {
    std::string body;
    std::string content_type;
    int status;
  };
  mutable std::mutex mu_;
  std::map<std::string, Override> overrides_;
  std::map<std::string, Handler> handlers_;
  std::function<void(const std::string&)> before_request_;
  std::map<std::string, int> counts_;
  std::vector<std::string> log_;
};

// A fresh directory under the system temp dir, removed with its contents.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace harrier::testing

#endif  // HARRIER_TESTS_SUPPORT_FIXTURE_SERVER_H_
