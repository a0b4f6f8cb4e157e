#include "extractors/number_words.h"

#include <gtest/gtest.h>

#include <string>

namespace harrier::extractors {
namespace {

struct WordCase {
  std::string_view text;
  size_t length;  // 0: no match
  std::string_view digits;
  NumberWordKind kind = NumberWordKind::kDigits;
};

TEST(NumberWordsTest, MatchesTheLongestWordAtTheStart) {
  const WordCase cases[] = {
      {"seven", 5, "7"},
      {"SEVEN", 5, "7"},
      {"SeVeN", 5, "7"},
      {"seventy", 7, "7", NumberWordKind::kTens},
      {"seventeen", 9, "17"},
      {"sevenseven", 5, "7"},
      {"oh", 2, "0"},
      {"o7", 1, "0"},
      {"nought", 6, "0"},
      {"nil", 3, "0"},
      {"zero", 4, "0"},
      {"eighteen", 8, "18"},
      {"eighty", 6, "8", NumberWordKind::kTens},
      {"twenty-one", 6, "2", NumberWordKind::kTens},
      {"double", 6, "2", NumberWordKind::kMultiplier},
      {"dbl", 3, "2", NumberWordKind::kMultiplier},
      {"triple", 6, "3", NumberWordKind::kMultiplier},
      {"plus", 4, "+", NumberWordKind::kPlus},
      {"hundred", 7, "00", NumberWordKind::kHundred},
      {"and", 3, "", NumberWordKind::kAnd},
      {"f0ur", 4, "4"},
      {"s3ven", 5, "7"},
      {"n1ne", 4, "9"},
      {"5ix", 3, "6"},
      {"thr33", 5, "3"},
      {"z3ro", 4, "0"},
      {"0ne", 3, "1"},
      {"7wo", 3, "2"},
      {"șapte", 6, "7"},
      {"şapte", 6, "7"},
      {"sapte", 5, "7"},
      {"nouă", 5, "9"},
      {"patru", 5, "4"},
      {"pięć", 6, "5"},
      {"szesc", 5, "6"},
      {"dziewięć", 10, "9"},
      {"siedem", 6, "7"},
      {"kettő", 6, "2"},
      {"három", 6, "3"},
      {"nyolc", 5, "8"},
      {"katër", 6, "4"},
      {"gjashtë", 8, "6"},
      {"không", 6, "0"},
      {"bảy", 5, "7"},
      {"chín", 5, "9"},
      {"七", 3, "7"},
      {"〇", 3, "0"},
      {"两", 3, "2"},
      {"玖", 3, "9"},
      // Capitals with diacritics.
      {"ŞAPTE", 6, "7"},
      {"ȘAPTE", 6, "7"},
      {"NOUĂ", 5, "9"},
      {"DZIEWIĘĆ", 10, "9"},
      {"PIĘĆ", 6, "5"},
      {"SZEŚĆ", 7, "6"},
      {"KETTŐ", 6, "2"},
      {"HÁROM", 6, "3"},
      {"ÖT", 3, "5"},
      {"NËNTË", 7, "9"},
      {"KHÔNG", 6, "0"},
      {"BỐN", 5, "4"},
      {"Một", 5, "1"},
      // Not number words.
      {"the", 0, ""},
      {"seve", 0, ""},
      {"o7t", 1, "0"},  // "o" then a digit: '7' is not read as 't' in a two-letter word
      {"10", 0, ""},    // leet needs real letters
      {"007", 0, ""},
      {"xyz", 0, ""},
  };
  for (const WordCase& c : cases) {
    SCOPED_TRACE(c.text);
    const NumberWordMatch m = MatchNumberWord(c.text, 0);
    EXPECT_EQ(m.length, c.length);
    if (c.length == 0) continue;
    EXPECT_EQ(m.digits, c.digits);
    EXPECT_EQ(m.kind, c.kind);
  }
}

TEST(NumberWordsTest, MarksShortForeignAndCommonWordsWeak) {
  for (std::string_view weak : {"hat", "egy", "ba", "dy", "tre", "opt", "o", "nam", "hai"}) {
    const NumberWordMatch m = MatchNumberWord(weak, 0);
    EXPECT_EQ(m.length, weak.size()) << weak;
    EXPECT_TRUE(m.weak) << weak;
  }
  for (std::string_view strong : {"seven", "zero", "siedem", "kilenc", "nëntë", "七"}) {
    EXPECT_FALSE(MatchNumberWord(strong, 0).weak) << strong;
  }
}

TEST(NumberWordsTest, ReportsLanguagesAndTheirRegions) {
  EXPECT_EQ(MatchNumberWord("șase", 0).languages, kLangRomanian);
  EXPECT_EQ(MatchNumberWord("osiem", 0).languages, kLangPolish);
  EXPECT_EQ(MatchNumberWord("nyolc", 0).languages, kLangHungarian);
  EXPECT_EQ(MatchNumberWord("tetë", 0).languages, kLangAlbanian);
  EXPECT_EQ(MatchNumberWord("tám", 0).languages, kLangVietnamese);
  EXPECT_EQ(MatchNumberWord("捌", 0).languages, kLangChinese);
  EXPECT_TRUE(MatchNumberWord("zero", 0).languages & kLangEnglish);
  EXPECT_TRUE(MatchNumberWord("zero", 0).languages & kLangRomanian);
  EXPECT_EQ(RegionForLanguage(kLangRomanian), "RO");
  EXPECT_EQ(RegionForLanguage(kLangPolish), "PL");
  EXPECT_EQ(RegionForLanguage(kLangHungarian), "HU");
  EXPECT_EQ(RegionForLanguage(kLangAlbanian), "AL");
  EXPECT_EQ(RegionForLanguage(kLangVietnamese), "VN");
  EXPECT_EQ(RegionForLanguage(kLangChinese), "CN");
  EXPECT_EQ(RegionForLanguage(kLangEnglish), "");
  EXPECT_EQ(RegionForLanguage(kLangPolish | kLangRomanian), "");
}

TEST(NumberWordsTest, MatchesInsideLongerTextAndNotPastItsEnd) {
  const std::string_view text = "07seven00";
  EXPECT_EQ(MatchNumberWord(text, 2).length, 5u);
  EXPECT_EQ(MatchNumberWord(text, 2).digits, "7");
  EXPECT_EQ(MatchNumberWord("sev", 0).length, 0u);
  EXPECT_EQ(MatchNumberWord("seven", 5).length, 0u);
  EXPECT_EQ(MatchNumberWord("", 0).length, 0u);
}

TEST(NumberWordsTest, HomophonesAreMarkedAndNeverLeet) {
  for (std::string_view word : {"ate", "to", "too", "for", "won", "For", "TOO"}) {
    const NumberWordMatch m = MatchNumberWord(word, 0);
    EXPECT_EQ(m.length, word.size()) << word;
    EXPECT_TRUE(m.homophone) << word;
    EXPECT_TRUE(m.weak) << word;
  }
  // The longer real number word wins; leet forms of homophones are not read.
  EXPECT_FALSE(MatchNumberWord("two", 0).homophone);
  EXPECT_FALSE(MatchNumberWord("four", 0).homophone);
  EXPECT_EQ(MatchNumberWord("forty", 0).kind, NumberWordKind::kTens);
  EXPECT_EQ(MatchNumberWord("f0r", 0).length, 0u);
  EXPECT_EQ(MatchNumberWord("w0n", 0).length, 0u);
}

TEST(NumberWordsTest, FirstByteTableCoversInitialsAndRejectsOthers) {
  for (char c : std::string_view("zZoOnNtTfFsSeEdDpPuUcCjJkKhHgGbBmMaAwW0134571")) {
    EXPECT_TRUE(MayStartNumberWord(static_cast<unsigned char>(c))) << c;
  }
  for (char c : std::string_view("qQrRvVxXyY268 .,-@")) {
    EXPECT_FALSE(MayStartNumberWord(static_cast<unsigned char>(c))) << c;
  }
}

// The three-letter test says no only where MatchNumberWord finds nothing of
// two or more bytes, checked over every three ASCII letters.
TEST(NumberWordsTest, TripleTestAgreesWithMatchNumberWord) {
  EXPECT_FALSE(MayStartNumberWordTriple('t', 'h', 'e'));
  EXPECT_TRUE(MayStartNumberWordTriple('t', 'h', 'r'));
  EXPECT_TRUE(MayStartNumberWordTriple('T', 'H', 'R'));
  EXPECT_FALSE(MayStartNumberWordTriple('f', 'i', 'x'));
  EXPECT_TRUE(MayStartNumberWordTriple('f', 'i', 'v'));
  const std::string letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  for (char a : letters) {
    for (char b : letters) {
      for (char c : letters) {
        if (MayStartNumberWordTriple(a, b, c)) continue;
        // Followed by more letters, as any longer word would be.
        for (const std::string rest : {"", "e", "een", "ty", "teen", "rzy", "nci"}) {
          const std::string word = std::string{a, b, c} + rest;
          EXPECT_LT(MatchNumberWord(word, 0).length, 2u) << word;
        }
      }
    }
  }
}

}  // namespace
}  // namespace harrier::extractors
