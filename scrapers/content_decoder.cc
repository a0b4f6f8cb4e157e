// Streaming content-coding decoders. Every stage decodes into one fixed
// 64 KiB buffer and hands each chunk on at once (to the next stage or to the
// capped output), so a bomb costs at most the cap plus one chunk per stage
// (plus the codec's own window: 32 KiB for zlib, at most 16 MiB for brotli,
// whose large-window extension stays off).
#include "scrapers/content_decoder.h"

#include <brotli/decode.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <functional>
#include <vector>

namespace harrier::scrapers {
namespace {

constexpr size_t kChunk = 64 * 1024;
// Real servers send one or two codings; a long chain only multiplies work.
constexpr size_t kMaxCodings = 4;
// Bytes between two stages are compressed data, normally smaller than the
// final output, so they are capped like it. The slack admits tiny bodies whose
// compressed form is larger than the text, and still stops a chain such as
// br over a gigabyte of empty gzip members that would burn CPU for no output.
constexpr int64_t kIntermediateSlack = 1024 * 1024;

using Emit = std::function<Status(std::string_view)>;

// One content coding. Feed decodes `in` completely, passing output to `emit`
// in chunks of at most kChunk bytes; Finish says whether the stream ended.
class Stage {
 public:
  virtual ~Stage() = default;
  virtual Status Feed(std::string_view in, const Emit& emit) = 0;
  virtual Status Finish() = 0;
};

class IdentityStage : public Stage {
 public:
  Status Feed(std::string_view in, const Emit& emit) override {
    // Chunked so a large identity piece in a chain is handed on like others.
    while (!in.empty()) {
      const size_t n = std::min(in.size(), kChunk);
      HARRIER_RETURN_IF_ERROR(emit(in.substr(0, n)));
      in.remove_prefix(n);
    }
    return Status::Ok();
  }
  Status Finish() override { return Status::Ok(); }
};

// gzip (any number of concatenated members, RFC 1952 §2.2) and deflate. For
// "deflate" RFC 9110 §8.4.1.2 means zlib-wrapped (RFC 1950), but servers also
// send raw RFC 1951 data, so the first two bytes decide, as browsers do.
class ZlibStage : public Stage {
 public:
  enum class Kind { kGzip, kDeflate };

  explicit ZlibStage(Kind kind) : kind_(kind), name_(kind == Kind::kGzip ? "gzip" : "deflate") {}
  ~ZlibStage() override {
    if (initialised_) inflateEnd(&zs_);
  }

  Status Feed(std::string_view in, const Emit& emit) override {
    if (!initialised_) {
      // Wait for the two header bytes that tell zlib from raw deflate.
      const size_t need = std::min(in.size(), sizeof(head_) - head_len_);
      std::copy_n(in.begin(), need, head_.begin() + head_len_);
      head_len_ += need;
      in.remove_prefix(need);
      if (head_len_ < head_.size()) return Status::Ok();
      HARRIER_RETURN_IF_ERROR(Init());
      HARRIER_RETURN_IF_ERROR(Inflate(std::string_view(head_.data(), head_len_), emit));
    }
    return Inflate(in, emit);
  }

  Status Finish() override {
    if (!initialised_ && head_len_ == 0) return Status::Ok();  // empty body
    if (!initialised_ || in_stream_) {
      return Status::InvalidArgument(name_ + " stream truncated");
    }
    return Status::Ok();
  }

 private:
  // RFC 1950 §2.2: CM 8, CINFO at most 7, FCHECK, and no preset dictionary
  // (which HTTP never uses). gzip's magic is accepted as well.
  bool LooksWrapped() const {
    const auto b0 = static_cast<unsigned char>(head_[0]);
    const auto b1 = static_cast<unsigned char>(head_[1]);
    if (b0 == 0x1f && b1 == 0x8b) return true;
    return (b0 & 0x0f) == 8 && (b0 >> 4) <= 7 && ((b0 << 8) | b1) % 31 == 0 && (b1 & 0x20) == 0;
  }

  Status Init() {
    // 15 + 32: a 32 KiB window with zlib or gzip header detected.
    int window_bits = 15 + 32;
    if (kind_ == Kind::kDeflate && !LooksWrapped()) window_bits = -15;
    if (inflateInit2(&zs_, window_bits) != Z_OK) {
      return Status::Internal("inflateInit2 for " + name_ + " failed");
    }
    initialised_ = true;
    return Status::Ok();
  }

  Status Inflate(std::string_view in, const Emit& emit) {
    // zlib counts input in 32 bits.
    constexpr size_t kMaxSlice = size_t{1} << 30;
    while (in.size() > kMaxSlice) {
      HARRIER_RETURN_IF_ERROR(InflateSlice(in.substr(0, kMaxSlice), emit));
      in.remove_prefix(kMaxSlice);
    }
    return InflateSlice(in, emit);
  }

  Status InflateSlice(std::string_view in, const Emit& emit) {
    zs_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    zs_.avail_in = static_cast<uInt>(in.size());
    // A full output buffer may leave decoded bytes inside inflate even when
    // all input is consumed, so go round again until a call leaves room.
    bool out_full = false;
    while (zs_.avail_in > 0 || out_full) {
      if (ended_) {
        if (zs_.avail_in == 0) break;
        // Only gzip allows another member after the end of one.
        if (kind_ != Kind::kGzip) {
          return Status::InvalidArgument("trailing bytes after " + name_ + " stream");
        }
        if (inflateReset(&zs_) != Z_OK) return Status::Internal("inflateReset failed");
        ended_ = false;
      }
      in_stream_ = true;
      zs_.next_out = reinterpret_cast<Bytef*>(buf_.data());
      zs_.avail_out = static_cast<uInt>(buf_.size());
      const int rc = inflate(&zs_, Z_NO_FLUSH);
      const size_t produced = buf_.size() - zs_.avail_out;
      if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR) {
        // Z_NEED_DICT included: HTTP has no way to agree on a dictionary.
        std::string why = zs_.msg != nullptr ? zs_.msg : "zlib error " + std::to_string(rc);
        return Status::InvalidArgument("corrupt " + name_ + " data: " + why);
      }
      if (produced > 0) HARRIER_RETURN_IF_ERROR(emit(std::string_view(buf_.data(), produced)));
      out_full = zs_.avail_out == 0;
      if (rc == Z_STREAM_END) {
        ended_ = true;
        in_stream_ = false;
      } else if (rc == Z_BUF_ERROR && produced == 0) {
        break;  // no progress possible until more input arrives
      }
    }
    return Status::Ok();
  }

  Kind kind_;
  std::string name_;
  z_stream zs_{};
  bool initialised_ = false;
  bool ended_ = false;      // the current member or stream is complete
  bool in_stream_ = false;  // bytes of an unfinished member were consumed
  std::array<char, 2> head_{};
  size_t head_len_ = 0;
  std::vector<char> buf_ = std::vector<char>(kChunk);
};

class BrotliStage : public Stage {
 public:
  BrotliStage() : state_(BrotliDecoderCreateInstance(nullptr, nullptr, nullptr)) {}
  ~BrotliStage() override {
    if (state_ != nullptr) BrotliDecoderDestroyInstance(state_);
  }

  Status Feed(std::string_view in, const Emit& emit) override {
    if (state_ == nullptr) return Status::Internal("brotli decoder allocation failed");
    if (in.empty()) return Status::Ok();
    if (finished_) return Status::InvalidArgument("trailing bytes after br stream");
    started_ = true;
    size_t avail_in = in.size();
    const auto* next_in = reinterpret_cast<const uint8_t*>(in.data());
    while (true) {
      size_t avail_out = buf_.size();
      auto* next_out = reinterpret_cast<uint8_t*>(buf_.data());
      const BrotliDecoderResult rc = BrotliDecoderDecompressStream(state_, &avail_in, &next_in,
                                                                   &avail_out, &next_out, nullptr);
      const size_t produced = buf_.size() - avail_out;
      if (rc == BROTLI_DECODER_RESULT_ERROR) {
        return Status::InvalidArgument(std::string("corrupt br data: ") +
                                       BrotliDecoderErrorString(BrotliDecoderGetErrorCode(state_)));
      }
      if (produced > 0) HARRIER_RETURN_IF_ERROR(emit(std::string_view(buf_.data(), produced)));
      if (rc == BROTLI_DECODER_RESULT_SUCCESS) {
        finished_ = true;
        if (avail_in > 0) return Status::InvalidArgument("trailing bytes after br stream");
        return Status::Ok();
      }
      if (rc == BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT) return Status::Ok();
      // BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT: the chunk went out; go on.
    }
  }

  Status Finish() override {
    if (started_ && !finished_) return Status::InvalidArgument("br stream truncated");
    return Status::Ok();
  }

 private:
  BrotliDecoderState* state_;
  bool started_ = false;
  bool finished_ = false;
  std::vector<char> buf_ = std::vector<char>(kChunk);
};

// Applies the stages in order (the rightmost coding first, RFC 9110 §8.4).
class ChainDecoder : public ContentDecoder {
 public:
  explicit ChainDecoder(std::vector<std::unique_ptr<Stage>> stages)
      : stages_(std::move(stages)), stage_bytes_(stages_.size(), 0) {}

  Status Feed(std::string_view in, int64_t max_out, std::string* out) override {
    if (!status_.ok()) return status_;
    status_ = FeedStage(0, in, std::max<int64_t>(max_out, 0), out);
    return status_;
  }

  Status Finish() override {
    if (!status_.ok()) return status_;
    // A stage's Feed has already handed on all it could decode, so finishing
    // the stages in order sees every byte.
    for (auto& stage : stages_) {
      status_ = stage->Finish();
      if (!status_.ok()) return status_;
    }
    return status_;
  }

 private:
  Status FeedStage(size_t i, std::string_view in, int64_t max_out, std::string* out) {
    if (i == stages_.size()) return Append(in, max_out, out);
    return stages_[i]->Feed(in, [&](std::string_view chunk) -> Status {
      if (i + 1 < stages_.size()) {
        stage_bytes_[i] += static_cast<int64_t>(chunk.size());
        if (stage_bytes_[i] > max_out + kIntermediateSlack) {
          return Status::Rejected("decoded body over " + std::to_string(max_out) +
                                  " bytes (intermediate coding output)");
        }
      }
      return FeedStage(i + 1, chunk, max_out, out);
    });
  }

  static Status Append(std::string_view chunk, int64_t max_out, std::string* out) {
    const auto cap = static_cast<size_t>(max_out);
    const size_t room = out->size() >= cap ? 0 : cap - out->size();
    if (chunk.size() <= room) {
      out->append(chunk);
      return Status::Ok();
    }
    out->append(chunk.substr(0, room));
    return Status::Rejected("decoded body over " + std::to_string(max_out) + " bytes");
  }

  std::vector<std::unique_ptr<Stage>> stages_;
  std::vector<int64_t> stage_bytes_;  // output of each stage so far
  Status status_;                     // sticky: the first error ends the stream
};

bool IsSpace(char c) { return c == ' ' || c == '\t'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

Result<std::unique_ptr<Stage>> MakeStage(const std::string& coding) {
  // "x-gzip" is gzip (RFC 9110 §8.4.1.3).
  if (coding == "gzip" || coding == "x-gzip") {
    return std::unique_ptr<Stage>(new ZlibStage(ZlibStage::Kind::kGzip));
  }
  if (coding == "deflate") return std::unique_ptr<Stage>(new ZlibStage(ZlibStage::Kind::kDeflate));
  if (coding == "br") return std::unique_ptr<Stage>(new BrotliStage());
  return Status::InvalidArgument("unsupported content coding \"" + coding + "\"");
}

}  // namespace

Result<std::unique_ptr<ContentDecoder>> ContentDecoder::Create(std::string_view content_encoding) {
  // The header lists codings in the order applied; decoding runs backwards.
  // Empty list elements are ignored (RFC 9110 §5.6.1), as is "identity".
  std::vector<std::string> codings;
  size_t start = 0;
  while (start <= content_encoding.size()) {
    size_t comma = content_encoding.find(',', start);
    if (comma == std::string_view::npos) comma = content_encoding.size();
    const std::string coding = Lower(Trim(content_encoding.substr(start, comma - start)));
    if (!coding.empty() && coding != "identity") codings.push_back(coding);
    start = comma + 1;
  }
  if (codings.size() > kMaxCodings) {
    return Status::InvalidArgument("too many content codings (" + std::to_string(codings.size()) +
                                   ") in \"" + std::string(content_encoding) + "\"");
  }
  std::vector<std::unique_ptr<Stage>> stages;
  for (auto it = codings.rbegin(); it != codings.rend(); ++it) {
    Result<std::unique_ptr<Stage>> stage = MakeStage(*it);
    if (!stage.ok()) return stage.status();
    stages.push_back(std::move(stage).value());
  }
  if (stages.empty()) stages.push_back(std::make_unique<IdentityStage>());
  return std::unique_ptr<ContentDecoder>(new ChainDecoder(std::move(stages)));
}

Result<std::string> DecodeAll(std::string_view coding, std::string_view in, int64_t max_out) {
  std::string_view effective = coding;
  if (Lower(Trim(coding)) == "auto") {
    const bool gzip = in.size() >= 2 && static_cast<unsigned char>(in[0]) == 0x1f &&
                      static_cast<unsigned char>(in[1]) == 0x8b;
    effective = gzip ? "gzip" : "identity";
  }
  Result<std::unique_ptr<ContentDecoder>> decoder = ContentDecoder::Create(effective);
  if (!decoder.ok()) return decoder.status();
  std::string out;
  HARRIER_RETURN_IF_ERROR((*decoder)->Feed(in, max_out, &out));
  HARRIER_RETURN_IF_ERROR((*decoder)->Finish());
  return out;
}

}  // namespace harrier::scrapers
