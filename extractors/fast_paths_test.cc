// The fast paths taken for throughput (docs/benchmarks.md, fourth pass)
// agree with plain reference readings: snippets stored a chunk at a time,
// the keyword scan that memchr's to its one start byte, the scorer's literal
// rests compared 8 bytes at a time, and the link prefixes of a phone's raw
// text found without a lower-case copy.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "extractors/indicators.h"
#include "extractors/keyword_scanner.h"
#include "extractors/text_extractor.h"
#include "extractors/utf8.h"

namespace harrier::extractors {
namespace {

// MakeSnippet read the slow way: one character at a time.
std::string ReferenceSnippet(std::string_view text, size_t begin, size_t end, size_t context) {
  end = std::min(end, text.size());
  begin = std::min(begin, end);
  const size_t from = CharStartAtOrBefore(text, begin > context ? begin - context : 0);
  const size_t to = CharEndAtOrAfter(text, end + std::min(context, text.size() - end));
  std::string out = from > 0 ? "…" : "";
  const size_t start = out.size();
  bool pending = false;
  for (size_t pos = from; pos < to;) {
    size_t length = 0;
    const char32_t c = CodePointAt(text, pos, &length);
    if (length == 0) length = 1;
    if (IsSpace(c)) {
      pending = true;
    } else {
      if (pending && out.size() > start) out += ' ';
      pending = false;
      out.append(text.substr(pos, length));
    }
    pos += length;
  }
  if (to < text.size()) out += "…";
  return out;
}

TEST(FastPathsTest, SnippetsMatchACharacterByCharacterCollapse) {
  // Single spaces (the whole-chunk path), runs of spaces, line breaks and
  // tabs, spaces at chunk edges, and characters that are not ASCII, some of
  // them white space (no-break space, ideographic space).
  const std::vector<std::string> pieces = {"a",        "bc",    "word",         " ",
                                           " ",        " ",     "  ",           "\n",
                                           "\t",       "\r\n",  "\xC2\xA0",     "\xE3\x80\x80",
                                           "\xC3\xA9", "07700", "\xE2\x80\x93", "."};
  std::mt19937 random(20261206);
  for (int round = 0; round < 4000; ++round) {
    std::string text;
    const size_t parts = random() % 80;
    for (size_t i = 0; i < parts; ++i) text += pieces[random() % pieces.size()];
    const size_t begin = text.empty() ? 0 : random() % text.size();
    const size_t end = begin + random() % 12;
    const size_t context = random() % 70;
    ASSERT_EQ(MakeSnippet(text, begin, end, context), ReferenceSnippet(text, begin, end, context))
        << "text \"" << text << "\" " << begin << " " << end << " " << context;
  }
}

TEST(FastPathsTest, SnippetOfProseKeepsSingleSpacesAndDropsEdgeSpaces) {
  const std::string text = "   Call Jess on 07700 900123 today, any time after six pm.   ";
  EXPECT_EQ(MakeSnippet(text, 16, 28, 200),
            "Call Jess on 07700 900123 today, any time after six pm.");
  EXPECT_EQ(MakeSnippet(text, 16, 28, 8), "…Jess on 07700 900123 today,…");
}

using Found = std::vector<std::tuple<size_t, size_t, size_t>>;

// Every occurrence of every keyword, ASCII case-insensitively, by brute force.
Found ReferenceScan(const std::vector<std::string>& keywords, std::string_view text) {
  Found found;
  for (size_t k = 0; k < keywords.size(); ++k) {
    const std::string& w = keywords[k];
    for (size_t b = 0; b + w.size() <= text.size(); ++b) {
      bool same = true;
      for (size_t i = 0; i < w.size() && same; ++i) {
        same = AsciiToLower(text[b + i]) == AsciiToLower(w[i]);
      }
      if (same) found.emplace_back(k, b, b + w.size());
    }
  }
  return found;
}

TEST(FastPathsTest, KeywordScanWithOneStartByteFindsWhatBruteForceFinds) {
  // Every keyword starts with 0xF0 (emoji), as the scorer's own literals
  // do: the scan jumps between 0xF0 bytes with memchr.
  const std::vector<std::string> keywords = {"\xF0\x9F\x8D\x92", "\xF0\x9F\x91\x91",
                                             "\xF0\x9F\x92\x97", "\xF0\x9F"};
  const KeywordScanner scanner(keywords);
  const std::vector<std::string> pieces = {"\xF0", "\x9F", "\x8D", "\x92",
                                           "\x91", "\x97", "a",    " "};
  std::mt19937 random(7700900);
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const size_t parts = random() % 60;
    for (size_t i = 0; i < parts; ++i) text += pieces[random() % pieces.size()];
    Found fast;
    scanner.Scan(text, [&](size_t k, size_t b, size_t e) { fast.emplace_back(k, b, e); });
    Found slow = ReferenceScan(keywords, text);
    const auto by_place = [](const auto& x, const auto& y) {
      return std::make_tuple(std::get<2>(x), std::get<1>(x), std::get<0>(x)) <
             std::make_tuple(std::get<2>(y), std::get<1>(y), std::get<0>(y));
    };
    std::sort(fast.begin(), fast.end(), by_place);
    std::sort(slow.begin(), slow.end(), by_place);
    ASSERT_EQ(fast, slow);
  }
}

IndicatorScorer ScorerFor(const std::string& pattern, const std::string& keyword) {
  IndicatorRuleSet set;
  set.version = "fast-paths";
  IndicatorRule rule;
  rule.id = "L1";
  rule.name = "long literal";
  rule.category = "text";
  rule.weight = IndicatorWeight::kLow;
  rule.patterns = {pattern};
  rule.keywords = {keyword};
  set.rules = {rule};
  Result<IndicatorScorer> scorer = IndicatorScorer::Create(std::move(set));
  EXPECT_TRUE(scorer.ok()) << scorer.status().message();
  return std::move(scorer).value();
}

size_t Matches(const IndicatorScorer& scorer, std::string_view text) {
  const IndicatorReport report = scorer.Score(text, {});
  return report.hits.empty() ? 0 : report.hits[0].matches.size();
}

TEST(FastPathsTest, LiteralRestsLongerThanEightBytesMatchInAnyCase) {
  // Key "genu", rest "inely verified": 8 bytes compared at once, the other 6
  // one by one.
  const IndicatorScorer scorer = ScorerFor("\\bgenuinely\\s+verified\\b", "genuinely");
  EXPECT_EQ(Matches(scorer, "GENUINELY   Verified, and more words after it"), 1u);
  EXPECT_EQ(Matches(scorer, "genuinely verifieD"), 1u);
  // A difference in the first 8 bytes of the rest, and one after them.
  EXPECT_EQ(Matches(scorer, "genuinelx verified and more words after it"), 0u);
  EXPECT_EQ(Matches(scorer, "genuinely verifies and more words after it"), 0u);
  // '@' and '[' sit either side of 'A'..'Z': they are not folded.
  EXPECT_EQ(Matches(scorer, "genu@nely verified and more"), 0u);
}

TEST(FastPathsTest, ShortLiteralRestsMatchAtTheEndOfTheText) {
  // Fewer than 8 bytes after the key: the byte-by-byte comparison.
  const IndicatorScorer scorer = ScorerFor("\\bwidely\\b", "widely");
  EXPECT_EQ(Matches(scorer, "known WIDELY"), 1u);
  EXPECT_EQ(Matches(scorer, "known wideLY and far"), 1u);
  EXPECT_EQ(Matches(scorer, "known widelz"), 0u);
}

TEST(FastPathsTest, ObscuredPhoneTextIsReadAfterTheLastLinkPrefix) {
  EXPECT_FALSE(IsObscuredPhoneText("tel:07700900123"));
  EXPECT_FALSE(IsObscuredPhoneText("TEL:+447700900123"));
  EXPECT_FALSE(IsObscuredPhoneText("https://WA.ME/447700900123"));
  EXPECT_FALSE(IsObscuredPhoneText("sms:tel:07700 900123"));
  EXPECT_TRUE(IsObscuredPhoneText("tel:O77OO 900123"));
  EXPECT_TRUE(IsObscuredPhoneText("07700 nine 00123"));
  // "call:" is no link prefix: its letters count.
  EXPECT_TRUE(IsObscuredPhoneText("call:07700 900123"));
}

}  // namespace
}  // namespace harrier::extractors
