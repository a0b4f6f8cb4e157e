#include "extractors/handle_urls.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <optional>
#include <string>

#include "extractors/handle_platforms.h"
#include "extractors/utf8.h"

namespace harrier::extractors {
namespace {

// A longer run of host characters before the '/' names some other host.
constexpr size_t kMaxHostLength = 64;
constexpr size_t kMaxSegmentLength = 100;
constexpr size_t kMaxSegments = 3;
constexpr size_t kMaxQueryLength = 256;

struct Host {
  std::string_view name;
  Platform platform;
};

constexpr std::array<Host, 14> kHosts = {{
    {"snapchat.com", Platform::kSnapchat},
    {"instagram.com", Platform::kInstagram},
    {"instagr.am", Platform::kInstagram},
    {"t.me", Platform::kTelegram},
    {"telegram.me", Platform::kTelegram},
    {"telegram.dog", Platform::kTelegram},
    {"tiktok.com", Platform::kTikTok},
    {"onlyfans.com", Platform::kOnlyFans},
    {"twitter.com", Platform::kX},
    {"x.com", Platform::kX},
    {"facebook.com", Platform::kFacebook},
    {"fb.com", Platform::kFacebook},
    {"m.me", Platform::kFacebook},  // Messenger links use the page's username
    {"wa.me", Platform::kWhatsApp},
}};

constexpr std::array<std::string_view, 6> kHostPrefixes = {"www.", "m.",      "mobile.",
                                                           "web.", "mbasic.", "touch."};

// First path segments that are the site's own pages, not usernames.
constexpr std::string_view kInstagramReserved[] = {
    "p",      "reel",      "reels", "stories",   "explore", "accounts",
    "direct", "tv",        "about", "developer", "legal",   "web",
    "emails", "challenge", "login", "privacy",   "terms",   "directory"};
constexpr std::string_view kTelegramReserved[] = {
    "joinchat", "addstickers", "addemoji",    "addtheme",     "addlist", "share", "proxy",
    "socks",    "iv",          "c",           "login",        "bg",      "boost", "invoice",
    "giftcode", "contact",     "setlanguage", "confirmphone", "s",       "msg"};
constexpr std::string_view kOnlyFansReserved[] = {
    "posts", "my",   "help",       "terms", "privacy", "about",   "search",       "login",
    "files", "dmca", "complaints", "legal", "faq",     "contact", "transparency", "signup"};
constexpr std::string_view kXReserved[] = {
    "home",          "search",   "intent",   "i",     "hashtag",  "explore", "share",
    "notifications", "messages", "settings", "login", "logout",   "signup",  "tos",
    "privacy",       "compose",  "account",  "about", "download", "jobs",    "help"};
constexpr std::string_view kFacebookReserved[] = {
    "photo",         "photo.php",   "photos",        "groups",    "events",
    "sharer",        "sharer.php",  "share",         "watch",     "story.php",
    "permalink.php", "pages",       "login",         "login.php", "home.php",
    "marketplace",   "gaming",      "reel",          "reels",     "stories",
    "help",          "policies",    "privacy",       "hashtag",   "people",
    "dialog",        "plugins",     "l.php",         "media",     "notes",
    "video.php",     "videos",      "business",      "ads",       "messages",
    "friends",       "settings",    "notifications", "search",    "places",
    "fundraisers",   "legal",       "terms",         "about",     "recover",
    "checkpoint",    "tr",          "home",          "index.php", "public",
    "posts",         "profile.php", "watchparty",    "live"};
constexpr std::string_view kWhatsAppReserved[] = {"message", "qr", "c", "catalog", "send"};

template <size_t N>
bool IsIn(std::string_view word, const std::string_view (&list)[N]) {
  return std::find(std::begin(list), std::end(list), word) != std::end(list);
}

bool IsHostChar(char c) { return IsAsciiAlnum(c) || c == '.' || c == '-'; }

bool IsSegmentChar(char c) {
  return IsAsciiAlnum(c) || c == '.' || c == '_' || c == '-' || c == '@' || c == '+' || c == '%';
}

bool IsAllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), IsAsciiDigit);
}

// The platform whose host ends just before the '/' at `slash`, and where
// the URL (scheme included) begins.
std::optional<std::pair<Platform, size_t>> HostBefore(std::string_view text, size_t slash) {
  size_t begin = slash;
  while (begin > 0 && IsHostChar(text[begin - 1])) {
    if (slash - --begin > kMaxHostLength) return std::nullopt;
  }
  if (begin == slash) return std::nullopt;
  // "jo@instagram.com/x" is an address's domain; "é.t.me/x" part of a word.
  if (begin > 0 && (text[begin - 1] == '@' || IsWordChar(CodePointBefore(text, begin)))) {
    return std::nullopt;
  }
  std::string host = AsciiLower(text.substr(begin, slash - begin));
  for (std::string_view prefix : kHostPrefixes) {
    if (host.size() > prefix.size() && host.compare(0, prefix.size(), prefix) == 0 &&
        host.find('.', prefix.size()) != std::string::npos) {
      host.erase(0, prefix.size());
      break;
    }
  }
  const auto it =
      std::find_if(kHosts.begin(), kHosts.end(), [&](const Host& h) { return h.name == host; });
  if (it == kHosts.end()) return std::nullopt;
  for (std::string_view scheme : {std::string_view("https://"), std::string_view("http://")}) {
    if (begin >= scheme.size() &&
        AsciiLower(text.substr(begin - scheme.size(), scheme.size())) == scheme) {
      begin -= scheme.size();
      break;
    }
  }
  return std::make_pair(it->platform, begin);
}

struct Path {
  std::array<std::string, kMaxSegments> segments;  // lower-case
  std::array<size_t, kMaxSegments> ends{};         // text offsets
  size_t count = 0;
};

// Up to three '/'-separated segments after the host's '/'.
std::optional<Path> ReadPath(std::string_view text, size_t slash) {
  Path path;
  size_t pos = slash + 1;
  while (path.count < kMaxSegments) {
    const size_t begin = pos;
    while (pos < text.size() && IsSegmentChar(text[pos])) {
      if (++pos - begin > kMaxSegmentLength) return std::nullopt;
    }
    if (pos == begin) break;
    path.segments[path.count] = AsciiLower(text.substr(begin, pos - begin));
    path.ends[path.count++] = pos;
    if (pos >= text.size() || text[pos] != '/') break;
    ++pos;
  }
  if (path.count == 0) return std::nullopt;
  return path;
}

struct Name {
  std::string value;
  size_t end = 0;
};

std::optional<Name> SegmentName(const Path& path, size_t index, size_t skip = 0) {
  if (index >= path.count) return std::nullopt;
  return Name{path.segments[index].substr(skip), path.ends[index]};
}

// "profile.php?id=100012345678": the numeric id, as "id:100012345678".
std::optional<Name> FacebookProfileId(std::string_view text, size_t pos) {
  if (pos >= text.size() || text[pos] != '?') return std::nullopt;
  const size_t limit = std::min(text.size(), pos + kMaxQueryLength);
  for (size_t p = pos + 1; p + 3 < limit; ++p) {
    if ((text[p - 1] == '?' || text[p - 1] == '&') && text.compare(p, 3, "id=") == 0) {
      size_t end = p + 3;
      while (end < limit && IsAsciiDigit(text[end])) ++end;
      return Name{"id:" + std::string(text.substr(p + 3, end - p - 3)), end};
    }
    if (!IsSegmentChar(text[p]) && text[p] != '=' && text[p] != '&') break;
  }
  return std::nullopt;
}

bool SecondIs(const Path& path, std::initializer_list<std::string_view> words) {
  return path.count >= 2 && std::find(words.begin(), words.end(), path.segments[1]) != words.end();
}

std::optional<Name> NameFromPath(Platform platform, const Path& path, std::string_view text) {
  const std::string_view first = path.segments[0];  // outlives the switch
  switch (platform) {
    case Platform::kSnapchat:
      if (first == "add") return SegmentName(path, 1);
      return first[0] == '@' ? SegmentName(path, 0, 1) : std::nullopt;
    case Platform::kInstagram:
      if (IsIn(first, kInstagramReserved) || SecondIs(path, {"p", "reel", "tv"})) return {};
      return SegmentName(path, 0, first[0] == '@' ? 1 : 0);
    case Platform::kTelegram:
      // t.me/s/NAME previews channel NAME; t.me/NAME/123 is one post.
      if (first == "s") {
        return path.count >= 3 && IsAllDigits(path.segments[2]) ? std::nullopt
                                                                : SegmentName(path, 1);
      }
      if (IsIn(first, kTelegramReserved) || (path.count >= 2 && IsAllDigits(path.segments[1]))) {
        return std::nullopt;
      }
      return SegmentName(path, 0);
    case Platform::kTikTok:
      if (first[0] != '@' || SecondIs(path, {"video", "photo"})) return std::nullopt;
      return SegmentName(path, 0, 1);
    case Platform::kOnlyFans:
      if (IsIn(first, kOnlyFansReserved) || IsAllDigits(first)) return std::nullopt;
      return SegmentName(path, 0);
    case Platform::kX:
      if (IsIn(first, kXReserved) || SecondIs(path, {"status", "statuses"})) return {};
      return SegmentName(path, 0, first[0] == '@' ? 1 : 0);
    case Platform::kFacebook:
      if (first == "profile.php") return FacebookProfileId(text, path.ends[0]);
      if (IsIn(first, kFacebookReserved) ||
          SecondIs(path, {"posts", "videos", "photos", "permalink", "story.php"})) {
        return std::nullopt;
      }
      return SegmentName(path, 0);
    case Platform::kWhatsApp:
      // wa.me/447700900123 is a phone number: the phone extractor's.
      if (IsIn(first, kWhatsAppReserved) || !IsAsciiAlpha(first[0])) return std::nullopt;
      return SegmentName(path, 0);
  }
  return std::nullopt;
}

std::optional<Selector> ProfileAt(std::string_view text, size_t slash) {
  const auto host = HostBefore(text, slash);
  if (!host) return std::nullopt;
  const std::optional<Path> path = ReadPath(text, slash);
  if (!path) return std::nullopt;
  std::optional<Name> name = NameFromPath(host->first, *path, text);
  if (!name) return std::nullopt;
  // "instagram.com/jo_99." ends a sentence.
  while (!name->value.empty() && name->value.back() == '.') {
    name->value.pop_back();
    --name->end;
  }
  if (!IsValidHandle(host->first, name->value)) return std::nullopt;
  Selector selector;
  selector.kind = SelectorKind::kHandle;
  selector.value = std::string(PlatformName(host->first)) + ":" + name->value;
  selector.begin = host->second;
  selector.end = name->end;
  selector.raw = std::string(text.substr(selector.begin, selector.end - selector.begin));
  selector.confidence = kUrlHandleConfidence;
  selector.detail = "from URL";
  return selector;
}

}  // namespace

std::vector<Selector> ExtractProfileUrlHandles(std::string_view text) {
  std::vector<Selector> found;
  size_t pos = 0;
  while (pos < text.size()) {
    const void* hit = std::memchr(text.data() + pos, '/', text.size() - pos);
    if (hit == nullptr) break;
    const size_t slash = static_cast<const char*>(hit) - text.data();
    std::optional<Selector> selector = ProfileAt(text, slash);
    if (selector && (found.empty() || found.back().end <= selector->begin)) {
      pos = selector->end;
      found.push_back(std::move(*selector));
    } else {
      pos = slash + 1;
    }
  }
  return found;
}

}  // namespace harrier::extractors
