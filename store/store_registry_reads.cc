// Registry reads (schema 6): a company with its officers and PSCs, its
// recorded changes, and the registry entities behind a postcode selector.
#include "store/internal.h"
#include "store/registry_sql.h"
#include "store/store.h"

namespace harrier::store {

using internal::Statement;

namespace {

// The values of a JSON array of strings (or of one member of its objects).
Result<std::vector<std::string>> JsonValues(sqlite3* db, const std::string& json,
                                            const char* member) {
  std::vector<std::string> out;
  Statement q(db,
              member[0] == '\0'
                  ? "SELECT value FROM json_each(?1) ORDER BY key"
                  : "SELECT json_extract(value, '$.name') FROM json_each(?1) ORDER BY key",
              "read registry JSON array");
  HARRIER_RETURN_IF_ERROR(
      q.Bind(json).ForEach([&](const Statement& row) { out.push_back(row.Text(0)); }));
  return out;
}

RegistryAddressRow ReadAddress(const Statement& q, int col) {
  return RegistryAddressRow{q.IsNull(col) ? 0 : q.Int(col), q.Text(col + 1), q.Text(col + 2)};
}

}  // namespace

Result<std::vector<RegistryChangeRow>> Store::ListCompanyChanges(const std::string& number) {
  std::vector<RegistryChangeRow> out;
  Statement q(db_,
              "SELECT ch.id, c.number, ch.kind, ch.detail, ch.seen_ms FROM registry_change ch "
              "JOIN registry_company c ON c.id = ch.company_id WHERE c.number = ?1 "
              "ORDER BY ch.id",
              "list registry changes of " + number);
  HARRIER_RETURN_IF_ERROR(
      q.Bind(registry_sql::PadCompanyNumber(number)).ForEach([&](const Statement& r) {
        out.push_back({r.Int(0), r.Text(1), r.Text(2), r.Text(3), r.Int(4)});
      }));
  return out;
}

Result<std::optional<RegistryCompanyView>> Store::GetCompany(const std::string& number) {
  Statement q(db_,
              "SELECT c.id, c.number, c.name, c.status, c.type, c.jurisdiction, c.created, "
              "c.ceased, c.sic, c.previous_names, c.source, c.first_seen_ms, c.last_seen_ms, "
              "c.current_version, a.id, COALESCE(a.full, ''), COALESCE(a.postal_code, '') "
              "FROM registry_company c LEFT JOIN registry_address a ON a.id = c.address_id "
              "WHERE c.number = ?1",
              "get registry company " + number);
  Result<bool> row = q.Bind(registry_sql::PadCompanyNumber(number)).Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<RegistryCompanyView>();
  RegistryCompanyView v;
  v.id = q.Int(0);
  v.number = q.Text(1);
  v.name = q.Text(2);
  v.status = q.Text(3);
  v.type = q.Text(4);
  v.jurisdiction = q.Text(5);
  v.created = q.Text(6);
  v.ceased = q.Text(7);
  Result<std::vector<std::string>> sic = JsonValues(db_, q.Text(8), "");
  if (!sic.ok()) return sic.status();
  v.sic = std::move(*sic);
  Result<std::vector<std::string>> previous = JsonValues(db_, q.Text(9), "name");
  if (!previous.ok()) return previous.status();
  v.previous_names = std::move(*previous);
  v.source = q.Text(10);
  v.first_seen_ms = q.Int(11);
  v.last_seen_ms = q.Int(12);
  v.version = static_cast<int>(q.Int(13));
  v.registered_office = ReadAddress(q, 14);

  Statement officers(db_,
                     "SELECT o.id, COALESCE(o.officer_id, ''), o.name, o.kind, ap.role, "
                     "ap.appointed_on, ap.resigned_on FROM registry_appointment ap "
                     "JOIN registry_officer o ON o.id = ap.officer_id WHERE ap.company_id = ?1 "
                     "ORDER BY ap.resigned_on != '', ap.appointed_on, ap.id",
                     "list registry officers of " + number);
  HARRIER_RETURN_IF_ERROR(officers.Bind(v.id).ForEach([&](const Statement& r) {
    v.officers.push_back(
        {r.Int(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5), r.Text(6)});
  }));
  Statement pscs(db_,
                 "SELECT p.id, p.psc_key, p.kind, p.name, p.natures, p.notified_on, p.ceased_on, "
                 "a.id, COALESCE(a.full, ''), COALESCE(a.postal_code, '') FROM registry_psc p "
                 "LEFT JOIN registry_address a ON a.id = p.address_id WHERE p.company_id = ?1 "
                 "ORDER BY p.id",
                 "list registry PSCs of " + number);
  std::vector<std::string> natures_json;
  HARRIER_RETURN_IF_ERROR(pscs.Bind(v.id).ForEach([&](const Statement& r) {
    v.pscs.push_back(
        {r.Int(0), r.Text(1), r.Text(2), r.Text(3), {}, r.Text(5), r.Text(6), ReadAddress(r, 7)});
    natures_json.push_back(r.Text(4));
  }));
  for (size_t i = 0; i < v.pscs.size(); ++i) {
    Result<std::vector<std::string>> natures = JsonValues(db_, natures_json[i], "");
    if (!natures.ok()) return natures.status();
    v.pscs[i].natures = std::move(*natures);
  }
  return std::optional<RegistryCompanyView>(std::move(v));
}

Result<std::vector<RegistryEntityRef>> Store::RegistryEntitiesForSelector(
    SelectorKind kind, const std::string& value) {
  std::vector<RegistryEntityRef> out;
  Statement q(db_,
              "SELECT rs.entity_kind, rs.entity_id, rs.role, "
              "  CASE rs.entity_kind WHEN 'company' THEN c.number "
              "    WHEN 'officer' THEN COALESCE(o.officer_id, '') ELSE pc.number END, "
              "  CASE rs.entity_kind WHEN 'company' THEN c.name "
              "    WHEN 'officer' THEN o.name ELSE p.name END, "
              "  CASE WHEN s.kind != 'postcode' THEN 1 ELSE CASE rs.entity_kind "
              "    WHEN 'company' THEN EXISTS (SELECT 1 FROM registry_address a "
              "      WHERE a.id = c.address_id AND a.postal_code = s.value) "
              "    WHEN 'psc' THEN EXISTS (SELECT 1 FROM registry_address a "
              "      WHERE a.id = p.address_id AND a.postal_code = s.value) "
              "    ELSE EXISTS (SELECT 1 FROM registry_appointment ap "
              "      JOIN registry_address a ON a.id = ap.address_id "
              "      WHERE ap.officer_id = o.id AND a.postal_code = s.value) END END "
              "FROM selector s JOIN registry_selector rs ON rs.selector_id = s.id "
              "LEFT JOIN registry_company c ON rs.entity_kind = 'company' AND c.id = rs.entity_id "
              "LEFT JOIN registry_officer o ON rs.entity_kind = 'officer' AND o.id = rs.entity_id "
              "LEFT JOIN registry_psc p ON rs.entity_kind = 'psc' AND p.id = rs.entity_id "
              "LEFT JOIN registry_company pc ON pc.id = p.company_id "
              "WHERE s.kind = ?1 AND s.value = ?2 "
              "ORDER BY rs.entity_kind, rs.entity_id, rs.role",
              "registry entities for selector");
  HARRIER_RETURN_IF_ERROR(q.Bind(SelectorKindName(kind), value).ForEach([&](const Statement& r) {
    out.push_back({r.Text(0), r.Int(1), r.Text(3), r.Text(4), r.Text(2), r.Int(5) != 0});
  }));
  return out;
}

}  // namespace harrier::store
