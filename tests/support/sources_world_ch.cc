// The Companies House API of the SourcesWorld: Basic auth with the world's
// key, X-Ratelimit-* headers, paged listings sliced from the fixtures,
// company search, JSON 404s, and the 429 and malformed-JSON switches.
#include <algorithm>
#include <cctype>

#include "tests/support/sources_world_internal.h"

namespace harrier::testing {
namespace {

using nlohmann::json;
using Impl = world_internal::State;

// Observed API defaults (sources.md 1.1).
constexpr int64_t kOfficersDefault = 35;
constexpr int64_t kPscDefault = 25;
constexpr int64_t kAppointmentsDefault = 35;
constexpr int64_t kSearchDefault = 20;
constexpr int kRateLimit = 600;
constexpr int kWindowSeconds = 300;

const char kNotFoundBody[] =
    R"({"errors":[{"error":"company-profile-not-found","type":"ch:service"}]})";
const char kOfficerNotFoundBody[] = R"({"errors":[{"error":"not-found","type":"ch:service"}]})";

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string PostcodeKey(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (!std::isspace(static_cast<unsigned char>(c))) out += c;
  }
  return Upper(out);
}

// The paging contract of every list endpoint: start_index (0-based) and
// items_per_page honoured up to the server's cap, echoed with total_results.
json Slice(const json& full, int64_t start, int64_t per_page) {
  const json& items = full.contains("items") ? full["items"] : json::array();
  const int64_t total = static_cast<int64_t>(items.size());
  start = std::clamp<int64_t>(start, 0, total);
  const int64_t end = std::min(total, start + per_page);
  json out = full;
  out["items"] = json(items.begin() + start, items.begin() + end);
  out["items_per_page"] = per_page;
  out["start_index"] = start;
  out["total_results"] = total;
  return out;
}

int64_t PerPage(const httplib::Request& req, int64_t fallback, int64_t cap) {
  int64_t n = IntParam(req, "items_per_page", fallback);
  if (n <= 0) n = fallback;
  return std::min(n, cap);
}

// Auth, rate headers and the failure switches around every route.
void Route(FixtureServer& server, const std::shared_ptr<Impl>& impl, const std::string& path,
           std::function<void(const httplib::Request&, httplib::Response&)> body) {
  static const std::string kExpected = "Basic " + Base64(std::string(SourcesWorld::kApiKey) + ":");
  server.SetHandler(path, [impl, path, body = std::move(body)](const httplib::Request& req,
                                                               httplib::Response& res) {
    int served = 0;
    {
      std::lock_guard<std::mutex> lock(impl->mu);
      served = ++impl->ch_served;
    }
    const int64_t now = impl->EpochSeconds();
    res.set_header("X-Ratelimit-Limit", std::to_string(kRateLimit));
    res.set_header("X-Ratelimit-Window", "5m");
    if (req.get_header_value("Authorization") != kExpected) {
      SendJson(res, 401, R"({"error":"Invalid Authorization","type":"ch:service"})");
      return;
    }
    std::chrono::seconds ahead{};
    if (impl->Take429(path, &ahead)) {
      res.set_header("X-Ratelimit-Remain", "0");
      res.set_header("X-Ratelimit-Reset", std::to_string(now + ahead.count()));
      res.status = 429;  // body unconfirmed for the real API: empty
      return;
    }
    res.set_header("X-Ratelimit-Remain", std::to_string(std::max(0, kRateLimit - served)));
    res.set_header("X-Ratelimit-Reset", std::to_string(now + kWindowSeconds));
    body(req, res);
    if (res.status == 200 && impl->IsMalformed(path)) SendJson(res, 200, TruncatedJson(res.body));
  });
}

json SearchHit(const json& profile) {
  const json& a = profile["registered_office_address"];
  std::string snippet;
  for (const char* k : {"premises", "address_line_1", "locality", "region", "postal_code"}) {
    if (!a.contains(k)) continue;
    if (!snippet.empty()) snippet += std::string(k) == "address_line_1" ? " " : ", ";
    snippet += a[k].get<std::string>();
  }
  const std::string n = profile["company_number"];
  return {
      {"kind", "searchresults#company"},
      {"title", profile["company_name"]},
      {"company_number", n},
      {"company_status", profile["company_status"]},
      {"company_type", profile["type"]},
      {"date_of_creation", profile["date_of_creation"]},
      {"address", a},
      {"address_snippet", snippet},
      {"description", n + " - Incorporated on " + profile["date_of_creation"].get<std::string>()},
      {"description_identifier", json::array({"incorporated-on"})},
      {"snippet", ""},
      {"matches", {{"title", json::array({1, 10})}}},
      {"links", {{"self", "/company/" + n}}}};
}

void RouteCompany(FixtureServer& server, const std::shared_ptr<Impl>& impl,
                  const std::string& number) {
  const std::string base = "/company/" + number;
  const int cap = SourcesWorld::kChMaxItemsPerPage;
  Route(server, impl, base, [impl, number](const httplib::Request&, httplib::Response& res) {
    SendJson(res, 200, impl->profiles.at(number).dump());
  });
  Route(server, impl, base + "/registered-office-address",
        [impl, number](const httplib::Request&, httplib::Response& res) {
          json roa = impl->profiles.at(number)["registered_office_address"];
          roa["kind"] = "registered-office-address";
          roa["etag"] = "ro" + number;
          roa["links"] = {{"self", "/company/" + number + "/registered-office-address"}};
          SendJson(res, 200, roa.dump());
        });
  Route(server, impl, base + "/officers",
        [impl, number, cap](const httplib::Request& req, httplib::Response& res) {
          const json page = Slice(impl->officers.at(number), IntParam(req, "start_index", 0),
                                  PerPage(req, kOfficersDefault, cap));
          SendJson(res, 200, page.dump());
        });
  Route(server, impl, base + "/persons-with-significant-control",
        [impl, number, cap](const httplib::Request& req, httplib::Response& res) {
          const json page = Slice(impl->pscs.at(number), IntParam(req, "start_index", 0),
                                  PerPage(req, kPscDefault, cap));
          SendJson(res, 200, page.dump());
        });
}

void RouteGoneCompany(FixtureServer& server, const std::shared_ptr<Impl>& impl) {
  const std::string base = "/company/" + std::string(SourcesWorld::kCompanyGone);
  for (const std::string& path : {base, base + "/registered-office-address", base + "/officers",
                                  base + "/persons-with-significant-control"}) {
    Route(server, impl, path, [](const httplib::Request&, httplib::Response& res) {
      SendJson(res, 404, kNotFoundBody);
    });
  }
}

void RouteSearch(FixtureServer& server, const std::shared_ptr<Impl>& impl) {
  Route(server, impl, "/search/companies",
        [impl](const httplib::Request& req, httplib::Response& res) {
          const std::string q = req.get_param_value("q");
          if (q.empty()) {
            SendJson(res, 400,
                     R"({"errors":[{"type":"ch:service","error":"q-required","location":"q",)"
                     R"("location_type":"request-parameter"}]})");
            return;
          }
          // Name, number or registered-office postcode, case-insensitively.
          json full = {{"kind", "search#companies"}, {"items", json::array()}};
          for (const auto& [number, profile] : impl->profiles) {
            const std::string name = Lower(profile["company_name"].get<std::string>());
            const std::string postcode =
                profile["registered_office_address"].value("postal_code", "");
            if (name.find(Lower(q)) != std::string::npos || Upper(q) == number ||
                PostcodeKey(q) == PostcodeKey(postcode)) {
              full["items"].push_back(SearchHit(profile));
            }
          }
          const int64_t per_page = PerPage(req, kSearchDefault, 100);
          json page = Slice(full, IntParam(req, "start_index", 0), per_page);
          page["page_number"] = page["start_index"].get<int64_t>() / per_page + 1;
          SendJson(res, 200, page.dump());
        });
}

// Officers by name (any word of it), from their appointments lists.
void RouteOfficerSearch(FixtureServer& server, const std::shared_ptr<Impl>& impl) {
  Route(server, impl, "/search/officers",
        [impl](const httplib::Request& req, httplib::Response& res) {
          const std::string q = Lower(req.get_param_value("q"));
          if (q.empty()) {
            SendJson(res, 400, R"({"errors":[{"type":"ch:service","error":"q-required"}]})");
            return;
          }
          json full = {{"kind", "search#officers"}, {"items", json::array()}};
          for (const auto& [id, list] : impl->appointments) {
            const std::string name = list["name"];
            if (Lower(name).find(q) == std::string::npos) continue;
            const json& first = list["items"].at(0);
            const size_t count = list["items"].size();
            full["items"].push_back(
                {{"kind", "searchresults#officer"},
                 {"title", name},
                 {"appointment_count", count},
                 {"date_of_birth", list["date_of_birth"]},
                 {"address", first["address"]},
                 {"address_snippet", first["address"].value("address_line_1", "")},
                 {"description", "Total number of appointments " + std::to_string(count)},
                 {"description_identifiers", json::array({"appointment-count", "born-on"})},
                 {"snippet", ""},
                 {"matches", json::object()},
                 {"links", {{"self", "/officers/" + id + "/appointments"}}}});
          }
          const int64_t per_page = PerPage(req, kSearchDefault, 100);
          json page = Slice(full, IntParam(req, "start_index", 0), per_page);
          page["page_number"] = page["start_index"].get<int64_t>() / per_page + 1;
          SendJson(res, 200, page.dump());
        });
}

}  // namespace

void RouteCompaniesHouse(FixtureServer& server, const std::shared_ptr<Impl>& impl) {
  for (const auto& entry : impl->profiles) RouteCompany(server, impl, entry.first);
  RouteGoneCompany(server, impl);
  for (const auto& entry : impl->appointments) {
    const std::string id = entry.first;
    Route(server, impl, "/officers/" + id + "/appointments",
          [impl, id](const httplib::Request& req, httplib::Response& res) {
            const json page =
                Slice(impl->appointments.at(id), IntParam(req, "start_index", 0),
                      PerPage(req, kAppointmentsDefault, SourcesWorld::kChMaxItemsPerPage));
            SendJson(res, 200, page.dump());
          });
  }
  // An officer id that was never appointed anywhere: the API's 404.
  Route(server, impl, "/officers/xx0NoSuchOfficer0000000000xx/appointments",
        [](const httplib::Request&, httplib::Response& res) {
          SendJson(res, 404, kOfficerNotFoundBody);
        });
  RouteSearch(server, impl);
  RouteOfficerSearch(server, impl);
}

}  // namespace harrier::testing
