// libFuzzer target: NormalizeForExtraction in both formats. The map back to
// the source must stay inside it and never go backwards, and the prepared
// text must hold no carriage return or non-ASCII digit.
#include <cstdint>
#include <cstdlib>

#include "extractors/normalizer.h"

namespace {

void CheckMap(std::string_view source, const harrier::extractors::NormalizedText& n) {
  if (n.source_begin.size() != n.text.size() || n.source_end.size() != n.text.size()) std::abort();
  for (size_t i = 0; i < n.text.size(); ++i) {
    if (n.source_begin[i] > n.source_end[i] || n.source_end[i] > source.size()) std::abort();
    if (i > 0 &&
        (n.source_begin[i] < n.source_begin[i - 1] || n.source_end[i] < n.source_end[i - 1])) {
      std::abort();
    }
    if (n.text[i] == '\r') std::abort();
  }
  const auto [begin, end] = n.SourceSpan(0, n.text.size());
  if (begin > end || end > source.size()) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace harrier::extractors;
  const std::string_view source(reinterpret_cast<const char*>(data), size);
  CheckMap(source, NormalizeForExtraction(source, InputFormat::kText));
  CheckMap(source, NormalizeForExtraction(source, InputFormat::kHtml));
  (void)LooksLikeHtml(source);
  return 0;
}
