#include "extractors/place_extractor.h"

#include <algorithm>
#include <array>
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

constexpr size_t kMaxMatches = 10000;  // per text: caps the resolution work
constexpr size_t kMaxAnchors = 32;     // places and postcodes used to resolve
constexpr size_t kLineScan = 80;       // bytes looked at for a "name alone on a line"
constexpr double kNearKm = 100;        // an anchor this close picks a candidate

bool OneOf(std::string_view s, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), s) != set.end();
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

// What surrounds a name: the two words before and after it (lower case,
// only across spaces), a label before a colon ("Location: Bath").
struct Context {
  std::string w1, w2;  // w2 w1 Name
  std::string f1, f2;  // Name f1 f2
  std::string label;
  std::string region;
  const PostcodeArea* outward = nullptr;
  bool alone = false;
  bool listed = false;         // "Liverpool and Chester": follows an accepted place
  bool after_capital = false;  // "Hope Street", "Lime Street": w1 is capitalised
};

// The longest region name (up to four words) after the name ending at
// `end`, behind a separator such as ", " or " (".
std::string RegionAfter(const PlaceIndex& index, std::string_view text, size_t end) {
  std::optional<Word> w = NextWord(text, end);
  if (!w ||
      !OneOf(text.substr(end, w->begin - end), {" ", ", ", ",", " - ", " (", "(", "  ", " ,"})) {
    return "";
  }
  std::string key, best;
  for (int k = 0; k < 4 && w; ++k) {
    if (k > 0) key.push_back(' ');
    key += LowerAscii(w->in(text));
    if (index.IsRegion(key)) best = key;
    const size_t prev_end = w->end;
    w = NextWord(text, prev_end);
    if (w && !IsSpaceGap(text.substr(prev_end, w->begin - prev_end))) break;
  }
  return best;
}

void ReadBefore(std::string_view text, size_t begin, Context* c) {
  const std::optional<Word> p = PrevWord(text, begin);
  if (!p) return;
  const std::string_view gap = text.substr(p->end, begin - p->end);
  if (IsSpaceGap(gap)) {
    c->w1 = LowerAscii(p->in(text));
    c->after_capital = text[p->begin] >= 'A' && text[p->begin] <= 'Z';
    const std::optional<Word> p2 = PrevWord(text, p->begin);
    if (p2 && IsSpaceGap(text.substr(p2->end, p->begin - p2->end))) {
      c->w2 = LowerAscii(p2->in(text));
    }
  } else if (OneOf(gap, {":", ": ", " : ", " - ", "- "})) {
    c->label = LowerAscii(p->in(text));
  }
}

void ReadAfter(std::string_view text, size_t end, Context* c) {
  const std::optional<Word> n = NextWord(text, end);
  if (!n) return;
  const std::string_view gap = text.substr(end, n->begin - end);
  if (!IsSpaceGap(gap) && gap != "-") return;
  c->f1 = LowerAscii(n->in(text));
  c->outward = AreaOfOutward(n->in(text));
  const std::optional<Word> n2 = NextWord(text, n->end);
  if (n2 && IsSpaceGap(text.substr(n->end, n2->begin - n->end))) {
    c->f2 = LowerAscii(n2->in(text));
  }
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

Context ReadContext(const PlaceIndex& index, std::string_view text, size_t begin, size_t end,
                    size_t last_end, const PlaceEntry& entry) {
  Context c;
  if (last_end != std::string_view::npos && begin - last_end <= 10) {
    c.listed = OneOf(text.substr(last_end, begin - last_end),
                     {", ", ",", " and ", " or ", " & ", " / ", "/", ", and ", " then "});
  }
  ReadBefore(text, begin, &c);
  ReadAfter(text, end, &c);
  // The costlier cues only where they can change the outcome.
  if (entry.common || entry.targets.size() > 1 || IsPersonal(c)) {
    c.region = RegionAfter(index, text, end);
    c.alone =
        AloneToLineEdge(text, begin, -1, kLineScan) && AloneToLineEdge(text, end, +1, kLineScan);
  }
  return c;
}

bool Accept(const PlaceEntry& entry, const Context& c, Match* m) {
  if (IsStreet(c)) return false;
  const bool follows = FollowingCue(c);
  if (IsPersonal(c) && !follows) return false;
  const bool before = StrongPrecedingCue(c) || (!entry.month && PrecedingCue(c));
  // A common word after another capitalised word is part of a name ("Hope
  // Street", "Lime Street Station"), unless that word is the cue.
  if (entry.common && c.after_capital && !before) return false;
  const bool cue = follows || c.alone || before || (!entry.month && c.listed);
  if (entry.common && !cue) return false;
  m->confidence = entry.common ? 0.8 : 0.9;
  m->region = c.region;
  m->outward = c.outward;
  return true;
}

// Eight bytes at a time: whether any byte of `x` is an ASCII capital
// (the "hasbetween" bit trick; bytes >= 0x80 never count).
bool HasCapital(uint64_t x) {
  constexpr uint64_t kOnes = ~uint64_t{0} / 255;
  constexpr uint64_t kLow = kOnes * 127;
  const uint64_t low = x & kLow;
  return ((kOnes * (127 + 'Z' + 1) - low) & ~x & (low + kOnes * (127 - ('A' - 1))) &
          (kOnes * 128)) != 0;
}

// The next capital letter that starts a word, at or after `pos`; npos if none.
size_t NextCapitalWordStart(std::string_view text, size_t pos) {
  while (pos < text.size()) {
    if (pos + 8 <= text.size()) {
      uint64_t chunk;
      std::memcpy(&chunk, text.data() + pos, 8);
      if (!HasCapital(chunk)) {
        pos += 8;
        continue;
      }
    }
    if (static_cast<unsigned char>(text[pos] - 'A') > 'Z' - 'A') {
      ++pos;
      continue;
    }
    if (!WordCharBefore(text, pos)) return pos;
    pos = WordEnd(text, pos);  // a capital inside a word ("McLeeds", "LeedsBradford")
  }
  return std::string_view::npos;
}

// The longest name starting with the word at `begin`: its entry and end.
const PlaceEntry* LongestName(const PlaceIndex& index, std::string_view text, Word first,
                              std::string* key, size_t* end) {
  key->clear();
  PlaceIndex::AppendKeyWord(first.in(text), key);
  if (!index.MayStart(*key)) return nullptr;
  const int most = index.MaxWords(*key);
  const PlaceEntry* best = most == 0 ? nullptr : index.Find(*key);
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

std::vector<Match> FindMatches(const PlaceIndex& index, std::string_view text) {
  std::vector<Match> out;
  std::string key;
  size_t last_end = std::string_view::npos;
  size_t pos = 0;
  while (out.size() < kMaxMatches) {
    pos = NextCapitalWordStart(text, pos);
    if (pos == std::string_view::npos) break;
    const Word first{pos, WordEnd(text, pos)};
    size_t end = first.end;
    const PlaceEntry* best = LongestName(index, text, first, &key, &end);
    Match m;
    if (best == nullptr ||
        !Accept(*best, ReadContext(index, text, first.begin, end, last_end, *best), &m)) {
      pos = first.end;
      continue;
    }
    m.begin = first.begin;
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
    std::vector<Match> matches = FindMatches(*index_, text);
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
