// One trafficking-indicator rule as configured in config/indicators.toml:
// what to look for in advert text, its weight and why. config/ loads them;
// extractors/ applies the text rules; analysis/ applies the rules that need
// the store (same phone in several towns, ...).
#ifndef HARRIER_CORE_INDICATOR_RULE_H_
#define HARRIER_CORE_INDICATOR_RULE_H_

#include <string>
#include <vector>

namespace harrier {

enum class IndicatorWeight { kZero, kLow, kMedium, kHigh };

struct IndicatorRule {
  std::string id;        // "T01"
  std::string name;      // "third-party voice"
  std::string category;  // text | contact | image | network | posting
  IndicatorWeight weight = IndicatorWeight::kLow;
  // Case-insensitive ICU regular expressions over the normalised text; the
  // rule fires when any matches (text rules). Empty for rules computed
  // elsewhere (contact, network).
  std::vector<std::string> patterns;
  // Rule ids that must also fire for this one to count (a gated rule such as
  // nationality counts only beside other indicators).
  std::vector<std::string> gate;
  bool demographic = false;  // nationality/ethnicity/language: capped, never the headline
  bool enabled = true;
  std::string rationale;
  std::string evidence;        // cites, e.g. "[JIRN]"
  std::string false_positives;
  // Network rules: thresholds, e.g. min_towns = 3, window_days = 14.
  int min_count = 0;
  int window_days = 0;
};

struct IndicatorRuleSet {
  std::string version;  // stored with every score, e.g. "2026-12-06.1"
  std::vector<IndicatorRule> rules;
};

}  // namespace harrier

#endif  // HARRIER_CORE_INDICATOR_RULE_H_
