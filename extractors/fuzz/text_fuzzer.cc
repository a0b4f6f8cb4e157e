// libFuzzer target: TextExtractor (every extractor together, after
// normalisation) on arbitrary bytes read as text and as HTML. Spans refer to
// the source and raw is exactly the source bytes they cover.
#include <cstdint>

#include "extractors/fuzz/fuzz_checks.h"
#include "extractors/text_extractor.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace harrier::extractors;
  static const TextExtractor* const extractor = new TextExtractor();
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  CheckSelectors(text, extractor->Extract(text, InputFormat::kText));
  CheckSelectors(text, extractor->Extract(text, InputFormat::kHtml));
  return 0;
}
