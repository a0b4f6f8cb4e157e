#include "registry/registry_diff.h"

#include <map>

namespace harrier::registry {
namespace {

void Field(std::vector<RegistryChange>& out, const std::string& subject, const char* name,
           const std::string& before, const std::string& after) {
  if (before != after) out.push_back({ChangeKind::kFieldChanged, subject, name, before, after});
}

std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) out += (out.empty() ? "" : ",") + s;
  return out;
}

std::string AppointmentKey(const Appointment& a) {
  return a.appointment_id.empty() ? a.officer_id + "/" + a.role : a.appointment_id;
}

}  // namespace

std::string_view ChangeKindName(ChangeKind kind) {
  switch (kind) {
    case ChangeKind::kFieldChanged:
      return "field_changed";
    case ChangeKind::kAddressChanged:
      return "address_changed";
    case ChangeKind::kNewOfficer:
      return "new_officer";
    case ChangeKind::kResignation:
      return "resignation";
    case ChangeKind::kOfficerRemoved:
      return "officer_removed";
    case ChangeKind::kNewPsc:
      return "new_psc";
    case ChangeKind::kPscCeased:
      return "psc_ceased";
    case ChangeKind::kPscRemoved:
      return "psc_removed";
  }
  return "unknown";
}

std::string FormatAddress(const Address& a) {
  std::string out;
  for (const std::string* part :
       {&a.care_of, &a.po_box, &a.premises, &a.address_line_1, &a.address_line_2, &a.locality,
        &a.region, &a.postal_code, &a.country}) {
    if (part->empty()) continue;
    if (!out.empty()) out += ", ";
    out += *part;
  }
  return out;
}

std::vector<RegistryChange> DiffCompany(const Company& before, const Company& after) {
  std::vector<RegistryChange> out;
  const std::string& n = after.number;
  Field(out, n, "name", before.name, after.name);
  Field(out, n, "status", before.status, after.status);
  Field(out, n, "type", before.type, after.type);
  Field(out, n, "jurisdiction", before.jurisdiction, after.jurisdiction);
  Field(out, n, "date_of_creation", before.date_of_creation, after.date_of_creation);
  Field(out, n, "date_of_cessation", before.date_of_cessation, after.date_of_cessation);
  Field(out, n, "sic_codes", Join(before.sic_codes), Join(after.sic_codes));
  std::string was = FormatAddress(before.registered_office);
  std::string now = FormatAddress(after.registered_office);
  if (was != now) out.push_back({ChangeKind::kAddressChanged, n, "registered_office", was, now});
  return out;
}

std::vector<RegistryChange> DiffAppointments(const std::vector<Appointment>& before,
                                             const std::vector<Appointment>& after) {
  std::map<std::string, const Appointment*> old_by_key, new_by_key;
  for (const Appointment& a : before) old_by_key[AppointmentKey(a)] = &a;
  for (const Appointment& a : after) new_by_key[AppointmentKey(a)] = &a;
  std::vector<RegistryChange> out;
  for (const auto& [key, a] : new_by_key) {
    auto it = old_by_key.find(key);
    if (it == old_by_key.end()) {
      out.push_back({ChangeKind::kNewOfficer, key, "officer_id", "", a->officer_id});
      continue;
    }
    const Appointment& was = *it->second;
    if (was.resigned_on != a->resigned_on) {
      out.push_back(
          {ChangeKind::kResignation, key, "resigned_on", was.resigned_on, a->resigned_on});
    }
    std::string old_addr = FormatAddress(was.address), new_addr = FormatAddress(a->address);
    if (old_addr != new_addr) {
      out.push_back({ChangeKind::kAddressChanged, key, "address", old_addr, new_addr});
    }
  }
  for (const auto& [key, a] : old_by_key) {
    if (!new_by_key.count(key)) {
      out.push_back({ChangeKind::kOfficerRemoved, key, "officer_id", a->officer_id, ""});
    }
  }
  return out;
}

std::vector<RegistryChange> DiffPscs(const std::vector<Psc>& before,
                                     const std::vector<Psc>& after) {
  std::map<std::string, const Psc*> old_by_id, new_by_id;
  for (const Psc& p : before) old_by_id[p.psc_id] = &p;
  for (const Psc& p : after) new_by_id[p.psc_id] = &p;
  std::vector<RegistryChange> out;
  for (const auto& [id, p] : new_by_id) {
    auto it = old_by_id.find(id);
    if (it == old_by_id.end()) {
      out.push_back({ChangeKind::kNewPsc, id, "name", "", p->name});
      continue;
    }
    const Psc& was = *it->second;
    if (was.ceased_on != p->ceased_on) {
      out.push_back({ChangeKind::kPscCeased, id, "ceased_on", was.ceased_on, p->ceased_on});
    }
    std::string old_addr = FormatAddress(was.address), new_addr = FormatAddress(p->address);
    if (old_addr != new_addr) {
      out.push_back({ChangeKind::kAddressChanged, id, "address", old_addr, new_addr});
    }
  }
  for (const auto& [id, p] : old_by_id) {
    if (!new_by_id.count(id)) out.push_back({ChangeKind::kPscRemoved, id, "name", p->name, ""});
  }
  return out;
}

}  // namespace harrier::registry
