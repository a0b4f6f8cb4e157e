// Watchlist recall and false matches (issue 5, point 2a and the watchlist
// benchmark). Draws N photo-like originals (five scene families, 320-640 px,
// fixed seeds) as the watchlist, and for each the edits advertisers make;
// every edited copy is saved as JPEG (q80-90; the JPEG edit itself q50-90)
// and decoded, as an advert image would be. Draws M distractors: unrelated
// scenes, "style twins" (a watchlist original's family and palette, a new
// background field and layout) and "same background" near-misses (its very
// background, a new layout), each with a random advert edit. Every query is
// matched by brute force against every watchlist entry under four rules:
//   pdq          global PDQ <= 31 (quality >= 50 on both sides)
//   +dihedral    or one of the query's 8 dihedral PDQs <= 31
//   +second      or a sub-window candidate confirmed by ORB + RANSAC (default)
//   +sub-hash    or a sub-window candidate alone (no geometric check)
// and the tables give recall per edit (the query matched its own original)
// and the false-match rate per distractor kind (matched any entry).
// Times are CPU time of this thread; OpenCV is held to one thread.
//
// Usage: watchlist_eval [--originals N] [--distractors M] [--quick]
//                       [--seed S] [--query-crops]
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <string>
#include <vector>

#include "imageproc/geometric_check.h"
#include "imageproc/image_match_stage.h"
#include "imageproc/match_test_images.h"
#include "imageproc/pdq_test_images.h"

namespace {

namespace ip = harrier::imageproc;
namespace t = harrier::imageproc::testing;

double CpuMs() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

template <typename T>
T Must(harrier::Result<T> r, const char* what) {
  if (!r.ok()) {
    std::fprintf(stderr, "%s: %s\n", what, r.status().ToString().c_str());
    std::exit(1);
  }
  return std::move(*r);
}

struct Args {
  int originals = 1000;
  int distractors = 10000;
  uint64_t seed = 1;
  bool query_crops = false;
  bool tolerance = false;
  ip::MatchOptions match;
  int window_quality = ip::SubwindowOptions{}.min_quality;  // kept when computing windows
};

// The rules, in order: each is the one before plus one more way to match.
enum Rule { kPdq, kDihedral, kSecond, kSubHash, kRules };

enum Edit {
  kJpeg,
  kResizeDown,
  kResizeUp,
  kBlur,
  kBrighter,
  kDarker,
  kGrey,
  kMirror,
  kRot90,
  kRot180,
  kRot270,
  kCrop5,
  kCrop10,
  kLetterbox,
  kText,
  kEdits
};
const char* kEditNames[kEdits] = {
    "jpeg q50-90",     "resize 25-75%", "resize 125-200%", "blur s1-2.5",   "brightness +20%",
    "brightness -20%", "grayscale",     "mirror",          "rotate 90",     "rotate 180",
    "rotate 270",      "crop 5%/axis",  "crop 10%/axis",   "letterbox 10%", "text overlay"};

cv::Mat Jpeg(const cv::Mat& img, int quality) {
  return cv::imdecode(t::EncodeJpeg(img, quality),
                      cv::IMREAD_UNCHANGED | cv::IMREAD_IGNORE_ORIENTATION);
}

// The edited copy as an advert would carry it: edited, then saved as JPEG.
cv::Mat ApplyEdit(Edit edit, const cv::Mat& img, cv::RNG& rng) {
  cv::Mat out;
  switch (edit) {
    case kJpeg:
      return Jpeg(img, rng.uniform(50, 91));
    case kResizeDown:
      out = t::Resized(img, rng.uniform(0.25, 0.75));
      break;
    case kResizeUp:
      out = t::Resized(img, rng.uniform(1.25, 2.0));
      break;
    case kBlur:
      cv::GaussianBlur(img, out, cv::Size(0, 0), rng.uniform(1.0, 2.5));
      break;
    case kBrighter:
      out = t::Brightness(img, 0.2);
      break;
    case kDarker:
      out = t::Brightness(img, -0.2);
      break;
    case kGrey:
      cv::cvtColor(img, out, cv::COLOR_BGR2GRAY);
      break;
    case kMirror:
      cv::flip(img, out, 1);
      break;
    case kRot90:
      cv::rotate(img, out, cv::ROTATE_90_COUNTERCLOCKWISE);
      break;
    case kRot180:
      cv::rotate(img, out, cv::ROTATE_180);
      break;
    case kRot270:
      cv::rotate(img, out, cv::ROTATE_90_CLOCKWISE);
      break;
    case kCrop5:
      out = t::RandomCrop(img, 0.05, rng);
      break;
    case kCrop10:
      out = t::RandomCrop(img, 0.10, rng);
      break;
    case kLetterbox:
      out = t::RandomLetterbox(img, 0.10, rng);
      break;
    default:
      out = t::PaintPhoneNumber(img, rng);
  }
  return Jpeg(out, rng.uniform(80, 91));
}

t::SceneSpec RandomSpec(cv::RNG& rng, uint64_t id) {
  t::SceneSpec spec;
  spec.family = static_cast<t::SceneFamily>(rng.uniform(0, t::kSceneFamilies));
  spec.style = spec.field = spec.layout = id;
  const int w = rng.uniform(320, 641), h = rng.uniform(240, 481);
  spec.size = rng.uniform(0, 4) == 0 ? cv::Size(h, w) : cv::Size(w, h);  // a quarter portrait
  return spec;
}

struct Entry {
  ip::ImageSignature signature;
  ip::OrbFeatures orb;
};

// Per query: for each rule, whether it matched the query's own original
// (own, -1 for distractors) and whether it matched any other entry.
struct Outcome {
  bool own[kRules] = {};
  bool other[kRules] = {};
  // Closest window pairs of each kind over all entries, whatever the
  // thresholds (distractors only): how much room the thresholds leave.
  int closest_crop = ip::PdqHash::kBits;
  int closest_strip = ip::PdqHash::kBits;
};

struct Timing {
  double signature_ms = 0, match_ms = 0, orb_ms = 0;
  long queries = 0, candidates = 0, orb_queries = 0;
  double window_hashes = 0;
};

Outcome Evaluate(const cv::Mat& query, int own, const std::vector<Entry>& entries,
                 const ip::SubwindowOptions& windows, const ip::MatchOptions& options,
                 Timing& timing) {
  Outcome out;
  double start = CpuMs();
  harrier::Result<ip::ImageSignature> sig = ip::ComputeImageSignature(query, windows);
  timing.signature_ms += CpuMs() - start;
  ++timing.queries;
  if (!sig.ok()) return out;
  timing.window_hashes += sig->windows.windows.size();
  ip::LazyOrbFeatures features(query, options.geometry);
  start = CpuMs();
  double orb_ms = 0;
  for (int e = 0; e < static_cast<int>(entries.size()); ++e) {
    const ip::MatchDecision d = ip::MatchHashes(*sig, entries[e].signature, options);
    bool hit[kRules] = {};
    if (d.match) {
      for (int r = d.method == ip::MatchMethod::kPdq ? kPdq : kDihedral; r < kRules; ++r) {
        hit[r] = true;
      }
    } else if (d.windows) {
      ++timing.candidates;
      hit[kSubHash] = true;
      const double orb_start = CpuMs();
      const ip::OrbFeatures* q = features.Get();
      if (q != nullptr) {
        harrier::Result<ip::GeometricMatch> g =
            ip::CheckGeometry(*q, entries[e].orb, options.geometry);
        hit[kSecond] = g.ok() && g->same_picture;
      }
      orb_ms += CpuMs() - orb_start;
    }
    for (int r = 0; r < kRules; ++r) {
      if (!hit[r]) continue;
      (e == own ? out.own : out.other)[r] = true;
    }
  }
  timing.match_ms += CpuMs() - start - orb_ms;
  if (own < 0) {
    ip::MatchOptions crop = options, strip = options;
    crop.pdq_threshold = strip.pdq_threshold = -1;
    crop.dihedral = strip.dihedral = false;
    crop.crop_threshold = strip.strip_threshold = ip::PdqHash::kBits;
    crop.strip_threshold = strip.crop_threshold = -1;
    for (const Entry& entry : entries) {
      out.closest_crop =
          std::min(out.closest_crop, ip::MatchHashes(*sig, entry.signature, crop).distance);
      out.closest_strip =
          std::min(out.closest_strip, ip::MatchHashes(*sig, entry.signature, strip).distance);
    }
  }
  timing.orb_ms += orb_ms;
  timing.orb_queries += features.computed();
  return out;
}

struct Tally {
  long n = 0;
  long own[kRules] = {};
  long other[kRules] = {};
  std::vector<int> closest_crop, closest_strip;
  void Add(const Outcome& o) {
    ++n;
    closest_crop.push_back(o.closest_crop);
    closest_strip.push_back(o.closest_strip);
    for (int r = 0; r < kRules; ++r) {
      own[r] += o.own[r];
      other[r] += o.other[r];
    }
  }
};

bool ParseArgs(int argc, char** argv, Args& args) {
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const bool has_value = i + 1 < argc;
    if (a == "--originals" && has_value) {
      args.originals = std::atoi(argv[++i]);
    } else if (a == "--distractors" && has_value) {
      args.distractors = std::atoi(argv[++i]);
    } else if (a == "--seed" && has_value) {
      args.seed = std::strtoull(argv[++i], nullptr, 10);
    } else if (a == "--quick") {
      args.originals = 200;
      args.distractors = 2000;
    } else if (a == "--crop-threshold" && has_value) {
      args.match.crop_threshold = std::atoi(argv[++i]);
    } else if (a == "--strip-threshold" && has_value) {
      args.match.strip_threshold = std::atoi(argv[++i]);
    } else if (a == "--window-quality" && has_value) {
      args.window_quality = args.match.window_min_quality = std::atoi(argv[++i]);
    } else if (a == "--min-inliers" && has_value) {
      args.match.geometry.min_inliers = std::atoi(argv[++i]);
    } else if (a == "--min-spread" && has_value) {
      args.match.geometry.min_inlier_spread = std::atof(argv[++i]);
    } else if (a == "--tolerance") {
      args.tolerance = true;
    } else if (a == "--query-crops") {
      args.query_crops = true;
    } else {
      std::fprintf(
          stderr,
          "usage: watchlist_eval [--originals N] [--distractors M] [--quick] "
          "[--seed S] [--query-crops] [--tolerance] [--crop-threshold D] [--strip-threshold D] "
          "[--window-quality Q] [--min-inliers N] [--min-spread F]\n");
      return false;
    }
  }
  return args.originals > 0 && args.distractors >= 0;
}

void PrintRecall(const Tally (&edits)[kEdits]) {
  std::printf(
      "\n| edit | n | pdq | +dihedral | +second (ORB) | +sub-hash (no ORB) | wrong entry |\n");
  std::printf("|---|---|---|---|---|---|---|\n");
  for (int e = 0; e < kEdits; ++e) {
    const Tally& t = edits[e];
    std::printf("| %s | %ld |", kEditNames[e], t.n);
    for (int r = 0; r < kRules; ++r) std::printf(" %.3f |", double(t.own[r]) / t.n);
    std::printf(" %ld |\n", t.other[kSecond]);
  }
}

// "min 82, 0.1 % 86, 1 % 90" of the distances.
std::string Quantiles(std::vector<int> v) {
  if (v.empty()) return "-";
  std::sort(v.begin(), v.end());
  char buf[96];
  std::snprintf(buf, sizeof buf, "min %d, 0.1 %% %d, 1 %% %d, median %d", v[0], v[v.size() / 1000],
                v[v.size() / 100], v[v.size() / 2]);
  return buf;
}

void PrintFalse(const char* const* names, const Tally* kinds, int count) {
  std::printf("\n| distractors | n | pdq | +dihedral | +second (ORB) | +sub-hash (no ORB) |\n");
  std::printf("|---|---|---|---|---|---|\n");
  Tally all;
  for (int k = 0; k <= count; ++k) {
    const Tally& t = k < count ? kinds[k] : all;
    if (k < count) {
      all.n += t.n;
      for (int r = 0; r < kRules; ++r) all.other[r] += t.other[r];
    }
    std::printf("| %s | %ld |", k < count ? names[k] : "all", t.n);
    for (int r = 0; r < kRules; ++r) {
      std::printf(" %.4f (%ld) |", t.n ? double(t.other[r]) / t.n : 0.0, t.other[r]);
    }
    std::printf("\n");
  }
  std::printf("\nclosest distractor window pairs over all entries (bits):\n");
  for (int k = 0; k < count; ++k) {
    std::printf("  %s: full vs crop windows %s; strips %s\n", names[k],
                Quantiles(kinds[k].closest_crop).c_str(),
                Quantiles(kinds[k].closest_strip).c_str());
  }
}

// --tolerance: why the crop windows are 3.5 % apart. How far PDQ moves when
// an image is cropped, and how far a window's hash moves when each of its
// edges moves by up to e of its size (at random, in or out).
void PrintTolerance(uint64_t seed) {
  cv::RNG rng(seed);
  std::vector<cv::Mat> images;
  for (int i = 0; i < 100; ++i) images.push_back(t::DrawPhotoLike(5000 + i));
  auto whole = [](const cv::Mat& m) {
    const ip::SubwindowHashes h = Must(ip::ComputeSubwindowHashes(m, {.min_quality = 0}), "window");
    return h.windows.empty() ? ip::PdqHash{} : h.windows.front().hash;
  };
  auto report = [](const char* what, double e, std::vector<int> d) {
    std::sort(d.begin(), d.end());
    std::printf("| %s %.2f %% | %d | %d | %d |\n", what, 100 * e, d[d.size() / 2],
                d[d.size() * 9 / 10], d.back());
  };
  std::printf("| change | median bits | 90 %% | max |\n|---|---|---|---|\n");
  for (double c : {0.02, 0.05, 0.10}) {
    std::vector<int> d;
    for (const cv::Mat& m : images) {
      d.push_back(ip::HammingDistance(Must(ip::ComputePdq(m), "pdq"),
                                      Must(ip::ComputePdq(t::RandomCrop(m, c, rng)), "pdq")));
    }
    report("global PDQ, crop per axis", c, d);
  }
  for (double e : {0.005, 0.01, 0.0175, 0.025, 0.035}) {
    std::vector<int> d;
    for (const cv::Mat& m : images) {
      const double w = 0.8 * m.cols, h = 0.8 * m.rows;
      const cv::Rect inner(cvRound(0.1 * m.cols), cvRound(0.1 * m.rows), cvRound(w), cvRound(h));
      const int l = cvRound(rng.uniform(-e, e) * w), r = cvRound(rng.uniform(-e, e) * w);
      const int top = cvRound(rng.uniform(-e, e) * h), b = cvRound(rng.uniform(-e, e) * h);
      const cv::Rect moved(inner.x + l, inner.y + top, inner.width - l + r, inner.height - top + b);
      d.push_back(ip::HammingDistance(whole(m(inner)), whole(m(moved))));
    }
    report("window, each edge moved up to", e, d);
  }
}

}  // namespace

int main(int argc, char** argv) {
  Args args;
  if (!ParseArgs(argc, argv, args)) return 2;
  cv::setNumThreads(1);
  if (args.tolerance) {
    PrintTolerance(args.seed);
    return 0;
  }
  const double wall_start = CpuMs();
  ip::SubwindowOptions query_windows = ip::QuerySubwindowOptions();
  query_windows.crops = args.query_crops;
  query_windows.min_quality = args.window_quality;
  ip::SubwindowOptions reference_windows = ip::ReferenceSubwindowOptions();
  reference_windows.min_quality = args.window_quality;

  // The watchlist: originals, their signatures (all windows) and ORB features.
  cv::RNG rng(args.seed);
  std::vector<t::SceneSpec> specs;
  std::vector<Entry> entries;
  double ref_sig_ms = 0, ref_orb_ms = 0, ref_windows = 0, ref_orb_bytes = 0;
  int low_quality = 0;  // originals whose PDQ quality is below 50: PDQ cannot match them
  for (int i = 0; i < args.originals; ++i) {
    specs.push_back(RandomSpec(rng, 1000 + i));
    const cv::Mat img = t::DrawScene(specs.back());
    Entry entry;
    double start = CpuMs();
    entry.signature = Must(ip::ComputeImageSignature(img, reference_windows), "signature");
    ref_sig_ms += CpuMs() - start;
    start = CpuMs();
    entry.orb = Must(ip::ComputeOrbFeatures(img), "orb");
    ref_orb_ms += CpuMs() - start;
    ref_windows += entry.signature.windows.windows.size();
    low_quality += entry.signature.pdq.quality < ip::kPdqMinQuality;
    ref_orb_bytes += entry.orb.SerializedSize();
    entries.push_back(std::move(entry));
  }

  // Edited copies of every original.
  Tally edits[kEdits];
  Timing timing;
  for (int i = 0; i < args.originals; ++i) {
    const cv::Mat img = t::DrawScene(specs[i]);
    for (int e = 0; e < kEdits; ++e) {
      edits[e].Add(Evaluate(ApplyEdit(static_cast<Edit>(e), img, rng), i, entries, query_windows,
                            args.match, timing));
    }
  }
  Timing positive_timing = timing;

  // Distractors: 60 % unrelated, 30 % style twins, 10 % same background.
  const char* kKinds[] = {"unrelated", "style twin", "same background"};
  Tally kinds[3];
  Timing distractor_timing;
  for (int d = 0; d < args.distractors; ++d) {
    const int kind = d % 10 < 6 ? 0 : d % 10 < 9 ? 1 : 2;
    t::SceneSpec spec = RandomSpec(rng, 10'000'000 + d);
    if (kind > 0) {
      const t::SceneSpec& twin = specs[rng.uniform(0, args.originals)];
      spec.family = twin.family;
      spec.style = twin.style;
      if (kind == 2) {
        spec.field = twin.field;
        spec.size = twin.size;
      }
    }
    const Edit edit = static_cast<Edit>(rng.uniform(0, kEdits));
    kinds[kind].Add(Evaluate(ApplyEdit(edit, t::DrawScene(spec), rng), -1, entries, query_windows,
                             args.match, distractor_timing));
  }

  const int n = args.originals;
  std::printf("watchlist_eval: %d originals x %d edits, %d distractors, seed %llu%s\n", n, kEdits,
              args.distractors, static_cast<unsigned long long>(args.seed),
              args.query_crops ? ", query crop windows" : "");
  PrintRecall(edits);
  PrintFalse(kKinds, kinds, 3);
  for (const auto& [name, tm] :
       {std::pair{"edited copies", positive_timing}, std::pair{"distractors", distractor_timing}}) {
    if (tm.queries == 0) continue;
    const double q = tm.queries;
    std::printf(
        "\nper query (%s, %d entries): %.2f ms total = signature %.2f + hash matching %.3f + "
        "ORB %.2f ms; %.2f window hashes; %.3f candidates and %.3f ORB computations per query\n",
        name, n, (tm.signature_ms + tm.match_ms + tm.orb_ms) / q, tm.signature_ms / q,
        tm.match_ms / q, tm.orb_ms / q, tm.window_hashes / q, tm.candidates / q,
        tm.orb_queries / q);
  }
  std::printf(
      "per watchlist entry: signature %.2f ms, ORB %.2f ms; %.1f window hashes (%.0f bytes at 35 "
      "each), ORB features %.0f bytes\n",
      ref_sig_ms / n, ref_orb_ms / n, ref_windows / n, ref_windows / n * 35, ref_orb_bytes / n);
  std::printf("originals with PDQ quality below %d: %d of %d\n", ip::kPdqMinQuality, low_quality,
              n);
  std::printf("total CPU %.1f s\n", (CpuMs() - wall_start) / 1e3);
  return 0;
}
