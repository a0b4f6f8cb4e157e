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
#include <string>
#include <string_view>
#include <vector>

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
        while (i < text.size() && !starts_keyword_[bytes[i]]) ++i;
        if (i == text.size()) break;
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
    const uint32_t* next = next_.data();
    bool after_word = false;
    for (size_t i = 0; i < text.size(); ++i) {
      const bool word = kWordByte[bytes[i]];
      if (!word || after_word) {
        after_word = word;
        continue;
      }
      after_word = true;
      if (!starts_keyword_[bytes[i]]) continue;  // most words: no walk at all
      uint32_t row = 0;
      const size_t limit = std::min(text.size() - i, max_length_);
      for (size_t step = 1; step <= limit; ++step) {
        const uint32_t edge = next[row + class_of_[bytes[i + step - 1]]];
        row = edge & ~kHasOutput;
        const uint32_t state = row >> class_shift_;
        if (depth_[state] != step) break;  // a failure edge: no keyword starts here
        if ((edge & kHasOutput) == 0) continue;
        for (uint32_t k = out_begin_[state]; k < out_begin_[state + 1]; ++k) {
          const uint32_t keyword = out_[k];
          if (lengths_[keyword] == step) visit(static_cast<size_t>(keyword), i, i + step);
        }
      }
    }
  }

  size_t size() const { return lengths_.size(); }

 private:
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
  uint32_t class_shift_ = 0;                // rows are 1 << class_shift_ wide
  size_t max_length_ = 0;
  std::vector<uint32_t> depth_;  // per state: bytes from the root
  // Transitions hold the target's row offset (state * classes_), with the top
  // bit set when keywords end there: one load and a test per byte.
  static constexpr uint32_t kHasOutput = 1u << 31;
  std::vector<uint32_t> next_;       // states x (1 << class_shift_)
  std::vector<uint32_t> out_begin_;  // states + 1 offsets into out_
  std::vector<uint32_t> out_;        // keyword indices ending at each state
  std::vector<size_t> lengths_;
};

}  // namespace harrier::extractors

#endif  // HARRIER_EXTRACTORS_KEYWORD_SCANNER_H_
