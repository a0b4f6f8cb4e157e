// Loads config/indicators.toml into an IndicatorRuleSet: every key checked,
// every problem reported as "<file>:<line>: <key>: <what>". Patterns are not
// compiled here (config/ does not link ICU): the scorer's constructor checks
// them and names the rule and pattern.
#ifndef HARRIER_CONFIG_INDICATOR_LOADER_H_
#define HARRIER_CONFIG_INDICATOR_LOADER_H_

#include <string>

#include "core/indicator_rule.h"
#include "core/status.h"

namespace harrier::config {

// NotFound when `path` does not exist, IoError when it cannot be read,
// InvalidArgument naming the first problem's file, line and key otherwise:
// syntax errors, unknown keys (with "did you mean"), unknown weights, kinds,
// categories or checks, duplicate ids, a gate naming no rule, upper-case
// keywords, missing thresholds on network rules.
Result<IndicatorRuleSet> LoadIndicatorRules(const std::string& path);

}  // namespace harrier::config

#endif  // HARRIER_CONFIG_INDICATOR_LOADER_H_
