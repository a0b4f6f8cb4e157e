// Records: /adverts/ID (text with selectors marked, images, indicator hits,
// capture provenance) and /search. Scraped text is escaped segment by
// segment; scraped URLs are shown as text and never become a link.
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

// The field's text with every selector written in it marked.
std::string Marked(const std::string& text, const std::string& field,
                   const std::vector<store::MentionView>& mentions) {
  std::vector<std::string> needles;
  for (const store::MentionView& m : mentions) {
    if (m.field == field && !m.raw.empty()) needles.push_back(m.raw);
  }
  std::sort(needles.begin(), needles.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  return HighlightSpans(text, FindSpans(text, needles));
}

std::string SelectorLink(const std::string& kind, const std::string& value) {
  const std::string query = "kind=" + UrlEncode(kind) + "&value=" + UrlEncode(value);
  return "<a class=\"selector-link\" href=\"/search?" + HtmlEscape(query) + "\">" +
         HtmlEscape(value) + "</a> (<a class=\"movement-link\" href=\"/movement?" +
         HtmlEscape(query) + "\">movement</a>)";
}

std::string SelectorsTable(const std::vector<store::MentionView>& mentions) {
  std::string t =
      "<table id=\"selectors\"><thead><tr><th>Kind</th><th>Value</th><th>Field</th><th>As "
      "written</th><th>Detail</th></tr></thead><tbody>";
  for (const store::MentionView& m : mentions) {
    t += "<tr class=\"selector-row\"><td>" + HtmlEscape(m.kind) + "</td><td>" +
         SelectorLink(m.kind, m.value) + "</td><td>" + HtmlEscape(m.field) + "</td><td>" +
         HtmlEscape(m.raw) + "</td><td>" + HtmlEscape(m.detail) + "</td></tr>";
  }
  return t + "</tbody></table>";
}

std::string ImagesSection(const std::vector<store::ImageView>& images) {
  std::string s = "<h2>Images</h2><ul id=\"images\">";
  for (const store::ImageView& im : images) {
    s += "<li class=\"image-item\">";
    if (IsSha256(im.sha256)) {
      s += "<img class=\"advert-image\" alt=\"advert image\" src=\"/images/" + im.sha256 + "\"> ";
      s += "<code class=\"sha\">" + im.sha256 + "</code> ";
    } else {
      s += "(not fetched) ";
    }
    s += "<span class=\"url\">" + HtmlEscape(im.url) + "</span></li>";
  }
  return s + "</ul>";
}

std::string IndicatorsSection(const std::optional<store::IndicatorView>& v) {
  if (!v) return "";
  std::string s =
      "<h2>Indicators</h2><p id=\"indicator-score\">Score " + std::to_string(v->score) + " (" +
      HtmlEscape(v->band) + ", rules " + HtmlEscape(v->ruleset_version) +
      "). The score orders the queue; it is not an assessment.</p><ul id=\"indicators\">";
  for (const store::IndicatorHitView& h : v->hits) {
    s += "<li class=\"indicator-hit\">" + HtmlEscape(h.rule_id) + " " + HtmlEscape(h.name) + " (" +
         HtmlEscape(h.weight) + (h.counted ? "" : ", not counted") + ") in " + HtmlEscape(h.field) +
         ": <q>" + HtmlEscape(h.matched) + "</q></li>";
  }
  return s + "</ul>";
}

std::string ProvenanceSection(const store::EvidenceSet& e, const Session& s) {
  std::string t =
      "<h2>Capture provenance</h2><p>Source " + HtmlEscape(e.source) + ", authorisation " +
      HtmlEscape(e.authorisation_ref) +
      ".</p><table id=\"provenance\"><thead><tr><th>Role</th><th>URL</th><th>Fetched (UTC)</th>"
      "<th>Status</th><th>SHA-256</th><th>Remote IP</th><th>WARC file</th><th>Offset</th>"
      "<th>Length</th><th>Evidence</th></tr></thead><tbody>";
  for (const store::EvidenceCapture& c : e.captures) {
    const std::string id = std::to_string(c.capture_id);
    t += "<tr class=\"capture-row\"><td>" + HtmlEscape(c.role) + "</td><td class=\"url\">" +
         HtmlEscape(c.final_url.empty() ? c.url : c.final_url) + "</td><td>" +
         UtcText(c.fetched_ms) + "</td><td>" + std::to_string(c.http_status) +
         "</td><td><code class=\"sha\">" + HtmlEscape(c.body_sha256) + "</code></td><td>" +
         HtmlEscape(c.remote_ip) + "</td><td>" + HtmlEscape(c.warc_file) + "</td><td>" +
         std::to_string(c.warc_offset) + "</td><td>" + std::to_string(c.warc_length) + "</td><td>";
    if (!c.warc_file.empty()) {
      t += "<form method=\"post\" action=\"/adverts/" + std::to_string(e.document_id) +
           "/captures/" + id + "/warc\" class=\"evidence-form\">" + CsrfField(s.csrf) +
           "<input name=\"recipient\" class=\"recipient\" placeholder=\"recipient\" required> "
           "<button type=\"submit\" class=\"evidence-download\">WARC records</button></form>";
    }
    t += "</td></tr>";
  }
  return t + "</tbody></table>";
}

void ShowAdvert(App& app, const httplib::Request& req, httplib::Response& res) {
  std::optional<Session> s = RequireJustified(app, req, res, kReviewers);
  if (!s) return;
  const int64_t id = std::stoll(req.matches[1]);
  if (!AuditAs(app, *s, "consultation.advert", "document:" + std::to_string(id), json::object())
           .ok()) {
    return SendError(app, &*s, res, 500, "The audit log is unavailable: nothing is shown.");
  }
  std::optional<store::DocumentDetail> doc;
  std::optional<store::EvidenceSet> evidence;
  const Status st = app.WithStore([&](store::Store& store) {
    Result<std::optional<store::DocumentDetail>> d = store.GetDocument(id);
    if (!d.ok()) return d.status();
    Result<std::optional<store::EvidenceSet>> e = store.GetEvidence(id);
    if (!e.ok()) return e.status();
    doc = std::move(*d);
    evidence = std::move(*e);
    return Status::Ok();
  });
  if (!st.ok()) return SendError(app, &*s, res, 500, st.message());
  if (!doc) return SendError(app, &*s, res, 404, "No advert " + std::to_string(id) + ".");
  const store::DocumentSummary& sum = doc->summary;
  std::string body = "<h2 id=\"advert-title\">" + Marked(sum.title, "title", doc->mentions) +
                     "</h2><dl><dt>Kind</dt><dd id=\"document-kind\">" + HtmlEscape(sum.kind) +
                     " (source " + HtmlEscape(sum.source) +
                     ")</dd><dt>URL (not a link: the target site is never contacted)</dt>"
                     "<dd class=\"url\" id=\"advert-url\">" +
                     HtmlEscape(sum.url) + "</dd><dt>Location</dt><dd>" +
                     Marked(sum.location, "location", doc->mentions) + "</dd><dt>Posted</dt><dd>" +
                     HtmlEscape(doc->posted) + "</dd><dt>Seen</dt><dd>" +
                     UtcText(sum.first_seen_ms) + " to " + UtcText(sum.last_seen_ms) +
                     ", version " + std::to_string(sum.version) + " of " +
                     std::to_string(doc->versions) + "</dd>" +
                     (doc->meta == "{}" ? std::string()
                                        : "<dt>Details as captured</dt><dd id=\"document-meta\">" +
                                              HtmlEscape(doc->meta) + "</dd>") +
                     "</dl>";
  body += "<div id=\"advert-body\" class=\"advert-body\">" +
          Marked(doc->body, "body", doc->mentions) + "</div><h2>Selectors</h2>" +
          SelectorsTable(doc->mentions) + ImagesSection(doc->images) +
          IndicatorsSection(doc->indicators);
  if (evidence) body += ProvenanceSection(*evidence, *s);
  Result<std::string> companies = AdvertCompaniesSection(app, doc->mentions);  // registry
  if (!companies.ok()) return SendError(app, &*s, res, 500, companies.status().message());
  body += *companies;
  body += "<p><a id=\"export-advert-link\" href=\"/export?adverts=" + std::to_string(id) +
          "\">Export this advert</a></p>";
  SendPage(app, &*s, res, "Advert " + std::to_string(id), body);
}

std::string SearchForm(const std::string& kind, const std::string& value) {
  std::string f =
      "<form method=\"get\" action=\"/search\" id=\"search-form\"><select id=\"kind\" "
      "name=\"kind\">";
  for (SelectorKind k : kAllSelectorKinds) {
    const std::string name(SelectorKindName(k));
    f += "<option value=\"" + name + "\"" + (name == kind ? " selected" : "") + ">" + name +
         "</option>";
  }
  return f + "</select> <input id=\"value\" name=\"value\" value=\"" + HtmlEscape(value) +
         "\" required> <button type=\"submit\" id=\"search\">Search</button></form>";
}

void Search(App& app, const httplib::Request& req, httplib::Response& res) {
  const std::string kind_name = req.get_param_value("kind");
  const std::string value = req.get_param_value("value");
  std::optional<Session> s = value.empty() ? RequireUser(app, req, res, kReviewers)
                                           : RequireJustified(app, req, res, kReviewers);
  if (!s) return;
  std::string body = SearchForm(kind_name, value);
  if (value.empty()) return SendPage(app, &*s, res, "Search", body);
  const std::optional<SelectorKind> kind = ParseSelectorKind(kind_name);
  const std::optional<std::string> normalised =
      kind ? app.extractor.Normalize(*kind, value) : std::nullopt;
  if (!normalised) {
    res.status = 400;
    return SendPage(app, &*s, res, "Search",
                    body + "<p class=\"error\" id=\"search-error\">" +
                        HtmlEscape("'" + value + "' is not a valid " + kind_name) + "</p>");
  }
  if (!AuditAs(app, *s, "consultation.search", kind_name + ":" + *normalised, {{"input", value}})
           .ok()) {
    return SendError(app, &*s, res, 500, "The audit log is unavailable: nothing is shown.");
  }
  Result<std::vector<store::DocumentSummary>> docs = app.WithStore(
      [&](store::Store& st) { return st.FindDocumentsBySelector(*kind, *normalised); });
  if (!docs.ok()) return SendError(app, &*s, res, 500, docs.status().message());
  body += "<p id=\"search-summary\">" + HtmlEscape(kind_name + " " + *normalised) + ": " +
          std::to_string(docs->size()) + " advert(s).</p><table id=\"results\"><tbody>";
  for (const store::DocumentSummary& d : *docs) {
    body += "<tr class=\"result-row\"><td><a class=\"result-link\" href=\"/adverts/" +
            std::to_string(d.id) + "\">advert " + std::to_string(d.id) + "</a></td><td>" +
            HtmlEscape(d.title) + "</td><td>" + HtmlEscape(d.location) + "</td><td>" +
            HtmlEscape(d.source) + "</td><td>" + UtcText(d.last_seen_ms) + "</td></tr>";
  }
  body += "</tbody></table>";
  if (*kind == SelectorKind::kPostcode) {  // the registry records at the postcode
    Result<std::string> registry = PostcodeRegistrySection(app, *normalised, *docs);
    if (!registry.ok()) return SendError(app, &*s, res, 500, registry.status().message());
    body += *registry;
  }
  SendPage(app, &*s, res, "Search", body);
}

}  // namespace

void AddRecordRoutes(httplib::Server& server, App& app) {
  server.Get(R"(/adverts/(\d{1,15}))", [&app](const httplib::Request& req, httplib::Response& res) {
    ShowAdvert(app, req, res);
  });
  server.Get("/search", [&app](const httplib::Request& req, httplib::Response& res) {
    Search(app, req, res);
  });
}

}  // namespace harrier::review::ui
