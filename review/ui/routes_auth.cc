// /login, /logout and /justify: who is looking, and why (DPA 2018 s.62).
#include <algorithm>

#include "review/ui/app.h"

namespace harrier::review::ui {

namespace {

using nlohmann::json;

std::string Trim(const std::string& s) {
  const size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

std::string LoginForm(const Session& pre, const std::string& next, const std::string& message) {
  std::string body;
  if (!message.empty())
    body += "<p id=\"login-error\" class=\"error\">" + HtmlEscape(message) + "</p>";
  body += "<form method=\"post\" action=\"/login\" id=\"login-form\">" + CsrfField(pre.csrf) +
          "<input type=\"hidden\" name=\"next\" value=\"" + HtmlEscape(next) +
          "\">"
          "<label for=\"user\">User name</label> <input id=\"user\" name=\"user\" "
          "autocomplete=\"username\" required><br>"
          "<label for=\"password\">Password</label> <input id=\"password\" name=\"password\" "
          "type=\"password\" autocomplete=\"current-password\" required><br>"
          "<button type=\"submit\" id=\"login\">Log in</button></form>";
  return body;
}

// A pre-login session carries the login form's CSRF token.
Session PreLoginSession(App& app, const httplib::Request& req, httplib::Response& res) {
  std::optional<Session> s = app.sessions.Find(SessionIdFrom(req));
  if (s && s->user.empty()) return *s;
  Session fresh = app.sessions.Create("", "");
  SetSessionCookie(res, fresh.id);
  return fresh;
}

void ShowLogin(App& app, const httplib::Request& req, httplib::Response& res, int status,
               const std::string& message) {
  const Session pre = PreLoginSession(app, req, res);
  res.status = status;
  SendPage(app, nullptr, res, "Log in",
           LoginForm(pre, SafeNext(req.get_param_value("next")), message));
}

void PostLogin(App& app, const httplib::Request& req, httplib::Response& res) {
  std::optional<Session> pre = app.sessions.Find(SessionIdFrom(req));
  if (!pre || !pre->user.empty() || !CheckCsrf(*pre, req, res)) {
    if (res.status != 403)
      res.status = 403, res.set_content("Forbidden: reload the login page.\n", "text/plain");
    return;
  }
  const std::string name = req.get_param_value("user");
  const std::string password = req.get_param_value("password");
  const std::string user_key = "user:" + name;
  const std::string addr_key = "addr:" + req.remote_addr;
  const int64_t wait =
      std::max(app.throttle.RetryAfterSeconds(user_key), app.throttle.RetryAfterSeconds(addr_key));
  const json where = {{"user", name}, {"address", req.remote_addr}};
  if (wait > 0) {
    AuditAnonymous(app, name, "access.login_failed", "user:" + name,
                   {{"address", req.remote_addr}, {"reason", "throttled"}})
        .IgnoreError();
    res.set_header("Retry-After", std::to_string(wait));
    ShowLogin(app, req, res, 429,
              "Too many failed logins. Try again in " + std::to_string(wait) + " seconds.");
    return;
  }
  Result<std::optional<store::AppUser>> user =
      app.WithStore([&](store::Store& s) { return s.GetUser(name); });
  if (!user.ok()) return SendError(app, nullptr, res, 500, "The user store is unavailable.");
  bool ok = false;
  if (user->has_value() && !(*user)->disabled) {
    ok = VerifyPassword((*user)->password_hash, password);
  } else {
    // Spend the same time on an unknown name, so timing does not tell names apart.
    static const std::string dummy = HashPassword("not a password").value();
    VerifyPassword(dummy, password);
  }
  if (!ok) {
    app.throttle.RecordFailure(user_key);
    app.throttle.RecordFailure(addr_key);
    AuditAnonymous(app, name, "access.login_failed", "user:" + name,
                   {{"address", req.remote_addr}, {"reason", "wrong name or password"}})
        .IgnoreError();
    ShowLogin(app, req, res, 401, "Wrong user name or password.");
    return;
  }
  app.throttle.RecordSuccess(user_key);
  app.throttle.RecordSuccess(addr_key);
  app.sessions.Destroy(pre->id);  // a new id at login: no fixation
  const Session s = app.sessions.Create((*user)->name, (*user)->role);
  if (!AuditAs(app, s, "access.login", "user:" + s.user, {{"address", req.remote_addr}}).ok()) {
    app.sessions.Destroy(s.id);
    return SendError(app, nullptr, res, 500, "The audit log is unavailable: not logged in.");
  }
  SetSessionCookie(res, s.id);
  const std::string home = s.role == "operator" ? "/status" : "/alerts";
  const std::string next = SafeNext(req.get_param_value("next"));
  Redirect(res, s.role == "operator" || next == "/alerts" ? home : next);
}

void PostLogout(App& app, const httplib::Request& req, httplib::Response& res) {
  std::optional<Session> s = RequireUser(app, req, res, kAnyRole);
  if (!s || !CheckCsrf(*s, req, res)) return;
  app.sessions.Destroy(s->id);
  AuditAs(app, *s, "access.logout", "user:" + s->user, json::object()).IgnoreError();
  ClearSessionCookie(res);
  Redirect(res, "/login");
}

std::string JustifyForm(const Session& s, const std::string& next, const std::string& message) {
  std::string op, text;
  if (s.justification) op = s.justification->operation, text = s.justification->text;
  std::string body =
      "<p>Before you search or open a record, say why (DPA 2018 s.62). It is kept for this "
      "session and written into the audit log with everything you look at.</p>";
  if (!message.empty())
    body += "<p id=\"justify-error\" class=\"error\">" + HtmlEscape(message) + "</p>";
  body += "<form method=\"post\" action=\"/justify\" id=\"justify-form\">" + CsrfField(s.csrf) +
          "<input type=\"hidden\" name=\"next\" value=\"" + HtmlEscape(next) +
          "\"><label for=\"operation\">Operation or URN</label> <input id=\"operation\" "
          "name=\"operation\" required value=\"" +
          HtmlEscape(op) +
          "\"><br><label for=\"justification\">Justification</label><br><textarea "
          "id=\"justification\" name=\"justification\" rows=\"3\" cols=\"60\" required>" +
          HtmlEscape(text) +
          "</textarea><br><button type=\"submit\" id=\"justify\">Continue</button></form>";
  return body;
}

void PostJustify(App& app, const httplib::Request& req, httplib::Response& res) {
  std::optional<Session> s = RequireUser(app, req, res, kReviewers);
  if (!s || !CheckCsrf(*s, req, res)) return;
  const Justification j{Trim(req.get_param_value("operation")),
                        Trim(req.get_param_value("justification"))};
  const std::string next = SafeNext(req.get_param_value("next"));
  if (j.operation.empty() || j.text.empty() || j.operation.size() > 200 || j.text.size() > 2000) {
    res.status = 400;
    return SendPage(app, &*s, res, "Justification",
                    JustifyForm(*s, next, "Give both the operation or URN and the reason."));
  }
  app.sessions.SetJustification(s->id, j);
  s->justification = j;
  if (!AuditAs(app, *s, "access.justification", "user:" + s->user, json::object()).ok()) {
    return SendError(app, &*s, res, 500, "The audit log is unavailable.");
  }
  Redirect(res, next);
}

}  // namespace

void AddAuthRoutes(httplib::Server& server, App& app) {
  server.Get("/login", [&app](const httplib::Request& req, httplib::Response& res) {
    std::optional<Session> s = app.sessions.Find(SessionIdFrom(req));
    if (s && !s->user.empty()) return Redirect(res, s->role == "operator" ? "/status" : "/alerts");
    ShowLogin(app, req, res, 200, "");
  });
  server.Post("/login", [&app](const httplib::Request& req, httplib::Response& res) {
    PostLogin(app, req, res);
  });
  server.Post("/logout", [&app](const httplib::Request& req, httplib::Response& res) {
    PostLogout(app, req, res);
  });
  server.Get("/justify", [&app](const httplib::Request& req, httplib::Response& res) {
    std::optional<Session> s = RequireUser(app, req, res, kReviewers);
    if (!s) return;
    SendPage(app, &*s, res, "Justification",
             JustifyForm(*s, SafeNext(req.get_param_value("next")), ""));
  });
  server.Post("/justify", [&app](const httplib::Request& req, httplib::Response& res) {
    PostJustify(app, req, res);
  });
  server.Get("/", [&app](const httplib::Request& req, httplib::Response& res) {
    std::optional<Session> s = RequireUser(app, req, res, kAnyRole);
    if (s) Redirect(res, s->role == "operator" ? "/status" : "/alerts");
  });
  server.Get("/api/session", [&app](const httplib::Request& req, httplib::Response& res) {
    std::optional<Session> s = RequireUser(app, req, res, kAnyRole);
    if (!s) return;
    res.set_content(json{{"user", s->user}, {"role", s->role}}.dump(), "application/json");
  });
}

}  // namespace harrier::review::ui
