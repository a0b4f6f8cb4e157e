#include "imageproc/pdq_downsample.h"

#include <algorithm>
#include <cstdint>
#include <vector>

// Bit-exactness with the reference (facebook/ThreatExchange pdq/cpp
// downscaling.cpp) depends on doing its float operations, and only those, in
// its order: the running box sum is `sum += in[r]; sum -= in[l];` rounded
// after each step, then divided by the window's element count. The order of
// additions along a row or column is therefore fixed, but independent rows
// (or columns) can be filtered side by side, which is what makes this fast:
//
//   pass           reference                    here
//   rows 1         one row at a time            8 rows as 8 interleaved lanes,
//                                               luma computed straight into them
//   columns 1      one column at a time         all columns at once, one output
//                                               row at a time (streamed)
//   rows 2         one row at a time            8 rows as lanes, as soon as
//                                               columns 1 has produced them;
//                                               only the 64 sampled columns kept
//   columns 2      one column at a time         the 64 sampled columns at once;
//                                               only the 64 sampled rows kept
//
// Every loop body is float adds/subtracts/divides over 8 lanes or a padded
// row, so the compiler vectorises it without reordering any operation. This
// file is compiled with -ffp-contract=off: a fused multiply-add would round
// differently from the reference's separate multiply and add.

namespace harrier::imageproc::internal {
namespace {

constexpr int kLanes = 8;
constexpr int kOutDim = 64;

// The reference's float luma weights (downscaling.cpp luma_from_*_coeff).
constexpr float kLumaR = 0.299f;
constexpr float kLumaG = 0.587f;
constexpr float kLumaB = 0.114f;

int RoundUpToLanes(int n) { return (n + kLanes - 1) / kLanes * kLanes; }

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

// Element counts of each output's window (the reference's divisor), as float.
void WindowCounts(int n, int w, std::vector<float>& counts) {
  const BoxPhases p(n, w);
  counts.clear();
  int count = p.grow_silent;
  for (int i = 0; i < p.grow; ++i) counts.push_back(static_cast<float>(++count));
  for (int i = 0; i < p.slide; ++i) counts.push_back(static_cast<float>(count));
  for (int i = 0; i < p.shrink; ++i) counts.push_back(static_cast<float>(--count));
}

// Window sums (not yet divided) of kLanes interleaved vectors: element x of
// lane l is in[x * kLanes + l], and its sum goes to out[x * kLanes + l].
void LaneWindowSums(const float* __restrict in, float* __restrict out, int n, int w) {
  const BoxPhases p(n, w);
  float sum[kLanes] = {};
  const float* add = in;
  const float* sub = in;
  for (int i = 0; i < p.grow_silent; ++i, add += kLanes) {
    for (int l = 0; l < kLanes; ++l) sum[l] += add[l];
  }
  for (int i = 0; i < p.grow; ++i, add += kLanes, out += kLanes) {
    for (int l = 0; l < kLanes; ++l) {
      sum[l] += add[l];
      out[l] = sum[l];
    }
  }
  for (int i = 0; i < p.slide; ++i, add += kLanes, sub += kLanes, out += kLanes) {
    for (int l = 0; l < kLanes; ++l) {
      sum[l] += add[l];
      sum[l] -= sub[l];
      out[l] = sum[l];
    }
  }
  for (int i = 0; i < p.shrink; ++i, sub += kLanes, out += kLanes) {
    for (int l = 0; l < kLanes; ++l) {
      sum[l] -= sub[l];
      out[l] = sum[l];
    }
  }
}

// The same box down every column of a row-major plane (width a multiple of
// kLanes, row stride = width) at once. sum holds the window sums of output
// row o when emit(o) is called.
template <typename Emit>
void ColumnWindowSums(const float* in, int rows, int width, int w, float* __restrict sum,
                      Emit&& emit) {
  const BoxPhases p(rows, w);
  std::fill(sum, sum + width, 0.0f);
  const float* add = in;
  const float* sub = in;
  int o = 0;
  auto add_row = [&] {
    const float* __restrict a = add;
    for (int x = 0; x < width; x += kLanes) {
      for (int l = 0; l < kLanes; ++l) sum[x + l] += a[x + l];
    }
    add += width;
  };
  auto sub_row = [&] {
    const float* __restrict s = sub;
    for (int x = 0; x < width; x += kLanes) {
      for (int l = 0; l < kLanes; ++l) sum[x + l] -= s[x + l];
    }
    sub += width;
  };
  for (int i = 0; i < p.grow_silent; ++i) add_row();
  for (int i = 0; i < p.grow; ++i) {
    add_row();
    emit(o++);
  }
  for (int i = 0; i < p.slide; ++i) {
    add_row();  // the reference adds the new element before subtracting the old
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
  std::vector<int> src_row;       // working row -> source row
  std::vector<int> src_col_byte;  // working column -> byte offset in a source row
  std::vector<float> row_counts;  // divisor per column position (row passes)
  std::vector<float> col_counts;  // divisor per row position (column passes)
  std::vector<float> lanes_in;    // cols x kLanes
  std::vector<float> lanes_sum;   // cols x kLanes
  std::vector<float> plane;       // rows x stride: after rows pass 1
  std::vector<float> block;       // kLanes x stride: rows of columns pass 1
  std::vector<float> narrow;      // rows x 64: after rows pass 2, sampled columns
  std::vector<float> col_sum;     // stride
};

// Decimation (reference decimateFloat): output i samples input
// floor((i + 0.5) * dim / 64), computed in double as the reference does.
void SamplePositions(int dim, int* pick) {
  for (int i = 0; i < kOutDim; ++i) {
    pick[i] = static_cast<int>(((i + 0.5) * dim) / kOutDim);
  }
}

class Downsampler {
 public:
  Downsampler(const cv::Mat& image, Scratch& s) : image_(image), s_(s) {
    const cv::Size size = PdqWorkingSize(image);
    rows_ = size.height;
    cols_ = size.width;
    stride_ = RoundUpToLanes(cols_);
    row_window_ = JaroszWindow(cols_);  // along a row: the width decides
    col_window_ = JaroszWindow(rows_);
    SamplePositions(rows_, row_pick_);
    SamplePositions(cols_, col_pick_);
  }

  void Run(float* out) {
    Prepare();
    for (int y0 = 0; y0 < rows_; y0 += kLanes) RowsPass1(y0);
    // Columns pass 1 streams its output rows into `block`; every kLanes rows
    // (and at the end) rows pass 2 filters them and keeps the sampled columns.
    ColumnWindowSums(s_.plane.data(), rows_, stride_, col_window_, s_.col_sum.data(), [&](int o) {
      const int in_block = o % kLanes;
      float* __restrict dst = s_.block.data() + in_block * stride_;
      const float* __restrict sum = s_.col_sum.data();
      const float count = s_.col_counts[o];
      for (int x = 0; x < stride_; x += kLanes) {
        for (int l = 0; l < kLanes; ++l) dst[x + l] = sum[x + l] / count;
      }
      if (in_block == kLanes - 1 || o == rows_ - 1) {
        RowsPass2(o - in_block, in_block + 1);
      }
    });
    // Columns pass 2 over the 64 kept columns; keep the 64 sampled rows.
    int k = 0;
    ColumnWindowSums(s_.narrow.data(), rows_, kOutDim, col_window_, s_.col_sum.data(), [&](int o) {
      const float count = s_.col_counts[o];
      for (; k < kOutDim && row_pick_[k] == o; ++k) {
        for (int j = 0; j < kOutDim; ++j) {
          out[k * kOutDim + j] = s_.col_sum[j] / count;
        }
      }
    });
  }

 private:
  void Prepare() {
    const bool scaled = rows_ != image_.rows || cols_ != image_.cols;
    const int channels = image_.channels();
    s_.src_row.resize(rows_);
    s_.src_col_byte.resize(cols_);
    // Nearest neighbour as the reference CLI's CImg resize: working column x
    // reads source column floor(x * W / 512), rows likewise.
    for (int y = 0; y < rows_; ++y) {
      s_.src_row[y] = scaled ? static_cast<int>(int64_t{y} * image_.rows / rows_) : y;
    }
    for (int x = 0; x < cols_; ++x) {
      const int sx = scaled ? static_cast<int>(int64_t{x} * image_.cols / cols_) : x;
      s_.src_col_byte[x] = sx * channels;
    }
    WindowCounts(cols_, row_window_, s_.row_counts);
    WindowCounts(rows_, col_window_, s_.col_counts);
    s_.lanes_in.resize(static_cast<size_t>(cols_) * kLanes);
    s_.lanes_sum.resize(static_cast<size_t>(cols_) * kLanes);
    s_.plane.resize(static_cast<size_t>(rows_) * stride_);
    s_.block.resize(static_cast<size_t>(kLanes) * stride_);
    s_.narrow.resize(static_cast<size_t>(rows_) * kOutDim);
    s_.col_sum.resize(std::max(stride_, kOutDim));
  }

  // Luma of working rows y0.. into the lanes (a lane past the last row
  // repeats it; its results are never stored).
  void LumaLanes(int y0) {
    const uint8_t* src[kLanes];
    for (int l = 0; l < kLanes; ++l) {
      src[l] = image_.ptr<uint8_t>(s_.src_row[std::min(y0 + l, rows_ - 1)]);
    }
    const int* __restrict col = s_.src_col_byte.data();
    float* __restrict lanes = s_.lanes_in.data();
    if (image_.channels() == 1) {
      for (int x = 0; x < cols_; ++x) {
        for (int l = 0; l < kLanes; ++l) lanes[x * kLanes + l] = src[l][col[x]];
      }
      return;
    }
    for (int x = 0; x < cols_; ++x) {
      for (int l = 0; l < kLanes; ++l) {
        const uint8_t* p = src[l] + col[x];  // B, G, R
        lanes[x * kLanes + l] = kLumaR * p[2] + kLumaG * p[1] + kLumaB * p[0];
      }
    }
  }

  void RowsPass1(int y0) {
    LumaLanes(y0);
    LaneWindowSums(s_.lanes_in.data(), s_.lanes_sum.data(), cols_, row_window_);
    float* __restrict sums = s_.lanes_sum.data();
    const float* __restrict counts = s_.row_counts.data();
    for (int x = 0; x < cols_; ++x) {
      for (int l = 0; l < kLanes; ++l) sums[x * kLanes + l] /= counts[x];
    }
    const int valid = std::min(kLanes, rows_ - y0);
    for (int l = 0; l < valid; ++l) {
      float* __restrict dst = s_.plane.data() + static_cast<size_t>(y0 + l) * stride_;
      for (int x = 0; x < cols_; ++x) dst[x] = sums[x * kLanes + l];
    }
  }

  // Filters `valid` rows starting at y0, held in block, along the row; keeps
  // only the 64 sampled columns, in narrow.
  void RowsPass2(int y0, int valid) {
    const float* __restrict block = s_.block.data();
    float* __restrict lanes = s_.lanes_in.data();
    for (int x = 0; x < cols_; ++x) {
      for (int l = 0; l < kLanes; ++l) lanes[x * kLanes + l] = block[l * stride_ + x];
    }
    LaneWindowSums(lanes, s_.lanes_sum.data(), cols_, row_window_);
    const float* sums = s_.lanes_sum.data();
    for (int l = 0; l < valid; ++l) {
      float* dst = s_.narrow.data() + static_cast<size_t>(y0 + l) * kOutDim;
      for (int j = 0; j < kOutDim; ++j) {
        const int x = col_pick_[j];
        dst[j] = sums[x * kLanes + l] / s_.row_counts[x];
      }
    }
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
