#include "extractors/text_extractor.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "extractors/utf8.h"

namespace harrier::extractors {
namespace {

// Invented data only: Ofcom drama numbers, example.com addresses.

struct MixedCase {
  std::string_view text;
  std::vector<std::string> phones;
  std::vector<std::string> emails;
  std::vector<std::string> postcodes;
};

const std::vector<MixedCase>& MixedCases() {
  static const auto* cases = new std::vector<MixedCase>{
      {"New in town! Call 07700 900123 or email lucy@example.com, near LS1 4AP",
       {"+447700900123"},
       {"lucy@example.com"},
       {"LS1 4AP"}},
      {"\xF0\x9F\x93\x8D b11aa \xF0\x9F\x93\x9E +44 (0)7700 900124 "
       "\xF0\x9F\x92\x8B",
       {"+447700900124"},
       {},
       {"B1 1AA"}},
      {"Age 24, 34-24-36, \xC2\xA3"
       "150/hr, 24/7, text 07700 900\n125 only",
       {"+447700900125"},
       {},
       {}},
      {"Caf\xC3\xA9 meet: (0161) 496 0000 \xE2\x80\x94 jo [at] example [dot] "
       "org",
       {"+441614960000"},
       {"jo@example.org"},
       {}},
      {"logo@2x.png 12/03/2026 21:00 07xxx xxx 928 M1 1AE", {}, {}, {"M1 1AE"}},
      {"ls14ap@example.com", {}, {"ls14ap@example.com"}, {}},
      {"07700900123@example.com", {"+447700900123"}, {"07700900123@example.com"}, {}},
      {"0044 7700 900126 / 07700 900126", {"+447700900126", "+447700900126"}, {}, {}},
      {"", {}, {}, {}},
      {"no selectors here, just \xE2\x9C\xA8 sparkles", {}, {}, {}},
  };
  return *cases;
}

std::vector<std::string> ValuesOf(const std::vector<Selector>& found, SelectorKind kind) {
  std::vector<std::string> values;
  for (const Selector& s : found) {
    if (s.kind == kind) values.push_back(s.value);
  }
  return values;
}

bool IsWellFormedUtf8(std::string_view s) {
  for (size_t pos = 0, length = 0; pos < s.size(); pos += length) {
    if (CodePointAt(s, pos, &length) == U'\uFFFD') return false;
  }
  return true;
}

TEST(TextExtractorTest, ExtractsEveryKindFromMixedAdverts) {
  const TextExtractor extractor;
  for (const MixedCase& c : MixedCases()) {
    SCOPED_TRACE(testing::Message() << "text: \"" << c.text << "\"");
    const std::vector<Selector> found = extractor.Extract(c.text);
    EXPECT_EQ(ValuesOf(found, SelectorKind::kPhone), c.phones);
    EXPECT_EQ(ValuesOf(found, SelectorKind::kEmail), c.emails);
    EXPECT_EQ(ValuesOf(found, SelectorKind::kPostcode), c.postcodes);
  }
}

TEST(TextExtractorTest, SpansAreByteOffsetsOfRawAndResultsAreOrdered) {
  const TextExtractor extractor;
  for (const MixedCase& c : MixedCases()) {
    SCOPED_TRACE(testing::Message() << "text: \"" << c.text << "\"");
    size_t previous = 0;
    for (const Selector& s : extractor.Extract(c.text)) {
      ASSERT_LE(s.end, c.text.size());
      EXPECT_EQ(c.text.substr(s.begin, s.end - s.begin), s.raw);
      EXPECT_GE(s.begin, previous);
      previous = s.begin;
      EXPECT_TRUE(IsWellFormedUtf8(s.snippet)) << s.snippet;
    }
  }
}

TEST(TextExtractorTest, PostcodeInsideAnEmailIsNotReportedSeparately) {
  const std::vector<Selector> found = TextExtractor().Extract("ls14ap@example.com");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].kind, SelectorKind::kEmail);
}

TEST(TextExtractorTest, SnippetShowsTheMatchWithCollapsedContext) {
  ExtractorOptions options;
  options.snippet_context = 8;
  const TextExtractor extractor(options);
  const std::vector<Selector> found =
      extractor.Extract("A long\n\n\nintro, call  07700 900123\t\tnow please, ok");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].snippet, "…, call 07700 900123 now pl…");
}

TEST(TextExtractorTest, SnippetAroundAMatchNeverSplitsAccentsOrEmoji) {
  // "café 😀 " before and " 😀 naïve" after: every small context lands
  // somewhere inside a multi-byte character at least once.
  const std::string_view text =
      "caf\xC3\xA9 \xF0\x9F\x98\x80 07700 900123 \xF0\x9F\x98\x80 na\xC3\xAFve";
  for (size_t context = 0; context <= 12; ++context) {
    ExtractorOptions options;
    options.snippet_context = context;
    const std::vector<Selector> found = TextExtractor(options).Extract(text);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].begin, 11u);
    EXPECT_EQ(found[0].raw, "07700 900123");
    EXPECT_TRUE(IsWellFormedUtf8(found[0].snippet)) << found[0].snippet;
    EXPECT_NE(found[0].snippet.find("07700 900123"), std::string::npos);
  }
}

TEST(TextExtractorTest, NormalizesEachKind) {
  const TextExtractor extractor;
  EXPECT_EQ(extractor.Normalize(SelectorKind::kPhone, "07700 900 123"), "+447700900123");
  EXPECT_EQ(extractor.Normalize(SelectorKind::kPhone, "+44 7700 900123"), "+447700900123");
  EXPECT_EQ(extractor.Normalize(SelectorKind::kPhone, "447700900123"), "+447700900123");
  EXPECT_EQ(extractor.Normalize(SelectorKind::kEmail, " Foo@Example.COM "), "foo@example.com");
  EXPECT_EQ(extractor.Normalize(SelectorKind::kPostcode, "b11aa"), "B1 1AA");
  EXPECT_EQ(extractor.Normalize(SelectorKind::kPostcode, "ls1 4ap"), "LS1 4AP");
}

TEST(TextExtractorTest, NormalizeRejectsInvalidValuesOfEachKind) {
  const TextExtractor extractor;
  EXPECT_EQ(extractor.Normalize(SelectorKind::kPhone, "999"), std::nullopt);
  EXPECT_EQ(extractor.Normalize(SelectorKind::kPhone, "b11aa"), std::nullopt);
  EXPECT_EQ(extractor.Normalize(SelectorKind::kEmail, "07700 900123"), std::nullopt);
  EXPECT_EQ(extractor.Normalize(SelectorKind::kEmail, "logo@2x.png"), std::nullopt);
  EXPECT_EQ(extractor.Normalize(SelectorKind::kPostcode, "QA1 1AA"), std::nullopt);
  EXPECT_EQ(extractor.Normalize(SelectorKind::kPostcode, "foo@example.com"), std::nullopt);
}

TEST(TextExtractorTest, ConcurrentExtractCallsAgree) {
  const TextExtractor extractor;
  const std::string_view text = MixedCases()[0].text;
  const std::vector<Selector> expected = extractor.Extract(text);
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (size_t t = 0; t < mismatches.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        const std::vector<Selector> found = extractor.Extract(text);
        if (ValuesOf(found, SelectorKind::kPhone) != ValuesOf(expected, SelectorKind::kPhone) ||
            found.size() != expected.size()) {
          ++mismatches[t];
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(mismatches, std::vector<int>(4, 0));
}

TEST(MakeSnippetTest, NeverSplitsAMultiByteCharacter) {
  // "café " then the match, then " 😀x": a 1-byte context would cut inside
  // "é" and inside the emoji; the snippet widens to whole characters.
  const std::string_view text = "caf\xC3\xA9 MATCH \xF0\x9F\x98\x80x";
  const size_t begin = text.find("MATCH");
  for (size_t context = 0; context < 8; ++context) {
    const std::string snippet = MakeSnippet(text, begin, begin + 5, context);
    EXPECT_TRUE(IsWellFormedUtf8(snippet)) << context << ": " << snippet;
  }
  EXPECT_EQ(MakeSnippet(text, begin, begin + 5, 2), "…\xC3\xA9 MATCH \xF0\x9F\x98\x80…");
}

TEST(MakeSnippetTest, CollapsesWhitespaceRunsIncludingNewlines) {
  EXPECT_EQ(MakeSnippet("a \n\n b\t\tc\xC2\xA0 d", 0, 1, 100), "a b c d");
}

TEST(MakeSnippetTest, AddsEllipsisOnlyAtTheEndsThatWereCut) {
  const std::string_view text = "0123456789MATCH0123456789";
  EXPECT_EQ(MakeSnippet(text, 10, 15, 100), text);
  EXPECT_EQ(MakeSnippet(text, 10, 15, 3), "…789MATCH012…");
  EXPECT_EQ(MakeSnippet(text, 0, 5, 3), "01234567…");
  EXPECT_EQ(MakeSnippet(text, 20, 25, 3), "…23456789");
}

TEST(MakeSnippetTest, ClampsOffsetsPastTheEnd) {
  EXPECT_EQ(MakeSnippet("abc", 10, 20, 1), "…c");
  EXPECT_EQ(MakeSnippet("", 0, 0, 60), "");
}

}  // namespace
}  // namespace harrier::extractors
