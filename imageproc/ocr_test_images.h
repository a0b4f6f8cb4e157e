// Invented advert-style images for the OCR tests and benchmark: photo-like
// backgrounds (gradients, soft blobs, textures, noise, shapes) drawn with
// OpenCV, with or without a line of rendered text (cv::putText) carrying an
// Ofcom drama-range phone number. Reproducible from a seed; test support only,
// not linked into harrier_imageproc.
#ifndef HARRIER_IMAGEPROC_OCR_TEST_IMAGES_H_
#define HARRIER_IMAGEPROC_OCR_TEST_IMAGES_H_

#include <cstdint>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#include <random>
#include <string>
#include <vector>

namespace harrier::imageproc::testing {

enum class Background {
  kPlain,     // one flat colour
  kGradient,  // linear two-colour gradient
  kPhoto,     // soft gradient with blurred blobs and sensor noise
  kTexture,   // multi-octave value noise ("foliage", "fabric")
  kNoise,     // strong per-pixel noise
  kShapes,    // crisp circles, rectangles and lines
};
inline constexpr Background kAllBackgrounds[] = {Background::kPlain, Background::kGradient,
                                                 Background::kPhoto, Background::kTexture,
                                                 Background::kNoise, Background::kShapes};
const char* BackgroundName(Background b);

// A BGR background of the given kind.
cv::Mat DrawBackground(Background kind, cv::Size size, std::mt19937& rng);

struct TextStyle {
  int font = cv::FONT_HERSHEY_SIMPLEX;
  double scale = 1.0;  // cv::putText fontScale; shrunk if the line would not fit
  int thickness = 2;
  cv::Scalar colour{255, 255, 255};
  bool outline = false;  // a dark (or light) rim around the glyphs, as adverts do
};

// Paints `text` on `image` in one line at `origin` (baseline left); when the
// line would not fit it is scaled down first. Returns the box drawn.
cv::Rect PaintText(cv::Mat& image, const std::string& text, cv::Point origin,
                   const TextStyle& style);

struct AdvertImage {
  cv::Mat image;       // BGR
  std::string text;    // what was painted ("" for a text-free photo)
  std::string e164;    // the phone number in it, "+447700900123"
  std::string digits;  // national digits as painted, "07700900123"
  std::string label;   // background, font and scale, for failure messages
};

// A random drama-range number written one of several advert ways
// ("Call 07700 900123", "TEXT ME 07700 900 456", "Tel 01632 960012", ...).
void RandomPhoneText(std::mt19937& rng, std::string* text, std::string* e164, std::string* digits);

// One advert-style image with a line of text somewhere on a random
// background; the text colour contrasts with the background under it.
AdvertImage RandomAdvert(std::mt19937& rng, cv::Size size = {640, 480});

// A text-free photo-like image of a random kind.
AdvertImage RandomPhoto(std::mt19937& rng, cv::Size size = {640, 480});

}  // namespace harrier::imageproc::testing

#endif  // HARRIER_IMAGEPROC_OCR_TEST_IMAGES_H_
