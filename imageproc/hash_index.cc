#include "imageproc/hash_index.h"

#include <algorithm>
#include <bit>
#include <cstring>

namespace harrier::imageproc {

namespace {

constexpr int kTables = HashIndex::kTables;
constexpr int kBuckets = HashIndex::kBuckets;

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

// Rough costs on one core at ten million entries (bench/hash_index_bench):
// a bucket lookup, a candidate check (a cache miss on its hash), and one entry
// of a sequential scan. Only the ratio matters: it picks probing or scanning.
constexpr double kProbeCost = 4.0;
constexpr double kCandidateCost = 8.0;
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

void SortMatches(std::vector<HashMatch>* matches) {
  std::sort(matches->begin(), matches->end(), [](const HashMatch& a, const HashMatch& b) {
    return a.distance != b.distance ? a.distance < b.distance : a.id < b.id;
  });
}

}  // namespace

HashIndex::HashIndex(HashIndexOptions options) : options_(options) {}

void HashIndex::Add(uint64_t id, const Hash256& hash) {
  // Grow by an eighth rather than doubling: after a 10M Build, the first Add
  // must not reserve room for 10M more.
  if (rows_.size() == rows_.capacity()) {
    const size_t grow = std::max<size_t>(1024, rows_.size() / 8);
    rows_.reserve(rows_.size() + grow);
    ids_.reserve(rows_.size() + grow);
  }
  rows_.push_back(Row{hash});
  ids_.push_back(id);
  if (rows_.size() - indexed_ > MergeThreshold()) MergeUnindexed();
}

void HashIndex::Build(std::vector<std::pair<uint64_t, Hash256>> entries) {
  std::vector<Row>(entries.size()).swap(rows_);
  std::vector<uint64_t>(entries.size()).swap(ids_);
  for (size_t i = 0; i < entries.size(); ++i) {
    ids_[i] = entries[i].first;
    rows_[i].hash = entries[i].second;
  }
  std::vector<std::pair<uint64_t, Hash256>>().swap(entries);  // free before the tables
  IndexAll();
}

size_t HashIndex::MergeThreshold() const {
  if (options_.max_unindexed > 0) return options_.max_unindexed;
  return std::max<size_t>(4096, indexed_ / 64);
}

void HashIndex::IndexAll() {
  const size_t n = rows_.size();
  std::vector<uint32_t> cursor(kBuckets);
  for (int t = 0; t < kTables; ++t) {
    // Counting sort by substring: rows stay ascending within a bucket.
    std::vector<uint32_t> offsets(kBuckets + 1, 0);
    for (size_t r = 0; r < n; ++r) ++offsets[Substring(rows_[r].hash, t) + 1];
    for (int b = 0; b < kBuckets; ++b) offsets[b + 1] += offsets[b];
    std::copy(offsets.begin(), offsets.end() - 1, cursor.begin());
    // Free the old table before allocating the new one: peak memory.
    std::vector<uint32_t>().swap(members_[t]);
    std::vector<uint32_t> members(n);
    for (size_t r = 0; r < n; ++r) {
      members[cursor[Substring(rows_[r].hash, t)]++] = static_cast<uint32_t>(r);
    }
    offsets_[t] = std::move(offsets);
    members_[t] = std::move(members);
  }
  indexed_ = n;
}

void HashIndex::MergeUnindexed() {
  if (indexed_ == 0) {
    IndexAll();
    return;
  }
  const size_t n = rows_.size();
  const size_t added = n - indexed_;
  std::vector<uint32_t> added_offsets(kBuckets + 1);
  std::vector<uint32_t> cursor(kBuckets);
  std::vector<uint32_t> added_members(added);
  for (int t = 0; t < kTables; ++t) {
    // Sort the new rows by bucket, then interleave them with the old table in
    // one sequential pass: O(size) copying, no scattered writes.
    std::fill(added_offsets.begin(), added_offsets.end(), 0);
    for (size_t r = indexed_; r < n; ++r) ++added_offsets[Substring(rows_[r].hash, t) + 1];
    for (int b = 0; b < kBuckets; ++b) added_offsets[b + 1] += added_offsets[b];
    std::copy(added_offsets.begin(), added_offsets.end() - 1, cursor.begin());
    for (size_t r = indexed_; r < n; ++r) {
      added_members[cursor[Substring(rows_[r].hash, t)]++] = static_cast<uint32_t>(r);
    }
    const std::vector<uint32_t>& old_offsets = offsets_[t];
    const std::vector<uint32_t>& old_members = members_[t];
    std::vector<uint32_t> offsets(kBuckets + 1);
    std::vector<uint32_t> members(n);
    uint32_t* out = members.data();
    for (int b = 0; b < kBuckets; ++b) {
      offsets[b] = static_cast<uint32_t>(out - members.data());
      out = std::copy(old_members.data() + old_offsets[b], old_members.data() + old_offsets[b + 1],
                      out);
      out = std::copy(added_members.data() + added_offsets[b],
                      added_members.data() + added_offsets[b + 1], out);
    }
    offsets[kBuckets] = static_cast<uint32_t>(n);
    offsets_[t] = std::move(offsets);
    members_[t] = std::move(members);
  }
  indexed_ = n;
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

void HashIndex::Probe(const Hash256& query, int radius, const std::array<int, kTables>& sub_radius,
                      std::vector<HashMatch>* out) const {
  const ProbeMasks& masks = Masks();
  for (int t = 0; t < kTables; ++t) {
    if (sub_radius[t] < 0) continue;
    const uint32_t key = Substring(query, t);
    const uint32_t* offsets = offsets_[t].data();
    const uint32_t* members = members_[t].data();
    for (int m = 0; m < masks.within[sub_radius[t]]; ++m) {
      const uint32_t b = key ^ masks.masks[m];
      for (uint32_t i = offsets[b]; i < offsets[b + 1]; ++i) {
        const Hash256& h = rows_[members[i]].hash;
        const int d = HammingDistance(h, query);
        if (d <= radius && !FoundInEarlierTable(h, query, sub_radius, t)) {
          out->push_back({ids_[members[i]], d});
        }
      }
    }
  }
}

void HashIndex::Scan(const Hash256& query, int radius, size_t begin,
                     std::vector<HashMatch>* out) const {
  for (size_t r = begin; r < rows_.size(); ++r) {
    const int d = HammingDistance(rows_[r].hash, query);
    if (d <= radius) out->push_back({ids_[r], d});
  }
}

size_t HashIndex::MemoryBytes() const {
  size_t bytes =
      sizeof(*this) + rows_.capacity() * sizeof(Row) + ids_.capacity() * sizeof(uint64_t);
  for (int t = 0; t < kTables; ++t) {
    bytes += (offsets_[t].capacity() + members_[t].capacity()) * sizeof(uint32_t);
  }
  return bytes;
}

std::vector<HashMatch> BruteForceSearch(const std::vector<std::pair<uint64_t, Hash256>>& entries,
                                        const Hash256& query, int radius) {
  std::vector<HashMatch> out;
  for (const auto& [id, hash] : entries) {
    const int d = HammingDistance(hash, query);
    if (d <= radius) out.push_back({id, d});
  }
  SortMatches(&out);
  return out;
}

}  // namespace harrier::imageproc
