#include "extractors/handle_extractor.h"

#include <algorithm>
#include <array>
#include <bitset>
#include <cstdint>
#include <iterator>
#include <utility>

#include "extractors/byte_scan.h"
#include "extractors/handle_platforms.h"
#include "extractors/handle_urls.h"
#include "extractors/utf8.h"

namespace harrier::extractors {
namespace {

// How much a cue word alone says about the platform. kStrong: the platform's
// name ("snapchat", "insta"); kWeak: an abbreviation that is also a word
// ("snap", "sc", "IG", "tele", "fb"); kVeryWeak: "OF", "X", which are
// everyday words and letters; kGhost: the 👻 emoji, Snapchat's logo.
enum class Strength { kVeryWeak, kWeak, kStrong, kGhost };

struct CueWord {
  std::string_view word;  // lower-case; two-word forms without the space
  Platform platform;
  Strength strength;
};

constexpr std::array<CueWord, 21> kCueWords = {{
    {"snapchat", Platform::kSnapchat, Strength::kStrong},
    {"snap", Platform::kSnapchat, Strength::kWeak},
    {"sc", Platform::kSnapchat, Strength::kWeak},
    {"instagram", Platform::kInstagram, Strength::kStrong},
    {"insta", Platform::kInstagram, Strength::kStrong},
    {"ig", Platform::kInstagram, Strength::kWeak},
    {"telegram", Platform::kTelegram, Strength::kStrong},
    {"tele", Platform::kTelegram, Strength::kWeak},
    {"tg", Platform::kTelegram, Strength::kWeak},
    {"tiktok", Platform::kTikTok, Strength::kStrong},
    {"onlyfans", Platform::kOnlyFans, Strength::kStrong},
    {"of", Platform::kOnlyFans, Strength::kVeryWeak},
    {"twitter", Platform::kX, Strength::kStrong},
    {"x", Platform::kX, Strength::kVeryWeak},
    {"facebook", Platform::kFacebook, Strength::kStrong},
    {"fb", Platform::kFacebook, Strength::kWeak},
    {"whatsapp", Platform::kWhatsApp, Strength::kStrong},
    {"whatsap", Platform::kWhatsApp, Strength::kStrong},
    {"watsapp", Platform::kWhatsApp, Strength::kStrong},
    {"snapchatt", Platform::kSnapchat, Strength::kStrong},
    {"instagramm", Platform::kInstagram, Strength::kStrong},
}};

// "tik tok", "only fans", "snap chat", "whats app", "face book", "insta gram".
constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kSplitCues = {{
    {"tik", "tok"},
    {"only", "fans"},
    {"snap", "chat"},
    {"whats", "app"},
    {"face", "book"},
    {"insta", "gram"},
}};

// Words that follow a cue in adverts but are not usernames ("sc: ask",
// "snapchat: coming soon", "OF: subscribe"), sorted for binary search.
constexpr std::string_view kStopWords[] = {
    "a",         "above",        "acc",      "account",     "active",    "add",
    "address",   "after",        "all",      "also",        "always",    "am",
    "an",        "and",          "app",      "are",         "ask",       "at",
    "available", "bank",         "banned",   "be",          "before",    "below",
    "bio",       "blocked",      "booking",  "both",        "by",        "call",
    "can",       "cash",         "chat",     "check",       "click",     "closed",
    "coming",    "contact",      "daily",    "day",         "deleted",   "deposit",
    "details",   "disabled",     "discreet", "dm",          "do",        "dont",
    "either",    "email",        "escort",   "every",       "facebook",  "fb",
    "find",      "first",        "follow",   "for",         "free",      "from",
    "genuine",   "get",          "girl",     "handle",      "hello",     "here",
    "hey",       "hi",           "hidden",   "home",        "hour",      "hours",
    "i",         "id",           "if",       "ig",          "im",        "in",
    "inbox",     "incall",       "info",     "insta",       "instagram", "is",
    "it",        "join",         "just",     "lady",        "later",     "link",
    "links",     "location",     "look",     "mail",        "massage",   "me",
    "message",   "mobile",       "more",     "msg",         "my",        "n",
    "name",      "new",          "night",    "nil",         "no",        "none",
    "nope",      "not",          "now",      "number",      "of",        "offline",
    "ok",        "okay",         "on",       "online",      "only",      "onlyfans",
    "open",      "or",           "our",      "outcall",     "page",      "paypal",
    "phone",     "photos",       "pics",     "pictures",    "please",    "pls",
    "premium",   "price",        "prices",   "private",     "profile",   "rate",
    "rates",     "real",         "request",  "same",        "sc",        "search",
    "secret",    "see",          "send",     "snap",        "snapchat",  "soon",
    "stories",   "story",        "sub",      "subscribe",   "sure",      "tele",
    "telegram",  "text",         "tg",       "thanks",      "the",       "then",
    "tiktok",    "time",         "to",       "today",       "tomorrow",  "tonight",
    "too",       "twitter",      "u",        "unavailable", "upon",      "user",
    "username",  "verification", "verified", "verify",      "via",       "videos",
    "vids",      "vip",          "visit",    "wa",          "was",       "we",
    "week",      "weekend",      "welcome",  "whatsapp",    "when",      "will",
    "with",      "write",        "x",        "yes",         "you",       "your"};

static_assert(std::is_sorted(std::begin(kStopWords), std::end(kStopWords)));

constexpr std::string_view kGhost = "\xF0\x9F\x91\xBB";  // 👻
// Arrows and dashes written between a cue and its username.
constexpr std::string_view kSeparatorGlyphs[] = {
    "\xE2\x9E\xA1",      // ➡
    "\xE2\x86\x92",      // →
    "\xE2\x87\x92",      // ⇒
    "\xE2\x80\x93",      // –
    "\xE2\x80\x94",      // —
    "\xF0\x9F\x91\x89",  // 👉
    "\xE2\x9E\x9C",      // ➜
    "\xEF\xB8\x8F",      // VS16 after an arrow ("➡️"), if the normalizer left it
};

constexpr size_t kMaxCuesInChain = 4;
constexpr size_t kMaxHandleLength = 64;
constexpr size_t kMaxSeparatorSteps = 8;

struct Cue {
  Platform platform = Platform::kSnapchat;
  Strength strength = Strength::kWeak;
  size_t begin = 0;
  size_t end = 0;
  bool upper_case = false;  // "X", "OF" rather than "x", "of"
};

bool IsHandleChar(char c) { return IsAsciiAlnum(c) || c == '.' || c == '_' || c == '-'; }
bool IsHorizontalSpace(char c) { return c == ' ' || c == '\t'; }

size_t SkipSpace(std::string_view text, size_t pos) {
  while (pos < text.size() && IsHorizontalSpace(text[pos])) ++pos;
  return pos;
}

bool StartsWithIgnoreCase(std::string_view text, size_t pos, std::string_view word) {
  if (pos > text.size() || text.size() - pos < word.size()) return false;
  for (size_t i = 0; i < word.size(); ++i) {
    if (AsciiToLower(text[pos + i]) != word[i]) return false;
  }
  return true;
}

size_t AsciiWordEnd(std::string_view text, size_t pos) {
  while (pos < text.size() && IsAsciiAlpha(text[pos])) ++pos;
  return pos;
}

// Whether a cue may start at `pos`: not inside a word, a hashtag, a URL or
// an address ("#snapchat", "www.snapchat.com", "jo@tele").
bool IsCueBoundaryBefore(std::string_view text, size_t pos) {
  if (pos == 0) return true;
  const char c = text[pos - 1];
  if (c == '#' || c == '@' || c == '.' || c == '/' || c == '_' || c == '-') return false;
  if (static_cast<unsigned char>(c) < 0x80) return !IsAsciiAlnum(c);
  return !IsWordChar(CodePointBefore(text, pos));
}

// Whether the character at `pos` would continue a word ("jo99é").
bool IsWordCharAt(std::string_view text, size_t pos) {
  if (pos >= text.size()) return false;
  const char c = text[pos];
  if (static_cast<unsigned char>(c) < 0x80) return IsAsciiAlnum(c) || c == '_';
  return IsWordChar(CodePointAt(text, pos));
}

// Called for most words of the text: compare lengths and first letters
// before any bytes.
const CueWord* FindCueWord(std::string_view lower) {
  for (const CueWord& cue : kCueWords) {
    if (cue.word.size() == lower.size() && cue.word[0] == lower[0] && cue.word == lower) {
      return &cue;
    }
  }
  return nullptr;
}

// The cue word at `pos` (a word start), any case (a lower-case "x" must
// then pass CueConfidence's stricter test).
// `chained`: after "snap/" or "IG &", where the joiner is the boundary.
std::optional<Cue> ReadCue(std::string_view text, size_t pos, bool chained = false) {
  if (pos < text.size() && text[pos] == kGhost[0]) {
    if (text.compare(pos, kGhost.size(), kGhost) != 0) return std::nullopt;
    return Cue{Platform::kSnapchat, Strength::kGhost, pos, pos + kGhost.size(), false};
  }
  if (pos >= text.size() || !IsAsciiAlpha(text[pos])) return std::nullopt;
  size_t end = AsciiWordEnd(text, pos);
  constexpr size_t kLongestCue = 10;
  if (end - pos > kLongestCue) return std::nullopt;
  std::array<char, 2 * kLongestCue> buffer;
  size_t length = end - pos;
  for (size_t i = 0; i < length; ++i) buffer[i] = AsciiToLower(text[pos + i]);
  for (const auto& [head, tail] : kSplitCues) {
    if (std::string_view(buffer.data(), length) != head) continue;
    const size_t next = end < text.size() && (text[end] == ' ' || text[end] == '-') ? end + 1 : end;
    if (StartsWithIgnoreCase(text, next, tail) && AsciiWordEnd(text, next) == next + tail.size()) {
      std::copy(tail.begin(), tail.end(), buffer.begin() + length);
      length += tail.size();
      end = next + tail.size();
    }
    break;
  }
  const CueWord* word = FindCueWord(std::string_view(buffer.data(), length));
  if (word == nullptr || IsWordCharAt(text, end) || !(chained || IsCueBoundaryBefore(text, pos))) {
    return std::nullopt;
  }
  const bool upper_case = std::all_of(text.begin() + pos, text.begin() + end,
                                      [](char c) { return c >= 'A' && c <= 'Z'; });
  return Cue{word->platform, word->strength, pos, end, upper_case};
}

// "snap/insta", "IG & SC", "sc, ig and tt": cues sharing one username.
struct CueChain {
  std::array<Cue, kMaxCuesInChain> cues;
  size_t count = 0;
  Strength strength = Strength::kVeryWeak;  // the strongest in the chain
  size_t end = 0;
};

size_t SkipJoiner(std::string_view text, size_t pos) {
  pos = SkipSpace(text, pos);
  if (pos >= text.size()) return std::string_view::npos;
  const char c = text[pos];
  if (c == '/' || c == '&' || c == '+' || c == ',' || c == '|') return SkipSpace(text, pos + 1);
  for (std::string_view word : {std::string_view("and"), std::string_view("or")}) {
    if (StartsWithIgnoreCase(text, pos, word) && pos + word.size() < text.size() &&
        IsHorizontalSpace(text[pos + word.size()])) {
      return SkipSpace(text, pos + word.size());
    }
  }
  return std::string_view::npos;
}

CueChain ReadChain(std::string_view text, const Cue& first) {
  CueChain chain;
  chain.cues[chain.count++] = first;
  chain.strength = first.strength;
  chain.end = first.end;
  while (chain.count < kMaxCuesInChain) {
    const size_t next = SkipJoiner(text, chain.end);
    if (next == std::string_view::npos) break;
    const std::optional<Cue> cue = ReadCue(text, next, /*chained=*/true);
    if (!cue) break;
    chain.cues[chain.count++] = *cue;
    chain.strength = std::max(chain.strength, cue->strength);
    chain.end = cue->end;
  }
  return chain;
}

// What stands between the cue and the username.
struct Separation {
  size_t handle_begin = 0;     // at the '@', if any
  bool explicit_sep = false;   // ':', '=', '-', an arrow
  bool firm_sep = false;       // explicit and not a hyphen ("X-ray", "size X - S")
  bool is_word = false;        // "my snap is jo_99"
  bool at_sign = false;        // "IG @jo_99"
  char close = '\0';           // "IG (@jo_99)": the bracket that must follow the name
  bool bracketed_cue = false;  // "[snap] jo_99": the cue in brackets of its own
};

size_t MatchGlyph(std::string_view text, size_t pos) {
  for (std::string_view glyph : kSeparatorGlyphs) {
    if (text.compare(pos, glyph.size(), glyph) == 0) return glyph.size();
  }
  return 0;
}

Separation ReadSeparation(std::string_view text, size_t pos) {
  Separation sep;
  bool spaced = false;
  for (size_t step = 0; step < kMaxSeparatorSteps && pos < text.size(); ++step) {
    const char c = text[pos];
    if (IsHorizontalSpace(c) || (c == '\n' && sep.explicit_sep)) {
      spaced = true;
      ++pos;
    } else if ((c == '(' || c == '[') && sep.close == '\0') {
      // "IG (@jo_99)", "Insta [@jo_99]": the name must close the bracket.
      sep.close = c == '(' ? ')' : ']';
      sep.explicit_sep = true;
      ++pos;
    } else if (c == ':' || c == '=' || c == '>') {
      sep.explicit_sep = sep.firm_sep = true;
      ++pos;
    } else if (c == '-') {
      // "snap-happy", "IG-famous": a hyphen with no space is a compound.
      sep.explicit_sep =
          sep.explicit_sep || spaced || (pos + 1 < text.size() && IsHorizontalSpace(text[pos + 1]));
      ++pos;
    } else if (const size_t length =
                   static_cast<unsigned char>(c) >= 0x80 ? MatchGlyph(text, pos) : 0;
               length > 0) {
      sep.explicit_sep = sep.firm_sep = true;
      pos += length;
    } else {
      break;
    }
  }
  if (!sep.explicit_sep && StartsWithIgnoreCase(text, pos, "is") && pos + 2 < text.size() &&
      IsHorizontalSpace(text[pos + 2])) {
    sep.is_word = true;
    pos = SkipSpace(text, pos + 2);
  }
  sep.handle_begin = pos;
  sep.at_sign = pos < text.size() && text[pos] == '@';
  return sep;
}

// "my snap is": a possessive before the cue makes "is" a separator.
bool HasPossessiveBefore(std::string_view text, size_t pos) {
  size_t end = pos;
  while (end > 0 && IsHorizontalSpace(text[end - 1])) --end;
  if (end == pos) return false;
  size_t begin = end;
  while (begin > 0 && end - begin < 4 && IsAsciiAlpha(text[begin - 1])) --begin;
  if (begin > 0 && IsAsciiAlpha(text[begin - 1])) return false;
  const std::string word = AsciiLower(text.substr(begin, end - begin));
  return word == "my" || word == "our" || word == "her" || word == "his";
}

bool IsStopWord(std::string_view lower) {
  return std::binary_search(std::begin(kStopWords), std::end(kStopWords), lower);
}

// A username without a separator must look like one: "snapchat jo_99", not
// "snapchat tonight".
bool LooksLikeUsername(std::string_view lower) {
  return std::any_of(lower.begin(), lower.end(),
                     [](char c) { return IsAsciiDigit(c) || c == '_' || c == '.'; });
}

// "IG jo.rose_1": after a two-letter cue with nothing between, a name that
// only a username could be: a letter first, four or more characters, and a
// digit, '_' or '.' ("IG stories" and "sc 2nd" are not).
bool LooksLikeBareUsername(std::string_view lower) {
  return lower.size() >= 4 && IsAsciiAlpha(lower[0]) && LooksLikeUsername(lower);
}

// A cheap test before the username is read: whether any username could
// pass CueConfidence after this cue and separation.
bool MayNameHandle(Strength strength, const Separation& sep) {
  switch (strength) {
    case Strength::kVeryWeak:
      return sep.firm_sep || sep.at_sign;
    case Strength::kWeak:
      return true;  // "IG jo.rose_1" needs no separator
    default:
      return true;
  }
}

// "my snap is jo", "snapchat is jo_99", not "the snap is great".
bool IsMine(std::string_view text, const Cue& cue, std::string_view lower) {
  return HasPossessiveBefore(text, cue.begin) || LooksLikeUsername(lower);
}

// The confidence a cued handle earns, or 0 when the cue does not name it.
double CueConfidence(const CueChain& chain, const Separation& sep, const Cue& first,
                     std::string_view text, std::string_view lower) {
  switch (chain.strength) {
    case Strength::kGhost:
      return 0.8;
    case Strength::kStrong:
      if (sep.explicit_sep || sep.at_sign) return 0.85;
      if (sep.is_word) return IsMine(text, first, lower) ? 0.75 : 0.0;
      return LooksLikeUsername(lower) ? 0.6 : 0.0;
    case Strength::kWeak:
      if (sep.explicit_sep || sep.at_sign) return 0.8;
      if (sep.is_word) return IsMine(text, first, lower) ? 0.7 : 0.0;
      // Only after a pure abbreviation ("IG", "sc", "tg", "fb") or a cue in
      // brackets: "snap" and "tele" are words too ("I snap pics.today").
      return (first.end - first.begin == 2 || sep.bracketed_cue) && sep.handle_begin > chain.end &&
                     LooksLikeBareUsername(lower)
                 ? 0.6
                 : 0.0;
    case Strength::kVeryWeak:
      // "x: @ivy", "x - @ivy", never "x 2" or "x: 30min": a lower-case "x" is
      // a letter or a times sign unless an explicit separator and '@' follow.
      if (first.platform == Platform::kX && !first.upper_case) {
        return sep.explicit_sep && sep.at_sign ? 0.65 : 0.0;
      }
      return sep.firm_sep || (sep.at_sign && first.upper_case) ? 0.7 : 0.0;
  }
  return 0.0;
}

struct Written {
  size_t begin = 0;
  size_t end = 0;
  std::string lower;  // without '@'
};

// The username starting at `pos` ('@' included), or nullopt when what is
// written there is an address, a URL, a time or a price.
std::optional<Written> ReadUsername(std::string_view text, size_t pos, bool at_sign) {
  const size_t start = at_sign ? pos + 1 : pos;
  size_t end = start;
  while (end < text.size() && IsHandleChar(text[end])) {
    if (++end - start > kMaxHandleLength) return std::nullopt;
  }
  while (end > start && (text[end - 1] == '.' || text[end - 1] == '-')) --end;
  if (end == start) return std::nullopt;
  size_t after = end;
  while (after < text.size() && (text[after] == '.' || text[after] == '-')) ++after;
  if (after < text.size() && (text[after] == '@' || text[after] == '/')) return std::nullopt;
  if (IsWordCharAt(text, after)) return std::nullopt;  // "jo99é"
  std::string lower = AsciiLower(text.substr(start, end - start));
  if (IsStopWord(lower) || LooksLikeTimeOrAmount(lower)) return std::nullopt;
  return Written{pos, end, std::move(lower)};
}

std::string CueDetail(std::string_view text, const Cue& cue) {
  return "from cue \"" + std::string(text.substr(cue.begin, cue.end - cue.begin)) + "\"";
}

void EmitForChain(std::string_view text, const CueChain& chain, const Written& name,
                  double confidence, std::vector<Selector>& out) {
  const std::string detail = CueDetail(text, chain.cues[0]);
  for (size_t i = 0; i < chain.count; ++i) {
    const Platform platform = chain.cues[i].platform;
    if (!IsValidHandle(platform, name.lower)) continue;
    const auto same = [&](const Cue& cue) { return cue.platform == platform; };
    if (std::any_of(chain.cues.begin(), chain.cues.begin() + i, same)) continue;  // "twitter/x"
    Selector selector;
    selector.kind = SelectorKind::kHandle;
    selector.value = std::string(PlatformName(platform)) + ":" + name.lower;
    selector.begin = name.begin;
    selector.end = name.end;
    selector.raw = std::string(text.substr(name.begin, name.end - name.begin));
    selector.confidence = confidence;
    selector.detail = detail;
    out.push_back(std::move(selector));
  }
}

// Nouns for the username written between a cue and its separator: "IG
// handle: jo_99", "tg id - @jo_99", "snap name is jo_99".
constexpr std::string_view kCueNouns[] = {"handle", "username", "user",   "name",
                                          "id",     "acc",      "account"};

size_t SkipCueNoun(std::string_view text, size_t pos) {
  const size_t word = SkipSpace(text, pos);
  const size_t end = AsciiWordEnd(text, word);
  for (std::string_view noun : kCueNouns) {
    if (end - word == noun.size() && StartsWithIgnoreCase(text, word, noun)) return end;
  }
  return pos;
}

// The separation after a cue chain, past the ')' of a bracketed cue ("(IG)
// @jo_99", "[snap] jo_99": no separator of its own, so the name must still
// carry an '@' or a username's shape) and past a noun that is followed by a
// separator ("IG handle: jo_99").
Separation ReadSeparationAfterCue(std::string_view text, const CueChain& chain) {
  size_t after = chain.end;
  const size_t begin = chain.cues[0].begin;
  if (begin > 0 && after < text.size() && (text[begin - 1] == '(' || text[begin - 1] == '[') &&
      text[after] == (text[begin - 1] == '(' ? ')' : ']')) {
    ++after;
  }
  const size_t noun_end = SkipCueNoun(text, after);
  if (noun_end != after) {
    const Separation sep = ReadSeparation(text, noun_end);
    if (sep.explicit_sep || sep.at_sign || sep.is_word) return sep;
  }
  Separation sep = ReadSeparation(text, after);
  sep.bracketed_cue = after != chain.end;
  return sep;
}

// "IG (@jo_99)", "Insta [jo.rose]": the bracket closes right after the name,
// and a name without '@' must look like a username ("TikTok (official)").
bool ClosesBracket(std::string_view text, const Written& name, const Separation& sep) {
  const size_t close = SkipSpace(text, name.end);
  return close < text.size() && text[close] == sep.close &&
         (sep.at_sign || LooksLikeUsername(name.lower));
}

// Handles named after the cue starting at `pos`; returns where to go on.
size_t MatchCueAt(std::string_view text, size_t pos, std::vector<Selector>& out) {
  const std::optional<Cue> first = ReadCue(text, pos);
  if (!first) return pos + 1;
  const CueChain chain = ReadChain(text, *first);
  const Separation sep = ReadSeparationAfterCue(text, chain);
  if (!MayNameHandle(chain.strength, sep)) return chain.end;  // "of the", "snap photos"
  const std::optional<Written> name = ReadUsername(text, sep.handle_begin, sep.at_sign);
  if (!name) return chain.end;
  if (sep.close != '\0' && !ClosesBracket(text, *name, sep)) return chain.end;
  const double confidence = CueConfidence(chain, sep, *first, text, name->lower);
  if (confidence <= 0.0) return chain.end;
  EmitForChain(text, chain, *name, confidence, out);
  return name->end;
}

// The cue after an '@' username: "@jo_99 on snap", "@jo_99 (IG)".
std::optional<CueChain> ReadTrailingCue(std::string_view text, size_t pos) {
  pos = SkipSpace(text, pos);
  bool bracketed = false;
  if (pos < text.size() && (text[pos] == '(' || text[pos] == '[')) {
    bracketed = true;
    pos = SkipSpace(text, pos + 1);
  } else if (StartsWithIgnoreCase(text, pos, "on") && pos + 2 < text.size() &&
             IsHorizontalSpace(text[pos + 2])) {
    pos = SkipSpace(text, pos + 2);
  } else {
    return std::nullopt;
  }
  const std::optional<Cue> cue = ReadCue(text, pos, /*chained=*/true);
  if (!cue || (cue->strength == Strength::kVeryWeak && !cue->upper_case)) return std::nullopt;
  CueChain chain = ReadChain(text, *cue);
  if (bracketed) {
    const size_t close = SkipSpace(text, chain.end);
    if (close >= text.size() || (text[close] != ')' && text[close] != ']')) return std::nullopt;
  }
  return chain;
}

size_t MatchTrailingCueAt(std::string_view text, size_t pos, std::vector<Selector>& out) {
  if (pos > 0 && (IsWordChar(CodePointBefore(text, pos)) || text[pos - 1] == '.')) {
    return pos + 1;  // an address, not a handle
  }
  const std::optional<Written> name = ReadUsername(text, pos, /*at_sign=*/true);
  if (!name) return pos + 1;
  const std::optional<CueChain> chain = ReadTrailingCue(text, name->end);
  if (!chain) return name->end;
  EmitForChain(text, *chain, *name, 0.75, out);
  return chain->end;
}

// Every word of a text passes here, so cue words are ruled out by their
// first three bytes before anything else: a bit for each (letter, letter or
// other, letter or other) triple a cue word can start with ("sna", "sc?",
// "x??"). Letters are 0-25 in any case, anything else 26.
constexpr size_t kTripleCount = 27 * 27 * 27;

constexpr std::array<uint8_t, 256> MakeLetterIndex() {
  std::array<uint8_t, 256> index{};
  for (unsigned c = 0; c < 256; ++c) {
    index[c] = c >= 'a' && c <= 'z'   ? static_cast<uint8_t>(c - 'a')
               : c >= 'A' && c <= 'Z' ? static_cast<uint8_t>(c - 'A')
                                      : 26;
  }
  return index;
}
constexpr std::array<uint8_t, 256> kLetterIndex = MakeLetterIndex();

unsigned LetterIndex(unsigned char c) { return kLetterIndex[c]; }

unsigned CharAt(std::string_view word, size_t i) {
  return i < word.size() ? LetterIndex(static_cast<unsigned char>(word[i])) : 26;
}

std::bitset<kTripleCount> BuildCueTriples() {
  std::bitset<kTripleCount> triples;
  auto add = [&](std::string_view word) {
    const unsigned first = CharAt(word, 0) * 729 + CharAt(word, 1) * 27;
    if (word.size() >= 3 || word.size() == 2) {
      triples.set(first + CharAt(word, 2));
    } else {
      for (unsigned third = 0; third < 27; ++third) triples.set(first + third);  // "X:jo"
    }
  };
  for (const CueWord& cue : kCueWords) add(cue.word);
  for (const auto& split : kSplitCues) add(split.first);
  return triples;
}

bool MayStartCueWord(const unsigned char* bytes, size_t pos, size_t size) {
  static const std::bitset<kTripleCount> triples = BuildCueTriples();
  const unsigned second = pos + 1 < size ? LetterIndex(bytes[pos + 1]) : 26;
  const unsigned third = pos + 2 < size ? LetterIndex(bytes[pos + 2]) : 26;
  return triples[LetterIndex(bytes[pos]) * 729 + second * 27 + third];
}

bool IsGhostAt(const unsigned char* bytes, size_t pos, size_t size) {
  return pos + kGhost.size() <= size &&
         std::equal(kGhost.begin(), kGhost.end(), reinterpret_cast<const char*>(bytes) + pos);
}

// The first letters of the cue words, for the byte scan.
FirstLetters BuildCueFirstLetters() {
  std::string letters;
  auto add = [&](char c) {
    if (letters.find(c) == std::string::npos) letters += c;
  };
  for (const CueWord& cue : kCueWords) add(cue.word[0]);
  for (const auto& split : kSplitCues) add(split.first[0]);
  return FirstLetters(letters);
}

std::vector<Selector> ExtractCuedHandles(std::string_view text) {
  static const FirstLetters first_letters = BuildCueFirstLetters();
  std::vector<Selector> found;
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const size_t size = text.size();
  size_t pos = 0;
  while ((pos = FindWordStartOrSpecial(text, pos, first_letters)) < size) {
    const unsigned char c = bytes[pos];
    if (c == '@') {
      pos = MatchTrailingCueAt(text, pos, found);
    } else if (c == static_cast<unsigned char>(kGhost[0])) {
      pos = IsGhostAt(bytes, pos, size) ? std::max(MatchCueAt(text, pos, found), pos + 1) : pos + 1;
    } else if (MayStartCueWord(bytes, pos, size)) {
      pos = std::max(MatchCueAt(text, pos, found), pos + 1);
    } else {
      ++pos;
    }
  }
  return found;
}

bool Overlaps(const Selector& a, const Selector& b) { return a.begin < b.end && b.begin < a.end; }

}  // namespace

std::vector<Selector> ExtractHandles(std::string_view text) {
  std::vector<Selector> urls = ExtractProfileUrlHandles(text);
  std::vector<Selector> cued = ExtractCuedHandles(text);
  // Both lists are ordered and free of overlaps within themselves: merge
  // them, dropping a cued handle that a URL already covers.
  std::vector<Selector> all;
  all.reserve(urls.size() + cued.size());
  size_t u = 0;
  for (Selector& c : cued) {
    while (u < urls.size() && urls[u].end <= c.begin) all.push_back(std::move(urls[u++]));
    if (u < urls.size() && Overlaps(urls[u], c)) continue;
    all.push_back(std::move(c));
  }
  while (u < urls.size()) all.push_back(std::move(urls[u++]));
  return all;
}

std::optional<std::string> NormalizeHandle(std::string_view platform, std::string_view handle) {
  const std::optional<Platform> parsed = ParsePlatform(platform);
  if (!parsed) return std::nullopt;
  const std::string_view trimmed = TrimSpace(handle);
  if (trimmed.find('/') != std::string_view::npos) {
    const std::vector<Selector> urls = ExtractProfileUrlHandles(trimmed);
    const std::string prefix = std::string(PlatformName(*parsed)) + ":";
    if (urls.size() != 1 || urls[0].begin != 0 || urls[0].value.rfind(prefix, 0) != 0) {
      return std::nullopt;
    }
    return urls[0].value;
  }
  const std::string lower = AsciiLower(trimmed.substr(!trimmed.empty() && trimmed[0] == '@'));
  if (!IsValidHandle(*parsed, lower)) return std::nullopt;
  return std::string(PlatformName(*parsed)) + ":" + lower;
}

std::optional<std::string> NormalizeHandleSelector(std::string_view input) {
  const std::string_view trimmed = TrimSpace(input);
  const size_t colon = trimmed.find(':');
  if (colon != std::string_view::npos && ParsePlatform(trimmed.substr(0, colon))) {
    return NormalizeHandle(trimmed.substr(0, colon), trimmed.substr(colon + 1));
  }
  const std::vector<Selector> urls = ExtractProfileUrlHandles(trimmed);
  if (urls.size() != 1 || urls[0].begin != 0 || urls[0].end != trimmed.size()) {
    return std::nullopt;
  }
  return urls[0].value;
}

}  // namespace harrier::extractors
