#include "core/selector.h"

#include <string>
#include <vector>

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
    case SelectorKind::kPersonName:
      return "person_name";
  }
  return "unknown";
}

std::optional<SelectorKind> ParseSelectorKind(std::string_view name) {
  for (SelectorKind kind : kAllSelectorKinds) {
    if (SelectorKindName(kind) == name) return kind;
  }
  return std::nullopt;
}

namespace {

bool IsTitle(std::string_view word) {
  static constexpr std::string_view kTitles[] = {"mr",  "mrs",  "ms",   "miss", "mx",   "dr",
                                                 "sir", "dame", "lord", "lady", "prof", "rev"};
  for (std::string_view t : kTitles) {
    if (word == t) return true;
  }
  return false;
}

// Lower-cased words of `text`: ASCII letters folded, other bytes (UTF-8
// letters) kept, separators and punctuation split words, hyphens and
// apostrophes kept inside a word.
std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  auto flush = [&] {
    while (!word.empty() && (word.back() == '-' || word.back() == '\'')) word.pop_back();
    if (!word.empty()) words.push_back(std::move(word));
    word.clear();
  };
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 'A' && c <= 'Z') {
      word += static_cast<char>(c - 'A' + 'a');
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80) {
      word += ch;
    } else if ((c == '-' || c == '\'') && !word.empty()) {
      word += ch;
    } else {
      flush();
    }
  }
  flush();
  return words;
}

}  // namespace

std::optional<std::string> NormalizePersonName(std::string_view name) {
  std::vector<std::string> words;
  const size_t comma = name.find(',');
  if (comma != std::string_view::npos) {
    words = Words(name.substr(comma + 1));
    for (std::string& w : Words(name.substr(0, comma))) words.push_back(std::move(w));
  } else {
    words = Words(name);
  }
  std::string out;
  for (const std::string& w : words) {
    if (IsTitle(w)) continue;
    if (!out.empty()) out += ' ';
    out += w;
  }
  if (out.empty()) return std::nullopt;
  return out;
}

}  // namespace harrier
