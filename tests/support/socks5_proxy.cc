#include "tests/support/socks5_proxy.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdint>
#include <utility>

namespace harrier::testing {

namespace {

// SOCKS5 reply codes (RFC 1928 §6).
constexpr int kSucceeded = 0;
constexpr int kNotAllowed = 2;
constexpr int kHostUnreachable = 4;
constexpr int kConnectionRefused = 5;
constexpr int kCommandNotSupported = 7;
constexpr int kAddressTypeNotSupported = 8;

constexpr size_t kMaxHttpHead = 64 * 1024;

bool ReadFull(int fd, void* buf, size_t n) {
  auto* p = static_cast<char*>(buf);
  while (n > 0) {
    ssize_t got = recv(fd, p, n, 0);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return false;
    p += got;
    n -= static_cast<size_t>(got);
  }
  return true;
}

bool WriteAll(int fd, const void* buf, size_t n) {
  const auto* p = static_cast<const char*>(buf);
  while (n > 0) {
    ssize_t put = send(fd, p, n, MSG_NOSIGNAL);
    if (put < 0 && errno == EINTR) continue;
    if (put <= 0) return false;
    p += put;
    n -= static_cast<size_t>(put);
  }
  return true;
}

bool WriteAll(int fd, const std::string& s) { return WriteAll(fd, s.data(), s.size()); }

void Socks5Reply(int fd, int code) {
  // VER REP RSV ATYP=IPv4 BND.ADDR=0.0.0.0 BND.PORT=0: clients ignore them.
  const uint8_t reply[10] = {5, static_cast<uint8_t>(code), 0, 1, 0, 0, 0, 0, 0, 0};
  WriteAll(fd, reply, sizeof reply);
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// "host:port" or "[v6]:port" into its parts; false if there is no port.
bool SplitHostPort(const std::string& authority, int default_port, std::string* host, int* port) {
  size_t colon = authority.rfind(':');
  if (colon == std::string::npos || authority.find(']', colon) != std::string::npos) {
    *host = authority;
    *port = default_port;
  } else {
    *host = authority.substr(0, colon);
    *port = std::atoi(authority.c_str() + colon + 1);
  }
  if (host->size() > 2 && host->front() == '[') *host = host->substr(1, host->size() - 2);
  return !host->empty() && *port > 0 && *port < 65536;
}

}  // namespace

LoopbackProxy::LoopbackProxy(Kind kind) : kind_(kind) {}

LoopbackProxy::~LoopbackProxy() { Stop(); }

bool LoopbackProxy::Start() {
  listen_fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  if (listen_fd_ < 0 || bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), len) != 0 ||
      listen(listen_fd_, 64) != 0 ||
      getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    return false;
  }
  port_ = ntohs(addr.sin_port);
  accept_thread_ = std::thread([this] { AcceptLoop(); });
  return true;
}

void LoopbackProxy::Stop() {
  if (stopping_.exchange(true)) return;
  if (listen_fd_ >= 0) shutdown(listen_fd_, SHUT_RDWR);  // wakes accept()
  if (accept_thread_.joinable()) accept_thread_.join();
  if (listen_fd_ >= 0) close(listen_fd_);
  std::vector<std::thread> workers;
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (int fd : open_fds_) shutdown(fd, SHUT_RDWR);  // wakes recv() and poll()
    workers.swap(workers_);
  }
  for (std::thread& w : workers) w.join();
}

void LoopbackProxy::MapName(const std::string& name, const std::string& ip) {
  std::lock_guard<std::mutex> lock(mu_);
  names_[Lower(name)] = ip;
}

std::string LoopbackProxy::url() const {
  return std::string(kind_ == Kind::kSocks5 ? "socks5h" : "http") +
         "://127.0.0.1:" + std::to_string(port_);
}

std::vector<std::string> LoopbackProxy::Targets() const {
  std::lock_guard<std::mutex> lock(mu_);
  return targets_;
}

void LoopbackProxy::AcceptLoop() {
  while (true) {
    int client = accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (client < 0) {
      if (errno == EINTR && !stopping_) continue;
      return;
    }
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_) {
      close(client);
      return;
    }
    open_fds_.insert(client);
    workers_.emplace_back([this, client] { Serve(client); });
  }
}

void LoopbackProxy::Serve(int client) {
  int target = -1;
  bool ok = kind_ == Kind::kSocks5 ? ServeSocks5(client, &target) : ServeHttp(client, &target);
  if (ok) Relay(client, target);
  if (target >= 0) CloseTracked(target);
  CloseTracked(client);
}

// RFC 1928 §3-§6: greeting, method selection, one CONNECT request.
bool LoopbackProxy::ServeSocks5(int client, int* target) {
  uint8_t hello[2];
  if (!ReadFull(client, hello, 2) || hello[0] != 5) return false;
  std::string methods(hello[1], '\0');
  if (!ReadFull(client, methods.data(), methods.size())) return false;
  if (methods.find('\0') == std::string::npos) {  // no "no authentication"
    WriteAll(client, "\x05\xff", 2);
    return false;
  }
  if (!WriteAll(client, "\x05\x00", 2)) return false;
  uint8_t request[4];  // VER CMD RSV ATYP
  if (!ReadFull(client, request, 4) || request[0] != 5) return false;
  std::string host;
  if (request[3] == 1) {
    uint8_t v4[4];
    char text[INET_ADDRSTRLEN] = {};
    if (!ReadFull(client, v4, 4) || !inet_ntop(AF_INET, v4, text, sizeof text)) return false;
    host = text;
  } else if (request[3] == 3) {
    uint8_t n = 0;
    if (!ReadFull(client, &n, 1)) return false;
    host.assign(n, '\0');
    if (!ReadFull(client, host.data(), n)) return false;
  } else {
    Socks5Reply(client, kAddressTypeNotSupported);
    return false;
  }
  uint8_t p[2];
  if (!ReadFull(client, p, 2)) return false;
  const int port = (p[0] << 8) | p[1];
  {
    std::lock_guard<std::mutex> lock(mu_);
    targets_.push_back(host + ":" + std::to_string(port));
  }
  if (request[1] != 1) {
    Socks5Reply(client, kCommandNotSupported);
    return false;
  }
  int reason = kSucceeded;
  *target = Connect(host, port, &reason);
  Socks5Reply(client, *target >= 0 ? kSucceeded : reason);
  return *target >= 0;
}

// CONNECT host:port is tunnelled; "GET http://host:port/path" is forwarded
// in origin form with "Connection: close", so one connection carries one
// request and the relay ends when the origin closes.
bool LoopbackProxy::ServeHttp(int client, int* target) {
  std::string head;
  size_t end = std::string::npos;
  char buf[4096];
  while ((end = head.find("\r\n\r\n")) == std::string::npos) {
    ssize_t got = recv(client, buf, sizeof buf, 0);
    if (got <= 0 || head.size() > kMaxHttpHead) return false;
    head.append(buf, static_cast<size_t>(got));
  }
  std::string rest = head.substr(end + 4);
  head.resize(end + 2);  // keep the last header's CRLF
  size_t line_end = head.find("\r\n");
  std::string line = head.substr(0, line_end);
  size_t s1 = line.find(' ');
  size_t s2 = line.rfind(' ');
  if (s1 == std::string::npos || s2 <= s1) return false;
  const std::string method = line.substr(0, s1);
  std::string request_target = line.substr(s1 + 1, s2 - s1 - 1);
  const std::string version = line.substr(s2 + 1);
  const bool tunnel = method == "CONNECT";
  std::string authority = request_target, path = "/";
  if (!tunnel) {
    if (request_target.rfind("http://", 0) != 0) return false;
    authority = request_target.substr(7);
    size_t slash = authority.find('/');
    if (slash != std::string::npos) {
      path = authority.substr(slash);
      authority.resize(slash);
    }
  }
  std::string host;
  int port = 0;
  if (!SplitHostPort(authority, tunnel ? 443 : 80, &host, &port)) return false;
  {
    std::lock_guard<std::mutex> lock(mu_);
    targets_.push_back(host + ":" + std::to_string(port));
  }
  int reason = kSucceeded;
  *target = Connect(host, port, &reason);
  if (*target < 0) {
    WriteAll(client, "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    return false;
  }
  if (tunnel) {
    return WriteAll(client, "HTTP/1.1 200 Connection established\r\n\r\n") &&
           WriteAll(*target, rest);
  }
  std::string forwarded = method + " " + path + " " + version + "\r\n";
  for (size_t pos = line_end + 2; pos < head.size();) {
    size_t eol = head.find("\r\n", pos);
    std::string field = head.substr(pos, eol - pos);
    std::string name = Lower(field.substr(0, field.find(':')));
    if (name != "connection" && name != "proxy-connection" && name != "keep-alive") {
      forwarded += field + "\r\n";
    }
    pos = eol + 2;
  }
  forwarded += "Connection: close\r\n\r\n";
  return WriteAll(*target, forwarded) && WriteAll(*target, rest);
}

int LoopbackProxy::Connect(const std::string& host, int port, int* reason) {
  std::string ip = host;
  in_addr v4{};
  if (inet_pton(AF_INET, host.c_str(), &v4) != 1) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = names_.find(Lower(host));
    if (it == names_.end()) {
      *reason = kHostUnreachable;  // no DNS here: only mapped names resolve
      return -1;
    }
    ip = it->second;
  }
  if (ip.rfind("127.", 0) != 0 || inet_pton(AF_INET, ip.c_str(), &v4) != 1) {
    *reason = kNotAllowed;  // a test proxy never leaves loopback
    return -1;
  }
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    *reason = kConnectionRefused;
    return -1;
  }
  Track(fd);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr = v4;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    CloseTracked(fd);
    *reason = kConnectionRefused;
    return -1;
  }
  return fd;
}

void LoopbackProxy::Relay(int a, int b) {
  pollfd fds[2] = {{a, POLLIN, 0}, {b, POLLIN, 0}};
  char buf[16 * 1024];
  while (true) {
    if (poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      return;
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].revents == 0) continue;
      ssize_t got = recv(fds[i].fd, buf, sizeof buf, 0);
      if (got <= 0 || !WriteAll(fds[1 - i].fd, buf, static_cast<size_t>(got))) return;
    }
  }
}

void LoopbackProxy::Track(int fd) {
  std::lock_guard<std::mutex> lock(mu_);
  open_fds_.insert(fd);
  if (stopping_) shutdown(fd, SHUT_RDWR);
}

void LoopbackProxy::CloseTracked(int fd) {
  std::lock_guard<std::mutex> lock(mu_);
  open_fds_.erase(fd);
  close(fd);
}

}  // namespace harrier::testing
