// The review queue: /alerts, /alerts/ID and the decision on an alert
// (an alteration, audited). Until linking's image-match API lands,
// /matches shows the image alerts: the advert's image beside the
// watchlist entry's hashes.
#include <algorithm>

#include "review/ui/app.h"

namespace harrier::review::ui {

namespace {

using nlohmann::json;

bool IsSha256(const std::string& s) {
  return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

std::string AlertRows(const std::vector<store::AlertRow>& alerts) {
  std::string rows =
      "<table id=\"alerts\"><thead><tr><th>Alert</th><th>Kind</th><th>Status</th><th>Operation"
      "</th><th>Distance</th><th>Advert</th><th>Raised</th></tr></thead><tbody>";
  for (const store::AlertRow& a : alerts) {
    const std::string id = std::to_string(a.id);
    rows += "<tr class=\"alert-row status-" + HtmlEscape(a.status) + "\" id=\"alert-" + id +
            "\" data-status=\"" + HtmlEscape(a.status) +
            "\"><td><a class=\"alert-link\" href=\"/alerts/" + id + "\">#" + id +
            "</a></td><td class=\"alert-kind\">" + HtmlEscape(a.kind) +
            "</td><td class=\"alert-status\">" + HtmlEscape(a.status) + "</td><td>" +
            HtmlEscape(a.operation) + "</td><td>" + std::to_string(a.distance) + " (" +
            HtmlEscape(a.method) + ")</td><td>";
    if (a.document_id) {
      rows += "<a href=\"/adverts/" + std::to_string(*a.document_id) + "\">advert " +
              std::to_string(*a.document_id) + "</a>";
    }
    rows += "</td><td>" + UtcText(a.created_ms) + "</td></tr>";
  }
  return rows + "</tbody></table>";
}

void ListAlerts(App& app, const httplib::Request& req, httplib::Response& res) {
  std::optional<Session> s = RequireJustified(app, req, res, kReviewers);
  if (!s) return;
  if (!AuditAs(app, *s, "consultation.alerts", "alerts", json::object()).ok()) {
    return SendError(app, &*s, res, 500, "The audit log is unavailable: nothing is shown.");
  }
  Result<std::vector<store::AlertRow>> alerts =
      app.WithStore([](store::Store& st) { return st.ListAlerts("", 1000); });
  if (!alerts.ok()) return SendError(app, &*s, res, 500, alerts.status().message());
  // Open alerts first; newest first within each status (ListAlerts' order).
  std::stable_partition(alerts->begin(), alerts->end(),
                        [](const store::AlertRow& a) { return a.status == "open"; });
  const auto open = std::count_if(alerts->begin(), alerts->end(),
                                  [](const store::AlertRow& a) { return a.status == "open"; });
  std::string body = "<p id=\"alert-count\">" + std::to_string(open) + " open of " +
                     std::to_string(alerts->size()) + " alert(s).</p>";
  SendPage(app, &*s, res, "Alerts", body + AlertRows(*alerts));
}

// A watched selector in an advert, or a cluster past its size threshold.
std::string OtherKindDetail(const store::AlertRow& a) {
  std::string body = "<dl id=\"alert-detail\" data-kind=\"" + HtmlEscape(a.kind) + "\">";
  if (a.kind == "watchlist_selector") {
    const std::string query =
        "kind=" + UrlEncode(a.selector_kind) + "&value=" + UrlEncode(a.selector_value);
    body += "<dt>Watched selector</dt><dd id=\"alert-selector\">" + HtmlEscape(a.selector_kind) +
            " <a href=\"/search?" + HtmlEscape(query) + "\">" + HtmlEscape(a.selector_value) +
            "</a></dd><dt>Operation</dt><dd id=\"alert-operation\">" + HtmlEscape(a.operation) +
            "</dd><dt>Reason</dt><dd>" + HtmlEscape(a.watchlist_reason) + "</dd>";
  } else if (a.kind == "cluster_growth") {
    body += "<dt>Cluster</dt><dd><a id=\"cluster-link\" href=\"/clusters/" +
            std::to_string(a.cluster_id) + "\">cluster " + std::to_string(a.cluster_id) +
            "</a> reached " + std::to_string(a.cluster_size) + " adverts</dd>";
  }
  body += "<dt>Advert</dt><dd>";
  if (a.document_id) {
    body += "<a id=\"advert-link\" href=\"/adverts/" + std::to_string(*a.document_id) +
            "\">advert " + std::to_string(*a.document_id) + "</a> ";
  }
  return body + "<span class=\"url\">" + HtmlEscape(a.url) + "</span></dd></dl>";
}

std::string DecisionPart(const store::AlertRow& a, const Session& s) {
  std::string body = "<p>Status <span id=\"alert-status\">" + HtmlEscape(a.status);
  if (a.decided_ms) {
    body += " by " + HtmlEscape(a.decided_by) + " at " + UtcText(*a.decided_ms) + ": " +
            HtmlEscape(a.note);
  }
  body += "</span></p>";
  if (a.status == "open") {
    body +=
        "<form method=\"post\" action=\"/alerts/" + std::to_string(a.id) +
        "/decide\" id=\"decide-form\">" + CsrfField(s.csrf) +
        "<label for=\"note\">Note</label><br><textarea id=\"note\" name=\"note\" rows=\"2\" "
        "cols=\"60\"></textarea><br><button type=\"submit\" name=\"decision\" "
        "value=\"confirmed\" id=\"confirm\">Confirm</button> <button "
        "type=\"submit\" name=\"decision\" value=\"rejected\" id=\"reject\">Reject</button></form>";
  }
  return body;
}

std::string AlertDetail(const store::AlertRow& a, const Session& s) {
  if (a.kind != "watchlist_image") return OtherKindDetail(a) + DecisionPart(a, s);
  const std::string id = std::to_string(a.id);
  std::string body = "<div class=\"pair\" id=\"pair\"><figure class=\"side\" id=\"side-advert\">";
  if (IsSha256(a.image_sha256)) {
    body += "<img id=\"alert-image\" class=\"review-image\" alt=\"advert image\" src=\"/images/" +
            a.image_sha256 + "\">";
  }
  body += "<figcaption>Advert image <code class=\"sha\">" + HtmlEscape(a.image_sha256) +
          "</code><br>PDQ <code>" + HtmlEscape(a.image_pdq) + "</code></figcaption></figure>";
  body += "<figure class=\"side\" id=\"side-watchlist\"><div class=\"hash-only\">Watchlist entry " +
          std::to_string(a.watchlist_image_id) +
          " (hashes only; the photo is not kept)</div>"
          "<figcaption>Operation <span id=\"alert-operation\">" +
          HtmlEscape(a.operation) + "</span><br>Reason: " + HtmlEscape(a.watchlist_reason) +
          "<br>PDQ <code>" + HtmlEscape(a.watchlist_pdq) + "</code></figcaption></figure></div>";
  body += "<dl><dt>Distance</dt><dd id=\"distance\">" + std::to_string(a.distance) +
          " of 256 bits (" + HtmlEscape(a.method) + ")</dd><dt>Advert</dt><dd>";
  if (a.document_id) {
    body += "<a id=\"advert-link\" href=\"/adverts/" + std::to_string(*a.document_id) +
            "\">advert " + std::to_string(*a.document_id) + "</a> ";
  }
  body += "<span class=\"url\">" + HtmlEscape(a.url) + "</span></dd><dt>Captured</dt><dd>" +
          UtcText(a.captured_ms) + "</dd><dt>Status</dt><dd id=\"alert-status\">" +
          HtmlEscape(a.status);
  if (a.decided_ms) {
    body += " by " + HtmlEscape(a.decided_by) + " at " + UtcText(*a.decided_ms) + ": " +
            HtmlEscape(a.note);
  }
  body += "</dd></dl>";
  if (a.status == "open") {
    body += "<form method=\"post\" action=\"/alerts/" + id + "/decide\" id=\"decide-form\">" +
            CsrfField(s.csrf) +
            "<label for=\"note\">Note</label><br><textarea id=\"note\" name=\"note\" rows=\"2\" "
            "cols=\"60\"></textarea><br><button type=\"submit\" name=\"decision\" "
            "value=\"confirmed\" id=\"confirm\">Confirm: the same photo</button> <button "
            "type=\"submit\" name=\"decision\" value=\"rejected\" id=\"reject\">Reject: not "
            "the same</button></form>";
  }
  return body;
}

void ShowAlert(App& app, const httplib::Request& req, httplib::Response& res) {
  std::optional<Session> s = RequireJustified(app, req, res, kReviewers);
  if (!s) return;
  const int64_t id = std::stoll(req.matches[1]);
  if (!AuditAs(app, *s, "consultation.alert", "alert:" + std::to_string(id), json::object()).ok()) {
    return SendError(app, &*s, res, 500, "The audit log is unavailable: nothing is shown.");
  }
  Result<std::optional<store::AlertRow>> a =
      app.WithStore([id](store::Store& st) { return st.GetAlert(id); });
  if (!a.ok()) return SendError(app, &*s, res, 500, a.status().message());
  if (!*a) return SendError(app, &*s, res, 404, "No alert " + std::to_string(id) + ".");
  SendPage(app, &*s, res, "Alert " + std::to_string(id), AlertDetail(**a, *s));
}

void DecideAlert(App& app, const httplib::Request& req, httplib::Response& res) {
  PostDecision(app, req, res, "alteration.alert_decided", "alert", "/alerts/",
               [](store::Store& store, int64_t id, const std::string& decision,
                  const std::string& user, const std::string& note,
                  int64_t now) { return store.DecideAlert(id, decision, user, note, now); });
}

}  // namespace

void AddAlertRoutes(httplib::Server& server, App& app) {
  server.Get("/alerts", [&app](const httplib::Request& req, httplib::Response& res) {
    ListAlerts(app, req, res);
  });
  server.Get(R"(/alerts/(\d{1,15}))", [&app](const httplib::Request& req, httplib::Response& res) {
    ShowAlert(app, req, res);
  });
  server.Post(
      R"(/alerts/(\d{1,15})/decide)",
      [&app](const httplib::Request& req, httplib::Response& res) { DecideAlert(app, req, res); });
}

}  // namespace harrier::review::ui
