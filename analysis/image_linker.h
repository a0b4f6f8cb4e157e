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
#include <functional>
#include <opencv2/core/mat.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "imageproc/image_match_stage.h"
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
      : store_(store), clock_(clock), matcher_(match_distance), min_quality_(min_quality) {
    stage_.pdq_threshold = match_distance;
    stage_.min_quality = min_quality;
  }

  // Builds both indexes from the store; returns how many hashes were read.
  Result<size_t> Load();

  // A newly stored image (already committed, so it has a row): matched,
  // then added to the index. Its global PDQ and dihedral variants go through
  // the indexes; its sub-windows are compared with every watchlist photo
  // that has them (crops, letterbox, text over the photo), confirmed by ORB
  // when the entry has features, else raised as a "subwindow" lead.
  // `pixels` decodes the image, only when a candidate needs the ORB check.
  using PixelLoader = std::function<Result<cv::Mat>()>;
  Result<LinkOutcome> OnImage(const std::string& sha256, const imageproc::ImageSignature& image,
                              const PixelLoader& pixels);

  // A newly added watchlist entry: matched against every stored image, by
  // the global index and then by the sub-windows every image keeps (a scan
  // of the stored windows: adding a photo is rare, images are many). With
  // the entry's ORB features a candidate is confirmed on the image's pixels
  // from `pixels_of(sha256)`.
  using PixelsOf = std::function<Result<cv::Mat>(const std::string& sha256)>;
  Result<LinkOutcome> OnWatchlistEntry(const store::WatchlistImage& entry,
                                       const imageproc::PdqDihedralHashes& pdq,
                                       const PixelsOf& pixels_of = nullptr);

  // What a photo matches, without recording anything (`harrier match`).
  std::vector<imageproc::ImageMatch> MatchImages(const imageproc::PdqDihedralHashes& pdq) const {
    return matcher_.MatchImages(pdq);
  }
  std::vector<imageproc::ImageMatch> MatchWatchlist(const imageproc::PdqDihedralHashes& pdq) const {
    return matcher_.MatchWatchlist(pdq);
  }

  const imageproc::ImageMatcher& matcher() const { return matcher_; }

 private:
  struct Listed {
    store::WatchlistImage entry;
    imageproc::ImageSignature signature;
    std::optional<imageproc::OrbFeatures> orb;
  };

  Result<std::optional<int64_t>> Raise(const store::WatchlistImage& entry,
                                       const store::ImageRecord& image, int distance,
                                       const std::string& method);
  // The second stage against every watchlist photo with sub-windows that
  // the global stage did not already match.
  Status MatchWindows(const store::ImageRecord& self, const imageproc::ImageSignature& image,
                      const PixelLoader& pixels, const std::vector<uint64_t>& already,
                      LinkOutcome* outcome);
  // The second stage of one (image, listed photo) pair: nullopt when no
  // match, else the method ("subwindow+orb", or "subwindow" for an entry
  // without features) and distance.
  std::optional<std::pair<std::string, int>> DecideWindows(
      const imageproc::ImageSignature& image, const Listed& listed, const PixelLoader& pixels,
      std::optional<cv::Mat>* decoded, std::optional<imageproc::LazyOrbFeatures>* features) const;
  // A watchlist entry's stored windows and features, decoded.
  Status Remember(const store::WatchlistImage& entry);

  std::vector<Listed> listed_;  // watchlist photos with sub-window hashes
  // Every window of every listed photo, id = (index in listed_) << 8 |
  // window: a query window within the larger sub-window radius of one finds
  // every photo the second stage could match, so only those are compared.
  imageproc::HashIndex windows_;

  store::Store& store_;
  const Clock& clock_;
  imageproc::ImageMatcher matcher_;
  int min_quality_;
  imageproc::MatchOptions stage_;
};

}  // namespace harrier::analysis

#endif  // HARRIER_ANALYSIS_IMAGE_LINKER_H_
