// Finds every occurrence of a fixed set of keywords in one pass (an
// Aho-Corasick automaton with a full transition table), ASCII
// case-insensitively: the cheap prefilter in front of regular expressions.
// Thread-safety: immutable after construction; Scan is const.
#ifndef HARRIER_EXTRACTORS_KEYWORD_SCANNER_H_
#define HARRIER_EXTRACTORS_KEYWORD_SCANNER_H_

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
    uint32_t row = 0;  // state * classes_
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    for (size_t i = 0; i < text.size(); ++i) {
      const uint32_t edge = next_[row + class_of_[bytes[i]]];
      row = edge & ~kHasOutput;
      if ((edge & kHasOutput) == 0) continue;
      const uint32_t state = row / classes_;
      for (uint32_t k = out_begin_[state]; k < out_begin_[state + 1]; ++k) {
        const uint32_t keyword = out_[k];
        visit(static_cast<size_t>(keyword), i + 1 - lengths_[keyword], i + 1);
      }
    }
  }

  size_t size() const { return lengths_.size(); }

 private:
  // Bytes that occur in no keyword share class 0, so the table is states x
  // classes_ (a few dozen) instead of states x 256 and stays in cache.
  uint16_t class_of_[256] = {};
  uint32_t classes_ = 1;
  // Transitions hold the target's row offset (state * classes_), with the top
  // bit set when keywords end there: one load and a test per byte.
  static constexpr uint32_t kHasOutput = 1u << 31;
  std::vector<uint32_t> next_;       // states x classes_
  std::vector<uint32_t> out_begin_;  // states + 1 offsets into out_
  std::vector<uint32_t> out_;        // keyword indices ending at each state
  std::vector<size_t> lengths_;
};

}  // namespace harrier::extractors

#endif  // HARRIER_EXTRACTORS_KEYWORD_SCANNER_H_
