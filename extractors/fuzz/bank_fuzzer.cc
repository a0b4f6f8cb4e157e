// libFuzzer target: ExtractBankDetails on arbitrary bytes; every IBAN and
// account value must be one the Normalize functions accept unchanged.
#include <cstdint>
#include <cstdlib>

#include "extractors/bank_extractor.h"
#include "extractors/fuzz/fuzz_checks.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace harrier::extractors;
  using harrier::SelectorKind;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto found = ExtractBankDetails(text);
  CheckSelectors(text, found);
  for (const auto& s : found) {
    const auto again =
        s.kind == SelectorKind::kIban ? NormalizeIban(s.value) : NormalizeBankAccount(s.value);
    if (again != s.value) std::abort();
  }
  (void)NormalizeIban(text);
  (void)NormalizeBankAccount(text);
  return 0;
}
