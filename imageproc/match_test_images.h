// Invented scenes and advertiser edits for the matching tests and the
// watchlist benchmark, all drawn reproducibly from seeds: five families of
// photo-like scenes (shapes, textures, interiors, patterns, posters), and the
// edits the second matching stage exists for: crops, letterbox bars and a
// phone number painted across the picture (Ofcom's drama range). Test and
// benchmark support only; never used in production.
#ifndef HARRIER_IMAGEPROC_MATCH_TEST_IMAGES_H_
#define HARRIER_IMAGEPROC_MATCH_TEST_IMAGES_H_

#include <algorithm>
#include <cstdint>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#include <string>

#include "imageproc/pdq_test_images.h"

namespace harrier::imageproc::testing {

enum class SceneFamily { kShapes = 0, kTexture, kInterior, kPattern, kPoster };
inline constexpr int kSceneFamilies = 5;

inline cv::Scalar RandomColour(cv::RNG& rng) {
  return cv::Scalar(rng.uniform(0, 256), rng.uniform(0, 256), rng.uniform(0, 256));
}

// Smooth random colour field: a grid x grid image of random colours,
// enlarged with bicubic interpolation, mixed between two palette colours.
inline cv::Mat SmoothField(cv::RNG& rng, cv::Size size, int grid, cv::Scalar a, cv::Scalar b) {
  cv::Mat small(grid, grid, CV_32FC1);
  rng.fill(small, cv::RNG::UNIFORM, 0.0, 1.0);
  cv::Mat t;
  cv::resize(small, t, size, 0, 0, cv::INTER_CUBIC);
  cv::Mat out(size, CV_8UC3);
  for (int y = 0; y < size.height; ++y) {
    const float* tr = t.ptr<float>(y);
    auto* o = out.ptr<cv::Vec3b>(y);
    for (int x = 0; x < size.width; ++x) {
      const float v = std::clamp(tr[x], 0.0f, 1.0f);
      for (int c = 0; c < 3; ++c) o[x][c] = cv::saturate_cast<uint8_t>(a[c] * (1 - v) + b[c] * v);
    }
  }
  return out;
}

inline void DrawShapes(cv::Mat& img, cv::RNG& rng, int count, int min_r, int max_r) {
  for (int i = 0; i < count; ++i) {
    const cv::Point p(rng.uniform(0, img.cols), rng.uniform(0, img.rows));
    const int r = rng.uniform(min_r, std::max(min_r + 1, max_r));
    const cv::Scalar c = RandomColour(rng);
    switch (rng.uniform(0, 4)) {
      case 0:
        cv::circle(img, p, r, c, cv::FILLED, cv::LINE_AA);
        break;
      case 1:
        cv::rectangle(img, p, p + cv::Point(r, rng.uniform(r / 2 + 1, 2 * r + 2)), c, cv::FILLED);
        break;
      case 2: {
        const cv::Point pts[3] = {p, p + cv::Point(rng.uniform(-r, r), rng.uniform(-r, r)),
                                  p + cv::Point(rng.uniform(-r, r), rng.uniform(-r, r))};
        cv::fillConvexPoly(img, pts, 3, c, cv::LINE_AA);
        break;
      }
      default:
        cv::ellipse(img, p, cv::Size(r, r / 2 + 1), rng.uniform(0, 180), 0, 360, c, cv::FILLED,
                    cv::LINE_AA);
    }
  }
}

inline void Stripes(cv::Mat& img, cv::RNG& rng, cv::Rect area, cv::Scalar a, cv::Scalar b) {
  const int period = rng.uniform(6, 30);
  const bool vertical = rng.uniform(0, 2) == 0;
  cv::Mat roi = img(area & cv::Rect(0, 0, img.cols, img.rows));
  const int n = vertical ? roi.cols : roi.rows;
  for (int k = 0; k < n; k += period) {
    const cv::Rect band =
        vertical ? cv::Rect(k, 0, period / 2, roi.rows) : cv::Rect(0, k, roi.cols, period / 2);
    roi(band & cv::Rect(0, 0, roi.cols, roi.rows)).setTo(k / period % 2 ? a : b);
  }
}

inline void Words(cv::Mat& img, cv::RNG& rng, int lines) {
  static const char* kWords[] = {"OPEN", "NEW",  "sale",   "harbour", "garden", "Friday",
                                 "tea",  "blue", "market", "17:30",   "river",  "book"};
  for (int i = 0; i < lines; ++i) {
    std::string text;
    for (int w = rng.uniform(1, 4); w > 0; --w)
      text += std::string(kWords[rng.uniform(0, 12)]) + " ";
    const double scale = rng.uniform(0.6, 2.2) * img.cols / 640.0;
    cv::putText(img, text, {rng.uniform(0, img.cols / 2), rng.uniform(20, img.rows)},
                rng.uniform(0, 2) ? cv::FONT_HERSHEY_SIMPLEX : cv::FONT_HERSHEY_TRIPLEX, scale,
                RandomColour(rng), std::max(1, static_cast<int>(scale * 2)), cv::LINE_AA);
  }
}

inline void NoiseAndBlur(cv::Mat& img, cv::RNG& rng) {
  cv::Mat noise(img.size(), CV_16SC3), wide;
  rng.fill(noise, cv::RNG::NORMAL, 0, rng.uniform(2.0, 10.0));
  img.convertTo(wide, CV_16SC3);
  wide += noise;
  wide.convertTo(img, CV_8UC3);
  cv::GaussianBlur(img, img, cv::Size(0, 0), rng.uniform(0.5, 1.5));
}

// What a scene is drawn from. The palette comes from `style`, the
// background's random field from `field`, everything on it from `layout`:
// scenes sharing style (and field) make the hard distractors.
struct SceneSpec {
  SceneFamily family = SceneFamily::kShapes;
  uint64_t style = 0;
  uint64_t field = 0;
  uint64_t layout = 0;
  cv::Size size{640, 480};
};

inline cv::Mat DrawBackground(const SceneSpec& spec) {
  cv::RNG palette(spec.style * 0x9E3779B97F4A7C15ull + 11);
  const cv::Scalar a = RandomColour(palette), b = RandomColour(palette);
  const int grid = palette.uniform(4, 24);
  cv::RNG rng(spec.field * 0xBF58476D1CE4E5B9ull + 5);
  const cv::Size size = spec.size;
  switch (spec.family) {
    case SceneFamily::kTexture: {  // two octaves, like foliage or fabric
      cv::Mat img = SmoothField(rng, size, grid, a, b), fine;
      cv::addWeighted(img, 0.6, SmoothField(rng, size, 3 * grid, b, a * 0.5), 0.4, 0, fine);
      return fine;
    }
    case SceneFamily::kInterior: {
      cv::Mat img = SmoothField(rng, size, 2, a, a * 0.6 + b * 0.4);
      const int horizon = rng.uniform(size.height / 2, size.height * 4 / 5);
      img(cv::Rect(0, horizon, size.width, size.height - horizon)).setTo(b);
      Stripes(img, rng, cv::Rect(rng.uniform(0, size.width / 2), 0, size.width / 4, horizon),
              a * 0.8, b * 0.5);
      return img;
    }
    case SceneFamily::kPattern: {
      cv::Mat img = SmoothField(rng, size, 3, a, b);
      Stripes(img, rng, cv::Rect(0, 0, size.width, size.height), a, a * 0.5 + b * 0.5);
      return img;
    }
    default:
      return SmoothField(rng, size, 2, a, b);
  }
}

// A photo-like scene. kShapes is pdq_test_images' DrawPhotoLike(layout),
// which has no separate style; the others draw DrawBackground and then a
// layout on it, then noise and blur.
inline cv::Mat DrawScene(const SceneSpec& spec) {
  const cv::Size size = spec.size;
  if (spec.family == SceneFamily::kShapes)
    return DrawPhotoLike(spec.layout, size.width, size.height);
  cv::Mat img = DrawBackground(spec);
  cv::RNG rng(spec.layout * 0xD1B54A32D192ED03ull + 7);
  const int s = std::min(size.width, size.height);
  switch (spec.family) {
    case SceneFamily::kTexture:
      DrawShapes(img, rng, rng.uniform(8, 20), s / 20, s / 5);
      break;
    case SceneFamily::kInterior:
      for (int i = rng.uniform(3, 7); i > 0; --i) {  // furniture, frames, windows
        const cv::Point p(rng.uniform(0, size.width), rng.uniform(size.height / 4, size.height));
        cv::rectangle(img, p, p + cv::Point(rng.uniform(s / 8, s / 2), rng.uniform(s / 10, s / 3)),
                      RandomColour(rng), rng.uniform(0, 2) ? cv::FILLED : rng.uniform(3, 9));
      }
      DrawShapes(img, rng, rng.uniform(4, 10), s / 25, s / 6);
      break;
    case SceneFamily::kPattern:
      DrawShapes(img, rng, rng.uniform(6, 16), s / 15, s / 4);
      break;
    case SceneFamily::kPoster:
      DrawShapes(img, rng, rng.uniform(6, 14), s / 10, s / 3);
      Words(img, rng, rng.uniform(3, 7));
      break;
    default:
      break;
  }
  NoiseAndBlur(img, rng);
  return img;
}

// Removes frac of the width and of the height, split between the two sides
// of each axis at random (sometimes all from one side).
inline cv::Mat RandomCrop(const cv::Mat& img, double frac, cv::RNG& rng) {
  const double ux = rng.uniform(0.0, 1.0), uy = rng.uniform(0.0, 1.0);
  const int x0 = cvRound(frac * ux * img.cols), y0 = cvRound(frac * uy * img.rows);
  const int w = cvRound((1 - frac) * img.cols), h = cvRound((1 - frac) * img.rows);
  return img(cv::Rect(x0, y0, std::min(w, img.cols - x0), std::min(h, img.rows - y0))).clone();
}

// Bars of one colour making frac of the result's height (or width, for
// pillarbox bars), centred or (one time in four) off-centre.
inline cv::Mat RandomLetterbox(const cv::Mat& img, double frac, cv::RNG& rng) {
  const bool pillar = rng.uniform(0, 10) < 3;
  const int pick = rng.uniform(0, 10);
  const cv::Scalar colour = pick < 6   ? cv::Scalar(0, 0, 0)
                            : pick < 8 ? cv::Scalar(255, 255, 255)
                                       : RandomColour(rng);
  const double share = rng.uniform(0, 4) == 0 ? rng.uniform(0.0, 1.0) : 0.5;
  const int total = cvRound((pillar ? img.cols : img.rows) * frac / (1 - frac));
  const int first = cvRound(total * share);
  cv::Mat out;
  if (pillar) {
    cv::copyMakeBorder(img, out, 0, 0, first, total - first, cv::BORDER_CONSTANT, colour);
  } else {
    cv::copyMakeBorder(img, out, first, total - first, 0, 0, cv::BORDER_CONSTANT, colour);
  }
  return out;
}

// "07700 900nnn" painted large across the picture (50-90 % of its width),
// in white, black or a bright colour, with an outline or on a dark band.
inline cv::Mat PaintPhoneNumber(const cv::Mat& img, cv::RNG& rng) {
  cv::Mat out = img.clone();
  const std::string text = "07700 900" + std::to_string(100 + rng.uniform(0, 900));
  const int font = rng.uniform(0, 2) ? cv::FONT_HERSHEY_SIMPLEX : cv::FONT_HERSHEY_DUPLEX;
  int base = 0;
  const double unit = cv::getTextSize(text, font, 1.0, 2, &base).width;
  const double scale = rng.uniform(0.5, 0.9) * img.cols / unit;
  const int thick = std::max(2, cvRound(scale * 2.5));
  const cv::Size size = cv::getTextSize(text, font, scale, thick, &base);
  const cv::Point at(rng.uniform(0, std::max(1, img.cols - size.width)),
                     rng.uniform(size.height + 2, std::max(size.height + 3, img.rows - base)));
  static const cv::Scalar kColours[] = {
      {255, 255, 255}, {0, 0, 0}, {0, 255, 255}, {0, 0, 255}, {255, 0, 255}};
  cv::Scalar colour = kColours[rng.uniform(0, 5)];
  const int style = rng.uniform(0, 3);
  if (style == 0) {  // translucent dark band behind white text
    const int top = std::max(0, at.y - size.height - 4);
    cv::Mat band =
        out(cv::Rect(0, top, img.cols, std::min(img.rows - top, size.height + base + 8)));
    band.convertTo(band, -1, 0.4);
    colour = cv::Scalar(255, 255, 255);
  } else if (style == 1) {  // outline
    const cv::Scalar outline =
        colour == cv::Scalar(0, 0, 0) ? cv::Scalar(255, 255, 255) : cv::Scalar(0, 0, 0);
    cv::putText(out, text, at, font, scale, outline, thick + 4, cv::LINE_AA);
  }
  cv::putText(out, text, at, font, scale, colour, thick, cv::LINE_AA);
  return out;
}

}  // namespace harrier::imageproc::testing

#endif  // HARRIER_IMAGEPROC_MATCH_TEST_IMAGES_H_
