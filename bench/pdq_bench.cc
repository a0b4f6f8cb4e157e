// Image hashing throughput per core: N photo-like 640x480 JPEGs drawn from a
// fixed seed and held in memory, each decoded with cv::imdecode and hashed
// on one thread. Modes: decode alone; decode + PDQ; decode + PDQ and its 8
// dihedral variants; decode + our pHash; decode + OpenCV's img_hash PHash;
// decode + PDQ + pHash in one call; the hashes alone on decoded images; and,
// for comparison, libjpeg-turbo's own API decoding the same files.
// Figures are CPU time of this thread (the machine is shared), best of runs.
//
// With --reference DIR (a copy of shared/reference/pdq-dev) it also reads
// every image there into memory, times decode + PDQ over them and checks
// each result against DIR/expected.csv: strict rows hash and quality,
// ill-conditioned rows quality. Exit status 1 on any mismatch.
//
// Usage: pdq_bench [--count N] [--runs R] [--quality Q] [--reference DIR]
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <opencv2/core.hpp>
#include <opencv2/img_hash.hpp>
#include <opencv2/imgcodecs.hpp>
#include <sstream>
#include <string>
#include <vector>

// jpeglib.h uses size_t and FILE without including their headers.
// clang-format off
#include <cstdio>
#include <jpeglib.h>
// clang-format on

#include "imageproc/image_hashes.h"
#include "imageproc/pdq.h"
#include "imageproc/pdq_test_images.h"
#include "imageproc/phash.h"

namespace {

using harrier::imageproc::ComputeImageHashes;
using harrier::imageproc::ComputePdq;
using harrier::imageproc::ComputePdqDihedral;
using harrier::imageproc::ComputePHash;
using harrier::imageproc::PdqHash;

constexpr int kDecodeFlags = cv::IMREAD_UNCHANGED | cv::IMREAD_IGNORE_ORIENTATION;

double CpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

using Work = std::function<int(size_t i)>;  // returns something so nothing is optimised away

// Best images/s (CPU time) over `runs` passes over n items.
double BestRate(size_t n, int runs, const Work& work) {
  double best = 0;
  int sink = 0;
  for (int r = 0; r < runs; ++r) {
    const double start = CpuSeconds();
    for (size_t i = 0; i < n; ++i) sink += work(i);
    best = std::max(best, n / (CpuSeconds() - start));
  }
  if (sink == 42) std::printf(" ");
  return best;
}

cv::Mat Decode(const std::vector<uint8_t>& bytes) { return cv::imdecode(bytes, kDecodeFlags); }

// For comparison only: the same libjpeg-turbo decode (ISLOW IDCT, fancy
// upsampling: the same pixels) straight into BGR through libjpeg's API,
// without OpenCV's codec layer. Errors exit (the inputs are our own JPEGs).
cv::Mat DecodeLibjpeg(const std::vector<uint8_t>& bytes, cv::Mat& out) {
  jpeg_decompress_struct info;
  jpeg_error_mgr err;
  info.err = jpeg_std_error(&err);
  jpeg_create_decompress(&info);
  jpeg_mem_src(&info, bytes.data(), bytes.size());
  jpeg_read_header(&info, TRUE);
  info.out_color_space = JCS_EXT_BGR;
  jpeg_start_decompress(&info);
  out.create(static_cast<int>(info.output_height), static_cast<int>(info.output_width), CV_8UC3);
  while (info.output_scanline < info.output_height) {
    JSAMPROW row = out.ptr(static_cast<int>(info.output_scanline));
    jpeg_read_scanlines(&info, &row, 1);
  }
  jpeg_finish_decompress(&info);
  jpeg_destroy_decompress(&info);
  return out;
}

struct Row {
  std::string file, hex;
  int quality = 0;
  bool strict = false;
};

// Decode + PDQ over the reference images; prints the rate and mismatches.
int RunReference(const std::string& dir, int runs) {
  std::ifstream csv(dir + "/expected.csv");
  if (!csv) {
    std::fprintf(stderr, "cannot read %s/expected.csv\n", dir.c_str());
    return 1;
  }
  std::vector<Row> rows;
  std::vector<std::vector<uint8_t>> files;
  std::string line;
  std::getline(csv, line);
  while (std::getline(csv, line)) {
    std::vector<std::string> f;
    std::stringstream ss(line);
    for (std::string cell; std::getline(ss, cell, ',');) f.push_back(cell);
    if (f.size() != 5) continue;
    rows.push_back({f[0], f[2], std::atoi(f[3].c_str()), f[4].rfind('1', 0) == 0});
    std::ifstream in(dir + "/images/" + f[0], std::ios::binary);
    files.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  int mismatches = 0, strict = 0;
  for (size_t i = 0; i < rows.size(); ++i) {
    harrier::Result<PdqHash> h = ComputePdq(Decode(files[i]));
    const bool hash_ok = h.ok() && (!rows[i].strict || h->ToHex() == rows[i].hex);
    const bool quality_ok = h.ok() && h->quality == rows[i].quality;
    strict += rows[i].strict;
    if (!hash_ok || !quality_ok) {
      ++mismatches;
      std::printf("MISMATCH %s: got %s %d, want %s %d\n", rows[i].file.c_str(),
                  h.ok() ? h->ToHex().c_str() : h.status().ToString().c_str(),
                  h.ok() ? h->quality : -1, rows[i].hex.c_str(), rows[i].quality);
    }
  }
  const double rate =
      BestRate(files.size(), runs, [&](size_t i) { return ComputePdq(Decode(files[i]))->quality; });
  std::printf("reference set: %zu images (%d strict), %d mismatches; decode + PDQ %.0f images/s\n",
              files.size(), strict, mismatches, rate);
  return mismatches == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  size_t count = 200;
  int runs = 5, jpeg_quality = 85;
  std::string reference;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--count")) count = std::strtoul(argv[i + 1], nullptr, 10);
    if (!std::strcmp(argv[i], "--runs")) runs = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--quality")) jpeg_quality = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--reference")) reference = argv[i + 1];
  }
  cv::setNumThreads(1);  // per-core figures: OpenCV must not fan out either

  std::vector<std::vector<uint8_t>> jpegs;
  size_t bytes = 0;
  for (size_t i = 0; i < count; ++i) {
    jpegs.push_back(harrier::imageproc::testing::EncodeJpeg(
        harrier::imageproc::testing::DrawPhotoLike(1000 + i, 640, 480), jpeg_quality));
    bytes += jpegs.back().size();
  }
  std::vector<cv::Mat> decoded;
  int libjpeg_differs = 0;
  cv::Mat direct;
  for (const auto& j : jpegs) {
    decoded.push_back(Decode(j));
    libjpeg_differs += cv::norm(decoded.back(), DecodeLibjpeg(j, direct), cv::NORM_INF) > 0;
  }
  std::printf(
      "%zu photo-like 640x480 JPEGs (quality %d, mean %.1f kB), best of %d runs, "
      "images/s per core (CPU time)\n",
      count, jpeg_quality, bytes / 1e3 / count, runs);

  cv::Ptr<cv::img_hash::PHash> opencv_phash = cv::img_hash::PHash::create();
  cv::Mat opencv_out;
  const struct {
    const char* label;
    Work work;
  } modes[] = {
      {"decode alone", [&](size_t i) { return Decode(jpegs[i]).rows; }},
      {"decode + PDQ", [&](size_t i) { return ComputePdq(Decode(jpegs[i]))->quality; }},
      {"decode + PDQ + 8 dihedral",
       [&](size_t i) { return (*ComputePdqDihedral(Decode(jpegs[i])))[7].quality; }},
      {"decode + pHash (ours)",
       [&](size_t i) { return static_cast<int>(ComputePHash(Decode(jpegs[i]))->bits & 1); }},
      {"decode + OpenCV img_hash PHash",
       [&](size_t i) {
         opencv_phash->compute(Decode(jpegs[i]), opencv_out);
         return static_cast<int>(opencv_out.at<uint8_t>(0));
       }},
      {"decode + PDQ + pHash (one call)",
       [&](size_t i) { return ComputeImageHashes(Decode(jpegs[i]))->pdq.quality; }},
      {"libjpeg-turbo API decode (BGR)",
       [&](size_t i) { return DecodeLibjpeg(jpegs[i], direct).rows; }},
      {"libjpeg-turbo API decode + PDQ",
       [&](size_t i) { return ComputePdq(DecodeLibjpeg(jpegs[i], direct))->quality; }},
      {"PDQ alone (decoded)", [&](size_t i) { return ComputePdq(decoded[i])->quality; }},
      {"PDQ + 8 dihedral alone",
       [&](size_t i) { return (*ComputePdqDihedral(decoded[i]))[7].quality; }},
      {"pHash (ours) alone",
       [&](size_t i) { return static_cast<int>(ComputePHash(decoded[i])->bits & 1); }},
      {"OpenCV PHash alone",
       [&](size_t i) {
         opencv_phash->compute(decoded[i], opencv_out);
         return static_cast<int>(opencv_out.at<uint8_t>(0));
       }},
  };
  for (const auto& mode : modes) {
    const double rate = BestRate(count, runs, mode.work);
    std::printf("  %-34s %8.0f images/s  (%.3f ms each)\n", mode.label, rate, 1e3 / rate);
  }
  std::printf("  (libjpeg-turbo API and cv::imdecode pixels differ on %d of %zu images)\n",
              libjpeg_differs, count);
  return reference.empty() ? 0 : RunReference(reference, runs);
}
