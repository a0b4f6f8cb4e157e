// The match decision for one (query, reference) image pair, from their hashes:
// global PDQ first, then its dihedral variants, then the sub-window stage,
// whose candidates must pass the ORB geometric check before they count.
// The caller finds the pairs (an index lookup per hash, see below) and owns
// the pixels; nothing here touches storage. Thread-safe except LazyOrbFeatures.
//
// Which hashes to look up, and where, for a query against references:
//  - query PDQ and its 8 dihedral hashes, radius pdq_threshold (31), in the
//    index of reference PDQs;
//  - query kWhole and kContent windows, radius crop_threshold, in the index of
//    reference kWhole, kContent and kCrop windows (the query is a crop, or is
//    letterboxed); if the query also has kCrop windows, those against
//    reference kWhole and kContent (the reference is a crop of the query);
//  - query kStrip i, radius strip_threshold, against reference kStrip i.
// Then DecideMatch on each reference found.
#ifndef HARRIER_IMAGEPROC_IMAGE_MATCH_STAGE_H_
#define HARRIER_IMAGEPROC_IMAGE_MATCH_STAGE_H_

#include <optional>
#include <string_view>
#include <utility>

#include "core/status.h"
#include "imageproc/geometric_check.h"
#include "imageproc/pdq.h"
#include "imageproc/subwindow_hashes.h"

namespace harrier::imageproc {

// What the matcher knows of one image.
struct ImageSignature {
  PdqHash pdq;                                // the global PDQ, with its quality
  std::optional<PdqDihedralHashes> dihedral;  // all 8, when computed
  SubwindowHashes windows;
};

// PDQ, its dihedral hashes and the sub-window hashes of one decoded image.
// Same inputs and errors as ComputePdq.
Result<ImageSignature> ComputeImageSignature(const cv::Mat& image,
                                             const SubwindowOptions& windows = {});

// kSubwindow: a sub-window candidate accepted without the geometric check
// (only when MatchOptions::require_geometry is false).
enum class MatchMethod { kNone, kPdq, kPdqDihedral, kSubwindowOrb, kSubwindow };

// "none", "pdq", "pdq-dihedral", "subwindow+orb", "subwindow".
std::string_view MatchMethodName(MatchMethod method);

struct MatchOptions {
  int pdq_threshold = kPdqMatchThreshold;  // 31
  int min_quality = kPdqMinQuality;        // 50: weaker global PDQs never match
  bool dihedral = true;
  bool subwindows = true;
  // Sub-window radii. On the benchmark crops of up to 10 % per axis come
  // within 42 bits of a crop window and the clean strip of a text overlay
  // within 40, while the closest distractor windows stay 64+ bits away.
  int crop_threshold = 44;
  int strip_threshold = 40;
  // Windows are smaller and flatter than whole images; PDQ's 50 would drop
  // the one clean strip of many overlays. The geometric check backs this.
  int window_min_quality = 30;
  // A sub-window candidate counts only when the geometric check confirms it.
  // false: the candidate alone is a match (no features needed; measured in
  // the benchmark, but not the default).
  bool require_geometry = true;
  GeometricCheckOptions geometry;
};

struct WindowPair {
  WindowHash query;
  WindowHash reference;
};

struct MatchDecision {
  bool match = false;
  MatchMethod method = MatchMethod::kNone;  // of the match, or kNone
  // Distance of the deciding hash pair: the global PDQ pair for kNone and
  // kPdq, the dihedral pair, or the closest sub-window pair.
  int distance = PdqHash::kBits;
  PdqDihedral dihedral = PdqDihedral::kOriginal;  // which query variant matched
  std::optional<WindowPair> windows;              // the closest sub-window candidate
  std::optional<GeometricMatch> geometry;         // when the check ran
};

// ORB features of the query, computed on first use from pixels the caller
// keeps alive for the object's lifetime (or handed in ready-made). Computing
// them costs ~5 ms, so they are made only when a sub-window candidate needs
// confirming, and once for all references. Not thread-safe.
class LazyOrbFeatures {
 public:
  LazyOrbFeatures(const cv::Mat& pixels, const GeometricCheckOptions& options)
      : pixels_(&pixels), options_(options) {}
  LazyOrbFeatures(cv::Mat&& pixels, const GeometricCheckOptions& options) = delete;  // dangles
  explicit LazyOrbFeatures(OrbFeatures features) : features_(std::move(features)), done_(true) {}

  // nullptr when they could not be computed (the error is kept).
  const OrbFeatures* Get();
  const Status& status() const { return status_; }
  bool computed() const { return done_; }

 private:
  const cv::Mat* pixels_ = nullptr;
  GeometricCheckOptions options_;
  std::optional<OrbFeatures> features_;
  Status status_;
  bool done_ = false;
};

// The hash-only part: a PDQ or dihedral match, or the closest sub-window
// candidate (match false, windows set) that would need the geometric check.
MatchDecision MatchHashes(const ImageSignature& query, const ImageSignature& reference,
                          const MatchOptions& options = {});

// The decision. reference_features may be null (not stored): a sub-window
// candidate then does not match unless require_geometry is false.
MatchDecision DecideMatch(const ImageSignature& query, LazyOrbFeatures& query_features,
                          const ImageSignature& reference, const OrbFeatures* reference_features,
                          const MatchOptions& options = {});

}  // namespace harrier::imageproc

#endif  // HARRIER_IMAGEPROC_IMAGE_MATCH_STAGE_H_
