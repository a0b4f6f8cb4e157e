// libFuzzer target: TextExtractor::Extract (every extractor together) on
// arbitrary bytes. Spans refer to the source; raw is not compared with
// them because the TextExtractor may report raw from the prepared text.
#include <cstdint>

#include "extractors/fuzz/fuzz_checks.h"
#include "extractors/text_extractor.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace harrier::extractors;
  static const TextExtractor* const extractor = new TextExtractor();
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  CheckSelectors(text, extractor->Extract(text), /*raw_is_span=*/false);
  return 0;
}
