#include "extractors/phone_country_cues.h"

#include <phonenumbers/phonenumberutil.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <vector>

#include "extractors/utf8.h"

namespace harrier::extractors {
namespace {

struct CueWord {
  std::string_view word;  // lower case
  std::string_view region;
};

// Country, nationality and language words, in English and the country's own
// language. "thai" is left out on purpose: "Thai massage" is an advert
// category in the UK, not a cue that the number is Thai.
constexpr CueWord kCueWords[] = {
    {"romania", "RO"},   {"românia", "RO"},      {"romanian", "RO"},    {"română", "RO"},
    {"romaniei", "RO"},  {"româniei", "RO"},     {"romaneasca", "RO"},  {"românească", "RO"},
    {"poland", "PL"},    {"polish", "PL"},       {"polska", "PL"},      {"polski", "PL"},
    {"polsce", "PL"},    {"polskie", "PL"},      {"hungary", "HU"},     {"hungarian", "HU"},
    {"magyar", "HU"},    {"magyarország", "HU"}, {"albania", "AL"},     {"albanian", "AL"},
    {"shqipëri", "AL"},  {"shqiperi", "AL"},     {"shqip", "AL"},       {"shqiptar", "AL"},
    {"shqiptare", "AL"}, {"vietnam", "VN"},      {"vietnamese", "VN"},  {"việt", "VN"},
    {"china", "CN"},     {"chinese", "CN"},      {"中国", "CN"},        {"bulgaria", "BG"},
    {"bulgarian", "BG"}, {"lithuania", "LT"},    {"lithuanian", "LT"},  {"lietuva", "LT"},
    {"ukraine", "UA"},   {"ukrainian", "UA"},    {"україна", "UA"},     {"thailand", "TH"},
    {"brazil", "BR"},    {"brazilian", "BR"},    {"brasil", "BR"},      {"spain", "ES"},
    {"spanish", "ES"},   {"españa", "ES"},       {"italy", "IT"},       {"italian", "IT"},
    {"italia", "IT"},    {"france", "FR"},       {"french", "FR"},      {"czech", "CZ"},
    {"slovakia", "SK"},  {"slovak", "SK"},       {"latvia", "LV"},      {"latvian", "LV"},
    {"moldova", "MD"},   {"portugal", "PT"},     {"portuguese", "PT"},  {"germany", "DE"},
    {"german", "DE"},    {"deutschland", "DE"},  {"greece", "GR"},      {"greek", "GR"},
    {"nigeria", "NG"},   {"nigerian", "NG"},     {"philippines", "PH"}, {"filipina", "PH"},
    {"colombia", "CO"},  {"colombian", "CO"},
};

// Stems that only country words start with, for inflected forms
// ("Polsce", "polskiego", "româncă", "magyarországi", "ukrainka").
constexpr CueWord kCueStems[] = {
    {"polsk", "PL"},  {"romani", "RO"},  {"român", "RO"},  {"magyar", "HU"},
    {"hungar", "HU"}, {"albani", "AL"},  {"shqip", "AL"},  {"vietnam", "VN"},
    {"bulgar", "BG"}, {"lithuan", "LT"}, {"lietuv", "LT"}, {"ukrain", "UA"},
};

// "PL number", "RO sim": an upper-case region code before a phone word.
constexpr std::string_view kPhoneWords[] = {"number", "num",    "nr",  "no", "sim",
                                            "phone",  "mobile", "mob", "tel"};

struct Cues {
  std::vector<std::string> regions;
  void Add(std::string_view region) {
    if (region.empty() || region == "GB" || regions.size() >= kMaxCountryCues) return;
    if (std::find(regions.begin(), regions.end(), region) != regions.end()) return;
    regions.emplace_back(region);
  }
};

using CueBuckets = std::array<std::vector<const CueWord*>, 256>;

const CueBuckets& CueWordsByInitial() {
  static const CueBuckets* buckets = [] {
    auto* b = new CueBuckets();
    for (const CueWord& c : kCueWords) (*b)[static_cast<unsigned char>(c.word[0])].push_back(&c);
    return b;
  }();
  return *buckets;
}

// Whether any cue word or stem starts with the lower-cased bytes (a, b): a
// 64 kbit table, so an ordinary word is dismissed after one lookup.
size_t PairKey(char a, char b) {
  return (static_cast<size_t>(static_cast<unsigned char>(AsciiToLower(a))) << 8) |
         static_cast<unsigned char>(AsciiToLower(b));
}

const std::array<bool, 1 << 16>& CuePairs() {
  static const std::array<bool, 1 << 16>* pairs = [] {
    auto* p = new std::array<bool, 1 << 16>();
    for (const CueWord& c : kCueWords) (*p)[PairKey(c.word[0], c.word[1])] = true;
    for (const CueWord& c : kCueStems) (*p)[PairKey(c.word[0], c.word[1])] = true;
    return p;
  }();
  return *pairs;
}

bool IsSupportedRegion(const std::string& region) {
  return i18n::phonenumbers::PhoneNumberUtil::GetInstance()->GetCountryCodeForRegion(region) != 0;
}

// Regional indicator symbols U+1F1E6..U+1F1FF are F0 9F 87 A6..BF.
void FindFlags(std::string_view text, Cues* cues) {
  for (size_t pos = text.find("\xF0\x9F\x87"); pos != std::string_view::npos;
       pos = text.find("\xF0\x9F\x87", pos + 4)) {
    if (pos + 8 > text.size()) break;
    const auto a = static_cast<unsigned char>(text[pos + 3]);
    const auto b = static_cast<unsigned char>(text[pos + 7]);
    if (text.compare(pos + 4, 3, "\xF0\x9F\x87") != 0 || a < 0xA6 || b < 0xA6 || a > 0xBF ||
        b > 0xBF) {
      continue;
    }
    const std::string region = {static_cast<char>('A' + a - 0xA6),
                                static_cast<char>('A' + b - 0xA6)};
    if (IsSupportedRegion(region)) cues->Add(region);
    pos += 4;  // the second symbol of this pair does not start a flag
  }
}

// `word` equals the lower-case `lower`, ASCII case-insensitively.
bool EqualsLower(std::string_view word, std::string_view lower) {
  return word.size() == lower.size() &&
         std::equal(word.begin(), word.end(), lower.begin(),
                    [](char a, char b) { return AsciiToLower(a) == b; });
}

// "+40 network", "(+48)": a country code written on its own.
void CheckCountryCode(std::string_view text, size_t plus, Cues* cues) {
  size_t end = plus + 1;
  while (end < text.size() && end - plus <= 4 && IsAsciiDigit(text[end])) ++end;
  if (end == plus + 1 || end - plus > 4) return;
  if (end < text.size() && IsAsciiDigit(text[end])) return;
  size_t next = end;
  while (next < text.size() && (text[next] == ' ' || text[next] == ')')) ++next;
  if (next < text.size() && IsAsciiDigit(text[next])) return;  // a number, not a cue
  const int code = std::stoi(std::string(text.substr(plus + 1, end - plus - 1)));
  std::string region;
  i18n::phonenumbers::PhoneNumberUtil::GetInstance()->GetRegionCodeForCountryCode(code, &region);
  if (region != "ZZ") cues->Add(region);
}

void CheckWord(std::string_view text, size_t begin, size_t end, Cues* cues) {
  const std::string_view word = text.substr(begin, end - begin);
  if (word.size() == 2 && IsAsciiAlpha(word[0]) && word[0] == AsciiToUpper(word[0]) &&
      word[1] == AsciiToUpper(word[1])) {
    size_t next = end;
    while (next < text.size() && text[next] == ' ') ++next;
    size_t next_end = next;
    while (next_end < text.size() && IsAsciiAlpha(text[next_end])) ++next_end;
    const std::string_view following = text.substr(next, next_end - next);
    for (std::string_view phone_word : kPhoneWords) {
      if (EqualsLower(following, phone_word) && IsSupportedRegion(std::string(word))) {
        cues->Add(word);
      }
    }
    return;
  }
  if (word.size() < 4 || word.size() > 24 || !CuePairs()[PairKey(word[0], word[1])]) return;
  for (const CueWord& stem : kCueStems) {
    if (word.size() >= stem.word.size() &&
        std::equal(stem.word.begin(), stem.word.end(), word.begin(),
                   [](char a, char b) { return a == AsciiToLower(b); })) {
      cues->Add(stem.region);
      return;
    }
  }
  for (const CueWord* cue_ptr :
       CueWordsByInitial()[static_cast<unsigned char>(AsciiToLower(word[0]))]) {
    const CueWord& cue = *cue_ptr;
    if (cue.word.size() != word.size()) continue;
    if (std::equal(word.begin(), word.end(), cue.word.begin(),
                   [](char a, char b) { return AsciiToLower(a) == b; })) {
      cues->Add(cue.region);
    }
  }
}

bool IsCueWordByte(char c) { return IsAsciiAlpha(c) || static_cast<unsigned char>(c) >= 0x80; }

// Bytes the scan stops at: a word byte or '+'. Everything else is skipped
// with one table lookup.
constexpr std::array<bool, 256> kStops = [] {
  std::array<bool, 256> stops{};
  for (int c = 0; c < 256; ++c)
    stops[c] = c == '+' || c >= 0x80 || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  return stops;
}();

}  // namespace

std::vector<std::string> FindCountryCues(std::string_view text) {
  Cues cues;
  FindFlags(text, &cues);
  if (text.find("中国") != std::string_view::npos) cues.Add("CN");  // "China", in a run of Han
  size_t pos = 0;
  while (pos < text.size() && cues.regions.size() < kMaxCountryCues) {
    const char c = text[pos];
    if (c == '+') {
      CheckCountryCode(text, pos, &cues);
      ++pos;
      continue;
    }
    if (!kStops[static_cast<unsigned char>(c)]) {
      ++pos;
      continue;
    }
    size_t end = pos + 1;
    while (end < text.size() && IsCueWordByte(text[end])) ++end;
    CheckWord(text, pos, end, &cues);
    pos = end;
  }
  return cues.regions;
}

}  // namespace harrier::extractors
