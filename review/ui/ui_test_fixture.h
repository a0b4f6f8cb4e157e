// A review UI on 127.0.0.1, port 0, over a store seeded with one advert
// whose every scraped field is hostile, an image (a real JPEG on disk) and
// an open alert; users of each role; an httplib client that keeps the
// session cookie and CSRF token as a browser would.
#ifndef HARRIER_REVIEW_UI_UI_TEST_FIXTURE_H_
#define HARRIER_REVIEW_UI_UI_TEST_FIXTURE_H_

#include <gtest/gtest.h>
#include <httplib.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <string>

#include "core/clock.h"
#include "core/sha256.h"
#include "review/ui/auth.h"
#include "review/ui/server.h"
#include "store/store.h"

namespace harrier::review::ui::testing {

inline constexpr char kPassword[] = "correct horse battery staple 7";
inline constexpr char kXss[] = "<script>alert(1)</script>\"><img src=x onerror=alert(2)>'`=";
inline constexpr int64_t kT0 = 1767225600000;  // 2026-01-01T00:00:00Z

// A JPEG drawn here, with trailing bytes after EOI (as a polyglot would have).
inline std::string TestJpeg() {
  cv::Mat m(48, 64, CV_8UC3, cv::Scalar(40, 120, 200));
  cv::rectangle(m, {8, 8}, {40, 30}, cv::Scalar(250, 250, 250), cv::FILLED);
  std::vector<uchar> buf;
  cv::imencode(".jpg", m, buf);
  return std::string(buf.begin(), buf.end()) + "<script>trailing</script>";
}

class UiServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (std::filesystem::temp_directory_path() / "ui_test.XXXXXX").string();
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    options_.database = dir_ + "/harrier.db";
    options_.data_dir = dir_ + "/data";
    options_.ui.port = 0;
    Seed();
    server_ = std::make_unique<UiServer>(options_, clock_, extractors::TextExtractor());
    Result<int> port = server_->Start();
    ASSERT_TRUE(port.ok()) << port.status().ToString();
    port_ = *port;
  }
  void TearDown() override {
    if (server_) server_->Stop();
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  std::unique_ptr<store::Store> OpenStore() {
    Result<std::unique_ptr<store::Store>> s = store::Store::Open({options_.database});
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? std::move(*s) : nullptr;
  }

  void WriteBlob(const std::string& sha, const std::string& bytes) {
    const std::string path = options_.data_dir + "/blobs/" + sha.substr(0, 2);
    std::filesystem::create_directories(path);
    std::ofstream(path + "/" + sha, std::ios::binary) << bytes;
  }

  void Seed();  // ui_test_fixture.cc

  // A client as the browser on 127.0.0.1:PORT.
  std::unique_ptr<httplib::Client> Client() {
    auto c = std::make_unique<httplib::Client>("127.0.0.1", port_);
    c->set_follow_location(false);
    return c;
  }
  std::string Origin() const { return "http://127.0.0.1:" + std::to_string(port_); }
  httplib::Headers Cookie(const std::string& session) const {
    return {{"Cookie", "__Host-harrier_session=" + session}};
  }
  // The session id a response set, or "".
  static std::string SetCookieId(const httplib::Result& r);
  static std::string CsrfIn(const std::string& body);

  struct Browser {
    std::string session;
    std::string csrf;
  };
  // Logs in (GET /login for the token, POST it); the final session, or an
  // empty one when refused. `status` gets the POST's status.
  Browser Login(const std::string& user, const std::string& password, int* status = nullptr);
  // Logs in and gives a justification.
  Browser Justified(const std::string& user);
  httplib::Result Get(const Browser& b, const std::string& path);
  httplib::Result Post(const Browser& b, const std::string& path, httplib::Params form);

  FakeClock clock_;
  UiServerOptions options_;
  std::string dir_;
  std::unique_ptr<UiServer> server_;
  int port_ = 0;
  int64_t advert_id_ = 0;
  int64_t alert_id_ = 0;
  std::string image_sha_;
  std::string image_bytes_;
  std::string text_blob_sha_;
};

}  // namespace harrier::review::ui::testing

#endif  // HARRIER_REVIEW_UI_UI_TEST_FIXTURE_H_
