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

}  // namespace
}  // namespace harrier::extractors
