// /audit (supervisors: the log, newest first, and whether its hash chain
// verifies) and /status (every role: service state without personal data).
#include "review/ui/app.h"

namespace harrier::review::ui {

namespace {

using nlohmann::json;

void ShowAudit(App& app, const httplib::Request& req, httplib::Response& res) {
  std::optional<Session> s = RequireUser(app, req, res, kSupervisor);
  if (!s) return;
  if (!AuditAs(app, *s, "consultation.audit", "audit", json::object()).ok()) {
    return SendError(app, &*s, res, 500, "The audit log is unavailable.");
  }
  std::vector<store::AuditRow> rows;
  int64_t broken = 0;
  const Status st = app.WithStore([&](store::Store& store) {
    Result<int64_t> v = store.VerifyAuditChain();
    if (!v.ok()) return v.status();
    broken = *v;
    Result<std::vector<store::AuditRow>> r = store.ListAudit(500);
    if (!r.ok()) return r.status();
    rows = std::move(*r);
    return Status::Ok();
  });
  if (!st.ok()) return SendError(app, &*s, res, 500, st.message());
  std::string body =
      broken == 0 ? "<p id=\"chain-status\" class=\"ok\" data-verified=\"true\">The hash "
                    "chain verifies.</p>"
                  : "<p id=\"chain-status\" class=\"error\" data-verified=\"false\">The hash "
                    "chain is BROKEN at row " +
                        std::to_string(broken) + ".</p>";
  body +=
      "<table id=\"audit\"><thead><tr><th>Row</th><th>UTC</th><th>User</th><th>Action</th>"
      "<th>Object</th><th>Detail</th></tr></thead><tbody>";
  for (const store::AuditRow& r : rows) {
    body += "<tr class=\"audit-row\"><td>" + std::to_string(r.id) + "</td><td>" + UtcText(r.at_ms) +
            "</td><td>" + HtmlEscape(r.actor) + "</td><td class=\"audit-action\">" +
            HtmlEscape(r.action) + "</td><td>" + HtmlEscape(r.object) + "</td><td><code>" +
            HtmlEscape(r.detail) + "</code></td></tr>";
  }
  SendPage(app, &*s, res, "Audit log", body + "</tbody></table>");
}

void ShowStatus(App& app, const httplib::Request& req, httplib::Response& res) {
  std::optional<Session> s = RequireUser(app, req, res, kAnyRole);
  if (!s) return;
  std::optional<store::Summary> summary;
  std::vector<store::SourceRow> sources;
  const Status st = app.WithStore([&](store::Store& store) {
    Result<store::Summary> sum = store.GetSummary();
    if (!sum.ok()) return sum.status();
    Result<std::vector<store::SourceRow>> src = store.ListSources();
    if (!src.ok()) return src.status();
    summary = std::move(*sum);
    sources = std::move(*src);
    return Status::Ok();
  });
  if (!st.ok()) return SendError(app, &*s, res, 500, st.message());
  std::string body = "<dl id=\"counts\"><dt>Adverts</dt><dd id=\"count-documents\">" +
                     std::to_string(summary->documents) + "</dd><dt>Captures</dt><dd>" +
                     std::to_string(summary->captures) + "</dd><dt>Images</dt><dd>" +
                     std::to_string(summary->images) + "</dd><dt>Mentions</dt><dd>" +
                     std::to_string(summary->mentions) + "</dd></dl>";
  body +=
      "<table id=\"sources\"><thead><tr><th>Source</th><th>State</th><th>Last run finished</th>"
      "<th>Next run</th></tr></thead><tbody>";
  for (const store::SourceRow& src : sources) {
    body += "<tr class=\"source-row\"><td>" + HtmlEscape(src.name) + "</td><td>" +
            HtmlEscape(src.state.empty() ? "collecting" : src.state) + "</td><td>" +
            (src.last_run_finished_ms ? UtcText(*src.last_run_finished_ms) : "-") + "</td><td>" +
            (src.next_run_ms ? UtcText(*src.next_run_ms) : "-") + "</td></tr>";
  }
  SendPage(app, &*s, res, "Status", body + "</tbody></table>");
}

}  // namespace

void AddAdminRoutes(httplib::Server& server, App& app) {
  server.Get("/audit", [&app](const httplib::Request& req, httplib::Response& res) {
    ShowAudit(app, req, res);
  });
  server.Get("/status", [&app](const httplib::Request& req, httplib::Response& res) {
    ShowStatus(app, req, res);
  });
}

}  // namespace harrier::review::ui
