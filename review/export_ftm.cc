// FollowTheMoney entities (alephdata/followthemoney 3.8): a HyperText per
// advert, an Image per image, a stub for each selector (LegalEntity for a
// phone or email, UserAccount, CryptoWallet, BankAccount, Address), Similar
// for machine near-duplicate suggestions and UnknownLink for confirmed ones.
// There is no Phone or e-mail-address schema: phones and emails are
// properties of the "advertiser" LegalEntity. An advert is each selector's
// and image's `proof`.
#include <openssl/sha.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "review/export.h"
#include "review/export_ftm_internal.h"
#include "review/export_util.h"

namespace harrier::review {

namespace internal {

std::string Sha1Hex(std::string_view data) {
  unsigned char digest[SHA_DIGEST_LENGTH];
  SHA1(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest);
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char b : digest) {
    out += kHex[b >> 4];
    out += kHex[b & 15];
  }
  return out;
}

std::string FtmId(const ExportEntity& e) {
  return Sha1Hex("harrier\x1f" + std::string(EntityTypeName(e.type)) + "\x1f" + e.identity);
}

void FtmAdd(nlohmann::json& props, const std::string& name, const std::string& value) {
  std::string v = OneLine(value);
  if (v.find_first_not_of(' ') == std::string::npos) return;
  nlohmann::json& arr = props[name];
  if (!arr.is_array()) arr = nlohmann::json::array();
  for (const auto& existing : arr) {
    if (existing == v) return;
  }
  arr.push_back(v);
}

}  // namespace internal

namespace {

using internal::FtmId;
using internal::Sha1Hex;
using internal::UtcStamp;
using nlohmann::json;

void Add(json& props, const std::string& name, const std::string& value) {
  internal::FtmAdd(props, name, value);
}

std::string CaptureNote(const Provenance& p) {
  std::string note = "capture " + UtcStamp(p.capture_ms) + " SHA-256 " + p.body_sha256;
  if (!p.warc_file.empty()) {
    note += " WARC " + p.warc_file + "@" + std::to_string(p.warc_offset) + "+" +
            std::to_string(p.warc_length);
  }
  return note;
}

// Schema and properties of a selector's entity.
std::string SelectorSchema(const ExportEntity& e, json& props) {
  const std::string& v = e.value;
  size_t colon = v.find(':');
  switch (e.type) {
    case EntityType::kPhone:
      Add(props, "name", "Advertiser using " + v);
      Add(props, "phone", v);
      return "LegalEntity";
    case EntityType::kEmail:
      Add(props, "name", "Advertiser using " + v);
      Add(props, "email", v);
      return "LegalEntity";
    case EntityType::kHandle:
      Add(props, "name", v);
      Add(props, "username", colon == std::string::npos ? v : v.substr(colon + 1));
      if (colon != std::string::npos) Add(props, "service", v.substr(0, colon));
      return "UserAccount";
    case EntityType::kWallet:
      Add(props, "name", e.identity);
      Add(props, "publicKey", e.identity);
      if (colon != std::string::npos) {
        std::string chain = v.substr(0, colon);
        for (char& c : chain) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        Add(props, "currencySymbol", chain);
      }
      return "CryptoWallet";
    case EntityType::kBankAccount:
      Add(props, "name", v);
      Add(props, "accountNumber", v);
      return "BankAccount";
    case EntityType::kIban:
      Add(props, "name", v);
      Add(props, "iban", v);
      return "BankAccount";
    case EntityType::kPostcode:
      Add(props, "name", v);
      Add(props, "full", v);
      Add(props, "postalCode", v);
      Add(props, "country", "gb");
      return "Address";
    case EntityType::kPlace: {
      Add(props, "name", v);
      Add(props, "full", v);
      Add(props, "city", v.substr(0, v.find(", ")));
      size_t last = v.rfind(", ");
      std::string cc = last == std::string::npos ? "" : v.substr(last + 2);
      if (cc.size() == 2 && std::isalpha(static_cast<unsigned char>(cc[0])) &&
          std::isalpha(static_cast<unsigned char>(cc[1]))) {
        for (char& c : cc) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        Add(props, "country", cc);
      }
      return "Address";
    }
    case EntityType::kAdvert:
    case EntityType::kImage:
    case EntityType::kCompany:
    case EntityType::kPerson:
    case EntityType::kCorporate:
    case EntityType::kRegisteredAddress:
      break;
  }
  return "";
}

}  // namespace

Result<std::string> WriteFtm(const ExportGraph& graph, const Grading& grading,
                             const ExportMeta& /*meta*/) {
  HARRIER_RETURN_IF_ERROR(ValidateGrading(grading));
  std::map<std::string, std::string> ids;  // identity -> FtM id
  for (const ExportEntity& e : graph.entities) ids[e.identity] = FtmId(e);
  // What each entity is proved by (the adverts linked to it), and what each
  // advert mentions, for Analyzable's *Mentioned properties.
  std::map<std::string, std::set<std::string>> proof;
  std::map<std::string, std::vector<const ExportEntity*>> mentioned;
  const internal::EntityIndex index = internal::IndexEntities(graph);
  std::map<std::string, std::vector<std::string>> registered_at;  // identity -> addresses
  for (const ExportLink& l : graph.links) {
    if (l.type == LinkType::kRegisteredAt) registered_at[l.end1].push_back(l.end2);
    // Only adverts prove things (proof ranges over Documents).
    if (l.type != LinkType::kMentions && l.type != LinkType::kShows) continue;
    proof[l.end2].insert(ids[l.end1]);
    if (const ExportEntity* s = internal::Lookup(index, l.end2)) mentioned[l.end1].push_back(s);
  }

  json context = {{"marking", internal::OneLine(grading.marking)},
                  {"grading", internal::OneLine(GradeText(grading))}};
  if (!grading.handling_instructions.empty())
    context["handling_instructions"] = internal::OneLine(grading.handling_instructions);
  std::string out;
  auto emit = [&](const std::string& id, const std::string& schema, json props) {
    json line = {{"id", id}, {"schema", schema}, {"properties", std::move(props)}};
    line.update(context);
    out += line.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
  };

  for (const ExportEntity& e : graph.entities) {
    json props = json::object();
    const Provenance& p = e.provenance;
    std::string schema;
    if (e.type == EntityType::kAdvert) {
      schema = "HyperText";
      Add(props, "name", e.label);
      Add(props, "title", e.title);
      Add(props, "fileName", e.identity + ".html");
      Add(props, "publisher", p.source);
      for (const ExportEntity* s : mentioned[e.identity]) {
        if (s->type == EntityType::kPhone) Add(props, "phoneMentioned", s->value);
        if (s->type == EntityType::kEmail) Add(props, "emailMentioned", s->value);
        if (s->type == EntityType::kIban) Add(props, "ibanMentioned", s->value);
      }
      Add(props, "locationMentioned", e.location);
    } else if (e.type == EntityType::kImage) {
      schema = "Image";
      Add(props, "name", e.identity);
      Add(props, "fileName", e.value);
      Add(props, "notes", "image SHA-256 " + e.value);
    } else if (internal::IsRegistryEntity(e.type)) {
      schema = internal::RegistryFtmSchema(e, ids, registered_at[e.identity], props);
    } else {
      schema = SelectorSchema(e, props);
      Add(props, "notes", "first shown by " + p.url);
    }
    // FtM's url type: a scraped or odd scheme (javascript:, data:) stays out.
    if (p.url.rfind("http://", 0) == 0 || p.url.rfind("https://", 0) == 0)
      Add(props, "sourceUrl", p.url);
    Add(props, "retrievedAt", UtcStamp(p.capture_ms));
    if (!internal::IsRegistryEntity(e.type)) Add(props, "notes", CaptureNote(p));
    // Already unique: pushed without Add's linear duplicate check (a phone
    // shown by thousands of adverts would make that quadratic).
    for (const std::string& advert : proof[e.identity]) props["proof"].push_back(advert);
    emit(ids[e.identity], schema, std::move(props));
  }

  for (const ExportLink& l : graph.links) {
    if (l.type != LinkType::kNearDuplicate) continue;
    json props = json::object();
    std::string id = Sha1Hex("harrier\x1fnear-duplicate\x1f" + l.end1 + "\x1f" + l.end2);
    if (l.strength == LinkStrength::kConfirmed) {
      Add(props, "subject", ids[l.end1]);
      Add(props, "object", ids[l.end2]);
      Add(props, "role", "near-duplicate image (analyst-confirmed)");
      emit(id, "UnknownLink", std::move(props));
    } else {
      Add(props, "candidate", ids[l.end1]);
      Add(props, "match", ids[l.end2]);
      Add(props, "criteria", "PDQ distance " + std::to_string(l.distance));
      Add(props, "matcher", "harrier " + l.method);
      emit(id, "Similar", std::move(props));
    }
  }
  internal::EmitRegistryLinks(graph, ids, emit);
  return out;
}

}  // namespace harrier::review
