#include "imageproc/hash_rows.h"

#include <gtest/gtest.h>

#include <random>

namespace harrier::imageproc {
namespace {

TEST(HashRowsTest, ReadsBackEveryRowAcrossChunkBoundaries) {
  std::mt19937_64 rng(3);
  std::vector<Hash256> want;
  HashRows rows;
  const size_t n = 2 * HashRows::kChunkRows + 17;
  for (size_t i = 0; i < n; ++i) {
    want.push_back(Hash256{{rng(), rng(), rng(), rng()}});
    rows.Append(1000 + i, want.back());
  }
  ASSERT_EQ(rows.size(), n);
  for (size_t i = 0; i < n; ++i) {
    ASSERT_EQ(rows.hash(i), want[i]) << i;
    ASSERT_EQ(rows.id(i), 1000 + i) << i;
  }
  for (size_t c = 0; c < 3; ++c) {
    const Hash256* hashes = rows.chunk_hashes(c);
    EXPECT_EQ(reinterpret_cast<uintptr_t>(hashes) % (2 << 20), 0u) << "chunk " << c;
    EXPECT_EQ(hashes[5], want[c * HashRows::kChunkRows + 5]);
  }
  EXPECT_GE(rows.MemoryBytes(), 3 * (HashRows::kChunkRows * 40));
}

TEST(HashRowsTest, ClearEmptiesAndAppendStartsAgain) {
  HashRows rows;
  for (int i = 0; i < 10; ++i) rows.Append(i, Hash256{{1, 2, 3, uint64_t(i)}});
  rows.Clear();
  EXPECT_EQ(rows.size(), 0u);
  EXPECT_EQ(rows.MemoryBytes(), 0u);
  rows.Append(7, Hash256{{4, 5, 6, 7}});
  EXPECT_EQ(rows.id(0), 7u);
  EXPECT_EQ(rows.hash(0), (Hash256{{4, 5, 6, 7}}));
}

}  // namespace
}  // namespace harrier::imageproc
