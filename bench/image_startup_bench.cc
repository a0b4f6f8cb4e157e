// Start-up rebuild of harrierd's image indexes: a store holding N hashed
// images (random PDQ hashes, as the image table keeps them: 64 hex digits),
// then analysis::ImageLinker::Load, which reads them through
// Store::ListImageHashes and builds the multi-index hash tables. Prints the
// time of each part and the peak memory.
//   build/bench/image_startup_bench [N=1000000] [DB=/tmp/harrier_startup.db]
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <string>

#include "analysis/image_linker.h"
#include "store/store.h"

namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

long PeakRssMiB() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);) {
    if (line.rfind("VmHWM:", 0) == 0) return std::atol(line.c_str() + 6) / 1024;
  }
  return -1;
}

std::string Hex(std::mt19937_64& rng, size_t digits) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string s(digits, '0');
  for (char& c : s) c = kDigits[rng() & 15];
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  const long n = argc > 1 ? std::atol(argv[1]) : 1'000'000;
  const std::string path = argc > 2 ? argv[2] : "/tmp/harrier_startup.db";
  std::remove(path.c_str());
  std::remove((path + "-wal").c_str());
  std::remove((path + "-shm").c_str());
  {
    auto store = harrier::store::Store::Open({path});
    if (!store.ok()) {
      std::fprintf(stderr, "%s\n", store.status().ToString().c_str());
      return 1;
    }
    sqlite3* db = (*store)->RawHandleForTesting();
    const Clock::time_point fill = Clock::now();
    sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
    sqlite3_stmt* insert = nullptr;
    sqlite3_prepare_v2(db,
                       "INSERT INTO image(sha256, size, mime, blob_path, first_seen_ms, width, "
                       "height, pdq, pdq_quality, phash) VALUES (?1, 1000, 'image/jpeg', "
                       "'blobs/x', 0, 640, 480, ?2, 100, ?3)",
                       -1, &insert, nullptr);
    std::mt19937_64 rng(20261206);
    for (long i = 0; i < n; ++i) {
      const std::string sha = Hex(rng, 64), pdq = Hex(rng, 64), phash = Hex(rng, 16);
      sqlite3_bind_text(insert, 1, sha.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(insert, 2, pdq.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(insert, 3, phash.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_step(insert);
      sqlite3_reset(insert);
    }
    sqlite3_finalize(insert);
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    std::printf("filled %ld images in %.1f s\n", n, Seconds(fill));
  }
  // As harrierd starts: open the store, then Load.
  const Clock::time_point open = Clock::now();
  auto store = harrier::store::Store::Open({path});
  if (!store.ok()) return 1;
  harrier::FakeClock clock;
  const Clock::time_point read = Clock::now();
  auto rows = (*store)->ListImageHashes(50);
  const double read_s = Seconds(read);
  harrier::analysis::ImageLinker linker(**store, clock, 31, 50);
  const Clock::time_point load = Clock::now();
  auto loaded = linker.Load();
  const double load_s = Seconds(load);
  if (!rows.ok() || !loaded.ok()) return 1;
  std::printf(
      "%zu hashes: ListImageHashes alone %.2f s; ImageLinker::Load (read + parse + build) %.2f s; "
      "open %.2f s; peak RSS %ld MiB\n",
      *loaded, read_s, load_s, Seconds(open) - read_s - load_s, PeakRssMiB());
  return 0;
}
