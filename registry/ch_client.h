// CompaniesHouseClient: the Companies House Public Data API over a Transport,
// with the key's shared TokenBucket taken before every request, 429 answered
// by draining the bucket until X-Ratelimit-Reset and trying again, and list
// endpoints walked to their last page. Errors name the path, never the key.
// Thread-safety: one client per thread; the TokenBucket may be shared.
#ifndef HARRIER_REGISTRY_CH_CLIENT_H_
#define HARRIER_REGISTRY_CH_CLIENT_H_

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "registry/ch_parse.h"
#include "registry/rate_limit.h"
#include "registry/transport.h"

namespace harrier::registry {

struct ClientOptions {
  std::string base_url = "https://api.company-information.service.gov.uk";
  int items_per_page = 100;  // asked for; the server may give fewer
  int max_429_retries = 3;   // then kUnavailable
  int max_pages = 200;       // per listing: a server that never ends is cut here
};

class CompaniesHouseClient {
 public:
  // All references must outlive the client. `api_key` is sent only in the
  // Authorization header.
  CompaniesHouseClient(Transport& transport, TokenBucket& bucket, const Clock& clock,
                       Sleeper& sleeper, std::string api_key, ClientOptions options = {});

  // Statuses: kNotFound for a 404 (a company or officer that does not
  // exist: not an error for a walk), kRejected for 401/403 (the key; never
  // retried), kInvalidArgument for another 4xx, kUnavailable for 5xx, for a 429 that outlasts the
  // retries, or no response; kCorrupt for a body that does not parse; kInvalidArgument for a bad
  // company number or officer id (nothing is sent).
  Result<Company> GetCompany(std::string_view company_number);
  Result<Address> GetRegisteredOffice(std::string_view company_number);
  Result<std::vector<OfficerEntry>> ListOfficers(std::string_view company_number);
  Result<std::vector<Psc>> ListPscs(std::string_view company_number);
  Result<AppointmentsPage> ListAppointments(std::string_view officer_id);  // every page merged
  Result<Page<CompanySearchHit>> SearchCompanies(std::string_view query, int64_t start_index = 0);
  Result<Page<OfficerSearchHit>> SearchOfficers(std::string_view query, int64_t start_index = 0);

  // One GET of `path_and_query` ("/company/01234567/officers?start_index=0"),
  // with the bucket, auth and 429 handling; a 200 reply, or the Status above.
  // For planners (NetworkWalk) that page themselves.
  Result<HttpReply> GetPath(const std::string& path_and_query);

  int64_t requests_sent() const { return requests_sent_; }

 private:
  void AwaitToken();
  std::string PageQuery(int64_t start_index) const;

  Transport& transport_;
  TokenBucket& bucket_;
  const Clock& clock_;
  Sleeper& sleeper_;
  std::string api_key_;
  std::string auth_header_;
  ClientOptions options_;
  std::atomic<int64_t> requests_sent_{0};
};

// Officer, appointment and PSC ids are opaque but URL-safe: [A-Za-z0-9_-]+.
bool IsValidOfficerId(std::string_view id);
// RFC 3986 percent-encoding of a query value (unreserved characters kept).
std::string EncodeQueryValue(std::string_view value);

}  // namespace harrier::registry

#endif  // HARRIER_REGISTRY_CH_CLIENT_H_
