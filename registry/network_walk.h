// NetworkWalk: the plan for expanding a Companies House network from seeds,
// breadth first (company -> its officers and PSCs -> each officer's other
// appointments -> those companies ...), one API page per request, never the
// same resource twice, within a depth and a request budget. Pure: it yields
// requests and consumes parsed results; whoever holds it does the I/O (the
// collector through its fetcher, or RunWalk through a client).
// Depth is the distance from a seed in the company-officer graph: a seed
// company is 0, its officers' appointment lists 1, the companies found
// there 2, and so on; a search or postcode seed's hits are depth 0.
// Thread-safety: none; one owner.
#ifndef HARRIER_REGISTRY_NETWORK_WALK_H_
#define HARRIER_REGISTRY_NETWORK_WALK_H_

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "core/registry_records.h"
#include "core/status.h"
#include "registry/ch_parse.h"

namespace harrier::registry {

struct WalkSeeds {
  std::vector<std::string> company_numbers;
  std::vector<std::string> officer_ids;
  std::vector<std::string> search_terms;  // a company search; every hit is a seed
  std::vector<std::string> postcodes;     // a company search; hits registered there are seeds
};

struct WalkOptions {
  int max_depth = 2;         // resources further than this from a seed are not fetched
  int request_budget = 100;  // API requests (pages) in all
  int items_per_page = 100;
  bool fetch_pscs = true;
};

enum class WalkRequestKind { kCompanySearch, kCompany, kOfficers, kPscs, kAppointments };

struct WalkRequest {
  WalkRequestKind kind = WalkRequestKind::kCompany;
  std::string key;  // company number, officer id or search text
  int64_t start_index = 0;
  int depth = 0;
  std::string postcode;  // kCompanySearch for a postcode seed: the filter

  // The API path and query, ready to append to the base URL.
  std::string Path(int items_per_page) const;
};

class NetworkWalk {
 public:
  // Invalid company numbers and officer ids among the seeds are dropped and
  // counted in rejected_seeds().
  NetworkWalk(const WalkSeeds& seeds, WalkOptions options);

  // The nearest request not yet issued, counted against the budget; nullopt
  // when nothing is left or the budget is spent. Several may be outstanding.
  std::optional<WalkRequest> Next();

  // Results of an issued request. Each enqueues what it leads to.
  void OnCompany(const WalkRequest& request, const Company& company);
  void OnOfficers(const WalkRequest& request, const Page<OfficerEntry>& page);
  void OnPscs(const WalkRequest& request, const Page<Psc>& page);
  void OnAppointments(const WalkRequest& request, const AppointmentsPage& page);
  void OnCompanySearch(const WalkRequest& request, const Page<CompanySearchHit>& page);
  // A request that failed (a 404 is kNotFound): nothing to follow from it;
  // kept for the run's report.
  void OnFailed(const WalkRequest& request, const Status& status);
  // Puts an issued request back (after a 429, once the bucket is drained):
  // it is issued again before anything deeper. The first attempt stays
  // counted against the budget, as it reached the server.
  void Retry(const WalkRequest& request);

  // Nothing to issue now. With requests still outstanding their results may
  // plan more, so an asynchronous driver ends the walk only when done() and
  // nothing is in flight.
  bool done() const { return queue_.empty() || budget_spent(); }
  bool budget_spent() const { return issued_ >= options_.request_budget; }
  int issued() const { return issued_; }
  size_t pending() const { return queue_.size(); }  // planned, not issued
  int rejected_seeds() const { return rejected_seeds_; }
  const std::vector<std::pair<WalkRequest, Status>>& failures() const { return failures_; }
  const WalkOptions& options() const { return options_; }

 private:
  void AddCompany(const std::string& number, int depth);
  void AddOfficer(const std::string& officer_id, int depth);
  void Push(WalkRequest request);
  void NextPage(const WalkRequest& request, const std::optional<int64_t>& next);

  WalkOptions options_;
  // Ordered by (depth, arrival): breadth first, and within a depth first come
  // first served, so a smaller budget keeps the nearest resources.
  std::map<std::pair<int, int64_t>, WalkRequest> queue_;
  int64_t sequence_ = 0;
  int64_t retries_ = 0;
  int issued_ = 0;
  int rejected_seeds_ = 0;
  std::set<std::string> companies_;                        // company numbers planned
  std::set<std::string> officers_;                         // officer ids planned
  std::set<std::tuple<int, std::string, int64_t>> pages_;  // (kind, key, start) planned
  std::vector<std::pair<WalkRequest, Status>> failures_;
};

// Postcodes compared without spaces and case: "te1 2st" == "TE12ST".
std::string PostcodeKey(std::string_view postcode);

}  // namespace harrier::registry

#endif  // HARRIER_REGISTRY_NETWORK_WALK_H_
