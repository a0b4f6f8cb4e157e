// Links images: each new advert image against every earlier one (adverts
// re-using a photo, across sites and towns) and against the watchlist
// photos investigators supplied; each new watchlist photo against every
// image already collected. Near-duplicate pairs are recorded; a watchlist
// match raises an alert for review with the advert, its URL, when the image
// was captured, the distance and both hashes. A pair already decided is
// never raised again (the store keeps alerts unique per pair).
// Thread-safety: not synchronised; one thread (the collector's committer or
// a CLI command) owns it and the store.
#ifndef HARRIER_ANALYSIS_IMAGE_LINKER_H_
#define HARRIER_ANALYSIS_IMAGE_LINKER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "imageproc/image_matcher.h"
#include "imageproc/pdq.h"
#include "store/store.h"

namespace harrier::analysis {

struct LinkOutcome {
  int near_duplicates = 0;      // new image pairs recorded
  std::vector<int64_t> alerts;  // ids of alerts raised
};

class ImageLinker {
 public:
  ImageLinker(store::Store& store, const Clock& clock, int match_distance, int min_quality)
      : store_(store), clock_(clock), matcher_(match_distance), min_quality_(min_quality) {}

  // Builds both indexes from the store; returns how many hashes were read.
  Result<size_t> Load();

  // A newly stored image (already committed, so it has a row): matched,
  // then added to the index. Images of low PDQ quality are neither.
  Result<LinkOutcome> OnImage(const std::string& sha256, const imageproc::PdqDihedralHashes& pdq);

  // A newly added watchlist entry: matched against every stored image.
  Result<LinkOutcome> OnWatchlistEntry(const store::WatchlistImage& entry,
                                       const imageproc::PdqDihedralHashes& pdq);

  // What a photo matches, without recording anything (`harrier match`).
  std::vector<imageproc::ImageMatch> MatchImages(const imageproc::PdqDihedralHashes& pdq) const {
    return matcher_.MatchImages(pdq);
  }
  std::vector<imageproc::ImageMatch> MatchWatchlist(const imageproc::PdqDihedralHashes& pdq) const {
    return matcher_.MatchWatchlist(pdq);
  }

  const imageproc::ImageMatcher& matcher() const { return matcher_; }

 private:
  Result<std::optional<int64_t>> Raise(const store::WatchlistImage& entry,
                                       const store::ImageRecord& image, int distance,
                                       const std::string& method);

  store::Store& store_;
  const Clock& clock_;
  imageproc::ImageMatcher matcher_;
  int min_quality_;
};

}  // namespace harrier::analysis

#endif  // HARRIER_ANALYSIS_IMAGE_LINKER_H_
