#include "extractors/regex_prefix.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace harrier::extractors {
namespace {

using Strings = std::vector<std::string>;

struct PrefixCase {
  const char* pattern;
  std::optional<Strings> expected;
};

TEST(LiteralPrefixesTest, EveryMatchStartsWithOneOfThePrefixes) {
  const PrefixCase cases[] = {
      {"\\bShe\\s+is", Strings{"she is"}},
      {"\\b(?:call|Text)\\s+us", Strings{"call us", "text us"}},
      {"\\b(?:100\\s*%\\s*)?real\\s+ph",
       Strings{"100 % real p", "100 %real ph", "100% real ph", "100%real ph", "real ph"}},
      {"a\\s\\s\\tb", Strings{"a b"}},  // white-space runs are one " "
      {"a\\s*b", Strings{"a b", "ab"}},
      {"a\\s{2,}b", Strings{"a b"}},
      {"a(?:\\s|-)?b", Strings{"a b", "a-b", "ab"}},
      {"\\d+ girls", Strings{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}},
      {"[ab]c", Strings{"ac", "bc"}},
      {"[a-c]", Strings{"a", "b", "c"}},
      {"[\\x{27}\\x{2019}]s", Strings{"'s", "\xE2\x80\x99s"}},
      {"\\bphotos?\\b", Strings{"photo"}},
      {"ab?c", Strings{"abc", "ac"}},
      {"a*b", Strings{"a", "b"}},
      {"a+b", Strings{"a"}},
      {"(?:ab){2}c", Strings{"ababc"}},
      {"(?:ab){4}c", Strings{"ab"}},
      {"a{1,}b", Strings{"a"}},
      {"x{0,1}y", Strings{"xy", "y"}},
      {"\\bnew(?:\\s|-)?in", Strings{"new in", "new-in", "newin"}},
      {"\\bt(?:ee|33)n", Strings{"t33n", "teen"}},
      {"\\x{1F352}|\\x{1F451}", Strings{"\xF0\x9F\x8D\x92", "\xF0\x9F\x91\x91"}},
      {"won[\\x{27}\\x{2019}]?t", Strings{"won't", "wont", "won\xE2\x80\x99t"}},
      {"\\bdon\\x{2019}t", Strings{"don\xE2\x80\x99t"}},
      {"(?=a)ab", Strings{"ab"}},
      {"(?i)Ab", Strings{"ab"}},
      {"\\Qa.b\\E+", Strings{"a.b"}},
      {"24\\s*/\\s*7", Strings{"24 / 7", "24 /7", "24/ 7", "24/7"}},
      {"a\\.b", Strings{"a.b"}},
      {"abcdefghijklmnopqrstuvwxyz", Strings{"abcdefghijkl"}},
      // A match may begin with something the byte scan cannot name.
      {"\\w+ girls", std::nullopt},
      {"[^ab]c", std::nullopt},
      {"[a-z]c", std::nullopt},  // more than 16
      {"[[:alpha:]]c", std::nullopt},
      {".c", std::nullopt},
      {"(?:|a)b", Strings{"ab", "b"}},
      {"(?:|a)", std::nullopt},
      {"a?", std::nullopt},
      {"\\w+", std::nullopt},
      {"caf\xC3\xA9", Strings{"caf"}},
      {"\xC3\xA9t\xC3\xA9", std::nullopt},  // cased non-ASCII letter first
      {"(?x) a b", std::nullopt},
      {"(unclosed", std::nullopt},
      {"*a", std::nullopt},
      {"", std::nullopt},
  };
  for (const PrefixCase& c : cases) {
    const std::optional<Strings> got = LiteralPrefixes(c.pattern);
    ASSERT_EQ(got.has_value(), c.expected.has_value()) << c.pattern;
    if (got) {
      EXPECT_EQ(*got, *c.expected) << c.pattern;
    }
  }
}

TEST(LiteralPrefixesTest, SmallBoundedRepeatsAreSpeltOut) {
  const std::optional<Strings> got = LiteralPrefixes("\\d{1,2}\\s+girls");
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->size(), 110u);
  EXPECT_NE(std::find(got->begin(), got->end(), "7 girls"), got->end());
  EXPECT_NE(std::find(got->begin(), got->end(), "42 girls"), got->end());
}

TEST(StartsWithWordBoundaryTest, OnlyWhenEveryAlternativeStartsAtTheBoundary) {
  const std::pair<const char*, bool> cases[] = {
      {"\\bfoo", true},       {"\\b(?:foo|bar)", true}, {"\\bfoo|bar", false},
      {"foo\\b", false},      {"\\b?foo", false},       {"\\b[|]foo", true},
      {"\\bfoo\\|bar", true}, {"\\b(a)|b", false},      {"\\b[]|]x", true},
  };
  for (const auto& [pattern, expected] : cases) {
    EXPECT_EQ(StartsWithWordBoundary(pattern), expected) << pattern;
  }
}

TEST(LiteralPrefixesTest, HugeAlternationsAndDeepNestingGiveUp) {
  std::string wide;
  for (int i = 0; i < 300; ++i) wide += (i ? "|" : "") + std::string("w") + std::to_string(i);
  EXPECT_FALSE(LiteralPrefixes(wide).has_value());
  const std::string deep = std::string(200, '(') + "a" + std::string(200, ')');
  EXPECT_FALSE(LiteralPrefixes(deep).has_value());
  std::string product;
  for (int i = 0; i < 8; ++i) product += "(?:a|b)";
  ASSERT_TRUE(LiteralPrefixes(product).has_value());
  EXPECT_EQ(LiteralPrefixes(product)->size(), 256u);
  // One more doubling: the prefixes stop growing instead.
  EXPECT_EQ(LiteralPrefixes(product + "(?:a|b)")->size(), 256u);
}

struct RequiredCase {
  const char* pattern;
  std::vector<Strings> expected;
};

TEST(RequiredLiteralsTest, EveryMatchContainsOneLiteralOfEachSet) {
  const RequiredCase cases[] = {
      {"\\bgirls\\b", {{"girls"}}},
      // "arrived" or "landed" is implied by the whole and not kept.
      {"\\bjust\\s+(?:arrived|landed)\\b", {{"just arrived", "just landed"}}},
      // The exact sets multiply until they pass 16 strings; each run then
      // gives what it requires, and the longest shortest literal comes first.
      {"\\b(?:\\d{1,2}|two|many)\\s+(?:(?:lovely|new)\\s+)?(?:girls|ladies)\\s+"
       "(?:available|working|on\\s+(?:duty|shift))\\b",
       {{"available", "on duty", "on shift", "working"}, {"girls", "ladies"}}},
      // "different girls" contains "girls": the shorter says the same.
      {"(?:different\\s+)?girls", {{"girls"}}},
      // 9 x 2 strings pass 16: two runs, two sets.
      {"\\bnew(?:\\s|-)?in(?:\\s|-)?t(?:ow|wo)n\\b",
       {{"new in t", "new in-t", "new int", "new-in t", "new-in-t", "new-int", "newin t", "newin-t",
         "newint"},
        {"own", "won"}}},
      {"\\bcall\\s*me\\b", {{"call me", "callme"}}},
      {"(?:abc)+x", {{"abc"}}},
      {"x\\w+yyyy", {{"yyyy"}}},
      {"\\x{1F352}|\\x{1F451}", {{"\xF0\x9F\x8D\x92", "\xF0\x9F\x91\x91"}}},
      {"caf\xC3\xA9s", {{"caf"}}},  // a cased non-ASCII letter ends the literal
      // A branch that requires nothing makes the alternation require nothing.
      {"girls|\\w+", {}},
      {"(?:girls)?", {}},
      {"(?:girls)*x", {}},
      {"ab", {}},    // shorter than 3 bytes: not worth a search
      {"\\s+", {}},  // white space only
      {"(unclosed", {}},
  };
  for (const RequiredCase& c : cases) {
    EXPECT_EQ(RequiredLiterals(c.pattern), c.expected) << c.pattern;
  }
}

// The plain reading of CollapseSpaces: each white-space character (ICU \s)
// of a run after the first is dropped, the first becomes " "; per byte of the
// result, the source offset it came from.
std::pair<std::string, std::vector<size_t>> CollapseByHand(std::string_view text) {
  const std::string_view spaces[] = {
      " ",        "\t",           "\n",           "\f",           "\r",
      "\xC2\xA0", "\xE3\x80\x80", "\xE2\x80\x83", "\xE2\x80\xA8", "\xE2\x81\x9F"};
  std::string out;
  std::vector<size_t> origin;
  for (size_t i = 0; i < text.size();) {
    size_t len = 0;
    for (std::string_view s : spaces) {
      if (text.substr(i).starts_with(s)) len = s.size();
    }
    if (len == 0) {
      out += text[i];
      origin.push_back(i++);
      continue;
    }
    if (out.empty() || out.back() != ' ') {
      out += ' ';
      origin.push_back(i);
    }
    i += len;
  }
  origin.push_back(text.size());
  return {out, origin};
}

TEST(CollapseSpacesTest, RunsBecomeOneSpaceAndEveryByteKnowsItsSource) {
  const std::string pieces[] = {"a",        "bc",           " ",
                                "  ",       "\t",           "\n\n",
                                "\xC2\xA0", "\xE3\x80\x80", "\xE2\x80\x83",
                                "\xC2\xA3", "\xE2\x82\xAC", "x y",
                                "word ",    "\r\n"};
  std::mt19937 random(20261206);
  CollapsedText got;  // reused, as the scorer does
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const int count = static_cast<int>(random() % 40);
    for (int k = 0; k < count; ++k) text += pieces[random() % std::size(pieces)];
    SCOPED_TRACE(text);
    const auto [want, origin] = CollapseByHand(text);
    CollapseSpaces(text, &got);
    ASSERT_EQ(got.text(), want);
    for (size_t i = 0; i <= want.size(); ++i) ASSERT_EQ(got.Origin(i), origin[i]) << i;
    for (size_t offset = 0; offset <= text.size(); ++offset) {
      const size_t index = got.IndexAt(offset);
      const size_t first = static_cast<size_t>(
          std::lower_bound(origin.begin(), origin.end(), offset) - origin.begin());
      ASSERT_EQ(index, std::min(first, want.size())) << offset;
    }
  }
}

}  // namespace
}  // namespace harrier::extractors
