#include "extractors/required_keys.h"

#include <algorithm>

#include "extractors/byte_scan.h"

namespace harrier::extractors {

namespace {

constexpr size_t kNone = SIZE_MAX;
constexpr size_t kHeadBytes = 4;

using Strings = std::vector<std::string>;

// What is searched for a required set: literals that share their first
// kHeadBytes bytes as that head, once ("available for you", "available to
// meet"... as "avai"), the others whole. Each is still in every match.
Strings SearchKeys(const Strings& set) {
  std::map<std::string, Strings> by_head;
  for (const std::string& literal : set) by_head[literal.substr(0, kHeadBytes)].push_back(literal);
  Strings out;
  for (auto& [head, literals] : by_head) out.push_back(literals.size() == 1 ? literals[0] : head);
  return out;
}

// Whether every prefix contains a literal of `set`: a start the prefix scan
// found then has one in the match already.
bool Proven(const Strings& set, const Strings& prefixes) {
  return std::all_of(prefixes.begin(), prefixes.end(), [&](const std::string& prefix) {
    return std::any_of(set.begin(), set.end(), [&](const std::string& literal) {
      return prefix.find(literal) != std::string::npos;
    });
  });
}

}  // namespace

void RequiredKeys::Add(std::string_view pattern,
                       const std::optional<std::vector<std::string>>& prefixes) {
  std::vector<std::vector<uint32_t>>& sets = sets_.emplace_back();
  if (!prefixes) return;
  std::vector<Strings> keyed;
  for (const Strings& set : RequiredLiterals(pattern)) {
    Strings keys = SearchKeys(set);
    if (!Proven(keys, *prefixes)) keyed.push_back(std::move(keys));
  }
  // The set with the fewest keys first: it costs the fewest searches.
  std::stable_sort(keyed.begin(), keyed.end(),
                   [](const Strings& a, const Strings& b) { return a.size() < b.size(); });
  for (const Strings& set : keyed) {
    std::vector<uint32_t>& indices = sets.emplace_back();
    for (const std::string& key : set) {
      auto [it, fresh] = index_.emplace(key, static_cast<uint32_t>(keys_.size()));
      if (fresh) keys_.push_back(key);
      indices.push_back(it->second);
    }
  }
}

// The source offset of the first occurrence of `key` at or after `start`,
// or kNone. An answer is kept until a start passes it.
size_t RequiredKeys::KeyAfter(uint32_t key, size_t start, const CollapsedText& scan,
                              State* state) const {
  State::Key& k = state->keys[key];
  if (k.from <= start && start <= k.next) return k.next;
  const size_t at = FindFolded(scan.text(), scan.IndexAt(start), keys_[key]);
  k.from = start;
  k.next = at < scan.text().size() ? scan.Origin(at) : kNone;
  return k.next;
}

bool RequiredKeys::MayMatchAt(size_t p, size_t start, const CollapsedText& scan,
                              State* state) const {
  for (const std::vector<uint32_t>& set : sets_[p]) {
    const bool found = std::any_of(set.begin(), set.end(), [&](uint32_t key) {
      return KeyAfter(key, start, scan, state) != kNone;
    });
    if (!found) return false;
  }
  return true;
}

}  // namespace harrier::extractors
