// libFuzzer target: IndicatorScorer with rules of every kind (text patterns,
// a low-price rule, a gated and a demographic rule, contact checks) on
// arbitrary text. Every match must lie inside the text.
#include <cstdint>
#include <cstdlib>

#include "extractors/indicators.h"

namespace {

harrier::IndicatorRuleSet Rules() {
  using harrier::IndicatorRule;
  using harrier::IndicatorWeight;
  harrier::IndicatorRuleSet set;
  set.version = "fuzz";
  IndicatorRule voice;
  voice.id = "T01";
  voice.name = "third-party voice";
  voice.category = "text";
  voice.weight = IndicatorWeight::kMedium;
  voice.patterns = {R"(\bshe\s+is\s+(?:waiting|available)\b)", R"(\bour\s+(?:ladies|girls)\b)"};
  IndicatorRule price = voice;
  price.id = "T09";
  price.name = "very low price";
  price.weight = IndicatorWeight::kLow;
  price.patterns = {R"(\banything\s+goes\b)"};
  price.max_price = 40;
  IndicatorRule origin = voice;
  origin.id = "T06";
  origin.name = "nationality";
  origin.weight = IndicatorWeight::kLow;
  origin.demographic = true;
  origin.patterns = {R"(\bnew\s+\w+\s+girls?\b)"};
  IndicatorRule obscured = voice;
  obscured.id = "C01";
  obscured.category = "contact";
  obscured.kind = harrier::IndicatorKind::kContact;
  obscured.check = "obscured_phone";
  obscured.patterns.clear();
  set.rules = {voice, price, origin, obscured};
  return set;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace harrier::extractors;
  static const IndicatorScorer* const scorer = [] {
    auto created = IndicatorScorer::Create(Rules());
    if (!created.ok()) std::abort();
    return new IndicatorScorer(std::move(*created));
  }();
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  harrier::Selector phone;
  phone.kind = harrier::SelectorKind::kPhone;
  phone.value = "+447700900123";
  phone.raw = std::string(text.substr(0, size / 2));
  phone.end = size / 2;
  const IndicatorReport report = scorer->Score(text, {phone});
  for (const IndicatorHit& hit : report.hits) {
    for (const IndicatorMatch& m : hit.matches) {
      if (m.begin > m.end || m.end > text.size()) std::abort();
    }
  }
  (void)IsObscuredPhoneText(text);
  (void)FindLowPrices(text, 40);
  return 0;
}
