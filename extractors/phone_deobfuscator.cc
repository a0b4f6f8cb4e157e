#include "extractors/phone_deobfuscator.h"

#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "extractors/number_words.h"
#include "extractors/utf8.h"

namespace harrier::extractors {
namespace {

// A word longer than this is not a number token ("0" * 1000 included: no
// phone number has that many digits).
constexpr size_t kMaxWordBytes = 48;
// Between two tokens of one number: at most this many characters, of which
// at most kMaxGapSymbols are not spaces, and at most one line break.
constexpr size_t kMaxGapChars = 8;
constexpr size_t kMaxGapSymbols = 3;
// Digits in a proposal: 8 for short foreign national numbers, 17 for "00"
// + 15.
constexpr size_t kMinDigits = 8;
constexpr size_t kMaxDigits = 17;
// Homophones ("ate", "to", "for", "won") in one proposal: at most this many,
// and only with this many other number words (digits do not count: "07 to
// 2025-04-12" is a date range).
constexpr int kMaxHomophones = 3;
constexpr int kMinWordsAroundHomophones = 7;

enum TokenFlag : uint8_t {
  kReal = 1 << 0,     // ASCII digits
  kEnglish = 1 << 1,  // English number words
  kForeign = 1 << 2,  // other languages' number words
  kLetter = 1 << 3,   // letters standing for digits
  kLeet = 1 << 4,
  kFence = 1 << 5,      // the gap before it has brackets, bars, emoji, commas ...
  kLineBreak = 1 << 6,  // the gap before it has a line break
  kWideGap = 1 << 7,    // ... more than the digit-group scan joins
};

struct Piece {
  NumberWordKind kind = NumberWordKind::kDigits;
  std::string_view digits;
  uint8_t languages = 0;
  bool weak = false;
  bool leet = false;
  bool letter = false;     // a letter read as a digit
  bool real = false;       // an ASCII digit
  bool homophone = false;  // "ate", "to", "for", "won"
};

struct Token {
  size_t begin = 0;
  size_t end = 0;
  size_t plus = std::string_view::npos;  // offset of a '+' written just before it
  size_t first_piece = 0;                // in the run's pieces
  size_t piece_count = 0;
  std::string digits;  // after expansion (tens, "double")
  uint8_t flags = 0;
  uint8_t languages = 0;  // of its non-English words
  int real = 0, letters = 0, weak = 0, strong = 0, homophones = 0;
  bool plus_word = false;
  bool letters_only = false;  // "OSSS": look-alike letters and no digit
  bool and_word = false;      // "and", which joins only "hundred" to its tens
};

// Letters and look-alikes that stand for a digit inside a run of digits.
char NonAsciiLetterDigit(char32_t c);

constexpr auto kAsciiLetterDigits = [] {
  std::array<char, 128> table{};
  table['O'] = table['o'] = '0';
  table['l'] = table['I'] = table['!'] = table['|'] = '1';
  table['Z'] = '2';
  table['S'] = table['s'] = '5';
  table['B'] = '8';
  return table;
}();

// Inline, with a table for ASCII: it is asked of nearly every word.
inline char LetterDigit(char32_t c) {
  return c < 0x80 ? kAsciiLetterDigits[c] : NonAsciiLetterDigit(c);
}

char NonAsciiLetterDigit(char32_t c) {
  switch (c) {
    case 0x041E:
    case 0x043E:
    case 0x039F:
    case 0x03BF:
      return '0';
    case 0x0406:
    case 0x0456:
    case 0x0399:
      return '1';
    case 0x0417:
    case 0x0437:
      return '3';  // Cyrillic Ze
    case 0x0411:
      return '6';  // Cyrillic Be
    default:
      return 0;
  }
}

std::string_view DigitString(char d) {
  static constexpr std::string_view kDigits = "0123456789";
  return kDigits.substr(static_cast<size_t>(d - '0'), 1);
}

bool IsIdeograph(char32_t c) {
  return (c >= 0x3000 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF);
}

// "1|9": a bar glued between one or two characters on each side, in a
// short word, is the digit 1; bars between longer groups ("07700|900|123")
// or a chain of them ("0|7|7|0") are fences.
constexpr size_t kMaxBarNeighbours = 2;

bool IsBarDigit(std::string_view text, size_t word_begin, size_t bar) {
  if (bar == word_begin || bar - word_begin > kMaxBarNeighbours) return false;
  if (word_begin > 0 && text[word_begin - 1] == '|') return false;
  size_t after = bar + 1;
  while (after < text.size() && IsAsciiAlnum(text[after])) ++after;
  if (after == bar + 1 || after - bar - 1 > kMaxBarNeighbours) return false;
  return after == text.size() || text[after] != '|';
}

// The end of the word starting at `pos`: ASCII letters and digits, letters
// of any script, '!' between two digits, a bar standing for 1 ("1|9"); an
// ideograph is a word on its own.
size_t WordEnd(std::string_view text, size_t pos) {
  size_t length = 0;
  const char32_t first = CodePointAt(text, pos, &length);
  if (IsIdeograph(first)) return pos + length;
  size_t end = pos;
  while (end < text.size()) {
    const char c = text[end];
    if (IsAsciiAlnum(c)) {
      ++end;
    } else if (c == '!' && end > pos && IsAsciiDigit(text[end - 1]) && end + 1 < text.size() &&
               IsAsciiDigit(text[end + 1])) {
      ++end;
    } else if (c == '|' && IsBarDigit(text, pos, end)) {
      ++end;
    } else if (static_cast<unsigned char>(c) >= 0x80) {
      const char32_t cp = CodePointAt(text, end, &length);
      if (length == 0 || IsIdeograph(cp) || !IsWordChar(cp)) break;
      end += length;
    } else {
      break;
    }
  }
  return end;
}

bool IsWordStart(std::string_view text, size_t pos) {
  const char c = text[pos];
  if (IsAsciiAlnum(c)) return true;
  if (static_cast<unsigned char>(c) < 0x80) return false;
  const char32_t cp = CodePointAt(text, pos);
  // Emoji variation selectors and the keycap mark are marks, hence word
  // characters, but sit between digits as decoration when the normalizer
  // has not removed them.
  if ((cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0x20E3 || cp == 0x200D) return false;
  return IsIdeograph(cp) || IsWordChar(cp);  // "〇" is a number letter, not a word char
}

// Widens [*begin, *end) over the brackets that fence its first and last
// digits: "[0][7]...[3]" rather than "0][7]...[3".
bool IsOpener(char c) { return c == '(' || c == '[' || c == '{'; }
bool IsCloser(char c) { return c == ')' || c == ']' || c == '}'; }

void WidenOverFences(std::string_view text, size_t* begin, size_t* end) {
  for (int i = 0; i < 3 && *begin > 0 && IsOpener(text[*begin - 1]); ++i) {
    // The first bracket inside must close it.
    size_t p = *begin;
    while (p < *end && !IsOpener(text[p]) && !IsCloser(text[p])) ++p;
    if (p == *end || !IsCloser(text[p])) break;
    --*begin;
  }
  for (int i = 0; i < 3 && *end < text.size() && IsCloser(text[*end]); ++i) {
    size_t p = *end;
    while (p > *begin && !IsOpener(text[p - 1]) && !IsCloser(text[p - 1])) --p;
    if (p == *begin || !IsOpener(text[p - 1])) break;
    ++*end;
  }
}

// Splits text[begin, end) into number pieces; false when any part is not a
// digit, a number word or a look-alike letter.
bool Decompose(std::string_view text, size_t begin, size_t end, const bool* may_start,
               std::vector<Piece>* pieces) {
  pieces->clear();
  if (end - begin > kMaxWordBytes) return false;
  const std::string_view word_text = text.substr(0, end);
  for (size_t pos = begin; pos < end;) {
    const char c = text[pos];
    NumberWordMatch m;
    if (may_start[static_cast<unsigned char>(c)]) m = MatchNumberWord(word_text, pos);
    if (m.length > 1 || (m.length == 1 && !IsAsciiDigit(c))) {
      pieces->push_back({m.kind, m.digits, m.languages, m.weak, m.leet, false, false, m.homophone});
      pos += m.length;
      continue;
    }
    if (IsAsciiDigit(c)) {
      // A digit followed by a digit starts no leet word ("f0ur" needs two
      // real letters): take the run of digits as one piece.
      size_t run_end = pos + 1;
      while (run_end < end && IsAsciiDigit(text[run_end])) ++run_end;
      pieces->push_back({NumberWordKind::kDigits, text.substr(pos, run_end - pos), 0, false, false,
                         false, true, false});
      pos = run_end;
      continue;
    }
    size_t length = 0;
    const char d = LetterDigit(CodePointAt(text, pos, &length));
    if (d == 0 || length == 0) return false;
    pieces->push_back(
        {NumberWordKind::kDigits, DigitString(d), 0, false, false, true, false, false});
    pos += length;
  }
  return !pieces->empty();
}

// Counts a token's pieces; false when its pieces are not believable as
// one number token: a homophone glued to more ("tooth" is not "2" "th").
// Look-alike letters with no real digit in the word ("OSSS") are marked
// letters_only for the run to judge; a single-letter "o" beside digits or
// look-alikes is a letter, not the word "oh".
bool Classify(Token* token, std::vector<Piece>* pieces) {
  const auto first = pieces->begin() + static_cast<std::ptrdiff_t>(token->first_piece);
  const auto last = first + static_cast<std::ptrdiff_t>(token->piece_count);
  bool words = false;  // number words other than a lone "o"
  bool letters = false;
  for (auto p = first; p != last; ++p) {
    if (p->homophone && token->piece_count > 1) return false;
    token->real += p->real ? static_cast<int>(p->digits.size()) : 0;
    letters = letters || p->letter;
    words = words || (!p->real && !p->letter && !(p->weak && p->digits == "0"));
  }
  for (auto it = first; it != last; ++it) {
    Piece& p = *it;
    if ((token->real > 0 || letters) && !words && p.weak && p.digits == "0" && !p.real &&
        p.languages == kLangEnglish) {
      p.letter = true;  // "O77OO", "OSSS": letters, not the word "o"
    }
    if (p.real) {
      token->flags |= kReal;
    } else if (p.letter) {
      token->flags |= kLetter;
      ++token->letters;
    } else if (p.kind == NumberWordKind::kAnd) {
      token->and_word = token->piece_count == 1;
      if (!token->and_word) return false;  // "andthree"
    } else {
      token->flags |= (p.languages & kLangEnglish) ? kEnglish : kForeign;
      if (p.leet) token->flags |= kLeet;
      if (!(p.languages & kLangEnglish)) token->languages |= p.languages;
      ++(p.weak ? token->weak : token->strong);
      token->homophones += p.homophone ? 1 : 0;
      if (p.kind == NumberWordKind::kPlus && token->piece_count == 1) token->plus_word = true;
    }
  }
  token->letters_only = token->letters > 0 && token->real == 0;
  return true;
}

// Fills each token's digits: "seventy seven" -> "7" "7", "seventy" -> "70",
// "double 7" -> "" "77", "nine hundred" -> "900", "nine hundred and ten" ->
// "9" "" "10", "nine hundred and seven" -> "90" "" "7"; a unit word right
// after "hundred" is a digit of its own ("nine hundred three" -> "900" "3").
void Expand(std::vector<Token>* run, const std::vector<Piece>& pieces) {
  int repeat = 1;
  Token* tens = nullptr;
  Token* hundred = nullptr;  // holds the "00" the next tens or teen replaces
  bool and_seen = false;
  for (Token& token : *run) {
    for (size_t k = token.first_piece; k < token.first_piece + token.piece_count; ++k) {
      const Piece& p = pieces[k];
      if (p.kind == NumberWordKind::kMultiplier) {
        repeat = p.digits[0] - '0';
        tens = hundred = nullptr;
        continue;
      }
      if (p.kind == NumberWordKind::kPlus) continue;
      if (p.kind == NumberWordKind::kAnd) {
        and_seen = hundred != nullptr;
        continue;
      }
      const bool word = !p.real && !p.letter;
      const bool unit_word = word && p.digits.size() == 1 && p.digits != "0";
      const bool teen = word && p.kind == NumberWordKind::kDigits && p.digits.size() == 2;
      if (hundred != nullptr && word &&
          (p.kind == NumberWordKind::kTens || teen || (unit_word && and_seen))) {
        hundred->digits.resize(hundred->digits.size() - 2);  // drop "00"
        if (unit_word) hundred->digits += '0';
      }
      hundred = nullptr;
      and_seen = false;
      if (tens != nullptr && unit_word) tens->digits.pop_back();  // drop the tens' '0'
      tens = nullptr;
      for (int i = 0; i < (p.digits.size() == 1 ? repeat : 1); ++i) token.digits += p.digits;
      repeat = 1;
      if (p.kind == NumberWordKind::kTens) {
        token.digits += '0';
        tens = &token;
      }
      if (p.kind == NumberWordKind::kHundred) hundred = &token;
    }
  }
}

double Confidence(uint8_t flags) {
  double confidence = 1.0;
  if (flags & kFence) confidence = std::min(confidence, kFenceConfidence);
  if (flags & kLineBreak) confidence = std::min(confidence, kLineBreakConfidence);
  if (flags & kEnglish) confidence = std::min(confidence, kEnglishWordConfidence);
  if (flags & kForeign) confidence = std::min(confidence, kForeignWordConfidence);
  if (flags & kLeet) confidence = std::min(confidence, kLeetConfidence);
  if (flags & kLetter) confidence = std::min(confidence, kLetterDigitConfidence);
  return confidence;
}

struct Gap {
  bool joins = false;
  bool line_break = false;
  bool fence = false;
  bool wide = false;     // wider than the digit-group scan's gaps
  bool stacked = false;  // joins only as blocks of words one to a line
  size_t next = 0;       // where the next word starts
};

// Blank lines and spaces between two lines of number words
// ("<p>zero seven</p><p>nine</p>" after markup removal): at most this long.
constexpr size_t kMaxStackedGapChars = 24;
// Brackets of one kind in a gap: "))((" fences doubled digits.
constexpr size_t kMaxGapBrackets = 3;

constexpr bool BreaksRun(char32_t c) {
  switch (c) {
    case ':':
    case '@':
    case '%':
    case '&':
    case '=':
    case '?':
    case '$':
    case '"':
    case 0x00A3:
    case 0x20AC:
      return true;
    default:
      return false;
  }
}

// ReadGap but for its common case.
// What one ASCII byte is in a gap (ReadWideGap's reading of it).
enum class GapByte : uint8_t {
  kWordStart,  // a letter or digit: the gap ends before it
  kBreak,      // '\n'
  kSpace,      // ' ', '\r', '\t'
  kParenOpen,
  kOtherOpen,  // '[', '{': a fence
  kParenClose,
  kOtherClose,   // ']', '}'
  kPlainSymbol,  // '.', '-', '+'
  kFenceSymbol,  // any other
  kBreaker,      // BreaksRun: a fence too
};

constexpr auto kGapBytes = [] {
  std::array<GapByte, 128> table{};
  for (int c = 0; c < 128; ++c) {
    GapByte k = GapByte::kFenceSymbol;
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      k = GapByte::kWordStart;
    } else if (c == '\n') {
      k = GapByte::kBreak;
    } else if (c == ' ' || c == '\r' || c == '\t') {
      k = GapByte::kSpace;
    } else if (c == '(') {
      k = GapByte::kParenOpen;
    } else if (c == '[' || c == '{') {
      k = GapByte::kOtherOpen;
    } else if (c == ')') {
      k = GapByte::kParenClose;
    } else if (c == ']' || c == '}') {
      k = GapByte::kOtherClose;
    } else if (c == '.' || c == '-' || c == '+') {
      k = GapByte::kPlainSymbol;
    } else if (BreaksRun(static_cast<char32_t>(c))) {
      k = GapByte::kBreaker;
    }
    table[c] = k;
  }
  return table;
}();

// The character at *pos in a gap; *pos moves past it (a bad byte: one).
char32_t GapCharAt(std::string_view text, size_t* pos) {
  size_t length = 0;
  const char32_t c = CodePointAt(text, *pos, &length);
  *pos += length == 0 ? 1 : length;
  return c;
}

// What a gap holds, as ReadWideGap counts it.
struct GapCounts {
  size_t symbols = 0, breaks = 0, openers = 0, closers = 0, breakers = 0;
  char32_t last_breaker = 0;
  bool fence = false;

  void Add(GapByte k, unsigned char b) {
    switch (k) {
      case GapByte::kBreak:
        ++breaks;
        break;
      case GapByte::kOtherOpen:
        fence = true;
        [[fallthrough]];
      case GapByte::kParenOpen:
        ++openers;
        break;
      case GapByte::kOtherClose:
        fence = true;
        [[fallthrough]];
      case GapByte::kParenClose:
        ++closers;
        break;
      case GapByte::kBreaker:
        ++breakers, last_breaker = b;
        [[fallthrough]];
      case GapByte::kFenceSymbol:
        fence = true;
        [[fallthrough]];
      case GapByte::kPlainSymbol:
        ++symbols;
        break;
      case GapByte::kSpace:
      case GapByte::kWordStart:
        break;
    }
  }
  void Add(char32_t c) {
    ++symbols;
    if (BreaksRun(c)) ++breakers, last_breaker = c;
    fence = true;
  }
};

// ReadGap but for its common case. ASCII bytes are read from a table. With
// kFlags false only `next` is found, by the same reading: where no run is
// open, what the gap is like does not matter (nothing joins), only where it
// ends.
template <bool kFlags>
Gap ReadWideGap(std::string_view text, size_t pos) {
  Gap gap;
  GapCounts n;
  size_t chars = 0;
  while (pos < text.size()) {
    const auto b = static_cast<unsigned char>(text[pos]);
    if (b < 0x80) {
      const GapByte k = kGapBytes[b];
      if (k == GapByte::kWordStart) break;
      ++pos;
      ++chars;
      if (k == GapByte::kSpace) continue;  // spaces never stop the reading
      if constexpr (kFlags) n.Add(k, b);
      if (chars > kMaxStackedGapChars) break;  // long gaps never join; stop reading
      continue;
    }
    if (IsWordStart(text, pos)) break;
    const char32_t c = GapCharAt(text, &pos);
    ++chars;
    if (IsSpace(c)) continue;
    if constexpr (kFlags) n.Add(c);
    if (chars > kMaxStackedGapChars) break;
  }
  gap.next = pos;
  if constexpr (!kFlags) return gap;
  gap.line_break = n.breaks > 0;
  // "))((" and "]] [[" fence doubled groups: a bracket pair counts once.
  const size_t symbols = n.symbols + std::max(n.openers, n.closers);
  gap.fence = n.fence || std::max(n.openers, n.closers) > 1;
  gap.wide = chars > 4 || symbols > 2;
  // "0=7=7=0": one '=' alone between digits is a separator, not "key=value".
  const bool breaker =
      n.breakers > 1 || (n.breakers == 1 && !(n.last_breaker == '=' && chars == 1));
  const bool brackets = n.openers <= kMaxGapBrackets && n.closers <= kMaxGapBrackets;
  gap.joins =
      !breaker && brackets && chars <= kMaxGapChars && symbols <= kMaxGapSymbols && n.breaks <= 1;
  if (!gap.joins && n.breaks > 0 && symbols == 0 && n.openers + n.closers == 0 &&
      chars <= kMaxStackedGapChars) {
    gap.joins = gap.stacked = true;
  }
  return gap;
}

// Reads the characters from `pos` to the next word start. Inline: it is
// called for every word. With `open` false (no run to join) only `next` is
// read.
inline Gap ReadGap(std::string_view text, size_t pos, bool open = true) {
  if (pos + 1 < text.size() && text[pos] == ' ' && IsAsciiAlnum(text[pos + 1])) {
    Gap gap;
    gap.joins = true;  // the common case: one space between words
    gap.next = pos + 1;
    return gap;
  }
  return open ? ReadWideGap<true>(text, pos) : ReadWideGap<false>(text, pos);
}

// Whether a token that classified may join the run: "and" only right after
// "hundred"; a group of look-alike letters only after a digit group of a
// run with enough real digits that a reader sees a number ("0l2l 496 OSSS",
// never "SOS" or "LOL 100 SOS").
constexpr int kMinRealDigitsBeforeLetterGroup = 5;

bool Admissible(const Token& token, const std::vector<Token>& run, const std::vector<Piece>& pieces,
                const Gap& gap) {
  if (!token.and_word && !token.letters_only) return true;
  if (run.empty() || !gap.joins || gap.line_break) return false;
  const Token& before = run.back();
  if (token.and_word) {
    return before.piece_count > 0 &&
           pieces[before.first_piece + before.piece_count - 1].kind == NumberWordKind::kHundred;
  }
  if (before.real == 0) return false;
  int real = 0;
  for (const Token& t : run) real += t.real;
  return real >= kMinRealDigitsBeforeLetterGroup;
}

// A line of digits and a next line that opens with words are two things
// ("0731 264 805\nsau UK: zero ..."); blank lines join lines of number
// words only ("zero seven\n\nnine zero"), the digit-group scan joins
// stacked digit groups itself.
bool EndsRunAtLineBreak(const Gap& gap, const Token& before, const Token& next) {
  if (!gap.line_break) return false;
  const bool before_digits = (before.flags & (kReal | kEnglish | kForeign | kLetter)) == kReal;
  const bool next_words = (next.flags & kReal) == 0;
  if (before_digits && next_words) return true;
  return gap.stacked && ((before.flags | next.flags) & kReal) != 0;
}

class Proposer {
 public:
  Proposer(std::string_view text, std::vector<PhoneCandidate>* out) : text_(text), out_(out) {}

  bool Full() const { return proposed_ >= kMaxDeobfuscatedCandidates; }

  void Propose(std::vector<Token>* run, const std::vector<Piece>& pieces) {
    if (run->empty() || Full() || TooFewDigits(*run, pieces)) return;
    Expand(run, pieces);
    size_t total = 0;
    bool foreign = false;
    for (const Token& t : *run) total += t.digits.size(), foreign |= t.languages != 0;
    if (total < kMinDigits) return;
    // Plain digit groups with plain gaps: the digit-group scan already
    // proposes every start at '0' or '+'; only "44 ..." and a first group
    // (a cued country's number without a trunk prefix) are left here.
    const bool plain = std::all_of(run->begin(), run->end(), [](const Token& t) {
      return t.flags == kReal || (t.flags == 0 && t.digits.empty());
    });
    for (size_t i = 0; i < run->size() && !Full(); ++i) {
      if (MayStart(*run, i, foreign, plain)) ProposeFrom(*run, i);
    }
  }

 private:
  // A cheap bound before Expand: without "double"/"triple", a run expands
  // to at most its real digits plus each word's digits and a tens' '0'
  // ("hundred" and tens only drop digits later). Most runs are a price, a
  // time or a date.
  static bool TooFewDigits(const std::vector<Token>& run, const std::vector<Piece>& pieces) {
    const size_t first = run.front().first_piece;
    const size_t last = run.back().first_piece + run.back().piece_count;
    size_t bound = 0;
    for (size_t k = first; k < last && k < pieces.size(); ++k) {
      const Piece& p = pieces[k];
      if (p.kind == NumberWordKind::kMultiplier) return false;
      bound += p.digits.size() + (p.real ? 0 : 1);
    }
    return bound < kMinDigits;
  }

  static bool MayStart(const std::vector<Token>& run, size_t i, bool foreign, bool plain) {
    const Token& t = run[i];
    const bool plus = t.plus_word || t.plus != std::string_view::npos;
    if (plain && (plus || t.digits.empty() || t.digits[0] == '0')) return false;
    if (plus) return true;
    if (t.digits.empty()) return false;
    return i == 0 || foreign || t.digits[0] == '0' || t.digits.rfind("44", 0) == 0;
  }

  // Tokens of one digit each: "0 7 7 0 0 ..." or "seven seven oh ...".
  static bool SingleDigits(const std::vector<Token>& run, size_t first, size_t last) {
    size_t single = 0;
    for (size_t k = first; k <= last; ++k) single += run[k].digits.size() <= 1 ? 1 : 0;
    return single * 2 >= last - first + 1;
  }

  // A proposal that stops one token before a same-looking digit reads a
  // longer number short ("seven ... three four" is twelve digits).
  static bool CutsARun(const std::vector<Token>& run, size_t first, size_t last) {
    if (last + 1 >= run.size()) return false;
    const Token& next = run[last + 1];
    if (next.digits.size() != 1 || (next.flags & kLineBreak)) return false;
    if (next.digits[0] == '0' || next.plus != std::string_view::npos) return false;
    return SingleDigits(run, first, last);
  }

  void ProposeFrom(const std::vector<Token>& run, size_t first) {
    const Token& head = run[first];
    const bool plus = head.plus_word || head.plus != std::string_view::npos;
    std::string number = plus ? "+" : "";
    size_t digits = 0;
    uint8_t flags = 0, languages = 0;
    int real = 0, letters = 0, weak = 0, strong = 0, homophones = 0;
    for (size_t last = first; last < run.size(); ++last) {
      const Token& t = run[last];
      if (last > first && (t.plus != std::string_view::npos || t.plus_word)) return;
      flags |= last > first ? t.flags : (t.flags & ~(kFence | kLineBreak));
      languages |= t.languages;
      real += t.real, letters += t.letters, weak += t.weak, strong += t.strong;
      homophones += t.homophones;
      if (!t.digits.empty()) {
        if (digits > 0) number += ' ';
        number += t.digits;
        digits += t.digits.size();
      }
      if (digits > kMaxDigits) return;
      if (digits < kMinDigits || t.digits.empty() || CutsARun(run, first, last)) continue;
      // Look-alike letters only among plenty of real digits; weak words
      // only beside strong tokens.
      if (letters > 0 && (real < 4 || letters > 2 * real)) continue;
      if (real + strong == 0 || weak > 4 * (real + strong)) continue;
      // "ate", "to", "for", "won" only among many other number words.
      if (homophones > kMaxHomophones ||
          (homophones > 0 && strong + weak - homophones < kMinWordsAroundHomophones)) {
        continue;
      }
      size_t begin = plus && head.plus != std::string_view::npos ? head.plus : head.begin;
      size_t end = t.end;
      WidenOverFences(text_, &begin, &end);
      out_->push_back(
          {begin, end, number, Confidence(flags), std::string(RegionForLanguage(languages))});
      if (++proposed_ >= kMaxDeobfuscatedCandidates) return;
    }
  }

  std::string_view text_;
  std::vector<PhoneCandidate>* out_;
  size_t proposed_ = 0;
};

// The end of the ASCII word at `pos` when it cannot hold a number token,
// else `pos`: the fast path past ordinary prose. A word cannot when it is
// not a number word's first two bytes, a digit, a look-alike letter or "o";
// or when it merely starts like a whole-word number word ("today",
// "another", "work"); or when it is one while no run is open ("to", "and").
constexpr size_t kMaxWholeWordBytes = 3;  // "too", "ate", "and", "won"

size_t SkipWord(std::string_view text, size_t pos, bool run_open, const NumberWordPair* pairs) {
  const char c = text[pos];
  if (!IsAsciiAlpha(c) || pos + 1 >= text.size() || LetterDigit(static_cast<char32_t>(c)) != 0) {
    return pos;
  }
  const char next = text[pos + 1];
  if (!IsAsciiAlpha(next)) return pos;
  NumberWordPair pair =
      pairs[(static_cast<unsigned char>(c) << 8) | static_cast<unsigned char>(next)];
  if (pair == NumberWordPair::kAny) {
    // "the", "this", "fix": a number word may begin "th" or "fi", but none
    // of them goes on with that third letter.
    if (pos + 2 >= text.size() || !IsAsciiAlpha(text[pos + 2]) ||
        MayStartNumberWordTriple(static_cast<unsigned char>(c), static_cast<unsigned char>(next),
                                 static_cast<unsigned char>(text[pos + 2]))) {
      return pos;
    }
    pair = NumberWordPair::kNone;
  }
  size_t end = pos + 2;
  while (end < text.size() && IsAsciiAlpha(text[end])) ++end;
  // A digit or a non-ASCII letter glued on: let the full path read it.
  if (end < text.size() &&
      (IsAsciiDigit(text[end]) || static_cast<unsigned char>(text[end]) >= 0x80)) {
    return pos;
  }
  if (pair == NumberWordPair::kNone || !run_open || end - pos > kMaxWholeWordBytes) return end;
  return MatchNumberWord(text.substr(0, end), pos).length == end - pos ? pos : end;
}

// Tokens and pieces whose storage a thread keeps between calls.
constexpr size_t kKeptScratchCapacity = 1024;

struct Scratch {
  std::vector<Token> run;
  std::vector<Piece> run_pieces, word_pieces;
};

class DeobfuscationGenerator : public PhoneCandidateGenerator {
 public:
  DeobfuscationGenerator() : pairs_(NumberWordPairTable()), may_start_(MayStartNumberWordTable()) {}

  void Generate(std::string_view text, std::vector<PhoneCandidate>* out) const override {
    Proposer proposer(text, out);
    // Reused across words and calls on this thread: no allocation per word
    // or per advert. Generate does not re-enter itself.
    thread_local Scratch scratch;
    std::vector<Token>& run = scratch.run;
    std::vector<Piece>& run_pieces = scratch.run_pieces;
    std::vector<Piece>& word_pieces = scratch.word_pieces;
    run.clear();
    run_pieces.clear();
    word_pieces.clear();
    const auto propose = [&] {
      proposer.Propose(&run, run_pieces);
      run.clear();
      run_pieces.clear();
    };
    // Most words end no run: the test stays inline, the proposal does not.
    const auto flush = [&] {
      if (!run.empty()) propose();
    };
    Gap gap = ReadGap(text, 0);
    while (gap.next < text.size() && !proposer.Full()) {
      if (const size_t end = SkipWord(text, gap.next, !run.empty(), pairs_); end != gap.next) {
        flush();
        gap = ReadGap(text, end, /*open=*/false);
        continue;
      }
      Token token;
      token.begin = gap.next;
      token.end = WordEnd(text, token.begin);
      if (token.end <= token.begin) token.end = token.begin + 1;
      if (!gap.joins) flush();
      bool number = Decompose(text, token.begin, token.end, may_start_, &word_pieces);
      if (number) {
        token.first_piece = run_pieces.size();
        token.piece_count = word_pieces.size();
        run_pieces.insert(run_pieces.end(), word_pieces.begin(), word_pieces.end());
        number = Classify(&token, &run_pieces) && Admissible(token, run, run_pieces, gap);
        if (!number) run_pieces.resize(token.first_piece);
      }
      if (number && !run.empty() && EndsRunAtLineBreak(gap, run.back(), token)) {
        // The run ends before this token: its pieces (as classified) move to
        // the front of the next run's pieces instead of being cleared.
        word_pieces.assign(run_pieces.begin() + static_cast<std::ptrdiff_t>(token.first_piece),
                           run_pieces.end());
        run_pieces.resize(token.first_piece);
        flush();
        token.first_piece = run_pieces.size();
        run_pieces.insert(run_pieces.end(), word_pieces.begin(), word_pieces.end());
      }
      if (!number) flush();
      const size_t end = token.end;
      if (number) {
        if (token.begin > 0 && text[token.begin - 1] == '+') token.plus = token.begin - 1;
        if (!run.empty() && gap.fence) token.flags |= kFence;
        if (!run.empty() && gap.line_break) token.flags |= kLineBreak;
        if (!run.empty() && gap.wide) token.flags |= kWideGap;
        run.push_back(std::move(token));
      }
      gap = ReadGap(text, end, /*open=*/!run.empty());
    }
    flush();
    // A hostile text's long run is not kept for the thread's lifetime.
    if (run.capacity() > kKeptScratchCapacity || run_pieces.capacity() > kKeptScratchCapacity) {
      scratch = Scratch();
    }
  }

 private:
  const NumberWordPair* pairs_;
  const bool* may_start_;
};

}  // namespace

std::shared_ptr<const PhoneCandidateGenerator> NewDeobfuscationGenerator() {
  return std::make_shared<DeobfuscationGenerator>();
}

}  // namespace harrier::extractors
