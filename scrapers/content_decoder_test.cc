#include "scrapers/content_decoder.h"

#include <brotli/encode.h>
#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

namespace harrier::scrapers {
namespace {

constexpr int64_t kNoCap = int64_t{1} << 40;

// ---- Encoders, run at test time so no binary fixtures are checked in. ----

enum class ZlibFormat { kGzip, kZlib, kRaw };

std::string Deflate(std::string_view in, ZlibFormat format) {
  const int bits = format == ZlibFormat::kGzip ? 15 + 16 : format == ZlibFormat::kZlib ? 15 : -15;
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, 6, Z_DEFLATED, bits, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&z, in.size()), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

std::string Gzip(std::string_view in) { return Deflate(in, ZlibFormat::kGzip); }

// Streams `repeat` copies of `piece` through the brotli encoder, so a large
// input never has to exist in memory.
std::string Brotli(std::string_view piece, int repeat = 1, int quality = 5) {
  BrotliEncoderState* s = BrotliEncoderCreateInstance(nullptr, nullptr, nullptr);
  BrotliEncoderSetParameter(s, BROTLI_PARAM_QUALITY, static_cast<uint32_t>(quality));
  std::string out;
  uint8_t buf[65536];
  auto pump = [&](BrotliEncoderOperation op, std::string_view in) {
    size_t avail_in = in.size();
    const auto* next_in = reinterpret_cast<const uint8_t*>(in.data());
    do {
      size_t avail_out = sizeof(buf);
      uint8_t* next_out = buf;
      EXPECT_TRUE(
          BrotliEncoderCompressStream(s, op, &avail_in, &next_in, &avail_out, &next_out, nullptr));
      out.append(reinterpret_cast<char*>(buf), sizeof(buf) - avail_out);
    } while (avail_in > 0 || BrotliEncoderHasMoreOutput(s) ||
             (op == BROTLI_OPERATION_FINISH && !BrotliEncoderIsFinished(s)));
  };
  for (int i = 0; i < repeat; ++i) pump(BROTLI_OPERATION_PROCESS, piece);
  pump(BROTLI_OPERATION_FINISH, {});
  BrotliEncoderDestroyInstance(s);
  return out;
}

// A single gzip member holding `mib` MiB of zeros, about 1 KB per MiB.
// After Z_FULL_FLUSH the compressor forgets its history, so the blocks for
// every further MiB are byte-identical and are copied instead of recomputed;
// the trailer is then patched with the CRC and length of the whole input.
std::string GzipZerosBomb(int mib) {
  const std::string zeros(1 << 20, '\0');
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::vector<char> buf(1 << 20);
  auto run = [&](int flush, std::string_view in) {
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    z.avail_in = static_cast<uInt>(in.size());
    z.next_out = reinterpret_cast<Bytef*>(buf.data());
    z.avail_out = static_cast<uInt>(buf.size());
    deflate(&z, flush);
    EXPECT_EQ(z.avail_in, 0u);
    return std::string(buf.data(), buf.size() - z.avail_out);
  };
  std::string out = run(Z_FULL_FLUSH, zeros);
  const std::string repeat = run(Z_FULL_FLUSH, zeros);
  out.reserve(out.size() + repeat.size() * mib + 64);
  for (int i = 1; i < mib; ++i) out += repeat;
  out += run(Z_FINISH, {});
  deflateEnd(&z);
  const uLong crc_mib = crc32(0, reinterpret_cast<const Bytef*>(zeros.data()), zeros.size());
  uLong crc = crc_mib;
  for (int i = 1; i < mib; ++i) crc = crc32_combine(crc, crc_mib, 1 << 20);
  const uint64_t size = static_cast<uint64_t>(mib) << 20;
  for (int i = 0; i < 4; ++i) {
    out[out.size() - 8 + i] = static_cast<char>((crc >> (8 * i)) & 0xff);
    out[out.size() - 4 + i] = static_cast<char>((size >> (8 * i)) & 0xff);  // ISIZE: mod 2^32
  }
  return out;
}

// Text that compresses a little but not absurdly, long enough that the
// decoded output spans several 64 KiB chunks.
std::string SampleText(size_t n) {
  std::string s;
  uint32_t x = 12345;
  while (s.size() < n) {
    x = x * 1103515245 + 12345;
    s += "advert " + std::to_string(x % 100000) + " call 07700 900" + std::to_string(x % 1000) +
         (x % 7 == 0 ? "\n" : " ");
  }
  s.resize(n);
  return s;
}

struct Decoded {
  Status status;  // the first error from Create, Feed or Finish
  std::string out;
  size_t feeds = 0;  // Feed calls made, the failing one included
};

// Feeds `in` in pieces of `piece` bytes (0: all at once), stopping at the first error.
Decoded DecodePieces(std::string_view coding, std::string_view in, size_t piece,
                     int64_t cap = kNoCap) {
  Decoded d;
  Result<std::unique_ptr<ContentDecoder>> decoder = ContentDecoder::Create(coding);
  if (!decoder.ok()) {
    d.status = decoder.status();
    return d;
  }
  if (piece == 0) piece = in.size() + 1;
  for (size_t at = 0; at < in.size(); at += piece) {
    ++d.feeds;
    d.status = (*decoder)->Feed(in.substr(at, piece), cap, &d.out);
    if (!d.status.ok()) return d;
  }
  d.status = (*decoder)->Finish();
  return d;
}

constexpr size_t kPieces[] = {0, 1, 7, 4096};

// ---- Round trips. ----

TEST(ContentDecoderTest, RoundTripsEveryCodingWholeAndInPieces) {
  const std::string text = SampleText(300 * 1024);
  const std::string gz = Gzip(text);
  const std::string br = Brotli(text);
  struct Case {
    const char* coding;
    std::string encoded;
  } cases[] = {
      {"", text},
      {"identity", text},
      {"gzip", gz},
      {"x-gzip", gz},
      {"GZip", gz},
      {" \tgzip \t", gz},
      {"deflate", Deflate(text, ZlibFormat::kZlib)},
      {"deflate", Deflate(text, ZlibFormat::kRaw)},  // what some servers really send
      {"br", br},
      {"BR", br},
      // Applied left to right, so decoded right to left (RFC 9110 §8.4).
      {"gzip, br", Brotli(gz)},
      {"br,gzip", Gzip(br)},
      {"deflate , gzip", Gzip(Deflate(text, ZlibFormat::kRaw))},
      {"identity, gzip, identity", gz},
      {"gzip,,", gz},  // empty list elements are ignored
  };
  for (const Case& c : cases) {
    for (size_t piece : kPieces) {
      Decoded d = DecodePieces(c.coding, c.encoded, piece);
      ASSERT_TRUE(d.status.ok()) << c.coding << " piece " << piece << ": " << d.status.ToString();
      EXPECT_EQ(d.out, text) << c.coding << " piece " << piece;
    }
  }
}

TEST(ContentDecoderTest, DeflateAcceptsZlibWrappedAndRawAtEveryPieceSize) {
  // Short bodies too: the first two bytes decide the framing, so a body
  // shorter than the header must still be handled.
  for (const std::string& text : {std::string("x"), std::string("hello"), SampleText(5000)}) {
    for (ZlibFormat f : {ZlibFormat::kZlib, ZlibFormat::kRaw, ZlibFormat::kGzip}) {
      for (size_t piece : kPieces) {
        Decoded d = DecodePieces("deflate", Deflate(text, f), piece);
        ASSERT_TRUE(d.status.ok()) << static_cast<int>(f) << ": " << d.status.ToString();
        EXPECT_EQ(d.out, text);
      }
    }
  }
}

TEST(ContentDecoderTest, GzipMultiMemberStreamDecodesEveryMember) {
  const std::string a = SampleText(100000), b = "second member", c = SampleText(70000);
  const std::string body = Gzip(a) + Gzip(b) + Gzip("") + Gzip(c);
  for (size_t piece : kPieces) {
    Decoded d = DecodePieces("gzip", body, piece);
    ASSERT_TRUE(d.status.ok()) << d.status.ToString();
    EXPECT_EQ(d.out, a + b + c) << "piece " << piece;
  }
}

TEST(ContentDecoderTest, EmptyBodyWithACodingDecodesToNothing) {
  // 204/304 answers and HEAD carry Content-Encoding with no body.
  for (const char* coding : {"gzip", "deflate", "br", "gzip, br", ""}) {
    Decoded d = DecodePieces(coding, "", 0);
    EXPECT_TRUE(d.status.ok()) << coding << ": " << d.status.ToString();
    EXPECT_EQ(d.out, "");
  }
}

// ---- Refusals. ----

TEST(ContentDecoderTest, UnknownCodingIsInvalidArgument) {
  for (const char* coding : {"compress", "zstd", "gzip, zstd", "gzip;q=1", "gz ip", "*"}) {
    Result<std::unique_ptr<ContentDecoder>> d = ContentDecoder::Create(coding);
    ASSERT_FALSE(d.ok()) << coding;
    EXPECT_EQ(d.status().code(), StatusCode::kInvalidArgument) << coding;
  }
  Result<std::unique_ptr<ContentDecoder>> d = ContentDecoder::Create("gzip, zstd");
  EXPECT_NE(d.status().message().find("zstd"), std::string::npos) << d.status().message();
}

TEST(ContentDecoderTest, LongCodingChainIsInvalidArgument) {
  Result<std::unique_ptr<ContentDecoder>> d = ContentDecoder::Create("gzip,gzip,gzip,gzip,gzip");
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(ContentDecoder::Create("gzip,gzip,gzip,gzip").ok());
}

TEST(ContentDecoderTest, CorruptDataIsInvalidArgument) {
  const std::string text = SampleText(20000);
  std::string flipped_gz = Gzip(text);
  flipped_gz[flipped_gz.size() / 2] ^= 0x55;
  std::string bad_crc = Gzip(text);
  bad_crc[bad_crc.size() - 6] ^= 0x01;
  std::string flipped_br = Brotli(text);
  flipped_br[flipped_br.size() / 2] ^= 0x55;
  struct Case {
    const char* name;
    const char* coding;
    std::string body;
  } cases[] = {
      {"gzip of plain text", "gzip", text},
      {"gzip with a flipped byte", "gzip", flipped_gz},
      {"gzip with a wrong CRC", "gzip", bad_crc},
      {"gzip followed by garbage", "gzip", Gzip(text) + "garbage"},
      {"br with a flipped byte", "br", flipped_br},
      {"br of plain text", "br", text},
      {"br followed by garbage", "br", Brotli(text) + "garbage"},
      {"deflate followed by garbage", "deflate", Deflate(text, ZlibFormat::kZlib) + "zz"},
      {"deflate of invalid block type", "deflate", std::string("\xff\xff\xff\xff", 4)},
      {"gzip inside br, corrupt inner", "gzip, br", Brotli(flipped_gz)},
  };
  for (const Case& c : cases) {
    for (size_t piece : kPieces) {
      Decoded d = DecodePieces(c.coding, c.body, piece);
      EXPECT_EQ(d.status.code(), StatusCode::kInvalidArgument)
          << c.name << " piece " << piece << ": " << d.status.ToString();
    }
  }
}

TEST(ContentDecoderTest, TruncatedStreamIsReportedByFinish) {
  const std::string text = SampleText(50000);
  struct Case {
    const char* coding;
    std::string body;
  } cases[] = {
      {"gzip", Gzip(text)},
      {"deflate", Deflate(text, ZlibFormat::kZlib)},
      {"deflate", Deflate(text, ZlibFormat::kRaw)},
      {"br", Brotli(text)},
      {"gzip, br", Brotli(Gzip(text))},
  };
  for (const Case& c : cases) {
    for (size_t cut : {size_t{1}, size_t{4}, c.body.size() / 2, c.body.size() - 1}) {
      const std::string body = c.body.substr(0, c.body.size() - cut);
      for (size_t piece : kPieces) {
        Result<std::unique_ptr<ContentDecoder>> decoder = ContentDecoder::Create(c.coding);
        ASSERT_TRUE(decoder.ok());
        std::string out;
        if (piece == 0) piece = body.size() + 1;
        for (size_t at = 0; at < body.size(); at += piece) {
          ASSERT_TRUE((*decoder)->Feed(body.substr(at, piece), kNoCap, &out).ok())
              << c.coding << " cut " << cut;
        }
        Status finish = (*decoder)->Finish();
        EXPECT_EQ(finish.code(), StatusCode::kInvalidArgument) << c.coding << " cut " << cut;
        EXPECT_NE(finish.message().find("truncated"), std::string::npos) << finish.message();
      }
    }
  }
  // A gzip body of a single byte never got past its header.
  EXPECT_EQ(DecodePieces("gzip", "\x1f", 0).status.code(), StatusCode::kInvalidArgument);
}

// ---- Output cap. ----

TEST(ContentDecoderTest, CapAppendsWhatFitsThenRejects) {
  const std::string text = SampleText(200000);
  for (const char* coding : {"identity", "gzip", "br"}) {
    const std::string body = std::string(coding) == "gzip" ? Gzip(text)
                             : std::string(coding) == "br" ? Brotli(text)
                                                           : text;
    for (size_t piece : kPieces) {
      Decoded exact = DecodePieces(coding, body, piece, static_cast<int64_t>(text.size()));
      EXPECT_TRUE(exact.status.ok()) << coding << ": " << exact.status.ToString();
      EXPECT_EQ(exact.out, text);

      const int64_t cap = 100001;
      Decoded over = DecodePieces(coding, body, piece, cap);
      EXPECT_EQ(over.status.code(), StatusCode::kRejected) << coding;
      EXPECT_EQ(over.status.message(), "decoded body over 100001 bytes");
      EXPECT_EQ(over.out, text.substr(0, cap)) << coding << " piece " << piece;
    }
  }
}

TEST(ContentDecoderTest, CapCountsBytesAlreadyInTheOutputAndStaysRejected) {
  Result<std::unique_ptr<ContentDecoder>> decoder = ContentDecoder::Create("gzip");
  ASSERT_TRUE(decoder.ok());
  std::string out = "prefix:";  // 7 bytes the caller already holds
  const std::string gz = Gzip("0123456789");
  ASSERT_EQ((*decoder)->Feed(gz, 12, &out).code(), StatusCode::kRejected);
  EXPECT_EQ(out, "prefix:01234");
  // The stream is dead: later calls repeat the refusal and add nothing.
  EXPECT_EQ((*decoder)->Feed("more", 1000, &out).code(), StatusCode::kRejected);
  EXPECT_EQ((*decoder)->Finish().code(), StatusCode::kRejected);
  EXPECT_EQ(out, "prefix:01234");
}

// Bytes of a "VmRSS:"-style line of /proc/self/status, or -1.
int64_t ProcStatusBytes(const std::string& key) {
  std::ifstream f("/proc/self/status");
  std::string line;
  while (std::getline(f, line)) {
    if (line.rfind(key + ":", 0) == 0) return std::stoll(line.substr(key.size() + 1)) * 1024;
  }
  return -1;
}

// Measures how far the resident set rises above its level at construction,
// by resetting the kernel's high-water mark (clear_refs "5", Linux 4.0+), so
// what earlier tests in the process used does not count.
class PeakRssGrowth {
 public:
  PeakRssGrowth() {
    std::ofstream f("/proc/self/clear_refs");
    f << "5" << std::flush;
    ok_ = f.good();
    base_ = ProcStatusBytes("VmRSS");
  }
  // -1 when the kernel does not offer the reset.
  int64_t bytes() const { return ok_ && base_ >= 0 ? ProcStatusBytes("VmHWM") - base_ : -1; }

 private:
  bool ok_ = false;
  int64_t base_ = -1;
};

// Cap 1 MiB, plus one 64 KiB chunk, plus string growth slack and brotli's
// window: anything near the bomb's gigabyte is far above this.
constexpr int64_t kBombRssBudget = int64_t{48} << 20;

TEST(ContentDecoderTest, GzipBombBuilderMakesAValidStream) {
  // The bomb below is trusted to hold 1 GiB of zeros; prove the builder on a
  // 32 MiB one that can be decoded in full.
  const std::string bomb = GzipZerosBomb(32);
  Result<std::string> out = DecodeAll("gzip", bomb, 33 << 20);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->size(), size_t{32} << 20);
  EXPECT_EQ(out->find_first_not_of('\0'), std::string::npos);
}

TEST(ContentDecoderTest, GzipBombOfOneGibStopsAtTheCapWithBoundedMemory) {
  const std::string bomb = GzipZerosBomb(1024);  // 1 GiB of zeros in about 1 MB
  ASSERT_LT(bomb.size(), size_t{2} << 20);
  const int64_t cap = 1 << 20;
  for (size_t piece : {size_t{0}, size_t{65536}}) {
    PeakRssGrowth rss;
    Decoded d = DecodePieces("gzip", bomb, piece, cap);
    if (rss.bytes() >= 0) {
      EXPECT_LT(rss.bytes(), kBombRssBudget);
    }
    EXPECT_EQ(d.status.code(), StatusCode::kRejected) << d.status.ToString();
    EXPECT_LE(d.out.size(), static_cast<size_t>(cap));
    EXPECT_EQ(d.out.size(), static_cast<size_t>(cap));
    // Stopped inside the first 64 KiB piece, not after inflating the rest.
    if (piece != 0) {
      EXPECT_EQ(d.feeds, 1u);
    }
  }
}

TEST(ContentDecoderTest, BrotliBombOfOneGibStopsAtTheCapWithBoundedMemory) {
  const std::string zeros(1 << 20, '\0');
  const std::string bomb = Brotli(zeros, 1024, 1);  // 1 GiB of zeros in about 200 KB
  ASSERT_LT(bomb.size(), size_t{1} << 20);
  const int64_t cap = 1 << 20;
  for (size_t piece : {size_t{0}, size_t{4096}}) {
    PeakRssGrowth rss;
    Decoded d = DecodePieces("br", bomb, piece, cap);
    if (rss.bytes() >= 0) {
      EXPECT_LT(rss.bytes(), kBombRssBudget);
    }
    EXPECT_EQ(d.status.code(), StatusCode::kRejected) << d.status.ToString();
    EXPECT_EQ(d.out.size(), static_cast<size_t>(cap));
    if (piece != 0) {
      EXPECT_LE(d.feeds, 4u);
    }
  }
}

TEST(ContentDecoderTest, ChainedBombStopsAtTheCap) {
  // gzip bomb wrapped in br: the outer layer is small, the inner one huge.
  const std::string bomb = Brotli(GzipZerosBomb(256));
  Decoded d = DecodePieces("gzip, br", bomb, 0, 1 << 20);
  EXPECT_EQ(d.status.code(), StatusCode::kRejected) << d.status.ToString();
  EXPECT_EQ(d.out.size(), size_t{1} << 20);
}

TEST(ContentDecoderTest, ChainWhoseMiddleOutputExplodesIsRejected) {
  // Empty gzip members decode to nothing, so the final output never reaches
  // the cap; the bytes between the two codings are capped instead.
  const std::string empty_member = Gzip("");
  const std::string bomb = Brotli(empty_member, 200000);  // 4 MB of members
  Decoded d = DecodePieces("gzip, br", bomb, 0, 1000);
  EXPECT_EQ(d.status.code(), StatusCode::kRejected) << d.status.ToString();
  EXPECT_EQ(d.out, "");
}

// ---- DecodeAll. ----

TEST(ContentDecoderTest, DecodeAllAutoSniffsTheGzipMagic) {
  const std::string text = SampleText(1000);
  Result<std::string> gz = DecodeAll("auto", Gzip(text), kNoCap);
  ASSERT_TRUE(gz.ok()) << gz.status().ToString();
  EXPECT_EQ(*gz, text);
  Result<std::string> plain = DecodeAll("auto", text, kNoCap);
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(*plain, text);
  // One magic byte alone is not gzip.
  Result<std::string> one = DecodeAll("auto", "\x1f", kNoCap);
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(*one, "\x1f");
  EXPECT_EQ(DecodeAll("auto", GzipZerosBomb(8), 1000).status().code(), StatusCode::kRejected);
  EXPECT_EQ(DecodeAll("auto", text, 10).status().code(), StatusCode::kRejected);
  EXPECT_EQ(DecodeAll("zstd", text, kNoCap).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(DecodeAll("gzip", Gzip(text).substr(0, 30), kNoCap).status().code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace harrier::scrapers
