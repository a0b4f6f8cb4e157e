// JSON-LD profiles (sources.md §4; Google's ProfilePage structured data).
#include "social/json_ld.h"

#include <map>

#include "social/json_util.h"
#include "social/social_text.h"

namespace harrier::social {
namespace {

using nlohmann::json;

bool IsSchemaOrg(std::string_view s) {
  while (!s.empty() && s.back() == '/') s.remove_suffix(1);
  return s == "https://schema.org" || s == "http://schema.org";
}

bool HasSchemaContext(const json& context) {
  if (context.is_string()) return IsSchemaOrg(context.get_ref<const std::string&>());
  if (context.is_array()) {
    for (const json& c : context) {
      if (HasSchemaContext(c)) return true;
    }
  }
  if (context.is_object()) return IsSchemaOrg(JsonStr(context, "@vocab"));
  return false;
}

// "Person", "schema:Person" and "https://schema.org/Person" alike.
bool HasType(const json& node, std::string_view type) {
  const auto it = node.find("@type");
  if (it == node.end()) return false;
  auto matches = [&](const json& t) {
    if (!t.is_string()) return false;
    const std::string& s = t.get_ref<const std::string&>();
    const size_t cut = s.find_last_of("/:");
    return std::string_view(s).substr(cut == std::string::npos ? 0 : cut + 1) == type;
  };
  if (it->is_array()) {
    for (const json& t : *it) {
      if (matches(t)) return true;
    }
    return false;
  }
  return matches(*it);
}

// Top-level nodes with a schema.org context, flattening arrays and @graph;
// graph members inherit the context of the object that holds them.
void CollectNodes(const json& j, bool in_schema, std::vector<const json*>* out) {
  if (j.is_array()) {
    for (const json& item : j) CollectNodes(item, in_schema, out);
    return;
  }
  if (!j.is_object()) return;
  const auto ctx = j.find("@context");
  const bool schema = ctx != j.end() ? HasSchemaContext(*ctx) : in_schema;
  if (!schema) return;
  out->push_back(&j);
  if (const json* graph = JsonMember(j, "@graph", json::value_t::array)) {
    for (const json& item : *graph) CollectNodes(item, true, out);
  }
}

// Strings of a member that is a string, an object with `object_key`, or an
// array of either.
std::vector<std::string> Strings(const json& node, const char* key, const char* object_key,
                                 bool numbers = false) {
  std::vector<std::string> out;
  const auto it = node.find(key);
  if (it == node.end()) return out;
  auto one = [&](const json& v) {
    if (v.is_string()) {
      out.push_back(v.get<std::string>());
    } else if (v.is_number_integer() && numbers) {
      out.push_back(std::to_string(v.get<int64_t>()));
    } else if (v.is_object() && object_key != nullptr) {
      std::string s = JsonStr(v, object_key);
      if (s.empty()) s = JsonStr(v, "contentUrl");
      if (!s.empty()) out.push_back(std::move(s));
    }
  };
  if (it->is_array()) {
    for (const json& v : *it) one(v);
  } else {
    one(*it);
  }
  return out;
}

std::string FirstString(const json& node, const char* key, const char* object_key = nullptr,
                        bool numbers = false) {
  std::vector<std::string> all = Strings(node, key, object_key, numbers);
  return all.empty() ? std::string() : all.front();
}

// interactionStatistic entries whose interactionType names `action`.
std::optional<int64_t> Interaction(const json& node, const char* key, std::string_view action) {
  const auto it = node.find(key);
  if (it == node.end()) return std::nullopt;
  const json list = it->is_array() ? *it : json::array({*it});
  for (const json& stat : list) {
    if (!stat.is_object()) continue;
    const auto type = stat.find("interactionType");
    if (type == stat.end()) continue;
    const bool match = (type->is_string() && HasType(json{{"@type", *type}}, action)) ||
                       (type->is_object() && HasType(*type, action));
    if (!match) continue;
    if (std::optional<int64_t> n = JsonInt(stat, "userInteractionCount")) return n;
    if (std::optional<int64_t> n = ParseAbbreviatedCount(JsonStr(stat, "userInteractionCount"))) {
      return n;
    }
  }
  return std::nullopt;
}

const json* FindEntity(const std::vector<const json*>& nodes) {
  std::map<std::string, const json*> by_id;
  for (const json* n : nodes) {
    const std::string id = JsonStr(*n, "@id");
    if (!id.empty()) by_id.emplace(id, n);
  }
  for (const json* n : nodes) {
    if (!HasType(*n, "ProfilePage")) continue;
    const auto main = n->find("mainEntity");
    if (main == n->end() || !main->is_object()) continue;
    const auto ref = by_id.find(JsonStr(*main, "@id"));
    if (!HasType(*main, "Person") && !HasType(*main, "Organization") && ref != by_id.end()) {
      return ref->second;
    }
    return &*main;
  }
  for (const char* type : {"Person", "Organization"}) {
    for (const json* n : nodes) {
      if (HasType(*n, type)) return n;
    }
  }
  return nullptr;
}

void FillProfile(const json& e, std::string_view page_url, Profile* p) {
  p->name = FirstString(e, "name");
  p->handle = FirstString(e, "alternateName");
  while (!p->handle.empty() && p->handle.front() == '@') p->handle.erase(0, 1);
  const std::string identifier = FirstString(e, "identifier", "value", true);
  if (!identifier.empty()) p->fields.emplace_back("identifier", identifier);
  p->description = FirstString(e, "description");
  if (std::optional<std::string> url = ResolveLink(page_url, FirstString(e, "url"))) p->url = *url;
  for (const std::string& image : Strings(e, "image", "url")) {
    if (std::optional<std::string> url = ResolveLink(page_url, image))
      AppendUnique(&p->images, *url);
  }
  for (const std::string& link : Strings(e, "sameAs", nullptr)) {
    if (std::optional<std::string> url = ResolveLink(page_url, link)) {
      AppendUnique(&p->same_as, *url);
    }
  }
  p->followers = Interaction(e, "interactionStatistic", "FollowAction");
  if (std::optional<int64_t> posts = Interaction(e, "agentInteractionStatistic", "WriteAction")) {
    p->fields.emplace_back("posts", std::to_string(*posts));
  }
}

}  // namespace

JsonLdResult ProfileFromJsonLd(const std::vector<std::string>& blocks, std::string_view page_url) {
  JsonLdResult result;
  std::vector<json> parsed;
  parsed.reserve(blocks.size());  // nodes point into these
  for (const std::string& block : blocks) {
    Result<json> j = ParseBoundedJson(block, "json-ld");
    if (!j.ok()) {
      ++result.broken;
      continue;
    }
    parsed.push_back(std::move(*j));
  }
  std::vector<const json*> nodes;
  for (const json& j : parsed) CollectNodes(j, false, &nodes);
  if (const json* entity = FindEntity(nodes)) {
    FillProfile(*entity, page_url, &result.profile);
    result.found = true;
  }
  return result;
}

}  // namespace harrier::social
