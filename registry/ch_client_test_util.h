// JSON bodies for the client tests, built from the reference's shapes.
#ifndef HARRIER_REGISTRY_CH_CLIENT_TEST_UTIL_H_
#define HARRIER_REGISTRY_CH_CLIENT_TEST_UTIL_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace harrier::registry::test {

inline constexpr char kTestKey[] = "7e57c0de-0000-4000-8000-0000000000aa";  // invented

// One officers page: `count` officers numbered from `start`, of `total`.
inline std::string OfficersPage(const std::string& company, int64_t start, int64_t count,
                                int64_t total) {
  nlohmann::json items = nlohmann::json::array();
  for (int64_t i = start; i < start + count; ++i) {
    std::string id = "OfficerId" + std::to_string(i);
    items.push_back({{"name", "EXAMPLE, Person " + std::to_string(i)},
                     {"officer_role", "director"},
                     {"appointed_on", "2020-01-01"},
                     {"links",
                      {{"self", "/company/" + company + "/appointments/Appt" + std::to_string(i)},
                       {"officer", {{"appointments", "/officers/" + id + "/appointments"}}}}}});
  }
  return nlohmann::json{{"kind", "officer-list"},
                        {"items_per_page", count},
                        {"start_index", start},
                        {"total_results", total},
                        {"items", items}}
      .dump();
}

inline std::string CompanyBody(const std::string& number, const std::string& name) {
  return nlohmann::json{{"company_number", number},
                        {"company_name", name},
                        {"company_status", "active"},
                        {"registered_office_address", {{"postal_code", "TE1 2ST"}}}}
      .dump();
}

}  // namespace harrier::registry::test

#endif  // HARRIER_REGISTRY_CH_CLIENT_TEST_UTIL_H_
