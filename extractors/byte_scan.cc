#include "extractors/byte_scan.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "extractors/utf8.h"

namespace harrier::extractors {
namespace {

bool IsWordStartOrSpecial(std::string_view text, size_t pos, std::string_view first_letters) {
  const char c = text[pos];
  if (c == '@' || static_cast<unsigned char>(c) == 0xF0) return true;
  return IsAsciiAlpha(c) && (pos == 0 || !IsAsciiAlnum(text[pos - 1])) &&
         first_letters.find(AsciiToLower(c)) != std::string_view::npos;
}

bool IsAtCandidate(std::string_view text, size_t pos) {
  const char c = text[pos];
  if (c == '@' || c == '(' || c == '[' || c == '{' || c == '<') return true;
  return AsciiToLower(c) == 'a' && pos + 1 < text.size() && AsciiToLower(text[pos + 1]) == 't';
}

// Whether `literal` is at text[at, at + literal.size()), which must be
// inside `text`, with FindFolded's folding.
bool FoldedAt(std::string_view text, size_t at, std::string_view literal) {
  for (size_t i = 0; i < literal.size(); ++i) {
    char c = text[at + i];
    if (IsAsciiAlpha(c)) c = AsciiToLower(c);
    if (c != literal[i]) return false;
  }
  return true;
}

#if defined(__SSE2__)
// Lanes holding an ASCII letter, any case.
__m128i Letters(__m128i v) {
  const __m128i folded = _mm_sub_epi8(_mm_or_si128(v, _mm_set1_epi8(0x20)), _mm_set1_epi8('a'));
  return _mm_cmpeq_epi8(_mm_min_epu8(folded, _mm_set1_epi8(25)), folded);
}

__m128i Digits(__m128i v) {
  const __m128i shifted = _mm_sub_epi8(v, _mm_set1_epi8('0'));
  return _mm_cmpeq_epi8(_mm_min_epu8(shifted, _mm_set1_epi8(9)), shifted);
}

__m128i Load(const char* p) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p)); }

int LowestBit(int mask) { return __builtin_ctz(static_cast<unsigned>(mask)); }
#endif

}  // namespace

FirstLetters::FirstLetters(std::string_view letters)
    : letters_(letters.substr(0, kMaxFirstLetters)) {
  for (size_t i = 0; i < letters_.size(); ++i) lanes_[i].fill(letters_[i]);
}

size_t FindWordStartOrSpecialScalar(std::string_view text, size_t pos, const FirstLetters& first) {
  while (pos < text.size() && !IsWordStartOrSpecial(text, pos, first.letters())) ++pos;
  return pos;
}

size_t FindAtCandidateScalar(std::string_view text, size_t pos) {
  while (pos < text.size() && !IsAtCandidate(text, pos)) ++pos;
  return pos;
}

size_t FindAsciiDigitScalar(std::string_view text, size_t pos) {
  while (pos < text.size() && !IsAsciiDigit(text[pos])) ++pos;
  return pos;
}

size_t FindWordStartOrSpecial(std::string_view text, size_t pos, const FirstLetters& first) {
#if defined(__SSE2__)
  if (pos == 0 && !text.empty()) {
    if (IsWordStartOrSpecial(text, 0, first.letters())) return 0;
    pos = 1;
  }
  const size_t count = first.letters().size();
  // Each block needs the byte before it: blocks start at pos >= 1.
  const char* data = text.data();
  for (; pos + 16 <= text.size(); pos += 16) {
    const __m128i v = Load(data + pos);
    const __m128i folded = _mm_or_si128(v, _mm_set1_epi8(0x20));
    __m128i letter = _mm_setzero_si128();
    for (size_t i = 0; i < count; ++i) {
      letter = _mm_or_si128(letter, _mm_cmpeq_epi8(folded, Load(first.lanes(i).data())));
    }
    const __m128i before = Load(data + pos - 1);
    const __m128i after_word = _mm_or_si128(Letters(before), Digits(before));
    // The first letters are letters, so a match is a letter in either case.
    __m128i hits = _mm_andnot_si128(after_word, letter);
    hits = _mm_or_si128(hits, _mm_cmpeq_epi8(v, _mm_set1_epi8('@')));
    hits = _mm_or_si128(hits, _mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(0xF0))));
    const int mask = _mm_movemask_epi8(hits);
    if (mask != 0) return pos + static_cast<size_t>(LowestBit(mask));
  }
#endif
  return FindWordStartOrSpecialScalar(text, pos, first);
}

size_t FindAtCandidate(std::string_view text, size_t pos) {
#if defined(__SSE2__)
  // Each block needs the byte after it: blocks end one byte early.
  const char* data = text.data();
  for (; pos + 17 <= text.size(); pos += 16) {
    const __m128i v = Load(data + pos);
    const __m128i folded = _mm_or_si128(v, _mm_set1_epi8(0x20));
    const __m128i next = _mm_or_si128(Load(data + pos + 1), _mm_set1_epi8(0x20));
    __m128i hits = _mm_and_si128(_mm_cmpeq_epi8(folded, _mm_set1_epi8('a')),
                                 _mm_cmpeq_epi8(next, _mm_set1_epi8('t')));
    for (const char c : {'@', '(', '[', '{', '<'}) {
      hits = _mm_or_si128(hits, _mm_cmpeq_epi8(v, _mm_set1_epi8(c)));
    }
    const int mask = _mm_movemask_epi8(hits);
    if (mask != 0) return pos + static_cast<size_t>(LowestBit(mask));
  }
#endif
  return FindAtCandidateScalar(text, pos);
}

size_t FindAsciiDigit(std::string_view text, size_t pos) {
#if defined(__SSE2__)
  const char* data = text.data();
  for (; pos + 16 <= text.size(); pos += 16) {
    const int mask = _mm_movemask_epi8(Digits(Load(data + pos)));
    if (mask != 0) return pos + static_cast<size_t>(LowestBit(mask));
  }
#endif
  return FindAsciiDigitScalar(text, pos);
}

size_t FindNotVisibleAsciiScalar(std::string_view text, size_t pos) {
  for (; pos < text.size(); ++pos) {
    const auto c = static_cast<unsigned char>(text[pos]);
    if (c <= ' ' || c >= 0x7F) break;
  }
  return pos;
}

size_t FindFoldedScalar(std::string_view text, size_t pos, std::string_view literal) {
  if (literal.size() > text.size()) return text.size();
  for (; pos + literal.size() <= text.size(); ++pos) {
    if (FoldedAt(text, pos, literal)) return pos;
  }
  return text.size();
}

size_t FindFolded(std::string_view text, size_t pos, std::string_view literal) {
#if defined(__SSE2__)
  if (literal.empty()) return std::min(pos, text.size());
  // Candidates have the literal's first and last bytes in place (a letter's
  // case bit set in both the text and the literal); each is then compared.
  const size_t last = literal.size() - 1;
  const auto case_bit = [](char c) { return _mm_set1_epi8(IsAsciiAlpha(c) ? 0x20 : 0); };
  const __m128i first_bit = case_bit(literal[0]);
  const __m128i last_bit = case_bit(literal[last]);
  const __m128i first = _mm_set1_epi8(literal[0]);
  const __m128i final = _mm_set1_epi8(literal[last]);
  const char* data = text.data();
  for (; pos + last + 16 <= text.size(); pos += 16) {
    const __m128i head = _mm_cmpeq_epi8(_mm_or_si128(Load(data + pos), first_bit), first);
    const __m128i tail = _mm_cmpeq_epi8(_mm_or_si128(Load(data + pos + last), last_bit), final);
    int mask = _mm_movemask_epi8(_mm_and_si128(head, tail));
    while (mask != 0) {
      const size_t at = pos + static_cast<size_t>(LowestBit(mask));
      if (FoldedAt(text, at, literal)) return at;
      mask &= mask - 1;
    }
  }
#endif
  return FindFoldedScalar(text, pos, literal);
}

size_t FindAlnumRunScalar(std::string_view text, size_t pos, size_t length) {
  size_t run = 0;  // alphanumeric bytes ending just before i
  for (size_t i = pos; i < text.size(); ++i) {
    run = IsAsciiAlnum(text[i]) ? run + 1 : 0;
    if (run == length) return i + 1 - length;
  }
  return text.size();
}

size_t FindAlnumRun(std::string_view text, size_t pos, size_t length) {
#if defined(__SSE2__)
  if (length == 0 || length > 32) return FindAlnumRunScalar(text, pos, length);
  // Windows of 64 bytes as a bit mask of the alphanumeric ones; a run
  // starting at bit i is i & (i + 1) & ... set, found by doubling shifts.
  // Bits past 64 - length cannot be told in this window: the next window
  // starts there.
  const size_t valid = 64 - length + 1;
  while (pos < text.size()) {
    alignas(16) char window[64];
    const char* p = text.data() + pos;
    if (text.size() - pos < 64) {
      std::memset(window, 0, sizeof(window));
      std::memcpy(window, p, text.size() - pos);
      p = window;
    }
    uint64_t mask = 0;
    for (int k = 0; k < 4; ++k) {
      const __m128i v = Load(p + 16 * k);
      const auto bits =
          static_cast<uint32_t>(_mm_movemask_epi8(_mm_or_si128(Letters(v), Digits(v))));
      mask |= uint64_t{bits} << (16 * k);
    }
    uint64_t runs = mask;
    for (size_t have = 1; have < length;) {
      const size_t step = std::min(have, length - have);
      runs &= runs >> step;
      have += step;
    }
    runs &= valid == 64 ? ~uint64_t{0} : (uint64_t{1} << valid) - 1;
    if (runs != 0) return pos + static_cast<size_t>(__builtin_ctzll(runs));
    pos += valid;
  }
  return text.size();
#else
  return FindAlnumRunScalar(text, pos, length);
#endif
}

}  // namespace harrier::extractors
