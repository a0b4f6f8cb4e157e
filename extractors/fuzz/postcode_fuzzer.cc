// libFuzzer target: ExtractPostcodes and NormalizePostcode on arbitrary bytes.
#include <cstdint>

#include "extractors/fuzz/fuzz_checks.h"
#include "extractors/postcode_extractor.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace harrier::extractors;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  CheckSelectors(text, ExtractPostcodes(text));
  (void)NormalizePostcode(text);
  return 0;
}
