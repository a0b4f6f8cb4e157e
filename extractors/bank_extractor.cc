#include "extractors/bank_extractor.h"

#include <algorithm>
#include <array>
#include <span>
#include <utility>

#include "extractors/byte_scan.h"
#include "extractors/utf8.h"

namespace harrier::extractors {
namespace {

// ---- IBAN --------------------------------------------------------------------

struct IbanLength {
  std::string_view country;
  size_t length;
};

// SWIFT IBAN registry lengths for the countries adverts aimed at the UK
// most often name. A country missing here is not recognised at all.
constexpr IbanLength kIbanLengths[] = {
    {"AL", 28}, {"AT", 20}, {"BE", 16}, {"BG", 22}, {"CH", 21}, {"CY", 28}, {"CZ", 24},
    {"DE", 22}, {"DK", 18}, {"EE", 20}, {"ES", 24}, {"FI", 18}, {"FR", 27}, {"GB", 22},
    {"GR", 27}, {"HR", 21}, {"HU", 28}, {"IE", 22}, {"IT", 27}, {"LT", 20}, {"LU", 20},
    {"LV", 21}, {"MD", 24}, {"MT", 31}, {"NL", 18}, {"NO", 15}, {"PL", 28}, {"PT", 25},
    {"RO", 24}, {"SE", 24}, {"SI", 19}, {"SK", 24}, {"UA", 29},
};
constexpr size_t kIbanGroup = 4;

size_t IbanLengthOf(char first, char second) {
  for (const IbanLength& entry : kIbanLengths) {
    if (entry.country[0] == first && entry.country[1] == second) return entry.length;
  }
  return 0;
}

// ISO 7064 mod 97-10 over upper-case alphanumerics: the first four
// characters move to the end, letters count as 10..35, the number mod 97
// must be 1.
bool Mod97Holds(std::string_view iban) {
  uint32_t rest = 0;
  for (size_t i = 0; i < iban.size(); ++i) {
    const char c = iban[(i + 4) % iban.size()];
    if (IsAsciiDigit(c)) {
      rest = (rest * 10 + static_cast<uint32_t>(c - '0')) % 97;
    } else {
      rest = (rest * 100 + static_cast<uint32_t>(c - 'A' + 10)) % 97;
    }
  }
  return rest == 1;
}

// GB: bank code of 4 letters, then 6-digit sort code and 8-digit account.
bool IsGbBban(std::string_view iban) {
  for (size_t i = 4; i < 8; ++i) {
    if (!IsAsciiAlpha(iban[i])) return false;
  }
  for (size_t i = 8; i < iban.size(); ++i) {
    if (!IsAsciiDigit(iban[i])) return false;
  }
  return true;
}

// Whether upper-case compact `iban` is a valid IBAN of a known country.
bool IsValidIban(std::string_view iban) {
  if (iban.size() < 4 || !IsAsciiAlpha(iban[0]) || !IsAsciiAlpha(iban[1]) ||
      !IsAsciiDigit(iban[2]) || !IsAsciiDigit(iban[3])) {
    return false;
  }
  if (IbanLengthOf(iban[0], iban[1]) != iban.size()) return false;
  if (iban.substr(0, 2) == "GB" && !IsGbBban(iban)) return false;
  return Mod97Holds(iban);
}

struct IbanMatch {
  std::string compact;
  size_t end = 0;
};

// The IBAN starting at `begin` (a token start with two letters and two
// digits), written compact or with single spaces between groups of four.
std::optional<IbanMatch> MatchIbanAt(std::string_view text, size_t begin) {
  const size_t length = IbanLengthOf(AsciiToUpper(text[begin]), AsciiToUpper(text[begin + 1]));
  if (length == 0) return std::nullopt;
  IbanMatch match;
  size_t pos = begin;
  while (match.compact.size() < length && pos < text.size()) {
    if (text[pos] == ' ' && match.compact.size() % kIbanGroup == 0 && pos + 1 < text.size() &&
        IsAsciiAlnum(text[pos + 1]) && pos > begin && text[pos - 1] != ' ') {
      ++pos;  // one space between groups of four
      continue;
    }
    if (!IsAsciiAlnum(text[pos])) break;
    match.compact += AsciiToUpper(text[pos++]);
  }
  if (match.compact.size() != length || IsWordChar(CodePointAt(text, pos))) return std::nullopt;
  if (!IsValidIban(match.compact)) return std::nullopt;
  match.end = pos;
  return match;
}

// "12-34-56 12345678" from 14 digits.
std::string FormatAccount(std::string_view sort_code, std::string_view account) {
  std::string out;
  out.reserve(17);
  out.append(sort_code.substr(0, 2)).append("-").append(sort_code.substr(2, 2)).append("-");
  out.append(sort_code.substr(4, 2)).append(" ").append(account);
  return out;
}

Selector MakeSelector(SelectorKind kind, std::string value, std::string_view text, size_t begin,
                      size_t end, double confidence, std::string detail) {
  Selector selector;
  selector.kind = kind;
  selector.value = std::move(value);
  selector.raw = std::string(text.substr(begin, end - begin));
  selector.begin = begin;
  selector.end = end;
  selector.confidence = confidence;
  selector.detail = std::move(detail);
  return selector;
}

// IBANs, plus the kBankAccount of each GB one; `covered` gets their spans.
void ExtractIbans(std::string_view text, std::vector<Selector>* out,
                  std::vector<std::pair<size_t, size_t>>* covered) {
  // An IBAN's first run is two letters then two digits at a token start:
  // look only where a run of digits starts after two letters.
  size_t i = FindAsciiDigit(text, 2);
  while (i + 1 < text.size()) {
    std::optional<IbanMatch> match;
    if (IsAsciiAlpha(text[i - 1]) && IsAsciiAlpha(text[i - 2]) && IsAsciiDigit(text[i + 1]) &&
        !IsWordChar(CodePointBefore(text, i - 2))) {
      match = MatchIbanAt(text, i - 2);
    }
    if (!match) {
      while (i < text.size() && IsAsciiDigit(text[i])) ++i;
      i = FindAsciiDigit(text, i);
      continue;
    }
    const size_t begin = i - 2;
    const std::string& iban = match->compact;
    const bool gb = iban.compare(0, 2, "GB") == 0;
    out->push_back(MakeSelector(SelectorKind::kIban, iban, text, begin, match->end,
                                gb ? 1.0 : kForeignIbanConfidence, "IBAN " + iban.substr(0, 2)));
    if (gb) {
      out->push_back(MakeSelector(
          SelectorKind::kBankAccount,
          FormatAccount(std::string_view(iban).substr(8, 6), std::string_view(iban).substr(14)),
          text, begin, match->end, 1.0, "from GB IBAN"));
    }
    covered->emplace_back(begin, match->end);
    i = FindAsciiDigit(text, match->end);
  }
}

// ---- Sort code and account ---------------------------------------------------

constexpr size_t kSortCodeDigits = 6;
constexpr size_t kAccountDigits = 8;
constexpr size_t kMaxGroups = 4;    // "12-34-56 12345678"
constexpr size_t kPairGap = 80;     // bytes between a sort code and its account
constexpr size_t kCueReach = 80;    // bytes from the pair to its cue
constexpr size_t kLabelReach = 32;  // bytes back to the word that labels a number

struct Group {
  size_t begin = 0;
  size_t end = 0;
  char separator = 0;  // the character before it inside the cluster, 0 for the first
  size_t size() const { return end - begin; }
};

// What one run of digit groups holds: a sort code, an account or both.
struct Part {
  std::string sort_code;  // 6 digits, or empty
  std::string account;    // 8 digits, or empty
  size_t begin = 0;
  size_t end = 0;
};

bool IsSeparator(char c) { return c == ' ' || c == '-'; }

// Digit groups joined by single spaces or hyphens, from `begin` on; stops
// collecting (but keeps scanning) past kMaxGroups + 1 so a long run costs
// its length and no more.
struct Cluster {
  std::array<Group, kMaxGroups + 1> groups;
  size_t count = 0;  // kMaxGroups + 1 means "too many"
  size_t end = 0;
};

Cluster ScanCluster(std::string_view text, size_t begin) {
  Cluster cluster;
  size_t pos = begin;
  char separator = 0;
  while (true) {
    Group group{pos, pos, separator};
    while (group.end < text.size() && IsAsciiDigit(text[group.end])) ++group.end;
    if (cluster.count <= kMaxGroups) cluster.groups[cluster.count++] = group;
    pos = group.end;
    if (pos + 1 >= text.size() || !IsSeparator(text[pos]) || !IsAsciiDigit(text[pos + 1])) break;
    separator = text[pos++];
  }
  cluster.end = pos;
  return cluster;
}

using Groups = std::span<const Group>;

std::string Digits(std::string_view text, Groups groups, size_t from, size_t to) {
  std::string out;
  for (size_t i = from; i < to; ++i) out.append(text.substr(groups[i].begin, groups[i].size()));
  return out;
}

// Groups [from, to) as a sort code: 123456, or 12-34-56 / 12 34 56 with one
// kind of separator.
bool IsSortCode(Groups groups, size_t from, size_t to) {
  if (to - from == 1) return groups[from].size() == kSortCodeDigits;
  return to - from == 3 && groups[from].size() == 2 && groups[from + 1].size() == 2 &&
         groups[from + 2].size() == 2 && groups[from + 1].separator == groups[from + 2].separator;
}

std::optional<Part> Classify(std::string_view text, const Cluster& cluster) {
  const size_t n = cluster.count;
  if (n > kMaxGroups) return std::nullopt;
  const Groups groups(cluster.groups.data(), n);
  Part part{"", "", groups.front().begin, groups.back().end};
  if (IsSortCode(groups, 0, n)) {
    part.sort_code = Digits(text, groups, 0, n);
  } else if (n == 1 && groups[0].size() == kAccountDigits) {
    part.account = Digits(text, groups, 0, 1);
  } else if (groups.back().size() == kAccountDigits && IsSortCode(groups, 0, n - 1)) {
    part.sort_code = Digits(text, groups, 0, n - 1);
    part.account = Digits(text, groups, n - 1, n);
  } else if (groups.front().size() == kAccountDigits && IsSortCode(groups, 1, n)) {
    part.account = Digits(text, groups, 0, 1);
    part.sort_code = Digits(text, groups, 1, n);
  } else {
    return std::nullopt;
  }
  return part;
}

bool In(std::string_view set, char32_t c) {
  return c < 0x80 && set.find(static_cast<char>(c)) != std::string_view::npos;
}

// Not glued to a word, a currency sign or '+' (prices, phones), and not one
// field of a date, time, decimal or fraction ("12/03/24", "12:30", "1,234").
bool StandsAlone(std::string_view text, size_t begin, size_t end) {
  const char32_t before = CodePointBefore(text, begin);
  const char32_t after = CodePointAt(text, end);
  if (IsWordChar(before) || IsWordChar(after)) return false;
  if (In("$#+", before) || before == U'£' || before == U'€' || In("%", after)) return false;
  if (In("/:.,", before) && begin >= 2 && IsAsciiDigit(text[begin - 2])) return false;
  return !(In("/:.,", after) && end + 1 < text.size() && IsAsciiDigit(text[end + 1]));
}

// Whether `word` is `lower` in any case.
bool Is(std::string_view word, std::string_view lower) {
  if (word.size() != lower.size()) return false;
  for (size_t i = 0; i < word.size(); ++i) {
    if (AsciiToLower(word[i]) != lower[i]) return false;
  }
  return true;
}

template <size_t N>
bool IsOneOf(std::string_view word, const std::string_view (&set)[N]) {
  for (const std::string_view lower : set) {
    if (Is(word, lower)) return true;
  }
  return false;
}

// Words (runs of ASCII letters and '/') of text[begin, end), in order.
std::vector<std::string_view> Words(std::string_view text, size_t begin, size_t end) {
  std::vector<std::string_view> words;
  size_t i = begin;
  while (i < end) {
    if (!IsAsciiAlpha(text[i]) && text[i] != '/') {
      ++i;
      continue;
    }
    const size_t start = i;
    while (i < end && (IsAsciiAlpha(text[i]) || text[i] == '/')) ++i;
    words.push_back(text.substr(start, i - start));
  }
  return words;
}

// The word written just before a number, skipping "no"/"number"; a number
// labelled as a reference, order, phone or card is not an account.
bool LabelledAsOther(std::string_view text, size_t begin) {
  static constexpr std::string_view kOther[] = {
      "ref",   "reference", "order",    "booking", "tracking", "crime",    "invoice",    "tel",
      "phone", "mobile",    "mob",      "call",    "text",     "whatsapp", "card",       "pin",
      "id",    "cad",       "incident", "case",    "customer", "policy",   "membership", "ticket"};
  size_t from = begin > kLabelReach ? begin - kLabelReach : 0;
  if (const size_t nl = text.substr(from, begin - from).rfind('\n'); nl != std::string_view::npos) {
    from += nl + 1;  // the label is on the number's own line
  }
  auto words = Words(text, from, begin);
  static constexpr std::string_view kNumber[] = {"no", "number", "num", "nr"};
  while (!words.empty() && IsOneOf(words.back(), kNumber)) words.pop_back();
  return !words.empty() && IsOneOf(words.back(), kOther);
}

// [from, to) around [begin, end): at most kCueReach bytes and one line break
// either side.
std::pair<size_t, size_t> CueWindow(std::string_view text, size_t begin, size_t end) {
  size_t from = begin;
  for (int breaks = 0; from > 0 && begin - from < kCueReach; --from) {
    if (text[from - 1] == '\n' && ++breaks == 2) break;
  }
  size_t to = end;
  for (int breaks = 0; to < text.size() && to - end < kCueReach; ++to) {
    if (text[to] == '\n' && ++breaks == 2) break;
  }
  return {from, to};
}

bool HasBankingCue(std::string_view text, size_t begin, size_t end) {
  static constexpr std::string_view kCues[] = {
      "sc",   "s/c",     "sortcode", "acc",  "acct",    "account", "accounts", "a/c",
      "bank", "banking", "transfer", "bacs", "deposit", "payee",   "iban"};
  const auto [from, to] = CueWindow(text, begin, end);
  const auto words = Words(text, from, to);
  for (size_t i = 0; i < words.size(); ++i) {
    if (IsOneOf(words[i], kCues)) return true;
    if (i + 1 < words.size() && ((Is(words[i], "sort") && Is(words[i + 1], "code")) ||
                                 (Is(words[i], "pay") && Is(words[i + 1], "to")))) {
      return true;
    }
  }
  return false;
}

// Sort codes, accounts and both-in-one, outside IBANs, in text order.
std::vector<Part> FindParts(std::string_view text,
                            const std::vector<std::pair<size_t, size_t>>& ibans) {
  std::vector<Part> parts;
  size_t next_iban = 0;  // `ibans` is in text order, as the scan
  for (size_t i = FindAsciiDigit(text, 0); i < text.size();) {
    const Cluster cluster = ScanCluster(text, i);
    const size_t end = cluster.end;
    while (next_iban < ibans.size() && ibans[next_iban].second <= i) ++next_iban;
    const bool in_iban = next_iban < ibans.size() && ibans[next_iban].first <= i;
    auto part = Classify(text, cluster);
    if (part && !in_iban && StandsAlone(text, i, end) && !LabelledAsOther(text, i)) {
      parts.push_back(std::move(*part));
    }
    i = FindAsciiDigit(text, end);
  }
  return parts;
}

size_t LineBreaks(std::string_view text, size_t begin, size_t end) {
  return static_cast<size_t>(std::count(text.begin() + begin, text.begin() + end, '\n'));
}

// Whether parts[j] is a lone part of the kind parts[i] lacks.
bool Complements(const std::vector<Part>& parts, size_t i, size_t j) {
  const Part& other = parts[j];
  if (!other.sort_code.empty() && !other.account.empty()) return false;
  return parts[i].sort_code.empty() != other.sort_code.empty();
}

// Index of the unused lone part of the other kind closest to parts[i],
// within kPairGap bytes and one line break. Parts are in text order, so
// the search stops at the first part too far away on either side.
std::optional<size_t> Partner(std::string_view text, const std::vector<Part>& parts, size_t i,
                              const std::vector<bool>& used) {
  std::optional<size_t> best;
  size_t best_gap = kPairGap + 1;
  for (size_t j = i + 1; j < parts.size() && parts[j].begin - parts[i].end <= kPairGap; ++j) {
    const size_t gap = parts[j].begin - parts[i].end;
    if (!used[j] && Complements(parts, i, j) && gap < best_gap &&
        LineBreaks(text, parts[i].end, parts[j].begin) <= 1) {
      best = j;
      best_gap = gap;
    }
  }
  for (size_t j = i; j-- > 0 && parts[i].begin - parts[j].end <= kPairGap;) {
    const size_t gap = parts[i].begin - parts[j].end;
    if (!used[j] && Complements(parts, i, j) && gap < best_gap &&
        LineBreaks(text, parts[j].end, parts[i].begin) <= 1) {
      best = j;
      best_gap = gap;
    }
  }
  return best;
}

void ExtractAccounts(std::string_view text, const std::vector<std::pair<size_t, size_t>>& ibans,
                     std::vector<Selector>* out) {
  const std::vector<Part> parts = FindParts(text, ibans);
  std::vector<bool> used(parts.size(), false);
  for (size_t i = 0; i < parts.size(); ++i) {
    if (used[i]) continue;
    const Part& part = parts[i];
    const bool whole = !part.sort_code.empty() && !part.account.empty();
    std::optional<size_t> partner;
    if (!whole && !(partner = Partner(text, parts, i, used))) continue;
    const Part* other = partner ? &parts[*partner] : &part;
    const size_t begin = std::min(part.begin, other->begin);
    const size_t end = std::max(part.end, other->end);
    if (!HasBankingCue(text, begin, end)) continue;
    used[i] = true;
    if (partner) used[*partner] = true;
    const std::string& sort_code = part.sort_code.empty() ? other->sort_code : part.sort_code;
    const std::string& account = part.account.empty() ? other->account : part.account;
    out->push_back(
        MakeSelector(SelectorKind::kBankAccount, FormatAccount(sort_code, account), text, begin,
                     end, whole ? kAdjacentBankAccountConfidence : kSeparateBankAccountConfidence,
                     "UK sort code and account (format and cue; modulus not checked)"));
  }
}

}  // namespace

std::vector<Selector> ExtractBankDetails(std::string_view text) {
  std::vector<Selector> out;
  std::vector<std::pair<size_t, size_t>> ibans;
  ExtractIbans(text, &out, &ibans);
  ExtractAccounts(text, ibans, &out);
  std::stable_sort(out.begin(), out.end(),
                   [](const Selector& a, const Selector& b) { return a.begin < b.begin; });
  return out;
}

std::optional<std::string> NormalizeBankAccount(std::string_view input) {
  std::string digits;
  for (const char c : TrimSpace(input)) {
    if (IsAsciiDigit(c)) {
      digits += c;
    } else if (c != ' ' && c != '-' && c != ',') {
      return std::nullopt;
    }
  }
  if (digits.size() != kSortCodeDigits + kAccountDigits) return std::nullopt;
  return FormatAccount(std::string_view(digits).substr(0, kSortCodeDigits),
                       std::string_view(digits).substr(kSortCodeDigits));
}

std::optional<std::string> NormalizeIban(std::string_view input) {
  std::string compact;
  for (const char c : input) {
    if (c == ' ' || c == '\t' || c == '\n') continue;
    if (!IsAsciiAlnum(c)) return std::nullopt;
    compact += AsciiToUpper(c);
  }
  if (!IsValidIban(compact)) return std::nullopt;
  return compact;
}

}  // namespace harrier::extractors
