#include "config/indicator_loader.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <fstream>
#include <set>
#include <string>

namespace harrier::config {
namespace {

const std::string kSourceDir = HARRIER_SOURCE_DIR;

// Writes `content` to a fresh temporary file, removed at the end of scope.
class TempFile {
 public:
  explicit TempFile(const std::string& content) {
    char pattern[] = "/tmp/harrier_indicators_XXXXXX";
    const int fd = mkstemp(pattern);
    EXPECT_GE(fd, 0);
    if (fd >= 0) close(fd);
    path_ = pattern;
    std::ofstream(path_, std::ios::binary) << content;
  }
  ~TempFile() { unlink(path_.c_str()); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

constexpr char kRuleT01[] =
    "[[rule]]\n"                            // line 2
    "id = \"T01\"\n"                        // 3
    "name = \"third-party voice\"\n"        // 4
    "category = \"text\"\n"                 // 5
    "weight = \"medium\"\n"                 // 6
    "patterns = ['\\bour\\s+ladies\\b']\n"  // 7
    "keywords = [\"ladies\"]\n"             // 8
    "rationale = \"written about her\"\n"   // 9
    "evidence = \"[NCA-ES]\"\n";            // 10

std::string WithVersion(const std::string& rest) { return "version = \"t1\"\n" + rest; }

TEST(LoadIndicatorRulesTest, ShippedRulesLoadWithEveryReferenceRule) {
  Result<IndicatorRuleSet> set = LoadIndicatorRules(kSourceDir + "/config/indicators.toml");
  ASSERT_TRUE(set.ok()) << set.status().message();
  EXPECT_FALSE(set->version.empty());
  std::set<std::string> ids;
  for (const IndicatorRule& rule : set->rules) {
    ids.insert(rule.id);
    EXPECT_FALSE(rule.rationale.empty()) << rule.id;
    EXPECT_FALSE(rule.evidence.empty()) << rule.id;
    EXPECT_FALSE(rule.false_positives.empty()) << rule.id;
    EXPECT_GT(rule.line, 0) << rule.id;
  }
  for (const char* id : {"T01", "T02", "T03", "T04", "T05", "T06", "T07", "T08", "T09", "T10",
                         "C01", "C02", "Z01", "N01", "N02", "N05", "N06", "P01"}) {
    EXPECT_TRUE(ids.contains(id)) << id;
  }
}

TEST(LoadIndicatorRulesTest, ReadsEveryFieldOfARule) {
  TempFile file(WithVersion(std::string(kRuleT01) +
                            "gate = [\"N01\"]\n"
                            "enabled = false\n"
                            "false_positives = \"duos\"\n"
                            "max_price = 35\n"
                            "[[rule]]\n"
                            "id = \"N01\"\nname = \"n\"\ncategory = \"network\"\n"
                            "kind = \"network\"\ncheck = \"same_phone_many_towns\"\n"
                            "weight = \"medium\"\nmin_count = 3\nwindow_days = 14\n"
                            "min_adverts = 2\nrationale = \"r\"\nevidence = \"[IS14]\"\n"));
  Result<IndicatorRuleSet> set = LoadIndicatorRules(file.path());
  ASSERT_TRUE(set.ok()) << set.status().message();
  EXPECT_EQ(set->version, "t1");
  ASSERT_EQ(set->rules.size(), 2u);
  const IndicatorRule& t = set->rules[0];
  EXPECT_EQ(t.id, "T01");
  EXPECT_EQ(t.weight, IndicatorWeight::kMedium);
  EXPECT_EQ(t.kind, IndicatorKind::kText);
  EXPECT_EQ(t.patterns, std::vector<std::string>{"\\bour\\s+ladies\\b"});
  EXPECT_EQ(t.gate, std::vector<std::string>{"N01"});
  EXPECT_FALSE(t.enabled);
  EXPECT_EQ(t.max_price, 35);
  EXPECT_EQ(t.line, 2);
  const IndicatorRule& n = set->rules[1];
  EXPECT_EQ(n.kind, IndicatorKind::kNetwork);
  EXPECT_EQ(n.check, "same_phone_many_towns");
  EXPECT_EQ(n.min_count, 3);
  EXPECT_EQ(n.window_days, 14);
  EXPECT_EQ(n.min_adverts, 2);
}

struct BadCase {
  std::string content;
  std::string expected;  // the message after "<path>:"
};

TEST(LoadIndicatorRulesTest, BadFilesNameFileLineAndKey) {
  const std::string t01 = kRuleT01;
  const BadCase cases[] = {
      {t01, "1: version: missing"},
      {"version = \"v\"\n", "1: rule: no [[rule]] tables in the file"},
      {WithVersion(t01 + "wieght = \"low\"\n"),
       "11: rule.T01.wieght: unknown key (did you mean weight?)"},
      {WithVersion("rules = 1\n" + t01), "2: rules: unknown key (did you mean rule?)"},
      {WithVersion(std::string(kRuleT01).replace(t01.find("\"medium\""), 8, "\"severe\"")),
       "6: rule.T01.weight: \"severe\" is not a weight (expected zero, low, medium or high)"},
      {WithVersion(t01 + t01), "12: rule.T01.id: duplicate id \"T01\" (first used at line 2)"},
      {WithVersion(t01 + "gate = [\"T99\"]\n"), "11: rule.T01.gate: \"T99\" names no rule"},
      {WithVersion(t01 + "gate = [\"T01\"]\n"), "11: rule.T01.gate: a rule cannot gate itself"},
      {WithVersion(t01 + "kind = \"image\"\n"), "11: rule.T01.kind: \"image\" is not a kind"},
      {WithVersion(std::string(kRuleT01).replace(t01.find("\"text\""), 6, "\"vibes\"")),
       "5: rule.T01.category: \"vibes\" is not a category"},
      {WithVersion(std::string(kRuleT01).replace(t01.find("[\"ladies\"]"), 10, "[\"Ladies\"]")),
       "8: rule.T01.keywords: \"Ladies\" must be non-empty and lower-case"},
      {WithVersion(t01 + "kind = \"contact\"\ncheck = \"vibes\"\n"),
       "12: rule.T01.check: \"vibes\" is not a contact check"},
      {WithVersion(t01 + "demographic = true\n"),
       "6: rule.T01.weight: a demographic rule adds at most one low step"},
      {WithVersion(t01 + "max_price = -1\n"), "11: rule.T01.max_price: -1 is out of range"},
      {WithVersion(std::string(kRuleT01).replace(t01.find("\"T01\""), 5, "\"t 1\"")),
       "3: rule[1].id: \"t 1\" is not a rule id"},
      {WithVersion("[[rule]]\nid = \"N01\"\nname = \"n\"\ncategory = \"network\"\n"
                   "kind = \"network\"\ncheck = \"same_phone_many_towns\"\nweight = \"medium\"\n"
                   "window_days = 14\nrationale = \"r\"\nevidence = \"e\"\n"),
       "2: rule.N01.min_count: missing"},
      {WithVersion("rule = 3\n"), "2: rule: expected [[rule]] tables"},
      {WithVersion("[[rule]\n"), "2: syntax: "},
  };
  for (const BadCase& c : cases) {
    TempFile file(c.content);
    Result<IndicatorRuleSet> set = LoadIndicatorRules(file.path());
    ASSERT_FALSE(set.ok()) << c.expected;
    EXPECT_EQ(set.status().code(), StatusCode::kInvalidArgument);
    const std::string expected = file.path() + ":" + c.expected;
    EXPECT_EQ(set.status().message().substr(0, expected.size()), expected)
        << "whole message: " << set.status().message();
  }
}

TEST(LoadIndicatorRulesTest, MissingFileIsNotFound) {
  Result<IndicatorRuleSet> set = LoadIndicatorRules("/nonexistent/indicators.toml");
  ASSERT_FALSE(set.ok());
  EXPECT_EQ(set.status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace harrier::config
