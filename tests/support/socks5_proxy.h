// Loopback proxies for egress tests, on 127.0.0.1 port 0: a SOCKS5 server
// (RFC 1928: the no-authentication method, CONNECT only, IPv4 and domain-name
// targets) and a minimal HTTP forward proxy (CONNECT tunnels and absolute-form
// GETs). Names resolve only through the map the test gives, never through
// DNS, so a fetch of an unresolvable name that succeeds proves the name went
// through the proxy (socks5h); IP targets are served only on loopback, so
// nothing leaves the machine. Every target asked for is logged.
// Thread-safety: all methods may be called while the proxy runs.
#ifndef HARRIER_TESTS_SUPPORT_SOCKS5_PROXY_H_
#define HARRIER_TESTS_SUPPORT_SOCKS5_PROXY_H_

#include <atomic>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace harrier::testing {

class LoopbackProxy {
 public:
  enum class Kind { kSocks5, kHttp };

  explicit LoopbackProxy(Kind kind = Kind::kSocks5);
  ~LoopbackProxy();  // Stop()
  LoopbackProxy(const LoopbackProxy&) = delete;
  LoopbackProxy& operator=(const LoopbackProxy&) = delete;

  // Binds 127.0.0.1 on a free port and accepts on a thread. False if it
  // could not bind.
  bool Start();
  // Closes the listener and every relayed connection; joins all threads.
  void Stop();

  // Resolves `name` (case-insensitive) to `ip`, which must be a 127.x.y.z
  // address; the port is the one the client asks for.
  void MapName(const std::string& name, const std::string& ip);

  int port() const { return port_; }
  // "socks5h://127.0.0.1:PORT" or "http://127.0.0.1:PORT".
  std::string url() const;
  // "host:port" of every CONNECT (SOCKS5 or HTTP) or forwarded request, in
  // arrival order, as the client named it: a name stays a name.
  std::vector<std::string> Targets() const;

 private:
  void AcceptLoop();
  void Serve(int client);
  bool ServeSocks5(int client, int* target);
  bool ServeHttp(int client, int* target);
  // Connects to `host`:`port` after mapping the name; -1 if not allowed or
  // refused (*reason says which, as a SOCKS5 reply code).
  int Connect(const std::string& host, int port, int* reason);
  void Relay(int a, int b);
  void Track(int fd);
  void CloseTracked(int fd);

  const Kind kind_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::thread accept_thread_;
  mutable std::mutex mu_;
  std::map<std::string, std::string> names_;  // guarded by mu_
  std::vector<std::string> targets_;          // guarded by mu_
  std::set<int> open_fds_;                    // guarded by mu_
  std::vector<std::thread> workers_;          // guarded by mu_
};

}  // namespace harrier::testing

#endif  // HARRIER_TESTS_SUPPORT_SOCKS5_PROXY_H_
