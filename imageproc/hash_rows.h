// Append-only storage of (id, 256-bit hash) rows for HashIndex, in chunks of
// 65,536 that never move: appending never copies earlier rows (no stall while
// a writer lock is held), and each chunk of hashes is exactly one 2 MiB
// transparent huge page where the kernel allows it, so the random reads of a
// search rarely miss the TLB. Same thread-safety as HashIndex.
#ifndef HARRIER_IMAGEPROC_HASH_ROWS_H_
#define HARRIER_IMAGEPROC_HASH_ROWS_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "imageproc/hash256.h"

namespace harrier::imageproc {

class HashRows {
 public:
  static constexpr int kChunkBits = 16;
  static constexpr size_t kChunkRows = size_t{1} << kChunkBits;
  static constexpr size_t kChunkMask = kChunkRows - 1;

  void Append(uint64_t id, const Hash256& hash);
  // Frees every chunk.
  void Clear();

  size_t size() const { return size_; }
  const Hash256& hash(size_t row) const {
    return chunks_[row >> kChunkBits].hashes[row & kChunkMask];
  }
  uint64_t id(size_t row) const { return chunks_[row >> kChunkBits].ids[row & kChunkMask]; }
  // The hashes of rows [c * kChunkRows, min(size(), (c + 1) * kChunkRows)),
  // for linear passes; 32-byte aligned.
  const Hash256* chunk_hashes(size_t c) const { return chunks_[c].hashes.get(); }

  // Bytes of the chunks allocated (2.5 MiB each, the last one partly used).
  size_t MemoryBytes() const;

 private:
  struct FreeHashes {
    void operator()(Hash256* p) const;
  };
  struct Chunk {
    std::unique_ptr<Hash256[], FreeHashes> hashes;  // 2 MiB, 2 MiB-aligned
    std::unique_ptr<uint64_t[]> ids;
  };

  std::vector<Chunk> chunks_;
  size_t size_ = 0;
};

}  // namespace harrier::imageproc

#endif  // HARRIER_IMAGEPROC_HASH_ROWS_H_
