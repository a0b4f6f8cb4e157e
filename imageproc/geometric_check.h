// Geometric confirmation of a candidate image pair: ORB keypoints, Hamming
// descriptor matching with Lowe's ratio test, and a RANSAC similarity
// transform (rotation, uniform scale, translation) between the two. Crops,
// letterboxing, resizing and text overlays keep the geometry of the picture;
// two different pictures do not share it. Thread-safe (no shared state).
#ifndef HARRIER_IMAGEPROC_GEOMETRIC_CHECK_H_
#define HARRIER_IMAGEPROC_GEOMETRIC_CHECK_H_

#include <cstdint>
#include <opencv2/core/mat.hpp>
#include <span>
#include <vector>

#include "core/status.h"

namespace harrier::imageproc {

struct GeometricCheckOptions {
  // Images are scaled (INTER_AREA) so the longer side is at most max_side,
  // and small ones enlarged (at most 4x) so it reaches min_side, which bounds
  // time and memory and puts both images of a pair at comparable scales.
  int max_side = 640;
  int min_side = 320;
  int max_keypoints = 500;
  int fast_threshold = 10;     // ORB's corner threshold (grey levels)
  float ratio = 0.8f;          // Lowe's ratio test on the two nearest descriptors
  double ransac_pixels = 5.0;  // reprojection threshold at the working scale
  // "Same picture": enough inliers, a large enough share of the ratio-test
  // matches, a plausible scale, and inliers spread over enough of the
  // reference (the same phone number painted on two different photos gives
  // hundreds of inliers, but in a thin band).
  int min_inliers = 15;
  double min_inlier_ratio = 0.3;
  double min_scale = 0.2;  // query size / reference size
  double max_scale = 5.0;
  double min_inlier_spread = 0.12;  // see GeometricMatch::inlier_spread
};

// ORB keypoints of one image at its working scale: what the check needs, and
// all it keeps. Not the photo, but not harmless either: keypoint positions
// with their descriptors can be inverted by a trained network into a coarse
// likeness of the image, so store them as carefully as the photo.
struct OrbFeatures {
  static constexpr int kDescriptorBytes = 32;

  int width = 0;  // working image size the points refer to
  int height = 0;
  std::vector<float> xy;             // x0, y0, x1, y1, ...
  std::vector<uint8_t> descriptors;  // 32 bytes per keypoint, same order

  int size() const { return static_cast<int>(xy.size() / 2); }
  // Bytes of Serialize()'s output: 16 + 40 per keypoint (20 kB at 500).
  size_t SerializedSize() const { return 16 + 40 * static_cast<size_t>(size()); }
  // "ORB1", width, height, count (little-endian 32-bit), then per keypoint
  // x, y (float32) and the descriptor.
  std::vector<uint8_t> Serialize() const;
  // kCorrupt on a bad magic, a size that disagrees with the count, more
  // than 10,000 keypoints or coordinates outside the image.
  static Result<OrbFeatures> Parse(std::span<const uint8_t> bytes);
};

// Features of an 8-bit grey, BGR or BGRA image. An image too small or too
// flat for ORB gives no keypoints (not an error). kInvalidArgument for an
// empty image or another pixel type; OpenCV errors become kInternal.
Result<OrbFeatures> ComputeOrbFeatures(const cv::Mat& image,
                                       const GeometricCheckOptions& options = {});

struct GeometricMatch {
  int query_keypoints = 0;
  int reference_keypoints = 0;
  int good_matches = 0;       // passed the ratio test
  int inliers = 0;            // agree with the RANSAC similarity
  double inlier_ratio = 0.0;  // inliers / good_matches
  double scale = 0.0;         // query size over reference size, at the working scales
  // In the reference: the inliers' standard deviation across their thinnest
  // direction over that of the whole image along the same direction. Mostly
  // 0.25-0.7 for edited copies (0.1-0.2 for pictures whose corners crowd
  // into a few lines of text); 0 for two posters sharing one word; 0.05-0.16
  // for the same phone number painted across two different pictures, which a
  // threshold of 0.12 only partly stops: the sub-window hashes are the main
  // guard there (measured on drawn images).
  double inlier_spread = 0.0;
  bool same_picture = false;  // all of the options' thresholds met
};

// Matches query features against reference features. Never fails on content:
// too few keypoints or matches give same_picture == false. kInternal only if
// OpenCV throws.
Result<GeometricMatch> CheckGeometry(const OrbFeatures& query, const OrbFeatures& reference,
                                     const GeometricCheckOptions& options = {});

}  // namespace harrier::imageproc

#endif  // HARRIER_IMAGEPROC_GEOMETRIC_CHECK_H_
