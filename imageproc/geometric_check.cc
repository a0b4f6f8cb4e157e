#include "imageproc/geometric_check.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <exception>
#include <new>
#include <opencv2/calib3d.hpp>
#include <opencv2/core.hpp>
#include <opencv2/features2d.hpp>
#include <opencv2/imgproc.hpp>
#include <string>

namespace harrier::imageproc {
namespace {

constexpr char kMagic[4] = {'O', 'R', 'B', '1'};
constexpr uint32_t kMaxKeypoints = 10000;
constexpr int kMaxUpscale = 4;
constexpr int kMinOrbSide = 64;

void PutU32(std::vector<uint8_t>& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<uint8_t>(v >> (8 * i)));
}

uint32_t GetU32(const uint8_t* p) {
  return uint32_t{p[0]} | uint32_t{p[1]} << 8 | uint32_t{p[2]} << 16 | uint32_t{p[3]} << 24;
}

void PutFloat(std::vector<uint8_t>& out, float f) {
  uint32_t v;
  std::memcpy(&v, &f, sizeof v);
  PutU32(out, v);
}

float GetFloat(const uint8_t* p) {
  const uint32_t v = GetU32(p);
  float f;
  std::memcpy(&f, &v, sizeof f);
  return f;
}

// Grey at the working scale: the longer side at most max_side, and small
// images enlarged towards min_side so ORB's 31-pixel patches fit. A large
// image is shrunk before it is made grey, so no full-size copy is made.
cv::Mat WorkingGrey(const cv::Mat& image, const GeometricCheckOptions& options) {
  const int longer = std::max(image.cols, image.rows);
  double f = 1.0;
  if (longer > options.max_side) {
    f = static_cast<double>(std::max(1, options.max_side)) / longer;
  } else if (longer < options.min_side) {
    f = std::min<double>(kMaxUpscale, static_cast<double>(options.min_side) / longer);
  }
  const cv::Size size(std::max(1, static_cast<int>(std::lround(image.cols * f))),
                      std::max(1, static_cast<int>(std::lround(image.rows * f))));
  cv::Mat scaled = image;
  if (f < 1) cv::resize(image, scaled, size, 0, 0, cv::INTER_AREA);
  cv::Mat grey = scaled;
  if (scaled.channels() != 1) {
    cv::cvtColor(scaled, grey, scaled.channels() == 4 ? cv::COLOR_BGRA2GRAY : cv::COLOR_BGR2GRAY);
  }
  if (f > 1) cv::resize(grey, grey, size, 0, 0, cv::INTER_LINEAR);
  return grey;
}

// Keeps at most `budget` keypoints, spread over an 8x8 grid: each cell first
// gets its strongest few, then the rest of the budget goes by strength. A
// text overlay is full of strong corners; without this it takes the whole
// budget and the picture under it goes unmatched.
constexpr int kOverDetect = 4;
constexpr int kCells = 8;

std::vector<cv::KeyPoint> SpreadOut(std::vector<cv::KeyPoint> all, int budget, cv::Size size) {
  if (static_cast<int>(all.size()) <= budget) return all;
  std::stable_sort(all.begin(), all.end(), [](const cv::KeyPoint& a, const cv::KeyPoint& b) {
    return a.response > b.response;
  });
  const int quota = std::max(1, budget / (kCells * kCells));
  std::array<int, kCells * kCells> used{};
  std::vector<bool> taken(all.size(), false);
  std::vector<cv::KeyPoint> out;
  out.reserve(budget);
  for (size_t i = 0; i < all.size() && static_cast<int>(out.size()) < budget; ++i) {
    const int cx = std::clamp(static_cast<int>(all[i].pt.x * kCells / size.width), 0, kCells - 1);
    const int cy = std::clamp(static_cast<int>(all[i].pt.y * kCells / size.height), 0, kCells - 1);
    if (used[cy * kCells + cx] < quota) {
      ++used[cy * kCells + cx];
      taken[i] = true;
      out.push_back(all[i]);
    }
  }
  for (size_t i = 0; i < all.size() && static_cast<int>(out.size()) < budget; ++i) {
    if (!taken[i]) out.push_back(all[i]);
  }
  return out;
}

template <typename T, typename F>
Result<T> Guarded(const char* what, F&& compute) {
  try {
    return compute();
  } catch (const std::bad_alloc&) {
    return Status::Internal(std::string(what) + ": out of memory");
  } catch (const std::exception& e) {  // cv::Exception derives from it
    return Status::Internal(std::string(what) + ": " + e.what());
  }
}

// Ratio-test matches from query to reference, as point pairs.
void RatioMatches(const OrbFeatures& query, const OrbFeatures& reference, float ratio,
                  std::vector<cv::Point2f>& from, std::vector<cv::Point2f>& to) {
  const cv::Mat qd(query.size(), OrbFeatures::kDescriptorBytes, CV_8U,
                   const_cast<uint8_t*>(query.descriptors.data()));
  const cv::Mat rd(reference.size(), OrbFeatures::kDescriptorBytes, CV_8U,
                   const_cast<uint8_t*>(reference.descriptors.data()));
  std::vector<std::vector<cv::DMatch>> knn;
  cv::BFMatcher(cv::NORM_HAMMING).knnMatch(qd, rd, knn, 2);
  for (const auto& m : knn) {
    if (m.size() < 2 || m[0].distance >= ratio * m[1].distance) continue;
    from.emplace_back(query.xy[2 * m[0].queryIdx], query.xy[2 * m[0].queryIdx + 1]);
    to.emplace_back(reference.xy[2 * m[0].trainIdx], reference.xy[2 * m[0].trainIdx + 1]);
  }
}

// Covariance (xx, xy, yy) of points given as x0, y0, x1, y1, ...
std::array<double, 3> Covariance(const std::vector<float>& xy) {
  const size_t n = xy.size() / 2;
  double mx = 0, my = 0;
  for (size_t i = 0; i < n; ++i) mx += xy[2 * i], my += xy[2 * i + 1];
  mx /= n, my /= n;
  std::array<double, 3> c{};
  for (size_t i = 0; i < n; ++i) {
    const double dx = xy[2 * i] - mx, dy = xy[2 * i + 1] - my;
    c[0] += dx * dx, c[1] += dx * dy, c[2] += dy * dy;
  }
  for (double& v : c) v /= n;
  return c;
}

// How thick the inliers are across their thinnest direction, relative to the
// whole image along that direction (a uniform spread over the image: 1). A
// band of text across the picture is thin whatever the picture holds; the
// reference's own keypoints are no yardstick, as a reference that carries
// the same overlay has most of its keypoints on the text.
double Spread(const std::vector<float>& inliers, double width, double height) {
  const std::array<double, 3> ci = Covariance(inliers);
  const std::array<double, 3> ca = {width * width / 12, 0, height * height / 12};
  // Minor eigenvector (ex, ey) of the inliers' covariance.
  const double half_trace = (ci[0] + ci[2]) / 2;
  const double det = ci[0] * ci[2] - ci[1] * ci[1];
  const double minor = half_trace - std::sqrt(std::max(0.0, half_trace * half_trace - det));
  double ex = ci[1], ey = minor - ci[0];
  if (std::abs(ex) + std::abs(ey) < 1e-12) {
    ex = ci[0] <= ci[2] ? 1 : 0;
    ey = 1 - ex;
  }
  const double norm = std::hypot(ex, ey);
  ex /= norm, ey /= norm;
  const double along_all = ca[0] * ex * ex + 2 * ca[1] * ex * ey + ca[2] * ey * ey;
  if (along_all <= 0) return 0;
  return std::sqrt(std::max(0.0, minor) / along_all);
}

GeometricMatch Match(const OrbFeatures& query, const OrbFeatures& reference,
                     const GeometricCheckOptions& options) {
  GeometricMatch out;
  out.query_keypoints = query.size();
  out.reference_keypoints = reference.size();
  if (query.size() < 2 || reference.size() < 2) return out;
  std::vector<cv::Point2f> from, to;
  RatioMatches(query, reference, options.ratio, from, to);
  out.good_matches = static_cast<int>(from.size());
  if (from.size() < 3) return out;
  std::vector<uint8_t> mask;
  const cv::Mat m = cv::estimateAffinePartial2D(from, to, mask, cv::RANSAC, options.ransac_pixels,
                                                2000, 0.99, 10);
  if (m.empty()) return out;
  std::vector<cv::Point2f> inliers;
  for (size_t i = 0; i < mask.size(); ++i) {
    if (mask[i]) inliers.push_back(to[i]);
  }
  out.inliers = static_cast<int>(inliers.size());
  out.inlier_ratio = static_cast<double>(out.inliers) / out.good_matches;
  // m = [s cos, -s sin, tx; s sin, s cos, ty] maps query to reference.
  out.scale = 1.0 / std::max(1e-9, std::hypot(m.at<double>(0, 0), m.at<double>(1, 0)));
  if (inliers.size() >= 3) {
    std::vector<float> xy;
    for (const cv::Point2f& p : inliers) xy.insert(xy.end(), {p.x, p.y});
    out.inlier_spread = Spread(xy, reference.width, reference.height);
  }
  out.same_picture = out.inliers >= options.min_inliers &&
                     out.inlier_ratio >= options.min_inlier_ratio &&
                     out.scale >= options.min_scale && out.scale <= options.max_scale &&
                     out.inlier_spread >= options.min_inlier_spread;
  return out;
}

}  // namespace

std::vector<uint8_t> OrbFeatures::Serialize() const {
  std::vector<uint8_t> out(kMagic, kMagic + 4);
  out.reserve(SerializedSize());
  PutU32(out, static_cast<uint32_t>(width));
  PutU32(out, static_cast<uint32_t>(height));
  PutU32(out, static_cast<uint32_t>(size()));
  for (int i = 0; i < size(); ++i) {
    PutFloat(out, xy[2 * i]);
    PutFloat(out, xy[2 * i + 1]);
    const uint8_t* d = &descriptors[static_cast<size_t>(i) * kDescriptorBytes];
    out.insert(out.end(), d, d + kDescriptorBytes);
  }
  return out;
}

Result<OrbFeatures> OrbFeatures::Parse(std::span<const uint8_t> bytes) {
  if (bytes.size() < 16 || std::memcmp(bytes.data(), kMagic, 4) != 0) {
    return Status::Corrupt("orb features: bad header");
  }
  OrbFeatures f;
  const uint32_t width = GetU32(&bytes[4]), height = GetU32(&bytes[8]), n = GetU32(&bytes[12]);
  if (n > kMaxKeypoints || width > 1 << 16 || height > 1 << 16) {
    return Status::Corrupt("orb features: implausible size or count");
  }
  if (bytes.size() != 16 + 40 * size_t{n}) {
    return Status::Corrupt("orb features: " + std::to_string(bytes.size()) + " bytes for " +
                           std::to_string(n) + " keypoints");
  }
  f.width = static_cast<int>(width);
  f.height = static_cast<int>(height);
  f.xy.reserve(2 * n);
  f.descriptors.reserve(size_t{n} * kDescriptorBytes);
  for (uint32_t i = 0; i < n; ++i) {
    const uint8_t* p = &bytes[16 + 40 * size_t{i}];
    const float x = GetFloat(p), y = GetFloat(p + 4);
    if (!(x >= 0 && x <= f.width && y >= 0 && y <= f.height)) {  // also refuses NaN
      return Status::Corrupt("orb features: keypoint outside the image");
    }
    f.xy.push_back(x);
    f.xy.push_back(y);
    f.descriptors.insert(f.descriptors.end(), p + 8, p + 40);
  }
  return f;
}

Result<OrbFeatures> ComputeOrbFeatures(const cv::Mat& image, const GeometricCheckOptions& options) {
  if (image.empty() || image.dims != 2) return Status::InvalidArgument("orb: empty image");
  const int type = image.type();
  if (type != CV_8UC1 && type != CV_8UC3 && type != CV_8UC4) {
    return Status::InvalidArgument("orb: unsupported pixel type " + cv::typeToString(type));
  }
  return Guarded<OrbFeatures>("orb", [&] {
    const cv::Mat grey = WorkingGrey(image, options);
    OrbFeatures f;
    f.width = grey.cols;
    f.height = grey.rows;
    // ORB's pyramid has 8 levels at 1/1.2 each and a 31-pixel patch: smaller
    // images give nothing usable (and OpenCV asserts on empty levels).
    if (std::min(grey.cols, grey.rows) < kMinOrbSide) return f;
    const int budget = std::clamp(options.max_keypoints, 1, static_cast<int>(kMaxKeypoints));
    const cv::Ptr<cv::ORB> orb =
        cv::ORB::create(kOverDetect * budget, 1.2f, 8, 31, 0, 2, cv::ORB::HARRIS_SCORE, 31,
                        std::clamp(options.fast_threshold, 1, 255));
    std::vector<cv::KeyPoint> keypoints;
    orb->detect(grey, keypoints);
    keypoints = SpreadOut(std::move(keypoints), budget, grey.size());
    cv::Mat descriptors;
    orb->compute(grey, keypoints, descriptors);
    if (descriptors.rows != static_cast<int>(keypoints.size()) ||
        (descriptors.rows > 0 && descriptors.cols != OrbFeatures::kDescriptorBytes)) {
      return f;  // nothing usable; ORB gives no descriptors for an empty set
    }
    f.xy.reserve(2 * keypoints.size());
    for (const cv::KeyPoint& k : keypoints) {
      f.xy.push_back(std::clamp(k.pt.x, 0.0f, static_cast<float>(f.width)));
      f.xy.push_back(std::clamp(k.pt.y, 0.0f, static_cast<float>(f.height)));
    }
    const cv::Mat packed = descriptors.isContinuous() ? descriptors : descriptors.clone();
    f.descriptors.assign(packed.data, packed.data + packed.total());
    return f;
  });
}

Result<GeometricMatch> CheckGeometry(const OrbFeatures& query, const OrbFeatures& reference,
                                     const GeometricCheckOptions& options) {
  const auto consistent = [](const OrbFeatures& f) {
    return f.xy.size() % 2 == 0 &&
           f.descriptors.size() == f.xy.size() / 2 * OrbFeatures::kDescriptorBytes;
  };
  if (!consistent(query) || !consistent(reference)) {
    return Status::InvalidArgument("geometric check: descriptors and keypoints disagree");
  }
  return Guarded<GeometricMatch>("geometric check",
                                 [&] { return Match(query, reference, options); });
}

}  // namespace harrier::imageproc
