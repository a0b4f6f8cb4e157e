#include "registry_import/ch_values.h"

#include <cctype>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>

namespace harrier::registry_import {

namespace {

using json = nlohmann::json;

// An object member, or the first object of an array member (the swagger
// declares some objects as arrays; real data gives objects).
const json* ObjectMember(const json& parent, const char* key) {
  if (!parent.is_object()) return nullptr;
  auto it = parent.find(key);
  if (it == parent.end()) return nullptr;
  if (it->is_object()) return &*it;
  if (it->is_array() && !it->empty() && (*it)[0].is_object()) return &(*it)[0];
  return nullptr;
}

std::string Str(const json* obj, const char* key) {
  if (obj == nullptr || !obj->is_object()) return "";
  auto it = obj->find(key);
  return it != obj->end() && it->is_string() ? it->get<std::string>() : std::string();
}

registry::Address ParseAddress(const json* a) {
  return {Str(a, "care_of"),        Str(a, "po_box"),         Str(a, "premises"),
          Str(a, "address_line_1"), Str(a, "address_line_2"), Str(a, "locality"),
          Str(a, "region"),         Str(a, "postal_code"),    Str(a, "country")};
}

// {month: 3, year: 1979} -> "1979-03"; "" when either is missing or odd.
std::string BirthMonth(const json* dob) {
  if (dob == nullptr) return "";
  auto m = dob->find("month");
  auto y = dob->find("year");
  if (m == dob->end() || y == dob->end() || !m->is_number_integer() || !y->is_number_integer())
    return "";
  const int64_t month = m->get<int64_t>(), year = y->get<int64_t>();
  if (month < 1 || month > 12 || year < 1800 || year > 9999) return "";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", static_cast<int>(year), static_cast<int>(month));
  return buf;
}

registry::PartyKind KindOf(std::string_view kind) {
  if (kind.rfind("super-secure", 0) == 0) return registry::PartyKind::kSuperSecure;
  if (kind.rfind("corporate-entity", 0) == 0) return registry::PartyKind::kCorporate;
  if (kind.rfind("legal-person", 0) == 0) return registry::PartyKind::kLegalPerson;
  return registry::PartyKind::kPerson;
}

// "/company/1/persons-with-significant-control/individual/Pq8/" -> "Pq8".
std::string LastSegment(std::string_view path) {
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  const size_t slash = path.rfind('/');
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

}  // namespace

registry::Psc ParsePscItem(const json& item) {
  registry::Psc p;
  if (!item.is_object()) return p;
  p.kind = KindOf(Str(&item, "kind"));
  p.name = Str(&item, "name");  // super-secure PSCs have none
  p.nationality = Str(&item, "nationality");
  p.country_of_residence = Str(&item, "country_of_residence");
  p.date_of_birth = BirthMonth(ObjectMember(item, "date_of_birth"));
  if (auto n = item.find("natures_of_control"); n != item.end() && n->is_array()) {
    for (const json& v : *n) {
      if (v.is_string()) p.natures_of_control.push_back(v.get<std::string>());
    }
  }
  p.notified_on = Str(&item, "notified_on");
  p.ceased_on = Str(&item, "ceased_on");
  p.address = ParseAddress(ObjectMember(item, "address"));
  p.registration_number = Str(ObjectMember(item, "identification"), "registration_number");
  p.etag = Str(&item, "etag");
  p.psc_id = LastSegment(Str(ObjectMember(item, "links"), "self"));
  return p;
}

std::string NormaliseCompanyStatus(std::string_view status) {
  std::string slug;
  bool dash = false;
  for (char ch : status) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (std::isalnum(c)) {
      if (dash && !slug.empty()) slug += '-';
      slug += static_cast<char>(std::tolower(c));
      dash = false;
    } else {
      dash = true;
    }
  }
  // The bulk file's texts whose API code is not their slug.
  static const std::map<std::string, std::string> kBulkText = {
      {"active-proposal-to-strike-off", "active"},
      {"receivership-action", "receivership"},
      {"in-administration", "administration"},
      {"administration-order", "administration"},
      {"in-administration-administrative-receiver", "administration"},
      {"in-administration-receiver-manager", "administration"},
      {"administrative-receiver", "receivership"},
      {"receiver-manager-administrative-receiver", "receivership"},
      {"live-but-receiver-manager-on-at-least-one-charge", "receivership"},
      {"voluntary-arrangement-receiver-manager", "voluntary-arrangement"},
      {"voluntary-arrangement-administrative-receiver", "voluntary-arrangement"},
  };
  auto it = kBulkText.find(slug);
  return it == kBulkText.end() ? slug : it->second;
}

}  // namespace harrier::registry_import
