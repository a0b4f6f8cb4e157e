#include "extractors/keyword_scanner.h"

#include <deque>

namespace harrier::extractors {

namespace {

unsigned char Fold(unsigned char c) { return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c; }

}  // namespace

void KeywordScanner::MarkTriples(const std::vector<uint32_t>& own,
                                 const std::vector<std::vector<uint32_t>>& ends, uint32_t b0,
                                 uint32_t first) {
  constexpr uint32_t kNone = UINT32_MAX;
  const auto ends_at = [&](uint32_t state, size_t length) {
    for (const uint32_t k : ends[state]) {
      if (lengths_[k] == length) return true;
    }
    return false;
  };
  const auto mark = [&](uint32_t b1, uint32_t b2) {
    const uint32_t h = TripleHash(b0, b1, b2);
    starts_triple_[h >> 6] |= uint64_t{1} << (h & 63);
  };
  const bool one = ends_at(first, 1);
  for (uint32_t b1 = 0; b1 < 256; ++b1) {
    const uint32_t second = own[first * 256 + Fold(static_cast<unsigned char>(b1))];
    if (!one && second == kNone) continue;
    const bool two = one || ends_at(second, 2);
    for (uint32_t b2 = 0; b2 < 256; ++b2) {
      if (two || own[second * 256 + Fold(static_cast<unsigned char>(b2))] != kNone) mark(b1, b2);
    }
  }
}

KeywordScanner::KeywordScanner(const std::vector<std::string>& keywords) {
  // Trie over case-folded bytes; kNone marks a missing edge until the BFS
  // below turns the trie into a full automaton.
  constexpr uint32_t kNone = UINT32_MAX;
  std::vector<uint32_t> trie(256, kNone);
  std::vector<std::vector<uint32_t>> ends(1);
  for (size_t k = 0; k < keywords.size(); ++k) {
    lengths_.push_back(keywords[k].size());
    if (keywords[k].empty()) continue;
    uint32_t state = 0;
    for (const char ch : keywords[k]) {
      const unsigned char c = Fold(static_cast<unsigned char>(ch));
      if (trie[state * 256 + c] == kNone) {
        trie[state * 256 + c] = static_cast<uint32_t>(ends.size());
        trie.resize(trie.size() + 256, kNone);
        ends.emplace_back();
      }
      state = trie[state * 256 + c];
    }
    ends[state].push_back(static_cast<uint32_t>(k));
  }
  const size_t states = ends.size();
  const std::vector<uint32_t> own = trie;  // the trie's own edges, before the BFS
  std::vector<uint32_t> fail(states, 0);
  std::deque<uint32_t> queue;
  for (int c = 0; c < 256; ++c) {
    uint32_t& edge = trie[c];
    if (edge == kNone) {
      edge = 0;
    } else {
      queue.push_back(edge);
    }
  }
  while (!queue.empty()) {  // breadth first: fail[s] is done before s's children
    const uint32_t s = queue.front();
    queue.pop_front();
    ends[s].insert(ends[s].end(), ends[fail[s]].begin(), ends[fail[s]].end());
    for (int c = 0; c < 256; ++c) {
      uint32_t& edge = trie[s * 256 + c];
      if (edge == kNone) {
        edge = trie[fail[s] * 256 + c];
      } else {
        fail[edge] = trie[fail[s] * 256 + c];
        queue.push_back(edge);
      }
    }
  }
  // Upper-case ASCII letters follow their lower-case edges.
  for (size_t s = 0; s < states; ++s) {
    for (int c = 'A'; c <= 'Z'; ++c) trie[s * 256 + c] = trie[s * 256 + c - 'A' + 'a'];
  }
  // Byte classes: every byte of a keyword (and its other ASCII case) gets its
  // own class; the rest fall in class 0, whose edges are the same from every
  // state as those of any byte in no keyword.
  uint32_t classes = 1;
  for (const std::string& keyword : keywords) {
    max_length_ = std::max(max_length_, keyword.size());
    for (const char ch : keyword) {
      const unsigned char c = Fold(static_cast<unsigned char>(ch));
      if (class_of_[c] == 0) class_of_[c] = static_cast<uint16_t>(classes++);
    }
  }
  while ((1u << class_shift_) < classes) ++class_shift_;  // a shift, not a division
  const uint32_t width = 1u << class_shift_;
  for (int c = 'A'; c <= 'Z'; ++c) class_of_[c] = class_of_[c - 'A' + 'a'];
  int outside = -1;  // a byte in no keyword, to read class 0's edges from
  for (int c = 0; c < 256 && outside < 0; ++c) {
    if (class_of_[c] == 0) outside = c;
  }
  int start_bytes = 0;
  for (int c = 0; c < 256; ++c) {
    starts_keyword_[c] = trie[c] != 0;
    if (starts_keyword_[c]) ++start_bytes, single_start_ = c;
  }
  if (start_bytes != 1) single_start_ = -1;
  for (int b0 = 0; b0 < 256; ++b0) {
    const uint32_t first = own[Fold(static_cast<unsigned char>(b0))];
    if (first != kNone) MarkTriples(own, ends, b0, first);
  }
  next_.assign(states * width, 0);
  word_next_.assign(states * width, 0);
  for (size_t s = 0; s < states; ++s) {
    for (int c = 0; c < 256; ++c) {
      if (class_of_[c] == 0 && c != outside) continue;
      const uint32_t target = trie[s * 256 + c];
      next_[s * width + class_of_[c]] = target * width | (ends[target].empty() ? 0 : kHasOutput);
      if (class_of_[c] == 0) continue;
      const uint32_t child = own[s * 256 + Fold(static_cast<unsigned char>(c))];
      if (child != kNone) {
        word_next_[s * width + class_of_[c]] =
            child * width | (ends[child].empty() ? 0 : kHasOutput);
      }
    }
  }
  out_begin_.push_back(0);
  for (const auto& list : ends) {
    out_.insert(out_.end(), list.begin(), list.end());
    out_begin_.push_back(static_cast<uint32_t>(out_.size()));
  }
}

}  // namespace harrier::extractors
