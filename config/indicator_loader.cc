// config/indicators.toml -> IndicatorRuleSet. The array of [[rule]] tables is
// moved out of the root (moving keeps toml++'s source lines) so that the root
// and each rule get a TableReader with its unknown-key check.
#include "config/indicator_loader.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "config/table_reader.h"

namespace harrier::config {

namespace {

constexpr std::string_view kCategories[] = {"text", "contact", "image", "network", "posting"};
constexpr std::string_view kContactChecks[] = {"obscured_phone", "several_phones"};
constexpr std::string_view kNetworkChecks[] = {"same_phone_many_towns", "phone_many_names",
                                               "rotating_incall", "shared_premises",
                                               "bulk_posting"};

template <size_t N>
bool OneOf(std::string_view value, const std::string_view (&list)[N]) {
  return std::find(std::begin(list), std::end(list), value) != std::end(list);
}

template <size_t N>
std::string ListOf(const std::string_view (&list)[N]) {
  std::string out;
  for (std::string_view item : list) out += (out.empty() ? "" : ", ") + std::string(item);
  return out;
}

bool IsRuleId(std::string_view id) {
  return !id.empty() && id.size() <= 16 && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

std::optional<IndicatorWeight> ParseWeight(std::string_view name) {
  if (name == "zero") return IndicatorWeight::kZero;
  if (name == "low") return IndicatorWeight::kLow;
  if (name == "medium") return IndicatorWeight::kMedium;
  if (name == "high") return IndicatorWeight::kHigh;
  return std::nullopt;
}

std::optional<IndicatorKind> ParseKind(std::string_view name) {
  if (name == "text") return IndicatorKind::kText;
  if (name == "contact") return IndicatorKind::kContact;
  if (name == "network") return IndicatorKind::kNetwork;
  return std::nullopt;
}

// A string key that must be present as one non-empty line.
void RequireLine(TableReader& r, std::string_view key, std::string* out) {
  if (!r.Has(key)) return r.Fail(key, "missing");
  if (r.ReadString(key, out) && (out->empty() || HasControlChar(*out))) {
    r.Fail(key, "must be one non-empty line of text");
  }
}

void ReadWeightAndKind(TableReader& r, IndicatorRule* rule) {
  std::string text;
  if (!r.Has("weight")) {
    r.Fail("weight", "missing (zero, low, medium or high)");
  } else if (r.ReadString("weight", &text)) {
    if (std::optional<IndicatorWeight> w = ParseWeight(text)) {
      rule->weight = *w;
    } else {
      r.Fail("weight", Quote(text) + " is not a weight (expected zero, low, medium or high)");
    }
  }
  text = "text";
  if (r.ReadString("kind", &text)) {
    if (std::optional<IndicatorKind> k = ParseKind(text)) {
      rule->kind = *k;
    } else {
      r.Fail("kind", Quote(text) + " is not a kind (expected text, contact or network)");
    }
  }
  RequireLine(r, "category", &rule->category);
  if (!rule->category.empty() && !OneOf(rule->category, kCategories)) {
    r.Fail("category",
           Quote(rule->category) + " is not a category (expected " + ListOf(kCategories) + ")");
  }
}

void ReadMatching(TableReader& r, IndicatorRule* rule) {
  std::vector<int> lines;
  if (r.ReadStringArray("patterns", &rule->patterns, &lines)) {
    for (size_t i = 0; i < rule->patterns.size(); ++i) {
      if (rule->patterns[i].empty()) r.FailAt(lines[i], "patterns", "empty pattern");
    }
  }
  if (r.ReadStringArray("keywords", &rule->keywords, &lines)) {
    for (size_t i = 0; i < rule->keywords.size(); ++i) {
      const std::string& k = rule->keywords[i];
      if (k.empty() ||
          std::any_of(k.begin(), k.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) {
        r.FailAt(lines[i], "keywords", Quote(k) + " must be non-empty and lower-case");
      }
    }
  }
  r.ReadString("check", &rule->check);
  r.ReadInt("max_price", 0, 100000, &rule->max_price);
  r.ReadStringArray("gate", &rule->gate);
  r.ReadBool("demographic", &rule->demographic);
  r.ReadBool("enabled", &rule->enabled);
  r.ReadInt("min_count", 1, 1000, &rule->min_count);
  r.ReadInt("window_days", 1, 3650, &rule->window_days);
  r.ReadInt("min_adverts", 1, 100000, &rule->min_adverts);
}

// What the kind requires of the other keys.
void CheckKind(TableReader& r, const IndicatorRule& rule) {
  switch (rule.kind) {
    case IndicatorKind::kText:
      if (!rule.check.empty()) r.Fail("check", "text rules have no check (set kind)");
      if (rule.patterns.empty() && rule.max_price == 0) {
        r.Fail("patterns", "a text rule needs patterns or max_price");
      }
      break;
    case IndicatorKind::kContact:
      if (!OneOf(rule.check, kContactChecks)) {
        r.Fail("check", Quote(rule.check) + " is not a contact check (expected " +
                            ListOf(kContactChecks) + ")");
      }
      break;
    case IndicatorKind::kNetwork:
      if (!OneOf(rule.check, kNetworkChecks)) {
        r.Fail("check", Quote(rule.check) + " is not a network check (expected " +
                            ListOf(kNetworkChecks) + ")");
      }
      if (!rule.patterns.empty()) r.Fail("patterns", "network rules have no patterns");
      if (rule.min_count == 0) r.Fail("min_count", "missing (network rules need a threshold)");
      if (rule.window_days == 0) r.Fail("window_days", "missing (network rules need a window)");
      break;
  }
  if (rule.demographic && rule.weight > IndicatorWeight::kLow) {
    r.Fail("weight", "a demographic rule adds at most one low step; use zero or low");
  }
}

IndicatorRule ReadRule(const toml::table& table, size_t index, Problems* problems,
                       std::map<std::string, int>* key_lines) {
  IndicatorRule rule;
  rule.line = LineOf(table);
  std::string prefix = "rule[" + std::to_string(index + 1) + "]";
  if (const toml::node* id = table.get("id");
      id != nullptr && id->is_string() && IsRuleId(id->as_string()->get())) {
    prefix = "rule." + id->as_string()->get();
  }
  TableReader r(table, prefix, problems, key_lines);
  RequireLine(r, "id", &rule.id);
  if (!rule.id.empty() && !IsRuleId(rule.id)) {
    r.Fail("id", Quote(rule.id) + " is not a rule id (1 to 16 of A-Z, 0-9 and _, e.g. \"T01\")");
  }
  RequireLine(r, "name", &rule.name);
  ReadWeightAndKind(r, &rule);
  ReadMatching(r, &rule);
  RequireLine(r, "rationale", &rule.rationale);
  RequireLine(r, "evidence", &rule.evidence);
  r.ReadString("false_positives", &rule.false_positives);
  CheckKind(r, rule);
  r.RejectUnknown();
  return rule;
}

// Duplicate ids, and gates that name no rule or the rule itself.
void CheckReferences(const std::vector<IndicatorRule>& rules, const toml::array& tables,
                     Problems* problems, std::map<std::string, int>* key_lines) {
  std::map<std::string, int> first_line;
  for (size_t i = 0; i < rules.size(); ++i) {
    const IndicatorRule& rule = rules[i];
    if (rule.id.empty()) continue;
    auto [it, fresh] = first_line.emplace(rule.id, rule.line);
    if (!fresh) {
      TableReader r(*tables[i].as_table(), "rule." + rule.id, problems, key_lines);
      r.Fail("id", "duplicate id " + Quote(rule.id) + " (first used at line " +
                       std::to_string(it->second) + ")");
    }
  }
  for (size_t i = 0; i < rules.size(); ++i) {
    for (const std::string& gate : rules[i].gate) {
      if (first_line.contains(gate) && gate != rules[i].id) continue;
      TableReader r(*tables[i].as_table(), "rule." + rules[i].id, problems, key_lines);
      r.Fail("gate", gate == rules[i].id ? "a rule cannot gate itself"
                                         : Quote(gate) + " names no rule in this file");
    }
  }
}

}  // namespace

Result<IndicatorRuleSet> LoadIndicatorRules(const std::string& path) {
  Result<toml::table> parsed = ParseTomlFile(path, "indicator rules");
  if (!parsed.ok()) return parsed.status();
  toml::table root = std::move(*parsed);
  Problems problems(path);
  std::map<std::string, int> key_lines;

  toml::array tables;
  if (toml::node* node = root.get("rule")) {
    if (node->is_array()) {
      tables = std::move(*node->as_array());
    } else {
      problems.Add(LineOf(*node), "rule", "expected [[rule]] tables");
    }
    root.erase("rule");
  } else {
    problems.Add(1, "rule", "no [[rule]] tables in the file");
  }
  IndicatorRuleSet set;
  TableReader r(root, "", &problems, &key_lines);
  RequireLine(r, "version", &set.version);
  r.ReadTable("rule");  // declared known; moved out above
  r.RejectUnknown();

  bool all_tables = true;
  for (size_t i = 0; i < tables.size(); ++i) {
    if (const toml::table* table = tables[i].as_table()) {
      set.rules.push_back(ReadRule(*table, i, &problems, &key_lines));
    } else {
      problems.Add(LineOf(tables[i]), "rule", "expected [[rule]] tables");
      all_tables = false;
    }
  }
  if (all_tables) CheckReferences(set.rules, tables, &problems, &key_lines);
  if (!problems.empty()) return problems.First();
  return set;
}

}  // namespace harrier::config
