// The UI's transport and access checks: Host allow-list, same-origin POST
// with a CSRF token, security headers, login throttling, session lifecycle
// and roles. Each test drives a real server on 127.0.0.1 over HTTP.
#include <sqlite3.h>

#include <regex>

#include "review/ui/ui_test_fixture.h"

namespace harrier::review::ui::testing {
namespace {

constexpr char kCsp[] =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

void ExpectSecurityHeaders(const httplib::Result& r, const std::string& what) {
  ASSERT_TRUE(r) << what;
  EXPECT_EQ(r->get_header_value("Content-Security-Policy"), kCsp) << what;
  EXPECT_EQ(r->get_header_value("X-Content-Type-Options"), "nosniff") << what;
  EXPECT_EQ(r->get_header_value("Referrer-Policy"), "no-referrer") << what;
  EXPECT_EQ(r->get_header_value("Cache-Control"), "no-store") << what;
  EXPECT_EQ(r->get_header_value("X-Frame-Options"), "DENY") << what;
}

TEST_F(UiServerTest, WrongHostHeaderIsMisdirected) {
  httplib::Result r = Client()->Get("/login", {{"Host", "evil.example:" + std::to_string(port_)}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 421);
  ExpectSecurityHeaders(r, "421");
  httplib::Result ok = Client()->Get("/login", {{"Host", "localhost:" + std::to_string(port_)}});
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
}

TEST_F(UiServerTest, CrossOriginPostIsForbiddenEvenWithAToken) {
  Browser b = Justified("analyst1");
  httplib::Headers h = Cookie(b.session);
  h.emplace("Origin", "http://evil.example");
  httplib::Result r = Client()->Post("/alerts/" + std::to_string(alert_id_) + "/decide", h,
                                     httplib::Params{{"csrf", b.csrf}, {"decision", "rejected"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 403);
  // No Origin and no Referer: refused too.
  r = Client()->Post("/alerts/" + std::to_string(alert_id_) + "/decide", Cookie(b.session),
                     httplib::Params{{"csrf", b.csrf}, {"decision", "rejected"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 403);
  EXPECT_EQ(OpenStore()->GetAlert(alert_id_).value()->status, "open");
}

// Chromium sends Origin "null" and no Referer on a form POST from a page
// with Referrer-Policy no-referrer; Sec-Fetch-Site still tells the truth.
TEST_F(UiServerTest, NullOriginPostNeedsSecFetchSiteSameOrigin) {
  Browser b = Justified("analyst1");
  const std::string path = "/alerts/" + std::to_string(alert_id_) + "/decide";
  const httplib::Params form{{"csrf", b.csrf}, {"decision", "rejected"}};
  httplib::Headers cross = Cookie(b.session);
  cross.emplace("Origin", "null");
  cross.emplace("Sec-Fetch-Site", "cross-site");
  EXPECT_EQ(Client()->Post(path, cross, form)->status, 403);
  EXPECT_EQ(OpenStore()->GetAlert(alert_id_).value()->status, "open");
  httplib::Headers same = Cookie(b.session);
  same.emplace("Origin", "null");
  same.emplace("Sec-Fetch-Site", "same-origin");
  EXPECT_EQ(Client()->Post(path, same, form)->status, 303);
  EXPECT_EQ(OpenStore()->GetAlert(alert_id_).value()->status, "rejected");
}

TEST_F(UiServerTest, SameOriginPostWithoutTheTokenIsForbidden) {
  Browser b = Justified("analyst1");
  Browser forged{b.session, "0000"};
  httplib::Result r =
      Post(forged, "/alerts/" + std::to_string(alert_id_) + "/decide", {{"decision", "rejected"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 403);
  EXPECT_EQ(OpenStore()->GetAlert(alert_id_).value()->status, "open");
}

TEST_F(UiServerTest, EveryRouteCarriesTheSecurityHeadersIncludingErrors) {
  Browser b = Justified("supervisor1");
  for (const std::string& path : std::vector<std::string>{
           "/login", "/alerts", "/alerts/" + std::to_string(alert_id_),
           "/adverts/" + std::to_string(advert_id_), "/search?kind=phone&value=07700900123",
           "/audit", "/status", "/images/" + image_sha_, "/static/ui.css", "/static/graph.js",
           "/no/such/page", "/adverts/999999", "/justify"}) {
    ExpectSecurityHeaders(Get(b, path), path);
  }
  ExpectSecurityHeaders(Client()->Get("/alerts"), "anonymous redirect");
}

TEST_F(UiServerTest, FifthFailedLoginLocksTheNameWith429AndNoSleep) {
  for (int i = 0; i < 5; ++i) {
    int status = 0;
    EXPECT_TRUE(Login("analyst1", "wrong", &status).session.empty());
    EXPECT_EQ(status, 401) << "attempt " << i;
  }
  int status = 0;
  EXPECT_TRUE(Login("analyst1", kPassword, &status).session.empty());
  EXPECT_EQ(status, 429);  // even the right password, while locked
  clock_.Advance(std::chrono::seconds(61));
  EXPECT_FALSE(Login("analyst1", kPassword, &status).session.empty());
  EXPECT_EQ(status, 303);
}

TEST_F(UiServerTest, SessionIdChangesAtLoginAndCookieHasEveryFlag) {
  httplib::Result form = Client()->Get("/login");
  ASSERT_TRUE(form);
  const std::string pre = SetCookieId(form);
  ASSERT_EQ(pre.size(), 64u);
  httplib::Result r =
      Post({pre, CsrfIn(form->body)}, "/login", {{"user", "analyst1"}, {"password", kPassword}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 303);
  const std::string after = SetCookieId(r);
  EXPECT_EQ(after.size(), 64u);
  EXPECT_NE(after, pre);
  EXPECT_EQ(r->get_header_value("Set-Cookie"),
            "__Host-harrier_session=" + after + "; Path=/; Secure; HttpOnly; SameSite=Strict");
  // The pre-login id does not become a logged-in session.
  httplib::Result old = Client()->Get("/api/session", Cookie(pre));
  ASSERT_TRUE(old);
  EXPECT_EQ(old->status, 401);
}

TEST_F(UiServerTest, LogoutInvalidatesTheSessionOnTheServer) {
  Browser b = Login("analyst1", kPassword);
  ASSERT_EQ(Get(b, "/api/session")->status, 200);
  httplib::Result out = Post(b, "/logout", {});
  ASSERT_TRUE(out);
  EXPECT_EQ(out->status, 303);
  httplib::Result replay = Get(b, "/api/session");
  ASSERT_TRUE(replay);
  EXPECT_EQ(replay->status, 401);
  httplib::Result page = Get(b, "/alerts");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 303);
  EXPECT_EQ(page->get_header_value("Location").rfind("/login", 0), 0u);
}

TEST_F(UiServerTest, IdleSessionExpiresAfterThirtyMinutes) {
  Browser b = Login("analyst1", kPassword);
  clock_.Advance(std::chrono::minutes(29));
  EXPECT_EQ(Get(b, "/api/session")->status, 200);  // restarts the idle timer
  clock_.Advance(std::chrono::minutes(29));
  EXPECT_EQ(Get(b, "/api/session")->status, 200);
  clock_.Advance(std::chrono::minutes(31));
  EXPECT_EQ(Get(b, "/api/session")->status, 401);
}

TEST_F(UiServerTest, SessionEndsAfterTwelveHoursHoweverActive) {
  Browser b = Login("analyst1", kPassword);
  for (int i = 0; i < 24; ++i) {
    clock_.Advance(std::chrono::minutes(29));
    ASSERT_EQ(Get(b, "/api/session")->status, 200) << i;
  }
  clock_.Advance(std::chrono::minutes(29));  // 12 h 25 min
  EXPECT_EQ(Get(b, "/api/session")->status, 401);
}

TEST_F(UiServerTest, DatabaseHoldsArgon2idAtOwaspMinimumAndNoPassword) {
  std::unique_ptr<store::Store> s = OpenStore();
  const std::optional<store::AppUser> u = s->GetUser("analyst1").value();
  ASSERT_TRUE(u);
  std::smatch m;
  ASSERT_TRUE(std::regex_search(u->password_hash, m,
                                std::regex(R"(^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$)")))
      << u->password_hash;
  EXPECT_GE(std::stoi(m[1]), 19456);
  EXPECT_GE(std::stoi(m[2]), 2);
  // Logins (good and bad) leave no trace of the password anywhere in the file.
  Login("analyst1", kPassword);
  Login("analyst1", std::string(kPassword) + "x");
  s.reset();
  server_->Stop();
  for (const std::string suffix : {"", "-wal"}) {
    std::ifstream in(options_.database + suffix, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), {});
    EXPECT_EQ(bytes.find(kPassword), std::string::npos) << suffix;
  }
}

TEST_F(UiServerTest, LoginsAreAuditedWithoutThePassword) {
  Login("analyst1", "wrong-password-1");
  Login("analyst1", kPassword);
  std::vector<store::AuditRow> rows = OpenStore()->ListAudit(50).value();
  bool failed = false, ok = false;
  for (const store::AuditRow& r : rows) {
    failed |= r.action == "access.login_failed" && r.object == "user:analyst1";
    ok |= r.action == "access.login" && r.actor == "analyst1";
    EXPECT_EQ(r.detail.find("wrong-password-1"), std::string::npos);
    EXPECT_EQ(r.detail.find(kPassword), std::string::npos);
  }
  EXPECT_TRUE(failed);
  EXPECT_TRUE(ok);
}

TEST_F(UiServerTest, OperatorSeesStatusButNoPersonalData) {
  Browser b = Login("operator1", kPassword);
  EXPECT_EQ(Get(b, "/status")->status, 200);
  for (const std::string& path : std::vector<std::string>{
           "/alerts", "/adverts/" + std::to_string(advert_id_),
           "/search?kind=phone&value=07700900123", "/audit", "/images/" + image_sha_, "/justify"}) {
    EXPECT_EQ(Get(b, path)->status, 403) << path;
  }
}

TEST_F(UiServerTest, OnlySupervisorsSeeTheAuditLogAndWhetherItVerifies) {
  Browser analyst = Justified("analyst1");
  EXPECT_EQ(Get(analyst, "/audit")->status, 403);
  Browser sup = Login("supervisor1", kPassword);
  httplib::Result r = Get(sup, "/audit");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_NE(r->body.find("id=\"chain-status\" class=\"ok\" data-verified=\"true\""),
            std::string::npos);
}

TEST_F(UiServerTest, RecordsRedirectToJustifyAndOnlyToLocalNext) {
  Browser b = Login("analyst1", kPassword);
  httplib::Result r = Get(b, "/adverts/" + std::to_string(advert_id_));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 303);
  // httplib decodes the percent-escapes of a Location it writes; either way
  // the next page is this advert.
  const std::string location = r->get_header_value("Location");
  const std::string advert = std::to_string(advert_id_);
  EXPECT_TRUE(location == "/justify?next=%2Fadverts%2F" + advert ||
              location == "/justify?next=/adverts/" + advert)
      << location;
  for (const std::string next : {"//evil.example/x", "https://evil.example/", "/\\evil.example"}) {
    httplib::Result j =
        Post(b, "/justify", {{"operation", "OP-1"}, {"justification", "triage"}, {"next", next}});
    ASSERT_TRUE(j);
    EXPECT_EQ(j->get_header_value("Location"), "/alerts") << next;
  }
}

}  // namespace
}  // namespace harrier::review::ui::testing
