#include "extractors/email_extractor.h"

#include <algorithm>
#include <array>
#include <memory>
#include <type_traits>
#include <utility>

#include "extractors/byte_scan.h"
#include "extractors/utf8.h"

namespace harrier::extractors {
namespace {

// RFC 5321 §4.5.3.1: local part up to 64 octets, a label up to 63.
constexpr size_t kMaxLocalLength = 64;
constexpr size_t kMaxLabelLength = 63;

constexpr size_t kMaxLabels = 16;

// "logo@2x.png", "style@media.css", "pkg@next.tgz": names of files, not
// mailboxes. (".zip" and ".mov" are also real TLDs; no advert mails there.)
constexpr std::string_view kFileExtensions[] = {
    "png", "jpg",  "jpeg", "gif", "webp", "svg", "css",  "js",    "bmp", "tif", "tiff",
    "ico", "heic", "avif", "mp4", "mov",  "avi", "mkv",  "webm",  "mp3", "wav", "pdf",
    "doc", "docx", "txt",  "zip", "rar",  "gz",  "tgz",  "html",  "htm", "php", "json",
    "xml", "exe",  "ts",   "tsx", "jsx",  "map", "woff", "woff2", "ttf", "eot", "psd"};

// Top-level domains an address written in prose ("jo at example dot com",
// "jo @ example . com") must end in: the common generic ones and the
// countries adverts come from. Anything else stays prose.
constexpr std::string_view kKnownTopLevelDomains[] = {
    "com",   "net",    "org", "info", "biz",  "co",   "me",  "io",  "uk",   "ie", "eu", "de", "fr",
    "es",    "it",     "nl",  "be",   "ch",   "at",   "se",  "no",  "dk",   "fi", "pt", "gr", "pl",
    "ro",    "hu",     "al",  "bg",   "cz",   "sk",   "hr",  "rs",  "lt",   "lv", "ee", "ua", "ru",
    "md",    "tr",     "vn",  "cn",   "th",   "ph",   "in",  "us",  "ca",   "au", "nz", "br", "mx",
    "email", "online", "xyz", "site", "club", "live", "app", "pro", "mobi", "tv", "cc"};

// Free mail providers that adverts name without a TLD ("jo@gmail",
// "jo (at) hotmail"): the domain is completed with the provider's own.
struct Provider {
  std::string_view label;
  std::string_view domain;
};
constexpr Provider kProviders[] = {
    {"gmail", "gmail.com"},     {"googlemail", "googlemail.com"}, {"hotmail", "hotmail.com"},
    {"outlook", "outlook.com"}, {"yahoo", "yahoo.com"},           {"ymail", "ymail.com"},
    {"icloud", "icloud.com"},   {"protonmail", "protonmail.com"}, {"aol", "aol.com"}};

// Words before a prose "at" or a spaced "@" that make it prose: "meet at
// hotel dot com", "see you @ example.com".
constexpr std::string_view kProseWordsBeforeAt[] = {
    "me",      "us",       "you",     "him",     "her",       "them",    "it",       "meet",
    "look",    "arrive",   "be",      "am",      "is",        "are",     "was",      "were",
    "here",    "there",    "stay",    "staying", "available", "based",   "located",  "live",
    "living",  "work",     "working", "call",    "text",      "only",    "find",     "see",
    "book",    "booking",  "and",     "or",      "the",       "in",      "on",       "of",
    "to",      "from",     "just",    "now",     "come",      "visit",   "visiting", "seen",
    "meeting", "arriving", "check",   "email",   "mail",      "message", "contact",  "reach"};

// Words that start prose, not a domain: "the cat at the dot com bubble".
constexpr std::string_view kProseWordsAfterAt[] = {
    "the", "a",     "an",  "this", "that", "these", "those", "my", "your",  "our", "his",
    "her", "their", "its", "same", "any",  "every", "some",  "no", "night", "home"};

template <size_t N>
bool IsInList(std::string_view word, const std::string_view (&list)[N]) {
  for (std::string_view entry : list) {
    if (entry.size() == word.size() &&
        std::equal(entry.begin(), entry.end(), word.begin(),
                   [](char a, char b) { return a == AsciiToLower(b); })) {
      return true;
    }
  }
  return false;
}

struct Span {
  size_t begin = 0;
  size_t end = 0;
};

// Where an "at" or "dot" separator leaves off and the next part starts.
struct Separator {
  size_t left = 0;   // end of the part before it
  size_t right = 0;  // start of the part after it
  bool obfuscated = false;
  // Written the way prose is ("at", "dot", "@" or "." between spaces): the
  // address must then end in a known TLD.
  bool prose = false;
  bool word = false;  // "at" in lower or mixed case
};

bool IsLocalChar(char c) {
  return IsAsciiAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}

bool IsHorizontalSpace(char c) { return c == ' ' || c == '\t'; }

size_t SkipSpaceForward(std::string_view text, size_t pos) {
  while (pos < text.size() && IsHorizontalSpace(text[pos])) ++pos;
  return pos;
}

size_t SkipSpaceBackward(std::string_view text, size_t pos) {
  while (pos > 0 && IsHorizontalSpace(text[pos - 1])) --pos;
  return pos;
}

// Decorations adverts put around spoken separators to break simple
// patterns: "kira 🌸 at 🌸 example", "kira * at * example", "kira • at".
// Symbols and emoji only: never a letter, digit or address character.
bool IsDecoration(char32_t c) {
  return c == '*' || c == '~' || c == 0xB7 || c == 0x2022 || c == 0x200D || c == 0xFE0F ||
         (c >= 0x2600 && c <= 0x27BF) || (c >= 0x2B00 && c <= 0x2BFF) ||
         (c >= 0x1F000 && c <= 0x1FAFF);
}

// Byte length of the decoration starting (At) or ending (Before) at `pos`.
size_t DecorationAt(std::string_view text, size_t pos) {
  if (pos >= text.size()) return 0;
  const auto c = static_cast<unsigned char>(text[pos]);
  if (c < 0x80) return c == '*' || c == '~' ? 1 : 0;
  size_t length = 0;
  return IsDecoration(CodePointAt(text, pos, &length)) ? length : 0;
}

size_t DecorationBefore(std::string_view text, size_t pos) {
  if (pos == 0) return 0;
  const auto c = static_cast<unsigned char>(text[pos - 1]);
  if (c < 0x80) return c == '*' || c == '~' ? 1 : 0;
  const size_t start = CharStartAtOrBefore(text, pos - 1);
  return DecorationAt(text, start) == pos - start ? pos - start : 0;
}

// Spaces and up to kMaxDecorations decorations, forward or backward.
constexpr size_t kMaxDecorations = 8;

size_t SkipFillerForward(std::string_view text, size_t pos) {
  for (size_t decorations = 0; pos < text.size();) {
    if (IsHorizontalSpace(text[pos])) {
      ++pos;
      continue;
    }
    const size_t length = decorations < kMaxDecorations ? DecorationAt(text, pos) : 0;
    if (length == 0) break;
    pos += length;
    ++decorations;
  }
  return pos;
}

size_t SkipFillerBackward(std::string_view text, size_t pos) {
  for (size_t decorations = 0; pos > 0;) {
    if (IsHorizontalSpace(text[pos - 1])) {
      --pos;
      continue;
    }
    const size_t length = decorations < kMaxDecorations ? DecorationBefore(text, pos) : 0;
    if (length == 0) break;
    pos -= length;
    ++decorations;
  }
  return pos;
}

bool IsFillerAt(std::string_view text, size_t pos) {
  return pos < text.size() && (IsHorizontalSpace(text[pos]) || DecorationAt(text, pos) > 0);
}

bool IsFillerBefore(std::string_view text, size_t pos) {
  return pos > 0 && (IsHorizontalSpace(text[pos - 1]) || DecorationBefore(text, pos) > 0);
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return AsciiToLower(x) == AsciiToLower(y);
         });
}

char ClosingBracket(char open) {
  switch (open) {
    case '(':
      return ')';
    case '[':
      return ']';
    case '{':
      return '}';
    case '<':
      return '>';
    default:
      return '\0';
  }
}

// "(at)", "[ at ]", "{@}" at `pos` for word "at" and symbol '@': returns the
// position after the closing bracket, or 0 when there is none.
size_t MatchBracketed(std::string_view text, size_t pos, std::string_view word, char symbol) {
  const char close = ClosingBracket(text[pos]);
  if (close == '\0') return 0;
  size_t p = SkipSpaceForward(text, pos + 1);
  if (p < text.size() && text[p] == symbol) {
    ++p;
  } else if (EqualsIgnoreCase(text.substr(p, word.size()), word)) {
    p += word.size();
  } else {
    return 0;
  }
  p = SkipSpaceForward(text, p);
  return p < text.size() && text[p] == close ? p + 1 : 0;
}

// " AT " / " at " / " DOT ": a word with spaces or decorations on both
// sides (`word` is upper case; any case matches). `*upper` tells whether it was written in upper
// case, which prose never does ("meet at the hotel").
size_t MatchSpacedWord(std::string_view text, size_t pos, std::string_view word, bool* upper) {
  if (!IsFillerBefore(text, pos)) return 0;
  if (!EqualsIgnoreCase(text.substr(pos, word.size()), word)) return 0;
  const size_t after = pos + word.size();
  if (!IsFillerAt(text, after)) return 0;
  *upper = text.substr(pos, word.size()) == word;
  return after;
}

// "@" with spaces around it ("jo @ example.com") reads as prose too.
Separator MatchAtSign(std::string_view text, size_t pos) {
  const size_t left = SkipSpaceBackward(text, pos);
  const size_t right = SkipSpaceForward(text, pos + 1);
  const bool spaced = left != pos || right != pos + 1;
  return Separator{left, right, spaced, spaced};
}

std::optional<Separator> MatchAt(std::string_view text, size_t pos) {
  if (text[pos] == '@') return MatchAtSign(text, pos);
  bool upper = true;
  size_t end = MatchBracketed(text, pos, "at", '@');
  if (end == 0) end = MatchSpacedWord(text, pos, "AT", &upper);
  if (end == 0) return std::nullopt;
  return Separator{SkipFillerBackward(text, pos), SkipFillerForward(text, end), true, !upper,
                   !upper};
}

std::optional<Separator> MatchDot(std::string_view text, size_t pos) {
  if (pos >= text.size()) return std::nullopt;
  // "example.com" but not "example. Me": a sentence's full stop.
  if (text[pos] == '.') return Separator{pos, pos + 1, false, false};
  const size_t word = SkipSpaceForward(text, pos);
  if (word >= text.size()) return std::nullopt;
  if (text[word] == '.' && word > pos) {  // "example . com", "example .com"
    return Separator{pos, SkipSpaceForward(text, word + 1), true, true};
  }
  const size_t spoken = SkipFillerForward(text, pos);
  if (spoken >= text.size()) return std::nullopt;
  bool upper = true;
  size_t end = MatchBracketed(text, spoken, "dot", '.');
  if (end == 0) end = MatchSpacedWord(text, spoken, "DOT", &upper);
  if (end == 0) return std::nullopt;
  return Separator{pos, SkipFillerForward(text, end), true, !upper};
}

// A DNS label at `pos`: letters, digits and inner hyphens.
std::optional<Span> ReadLabel(std::string_view text, size_t pos) {
  size_t end = pos;
  while (end < text.size() && (IsAsciiAlnum(text[end]) || text[end] == '-')) {
    if (++end - pos > kMaxLabelLength) return std::nullopt;
  }
  while (end > pos && text[end - 1] == '-') --end;  // "mail@x.com-" ends at com
  if (end == pos || text[pos] == '-' || end - pos > kMaxLabelLength) {
    return std::nullopt;
  }
  return Span{pos, end};
}

bool IsTopLevelDomain(std::string_view label) {
  if (label.size() < 2) return false;
  if (!std::all_of(label.begin(), label.end(), IsAsciiAlpha)) return false;
  return !IsInList(label, kFileExtensions);
}

// "icon@2x", "hero@3x": retina image suffixes, whatever follows.
bool IsRetinaSuffix(std::string_view label) {
  if (label.size() < 2 || AsciiToLower(label.back()) != 'x') return false;
  return std::all_of(label.begin(), label.end() - 1, IsAsciiDigit);
}

// The local part ending at `end`, or nullopt if it is empty or malformed.
std::optional<Span> ReadLocalPart(std::string_view text, size_t end) {
  size_t begin = end;
  while (begin > 0 && IsLocalChar(text[begin - 1])) {
    if (end - --begin > kMaxLocalLength) return std::nullopt;
  }
  while (begin < end && text[begin] == '.') ++begin;
  const std::string_view local = text.substr(begin, end - begin);
  if (local.empty() || local.size() > kMaxLocalLength || local.back() == '.' ||
      local.find("..") != std::string_view::npos) {
    return std::nullopt;
  }
  if (IsWordChar(CodePointBefore(text, begin))) return std::nullopt;
  return Span{begin, end};
}

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), AsciiToLower);
  return out;
}

std::string_view Text(std::string_view text, Span span) {
  return text.substr(span.begin, span.end - span.begin);
}

// Up to kMaxLabels items without an allocation: ReadDomain runs at every
// " at " of the text, so the slots are left uninitialised until pushed
// (zeroing them cost more than reading most domains).
template <typename T>
class LabelList {
  static_assert(std::is_trivially_copyable_v<T> && std::is_trivially_destructible_v<T>);

 public:
  size_t size() const { return count_; }
  bool empty() const { return count_ == 0; }
  void push_back(const T& item) { std::construct_at(&items_[count_++].item, item); }
  void pop_back() { --count_; }
  void resize(size_t count) { count_ = std::min(count, count_); }  // shrinks only
  const T& operator[](size_t i) const { return items_[i].item; }
  const T& front() const { return items_[0].item; }
  const T& back() const { return items_[count_ - 1].item; }

 private:
  union Slot {
    Slot() {}
    T item;
  };
  std::array<Slot, kMaxLabels> items_;
  size_t count_ = 0;
};

struct Domain {
  LabelList<Span> labels;      // two or more, the last a top-level domain
  bool obfuscated = false;     // a "(dot)"-style separator between kept labels
  bool prose = false;          // a separator written as prose between kept labels
  std::string_view completed;  // "gmail.com" for a bare provider label
};

const Provider* FindProvider(std::string_view label) {
  for (const Provider& provider : kProviders) {
    if (EqualsIgnoreCase(provider.label, label)) return &provider;
  }
  return nullptr;
}

// Drops trailing labels until the last is a TLD ("a@b.com.123" ends at com)
// and, when anything was written as prose, a known one.
void TrimToTopLevelDomain(std::string_view text, const LabelList<Separator>& before, bool prose_at,
                          Domain& domain) {
  while (domain.labels.size() >= 2) {
    bool prose = prose_at;
    for (size_t i = 1; i < domain.labels.size(); ++i) prose = prose || before[i].prose;
    const std::string_view tld = Text(text, domain.labels.back());
    if (IsTopLevelDomain(tld) && (!prose || IsInList(tld, kKnownTopLevelDomains))) break;
    domain.labels.pop_back();
  }
  for (size_t i = 1; i < domain.labels.size(); ++i) {
    domain.obfuscated = domain.obfuscated || before[i].obfuscated;
    domain.prose = domain.prose || before[i].prose;
  }
}

// The domain starting at `pos`: labels joined by dot separators. A lone
// free-mail label ("gmail") is completed with its provider's domain.
std::optional<Domain> ReadDomain(std::string_view text, size_t pos, bool prose_at) {
  Domain domain;
  LabelList<Separator> before;  // per label: the separator before it
  std::optional<Span> label = ReadLabel(text, pos);
  Separator separator;
  while (label && domain.labels.size() < kMaxLabels) {
    domain.labels.push_back(*label);
    before.push_back(separator);
    const std::optional<Separator> dot = MatchDot(text, label->end);
    if (!dot) break;
    separator = *dot;
    label = ReadLabel(text, dot->right);
  }
  if (domain.labels.empty()) return std::nullopt;
  const Span first = domain.labels.front();
  if (IsRetinaSuffix(Text(text, first))) return std::nullopt;
  TrimToTopLevelDomain(text, before, prose_at, domain);
  if (domain.labels.size() < 2) {
    const Provider* provider = FindProvider(Text(text, first));
    if (provider == nullptr) return std::nullopt;
    domain.labels.resize(1);
    domain.completed = provider->domain;
  }
  if (IsWordChar(CodePointAt(text, domain.labels.back().end))) return std::nullopt;
  return domain;
}

// Joiners spoken inside a local part: "iris dot vale", "iris (underscore)
// vale", "iris dash vale".
struct SpokenJoiner {
  std::string_view word;
  char symbol;
};
constexpr SpokenJoiner kSpokenJoiners[] = {
    {"dot", '.'}, {"underscore", '_'}, {"dash", '-'}, {"hyphen", '-'}};
constexpr size_t kMaxLocalPieces = 4;

char SpokenJoinerSymbol(std::string_view word) {
  for (const SpokenJoiner& joiner : kSpokenJoiners) {
    if (EqualsIgnoreCase(joiner.word, word)) return joiner.symbol;
  }
  return '\0';
}

// "meet at hotel dot com": a prose "at" after a prose word is prose.
bool IsProseBeforeAt(std::string_view local, const Separator& at) {
  return at.prose && (local.size() < 2 || IsInList(local, kProseWordsBeforeAt) ||
                      SpokenJoinerSymbol(local) != '\0');  // "lunch dot at ..."
}

// Words that introduce an address: "email jo at example.com".
constexpr std::string_view kAddressIntroductions[] = {"email", "mail",  "contact", "write",
                                                      "reach", "to",    "address", "e",
                                                      "gmail", "inbox", "message", "msg"};

// Whether the address starting at `begin` stands where an address is
// expected: after a label's punctuation ("Email: jo at ...", "(jo at ...")
// or an introducing word. Not merely at the start of a line: "Rates at
// booking.com ..." opens a sentence.
bool IsIntroducedAsAddress(std::string_view text, size_t begin) {
  const size_t end = SkipSpaceBackward(text, begin);
  if (end == 0) return false;
  const char before = text[end - 1];
  if (before == ':' || before == '(' || before == '[' || before == '|' || before == '>' ||
      before == '=' || before == '-') {
    return true;
  }
  size_t start = end;
  while (start > 0 && end - start <= 8 && IsAsciiAlpha(text[start - 1])) --start;
  return IsInList(text.substr(start, end - start), kAddressIntroductions);
}

// "see my pics at example.com": a lower-case "at" with a plain domain is an
// address only when the local part looks like one or stands where one is
// expected; "jo at example dot com" is written as an address throughout,
// and "jo at gmail" names a mail provider.
bool IsProseAtWithPlainDomain(std::string_view text, Span local, const Separator& at,
                              const Domain& domain) {
  if (!at.word || domain.prose || domain.obfuscated || !domain.completed.empty()) return false;
  const std::string_view written = Text(text, local);
  const bool address_like =
      std::any_of(written.begin(), written.end(), [](char c) { return !IsAsciiAlpha(c); });
  return !address_like && !IsIntroducedAsAddress(text, local.begin);
}

struct Joiner {
  size_t begin = 0;
  char symbol = '\0';
  bool bracketed = false;
  bool prose = false;  // a lower-case word ("dot"), not "DOT" or "(dot)"
};

// The spoken joiner ending at `end`: "dot" with filler before it, or
// "(dot)", "[ underscore ]".
std::optional<Joiner> MatchJoinerBefore(std::string_view text, size_t end) {
  if (end == 0) return std::nullopt;
  const char close = text[end - 1];
  const bool bracketed = close == ')' || close == ']' || close == '}' || close == '>';
  const size_t word_end = bracketed ? SkipSpaceBackward(text, end - 1) : end;
  size_t word_begin = word_end;
  while (word_begin > 0 && word_end - word_begin <= 10 && IsAsciiAlpha(text[word_begin - 1])) {
    --word_begin;
  }
  char symbol = SpokenJoinerSymbol(text.substr(word_begin, word_end - word_begin));
  if (bracketed && word_begin == word_end && word_end > 0 && text[word_end - 1] == '.') {
    symbol = '.';  // "iris [.] vale"
    --word_begin;
  }
  if (symbol == '\0') return std::nullopt;
  if (!bracketed) {
    if (!IsFillerBefore(text, word_begin)) return std::nullopt;
    const std::string_view word = text.substr(word_begin, word_end - word_begin);
    const bool upper = std::none_of(word.begin(), word.end(), [](char c) { return c >= 'a'; });
    return Joiner{word_begin, symbol, false, !upper};
  }
  const size_t open = SkipSpaceBackward(text, word_begin);
  if (open == 0 || ClosingBracket(text[open - 1]) != close) return std::nullopt;
  return Joiner{open - 1, symbol, true, false};
}

struct LocalPart {
  Span span;
  std::string value;  // lower-case, joiners as symbols; empty when read as written
  bool obfuscated = false;
  bool prose = false;
};

// "iris dot vale at ...": earlier pieces of the local part joined by spoken
// joiners, never reaching back past `floor` (the previous address) or over
// a prose word ("email me dot ...").
LocalPart ExtendLocalPart(std::string_view text, Span last, size_t floor) {
  LocalPart local{last, {}};
  for (size_t i = 1; i < kMaxLocalPieces; ++i) {
    const size_t end = SkipFillerBackward(text, local.span.begin);
    const std::optional<Joiner> joiner = MatchJoinerBefore(text, end);
    if (!joiner || (!joiner->bracketed && end == local.span.begin)) break;
    const size_t piece_end = SkipFillerBackward(text, joiner->begin);
    const std::optional<Span> piece = ReadLocalPart(text, piece_end);
    if (!piece || piece->begin < floor || (piece->begin > 0 && text[piece->begin - 1] == '@')) {
      break;
    }
    const std::string_view written = Text(text, *piece);
    // "07700 900123 dash jo at ...": a piece without a letter is something else.
    if (std::none_of(written.begin(), written.end(), IsAsciiAlpha) ||
        IsInList(written, kProseWordsBeforeAt) || SpokenJoinerSymbol(written) != '\0') {
      break;
    }
    // RFC 5321's 64 octets hold for the joined local part too, first piece
    // included, so that every address found normalises to itself.
    const size_t so_far = local.value.empty() ? last.end - last.begin : local.value.size();
    if (written.size() + 1 + so_far > kMaxLocalLength) break;
    if (local.value.empty()) local.value = Lower(Text(text, last));
    local.value = Lower(written) + joiner->symbol + local.value;
    local.span.begin = piece->begin;
    local.obfuscated = true;
    local.prose = local.prose || joiner->prose;
  }
  return local;
}

// The address whose "at" separator starts at `pos`, if any.
std::optional<Selector> MatchEmailAt(std::string_view text, size_t pos, size_t floor) {
  const std::optional<Separator> at = MatchAt(text, pos);
  if (!at) return std::nullopt;
  const std::optional<Span> local = ReadLocalPart(text, at->left);
  if (!local || IsProseBeforeAt(Text(text, *local), *at)) return std::nullopt;
  const std::optional<Span> first = ReadLabel(text, at->right);
  if (!first || (at->prose && IsInList(Text(text, *first), kProseWordsAfterAt))) {
    return std::nullopt;
  }
  const std::optional<Domain> domain = ReadDomain(text, at->right, at->prose);
  if (!domain) return std::nullopt;
  if (domain->prose && IsInList(Text(text, domain->labels.front()), kProseWordsAfterAt)) {
    return std::nullopt;
  }
  // A spoken joiner in the local part only where the address is spoken too.
  const bool spoken = at->obfuscated || domain->obfuscated || domain->prose;
  LocalPart written = spoken ? ExtendLocalPart(text, *local, floor) : LocalPart{*local, {}};
  if (IsProseAtWithPlainDomain(text, written.span, *at, *domain)) return std::nullopt;

  Selector selector;
  selector.kind = SelectorKind::kEmail;
  selector.value =
      written.value.empty() ? Lower(Text(text, written.span)) : std::move(written.value);
  selector.value += '@';
  if (!domain->completed.empty()) {
    selector.value += domain->completed;
    selector.detail = "provider domain completed";
  } else {
    for (size_t i = 0; i < domain->labels.size(); ++i) {
      if (i > 0) selector.value += '.';
      selector.value += Lower(Text(text, domain->labels[i]));
    }
  }
  selector.begin = written.span.begin;
  selector.end = domain->labels.back().end;
  selector.raw = std::string(Text(text, {selector.begin, selector.end}));
  selector.confidence = 1.0;
  if (at->obfuscated || domain->obfuscated || written.obfuscated) {
    selector.confidence = kObfuscatedEmailConfidence;
  }
  if (at->prose || domain->prose || written.prose) selector.confidence = kProseEmailConfidence;
  if (!domain->completed.empty()) selector.confidence = kCompletedEmailConfidence;
  return selector;
}

// Whether a byte may be part of a filler: a space, '*', '~' or any
// non-ASCII byte (MatchSpacedWord checks the character fully).
bool MayBeFiller(char c) {
  return IsHorizontalSpace(c) || c == '*' || c == '~' || static_cast<unsigned char>(c) >= 0x80;
}

// The slower tests after FindAtCandidate: " at " with filler on both sides;
// "( at".
bool MayStartSeparator(std::string_view text, size_t pos) {
  const char c = text[pos];
  if (c == '@') return true;
  if (c == 'a' || c == 'A') {
    return pos > 0 && pos + 2 < text.size() && MayBeFiller(text[pos - 1]) &&
           MayBeFiller(text[pos + 2]);
  }
  const size_t next = SkipSpaceForward(text, pos + 1);
  return next < text.size() && (text[next] == '@' || AsciiToLower(text[next]) == 'a');
}

}  // namespace

std::vector<Selector> ExtractEmails(std::string_view text) {
  std::vector<Selector> emails;
  size_t last_end = 0;
  for (size_t pos = FindAtCandidate(text, 0); pos < text.size();
       pos = FindAtCandidate(text, pos + 1)) {
    if (!MayStartSeparator(text, pos)) continue;
    std::optional<Selector> email = MatchEmailAt(text, pos, last_end);
    if (!email || email->begin < last_end) continue;
    last_end = email->end;
    pos = email->end - 1;
    emails.push_back(std::move(*email));
  }
  return emails;
}

std::optional<std::string> NormalizeEmail(std::string_view input) {
  const std::string_view trimmed = TrimSpace(input);
  std::vector<Selector> emails = ExtractEmails(trimmed);
  if (emails.size() != 1 || emails[0].begin != 0 || emails[0].end != trimmed.size()) {
    return std::nullopt;
  }
  return std::move(emails[0].value);
}

}  // namespace harrier::extractors
