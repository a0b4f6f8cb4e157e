// ValidateFtm: the FollowTheMoney rules Harrier's exports must keep
// (followthemoney 3.8: types/entity.py for ids, schema/*.yaml for the
// schemata and their property types), so `ftm validate` and Aleph accept
// them. Only the schemata Harrier writes (and their ancestors' properties)
// are known here; anything else is refused rather than guessed at.
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <tuple>

#include "review/export.h"
#include "review/export_util.h"

namespace harrier::review {

namespace {

using nlohmann::json;
using Props = std::map<std::string, std::string>;  // property -> type

const Props& ThingProps() {
  static const Props p = {{"name", "name"},
                          {"summary", "text"},
                          {"description", "text"},
                          {"country", "country"},
                          {"alias", "name"},
                          {"previousName", "name"},
                          {"weakAlias", "name"},
                          {"sourceUrl", "url"},
                          {"publisher", "string"},
                          {"keywords", "string"},
                          {"topics", "string"},
                          {"address", "address"},
                          {"addressEntity", "entity"},
                          {"notes", "text"},
                          {"proof", "entity"},
                          {"createdAt", "date"},
                          {"modifiedAt", "date"},
                          {"retrievedAt", "date"}};
  return p;
}

struct Schema {
  Props props;
  std::set<std::string> required;
};

Props With(Props base, const Props& more) {
  base.insert(more.begin(), more.end());
  return base;
}

const std::map<std::string, Schema>& Schemata() {
  static const std::map<std::string, Schema> s = [] {
    std::map<std::string, Schema> m;
    Props legal = With(ThingProps(), {{"email", "email"},
                                      {"phone", "phone"},
                                      {"website", "url"},
                                      {"legalForm", "string"},
                                      {"incorporationDate", "date"},
                                      {"dissolutionDate", "date"},
                                      {"taxNumber", "identifier"},
                                      {"vatCode", "identifier"},
                                      {"registrationNumber", "identifier"},
                                      {"idNumber", "identifier"},
                                      {"jurisdiction", "country"},
                                      {"mainCountry", "country"},
                                      {"status", "string"}});
    Props document = With(ThingProps(), {{"fileName", "string"},
                                         {"title", "string"},
                                         {"contentHash", "checksum"},
                                         {"mimeType", "string"},
                                         {"fileSize", "number"},
                                         {"author", "string"},
                                         {"date", "date"},
                                         {"publishedAt", "date"},
                                         {"crawler", "string"},
                                         {"bodyText", "text"},
                                         {"phoneMentioned", "phone"},
                                         {"emailMentioned", "email"},
                                         {"ibanMentioned", "iban"},
                                         {"locationMentioned", "address"},
                                         {"namesMentioned", "name"}});
    Props interval = {{"startDate", "date"},   {"endDate", "date"},     {"date", "date"},
                      {"summary", "text"},     {"description", "text"}, {"sourceUrl", "url"},
                      {"publisher", "string"}, {"retrievedAt", "date"}, {"modifiedAt", "date"}};
    m["LegalEntity"] = {legal, {"name"}};
    m["Person"] = {With(legal, {{"birthDate", "date"},
                                {"birthPlace", "string"},
                                {"nationality", "country"},
                                {"firstName", "name"},
                                {"middleName", "name"},
                                {"lastName", "name"},
                                {"title", "string"},
                                {"gender", "string"},
                                {"position", "string"}}),
                   {"name"}};
    m["Organization"] = {legal, {"name"}};
    m["Company"] = {With(legal, {{"capital", "string"}}), {"name"}};
    m["Document"] = {document, {"name", "fileName"}};
    m["HyperText"] = {With(document, {{"bodyHtml", "text"}}), {"name", "fileName"}};
    m["Image"] = {With(document, {{"pictured", "entity"}}), {"name", "fileName"}};
    m["UserAccount"] = {With(ThingProps(), {{"username", "string"},
                                            {"service", "string"},
                                            {"email", "email"},
                                            {"number", "phone"},
                                            {"owner", "entity"}}),
                        {"name", "username"}};
    m["CryptoWallet"] = {With(ThingProps(), {{"publicKey", "identifier"},
                                             {"currencySymbol", "string"},
                                             {"holder", "entity"},
                                             {"creationDate", "date"},
                                             {"balance", "number"}}),
                         {"name"}};
    m["BankAccount"] = {With(ThingProps(), {{"accountNumber", "identifier"},
                                            {"iban", "iban"},
                                            {"bic", "identifier"},
                                            {"bankName", "string"},
                                            {"bank", "entity"},
                                            {"accountType", "string"}}),
                        {"name"}};
    m["Address"] = {With(ThingProps(), {{"full", "address"},
                                        {"street", "address"},
                                        {"street2", "address"},
                                        {"city", "string"},
                                        {"postalCode", "string"},
                                        {"region", "string"},
                                        {"state", "string"},
                                        {"latitude", "number"},
                                        {"longitude", "number"}}),
                    {"name"}};
    m["Similar"] = {{{"candidate", "entity"},
                     {"match", "entity"},
                     {"confidenceScore", "number"},
                     {"criteria", "string"},
                     {"matcher", "string"}},
                    {"candidate", "match"}};
    Props interest = With(interval, {{"role", "string"}, {"status", "string"}});
    m["Directorship"] = {
        With(interest,
             {{"director", "entity"}, {"organization", "entity"}, {"secretary", "string"}}),
        {"director", "organization"}};
    m["Ownership"] = {With(interest, {{"owner", "entity"},
                                      {"asset", "entity"},
                                      {"percentage", "string"},
                                      {"sharesCount", "string"},
                                      {"sharesValue", "string"},
                                      {"sharesCurrency", "string"},
                                      {"sharesType", "string"},
                                      {"legalBasis", "string"},
                                      {"ownershipType", "string"}}),
                      {"owner", "asset"}};
    m["UnknownLink"] = {
        With(interval, {{"subject", "entity"}, {"object", "entity"}, {"role", "string"}}),
        {"subject", "object"}};
    return m;
  }();
  return s;
}

// The schemata an entity property may point at (its range in the schema
// YAML, with the descendants Harrier writes); nullptr when any will do.
const std::set<std::string>* Range(const std::string& schema, const std::string& property) {
  static const std::set<std::string> kLegal = {"LegalEntity", "Person", "Organization", "Company"};
  static const std::set<std::string> kOrganization = {"Organization", "Company"};
  static const std::set<std::string> kAsset = {"Company", "BankAccount"};
  static const std::set<std::string> kAddress = {"Address"};
  static const std::set<std::string> kDocument = {"Document", "HyperText", "Image"};
  if (property == "addressEntity") return &kAddress;
  if (property == "proof") return &kDocument;
  if (schema == "Directorship") {
    if (property == "director") return &kLegal;
    if (property == "organization") return &kOrganization;
  }
  if (schema == "Ownership") {
    if (property == "owner") return &kLegal;
    if (property == "asset") return &kAsset;
  }
  return nullptr;
}

const std::regex& IdPattern() {
  static const std::regex r("^[0-9a-zA-Z]([0-9a-zA-Z.-]*[0-9a-zA-Z])?$");
  return r;
}

// An ISO 8601 prefix: 2024, 2024-05, 2024-05-01, 2024-05-01T12, ...:00:00(Z).
bool IsIsoDatePrefix(const std::string& v) {
  static const std::regex r(
      "^[0-9]{4}(-[0-9]{2}(-[0-9]{2}(T[0-9]{2}(:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?)?"
      "(Z|[+-][0-9]{2}:?[0-9]{2})?)?)?)?$");
  return std::regex_match(v, r);
}

// Why `value` is not a valid `type`, or "".
std::string CheckValue(const std::string& type, const std::string& v) {
  if (v.empty()) return "an empty value";
  if (type == "phone" && !internal::IsE164(v)) return "'" + v + "' is not E.164";
  if (type == "date" && !IsIsoDatePrefix(v)) return "'" + v + "' is not an ISO 8601 date";
  if (type == "country" && !std::regex_match(v, std::regex("^[a-z]{2}$")))
    return "'" + v + "' is not a lower-case ISO 3166-1 alpha-2 code";
  if (type == "entity" && !std::regex_match(v, IdPattern()))
    return "'" + v + "' is not an entity id";
  if (type == "email" && v.find('@') == std::string::npos) return "'" + v + "' is not an email";
  if (type == "url" && v.rfind("http://", 0) != 0 && v.rfind("https://", 0) != 0)
    return "'" + v + "' is not an http(s) URL";
  if (type == "checksum" && !std::regex_match(v, std::regex("^[0-9a-f]{40}$")))
    return "'" + v + "' is not a SHA-1";
  if (type == "iban" && !std::regex_match(v, std::regex("^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$")))
    return "'" + v + "' is not an IBAN";
  return "";
}

Status Bad(size_t line, const std::string& why) {
  return Status::InvalidArgument("FtM line " + std::to_string(line) + ": " + why);
}

}  // namespace

Status ValidateFtm(std::string_view jsonl) {
  std::map<std::string, std::string> schema_of;  // id -> schema
  // line, property, id, the schema it must be one of (or null)
  std::vector<std::tuple<size_t, std::string, std::string, const std::set<std::string>*>> refs;
  size_t line_no = 0;
  for (size_t pos = 0; pos < jsonl.size();) {
    size_t end = jsonl.find('\n', pos);
    if (end == std::string_view::npos) end = jsonl.size();
    std::string_view text = jsonl.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (text.empty()) continue;
    json e = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (!e.is_object()) return Bad(line_no, "not a JSON object");
    if (!e.contains("id") || !e["id"].is_string() ||
        !std::regex_match(e["id"].get<std::string>(), IdPattern()))
      return Bad(line_no, "id missing or not matching ^[0-9a-zA-Z]([0-9a-zA-Z.-]*[0-9a-zA-Z])?$");
    std::string id = e["id"];
    if (!e.contains("schema") || !e["schema"].is_string()) return Bad(line_no, "no schema");
    std::string schema_name = e["schema"];
    auto schema = Schemata().find(schema_name);
    if (schema == Schemata().end()) return Bad(line_no, "unknown schema '" + schema_name + "'");
    auto [seen, fresh] = schema_of.emplace(id, schema_name);
    if (!fresh && seen->second != schema_name)
      return Bad(line_no, "id " + id + " is both " + seen->second + " and " + schema_name);
    if (!e.contains("properties") || !e["properties"].is_object())
      return Bad(line_no, "properties missing or not an object");
    for (const auto& [name, values] : e["properties"].items()) {
      auto type = schema->second.props.find(name);
      if (type == schema->second.props.end())
        return Bad(line_no, schema_name + " has no property '" + name + "'");
      if (!values.is_array()) return Bad(line_no, "property " + name + " is not an array");
      for (const auto& v : values) {
        if (!v.is_string()) return Bad(line_no, "property " + name + " holds a non-string value");
        std::string why = CheckValue(type->second, v.get<std::string>());
        if (!why.empty()) return Bad(line_no, "property " + name + ": " + why);
        if (type->second == "entity")
          refs.emplace_back(line_no, name, v.get<std::string>(), Range(schema_name, name));
      }
    }
    for (const std::string& req : schema->second.required) {
      if (!e["properties"].contains(req) || e["properties"][req].empty())
        return Bad(line_no, schema_name + " needs property '" + req + "'");
    }
  }
  for (const auto& [line, name, target, range] : refs) {
    auto found = schema_of.find(target);
    if (found == schema_of.end())
      return Bad(line, "property " + name + " refers to " + target + ", not in the stream");
    if (range != nullptr && !range->count(found->second))
      return Bad(line, "property " + name + " refers to a " + found->second +
                           ", which it cannot (" + *range->begin() + "...)");
  }
  return Status::Ok();
}

}  // namespace harrier::review
