// httplib::SSLServer exists because the httplib::httplib target defines
// CPPHTTPLIB_OPENSSL_SUPPORT, as Debian's library was built with it.
#include "tests/support/tls_server.h"

#include <httplib.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace harrier::testing {

namespace {

using KeyPtr = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using CertPtr = std::unique_ptr<X509, decltype(&X509_free)>;

constexpr long kDaySeconds = 24 * 3600;

bool AddAltNames(X509* cert) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext =
      X509V3_EXT_conf_nid(nullptr, &ctx, NID_subject_alt_name, "IP:127.0.0.1,DNS:localhost");
  if (ext == nullptr) return false;
  bool ok = X509_add_ext(cert, ext, -1) == 1;
  X509_EXTENSION_free(ext);
  return ok;
}

// A self-signed certificate for 127.0.0.1 signed by `key`.
CertPtr MakeCertificate(EVP_PKEY* key, TlsServer::Validity validity) {
  CertPtr cert(X509_new(), X509_free);
  if (!cert) return cert;
  const bool expired = validity == TlsServer::Validity::kExpired;
  X509_NAME* name = X509_get_subject_name(cert.get());
  const auto* cn = reinterpret_cast<const unsigned char*>("127.0.0.1");
  bool ok =
      X509_set_version(cert.get(), 2) == 1 &&
      ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1) == 1 &&
      X509_gmtime_adj(X509_getm_notBefore(cert.get()), expired ? -2 * kDaySeconds : -kDaySeconds) &&
      X509_gmtime_adj(X509_getm_notAfter(cert.get()), expired ? -kDaySeconds : 365 * kDaySeconds) &&
      X509_set_pubkey(cert.get(), key) == 1 &&
      X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, cn, -1, -1, 0) == 1 &&
      X509_set_issuer_name(cert.get(), name) == 1 && AddAltNames(cert.get()) &&
      X509_sign(cert.get(), key, EVP_sha256()) > 0;
  if (!ok) cert.reset();
  return cert;
}

}  // namespace

TlsServer::TlsServer(std::string body, Validity validity)
    : body_(std::move(body)), validity_(validity) {}

TlsServer::~TlsServer() { Stop(); }

bool TlsServer::Start() {
  KeyPtr key(EVP_EC_gen("P-256"), EVP_PKEY_free);
  if (!key) return false;
  CertPtr cert = MakeCertificate(key.get(), validity_);
  if (!cert) return false;
  // The SSL context takes its own references to both.
  server_ = std::make_unique<httplib::SSLServer>(cert.get(), key.get());
  if (!server_->is_valid()) return false;
  server_->Get(".*", [this](const httplib::Request&, httplib::Response& res) {
    ++requests_;
    res.set_content(body_, "text/plain");
  });
  port_ = server_->bind_to_any_port("127.0.0.1");
  if (port_ <= 0) return false;
  thread_ = std::thread([this] {
    server_->listen_after_bind();
    listen_returned_ = true;
  });
  return true;
}

void TlsServer::Stop() {
  if (!thread_.joinable()) return;
  // As FixtureServer::Stop: stop() is a no-op until listen has begun.
  while (!server_->is_running() && !listen_returned_) std::this_thread::yield();
  server_->stop();
  thread_.join();
}

std::string TlsServer::base_url() const { return "https://127.0.0.1:" + std::to_string(port_); }

}  // namespace harrier::testing
