#include "extractors/utf8.h"

#include <gtest/gtest.h>

namespace harrier::extractors {
namespace {

// "é" is C3 A9, "😀" is F0 9F 98 80.
constexpr std::string_view kText = "caf\xC3\xA9 \xF0\x9F\x98\x80!";

TEST(Utf8Test, DecodesCodePointsAndTheirByteLengths) {
  size_t length = 0;
  EXPECT_EQ(CodePointAt(kText, 3, &length), U'\u00E9');
  EXPECT_EQ(length, 2u);
  EXPECT_EQ(CodePointAt(kText, 6, &length), U'\U0001F600');
  EXPECT_EQ(length, 4u);
  EXPECT_EQ(CodePointAt(kText, kText.size(), &length), kNoCodePoint);
  EXPECT_EQ(length, 0u);
}

TEST(Utf8Test, CodePointBeforeStepsBackOverWholeSequences) {
  EXPECT_EQ(CodePointBefore(kText, 5), U'\u00E9');
  EXPECT_EQ(CodePointBefore(kText, 10), U'\U0001F600');
  EXPECT_EQ(CodePointBefore(kText, 0), kNoCodePoint);
  EXPECT_EQ(CodePointBefore(kText, 4), U'\uFFFD');  // inside "é"
}

TEST(Utf8Test, BoundariesMoveOffContinuationBytes) {
  EXPECT_EQ(CharStartAtOrBefore(kText, 4), 3u);
  EXPECT_EQ(CharStartAtOrBefore(kText, 8), 6u);
  EXPECT_EQ(CharEndAtOrAfter(kText, 4), 5u);
  EXPECT_EQ(CharEndAtOrAfter(kText, 7), 10u);
  EXPECT_EQ(CharEndAtOrAfter(kText, 99), kText.size());
}

TEST(Utf8Test, WordCharactersIncludeAccentedLettersButNotEmoji) {
  EXPECT_TRUE(IsWordChar(U'\u00E9'));
  EXPECT_TRUE(IsWordChar(U'_'));
  EXPECT_TRUE(IsWordChar(U'7'));
  EXPECT_FALSE(IsWordChar(U'\U0001F600'));
  EXPECT_FALSE(IsWordChar(U'-'));
  EXPECT_FALSE(IsWordChar(kNoCodePoint));
}

TEST(Utf8Test, TrimSpaceRemovesUnicodeWhitespace) {
  EXPECT_EQ(TrimSpace("\xC2\xA0 b1 1aa\n\t"), "b1 1aa");
  EXPECT_EQ(TrimSpace(" \n "), "");
}

// The ASCII fast paths must say what ICU says: White_Space is TAB..CR and
// SPACE (not the separators 0x1C-0x1F); word characters are letters, digits
// and '_'.
TEST(Utf8Test, AsciiClassesAgreeWithUnicodeProperties) {
  for (char32_t c = 1; c < 0x80; ++c) {
    const bool space = c == ' ' || (c >= '\t' && c <= '\r');
    const bool word = c == '_' || IsAsciiAlnum(static_cast<char>(c));
    EXPECT_EQ(IsSpace(c), space) << static_cast<int>(c);
    EXPECT_EQ(IsWordChar(c), word) << static_cast<int>(c);
  }
  EXPECT_TRUE(IsSpace(U'\u0085'));
  EXPECT_TRUE(IsSpace(U'\u00A0'));
  EXPECT_TRUE(IsSpace(U'\u3000'));
  EXPECT_FALSE(IsSpace(kNoCodePoint));
  EXPECT_FALSE(IsWordChar(kNoCodePoint));
}

TEST(Utf8Test, AsciiAndInvalidBytesDecodeAsBefore) {
  const std::string_view text("a\0\x80\xC3", 4);
  size_t length = 9;
  EXPECT_EQ(CodePointAt(text, 0, &length), U'a');
  EXPECT_EQ(length, 1u);
  EXPECT_EQ(CodePointAt(text, 1, &length), kNoCodePoint);  // NUL reads as "none", one byte
  EXPECT_EQ(length, 1u);
  EXPECT_EQ(CodePointAt(text, 2, &length), U'\uFFFD');
  EXPECT_EQ(length, 1u);
  EXPECT_EQ(CodePointAt(text, 3, &length), U'\uFFFD');  // truncated sequence at the end
  EXPECT_EQ(length, 1u);
  EXPECT_EQ(CodePointBefore(text, 1), U'a');
  EXPECT_EQ(CodePointBefore(text, 3), U'\uFFFD');
  EXPECT_EQ(CodePointBefore(text, 0), kNoCodePoint);
}

// The branch-free byte classes agree with the plain ranges on every byte.
TEST(Utf8Test, AsciiClassesMatchTheirRangesOnEveryByte) {
  for (int b = 0; b < 256; ++b) {
    const char c = static_cast<char>(b);
    const bool digit = b >= '0' && b <= '9';
    const bool alpha = (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z');
    EXPECT_EQ(IsAsciiDigit(c), digit) << b;
    EXPECT_EQ(IsAsciiAlpha(c), alpha) << b;
    EXPECT_EQ(IsAsciiAlnum(c), digit || alpha) << b;
  }
}

TEST(Utf8Test, EncodesEveryLengthAndReadsBackTheSameCodePoint) {
  for (char32_t c : {U'a', U'\u00E9', U'\u20AC', U'\U0001F352', U'\U0010FFFF'}) {
    const std::string bytes = EncodeUtf8(c);
    size_t length = 0;
    EXPECT_EQ(CodePointAt(bytes, 0, &length), c);
    EXPECT_EQ(length, bytes.size());
  }
  EXPECT_EQ(EncodeUtf8(U'\u00A3'), "\xC2\xA3");
}

}  // namespace
}  // namespace harrier::extractors
