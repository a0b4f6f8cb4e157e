#include "daemon/blob_store.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

#include "core/sha256.h"
#include "tests/support/fixture_server.h"

namespace harrier::daemon {
namespace {

TEST(BlobStoreTest, StoresUnderContentHashAndReadsBack) {
  testing::TempDir dir;
  auto blobs = BlobStore::Open(dir.path());
  ASSERT_TRUE(blobs.ok()) << blobs.status().ToString();
  std::string data = "advert photo bytes";
  std::string sha = Sha256Hex(data);
  auto path = (*blobs)->Put(sha, data);
  ASSERT_TRUE(path.ok()) << path.status().ToString();
  EXPECT_EQ(*path, "blobs/" + sha.substr(0, 2) + "/" + sha);
  ASSERT_TRUE((*blobs)->Sync().ok());
  auto back = (*blobs)->Read(*path);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, data);
  struct stat st;
  ASSERT_EQ(::stat((dir.path() + "/" + *path).c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST(BlobStoreTest, RefusesNamesThatAreNotHashes) {
  testing::TempDir dir;
  auto blobs = BlobStore::Open(dir.path());
  ASSERT_TRUE(blobs.ok());
  EXPECT_FALSE((*blobs)->Put("../../etc/passwd", "x").ok());
  EXPECT_FALSE((*blobs)->Read("blobs/../../etc/passwd").ok());
  // Nothing was written outside blobs/.
  int files = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir.path())) {
    if (e.is_regular_file()) ++files;
  }
  EXPECT_EQ(files, 0);
}

TEST(BlobStoreTest, SecondPutOfSameContentKeepsOneFile) {
  testing::TempDir dir;
  auto blobs = BlobStore::Open(dir.path());
  ASSERT_TRUE(blobs.ok());
  std::string sha = Sha256Hex("same");
  ASSERT_TRUE((*blobs)->Put(sha, "same").ok());
  ASSERT_TRUE((*blobs)->Put(sha, "same").ok());
  int files = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir.path())) {
    if (e.is_regular_file()) ++files;
  }
  EXPECT_EQ(files, 1);
}

}  // namespace
}  // namespace harrier::daemon
