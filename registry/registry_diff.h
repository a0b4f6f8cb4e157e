// What changed between two collections of the same company: profile fields,
// registered office, officers appointed, resigned or gone, officers' and
// PSCs' addresses. Pure functions; the collector stores the changes as
// versions when it refreshes a network.
#ifndef HARRIER_REGISTRY_REGISTRY_DIFF_H_
#define HARRIER_REGISTRY_REGISTRY_DIFF_H_

#include <string>
#include <vector>

#include "core/registry_records.h"

namespace harrier::registry {

enum class ChangeKind {
  kFieldChanged,    // a profile field: name, status, type, dates, SIC codes
  kAddressChanged,  // registered office, or an appointment's or PSC's address
  kNewOfficer,      // an appointment not seen before
  kResignation,     // resigned_on set (or changed) on a known appointment
  kOfficerRemoved,  // a known appointment no longer listed
  kNewPsc,
  kPscCeased,  // ceased_on set on a known PSC
  kPscRemoved,
};

struct RegistryChange {
  ChangeKind kind;
  std::string subject;  // company number, appointment key or PSC id
  std::string field;    // "name", "registered_office", "resigned_on", ...
  std::string before;   // "" when new
  std::string after;    // "" when removed
};

std::string_view ChangeKindName(ChangeKind kind);  // "field_changed", "new_officer", ...

// One line for an address ("Unit 4, Example Road, Testbury, TE1 2ST"),
// used to compare and to report addresses.
std::string FormatAddress(const Address& a);

// Changes from `before` to `after` of one company (same number), in a fixed
// order: fields in declaration order, then the registered office. The etag
// is not compared (it changes with anything, including what we ignore).
std::vector<RegistryChange> DiffCompany(const Company& before, const Company& after);

// Changes between two listings of a company's appointments. Appointments
// match on appointment_id, or officer_id + role when an id is missing.
// Output ordered by the key.
std::vector<RegistryChange> DiffAppointments(const std::vector<Appointment>& before,
                                             const std::vector<Appointment>& after);

// The same for PSCs, matched on psc_id.
std::vector<RegistryChange> DiffPscs(const std::vector<Psc>& before, const std::vector<Psc>& after);

}  // namespace harrier::registry

#endif  // HARRIER_REGISTRY_REGISTRY_DIFF_H_
