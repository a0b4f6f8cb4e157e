// Registry writes (schema 6): companies with versions, officers,
// appointments, PSCs, their addresses and postcode selectors, and the
// changes a refresh or an import found. See store.h "registry".
#include <iterator>
#include <memory>

#include "core/sha256.h"
#include "store/internal.h"
#include "store/registry_sql.h"
#include "store/store.h"

namespace harrier::store {

using internal::Statement;

namespace {

using registry_sql::JsonArray;
using registry_sql::JsonString;

std::string SourceName(RegistrySource source) {
  return source == RegistrySource::kApi ? "api" : "bulk";
}

std::string PreviousNamesJson(const std::vector<registry::PreviousName>& names) {
  std::string out = "[";
  for (const registry::PreviousName& n : names) {
    if (out.size() > 1) out += ',';
    out += "{\"name\":" + JsonString(n.name) +
           ",\"effective_from\":" + JsonString(n.effective_from) +
           ",\"ceased_on\":" + JsonString(n.ceased_on) + "}";
  }
  return out + "]";
}

std::string ChangeJson(const std::string& from, const std::string& to) {
  return "{\"from\":" + JsonString(from) + ",\"to\":" + JsonString(to) + "}";
}

// What the company's registry_company_version row holds, hashed so that an
// unchanged record is recognised without comparing every field.
struct CompanyFields {
  std::string name, status, type, jurisdiction, created, ceased, sic, previous_names, address;

  std::string Hash() const {
    std::string s;
    for (const std::string* f : {&name, &status, &type, &jurisdiction, &created, &ceased, &sic,
                                 &previous_names, &address}) {
      internal::AppendField(&s, *f);
    }
    return Sha256Hex(s);
  }
};

struct CompanyState {
  int64_t id = 0;
  int version = 0;
  int64_t first_seen_ms = 0;
  std::string name, status, address;
};

// Every statement an upsert needs, prepared on first use and reused for the
// rest of a batch: preparing is a large part of a small upsert's cost.
class RegistryWriter {
 public:
  explicit RegistryWriter(sqlite3* db) : db_(db) {}

  Result<RegistryUpsert> Company(const registry::Company& c, RegistrySource source, int64_t now);
  Result<RegistryUpsert> Officer(const registry::Officer& o, int64_t now);
  Result<RegistryUpsert> Appointment(const registry::Appointment& a, int64_t now);
  Result<RegistryUpsert> Psc(const registry::Psc& p, RegistrySource source, int64_t now);

 private:
  enum Slot {
    kAddressInsert,
    kAddressFind,
    kSelectorInsert,
    kSelectorFind,
    kLinkInsert,
    kCompanyFind,
    kVersionHash,
    kCompanyInsert,
    kCompanyUpdate,
    kCompanyTouch,
    kVersionInsert,
    kChangeInsert,
    kOfficerFindId,
    kOfficerFindNatural,
    kOfficerInsert,
    kOfficerUpdate,
    kOfficerRowById,
    kAppointmentFind,
    kAppointmentInsert,
    kAppointmentUpdate,
    kPscFind,
    kPscInsert,
    kPscUpdate,
    kPscSeenBefore,
    kAppointmentSeenBefore,
    kSlots
  };
  Statement& Get(Slot slot);
  Result<std::optional<int64_t>> UpsertAddress(const registry::Address& a, int64_t now);
  Status LinkPostcode(const registry::Address& a, const char* entity_kind, int64_t entity_id,
                      const char* role, int64_t now);
  // A person's name as a person_name selector of the officer or PSC.
  Status LinkPersonName(const std::string& name, const char* entity_kind, int64_t entity_id,
                        const char* role, int64_t now);
  Status LinkSelector(std::string_view kind, const std::string& value, const char* entity_kind,
                      int64_t entity_id, const char* role, int64_t now);
  Result<std::optional<CompanyState>> FindCompany(const std::string& number);
  // The company's row, inserting a stub (version 0) when it is unknown.
  Result<CompanyState> EnsureCompany(const std::string& number, RegistrySource source, int64_t now);
  // Whether an earlier refresh saw the company's PSCs (or officers): only
  // then is one not seen before "new"; the first listing is not a change.
  Result<bool> SeenBefore(Slot slot, int64_t company_id, int64_t now);
  Status AddChange(int64_t company_id, const char* kind, const std::string& detail, int64_t now,
                   RegistryUpsert* out);

  sqlite3* db_;
  std::unique_ptr<Statement> slots_[kSlots];
  static_assert(std::size(registry_sql::kWriterSql) == kSlots, "one SQL text per slot");
};

Statement& RegistryWriter::Get(Slot slot) {
  std::unique_ptr<Statement>& s = slots_[slot];
  if (s == nullptr) {
    s = std::make_unique<Statement>(db_, registry_sql::kWriterSql[slot].sql,
                                    registry_sql::kWriterSql[slot].action);
  } else {
    s->Reset();
  }
  return *s;
}

Result<std::optional<int64_t>> RegistryWriter::UpsertAddress(const registry::Address& a,
                                                             int64_t now) {
  const std::string full = registry_sql::AddressFull(a);
  if (full.empty()) return std::optional<int64_t>();
  const std::string postcode = registry_sql::NormalizePostcode(a.postal_code);
  HARRIER_RETURN_IF_ERROR(Get(kAddressInsert)
                              .Bind(full, a.care_of, a.po_box, a.premises, a.address_line_1,
                                    a.address_line_2, a.locality, a.region, postcode, a.country,
                                    now)
                              .Run());
  Statement& find = Get(kAddressFind);
  Result<bool> row = find.Bind(full).Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::Internal("find registry address: inserted address is missing");
  return std::optional<int64_t>(find.Int(0));
}

Status RegistryWriter::LinkPostcode(const registry::Address& a, const char* entity_kind,
                                    int64_t entity_id, const char* role, int64_t now) {
  const std::string postcode = registry_sql::NormalizePostcode(a.postal_code);
  if (!registry_sql::IsUkPostcode(postcode)) return Status::Ok();
  return LinkSelector("postcode", postcode, entity_kind, entity_id, role, now);
}

Status RegistryWriter::LinkPersonName(const std::string& name, const char* entity_kind,
                                      int64_t entity_id, const char* role, int64_t now) {
  const std::optional<std::string> value = NormalizePersonName(name);
  if (!value) return Status::Ok();
  return LinkSelector("person_name", *value, entity_kind, entity_id, role, now);
}

Status RegistryWriter::LinkSelector(std::string_view kind, const std::string& value,
                                    const char* entity_kind, int64_t entity_id, const char* role,
                                    int64_t now) {
  HARRIER_RETURN_IF_ERROR(Get(kSelectorInsert).Bind(value, now, kind).Run());
  Statement& find = Get(kSelectorFind);
  Result<bool> row = find.Bind(value, kind).Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::Internal("find registry selector: inserted selector is missing");
  const int64_t selector_id = find.Int(0);
  return Get(kLinkInsert)
      .Bind(selector_id, std::string_view(entity_kind), entity_id, std::string_view(role), now)
      .Run();
}

Result<std::optional<CompanyState>> RegistryWriter::FindCompany(const std::string& number) {
  Statement& q = Get(kCompanyFind);
  Result<bool> row = q.Bind(number).Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<CompanyState>();
  return std::optional<CompanyState>(CompanyState{q.Int(0), static_cast<int>(q.Int(1)), q.Int(2),
                                                  q.Text(3), q.Text(4), q.Text(5)});
}

Result<CompanyState> RegistryWriter::EnsureCompany(const std::string& number, RegistrySource source,
                                                   int64_t now) {
  if (number.empty()) return Status::InvalidArgument("registry record without a company number");
  Result<std::optional<CompanyState>> found = FindCompany(number);
  if (!found.ok()) return found.status();
  if (found->has_value()) return **found;
  Statement& insert = Get(kCompanyInsert);
  HARRIER_RETURN_IF_ERROR(
      insert.Bind(number, "", "", "", "", "", "", "[]", "[]", nullptr, SourceName(source), now, 0)
          .Run());
  return CompanyState{insert.LastInsertId(), 0, now, "", "", ""};
}

Result<bool> RegistryWriter::SeenBefore(Slot slot, int64_t company_id, int64_t now) {
  Statement& q = Get(slot);
  Result<bool> row = q.Bind(company_id, now).Step();
  if (!row.ok()) return row.status();
  return *row && q.Int(0) != 0;
}

Status RegistryWriter::AddChange(int64_t company_id, const char* kind, const std::string& detail,
                                 int64_t now, RegistryUpsert* out) {
  out->changes.emplace_back(kind);
  return Get(kChangeInsert).Bind(company_id, std::string_view(kind), detail, now).Run();
}

Result<RegistryUpsert> RegistryWriter::Company(const registry::Company& c, RegistrySource source,
                                               int64_t now) {
  const std::string number = registry_sql::PadCompanyNumber(c.number);
  if (number.empty()) return Status::InvalidArgument("upsert company: no company number");
  Result<std::optional<int64_t>> address = UpsertAddress(c.registered_office, now);
  if (!address.ok()) return address.status();
  const CompanyFields f{c.name,
                        c.status,
                        c.type,
                        c.jurisdiction,
                        c.date_of_creation,
                        c.date_of_cessation,
                        JsonArray(c.sic_codes),
                        PreviousNamesJson(c.previous_names),
                        registry_sql::AddressFull(c.registered_office)};
  const std::string hash = f.Hash();
  Result<CompanyState> state = EnsureCompany(number, source, now);
  if (!state.ok()) return state.status();
  RegistryUpsert out;
  out.id = state->id;
  if (state->version > 0) {
    Statement& current = Get(kVersionHash);
    Result<bool> row = current.Bind(state->id, state->version).Step();
    if (!row.ok()) return row.status();
    if (*row && current.Text(0) == hash) {
      HARRIER_RETURN_IF_ERROR(Get(kCompanyTouch).Bind(state->id, now).Run());
      return out;
    }
  }
  const int version = state->version + 1;
  out.is_new = state->version == 0;
  out.changed = true;
  const std::string src = SourceName(source);
  HARRIER_RETURN_IF_ERROR(Get(kVersionInsert)
                              .Bind(state->id, version, hash, f.name, f.status, f.type,
                                    f.jurisdiction, f.created, f.ceased, f.sic, f.previous_names,
                                    *address, src, now)
                              .Run());
  HARRIER_RETURN_IF_ERROR(Get(kCompanyUpdate)
                              .Bind(state->id, f.name, f.status, f.type, f.jurisdiction, f.created,
                                    f.ceased, f.sic, f.previous_names, *address, src, now, version)
                              .Run());
  if (!out.is_new) {
    if (state->name != f.name) {
      HARRIER_RETURN_IF_ERROR(
          AddChange(state->id, "name_change", ChangeJson(state->name, f.name), now, &out));
    }
    if (state->status != f.status) {
      HARRIER_RETURN_IF_ERROR(
          AddChange(state->id, "status_change", ChangeJson(state->status, f.status), now, &out));
    }
    if (state->address != f.address) {
      HARRIER_RETURN_IF_ERROR(
          AddChange(state->id, "address_change", ChangeJson(state->address, f.address), now, &out));
    }
  }
  HARRIER_RETURN_IF_ERROR(
      LinkPostcode(c.registered_office, "company", state->id, "registered_office", now));
  return out;
}

Result<RegistryUpsert> RegistryWriter::Officer(const registry::Officer& o, int64_t now) {
  const std::string kind(registry_sql::PartyKindName(o.kind));
  Statement* find = nullptr;
  if (!o.officer_id.empty()) {
    find = &Get(kOfficerFindId);
    find->Bind(o.officer_id);
  } else {
    find = &Get(kOfficerFindNatural);
    find->Bind(o.name, o.date_of_birth, kind);
  }
  Result<bool> row = find->Step();
  if (!row.ok()) return row.status();
  RegistryUpsert out;
  if (*row) {
    out.id = find->Int(0);
    HARRIER_RETURN_IF_ERROR(Get(kOfficerUpdate)
                                .Bind(out.id, o.name, kind, o.date_of_birth, o.nationality,
                                      o.country_of_residence, o.occupation, now)
                                .Run());
  } else {
    Statement& insert = Get(kOfficerInsert);
    HARRIER_RETURN_IF_ERROR(insert
                                .Bind(o.officer_id, o.name, kind, o.date_of_birth, o.nationality,
                                      o.country_of_residence, o.occupation, now)
                                .Run());
    out.id = insert.LastInsertId();
    out.is_new = out.changed = true;
  }
  if (o.kind == registry::PartyKind::kPerson) {
    HARRIER_RETURN_IF_ERROR(LinkPersonName(o.name, "officer", out.id, "officer_name", now));
  }
  return out;
}

Result<RegistryUpsert> RegistryWriter::Appointment(const registry::Appointment& a, int64_t now) {
  Statement& officer = Get(kOfficerRowById);
  Result<bool> found = officer.Bind(a.officer_id).Step();
  if (!found.ok()) return found.status();
  if (a.officer_id.empty() || !*found) {
    return Status::NotFound("upsert appointment: officer '" + a.officer_id + "' is not stored");
  }
  const int64_t officer_row = officer.Int(0);
  const std::string officer_name = officer.Text(1);
  Result<CompanyState> company =
      EnsureCompany(registry_sql::PadCompanyNumber(a.company_number), RegistrySource::kApi, now);
  if (!company.ok()) return company.status();
  Result<std::optional<int64_t>> address = UpsertAddress(a.address, now);
  if (!address.ok()) return address.status();
  Statement& find = Get(kAppointmentFind);
  Result<bool> row = find.Bind(officer_row, company->id, a.role, a.appointed_on).Step();
  if (!row.ok()) return row.status();
  RegistryUpsert out;
  const std::string detail = "{\"officer_id\":" + JsonString(a.officer_id) +
                             ",\"name\":" + JsonString(officer_name) +
                             ",\"role\":" + JsonString(a.role) + "}";
  if (!*row) {
    Statement& insert = Get(kAppointmentInsert);
    HARRIER_RETURN_IF_ERROR(insert
                                .Bind(officer_row, company->id, a.role, a.appointed_on,
                                      a.resigned_on, a.appointment_id, *address, now)
                                .Run());
    out.id = insert.LastInsertId();
    out.is_new = out.changed = true;
    Result<bool> before = SeenBefore(kAppointmentSeenBefore, company->id, now);
    if (!before.ok()) return before.status();
    if (*before) {
      HARRIER_RETURN_IF_ERROR(AddChange(company->id, "new_officer", detail, now, &out));
    }
  } else {
    out.id = find.Int(0);
    const std::string old_resigned = find.Text(1);
    HARRIER_RETURN_IF_ERROR(
        Get(kAppointmentUpdate).Bind(out.id, a.resigned_on, a.appointment_id, *address, now).Run());
    if (old_resigned.empty() && !a.resigned_on.empty()) {
      out.changed = true;
      HARRIER_RETURN_IF_ERROR(AddChange(company->id, "resignation", detail, now, &out));
    }
  }
  HARRIER_RETURN_IF_ERROR(
      LinkPostcode(a.address, "officer", officer_row, "correspondence_address", now));
  return out;
}

Result<RegistryUpsert> RegistryWriter::Psc(const registry::Psc& p, RegistrySource source,
                                           int64_t now) {
  const std::string kind(registry_sql::PartyKindName(p.kind));
  std::string key = p.psc_id;
  if (key.empty()) {
    std::string s;
    for (const std::string* f : {&kind, &p.name, &p.date_of_birth, &p.notified_on}) {
      internal::AppendField(&s, *f);
    }
    key = "nk:" + Sha256Hex(s);
  }
  Result<CompanyState> company =
      EnsureCompany(registry_sql::PadCompanyNumber(p.company_number), source, now);
  if (!company.ok()) return company.status();
  Result<std::optional<int64_t>> address = UpsertAddress(p.address, now);
  if (!address.ok()) return address.status();
  const std::string natures = JsonArray(p.natures_of_control);
  Statement& find = Get(kPscFind);
  Result<bool> row = find.Bind(company->id, key).Step();
  if (!row.ok()) return row.status();
  RegistryUpsert out;
  const std::string detail = "{\"psc\":" + JsonString(key) + ",\"kind\":" + JsonString(kind) +
                             ",\"name\":" + JsonString(p.name) + "}";
  if (!*row) {
    Statement& insert = Get(kPscInsert);
    HARRIER_RETURN_IF_ERROR(insert
                                .Bind(company->id, key, kind, p.name, p.date_of_birth,
                                      p.nationality, p.country_of_residence, natures, p.notified_on,
                                      p.ceased_on, p.registration_number, *address,
                                      SourceName(source), now)
                                .Run());
    out.id = insert.LastInsertId();
    out.is_new = out.changed = true;
    Result<bool> before = SeenBefore(kPscSeenBefore, company->id, now);
    if (!before.ok()) return before.status();
    if (*before) HARRIER_RETURN_IF_ERROR(AddChange(company->id, "new_psc", detail, now, &out));
  } else {
    out.id = find.Int(0);
    const std::string old_ceased = find.Text(1);
    HARRIER_RETURN_IF_ERROR(Get(kPscUpdate)
                                .Bind(out.id, p.name, p.date_of_birth, p.nationality,
                                      p.country_of_residence, natures, p.ceased_on,
                                      p.registration_number, *address, now)
                                .Run());
    if (old_ceased.empty() && !p.ceased_on.empty()) {
      out.changed = true;
      HARRIER_RETURN_IF_ERROR(AddChange(company->id, "psc_ceased", detail, now, &out));
    }
  }
  HARRIER_RETURN_IF_ERROR(LinkPostcode(p.address, "psc", out.id, "psc_address", now));
  if (p.kind == registry::PartyKind::kPerson) {
    HARRIER_RETURN_IF_ERROR(LinkPersonName(p.name, "psc", out.id, "psc_name", now));
  }
  return out;
}

// Runs `one` for every record in one transaction with one writer.
template <typename Record, typename Fn>
Result<std::vector<RegistryUpsert>> Batch(Store& store, sqlite3* db,
                                          const std::vector<Record>& records, const Fn& one) {
  std::vector<RegistryUpsert> out;
  out.reserve(records.size());
  Status st = store.InTransaction([&]() -> Status {
    RegistryWriter writer(db);
    for (const Record& r : records) {
      Result<RegistryUpsert> u = one(writer, r);
      if (!u.ok()) return u.status();
      out.push_back(std::move(*u));
    }
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return out;
}

}  // namespace

Result<RegistryUpsert> Store::UpsertCompany(const registry::Company& company, RegistrySource source,
                                            int64_t now_ms) {
  Result<std::vector<RegistryUpsert>> r = UpsertCompanies({company}, source, now_ms);
  if (!r.ok()) return r.status();
  return std::move(r->front());
}

Result<std::vector<RegistryUpsert>> Store::UpsertCompanies(
    const std::vector<registry::Company>& companies, RegistrySource source, int64_t now_ms) {
  return Batch(*this, db_, companies, [&](RegistryWriter& w, const registry::Company& c) {
    return w.Company(c, source, now_ms);
  });
}

Result<RegistryUpsert> Store::UpsertOfficer(const registry::Officer& officer, int64_t now_ms) {
  Result<std::vector<RegistryUpsert>> r =
      Batch(*this, db_, std::vector<registry::Officer>{officer},
            [&](RegistryWriter& w, const registry::Officer& o) { return w.Officer(o, now_ms); });
  if (!r.ok()) return r.status();
  return std::move(r->front());
}

Result<RegistryUpsert> Store::UpsertAppointment(const registry::Appointment& appointment,
                                                int64_t now_ms) {
  Result<std::vector<RegistryUpsert>> r = Batch(
      *this, db_, std::vector<registry::Appointment>{appointment},
      [&](RegistryWriter& w, const registry::Appointment& a) { return w.Appointment(a, now_ms); });
  if (!r.ok()) return r.status();
  return std::move(r->front());
}

Result<RegistryUpsert> Store::UpsertPsc(const registry::Psc& psc, RegistrySource source,
                                        int64_t now_ms) {
  Result<std::vector<RegistryUpsert>> r = UpsertPscs({psc}, source, now_ms);
  if (!r.ok()) return r.status();
  return std::move(r->front());
}

Result<std::vector<RegistryUpsert>> Store::UpsertPscs(const std::vector<registry::Psc>& pscs,
                                                      RegistrySource source, int64_t now_ms) {
  return Batch(*this, db_, pscs,
               [&](RegistryWriter& w, const registry::Psc& p) { return w.Psc(p, source, now_ms); });
}

}  // namespace harrier::store
