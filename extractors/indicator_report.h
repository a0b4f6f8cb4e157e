// Internal to the indicator scorer: the counting step, separate from matching
// so that it reads as the reference's fairness rules and nothing else.
#ifndef HARRIER_EXTRACTORS_INDICATOR_REPORT_H_
#define HARRIER_EXTRACTORS_INDICATOR_REPORT_H_

#include <cstddef>
#include <vector>

#include "extractors/indicators.h"

namespace harrier::extractors {

// `scored`: indices of the rules that were evaluated, in file order;
// `gates[r]`: indices of rule r's gate rules; `matches[r]`: what fired rule r
// (empty: it did not fire).
IndicatorReport ResolveIndicatorReport(const IndicatorRuleSet& set,
                                       const std::vector<size_t>& scored,
                                       const std::vector<std::vector<size_t>>& gates,
                                       std::vector<std::vector<IndicatorMatch>> matches);

}  // namespace harrier::extractors

#endif  // HARRIER_EXTRACTORS_INDICATOR_REPORT_H_
