#include "extractors/place_extractor.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <exception>
#include <optional>
#include <string>
#include <utility>

#include "extractors/place_data.h"
#include "extractors/place_index.h"
#include "extractors/postcode_extractor.h"
#include "extractors/utf8.h"

namespace harrier::extractors {
namespace {

constexpr size_t kMaxMatches = 10000;  // per text: caps the resolution work
constexpr size_t kMaxAnchors = 32;     // places and postcodes used to resolve
constexpr size_t kLineScan = 80;       // bytes looked at for a "name alone on a line"
constexpr double kNearKm = 100;        // an anchor this close picks a candidate

struct Token {
  size_t begin;
  size_t end;
};

bool IsAsciiWordByte(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

// Words: runs of letters and digits of any script, with ' or ’ inside
// ("Bo’ness", "I'm"). Everything else separates.
std::vector<Token> Tokenize(std::string_view text) {
  std::vector<Token> tokens;
  tokens.reserve(text.size() / 6 + 1);
  size_t i = 0;
  const size_t n = text.size();
  size_t start = std::string_view::npos;
  while (i < n) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    size_t len = 1;
    bool word = IsAsciiWordByte(c);
    if (!word && c >= 0x80) {
      const char32_t cp = CodePointAt(text, i, &len);
      word = IsWordChar(cp) || (cp == 0x2019 && start != std::string_view::npos && i + len < n &&
                                IsAsciiAlpha(text[i + len]));
    } else if (c == '\'') {
      word = start != std::string_view::npos && i + 1 < n && IsAsciiAlpha(text[i + 1]);
    }
    if (word && start == std::string_view::npos) start = i;
    if (!word && start != std::string_view::npos) {
      tokens.push_back({start, i});
      start = std::string_view::npos;
    }
    i += std::max<size_t>(len, 1);
  }
  if (start != std::string_view::npos) tokens.push_back({start, n});
  return tokens;
}

std::string LowerAscii(std::string_view s) {
  std::string out(s.substr(0, 24));
  for (char& c : out) c = AsciiToLower(c);
  return out;
}

bool OneOf(std::string_view s, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), s) != set.end();
}

// The gap between two tokens of one name: spaces, or a hyphen, or the '.'
// of "St." ("St. Albans").
bool Joinable(std::string_view text, const Token& a, const Token& b) {
  const std::string_view gap = text.substr(a.end, b.begin - a.end);
  if (gap == " " || gap == "-" || gap == "  ") return true;
  const std::string_view word = text.substr(a.begin, a.end - a.begin);
  return (word == "St" || word == "ST") && (gap == ". " || gap == ".");
}

// Spaces only (no line break) between a name and a cue word.
bool SpaceGap(std::string_view text, size_t from, size_t to) {
  if (to - from > 3) return false;
  for (size_t i = from; i < to; ++i) {
    if (text[i] != ' ' && text[i] != '\t') return false;
  }
  return to > from;
}

bool IsLinePunct(char c) {
  return c == ' ' || c == '\t' || c == '\r' ||
         std::string_view(".,:;!-*|\"'()[]#>~_").find(c) != std::string_view::npos;
}

// Only spaces and punctuation between `pos` and the line's start (dir -1) or
// end (dir +1): the name stands alone, as in a location field.
bool AloneToLineEdge(std::string_view text, size_t pos, int dir) {
  for (size_t k = 0; k < kLineScan; ++k) {
    if (dir < 0 ? pos == 0 : pos >= text.size()) return true;
    const char c = dir < 0 ? text[pos - 1] : text[pos];
    if (c == '\n') return true;
    if (!IsLinePunct(c)) return false;
    pos = dir < 0 ? pos - 1 : pos + 1;
  }
  return false;
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

// What surrounds a name: the two words before and after it (lower case,
// only across spaces), a label before a colon ("Location: Bath").
struct Context {
  std::string w1, w2;  // w2 w1 Name
  std::string f1, f2;  // Name f1 f2
  std::string label;
  std::string region;
  const PostcodeArea* outward = nullptr;
  bool alone = false;
};

std::string_view Word(std::string_view text, const Token& t) {
  return text.substr(t.begin, t.end - t.begin);
}

// The longest region name (up to four words) starting at token `j`, after a
// separator such as ", " or " (".
std::string RegionAt(const PlaceIndex& index, std::string_view text,
                     const std::vector<Token>& tokens, size_t j) {
  const std::string_view gap = text.substr(tokens[j - 1].end, tokens[j].begin - tokens[j - 1].end);
  if (!OneOf(gap, {" ", ", ", ",", " - ", " (", "(", "  ", " ,"})) return "";
  std::string key, best;
  for (size_t k = j; k < tokens.size() && k < j + 4; ++k) {
    if (k > j) {
      if (!SpaceGap(text, tokens[k - 1].end, tokens[k].begin)) break;
      key.push_back(' ');
    }
    key += LowerAscii(Word(text, tokens[k]));
    if (index.IsRegion(key)) best = key;
  }
  return best;
}

Context ReadContext(const PlaceIndex& index, std::string_view text,
                    const std::vector<Token>& tokens, size_t i, size_t j) {
  Context c;
  if (i >= 1) {
    const Token& p = tokens[i - 1];
    const std::string_view gap = text.substr(p.end, tokens[i].begin - p.end);
    if (SpaceGap(text, p.end, tokens[i].begin)) {
      c.w1 = LowerAscii(Word(text, p));
      if (i >= 2 && SpaceGap(text, tokens[i - 2].end, p.begin)) {
        c.w2 = LowerAscii(Word(text, tokens[i - 2]));
      }
    } else if (gap == ":" || gap == ": " || gap == " : " || gap == " - " || gap == "- ") {
      c.label = LowerAscii(Word(text, p));
    }
  }
  if (j < tokens.size()) {
    const std::string_view gap =
        text.substr(tokens[j - 1].end, tokens[j].begin - tokens[j - 1].end);
    if (SpaceGap(text, tokens[j - 1].end, tokens[j].begin) || gap == "-") {
      c.f1 = LowerAscii(Word(text, tokens[j]));
      c.outward = AreaOfOutward(Word(text, tokens[j]));
      if (j + 1 < tokens.size() && SpaceGap(text, tokens[j].end, tokens[j + 1].begin)) {
        c.f2 = LowerAscii(Word(text, tokens[j + 1]));
      }
    }
    c.region = RegionAt(index, text, tokens, j);
  }
  c.alone =
      AloneToLineEdge(text, tokens[i].begin, -1) && AloneToLineEdge(text, tokens[j - 1].end, +1);
  return c;
}

bool IsStreet(const Context& c) {
  return OneOf(c.f1,
               {"road", "rd",    "street", "st",       "lane",    "ln",      "avenue", "ave",
                "way",  "close", "drive",  "crescent", "terrace", "gardens", "square", "place",
                "row",  "walk",  "grove",  "park",     "hill",    "mews",    "parade"});
}

// "Hi I'm Chester", "ask for Stanley": a person, not a place.
bool IsPersonal(const Context& c) {
  return OneOf(c.w1, {"i'm", "im", "i\xE2\x80\x99m", "called", "miss", "mr", "mrs", "ms", "named",
                      "name's", "names"}) ||
         (c.w2 == "i" && c.w1 == "am") || (c.w2 == "name" && c.w1 == "is") ||
         (c.w2 == "call" && c.w1 == "me") || (c.w2 == "ask" && c.w1 == "for");
}

bool FollowingCue(const Context& c) {
  return OneOf(c.f1, {"area", "areas", "station", "centre", "center", "uk", "based", "city"}) ||
         (c.f1 == "town" && OneOf(c.f2, {"centre", "center"})) || c.outward != nullptr ||
         !c.region.empty();
}

// Cues strong enough for a month name: "based in March" but not "in March".
bool StrongPrecedingCue(const Context& c) {
  return (OneOf(c.w2, {"based", "located", "incall", "incalls"}) && c.w1 == "in") ||
         (OneOf(c.w2, {"outcall", "outcalls"}) && c.w1 == "to") ||
         (OneOf(c.w2, {"city", "town"}) && c.w1 == "of") ||
         OneOf(c.label,
               {"location", "locations", "area", "city", "town", "based", "located", "base"});
}

bool PrecedingCue(const Context& c) {
  return OneOf(c.w1, {"in", "near", "nr", "from", "at", "to", "around", "visiting", "touring",
                      "central", "outside", "covering"});
}

bool Accept(const PlaceEntry& entry, const Context& c, Match* m) {
  if (IsStreet(c)) return false;
  const bool follows = FollowingCue(c);
  if (IsPersonal(c) && !follows) return false;
  const bool cue = follows || c.alone || StrongPrecedingCue(c) || (!entry.month && PrecedingCue(c));
  if (entry.common && !cue) return false;
  m->confidence = entry.common ? 0.8 : 0.9;
  m->region = c.region;
  m->outward = c.outward;
  return true;
}

std::vector<Match> FindMatches(const PlaceIndex& index, std::string_view text,
                               const std::vector<Token>& tokens) {
  std::vector<Match> out;
  std::string key;
  for (size_t i = 0; i < tokens.size() && out.size() < kMaxMatches;) {
    const char first = text[tokens[i].begin];
    if (first < 'A' || first > 'Z') {
      ++i;
      continue;
    }
    key.clear();
    PlaceIndex::AppendKeyWord(Word(text, tokens[i]), &key);
    const size_t most = static_cast<size_t>(index.MaxWords(key));
    const PlaceEntry* best = most == 0 ? nullptr : index.Find(key);
    size_t words = 1;
    for (size_t n = 2; n <= most && i + n <= tokens.size(); ++n) {
      if (!Joinable(text, tokens[i + n - 2], tokens[i + n - 1])) break;
      PlaceIndex::AppendKeyWord(Word(text, tokens[i + n - 1]), &key);
      if (const PlaceEntry* e = index.Find(key)) {
        best = e;
        words = n;
      }
    }
    Match m;
    if (best == nullptr || !Accept(*best, ReadContext(index, text, tokens, i, i + words), &m)) {
      ++i;
      continue;
    }
    m.begin = tokens[i].begin;
    m.end = tokens[i + words - 1].end;
    m.entry = best;
    m.chosen = best->targets[0];
    out.push_back(std::move(m));
    i += words;
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
    const Place& p = *index.target(t).place;
    if (LowerAscii(p.admin2 + "|" + p.admin1).find(region) != std::string::npos) out.push_back(t);
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
    std::vector<uint32_t> cands = m.entry->targets;
    if (cands.size() > 1 && !m.region.empty()) {
      std::vector<uint32_t> in = InRegion(index, cands, m.region);
      if (in.size() == 1) {
        m.note = "; " + std::to_string(cands.size()) + " places, chose by county or region";
        m.confidence = std::min(m.confidence, 0.85);
      }
      if (!in.empty()) cands = std::move(in);
    }
    m.chosen = cands[0];
    if (cands.size() == 1) {
      const Place& p = *index.target(m.chosen).place;
      if (places.size() < kMaxAnchors) places.push_back({p.lat, p.lon});
    } else {
      ambiguous.push_back(k);
    }
  }
  if (ambiguous.empty()) return;
  const std::vector<Anchor> postcodes = PostcodeAnchors(text, *matches);
  for (size_t k : ambiguous) {
    Match& m = (*matches)[k];
    std::vector<uint32_t> cands = m.entry->targets;
    if (!m.region.empty() && !InRegion(index, cands, m.region).empty()) {
      cands = InRegion(index, cands, m.region);
    }
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
    const std::vector<Token> tokens = Tokenize(text);
    std::vector<Match> matches = FindMatches(*index_, text, tokens);
    Resolve(*index_, text, &matches);
    std::vector<Selector> out;
    out.reserve(matches.size());
    for (const Match& m : matches) {
      const PlaceTarget& t = index_->target(m.chosen);
      Selector s;
      s.kind = SelectorKind::kPlace;
      s.value = t.value;
      s.begin = m.begin;
      s.end = m.end;
      s.raw = std::string(text.substr(m.begin, m.end - m.begin));
      s.confidence = m.confidence;
      s.detail = t.detail + m.note;
      out.push_back(std::move(s));
    }
    return out;
  } catch (const std::exception&) {
    return {};  // allocation failure on hostile input: no places rather than a crash
  }
}

}  // namespace harrier::extractors
