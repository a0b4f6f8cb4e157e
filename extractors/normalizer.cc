#include "extractors/normalizer.h"

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <iterator>
#include <new>
#include <vector>

#include "extractors/char_refs.h"
#include "extractors/counting_iterator.h"
#include "extractors/markup.h"
#include "extractors/utf8.h"

namespace harrier::extractors {
namespace {

constexpr char32_t kReplacement = 0xFFFD;
// UAX #15 "stream-safe" text has at most 30 non-starters in a row; longer
// runs of combining marks are normalised in pieces of this many code points
// so that ICU's canonical reordering (quadratic in the run) stays bounded.
constexpr size_t kMaxChunk = 32;
constexpr int32_t kChunkOutputUnits = 1024;  // NFKC expands one code point to at most 18 units

// Digit forms that NFKC leaves alone (dingbats) or turns into more than the
// digit ("⑴" -> "(1)", "⒈" -> "1.", "🄁" -> "0,"): a reader sees a digit.
struct DigitForm {
  char32_t first;
  char32_t last;
  int first_value;
};
constexpr DigitForm kDigitForms[] = {
    {0x2460, 0x2473, 1},     // ① .. ⑳ (NFKC agrees)
    {0x2474, 0x2487, 1},     // ⑴ .. ⒇
    {0x2488, 0x249B, 1},     // ⒈ .. ⒛
    {0x24EA, 0x24EA, 0},     // ⓪
    {0x24EB, 0x24F4, 11},    // ⓫ .. ⓴
    {0x24F5, 0x24FE, 1},     // ⓵ .. ⓾
    {0x24FF, 0x24FF, 0},     // ⓿
    {0x2776, 0x277F, 1},     // ❶ .. ❿
    {0x2780, 0x2789, 1},     // ➀ .. ➉
    {0x278A, 0x2793, 1},     // ➊ .. ➓
    {0x1F100, 0x1F100, 0},   // 🄀
    {0x1F101, 0x1F10A, 0},   // 🄁 .. 🄊
    {0x1F10B, 0x1F10B, 0},   // 🄋
    {0x1F10C, 0x1F10C, 0},   // 🄌
    {0x1F51F, 0x1F51F, 10},  // 🔟 keycap ten
};

int DigitFormValue(char32_t c) {
  if (c < kDigitForms[0].first) return -1;
  for (const DigitForm& form : kDigitForms) {
    if (c >= form.first && c <= form.last)
      return form.first_value + static_cast<int>(c - form.first);
  }
  return -1;
}

// Removed, but counted as part of the character before them: variation
// selectors (the emoji presentation of "7️⃣") and the enclosing keycap, so
// that a keycap digit maps back to its whole sequence.
bool IsTrailingMark(char32_t c) {
  return (c >= 0xFE00 && c <= 0xFE0F) || c == 0x20E3 || (c >= 0xE0100 && c <= 0xE01EF);
}

bool IsLineBreak(char32_t c, int8_t type) {
  return c == 0x85 || type == U_LINE_SEPARATOR || type == U_PARAGRAPH_SEPARATOR;
}

// Whether the code point alone is already in NFKC (quick check "yes"): most
// letters and all emoji, which then need no call into the normaliser. The
// property lookup is slow in ICU (an instance lookup and a dynamic_cast per
// call), so the answers for the BMP are computed once.
bool IsOwnNfkc(char32_t c) {
  static const std::vector<bool>* const kBmp = [] {
    auto* table = new std::vector<bool>(0x10000);
    for (UChar32 u = 0; u < 0x10000; ++u) {
      (*table)[u] = u_getIntPropertyValue(u, UCHAR_NFKC_QUICK_CHECK) == UNORM_YES;
    }
    return table;
  }();
  if (c < 0x10000) return (*kBmp)[c];
  return u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_NFKC_QUICK_CHECK) == UNORM_YES;
}

// Whether any byte of `w` equals the byte repeated in `ones_times_byte`.
inline bool HasByte(uint64_t w, uint64_t ones_times_byte) {
  const uint64_t x = w ^ ones_times_byte;
  return ((x - 0x0101010101010101ull) & ~x & 0x8080808080808080ull) != 0;
}

// Bytes that need more than a copy: non-ASCII, '&' (a character
// reference) and '\r' (a line break to rewrite).
inline bool NeedsWork(unsigned char c) { return c >= 0x80 || c == '&' || c == '\r'; }

// The output under construction. Capacity is reserved, not filled: pages a
// short output never reaches are never touched.
class Builder {
 public:
  explicit Builder(size_t expected) {
    out_.text.reserve(expected);
    out_.source_begin.reserve(expected);
    out_.source_end.reserve(expected);
  }

  size_t size() const { return out_.text.size(); }

  void Put(const char* bytes, size_t length, uint32_t begin, uint32_t end) {
    last_char_ = size();
    out_.text.append(bytes, length);
    out_.source_begin.insert(out_.source_begin.end(), length, begin);
    out_.source_end.insert(out_.source_end.end(), length, end);
  }

  void Put(char byte, uint32_t begin, uint32_t end) {
    last_char_ = size();
    out_.text.push_back(byte);
    out_.source_begin.push_back(begin);
    out_.source_end.push_back(end);
  }

  // Copies input bytes that map one to one: to source offsets base.. (plain
  // text) or to the given maps (text taken out of markup).
  void CopyRun(const char* bytes, size_t length, uint32_t base, const uint32_t* begins,
               const uint32_t* ends) {
    if (length == 0) return;
    out_.text.append(bytes, length);
    auto& b = out_.source_begin;
    auto& e = out_.source_end;
    const auto n = static_cast<uint32_t>(length);
    if (begins == nullptr) {
      b.insert(b.end(), CountingIterator(base), CountingIterator(base + n));
      e.insert(e.end(), CountingIterator(base + 1), CountingIterator(base + 1 + n));
    } else {
      b.insert(b.end(), begins, begins + length);
      e.insert(e.end(), ends, ends + length);
    }
    last_char_ = size() - 1;
  }

  // Extends the last character written to cover source bytes up to `end`.
  void Attach(uint32_t end) {
    for (size_t i = last_char_; i < size(); ++i) {
      out_.source_end[i] = std::max(out_.source_end[i], end);
    }
  }

  NormalizedText Finish() { return std::move(out_); }

 private:
  NormalizedText out_;
  size_t last_char_ = 0;
};

class Normalizer {
 public:
  // `markup`: the map of `in` back to the source when `in` was taken out of
  // HTML; null when `in` is the source.
  Normalizer(std::string_view in, const NormalizedText* markup)
      : in_(in), markup_(markup), out_(in.size() + 16), budget_(4 * in.size() + 4096) {
    UErrorCode status = U_ZERO_ERROR;
    nfkc_ = unorm2_getNFKCInstance(&status);
    if (U_FAILURE(status)) nfkc_ = nullptr;
  }

  NormalizedText Run() {
    size_t pos = 0;
    while (pos < in_.size()) {
      const size_t stop = ScanPlain(pos);
      if (stop == in_.size()) {
        CopyPlain(pos, stop);
        break;
      }
      // The plain character before a special one joins it: "e" + U+0301
      // composes, "7" + U+FE0F U+20E3 is one keycap.
      const size_t slow = stop > pos ? stop - 1 : stop;
      CopyPlain(pos, slow);
      pos = Slow(slow);
    }
    return out_.Finish();
  }

 private:
  uint32_t SourceBegin(size_t i) const {
    return markup_ != nullptr ? markup_->source_begin[i] : static_cast<uint32_t>(i);
  }
  // Source end of input byte i (the last byte of a span).
  uint32_t SourceEnd(size_t i) const {
    return markup_ != nullptr ? markup_->source_end[i] : static_cast<uint32_t>(i + 1);
  }

  size_t ScanPlain(size_t pos) const {
    const char* s = in_.data();
    const size_t n = in_.size();
    for (; pos + 8 <= n; pos += 8) {
      uint64_t w;
      std::memcpy(&w, s + pos, 8);
      if ((w & 0x8080808080808080ull) != 0 || HasByte(w, 0x2626262626262626ull) ||
          HasByte(w, 0x0D0D0D0D0D0D0D0Dull)) {
        break;
      }
    }
    while (pos < n && !NeedsWork(static_cast<unsigned char>(s[pos]))) ++pos;
    return pos;
  }

  void CopyPlain(size_t begin, size_t end) {
    if (markup_ == nullptr) {
      out_.CopyRun(in_.data() + begin, end - begin, static_cast<uint32_t>(begin), nullptr, nullptr);
    } else {
      out_.CopyRun(in_.data() + begin, end - begin, 0, markup_->source_begin.data() + begin,
                   markup_->source_end.data() + begin);
    }
  }

  // Reads characters from `pos` (the first may be plain) until the next
  // plain ASCII byte; returns where it stopped.
  size_t Slow(size_t pos) {
    const size_t start = pos;
    while (pos < in_.size() && (pos == start || NeedsWork(static_cast<unsigned char>(in_[pos])))) {
      char32_t c = 0;
      const size_t length = NextChar(pos, &c);
      Take(c, pos, pos + length);
      pos += length;
    }
    Flush();
    return pos;
  }

  // The character at `pos` (a reference decoded, "\r\n" as '\n', each bad
  // UTF-8 byte as U+FFFD) and its length in bytes.
  size_t NextChar(size_t pos, char32_t* c) const {
    const auto byte = static_cast<unsigned char>(in_[pos]);
    if (byte == '&') {
      const size_t length = DecodeCharRef(in_, pos, c);
      if (length > 0) return length;
    }
    if (byte == '\r') {
      *c = '\n';
      return pos + 1 < in_.size() && in_[pos + 1] == '\n' ? 2 : 1;
    }
    if (byte < 0x80) {
      *c = byte;
      return 1;
    }
    const auto* s = reinterpret_cast<const uint8_t*>(in_.data() + pos);
    const auto window = static_cast<int32_t>(std::min<size_t>(4, in_.size() - pos));
    int32_t i = 0;
    UChar32 u = 0;
    U8_NEXT(s, i, window, u);
    if (u < 0) {
      *c = kReplacement;
      return 1;
    }
    *c = static_cast<char32_t>(u);
    return static_cast<size_t>(i);
  }

  // One character of input[begin, end): removed, rewritten, or added to the
  // normalisation chunk.
  void Take(char32_t c, size_t begin, size_t end) {
    if (c >= 0x80) {
      if (const int value = DigitFormValue(c); value >= 0) {
        Flush();
        PutNumber(value, SourceBegin(begin), SourceEnd(end - 1));
        return;
      }
      if (IsTrailingMark(c)) {
        Flush();
        out_.Attach(SourceEnd(end - 1));
        return;
      }
      const int8_t type = u_charType(static_cast<UChar32>(c));
      if (type == U_FORMAT_CHAR || IsLineBreak(c, type)) {
        Flush();
        if (type != U_FORMAT_CHAR) Put('\n', SourceBegin(begin), SourceEnd(end - 1));
        return;
      }
    }
    if (chunk_size_ == kMaxChunk || c < 0x80 || nfkc_ == nullptr ||
        unorm2_hasBoundaryBefore(nfkc_, static_cast<UChar32>(c))) {
      Flush();
    }
    if (chunk_size_ == 0) chunk_begin_ = begin;
    chunk_[chunk_size_++] = c;
    chunk_end_ = end;
  }

  void Flush() {
    if (chunk_size_ == 0) return;
    const uint32_t begin = SourceBegin(chunk_begin_);
    const uint32_t end = SourceEnd(chunk_end_ - 1);
    const size_t size = chunk_size_;
    chunk_size_ = 0;
    if (size == 1 && (nfkc_ == nullptr || IsOwnNfkc(chunk_[0]))) {
      Emit(chunk_[0], begin, end);
      return;
    }
    UChar source[2 * kMaxChunk];
    int32_t source_length = 0;
    for (size_t i = 0; i < size; ++i) U16_APPEND_UNSAFE(source, source_length, chunk_[i]);
    UChar normal[kChunkOutputUnits];
    UErrorCode status = U_ZERO_ERROR;
    const int32_t length =
        unorm2_normalize(nfkc_, source, source_length, normal, kChunkOutputUnits, &status);
    // Past the budget (a flood of U+FDFA, which NFKC makes 18 characters)
    // the chunk is kept as written.
    if (U_FAILURE(status) || out_.size() + 3 * static_cast<size_t>(length) > budget_) {
      for (size_t i = 0; i < size; ++i) Emit(chunk_[i], begin, end);
      return;
    }
    for (int32_t i = 0; i < length;) {
      UChar32 c = 0;
      U16_NEXT(normal, i, length, c);
      Emit(static_cast<char32_t>(c), begin, end);
    }
  }

  // Writes one normalised character, with digits, spaces and line breaks
  // in their ASCII form.
  void Emit(char32_t c, uint32_t begin, uint32_t end) {
    if (c < 0x80) {
      Put(c == '\r' ? '\n' : static_cast<char>(c), begin, end);
      return;
    }
    const auto u = static_cast<UChar32>(c);
    const int8_t type = u_charType(u);
    if (type == U_DECIMAL_DIGIT_NUMBER) {
      Put(static_cast<char>('0' + u_charDigitValue(u)), begin, end);
    } else if (type == U_SPACE_SEPARATOR) {
      Put(' ', begin, end);
    } else if (IsLineBreak(c, type)) {
      Put('\n', begin, end);
    } else if (type != U_FORMAT_CHAR && !IsTrailingMark(c)) {
      char bytes[4];
      int32_t length = 0;
      U8_APPEND_UNSAFE(bytes, length, u);
      out_.Put(bytes, static_cast<size_t>(length), begin, end);
    }
  }

  void Put(char c, uint32_t begin, uint32_t end) { out_.Put(c, begin, end); }

  void PutNumber(int value, uint32_t begin, uint32_t end) {
    char digits[2];
    size_t length = 0;
    if (value >= 10) digits[length++] = static_cast<char>('0' + value / 10);
    digits[length++] = static_cast<char>('0' + value % 10);
    out_.Put(digits, length, begin, end);
  }

  std::string_view in_;
  const NormalizedText* markup_;
  const UNormalizer2* nfkc_ = nullptr;
  Builder out_;
  size_t budget_;
  char32_t chunk_[kMaxChunk];
  size_t chunk_size_ = 0;
  size_t chunk_begin_ = 0;
  size_t chunk_end_ = 0;
};

// Names of elements that mark a document as HTML when they open a tag.
constexpr std::string_view kHtmlTagNames[] = {"a",  "body", "br", "div",    "head", "html",
                                              "li", "meta", "p",  "script", "span", "table"};
constexpr size_t kHtmlSniffBytes = 4096;

bool OpensKnownTag(std::string_view text, size_t lt) {
  size_t p = lt + 1;
  std::string name;
  while (p < text.size() && IsAsciiAlpha(text[p]) && name.size() < 8)
    name += AsciiToLower(text[p++]);
  if (std::find(std::begin(kHtmlTagNames), std::end(kHtmlTagNames), name) ==
      std::end(kHtmlTagNames)) {
    return false;
  }
  return p >= text.size() || text[p] == '>' || text[p] == '/' || text[p] == ' ' ||
         text[p] == '\t' || text[p] == '\n' || text[p] == '\r' || text[p] == '\f';
}

bool StartsWithIgnoringCase(std::string_view text, size_t pos, std::string_view prefix) {
  if (text.size() - pos < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (AsciiToLower(text[pos + i]) != prefix[i]) return false;
  }
  return true;
}

}  // namespace

std::pair<size_t, size_t> NormalizedText::SourceSpan(size_t begin, size_t end) const {
  const size_t n = text.size();
  end = std::min(end, n);
  begin = std::min(begin, end);
  if (begin < end) return {source_begin[begin], source_end[end - 1]};
  if (begin < n) return {source_begin[begin], source_begin[begin]};
  if (n > 0) return {source_end[n - 1], source_end[n - 1]};
  return {0, 0};
}

NormalizedText NormalizeForExtraction(std::string_view source, InputFormat format) {
  if (source.size() > kMaxNormalizeBytes) {
    source = source.substr(0, CharStartAtOrBefore(source, kMaxNormalizeBytes));
  }
  try {
    if (format == InputFormat::kHtml) {
      const NormalizedText markup = StripMarkup(source);
      return Normalizer(markup.text, &markup).Run();
    }
    return Normalizer(source, nullptr).Run();
  } catch (const std::bad_alloc&) {
    return {};  // nothing to extract from rather than an exception across the module
  }
}

bool LooksLikeHtml(std::string_view source) {
  source = source.substr(0, std::min(source.size(), kHtmlSniffBytes));
  for (size_t lt = source.find('<'); lt != std::string_view::npos; lt = source.find('<', lt + 1)) {
    if (StartsWithIgnoringCase(source, lt, "<!doctype") ||
        StartsWithIgnoringCase(source, lt, "<!--") || OpensKnownTag(source, lt)) {
      return true;
    }
  }
  return false;
}

}  // namespace harrier::extractors
