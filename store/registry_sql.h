// SQL and value helpers private to the registry part of store/
// (store_registry.cc, store_registry_reads.cc): the writer's statements, the
// normalised address text and postcode, and JSON arrays built without a JSON
// library (store/ depends on core only; reads use SQLite's json_each).
#ifndef HARRIER_STORE_REGISTRY_SQL_H_
#define HARRIER_STORE_REGISTRY_SQL_H_

#include <cctype>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "core/registry_records.h"

namespace harrier::store::registry_sql {

struct SqlText {
  const char* sql;
  const char* action;
};

// In the order of RegistryWriter::Slot.
inline constexpr SqlText kWriterSql[] = {
    {"INSERT INTO registry_address (full, care_of, po_box, premises, address_line_1, "
     "address_line_2, locality, region, postal_code, country, first_seen_ms) "
     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) ON CONFLICT(full) DO NOTHING",
     "insert registry address"},
    {"SELECT id FROM registry_address WHERE full = ?1", "find registry address"},
    {"INSERT INTO selector (kind, value, first_seen_ms) VALUES (?3, ?1, ?2) "
     "ON CONFLICT(kind, value) DO NOTHING",
     "insert registry selector"},
    {"SELECT id FROM selector WHERE kind = ?2 AND value = ?1", "find registry selector"},
    {"INSERT INTO registry_selector (selector_id, entity_kind, entity_id, role, first_seen_ms) "
     "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING",
     "link registry selector"},
    {"SELECT c.id, c.current_version, c.first_seen_ms, c.name, c.status, COALESCE(a.full, '') "
     "FROM registry_company c LEFT JOIN registry_address a ON a.id = c.address_id "
     "WHERE c.number = ?1",
     "find registry company"},
    {"SELECT content_sha256 FROM registry_company_version WHERE company_id = ?1 AND version = ?2",
     "read registry company version"},
    {"INSERT INTO registry_company (number, name, status, type, jurisdiction, created, ceased, "
     "sic, previous_names, address_id, source, first_seen_ms, last_seen_ms, current_version) "
     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12, ?13)",
     "insert registry company"},
    {"UPDATE registry_company SET name = ?2, status = ?3, type = ?4, jurisdiction = ?5, "
     "created = ?6, ceased = ?7, sic = ?8, previous_names = ?9, address_id = ?10, source = ?11, "
     "last_seen_ms = ?12, current_version = ?13 WHERE id = ?1",
     "update registry company"},
    {"UPDATE registry_company SET last_seen_ms = ?2 WHERE id = ?1", "touch registry company"},
    {"INSERT INTO registry_company_version (company_id, version, content_sha256, name, status, "
     "type, jurisdiction, created, ceased, sic, previous_names, address_id, source, seen_ms) "
     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
     "insert registry company version"},
    {"INSERT INTO registry_change (company_id, kind, detail, seen_ms) VALUES (?1, ?2, ?3, ?4)",
     "record registry change"},
    {"SELECT id FROM registry_officer WHERE officer_id = ?1", "find registry officer"},
    {"SELECT id FROM registry_officer WHERE officer_id IS NULL AND name = ?1 AND "
     "date_of_birth = ?2 AND kind = ?3",
     "find registry officer by name"},
    {"INSERT INTO registry_officer (officer_id, name, kind, date_of_birth, nationality, "
     "country_of_residence, occupation, first_seen_ms, last_seen_ms) "
     "VALUES (NULLIF(?1, ''), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
     "insert registry officer"},
    // A listing that omits a field (the appointments listing has no birth
    // date for some) keeps what an earlier one gave.
    {"UPDATE registry_officer SET name = ?2, kind = ?3, "
     "date_of_birth = COALESCE(NULLIF(?4, ''), date_of_birth), "
     "nationality = COALESCE(NULLIF(?5, ''), nationality), "
     "country_of_residence = COALESCE(NULLIF(?6, ''), country_of_residence), "
     "occupation = COALESCE(NULLIF(?7, ''), occupation), last_seen_ms = ?8 WHERE id = ?1",
     "update registry officer"},
    {"SELECT id, name FROM registry_officer WHERE officer_id = ?1", "find appointment's officer"},
    {"SELECT id, resigned_on FROM registry_appointment WHERE officer_id = ?1 AND "
     "company_id = ?2 AND role = ?3 AND appointed_on = ?4",
     "find registry appointment"},
    {"INSERT INTO registry_appointment (officer_id, company_id, role, appointed_on, resigned_on, "
     "appointment_id, address_id, first_seen_ms, last_seen_ms) "
     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
     "insert registry appointment"},
    {"UPDATE registry_appointment SET resigned_on = ?2, "
     "appointment_id = COALESCE(NULLIF(?3, ''), appointment_id), "
     "address_id = COALESCE(?4, address_id), last_seen_ms = ?5 WHERE id = ?1",
     "update registry appointment"},
    {"SELECT id, ceased_on FROM registry_psc WHERE company_id = ?1 AND psc_key = ?2",
     "find registry psc"},
    {"INSERT INTO registry_psc (company_id, psc_key, kind, name, date_of_birth, nationality, "
     "country_of_residence, natures, notified_on, ceased_on, registration_number, address_id, "
     "source, first_seen_ms, last_seen_ms) "
     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14)",
     "insert registry psc"},
    {"UPDATE registry_psc SET name = ?2, date_of_birth = ?3, nationality = ?4, "
     "country_of_residence = ?5, natures = ?6, ceased_on = ?7, registration_number = ?8, "
     "address_id = COALESCE(?9, address_id), last_seen_ms = ?10 WHERE id = ?1",
     "update registry psc"},
    {"SELECT EXISTS (SELECT 1 FROM registry_psc WHERE company_id = ?1 AND first_seen_ms < ?2)",
     "did an earlier refresh see PSCs"},
    {"SELECT EXISTS (SELECT 1 FROM registry_appointment WHERE company_id = ?1 AND "
     "first_seen_ms < ?2)",
     "did an earlier refresh see officers"},
};

inline std::string JsonString(std::string_view s) {
  std::string out = "\"";
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += ch;
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += ch;
    }
  }
  return out + "\"";
}

inline std::string JsonArray(const std::vector<std::string>& values) {
  std::string out = "[";
  for (const std::string& v : values) {
    if (out.size() > 1) out += ',';
    out += JsonString(v);
  }
  return out + "]";
}

// Upper-case with runs of whitespace made one space, trimmed.
inline std::string Squeeze(std::string_view s) {
  std::string out;
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isspace(c)) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += static_cast<char>(std::toupper(c));
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// "TE1 2ST" for "te12st" or " TE1  2ST": the postcode selector's format
// (outward code, a space, the 3-character inward code). A value that does
// not end in digit-letter-letter, or has the wrong length, is returned
// squeezed and upper-cased as given. Registry postcodes are checked by
// Companies House, so this shape check is enough here (store/ cannot use
// extractors/' full validator).
inline std::string NormalizePostcode(std::string_view raw) {
  std::string compact;
  for (const char ch : raw) {
    const auto c = static_cast<unsigned char>(ch);
    if (!std::isspace(c)) compact += static_cast<char>(std::toupper(c));
  }
  const size_t n = compact.size();
  if (n < 5 || n > 7 || !std::isalpha(static_cast<unsigned char>(compact[0])) ||
      !std::isdigit(static_cast<unsigned char>(compact[n - 3])) ||
      !std::isalpha(static_cast<unsigned char>(compact[n - 2])) ||
      !std::isalpha(static_cast<unsigned char>(compact[n - 1]))) {
    return Squeeze(raw);
  }
  for (const char ch : compact) {
    if (!std::isalnum(static_cast<unsigned char>(ch))) return Squeeze(raw);
  }
  return compact.substr(0, n - 3) + " " + compact.substr(n - 3);
}

inline bool IsUkPostcode(std::string_view normalised) {
  const size_t space = normalised.find(' ');
  return space != std::string_view::npos && space >= 2 && space <= 4 &&
         normalised.size() == space + 4;
}

// The address as one upper-case line: its non-empty parts, postcode
// normalised, joined by ", ". The key that makes one address one row.
inline std::string AddressFull(const registry::Address& a) {
  std::string out;
  const std::string postcode = NormalizePostcode(a.postal_code);
  for (const std::string* part :
       {&a.care_of, &a.po_box, &a.premises, &a.address_line_1, &a.address_line_2, &a.locality,
        &a.region, &postcode, &a.country}) {
    const std::string s = part == &postcode ? postcode : Squeeze(*part);
    if (s.empty()) continue;
    if (!out.empty()) out += ", ";
    out += s;
  }
  return out;
}

// All-digit numbers are zero-padded to 8 ("1234567" -> "01234567").
inline std::string PadCompanyNumber(std::string_view raw) {
  std::string n = Squeeze(raw);
  bool digits = !n.empty();
  for (const char ch : n) digits = digits && std::isdigit(static_cast<unsigned char>(ch));
  if (digits && n.size() < 8) n.insert(0, 8 - n.size(), '0');
  return n;
}

inline std::string_view PartyKindName(registry::PartyKind kind) {
  switch (kind) {
    case registry::PartyKind::kCorporate:
      return "corporate";
    case registry::PartyKind::kLegalPerson:
      return "legal_person";
    case registry::PartyKind::kSuperSecure:
      return "super_secure";
    case registry::PartyKind::kPerson:
      break;
  }
  return "person";
}

}  // namespace harrier::store::registry_sql

#endif  // HARRIER_STORE_REGISTRY_SQL_H_
