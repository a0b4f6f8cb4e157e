// The social platforms Harrier knows handles for, and each one's username
// rules (length, characters, first and last character), so that extractors
// reject what a platform could not hold. Pure functions; safe from any thread.
#ifndef HARRIER_EXTRACTORS_HANDLE_PLATFORMS_H_
#define HARRIER_EXTRACTORS_HANDLE_PLATFORMS_H_

#include <optional>
#include <string>
#include <string_view>

namespace harrier::extractors {

enum class Platform {
  kSnapchat,
  kInstagram,
  kTelegram,
  kTikTok,
  kWhatsApp,
  kOnlyFans,
  kX,
  kFacebook,
};

// The value prefix of core/selector.h: "snapchat", "instagram", "telegram",
// "tiktok", "whatsapp", "onlyfans", "x", "facebook".
std::string_view PlatformName(Platform platform);

// The platform for a canonical name or a common alias ("twitter", "ig",
// "insta", "sc", "snap", "tg", "fb", "of", "wa"), any case; nullopt otherwise.
std::optional<Platform> ParsePlatform(std::string_view name);

// Whether `handle` (lower-case, no '@') is a username `platform` allows:
//   snapchat  3-15  a-z 0-9 . _ -   starts with a letter, ends alphanumeric
//   instagram 1-30  a-z 0-9 . _     no leading/trailing '.', no ".."
//   telegram  5-32  a-z 0-9 _       starts with a letter, ends alphanumeric
//   tiktok    2-24  a-z 0-9 . _     no trailing '.'
//   whatsapp  3-30  a-z 0-9 . _     starts with a letter
//   onlyfans  3-30  a-z 0-9 . _ -
//   x         1-15  a-z 0-9 _
//   facebook  5-50  a-z 0-9 .       (or "id:" and the digits of profile.php?id=)
// Every handle must also hold a letter.
bool IsValidHandle(Platform platform, std::string_view handle);

// "9pm", "10.30am", "100", "2hrs", "50k": times, amounts and durations that
// follow an '@' or a cue in adverts and are never usernames.
bool LooksLikeTimeOrAmount(std::string_view handle);

std::string AsciiLower(std::string_view s);

}  // namespace harrier::extractors

#endif  // HARRIER_EXTRACTORS_HANDLE_PLATFORMS_H_
