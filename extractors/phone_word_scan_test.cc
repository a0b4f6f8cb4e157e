#include "extractors/phone_word_scan.h"

#include <gtest/gtest.h>

#include <string_view>

namespace harrier::extractors {
namespace {

TEST(PhoneWordScanTest, LookAlikesStandForDigits) {
  const struct {
    char32_t c;
    char digit;
  } cases[] = {{'O', '0'}, {'o', '0'},    {'l', '1'}, {'I', '1'}, {'|', '1'}, {'S', '5'},
               {'B', '8'}, {0x041E, '0'}, {'x', 0},   {'a', 0},   {'7', 0}};
  for (const auto& c : cases) EXPECT_EQ(LetterDigit(c.c), c.digit) << static_cast<int>(c.c);
}

TEST(PhoneWordScanTest, ABarIsPartOfAShortTokenOnly) {
  const struct {
    std::string_view text;
    size_t pos;
    size_t end;
  } cases[] = {
      {"1|9", 0, 3},                           // one digit each side: the digit 1
      {"3l|72 x", 0, 5},                       // two each side
      {"07700|900|123", 0, 5},                 // groups: fences
      {"0|7|7|0", 0, 1},                       // a chain: fences
      {"x 0|7|7", 2, 3},       {"9O|", 0, 2},  // nothing after the bar
  };
  for (const auto& c : cases) EXPECT_EQ(TokenEnd(c.text, c.pos), c.end) << c.text;
}

TEST(PhoneWordScanTest, SkipsProseWordsThatOnlyStartLikeWholeWordNumbers) {
  const NumberWordPair* pairs = NumberWordPairTable();
  const struct {
    std::string_view text;
    bool run_open;
    size_t end;  // 0: not skipped
  } cases[] = {
      {"today", true, 5},  {"another", true, 7}, {"work", false, 4}, {"to", false, 2},
      {"and", false, 3},   {"to", true, 0},      {"and", true, 0},   {"won", true, 0},
      {"seven", false, 0}, {"quiet", false, 5},  {"to7", false, 0},
  };
  for (const auto& c : cases) EXPECT_EQ(SkipWord(c.text, 0, c.run_open, pairs), c.end) << c.text;
}

}  // namespace
}  // namespace harrier::extractors
