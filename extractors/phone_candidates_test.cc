#include "extractors/phone_candidates.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace harrier::extractors {
namespace {

std::vector<PhoneCandidate> Generate(const PhoneCandidateGenerator& generator,
                                     std::string_view text) {
  std::vector<PhoneCandidate> out;
  generator.Generate(text, &out);
  return out;
}

bool HasSpan(const std::vector<PhoneCandidate>& candidates, std::string_view text,
             std::string_view raw) {
  for (const PhoneCandidate& c : candidates) {
    if (text.substr(c.begin, c.end - c.begin) == raw) return true;
  }
  return false;
}

TEST(DigitGroupGeneratorTest, JoinsGroupsAcrossOneLineBreak) {
  const std::string_view text = "call 07700 900\n123 now";
  auto candidates = Generate(*NewDigitGroupGenerator(), text);
  ASSERT_TRUE(HasSpan(candidates, text, "07700 900\n123"));
  for (const PhoneCandidate& c : candidates) {
    if (c.end == 18) {
      EXPECT_EQ(c.number, "07700 900 123");
      EXPECT_EQ(c.confidence, kLineBreakConfidence);
    }
  }
}

TEST(DigitGroupGeneratorTest, JoinsBlankLineSeparatedLinesOfDigitsOnly) {
  // "<p>07700 900</p><p>123</p>" after markup removal.
  const std::string_view text = "07700 900\n\n123";
  EXPECT_TRUE(HasSpan(Generate(*NewDigitGroupGenerator(), text), text, "07700 900\n\n123"));
  const std::string_view cells = "\n0161\n\n496\n \n0582\n";
  EXPECT_TRUE(HasSpan(Generate(*NewDigitGroupGenerator(), cells), cells, "0161\n\n496\n \n0582"));
}

TEST(DigitGroupGeneratorTest, DoesNotJoinAcrossABlankLineBesideWordsOrSymbols) {
  for (std::string_view text : {"call 07700 900\n\n123", "07700 900\n\n123 ok",
                                "07700 900\n\n\xC2\xA3"
                                "123",
                                "07700 900\n\n12:30"}) {
    for (const PhoneCandidate& c : Generate(*NewDigitGroupGenerator(), text)) {
      EXPECT_EQ(text.substr(c.begin, c.end - c.begin).find("\n\n"), std::string_view::npos) << text;
    }
  }
}

TEST(DigitGroupGeneratorTest, StartsOnlyAtTrunkZeroOrPlus) {
  const std::string_view text = "7700 900123 and +44 7700 900123";
  auto candidates = Generate(*NewDigitGroupGenerator(), text);
  EXPECT_FALSE(HasSpan(candidates, text, "7700 900123"));
  EXPECT_TRUE(HasSpan(candidates, text, "+44 7700 900123"));
}

TEST(DigitGroupGeneratorTest, KeepsTheOpeningBracketOfABracketedAreaCode) {
  const std::string_view text = "(07700) 900 123";
  EXPECT_TRUE(HasSpan(Generate(*NewDigitGroupGenerator(), text), text, "(07700) 900 123"));
}

TEST(DigitGroupGeneratorTest, DoesNotJoinAcrossSlashesOrColons) {
  const std::string_view text = "0161 496 0000/0161 496 0001 01:30";
  for (const PhoneCandidate& c : Generate(*NewDigitGroupGenerator(), text)) {
    const std::string_view raw = text.substr(c.begin, c.end - c.begin);
    EXPECT_EQ(raw.find('/'), std::string_view::npos) << raw;
    EXPECT_EQ(raw.find(':'), std::string_view::npos) << raw;
  }
}

TEST(DigitGroupGeneratorTest, FindsNumbersAtEveryOffsetOfTheWordAtATimeScan) {
  for (size_t offset = 0; offset < 24; ++offset) {
    const std::string text = std::string(offset, 'a') + " 07700 900123 " + std::string(9, ':');
    const auto candidates = Generate(*NewDigitGroupGenerator(), text);
    EXPECT_TRUE(HasSpan(candidates, text, "07700 900123")) << offset;
  }
  // Bytes next to '0'..'9' ('/' and ':') are not digits.
  EXPECT_TRUE(Generate(*NewDigitGroupGenerator(), "//////////::::::::::").empty());
}

TEST(LibphonenumberGeneratorTest, ReportsByteOffsetsAfterMultiByteCharacters) {
  const std::string_view text = "\xF0\x9F\x98\x80\xF0\x9F\x98\x80 07700900123 caf\xC3\xA9";
  auto candidates = Generate(*NewLibphonenumberGenerator("GB"), text);
  ASSERT_EQ(candidates.size(), 1u);
  EXPECT_EQ(candidates[0].begin, 9u);
  EXPECT_EQ(candidates[0].end, 20u);
  EXPECT_EQ(candidates[0].number, "07700900123");
}

}  // namespace
}  // namespace harrier::extractors
