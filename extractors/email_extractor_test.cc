#include "extractors/email_extractor.h"

#include <gtest/gtest.h>

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
      {"name at example dot com", {}},
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

}  // namespace
}  // namespace harrier::extractors
