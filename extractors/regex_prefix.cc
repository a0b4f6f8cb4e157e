// How a match can begin, from the tree regex_syntax.h reads: a barrier ends
// every prefix there. And the space-collapsed copy the byte scans read.
#include "extractors/regex_prefix.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <utility>

#include "extractors/byte_scan.h"
#include "extractors/regex_syntax.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace harrier::extractors {

namespace {

using regex_syntax::Node;

constexpr size_t kMaxPrefixes = 256;
constexpr size_t kMaxPrefixBytes = 12;
using Prefixes = std::vector<std::pair<std::string, bool>>;  // (prefix, still open)

bool Expand(const Node& node, Prefixes* set);

// Applies `node` to the open prefixes of `set`.
// Past kMaxPrefixes the prefixes stop where they are (still true starts of
// every match, only less selective).
bool ExpandEach(const Node& node, Prefixes* set) {
  Prefixes out;
  bool ok = true;
  for (const auto& [prefix, open] : *set) {
    if (!open) {
      out.emplace_back(prefix, false);
      continue;
    }
    Prefixes one = {{prefix, true}};
    ok = Expand(node, &one);
    out.insert(out.end(), one.begin(), one.end());
    if (!ok || out.size() > kMaxPrefixes) break;
  }
  if (!ok || out.size() > kMaxPrefixes) {
    for (auto& entry : *set) entry.second = false;
    return true;
  }
  *set = std::move(out);
  return true;
}

// `set` holds one open prefix on entry for all but sequences.
bool Expand(const Node& node, Prefixes* set) {
  switch (node.type) {
    case Node::kZeroWidth:
      return true;
    case Node::kBarrier:
      for (auto& entry : *set) entry.second = false;
      return true;
    case Node::kLiteral:
      for (auto& [prefix, open] : *set) {
        prefix += node.literal;
        if (prefix.size() >= kMaxPrefixBytes) open = false;
      }
      return true;
    case Node::kSequence:
      for (const Node& child : node.children) {
        if (!ExpandEach(child, set)) return false;
      }
      return true;
    case Node::kAlternation: {
      Prefixes out;
      for (const Node& child : node.children) {
        Prefixes branch = *set;
        if (!ExpandEach(child, &branch)) return false;
        out.insert(out.end(), branch.begin(), branch.end());
      }
      *set = std::move(out);
      return set->size() <= kMaxPrefixes;
    }
    case Node::kOptional:
    case Node::kRepeat: {
      // A repeated atom may follow itself, so what comes after it is unknown.
      Prefixes taken = *set;
      if (!ExpandEach(node.children[0], &taken)) return false;
      if (!node.literal.empty()) {
        for (auto& entry : taken) entry.second = false;
      }
      if (node.type == Node::kRepeat) {
        *set = std::move(taken);
      } else {
        set->insert(set->end(), taken.begin(), taken.end());
      }
      return set->size() <= kMaxPrefixes;
    }
  }
  return false;
}

}  // namespace

std::optional<std::vector<std::string>> LiteralPrefixes(std::string_view pattern) {
  std::optional<Node> root = regex_syntax::ParseRegex(pattern);
  if (!root) return std::nullopt;
  Prefixes set = {{"", true}};
  if (!ExpandEach(*root, &set)) return std::nullopt;
  std::vector<std::string> out;
  for (auto& [prefix, open] : set) {
    std::string collapsed;  // "a\s\sb" reads "a b" in the scanned text
    for (char c : prefix) {
      if (c != ' ' || collapsed.empty() || collapsed.back() != ' ') collapsed += c;
    }
    if (collapsed.empty()) return std::nullopt;
    out.push_back(std::move(collapsed));
  }
  // Keep only the shortest: a string starting with another adds nothing.
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  std::vector<std::string> minimal;
  for (std::string& s : out) {
    if (!minimal.empty() && s.starts_with(minimal.back())) continue;
    minimal.push_back(std::move(s));
  }
  return minimal;
}

namespace {

// Length of the white-space character at text[i] (ICU \s), or 0.
size_t SpaceAt(std::string_view t, size_t i) {
  const auto b = [&](size_t k) {
    return i + k < t.size() ? static_cast<unsigned char>(t[i + k]) : 0;
  };
  const unsigned char c = b(0);
  if (c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r') return 1;
  if (c == 0xC2 && b(1) == 0xA0) return 2;                  // U+00A0
  if (c == 0xE1 && b(1) == 0x9A && b(2) == 0x80) return 3;  // U+1680
  if (c == 0xE3 && b(1) == 0x80 && b(2) == 0x80) return 3;  // U+3000
  if (c == 0xE2 && b(1) == 0x80) {
    const unsigned char d = b(2);
    if ((d >= 0x80 && d <= 0x8A) || d == 0xA8 || d == 0xA9 || d == 0xAF) return 3;
  }
  if (c == 0xE2 && b(1) == 0x81 && b(2) == 0x9F) return 3;  // U+205F
  return 0;
}

}  // namespace

bool StartsWithWordBoundary(std::string_view p) {
  if (!p.starts_with("\\b") || (p.size() > 2 && (p[2] == '?' || p[2] == '*' || p[2] == '{'))) {
    return false;
  }
  int depth = 0;
  bool in_class = false;
  for (size_t i = 0; i < p.size(); ++i) {
    const char c = p[i];
    if (c == '\\') {
      ++i;
    } else if (in_class) {
      in_class = c != ']';
    } else if (c == '[') {
      in_class = true;
      if (i + 1 < p.size() && p[i + 1] == ']') ++i;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')') {
      --depth;
    } else if (c == '|' && depth == 0) {
      return false;
    }
  }
  return true;
}

namespace {

// The end of the run of bytes CollapseSpaces may copy as they are, from
// `from` > 0 where text[from - 1] is one of them: it stops at a byte that may
// start a space, except a lone ' ' after a copied byte (it stays ' '; words
// are short and stopping at each space cost a call per word). Stopping early
// is always safe: the caller then handles the byte itself.
size_t CopyRunEnd(std::string_view text, size_t from) {
  static constexpr auto kStop = [] {
    std::array<bool, 256> table{};
    for (int c = 0; c <= 0x20; ++c) table[c] = true;
    for (int c : {0xC2, 0xE1, 0xE2, 0xE3}) table[c] = true;
    return table;
  }();
  const char* src = text.data();
  size_t j = from;
#if defined(__SSE2__)
  const __m128i limit = _mm_set1_epi8(0x21);
  const __m128i space = _mm_set1_epi8(' ');
  for (; j + 16 <= text.size(); j += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + j));
    const __m128i prev = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + j - 1));
    const __m128i low = _mm_xor_si128(_mm_cmpeq_epi8(_mm_max_epu8(v, limit), v), _mm_set1_epi8(-1));
    const __m128i lone = _mm_andnot_si128(_mm_cmpeq_epi8(prev, space), _mm_cmpeq_epi8(v, space));
    __m128i stop = _mm_andnot_si128(lone, low);
    stop = _mm_or_si128(stop, _mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(0xC2))));
    stop = _mm_or_si128(stop, _mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(0xE1))));
    stop = _mm_or_si128(stop, _mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(0xE2))));
    stop = _mm_or_si128(stop, _mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(0xE3))));
    const int mask = _mm_movemask_epi8(stop);
    if (mask != 0) return j + static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
  }
#endif
  for (; j < text.size(); ++j) {
    const auto c = static_cast<unsigned char>(src[j]);
    if (kStop[c] && (c != ' ' || src[j - 1] == ' ')) break;
  }
  return j;
}

}  // namespace

CollapsedText CollapseSpaces(std::string_view text) {
  CollapsedText out;
  CollapseSpaces(text, &out);
  return out;
}

void CollapseSpaces(std::string_view text, CollapsedText* result) {
  // Bytes that can start a white-space character; the rest are copied.
  static constexpr auto kMaybeSpace = [] {
    std::array<bool, 256> table{};
    for (unsigned char c : {' ', '\t', '\n', '\f', '\r', '\xC2', '\xE1', '\xE2', '\xE3'}) {
      table[c] = true;
    }
    return table;
  }();
  CollapsedText& out = *result;
  out.text_.resize(text.size());
  out.shifts_.clear();
  // A raw pointer: a store through the string's char* could alias its own
  // data pointer, which would be reloaded for every byte.
  char* dst = out.text_.data();
  size_t n = 0;
  uint32_t dropped = 0;
  const char* src = text.data();
  for (size_t i = 0; i < text.size();) {
    // A run of bytes that cannot start a space is copied whole.
    size_t run = kMaybeSpace[static_cast<unsigned char>(src[i])] ? i : CopyRunEnd(text, i + 1);
    if (run > i) {
      std::memcpy(dst + n, src + i, run - i);
      n += run - i;
      i = run;
      continue;
    }
    const size_t space = SpaceAt(text, i);
    if (space == 0) {
      dst[n++] = src[i++];
      continue;
    }
    size_t kept = 0;
    if (n == 0 || dst[n - 1] != ' ') {
      dst[n++] = ' ';
      kept = 1;
    }
    i += space;
    if (space == kept) continue;  // a lone ' ' (or a tab, a newline) stays where it was
    dropped += static_cast<uint32_t>(space - kept);
    if (!out.shifts_.empty() && out.shifts_.back().first == n) {
      out.shifts_.back().dropped = dropped;
    } else {
      out.shifts_.push_back({static_cast<uint32_t>(n), dropped});
    }
  }
  out.text_.resize(n);
}

size_t CollapsedText::Origin(size_t index) const {
  auto it = std::upper_bound(shifts_.begin(), shifts_.end(), index,
                             [](size_t v, const Shift& s) { return v < s.first; });
  return it == shifts_.begin() ? index : index + std::prev(it)->dropped;
}

size_t CollapsedText::IndexAt(size_t offset) const {
  // The last shift whose first byte comes from at or before `offset`: from
  // there the origins run on one to one until the next shift.
  auto it = std::upper_bound(shifts_.begin(), shifts_.end(), offset, [](size_t v, const Shift& s) {
    return v < size_t{s.first} + s.dropped;
  });
  const size_t next = it == shifts_.end() ? text_.size() : it->first;
  const size_t dropped = it == shifts_.begin() ? 0 : std::prev(it)->dropped;
  return std::min(offset - dropped, next);
}

void CollapsedText::Trim(size_t keep_bytes) {
  if (text_.capacity() > keep_bytes) std::string().swap(text_);
  if (shifts_.capacity() > keep_bytes / 64) std::vector<Shift>().swap(shifts_);
}

}  // namespace harrier::extractors
