#include "imageproc/hash256.h"

#include <gtest/gtest.h>

#include <random>

namespace harrier::imageproc {
namespace {

TEST(Hash256Test, HexPutsWordZeroFirstMostSignificantNibbleFirst) {
  Hash256 h{{0x0123456789abcdefULL, 0xfedcba9876543210ULL, 0, 0xffffffffffffffffULL}};
  EXPECT_EQ(h.ToHex(),
            "0123456789abcdef"
            "fedcba9876543210"
            "0000000000000000"
            "ffffffffffffffff");
}

TEST(Hash256Test, HexRoundTripsRandomHashes) {
  std::mt19937_64 rng(5);
  for (int i = 0; i < 200; ++i) {
    Hash256 h{{rng(), rng(), rng(), rng()}};
    Result<Hash256> back = Hash256::FromHex(h.ToHex());
    ASSERT_TRUE(back.ok()) << back.status().ToString();
    EXPECT_EQ(*back, h) << h.ToHex();
  }
}

TEST(Hash256Test, BytesAreTheHexOrderAndRoundTrip) {
  std::mt19937_64 rng(6);
  for (int i = 0; i < 200; ++i) {
    Hash256 h{{rng(), rng(), rng(), rng()}};
    const std::string bytes = h.ToBytes();
    ASSERT_EQ(bytes.size(), 32u);
    std::string hex;
    for (unsigned char c : bytes) {
      hex += "0123456789abcdef"[c >> 4];
      hex += "0123456789abcdef"[c & 15];
    }
    EXPECT_EQ(hex, h.ToHex());
    Result<Hash256> back = Hash256::FromBytes(bytes);
    ASSERT_TRUE(back.ok()) << back.status().ToString();
    EXPECT_EQ(*back, h);
  }
  EXPECT_EQ(Hash256::FromBytes(std::string(31, 'x')).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Hash256::FromBytes(std::string(33, 'x')).status().code(), StatusCode::kInvalidArgument);
}

TEST(Hash256Test, FromHexAcceptsUpperCase) {
  Result<Hash256> h = Hash256::FromHex(std::string(48, '0') + "00000000DEADBEEF");
  ASSERT_TRUE(h.ok()) << h.status().ToString();
  EXPECT_EQ(h->words[3], 0xdeadbeefULL);
  EXPECT_EQ(h->words[0], 0u);
}

TEST(Hash256Test, FromHexRefusesWrongLengthAndNonHex) {
  const std::string ok(64, 'a');
  const std::string cases[] = {
      "",
      ok.substr(0, 63),
      ok + "a",
      ok.substr(0, 63) + "g",
      " " + ok.substr(1),
      ok.substr(0, 32) + "-" + ok.substr(33),
      ok.substr(0, 63) + std::string(1, '\0'),
  };
  for (const std::string& hex : cases) {
    Result<Hash256> h = Hash256::FromHex(hex);
    ASSERT_FALSE(h.ok()) << "accepted '" << hex << "'";
    EXPECT_EQ(h.status().code(), StatusCode::kInvalidArgument);
  }
}

TEST(Hash256Test, HammingDistanceCountsDifferingBitsInEveryWord) {
  Hash256 zero;
  Hash256 ones{{~0ULL, ~0ULL, ~0ULL, ~0ULL}};
  EXPECT_EQ(HammingDistance(zero, zero), 0);
  EXPECT_EQ(HammingDistance(zero, ones), 256);
  for (int bit = 0; bit < 256; ++bit) {
    Hash256 h;
    h.words[bit / 64] = 1ULL << (bit % 64);
    EXPECT_EQ(HammingDistance(zero, h), 1) << bit;
    EXPECT_EQ(HammingDistance(ones, h), 255) << bit;
  }
}

}  // namespace
}  // namespace harrier::imageproc
