// HashIndex at scale: build time (the daemon's start-up rebuild), memory, and
// radius-r query latency on one core against the brute-force scan, on
// random-plus-clustered 256-bit hashes generated from a fixed seed: 90 %
// uniformly random, 10 % in clusters of 20 near-duplicates (members 0..48 bits
// from their centre). With --sqlite PATH it also times reading the rows
// (id INTEGER PRIMARY KEY, pdq BLOB of 32 bytes) back from an SQLite table,
// which with Build is the true start-up figure (the table is written first if
// it does not already hold --n rows).
//
// Usage: hash_index_bench [--n 1M] [--queries 1000] [--brute-queries 20]
//          [--radius 31] [--strategy auto|probe|scan] [--sweep] [--adds 100000]
//          [--seed 1] [--sqlite PATH]
#include <sqlite3.h>
#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "imageproc/hash_index.h"

namespace {

using harrier::imageproc::BruteForceSearch;
using harrier::imageproc::Hash256;
using harrier::imageproc::HashIndex;
using harrier::imageproc::HashIndexOptions;
using harrier::imageproc::HashMatch;
using Clock = std::chrono::steady_clock;
using Entries = std::vector<std::pair<uint64_t, Hash256>>;

struct Flags {
  size_t n = 1000000;
  int queries = 1000;
  int brute_queries = 20;
  int radius = 31;
  std::string strategy = "auto";
  bool sweep = false;
  size_t adds = 100000;
  uint64_t seed = 1;
  std::string sqlite;
};

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

// "10M", "250k" or a plain number.
size_t ParseCount(const char* s) {
  char* end = nullptr;
  double v = std::strtod(s, &end);
  if (*end == 'k' || *end == 'K') v *= 1e3;
  if (*end == 'm' || *end == 'M') v *= 1e6;
  return static_cast<size_t>(v);
}

Flags ParseFlags(int argc, char** argv) {
  Flags f;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const char* value = i + 1 < argc ? argv[i + 1] : "";
    auto take = [&] { return ++i, value; };
    if (arg == "--n") {
      f.n = ParseCount(take());
    } else if (arg == "--queries") {
      f.queries = static_cast<int>(ParseCount(take()));
    } else if (arg == "--brute-queries") {
      f.brute_queries = static_cast<int>(ParseCount(take()));
    } else if (arg == "--radius") {
      f.radius = std::atoi(take());
    } else if (arg == "--strategy") {
      f.strategy = take();
    } else if (arg == "--sweep") {
      f.sweep = true;
    } else if (arg == "--adds") {
      f.adds = ParseCount(take());
    } else if (arg == "--seed") {
      f.seed = ParseCount(take());
    } else if (arg == "--sqlite") {
      f.sqlite = take();
    } else {
      std::fprintf(stderr, "unknown flag %s (see the comment at the top of the source)\n", argv[i]);
      std::exit(2);
    }
  }
  return f;
}

Hash256 RandomHash(std::mt19937_64& rng) { return Hash256{{rng(), rng(), rng(), rng()}}; }

Hash256 FlipBits(Hash256 h, int k, std::mt19937_64& rng) {
  std::array<uint8_t, 256> bits;
  std::iota(bits.begin(), bits.end(), 0);
  for (int i = 0; i < k; ++i) {
    std::swap(bits[i], bits[i + rng() % (256 - i)]);
    h.words[bits[i] / 64] ^= 1ULL << (bits[i] % 64);
  }
  return h;
}

// Ids are 1..n in the shuffled order, so clusters are spread over the ids as
// re-used photos are spread over time.
Entries MakeEntries(size_t n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  Entries entries(n);
  const size_t clustered = n / 10;
  size_t i = 0;
  while (i < clustered) {
    const Hash256 centre = RandomHash(rng);
    entries[i++].second = centre;
    for (int m = 1; m < 20 && i < clustered; ++m) {
      entries[i++].second = FlipBits(centre, static_cast<int>(rng() % 49), rng);
    }
  }
  for (; i < n; ++i) entries[i].second = RandomHash(rng);
  std::shuffle(entries.begin(), entries.end(), rng);
  for (size_t j = 0; j < n; ++j) entries[j].first = j + 1;
  return entries;
}

// CPU time of this thread: unlike wall time, not inflated when other
// processes take the core (this machine is shared).
double CpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + ts.tv_nsec * 1e-9;
}

struct Latency {
  double mean_ms = 0, p50_ms = 0, p99_ms = 0, qps = 0, matches = 0, cpu_mean_ms = 0;
};

Latency Time(const std::vector<Hash256>& queries,
             const std::function<std::vector<HashMatch>(const Hash256&)>& search) {
  std::vector<double> ms;
  size_t matches = 0;
  const double cpu = CpuSeconds();
  for (const Hash256& q : queries) {
    const Clock::time_point start = Clock::now();
    matches += search(q).size();
    ms.push_back(Seconds(start) * 1e3);
  }
  Latency l;
  if (ms.empty()) return l;
  l.cpu_mean_ms = (CpuSeconds() - cpu) * 1e3 / ms.size();
  l.mean_ms = std::accumulate(ms.begin(), ms.end(), 0.0) / ms.size();
  std::sort(ms.begin(), ms.end());
  l.p50_ms = ms[ms.size() / 2];
  l.p99_ms = ms[std::min(ms.size() - 1, ms.size() * 99 / 100)];
  l.qps = 1e3 / l.mean_ms;
  l.matches = static_cast<double>(matches) / ms.size();
  return l;
}

void Print(const char* what, const Latency& l) {
  std::printf(
      "  %-36s mean %8.3f ms  p50 %8.3f  p99 %8.3f  %8.0f q/s  cpu %8.3f ms  %6.1f matches\n", what,
      l.mean_ms, l.p50_ms, l.p99_ms, l.qps, l.cpu_mean_ms, l.matches);
}

double PeakRssMiB() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss / 1024.0;
}

void Check(int rc, int want, sqlite3* db, const char* what) {
  if (rc == want) return;
  std::fprintf(stderr, "sqlite %s: %s\n", what, sqlite3_errmsg(db));
  std::exit(1);
}

// Writes the entries to PATH unless it already holds that many rows, then
// reopens it and reads every row back as the daemon's start-up would.
Entries ReadThroughSqlite(const std::string& path, const Entries& entries) {
  sqlite3* db = nullptr;
  Check(sqlite3_open(path.c_str(), &db), SQLITE_OK, db, "open");
  Check(sqlite3_exec(db,
                     "PRAGMA journal_mode=WAL; CREATE TABLE IF NOT EXISTS image_hash "
                     "(id INTEGER PRIMARY KEY, pdq BLOB NOT NULL) STRICT",
                     nullptr, nullptr, nullptr),
        SQLITE_OK, db, "create");
  sqlite3_stmt* count = nullptr;
  Check(sqlite3_prepare_v2(db, "SELECT count(*) FROM image_hash", -1, &count, nullptr), SQLITE_OK,
        db, "count");
  Check(sqlite3_step(count), SQLITE_ROW, db, "count");
  const size_t have = static_cast<size_t>(sqlite3_column_int64(count, 0));
  sqlite3_finalize(count);
  if (have != entries.size()) {
    const Clock::time_point start = Clock::now();
    Check(sqlite3_exec(db, "DELETE FROM image_hash; BEGIN", nullptr, nullptr, nullptr), SQLITE_OK,
          db, "begin");
    sqlite3_stmt* insert = nullptr;
    Check(sqlite3_prepare_v2(db, "INSERT INTO image_hash(id, pdq) VALUES (?, ?)", -1, &insert,
                             nullptr),
          SQLITE_OK, db, "prepare insert");
    for (const auto& [id, hash] : entries) {
      const std::string bytes = hash.ToBytes();
      sqlite3_bind_int64(insert, 1, static_cast<sqlite3_int64>(id));
      sqlite3_bind_blob(insert, 2, bytes.data(), 32, SQLITE_TRANSIENT);
      Check(sqlite3_step(insert), SQLITE_DONE, db, "insert");
      sqlite3_reset(insert);
    }
    sqlite3_finalize(insert);
    Check(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), SQLITE_OK, db, "commit");
    std::printf("sqlite: wrote %zu rows in %.2f s (one-off setup)\n", entries.size(),
                Seconds(start));
  }
  sqlite3_close(db);

  const Clock::time_point start = Clock::now();
  Check(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK, db, "open");
  sqlite3_stmt* select = nullptr;
  Check(sqlite3_prepare_v2(db, "SELECT id, pdq FROM image_hash", -1, &select, nullptr), SQLITE_OK,
        db, "prepare select");
  Entries read;
  read.reserve(entries.size());
  int rc;
  while ((rc = sqlite3_step(select)) == SQLITE_ROW) {
    const auto* blob = static_cast<const char*>(sqlite3_column_blob(select, 1));
    auto hash = Hash256::FromBytes({blob, static_cast<size_t>(sqlite3_column_bytes(select, 1))});
    if (!hash.ok()) std::exit(1);
    read.push_back({static_cast<uint64_t>(sqlite3_column_int64(select, 0)), *hash});
  }
  Check(rc, SQLITE_DONE, db, "select");
  sqlite3_finalize(select);
  sqlite3_close(db);
  std::printf("sqlite: read %zu rows in %.2f s (page cache warm)\n", read.size(), Seconds(start));
  return read;
}

void TimeAdds(HashIndex* index, size_t adds, uint64_t seed) {
  std::mt19937_64 rng(seed);
  double slowest = 0;
  const Clock::time_point start = Clock::now();
  for (size_t i = 0; i < adds; ++i) {
    const Hash256 h = RandomHash(rng);
    const Clock::time_point one = Clock::now();
    index->Add(uint64_t{1} << 40 | i, h);
    slowest = std::max(slowest, Seconds(one));
  }
  const double total = Seconds(start);
  std::printf("add: %zu adds in %.3f s, %.2f us each on average, slowest %.1f ms (a merge)\n", adds,
              total, total / adds * 1e6, slowest * 1e3);
}

}  // namespace

int main(int argc, char** argv) {
  const Flags f = ParseFlags(argc, argv);
  HashIndexOptions options;
  if (f.strategy == "probe") options.strategy = HashIndexOptions::Strategy::kProbe;
  if (f.strategy == "scan") options.strategy = HashIndexOptions::Strategy::kScan;

  Clock::time_point start = Clock::now();
  Entries entries = MakeEntries(f.n, f.seed);
  std::printf("n %zu (10%% in clusters of 20), generated in %.2f s\n", f.n, Seconds(start));
  if (!f.sqlite.empty()) entries = ReadThroughSqlite(f.sqlite, entries);

  HashIndex index(options);
  Entries copy = entries;
  start = Clock::now();
  rusage before{}, after{};
  getrusage(RUSAGE_SELF, &before);
  index.Build(std::move(copy));
  getrusage(RUSAGE_SELF, &after);
  const double build = Seconds(start);
  auto secs = [](const timeval& a, const timeval& b) {
    return static_cast<double>(b.tv_sec - a.tv_sec) + (b.tv_usec - a.tv_usec) * 1e-6;
  };
  std::printf("build cpu: user %.3f s, sys %.3f s (page faults)\n",
              secs(before.ru_utime, after.ru_utime), secs(before.ru_stime, after.ru_stime));
  std::printf("build: %.3f s, index memory %.1f MiB (%.1f bytes/hash), peak RSS %.0f MiB\n", build,
              index.MemoryBytes() / 1048576.0, static_cast<double>(index.MemoryBytes()) / f.n,
              PeakRssMiB());

  std::mt19937_64 rng(f.seed + 1);
  std::vector<Hash256> random_q, near_q;
  for (int i = 0; i < f.queries; ++i) random_q.push_back(RandomHash(rng));
  for (int i = 0; i < f.queries; ++i) {
    near_q.push_back(FlipBits(entries[rng() % f.n].second, static_cast<int>(rng() % 25), rng));
  }
  auto search = [&](int radius) {
    return [&index, radius](const Hash256& q) { return index.Search(q, radius); };
  };
  auto brute = [&](int radius) {
    return [&entries, radius](const Hash256& q) { return BruteForceSearch(entries, q, radius); };
  };
  const int bq = std::min(f.brute_queries, f.queries);
  const std::vector<Hash256> random_bq(random_q.begin(), random_q.begin() + bq);
  const std::vector<Hash256> near_bq(near_q.begin(), near_q.begin() + bq);
  for (const std::vector<Hash256>* qs : {&random_bq, &near_bq}) {
    for (const Hash256& q : *qs) {
      if (index.Search(q, f.radius) != BruteForceSearch(entries, q, f.radius)) {
        std::fprintf(stderr, "MISMATCH against brute force for query %s\n", q.ToHex().c_str());
        return 1;
      }
    }
  }
  std::printf("radius %d, strategy %s, %d queries (%d for brute force, same results):\n", f.radius,
              f.strategy.c_str(), f.queries, bq);
  Print("index, random queries", Time(random_q, search(f.radius)));
  Print("index, near-duplicate queries", Time(near_q, search(f.radius)));
  Print("brute force, random queries", Time(random_bq, brute(f.radius)));
  Print("brute force, near-duplicate queries", Time(near_bq, brute(f.radius)));

  if (f.sweep) {
    const std::vector<Hash256> sweep_q(near_q.begin(), near_q.begin() + std::min(f.queries, 200));
    std::printf("radius sweep, near-duplicate queries:\n");
    for (int radius : {0, 8, 16, 24, 31, 32, 40, 47, 56, 64, 100}) {
      Print(("index, radius " + std::to_string(radius)).c_str(), Time(sweep_q, search(radius)));
    }
  }
  if (f.adds > 0) TimeAdds(&index, f.adds, f.seed + 2);
  std::printf("peak RSS %.0f MiB\n", PeakRssMiB());
  return 0;
}
