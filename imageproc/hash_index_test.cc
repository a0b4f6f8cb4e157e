#include "imageproc/hash_index.h"

#include <gtest/gtest.h>

#include <numeric>
#include <random>
#include <string>

namespace harrier::imageproc {
namespace {

using Entries = std::vector<std::pair<uint64_t, Hash256>>;
using Strategy = HashIndexOptions::Strategy;

constexpr int kRadii[] = {0, 1, 15, 16, 31, 32, 47, 64, 100, 256};

Hash256 RandomHash(std::mt19937_64& rng) { return Hash256{{rng(), rng(), rng(), rng()}}; }

// `h` with exactly k distinct bits flipped.
Hash256 FlipBits(Hash256 h, int k, std::mt19937_64& rng) {
  std::array<int, 256> bits;
  std::iota(bits.begin(), bits.end(), 0);
  for (int i = 0; i < k; ++i) {
    std::swap(bits[i], bits[i + rng() % (256 - i)]);
    h.words[bits[i] / 64] ^= 1ULL << (bits[i] % 64);
  }
  return h;
}

Entries RandomEntries(size_t n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  Entries entries;
  for (size_t i = 0; i < n; ++i) entries.push_back({rng() % 1000000, RandomHash(rng)});
  return entries;
}

// Cluster centres and members 0..60 bits away, so many members sit on either
// side of every radius between them; ids are random (some repeat).
Entries ClusteredEntries(int clusters, int members, uint64_t seed) {
  std::mt19937_64 rng(seed);
  Entries entries;
  for (int c = 0; c < clusters; ++c) {
    const Hash256 centre = RandomHash(rng);
    entries.push_back({rng() % 100000, centre});
    for (int m = 0; m < members; ++m) {
      entries.push_back({rng() % 100000, FlipBits(centre, static_cast<int>(rng() % 61), rng)});
    }
  }
  std::shuffle(entries.begin(), entries.end(), rng);
  return entries;
}

// Random hashes, stored hashes, and stored hashes 1..60 bits away.
std::vector<Hash256> Queries(const Entries& entries, int n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<Hash256> queries;
  for (int i = 0; i < n; ++i) {
    const Hash256& stored = entries[rng() % entries.size()].second;
    switch (i % 3) {
      case 0:
        queries.push_back(RandomHash(rng));
        break;
      case 1:
        queries.push_back(stored);
        break;
      default:
        queries.push_back(FlipBits(stored, 1 + static_cast<int>(rng() % 60), rng));
    }
  }
  return queries;
}

std::string Describe(const std::vector<HashMatch>& matches) {
  std::string out;
  for (const HashMatch& m : matches) {
    out += std::to_string(m.id) + "@" + std::to_string(m.distance) + " ";
  }
  return out;
}

// Search equals the brute-force scan for every query and radius.
void ExpectSameAsBruteForce(const HashIndex& index, const Entries& entries,
                            const std::vector<Hash256>& queries, const std::string& label) {
  ASSERT_EQ(index.size(), entries.size()) << label;
  size_t found = 0;
  for (int radius : kRadii) {
    for (const Hash256& q : queries) {
      std::vector<HashMatch> want = BruteForceSearch(entries, q, radius);
      std::vector<HashMatch> got = index.Search(q, radius);
      found += want.size();
      ASSERT_EQ(got, want) << label << " radius " << radius << " query " << q.ToHex()
                           << "\n got: " << Describe(got) << "\nwant: " << Describe(want);
    }
  }
  EXPECT_GT(found, 0u) << label << ": the queries found nothing, so prove nothing";
}

TEST(HashIndexTest, BuildEqualsBruteForceOnRandomSets) {
  for (uint64_t seed : {1, 2}) {
    const Entries entries = RandomEntries(5000, seed);
    const std::vector<Hash256> queries = Queries(entries, 45, seed + 100);
    for (Strategy strategy : {Strategy::kAuto, Strategy::kProbe, Strategy::kScan}) {
      HashIndex index({.strategy = strategy});
      index.Build(entries);
      ExpectSameAsBruteForce(index, entries, queries,
                             "seed " + std::to_string(seed) + " strategy " +
                                 std::to_string(static_cast<int>(strategy)));
    }
  }
}

TEST(HashIndexTest, BuildEqualsBruteForceOnClusteredSets) {
  for (uint64_t seed : {11, 12}) {
    const Entries entries = ClusteredEntries(150, 60, seed);
    const std::vector<Hash256> queries = Queries(entries, 60, seed + 100);
    for (Strategy strategy : {Strategy::kAuto, Strategy::kProbe}) {
      HashIndex index({.strategy = strategy});
      index.Build(entries);
      ExpectSameAsBruteForce(index, entries, queries,
                             "seed " + std::to_string(seed) + " strategy " +
                                 std::to_string(static_cast<int>(strategy)));
    }
  }
}

// The worst case for the probe plan: the differing bits spread as evenly as
// possible over the 16 substrings, with the lightest substring in each place
// in turn. A hash exactly `radius` away is found, one bit further is not.
TEST(HashIndexTest, FindsDifferencesSpreadEvenlyOverEverySubstring) {
  std::mt19937_64 rng(21);
  const Hash256 query = RandomHash(rng);
  // Every remainder mod 16 for sub-radii 0..4, then a few large radii.
  std::vector<int> radii(80);
  std::iota(radii.begin(), radii.end(), 0);
  radii.insert(radii.end(), {100, 127, 128, 200, 255});
  for (int radius : radii) {
    Entries entries = RandomEntries(300, radius);
    std::vector<uint64_t> want_ids;
    for (int light = 0; light < HashIndex::kTables; ++light) {
      for (int extra : {0, 1}) {
        // Substring t (table t) holds bits [16 (t % 4), +16) of words[t / 4].
        Hash256 h = query;
        for (int i = 0; i < radius + extra; ++i) {
          const int t = (light + i) % HashIndex::kTables;
          const int k = i / HashIndex::kTables;  // the k-th bit flipped in substring t
          h.words[t / 4] ^= 1ULL << ((t % 4) * 16 + k);
        }
        ASSERT_EQ(HammingDistance(h, query), radius + extra);
        const uint64_t id = 2000000 + 2 * light + extra;
        entries.push_back({id, h});
        if (extra == 0) want_ids.push_back(id);
      }
    }
    HashIndex index({.strategy = Strategy::kProbe});
    index.Build(entries);
    const std::vector<HashMatch> got = index.Search(query, radius);
    ASSERT_EQ(got, BruteForceSearch(entries, query, radius)) << "radius " << radius;
    std::vector<uint64_t> got_ids;
    for (const HashMatch& m : got) {
      if (m.id >= 2000000) got_ids.push_back(m.id);
    }
    EXPECT_EQ(got_ids, want_ids) << "radius " << radius;
  }
}

TEST(HashIndexTest, AddAfterBuildEqualsBruteForceBeforeAndAfterMerges) {
  Entries all = ClusteredEntries(100, 40, 31);
  const Entries more = RandomEntries(3000, 32);
  all.insert(all.end(), more.begin(), more.end());
  std::shuffle(all.begin(), all.end(), std::mt19937_64(33));
  const size_t built = all.size() / 2;
  const std::vector<Hash256> queries = Queries(all, 30, 34);

  HashIndex index({.max_unindexed = 700, .strategy = Strategy::kProbe});
  index.Build(Entries(all.begin(), all.begin() + built));
  Entries so_far(all.begin(), all.begin() + built);
  // Check with a partly filled unindexed list and right after merges.
  for (size_t checkpoint : {built + 350, built + 701, built + 1402, all.size()}) {
    while (so_far.size() < checkpoint) {
      const auto& [id, hash] = all[so_far.size()];
      index.Add(id, hash);
      so_far.push_back({id, hash});
    }
    ExpectSameAsBruteForce(index, so_far, queries, "after " + std::to_string(checkpoint));
  }
}

TEST(HashIndexTest, AddOnlyIndexEqualsBruteForce) {
  const Entries entries = ClusteredEntries(40, 50, 41);
  const std::vector<Hash256> queries = Queries(entries, 45, 42);
  for (HashIndexOptions options : {HashIndexOptions{}, HashIndexOptions{.max_unindexed = 256},
                                   HashIndexOptions{.max_unindexed = 64}}) {
    HashIndex index(options);
    for (const auto& [id, hash] : entries) index.Add(id, hash);
    ExpectSameAsBruteForce(index, entries, queries,
                           "max_unindexed " + std::to_string(options.max_unindexed));
  }
}

TEST(HashIndexTest, ReportsEveryEntryOfRepeatedIdsAndHashes) {
  std::mt19937_64 rng(51);
  const Hash256 a = RandomHash(rng);
  const Hash256 a3 = FlipBits(a, 3, rng);
  const Hash256 far = FlipBits(a, 120, rng);
  const Entries entries = {
      {7, a}, {7, a}, {5, a}, {7, a3}, {9, a3}, {7, far}, {1, a3},
  };
  const std::vector<HashMatch> want = {{5, 0}, {7, 0}, {7, 0}, {1, 3}, {7, 3}, {9, 3}};
  for (bool build : {true, false}) {
    HashIndex index({.strategy = Strategy::kProbe});
    if (build) {
      index.Build(entries);
    } else {
      for (const auto& [id, hash] : entries) index.Add(id, hash);
    }
    EXPECT_EQ(index.Search(a, 31), want) << Describe(index.Search(a, 31));
    EXPECT_EQ(index.Search(a, 31), BruteForceSearch(entries, a, 31));
    EXPECT_EQ(index.Search(a, 256).size(), entries.size());
  }
}

TEST(HashIndexTest, EmptyIndexFindsNothing) {
  HashIndex index;
  EXPECT_EQ(index.size(), 0u);
  for (int radius : kRadii) EXPECT_TRUE(index.Search(Hash256{}, radius).empty()) << radius;
  index.Build({});
  EXPECT_EQ(index.size(), 0u);
  EXPECT_TRUE(index.Search(Hash256{}, 256).empty());
}

TEST(HashIndexTest, NegativeRadiusFindsNothingAndHugeRadiusFindsEverything) {
  const Entries entries = RandomEntries(1000, 61);
  HashIndex index;
  index.Build(entries);
  EXPECT_TRUE(index.Search(entries[0].second, -1).empty());
  EXPECT_EQ(index.Search(entries[0].second, 256).size(), 1000u);
  EXPECT_EQ(index.Search(entries[0].second, 100000),
            BruteForceSearch(entries, entries[0].second, 100000));
}

TEST(HashIndexTest, BuildReplacesEarlierContents) {
  HashIndex index;
  for (const auto& [id, hash] : RandomEntries(500, 71)) index.Add(id, hash);
  const Entries entries = RandomEntries(200, 72);
  index.Build(entries);
  EXPECT_EQ(index.size(), 200u);
  EXPECT_EQ(index.Search(entries[3].second, 256),
            BruteForceSearch(entries, entries[3].second, 256));
}

TEST(HashIndexTest, MemoryCoversHashesIdsAndTables) {
  HashIndex index;
  const size_t empty = index.MemoryBytes();
  index.Build(RandomEntries(100000, 81));
  // 32 bytes of hash, 8 of id, 16 tables x 4 bytes of row number, offsets.
  const size_t want = 100000 * (32 + 8 + 16 * 4) + 16 * 65537 * 4;
  EXPECT_GE(index.MemoryBytes(), want);
  EXPECT_LT(index.MemoryBytes(), want + want / 10 + empty);
}

}  // namespace
}  // namespace harrier::imageproc
