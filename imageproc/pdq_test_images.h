// Invented images for the hash tests and benchmarks, drawn reproducibly from a
// seed: photo-like scenes (gradient sky, shapes, noise, blur) and the edits
// advertisers make. Test and benchmark support only; never used in production.
#ifndef HARRIER_IMAGEPROC_PDQ_TEST_IMAGES_H_
#define HARRIER_IMAGEPROC_PDQ_TEST_IMAGES_H_

#include <cstdint>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <vector>

namespace harrier::imageproc::testing {

// A BGR scene: a two-colour gradient at a random angle, 24-40 filled shapes,
// Gaussian noise, then a slight blur, all from `seed`.
inline cv::Mat DrawPhotoLike(uint64_t seed, int width = 640, int height = 480) {
  cv::RNG rng(seed * 2654435761u + 1);
  auto colour = [&] {
    return cv::Scalar(rng.uniform(0, 256), rng.uniform(0, 256), rng.uniform(0, 256));
  };
  cv::Mat img(height, width, CV_8UC3);
  const cv::Scalar a = colour(), b = colour();
  const double angle = rng.uniform(0.0, CV_PI);
  const double cx = std::cos(angle), cy = std::sin(angle);
  const double span = std::abs(cx) * width + std::abs(cy) * height;
  const double origin = std::min(0.0, cx * width);  // sin(angle) >= 0
  for (int y = 0; y < height; ++y) {
    auto* row = img.ptr<cv::Vec3b>(y);
    for (int x = 0; x < width; ++x) {
      const double t = (x * cx + y * cy - origin) / span;
      for (int c = 0; c < 3; ++c) row[x][c] = cv::saturate_cast<uint8_t>(a[c] * (1 - t) + b[c] * t);
    }
  }
  const int shapes = rng.uniform(24, 41);
  for (int i = 0; i < shapes; ++i) {
    const cv::Point p(rng.uniform(0, width), rng.uniform(0, height));
    const int r = rng.uniform(width / 50, width / 6);
    switch (rng.uniform(0, 3)) {
      case 0:
        cv::circle(img, p, r, colour(), cv::FILLED, cv::LINE_AA);
        break;
      case 1:
        cv::rectangle(img, p, p + cv::Point(r, rng.uniform(r / 2, 2 * r)), colour(), cv::FILLED);
        break;
      default:
        cv::ellipse(img, p, cv::Size(r, r / 2 + 1), rng.uniform(0, 180), 0, 360, colour(),
                    cv::FILLED, cv::LINE_AA);
    }
  }
  cv::Mat noise(img.size(), CV_16SC3);
  rng.fill(noise, cv::RNG::NORMAL, 0, 8);
  cv::Mat noisy;
  img.convertTo(noisy, CV_16SC3);
  noisy += noise;
  noisy.convertTo(img, CV_8UC3);
  cv::GaussianBlur(img, img, cv::Size(0, 0), 1.2);
  return img;
}

inline std::vector<uint8_t> EncodeJpeg(const cv::Mat& img, int quality) {
  std::vector<uint8_t> out;
  cv::imencode(".jpg", img, out, {cv::IMWRITE_JPEG_QUALITY, quality});
  return out;
}

inline cv::Mat JpegRoundTrip(const cv::Mat& img, int quality) {
  return cv::imdecode(EncodeJpeg(img, quality), cv::IMREAD_UNCHANGED);
}

inline cv::Mat Resized(const cv::Mat& img, double factor) {
  cv::Mat out;
  cv::resize(img, out, cv::Size(), factor, factor, factor < 1 ? cv::INTER_AREA : cv::INTER_LINEAR);
  return out;
}

// Multiplies every channel by (1 + delta), saturating: delta 0.2 is +20 %.
inline cv::Mat Brightness(const cv::Mat& img, double delta) {
  cv::Mat out;
  img.convertTo(out, -1, 1.0 + delta, 0);
  return out;
}

}  // namespace harrier::imageproc::testing

#endif  // HARRIER_IMAGEPROC_PDQ_TEST_IMAGES_H_
