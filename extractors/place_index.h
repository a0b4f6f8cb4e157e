// The place extractor's lookup tables, built once from a Gazetteer: every
// name and alternate name under its normalised keys (as written, Title Case
// and ALL CAPS; "Saint"/"St." as "St"; hyphens as spaces), which names need
// a location cue, the built-in districts, and region names. Immutable after
// construction; safe to share across threads.
#ifndef HARRIER_EXTRACTORS_PLACE_INDEX_H_
#define HARRIER_EXTRACTORS_PLACE_INDEX_H_

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "extractors/gazetteer.h"

namespace harrier::extractors {

struct PlaceTarget {
  const Place* place = nullptr;
  std::string value;       // "Leeds, City and Borough of Leeds, GB"
  std::string detail;      // "Leeds, City and Borough of Leeds, England (53.79648, -1.54785)"
  bool prominent = false;  // an alias of a city, or the seat of its own area
  bool alias = false;      // a short or foreign name of a city ("Hull", "Лондон")
  std::string region_key;  // LowerAscii(admin2 + "|" + admin1), matched against a county
};

struct PlaceEntry {
  std::vector<uint32_t> targets;  // PlaceIndex::target() indexes
  bool common = false;            // needs a location cue
  bool month = false;             // "March": "in March" is a date
  bool lower = false;             // a lower-case spelling ("belfast"): needs a cue
};

class PlaceIndex {
 public:
  PlaceIndex(std::shared_ptr<const Gazetteer> gazetteer,
             const std::vector<std::string>& extra_common_names, bool builtin_districts);

  // The entry for a key built with AppendKeyWord, or nullptr.
  const PlaceEntry* Find(std::string_view key) const;
  // False when no key starts with `word` (a bit table on its length and
  // first, second and last bytes; no hashing). True may be a false positive.
  bool MayStart(std::string_view word) const;
  // Most words in a key whose first word is `word` (normalised); 0 if none.
  int MaxWords(std::string_view word) const;
  // Both in one lookup: the most words of a key starting with `word` (0 if
  // none) and the entry of `word` alone (nullptr if none).
  const PlaceEntry* FindFirst(std::string_view word, int* most) const;
  // Like MayStart, for a lower-case first word ("belfast", "milton").
  bool MayStartLower(std::string_view word) const {
    const uint64_t h = LowerHash(word);
    return ((lower_bits_[(h >> 47) >> 6] >> ((h >> 47) & 63)) & 1) &&
           ((lower_bits_[((h >> 30) & kLowerMask) >> 6] >> ((h >> 30) & 63)) & 1);
  }
  // Whether a lower-case first word may start with these four bytes (an
  // 8 KB bit table on a hash of them).
  bool MayStartLower4(std::string_view four) const {
    const uint32_t i = Prefix4(four);
    return (lower4_[i >> 6] >> (i & 63)) & 1;
  }
  // Names in scripts without spaces between words (伦敦), found as substrings.
  const std::vector<std::pair<std::string, uint32_t>>& unspaced() const { return unspaced_; }
  const PlaceEntry& entry(uint32_t i) const { return entries_[i]; }
  // Lower-case words after a town that make it an adjective or a brand
  // ("boots", "cake"), name a club ("united"), or after "<Town> City" name
  // the club ("fc"): BuiltinProductNouns, BuiltinClubWords, BuiltinClubAfterCity.
  // kCityWord: "city", "town", "county".
  enum WordKind : uint8_t { kProduct = 1, kClub = 2, kClubAfterCity = 4, kCityWord = 8 };
  uint8_t KindOf(std::string_view lower) const {
    if (lower.empty()) return 0;
    const uint64_t h = LowerHash(lower) >> 52;  // a 4096-bit bloom filter first
    if (((word_bloom_[h >> 6] >> (h & 63)) & 1) == 0) return 0;
    auto it = word_kinds_.find(lower);
    return it == word_kinds_.end() ? 0 : it->second;
  }
  // `lower` is a lower-case county, region or country name ("north yorkshire").
  bool IsRegion(std::string_view lower) const;
  const PlaceTarget& target(uint32_t i) const { return targets_[i]; }
  size_t size() const { return index_.size(); }

  static uint32_t Prefix4(std::string_view four) {
    uint32_t w;
    std::memcpy(&w, four.data(), 4);
    return (w * 0x9E3779B1u) >> 16;
  }

  // A cheap hash of a word for the lower-case bloom filter: its first eight
  // bytes and its length, one multiplication.
  static uint64_t LowerHash(std::string_view word) {
    uint64_t w = 0;
    if (word.size() >= 8) {
      std::memcpy(&w, word.data(), 8);
    } else {
      for (size_t i = 0; i < word.size(); ++i) {
        w |= uint64_t{static_cast<unsigned char>(word[i])} << (8 * i);
      }
    }
    return ((w ^ (uint64_t{word.size()} << 56)) * 0x9E3779B97F4A7C15ull) ^
           (w >> 29) * 0xBF58476D1CE4E5B9ull;
  }

  // Appends one word of a name or of the text to a key: a space first if the
  // key is not empty, "Saint" as "St", a right single quote as "'".
  static void AppendKeyWord(std::string_view word, std::string* key);

 private:
  struct Hash {
    using is_transparent = void;
    // Eight bytes per multiplication: cheaper than std::hash on the short
    // keys looked up for every capitalised word.
    size_t operator()(std::string_view s) const {
      uint64_t h = uint64_t{s.size()} * 0x9E3779B97F4A7C15ull;
      size_t i = 0;
      for (; i + 8 <= s.size(); i += 8) {
        uint64_t w;
        std::memcpy(&w, s.data() + i, 8);
        h = (h ^ w) * 0xBF58476D1CE4E5B9ull;
        h ^= h >> 31;
      }
      uint64_t w = 0;
      for (size_t k = 0; i + k < s.size(); ++k) {
        w |= uint64_t{static_cast<unsigned char>(s[i + k])} << (8 * k);
      }
      h = (h ^ w) * 0x94D049BB133111EBull;
      return static_cast<size_t>(h ^ (h >> 29));
    }
  };
  template <typename V>
  using Map = std::unordered_map<std::string, V, Hash, std::equal_to<>>;

  uint32_t AddTarget(const Place& place, std::string note, bool prominent);
  void AddName(std::string_view name, uint32_t target, bool common);
  void AddKey(const std::string& key, size_t words, uint32_t target, bool common,
              bool lower = false);
  void AddLowerName(std::string_view name, uint32_t target);
  void AddDistricts();
  void AddExonyms();
  const Place* Parent(std::string_view name, std::string_view area) const;

  std::shared_ptr<const Gazetteer> gazetteer_;
  std::vector<std::unique_ptr<Place>> districts_;
  std::vector<PlaceTarget> targets_;
  std::vector<PlaceEntry> entries_;
  Map<uint32_t> index_;  // key -> entries_
  struct FirstWord {
    uint8_t most = 0;    // most words in a key starting with this word
    int32_t entry = -1;  // entries_ index of the one-word key, or -1
  };
  Map<FirstWord> first_words_;
  std::vector<bool> start_bits_;
  static constexpr uint64_t kLowerMask = (uint64_t{1} << 17) - 1;
  std::vector<uint64_t> lower_bits_ = std::vector<uint64_t>(2048);  // 2^17-bit bloom filter
  std::array<uint64_t, 1024> lower4_{};
  std::vector<std::pair<std::string, uint32_t>> unspaced_;  // name -> entries_
  std::unordered_set<std::string, Hash, std::equal_to<>> regions_;
  std::unordered_set<std::string, Hash, std::equal_to<>> common_;
  std::unordered_set<std::string, Hash, std::equal_to<>> admin1_names_;
  std::unordered_set<std::string, Hash, std::equal_to<>> lower_unsafe_;
  Map<uint8_t> word_kinds_;
  std::array<uint64_t, 64> word_bloom_{};
};

}  // namespace harrier::extractors

#endif  // HARRIER_EXTRACTORS_PLACE_INDEX_H_
