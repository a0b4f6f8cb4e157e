#include "extractors/phone_validator.h"

#include <phonenumbers/geocoding/phonenumber_offline_geocoder.h>
#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <mutex>
#include <unordered_map>

#include "extractors/utf8.h"

namespace harrier::extractors {
namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberOfflineGeocoder;
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

// Verdicts kept across calls: adverts repeat numbers, and IsValidNumber
// costs ~10 us (Parse + IsValidNumber ~35 us). Cleared when full.
constexpr size_t kMaxCachedVerdicts = 1u << 16;

const PhoneNumberOfflineGeocoder& Geocoder() {
  static const PhoneNumberOfflineGeocoder* geocoder = new PhoneNumberOfflineGeocoder();
  return *geocoder;
}

bool StartsWith(std::string_view text, std::string_view prefix) {
  return !prefix.empty() && text.substr(0, prefix.size()) == prefix;
}

std::string CountryName(const std::string& region) {
  icu::UnicodeString name;
  icu::Locale("", region.c_str()).getDisplayCountry(icu::Locale::getEnglish(), name);
  std::string utf8;
  name.toUTF8String(utf8);
  return utf8 == region ? "" : utf8;
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

struct PhoneValidator::Cache {
  std::mutex mutex;
  std::unordered_map<std::string, std::optional<std::string>> verdicts;
  std::unordered_map<std::string, std::string> areas;  // by E.164
};

PhoneValidator::PhoneValidator(std::string region, bool accept_drama_ranges)
    : region_(std::move(region)),
      accept_drama_ranges_(accept_drama_ranges),
      cache_(std::make_unique<Cache>()) {
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  country_code_ = util.GetCountryCodeForRegion(region_);
  util.GetNddPrefixForRegion(region_, /*strip_non_digits=*/true, &trunk_prefix_);
}

PhoneValidator::~PhoneValidator() = default;

std::optional<std::string> PhoneValidator::Cached(const std::string& key, bool* found) const {
  std::lock_guard<std::mutex> lock(cache_->mutex);
  auto it = cache_->verdicts.find(key);
  *found = it != cache_->verdicts.end();
  return *found ? it->second : std::nullopt;
}

void PhoneValidator::Remember(const std::string& key,
                              const std::optional<std::string>& verdict) const {
  std::lock_guard<std::mutex> lock(cache_->mutex);
  if (cache_->verdicts.size() >= kMaxCachedVerdicts) cache_->verdicts.clear();
  cache_->verdicts.emplace(key, verdict);
}

std::optional<std::string> PhoneValidator::Validate(bool plus, std::string_view digits) const {
  if (digits.empty()) return std::nullopt;
  if (plus) return ValidateInternational(digits);
  if (StartsWith(digits, "00")) return ValidateInternational(digits.substr(2));
  const std::string code = std::to_string(country_code_);
  if (StartsWith(digits, code) && !StartsWith(digits, trunk_prefix_)) {
    // "44 7700 900123": the country code without '+'.
    std::optional<std::string> e164 = ValidateInternational(digits);
    if (e164 && StartsWith(std::string_view(*e164).substr(1), code)) return e164;
  }
  // Where the trunk prefix is 0 (GB and most of Europe) a national number is
  // always written with it; a bare "1234567890" is a reference or a price
  // list even when its digits happen to form a valid number.
  if (!trunk_prefix_.empty() && !StartsWith(digits, trunk_prefix_)) return std::nullopt;
  if (country_code_ == kUkCountryCode) return ValidateUk(digits.substr(trunk_prefix_.size()));
  return ValidateInRegion(digits, region_);
}

// The UK without Parse: the digits are known, and a constructed number skips
// the ~25 us of string handling in Parse.
std::optional<std::string> PhoneValidator::ValidateUk(std::string_view nsn) const {
  if (nsn.size() < 9 || nsn.size() > 10 || nsn[0] == '0') return std::nullopt;
  if (accept_drama_ranges_ && IsOfcomDramaNumber(kUkCountryCode, nsn)) {
    return "+44" + std::string(nsn);
  }
  const std::string key = "44:" + std::string(nsn);
  bool found = false;
  std::optional<std::string> verdict = Cached(key, &found);
  if (found) return verdict;
  PhoneNumber number;
  number.set_country_code(kUkCountryCode);
  number.set_national_number(std::stoull(std::string(nsn)));
  if (PhoneNumberUtil::GetInstance()->IsValidNumber(number)) verdict = "+44" + std::string(nsn);
  Remember(key, verdict);
  return verdict;
}

std::optional<std::string> PhoneValidator::ValidateInternational(std::string_view digits) const {
  if (StartsWith(digits, "44")) {
    std::string_view nsn = digits.substr(2);
    if (StartsWith(nsn, "0")) nsn.remove_prefix(1);  // "+44 (0)7700 ..."
    return ValidateUk(nsn);
  }
  if (digits.size() < 7 || digits.size() > 15 || digits[0] == '0') return std::nullopt;
  const std::string key = "+" + std::string(digits);
  bool found = false;
  std::optional<std::string> verdict = Cached(key, &found);
  if (found) return verdict;
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  PhoneNumber number;
  if (util.Parse(key, "ZZ", &number) == PhoneNumberUtil::NO_PARSING_ERROR &&
      util.IsValidNumber(number)) {
    std::string e164;
    util.Format(number, PhoneNumberUtil::E164, &e164);
    verdict = e164;
  }
  Remember(key, verdict);
  return verdict;
}

std::optional<std::string> PhoneValidator::ValidateInRegion(std::string_view digits,
                                                            const std::string& region) const {
  if (digits.size() < 6 || digits.size() > 15) return std::nullopt;
  const std::string key = region + ":" + std::string(digits);
  bool found = false;
  std::optional<std::string> verdict = Cached(key, &found);
  if (found) return verdict;
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  PhoneNumber number;
  if (util.ParseAndKeepRawInput(std::string(digits), region, &number) ==
          PhoneNumberUtil::NO_PARSING_ERROR &&
      number.country_code_source() == PhoneNumber::FROM_DEFAULT_COUNTRY &&
      util.IsValidNumberForRegion(number, region)) {
    std::string trunk;
    util.GetNddPrefixForRegion(region, /*strip_non_digits=*/true, &trunk);
    if (trunk.empty() || StartsWith(digits, trunk) ||
        util.GetNumberType(number) == PhoneNumberUtil::MOBILE) {
      std::string e164;
      util.Format(number, PhoneNumberUtil::E164, &e164);
      verdict = e164;
    }
  }
  Remember(key, verdict);
  return verdict;
}

std::string PhoneValidator::DescribeArea(std::string_view e164) const {
  // The geocoder matches the number against each region of its country code
  // (GB, GG, IM, JE share 44) with regexes: cache the answer.
  std::string key(e164);  // short enough to stay in the string's own buffer
  {
    std::lock_guard<std::mutex> lock(cache_->mutex);
    auto it = cache_->areas.find(key);
    if (it != cache_->areas.end()) return it->second;
  }
  std::string area = LookUpArea(e164);
  std::lock_guard<std::mutex> lock(cache_->mutex);
  if (cache_->areas.size() >= kMaxCachedVerdicts) cache_->areas.clear();
  cache_->areas.emplace(std::move(key), area);
  return area;
}

std::string PhoneValidator::LookUpArea(std::string_view e164) const {
  // Built from the digits rather than parsed: Parse's regexes cost ~25 us.
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  if (e164.size() < 4 || e164[0] != '+' || e164.size() > 17) return "";
  const std::string_view digits = e164.substr(1);
  if (!std::all_of(digits.begin(), digits.end(), [](char c) { return IsAsciiDigit(c); })) return "";
  std::string region;
  size_t code_length = 1;
  for (; code_length <= 3; ++code_length) {
    util.GetRegionCodeForCountryCode(std::stoi(std::string(digits.substr(0, code_length))),
                                     &region);
    if (region != "ZZ") break;
  }
  if (code_length > 3) return "";
  const std::string_view nsn = digits.substr(code_length);
  if (nsn.empty()) return "";
  PhoneNumber number;
  number.set_country_code(std::stoi(std::string(digits.substr(0, code_length))));
  number.set_national_number(std::stoull(std::string(nsn)));
  size_t zeros = 0;
  while (zeros + 1 < nsn.size() && nsn[zeros] == '0') ++zeros;
  if (zeros > 0) {
    number.set_italian_leading_zero(true);
    if (zeros > 1) number.set_number_of_leading_zeros(static_cast<int>(zeros));
  }
  // The geocoder looks the area up by prefix, so drama numbers (invalid in
  // the metadata) still get their town: 0113 496 0xxx is Leeds.
  std::string area = Geocoder().GetDescriptionForValidNumber(number, icu::Locale::getEnglish());
  return area.empty() ? CountryName(region) : area;
}

}  // namespace harrier::extractors
