#include "imageproc/image_match_stage.h"

namespace harrier::imageproc {
namespace {

bool Usable(const PdqHash& h, const MatchOptions& options) {
  return h.quality >= options.min_quality;
}

bool IsFull(const WindowHash& w) {
  return w.kind == WindowKind::kWhole || w.kind == WindowKind::kContent;
}

bool IsCropLike(const WindowHash& w) { return IsFull(w) || w.kind == WindowKind::kCrop; }

// The threshold a window pair is held to, or -1 when the pair is not compared:
// a full view of one image against a crop window of the other (either way
// round), or the same strip of both.
int PairThreshold(const WindowHash& q, const WindowHash& r, const MatchOptions& options) {
  if ((IsFull(q) && IsCropLike(r)) || (IsCropLike(q) && IsFull(r))) return options.crop_threshold;
  if (q.kind == WindowKind::kStrip && r.kind == WindowKind::kStrip && q.index == r.index) {
    return options.strip_threshold;
  }
  return -1;
}

// The closest compared window pair within its threshold, if any.
std::optional<std::pair<WindowPair, int>> ClosestWindows(const SubwindowHashes& query,
                                                         const SubwindowHashes& reference,
                                                         const MatchOptions& options) {
  std::optional<std::pair<WindowPair, int>> best;
  for (const WindowHash& q : query.windows) {
    if (q.hash.quality < options.window_min_quality) continue;
    for (const WindowHash& r : reference.windows) {
      if (r.hash.quality < options.window_min_quality) continue;
      const int threshold = PairThreshold(q, r, options);
      if (threshold < 0) continue;
      const int d = HammingDistance(q.hash, r.hash);
      if (d <= threshold && (!best || d < best->second)) best.emplace(WindowPair{q, r}, d);
    }
  }
  return best;
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
