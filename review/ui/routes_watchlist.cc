// /watchlist: the watched selectors and photos, and a form to watch a
// selector (an alteration; the alerts it raises over stored adverts are a
// combination). Both audited with the justification.
#include "review/ui/app.h"

namespace harrier::review::ui {

namespace {

using nlohmann::json;

std::string AddForm(const Session& s) {
  std::string f =
      "<h2>Watch a selector</h2><form method=\"post\" action=\"/watchlist\" "
      "id=\"watchlist-form\">" +
      CsrfField(s.csrf) + "<select id=\"watch-kind\" name=\"kind\">";
  for (SelectorKind k : kAllSelectorKinds) {
    const std::string name(SelectorKindName(k));
    f += "<option value=\"" + name + "\">" + name + "</option>";
  }
  return f +
         "</select> <input id=\"watch-value\" name=\"value\" required placeholder=\"value\"> "
         "<input id=\"watch-operation\" name=\"operation\" required placeholder=\"operation\"> "
         "<input id=\"watch-reason\" name=\"reason\" required placeholder=\"reason\"> "
         "<button type=\"submit\" id=\"watch-add\">Watch</button></form>";
}

void ShowWatchlist(App& app, const httplib::Request& req, httplib::Response& res,
                   const std::string& message) {
  std::optional<Session> s = RequireJustified(app, req, res, kReviewers);
  if (!s) return;
  if (!AuditAs(app, *s, "consultation.watchlist", "watchlist", json::object()).ok()) {
    return SendError(app, &*s, res, 500, "The audit log is unavailable: nothing is shown.");
  }
  std::vector<store::WatchlistSelector> selectors;
  std::vector<store::WatchlistImage> images;
  const Status st = app.WithStore([&](store::Store& store) {
    Result<std::vector<store::WatchlistSelector>> sel = store.ListWatchlistSelectors();
    if (!sel.ok()) return sel.status();
    Result<std::vector<store::WatchlistImage>> img = store.ListWatchlistImages();
    if (!img.ok()) return img.status();
    selectors = std::move(*sel);
    images = std::move(*img);
    return Status::Ok();
  });
  if (!st.ok()) return SendError(app, &*s, res, 500, st.message());
  std::string body = message;
  body += "<h2>Selectors</h2><table id=\"watch-selectors\"><tbody>";
  for (const store::WatchlistSelector& w : selectors) {
    body += "<tr class=\"watch-row\"><td>" + HtmlEscape(std::string(SelectorKindName(w.kind))) +
            "</td><td>" + HtmlEscape(w.value) + "</td><td>" + HtmlEscape(w.operation) +
            "</td><td>" + HtmlEscape(w.reason) + "</td><td>" + HtmlEscape(w.added_by) +
            "</td><td>" + UtcText(w.added_ms) + "</td></tr>";
  }
  body += "</tbody></table><h2>Photos (hashes)</h2><table id=\"watch-images\"><tbody>";
  for (const store::WatchlistImage& w : images) {
    body += "<tr class=\"watch-image-row\"><td>" + HtmlEscape(w.operation) + "</td><td>" +
            HtmlEscape(w.reason) + "</td><td>" + HtmlEscape(w.file_name) + "</td><td><code>" +
            HtmlEscape(w.pdq) + "</code></td></tr>";
  }
  SendPage(app, &*s, res, "Watchlist", body + "</tbody></table>" + AddForm(*s));
}

void AddSelector(App& app, const httplib::Request& req, httplib::Response& res) {
  std::optional<Session> s = RequireJustified(app, req, res, kReviewers);
  if (!s || !CheckCsrf(*s, req, res)) return;
  const std::string kind_name = req.get_param_value("kind");
  const std::string value = req.get_param_value("value");
  store::WatchlistSelector w;
  w.operation = req.get_param_value("operation");
  w.reason = req.get_param_value("reason");
  w.added_by = s->user;
  w.added_ms = ToUnixMillis(app.clock.WallNow());
  const std::optional<SelectorKind> kind = ParseSelectorKind(kind_name);
  const std::optional<std::string> normalised =
      kind ? app.extractor.Normalize(*kind, value) : std::nullopt;
  if (!normalised || w.operation.empty() || w.reason.empty()) {
    res.status = 400;
    return ShowWatchlist(app, req, res,
                         "<p class=\"error\" id=\"watch-error\">" +
                             HtmlEscape("'" + value + "' is not a valid " + kind_name +
                                        ", or the operation or reason is missing.") +
                             "</p>");
  }
  w.kind = *kind;
  w.value = *normalised;
  std::vector<int64_t> alerts;
  const Status st = app.WithStore([&](store::Store& store) {
    return store.InTransaction([&]() -> Status {
      Result<std::pair<int64_t, bool>> added = store.AddWatchlistSelector(w);
      if (!added.ok()) return added.status();
      Result<std::vector<int64_t>> raised =
          store.RaiseAlertsForWatchEntry(added->first, w.added_ms);
      if (!raised.ok()) return raised.status();
      alerts = *raised;
      json detail = {{"reason", w.reason},
                     {"watch_operation", w.operation},
                     {"new", added->second},
                     {"via", "ui"},
                     {"operation", s->justification->operation},
                     {"justification", s->justification->text}};
      const std::string object = kind_name + ":" + w.value;
      HARRIER_RETURN_IF_ERROR(
          store.AppendAudit({w.added_ms, s->user, "alteration.watchlist_selector_added", object,
                             detail.dump(-1, ' ', false, json::error_handler_t::replace)}));
      if (alerts.empty()) return Status::Ok();
      detail["alerts"] = alerts;
      return store.AppendAudit({w.added_ms, s->user, "combination.watchlist_match", object,
                                detail.dump(-1, ' ', false, json::error_handler_t::replace)});
    });
  });
  if (!st.ok()) return SendError(app, &*s, res, 500, st.message());
  Redirect(res, "/watchlist");
}

}  // namespace

void AddWatchlistRoutes(httplib::Server& server, App& app) {
  server.Get("/watchlist", [&app](const httplib::Request& req, httplib::Response& res) {
    ShowWatchlist(app, req, res, "");
  });
  server.Post("/watchlist", [&app](const httplib::Request& req, httplib::Response& res) {
    AddSelector(app, req, res);
  });
}

}  // namespace harrier::review::ui
