// The two hash indexes the daemon keeps in memory: the PDQ hash of every
// stored image (near-duplicates: adverts re-using a photo) and of every
// watchlist photo investigators supplied. A query uses all 8 dihedral
// variants of the new image, so a rotated or mirrored copy matches too.
// Rebuilt from the store at start-up, then updated as images arrive.
// Thread-safety: not synchronised; one thread (the collector's committer,
// or the CLI) owns it.
#ifndef HARRIER_IMAGEPROC_IMAGE_MATCHER_H_
#define HARRIER_IMAGEPROC_IMAGE_MATCHER_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"
#include "imageproc/hash256.h"
#include "imageproc/hash_index.h"
#include "imageproc/pdq.h"

namespace harrier::imageproc {

Hash256 ToHash256(const PdqHash& pdq);
// From the 64-digit hex the store keeps.
Result<Hash256> Hash256FromPdqHex(const std::string& hex);

struct ImageMatch {
  uint64_t id = 0;
  int distance = 0;                              // smallest over the query's dihedral variants
  PdqDihedral variant = PdqDihedral::kOriginal;  // the variant that gave it
  // "pdq" for the image as it is, "pdq-dihedral" for a rotation or mirror.
  std::string Method() const { return variant == PdqDihedral::kOriginal ? "pdq" : "pdq-dihedral"; }
};

class ImageMatcher {
 public:
  explicit ImageMatcher(int radius = kPdqMatchThreshold) : radius_(radius) {}

  void BuildImages(std::vector<std::pair<uint64_t, Hash256>> entries) {
    images_.Build(std::move(entries));
  }
  void BuildWatchlist(std::vector<std::pair<uint64_t, Hash256>> entries) {
    watchlist_.Build(std::move(entries));
  }
  void AddImage(uint64_t id, const PdqHash& pdq) { images_.Add(id, ToHash256(pdq)); }
  void AddWatchlist(uint64_t id, const PdqHash& pdq) { watchlist_.Add(id, ToHash256(pdq)); }

  // Entries within the radius of any of the variants, one per id with its
  // smallest distance, nearest first (then by id).
  std::vector<ImageMatch> MatchImages(const PdqDihedralHashes& query) const {
    return Match(images_, query);
  }
  std::vector<ImageMatch> MatchWatchlist(const PdqDihedralHashes& query) const {
    return Match(watchlist_, query);
  }

  size_t images() const { return images_.size(); }
  size_t watchlist() const { return watchlist_.size(); }
  int radius() const { return radius_; }

 private:
  std::vector<ImageMatch> Match(const HashIndex& index, const PdqDihedralHashes& query) const;

  int radius_;
  HashIndex images_;
  HashIndex watchlist_;
};

}  // namespace harrier::imageproc

#endif  // HARRIER_IMAGEPROC_IMAGE_MATCHER_H_
