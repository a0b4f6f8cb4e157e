#include "extractors/byte_scan.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace harrier::extractors {
namespace {

// Every hit of the fast scan, in order, from position 0.
template <typename Find>
std::vector<size_t> AllHits(std::string_view text, Find find) {
  std::vector<size_t> hits;
  for (size_t pos = find(text, 0); pos < text.size(); pos = find(text, pos + 1)) {
    hits.push_back(pos);
  }
  return hits;
}

const FirstLetters kFirstLetters("sjox");

size_t FindPaired(std::string_view text, size_t pos) {
  return FindWordStartOrSpecial(text, pos, kFirstLetters);
}
size_t FindPairedScalar(std::string_view text, size_t pos) {
  return FindWordStartOrSpecialScalar(text, pos, kFirstLetters);
}

TEST(ByteScanTest, FindsWordStartsWithGivenLettersAtSignsAndEmojiLeads) {
  const std::string_view text = "sc: jo_99 @x 2ab \xF0\x9F\x91\xBB ok SC Jo bx X: as_s";
  EXPECT_EQ(AllHits(text, FindPaired), (std::vector<size_t>{0, 4, 10, 11, 17, 22, 25, 28, 34, 40}));
}

TEST(ByteScanTest, FindsAtCandidates) {
  const std::string_view text = "jo (at) x AT y [a] cat @ <b> {c} a t";
  EXPECT_EQ(AllHits(text, FindAtCandidate), (std::vector<size_t>{3, 4, 10, 15, 20, 23, 25, 29}));
}

TEST(ByteScanTest, FindsAsciiDigitsOnly) {
  // Fullwidth and Arabic-Indic digits are bytes >= 0x80, not digits.
  const std::string_view text = "a0 b/:9 \xEF\xBC\x91 \xD9\xA3 long words without any x5";
  EXPECT_EQ(AllHits(text, FindAsciiDigit), (std::vector<size_t>{1, 6, 39}));
}

TEST(ByteScanTest, FindsBytesThatAreNotVisibleAscii) {
  // Space, tab, DEL, a control and each byte of a two-byte character stop
  // the scan; visible ASCII, '!' and '~' included, does not.
  const std::string text = std::string("ab!~ c\td\x7F") +
                           "e\x01"
                           "f\xC2\xA3gh";
  EXPECT_EQ(AllHits(text, FindNotVisibleAscii), (std::vector<size_t>{4, 6, 8, 10, 12, 13}));
}

TEST(ByteScanTest, FindsLiteralsWithAsciiLettersInEitherCase) {
  const std::string_view text = "Girls, GIRLS and girl5; on-duty ON-DUTY x\xC3\x9F";
  const auto all = [&](std::string_view literal) {
    return AllHits(text,
                   [&](std::string_view t, size_t pos) { return FindFolded(t, pos, literal); });
  };
  EXPECT_EQ(all("girls"), (std::vector<size_t>{0, 7}));
  EXPECT_EQ(all("on-duty"), (std::vector<size_t>{24, 32}));
  // '-' and '5' are not letters: their neighbours in the case table never match.
  EXPECT_EQ(all("on\rduty"), std::vector<size_t>{});
  EXPECT_EQ(all("girl%"), std::vector<size_t>{});
  EXPECT_EQ(all("x\xC3\x9F"), std::vector<size_t>{40});
  EXPECT_EQ(FindFolded("ab", 0, "abc"), 2u);
}

TEST(ByteScanTest, FindsTheFirstRunOfEnoughLettersAndDigits) {
  const std::string text = "a few words, 0770090012 then bc1qexampleexample9 and x";
  EXPECT_EQ(FindAlnumRun(text, 0, 14), text.find("bc1q"));
  EXPECT_EQ(FindAlnumRun(text, 0, 10), text.find("0770"));
  EXPECT_EQ(FindAlnumRun(text, 0, 30), text.size());
  // A run that crosses the 64-byte windows.
  const std::string long_gap = std::string(60, ' ') + std::string(20, 'z') + " tail";
  EXPECT_EQ(FindAlnumRun(long_gap, 0, 14), 60u);
  EXPECT_EQ(FindAlnumRun(long_gap, 61, 14), 61u);
  EXPECT_EQ(FindAlnumRun(long_gap, 68, 14), long_gap.size());
  // Mostly letters and digits, long texts: runs of every length, found alike.
  std::mt19937 random(7);
  const std::string alphabet = "abcXYZ0189_ .-\xC3\xA9";
  for (int round = 0; round < 2000; ++round) {
    std::string t(random() % 300, ' ');
    for (char& c : t) c = random() % 8 == 0 ? alphabet[random() % alphabet.size()] : 'q';
    for (size_t length : {1, 7, 14, 20, 32}) {
      const size_t from = t.empty() ? 0 : random() % t.size();
      ASSERT_EQ(FindAlnumRun(t, from, length), FindAlnumRunScalar(t, from, length)) << t;
    }
  }
}

// The SSE2 path and the scalar path agree on random text over an alphabet
// of the bytes that matter, at every length around the 16-byte blocks.
TEST(ByteScanTest, FastAndScalarScansAgreeOnRandomText) {
  const std::string alphabet = "aAtT@([{<_ 09/:.zZxXsScCoOkK!~\t\x7F\xF0\x9F\x80";
  std::mt19937 random(20261206);
  for (int round = 0; round < 2000; ++round) {
    std::string text(random() % 80, ' ');
    for (char& c : text) c = alphabet[random() % alphabet.size()];
    SCOPED_TRACE(text);
    EXPECT_EQ(AllHits(text, FindPaired), AllHits(text, FindPairedScalar));
    EXPECT_EQ(AllHits(text, FindAtCandidate), AllHits(text, FindAtCandidateScalar));
    EXPECT_EQ(AllHits(text, FindAsciiDigit), AllHits(text, FindAsciiDigitScalar));
    EXPECT_EQ(AllHits(text, FindNotVisibleAscii), AllHits(text, FindNotVisibleAsciiScalar));
    for (size_t length : {1, 2, 5, 14, 16, 32}) {
      for (size_t from : {size_t{0}, size_t{3}, text.size() / 2}) {
        EXPECT_EQ(FindAlnumRun(text, from, length), FindAlnumRunScalar(text, from, length))
            << length << " " << from;
      }
    }
    for (std::string_view literal : {"at", "a", "t@", "sco", "x\xF0", "aaaaaaaaaaaaaaaaaa"}) {
      const auto fast = [&](std::string_view t, size_t p) { return FindFolded(t, p, literal); };
      const auto slow = [&](std::string_view t, size_t p) {
        return FindFoldedScalar(t, p, literal);
      };
      EXPECT_EQ(AllHits(text, fast), AllHits(text, slow)) << literal;
    }
  }
}

}  // namespace
}  // namespace harrier::extractors
