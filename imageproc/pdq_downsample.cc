#include "imageproc/pdq_downsample.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <vector>

// Bit-exactness with the reference (facebook/ThreatExchange pdq/cpp
// downscaling.cpp) depends on doing its float operations, and only those, in
// its order: the running box sum is `sum += in[r]; sum -= in[l];` rounded
// after each step, then divided by the window's element count. The order of
// additions along a row or column is therefore fixed, but independent rows
// (or columns) can be filtered side by side, which is what makes this fast:
//
//   pass        reference               here
//   rows 1      one row at a time       16 rows as interleaved lanes, luma
//                                       computed straight into them
//   columns 1   one column at a time    all columns at once, one output row
//                                       at a time, streamed into rows 2
//   rows 2      one row at a time       16 rows as lanes as soon as columns 1
//                                       has made them; the 64 sampled columns kept
//   columns 2   one column at a time    the 64 kept columns at once; the 64
//                                       sampled rows kept
//
// Two more changes that cannot alter a result: the luma products come from
// tables of the same float products, and dividing by a window count that is
// a power of two (4 for every image pre-scaled to 512) is a multiplication by
// its exact reciprocal, which IEEE rounds identically. This file is compiled
// with -ffp-contract=off: a fused multiply-add would round differently from
// the reference's separate multiply and add.

// F8 values never cross a non-inlined call, so GCC's note that passing them
// by value without AVX has another ABI does not concern us.
#pragma GCC diagnostic ignored "-Wpsabi"

namespace harrier::imageproc::internal {
namespace {

constexpr int kVec = 8;     // floats per F8
constexpr int kBlock = 16;  // rows filtered side by side: two independent F8 sums
constexpr int kOutDim = 64;

// Eight floats handled as one SIMD value (two SSE registers on baseline
// x86-64). Each operation on it is the same IEEE operation done lane by lane,
// so vectorising this way changes no result; it is written out rather than
// left to the auto-vectoriser, which at -O2 leaves these loops scalar.
typedef float F8 __attribute__((vector_size(kVec * sizeof(float))));

F8 Load(const float* p) {
  F8 v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

void Store(float* p, F8 v) { std::memcpy(p, &v, sizeof v); }

// Copies the 4x4 tile at src (rows src_stride floats apart) transposed to dst
// (rows dst_stride apart) with SSE shuffles: the filter passes switch between
// rows-as-lanes and row-major layouts with these.
typedef float F4 __attribute__((vector_size(4 * sizeof(float))));

void Transpose4x4(const float* src, int src_stride, float* dst, int dst_stride) {
  F4 r[4];
  for (int i = 0; i < 4; ++i) std::memcpy(&r[i], src + i * src_stride, sizeof(F4));
  const F4 t0 = __builtin_shufflevector(r[0], r[1], 0, 4, 1, 5);
  const F4 t1 = __builtin_shufflevector(r[0], r[1], 2, 6, 3, 7);
  const F4 t2 = __builtin_shufflevector(r[2], r[3], 0, 4, 1, 5);
  const F4 t3 = __builtin_shufflevector(r[2], r[3], 2, 6, 3, 7);
  const F4 c[4] = {
      __builtin_shufflevector(t0, t2, 0, 1, 4, 5), __builtin_shufflevector(t0, t2, 2, 3, 6, 7),
      __builtin_shufflevector(t1, t3, 0, 1, 4, 5), __builtin_shufflevector(t1, t3, 2, 3, 6, 7)};
  for (int i = 0; i < 4; ++i) std::memcpy(dst + i * dst_stride, &c[i], sizeof(F4));
}

// Luma weights as the reference declares them (float constants).
constexpr float kLumaR = 0.299f;
constexpr float kLumaG = 0.587f;
constexpr float kLumaB = 0.114f;

// kLumaR * v etc. for every byte value: the products the reference rounds to
// float, looked up instead of converted and multiplied per pixel. The sum is
// then formed in the reference's order, (R + G) + B, so the luma is identical.
struct LumaTables {
  float r[256], g[256], b[256], grey[256];
  LumaTables() {
    for (int v = 0; v < 256; ++v) {
      r[v] = kLumaR * v;
      g[v] = kLumaG * v;
      b[v] = kLumaB * v;
      grey[v] = static_cast<float>(v);
    }
  }
};

const LumaTables& Luma() {
  static const LumaTables tables;
  return tables;
}

int RoundUp(int n, int to) { return (n + to - 1) / to * to; }

// computeJaroszFilterWindowSize(dim, 64): half of 1/64th of the dimension,
// rounded up, because two passes of the box make the full block.
int JaroszWindow(int dim) { return (dim + 2 * kOutDim - 1) / (2 * kOutDim); }

// The reference's box1DFloat in four phases over a vector of length n with
// window w: `half - 1` adds without output, then outputs whose window grows
// to w, then full windows (add the new element, subtract the old), then
// windows that shrink at the far end. Output o averages inputs
// [o - (w - half), o + half - 1] clipped to the vector.
struct BoxPhases {
  int grow_silent, grow, slide, shrink;
  BoxPhases(int n, int w) {
    const int half = (w + 2) / 2;
    grow_silent = half - 1;
    grow = w - half + 1;
    slide = n - w;
    shrink = half - 1;
  }
};

// Division by a window's element count. x / c and x * (1 / c) are the same
// real number; when c is a power of two 1 / c is exact, so both round alike.
struct Divisor {
  float count = 1, inverse = 1;
  bool by_inverse = true;
  explicit Divisor(int c)
      : count(static_cast<float>(c)), inverse(1.0f / count), by_inverse((c & (c - 1)) == 0) {}
  F8 Apply(F8 v) const { return by_inverse ? v * inverse : v / count; }
  float Apply(float v) const { return by_inverse ? v * inverse : v / count; }
};

// The divisor of each output of a box pass over n elements with window w.
void WindowDivisors(int n, int w, std::vector<Divisor>& out) {
  const BoxPhases p(n, w);
  out.clear();
  int count = p.grow_silent;
  for (int i = 0; i < p.grow; ++i) out.emplace_back(++count);
  for (int i = 0; i < p.slide; ++i) out.emplace_back(count);
  for (int i = 0; i < p.shrink; ++i) out.emplace_back(--count);
}

// Window sums (not yet divided) of kBlock interleaved vectors: element x of
// lane l is in[x * kBlock + l], its sum goes to out[x * kBlock + l]. Two F8
// sums, so two independent add/subtract chains are in flight.
void LaneWindowSums(const float* in, float* out, int n, int w) {
  static_assert(kBlock == 2 * kVec);
  const BoxPhases p(n, w);
  F8 lo = {}, hi = {};
  const float* add = in;
  const float* sub = in;
  for (int i = 0; i < p.grow_silent; ++i, add += kBlock) {
    lo += Load(add);
    hi += Load(add + kVec);
  }
  for (int i = 0; i < p.grow; ++i, add += kBlock, out += kBlock) {
    lo += Load(add);
    hi += Load(add + kVec);
    Store(out, lo);
    Store(out + kVec, hi);
  }
  for (int i = 0; i < p.slide; ++i, add += kBlock, sub += kBlock, out += kBlock) {
    lo += Load(add);  // the reference adds the new element before subtracting the old
    hi += Load(add + kVec);
    lo -= Load(sub);
    hi -= Load(sub + kVec);
    Store(out, lo);
    Store(out + kVec, hi);
  }
  for (int i = 0; i < p.shrink; ++i, sub += kBlock, out += kBlock) {
    lo -= Load(sub);
    hi -= Load(sub + kVec);
    Store(out, lo);
    Store(out + kVec, hi);
  }
}

// The same box down every column of a row-major plane (width a multiple of
// kVec, row stride = width) at once. sum holds the window sums of output row
// o when emit(o) is called.
template <typename Emit>
void ColumnWindowSums(const float* in, int rows, int width, int w, float* sum, Emit&& emit) {
  const BoxPhases p(rows, w);
  std::fill(sum, sum + width, 0.0f);
  const float* add = in;
  const float* sub = in;
  auto add_row = [&] {
    for (int x = 0; x < width; x += kVec) Store(sum + x, Load(sum + x) + Load(add + x));
    add += width;
  };
  auto sub_row = [&] {
    for (int x = 0; x < width; x += kVec) Store(sum + x, Load(sum + x) - Load(sub + x));
    sub += width;
  };
  int o = 0;
  for (int i = 0; i < p.grow_silent; ++i) add_row();
  for (int i = 0; i < p.grow; ++i) {
    add_row();
    emit(o++);
  }
  for (int i = 0; i < p.slide; ++i) {
    add_row();
    sub_row();
    emit(o++);
  }
  for (int i = 0; i < p.shrink; ++i) {
    sub_row();
    emit(o++);
  }
}

// Per-thread buffers, grown to the largest image seen (at most 512x512
// floats for the plane) and reused, so hashing allocates nothing per image.
struct Scratch {
  std::vector<int> src_row;           // working row -> source row
  std::vector<int> src_col_byte;      // working column -> byte offset in a source row
  std::vector<Divisor> row_divisors;  // per column position (row passes)
  std::vector<Divisor> col_divisors;  // per row position (column passes)
  std::vector<float> lanes_in;        // stride x kBlock (columns past cols are padding)
  std::vector<float> lanes_sum;       // stride x kBlock
  std::vector<float> plane;           // rows x stride: after rows pass 1
  std::vector<float> block;           // kBlock x stride: rows from columns pass 1
  std::vector<float> narrow;          // rows x 64: after rows pass 2, sampled columns
  std::vector<float> col_sum;         // stride
};

// Decimation (reference decimateFloat): output i samples input
// floor((i + 0.5) * dim / 64), computed in double as the reference does.
void SamplePositions(int dim, int* pick) {
  for (int i = 0; i < kOutDim; ++i) pick[i] = static_cast<int>(((i + 0.5) * dim) / kOutDim);
}

class Downsampler {
 public:
  Downsampler(const cv::Mat& image, Scratch& s) : image_(image), s_(s) {
    const cv::Size size = PdqWorkingSize(image);
    rows_ = size.height;
    cols_ = size.width;
    stride_ = RoundUp(cols_, kVec);
    row_window_ = JaroszWindow(cols_);  // along a row: the width decides
    col_window_ = JaroszWindow(rows_);
    SamplePositions(rows_, row_pick_);
    SamplePositions(cols_, col_pick_);
  }

  void Run(float* out) {
    Prepare();
    for (int y0 = 0; y0 < rows_; y0 += kBlock) RowsPass1(y0);
    // Columns pass 1 streams its output rows into `block`; every kBlock rows
    // (and at the end) rows pass 2 filters them and keeps the sampled columns.
    ColumnWindowSums(s_.plane.data(), rows_, stride_, col_window_, s_.col_sum.data(),
                     [this](int o) { ColumnsPass1Row(o); });
    // Columns pass 2 over the 64 kept columns; keep the 64 sampled rows.
    int k = 0;
    ColumnWindowSums(s_.narrow.data(), rows_, kOutDim, col_window_, s_.col_sum.data(), [&](int o) {
      for (; k < kOutDim && row_pick_[k] == o; ++k) SampledRow(o, out + k * kOutDim);
    });
  }

 private:
  void Prepare() {
    const bool scaled = rows_ != image_.rows || cols_ != image_.cols;
    s_.src_row.resize(rows_);
    s_.src_col_byte.resize(cols_);
    // Nearest neighbour as the reference CLI's CImg resize: working column x
    // reads source column floor(x * W / 512), rows likewise.
    for (int y = 0; y < rows_; ++y) {
      s_.src_row[y] = scaled ? static_cast<int>(int64_t{y} * image_.rows / rows_) : y;
    }
    for (int x = 0; x < cols_; ++x) {
      const int sx = scaled ? static_cast<int>(int64_t{x} * image_.cols / cols_) : x;
      s_.src_col_byte[x] = sx * image_.channels();
    }
    WindowDivisors(cols_, row_window_, s_.row_divisors);
    WindowDivisors(rows_, col_window_, s_.col_divisors);
    s_.lanes_in.resize(static_cast<size_t>(stride_) * kBlock);
    s_.lanes_sum.resize(static_cast<size_t>(stride_) * kBlock);
    s_.plane.resize(static_cast<size_t>(rows_) * stride_);
    s_.block.resize(static_cast<size_t>(kBlock) * stride_);
    s_.narrow.resize(static_cast<size_t>(rows_) * kOutDim);
    s_.col_sum.resize(std::max(stride_, kOutDim));
  }

  // Luma of working rows y0.. into the lanes (a lane past the last row
  // repeats it; its results are never stored).
  void LumaLanes(int y0) {
    const uint8_t* src[kBlock];
    for (int l = 0; l < kBlock; ++l) {
      src[l] = image_.ptr<uint8_t>(s_.src_row[std::min(y0 + l, rows_ - 1)]);
    }
    const int* __restrict col = s_.src_col_byte.data();
    float* __restrict lanes = s_.lanes_in.data();
    const LumaTables& t = Luma();
    if (image_.channels() == 1) {
      for (int l = 0; l < kBlock; ++l) {
        for (int x = 0; x < cols_; ++x) lanes[x * kBlock + l] = t.grey[src[l][col[x]]];
      }
      return;
    }
    // A source row at a time, so reads stream through memory.
    for (int l = 0; l < kBlock; ++l) {
      const uint8_t* row = src[l];
      for (int x = 0; x < cols_; ++x) {
        const uint8_t* p = row + col[x];  // B, G, R
        lanes[x * kBlock + l] = t.r[p[2]] + t.g[p[1]] + t.b[p[0]];
      }
    }
  }

  void RowsPass1(int y0) {
    LumaLanes(y0);
    LaneWindowSums(s_.lanes_in.data(), s_.lanes_sum.data(), cols_, row_window_);
    float* sums = s_.lanes_sum.data();
    for (int x = 0; x < cols_; ++x) {
      const Divisor& d = s_.row_divisors[x];
      Store(sums + x * kBlock, d.Apply(Load(sums + x * kBlock)));
      Store(sums + x * kBlock + kVec, d.Apply(Load(sums + x * kBlock + kVec)));
    }
    // Back to row-major, 4x4 tiles at a time (columns past cols_ are padding).
    const int valid = std::min(kBlock, rows_ - y0);
    float* plane = s_.plane.data() + static_cast<size_t>(y0) * stride_;
    int l = 0;
    for (; l + 4 <= valid; l += 4) {
      for (int x = 0; x < stride_; x += 4) {
        Transpose4x4(sums + x * kBlock + l, kBlock, plane + l * stride_ + x, stride_);
      }
    }
    for (; l < valid; ++l) {
      for (int x = 0; x < cols_; ++x) plane[l * stride_ + x] = sums[x * kBlock + l];
    }
  }

  // Output row o of columns pass 1, from the window sums in col_sum.
  void ColumnsPass1Row(int o) {
    const int in_block = o % kBlock;
    float* dst = s_.block.data() + in_block * stride_;
    const float* sum = s_.col_sum.data();
    const Divisor d = s_.col_divisors[o];
    for (int x = 0; x < stride_; x += kVec) Store(dst + x, d.Apply(Load(sum + x)));
    if (in_block == kBlock - 1 || o == rows_ - 1) RowsPass2(o - in_block, in_block + 1);
  }

  // Filters `valid` rows starting at y0, held in block, along the row; keeps
  // only the 64 sampled columns, in narrow.
  void RowsPass2(int y0, int valid) {
    const float* block = s_.block.data();
    float* lanes = s_.lanes_in.data();
    for (int l = 0; l < kBlock; l += 4) {
      for (int x = 0; x < stride_; x += 4) {
        Transpose4x4(block + l * stride_ + x, stride_, lanes + x * kBlock + l, kBlock);
      }
    }
    LaneWindowSums(lanes, s_.lanes_sum.data(), cols_, row_window_);
    const float* sums = s_.lanes_sum.data();
    for (int l = 0; l < valid; ++l) {
      float* dst = s_.narrow.data() + static_cast<size_t>(y0 + l) * kOutDim;
      for (int j = 0; j < kOutDim; ++j) {
        const int x = col_pick_[j];
        dst[j] = s_.row_divisors[x].Apply(sums[x * kBlock + l]);
      }
    }
  }

  // Output row o of columns pass 2 (a sampled row) into dst[0..64).
  void SampledRow(int o, float* dst) {
    const Divisor d = s_.col_divisors[o];
    for (int j = 0; j < kOutDim; j += kVec) Store(dst + j, d.Apply(Load(s_.col_sum.data() + j)));
  }

  const cv::Mat& image_;
  Scratch& s_;
  int rows_ = 0, cols_ = 0, stride_ = 0;
  int row_window_ = 0, col_window_ = 0;
  int row_pick_[kOutDim];
  int col_pick_[kOutDim];
};

}  // namespace

cv::Size PdqWorkingSize(const cv::Mat& image) {
  if (image.rows > kPdqPrescaleDim || image.cols > kPdqPrescaleDim) {
    return {kPdqPrescaleDim, kPdqPrescaleDim};
  }
  return {image.cols, image.rows};
}

void PdqDownsample64(const cv::Mat& image, float* out) {
  thread_local Scratch scratch;
  Downsampler(image, scratch).Run(out);
}

}  // namespace harrier::imageproc::internal
