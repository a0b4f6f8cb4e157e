// Registry network reads (schema 6): an officer's details and every
// appointment, a PSC's details, so an export can walk from a company to its
// officers' other companies.
#include "store/internal.h"
#include "store/store.h"

namespace harrier::store {

using internal::Statement;

Result<std::optional<RegistryPartyDetail>> Store::GetRegistryOfficer(int64_t officer_row) {
  Statement q(db_,
              "SELECT date_of_birth, nationality, country_of_residence FROM registry_officer "
              "WHERE id = ?1",
              "get registry officer " + std::to_string(officer_row));
  Result<bool> row = q.Bind(officer_row).Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<RegistryPartyDetail>();
  RegistryPartyDetail d;
  d.row = officer_row;
  d.date_of_birth = q.Text(0);
  d.nationality = q.Text(1);
  d.country_of_residence = q.Text(2);
  Statement ap(db_,
               "SELECT c.number, c.name, ap.role, ap.appointed_on, ap.resigned_on, a.id, "
               "COALESCE(a.full, ''), COALESCE(a.postal_code, '') FROM registry_appointment ap "
               "JOIN registry_company c ON c.id = ap.company_id "
               "LEFT JOIN registry_address a ON a.id = ap.address_id WHERE ap.officer_id = ?1 "
               "ORDER BY ap.appointed_on, ap.id",
               "list appointments of registry officer " + std::to_string(officer_row));
  HARRIER_RETURN_IF_ERROR(ap.Bind(officer_row).ForEach([&](const Statement& r) {
    RegistryAddressRow address{r.IsNull(5) ? 0 : r.Int(5), r.Text(6), r.Text(7)};
    d.appointments.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), address});
  }));
  return std::optional<RegistryPartyDetail>(std::move(d));
}

Result<std::optional<RegistryPartyDetail>> Store::GetRegistryPsc(int64_t psc_row) {
  Statement q(db_,
              "SELECT date_of_birth, nationality, country_of_residence, registration_number "
              "FROM registry_psc WHERE id = ?1",
              "get registry PSC " + std::to_string(psc_row));
  Result<bool> row = q.Bind(psc_row).Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<RegistryPartyDetail>();
  RegistryPartyDetail d;
  d.row = psc_row;
  d.date_of_birth = q.Text(0);
  d.nationality = q.Text(1);
  d.country_of_residence = q.Text(2);
  d.registration_number = q.Text(3);
  return std::optional<RegistryPartyDetail>(std::move(d));
}

}  // namespace harrier::store
