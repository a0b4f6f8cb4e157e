#include "imageproc/image_matcher.h"

#include <algorithm>
#include <map>

namespace harrier::imageproc {

Hash256 ToHash256(const PdqHash& pdq) {
  // Through the shared hex form: both types read and write the reference's
  // hex, so a hash keeps its bits whichever way round each stores them.
  Result<Hash256> hash = Hash256::FromHex(pdq.ToHex());
  return hash.ok() ? *hash : Hash256();
}

Result<Hash256> Hash256FromPdqHex(const std::string& hex) { return Hash256::FromHex(hex); }

std::vector<ImageMatch> ImageMatcher::Match(const HashIndex& index,
                                            const PdqDihedralHashes& query) const {
  std::map<uint64_t, ImageMatch> best;
  for (int v = 0; v < kPdqDihedralCount; ++v) {
    for (const HashMatch& m : index.Search(ToHash256(query[static_cast<size_t>(v)]), radius_)) {
      auto [it, added] = best.try_emplace(m.id, ImageMatch{m.id, m.distance, PdqDihedral(v)});
      if (!added && m.distance < it->second.distance) {
        it->second.distance = m.distance;
        it->second.variant = PdqDihedral(v);
      }
    }
  }
  std::vector<ImageMatch> out;
  out.reserve(best.size());
  for (const auto& [id, match] : best) out.push_back(match);
  std::stable_sort(out.begin(), out.end(), [](const ImageMatch& a, const ImageMatch& b) {
    return a.distance < b.distance;
  });
  return out;
}

}  // namespace harrier::imageproc
