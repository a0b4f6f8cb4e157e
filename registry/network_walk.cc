#include "registry/network_walk.h"

#include <cctype>
#include <utility>

#include "registry/ch_client.h"

namespace harrier::registry {

std::string PostcodeKey(std::string_view postcode) {
  std::string out;
  for (char c : postcode) {
    if (!std::isspace(static_cast<unsigned char>(c))) {
      out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
  }
  return out;
}

std::string WalkRequest::Path(int items_per_page) const {
  std::string paging = "items_per_page=" + std::to_string(items_per_page) +
                       "&start_index=" + std::to_string(start_index);
  switch (kind) {
    case WalkRequestKind::kCompanySearch:
      return "/search/companies?q=" + EncodeQueryValue(key) + "&" + paging;
    case WalkRequestKind::kCompany:
      return "/company/" + key;
    case WalkRequestKind::kOfficers:
      return "/company/" + key + "/officers?" + paging;
    case WalkRequestKind::kPscs:
      return "/company/" + key + "/persons-with-significant-control?" + paging;
    case WalkRequestKind::kAppointments:
      return "/officers/" + key + "/appointments?" + paging;
  }
  return "";
}

NetworkWalk::NetworkWalk(const WalkSeeds& seeds, WalkOptions options)
    : options_(std::move(options)) {
  for (const std::string& n : seeds.company_numbers) {
    Result<std::string> number = NormaliseCompanyNumber(n);
    if (number.ok()) {
      AddCompany(*number, 0);
    } else {
      ++rejected_seeds_;
    }
  }
  for (const std::string& id : seeds.officer_ids) {
    if (IsValidOfficerId(id)) {
      AddOfficer(id, 0);
    } else {
      ++rejected_seeds_;
    }
  }
  for (const std::string& term : seeds.search_terms) {
    Push({WalkRequestKind::kCompanySearch, term, 0, 0, ""});
  }
  for (const std::string& postcode : seeds.postcodes) {
    Push({WalkRequestKind::kCompanySearch, postcode, 0, 0, PostcodeKey(postcode)});
  }
}

void NetworkWalk::Push(WalkRequest request) {
  auto page = std::make_tuple(static_cast<int>(request.kind), request.key, request.start_index);
  if (!pages_.insert(page).second) return;  // already planned: never twice
  queue_.emplace(std::make_pair(request.depth, sequence_++), std::move(request));
}

void NetworkWalk::AddCompany(const std::string& number, int depth) {
  if (depth > options_.max_depth || !companies_.insert(number).second) return;
  Push({WalkRequestKind::kCompany, number, 0, depth, ""});
  Push({WalkRequestKind::kOfficers, number, 0, depth, ""});
  if (options_.fetch_pscs) Push({WalkRequestKind::kPscs, number, 0, depth, ""});
}

void NetworkWalk::AddOfficer(const std::string& officer_id, int depth) {
  // Ids come from the server's links: one that is not URL-safe would be
  // put into a path, so it is not followed.
  if (depth > options_.max_depth || !IsValidOfficerId(officer_id)) return;
  if (!officers_.insert(officer_id).second) return;
  Push({WalkRequestKind::kAppointments, officer_id, 0, depth, ""});
}

void NetworkWalk::NextPage(const WalkRequest& request, const std::optional<int64_t>& next) {
  if (!next.has_value() || *next <= request.start_index) return;
  WalkRequest more = request;
  more.start_index = *next;
  Push(std::move(more));
}

std::optional<WalkRequest> NetworkWalk::Next() {
  if (done()) return std::nullopt;
  auto first = queue_.begin();
  WalkRequest request = std::move(first->second);
  queue_.erase(first);
  ++issued_;
  return request;
}

void NetworkWalk::OnCompany(const WalkRequest&, const Company&) {
  // A profile leads nowhere new: its officers and PSCs were planned with it.
}

void NetworkWalk::OnOfficers(const WalkRequest& request, const Page<OfficerEntry>& page) {
  for (const OfficerEntry& e : page.items) AddOfficer(e.officer.officer_id, request.depth + 1);
  NextPage(request, page.next_start_index);
}

void NetworkWalk::OnPscs(const WalkRequest& request, const Page<Psc>& page) {
  // PSC ids are per company and have no appointments list to follow.
  NextPage(request, page.next_start_index);
}

void NetworkWalk::OnAppointments(const WalkRequest& request, const AppointmentsPage& page) {
  for (const Appointment& a : page.page.items) AddCompany(a.company_number, request.depth + 1);
  NextPage(request, page.page.next_start_index);
}

void NetworkWalk::OnCompanySearch(const WalkRequest& request, const Page<CompanySearchHit>& page) {
  for (const CompanySearchHit& hit : page.items) {
    // A postcode search matches text anywhere; keep only companies whose
    // address is at that postcode.
    if (!request.postcode.empty() && PostcodeKey(hit.address.postal_code) != request.postcode) {
      continue;
    }
    AddCompany(hit.company_number, request.depth);
  }
  // Search pages beyond the first are not followed: seeds should be narrow,
  // and a broad term would spend the budget on one query.
}

void NetworkWalk::Retry(const WalkRequest& request) {
  // Ahead of its depth's later arrivals: a negative sequence sorts first.
  queue_.emplace(std::make_pair(request.depth, -(++retries_)), request);
}

void NetworkWalk::OnFailed(const WalkRequest& request, const Status& status) {
  failures_.emplace_back(request, status);
}

}  // namespace harrier::registry
