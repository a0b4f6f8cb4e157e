// libFuzzer target: PhoneExtractor (region GB, drama ranges accepted) on
// arbitrary bytes.
#include <cstdint>

#include "extractors/fuzz/fuzz_checks.h"
#include "extractors/phone_extractor.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace harrier::extractors;
  static const PhoneExtractor* const extractor = new PhoneExtractor("GB", true);
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  CheckSelectors(text, extractor->Extract(text));
  (void)extractor->Normalize(text);
  return 0;
}
