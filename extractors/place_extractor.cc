#include "extractors/place_extractor.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <exception>
#include <optional>
#include <string>
#include <utility>

#include "extractors/place_data.h"
#include "extractors/place_index.h"
#include "extractors/place_words.h"
#include "extractors/postcode_extractor.h"
#include "extractors/utf8.h"

namespace harrier::extractors {
namespace {

constexpr size_t kMaxMatches = 10000;     // per text: caps the resolution work
constexpr size_t kMaxAnchors = 32;        // places and postcodes used to resolve
constexpr size_t kLineScan = 80;          // bytes looked at for a "name alone on a line"
constexpr size_t kPostcodeWindow = 8192;  // bytes of a long line scanned for postcodes at once
constexpr double kNearKm = 100;           // an anchor this close picks a candidate

// A small set of short words packed into integers at compile time, so that
// a lookup is a few integer compares instead of a memcmp per word.
struct WordSet {
  static constexpr size_t kMax = 32;   // words
  static constexpr size_t kLong = 16;  // bytes per word
  std::array<uint64_t, kMax> lo{};
  std::array<uint64_t, kMax> hi{};
  std::array<uint8_t, kMax> size{};
  size_t n = 0;
  uint32_t sizes = 0;  // bit k: some word has k bytes

  constexpr WordSet(std::initializer_list<std::string_view> words) {
    for (std::string_view w : words) {
      if (n == kMax || w.size() > kLong) throw "WordSet: too many or too long words";
      Pack(w, &lo[n], &hi[n]);
      size[n++] = static_cast<uint8_t>(w.size());
      sizes |= uint32_t{1} << w.size();
    }
  }
  static constexpr void Pack(std::string_view w, uint64_t* a, uint64_t* b) {
    *a = 0;
    *b = 0;
    for (size_t i = 0; i < w.size(); ++i) {
      const uint64_t byte = static_cast<unsigned char>(w[i]);
      if (i < 8) {
        *a |= byte << (8 * i);
      } else {
        *b |= byte << (8 * (i - 8));
      }
    }
  }
  constexpr bool Has(std::string_view s) const {
    if (s.size() > kLong || ((sizes >> s.size()) & 1) == 0) return false;
    uint64_t a = 0, b = 0;
    Pack(s, &a, &b);
    for (size_t i = 0; i < n; ++i) {
      if (lo[i] == a && hi[i] == b && size[i] == s.size()) return true;
    }
    return false;
  }
};

template <WordSet kSet>
bool OneOf(std::string_view s) {
  return kSet.Has(s);
}

// The gap between two words of one name: spaces, or a hyphen, or the '.'
// of "St." ("St. Albans").
bool Joinable(std::string_view text, const Word& a, const Word& b) {
  const std::string_view gap = text.substr(a.end, b.begin - a.end);
  if (gap == " " || gap == "-" || gap == "  ") return true;
  const std::string_view word = a.in(text);
  return (word == "St" || word == "ST") && (gap == ". " || gap == ".");
}

double DistanceKm(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kDegToRad = 3.14159265358979323846 / 180.0;
  const double x = (lon2 - lon1) * kDegToRad * std::cos((lat1 + lat2) / 2 * kDegToRad);
  const double y = (lat2 - lat1) * kDegToRad;
  return std::sqrt(x * x + y * y) * 6371.0;
}

const PostcodeArea* FindArea(std::string_view area) {
  for (const PostcodeArea& a : BuiltinPostcodeAreas()) {
    if (a.area == area) return &a;
  }
  return nullptr;
}

// "RG1", "po30": an outward code of a known postcode area, or nullptr.
const PostcodeArea* AreaOfOutward(std::string_view token) {
  if (token.size() < 2 || token.size() > 4) return nullptr;
  size_t letters = 0;
  while (letters < token.size() && IsAsciiAlpha(token[letters])) ++letters;
  if (letters == 0 || letters > 2 || letters >= token.size()) return nullptr;
  if (!IsAsciiDigit(token[letters])) return nullptr;
  for (size_t i = letters + 1; i < token.size(); ++i) {
    if (!IsAsciiAlnum(token[i]) || (IsAsciiAlpha(token[i]) && i + 1 != token.size())) {
      return nullptr;
    }
  }
  std::string area;
  for (size_t i = 0; i < letters; ++i) area.push_back(AsciiToUpper(token[i]));
  return FindArea(area);
}

}  // namespace

namespace {

struct Match {
  size_t begin = 0;
  size_t end = 0;
  const PlaceEntry* entry = nullptr;
  std::string region;                     // lower-case county written after the name
  const PostcodeArea* outward = nullptr;  // "Reading RG1"
  uint32_t chosen = 0;
  double confidence = 0;
  std::string note;  // appended to the detail
};

// LowerAscii in place: the lower-case first 24 bytes of a word, without a
// std::string per context word.
class LowerWord {
 public:
  void Set(std::string_view s) {
    n_ = std::min(s.size(), buf_.size());
    for (size_t i = 0; i < n_; ++i) buf_[i] = AsciiToLower(s[i]);
  }
  operator std::string_view() const { return {buf_.data(), n_}; }
  bool operator==(std::string_view o) const { return std::string_view(*this) == o; }

 private:
  std::array<char, 24> buf_{};
  size_t n_ = 0;
};

// What surrounds a name: the two words before and after it (lower case,
// only across spaces), a label before a colon ("Location: Bath").
struct Context {
  LowerWord w1, w2;  // w2 w1 Name
  LowerWord f1, f2;  // Name f1 f2
  LowerWord label;
  std::string region;
  const PostcodeArea* outward = nullptr;
  bool alone = false;
  bool listed = false;         // "Liverpool and Chester": follows an accepted place
  bool after_capital = false;  // "Hope Street", "Lime Street": w1 is capitalised
  bool product = false;        // "Chelsea boots", "Manchester United": not the place
};

// The longest region name (up to four words) after the name ending at
// `end`, behind a separator such as ", " or " (".
std::string RegionAfter(const PlaceIndex& index, std::string_view text, size_t end) {
  std::optional<Word> w = NextWord(text, end);
  if (!w || !OneOf<WordSet{" ", ", ", ",", " - ", " (", "(", "  ", " ,"}>(
                text.substr(end, w->begin - end))) {
    return "";
  }
  // The key grows word by word, so the best one is a prefix of it.
  std::array<char, 4 * 25> key;
  size_t len = 0, best = 0;
  for (int k = 0; k < 4 && w; ++k) {
    if (k > 0) key[len++] = ' ';
    const std::string_view word = w->in(text).substr(0, 24);  // as LowerAscii
    for (char ch : word) key[len++] = AsciiToLower(ch);
    if (index.IsRegion(std::string_view(key.data(), len))) best = len;
    const size_t prev_end = w->end;
    w = NextWord(text, prev_end);
    if (w && !IsSpaceGap(text.substr(prev_end, w->begin - prev_end))) break;
  }
  return std::string(key.data(), best);
}

void ReadBefore(std::string_view text, size_t begin, Context* c) {
  const std::optional<Word> p = PrevWord(text, begin);
  if (!p) return;
  const std::string_view gap = text.substr(p->end, begin - p->end);
  if (IsSpaceGap(gap)) {
    c->w1.Set(p->in(text));
    c->after_capital = text[p->begin] >= 'A' && text[p->begin] <= 'Z';
    const std::optional<Word> p2 = PrevWord(text, p->begin);
    if (p2 && IsSpaceGap(text.substr(p2->end, p->begin - p2->end))) {
      c->w2.Set(p2->in(text));
    }
  } else if (OneOf<WordSet{":", ": ", " : ", " - ", "- "}>(gap)) {
    c->label.Set(p->in(text));
  }
}

// "Chelsea boots", "Eccles cake", "Manchester United", "Leicester City FC",
// "Newcastle Brown": a town name used as an adjective or a brand.
bool IsProductOrClub(const PlaceIndex& index, std::string_view next_raw, const Context& c) {
  std::string_view f1 = c.f1;
  if (f1.ends_with("'s")) f1.remove_suffix(2);
  const uint8_t kind = index.KindOf(f1);
  if (kind & (PlaceIndex::kProduct | PlaceIndex::kClub)) return true;
  if ((kind & PlaceIndex::kCityWord) && (index.KindOf(c.f2) & PlaceIndex::kClubAfterCity)) {
    return true;
  }
  return next_raw == "Brown";
}

void ReadAfter(const PlaceIndex& index, std::string_view text, size_t end, Context* c) {
  const std::optional<Word> n = NextWord(text, end);
  if (!n) return;
  const std::string_view gap = text.substr(end, n->begin - end);
  if (!IsSpaceGap(gap) && gap != "-") return;
  c->f1.Set(n->in(text));
  c->outward = AreaOfOutward(n->in(text));
  const std::optional<Word> n2 = NextWord(text, n->end);
  if (n2 && IsSpaceGap(text.substr(n->end, n2->begin - n->end))) {
    c->f2.Set(n2->in(text));
  }
  c->product = IsProductOrClub(index, n->in(text), *c);
}

bool IsStreet(const Context& c) {
  return OneOf<WordSet{"road",    "rd",      "street", "st",    "lane",  "ln",
                       "avenue",  "ave",     "way",    "close", "drive", "crescent",
                       "terrace", "gardens", "square", "place", "row",   "walk",
                       "grove",   "park",    "hill",   "mews",  "parade"}>(c.f1);
}

// "Hi I'm Chester", "ask for Stanley": a person, not a place.
bool IsPersonal(const Context& c) {
  return OneOf<WordSet{"i'm", "im", "i\xE2\x80\x99m", "called", "miss", "mr", "mrs", "ms", "named",
                       "name's", "names"}>(c.w1) ||
         (c.w2 == "i" && c.w1 == "am") || (c.w2 == "name" && c.w1 == "is") ||
         (c.w2 == "call" && c.w1 == "me") || (c.w2 == "ask" && c.w1 == "for");
}

bool FollowingCue(const Context& c) {
  return OneOf<WordSet{"area", "areas", "station", "centre", "center", "uk", "based", "city"}>(
             c.f1) ||
         (c.f1 == "town" && OneOf<WordSet{"centre", "center"}>(c.f2)) || c.outward != nullptr ||
         !c.region.empty();
}

// Cues strong enough for a month name: "based in March" but not "in March".
bool StrongPrecedingCue(const Context& c) {
  return (OneOf<WordSet{"based", "located", "incall", "incalls"}>(c.w2) && c.w1 == "in") ||
         (OneOf<WordSet{"outcall", "outcalls"}>(c.w2) && c.w1 == "to") ||
         (OneOf<WordSet{"city", "town"}>(c.w2) && c.w1 == "of") ||
         OneOf<WordSet{"location", "locations", "area", "city", "town", "based", "located",
                       "base"}>(c.label);
}

bool PrecedingCue(const Context& c) {
  return OneOf<WordSet{"in", "near", "nr", "from", "at", "to", "around", "visiting", "touring",
                       "central", "outside", "covering"}>(c.w1);
}

const PlaceEntry* LongestName(const PlaceIndex& index, std::string_view text, Word first,
                              std::string* key, size_t* end);

// "Rugby & Coventry", "Rugby and Coventry", "Sale, near Manchester": a
// place that needs no cue and names one place, right after a list
// separator or "near". Confirms a common-word name before it.
bool PlaceFollows(const PlaceIndex& index, std::string_view text, size_t end) {
  if (end + 2 >= text.size() ||
      std::string_view(" ,&/+").find(text[end]) == std::string_view::npos) {
    return false;
  }
  std::optional<Word> w = NextWord(text, end);
  if (!w) return false;
  std::string_view gap = text.substr(end, w->begin - end);
  if (OneOf<WordSet{" ", ", ", ","}>(gap) &&
      OneOf<WordSet{"near", "nr"}>(LowerAscii(w->in(text)))) {
    const size_t after = w->end;
    w = NextWord(text, after);
    if (!w || !OneOf<WordSet{" ", ". "}>(text.substr(after, w->begin - after))) return false;
  } else if (OneOf<WordSet{" ", "  "}>(gap) && OneOf<WordSet{"and", "or"}>(w->in(text))) {
    const size_t after = w->end;
    w = NextWord(text, after);
    if (!w || text.substr(after, w->begin - after) != " ") return false;
  } else if (!OneOf<WordSet{", ", ",", " & ", "&", " / ", "/", " + "}>(gap)) {
    return false;
  }
  if (!(text[w->begin] >= 'A' && text[w->begin] <= 'Z')) return false;
  std::string key;
  size_t next_end = w->end;
  const PlaceEntry* e = LongestName(index, text, *w, &key, &next_end);
  return e != nullptr && !e->common && !e->lower && e->targets.size() == 1;
}

Context ReadContext(const PlaceIndex& index, std::string_view text, size_t begin, size_t end,
                    size_t last_end, const PlaceEntry& entry) {
  Context c;
  if (last_end != std::string_view::npos && begin - last_end <= 10) {
    c.listed = OneOf<WordSet{", ", ",", " and ", " or ", " & ", " / ", "/", ", and ", " then "}>(
        text.substr(last_end, begin - last_end));
  }
  ReadBefore(text, begin, &c);
  ReadAfter(index, text, end, &c);
  // The costlier cues only where they can change the outcome.
  if (entry.common || entry.targets.size() > 1 || IsPersonal(c)) {
    c.region = RegionAfter(index, text, end);
    c.alone =
        AloneToLineEdge(text, begin, -1, kLineScan) && AloneToLineEdge(text, end, +1, kLineScan);
  }
  return c;
}

bool Accept(const PlaceIndex& index, std::string_view text, size_t end, const PlaceEntry& entry,
            const Context& c, Match* m) {
  if (IsStreet(c) || c.product) return false;
  const bool follows = FollowingCue(c);
  if (IsPersonal(c) && !follows) return false;
  const bool before = StrongPrecedingCue(c) || (!entry.month && PrecedingCue(c));
  const bool cue = follows || c.alone || before || (!entry.month && c.listed);
  // A common word after another capitalised word is part of a name ("Hope
  // Street", "Lime Street Station"), unless that word is the cue. Otherwise
  // a place listed right after it confirms it ("Rugby & Coventry").
  if (entry.common && c.after_capital && !before) return false;
  if (entry.common && !cue && !PlaceFollows(index, text, end)) return false;
  m->confidence = entry.common ? 0.8 : 0.9;
  m->region = c.region;
  m->outward = c.outward;
  return true;
}

// The longest name starting with the word `first`: its entry and end.
const PlaceEntry* LongestName(const PlaceIndex& index, std::string_view text, Word first,
                              std::string* key, size_t* end) {
  key->clear();
  PlaceIndex::AppendKeyWord(first.in(text), key);
  if (!index.MayStart(*key)) return nullptr;
  int most = 0;
  const PlaceEntry* best = index.FindFirst(*key, &most);
  *end = first.end;
  Word last = first;
  for (int n = 2; n <= most; ++n) {
    const std::optional<Word> next = NextWord(text, last.end);
    if (!next || !Joinable(text, last, *next)) break;
    PlaceIndex::AppendKeyWord(next->in(text), key);
    last = *next;
    if (const PlaceEntry* e = index.Find(*key)) {
      best = e;
      *end = last.end;
    }
  }
  return best;
}

// A byte that may start a name in another script: Latin-1 letters
// ("Édimbourg"), Greek, Cyrillic (Лондон); and kana, CJK and hangul (伦敦),
// matched as substrings since those scripts put no spaces between words.
bool IsAlphabetLead(unsigned char c) { return c >= 0xC3 && c <= 0xD3; }
bool IsUnspacedLead(unsigned char c) { return c >= 0xE3 && c <= 0xED; }

constexpr uint64_t kOnes = ~uint64_t{0} / 255;
constexpr uint64_t kHigh = kOnes * 128;

// Eight bytes at a time: the high bit of each byte of `x` that lies strictly
// between `lo` and `hi` (the "hasbetween" bit trick, exact per byte; bytes
// >= 0x80 never count).
constexpr uint64_t Between(uint64_t x, unsigned lo, unsigned hi) {
  const uint64_t low = x & (kOnes * 127);
  return (kOnes * (127 + hi) - low) & ~x & (low + kOnes * (127 - lo)) & kHigh;
}

// A lower-case word of five letters or more at `pos` that may start a
// lower-case name: its first four letters, then a bloom filter on it.
bool LowerCandidate(const PlaceIndex& index, std::string_view text, size_t pos) {
  if (pos + 5 > text.size() || !index.MayStartLower4(text.substr(pos, 4))) return false;
  size_t e = pos + 5;
  while (e < text.size() && IsAsciiAlnum(text[e])) ++e;
  return index.MayStartLower(text.substr(pos, e - pos)) && !WordCharBefore(text, pos);
}

// Whether the byte at `pos`, flagged by the chunk scan, starts a candidate.
bool CandidateAt(const PlaceIndex& index, std::string_view text, size_t pos) {
  const unsigned char c = static_cast<unsigned char>(text[pos]);
  if (c >= 'a' && c <= 'z') return LowerCandidate(index, text, pos);
  if (c >= 'A' && c <= 'Z') return !WordCharBefore(text, pos);
  if (IsAlphabetLead(c)) return !WordCharBefore(text, pos);
  return IsUnspacedLead(c) && !index.unspaced().empty();
}

// The next position worth a lookup at or after `pos`: a word starting with a
// capital, a lower-case word that may start a lower-case name, a word in
// another alphabet, or a kana/CJK/hangul character. npos if none. Eight
// bytes at a time: capitals, lower-case letters after a non-alphanumeric
// byte, and lead bytes of other scripts are flagged together.
size_t NextCandidate(const PlaceIndex& index, std::string_view text, size_t pos) {
  const size_t n = text.size();
  while (pos < n) {
    uint64_t x = 0;
    uint64_t x4 = 0;      // bytes [pos + 4, pos + 12): whether a lower-case word has five letters
    if (pos + 12 <= n) {  // fixed-size copies compile to plain loads
      std::memcpy(&x, text.data() + pos, 8);
      std::memcpy(&x4, text.data() + pos + 4, 8);
    } else {
      std::memcpy(&x, text.data() + pos, std::min<size_t>(8, n - pos));
      if (pos + 4 < n) std::memcpy(&x4, text.data() + pos + 4, std::min<size_t>(8, n - pos - 4));
    }
    const uint64_t upper = Between(x, 'A' - 1, 'Z' + 1);
    const uint64_t lower = Between(x, 'a' - 1, 'z' + 1);
    const uint64_t lower4 = Between(x4, 'a' - 1, 'z' + 1);
    // Letters after a letter continue a word (after a digit, WordCharBefore
    // tells).
    const uint64_t before =
        ((upper | lower) << 8) | (pos > 0 && IsAsciiAlpha(text[pos - 1]) ? uint64_t{0x80} : 0);
    // Byte i: letters at i .. i + 4 (the two sources agree where they overlap).
    const uint64_t long_lower = lower & ((lower >> 8) | (lower4 << 24)) &
                                ((lower >> 16) | (lower4 << 16)) & ((lower >> 24) | (lower4 << 8)) &
                                lower4;
    // Lead bytes 0xC0..0xFF: bits 7 and 6 set.
    const uint64_t lead = x & kHigh & ((x & (kOnes * 0x40)) << 1);
    uint64_t flags = ((upper | long_lower) & ~before) | lead;
    while (flags != 0) {
      const size_t at = pos + static_cast<size_t>(std::countr_zero(flags) / 8);
      flags &= flags - 1;
      if (at < n && CandidateAt(index, text, at)) return at;
    }
    pos += 8;
  }
  return std::string_view::npos;
}

// 伦敦 in "我在伦敦": an unspaced name starting at `pos`.
const PlaceEntry* UnspacedAt(const PlaceIndex& index, std::string_view text, size_t pos,
                             size_t* end) {
  for (const auto& [name, entry] : index.unspaced()) {
    if (text.substr(pos, name.size()) == name) {
      *end = pos + name.size();
      return &index.entry(entry);
    }
  }
  return nullptr;
}

// Whether a UK postcode is on the line of [begin, end) within kLineScan * 2
// bytes ("wv1 1ly wolverhampton"). Scans windows of up to kPostcodeWindow
// bytes and keeps the postcodes found, so a long line is scanned once.
class LinePostcodes {
 public:
  bool Has(std::string_view text, size_t begin, size_t end) {
    size_t lo = begin;
    const size_t floor = begin > 2 * kLineScan ? begin - 2 * kLineScan : 0;
    while (lo > floor && text[lo - 1] != '\n') --lo;
    const size_t line_end = std::min(text.size(), text.find('\n', end));
    const size_t hi = std::min(line_end, end + 2 * kLineScan);
    if (lo < from_ || hi > to_) {
      from_ = lo;
      to_ = std::max(hi, std::min(line_end, lo + kPostcodeWindow));
      spans_.clear();
      for (const Selector& s : ExtractPostcodes(text.substr(from_, to_ - from_))) {
        spans_.emplace_back(from_ + s.begin, from_ + s.end);
      }
    }
    for (const auto& [b, e] : spans_) {
      if (b >= lo && e <= hi) return true;
    }
    return false;
  }

 private:
  size_t from_ = std::string_view::npos;
  size_t to_ = 0;
  std::vector<std::pair<size_t, size_t>> spans_;
};

// A lower-case name ("hello from belfast") counts only with a cue before it,
// alone on its line, or with a postcode on its line; never as an adjective.
bool AcceptLower(std::string_view text, const Context& c, size_t begin, size_t end,
                 LinePostcodes* postcodes, Match* m) {
  if (IsStreet(c) || c.product || IsPersonal(c)) return false;
  const bool cue =
      StrongPrecedingCue(c) || PrecedingCue(c) ||
      (AloneToLineEdge(text, begin, -1, kLineScan) && AloneToLineEdge(text, end, +1, kLineScan)) ||
      postcodes->Has(text, begin, end);
  if (!cue) return false;
  m->confidence = 0.7;
  m->outward = c.outward;
  return true;
}

// One candidate at `pos`: the entry of the name found there and its end.
const PlaceEntry* NameAt(const PlaceIndex& index, std::string_view text, size_t pos,
                         size_t word_end, std::string* key, size_t* end) {
  if (IsUnspacedLead(static_cast<unsigned char>(text[pos]))) {
    return UnspacedAt(index, text, pos, end);
  }
  const Word first{pos, word_end};
  *end = first.end;
  return LongestName(index, text, first, key, end);
}

std::vector<Match> FindMatches(const PlaceIndex& index, std::string_view text) {
  std::vector<Match> out;
  std::string key;
  LinePostcodes postcodes;
  size_t last_end = std::string_view::npos;
  size_t pos = 0;
  while (out.size() < kMaxMatches) {
    pos = NextCandidate(index, text, pos);
    if (pos == std::string_view::npos) break;
    size_t end = pos;
    const bool unspaced = IsUnspacedLead(static_cast<unsigned char>(text[pos]));
    // The first word's end, also where the scan resumes when nothing matches.
    const size_t word_end = unspaced ? pos + 1 : WordEnd(text, pos);
    const PlaceEntry* best = NameAt(index, text, pos, word_end, &key, &end);
    Match m;
    bool ok = false;
    if (best != nullptr && unspaced) {
      m.confidence = 0.85;
      ok = true;
    } else if (best != nullptr) {
      const Context c = ReadContext(index, text, pos, end, last_end, *best);
      ok = best->lower ? AcceptLower(text, c, pos, end, &postcodes, &m)
                       : Accept(index, text, end, *best, c, &m);
    }
    if (!ok) {
      pos = std::max(pos + 1, word_end);
      continue;
    }
    m.begin = pos;
    m.end = end;
    m.entry = best;
    m.chosen = best->targets[0];
    last_end = end;
    out.push_back(std::move(m));
    pos = end;
  }
  return out;
}

struct Anchor {
  double lat, lon;
};

// The candidate nearest to any anchor, if one is within kNearKm.
std::optional<uint32_t> Nearest(const PlaceIndex& index, const std::vector<uint32_t>& cands,
                                const std::vector<Anchor>& anchors) {
  std::optional<uint32_t> best;
  double best_km = kNearKm;
  for (uint32_t t : cands) {
    const Place& p = *index.target(t).place;
    for (const Anchor& a : anchors) {
      const double km = DistanceKm(p.lat, p.lon, a.lat, a.lon);
      if (km < best_km) {
        best_km = km;
        best = t;
      }
    }
  }
  return best;
}

std::vector<uint32_t> InRegion(const PlaceIndex& index, const std::vector<uint32_t>& cands,
                               const std::string& region) {
  std::vector<uint32_t> out;
  for (uint32_t t : cands) {
    if (index.target(t).region_key.find(region) != std::string::npos) out.push_back(t);
  }
  return out;
}

// Without any hint: the most populous, else a prominent one (a city's short
// name, the seat of its own area), else the first.
void ChooseByDefault(const PlaceIndex& index, const std::vector<uint32_t>& cands, Match* m) {
  const PlaceTarget* best = nullptr;
  for (uint32_t t : cands) {
    const auto& pop = index.target(t).place->population;
    if (pop && (best == nullptr || *pop > *best->place->population)) {
      best = &index.target(t);
      m->chosen = t;
    }
  }
  if (best != nullptr) {
    m->confidence = 0.6;
    m->note += ", chose the most populous";
    return;
  }
  for (uint32_t t : cands) {
    if (index.target(t).alias) {
      m->chosen = t;
      m->confidence = 0.7;
      m->note += ", chose the city the name usually means";
      return;
    }
  }
  for (uint32_t t : cands) {
    if (index.target(t).prominent) {
      m->chosen = t;
      m->confidence = 0.55;
      m->note += ", chose the one that names its own area";
      return;
    }
  }
  m->chosen = cands[0];
  m->confidence = 0.4;
}

std::vector<Anchor> PostcodeAnchors(std::string_view text, const std::vector<Match>& matches) {
  std::vector<Anchor> anchors;
  for (const Selector& s : ExtractPostcodes(text)) {
    if (anchors.size() >= kMaxAnchors) break;
    size_t letters = 0;
    while (letters < s.value.size() && IsAsciiAlpha(s.value[letters])) ++letters;
    if (const PostcodeArea* a = FindArea(s.value.substr(0, letters))) {
      anchors.push_back({a->lat, a->lon});
    }
  }
  for (const Match& m : matches) {
    if (m.outward != nullptr && anchors.size() < kMaxAnchors) {
      anchors.push_back({m.outward->lat, m.outward->lon});
    }
  }
  return anchors;
}

void Resolve(const PlaceIndex& index, std::string_view text, std::vector<Match>* matches) {
  std::vector<Anchor> places;
  std::vector<size_t> ambiguous;
  for (size_t k = 0; k < matches->size(); ++k) {
    Match& m = (*matches)[k];
    const std::vector<uint32_t>& targets = m.entry->targets;
    m.chosen = targets[0];
    bool single = targets.size() == 1;
    if (!single && !m.region.empty()) {
      const std::vector<uint32_t> in = InRegion(index, targets, m.region);
      if (in.size() == 1) {
        m.chosen = in[0];
        single = true;
        m.note = "; " + std::to_string(targets.size()) + " places, chose by county or region";
        m.confidence = std::min(m.confidence, 0.85);
      }
    }
    if (!single) {
      ambiguous.push_back(k);
    } else if (places.size() < kMaxAnchors) {
      const Place& p = *index.target(m.chosen).place;
      places.push_back({p.lat, p.lon});
    }
  }
  if (ambiguous.empty()) return;
  const std::vector<Anchor> postcodes = PostcodeAnchors(text, *matches);
  for (size_t k : ambiguous) {
    Match& m = (*matches)[k];
    std::vector<uint32_t> in_region;
    if (!m.region.empty()) in_region = InRegion(index, m.entry->targets, m.region);
    const std::vector<uint32_t>& cands = in_region.empty() ? m.entry->targets : in_region;
    m.note = "; ambiguous: " + std::to_string(cands.size()) + " places";
    if (auto t = Nearest(index, cands, postcodes)) {
      m.chosen = *t;
      m.confidence = std::min(m.confidence, 0.8);
      m.note += ", chose by postcode area";
    } else if (auto t = Nearest(index, cands, places)) {
      m.chosen = *t;
      m.confidence = std::min(m.confidence, 0.75);
      m.note += ", chose the one near another place named";
    } else {
      ChooseByDefault(index, cands, &m);
    }
  }
}

}  // namespace

PlaceExtractor::PlaceExtractor(std::shared_ptr<const Gazetteer> gazetteer,
                               PlaceExtractorOptions options)
    : index_(std::make_shared<const PlaceIndex>(std::move(gazetteer), options.extra_common_names,
                                                options.builtin_districts)) {}

size_t PlaceExtractor::indexed_keys() const { return index_->size(); }

std::vector<Selector> PlaceExtractor::Extract(std::string_view text) const {
  try {
    std::vector<Match> matches = FindMatches(*index_, text);
    Resolve(*index_, text, &matches);
    std::vector<Selector> out;
    out.reserve(matches.size());
    for (const Match& m : matches) {
      const PlaceTarget& t = index_->target(m.chosen);
      Selector& s = out.emplace_back();
      s.kind = SelectorKind::kPlace;
      s.value = t.value;
      s.begin = m.begin;
      s.end = m.end;
      s.raw.assign(text.substr(m.begin, m.end - m.begin));
      s.confidence = m.confidence;
      s.detail.reserve(t.detail.size() + m.note.size());
      s.detail.append(t.detail).append(m.note);
    }
    return out;
  } catch (const std::exception&) {
    return {};  // allocation failure on hostile input: no places rather than a crash
  }
}

}  // namespace harrier::extractors
