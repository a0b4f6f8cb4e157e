// libFuzzer target: PlaceExtractor over a small built-in gazetteer with the
// hard cases (multi-word names, a common-word town, a name held by two
// places), and the GeoNames reader on the same bytes.
#include <cstdint>
#include <memory>

#include "extractors/fuzz/fuzz_checks.h"
#include "extractors/gazetteer.h"
#include "extractors/place_extractor.h"

namespace {

std::shared_ptr<const harrier::extractors::Gazetteer> Places() {
  using harrier::extractors::Place;
  std::vector<Place> places = {
      {"1", "Leeds", {}, 53.79, -1.55, "GB", "England", "Leeds", 455000},
      {"2", "Milton Keynes", {}, 52.04, -0.76, "GB", "England", "Milton Keynes", 230000},
      {"3", "Reading", {}, 51.45, -0.97, "GB", "England", "Reading", 230000},
      {"4", "Newport", {}, 51.58, -3.0, "GB", "Wales", "Newport", 145000},
      {"5", "Newport", {}, 50.70, -1.29, "GB", "England", "Isle of Wight", 25000},
      {"6", "Stoke-on-Trent", {"Stoke"}, 53.0, -2.18, "GB", "England", "Stoke-on-Trent", 255000},
  };
  return std::make_shared<const harrier::extractors::Gazetteer>(std::move(places));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace harrier::extractors;
  static const PlaceExtractor* const extractor = new PlaceExtractor(Places());
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  CheckSelectors(text, extractor->Extract(text));
  (void)Gazetteer::FromGeoNamesTsv(text);
  return 0;
}
