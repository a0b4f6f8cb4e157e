#include "cli/registry_commands.h"

#include <nlohmann/json.hpp>

#include "cli/table.h"

namespace harrier::cli {

namespace {

using nlohmann::json;

std::string Time(int64_t ms) { return ms == 0 ? std::string("-") : FormatUtc(FromUnixMillis(ms)); }

std::string Joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

std::string Or(const std::string& s, const char* fallback) { return s.empty() ? fallback : s; }

// A change's detail as stored (JSON the store wrote); kept as text if it
// does not parse.
json DetailJson(const std::string& detail) {
  json j = json::parse(detail, nullptr, /*allow_exceptions=*/false);
  return j.is_discarded() ? json(detail) : j;
}

// {"from": A, "to": B} as "A -> B"; any other detail as compact JSON.
std::string DetailText(const std::string& detail) {
  const json j = DetailJson(detail);
  if (j.is_object() && j.contains("from") && j.contains("to") && j["from"].is_string() &&
      j["to"].is_string()) {
    return j["from"].get<std::string>() + " -> " + j["to"].get<std::string>();
  }
  return j.is_string() ? j.get<std::string>()
                       : j.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string PartyText(const store::RegistryPostcodeParty& p) {
  if (p.role == "registered_office") return "registered office";
  return (p.role == "psc" ? "PSC " : "officer ") + p.name;
}

json DocumentJson(const store::DocumentSummary& d) {
  return {{"id", d.id},       {"source", d.source},     {"url", d.url},
          {"title", d.title}, {"location", d.location}, {"last_seen", Time(d.last_seen_ms)}};
}

json CompanyJson(const store::RegistryCompanyView& c,
                 const std::vector<store::RegistryChangeRow>& changes,
                 const std::vector<store::RegistryPostcodeAdverts>& postcodes) {
  json j = {
      {"number", c.number},
      {"name", c.name},
      {"status", c.status},
      {"type", c.type},
      {"jurisdiction", c.jurisdiction},
      {"incorporated", c.created},
      {"ceased", c.ceased},
      {"sic", c.sic},
      {"previous_names", c.previous_names},
      {"registered_office",
       {{"address", c.registered_office.full}, {"postcode", c.registered_office.postal_code}}},
      {"source", c.source},
      {"version", c.version},
      {"first_seen", Time(c.first_seen_ms)},
      {"last_seen", Time(c.last_seen_ms)},
      {"officers", json::array()},
      {"pscs", json::array()},
      {"changes", json::array()},
      {"postcodes", json::array()}};
  for (const store::RegistryOfficerView& o : c.officers) {
    j["officers"].push_back({{"officer_id", o.officer_id},
                             {"name", o.name},
                             {"kind", o.kind},
                             {"role", o.role},
                             {"appointed", o.appointed_on},
                             {"resigned", o.resigned_on}});
  }
  for (const store::RegistryPscView& p : c.pscs) {
    j["pscs"].push_back({{"name", p.name},
                         {"kind", p.kind},
                         {"natures_of_control", p.natures},
                         {"notified", p.notified_on},
                         {"ceased", p.ceased_on},
                         {"address", p.address.full},
                         {"postcode", p.address.postal_code}});
  }
  for (const store::RegistryChangeRow& ch : changes) {
    j["changes"].push_back(
        {{"kind", ch.kind}, {"detail", DetailJson(ch.detail)}, {"seen", Time(ch.seen_ms)}});
  }
  for (const store::RegistryPostcodeAdverts& pc : postcodes) {
    json parties = json::array(), adverts = json::array();
    for (const auto& p : pc.parties) parties.push_back({{"role", p.role}, {"name", p.name}});
    for (const auto& d : pc.adverts) adverts.push_back(DocumentJson(d));
    j["postcodes"].push_back(
        {{"postcode", pc.postcode}, {"parties", parties}, {"adverts", adverts}});
  }
  return j;
}

void PrintOrNone(std::ostream& out, const Table& t) {
  if (t.size() == 0) {
    out << "(none stored)\n";
  } else {
    t.Print(out);
  }
}

void PrintProfile(std::ostream& out, const store::RegistryCompanyView& c) {
  auto line = [&out](const char* label, const std::string& value) {
    out << label << SanitizeForTerminal(value) << "\n";
  };
  line("company       ", c.number + "  " + Or(c.name, "(name not yet known)"));
  if (c.version == 0) out << "(a stub: known only from a PSC or an appointment)\n";
  line("status:       ", Or(c.status, "-"));
  line("type:         ", Or(c.type, "-"));
  line("incorporated: ", Or(c.created, "-"));
  if (!c.ceased.empty()) line("ceased:       ", c.ceased);
  line("SIC:          ", Or(Joined(c.sic), "-"));
  line("registered office: ", Or(c.registered_office.full, "-"));
  if (!c.previous_names.empty()) line("previous names: ", Joined(c.previous_names));
  out << "source:       " << c.source << ", version " << c.version << ", seen "
      << Time(c.first_seen_ms) << " to " << Time(c.last_seen_ms) << "\n";
}

void PrintPeople(std::ostream& out, const store::RegistryCompanyView& c) {
  out << "\nofficers:\n";
  Table officers({"NAME", "ROLE", "APPOINTED", "RESIGNED"}, 60);
  for (const auto& o : c.officers) {
    officers.AddRow({o.name, o.role, Or(o.appointed_on, "-"), Or(o.resigned_on, "-")});
  }
  PrintOrNone(out, officers);
  out << "\npersons with significant control:\n";
  Table pscs({"NAME", "KIND", "NATURES OF CONTROL", "NOTIFIED", "CEASED"}, 60);
  for (const auto& p : c.pscs) {
    pscs.AddRow({Or(p.name, "(withheld)"), p.kind, Joined(p.natures), Or(p.notified_on, "-"),
                 Or(p.ceased_on, "-")});
  }
  PrintOrNone(out, pscs);
}

void PrintChangesAndAdverts(std::ostream& out, const std::vector<store::RegistryChangeRow>& changes,
                            const std::vector<store::RegistryPostcodeAdverts>& postcodes) {
  out << "\nchanges recorded:\n";
  Table t({"SEEN (UTC)", "CHANGE", "DETAIL"}, 70);
  for (const auto& ch : changes) t.AddRow({Time(ch.seen_ms), ch.kind, DetailText(ch.detail)});
  PrintOrNone(out, t);
  out << "\nadverts at its postcodes:\n";
  if (postcodes.empty()) out << "(no postcode stored)\n";
  for (const auto& pc : postcodes) {
    std::string who;
    for (const auto& p : pc.parties) who += (who.empty() ? "" : "; ") + PartyText(p);
    out << pc.adverts.size() << (pc.adverts.size() == 1 ? " advert shares" : " adverts share")
        << " postcode " << SanitizeForTerminal(pc.postcode) << " (" << SanitizeForTerminal(who)
        << ")\n";
    if (pc.adverts.empty()) continue;
    Table ads({"ADVERT", "TITLE", "LAST SEEN", "URL"}, 50);
    for (const auto& d : pc.adverts) {
      ads.AddRow({std::to_string(d.id), d.title, Time(d.last_seen_ms), d.url});
    }
    ads.Print(out);
  }
}

}  // namespace

Status CmdShowCompany(CommandContext& ctx, const std::string& typed) {
  const std::string number = store::NormalizeCompanyNumber(typed);
  if (number.empty()) {
    return Status::InvalidArgument("'" + SanitizeForTerminal(typed) +
                                   "' is not a company number (8 letters or digits)");
  }
  HARRIER_RETURN_IF_ERROR(Audit(ctx, "consultation.show", "company:" + number, {{"input", typed}}));
  Result<std::optional<store::RegistryCompanyView>> company = ctx.store.GetCompany(number);
  if (!company.ok()) return company.status();
  if (!*company) return Status::NotFound("no company " + number + " in the registry records");
  Result<std::vector<store::RegistryChangeRow>> changes = ctx.store.ListCompanyChanges(number);
  if (!changes.ok()) return changes.status();
  Result<std::vector<store::RegistryPostcodeAdverts>> postcodes =
      ctx.store.AdvertsAtCompanyPostcodes(number);
  if (!postcodes.ok()) return postcodes.status();
  if (ctx.json) {
    ctx.out << CompanyJson(**company, *changes, *postcodes)
                   .dump(2, ' ', false, json::error_handler_t::replace)
            << '\n';
    return Status::Ok();
  }
  PrintProfile(ctx.out, **company);
  PrintPeople(ctx.out, **company);
  PrintChangesAndAdverts(ctx.out, *changes, *postcodes);
  return Status::Ok();
}

}  // namespace harrier::cli
