// Registry views (schema 6): registry records read beside adverts. A
// postcode is one `selector` row whether an advert mentions it or a
// registry address carries it, so "the companies at this advert's postcode"
// is a join through registry_selector and "the adverts at this company's
// postcodes" a join through mention.
#include <algorithm>
#include <cctype>

#include "store/internal.h"
#include "store/registry_sql.h"
#include "store/store.h"

namespace harrier::store {

using internal::Statement;

namespace {

// Companies at the postcode selectors `selectors` yields (SQL naming the
// selector row `s`), filtered by `where` (may use ?1). A company is there
// "now" when its current registered office has that postcode;
// registry_selector keeps the links of former offices as history.
std::string CompaniesAtSql(const std::string& selectors, const std::string& where) {
  return "SELECT s.value, c.number, c.name, c.status, "
         "  COALESCE(a.postal_code = s.value, 0) AS here FROM " +
         selectors +
         " JOIN registry_selector rs ON rs.selector_id = s.id AND rs.entity_kind = 'company' "
         "JOIN registry_company c ON c.id = rs.entity_id "
         "LEFT JOIN registry_address a ON a.id = c.address_id "
         "WHERE s.kind = 'postcode' " +
         where + " ORDER BY here DESC, s.value, c.name, c.number";
}

Result<std::vector<RegistryCompanyAtPostcode>> ReadCompanies(Statement& q) {
  std::vector<RegistryCompanyAtPostcode> out;
  HARRIER_RETURN_IF_ERROR(q.ForEach([&](const Statement& r) {
    out.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Int(4) != 0});
  }));
  return out;
}

}  // namespace

std::string NormalizeCompanyNumber(std::string_view raw) {
  for (const char ch : raw) {
    const auto c = static_cast<unsigned char>(ch);
    if (!std::isalnum(c) && !std::isspace(c)) return "";
  }
  std::string compact(raw);
  std::erase_if(compact, [](char ch) { return std::isspace(static_cast<unsigned char>(ch)); });
  const std::string number = registry_sql::PadCompanyNumber(compact);
  return number.size() > 8 ? std::string() : number;
}

Result<std::vector<RegistryPostcodeAdverts>> Store::AdvertsAtCompanyPostcodes(
    const std::string& number) {
  // ord keeps the registered office first; within officers and PSCs the
  // postcode order makes the output stable. Only postcodes that are
  // selectors (UK ones): nothing else can be shared with an advert.
  Statement q(db_,
              "WITH c AS (SELECT id, address_id FROM registry_company WHERE number = ?1), "
              "parts(ord, postcode, role, name) AS ("
              "  SELECT 0, a.postal_code, 'registered_office', '' FROM c "
              "    JOIN registry_address a ON a.id = c.address_id "
              "  UNION SELECT 1, a.postal_code, 'officer', o.name FROM c "
              "    JOIN registry_appointment ap ON ap.company_id = c.id "
              "    JOIN registry_officer o ON o.id = ap.officer_id "
              "    JOIN registry_address a ON a.id = ap.address_id "
              "  UNION SELECT 1, a.postal_code, 'psc', p.name FROM c "
              "    JOIN registry_psc p ON p.company_id = c.id "
              "    JOIN registry_address a ON a.id = p.address_id) "
              "SELECT postcode, role, name FROM parts WHERE EXISTS (SELECT 1 FROM selector s "
              "  WHERE s.kind = 'postcode' AND s.value = parts.postcode) "
              "ORDER BY ord, postcode, role, name",
              "list postcodes of registry company " + number);
  std::vector<RegistryPostcodeAdverts> out;
  HARRIER_RETURN_IF_ERROR(
      q.Bind(registry_sql::PadCompanyNumber(number)).ForEach([&](const Statement& r) {
        const std::string postcode = r.Text(0);
        auto it = std::find_if(out.begin(), out.end(), [&](const RegistryPostcodeAdverts& p) {
          return p.postcode == postcode;
        });
        if (it == out.end()) it = out.insert(out.end(), RegistryPostcodeAdverts{postcode, {}, {}});
        it->parties.push_back({r.Text(1), r.Text(2)});
      }));
  for (RegistryPostcodeAdverts& p : out) {
    Result<std::vector<DocumentSummary>> adverts =
        FindDocumentsBySelector(SelectorKind::kPostcode, p.postcode);
    if (!adverts.ok()) return adverts.status().WithContext("adverts at " + p.postcode);
    p.adverts = std::move(*adverts);
  }
  return out;
}

Result<std::vector<RegistryCompanyAtPostcode>> Store::CompaniesAtPostcodes(
    const std::vector<std::string>& postcodes) {
  if (postcodes.empty()) return std::vector<RegistryCompanyAtPostcode>();
  // One statement for any number of postcodes: a JSON array, never SQL text.
  Statement q(db_, CompaniesAtSql("selector s", "AND s.value IN (SELECT value FROM json_each(?1))"),
              "list registry companies at postcodes");
  q.Bind(registry_sql::JsonArray(postcodes));
  return ReadCompanies(q);
}

Result<std::vector<RegistryCompanyAtPostcode>> Store::CompaniesAtClusterPostcodes(
    int64_t cluster_id) {
  // The live cluster at the end of the merged_into chain, its members'
  // current versions, the selectors they mention. CROSS JOIN fixes SQLite's
  // join order: from the cluster's few members outwards, never a scan of
  // every mention (the planner has no statistics to know better).
  Statement q(
      db_,
      "WITH RECURSIVE chain(id, next) AS ("
      "  SELECT id, merged_into FROM cluster WHERE id = ?1 "
      "  UNION SELECT c.id, c.merged_into FROM cluster c JOIN chain ON c.id = chain.next), "
      "mentioned(selector_id) AS MATERIALIZED (SELECT DISTINCT m.selector_id FROM chain "
      "  CROSS JOIN cluster_member cm ON cm.cluster_id = chain.id "
      "  CROSS JOIN document d ON d.id = cm.document_id "
      "  CROSS JOIN document_version v ON v.document_id = d.id "
      "    AND v.version = d.current_version "
      "  CROSS JOIN mention m ON m.document_version_id = v.id WHERE chain.next IS NULL) " +
          CompaniesAtSql("mentioned CROSS JOIN selector s ON s.id = mentioned.selector_id", ""),
      "list registry companies at the postcodes of cluster " + std::to_string(cluster_id));
  q.Bind(cluster_id);
  return ReadCompanies(q);
}

}  // namespace harrier::store
