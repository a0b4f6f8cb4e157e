#include "extractors/handle_platforms.h"

#include <algorithm>
#include <array>
#include <iterator>

#include "extractors/utf8.h"

namespace harrier::extractors {
namespace {

struct Rule {
  Platform platform;
  std::string_view name;
  size_t min_length;
  size_t max_length;
  std::string_view extra_chars;  // allowed besides a-z 0-9
  bool first_letter;
  bool last_alnum;
};

// Published username rules, as of 2026; lengths are the platforms' own.
constexpr std::array<Rule, 8> kRules = {{
    {Platform::kSnapchat, "snapchat", 3, 15, "._-", true, true},
    {Platform::kInstagram, "instagram", 1, 30, "._", false, false},
    {Platform::kTelegram, "telegram", 5, 32, "_", true, true},
    {Platform::kTikTok, "tiktok", 2, 24, "._", false, false},
    {Platform::kWhatsApp, "whatsapp", 3, 30, "._", true, false},
    {Platform::kOnlyFans, "onlyfans", 3, 30, "._-", false, false},
    {Platform::kX, "x", 1, 15, "_", false, false},
    {Platform::kFacebook, "facebook", 5, 50, ".", false, false},
}};

struct Alias {
  std::string_view name;
  Platform platform;
};

constexpr std::array<Alias, 11> kAliases = {{
    {"twitter", Platform::kX},
    {"ig", Platform::kInstagram},
    {"insta", Platform::kInstagram},
    {"sc", Platform::kSnapchat},
    {"snap", Platform::kSnapchat},
    {"tg", Platform::kTelegram},
    {"tele", Platform::kTelegram},
    {"fb", Platform::kFacebook},
    {"of", Platform::kOnlyFans},
    {"wa", Platform::kWhatsApp},
    {"tik tok", Platform::kTikTok},
}};

const Rule& RuleFor(Platform platform) { return kRules[static_cast<size_t>(platform)]; }

bool IsAllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), IsAsciiDigit);
}

// Facebook's numeric profiles: "id:" and 5-20 digits.
bool IsFacebookId(std::string_view handle) {
  return handle.substr(0, 3) == "id:" && handle.size() >= 8 && handle.size() <= 23 &&
         IsAllDigits(handle.substr(3));
}

}  // namespace

std::string_view PlatformName(Platform platform) { return RuleFor(platform).name; }

std::optional<Platform> ParsePlatform(std::string_view name) {
  const std::string lower = AsciiLower(TrimSpace(name));
  for (const Rule& rule : kRules) {
    if (rule.name == lower) return rule.platform;
  }
  for (const Alias& alias : kAliases) {
    if (alias.name == lower) return alias.platform;
  }
  return std::nullopt;
}

bool IsValidHandle(Platform platform, std::string_view handle) {
  if (platform == Platform::kFacebook && IsFacebookId(handle)) return true;
  const Rule& rule = RuleFor(platform);
  if (handle.size() < rule.min_length || handle.size() > rule.max_length) return false;
  bool has_letter = false;
  for (const char c : handle) {
    if (c >= 'a' && c <= 'z') {
      has_letter = true;
    } else if (!IsAsciiDigit(c) && rule.extra_chars.find(c) == std::string_view::npos) {
      return false;
    }
  }
  if (!has_letter) return false;
  if (rule.first_letter && !IsAsciiAlpha(handle.front())) return false;
  if (rule.last_alnum && !IsAsciiAlnum(handle.back())) return false;
  // No platform allows a '.' at either end or two in a row.
  return handle.front() != '.' && handle.back() != '.' &&
         handle.find("..") == std::string_view::npos;
}

bool LooksLikeTimeOrAmount(std::string_view handle) {
  size_t pos = 0;
  while (pos < handle.size() &&
         (IsAsciiDigit(handle[pos]) || handle[pos] == '.' || handle[pos] == ':')) {
    ++pos;
  }
  if (pos == 0) return false;
  // Times, durations, amounts, ordinals, sizes and ages.
  static constexpr std::string_view kSuffixes[] = {
      "",    "am", "pm", "h",  "hr",  "hrs", "hour", "hours", "k",   "m",  "min", "mins",
      "ish", "st", "nd", "rd", "th",  "x",   "ft",   "in",    "cm",  "kg", "lb",  "lbs",
      "st",  "yo", "y",  "yr", "yrs", "p",   "gbp",  "eur",   "usd", "mb", "gb",  "s"};
  const std::string_view rest = handle.substr(pos);
  return std::find(std::begin(kSuffixes), std::end(kSuffixes), rest) != std::end(kSuffixes);
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), AsciiToLower);
  return out;
}

}  // namespace harrier::extractors
