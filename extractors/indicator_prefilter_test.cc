// The scorer's prefilters are exact: an anchored pattern is skipped where
// the literals every match contains cannot follow, and only there.
#include <gtest/gtest.h>

#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "extractors/indicators.h"

namespace harrier::extractors {
namespace {

IndicatorScorer OneRule(std::vector<std::string> patterns) {
  IndicatorRule rule;
  rule.id = "R1";
  rule.name = "rule R1";
  rule.category = "text";
  rule.weight = IndicatorWeight::kLow;
  rule.patterns = std::move(patterns);
  rule.rationale = "why";
  rule.evidence = "[TEST]";
  IndicatorRuleSet set;
  set.version = "prefilter-1";
  set.rules = {std::move(rule)};
  Result<IndicatorScorer> scorer = IndicatorScorer::Create(std::move(set));
  EXPECT_TRUE(scorer.ok()) << scorer.status().message();
  return std::move(scorer).value();
}

using Spans = std::vector<std::tuple<std::string, std::string, size_t, size_t>>;

// Rule id, text and span of each match MatchPatterns gives.
Spans Matches(const IndicatorScorer& scorer, const std::string& text, bool prefilter) {
  Spans out;
  for (const auto& [id, m] : scorer.MatchPatterns(text, prefilter)) {
    out.emplace_back(id, m.text, m.begin, m.end);
  }
  return out;
}

// "12 " starts each pattern 60,000 times, 120,000 in all, more than the
// 100,000 anchored attempts a Score may make; with no "girls" or "ladies"
// after them, none is tried, so the report is complete rather than cut short.
TEST(IndicatorPrefilterTest, StartsWithNoRequiredLiteralAfterThemAreNotTried) {
  const IndicatorScorer scorer =
      OneRule({"\\b\\d{1,2}\\s+\\w*\\s*girls\\b", "\\b\\d{1,2}\\s+\\w*\\s*ladies\\b"});
  std::string text;
  for (int i = 0; i < 60'000; ++i) text += "12 ";
  const IndicatorReport none = scorer.Score(text, {});
  EXPECT_FALSE(none.truncated);
  EXPECT_TRUE(none.hits.empty());
  // With the literal at the end every start may lead to it: tried until the
  // attempt budget runs out, and the report says so.
  const IndicatorReport cut = scorer.Score(text + "lovely GIRLS and ladies", {});
  EXPECT_TRUE(cut.truncated);
}

TEST(IndicatorPrefilterTest, RequiredLiteralsAreFoundInAnyCaseAcrossWhiteSpace) {
  const IndicatorScorer scorer = OneRule({"\\b\\d{1,2}\\s+\\w*\\s*girls\\s+available\\b"});
  const std::string text = "rates 30 mins, 12 new GIRLS\n\t Available tonight";
  const Spans found = Matches(scorer, text, true);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(std::get<1>(found[0]), "12 new GIRLS\n\t Available");
  EXPECT_EQ(found, Matches(scorer, text, false));
  // The literal before the start does not count.
  EXPECT_TRUE(Matches(scorer, "girls available. 12 new", true).empty());
}

// ICU's case-insensitive match folds U+00DF sharp s to "ss", which a byte
// search for "boss" cannot see, in a required literal or in a prefix: a
// text holding such a character is searched whole.
TEST(IndicatorPrefilterTest, CharactersFoldingToAsciiTurnThePrefiltersOff) {
  const IndicatorScorer scorer =
      OneRule({"\\bcall\\s+\\w*\\s*boss\\b", "\\bmiss\\s+(?:you|me)\\b"});
  for (const std::string text : {"please call the bo\xC3\x9F now", "call my BO\xC3\x9F",
                                 "call the bo\xE1\xBA\x9E", "mi\xC3\x9F you already"}) {
    const Spans whole = Matches(scorer, text, false);
    ASSERT_EQ(whole.size(), 1u) << text;
    EXPECT_EQ(Matches(scorer, text, true), whole) << text;
    EXPECT_EQ(scorer.Score(text, {}).hits.size(), 1u) << text;
  }
}

}  // namespace
}  // namespace harrier::extractors
