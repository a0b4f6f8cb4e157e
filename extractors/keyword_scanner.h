// Finds every occurrence of a fixed set of keywords in one pass (an
// Aho-Corasick automaton with a full transition table), ASCII
// case-insensitively: the cheap prefilter in front of regular expressions.
// ScanWordStarts finds only those that begin a word, walking the trie from
// each word start: independent short walks instead of one long chain of
// dependent loads, several times faster on prose.
// Thread-safety: immutable after construction; Scan is const.
#ifndef HARRIER_EXTRACTORS_KEYWORD_SCANNER_H_
#define HARRIER_EXTRACTORS_KEYWORD_SCANNER_H_

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace harrier::extractors {

class KeywordScanner {
 public:
  KeywordScanner() : KeywordScanner(std::vector<std::string>{}) {}
  // Keywords are bytes; ASCII letters in them match either case. Empty
  // keywords are ignored.
  explicit KeywordScanner(const std::vector<std::string>& keywords);

  // Calls visit(keyword_index, begin, end) for every occurrence, in order of
  // `end`; overlapping occurrences are all reported.
  template <typename Visit>
  void Scan(std::string_view text, Visit&& visit) const {
    uint32_t row = 0;  // state << class_shift_
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    const uint32_t* next = next_.data();
    for (size_t i = 0; i < text.size(); ++i) {
      // At the root, skip bytes that start no keyword: independent loads, not
      // a chain through the table.
      if (row == 0) {
        if (single_start_ >= 0) {  // memchr's wide compares, not a loop
          const void* at = std::memchr(bytes + i, single_start_, text.size() - i);
          if (at == nullptr) break;
          i = static_cast<size_t>(static_cast<const unsigned char*>(at) - bytes);
        } else {
          while (i < text.size() && !starts_keyword_[bytes[i]]) ++i;
          if (i == text.size()) break;
        }
      }
      const uint32_t edge = next[row + class_of_[bytes[i]]];
      row = edge & ~kHasOutput;
      if ((edge & kHasOutput) == 0) continue;
      const uint32_t state = row >> class_shift_;
      for (uint32_t k = out_begin_[state]; k < out_begin_[state + 1]; ++k) {
        const uint32_t keyword = out_[k];
        visit(static_cast<size_t>(keyword), i + 1 - lengths_[keyword], i + 1);
      }
    }
  }

  // Calls visit(keyword_index, begin, end) for every occurrence that starts
  // a word: at the start of `text` or after a byte that is not an ASCII
  // letter, digit or '_' (bytes >= 0x80 count as not, so no start is missed).
  template <typename Visit>
  void ScanWordStarts(std::string_view text, Visit&& visit) const {
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    size_t i = 0;
    bool after_word = false;  // whether the byte before i is a word byte
#if defined(__SSE2__)
    // 16 bytes at a time: a mask of the word bytes gives the word starts, so
    // the bytes inside words cost nothing.
    for (; i + 16 <= text.size(); i += 16) {
      const uint32_t word = WordBytes(bytes + i);
      uint32_t starts = word & ~((word << 1) | (after_word ? 1u : 0u));
      after_word = (word >> 15) != 0;
      while (starts != 0) {
        const size_t at = i + static_cast<size_t>(__builtin_ctz(starts));
        starts &= starts - 1;
        WalkFrom(text, at, visit);
      }
    }
#endif
    for (; i < text.size(); ++i) {
      const bool word = kWordByte[bytes[i]];
      if (!word || after_word) {
        after_word = word;
        continue;
      }
      after_word = true;
      WalkFrom(text, i, visit);
    }
  }

  size_t size() const { return lengths_.size(); }

 private:
  // Reports the keywords that start at `i`, the start of a word.
  template <typename Visit>
  void WalkFrom(std::string_view text, size_t i, Visit& visit) const {
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    // Most words: no walk at all. Their first three bytes are one
    // independent load, where the walk's first steps would be a chain.
    if (i + 2 < text.size()) {
      const uint32_t h = TripleHash(bytes[i], bytes[i + 1], bytes[i + 2]);
      if (((starts_triple_[h >> 6] >> (h & 63)) & 1) == 0) return;
    } else if (!starts_keyword_[bytes[i]]) {
      return;
    }
    uint32_t row = 0;
    const uint32_t* next = word_next_.data();
    const size_t limit = std::min(text.size() - i, max_length_);
    for (size_t step = 1; step <= limit; ++step) {
      const uint32_t edge = next[row + class_of_[bytes[i + step - 1]]];
      if (edge == 0) break;  // no keyword starts with these bytes
      row = edge & ~kHasOutput;
      const uint32_t state = row >> class_shift_;
      if ((edge & kHasOutput) == 0) continue;
      for (uint32_t k = out_begin_[state]; k < out_begin_[state + 1]; ++k) {
        const uint32_t keyword = out_[k];
        if (lengths_[keyword] == step) visit(static_cast<size_t>(keyword), i, i + step);
      }
    }
  }

  // Sets the bits of starts_triple_ for walks from byte b0 (trie state
  // `first`), from the trie's own edges and the keywords ending at each state.
  void MarkTriples(const std::vector<uint32_t>& own, const std::vector<std::vector<uint32_t>>& ends,
                   uint32_t b0, uint32_t first);

#if defined(__SSE2__)
  // Bit k set when p[k] is an ASCII letter, digit or '_' (kWordByte).
  static uint32_t WordBytes(const unsigned char* p) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const __m128i folded = _mm_sub_epi8(_mm_or_si128(v, _mm_set1_epi8(0x20)), _mm_set1_epi8('a'));
    const __m128i letter = _mm_cmpeq_epi8(_mm_min_epu8(folded, _mm_set1_epi8(25)), folded);
    const __m128i shifted = _mm_sub_epi8(v, _mm_set1_epi8('0'));
    const __m128i digit = _mm_cmpeq_epi8(_mm_min_epu8(shifted, _mm_set1_epi8(9)), shifted);
    const __m128i underscore = _mm_cmpeq_epi8(v, _mm_set1_epi8('_'));
    return static_cast<uint32_t>(
        _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(letter, digit), underscore)));
  }
#endif

  // Bytes that occur in no keyword share class 0, so the table is states x
  // classes_ (a few dozen) instead of states x 256 and stays in cache.
  static constexpr auto kWordByte = [] {
    std::array<bool, 256> table{};
    for (int c = 0; c < 256; ++c) {
      table[c] =
          (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }
    return table;
  }();
  uint16_t class_of_[256] = {};
  std::array<bool, 256> starts_keyword_{};  // leaves the root
  int single_start_ = -1;                   // the one byte that leaves the root, if only one does
  // Bit TripleHash(b0, b1, b2) is set when a keyword starts with those
  // bytes, or is a prefix of them (false positives only cost a walk).
  static uint32_t TripleHash(uint32_t b0, uint32_t b1, uint32_t b2) {
    return ((b0 << 16 | b1 << 8 | b2) * 0x9E3779B1u) >> 16;
  }
  std::vector<uint64_t> starts_triple_ = std::vector<uint64_t>(1024, 0);
  uint32_t class_shift_ = 0;  // rows are 1 << class_shift_ wide
  size_t max_length_ = 0;
  // Transitions hold the target's row offset (state * classes_), with the top
  // bit set when keywords end there: one load and a test per byte.
  static constexpr uint32_t kHasOutput = 1u << 31;
  std::vector<uint32_t> next_;  // states x (1 << class_shift_)
  // The same over the trie alone, 0 where it has no edge (the root is no
  // one's child): a walk from a word start ends at the first 0.
  std::vector<uint32_t> word_next_;
  std::vector<uint32_t> out_begin_;  // states + 1 offsets into out_
  std::vector<uint32_t> out_;        // keyword indices ending at each state
  std::vector<size_t> lengths_;
};

}  // namespace harrier::extractors

#endif  // HARRIER_EXTRACTORS_KEYWORD_SCANNER_H_
