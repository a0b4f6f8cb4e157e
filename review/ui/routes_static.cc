// /static/: the stylesheet and scripts, embedded at build time (CSP allows
// only 'self' files, never inline), and the graph library served from the
// configured static directory (never a CDN).
#include <fstream>
#include <sstream>

#include "review/ui/app.h"
#include "review/ui/static_assets.h"

namespace harrier::review::ui {

void AddStaticRoutes(httplib::Server& server, App& app) {
  // Browsers ask for it on every page; an empty answer keeps their consoles clean.
  server.Get("/favicon.ico",
             [](const httplib::Request&, httplib::Response& res) { res.status = 204; });
  server.Get("/static/ui.css", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(std::string(kUiCss), "text/css; charset=utf-8");
  });
  server.Get("/static/graph.js", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(std::string(kGraphJs), "text/javascript; charset=utf-8");
  });
  server.Get("/static/cytoscape.min.js", [&app](const httplib::Request&, httplib::Response& res) {
    std::ifstream in(app.options.ui.static_dir + "/cytoscape.min.js", std::ios::binary);
    if (!in) {
      res.status = 404;
      return;
    }
    std::ostringstream all;
    all << in.rdbuf();
    res.set_content(all.str(), "text/javascript; charset=utf-8");
  });
}

}  // namespace harrier::review::ui
