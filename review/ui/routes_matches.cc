// Near-duplicate image pairs for review: /matches (the queue), /matches/ID
// (both images side by side, the distance, both adverts) and the decision
// (an alteration, audited; a rejected pair is not raised again).
#include "review/ui/app.h"

namespace harrier::review::ui {

namespace {

using nlohmann::json;

std::string Adverts(const std::vector<store::ImageAdvert>& adverts, const std::string& id) {
  std::string s = "<ul class=\"match-adverts\" id=\"" + id + "\">";
  for (const store::ImageAdvert& a : adverts) {
    s += "<li><a href=\"/adverts/" + std::to_string(a.document_id) + "\">advert " +
         std::to_string(a.document_id) + "</a> " + HtmlEscape(a.title) + " <span class=\"url\">" +
         HtmlEscape(a.url) + "</span></li>";
  }
  return s + "</ul>";
}

void ListMatches(App& app, const httplib::Request& req, httplib::Response& res) {
  std::optional<Session> s = RequireJustified(app, req, res, kReviewers);
  if (!s) return;
  if (!AuditAs(app, *s, "consultation.image_matches", "image_matches", json::object()).ok()) {
    return SendError(app, &*s, res, 500, "The audit log is unavailable: nothing is shown.");
  }
  Result<std::vector<store::ImageMatchView>> matches =
      app.WithStore([](store::Store& st) { return st.ListImageMatches("", 1000); });
  if (!matches.ok()) return SendError(app, &*s, res, 500, matches.status().message());
  std::stable_partition(matches->begin(), matches->end(),
                        [](const store::ImageMatchView& m) { return m.match.status == "open"; });
  std::string body =
      "<table id=\"matches\"><thead><tr><th>Pair</th><th>Status</th><th>Distance</th>"
      "<th>Adverts</th><th>Found</th></tr></thead><tbody>";
  for (const store::ImageMatchView& m : *matches) {
    const std::string id = std::to_string(m.match.id);
    body += "<tr class=\"match-row status-" + HtmlEscape(m.match.status) + "\" id=\"match-" + id +
            "\" data-status=\"" + HtmlEscape(m.match.status) +
            "\"><td><a class=\"match-link\" href=\"/matches/" + id + "\">#" + id +
            "</a></td><td class=\"match-status\">" + HtmlEscape(m.match.status) + "</td><td>" +
            std::to_string(m.match.distance) + " (" + HtmlEscape(m.match.method) + ")</td><td>" +
            std::to_string(m.adverts_a.size()) + " / " + std::to_string(m.adverts_b.size()) +
            "</td><td>" + UtcText(m.match.found_ms) + "</td></tr>";
  }
  SendPage(app, &*s, res, "Image matches", body + "</tbody></table>");
}

std::string MatchDetail(const store::ImageMatchView& v, const Session& s) {
  const store::ImageMatchRow& m = v.match;
  const std::string id = std::to_string(m.id);
  std::string body = "<div class=\"pair\" id=\"pair\">";
  body +=
      "<figure class=\"side\" id=\"side-a\"><img id=\"image-a\" class=\"review-image\" "
      "alt=\"image A\" src=\"/images/" +
      HtmlEscape(m.image_a) + "\"><figcaption><code class=\"sha\">" + HtmlEscape(m.image_a) +
      "</code>" + Adverts(v.adverts_a, "adverts-a") + "</figcaption></figure>";
  body +=
      "<figure class=\"side\" id=\"side-b\"><img id=\"image-b\" class=\"review-image\" "
      "alt=\"image B\" src=\"/images/" +
      HtmlEscape(m.image_b) + "\"><figcaption><code class=\"sha\">" + HtmlEscape(m.image_b) +
      "</code>" + Adverts(v.adverts_b, "adverts-b") + "</figcaption></figure></div>";
  body += "<dl><dt>Distance</dt><dd id=\"distance\">" + std::to_string(m.distance) +
          " of 256 bits (" + HtmlEscape(m.method) +
          ")</dd><dt>Status</dt><dd id=\"match-status\">" + HtmlEscape(m.status);
  if (m.decided_ms) {
    body += " by " + HtmlEscape(m.decided_by) + " at " + UtcText(*m.decided_ms) + ": " +
            HtmlEscape(m.note);
  }
  body += "</dd></dl>";
  if (m.status == "open") {
    body += "<form method=\"post\" action=\"/matches/" + id + "/decide\" id=\"decide-form\">" +
            CsrfField(s.csrf) +
            "<label for=\"note\">Note</label><br><textarea id=\"note\" name=\"note\" rows=\"2\" "
            "cols=\"60\"></textarea><br><button type=\"submit\" name=\"decision\" "
            "value=\"confirmed\" id=\"confirm\">Confirm: the same photo</button> <button "
            "type=\"submit\" name=\"decision\" value=\"rejected\" id=\"reject\">Reject: not "
            "the same</button></form>";
  }
  return body;
}

void ShowMatch(App& app, const httplib::Request& req, httplib::Response& res) {
  std::optional<Session> s = RequireJustified(app, req, res, kReviewers);
  if (!s) return;
  const int64_t id = std::stoll(req.matches[1]);
  if (!AuditAs(app, *s, "consultation.image_match", "image_match:" + std::to_string(id),
               json::object())
           .ok()) {
    return SendError(app, &*s, res, 500, "The audit log is unavailable: nothing is shown.");
  }
  Result<std::optional<store::ImageMatchView>> m =
      app.WithStore([id](store::Store& st) { return st.GetImageMatch(id); });
  if (!m.ok()) return SendError(app, &*s, res, 500, m.status().message());
  if (!*m) return SendError(app, &*s, res, 404, "No image match " + std::to_string(id) + ".");
  SendPage(app, &*s, res, "Image match " + std::to_string(id), MatchDetail(**m, *s));
}

void DecideMatch(App& app, const httplib::Request& req, httplib::Response& res) {
  PostDecision(app, req, res, "alteration.image_match_decided", "image_match", "/matches/",
               [](store::Store& store, int64_t id, const std::string& decision,
                  const std::string& user, const std::string& note,
                  int64_t now) { return store.DecideImageMatch(id, decision, user, note, now); });
}

}  // namespace

void AddMatchRoutes(httplib::Server& server, App& app) {
  server.Get("/matches", [&app](const httplib::Request& req, httplib::Response& res) {
    ListMatches(app, req, res);
  });
  server.Get(R"(/matches/(\d{1,15}))", [&app](const httplib::Request& req, httplib::Response& res) {
    ShowMatch(app, req, res);
  });
  server.Post(
      R"(/matches/(\d{1,15})/decide)",
      [&app](const httplib::Request& req, httplib::Response& res) { DecideMatch(app, req, res); });
}

}  // namespace harrier::review::ui
