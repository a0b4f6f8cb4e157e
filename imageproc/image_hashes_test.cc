#include "imageproc/image_hashes.h"

#include <gtest/gtest.h>

#include "imageproc/pdq_test_images.h"

namespace harrier::imageproc {
namespace {

TEST(ImageHashesTest, OneCallGivesTheSameHashesAsEachAlone) {
  const cv::Mat image = testing::DrawPhotoLike(7);
  Result<ImageHashes> all = ComputeImageHashes(image, {.pdq_dihedral = true, .phash = true});
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->pdq, *ComputePdq(image));
  EXPECT_EQ(all->pdq.quality, ComputePdq(image)->quality);
  ASSERT_TRUE(all->pdq_dihedral.has_value());
  EXPECT_EQ(*all->pdq_dihedral, *ComputePdqDihedral(image));
  ASSERT_TRUE(all->phash.has_value());
  EXPECT_EQ(*all->phash, *ComputePHash(image));

  Result<ImageHashes> pdq_only = ComputeImageHashes(image, {.pdq_dihedral = false, .phash = false});
  ASSERT_TRUE(pdq_only.ok());
  EXPECT_EQ(pdq_only->pdq, all->pdq);
  EXPECT_FALSE(pdq_only->pdq_dihedral.has_value());
  EXPECT_FALSE(pdq_only->phash.has_value());
}

TEST(ImageHashesTest, RefusesWhatPdqRefuses) {
  Result<ImageHashes> r = ComputeImageHashes(cv::Mat(8, 8, CV_16UC1, cv::Scalar(0)));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace harrier::imageproc
