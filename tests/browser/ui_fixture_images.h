// Images for the UI fixture, drawn with OpenCV (shapes and a caption, never
// people): each advert's photo, a near-duplicate of one (re-encoded, slightly
// shifted), and a "watchlist photo" close to another.
#ifndef HARRIER_TESTS_BROWSER_UI_FIXTURE_IMAGES_H_
#define HARRIER_TESTS_BROWSER_UI_FIXTURE_IMAGES_H_

#include <string>

#include "core/status.h"
#include "store/image_records.h"

namespace harrier::fixture {

// A PNG of 320x240 pixels whose content depends on `seed`; `variant` > 0
// changes it slightly (a small shift and one extra mark), so that its PDQ
// hash stays within a near-duplicate distance of variant 0.
std::string DrawPhoto(int seed, int variant, const std::string& caption);

// The analysis the daemon would store for these bytes (hashes, size), and
// the SHA-256 of the bytes.
struct AnalysedImage {
  std::string bytes;
  std::string sha256;
  std::string mime;
  store::ImageAnalysis analysis;
};
Result<AnalysedImage> Analyse(std::string bytes);

// Hamming distance of two PDQ hex hashes (-1 when one does not parse).
int PdqDistance(const std::string& a, const std::string& b);

}  // namespace harrier::fixture

#endif  // HARRIER_TESTS_BROWSER_UI_FIXTURE_IMAGES_H_
