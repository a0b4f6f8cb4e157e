#include "tests/browser/ui_fixture_images.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <vector>

#include "core/sha256.h"
#include "imageproc/fingerprint.h"
#include "imageproc/pdq.h"

namespace harrier::fixture {

std::string DrawPhoto(int seed, int variant, const std::string& caption) {
  cv::Mat img(240, 320, CV_8UC3, cv::Scalar(230 - seed * 7 % 60, 220, 200 + seed * 5 % 50));
  // A few coloured blocks and discs whose layout depends on the seed: enough
  // structure for PDQ to give a good-quality hash.
  for (int i = 0; i < 6; ++i) {
    const int k = seed * 31 + i * 17;
    const cv::Point p1(20 + (k * 13) % 220, 20 + (k * 7) % 150);
    const cv::Point p2(p1.x + 40 + k % 50, p1.y + 30 + k % 40);
    const cv::Scalar colour((k * 37) % 255, (k * 91) % 255, (k * 53) % 255);
    if (i % 2 == 0) {
      cv::rectangle(img, p1, p2, colour, cv::FILLED);
    } else {
      cv::circle(img, p1, 20 + k % 30, colour, cv::FILLED);
    }
  }
  cv::putText(img, caption, cv::Point(12, 226), cv::FONT_HERSHEY_SIMPLEX, 0.6,
              cv::Scalar(20, 20, 20), 2);
  if (variant > 0) {
    // Shift by a few pixels and add a small mark: a re-posted copy.
    cv::Mat shifted;
    const cv::Mat m = (cv::Mat_<double>(2, 3) << 1, 0, 2 * variant, 0, 1, variant);
    cv::warpAffine(img, shifted, m, img.size(), cv::INTER_LINEAR, cv::BORDER_REPLICATE);
    cv::circle(shifted, cv::Point(300, 15), 6, cv::Scalar(0, 0, 255), cv::FILLED);
    img = shifted;
  }
  std::vector<uchar> out;
  cv::imencode(variant > 0 ? ".jpg" : ".png", img, out);
  return std::string(out.begin(), out.end());
}

Result<AnalysedImage> Analyse(std::string bytes) {
  Result<imageproc::ImageFingerprint> f = imageproc::FingerprintImage(bytes, {});
  if (!f.ok()) return f.status();
  AnalysedImage a;
  a.sha256 = Sha256Hex(bytes);
  a.mime = f->mime;
  a.analysis.width = f->width;
  a.analysis.height = f->height;
  a.analysis.pdq = f->pdq.ToHex();
  a.analysis.pdq_quality = f->pdq.quality;
  a.analysis.phash = f->phash.ToHex();
  a.analysis.exif = imageproc::ExifJson(f->exif);
  a.analysis.windows = imageproc::ToHexText(imageproc::EncodeSubwindowHashes(f->windows));
  a.bytes = std::move(bytes);
  return a;
}

int PdqDistance(const std::string& a, const std::string& b) {
  Result<imageproc::PdqHash> ha = imageproc::PdqHash::FromHex(a);
  Result<imageproc::PdqHash> hb = imageproc::PdqHash::FromHex(b);
  if (!ha.ok() || !hb.ok()) return -1;
  return imageproc::HammingDistance(*ha, *hb);
}

}  // namespace harrier::fixture
