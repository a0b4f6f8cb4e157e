#include "extractors/email_extractor.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

namespace harrier::extractors {
namespace {

// Addresses use example.com/.org/.net and invented names (RFC 2606).

struct EmailCase {
  std::string_view text;
  std::vector<std::string> values;
};

void ExpectEmails(const std::vector<EmailCase>& cases) {
  for (const EmailCase& c : cases) {
    SCOPED_TRACE(testing::Message() << "text: \"" << c.text << "\"");
    std::vector<std::string> values;
    for (const Selector& s : ExtractEmails(c.text)) {
      values.push_back(s.value);
      EXPECT_EQ(s.kind, SelectorKind::kEmail);
      EXPECT_EQ(c.text.substr(s.begin, s.end - s.begin), s.raw);
    }
    EXPECT_EQ(values, c.values);
  }
}

// One address in each text, quoted from `raw` at `begin` with `confidence`.
struct SpanCase {
  std::string_view text;
  std::string_view raw;
  size_t begin;
  double confidence;
};

template <size_t N>
void ExpectSpans(const SpanCase (&cases)[N]) {
  for (const SpanCase& c : cases) {
    SCOPED_TRACE(c.text);
    const std::vector<Selector> found = ExtractEmails(c.text);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].raw, c.raw);
    EXPECT_EQ(found[0].begin, c.begin);
    EXPECT_EQ(found[0].confidence, c.confidence);
  }
}

TEST(EmailExtractorTest, FindsPlainAddressesLowerCased) {
  ExpectEmails({
      {"mail Jo.Bloggs+ads@Example.COM now", {"jo.bloggs+ads@example.com"}},
      {"mailto:anna_k@mail.example.co.uk", {"anna_k@mail.example.co.uk"}},
      {"<a@example.org>, b-c@example.net", {"a@example.org", "b-c@example.net"}},
      {"caf\xC3\xA9 \xF0\x9F\x98\x80 jo@example.com \xF0\x9F\x98\x80", {"jo@example.com"}},
  });
}

TEST(EmailExtractorTest, FindsBracketedAndSpacedObfuscations) {
  ExpectEmails({
      {"name (at) example (dot) com", {"name@example.com"}},
      {"name [at] example [dot] com", {"name@example.com"}},
      {"name AT example DOT com", {"name@example.com"}},
      {"name(at)example(dot)co(dot)uk", {"name@example.co.uk"}},
      {"name {AT} example.com", {"name@example.com"}},
      {"name[@]example[.]org", {"name@example.org"}},
      {"name@example (dot) net", {"name@example.net"}},
  });
}

TEST(EmailExtractorTest, RejectsImageNamesAndOtherDecoys) {
  ExpectEmails({
      {"<img src=\"logo@2x.png\">", {}},
      {"hero@3x.webp banner@2x.jpg icon@2x.svg", {}},
      {"styles@main.css app@bundle.js photo@large.jpeg", {}},
      {"follow @jo_example on insta", {}},
      {"a@b.c", {}},
      {"user@localhost", {}},
      {"jo@example.c0m", {}},
      {"jo..x@example.com", {}},
      {"meet me at the hotel dot com", {}},
  });
}

TEST(EmailExtractorTest, TrailingPunctuationIsNotPartOfTheAddress) {
  const std::string_view text = "Email jo@example.com.";
  const std::vector<Selector> found = ExtractEmails(text);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].raw, "jo@example.com");
  EXPECT_EQ(found[0].begin, 6u);
  EXPECT_EQ(found[0].end, 20u);
}

TEST(EmailExtractorTest, ObfuscatedAddressHasLowerConfidenceAndRawAsWritten) {
  const std::vector<Selector> found = ExtractEmails("x name (at) example (dot) com y");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].raw, "name (at) example (dot) com");
  EXPECT_EQ(found[0].confidence, kObfuscatedEmailConfidence);
  EXPECT_EQ(ExtractEmails("name@example.com")[0].confidence, 1.0);
}

TEST(EmailExtractorTest, NormalizesOneTypedAddress) {
  EXPECT_EQ(NormalizeEmail(" Foo@Example.COM "), "foo@example.com");
  EXPECT_EQ(NormalizeEmail("foo [at] example [dot] com"), "foo@example.com");
  EXPECT_EQ(NormalizeEmail("logo@2x.png"), std::nullopt);
  EXPECT_EQ(NormalizeEmail("foo@example.com bar@example.com"), std::nullopt);
  EXPECT_EQ(NormalizeEmail("write to foo@example.com"), std::nullopt);
  EXPECT_EQ(NormalizeEmail(""), std::nullopt);
}

TEST(EmailExtractorTest, FindsProseAndSpacedForms) {
  ExpectEmails({
      {"name at example dot com", {"name@example.com"}},
      {"jess.rose at example dot co dot uk", {"jess.rose@example.co.uk"}},
      {"Jess At Example Dot Com", {"jess@example.com"}},
      {"mail jessrose at example.com today", {"jessrose@example.com"}},
      {"jessrose @ example . com", {"jessrose@example.com"}},
      {"jessrose @example.com", {"jessrose@example.com"}},
      {"jessrose@ example.com", {"jessrose@example.com"}},
      {"jessrose@example .com", {"jessrose@example.com"}},
      {"jessrose@example dot com", {"jessrose@example.com"}},
      {"jessrose (at) example dot net", {"jessrose@example.net"}},
      {"jessrose{at}example{dot}org", {"jessrose@example.org"}},
      {"jessrose < at > example < dot > com", {"jessrose@example.com"}},
      {"jessrose(@)example(.)com", {"jessrose@example.com"}},
      {"jessrose\tat\texample\tdot\tcom", {"jessrose@example.com"}},
  });
}

TEST(EmailExtractorTest, ProseFormsNeedAKnownTldAndNoProseWordBeforeAt) {
  ExpectEmails({
      {"meet at hotel dot com", {}},
      {"meet me at the hotel dot com", {}},
      {"see you @ example.com", {}},
      {"staying at example.com", {}},
      {"available at example.com", {}},
      {"I at example dot com", {}},
      {"jess at example dot invalidtld", {}},
      {"jess at example dot moon", {}},
      {"jess @ example . zzz", {}},
      {"look at this dot com", {}},
      {"meet @ 9pm", {}},
      {"jess @ 9pm.", {}},
      {"arrive at 9 dot 30", {}},
      {"jess at home", {}},
      {"jess at example", {}},
      {"the cat at the dot com bubble", {}},
      {"see my pics at example.com", {}},
      {"more photos at example.co.uk", {}},
      {"Contact me at lola at example dot com", {"lola@example.com"}},
      {"email: lola at example.com", {"lola@example.com"}},
      {"lola at example.com", {}},
      {"Rates at booking.com style", {}},
      {"(lola at example.com)", {"lola@example.com"}},
      {"anna at gmail", {"anna@gmail.com"}},
      {"my name is anna at gmail", {"anna@gmail.com"}},
      {"write to lola at example.com", {"lola@example.com"}},
      {"see lola99 at example.com", {"lola99@example.com"}},
      {"see lola.rose at example.com", {"lola.rose@example.com"}},
      // Upper-case "AT"/"DOT" and brackets need no known TLD.
      {"jess AT example DOT travel", {"jess@example.travel"}},
      {"jess (at) example (dot) travel", {"jess@example.travel"}},
  });
}

TEST(EmailExtractorTest, SentenceFullStopIsNotASpacedDot) {
  ExpectEmails({
      {"Mail jess@example.com. Me too", {"jess@example.com"}},
      {"Mail jess@example. Com", {}},
      {"jess@example.com.me", {"jess@example.com.me"}},
  });
}

TEST(EmailExtractorTest, CompletesFreeMailProvidersWithoutTld) {
  ExpectEmails({
      {"jessrose@gmail", {"jessrose@gmail.com"}},
      {"jessrose (at) hotmail", {"jessrose@hotmail.com"}},
      {"jessrose[at]Outlook", {"jessrose@outlook.com"}},
      {"jessrose AT yahoo", {"jessrose@yahoo.com"}},
      {"jessrose at icloud", {"jessrose@icloud.com"}},
      {"jessrose@protonmail now", {"jessrose@protonmail.com"}},
      {"jessrose@gmail.co.uk", {"jessrose@gmail.co.uk"}},
      {"jessrose@hotmail.co.uk", {"jessrose@hotmail.co.uk"}},
      {"jessrose@examplemail", {}},
      {"jessrose@gmailx", {}},
      {"meet at gmail", {}},
  });
  const std::vector<Selector> found = ExtractEmails("jessrose@gmail!");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].raw, "jessrose@gmail");
  EXPECT_EQ(found[0].detail, "provider domain completed");
  EXPECT_EQ(found[0].confidence, kCompletedEmailConfidence);
}

TEST(EmailExtractorTest, RejectsFileNamesVersionsAndHandles) {
  ExpectEmails({
      {"logo@2x.png", {}},
      {"image@3x.jpg", {}},
      {"icon@1.5x.png", {}},
      {"banner@2X.PNG", {}},
      {"photo@large.heic clip@hd.mp4 doc@v2.pdf", {}},
      {"npm i pkg@1.2.3", {}},
      {"lodash@4.17.21 react@18.2.0-beta.1", {}},
      {"@scope/pkg@1.2.3", {}},
      {"pkg@next.tgz", {}},
      {"user@localhost", {}},
      {"user@intranet", {}},
      {"IG @jessrose", {}},
      {"@jessrose @jess.rose", {}},
      {"sc: @jess_rose99", {}},
      {"jess@example.c", {}},
      {"jess@-example.com", {}},
      {"jess@.example.com", {}},
      {".@example.com", {}},
      {"@example.com", {}},
  });
}

TEST(EmailExtractorTest, LocalPartIsAtMost64Bytes) {
  const std::string ok = std::string(64, 'a') + "@example.com";
  const std::string too_long = std::string(65, 'a') + "@example.com";
  EXPECT_EQ(ExtractEmails(ok).size(), 1u);
  EXPECT_EQ(ExtractEmails(too_long).size(), 0u);
  const std::string long_label = "jess@" + std::string(64, 'a') + ".com";
  EXPECT_EQ(ExtractEmails(long_label).size(), 0u);
}

TEST(EmailExtractorTest, ProseSpansCoverTheWholeAddress) {
  const SpanCase cases[] = {
      {"x jess at example dot com y", "jess at example dot com", 2, kProseEmailConfidence},
      {"x jess @ example . com.", "jess @ example . com", 2, kProseEmailConfidence},
      {"x jess [at] example.com", "jess [at] example.com", 2, kObfuscatedEmailConfidence},
      {"jess@example.com", "jess@example.com", 0, 1.0},
  };
  ExpectSpans(cases);
}

TEST(EmailExtractorTest, NormalizesProseAndProviderForms) {
  EXPECT_EQ(NormalizeEmail("jess at example dot com"), "jess@example.com");
  EXPECT_EQ(NormalizeEmail("jess @ example . com"), "jess@example.com");
  EXPECT_EQ(NormalizeEmail("Jess@Gmail"), "jess@gmail.com");
  EXPECT_EQ(NormalizeEmail("meet at hotel dot com"), std::nullopt);
  EXPECT_EQ(NormalizeEmail("pkg@1.2.3"), std::nullopt);
  EXPECT_EQ(NormalizeEmail("@jessrose"), std::nullopt);
}

TEST(EmailExtractorTest, SpokenJoinersInsideTheLocalPartJoinIt) {
  ExpectEmails({
      {"iris dot vale at example dot com", {"iris.vale@example.com"}},
      {"iris (dot) vale (at) example (dot) com", {"iris.vale@example.com"}},
      {"iris[dot]vale[at]example[dot]org", {"iris.vale@example.org"}},
      {"iris [.] vale [@] example [.] com", {"iris.vale@example.com"}},
      {"iris ( dot ) vale ( at ) example ( dot ) com", {"iris.vale@example.com"}},
      {"Iris DOT Vale AT Example DOT net", {"iris.vale@example.net"}},
      {"iris underscore vale at example dot com", {"iris_vale@example.com"}},
      {"iris (underscore) vale (at) example (dot) com", {"iris_vale@example.com"}},
      {"iris dash vale at example dot co dot uk", {"iris-vale@example.co.uk"}},
      {"iris hyphen vale [at] example [dot] net", {"iris-vale@example.net"}},
      {"iris dot m dot vale at example dot org", {"iris.m.vale@example.org"}},
      {"iris.m dot vale at example.com", {"iris.m.vale@example.com"}},
      {"mail: iris dot vale at example dot com.", {"iris.vale@example.com"}},
  });
}

TEST(EmailExtractorTest, SpokenJoinerStopsAtProseNumbersAndOtherAddresses) {
  ExpectEmails({
      // The piece before the joiner is a prose word or a number: not joined.
      {"text me dash vale at example dot com", {"vale@example.com"}},
      {"call 07700 900123 dash vale at example dot com", {"vale@example.com"}},
      {"from 9 dot vale at example dot com", {"vale@example.com"}},
      // An earlier address is not swallowed into the next one.
      {"jo@example.com dot iris at example dot com", {"jo@example.com", "iris@example.com"}},
      // A plain address keeps its local part as written.
      {"iris dot vale@example.com", {"vale@example.com"}},
      // Joiner words that are not joiners.
      {"iris dotty at example dot com", {"dotty@example.com"}},
      {"iris.dot vale at example dot com", {"vale@example.com"}},
      {"iris (dot vale (at) example (dot) com", {"vale@example.com"}},
      {"iris [.) vale [at] example [dot] com", {"vale@example.com"}},
      {"meet at the hotel dot vale dot com", {}},
      {"lunch dot at example dot com", {}},
  });
}

TEST(EmailExtractorTest, DecorationsAroundSpokenSeparatorsAreSkipped) {
  ExpectEmails({
      {"kira \xF0\x9F\x8C\xB8 at \xF0\x9F\x8C\xB8 example \xF0\x9F\x8C\xB8 dot \xF0\x9F\x8C\xB8 "
       "com",
       {"kira@example.com"}},
      {"kira * at * example * dot * com", {"kira@example.com"}},
      {"kira*at*example*dot*com", {"kira@example.com"}},
      {"kira \xE2\x80\xA2 at \xE2\x80\xA2 example \xE2\x80\xA2 dot \xE2\x80\xA2 net",
       {"kira@example.net"}},
      {"kira \xE2\x9C\xBF AT \xE2\x9C\xBF example \xE2\x9C\xBF DOT co \xE2\x9C\xBF DOT uk",
       {"kira@example.co.uk"}},
      {"kira AT example DOT co DOT uk", {"kira@example.co.uk"}},
      {"kira    at    example    dot    com", {"kira@example.com"}},
      {"kira \xE2\x9D\xA4\xEF\xB8\x8F (at) \xE2\x9D\xA4\xEF\xB8\x8F example (dot) org",
       {"kira@example.org"}},
      {"kira \xE2\x98\x85 dot \xE2\x98\x85 vale \xE2\x98\x85 at \xE2\x98\x85 example dot com",
       {"kira.vale@example.com"}},
  });
}

TEST(EmailExtractorTest, DecoratedProseStaysProse) {
  ExpectEmails({
      {"lunch \xF0\x9F\x8C\xB8 at \xF0\x9F\x8C\xB8 the cafe dot com", {}},
      {"meet \xF0\x9F\x92\x8B at \xF0\x9F\x92\x8B hotel dot com", {}},
      {"kira \xF0\x9F\x8C\xB8 at \xF0\x9F\x8C\xB8 example \xF0\x9F\x8C\xB8 dot moon", {}},
      {"kira \xF0\x9F\x8C\xB8 at \xF0\x9F\x8C\xB8 home", {}},
      {"relax * at * 8 * dot * 30", {}},
      {"kira #at# example #dot# com", {}},  // '#' is not a decoration
      {"kira \xC3\xA9"
       "at\xC3\xA9 example dot com",
       {}},  // letters are not decorations
  });
}

TEST(EmailExtractorTest, SpokenAndDecoratedSpansCoverTheWholeAddress) {
  const SpanCase cases[] = {
      {"x iris dot vale at example dot com y", "iris dot vale at example dot com", 2,
       kProseEmailConfidence},
      {"x iris (dot) vale (at) example (dot) com", "iris (dot) vale (at) example (dot) com", 2,
       kObfuscatedEmailConfidence},
      {"x kira * at * example * dot * com!", "kira * at * example * dot * com", 2,
       kProseEmailConfidence},
      {"IRIS DOT VALE AT EXAMPLE DOT COM", "IRIS DOT VALE AT EXAMPLE DOT COM", 0,
       kObfuscatedEmailConfidence},
  };
  ExpectSpans(cases);
}

// Hostile input: each must finish well inside the bound.
TEST(EmailExtractorTest, HostileInputStaysLinear) {
  auto repeat = [](std::string_view unit) {
    std::string s;
    while (s.size() < (1u << 20)) s += unit;
    return s;
  };
  const std::vector<std::string> inputs = {
      std::string(100000, '@'),
      repeat("@ "),
      repeat(" at "),
      repeat("a at "),
      repeat("(at)"),
      repeat("a(at)b(dot)"),
      repeat("a.b@c."),
      repeat("x@"),
      repeat(" . "),
      std::string(1u << 20, 'a') + " @ @ @ " + std::string(1u << 20, 'b'),
      std::string(1u << 20, 'a') + "@" + std::string(1u << 20, 'b'),
      "x@" + repeat("a."),
      "x@" + repeat("a dot "),
      repeat("jess@example.com "),
      repeat("jess" + std::string(1000, ' ') + "@" + std::string(1000, ' ')),
      repeat("jess@example" + std::string(1000, ' ') + "." + std::string(1000, ' ')),
      std::string(1u << 20, ' ') + "@" + std::string(1u << 20, ' ') + "." +
          std::string(1u << 20, ' '),
      repeat("a dot "),
      repeat("a dot ") + "b at example dot com",
      repeat("a (dot) b [dot] "),
      repeat("\xF0\x9F\x8C\xB8 at \xF0\x9F\x8C\xB8 "),
      repeat("x * at * y * dot * "),
      repeat("\xF0\x9F\x8C\xB8") + " at " + repeat("\xF0\x9F\x8C\xB8"),
      repeat("*") + "at" + repeat("*") + "example" + repeat("*") + "dot" + repeat("*") + "com",
      repeat("a underscore b dash "),
  };
  for (const std::string& input : inputs) {
    const auto start = std::chrono::steady_clock::now();
    const std::vector<Selector> found = ExtractEmails(input);
    const auto elapsed = std::chrono::steady_clock::now() - start;
    EXPECT_LT(elapsed, std::chrono::seconds(2)) << input.substr(0, 40);
    for (const Selector& s : found) EXPECT_LE(s.end, input.size());
  }
}

// Found by libFuzzer: spoken pieces joined into a local part longer than
// RFC 5321's 64 octets gave an address that NormalizeEmail (and so `harrier
// search`) refuses. Every address found must normalise to itself.
TEST(EmailExtractorTest, SpokenLocalPartNeverGrowsPastSixtyFourOctets) {
  const std::string first(60, 'u');
  const std::string text = first + " (dot) comrchha_on (at) example (dot) com";
  for (const Selector& s : ExtractEmails(text)) {
    EXPECT_LE(s.value.find('@'), 64u) << s.value;
    EXPECT_EQ(NormalizeEmail(s.value), s.value) << s.value;
  }
  const std::vector<Selector> short_one = ExtractEmails("iris (dot) vale (at) example (dot) com");
  ASSERT_EQ(short_one.size(), 1u);
  EXPECT_EQ(short_one[0].value, "iris.vale@example.com");
}

}  // namespace
}  // namespace harrier::extractors
