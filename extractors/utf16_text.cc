#include "extractors/utf16_text.h"

#include <unicode/uniset.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>

namespace harrier::extractors {

namespace {

// The first position >= i in bytes[0, n) that is not ASCII, or n.
int32_t AsciiRunEnd(const unsigned char* bytes, int32_t i, int32_t n) {
#if defined(__SSE2__)
  for (; i + 16 <= n; i += 16) {
    const int mask =
        _mm_movemask_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes + i)));
    if (mask != 0) return i + __builtin_ctz(static_cast<unsigned>(mask));
  }
#endif
  while (i < n && bytes[i] < 0x80) ++i;
  return i;
}

// Widens `count` ASCII bytes to UTF-16. Restrict pointers let the compiler
// vectorise the loop.
void WidenAscii(const unsigned char* __restrict bytes, int32_t count, char16_t* __restrict out) {
  for (int32_t k = 0; k < count; ++k) out[k] = static_cast<char16_t>(bytes[k]);
}

// Sorted: U+00DF sharp s ("ss"), U+0130, U+017F long s, U+212A kelvin,
// ligatures...
const std::vector<char32_t>& FoldingTable() {
  static const std::vector<char32_t> table = [] {
    std::vector<char32_t> out;
    UErrorCode status = U_ZERO_ERROR;
    const icu::UnicodeSet changes(UNICODE_STRING_SIMPLE("[:Changes_When_Casefolded:]"), status);
    if (U_FAILURE(status)) return out;
    for (int32_t r = 0; r < changes.getRangeCount(); ++r) {
      for (UChar32 c = std::max<UChar32>(changes.getRangeStart(r), 0x80);
           c <= changes.getRangeEnd(r); ++c) {
        icu::UnicodeString folded(c);
        folded.foldCase();
        for (int32_t k = 0; k < folded.length(); ++k) {
          if (folded.charAt(k) < 0x80) {
            out.push_back(static_cast<char32_t>(c));
            break;
          }
        }
      }
    }
    return out;
  }();
  return table;
}

}  // namespace

bool FoldsToAscii(char32_t c) {
  const std::vector<char32_t>& table = FoldingTable();
  return std::binary_search(table.begin(), table.end(), c);
}

void Utf16Text::Load(std::string_view utf8) {
  const auto n = static_cast<int32_t>(utf8.size());
  const auto* bytes = reinterpret_cast<const unsigned char*>(utf8.data());
  wide_.clear();
  folds_to_ascii_ = false;
  char16_t* out = text_.getBuffer(n + 1);
  int32_t units = 0;
  for (int32_t i = 0; i < n;) {
    if (bytes[i] < 0x80) {  // a run of ASCII: one unit per byte
      const int32_t run = AsciiRunEnd(bytes, i, n);
      WidenAscii(bytes + i, run - i, out + units);
      units += run - i;
      i = run;
      continue;
    }
    const int32_t start = i;
    UChar32 c;
    U8_NEXT_OR_FFFD(utf8.data(), i, n, c);
    const uint32_t count = c <= 0xFFFF ? 1 : 2;
    if (!folds_to_ascii_ && FoldsToAscii(static_cast<char32_t>(c))) folds_to_ascii_ = true;
    wide_.push_back({static_cast<uint32_t>(start), static_cast<uint32_t>(i),
                     static_cast<uint32_t>(units), count});
    if (c <= 0xFFFF) {
      out[units++] = static_cast<char16_t>(c);
    } else {
      out[units++] = U16_LEAD(c);
      out[units++] = U16_TRAIL(c);
    }
  }
  text_.releaseBuffer(units);
}

uint32_t Utf16Text::To16(size_t offset8) const {
  const auto o = static_cast<uint32_t>(offset8);
  auto it = std::upper_bound(wide_.begin(), wide_.end(), o,
                             [](uint32_t v, const Wide& w) { return v < w.begin8; });
  if (it == wide_.begin()) return o;
  --it;
  return o < it->end8 ? it->begin16 : it->begin16 + it->units + (o - it->end8);
}

uint32_t Utf16Text::To8(int32_t index16) const {
  const auto u = static_cast<uint32_t>(index16);
  auto it = std::upper_bound(wide_.begin(), wide_.end(), u,
                             [](uint32_t v, const Wide& w) { return v < w.begin16; });
  if (it == wide_.begin()) return u;
  --it;
  return u < it->begin16 + it->units ? it->begin8 : it->end8 + (u - it->begin16 - it->units);
}

void Utf16Text::Trim(size_t keep_bytes) {
  if (wide_.capacity() > keep_bytes / 16) std::vector<Wide>().swap(wide_);
  if (text_.getCapacity() > static_cast<int32_t>(keep_bytes)) text_ = icu::UnicodeString();
}

}  // namespace harrier::extractors
