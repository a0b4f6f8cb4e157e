// See server.h. The checks every request passes before any route: the Host
// allow-list (DNS rebinding: 421) and, for POST, an Origin or Referer of
// this UI (cross-site forms: 403); every response carries the headers of
// security.md section 5.
#include "review/ui/server.h"

#include <algorithm>
#include <cctype>

#include "review/ui/app.h"

namespace harrier::review::ui {

namespace {

constexpr char kCsp[] =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

bool HostAllowed(const App& app, const std::string& host) {
  const std::string h = Lower(host);
  return std::find(app.allowed_hosts.begin(), app.allowed_hosts.end(), h) !=
         app.allowed_hosts.end();
}

// A POST must come from a page of this UI. Browsers send Origin "null" on
// a form POST from a page whose Referrer-Policy is no-referrer (ours), and
// no Referer; they still send Sec-Fetch-Site, which no page can forge. So:
// a real Origin must be ours; else Sec-Fetch-Site must say same-origin;
// else (older clients) the Referer must be ours.
bool SameOrigin(const App& app, const httplib::Request& req, bool tls) {
  const std::string scheme = tls ? "https://" : "http://";
  const std::string origin = Lower(req.get_header_value("Origin"));
  if (!origin.empty() && origin != "null") {
    for (const std::string& host : app.allowed_hosts) {
      if (origin == scheme + host) return true;
    }
    return false;
  }
  const std::string fetch_site = Lower(req.get_header_value("Sec-Fetch-Site"));
  if (!fetch_site.empty()) return fetch_site == "same-origin";
  const std::string referer = req.get_header_value("Referer");
  for (const std::string& host : app.allowed_hosts) {
    const std::string base = scheme + host + "/";
    if (Lower(referer.substr(0, base.size())) == base) return true;
  }
  return false;
}

httplib::Server::HandlerResponse PreRoute(App& app, bool tls, const httplib::Request& req,
                                          httplib::Response& res) {
  if (!HostAllowed(app, req.get_header_value("Host"))) {
    res.status = 421;
    res.set_content("Misdirected request: this host name is not served here.\n", "text/plain");
    return httplib::Server::HandlerResponse::Handled;
  }
  if (req.method != "GET" && req.method != "HEAD" && !SameOrigin(app, req, tls)) {
    res.status = 403;
    res.set_content("Forbidden: cross-origin request.\n", "text/plain");
    return httplib::Server::HandlerResponse::Handled;
  }
  return httplib::Server::HandlerResponse::Unhandled;
}

}  // namespace

UiServer::UiServer(UiServerOptions options, const Clock& clock, extractors::TextExtractor extractor)
    : options_(std::move(options)), clock_(clock), extractor_(std::move(extractor)) {}

UiServer::~UiServer() { Stop(); }

Result<int> UiServer::Start() {
  Result<std::unique_ptr<store::Store>> store = store::Store::Open({options_.database});
  if (!store.ok()) return store.status().WithContext("review UI");
  app_ = std::make_unique<App>(options_, clock_, extractor_, std::move(*store));
  const bool tls = !options_.ui.tls_cert.empty();
  if (tls) {
    server_ = std::make_unique<httplib::SSLServer>(options_.ui.tls_cert.c_str(),
                                                   options_.ui.tls_key.c_str());
  } else {
    server_ = std::make_unique<httplib::Server>();
  }
  if (!server_->is_valid()) {
    return Status::IoError("review UI: cannot load TLS certificate " + options_.ui.tls_cert +
                           " or key " + options_.ui.tls_key);
  }
  httplib::Server& s = *server_;
  s.set_default_headers({{"Content-Security-Policy", kCsp},
                         {"X-Content-Type-Options", "nosniff"},
                         {"Referrer-Policy", "no-referrer"},
                         {"Cache-Control", "no-store"},
                         {"X-Frame-Options", "DENY"}});
  s.set_payload_max_length(size_t{1} << 20);
  App& app = *app_;
  s.set_pre_routing_handler([&app, tls](const httplib::Request& req, httplib::Response& res) {
    return PreRoute(app, tls, req, res);
  });
  // httplib calls this for every status >= 400: keep a body a route wrote.
  s.set_error_handler(
      httplib::Server::HandlerWithResponse([&app](const httplib::Request&, httplib::Response& res) {
        if (res.body.empty()) {
          SendError(app, nullptr, res, res.status,
                    res.status == 404 ? "No such page." : "The request was refused.");
        }
        return httplib::Server::HandlerResponse::Handled;
      }));
  AddAuthRoutes(s, app);
  AddAlertRoutes(s, app);
  AddRecordRoutes(s, app);
  AddImageRoutes(s, app);
  AddAdminRoutes(s, app);
  AddStaticRoutes(s, app);
  AddClusterRoutes(s, app);
  AddMatchRoutes(s, app);
  AddWatchlistRoutes(s, app);
  AddExportRoutes(s, app);
  AddRegistryRoutes(s, app);  // issue 6: /company/NUMBER

  int port = options_.ui.port;
  if (port == 0) {
    port = s.bind_to_any_port(options_.ui.bind);
  } else if (!s.bind_to_port(options_.ui.bind, port)) {
    port = -1;
  }
  if (port < 0) {
    return Status::Unavailable("review UI: cannot listen on " + options_.ui.bind + ":" +
                               std::to_string(options_.ui.port));
  }
  port_ = port;
  app.allowed_hosts.clear();
  for (const std::string& h : options_.ui.allowed_hosts) app.allowed_hosts.push_back(Lower(h));
  if (app.allowed_hosts.empty()) {
    app.allowed_hosts = {"127.0.0.1:" + std::to_string(port), "localhost:" + std::to_string(port)};
  }
  listen_returned_ = false;
  thread_ = std::thread([this] {
    server_->listen_after_bind();
    listen_returned_ = true;
  });
  return port;
}

void UiServer::Stop() {
  if (!thread_.joinable()) return;
  // httplib's stop() does nothing until listen has begun on the thread: a
  // Stop right after Start would otherwise leave the thread serving forever.
  while (!server_->is_running() && !listen_returned_) std::this_thread::yield();
  server_->stop();
  thread_.join();
}

}  // namespace harrier::review::ui
