// Clusters of linked adverts (/clusters, /clusters/ID with the network
// graph drawn by /static/graph.js from /api/clusters/ID/graph) and a
// selector's movement (/movement): towns and dates in order.
#include <algorithm>

#include "review/ui/app.h"

namespace harrier::review::ui {

namespace {

using nlohmann::json;

void ListClusters(App& app, const httplib::Request& req, httplib::Response& res) {
  std::optional<Session> s = RequireJustified(app, req, res, kReviewers);
  if (!s) return;
  if (!AuditAs(app, *s, "consultation.clusters", "clusters", json::object()).ok()) {
    return SendError(app, &*s, res, 500, "The audit log is unavailable: nothing is shown.");
  }
  Result<std::vector<store::ClusterSummary>> clusters =
      app.WithStore([](store::Store& st) { return st.ListClusters(2, 500); });
  if (!clusters.ok()) return SendError(app, &*s, res, 500, clusters.status().message());
  std::string body =
      "<table id=\"clusters\"><thead><tr><th>Cluster</th><th>Adverts</th><th>Selectors</th>"
      "<th>Towns</th><th>First seen</th><th>Last seen</th><th>Indicator score</th></tr></thead>"
      "<tbody>";
  for (const store::ClusterSummary& c : *clusters) {
    std::string selectors, towns;
    for (const auto& [kind, n] : c.selector_counts) {
      selectors += HtmlEscape(kind) + " " + std::to_string(n) + " ";
    }
    for (const std::string& t : c.towns) towns += (towns.empty() ? "" : ", ") + HtmlEscape(t);
    const std::string id = std::to_string(c.id);
    body += "<tr class=\"cluster-row\" id=\"cluster-" + id +
            "\"><td><a class=\"cluster-link\" href=\"/clusters/" + id + "\">#" + id +
            "</a></td><td>" + std::to_string(c.size) + "</td><td>" + selectors + "</td><td>" +
            towns + "</td><td>" + UtcText(c.first_seen_ms) + "</td><td>" + UtcText(c.last_seen_ms) +
            "</td><td>" + std::to_string(c.max_score) + " " + HtmlEscape(c.max_band) + "</td></tr>";
  }
  SendPage(app, &*s, res, "Clusters", body + "</tbody></table>");
}

std::string SearchQuery(const std::string& kind, const std::string& value) {
  return HtmlEscape("kind=" + UrlEncode(kind) + "&value=" + UrlEncode(value));
}

void ShowCluster(App& app, const httplib::Request& req, httplib::Response& res) {
  std::optional<Session> s = RequireJustified(app, req, res, kReviewers);
  if (!s) return;
  const int64_t id = std::stoll(req.matches[1]);
  if (!AuditAs(app, *s, "consultation.cluster", "cluster:" + std::to_string(id), json::object())
           .ok()) {
    return SendError(app, &*s, res, 500, "The audit log is unavailable: nothing is shown.");
  }
  Result<std::optional<store::ClusterDetail>> c =
      app.WithStore([id](store::Store& st) { return st.GetCluster(id); });
  if (!c.ok()) return SendError(app, &*s, res, 500, c.status().message());
  if (!*c) return SendError(app, &*s, res, 404, "No cluster " + std::to_string(id) + ".");
  const store::ClusterDetail& d = **c;
  const std::string cid = std::to_string(d.summary.id);
  std::string body = "<p id=\"cluster-summary\">" + std::to_string(d.summary.size) +
                     " advert(s), seen " + UtcText(d.summary.first_seen_ms) + " to " +
                     UtcText(d.summary.last_seen_ms) + ".</p>";
  // cytoscape injects a <style> element (refused by the CSP) unless an
  // element with this id exists; ui.css carries the rule instead.
  body += "<p><a id=\"export-cluster-link\" href=\"/export?cluster=" + cid +
          "\">Export this cluster</a></p>";
  body += "<span id=\"__________cytoscape_stylesheet\" hidden></span>";
  body += "<div id=\"graph\" data-graph-url=\"/api/clusters/" + cid + "/graph\"></div>";
  body += "<h2>Adverts</h2><table id=\"cluster-adverts\"><tbody>";
  for (const store::DocumentSummary& doc : d.documents) {
    body += "<tr class=\"cluster-advert\"><td><a href=\"/adverts/" + std::to_string(doc.id) +
            "\">advert " + std::to_string(doc.id) + "</a></td><td>" + HtmlEscape(doc.title) +
            "</td><td>" + HtmlEscape(doc.location) + "</td><td>" + UtcText(doc.last_seen_ms) +
            "</td></tr>";
  }
  body += "</tbody></table><h2>Selectors</h2><ul id=\"cluster-selectors\">";
  for (const store::ClusterSelector& sel : d.selectors) {
    body += "<li class=\"cluster-selector\">" + HtmlEscape(sel.kind) + " <a href=\"/search?" +
            SearchQuery(sel.kind, sel.value) + "\">" + HtmlEscape(sel.value) + "</a> in " +
            std::to_string(sel.document_ids.size()) +
            " advert(s) (<a class=\"movement-link\" href=\"/movement?" +
            SearchQuery(sel.kind, sel.value) + "\">movement</a>)</li>";
  }
  body += "</ul><h2>Images</h2><ul id=\"cluster-images\">";
  for (const store::ClusterImage& im : d.images) {
    body += "<li><img class=\"advert-image\" alt=\"image\" src=\"/images/" + HtmlEscape(im.sha256) +
            "\"> in " + std::to_string(im.document_ids.size()) + " advert(s)</li>";
  }
  body += "</ul>";
  Result<std::string> companies = ClusterCompaniesSection(app, d.summary.id);  // registry
  if (!companies.ok()) return SendError(app, &*s, res, 500, companies.status().message());
  body += *companies;
  SendPage(app, &*s, res, "Cluster " + cid, body, {"/static/cytoscape.min.js", "/static/graph.js"});
}

void ClusterGraph(App& app, const httplib::Request& req, httplib::Response& res) {
  std::optional<Session> s = RequireJustified(app, req, res, kReviewers);
  if (!s) return;
  const int64_t id = std::stoll(req.matches[1]);
  Result<std::optional<store::ClusterDetail>> c =
      app.WithStore([id](store::Store& st) { return st.GetCluster(id); });
  if (!c.ok() || !*c) {
    res.status = c.ok() ? 404 : 500;
    return res.set_content("{}", "application/json");
  }
  const store::ClusterDetail& d = **c;
  json nodes = json::array(), edges = json::array();
  for (const store::DocumentSummary& doc : d.documents) {
    nodes.push_back({{"id", "advert:" + std::to_string(doc.id)},
                     {"kind", "advert"},
                     {"label", "advert " + std::to_string(doc.id)},
                     {"href", "/adverts/" + std::to_string(doc.id)}});
  }
  for (const store::ClusterSelector& sel : d.selectors) {
    nodes.push_back(
        {{"id", "selector:" + sel.kind + ":" + sel.value},
         {"kind", sel.kind},
         {"label", sel.value},
         {"href", "/search?kind=" + UrlEncode(sel.kind) + "&value=" + UrlEncode(sel.value)}});
  }
  for (const store::ClusterImage& im : d.images) {
    nodes.push_back({{"id", "image:" + im.sha256},
                     {"kind", "image"},
                     {"label", im.sha256.substr(0, 12)},
                     {"href", ""}});
  }
  for (const store::ClusterEdge& e : d.edges) {
    edges.push_back({{"source", e.from}, {"target", e.to}, {"kind", e.kind}});
  }
  res.set_content(json{{"cluster", d.summary.id}, {"nodes", nodes}, {"edges", edges}}.dump(
                      -1, ' ', false, json::error_handler_t::replace),
                  "application/json");
}

void ShowMovement(App& app, const httplib::Request& req, httplib::Response& res) {
  std::optional<Session> s = RequireJustified(app, req, res, kReviewers);
  if (!s) return;
  const std::string kind_name = req.get_param_value("kind");
  const std::string value = req.get_param_value("value");
  const std::optional<SelectorKind> kind = ParseSelectorKind(kind_name);
  std::optional<std::string> normalised =
      kind ? app.extractor.Normalize(*kind, value) : std::nullopt;
  if (kind && !normalised && !value.empty()) normalised = value;  // stored values as linked
  if (!normalised) return SendError(app, &*s, res, 400, "Give a selector kind and value.");
  if (!AuditAs(app, *s, "consultation.movement", kind_name + ":" + *normalised, {{"input", value}})
           .ok()) {
    return SendError(app, &*s, res, 500, "The audit log is unavailable: nothing is shown.");
  }
  Result<store::Movement> m =
      app.WithStore([&](store::Store& st) { return st.SelectorMovement(*kind, *normalised); });
  if (!m.ok()) return SendError(app, &*s, res, 500, m.status().message());
  std::string body = "<p id=\"movement-summary\">" + HtmlEscape(kind_name + " " + *normalised) +
                     ": " + std::to_string(m->stops.size()) + " place(s) over " +
                     std::to_string(static_cast<int64_t>(m->span_days + 0.5)) +
                     " day(s).</p><ol id=\"movement\" class=\"timeline\">";
  for (const store::MovementStop& stop : m->stops) {
    body += "<li class=\"movement-stop\"><time>" + UtcText(stop.first_seen_ms) +
            "</time> <strong class=\"town\">" + HtmlEscape(stop.town) + "</strong> " +
            HtmlEscape(stop.county) + " " + HtmlEscape(stop.postcode) + " <a href=\"/adverts/" +
            std::to_string(stop.document_id) + "\">advert " + std::to_string(stop.document_id) +
            "</a> " + HtmlEscape(stop.title) + " <span class=\"url\">" + HtmlEscape(stop.url) +
            "</span></li>";
  }
  SendPage(app, &*s, res, "Movement", body + "</ol>");
}

}  // namespace

void AddClusterRoutes(httplib::Server& server, App& app) {
  server.Get("/clusters", [&app](const httplib::Request& req, httplib::Response& res) {
    ListClusters(app, req, res);
  });
  server.Get(
      R"(/clusters/(\d{1,15}))",
      [&app](const httplib::Request& req, httplib::Response& res) { ShowCluster(app, req, res); });
  server.Get(
      R"(/api/clusters/(\d{1,15})/graph)",
      [&app](const httplib::Request& req, httplib::Response& res) { ClusterGraph(app, req, res); });
  server.Get("/movement", [&app](const httplib::Request& req, httplib::Response& res) {
    ShowMovement(app, req, res);
  });
}

}  // namespace harrier::review::ui
