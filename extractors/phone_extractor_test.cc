#include "extractors/phone_extractor.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace harrier::extractors {
namespace {

// Every number here is in an Ofcom drama range or a fictional 555-01xx US
// number: invented, never a real subscriber.

struct PhoneCase {
  std::string_view text;
  std::vector<std::string> values;
};

std::vector<std::string> Values(const std::vector<Selector>& selectors) {
  std::vector<std::string> values;
  for (const Selector& s : selectors) values.push_back(s.value);
  return values;
}

void ExpectPhones(const PhoneExtractor& extractor, const std::vector<PhoneCase>& cases) {
  for (const PhoneCase& c : cases) {
    SCOPED_TRACE(testing::Message() << "text: \"" << c.text << "\"");
    const std::vector<Selector> found = extractor.Extract(c.text);
    EXPECT_EQ(Values(found), c.values);
    for (const Selector& s : found) {
      EXPECT_EQ(s.kind, SelectorKind::kPhone);
      EXPECT_EQ(c.text.substr(s.begin, s.end - s.begin), s.raw);
    }
  }
}

const PhoneExtractor& Gb() {
  static const PhoneExtractor* extractor = new PhoneExtractor("GB", true);
  return *extractor;
}

TEST(PhoneExtractorTest, AcceptsPlainAndLightlyObfuscatedForms) {
  ExpectPhones(Gb(),
               {
                   {"(07700) 900 123", {"+447700900123"}},
                   {"+44 (0)7700 900123", {"+447700900123"}},
                   {"0044 7700 900123", {"+447700900123"}},
                   {"+447700900123", {"+447700900123"}},
                   {"07700900123", {"+447700900123"}},
                   {"07700 900 123", {"+447700900123"}},
                   {"07700.900.123", {"+447700900123"}},
                   {"07700-900-123", {"+447700900123"}},
                   {"07700 900\n123", {"+447700900123"}},
                   {"07700 900\r\n123", {"+447700900123"}},
                   {"07700\xC2\xA0"
                    "900123",
                    {"+447700900123"}},                                // &nbsp;
                   {"07700 \xE2\x80\x93 900 123", {"+447700900123"}},  // en dash
                   {"Call me on 07700 900123!", {"+447700900123"}},
                   {"tel:07700900123", {"+447700900123"}},
                   {"ring 447700900123 anytime", {"+447700900123"}},
                   {"+44 20 7946 0123", {"+442079460123"}},
                   {"(0121) 496 0000", {"+441214960000"}},
                   {"(+44) 7700 900123", {"+447700900123"}},
                   {"+44-7700-900-123", {"+447700900123"}},
                   {"0 7 7 0 0 9 0 0 1 2 3", {"+447700900123"}},  // spaced-out digits
                   // Full-width digits are no longer read here: the normalizer turns
                   // every Unicode digit into ASCII before any extractor runs.
                   {"same 07700 900123, again 07700 900123", {"+447700900123", "+447700900123"}},
               });
}

TEST(PhoneExtractorTest, SeparatesNumbersWrittenBackToBack) {
  ExpectPhones(Gb(), {
                         {"07700 900123 07700 900124", {"+447700900123", "+447700900124"}},
                         {"0161 496 0000/0161 496 0001", {"+441614960000", "+441614960001"}},
                         {"07700 900123\n0161 496 0000", {"+447700900123", "+441614960000"}},
                         {"01.02.2026 0161 496 0000", {"+441614960000"}},
                     });
}

TEST(PhoneExtractorTest, AcceptsOfcomDramaRangeThatLibphonenumberCallsInvalid) {
  ExpectPhones(Gb(), {
                         {"07700 900000", {"+447700900000"}},
                         {"07700 900999", {"+447700900999"}},
                         {"01632 960123", {"+441632960123"}},
                     });
  // The same text without drama ranges finds nothing: libphonenumber alone
  // rejects these numbers.
  const PhoneExtractor strict("GB", /*accept_drama_ranges=*/false);
  EXPECT_TRUE(strict.Extract("07700 900123").empty());
  EXPECT_TRUE(strict.Extract("01632 960123").empty());
  EXPECT_EQ(strict.Normalize("07700 900123"), std::nullopt);
}

TEST(PhoneExtractorTest, AcceptsEveryOfcomDramaRange) {
  ExpectPhones(Gb(), {
                         {"0113 496 0000", {"+441134960000"}},
                         {"0114 496 0999", {"+441144960999"}},
                         {"0115 496 0123", {"+441154960123"}},
                         {"0116 496 0123", {"+441164960123"}},
                         {"0117 496 0123", {"+441174960123"}},
                         {"0118 496 0123", {"+441184960123"}},
                         {"0121 496 0123", {"+441214960123"}},
                         {"0131 496 0123", {"+441314960123"}},
                         {"0141 496 0123", {"+441414960123"}},
                         {"0151 496 0123", {"+441514960123"}},
                         {"0161 496 0123", {"+441614960123"}},
                         {"0191 498 0123", {"+441914980123"}},
                         {"020 7946 0123", {"+442079460123"}},
                         {"028 9649 6123", {"+442896496123"}},
                         {"029 2018 0123", {"+442920180123"}},
                         {"0808 157 0123", {"+448081570123"}},
                         {"0909 879 0123", {"+449098790123"}},
                         {"0306 999 0123", {"+443069990123"}},
                     });
}

TEST(PhoneExtractorTest, RejectsDecoys) {
  ExpectPhones(Gb(), {
                         {"\xC2\xA3"
                          "150 150/hr",
                          {}},
                         {"Rates: \xC2\xA3"
                          "150 30mins, \xC2\xA3"
                          "200 1hr",
                          {}},
                         {"available 9pm till late", {}},
                         {"from 21:00 to 03:00", {}},
                         {"back on 12/03/2026", {}},
                         {"back on 2026-03-12", {}},
                         {"back on 12.03.2026", {}},
                         {"age 24", {}},
                         {"34-24-36", {}},
                         {"24/7", {}},
                         {"07xxx xxx 928", {}},
                         {"07700 900 1xx", {}},
                         {"07700 900123x", {}},
                         {"call 999 or 101 or 111", {}},
                         {"07700 900 12", {}},
                         {"077009001234", {}},
                         {"ref 1234567890", {}},
                         {"\xC2\xA3"
                          "0161 496 0000",
                          {}},
                         {"age 24 34-24-36 24/7 \xC2\xA3"
                          "150/hr 9pm-21:00 12/03/2026",
                          {}},
                     });
}

TEST(PhoneExtractorTest, AcceptsNumbersOfOtherCountries) {
  ExpectPhones(Gb(), {
                         {"+1 202-555-0123", {"+12025550123"}},
                         {"+40 722 123 456", {"+40722123456"}},
                         {"0040 722 123 456", {"+40722123456"}},
                         {"+48 512 345 678", {"+48512345678"}},
                         {"+36 20 123 4567", {"+36201234567"}},
                     });
}

// National formats of other countries count only when the text cues the
// country; GB stays first.
TEST(PhoneExtractorTest, ReadsForeignNationalNumbersWhenTheTextCuesTheCountry) {
  ExpectPhones(Gb(), {
                         {"\xF0\x9F\x87\xB7\xF0\x9F\x87\xB4 0722 123 456", {"+40722123456"}},
                         {"num\xC4\x83r din Rom\xC3\xA2nia: 0722 123 456", {"+40722123456"}},
                         {"Romanian number 0722 123 456", {"+40722123456"}},
                         {"+40 network 0722 123 456", {"+40722123456"}},
                         {"\xF0\x9F\x87\xB5\xF0\x9F\x87\xB1 512 345 678", {"+48512345678"}},
                         {"numer z Polski 512 345 678", {"+48512345678"}},
                         {"PL number 512-345-678", {"+48512345678"}},
                         {"magyar sz\xC3\xA1m: 06 20 123 4567", {"+36201234567"}},
                         {"\xF0\x9F\x87\xAD\xF0\x9F\x87\xBA 06 20 123 4567", {"+36201234567"}},
                         {"\xF0\x9F\x87\xA6\xF0\x9F\x87\xB1 069 123 4567", {"+355691234567"}},
                         {"\xF0\x9F\x87\xBB\xF0\x9F\x87\xB3 091 234 5678", {"+84912345678"}},
                         {"\xF0\x9F\x87\xA8\xF0\x9F\x87\xB3 138 0013 8000", {"+8613800138000"}},
                         {"\xF0\x9F\x87\xA7\xF0\x9F\x87\xAC 0888 123 456", {"+359888123456"}},
                         {"\xF0\x9F\x87\xB9\xF0\x9F\x87\xAD 089 123 4567", {"+66891234567"}},
                         // GB first: a number valid in GB stays GB under any flag.
                         {"\xF0\x9F\x87\xB7\xF0\x9F\x87\xB4 07700 900123", {"+447700900123"}},
                         {"Polish girl 07700 900123", {"+447700900123"}},
                         // No cue, no foreign reading.
                         {"0722 123 456", {}},
                         {"512 345 678", {}},
                         {"Thai massage 089 123 4567", {}},
                     });
  const std::vector<Selector> cued = Gb().Extract("Romanian number 0722 123 456");
  ASSERT_EQ(cued.size(), 1u);
  EXPECT_LE(cued[0].confidence, kCuedRegionConfidence);
  EXPECT_EQ(cued[0].detail, "Romania");
}

TEST(PhoneExtractorTest, DetailIsTheGeocodersArea) {
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"0113 496 0123", "Leeds"},
      {"0161 496 0999", "Manchester"},
      {"020 7946 0123", "London"},
      {"0141 496 0123", "Glasgow"},
      {"07700 900123", "United Kingdom"},
      {"01632 960123", "United Kingdom"},
      {"+1 202-555-0123", "Washington D.C."},
  };
  for (const auto& [text, area] : cases) {
    const std::vector<Selector> found = Gb().Extract(text);
    ASSERT_EQ(found.size(), 1u) << text;
    EXPECT_EQ(found[0].detail, area) << text;
  }
}

TEST(PhoneExtractorTest, CopiesShareGeneratorsAndGiveTheSameAnswers) {
  const PhoneExtractor copy = Gb();
  EXPECT_EQ(Values(copy.Extract("oh seven seven oh oh nine oh oh one two three")),
            std::vector<std::string>{"+447700900123"});
}

TEST(PhoneExtractorTest, ManyNumbersInOneTextAreAllFoundInOrder) {
  std::string text;
  std::vector<std::string> expected;
  for (int i = 0; i < 500; ++i) {
    char number[32];
    std::snprintf(number, sizeof(number), "07700 900%03d", i);
    text += std::string("Call ") + number + ". ";
    std::snprintf(number, sizeof(number), "+447700900%03d", i);
    expected.push_back(number);
  }
  EXPECT_EQ(Values(Gb().Extract(text)), expected);
}

TEST(PhoneExtractorTest, RawIsTheTextAsWrittenWithByteOffsets) {
  const std::string_view text = "caf\xC3\xA9: (07700) 900\n123 ok";
  const std::vector<Selector> found = Gb().Extract(text);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].raw, "(07700) 900\n123");
  EXPECT_EQ(found[0].begin, 7u);
  EXPECT_EQ(found[0].end, 22u);

  const std::vector<Selector> international = Gb().Extract("+44 (0)7700 900123");
  ASSERT_EQ(international.size(), 1u);
  EXPECT_EQ(international[0].raw, "+44 (0)7700 900123");
}

TEST(PhoneExtractorTest, LineBreakSplitNumberHasLowerConfidence) {
  const std::vector<Selector> split = Gb().Extract("07700 900\n123");
  ASSERT_EQ(split.size(), 1u);
  EXPECT_EQ(split[0].confidence, kLineBreakConfidence);
  const std::vector<Selector> plain = Gb().Extract("07700 900 123");
  ASSERT_EQ(plain.size(), 1u);
  EXPECT_EQ(plain[0].confidence, 1.0);
}

TEST(PhoneExtractorTest, NormalizesTypedNumbersToE164) {
  for (std::string_view input :
       {"07700 900 123", "+44 7700 900123", "447700900123", "+447700900123", "+44 (0)7700 900123",
        "0044 7700 900123", " 07700-900-123\n", "7700900123"}) {
    EXPECT_EQ(Gb().Normalize(input), "+447700900123") << input;
  }
  EXPECT_EQ(Gb().Normalize("020 7946 0123"), "+442079460123");
}

TEST(PhoneExtractorTest, NormalizeRejectsWhatIsNotOneAcceptableNumber) {
  for (std::string_view input : {"", "  ", "abc", "07700 900123 and", "999", "07700 900 12",
                                 "07xxx xxx 928", "077009001234", "+", "12/03/2026 21:00"}) {
    EXPECT_EQ(Gb().Normalize(input), std::nullopt) << input;
  }
}

// A stand-in for a later de-obfuscation generator: proposes one span with
// digits it worked out itself.
struct FixedGenerator : PhoneCandidateGenerator {
  FixedGenerator(size_t begin, size_t end, std::string number)
      : candidate{begin, end, std::move(number), 0.5, {}} {}
  void Generate(std::string_view, std::vector<PhoneCandidate>* out) const override {
    out->push_back(candidate);
  }
  PhoneCandidate candidate;
};

TEST(PhoneExtractorTest, ValidatesCandidatesFromAddedGenerators) {
  const std::string_view text = "oh seven seven oh oh nine oh oh one two three";
  const PhoneExtractor words("GB", true,
                             {std::make_shared<FixedGenerator>(0, text.size(), "07700900123"),
                              std::make_shared<FixedGenerator>(0, 2, "0770090012")});
  const std::vector<Selector> found = words.Extract(text);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].value, "+447700900123");
  EXPECT_EQ(found[0].raw, text);
  EXPECT_EQ(found[0].confidence, 0.5);
}

}  // namespace
}  // namespace harrier::extractors
