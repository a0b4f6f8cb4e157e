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
    case SelectorKind::kPlace:
      return "place";
    case SelectorKind::kWallet:
      return "wallet";
    case SelectorKind::kHandle:
      return "handle";
    case SelectorKind::kBankAccount:
      return "bank_account";
    case SelectorKind::kIban:
      return "iban";
  }
  return "unknown";
}

std::optional<SelectorKind> ParseSelectorKind(std::string_view name) {
  for (SelectorKind kind : kAllSelectorKinds) {
    if (SelectorKindName(kind) == name) return kind;
  }
  return std::nullopt;
}

}  // namespace harrier
