#include "registry/ch_parse.h"

#include <cctype>
#include <cstdio>
#include <exception>
#include <nlohmann/json.hpp>
#include <utility>

#include "registry_import/ch_values.h"

namespace harrier::registry {
namespace {

using nlohmann::json;

// The swagger for /officers/{id}/appointments declares address, appointed_to,
// links, name_elements and date_of_birth as arrays; real responses give
// objects. Accept both: an object, or the first object of an array.
const json* ObjectMember(const json& parent, const char* key) {
  auto it = parent.find(key);
  if (it == parent.end()) return nullptr;
  if (it->is_object()) return &*it;
  if (it->is_array() && !it->empty() && (*it)[0].is_object()) return &(*it)[0];
  return nullptr;
}

// Optional strings: absent, null or another type read as "" (the API adds and
// changes members over time; a stray type must not lose the record).
std::string Str(const json& obj, const char* key) {
  auto it = obj.find(key);
  if (it == obj.end() || !it->is_string()) return "";
  return it->get<std::string>();
}

std::vector<std::string> StrList(const json& obj, const char* key) {
  std::vector<std::string> out;
  auto it = obj.find(key);
  if (it == obj.end() || !it->is_array()) return out;
  for (const json& v : *it) {
    if (v.is_string()) out.push_back(v.get<std::string>());
  }
  return out;
}

Address ParseAddress(const json* obj) {
  Address a;
  if (obj == nullptr) return a;
  a.care_of = Str(*obj, "care_of");
  a.po_box = Str(*obj, "po_box");
  a.premises = Str(*obj, "premises");
  a.address_line_1 = Str(*obj, "address_line_1");
  a.address_line_2 = Str(*obj, "address_line_2");
  a.locality = Str(*obj, "locality");
  a.region = Str(*obj, "region");
  a.postal_code = Str(*obj, "postal_code");
  a.country = Str(*obj, "country");
  return a;
}

// date_of_birth {month:int, year:int} -> "YYYY-MM"; "" when absent or odd.
std::string MonthYear(const json& parent) {
  const json* dob = ObjectMember(parent, "date_of_birth");
  if (dob == nullptr) return "";
  auto m = dob->find("month");
  auto y = dob->find("year");
  if (m == dob->end() || y == dob->end() || !m->is_number_integer() || !y->is_number_integer()) {
    return "";
  }
  int64_t month = m->get<int64_t>(), year = y->get<int64_t>();
  if (month < 1 || month > 12 || year < 1800 || year > 9999) return "";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", static_cast<int>(year), static_cast<int>(month));
  return buf;
}

// links.<a>.<b> as a string, tolerating a missing or array-shaped links.
std::string Link(const json& item, const char* a, const char* b = nullptr) {
  const json* links = ObjectMember(item, "links");
  if (links == nullptr) return "";
  if (b == nullptr) return Str(*links, a);
  const json* inner = ObjectMember(*links, a);
  return inner == nullptr ? "" : Str(*inner, b);
}

Result<json> ParseObject(std::string_view text, std::string_view what) {
  json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return Status::Corrupt("parse " + std::string(what) + ": not JSON");
  if (!doc.is_object()) {
    return Status::Corrupt("parse " + std::string(what) + ": not a JSON object");
  }
  return doc;
}

Status ReadInt(const json& doc, const char* key, int64_t* out, std::string_view what) {
  auto it = doc.find(key);
  if (it == doc.end() || it->is_null()) return Status::Ok();
  if (!it->is_number_integer()) {
    return Status::Corrupt("parse " + std::string(what) + ": " + key + " is not an integer");
  }
  *out = it->get<int64_t>();
  return Status::Ok();
}

// The paging block plus the items array (absent items: an empty page).
Result<const json*> PagingAndItems(const json& doc, Paging* paging, std::string_view what) {
  HARRIER_RETURN_IF_ERROR(ReadInt(doc, "items_per_page", &paging->items_per_page, what));
  HARRIER_RETURN_IF_ERROR(ReadInt(doc, "start_index", &paging->start_index, what));
  HARRIER_RETURN_IF_ERROR(ReadInt(doc, "total_results", &paging->total_results, what));
  static const json kEmpty = json::array();
  auto it = doc.find("items");
  if (it == doc.end() || it->is_null()) return &kEmpty;
  if (!it->is_array())
    return Status::Corrupt("parse " + std::string(what) + ": items is not an array");
  for (const json& item : *it) {
    if (!item.is_object()) {
      return Status::Corrupt("parse " + std::string(what) + ": an item is not an object");
    }
  }
  return &*it;
}

// A required company number: present, a string, and valid.
Result<std::string> RequiredCompanyNumber(const json& obj, std::string_view what) {
  auto it = obj.find("company_number");
  if (it == obj.end() || it->is_null()) {
    return Status::InvalidArgument("parse " + std::string(what) + ": company_number missing");
  }
  if (!it->is_string()) {
    return Status::Corrupt("parse " + std::string(what) + ": company_number is not a string");
  }
  Result<std::string> n = NormaliseCompanyNumber(it->get<std::string>());
  if (!n.ok()) return n.status().WithContext("parse " + std::string(what));
  return n;
}

PartyKind OfficerKind(std::string_view role) {
  return role.rfind("corporate", 0) == 0 ? PartyKind::kCorporate : PartyKind::kPerson;
}

// nlohmann/json reports some misuse by exception; none may leave this file.
template <typename F>
auto Guarded(std::string_view what, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const std::exception& e) {
    return Status::Corrupt("parse " + std::string(what) + ": " + e.what());
  }
}

Result<Company> CompanyFrom(const json& doc) {
  Company c;
  Result<std::string> number = RequiredCompanyNumber(doc, "company profile");
  if (!number.ok()) return number.status();
  c.number = *number;
  c.name = Str(doc, "company_name");
  c.status = registry_import::NormaliseCompanyStatus(Str(doc, "company_status"));
  c.type = Str(doc, "type");
  c.jurisdiction = Str(doc, "jurisdiction");
  c.date_of_creation = Str(doc, "date_of_creation");
  c.date_of_cessation = Str(doc, "date_of_cessation");
  c.sic_codes = StrList(doc, "sic_codes");
  c.registered_office = ParseAddress(ObjectMember(doc, "registered_office_address"));
  c.etag = Str(doc, "etag");
  auto prev = doc.find("previous_company_names");
  if (prev != doc.end() && prev->is_array()) {
    for (const json& p : *prev) {
      if (!p.is_object()) continue;
      c.previous_names.push_back({Str(p, "name"), Str(p, "effective_from"), Str(p, "ceased_on")});
    }
  }
  return c;
}

OfficerEntry OfficerEntryFrom(const json& item, const std::string& company_number) {
  OfficerEntry e;
  Officer& o = e.officer;
  // No officer_id member exists: the id is in links.officer.appointments.
  o.officer_id = SegmentAfter(Link(item, "officer", "appointments"), "/officers/");
  o.name = Str(item, "name");
  std::string role = Str(item, "officer_role");
  o.kind = OfficerKind(role);
  o.date_of_birth = MonthYear(item);
  o.nationality = Str(item, "nationality");
  o.country_of_residence = Str(item, "country_of_residence");
  o.occupation = Str(item, "occupation");
  Appointment& a = e.appointment;
  a.appointment_id = SegmentAfter(Link(item, "self"), "/appointments/");
  a.officer_id = o.officer_id;
  a.company_number = company_number;
  a.role = role;
  a.appointed_on = Str(item, "appointed_on");
  if (a.appointed_on.empty()) a.appointed_on = Str(item, "appointed_before");
  a.resigned_on = Str(item, "resigned_on");
  a.address = ParseAddress(ObjectMember(item, "address"));
  return e;
}

// One PSC item parser for the API and the bulk snapshot (their items are
// the same object), so both store the same values.
Psc PscFrom(const json& item, const std::string& company_number) {
  Psc p = registry_import::ParsePscItem(item);
  p.company_number = company_number;
  return p;
}

}  // namespace

Result<std::string> NormaliseCompanyNumber(std::string_view input) {
  while (!input.empty() && std::isspace(static_cast<unsigned char>(input.front()))) {
    input.remove_prefix(1);
  }
  while (!input.empty() && std::isspace(static_cast<unsigned char>(input.back()))) {
    input.remove_suffix(1);
  }
  auto refuse = [&] {
    return Status::InvalidArgument("company number '" + std::string(input.substr(0, 40)) +
                                   "' is not 8 digits or a 2-character prefix and 6 digits");
  };
  if (input.empty() || input.size() > 8) return refuse();
  auto all_digits = [](std::string_view s) {
    for (char ch : s) {
      if (!std::isdigit(static_cast<unsigned char>(ch))) return false;
    }
    return !s.empty();
  };
  if (all_digits(input)) return std::string(8 - input.size(), '0') + std::string(input);
  // A prefix: two letters (SC, NI, OC, ...) or "R0", then digits padded to 6.
  if (input.size() < 3) return refuse();
  std::string prefix{static_cast<char>(std::toupper(static_cast<unsigned char>(input[0]))),
                     static_cast<char>(std::toupper(static_cast<unsigned char>(input[1])))};
  bool letters = std::isalpha(static_cast<unsigned char>(prefix[0])) &&
                 std::isalpha(static_cast<unsigned char>(prefix[1]));
  if (!letters && prefix != "R0") return refuse();
  std::string_view digits = input.substr(2);
  if (!all_digits(digits) || digits.size() > 6) return refuse();
  return prefix + std::string(6 - digits.size(), '0') + std::string(digits);
}

std::optional<int64_t> NextStartIndex(const Paging& paging, size_t item_count) {
  if (item_count == 0) return std::nullopt;
  int64_t next = paging.start_index + static_cast<int64_t>(item_count);
  if (next >= paging.total_results) return std::nullopt;
  return next;
}

std::string SegmentAfter(std::string_view path, std::string_view marker) {
  size_t at = path.find(marker);
  if (at == std::string_view::npos) return "";
  std::string_view rest = path.substr(at + marker.size());
  return std::string(rest.substr(0, rest.find('/')));
}

std::string LastSegment(std::string_view path) {
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  size_t slash = path.rfind('/');
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

Result<Company> ParseCompanyProfile(std::string_view text) {
  return Guarded("company profile", [&]() -> Result<Company> {
    Result<json> doc = ParseObject(text, "company profile");
    if (!doc.ok()) return doc.status();
    return CompanyFrom(*doc);
  });
}

Result<Address> ParseRegisteredOffice(std::string_view text) {
  return Guarded("registered office", [&]() -> Result<Address> {
    Result<json> doc = ParseObject(text, "registered office");
    if (!doc.ok()) return doc.status();
    return ParseAddress(&*doc);
  });
}

Result<Page<OfficerEntry>> ParseOfficerList(std::string_view text,
                                            std::string_view company_number) {
  return Guarded("officer list", [&]() -> Result<Page<OfficerEntry>> {
    Result<std::string> number = NormaliseCompanyNumber(company_number);
    if (!number.ok()) return number.status().WithContext("parse officer list");
    Result<json> doc = ParseObject(text, "officer list");
    if (!doc.ok()) return doc.status();
    Page<OfficerEntry> page;
    Result<const json*> items = PagingAndItems(*doc, &page.paging, "officer list");
    if (!items.ok()) return items.status();
    for (const json& item : **items) page.items.push_back(OfficerEntryFrom(item, *number));
    page.next_start_index = NextStartIndex(page.paging, page.items.size());
    return page;
  });
}

Result<AppointmentsPage> ParseAppointments(std::string_view text) {
  return Guarded("appointments", [&]() -> Result<AppointmentsPage> {
    Result<json> doc = ParseObject(text, "appointments");
    if (!doc.ok()) return doc.status();
    AppointmentsPage out;
    out.officer.officer_id = SegmentAfter(Link(*doc, "self"), "/officers/");
    out.officer.name = Str(*doc, "name");
    out.officer.date_of_birth = MonthYear(*doc);
    auto corp = doc->find("is_corporate_officer");
    if (corp != doc->end() && corp->is_boolean() && corp->get<bool>()) {
      out.officer.kind = PartyKind::kCorporate;
    }
    Result<const json*> items = PagingAndItems(*doc, &out.page.paging, "appointments");
    if (!items.ok()) return items.status();
    for (const json& item : **items) {
      const json* to = ObjectMember(item, "appointed_to");
      if (to == nullptr) return Status::InvalidArgument("parse appointments: appointed_to missing");
      Result<std::string> number = RequiredCompanyNumber(*to, "appointments");
      if (!number.ok()) return number.status();
      Appointment a;
      a.officer_id = out.officer.officer_id;
      a.company_number = *number;
      a.company_name = Str(*to, "company_name");
      a.role = Str(item, "officer_role");
      a.appointed_on = Str(item, "appointed_on");
      if (a.appointed_on.empty()) a.appointed_on = Str(item, "appointed_before");
      a.resigned_on = Str(item, "resigned_on");
      a.address = ParseAddress(ObjectMember(item, "address"));
      if (out.officer.nationality.empty()) out.officer.nationality = Str(item, "nationality");
      if (out.officer.occupation.empty()) out.officer.occupation = Str(item, "occupation");
      if (out.officer.country_of_residence.empty()) {
        out.officer.country_of_residence = Str(item, "country_of_residence");
      }
      out.page.items.push_back(std::move(a));
    }
    out.page.next_start_index = NextStartIndex(out.page.paging, out.page.items.size());
    return out;
  });
}

Result<Page<Psc>> ParsePscList(std::string_view text, std::string_view company_number) {
  return Guarded("psc list", [&]() -> Result<Page<Psc>> {
    Result<std::string> number = NormaliseCompanyNumber(company_number);
    if (!number.ok()) return number.status().WithContext("parse psc list");
    Result<json> doc = ParseObject(text, "psc list");
    if (!doc.ok()) return doc.status();
    Page<Psc> page;
    Result<const json*> items = PagingAndItems(*doc, &page.paging, "psc list");
    if (!items.ok()) return items.status();
    for (const json& item : **items) page.items.push_back(PscFrom(item, *number));
    page.next_start_index = NextStartIndex(page.paging, page.items.size());
    return page;
  });
}

Result<Page<CompanySearchHit>> ParseCompanySearch(std::string_view text) {
  return Guarded("company search", [&]() -> Result<Page<CompanySearchHit>> {
    Result<json> doc = ParseObject(text, "company search");
    if (!doc.ok()) return doc.status();
    Page<CompanySearchHit> page;
    Result<const json*> items = PagingAndItems(*doc, &page.paging, "company search");
    if (!items.ok()) return items.status();
    for (const json& item : **items) {
      Result<std::string> number = RequiredCompanyNumber(item, "company search");
      if (!number.ok()) return number.status();
      CompanySearchHit h;
      h.company_number = *number;
      h.title = Str(item, "title");
      h.company_status =
          registry_import::NormaliseCompanyStatus(Str(item, "company_status"));  // may be null
      h.company_type = Str(item, "company_type");
      h.date_of_creation = Str(item, "date_of_creation");
      h.address = ParseAddress(ObjectMember(item, "address"));
      h.address_snippet = Str(item, "address_snippet");
      h.description_identifiers = StrList(item, "description_identifier");  // singular here
      page.items.push_back(std::move(h));
    }
    page.next_start_index = NextStartIndex(page.paging, page.items.size());
    return page;
  });
}

Result<Page<OfficerSearchHit>> ParseOfficerSearch(std::string_view text) {
  return Guarded("officer search", [&]() -> Result<Page<OfficerSearchHit>> {
    Result<json> doc = ParseObject(text, "officer search");
    if (!doc.ok()) return doc.status();
    Page<OfficerSearchHit> page;
    Result<const json*> items = PagingAndItems(*doc, &page.paging, "officer search");
    if (!items.ok()) return items.status();
    for (const json& item : **items) {
      OfficerSearchHit h;
      h.officer_id = SegmentAfter(Link(item, "self"), "/officers/");
      h.title = Str(item, "title");
      auto count = item.find("appointment_count");
      if (count != item.end() && count->is_number_integer()) {
        h.appointment_count = count->get<int64_t>();
      }
      h.date_of_birth = MonthYear(item);
      h.address = ParseAddress(ObjectMember(item, "address"));
      h.address_snippet = Str(item, "address_snippet");
      h.description_identifiers = StrList(item, "description_identifiers");  // plural here
      page.items.push_back(std::move(h));
    }
    page.next_start_index = NextStartIndex(page.paging, page.items.size());
    return page;
  });
}

}  // namespace harrier::registry
