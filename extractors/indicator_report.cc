// Turning the rules that fired into a report: which count, the score, the
// band, the headline and the order of the hits.
#include "extractors/indicator_report.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace harrier::extractors {

int IndicatorPoints(IndicatorWeight weight) {
  switch (weight) {
    case IndicatorWeight::kZero:
      return 0;
    case IndicatorWeight::kLow:
      return 1;
    case IndicatorWeight::kMedium:
      return 2;
    case IndicatorWeight::kHigh:
      return 4;
  }
  return 0;
}

std::string_view IndicatorBandName(IndicatorBand band) {
  switch (band) {
    case IndicatorBand::kNone:
      return "none";
    case IndicatorBand::kLow:
      return "low";
    case IndicatorBand::kReview:
      return "review";
    case IndicatorBand::kPriority:
      return "priority";
  }
  return "none";
}

namespace {

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

// 0: counted, non-demographic; 1: counted demographic; 2: shown as context.
int HitGroup(const IndicatorHit& hit) { return !hit.counted ? 2 : hit.demographic ? 1 : 0; }

void OrderHits(std::vector<IndicatorHit>* hits) {
  const auto before = [](const IndicatorHit& a, const IndicatorHit& b) {
    if (HitGroup(a) != HitGroup(b)) return HitGroup(a) < HitGroup(b);
    if (a.weight != b.weight) return a.weight > b.weight;
    return a.matches.front().begin < b.matches.front().begin;
  };
  // A stable insertion sort: at most one hit per rule, a handful in an
  // advert, and stable_sort would allocate a buffer for them. Same order.
  for (auto it = hits->begin(); it != hits->end(); ++it) {
    std::rotate(std::upper_bound(hits->begin(), it, *it, before), it, it + 1);
  }
}

IndicatorBand BandOf(bool high, size_t counted, size_t categories, int score) {
  if (high || (counted >= 3 && categories >= 2)) return IndicatorBand::kPriority;
  if (score >= 3) return IndicatorBand::kReview;
  return score >= 1 ? IndicatorBand::kLow : IndicatorBand::kNone;
}

}  // namespace

// Counting, reference §3: a gated rule counts only when its gate rules count;
// a demographic rule only beside >= 2 counted others (one medium or high),
// all demographic rules together add one low step, never change the band and
// are never the headline; zero-weight rules are context.
IndicatorReport ResolveIndicatorReport(const IndicatorRuleSet& set,
                                       const std::vector<size_t>& scored,
                                       const std::vector<std::vector<size_t>>& gates,
                                       std::vector<std::vector<IndicatorMatch>> matches) {
  const std::vector<IndicatorRule>& rules = set.rules;
  std::vector<uint8_t> counted(rules.size());  // bytes: read per rule, often
  auto gate_met = [&](size_t r) {
    return std::all_of(gates[r].begin(), gates[r].end(), [&](size_t g) { return counted[g]; });
  };
  for (bool changed = true; changed;) {  // gates may chain
    changed = false;
    for (size_t r : scored) {
      const IndicatorRule& rule = rules[r];
      if (counted[r] || matches[r].empty() || rule.demographic ||
          rule.weight == IndicatorWeight::kZero || !gate_met(r)) {
        continue;
      }
      counted[r] = changed = true;
    }
  }
  IndicatorReport report;
  report.version = set.version;
  size_t others = 0;
  bool strong = false;
  bool high = false;
  // Distinct categories: a handful of views, no set of copied strings.
  std::vector<std::string_view> categories;
  for (size_t r : scored) {
    if (!counted[r]) continue;
    ++others;
    strong |= rules[r].weight >= IndicatorWeight::kMedium;
    high |= rules[r].weight == IndicatorWeight::kHigh;
    if (std::find(categories.begin(), categories.end(), rules[r].category) == categories.end()) {
      categories.push_back(rules[r].category);
    }
    report.score += IndicatorPoints(rules[r].weight);
  }
  report.band = BandOf(high, others, categories.size(), report.score);
  const bool demographic_allowed = others >= 2 && strong;
  int demographic_points = 1;
  for (size_t r : scored) {
    const IndicatorRule& rule = rules[r];
    if (matches[r].empty()) continue;
    IndicatorHit hit{
        rule.id, rule.name, rule.category,  rule.weight,  rule.demographic, counted[r] != 0, 0,
        "",      {},        rule.rationale, rule.evidence};
    hit.matches = std::move(matches[r]);
    if (rule.demographic) {
      // Not counted: not recorded at all (sensitive processing).
      if (!demographic_allowed || rule.weight == IndicatorWeight::kZero || !gate_met(r)) {
        continue;
      }
      hit.counted = true;
      hit.points = demographic_points;
      demographic_points = 0;
      report.score += hit.points;
      hit.note = "demographic: counted beside " + std::to_string(others) +
                 " other indicators; one low step at most for all demographic rules";
    } else if (counted[r]) {
      hit.points = IndicatorPoints(rule.weight);
    } else if (rule.weight == IndicatorWeight::kZero) {
      hit.note = "zero weight: shown as context, adds nothing";
    } else {
      hit.note = "gated: counts only with " + Join(rule.gate);
    }
    report.hits.push_back(std::move(hit));
  }
  OrderHits(&report.hits);
  if (!report.hits.empty() && HitGroup(report.hits.front()) == 0) {
    report.headline = report.hits.front().rule_id;
  }
  return report;
}

}  // namespace harrier::extractors
