#include "extractors/postcode_extractor.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace harrier::extractors {
namespace {

struct PostcodeCase {
  std::string_view text;
  std::vector<std::string> values;
};

void ExpectPostcodes(const std::vector<PostcodeCase>& cases) {
  for (const PostcodeCase& c : cases) {
    SCOPED_TRACE(testing::Message() << "text: \"" << c.text << "\"");
    std::vector<std::string> values;
    for (const Selector& s : ExtractPostcodes(c.text)) {
      values.push_back(s.value);
      EXPECT_EQ(s.kind, SelectorKind::kPostcode);
      EXPECT_EQ(c.text.substr(s.begin, s.end - s.begin), s.raw);
    }
    EXPECT_EQ(values, c.values);
  }
}

TEST(PostcodeExtractorTest, FindsEveryOutwardShape) {
  ExpectPostcodes({
      {"B1 1AA", {"B1 1AA"}},      // A9 9AA
      {"M60 1NW", {"M60 1NW"}},    // A99 9AA
      {"W1A 0AX", {"W1A 0AX"}},    // A9A 9AA
      {"LS1 4AP", {"LS1 4AP"}},    // AA9 9AA
      {"DN55 1PT", {"DN55 1PT"}},  // AA99 9AA
      {"EC1A 1BB", {"EC1A 1BB"}},  // AA9A 9AA
      {"GIR 0AA", {"GIR 0AA"}},    // Girobank
  });
}

TEST(PostcodeExtractorTest, MatchesAnyCaseWithOrWithoutTheSpace) {
  ExpectPostcodes({
      {"b11aa", {"B1 1AA"}},
      {"ls1 4ap", {"LS1 4AP"}},
      {"Sw1A1aA", {"SW1A 1AA"}},
      {"gir0aa", {"GIR 0AA"}},
      {"LS1\xC2\xA0"
       "4AP",
       {"LS1 4AP"}},
      {"GIR\xC2\xA0"
       "0AA",
       {"GIR 0AA"}},  // the digit farthest from the first letter
      {"b1 1aa,B2 2BB;b11aaa EC1A 1BB", {"B1 1AA", "B2 2BB", "EC1A 1BB"}},
  });
}

TEST(PostcodeExtractorTest, RejectsLettersRoyalMailNeverUses) {
  ExpectPostcodes({
      {"QA1 1AA", {}},   // Q never first
      {"VA1 1AA", {}},   // V never first
      {"AI1 1AA", {}},   // I never second
      {"AZ1 1AA", {}},   // Z never second
      {"W1I 1AA", {}},   // I not third in A9A
      {"EC1C 1BB", {}},  // C not fourth in AA9A
      {"B1 1CA", {}},    // C not in the inward code
      {"B1 1AO", {}},    // O not in the inward code
      {"B1 AAA", {}},    // inward starts with a digit
      {"BBB1 1AA", {}},  // three letters
      {"B123 1AA", {}},  // three digits
  });
}

TEST(PostcodeExtractorTest, MatchesOnlyWholeTokens) {
  ExpectPostcodes({
      {"ZZLS1 4AP", {}},
      {"LS1 4AP2", {}},
      {"LS1 4APX", {}},
      {"9LS1 4AP", {}},
      {"\xC3\xA9LS1 4AP", {}},                   // after a letter "é"
      {"\xF0\x9F\x93\x8DLS1 4AP", {"LS1 4AP"}},  // after the pin emoji
      {"(LS1 4AP).", {"LS1 4AP"}},
      {"near LS1 4AP, B1 1AA", {"LS1 4AP", "B1 1AA"}},
  });
}

TEST(PostcodeExtractorTest, NormalizesTypedPostcodes) {
  EXPECT_EQ(NormalizePostcode("b11aa"), "B1 1AA");
  EXPECT_EQ(NormalizePostcode("ls1 4ap"), "LS1 4AP");
  EXPECT_EQ(NormalizePostcode(" ec1a  1bb\n"), "EC1A 1BB");
  EXPECT_EQ(NormalizePostcode("QA1 1AA"), std::nullopt);
  EXPECT_EQ(NormalizePostcode("1AA"), std::nullopt);
  EXPECT_EQ(NormalizePostcode("LS1-4AP"), std::nullopt);
  EXPECT_EQ(NormalizePostcode(""), std::nullopt);
}

}  // namespace
}  // namespace harrier::extractors
