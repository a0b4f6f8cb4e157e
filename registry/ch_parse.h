// Parsers for the Companies House Public Data API's JSON (issue 6): company
// profile, registered office, officers, officer appointments, PSCs and the
// two searches, into core/registry_records.h values. Tolerant of what the
// real API does (unknown members, any member order, objects where the
// swagger says arrays, string day/month in accounts, null statuses); strict
// where a record would be meaningless (no company number). Never throws.
#ifndef HARRIER_REGISTRY_CH_PARSE_H_
#define HARRIER_REGISTRY_CH_PARSE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/registry_records.h"
#include "core/status.h"

namespace harrier::registry {

// "1234567" -> "01234567"; "sc123456" -> "SC123456"; surrounding spaces are
// trimmed. InvalidArgument for anything that is not 1-8 digits or two
// letters (or "R0") plus up to 6 digits.
Result<std::string> NormaliseCompanyNumber(std::string_view input);

// The paging block every list endpoint echoes.
struct Paging {
  int64_t items_per_page = 0;
  int64_t start_index = 0;
  int64_t total_results = 0;
};

// The start_index of the next page, or nullopt when this page was the last:
// start_index + items >= total_results, or the page had no items.
std::optional<int64_t> NextStartIndex(const Paging& paging, size_t item_count);

template <typename T>
struct Page {
  std::vector<T> items;
  Paging paging;
  std::optional<int64_t> next_start_index;
};

// One row of an officer listing: the person or body and its appointment.
struct OfficerEntry {
  Officer officer;
  Appointment appointment;
};

// An officer's appointments page: who (from the top level) and where.
struct AppointmentsPage {
  Officer officer;  // officer_id from links.self, name, date of birth, kind
  Page<Appointment> page;
};

struct CompanySearchHit {
  std::string company_number;
  std::string title;
  std::string company_status;  // "" when null
  std::string company_type;
  std::string date_of_creation;
  Address address;
  std::string address_snippet;
  std::vector<std::string> description_identifiers;  // from the singular key
};

struct OfficerSearchHit {
  std::string officer_id;  // from links.self
  std::string title;
  int64_t appointment_count = 0;
  std::string date_of_birth;  // "YYYY-MM" or ""
  Address address;
  std::string address_snippet;
  std::vector<std::string> description_identifiers;  // from the plural key
};

// Each returns Corrupt (bad JSON, wrong type of a member it needs) or
// InvalidArgument (a required member missing or invalid, e.g. a company
// number), with a message naming the resource and the member.
Result<Company> ParseCompanyProfile(std::string_view json);
Result<Address> ParseRegisteredOffice(std::string_view json);
// `company_number` is the company the listing was asked for (the items do
// not repeat it); it is normalised into each appointment.
Result<Page<OfficerEntry>> ParseOfficerList(std::string_view json, std::string_view company_number);
Result<AppointmentsPage> ParseAppointments(std::string_view json);
Result<Page<Psc>> ParsePscList(std::string_view json, std::string_view company_number);
Result<Page<CompanySearchHit>> ParseCompanySearch(std::string_view json);
Result<Page<OfficerSearchHit>> ParseOfficerSearch(std::string_view json);

// The path segment after `marker` up to the next '/', or "" when absent:
// ("/officers/Zk3/appointments", "/officers/") -> "Zk3".
std::string SegmentAfter(std::string_view path, std::string_view marker);
// The last non-empty path segment: "/company/1/appointments/Qx7" -> "Qx7".
std::string LastSegment(std::string_view path);

}  // namespace harrier::registry

#endif  // HARRIER_REGISTRY_CH_PARSE_H_
