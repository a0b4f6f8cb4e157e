// Private to review/ui: the state the route handlers share (sessions,
// throttle, the store behind its mutex) and the checks every handler makes
// (session, role, justification, CSRF) before it touches a record.
#ifndef HARRIER_REVIEW_UI_APP_H_
#define HARRIER_REVIEW_UI_APP_H_

#include <httplib.h>

#include <functional>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "extractors/text_extractor.h"
#include "review/ui/auth.h"
#include "review/ui/html.h"
#include "review/ui/server.h"
#include "store/store.h"

namespace harrier::review::ui {

// Roles as bits, so a route names the set it admits.
inline constexpr int kAnalyst = 1;
inline constexpr int kSupervisor = 2;
inline constexpr int kOperator = 4;
inline constexpr int kReviewers = kAnalyst | kSupervisor;  // may see personal data
inline constexpr int kAnyRole = kReviewers | kOperator;

inline constexpr char kSessionCookie[] = "__Host-harrier_session";

class App {
 public:
  App(const UiServerOptions& options, const Clock& clock,
      const extractors::TextExtractor& extractor, std::unique_ptr<store::Store> store);

  const UiServerOptions& options;
  const Clock& clock;
  const extractors::TextExtractor& extractor;
  SessionStore sessions;
  LoginThrottle throttle;
  std::vector<std::string> allowed_hosts;  // Host header values; filled at Start

  // Runs fn with the store locked (Store is single-threaded).
  template <typename F>
  auto WithStore(F&& fn) {
    std::lock_guard<std::mutex> lock(store_mu_);
    return fn(*store_);
  }

 private:
  std::mutex store_mu_;
  std::unique_ptr<store::Store> store_;
};

int RoleBit(const std::string& role);
std::string SessionIdFrom(const httplib::Request& req);
void SetSessionCookie(httplib::Response& res, const std::string& id);
void ClearSessionCookie(httplib::Response& res);
void Redirect(httplib::Response& res, const std::string& to);
// A local path ("/x?y") or "/alerts": never another origin ("//h", "\\", "http:").
std::string SafeNext(const std::string& next);

// The logged-in session, when its role is in `roles`. Otherwise writes the
// answer (303 to /login, 401 for /api/, 403 for a wrong role) and returns
// nullopt.
std::optional<Session> RequireUser(App& app, const httplib::Request& req, httplib::Response& res,
                                   int roles);
// As RequireUser, and a justification must have been given: otherwise 303
// to /justify?next=<this path> (403 for /api/ and images).
std::optional<Session> RequireJustified(App& app, const httplib::Request& req,
                                        httplib::Response& res, int roles);
// The form's `csrf` equals the session's token (constant-time); else 403.
bool CheckCsrf(const Session& session, const httplib::Request& req, httplib::Response& res);

PageFrame FrameFor(const App& app, const Session* session, const std::string& title);
void SendPage(App& app, const Session* session, httplib::Response& res, const std::string& title,
              const std::string& body, const std::vector<std::string>& scripts = {});
void SendError(App& app, const Session* session, httplib::Response& res, int status,
               const std::string& message);

// Appends an audit row as the session's user; the justification goes into
// the detail. Call before showing anything; on failure show nothing.
Status AuditAs(App& app, const Session& session, const std::string& action,
               const std::string& object, nlohmann::json detail);
// For rows with no session (failed logins).
Status AuditAnonymous(App& app, const std::string& actor, const std::string& action,
                      const std::string& object, nlohmann::json detail);

// A review decision posted from a form ("confirmed" or "rejected" with a
// note): `decide` stores it and the alteration is audited as `action` on
// "<kind>:<id>" in the same transaction; then back to `back` + id. 404 for
// no such record, 409 when it was already decided.
using DecideFn =
    std::function<Status(store::Store&, int64_t id, const std::string& decision,
                         const std::string& user, const std::string& note, int64_t now_ms)>;
void PostDecision(App& app, const httplib::Request& req, httplib::Response& res,
                  const std::string& action, const std::string& kind, const std::string& back,
                  const DecideFn& decide);

// Route groups, each in its own file.
void AddAuthRoutes(httplib::Server& server, App& app);       // routes_auth.cc
void AddAlertRoutes(httplib::Server& server, App& app);      // routes_alerts.cc
void AddRecordRoutes(httplib::Server& server, App& app);     // routes_records.cc
void AddImageRoutes(httplib::Server& server, App& app);      // routes_images.cc
void AddAdminRoutes(httplib::Server& server, App& app);      // routes_admin.cc
void AddStaticRoutes(httplib::Server& server, App& app);     // routes_static.cc
void AddClusterRoutes(httplib::Server& server, App& app);    // routes_clusters.cc
void AddMatchRoutes(httplib::Server& server, App& app);      // routes_matches.cc
void AddWatchlistRoutes(httplib::Server& server, App& app);  // routes_watchlist.cc
void AddExportRoutes(httplib::Server& server, App& app);     // routes_export.cc

// Registry records (routes_registry.cc): /company/NUMBER, and the sections
// other record pages add (escaped HTML; a store error is returned, not shown).
void AddRegistryRoutes(httplib::Server& server, App& app);
// "3 adverts and 2 companies share this postcode" ("1 advert and 1 company").
std::string ShareSentence(size_t adverts, size_t companies);
// For a postcode search: the sentence (companies registered there now are
// counted; former ones are listed, not counted), links to the adverts and
// the companies, and the officers and PSCs with an address there.
Result<std::string> PostcodeRegistrySection(App& app, const std::string& postcode,
                                            const std::vector<store::DocumentSummary>& adverts);
// "Companies at its postcodes" on an advert page; "" when there are none.
Result<std::string> AdvertCompaniesSection(App& app,
                                           const std::vector<store::MentionView>& mentions);
// "Companies at these postcodes" on a cluster page; "" when there are none.
Result<std::string> ClusterCompaniesSection(App& app, int64_t cluster_id);

}  // namespace harrier::review::ui

#endif  // HARRIER_REVIEW_UI_APP_H_
