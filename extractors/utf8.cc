#include "extractors/utf8.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>

namespace harrier::extractors {
namespace {

constexpr char32_t kReplacement = 0xFFFD;
constexpr size_t kMaxSequence = 4;

bool IsContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

char32_t CodePointAtSlow(std::string_view text, size_t pos, size_t* length) {
  if (pos >= text.size()) {
    if (length != nullptr) *length = 0;
    return kNoCodePoint;
  }
  // Decode from a window of at most 4 bytes so ICU's int32_t indexes cannot
  // overflow however long the text is.
  const auto* s = reinterpret_cast<const uint8_t*>(text.data() + pos);
  const auto window = static_cast<int32_t>(std::min(kMaxSequence, text.size() - pos));
  int32_t i = 0;
  UChar32 c = 0;
  U8_NEXT_OR_FFFD(s, i, window, c);
  if (length != nullptr) *length = static_cast<size_t>(i);
  return static_cast<char32_t>(c);
}

char32_t CodePointBeforeSlow(std::string_view text, size_t pos) {
  pos = std::min(pos, text.size());
  if (pos == 0) return kNoCodePoint;
  size_t start = pos - 1;
  while (start > 0 && pos - start < kMaxSequence && IsContinuation(text[start])) {
    --start;
  }
  size_t length = 0;
  char32_t c = CodePointAt(text, start, &length);
  return start + length == pos ? c : kReplacement;
}

size_t CharStartAtOrBefore(std::string_view text, size_t pos) {
  pos = std::min(pos, text.size());
  size_t steps = 0;
  while (pos > 0 && pos < text.size() && IsContinuation(text[pos]) && steps < kMaxSequence - 1) {
    --pos;
    ++steps;
  }
  return pos;
}

size_t CharEndAtOrAfter(std::string_view text, size_t pos) {
  pos = std::min(pos, text.size());
  size_t steps = 0;
  while (pos < text.size() && IsContinuation(text[pos]) && steps < kMaxSequence - 1) {
    ++pos;
    ++steps;
  }
  return pos;
}

bool IsWordCharSlow(char32_t c) {
  if (c == kNoCodePoint) return false;
  if (c == '_') return true;
  const auto u = static_cast<UChar32>(c);
  return u_isalnum(u) || (U_GET_GC_MASK(u) & U_GC_M_MASK) != 0;
}

bool IsSpaceSlow(char32_t c) {
  return c != kNoCodePoint && u_isUWhiteSpace(static_cast<UChar32>(c));
}

std::string_view TrimSpace(std::string_view text) {
  size_t begin = 0;
  size_t length = 0;
  while (begin < text.size() && IsSpace(CodePointAt(text, begin, &length))) {
    begin += length;
  }
  size_t end = text.size();
  while (end > begin && IsSpace(CodePointBefore(text, end))) {
    end = CharStartAtOrBefore(text, end - 1);
  }
  return text.substr(begin, end - begin);
}

std::string EncodeUtf8(char32_t c) {
  std::string out;
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
  return out;
}

}  // namespace harrier::extractors
