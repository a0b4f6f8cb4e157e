#include "imageproc/decode.h"

#include <webp/decode.h>

#include <atomic>
#include <climits>
#include <exception>
#include <new>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <string>

#include "imageproc/gif_decoder.h"
#include "imageproc/image_header.h"
#include "imageproc/sniff.h"

namespace harrier::imageproc {

namespace {

std::atomic<uint64_t> g_decoder_calls{0};

std::string Size(uint64_t width, uint64_t height) {
  return std::to_string(width) + "x" + std::to_string(height);
}

Status CheckDimensions(const ImageHeader& header, const DecodeLimits& limits) {
  const uint64_t pixels = uint64_t{header.width} * header.height;
  if (header.width > limits.max_side || header.height > limits.max_side) {
    return DecodeFailure(
        DecodeReason::kImageTooLarge,
        Size(header.width, header.height) + " has a side over " + std::to_string(limits.max_side));
  }
  if (pixels > limits.max_pixels) {
    return DecodeFailure(DecodeReason::kImageTooLarge,
                         Size(header.width, header.height) + " is " + std::to_string(pixels) +
                             " pixels, over " + std::to_string(limits.max_pixels));
  }
  return Status::Ok();
}

// Progressive JPEGs refine the whole image once per scan, so a few KB of
// tiny scans make libjpeg-turbo spend minutes on one image; OpenCV sets no
// scan limit. Real encoders write at most a few dozen scans.
constexpr int kMaxJpegScans = 100;

// Refuses a JPEG with more than kMaxJpegScans scans or without an EOI marker
// after its first scan: libjpeg fills a truncated scan with grey and only
// warns, so OpenCV would return half an image (and a hash of it). Bytes after
// the EOI are tolerated. Inside entropy-coded data 0xFF is always followed by
// 0x00 or RSTn, so FF DA and FF D9 there are markers (a byte pair inside a
// table between scans may count too, which errs on the side of refusing).
// ReadImageHeader has already walked the segments up to the frame header.
Status CheckJpegScans(std::string_view bytes) {
  // From the end of the frame header on, search rather than walk: libjpeg
  // skips stray bytes between segments there (with a warning), so do we.
  size_t after_frame = 0;
  ForEachJpegSegment(bytes, [&](const JpegSegment& segment) {
    after_frame = segment.payload.data() + segment.payload.size() - bytes.data();
    return !IsJpegStartOfFrame(segment.marker);
  }).IgnoreError();
  const size_t first_scan = bytes.find("\xFF\xDA", after_frame);
  if (first_scan == std::string_view::npos) {
    return DecodeFailure(DecodeReason::kDecodeFailed, "JPEG without a scan");
  }
  int scans = 1;
  for (size_t at = bytes.find("\xFF\xDA", first_scan + 2); at != std::string_view::npos;
       at = bytes.find("\xFF\xDA", at + 2)) {
    if (++scans > kMaxJpegScans) {
      return DecodeFailure(DecodeReason::kDecodeFailed,
                           "JPEG with over " + std::to_string(kMaxJpegScans) + " scans");
    }
  }
  if (bytes.find("\xFF\xD9", first_scan) == std::string_view::npos) {
    return DecodeFailure(DecodeReason::kDecodeFailed, "truncated JPEG: no end-of-image marker");
  }
  return Status::Ok();
}

// cv::imdecode asks its decoders in turn whether they claim the bytes, and
// its WebP decoder claims them only when WebPGetFeatures accepts the first 32
// bytes. Any other RIFF/WEBP file falls through to the next decoder in line:
// the fuzzer found one that GDCM's DICOM decoder took ("DICM" at offset 128)
// and aborted in. So a WebP reaches imdecode only if OpenCV will hand it to
// libwebp. (JPEG and PNG are claimed by the same magic bytes we sniff.)
bool OpenCvClaimsAsWebp(std::string_view bytes) {
  constexpr size_t kOpenCvWebpHeaderSize = 32;  // WEBP_HEADER_SIZE in grfmt_webp.cpp
  if (bytes.size() < kOpenCvWebpHeaderSize) return false;
  WebPBitstreamFeatures features;
  return WebPGetFeatures(reinterpret_cast<const uint8_t*>(bytes.data()), kOpenCvWebpHeaderSize,
                         &features) == VP8_STATUS_OK;
}

Result<cv::Mat> DecodeWithOpenCv(std::string_view bytes, const std::string& mime) {
  // imdecode only reads the buffer (JPEG, PNG and WebP decode from memory,
  // never through a temporary file).
  const cv::Mat encoded(1, static_cast<int>(bytes.size()), CV_8UC1,
                        const_cast<char*>(bytes.data()));
  g_decoder_calls.fetch_add(1, std::memory_order_relaxed);
  // IMREAD_UNCHANGED keeps grey as one channel and 16-bit as 16-bit; with it
  // OpenCV 4.6 never applies EXIF orientation (IGNORE_ORIENTATION says so).
  cv::Mat decoded = cv::imdecode(encoded, cv::IMREAD_UNCHANGED | cv::IMREAD_IGNORE_ORIENTATION);
  if (decoded.empty()) {
    return DecodeFailure(DecodeReason::kDecodeFailed, "OpenCV could not decode the " + mime);
  }
  return decoded;
}

// To 8-bit grey or 8-bit BGR (see DecodedImage::pixels).
Result<cv::Mat> Normalise(cv::Mat image) {
  if (image.depth() == CV_16U) {
    cv::Mat narrow;
    image.convertTo(narrow, CV_8U, 1.0 / 257.0);  // 65535 -> 255, rounded
    image = narrow;
  } else if (image.depth() != CV_8U) {
    return DecodeFailure(DecodeReason::kDecodeFailed,
                         "unexpected sample depth " + std::to_string(image.depth()));
  }
  if (image.channels() == 4) {
    cv::Mat bgr;
    cv::cvtColor(image, bgr, cv::COLOR_BGRA2BGR);
    image = bgr;
  } else if (image.channels() != 1 && image.channels() != 3) {
    return DecodeFailure(DecodeReason::kDecodeFailed,
                         "unexpected channel count " + std::to_string(image.channels()));
  }
  if (!image.isContinuous()) image = image.clone();
  return image;
}

Result<DecodedImage> DecodeUnguarded(std::string_view bytes, const DecodeLimits& limits) {
  if (bytes.size() > limits.max_bytes || bytes.size() > static_cast<size_t>(INT_MAX)) {
    return DecodeFailure(DecodeReason::kTooManyBytes, std::to_string(bytes.size()) +
                                                          " bytes, over the cap of " +
                                                          std::to_string(limits.max_bytes));
  }
  Result<std::string> mime = SniffImageType(bytes);
  if (!mime.ok()) return DecodeFailure(DecodeReason::kUnsupportedType, mime.status().message());
  Result<ImageHeader> header = ReadImageHeader(bytes);
  if (!header.ok()) return header.status();
  HARRIER_RETURN_IF_ERROR(CheckDimensions(*header, limits));
  if (*mime == "image/jpeg") HARRIER_RETURN_IF_ERROR(CheckJpegScans(bytes));
  if (*mime == "image/webp" && !OpenCvClaimsAsWebp(bytes)) {
    return DecodeFailure(DecodeReason::kDecodeFailed, "libwebp refuses the WebP header");
  }

  Result<cv::Mat> decoded = Status::Internal("not decoded");
  if (*mime == "image/gif") {
    g_decoder_calls.fetch_add(1, std::memory_order_relaxed);
    decoded = DecodeGifFirstFrame(bytes, limits.max_pixels, limits.max_side);
  } else {
    decoded = DecodeWithOpenCv(bytes, *mime);
  }
  if (!decoded.ok()) return decoded.status();

  DecodedImage out;
  out.mime = *mime;
  out.channels = decoded->channels();
  out.bit_depth = decoded->depth() == CV_16U ? 16 : 8;
  Result<cv::Mat> pixels = Normalise(std::move(*decoded));
  if (!pixels.ok()) return pixels.status();
  out.pixels = std::move(*pixels);
  out.width = out.pixels.cols;
  out.height = out.pixels.rows;
  if (static_cast<uint32_t>(out.width) != header->width ||
      static_cast<uint32_t>(out.height) != header->height) {
    return DecodeFailure(DecodeReason::kDecodeFailed, "decoded " + Size(out.width, out.height) +
                                                          " but the header says " +
                                                          Size(header->width, header->height));
  }
  out.exif = ReadExif(bytes);
  return out;
}

}  // namespace

Result<DecodedImage> DecodeImage(std::string_view bytes, const DecodeLimits& limits) {
  try {
    return DecodeUnguarded(bytes, limits);
  } catch (const cv::Exception& e) {
    return DecodeFailure(DecodeReason::kDecodeFailed, std::string("OpenCV: ") + e.what());
  } catch (const std::bad_alloc&) {
    return DecodeFailure(DecodeReason::kDecodeFailed, "out of memory");
  } catch (const std::exception& e) {
    return DecodeFailure(DecodeReason::kDecodeFailed, e.what());
  } catch (...) {
    return DecodeFailure(DecodeReason::kDecodeFailed, "unknown exception");
  }
}

uint64_t DecoderCallsForTesting() { return g_decoder_calls.load(std::memory_order_relaxed); }

}  // namespace harrier::imageproc
