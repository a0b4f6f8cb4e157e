#include "core/selector.h"

namespace harrier {

std::string_view SelectorKindName(SelectorKind kind) {
  switch (kind) {
    case SelectorKind::kPhone:
      return "phone";
    case SelectorKind::kEmail:
      return "email";
    case SelectorKind::kPostcode:
      return "postcode";
  }
  return "unknown";
}

std::optional<SelectorKind> ParseSelectorKind(std::string_view name) {
  if (name == "phone") return SelectorKind::kPhone;
  if (name == "email") return SelectorKind::kEmail;
  if (name == "postcode") return SelectorKind::kPostcode;
  return std::nullopt;
}

}  // namespace harrier
