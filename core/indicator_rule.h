// One trafficking-indicator rule as configured in config/indicators.toml:
// what to look for in advert text, its weight and why. config/ loads them;
// extractors/ applies the text and contact rules; analysis/ applies the rules
// that need the store (same phone in several towns, ...).
#ifndef HARRIER_CORE_INDICATOR_RULE_H_
#define HARRIER_CORE_INDICATOR_RULE_H_

#include <string>
#include <string_view>
#include <vector>

namespace harrier {

// low = counts only in combination; medium = meaningful with one other
// indicator; high = enough alone to reach the review queue. zero = shown as
// context only (the evidence says it does not separate trafficking).
enum class IndicatorWeight { kZero, kLow, kMedium, kHigh };

// "zero" | "low" | "medium" | "high".
inline std::string_view IndicatorWeightName(IndicatorWeight weight) {
  switch (weight) {
    case IndicatorWeight::kZero:
      return "zero";
    case IndicatorWeight::kLow:
      return "low";
    case IndicatorWeight::kMedium:
      return "medium";
    case IndicatorWeight::kHigh:
      return "high";
  }
  return "low";
}

// Where a rule is evaluated.
enum class IndicatorKind {
  kText,     // patterns (and max_price) over one advert's normalised text
  kContact,  // a `check` over the advert's selectors, plus optional patterns
  kNetwork,  // needs the store (several adverts); never scored on one text
};

struct IndicatorRule {
  std::string id;        // "T01"
  std::string name;      // "third-party voice"
  std::string category;  // text | contact | image | network | posting
  IndicatorKind kind = IndicatorKind::kText;
  IndicatorWeight weight = IndicatorWeight::kLow;
  // Case-insensitive ICU regular expressions over the normalised text; the
  // rule fires when any matches. Word boundaries are written in the pattern.
  // The scorer derives the literals each match must start with and tries a
  // pattern only where they occur.
  std::vector<std::string> patterns;
  // Only for a pattern with no such literal (it may start with \w, '.', a
  // large class): lower-case literals of which every match contains one, so
  // it runs only near them; without them it runs over the whole text.
  std::vector<std::string> keywords;
  // Computed checks. Contact: "obscured_phone" | "several_phones". Network:
  // "same_phone_many_towns" | "phone_many_names" | "rotating_incall" |
  // "shared_premises" | "bulk_posting". Empty for plain text rules.
  std::string check;
  // Text rules: also fire on a price stated for 30 minutes to an hour that is
  // below this many whole pounds (0 = no price check).
  int max_price = 0;
  // Rule ids that must also fire and count for this one to count (e.g. the
  // youth-emoji rule counts only beside youth wording).
  std::vector<std::string> gate;
  // Nationality/ethnicity/language: counts only beside >= 2 other counted
  // indicators (one medium or high), adds at most one low step, never the
  // headline.
  bool demographic = false;
  bool enabled = true;
  std::string rationale;
  std::string evidence;  // cites, e.g. "[JIRN]"
  std::string false_positives;
  // Network rules: thresholds, e.g. min_count = 3 (towns), window_days = 14;
  // min_adverts for rules that also need a number of adverts (bulk posting).
  int min_count = 0;
  int window_days = 0;
  int min_adverts = 0;
  int line = 0;  // line of its [[rule]] in the file it came from; 0 if none
};

struct IndicatorRuleSet {
  std::string version;  // stored with every score, e.g. "2026-12-06.1"
  std::vector<IndicatorRule> rules;
};

}  // namespace harrier

#endif  // HARRIER_CORE_INDICATOR_RULE_H_
