#include "imageproc/hash_rows.h"

#include <new>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace harrier::imageproc {

namespace {

constexpr size_t kHashBytes = HashRows::kChunkRows * sizeof(Hash256);  // 2 MiB
static_assert(sizeof(Hash256) == 32, "a chunk of hashes is one 2 MiB huge page");

}  // namespace

void HashRows::FreeHashes::operator()(Hash256* p) const {
  ::operator delete (p, std::align_val_t{kHashBytes});
}

void HashRows::Append(uint64_t id, const Hash256& hash) {
  if ((size_ & kChunkMask) == 0) {
    void* raw = ::operator new (kHashBytes, std::align_val_t{kHashBytes});
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    // Before the first write, so the first fault maps a huge page. A search
    // checks candidates at random among hundreds of MB; with 4 KiB pages
    // nearly every check also misses the TLB (about a fifth of the query time
    // at ten million hashes). Only a hint: if refused, nothing changes.
    madvise(raw, kHashBytes, MADV_HUGEPAGE);
#endif
    chunks_.push_back(Chunk{std::unique_ptr<Hash256[], FreeHashes>(static_cast<Hash256*>(raw)),
                            std::make_unique_for_overwrite<uint64_t[]>(kChunkRows)});
  }
  Chunk& chunk = chunks_.back();
  new (&chunk.hashes[size_ & kChunkMask]) Hash256(hash);
  chunk.ids[size_ & kChunkMask] = id;
  ++size_;
}

void HashRows::Clear() {
  chunks_.clear();
  chunks_.shrink_to_fit();
  size_ = 0;
}

size_t HashRows::MemoryBytes() const {
  return chunks_.capacity() * sizeof(Chunk) +
         chunks_.size() * (kHashBytes + kChunkRows * sizeof(uint64_t));
}

}  // namespace harrier::imageproc
