#include "imageproc/ocr_test_images.h"

#include <algorithm>
#include <cstdio>
#include <opencv2/imgproc.hpp>

namespace harrier::imageproc::testing {

namespace {

int Uniform(std::mt19937& rng, int lo, int hi) {  // inclusive
  return std::uniform_int_distribution<int>(lo, hi)(rng);
}

double UniformReal(std::mt19937& rng, double lo, double hi) {
  return std::uniform_real_distribution<double>(lo, hi)(rng);
}

cv::Scalar RandomColour(std::mt19937& rng, int lo = 0, int hi = 255) {
  return cv::Scalar(Uniform(rng, lo, hi), Uniform(rng, lo, hi), Uniform(rng, lo, hi));
}

cv::Mat Gradient(cv::Size size, cv::Scalar a, cv::Scalar b, double angle) {
  cv::Mat out(size, CV_8UC3);
  double dx = std::cos(angle), dy = std::sin(angle);
  double span = std::abs(dx) * size.width + std::abs(dy) * size.height;
  double offset = std::min(0.0, dx * size.width) + std::min(0.0, dy * size.height);
  for (int y = 0; y < size.height; ++y) {
    auto* row = out.ptr<cv::Vec3b>(y);
    for (int x = 0; x < size.width; ++x) {
      double t = (dx * x + dy * y - offset) / span;
      for (int c = 0; c < 3; ++c) row[x][c] = cv::saturate_cast<uchar>(a[c] + (b[c] - a[c]) * t);
    }
  }
  return out;
}

void AddNoise(cv::Mat& image, std::mt19937& rng, double sigma) {
  cv::Mat noise(image.size(), CV_16SC3);
  cv::RNG(rng()).fill(noise, cv::RNG::NORMAL, cv::Scalar::all(0), cv::Scalar::all(sigma));
  cv::Mat wide;
  image.convertTo(wide, CV_16SC3);
  wide += noise;
  wide.convertTo(image, CV_8UC3);
}

cv::Mat Photo(cv::Size size, std::mt19937& rng) {
  cv::Mat out = Gradient(size, RandomColour(rng, 20, 200), RandomColour(rng, 40, 240),
                         UniformReal(rng, 0, CV_PI));
  int blobs = Uniform(rng, 3, 8);
  for (int i = 0; i < blobs; ++i) {
    cv::Point centre(Uniform(rng, 0, size.width), Uniform(rng, 0, size.height));
    cv::Size axes(Uniform(rng, size.width / 12, size.width / 3),
                  Uniform(rng, size.height / 12, size.height / 3));
    cv::ellipse(out, centre, axes, Uniform(rng, 0, 180), 0, 360, RandomColour(rng), cv::FILLED,
                cv::LINE_AA);
  }
  int sigma = 2 * Uniform(rng, 4, 12) + 1;
  cv::GaussianBlur(out, out, cv::Size(sigma, sigma), 0);
  AddNoise(out, rng, UniformReal(rng, 2, 8));
  return out;
}

cv::Mat Texture(cv::Size size, std::mt19937& rng) {
  cv::Mat acc(size, CV_32FC3, cv::Scalar::all(0));
  double weight = 1.0, total = 0;
  for (int cells = Uniform(rng, 3, 6); cells < size.width / 2; cells *= 3) {
    cv::Mat coarse(cv::Size(cells, std::max(2, cells * size.height / size.width)), CV_32FC3);
    cv::RNG(rng()).fill(coarse, cv::RNG::UNIFORM, cv::Scalar::all(0), cv::Scalar::all(255));
    cv::Mat up;
    cv::resize(coarse, up, size, 0, 0, cv::INTER_CUBIC);
    acc += up * weight;
    total += weight;
    weight *= UniformReal(rng, 0.4, 0.7);
  }
  acc /= total;
  cv::Mat out;
  acc.convertTo(out, CV_8UC3);
  return out;
}

cv::Mat Noise(cv::Size size, std::mt19937& rng) {
  cv::Mat out(size, CV_8UC3);
  cv::RNG(rng()).fill(out, cv::RNG::UNIFORM, cv::Scalar::all(0), cv::Scalar::all(256));
  if (Uniform(rng, 0, 1)) cv::GaussianBlur(out, out, cv::Size(3, 3), 0);
  return out;
}

cv::Mat Shapes(cv::Size size, std::mt19937& rng) {
  cv::Mat out(size, CV_8UC3, RandomColour(rng));
  int shapes = Uniform(rng, 5, 15);
  for (int i = 0; i < shapes; ++i) {
    cv::Point a(Uniform(rng, 0, size.width), Uniform(rng, 0, size.height));
    cv::Point b(Uniform(rng, 0, size.width), Uniform(rng, 0, size.height));
    int thickness = Uniform(rng, 0, 2) ? Uniform(rng, 1, 6) : cv::FILLED;
    switch (Uniform(rng, 0, 2)) {
      case 0:
        cv::rectangle(out, a, b, RandomColour(rng), thickness);
        break;
      case 1:
        cv::circle(out, a, Uniform(rng, 5, size.height / 4), RandomColour(rng), thickness,
                   cv::LINE_AA);
        break;
      default:
        cv::line(out, a, b, RandomColour(rng), Uniform(rng, 1, 8), cv::LINE_AA);
    }
  }
  return out;
}

double Luma(const cv::Scalar& bgr) { return 0.114 * bgr[0] + 0.587 * bgr[1] + 0.299 * bgr[2]; }

cv::Scalar ContrastingColour(std::mt19937& rng, double background_luma) {
  static const cv::Scalar kLight[] = {
      {255, 255, 255}, {0, 255, 255}, {255, 255, 0}, {203, 192, 255}, {220, 245, 245}};
  static const cv::Scalar kDark[] = {{0, 0, 0}, {120, 0, 0}, {0, 0, 150}, {0, 90, 0}, {60, 20, 60}};
  if (background_luma < 128) return kLight[Uniform(rng, 0, 4)];
  return kDark[Uniform(rng, 0, 4)];
}

}  // namespace

const char* BackgroundName(Background b) {
  switch (b) {
    case Background::kPlain:
      return "plain";
    case Background::kGradient:
      return "gradient";
    case Background::kPhoto:
      return "photo";
    case Background::kTexture:
      return "texture";
    case Background::kNoise:
      return "noise";
    case Background::kShapes:
      return "shapes";
  }
  return "?";
}

cv::Mat DrawBackground(Background kind, cv::Size size, std::mt19937& rng) {
  switch (kind) {
    case Background::kPlain:
      return cv::Mat(size, CV_8UC3, RandomColour(rng));
    case Background::kGradient:
      return Gradient(size, RandomColour(rng), RandomColour(rng), UniformReal(rng, 0, CV_PI));
    case Background::kPhoto:
      return Photo(size, rng);
    case Background::kTexture:
      return Texture(size, rng);
    case Background::kNoise:
      return Noise(size, rng);
    case Background::kShapes:
      return Shapes(size, rng);
  }
  return cv::Mat(size, CV_8UC3, cv::Scalar::all(128));
}

cv::Rect PaintText(cv::Mat& image, const std::string& text, cv::Point origin,
                   const TextStyle& style) {
  TextStyle s = style;
  int baseline = 0;
  cv::Size extent = cv::getTextSize(text, s.font, s.scale, s.thickness, &baseline);
  int room = image.cols - origin.x - 4;
  if (extent.width > room && room > 0) {
    s.scale *= static_cast<double>(room) / extent.width;
    s.thickness = std::max(1, static_cast<int>(s.thickness * room / extent.width + 0.5));
    extent = cv::getTextSize(text, s.font, s.scale, s.thickness, &baseline);
  }
  if (s.outline) {
    cv::Scalar rim = Luma(s.colour) < 128 ? cv::Scalar(255, 255, 255) : cv::Scalar(0, 0, 0);
    cv::putText(image, text, origin, s.font, s.scale, rim, s.thickness + 3, cv::LINE_AA);
  }
  cv::putText(image, text, origin, s.font, s.scale, s.colour, s.thickness, cv::LINE_AA);
  return cv::Rect(origin.x, origin.y - extent.height, extent.width, extent.height + baseline);
}

void RandomPhoneText(std::mt19937& rng, std::string* text, std::string* e164, std::string* digits) {
  char buf[64];
  int range = Uniform(rng, 0, 2);
  int n = Uniform(rng, 0, 999);
  std::string national, written;
  if (range == 0) {  // 07700 900000-900999
    std::snprintf(buf, sizeof buf, "07700900%03d", n);
    national = buf;
    std::snprintf(buf, sizeof buf, Uniform(rng, 0, 1) ? "07700 900%03d" : "07700 900 %03d", n);
  } else if (range == 1) {  // 01632 960000-960999
    std::snprintf(buf, sizeof buf, "01632960%03d", n);
    national = buf;
    std::snprintf(buf, sizeof buf, "01632 960%03d", n);
  } else {  // 020 7946 0000-0999
    std::snprintf(buf, sizeof buf, "0207946%04d", n);
    national = buf;
    std::snprintf(buf, sizeof buf, "020 7946 %04d", n);
  }
  written = buf;
  static const char* kLeads[] = {"Call ", "TEXT ME ", "Tel ", "", "Call or text ", "WhatsApp "};
  *text = kLeads[Uniform(rng, 0, 5)] + written;
  *digits = national;
  *e164 = "+44" + national.substr(1);
}

AdvertImage RandomAdvert(std::mt19937& rng, cv::Size size) {
  static const Background kBacks[] = {Background::kPlain, Background::kGradient, Background::kPhoto,
                                      Background::kTexture, Background::kShapes};
  static const int kFonts[] = {cv::FONT_HERSHEY_SIMPLEX, cv::FONT_HERSHEY_DUPLEX,
                               cv::FONT_HERSHEY_COMPLEX, cv::FONT_HERSHEY_TRIPLEX};
  static const char* kFontNames[] = {"simplex", "duplex", "complex", "triplex"};
  AdvertImage out;
  Background back = kBacks[Uniform(rng, 0, 4)];
  out.image = DrawBackground(back, size, rng);
  RandomPhoneText(rng, &out.text, &out.e164, &out.digits);
  TextStyle style;
  int font = Uniform(rng, 0, 3);
  style.font = kFonts[font];
  style.scale = UniformReal(rng, 0.6, 2.0);
  style.thickness = std::max(1, static_cast<int>(style.scale * UniformReal(rng, 1.0, 2.0)));
  style.outline = back != Background::kPlain && Uniform(rng, 0, 2) == 0;
  int baseline = 0;
  cv::Size extent = cv::getTextSize(out.text, style.font, style.scale, style.thickness, &baseline);
  int x = Uniform(rng, 4, std::max(4, size.width - extent.width - 4));
  int y = Uniform(rng, extent.height + 4, size.height - baseline - 4);
  cv::Rect under = cv::Rect(x, y - extent.height, extent.width, extent.height + baseline) &
                   cv::Rect(0, 0, size.width, size.height);
  style.colour = ContrastingColour(rng, Luma(cv::mean(out.image(under))));
  PaintText(out.image, out.text, {x, y}, style);
  char label[128];
  std::snprintf(label, sizeof label, "%s %s scale %.2f thick %d%s '%s'", BackgroundName(back),
                kFontNames[font], style.scale, style.thickness, style.outline ? " outline" : "",
                out.text.c_str());
  out.label = label;
  return out;
}

AdvertImage RandomPhoto(std::mt19937& rng, cv::Size size) {
  Background back = kAllBackgrounds[Uniform(rng, 0, 5)];
  AdvertImage out;
  out.image = DrawBackground(back, size, rng);
  out.label = BackgroundName(back);
  return out;
}

}  // namespace harrier::imageproc::testing
