#include "extractors/phone_extractor.h"

#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

#include <algorithm>
#include <array>
#include <utility>

#include "extractors/utf8.h"

namespace harrier::extractors {
namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

constexpr int kUkCountryCode = 44;

// Ofcom, "Telephone numbers for drama purposes": 1,000 numbers per range,
// never allocated. Each entry is the national significant number without
// its last three digits, so every range is <prefix>000-<prefix>999.
constexpr std::array<std::string_view, 20> kDramaPrefixes = {
    "1134960",  // 0113 496 0xxx Leeds
    "1144960",  // 0114 496 0xxx Sheffield
    "1154960",  // 0115 496 0xxx Nottingham
    "1164960",  // 0116 496 0xxx Leicester
    "1174960",  // 0117 496 0xxx Bristol
    "1184960",  // 0118 496 0xxx Reading
    "1214960",  // 0121 496 0xxx Birmingham
    "1314960",  // 0131 496 0xxx Edinburgh
    "1414960",  // 0141 496 0xxx Glasgow
    "1514960",  // 0151 496 0xxx Liverpool
    "1614960",  // 0161 496 0xxx Manchester
    "1914980",  // 0191 498 0xxx Tyneside
    "2079460",  // 020 7946 0xxx London
    "2896496",  // 028 9649 6xxx Northern Ireland
    "2920180",  // 029 2018 0xxx Cardiff
    "1632960",  // 01632 960xxx no area
    "7700900",  // 07700 900xxx mobile
    "8081570",  // 0808 157 0xxx freephone
    "9098790",  // 0909 879 0xxx premium rate
    "3069990",  // 0306 999 0xxx UK-wide
};
constexpr size_t kDramaNumberLength = 10;
constexpr size_t kDramaPrefixLength = 7;

bool IsMaskOrDigit(char32_t c) { return (c >= '0' && c <= '9') || c == '*' || c == '#'; }

bool IsCurrency(char32_t c) {
  return c == '$' || c == 0x00A3 /* £ */ || c == 0x20AC /* € */ || c == 0x00A5 /* ¥ */;
}

// 12/03/2026, 12.03.2026, 12-03-2026 at the start of a span: a date that the
// digit-group scan would otherwise read as "12 03 2026 ...".
bool StartsWithDate(std::string_view raw) {
  size_t pos = 0;
  auto digits = [&](size_t min, size_t max) {
    size_t n = 0;
    while (pos < raw.size() && IsAsciiDigit(raw[pos])) ++pos, ++n;
    return n >= min && n <= max;
  };
  if (!digits(1, 2) || pos >= raw.size()) return false;
  const char sep = raw[pos];
  if (sep != '/' && sep != '.' && sep != '-') return false;
  ++pos;
  if (!digits(1, 2) || pos >= raw.size() || raw[pos] != sep) return false;
  ++pos;
  return digits(4, 4);
}

// Context that says "not a phone number" whatever the digits are: a digit or
// mask character touching either end ("07xxx xxx 928", a longer number), a
// mask 'x' after it, a currency sign before it, or a date at its start.
bool IsDecoyContext(std::string_view text, size_t begin, size_t end) {
  const char32_t before = CodePointBefore(text, begin);
  const char32_t after = CodePointAt(text, end);
  if (IsMaskOrDigit(before) || IsMaskOrDigit(after)) return true;
  if (after == 'x' || after == 'X') return true;
  char32_t sign = before;
  if (IsSpace(sign) && begin > 0) {
    sign = CodePointBefore(text, CharStartAtOrBefore(text, begin - 1));
  }
  if (IsCurrency(sign)) return true;
  return StartsWithDate(text.substr(begin, end - begin));
}

bool IsPhonePunctuation(char32_t c) {
  return c == '+' || c == '(' || c == ')' || c == '-' || c == '.' || c == '/' || IsSpace(c) ||
         (c >= 0x2010 && c <= 0x2015);
}

bool Overlaps(const Selector& a, const Selector& b) { return a.begin < b.end && b.begin < a.end; }

Selector MakeSelector(std::string_view text, const PhoneCandidate& candidate, std::string value) {
  Selector selector;
  selector.kind = SelectorKind::kPhone;
  selector.value = std::move(value);
  selector.raw = std::string(text.substr(candidate.begin, candidate.end - candidate.begin));
  selector.begin = candidate.begin;
  selector.end = candidate.end;
  selector.confidence = candidate.confidence;
  return selector;
}

// Keeps the longest of overlapping spans; among equals the first proposed
// (earlier generator, then earlier candidate) wins, so the matcher's
// bracketed raw is kept. Returns them ordered by position.
std::vector<Selector> ResolveOverlaps(std::vector<Selector> accepted) {
  std::stable_sort(accepted.begin(), accepted.end(), [](const Selector& a, const Selector& b) {
    return a.end - a.begin > b.end - b.begin;
  });
  std::vector<Selector> chosen;
  for (Selector& selector : accepted) {
    const bool clashes = std::any_of(chosen.begin(), chosen.end(), [&](const Selector& kept) {
      return Overlaps(kept, selector);
    });
    if (!clashes) chosen.push_back(std::move(selector));
  }
  std::sort(chosen.begin(), chosen.end(),
            [](const Selector& a, const Selector& b) { return a.begin < b.begin; });
  return chosen;
}

bool HasTrunkPrefixIfNational(const PhoneNumberUtil& util, const std::string& region,
                              const std::string& number, const PhoneNumber& parsed) {
  if (parsed.country_code_source() != PhoneNumber::FROM_DEFAULT_COUNTRY) {
    return true;  // written with +44, 0044 or 44
  }
  // Where the trunk prefix is 0 (GB and most of Europe) a national number is
  // always written with it; a bare "1234567890" is a reference or a price
  // list even when its digits happen to form a valid number. Regions like
  // the US, whose "1" is usually left off, are not checked.
  std::string trunk;
  util.GetNddPrefixForRegion(region, /*strip_non_digits=*/true, &trunk);
  if (trunk != "0") return true;
  std::string digits = number;
  util.NormalizeDigitsOnly(&digits);
  return !digits.empty() && digits[0] == '0';
}

}  // namespace

bool IsOfcomDramaNumber(int country_code, std::string_view national_number) {
  if (country_code != kUkCountryCode) return false;
  if (national_number.size() != kDramaNumberLength) return false;
  const std::string_view prefix = national_number.substr(0, kDramaPrefixLength);
  if (!std::all_of(national_number.begin(), national_number.end(),
                   [](char c) { return IsAsciiDigit(c); })) {
    return false;
  }
  return std::find(kDramaPrefixes.begin(), kDramaPrefixes.end(), prefix) != kDramaPrefixes.end();
}

PhoneExtractor::PhoneExtractor(std::string region, bool accept_drama_ranges)
    : PhoneExtractor(region, accept_drama_ranges,
                     {NewLibphonenumberGenerator(region), NewDigitGroupGenerator()}) {}

PhoneExtractor::PhoneExtractor(
    std::string region, bool accept_drama_ranges,
    std::vector<std::shared_ptr<const PhoneCandidateGenerator>> generators)
    : region_(std::move(region)),
      accept_drama_ranges_(accept_drama_ranges),
      generators_(std::move(generators)) {}

std::vector<Selector> PhoneExtractor::Extract(std::string_view text) const {
  std::vector<PhoneCandidate> candidates;
  for (const auto& generator : generators_) {
    generator->Generate(text, &candidates);
  }

  ValidationCache cache;  // per call, so Extract stays const and reentrant
  std::vector<Selector> accepted;
  for (const PhoneCandidate& candidate : candidates) {
    if (std::optional<std::string> value = Accept(text, candidate, &cache)) {
      accepted.push_back(MakeSelector(text, candidate, std::move(*value)));
    }
  }
  return ResolveOverlaps(std::move(accepted));
}

std::optional<std::string> PhoneExtractor::Accept(std::string_view text,
                                                  const PhoneCandidate& candidate,
                                                  ValidationCache* cache) const {
  if (candidate.begin >= candidate.end || candidate.end > text.size()) {
    return std::nullopt;
  }
  if (IsDecoyContext(text, candidate.begin, candidate.end)) return std::nullopt;
  // Parsing costs tens of microseconds; a page repeating one number, or
  // "0 0 0 0 ..." proposing thousands of spans, parses each string once.
  auto it = cache->find(candidate.number);
  if (it == cache->end()) {
    if (cache->size() >= kMaxDistinctCandidates) return std::nullopt;
    std::optional<std::string> value = Validate(candidate.number, /*require_trunk_prefix=*/true);
    it = cache->emplace(candidate.number, std::move(value)).first;
  }
  return it->second;
}

std::optional<std::string> PhoneExtractor::Validate(const std::string& number,
                                                    bool require_trunk_prefix) const {
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  PhoneNumber parsed;
  if (util.ParseAndKeepRawInput(number, region_, &parsed) != PhoneNumberUtil::NO_PARSING_ERROR) {
    return std::nullopt;
  }
  if (require_trunk_prefix && !HasTrunkPrefixIfNational(util, region_, number, parsed)) {
    return std::nullopt;
  }
  // IsPossibleNumber is a length check, far cheaper than the pattern
  // matching in IsValidNumber, and every drama number passes it.
  if (!util.IsPossibleNumber(parsed)) return std::nullopt;
  bool acceptable = util.IsValidNumber(parsed);
  if (!acceptable && accept_drama_ranges_) {
    std::string national;
    util.GetNationalSignificantNumber(parsed, &national);
    acceptable = IsOfcomDramaNumber(parsed.country_code(), national);
  }
  if (!acceptable) return std::nullopt;
  std::string e164;
  util.Format(parsed, PhoneNumberUtil::E164, &e164);
  return e164;
}

std::optional<std::string> PhoneExtractor::Normalize(std::string_view input) const {
  const std::string_view trimmed = TrimSpace(input);
  // Keep digits and '+'; every other allowed character becomes a space so
  // that "+44 (0)7700 900123" and "07700\n900123" both parse.
  std::string number;
  bool has_digit = false;
  for (size_t pos = 0, length = 0; pos < trimmed.size(); pos += length) {
    const char32_t c = CodePointAt(trimmed, pos, &length);
    if (c >= '0' && c <= '9') {
      number += static_cast<char>(c);
      has_digit = true;
    } else if (c == '+') {
      number += '+';
    } else if (IsPhonePunctuation(c)) {
      number += ' ';
    } else {
      return std::nullopt;
    }
  }
  if (!has_digit) return std::nullopt;
  return Validate(number, /*require_trunk_prefix=*/false);
}

}  // namespace harrier::extractors
