// Invariants every extractor's output must keep, checked by the libFuzzer
// targets: spans inside the text, raw equal to the span, position order,
// confidence in (0, 1]. A broken invariant aborts, which libFuzzer reports
// as a crash with the input that caused it.
#ifndef HARRIER_EXTRACTORS_FUZZ_FUZZ_CHECKS_H_
#define HARRIER_EXTRACTORS_FUZZ_FUZZ_CHECKS_H_

#include <cstdlib>
#include <string_view>
#include <vector>

#include "core/selector.h"

namespace harrier::extractors {

inline void CheckSelectors(std::string_view text, const std::vector<Selector>& selectors,
                           bool raw_is_span = true) {
  size_t previous_begin = 0;
  for (const Selector& s : selectors) {
    if (s.begin > s.end || s.end > text.size() || s.begin < previous_begin) std::abort();
    if (raw_is_span && text.substr(s.begin, s.end - s.begin) != s.raw) std::abort();
    if (!(s.confidence > 0.0 && s.confidence <= 1.0) || s.value.empty()) std::abort();
    previous_begin = s.begin;
  }
}

}  // namespace harrier::extractors

#endif  // HARRIER_EXTRACTORS_FUZZ_FUZZ_CHECKS_H_
