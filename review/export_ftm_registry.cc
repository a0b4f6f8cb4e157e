// FollowTheMoney for Companies House entities (followthemoney 3.8 schema
// YAML): Company, Person, LegalEntity (a corporate party the store holds no
// company of, without a registration number), Address, and the intervals
// Directorship (director -> organization) and Ownership (owner -> asset).
#include <algorithm>
#include <cctype>

#include "review/export_ftm_internal.h"
#include "review/export_util.h"

namespace harrier::review::internal {

namespace {

using nlohmann::json;

// FtM's nationality is a country code; the register gives a demonym. The
// ones seen most in UK registers; anything else stays in notes as given.
std::string NationalityCode(std::string text) {
  static const std::map<std::string, std::string> kCodes = {
      {"british", "gb"},        {"english", "gb"},   {"scottish", "gb"},   {"welsh", "gb"},
      {"northern irish", "gb"}, {"irish", "ie"},     {"american", "us"},   {"french", "fr"},
      {"german", "de"},         {"italian", "it"},   {"spanish", "es"},    {"portuguese", "pt"},
      {"polish", "pl"},         {"romanian", "ro"},  {"bulgarian", "bg"},  {"lithuanian", "lt"},
      {"latvian", "lv"},        {"hungarian", "hu"}, {"slovak", "sk"},     {"czech", "cz"},
      {"albanian", "al"},       {"chinese", "cn"},   {"vietnamese", "vn"}, {"thai", "th"},
      {"indian", "in"},         {"pakistani", "pk"}, {"nigerian", "ng"},   {"turkish", "tr"},
      {"ukrainian", "ua"},      {"dutch", "nl"},     {"greek", "gr"},      {"brazilian", "br"}};
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto it = kCodes.find(text);
  return it == kCodes.end() ? "" : it->second;
}

void AddNationality(json& props, const std::string& nationality) {
  std::string code = NationalityCode(nationality);
  if (!code.empty()) {
    FtmAdd(props, "nationality", code);
  } else if (!nationality.empty()) {
    FtmAdd(props, "notes", "nationality as registered: " + nationality);
  }
}

const std::string* IdOf(const std::map<std::string, std::string>& ids, const std::string& key) {
  auto it = ids.find(key);
  return it == ids.end() ? nullptr : &it->second;
}

}  // namespace

bool IsRegistryEntity(EntityType type) {
  return type == EntityType::kCompany || type == EntityType::kPerson ||
         type == EntityType::kCorporate || type == EntityType::kRegisteredAddress;
}

std::string RegistryFtmSchema(const ExportEntity& e, const std::map<std::string, std::string>& ids,
                              const std::vector<std::string>& addresses, json& props) {
  const RegistryFacts& f = e.registry;
  FtmAdd(props, "name", e.label);
  if (e.type == EntityType::kRegisteredAddress) {
    FtmAdd(props, "full", f.address_full);
    FtmAdd(props, "postalCode", f.postal_code);
    FtmAdd(props, "country", f.jurisdiction);
    return "Address";
  }
  for (const std::string& a : addresses) {
    if (const std::string* id = IdOf(ids, a)) FtmAdd(props, "addressEntity", *id);
  }
  if (e.type == EntityType::kPerson) {
    FtmAdd(props, "birthDate", f.birth_date.substr(0, 7));  // month and year only
    AddNationality(props, f.nationality);
    return "Person";
  }
  FtmAdd(props, "registrationNumber", f.registration_number);
  FtmAdd(props, "jurisdiction", f.jurisdiction);
  FtmAdd(props, "incorporationDate", f.incorporation_date);
  FtmAdd(props, "dissolutionDate", f.dissolution_date);
  FtmAdd(props, "status", f.status);
  FtmAdd(props, "address", f.address_full);
  // A corporate party is a Company when it has a registration number (an
  // asset that can be owned), else a LegalEntity.
  if (e.type == EntityType::kCompany || !f.registration_number.empty()) return "Company";
  return "LegalEntity";
}

void EmitRegistryLinks(const ExportGraph& graph, const std::map<std::string, std::string>& ids,
                       const FtmEmit& emit) {
  for (const RegistryInterest& in : graph.interests) {
    if (in.link >= graph.links.size()) continue;
    const ExportLink& l = graph.links[in.link];
    const std::string* from = IdOf(ids, l.end1);
    const std::string* to = IdOf(ids, l.end2);
    if (from == nullptr || to == nullptr) continue;
    const bool directorship = l.type == LinkType::kDirectorship;
    json props = json::object();
    FtmAdd(props, directorship ? "director" : "owner", *from);
    FtmAdd(props, directorship ? "organization" : "asset", *to);
    for (const std::string& role : in.roles) FtmAdd(props, "role", role);
    FtmAdd(props, "startDate", in.start_date);
    FtmAdd(props, "endDate", in.end_date);
    std::string key = std::string(LinkTypeName(l.type)) + "\x1f" + l.end1 + "\x1f" + l.end2 +
                      "\x1f" + in.start_date + "\x1f" + (in.roles.empty() ? "" : in.roles[0]);
    emit(Sha1Hex("harrier\x1f" + key), directorship ? "Directorship" : "Ownership",
         std::move(props));
  }
  for (const ExportLink& l : graph.links) {
    if (l.type != LinkType::kInPostcode) continue;
    const std::string* from = IdOf(ids, l.end1);
    const std::string* to = IdOf(ids, l.end2);
    if (from == nullptr || to == nullptr) continue;
    json props = json::object();
    FtmAdd(props, "subject", *from);
    FtmAdd(props, "object", *to);
    FtmAdd(props, "role", "registered address in a postcode adverts mention");
    emit(Sha1Hex("harrier\x1fin-postcode\x1f" + l.end1 + "\x1f" + l.end2), "UnknownLink",
         std::move(props));
  }
}

}  // namespace harrier::review::internal
