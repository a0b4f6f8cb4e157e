#include "imageproc/sniff.h"

#include <gtest/gtest.h>

namespace harrier::imageproc {
namespace {

using namespace std::literals;

TEST(SniffTest, AcceptsOnlyTheFourAllowedFormats) {
  struct Case {
    std::string_view bytes;
    const char* want;  // nullptr: refused
  } cases[] = {
      {"\xFF\xD8\xFF\xE0rest"sv, "image/jpeg"},
      {"\x89PNG\r\n\x1A\n...."sv, "image/png"},
      {"RIFF\x10\0\0\0WEBPVP8 "sv, "image/webp"},
      {"GIF89a.."sv, "image/gif"},
      {"GIF87a.."sv, "image/gif"},
      {"II*\0tiff"sv, nullptr},               // TIFF
      {"\0\0\0\x0CjP  \r\n"sv, nullptr},      // JPEG 2000
      {"<svg xmlns=..."sv, nullptr},          // SVG
      {"BM6\0\0\0"sv, nullptr},               // BMP
      {"8BPS\0\1"sv, nullptr},                // PSD
      {"RIFF\x10\0\0\0WAVEfmt "sv, nullptr},  // RIFF but not WebP
      {""sv, nullptr},
  };
  for (const Case& c : cases) {
    Result<std::string> r = SniffImageType(c.bytes);
    if (c.want) {
      ASSERT_TRUE(r.ok()) << r.status().ToString();
      EXPECT_EQ(*r, c.want);
    } else {
      ASSERT_FALSE(r.ok()) << "accepted " << *r;
      EXPECT_EQ(r.status().code(), StatusCode::kRejected);
    }
  }
}

}  // namespace
}  // namespace harrier::imageproc
