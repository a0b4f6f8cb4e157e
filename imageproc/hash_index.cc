#include "imageproc/hash_index.h"

#include <algorithm>
#include <bit>
#include <cstring>

// x86-64's baseline has no POPCNT instruction, so std::popcount becomes a
// dozen instructions; the hot loops are cloned for CPUs that have it (every
// x86-64 server since 2008), picked once at load time. Clang wants a cloned
// function defined before its first call, so Search comes after them.
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define HARRIER_POPCNT_CLONES __attribute__((target_clones("popcnt", "default")))
#else
#define HARRIER_POPCNT_CLONES
#endif

namespace harrier::imageproc {

namespace {

constexpr int kTables = HashIndex::kTables;
constexpr int kBuckets = HashIndex::kBuckets;
constexpr size_t kPrefetchAhead = 32;
constexpr size_t kBatch = 4096;  // candidates checked together (16 KiB)

// Table t keys on bits [16 * (t % 4), 16 * (t % 4) + 16) of words[t / 4].
inline uint32_t Substring(const Hash256& h, int t) {
  return static_cast<uint32_t>(h.words[t >> 2] >> ((t & 3) * 16)) & 0xFFFF;
}

// Every 16-bit mask, ordered by popcount: the keys within s bits of a key k
// are k ^ masks[i] for i < within[s].
struct ProbeMasks {
  std::array<uint16_t, kBuckets> masks;
  std::array<int, 18> within;  // within[s] = sum of C(16, w) for w <= s
};

const ProbeMasks& Masks() {
  static const ProbeMasks kMasks = [] {
    ProbeMasks m{};
    int n = 0;
    for (int w = 0; w <= 16; ++w) {
      for (uint32_t v = 0; v < static_cast<uint32_t>(kBuckets); ++v) {
        if (std::popcount(v) == w) m.masks[n++] = static_cast<uint16_t>(v);
      }
      m.within[w] = n;
    }
    m.within[17] = n;
    return m;
  }();
  return kMasks;
}

// Which tables to probe and how far. With radius r = 16 s + a (0 <= a < 16),
// probing a + 1 tables at sub-radius s and the other 15 - a at s - 1 is enough
// (Norouzi et al. §3.1): a hash that escaped all of them would differ by at
// least (a + 1)(s + 1) + (15 - a) s = r + 1 bits. Sub-radius -1: not probed.
using SubRadii = std::array<int, kTables>;

SubRadii PlanProbes(int radius) {
  SubRadii sub_radius;
  const int s = radius / kTables;
  const int a = radius % kTables;
  for (int t = 0; t < kTables; ++t) sub_radius[t] = t <= a ? s : s - 1;
  return sub_radius;
}

// Costs relative to one entry of a sequential scan, from bench/hash_index_bench
// --sweep with --strategy probe and scan on one core: a scanned entry costs
// 2 ns (1M entries) to 5 ns (10M, busy machine), a candidate check 12-17 ns
// (a cache miss on its hash). They only pick the faster way; both return the
// same matches. Probing wins up to a radius of about 62.
constexpr double kProbeCost = 1.0;
constexpr double kCandidateCost = 6.0;
constexpr double kScanCost = 1.0;

bool ScanIsCheaper(const SubRadii& sub_radius, size_t indexed) {
  double probes = 0;  // bucket lookups
  for (int s : sub_radius) {
    if (s >= 0) probes += Masks().within[s];
  }
  const double candidates = probes * static_cast<double>(indexed) / kBuckets;
  const double probe = probes * kProbeCost + candidates * kCandidateCost;
  return static_cast<double>(indexed) * kScanCost <= probe;
}

// True when table t is not the first probed table whose substring of `h` is
// within its sub-radius of the query's, so the entry is reported elsewhere.
bool FoundInEarlierTable(const Hash256& h, const Hash256& q, const SubRadii& sub_radius, int t) {
  for (int i = 0; i < t; ++i) {
    if (sub_radius[i] >= 0 && std::popcount(Substring(h, i) ^ Substring(q, i)) <= sub_radius[i]) {
      return true;
    }
  }
  return false;
}

// Reserves an eighth more than needed, so that the next merges grow the table
// in place instead of copying it.
void GrowTable(std::vector<uint32_t>* members, size_t n) {
  if (members->capacity() < n) members->reserve(n + n / 8);
  members->resize(n);
}

void SortMatches(std::vector<HashMatch>* matches) {
  std::sort(matches->begin(), matches->end(), [](const HashMatch& a, const HashMatch& b) {
    return a.distance != b.distance ? a.distance < b.distance : a.id < b.id;
  });
}

}  // namespace

HashIndex::HashIndex(HashIndexOptions options) : options_(options) {}

void HashIndex::Add(uint64_t id, const Hash256& hash) {
  rows_.Append(id, hash);
  if (rows_.size() - indexed_ > MergeThreshold()) MergeUnindexed();
}

void HashIndex::Build(std::vector<std::pair<uint64_t, Hash256>> entries) {
  rows_.Clear();
  indexed_ = 0;
  for (const auto& [id, hash] : entries) rows_.Append(id, hash);
  std::vector<std::pair<uint64_t, Hash256>>().swap(entries);  // free before the tables
  IndexAll();
}

size_t HashIndex::MergeThreshold() const {
  if (options_.max_unindexed > 0) return options_.max_unindexed;
  return std::max<size_t>(4096, indexed_ / 64);
}

void HashIndex::IndexAll() {
  const size_t n = rows_.size();
  for (std::vector<uint32_t>& members : members_) std::vector<uint32_t>().swap(members);
  std::vector<uint64_t> column(n);
  const size_t chunks = (n + HashRows::kChunkMask) >> HashRows::kChunkBits;
  std::vector<uint64_t> scratch(n);
  for (int w = 0; w < 4; ++w) {
    // One pass over the hashes per word: copy out words[w], which the four
    // tables keyed on it then read (a quarter of the bytes), and count their
    // bucket sizes (four 256 KiB counters stay in L2).
    for (int j = 0; j < 4; ++j) offsets_[4 * w + j].assign(kBuckets + 1, 0);
    for (size_t c = 0; c < chunks; ++c) {
      const Hash256* hashes = rows_.chunk_hashes(c);
      const size_t base = c << HashRows::kChunkBits;
      const size_t count = std::min(HashRows::kChunkRows, n - base);
      for (size_t i = 0; i < count; ++i) {
        const uint64_t word = hashes[i].words[w];
        column[base + i] = word;
        for (int j = 0; j < 4; ++j) ++offsets_[4 * w + j][((word >> (16 * j)) & 0xFFFF) + 1];
      }
    }
    for (int j = 0; j < 4; ++j) {
      std::vector<uint32_t>& offsets = offsets_[4 * w + j];
      for (int b = 0; b < kBuckets; ++b) offsets[b + 1] += offsets[b];
      FillTable(4 * w + j, column, &scratch);
    }
  }
  indexed_ = n;
}

void HashIndex::FillTable(int t, const std::vector<uint64_t>& column,
                          std::vector<uint64_t>* scratch) {
  // A two-level counting sort. Scattering straight into 65,536 buckets spread
  // over 40 MB misses the cache on every write, so first split (key, row)
  // pairs by the key's high byte (256 write streams), then place each part,
  // whose slice of the table fits in L2, by its low byte. Both levels are
  // stable: rows stay ascending within a bucket.
  const size_t n = rows_.size();
  const std::vector<uint32_t>& offsets = offsets_[t];
  std::array<uint32_t, 256> part_cursor;
  for (int p = 0; p < 256; ++p) part_cursor[p] = offsets[p << 8];
  uint64_t* pairs = scratch->data();
  const int shift = (t % 4) * 16;  // as in Substring
  for (size_t r = 0; r < n; ++r) {
    const uint32_t key = static_cast<uint32_t>(column[r] >> shift) & 0xFFFF;
    pairs[part_cursor[key >> 8]++] = uint64_t{key} << 32 | r;
  }
  std::vector<uint32_t>& members = members_[t];
  GrowTable(&members, n);
  std::vector<uint32_t> cursor(offsets.begin(), offsets.end() - 1);
  for (size_t i = 0; i < n; ++i) {
    members[cursor[pairs[i] >> 32]++] = static_cast<uint32_t>(pairs[i]);
  }
}

void HashIndex::MergeUnindexed() {
  if (indexed_ == 0) {
    IndexAll();
    return;
  }
  const size_t n = rows_.size();
  std::vector<uint32_t> added_offsets(kBuckets + 1);
  std::vector<uint32_t> cursor(kBuckets);
  std::vector<uint32_t> added_members(n - indexed_);
  for (int t = 0; t < kTables; ++t) {
    // Sort the new rows by bucket.
    std::fill(added_offsets.begin(), added_offsets.end(), 0);
    for (size_t r = indexed_; r < n; ++r) ++added_offsets[Substring(rows_.hash(r), t) + 1];
    for (int b = 0; b < kBuckets; ++b) added_offsets[b + 1] += added_offsets[b];
    std::copy(added_offsets.begin(), added_offsets.end() - 1, cursor.begin());
    for (size_t r = indexed_; r < n; ++r) {
      added_members[cursor[Substring(rows_.hash(r), t)]++] = static_cast<uint32_t>(r);
    }
    // Then widen the table in place, from the last bucket down: bucket b moves
    // right by the rows added before it, onto space already vacated, and its
    // own new rows follow it. One sequential pass, no new memory.
    std::vector<uint32_t>& offsets = offsets_[t];
    std::vector<uint32_t>& members = members_[t];
    GrowTable(&members, n);
    uint32_t* data = members.data();
    uint32_t old_end = offsets[kBuckets];
    for (int b = kBuckets - 1; b >= 0; --b) {
      const uint32_t old_begin = offsets[b];
      const uint32_t begin = old_begin + added_offsets[b];
      std::memmove(data + begin, data + old_begin, (old_end - old_begin) * sizeof(uint32_t));
      std::copy(added_members.data() + added_offsets[b],
                added_members.data() + added_offsets[b + 1], data + begin + (old_end - old_begin));
      offsets[b + 1] = old_end + added_offsets[b + 1];
      old_end = old_begin;
    }
  }
  indexed_ = n;
}

HARRIER_POPCNT_CLONES void HashIndex::Probe(const Hash256& query, int radius,
                                            const std::array<int, kTables>& sub_radius,
                                            std::vector<HashMatch>* out) const {
  // Candidates are gathered from many small buckets into one batch, then
  // checked with prefetches running ahead: each check is a cache miss on a
  // random hash, and the misses overlap only if they are asked for early.
  std::vector<uint32_t> batch;
  batch.reserve(kBatch);
  auto check_batch = [&](int t) {
    for (size_t i = 0; i < batch.size(); ++i) {
      if (i + kPrefetchAhead < batch.size()) {
        __builtin_prefetch(&rows_.hash(batch[i + kPrefetchAhead]));
      }
      const Hash256& h = rows_.hash(batch[i]);
      const int d = HammingDistance(h, query);
      if (d <= radius && !FoundInEarlierTable(h, query, sub_radius, t)) {
        out->push_back({rows_.id(batch[i]), d});
      }
    }
    batch.clear();
  };
  const ProbeMasks& masks = Masks();
  for (int t = 0; t < kTables; ++t) {
    if (sub_radius[t] < 0) continue;
    const uint32_t key = Substring(query, t);
    const uint32_t* offsets = offsets_[t].data();
    const uint32_t* members = members_[t].data();
    for (int m = 0; m < masks.within[sub_radius[t]]; ++m) {
      const uint32_t b = key ^ masks.masks[m];
      batch.insert(batch.end(), members + offsets[b], members + offsets[b + 1]);
      if (batch.size() >= kBatch) check_batch(t);
    }
    check_batch(t);
  }
}

HARRIER_POPCNT_CLONES void HashIndex::Scan(const Hash256& query, int radius, size_t begin,
                                           std::vector<HashMatch>* out) const {
  const size_t n = rows_.size();
  for (size_t r = begin; r < n;) {
    const Hash256* hashes = rows_.chunk_hashes(r >> HashRows::kChunkBits);
    const size_t end = std::min(n, (r | HashRows::kChunkMask) + 1);
    for (; r < end; ++r) {
      const int d = HammingDistance(hashes[r & HashRows::kChunkMask], query);
      if (d <= radius) out->push_back({rows_.id(r), d});
    }
  }
}

std::vector<HashMatch> HashIndex::Search(const Hash256& query, int radius) const {
  std::vector<HashMatch> out;
  if (radius < 0) return out;
  using Strategy = HashIndexOptions::Strategy;
  const SubRadii sub_radius = PlanProbes(std::min(radius, 255));
  if (radius >= 256 || indexed_ == 0 || options_.strategy == Strategy::kScan ||
      (options_.strategy == Strategy::kAuto && ScanIsCheaper(sub_radius, indexed_))) {
    Scan(query, radius, 0, &out);
  } else {
    Probe(query, radius, sub_radius, &out);
    Scan(query, radius, indexed_, &out);
  }
  SortMatches(&out);
  return out;
}

size_t HashIndex::MemoryBytes() const {
  size_t bytes = sizeof(*this) + rows_.MemoryBytes();
  for (int t = 0; t < kTables; ++t) {
    bytes += (offsets_[t].size() + members_[t].size()) * sizeof(uint32_t);
  }
  return bytes;
}

HARRIER_POPCNT_CLONES std::vector<HashMatch> BruteForceSearch(
    const std::vector<std::pair<uint64_t, Hash256>>& entries, const Hash256& query, int radius) {
  std::vector<HashMatch> out;
  for (const auto& [id, hash] : entries) {
    const int d = HammingDistance(hash, query);
    if (d <= radius) out.push_back({id, d});
  }
  SortMatches(&out);
  return out;
}

}  // namespace harrier::imageproc
