// ImageMatcher: one answer per entry with its smallest distance over the
// query's dihedral variants, and which variant gave it.
#include "imageproc/image_matcher.h"

#include <gtest/gtest.h>

#include <opencv2/core.hpp>

#include "imageproc/pdq_test_images.h"

namespace harrier::imageproc {
namespace {

PdqDihedralHashes Dihedral(const cv::Mat& image) {
  Result<PdqDihedralHashes> d = ComputePdqDihedral(image);
  EXPECT_TRUE(d.ok());
  return d.ok() ? *d : PdqDihedralHashes();
}

TEST(ImageMatcherTest, ARotatedCopyMatchesThroughItsDihedralVariant) {
  const cv::Mat scene = testing::DrawPhotoLike(11, 320, 240);
  cv::Mat rotated;
  cv::rotate(scene, rotated, cv::ROTATE_90_CLOCKWISE);
  ImageMatcher matcher(31);
  matcher.AddImage(7, Dihedral(scene)[0]);
  const std::vector<ImageMatch> plain = matcher.MatchImages(Dihedral(scene));
  ASSERT_EQ(plain.size(), 1u);
  EXPECT_EQ(plain[0].id, 7u);
  EXPECT_EQ(plain[0].distance, 0);
  EXPECT_EQ(plain[0].Method(), "pdq");
  // The rotated copy's own hash is far; one of its variants is near.
  EXPECT_GT(HammingDistance(Dihedral(rotated)[0], Dihedral(scene)[0]), 31);
  const std::vector<ImageMatch> turned = matcher.MatchImages(Dihedral(rotated));
  ASSERT_EQ(turned.size(), 1u);
  EXPECT_EQ(turned[0].id, 7u);
  EXPECT_LE(turned[0].distance, 31);
  EXPECT_EQ(turned[0].Method(), "pdq-dihedral");
}

TEST(ImageMatcherTest, ImagesAndWatchlistAreSeparateIndexesBuiltOrAdded) {
  const cv::Mat a = testing::DrawPhotoLike(11, 320, 240);
  const cv::Mat b = testing::DrawPhotoLike(12, 200, 300);
  ImageMatcher matcher(31);
  matcher.BuildImages({{1, ToHash256(Dihedral(a)[0])}});
  matcher.BuildWatchlist({{2, ToHash256(Dihedral(b)[0])}});
  EXPECT_EQ(matcher.images(), 1u);
  EXPECT_EQ(matcher.watchlist(), 1u);
  EXPECT_EQ(matcher.MatchImages(Dihedral(a)).size(), 1u);
  matcher.AddWatchlist(3, Dihedral(a)[0]);
  const std::vector<ImageMatch> listed = matcher.MatchWatchlist(Dihedral(a));
  ASSERT_FALSE(listed.empty());
  EXPECT_EQ(listed[0].id, 3u);
  EXPECT_EQ(listed[0].distance, 0);
}

TEST(ImageMatcherTest, StoredHexReadsBackToTheSameBits) {
  const PdqHash h = Dihedral(testing::DrawPhotoLike(11, 320, 240))[0];
  Result<Hash256> back = Hash256FromPdqHex(h.ToHex());
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(HammingDistance(*back, ToHash256(h)), 0);
  EXPECT_EQ(back->ToHex(), h.ToHex());
  EXPECT_FALSE(Hash256FromPdqHex("not hex").ok());
}

}  // namespace
}  // namespace harrier::imageproc
