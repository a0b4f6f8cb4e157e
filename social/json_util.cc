// See the header. nlohmann/json is called with allow_exceptions=false and
// every type is checked before a read, so nothing throws out of here.
#include "social/json_util.h"

#include <algorithm>

namespace harrier::social {
namespace {

using nlohmann::json;

// Deepest [ / { nesting outside strings.
int JsonDepth(std::string_view text) {
  int depth = 0, max_depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      max_depth = std::max(max_depth, ++depth);
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return max_depth;
}

}  // namespace

Result<json> ParseBoundedJson(std::string_view text, std::string_view what) {
  const std::string context = "parse " + std::string(what);
  if (text.size() > kMaxJsonBytes) {
    return Status::Rejected(context + ": " + std::to_string(text.size()) + " bytes is over " +
                            std::to_string(kMaxJsonBytes));
  }
  if (JsonDepth(text) > kMaxJsonDepth) {
    return Status::Rejected(context + ": nesting deeper than " + std::to_string(kMaxJsonDepth));
  }
  json j = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Status::Corrupt(context + ": malformed JSON");
  return j;
}

std::string JsonStr(const json& j, const char* key) {
  if (!j.is_object()) return "";
  const auto it = j.find(key);
  if (it == j.end()) return "";
  if (it->is_string()) return it->get_ref<const std::string&>();
  if (it->is_number_integer()) return std::to_string(it->get<int64_t>());
  return "";
}

std::optional<int64_t> JsonInt(const json& j, const char* key) {
  if (!j.is_object()) return std::nullopt;
  const auto it = j.find(key);
  if (it == j.end() || !it->is_number_integer()) return std::nullopt;
  return it->get<int64_t>();
}

std::optional<bool> JsonBool(const json& j, const char* key) {
  if (!j.is_object()) return std::nullopt;
  const auto it = j.find(key);
  if (it == j.end() || !it->is_boolean()) return std::nullopt;
  return it->get<bool>();
}

const json* JsonMember(const json& j, const char* key, json::value_t type) {
  if (!j.is_object()) return nullptr;
  const auto it = j.find(key);
  return (it != j.end() && it->type() == type) ? &*it : nullptr;
}

}  // namespace harrier::social
