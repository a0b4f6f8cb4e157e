// Shared between sources_world*.cc only: the world's state (fixtures read at
// Start, failure switches) and the helpers the route files use.
#ifndef HARRIER_TESTS_SUPPORT_SOURCES_WORLD_INTERNAL_H_
#define HARRIER_TESTS_SUPPORT_SOURCES_WORLD_INTERNAL_H_

#include <httplib.h>

#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "tests/support/sources_world.h"

namespace harrier::testing {

namespace world_internal {
struct State {
  // Fixtures (read-only once routed).
  std::map<std::string, nlohmann::json> profiles;      // company number -> profile
  std::map<std::string, nlohmann::json> officers;      // company number -> full officer list
  std::map<std::string, nlohmann::json> pscs;          // company number -> full PSC list
  std::map<std::string, nlohmann::json> appointments;  // officer id -> full appointments

  // Switches (under mu).
  std::mutex mu;
  std::map<std::string, std::deque<std::chrono::seconds>> fail429;  // path -> pending 429s
  std::set<std::string> malformed;                                  // exact paths
  bool mastodon_auth = false;
  std::function<std::chrono::system_clock::time_point()> wall_now;  // empty: the system's
  int ch_served = 0;
  int mastodon_served = 0;

  // Pops one pending 429 for `path`; true (and its reset offset) if there was one.
  bool Take429(const std::string& path, std::chrono::seconds* ahead);
  bool IsMalformed(const std::string& path);
  // Seconds since the epoch on the world's wall clock (SetWallClock).
  int64_t EpochSeconds();
};
}  // namespace world_internal

// Reads a whole file; false if it cannot.
bool ReadWorldFile(const std::string& path, std::string* out);
// `text` with every "{{BASE}}" replaced by `base`.
std::string SubstituteBase(std::string text, const std::string& base);
// The JSON a truncated response body gives: valid UTF-8, never valid JSON.
std::string TruncatedJson(const std::string& body);
// Standard base64 (RFC 4648 with padding).
std::string Base64(const std::string& bytes);
// ISO 8601 UTC with milliseconds: "2026-12-06T19:15:00.000Z".
std::string IsoUtc(int64_t epoch_seconds);
// An integer query parameter; `fallback` when absent or not a number.
int64_t IntParam(const httplib::Request& req, const char* name, int64_t fallback);
void SendJson(httplib::Response& res, int status, const std::string& body);

// Route installers (sources_world_ch.cc, sources_world_social.cc).
void RouteCompaniesHouse(FixtureServer& server, const std::shared_ptr<world_internal::State>& impl);
bool RouteTelegram(FixtureServer& server, const std::shared_ptr<world_internal::State>& impl,
                   const std::string& dir, std::string* error);
bool RouteMastodon(FixtureServer& server, const std::shared_ptr<world_internal::State>& impl,
                   const std::string& dir, std::string* error);
bool RouteSite(FixtureServer& server, const std::string& dir, std::string* error);

}  // namespace harrier::testing

#endif  // HARRIER_TESTS_SUPPORT_SOURCES_WORLD_INTERNAL_H_
