// Which starts of an anchored regex could still lead to a match: a match
// contains one literal of each of the pattern's required sets
// (RequiredLiterals), so a start after which some set no longer occurs is
// not worth trying. Searches are shared by the patterns and kept per text.
// Immutable after the patterns are added; the per-text State belongs to one
// thread.
#ifndef HARRIER_EXTRACTORS_REQUIRED_KEYS_H_
#define HARRIER_EXTRACTORS_REQUIRED_KEYS_H_

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "extractors/regex_prefix.h"

namespace harrier::extractors {

class RequiredKeys {
 public:
  // The search state for one text: per key, its first occurrence at or
  // after the start last asked about.
  struct State {
    struct Key {
      size_t from = SIZE_MAX;
      size_t next = SIZE_MAX;  // a source offset, or SIZE_MAX for none
    };
    std::vector<Key> keys;
  };

  // Adds the next pattern (patterns are numbered in the order added).
  // `prefixes` are its LiteralPrefixes: sets those already prove are
  // dropped, and with none the pattern gets no filter.
  void Add(std::string_view pattern, const std::optional<std::vector<std::string>>& prefixes);

  // Whether pattern p has sets to check.
  bool Filters(size_t p) const { return !sets_[p].empty(); }

  // Resets `state` for a new text.
  void Begin(State* state) const { state->keys.assign(keys_.size(), {}); }

  // Whether a match of pattern p beginning at source offset `start` of the
  // text that `scan` (CollapseSpaces of it) holds can contain one key of
  // each set. Starts asked about in increasing order cost one search per key
  // and text; any order gives the right answer.
  bool MayMatchAt(size_t p, size_t start, const CollapsedText& scan, State* state) const;

 private:
  size_t KeyAfter(uint32_t key, size_t start, const CollapsedText& scan, State* state) const;

  std::vector<std::vector<std::vector<uint32_t>>> sets_;  // per pattern: sets of keys
  std::vector<std::string> keys_;
  std::map<std::string, uint32_t> index_;
};

}  // namespace harrier::extractors

#endif  // HARRIER_EXTRACTORS_REQUIRED_KEYS_H_
