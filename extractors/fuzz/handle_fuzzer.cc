// libFuzzer target for the handle and e-mail extractors: any bytes in, and
// every selector out must quote its span exactly, keep the value format of
// core/selector.h, and (for e-mails) normalise back to itself.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "extractors/email_extractor.h"
#include "extractors/handle_extractor.h"

namespace {

void CheckSpan(std::string_view text, const harrier::Selector& s) {
  if (s.begin > s.end || s.end > text.size()) __builtin_trap();
  if (text.substr(s.begin, s.end - s.begin) != s.raw) __builtin_trap();
  if (!(s.confidence > 0.0 && s.confidence <= 1.0)) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace harrier::extractors;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (const harrier::Selector& s : ExtractHandles(text)) {
    CheckSpan(text, s);
    const size_t colon = s.value.find(':');
    if (colon == std::string::npos) __builtin_trap();
    if (NormalizeHandle(s.value.substr(0, colon), s.value.substr(colon + 1)) != s.value) {
      __builtin_trap();
    }
  }
  for (const harrier::Selector& s : ExtractEmails(text)) {
    CheckSpan(text, s);
    if (NormalizeEmail(s.value) != s.value) __builtin_trap();
  }
  (void)NormalizeHandle(text.substr(0, size / 3), text.substr(size / 3));
  (void)NormalizeEmail(text);
  return 0;
}
