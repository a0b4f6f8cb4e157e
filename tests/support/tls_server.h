// An HTTPS server on 127.0.0.1 (port 0) for tests of TLS verification. Its
// certificate is made at run time with OpenSSL (an EC P-256 key, self-signed,
// subjectAltName IP:127.0.0.1 and DNS:localhost, so only trust and validity
// can fail, never the name); nothing is read from or written to disk.
// Thread-safety: all methods may be called while the server runs.
#ifndef HARRIER_TESTS_SUPPORT_TLS_SERVER_H_
#define HARRIER_TESTS_SUPPORT_TLS_SERVER_H_

#include <atomic>
#include <memory>
#include <string>
#include <thread>

namespace httplib {
class SSLServer;
}  // namespace httplib

namespace harrier::testing {

class TlsServer {
 public:
  enum class Validity {
    kCurrent,  // valid from yesterday for a year
    kExpired,  // valid for one day, ending yesterday
  };

  // Serves `body` as text/plain for every GET.
  explicit TlsServer(std::string body, Validity validity = Validity::kCurrent);
  ~TlsServer();
  TlsServer(const TlsServer&) = delete;
  TlsServer& operator=(const TlsServer&) = delete;

  // Makes the certificate, binds and serves on a thread. False if either
  // failed.
  bool Start();
  void Stop();

  int port() const { return port_; }
  std::string base_url() const;  // "https://127.0.0.1:PORT"
  int RequestCount() const { return requests_; }

 private:
  const std::string body_;
  const Validity validity_;
  std::unique_ptr<httplib::SSLServer> server_;
  std::thread thread_;
  std::atomic<bool> listen_returned_{false};
  std::atomic<int> requests_{0};
  int port_ = 0;
};

}  // namespace harrier::testing

#endif  // HARRIER_TESTS_SUPPORT_TLS_SERVER_H_
