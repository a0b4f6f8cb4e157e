// An exact Hamming-radius index over 256-bit hashes (PDQ), for near-duplicate
// and watchlist matching among tens of millions of images: Search returns
// exactly what a brute-force popcount scan returns, in the same order.
//
// Multi-index hashing (Norouzi, Punjani, Fleet, "Fast exact search in Hamming
// space with multi-index hashing", TPAMI 2014): the hash is cut into 16
// substrings of 16 bits, each with its own table. If two hashes are within r
// bits, then by pigeonhole some substring differs by at most r/16 bits, so
// probing each table with every key near the query's substring finds every
// match; candidates are then checked with the full distance. About 105 bytes
// per entry (hash 32, id 8, 16 table slots of 4) plus 4 MiB of bucket offsets;
// a radius-31 search among ten million takes under 1 ms on one core
// (docs/benchmarks.md).
//
// Thread-safety: not internally synchronised. Any number of threads may call
// the const members (Search, size, MemoryBytes) at once; Add and Build need
// exclusive access, e.g. a std::shared_mutex that the caller locks shared for
// Search and unique for Add/Build.
#ifndef HARRIER_IMAGEPROC_HASH_INDEX_H_
#define HARRIER_IMAGEPROC_HASH_INDEX_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "imageproc/hash256.h"
#include "imageproc/hash_rows.h"

namespace harrier::imageproc {

struct HashMatch {
  uint64_t id = 0;
  int distance = 0;  // Hamming distance to the query, 0..256

  friend bool operator==(const HashMatch&, const HashMatch&) = default;
};

struct HashIndexOptions {
  // Entries added with Add since the last merge are kept in a small list that
  // Search scans linearly; when it grows past this many they are merged into
  // the tables (O(size) sequential copying). 0: max(4096, size / 64).
  size_t max_unindexed = 0;

  // How Search finds matches among the merged entries: kAuto probes the tables
  // unless a cost estimate says a linear scan is cheaper (large radii, small
  // indexes). kProbe and kScan force one way, for tests and benchmarks; all
  // three return the same matches.
  enum class Strategy { kAuto, kProbe, kScan };
  Strategy strategy = Strategy::kAuto;
};

class HashIndex {
 public:
  explicit HashIndex(HashIndexOptions options = {});

  // Adds one entry. Ids need not be unique: a repeated id is another entry and
  // is reported once per entry. About 1 us; the Add that fills the unindexed
  // list merges it into the tables in place, O(size) (about 0.2 s at ten
  // million entries), so the amortised cost stays about 1-2 us.
  void Add(uint64_t id, const Hash256& hash);

  // Replaces the whole contents (the start-up rebuild). O(n): about 2.5 s of
  // CPU for ten million entries on one core, half of it first-touch page
  // faults. Takes `entries` by value and frees it before building the tables.
  void Build(std::vector<std::pair<uint64_t, Hash256>> entries);

  // Every entry within `radius` bits of `query` (distance <= radius), sorted
  // by distance, then id. radius < 0 finds nothing, radius >= 256 everything.
  // Large radii, where probing would cost more than a scan, scan linearly.
  std::vector<HashMatch> Search(const Hash256& query, int radius) const;

  size_t size() const { return rows_.size(); }

  // Bytes the index holds: hash and id chunks, tables and their offsets
  // (capacity reserved for growth but never touched is not counted).
  size_t MemoryBytes() const;

  // At most this many entries (row numbers in the tables are 32-bit).
  static constexpr size_t kMaxEntries = 0xFFFFFFFFu;
  // 16 substrings of 16 bits, one table each.
  static constexpr int kTables = 16;
  static constexpr int kBuckets = 1 << 16;

 private:
  // Rebuilds every table over all rows by counting sort.
  void IndexAll();
  // Fills members_[t] from offsets_[t] (already summed); column[r] is
  // words[t / 4] of row r's hash, and *scratch holds size() elements.
  void FillTable(int t, const std::vector<uint64_t>& column, std::vector<uint64_t>* scratch);
  // Merges rows [indexed_, size()) into the tables.
  void MergeUnindexed();
  size_t MergeThreshold() const;
  // Appends the matches found by probing table t at sub_radius[t] (skipping
  // tables at -1) to *out; each entry once, in the first table that finds it.
  void Probe(const Hash256& query, int radius, const std::array<int, kTables>& sub_radius,
             std::vector<HashMatch>* out) const;
  // Appends the matches among rows [begin, size()) to *out.
  void Scan(const Hash256& query, int radius, size_t begin, std::vector<HashMatch>* out) const;

  HashIndexOptions options_;
  HashRows rows_;       // row number -> (id, hash), in order of Add
  size_t indexed_ = 0;  // rows [0, indexed_) are in the tables
  // Per table, compressed sparse rows: the row numbers whose substring is key
  // are members_[t][offsets_[t][key] .. offsets_[t][key + 1]), ascending.
  std::array<std::vector<uint32_t>, kTables> offsets_;
  std::array<std::vector<uint32_t>, kTables> members_;
};

// The reference: a popcount scan over every entry, same result order as
// HashIndex::Search.
std::vector<HashMatch> BruteForceSearch(const std::vector<std::pair<uint64_t, Hash256>>& entries,
                                        const Hash256& query, int radius);

}  // namespace harrier::imageproc

#endif  // HARRIER_IMAGEPROC_HASH_INDEX_H_
