// /export: the form, and the download through the exports API
// (review/export.h PrepareExport). Refused without a grade or a recipient;
// audited as a disclosure (with recipient and justification) before the
// bytes leave.
#include <sstream>

#include "review/export.h"
#include "review/ui/app.h"

namespace harrier::review::ui {

namespace {

using nlohmann::json;

std::string Options(const std::vector<std::pair<std::string, std::string>>& values) {
  std::string s;
  for (const auto& [value, text] : values) {
    s += "<option value=\"" + HtmlEscape(value) + "\">" + HtmlEscape(text) + "</option>";
  }
  return s;
}

std::string ExportForm(const Session& s, const httplib::Request& req) {
  return "<form method=\"post\" action=\"/export\" id=\"export-form\">" + CsrfField(s.csrf) +
         "<p><label for=\"export-format\">Format</label> <select id=\"export-format\" "
         "name=\"format\">" +
         Options({{"i2-csv", "i2 Analyst's Notebook CSV"},
                  {"anx", "i2 ANX XML"},
                  {"ftm", "FollowTheMoney JSON lines"},
                  {"csv", "plain CSV"},
                  {"report-html", "intelligence report (HTML)"},
                  {"report-pdf", "intelligence report (PDF)"}}) +
         "</select></p><p><label for=\"export-adverts\">Adverts (ids)</label> <input "
         "id=\"export-adverts\" name=\"adverts\" value=\"" +
         HtmlEscape(req.get_param_value("adverts")) +
         "\"> <label for=\"export-cluster\">or cluster</label> <input id=\"export-cluster\" "
         "name=\"cluster\" value=\"" +
         HtmlEscape(req.get_param_value("cluster")) +
         "\"></p><p><label for=\"export-selectors\">Selectors (KIND:VALUE, one a line)</label><br>"
         "<textarea id=\"export-selectors\" name=\"selectors\" rows=\"2\" cols=\"50\">" +
         HtmlEscape(req.get_param_value("selectors")) +
         "</textarea></p><p><label for=\"export-grade\">Grade (3x5x2, e.g. 2B; set by you)"
         "</label> <select id=\"export-grade\" name=\"grade\"><option value=\"\">choose"
         "</option>" +
         [] {
           std::string o;
           for (char e : {'1', '2', '3'})
             for (char a : {'A', 'B', 'C', 'D', 'E'}) o += Options({{{e, a}, {e, a}}});
           return o;
         }() +
         "</select> <label for=\"export-handling\">Handling</label> <select id=\"export-handling\" "
         "name=\"handling\"><option value=\"\">choose</option>" +
         Options({{"P", "P: lawful sharing permitted"}, {"C", "C: with conditions"}}) +
         "</select> <label for=\"export-conditions\">Conditions</label> <input "
         "id=\"export-conditions\" name=\"conditions\"></p><p><label "
         "for=\"export-instructions\">Handling instructions</label> <input "
         "id=\"export-instructions\" name=\"instructions\"> <label "
         "for=\"export-recipient\">Recipient</label> <input id=\"export-recipient\" "
         "name=\"recipient\" required></p><button type=\"submit\" id=\"export-submit\">Export"
         "</button></form>";
}

void ShowForm(App& app, const httplib::Request& req, httplib::Response& res,
              const std::string& message) {
  std::optional<Session> s = RequireJustified(app, req, res, kReviewers);
  if (!s) return;
  std::string body = message.empty()
                         ? ""
                         : "<p class=\"error\" id=\"export-error\">" + HtmlEscape(message) + "</p>";
  SendPage(app, &*s, res, "Export", body + ExportForm(*s, req));
}

// The selection from the form; InvalidArgument naming what is wrong.
Status ReadSelection(App& app, const httplib::Request& req, ExportSelection* sel) {
  std::istringstream ids(req.get_param_value("adverts"));
  for (std::string id; std::getline(ids, id, ',');) {
    id.erase(0, id.find_first_not_of(" \t"));
    id.erase(id.find_last_not_of(" \t") + 1);
    if (id.empty()) continue;
    if (id.find_first_not_of("0123456789") != std::string::npos || id.size() > 15) {
      return Status::InvalidArgument("'" + id + "' is not an advert id");
    }
    sel->document_ids.push_back(std::stoll(id));
  }
  const std::string cluster = req.get_param_value("cluster");
  if (!cluster.empty()) {
    if (cluster.find_first_not_of("0123456789") != std::string::npos || cluster.size() > 15) {
      return Status::InvalidArgument("'" + cluster + "' is not a cluster id");
    }
    const int64_t id = std::stoll(cluster);
    Result<std::optional<store::ClusterDetail>> c =
        app.WithStore([id](store::Store& st) { return st.GetCluster(id); });
    if (!c.ok()) return c.status();
    if (!*c) return Status::NotFound("no cluster " + cluster);
    for (const store::DocumentSummary& d : (*c)->documents) sel->document_ids.push_back(d.id);
  }
  std::istringstream lines(req.get_param_value("selectors"));
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    const size_t colon = line.find(':');
    const std::optional<SelectorKind> kind =
        colon == std::string::npos ? std::nullopt : ParseSelectorKind(line.substr(0, colon));
    const std::optional<std::string> value =
        kind ? app.extractor.Normalize(*kind, line.substr(colon + 1)) : std::nullopt;
    if (!value) return Status::InvalidArgument("'" + line + "' is not KIND:VALUE");
    sel->selectors.emplace_back(*kind, *value);
  }
  return Status::Ok();
}

void PostExport(App& app, const httplib::Request& req, httplib::Response& res) {
  std::optional<Session> s = RequireJustified(app, req, res, kReviewers);
  if (!s || !CheckCsrf(*s, req, res)) return;
  const std::optional<ExportFormat> format = ParseExportFormat(req.get_param_value("format"));
  Grading grading;
  grading.marking = app.options.ui.marking;
  grading.handling_instructions = req.get_param_value("instructions");
  grading.conditions = req.get_param_value("conditions");
  const std::string handling = req.get_param_value("handling");
  grading.handling_code = handling.size() == 1 ? handling[0] : 0;
  Status st = ParseGrade(req.get_param_value("grade"), &grading);
  if (st.ok()) st = ValidateGrading(grading);
  if (st.ok() && !format) st = Status::InvalidArgument("choose a format");
  ExportSelection selection;
  if (st.ok()) st = ReadSelection(app, req, &selection);
  const ExportMeta meta{s->user, req.get_param_value("recipient"),
                        s->justification->operation + ": " + s->justification->text,
                        ToUnixMillis(app.clock.WallNow())};
  Result<PreparedExport> prepared = Status::InvalidArgument("not prepared");
  if (st.ok()) {
    prepared = app.WithStore([&](store::Store& store) {
      return PrepareExport(store, selection, *format, grading, meta);
    });
    st = prepared.ok() ? Status::Ok() : prepared.status();
  }
  if (!st.ok()) {
    res.status = st.code() == StatusCode::kNotFound ? 404 : 400;
    return ShowForm(app, req, res, "Not exported: " + st.message());
  }
  store::AuditEntry audit = prepared->audit;
  json detail = json::parse(audit.detail, nullptr, false);
  if (detail.is_object()) {
    detail["operation"] = s->justification->operation;
    detail["via"] = "ui";
    audit.detail = detail.dump(-1, ' ', false, json::error_handler_t::replace);
  }
  if (!app.WithStore([&](store::Store& store) { return store.AppendAudit(audit); }).ok()) {
    return SendError(app, &*s, res, 500, "The audit log is unavailable: nothing is disclosed.");
  }
  res.set_header("Content-Disposition", "attachment; filename=\"" + prepared->file_name + "\"");
  res.set_content(std::move(prepared->bytes), prepared->mime_type.c_str());
}

}  // namespace

void AddExportRoutes(httplib::Server& server, App& app) {
  server.Get("/export", [&app](const httplib::Request& req, httplib::Response& res) {
    ShowForm(app, req, res, "");
  });
  server.Post("/export", [&app](const httplib::Request& req, httplib::Response& res) {
    PostExport(app, req, res);
  });
}

}  // namespace harrier::review::ui
