// [ui] tls_cert and tls_key: the UI over HTTPS (httplib::SSLServer), its
// POST checks on the https origin; a missing certificate refuses to start.
#include <cstdlib>

#include "review/ui/ui_test_fixture.h"

namespace harrier::review::ui::testing {
namespace {

class UiTlsTest : public UiServerTest {
 protected:
  // A throwaway self-signed certificate for 127.0.0.1 (the openssl tool).
  bool MakeCertificate() {
    cert_ = dir_ + "/ui.crt";
    key_ = dir_ + "/ui.key";
    const std::string cmd =
        "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 "
        "-subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 -keyout " +
        key_ + " -out " + cert_ + " >/dev/null 2>&1";
    return std::system(cmd.c_str()) == 0;
  }
  Result<int> Restart() {
    server_->Stop();
    server_ = std::make_unique<UiServer>(options_, clock_, extractors::TextExtractor());
    return server_->Start();
  }
  std::string cert_, key_;
};

TEST_F(UiTlsTest, ServesHttpsAndChecksTheHttpsOrigin) {
  ASSERT_TRUE(MakeCertificate());
  options_.ui.tls_cert = cert_;
  options_.ui.tls_key = key_;
  Result<int> port = Restart();
  ASSERT_TRUE(port.ok()) << port.status().ToString();
  httplib::SSLClient c("127.0.0.1", *port);
  c.set_ca_cert_path(cert_.c_str());
  c.enable_server_certificate_verification(true);
  httplib::Result form = c.Get("/login");
  ASSERT_TRUE(form) << httplib::to_string(form.error());
  EXPECT_EQ(form->status, 200);
  const std::string pre = SetCookieId(form);
  const httplib::Params login{
      {"csrf", CsrfIn(form->body)}, {"user", "analyst1"}, {"password", kPassword}};
  httplib::Headers http_origin = Cookie(pre);
  http_origin.emplace("Origin", "http://127.0.0.1:" + std::to_string(*port));
  EXPECT_EQ(c.Post("/login", http_origin, login)->status, 403);  // not this origin
  httplib::Headers https_origin = Cookie(pre);
  https_origin.emplace("Origin", "https://127.0.0.1:" + std::to_string(*port));
  EXPECT_EQ(c.Post("/login", https_origin, login)->status, 303);
}

TEST_F(UiTlsTest, MissingCertificateRefusesToStart) {
  options_.ui.tls_cert = dir_ + "/absent.crt";
  options_.ui.tls_key = dir_ + "/absent.key";
  Result<int> port = Restart();
  ASSERT_FALSE(port.ok());
  EXPECT_EQ(port.status().code(), StatusCode::kIoError);
}

}  // namespace
}  // namespace harrier::review::ui::testing
