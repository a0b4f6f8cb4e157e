// DecodeImage throughput (images/s on one core) on generated photo-like
// 640x480 images, beside a bare cv::imdecode of the same bytes, so the cost
// of the safety checks (sniff, header, scan count, normalising) shows.
//   build/bench/decode_bench [IMAGES=100] [SECONDS_PER_DECODER=2]
// Each decoder runs in five alternating rounds; the best round counts.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <string>
#include <vector>

#include "imageproc/decode.h"
#include "imageproc/exif.h"
#include "imageproc/image_header.h"

namespace {

using harrier::imageproc::DecodeImage;

// Smooth gradients, blurred noise and a few shapes: compresses like a photo.
cv::Mat PhotoLike(cv::RNG& rng) {
  cv::Mat image(480, 640, CV_8UC3);
  const cv::Scalar a(rng.uniform(0, 255), rng.uniform(0, 255), rng.uniform(0, 255));
  const cv::Scalar b(rng.uniform(0, 255), rng.uniform(0, 255), rng.uniform(0, 255));
  for (int y = 0; y < image.rows; ++y) {
    const double t = static_cast<double>(y) / image.rows;
    image.row(y).setTo(a * (1 - t) + b * t);
  }
  cv::Mat noise(image.size(), CV_8UC3);
  rng.fill(noise, cv::RNG::NORMAL, 0, 40);
  cv::GaussianBlur(noise, noise, {0, 0}, 2.0);
  image += noise;
  for (int i = 0; i < 6; ++i) {
    cv::circle(image, {rng.uniform(0, 640), rng.uniform(0, 480)}, rng.uniform(10, 120),
               cv::Scalar(rng.uniform(0, 255), rng.uniform(0, 255), rng.uniform(0, 255)), -1,
               cv::LINE_AA);
  }
  return image;
}

std::string Encode(const cv::Mat& image, const std::string& ext, const std::vector<int>& params) {
  std::vector<uchar> buffer;
  cv::imencode(ext, image, buffer, params);
  return std::string(buffer.begin(), buffer.end());
}

// Runs `decode` over all files for about `seconds`; returns images per second.
double Rate(const std::vector<std::string>& files, double seconds,
            const std::function<bool(const std::string&)>& decode) {
  using Clock = std::chrono::steady_clock;
  size_t done = 0;
  const auto start = Clock::now();
  double elapsed = 0;
  while (elapsed < seconds) {
    for (const std::string& file : files) {
      if (!decode(file)) {
        std::fprintf(stderr, "decode failed\n");
        std::exit(1);
      }
    }
    done += files.size();
    elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  }
  return done / elapsed;
}

}  // namespace

int main(int argc, char** argv) {
  const int count = argc > 1 ? std::atoi(argv[1]) : 100;
  const double seconds = argc > 2 ? std::atof(argv[2]) : 2.0;
  cv::setNumThreads(1);
  cv::RNG rng(20240605);
  std::vector<cv::Mat> images;
  for (int i = 0; i < count; ++i) images.push_back(PhotoLike(rng));

  struct Format {
    const char* name;
    const char* ext;
    std::vector<int> params;
  } formats[] = {
      {"JPEG q85", ".jpg", {cv::IMWRITE_JPEG_QUALITY, 85}},
      {"JPEG q85 progressive",
       ".jpg",
       {cv::IMWRITE_JPEG_QUALITY, 85, cv::IMWRITE_JPEG_PROGRESSIVE, 1}},
      {"PNG", ".png", {}},
      {"WebP q80", ".webp", {cv::IMWRITE_WEBP_QUALITY, 80}},
  };
  std::printf(
      "| format | mean size | DecodeImage img/s | cv::imdecode img/s | difference | header + EXIF "
      "scan |\n");
  std::printf("|---|---|---|---|---|---|\n");
  for (const Format& f : formats) {
    std::vector<std::string> files;
    size_t bytes = 0;
    for (const cv::Mat& image : images) {
      files.push_back(Encode(image, f.ext, f.params));
      bytes += files.back().size();
    }
    // Alternating short rounds, best of each: fair to both on a shared machine.
    auto safe_decode = [](const std::string& file) { return DecodeImage(file).ok(); };
    auto bare_decode = [](const std::string& file) {
      const cv::Mat raw(1, static_cast<int>(file.size()), CV_8UC1, const_cast<char*>(file.data()));
      return !cv::imdecode(raw, cv::IMREAD_UNCHANGED).empty();
    };
    double safe = 0, bare = 0;
    for (int round = 0; round < 5; ++round) {
      safe = std::max(safe, Rate(files, seconds / 5, safe_decode));
      bare = std::max(bare, Rate(files, seconds / 5, bare_decode));
    }
    const double header = Rate(files, seconds / 4, [](const std::string& file) {
      return harrier::imageproc::ReadImageHeader(file).ok() &&
             harrier::imageproc::ReadExif(file).empty();
    });
    std::printf("| %s | %.0f KB | %.0f | %.0f | %+.1f %% | %.2f us |\n", f.name,
                bytes / 1024.0 / files.size(), safe, bare, 100.0 * (bare / safe - 1), 1e6 / header);
  }
  return 0;
}
