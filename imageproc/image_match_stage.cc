#include "imageproc/image_match_stage.h"

#include <array>

namespace harrier::imageproc {
namespace {

bool Usable(const PdqHash& h, const MatchOptions& options) {
  return h.quality >= options.min_quality;
}

// The query's usable windows by role, sorted once per reference (in fixed
// arrays: this runs once per candidate reference, no allocation).
struct QueryWindows {
  std::array<const WindowHash*, 2> full{};  // kWhole, kContent
  int full_count = 0;
  std::array<const WindowHash*, kCropWindowCount> crops{};  // when the query has them
  int crop_count = 0;
  std::array<const WindowHash*, kStripWindowCount> strips{};
};

void Sort(const SubwindowHashes& query, const MatchOptions& options, QueryWindows& q) {
  for (const WindowHash& w : query.windows) {
    if (w.hash.quality < options.window_min_quality) continue;
    switch (w.kind) {
      case WindowKind::kWhole:
      case WindowKind::kContent:
        if (q.full_count < 2) q.full[q.full_count++] = &w;
        break;
      case WindowKind::kCrop:
        if (q.crop_count < kCropWindowCount) q.crops[q.crop_count++] = &w;
        break;
      case WindowKind::kStrip:
        if (w.index < kStripWindowCount) q.strips[w.index] = &w;
        break;
    }
  }
}

// The closest window pair within its threshold, if any, among the pairs
// compared: a full view of one image against a full view or crop window of
// the other (crop_threshold), and the same strip of both (strip_threshold).
std::optional<std::pair<WindowPair, int>> ClosestWindows(const SubwindowHashes& query,
                                                         const SubwindowHashes& reference,
                                                         const MatchOptions& options) {
  QueryWindows q;
  Sort(query, options, q);
  const WindowHash* best_q = nullptr;
  const WindowHash* best_r = nullptr;
  int best = PdqHash::kBits + 1;
  auto consider = [&](const WindowHash* a, const WindowHash& r, int threshold) {
    const int d = HammingDistance(a->hash, r.hash);
    if (d <= threshold && d < best) best = d, best_q = a, best_r = &r;
  };
  for (const WindowHash& r : reference.windows) {
    if (r.hash.quality < options.window_min_quality) continue;
    switch (r.kind) {
      case WindowKind::kWhole:
      case WindowKind::kContent:
        for (int i = 0; i < q.full_count; ++i) consider(q.full[i], r, options.crop_threshold);
        for (int i = 0; i < q.crop_count; ++i) consider(q.crops[i], r, options.crop_threshold);
        break;
      case WindowKind::kCrop:
        for (int i = 0; i < q.full_count; ++i) consider(q.full[i], r, options.crop_threshold);
        break;
      case WindowKind::kStrip:
        if (r.index < kStripWindowCount && q.strips[r.index] != nullptr) {
          consider(q.strips[r.index], r, options.strip_threshold);
        }
        break;
    }
  }
  if (best_q == nullptr) return std::nullopt;
  return std::pair{WindowPair{*best_q, *best_r}, best};
}

// The closest dihedral variant of one side against the other's PDQ.
void MatchDihedral(const ImageSignature& query, const ImageSignature& reference,
                   const MatchOptions& options, MatchDecision& out) {
  const bool from_query = query.dihedral.has_value();
  const auto& variants = from_query ? query.dihedral : reference.dihedral;
  if (!variants) return;
  const PdqHash& other = from_query ? reference.pdq : query.pdq;
  for (int d = 1; d < kPdqDihedralCount; ++d) {
    const int dist = HammingDistance((*variants)[d], other);
    if (dist <= options.pdq_threshold && dist < out.distance) {
      out.match = true;
      out.method = MatchMethod::kPdqDihedral;
      out.distance = dist;
      out.dihedral = static_cast<PdqDihedral>(d);
    }
  }
}

}  // namespace

Result<ImageSignature> ComputeImageSignature(const cv::Mat& image,
                                             const SubwindowOptions& windows) {
  ImageSignature out;
  Result<PdqDihedralHashes> dihedral = ComputePdqDihedral(image);
  if (!dihedral.ok()) return dihedral.status();
  out.pdq = (*dihedral)[static_cast<int>(PdqDihedral::kOriginal)];
  out.dihedral = *dihedral;
  Result<SubwindowHashes> sub = ComputeSubwindowHashes(image, windows);
  if (!sub.ok()) return sub.status();
  out.windows = std::move(*sub);
  return out;
}

std::string_view MatchMethodName(MatchMethod method) {
  switch (method) {
    case MatchMethod::kNone:
      return "none";
    case MatchMethod::kPdq:
      return "pdq";
    case MatchMethod::kPdqDihedral:
      return "pdq-dihedral";
    case MatchMethod::kSubwindowOrb:
      return "subwindow+orb";
    case MatchMethod::kSubwindow:
      return "subwindow";
  }
  return "none";
}

const OrbFeatures* LazyOrbFeatures::Get() {
  if (!done_) {
    done_ = true;
    Result<OrbFeatures> f = ComputeOrbFeatures(*pixels_, options_);
    if (f.ok()) {
      features_ = std::move(*f);
    } else {
      status_ = f.status();
    }
  }
  return features_ ? &*features_ : nullptr;
}

MatchDecision MatchHashes(const ImageSignature& query, const ImageSignature& reference,
                          const MatchOptions& options) {
  MatchDecision out;
  if (!Usable(query.pdq, options) || !Usable(reference.pdq, options)) {
    // Global hashes of flat images are noise; windows may still be usable.
  } else {
    out.distance = HammingDistance(query.pdq, reference.pdq);
    if (out.distance <= options.pdq_threshold) {
      out.match = true;
      out.method = MatchMethod::kPdq;
      return out;
    }
    if (options.dihedral) {
      MatchDihedral(query, reference, options, out);
      if (out.match) return out;
    }
  }
  if (options.subwindows) {
    if (auto best = ClosestWindows(query.windows, reference.windows, options)) {
      out.windows = best->first;
      out.distance = best->second;
    }
  }
  return out;
}

MatchDecision DecideMatch(const ImageSignature& query, LazyOrbFeatures& query_features,
                          const ImageSignature& reference, const OrbFeatures* reference_features,
                          const MatchOptions& options) {
  MatchDecision out = MatchHashes(query, reference, options);
  if (out.match || !out.windows) return out;
  if (!options.require_geometry) {
    out.match = true;
    out.method = MatchMethod::kSubwindow;
    return out;
  }
  const OrbFeatures* q = query_features.Get();
  if (q == nullptr || reference_features == nullptr) return out;
  Result<GeometricMatch> g = CheckGeometry(*q, *reference_features, options.geometry);
  if (!g.ok()) return out;
  out.geometry = *g;
  if (g->same_picture) {
    out.match = true;
    out.method = MatchMethod::kSubwindowOrb;
  }
  return out;
}

}  // namespace harrier::imageproc
