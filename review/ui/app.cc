// See app.h.
#include "review/ui/app.h"

#include <sodium.h>

namespace harrier::review::ui {

using nlohmann::json;

App::App(const UiServerOptions& options, const Clock& clock,
         const extractors::TextExtractor& extractor, std::unique_ptr<store::Store> store)
    : options(options),
      clock(clock),
      extractor(extractor),
      sessions(clock, SessionLimits{std::chrono::minutes(options.ui.session_idle_minutes),
                                    std::chrono::hours(options.ui.session_absolute_hours)}),
      throttle(clock, LoginThrottle::Limits{}),
      store_(std::move(store)) {}

int RoleBit(const std::string& role) {
  if (role == "analyst") return kAnalyst;
  if (role == "supervisor") return kSupervisor;
  if (role == "operator") return kOperator;
  return 0;
}

std::string SessionIdFrom(const httplib::Request& req) {
  const std::string cookies = req.get_header_value("Cookie");
  const std::string key = std::string(kSessionCookie) + "=";
  size_t at = 0;
  while (at < cookies.size()) {
    while (at < cookies.size() && (cookies[at] == ' ' || cookies[at] == ';')) ++at;
    size_t end = cookies.find(';', at);
    if (end == std::string::npos) end = cookies.size();
    if (cookies.compare(at, key.size(), key) == 0) {
      return cookies.substr(at + key.size(), end - at - key.size());
    }
    at = end;
  }
  return "";
}

void SetSessionCookie(httplib::Response& res, const std::string& id) {
  res.set_header("Set-Cookie", std::string(kSessionCookie) + "=" + id +
                                   "; Path=/; Secure; HttpOnly; SameSite=Strict");
}

void ClearSessionCookie(httplib::Response& res) {
  res.set_header("Set-Cookie", std::string(kSessionCookie) +
                                   "=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0");
}

void Redirect(httplib::Response& res, const std::string& to) {
  res.status = 303;
  res.set_header("Location", to);
}

std::string SafeNext(const std::string& next) {
  if (next.size() < 1 || next[0] != '/' || next.size() > 2000) return "/alerts";
  if (next.size() > 1 && (next[1] == '/' || next[1] == '\\')) return "/alerts";
  for (const char c : next) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F || c == '\\') return "/alerts";
  }
  return next;
}

namespace {

bool IsApi(const httplib::Request& req) { return req.path.rfind("/api/", 0) == 0; }

// The path and query as the browser asked for it, for ?next=.
std::string RequestTarget(const httplib::Request& req) {
  std::string target = req.path;
  std::string query;
  for (const auto& [k, v] : req.params) {
    query += (query.empty() ? "?" : "&") + UrlEncode(k) + "=" + UrlEncode(v);
  }
  return target + query;
}

}  // namespace

std::optional<Session> RequireUser(App& app, const httplib::Request& req, httplib::Response& res,
                                   int roles) {
  std::optional<Session> s = app.sessions.Find(SessionIdFrom(req));
  if (!s || s->user.empty()) {
    if (IsApi(req) || req.method != "GET") {
      SendError(app, nullptr, res, 401, "Log in first.");
    } else {
      Redirect(res, "/login?next=" + UrlEncode(RequestTarget(req)));
    }
    return std::nullopt;
  }
  if ((RoleBit(s->role) & roles) == 0) {
    SendError(app, &*s, res, 403, "Your role (" + s->role + ") may not open this page.");
    return std::nullopt;
  }
  return s;
}

std::optional<Session> RequireJustified(App& app, const httplib::Request& req,
                                        httplib::Response& res, int roles) {
  std::optional<Session> s = RequireUser(app, req, res, roles);
  if (!s) return s;
  if (!s->justification) {
    if (IsApi(req) || req.method != "GET" || req.path.rfind("/images/", 0) == 0) {
      SendError(app, &*s, res, 403, "Give a justification on /justify first.");
    } else {
      Redirect(res, "/justify?next=" + UrlEncode(RequestTarget(req)));
    }
    return std::nullopt;
  }
  return s;
}

bool CheckCsrf(const Session& session, const httplib::Request& req, httplib::Response& res) {
  const std::string token = req.get_param_value("csrf");
  const bool ok = token.size() == session.csrf.size() &&
                  sodium_memcmp(token.data(), session.csrf.data(), token.size()) == 0;
  if (!ok)
    res.status = 403, res.set_content("Forbidden: missing or wrong CSRF token.\n", "text/plain");
  return ok;
}

PageFrame FrameFor(const App& app, const Session* session, const std::string& title) {
  PageFrame f;
  f.title = title;
  f.marking = app.options.ui.marking;
  if (session != nullptr && !session->user.empty()) {
    f.user = session->user;
    f.role = session->role;
    f.csrf = session->csrf;
    if (session->justification) {
      f.justification = session->justification->operation + ": " + session->justification->text;
    }
  }
  return f;
}

void SendPage(App& app, const Session* session, httplib::Response& res, const std::string& title,
              const std::string& body, const std::vector<std::string>& scripts) {
  res.set_content(RenderPage(FrameFor(app, session, title), body, scripts),
                  "text/html; charset=utf-8");
}

void SendError(App& app, const Session* session, httplib::Response& res, int status,
               const std::string& message) {
  res.status = status;
  SendPage(app, session, res, "Error " + std::to_string(status),
           "<p id=\"error\" class=\"error\">" + HtmlEscape(message) + "</p>");
}

Status AuditAs(App& app, const Session& session, const std::string& action,
               const std::string& object, json detail) {
  if (session.justification) {
    detail["operation"] = session.justification->operation;
    detail["justification"] = session.justification->text;
  }
  detail["via"] = "ui";
  return AuditAnonymous(app, session.user, action, object, std::move(detail));
}

Status AuditAnonymous(App& app, const std::string& actor, const std::string& action,
                      const std::string& object, json detail) {
  const store::AuditEntry entry{ToUnixMillis(app.clock.WallNow()), actor, action, object,
                                detail.dump(-1, ' ', false, json::error_handler_t::replace)};
  return app.WithStore([&](store::Store& s) { return s.AppendAudit(entry); })
      .WithContext("record " + action + " in the audit log (nothing was shown)");
}

void PostDecision(App& app, const httplib::Request& req, httplib::Response& res,
                  const std::string& action, const std::string& kind, const std::string& back,
                  const DecideFn& decide) {
  std::optional<Session> s = RequireJustified(app, req, res, kReviewers);
  if (!s || !CheckCsrf(*s, req, res)) return;
  const int64_t id = std::stoll(req.matches[1]);
  const std::string decision = req.get_param_value("decision");
  const std::string note = req.get_param_value("note");
  if (decision != "confirmed" && decision != "rejected") {
    return SendError(app, &*s, res, 400, "Decide 'confirmed' or 'rejected'.");
  }
  const int64_t now = ToUnixMillis(app.clock.WallNow());
  const Status st = app.WithStore([&](store::Store& store) {
    return store.InTransaction([&] {
      HARRIER_RETURN_IF_ERROR(decide(store, id, decision, s->user, note, now));
      const json detail = {{"decision", decision},
                           {"note", note},
                           {"via", "ui"},
                           {"operation", s->justification->operation},
                           {"justification", s->justification->text}};
      return store.AppendAudit({now, s->user, action, kind + ":" + std::to_string(id),
                                detail.dump(-1, ' ', false, json::error_handler_t::replace)});
    });
  });
  if (st.code() == StatusCode::kNotFound) return SendError(app, &*s, res, 404, st.message());
  if (st.code() == StatusCode::kRejected) return SendError(app, &*s, res, 409, st.message());
  if (!st.ok()) return SendError(app, &*s, res, 500, st.message());
  Redirect(res, back + std::to_string(id));
}

}  // namespace harrier::review::ui
