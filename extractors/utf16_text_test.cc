#include "extractors/utf16_text.h"

#include <gtest/gtest.h>

#include <string>

namespace harrier::extractors {
namespace {

TEST(Utf16TextTest, OffsetsMapBothWaysAroundNonAsciiCharacters) {
  Utf16Text t;
  // 'a', '£' (2 bytes, 1 unit), 'b', an emoji (4 bytes, a surrogate pair), 'c'.
  t.Load(
      "a\xC2\xA3"
      "b\xF0\x9F\x98\x80"
      "c");
  ASSERT_EQ(t.text().length(), 6);
  EXPECT_EQ(t.text().charAt(5), u'c');
  const uint32_t to16[] = {0, 1, 1, 2, 3, 3, 3, 3, 5, 6};  // per byte offset, and the end
  for (size_t i = 0; i < std::size(to16); ++i) EXPECT_EQ(t.To16(i), to16[i]) << i;
  const uint32_t to8[] = {0, 1, 3, 4, 4, 8, 9};  // per unit, and the end
  for (int32_t u = 0; u < 7; ++u) EXPECT_EQ(t.To8(u), to8[u]) << u;
  EXPECT_FALSE(t.folds_to_ascii());
}

TEST(Utf16TextTest, BadBytesBecomeReplacementCharacters) {
  Utf16Text t;
  t.Load(
      "x\xFF"
      "y");
  ASSERT_EQ(t.text().length(), 3);
  EXPECT_EQ(t.text().charAt(1), 0xFFFD);
  EXPECT_EQ(t.To8(2), 2u);
}

TEST(Utf16TextTest, KnowsCharactersWhoseCaseFoldingIsAscii) {
  EXPECT_TRUE(FoldsToAscii(0x00DF));   // sharp s: "ss"
  EXPECT_TRUE(FoldsToAscii(0x1E9E));   // capital sharp s
  EXPECT_TRUE(FoldsToAscii(0x017F));   // long s
  EXPECT_TRUE(FoldsToAscii(0x212A));   // kelvin sign
  EXPECT_TRUE(FoldsToAscii(0xFB01));   // "fi" ligature
  EXPECT_FALSE(FoldsToAscii(0x00E9));  // e acute folds to itself
  EXPECT_FALSE(FoldsToAscii(0x00C9));  // E acute folds to e acute
  EXPECT_FALSE(FoldsToAscii(0x1F600));
  Utf16Text t;
  t.Load("the bo\xC3\x9F");
  EXPECT_TRUE(t.folds_to_ascii());
  t.Load("caf\xC3\xA9");
  EXPECT_FALSE(t.folds_to_ascii());
}

}  // namespace
}  // namespace harrier::extractors
