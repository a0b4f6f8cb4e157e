#include "extractors/indicators.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "extractors/keyword_scanner.h"

namespace harrier::extractors {
namespace {

IndicatorRule TextRule(std::string id, IndicatorWeight weight, std::string pattern,
                       std::string keyword, std::string category = "text") {
  IndicatorRule rule;
  rule.id = std::move(id);
  rule.name = "rule " + rule.id;
  rule.category = std::move(category);
  rule.weight = weight;
  rule.patterns = {std::move(pattern)};
  rule.keywords = {std::move(keyword)};
  rule.rationale = "why " + rule.id;
  rule.evidence = "[TEST]";
  return rule;
}

constexpr auto kZero = IndicatorWeight::kZero;
constexpr auto kLow = IndicatorWeight::kLow;
constexpr auto kMedium = IndicatorWeight::kMedium;
constexpr auto kHigh = IndicatorWeight::kHigh;

// Rules firing on single invented words: alpha..echo are plain, "exotic" is
// demographic, "cherry" is gated on "kid", "tour" is zero weight.
IndicatorRuleSet TestRules() {
  IndicatorRuleSet set;
  set.version = "test-1";
  set.rules = {
      TextRule("A1", kLow, "\\balpha\\b", "alpha"),
      TextRule("B1", kLow, "\\bbravo\\b", "bravo"),
      TextRule("C1", kLow, "\\bcharlie\\b", "charlie", "contact"),
      TextRule("M1", kMedium, "\\bdelta\\b", "delta"),
      TextRule("M2", kMedium, "\\becho\\b", "echo", "contact"),
      TextRule("H1", kHigh, "\\bkid\\b", "kid"),
      TextRule("G1", kLow, "\\bcherry\\b", "cherry"),
      TextRule("D1", kLow, "\\bexotic\\b", "exotic"),
      TextRule("D2", kLow, "\\bforeign\\b", "foreign"),
      TextRule("Z1", kZero, "\\bon\\s+tour\\b", "tour"),
  };
  set.rules[6].gate = {"H1"};
  set.rules[7].demographic = true;
  set.rules[8].demographic = true;
  return set;
}

IndicatorScorer MakeScorer(IndicatorRuleSet set = TestRules()) {
  Result<IndicatorScorer> scorer = IndicatorScorer::Create(std::move(set));
  EXPECT_TRUE(scorer.ok()) << scorer.status().message();
  return std::move(scorer).value();
}

const IndicatorHit* FindHit(const IndicatorReport& report, const std::string& id) {
  for (const IndicatorHit& hit : report.hits) {
    if (hit.rule_id == id) return &hit;
  }
  return nullptr;
}

TEST(KeywordScannerTest, FindsOverlappingKeywordsInAnyAsciiCase) {
  const KeywordScanner scanner({"he", "she", "hers", "\xF0\x9F\x8D\x92", "his"});
  std::vector<std::tuple<size_t, size_t, size_t>> found;
  scanner.Scan("uSHErs \xF0\x9F\x8D\x92 HiS",
               [&](size_t k, size_t b, size_t e) { found.emplace_back(k, b, e); });
  const std::vector<std::tuple<size_t, size_t, size_t>> expected = {
      {1, 1, 4}, {0, 2, 4}, {2, 2, 6}, {3, 7, 11}, {4, 12, 15}};
  EXPECT_EQ(found, expected);
}

TEST(KeywordScannerTest, WordStartScanFindsOnlyKeywordsThatBeginAWord) {
  const KeywordScanner scanner({"no", "now", "on"});
  std::vector<std::tuple<size_t, size_t, size_t>> found;
  scanner.ScanWordStarts("Now non-stop, know on \xC3\xA9no",
                         [&](size_t k, size_t b, size_t e) { found.emplace_back(k, b, e); });
  // "Now" (no, now), "non" (no), "on", and "no" after a non-ASCII letter
  // (left to the regex to judge); not the "no" in "know" or "on" in "non".
  const std::vector<std::tuple<size_t, size_t, size_t>> expected = {
      {0, 0, 2}, {1, 0, 3}, {0, 4, 6}, {2, 19, 21}, {0, 24, 26}};
  EXPECT_EQ(found, expected);
}

// The 16-byte word-start scan agrees with the full scan filtered to word
// starts, on random text at every length around the blocks.
void WordStartScanAgreesWithFullScan(const KeywordScanner& scanner);

TEST(KeywordScannerTest, WordStartScanAgreesWithFullScanOnRandomText) {
  // The second set has one- and two-byte keywords, which the walk filter on
  // a word's first three bytes must let through whatever follows them.
  for (const std::vector<std::string>& keywords :
       {std::vector<std::string>{"no", "now", "on", "o_n", "9n", "\xC3\xA9n"},
        std::vector<std::string>{"w", "n9", "_o", "oww", "\xC3\xA9"}}) {
    WordStartScanAgreesWithFullScan(KeywordScanner(keywords));
  }
}

void WordStartScanAgreesWithFullScan(const KeywordScanner& scanner) {
  const std::string alphabet = "nNoOwW_9 -\xC3\xA9";
  std::mt19937 random(20261206);
  for (int round = 0; round < 3000; ++round) {
    std::string text(random() % 70, ' ');
    for (char& c : text) c = alphabet[random() % alphabet.size()];
    std::vector<std::tuple<size_t, size_t, size_t>> fast;
    scanner.ScanWordStarts(text, [&](size_t k, size_t b, size_t e) { fast.emplace_back(k, b, e); });
    std::vector<std::tuple<size_t, size_t, size_t>> slow;
    scanner.Scan(text, [&](size_t k, size_t b, size_t e) {
      const auto c = b == 0 ? ' ' : text[b - 1];
      const bool after_word = std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
      const auto first = static_cast<unsigned char>(text[b]);
      if (!after_word && (std::isalnum(first) != 0 || first == '_')) slow.emplace_back(k, b, e);
    });
    std::sort(slow.begin(), slow.end(), [](const auto& x, const auto& y) {
      return std::get<1>(x) != std::get<1>(y) ? std::get<1>(x) < std::get<1>(y)
                                              : std::get<2>(x) < std::get<2>(y);
    });
    ASSERT_EQ(fast, slow) << text;
  }
}

TEST(IndicatorScorerTest, AlternativeWithoutWordBoundaryStillMatchesInsideWords) {
  IndicatorRuleSet set;
  set.version = "b";
  set.rules = {TextRule("B1", kLow, "\\bfoo|bar", "")};
  set.rules[0].keywords.clear();
  const IndicatorScorer scorer = MakeScorer(set);
  const IndicatorReport report = scorer.Score("a crowbar", {});
  ASSERT_EQ(report.hits.size(), 1u);
  EXPECT_EQ(report.hits[0].matches[0].begin, 6u);
}

TEST(IndicatorScorerTest, BadPatternNamesRuleLineAndPattern) {
  IndicatorRuleSet set = TestRules();
  set.rules[1].patterns = {"\\bok\\b", "(unclosed"};
  set.rules[1].line = 40;
  Result<IndicatorScorer> scorer = IndicatorScorer::Create(set);
  ASSERT_FALSE(scorer.ok());
  EXPECT_EQ(scorer.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(scorer.status().message().rfind("rule B1 (line 40) pattern 2 \"(unclosed\": U_", 0), 0u)
      << scorer.status().message();
}

TEST(IndicatorScorerTest, GateNamingNoRuleIsRejected) {
  IndicatorRuleSet set = TestRules();
  set.rules[0].gate = {"Q9"};
  Result<IndicatorScorer> scorer = IndicatorScorer::Create(set);
  ASSERT_FALSE(scorer.ok());
  EXPECT_EQ(scorer.status().message(), "rule A1 gate \"Q9\" names no rule");
}

TEST(IndicatorScorerTest, MatchSpansPointAtTheMatchedText) {
  const IndicatorScorer scorer = MakeScorer();
  const std::string text = "Caf\xC3\xA9 ALPHA\nthen Delta and delta, on   tour.";
  const IndicatorReport report = scorer.Score(text, {});
  ASSERT_EQ(report.hits.size(), 3u);
  for (const IndicatorHit& hit : report.hits) {
    for (const IndicatorMatch& m : hit.matches) {
      EXPECT_EQ(text.substr(m.begin, m.end - m.begin), m.text) << hit.rule_id;
    }
  }
  const IndicatorHit* delta = FindHit(report, "M1");
  ASSERT_NE(delta, nullptr);
  ASSERT_EQ(delta->matches.size(), 2u);
  EXPECT_EQ(delta->matches[0].begin, 17u);
  EXPECT_EQ(delta->matches[0].text, "Delta");
  EXPECT_EQ(FindHit(report, "Z1")->matches[0].text, "on   tour");
  EXPECT_EQ(report.version, "test-1");
  EXPECT_EQ(FindHit(report, "A1")->rationale, "why A1");
  EXPECT_EQ(FindHit(report, "A1")->evidence, "[TEST]");
}

struct BandCase {
  const char* text;
  int score;
  IndicatorBand band;
  const char* headline;
};

TEST(IndicatorScorerTest, BandsFollowTheReferenceRule) {
  const IndicatorScorer scorer = MakeScorer();
  const BandCase cases[] = {
      {"nothing here", 0, IndicatorBand::kNone, ""},
      {"on tour", 0, IndicatorBand::kNone, ""},
      {"alpha", 1, IndicatorBand::kLow, "A1"},
      {"alpha bravo", 2, IndicatorBand::kLow, "A1"},
      {"delta", 2, IndicatorBand::kLow, "M1"},
      {"alpha delta", 3, IndicatorBand::kReview, "M1"},
      {"alpha bravo delta", 4, IndicatorBand::kReview, "M1"},      // one category
      {"alpha bravo charlie", 3, IndicatorBand::kPriority, "A1"},  // 3 from 2
      {"alpha echo delta", 5, IndicatorBand::kPriority, "M2"},
      {"kid", 4, IndicatorBand::kPriority, "H1"},
      {"on tour: alpha bravo", 2, IndicatorBand::kLow, "A1"},
  };
  for (const BandCase& c : cases) {
    const IndicatorReport report = scorer.Score(c.text, {});
    EXPECT_EQ(report.score, c.score) << c.text;
    EXPECT_EQ(IndicatorBandName(report.band), IndicatorBandName(c.band)) << c.text;
    EXPECT_EQ(report.headline, c.headline) << c.text;
    if (*c.headline != '\0') {
      EXPECT_EQ(report.hits.front().rule_id, c.headline) << c.text;
    }
  }
}

TEST(IndicatorScorerTest, ZeroWeightRulesAreShownButAddNothing) {
  const IndicatorScorer scorer = MakeScorer();
  const IndicatorReport report = scorer.Score("on tour with delta", {});
  ASSERT_EQ(report.hits.size(), 2u);
  EXPECT_EQ(report.hits[0].rule_id, "M1");
  EXPECT_EQ(report.hits[1].rule_id, "Z1");
  EXPECT_FALSE(report.hits[1].counted);
  EXPECT_EQ(report.hits[1].points, 0);
  EXPECT_EQ(report.hits[1].note, "zero weight: shown as context, adds nothing");
  EXPECT_EQ(report.score, 2);
}

TEST(IndicatorScorerTest, GatedRuleCountsOnlyWithItsGate) {
  const IndicatorScorer scorer = MakeScorer();
  IndicatorReport alone = scorer.Score("cherry alpha", {});
  ASSERT_NE(FindHit(alone, "G1"), nullptr);
  EXPECT_FALSE(FindHit(alone, "G1")->counted);
  EXPECT_EQ(FindHit(alone, "G1")->note, "gated: counts only with H1");
  EXPECT_EQ(alone.score, 1);
  EXPECT_EQ(alone.hits.back().rule_id, "G1");  // context after counted hits
  IndicatorReport with = scorer.Score("cherry kid", {});
  EXPECT_TRUE(FindHit(with, "G1")->counted);
  EXPECT_EQ(with.score, 5);
  EXPECT_EQ(with.headline, "H1");
}

struct DemographicCase {
  const char* text;
  bool recorded;
  int score;
};

TEST(IndicatorScorerTest, DemographicRulesAreGatedCappedAndNeverTheHeadline) {
  const IndicatorScorer scorer = MakeScorer();
  const DemographicCase cases[] = {
      {"exotic", false, 0},                     // alone: not even recorded
      {"exotic foreign", false, 0},             // two demographic alone
      {"exotic delta", false, 2},               // one other
      {"exotic alpha bravo", false, 2},         // two others, neither medium
      {"exotic alpha delta", true, 4},          // counts: one low step
      {"exotic foreign alpha delta", true, 4},  // both share that one step
      {"exotic foreign kid alpha delta", true, 8},
  };
  for (const DemographicCase& c : cases) {
    const IndicatorReport report = scorer.Score(c.text, {});
    EXPECT_EQ(FindHit(report, "D1") != nullptr, c.recorded) << c.text;
    EXPECT_EQ(report.score, c.score) << c.text;
    if (!report.hits.empty()) {
      EXPECT_FALSE(report.hits.front().demographic) << c.text;
    }
    EXPECT_NE(report.headline, "D1");
    EXPECT_NE(report.headline, "D2");
    int demographic_points = 0;
    for (const IndicatorHit& hit : report.hits) {
      if (hit.demographic) demographic_points += hit.points;
    }
    EXPECT_LE(demographic_points, 1) << c.text;
  }
  // The demographic step never changes the band.
  EXPECT_EQ(scorer.Score("exotic alpha delta", {}).band, scorer.Score("alpha delta", {}).band);
}

Selector Phone(std::string raw, std::string value, size_t begin) {
  Selector s;
  s.kind = SelectorKind::kPhone;
  s.value = std::move(value);
  s.begin = begin;
  s.end = begin + raw.size();
  s.raw = std::move(raw);
  return s;
}

IndicatorRuleSet ContactRules() {
  IndicatorRuleSet set;
  set.version = "c";
  IndicatorRule obscured;
  obscured.id = "C01";
  obscured.category = "contact";
  obscured.kind = IndicatorKind::kContact;
  obscured.check = "obscured_phone";
  obscured.weight = kMedium;
  IndicatorRule several = obscured;
  several.id = "C02";
  several.check = "several_phones";
  several.weight = kLow;
  several.patterns = {"\\breceptionist\\b"};
  several.keywords = {"receptionist"};
  set.rules = {obscured, several};
  return set;
}

TEST(IndicatorScorerTest, ContactRulesReadThePhoneSelectors) {
  const IndicatorScorer scorer = MakeScorer(ContactRules());
  const std::string text = "call o7seven00 900123 or 07700 900456";
  const std::vector<Selector> phones = {Phone("o7seven00 900123", "+447700900123", 5),
                                        Phone("07700 900456", "+447700900456", 25)};
  IndicatorReport report = scorer.Score(text, phones);
  const IndicatorHit* c01 = FindHit(report, "C01");
  ASSERT_NE(c01, nullptr);
  ASSERT_EQ(c01->matches.size(), 1u);
  EXPECT_EQ(c01->matches[0].value, "+447700900123");
  EXPECT_EQ(text.substr(c01->matches[0].begin, c01->matches[0].end - c01->matches[0].begin),
            "o7seven00 900123");
  ASSERT_NE(FindHit(report, "C02"), nullptr);
  EXPECT_EQ(FindHit(report, "C02")->matches.size(), 2u);

  // One plain phone: nothing. The same phone twice is still one phone.
  report = scorer.Score(text, {phones[1], phones[1]});
  EXPECT_TRUE(report.hits.empty());
  // Found only by OCR: obscured, even though not in the text.
  ScoreInputs ocr;
  ocr.ocr_only_phones = {"+447700900789"};
  report = scorer.Score(text, {phones[1]}, ocr);
  ASSERT_NE(FindHit(report, "C01"), nullptr);
  EXPECT_EQ(FindHit(report, "C01")->matches[0].value, "+447700900789");
  EXPECT_EQ(FindHit(report, "C01")->matches[0].text, "(only in an image)");
  EXPECT_NE(FindHit(report, "C02"), nullptr);  // two numbers in one advert
  // A contact rule's own patterns also fire it.
  EXPECT_NE(FindHit(scorer.Score("ask the receptionist", {}), "C02"), nullptr);
}

TEST(IsObscuredPhoneTextTest, PlainPunctuationIsNotObscuring) {
  const std::pair<const char*, bool> cases[] = {
      {"07700 900123", false},
      {"07700-900-123", false},
      {"+44 (0) 7700 900123", false},
      {"(0113) 496 0123", false},
      {"07700.900.123", false},
      {"tel:+447700900123", false},
      {"https://wa.me/447700900123", false},
      {"07700\xE2\x80\x93"
       "900123",
       false},
      {"o7700 900123", true},
      {"07700 nine 00 123", true},
      {"[0][7][7]00 900123", true},
      {"((07)) 700 900123", true},
      {"0 7 7 0 0 9 0 0 1 2 3", true},
      {"07700 \xF0\x9F\x92\x8B 900123", true},
      {"07700*900*123", true},
      {"07700\n900123", true},
  };
  for (const auto& [raw, obscured] : cases) EXPECT_EQ(IsObscuredPhoneText(raw), obscured) << raw;
}

TEST(FindLowPricesTest, ShortBookingBelowThresholdOnly) {
  const std::pair<const char*, const char*> cases[] = {
      {"1hr \xC2\xA3"
       "35",
       "1hr \xC2\xA3"
       "35"},
      {"\xC2\xA3"
       "30 per hour",
       "\xC2\xA3"
       "30 per hour"},
      {"\xC2\xA3"
       "25/hr",
       "\xC2\xA3"
       "25/hr"},
      {"30 mins - \xC2\xA3"
       "20",
       "30 mins - \xC2\xA3"
       "20"},
      {"an hour for just \xC2\xA3"
       "30!",
       "an hour for just \xC2\xA3"
       "30"},
      {"half hour 25 quid", "half hour 25 quid"},
      {"\xC2\xA3"
       "39.99 p/h",
       "\xC2\xA3"
       "39.99 p/h"},
      {"\xC2\xA3"
       "20 for 30 minutes",
       "\xC2\xA3"
       "20 for 30 minutes"},
      {"1hr \xC2\xA3"
       "40",
       ""},  // not below the threshold
      {"1hr \xC2\xA3"
       "150, 30 min \xC2\xA3"
       "90",
       ""},
      {"2 hours \xC2\xA3"
       "30",
       ""},  // not a short booking
      {"15 min \xC2\xA3"
       "30",
       ""},
      {"\xC2\xA3"
       "30 deposit, 1 hour \xC2\xA3"
       "150",
       ""},
      {"overnight \xC2\xA3"
       "30",
       ""},
      {"age 30, 1 hour", ""},  // no currency
      {"room 25 hr", ""},
  };
  for (const auto& [text, expected] : cases) {
    const std::vector<IndicatorMatch> found = FindLowPrices(text, 40);
    if (*expected == '\0') {
      EXPECT_TRUE(found.empty()) << text << " -> " << found.front().text;
      continue;
    }
    ASSERT_EQ(found.size(), 1u) << text;
    EXPECT_EQ(found[0].text, expected) << text;
    EXPECT_EQ(std::string(text).substr(found[0].begin, found[0].end - found[0].begin), expected);
  }
}

constexpr int64_t kDay = 86'400'000;

IndicatorRule ManyTowns() {
  IndicatorRule rule;
  rule.id = "N01";
  rule.kind = IndicatorKind::kNetwork;
  rule.min_count = 3;
  rule.window_days = 14;
  return rule;
}

TEST(EvaluateSamePhoneManyTownsTest, FirstWindowWithEnoughDistinctTowns) {
  const std::string a = "+447700900111";
  const std::string b = "+447700900222";
  const std::vector<PhoneSighting> sightings = {
      {a, "York", 9 * kDay, "d4"},                                 // out of order on purpose
      {a, "Leeds", 0, "d1"},        {a, "leeds", 1 * kDay, "d2"},  // same town, other case
      {a, "Hull", 3 * kDay, "d3"},  {a, "Bath", 20 * kDay, "d5"},
      {b, "Leeds", 0, "e1"},        {b, "Hull", 1 * kDay, "e2"},
      {b, "Leeds", 2 * kDay, "e3"},  // only two distinct towns
      {"", "York", 0, "x"},         {b, "", 0, "y"},
  };
  const std::vector<NetworkHit> hits = EvaluateSamePhoneManyTowns(sightings, ManyTowns());
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].phone, a);
  EXPECT_EQ(hits[0].rule_id, "N01");
  ASSERT_EQ(hits[0].sightings.size(), 3u);
  EXPECT_EQ(hits[0].sightings[0].document_id, "d2");  // latest Leeds in the window
  EXPECT_EQ(hits[0].sightings[2].document_id, "d4");
  EXPECT_EQ(hits[0].first_ms, 1 * kDay);
  EXPECT_EQ(hits[0].last_ms, 9 * kDay);
  EXPECT_EQ(hits[0].summary, "the same number in leeds, Hull and York within 8 days");
}

TEST(EvaluateSamePhoneManyTownsTest, WindowIsInclusiveAtExactlyTheThreshold) {
  const std::string p = "+447700900333";
  const IndicatorRule rule = ManyTowns();
  std::vector<PhoneSighting> exact = {
      {p, "Leeds", 0, "1"}, {p, "Hull", 7 * kDay, "2"}, {p, "York", 14 * kDay, "3"}};
  EXPECT_EQ(EvaluateSamePhoneManyTowns(exact, rule).size(), 1u);
  exact[2].time_ms += 1;  // one millisecond past the window
  EXPECT_TRUE(EvaluateSamePhoneManyTowns(exact, rule).empty());
  IndicatorRule two = rule;
  two.min_count = 2;
  const std::vector<NetworkHit> hits = EvaluateSamePhoneManyTowns(exact, two);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].summary, "the same number in Leeds and Hull within 7 days");
  exact.resize(1);
  two.min_count = 1;
  EXPECT_EQ(EvaluateSamePhoneManyTowns(exact, two)[0].summary,
            "the same number in Leeds within 1 day");
}

TEST(IndicatorScorerTest, HostileTextIsBoundedInTime) {
  const IndicatorScorer scorer = MakeScorer();
  const std::string texts[] = {
      std::string(1 << 20, 'a'),
      [] {
        std::string s;
        while (s.size() < (1 << 20)) s += "alpha bravo kid cherry exotic on tour ";
        return s;
      }(),
      [] {
        std::string s;
        while (s.size() < (1 << 20)) s += "alph\xFF\xC3 tou kidx tour exoticx ";
        return s;
      }(),
      std::string(1 << 20, '\xC2'),
  };
  for (const std::string& text : texts) {
    const auto start = std::chrono::steady_clock::now();
    const IndicatorReport report = scorer.Score(text, {});
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_LT(seconds, 3.0);
    for (const IndicatorHit& hit : report.hits) EXPECT_LE(hit.matches.size(), 5u);
  }
  std::string prices;
  while (prices.size() < (1 << 20))
    prices +=
        "\xC2\xA3"
        "1 hr ";
  EXPECT_EQ(FindLowPrices(prices, 40).size(), IndicatorScorer::kMaxMatchesPerRule);
}

TEST(IndicatorScorerTest, PatternsWithNoLiteralStartUseKeywordsOrTheWholeText) {
  IndicatorRuleSet set;
  set.version = "w";
  set.rules = {TextRule("W1", kLow, "\\w+\\s+ladies\\b", "ladies"),
               TextRule("W2", kLow, ".gentlemen\\b", "")};
  set.rules[1].keywords.clear();
  const IndicatorScorer scorer = MakeScorer(set);
  const std::string text = std::string(300, 'x') + " many ladies and gentlemen";
  const IndicatorReport report = scorer.Score(text, {});
  ASSERT_NE(FindHit(report, "W1"), nullptr);
  EXPECT_EQ(FindHit(report, "W1")->matches[0].text, "many ladies");
  ASSERT_NE(FindHit(report, "W2"), nullptr);
  EXPECT_EQ(FindHit(report, "W2")->matches[0].text, " gentlemen");
  EXPECT_EQ(FindHit(report, "W2")->matches[0].begin, 316u);
  EXPECT_TRUE(scorer.Score(std::string(300, 'x') + " many lads", {}).hits.empty());
}

TEST(IndicatorScorerTest, SpansAreByteOffsetsAfterNonAsciiText) {
  const IndicatorScorer scorer = MakeScorer();
  // Two-, three- and four-byte characters (and a surrogate pair in UTF-16)
  // before the match; white space of several kinds inside it.
  const std::string text = "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x8D\x92 on\xC2\xA0\n tour";
  const IndicatorReport report = scorer.Score(text, {});
  ASSERT_EQ(report.hits.size(), 1u);
  const IndicatorMatch& m = report.hits[0].matches[0];
  EXPECT_EQ(m.begin, 10u);
  EXPECT_EQ(m.end, text.size());
  EXPECT_EQ(m.text, "on\xC2\xA0\n tour");
}

TEST(IndicatorScorerTest, SpansStayExactBetweenManyNonAsciiAndBadBytes) {
  const IndicatorScorer scorer = MakeScorer();
  // Wide characters, a surrogate pair, a cut sequence and a stray
  // continuation byte before, between and after the matches.
  const struct {
    const char* text;
    const char* id;
    const char* match;
  } cases[] = {
      {"\xF0\x9F\x8D\x92"
       "alpha \xE2\x82 bravo",
       "A1", "alpha"},
      {"\xF0\x9F\x8D\x92"
       "alpha \xE2\x82 bravo",
       "B1", "bravo"},
      {"\x80\xC3\xA9 delta\xF0\x9F\x8D\x92 x", "M1", "delta"},
      {"\xE2\x82\xAC\xE2\x82\xAC\xE2\x82\xAC on\xE2\x80\x83tour \xC3\xA9", "Z1",
       "on\xE2\x80\x83tour"},
      {"\xC3\xA9\xFF echo", "M2", "echo"},
  };
  for (const auto& c : cases) {
    const std::string text = c.text;
    const IndicatorReport report = scorer.Score(text, {});
    const IndicatorHit* hit = FindHit(report, c.id);
    ASSERT_NE(hit, nullptr) << c.id;
    ASSERT_FALSE(hit->matches.empty());
    EXPECT_EQ(hit->matches[0].text, c.match) << c.id;
    EXPECT_EQ(hit->matches[0].begin, text.find(c.match)) << c.id;
    EXPECT_EQ(hit->matches[0].end, text.find(c.match) + std::string(c.match).size()) << c.id;
  }
}

TEST(IndicatorScorerTest, TextPastTheCapIsNotScoredAndSaysSo) {
  const IndicatorScorer scorer = MakeScorer();
  std::string text(IndicatorScorer::kMaxScoredBytes, ' ');
  text += " kid";
  const IndicatorReport report = scorer.Score(text, {});
  EXPECT_TRUE(report.hits.empty());
  EXPECT_TRUE(report.truncated);
  EXPECT_FALSE(scorer.Score("kid", {}).truncated);
}

TEST(IndicatorScorerTest, ScoresFromManyThreadsAlike) {
  const IndicatorScorer scorer = MakeScorer();
  const std::string texts[] = {"alpha delta exotic", "kid cherry", "on tour", "echo bravo"};
  std::vector<int> expected;
  for (const std::string& text : texts) expected.push_back(scorer.Score(text, {}).score);
  std::vector<std::thread> threads;
  std::atomic<int> mismatches{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 200; ++i) {
        const size_t k = static_cast<size_t>(i) % std::size(texts);
        if (scorer.Score(texts[k], {}).score != expected[k]) ++mismatches;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(mismatches.load(), 0);
}

TEST(IndicatorScorerTest, DisabledAndNetworkRulesAreNotScored) {
  IndicatorRuleSet set = TestRules();
  set.rules[0].enabled = false;
  set.rules[1].kind = IndicatorKind::kNetwork;
  const IndicatorScorer scorer = MakeScorer(set);
  EXPECT_TRUE(scorer.Score("alpha bravo", {}).hits.empty());
}

}  // namespace
}  // namespace harrier::extractors
