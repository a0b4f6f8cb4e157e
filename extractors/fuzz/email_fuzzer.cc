// libFuzzer target: ExtractEmails and NormalizeEmail on arbitrary bytes.
#include <cstdint>

#include "extractors/email_extractor.h"
#include "extractors/fuzz/fuzz_checks.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace harrier::extractors;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  CheckSelectors(text, ExtractEmails(text));
  (void)NormalizeEmail(text);
  return 0;
}
