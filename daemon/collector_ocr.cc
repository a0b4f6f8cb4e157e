// The collector's OCR: a pool of Tesseract workers of its own (bounded
// queue; a full queue leaves the image pending, never blocks crawling), and
// the commit of what each image says on the writer thread.
#include <spdlog/spdlog.h>

#include "daemon/collector.h"
#include "imageproc/decode.h"

namespace harrier::daemon {

namespace {

constexpr size_t kOcrQueue = 64;

}  // namespace

Status Collector::StartOcr() {
  if (!config_.images.ocr) return Status::Ok();
  imageproc::OcrOptions options;
  options.languages = config_.images.ocr_languages;
  options.time_budget_ms = config_.images.ocr_time_budget_ms;
  Result<std::unique_ptr<imageproc::OcrPool>> pool =
      imageproc::OcrPool::CreateTesseract({config_.images.ocr_workers, kOcrQueue}, options);
  if (!pool.ok()) {
    return pool.status().WithContext(config_.file + ": [images] ocr_languages \"" +
                                     options.languages + "\"");
  }
  ocr_ = std::move(*pool);
  // Images a stop left unread are read now, from their stored bytes.
  Result<std::vector<std::pair<std::string, std::string>>> waiting =
      store_.ImagesAwaitingOcr(static_cast<int>(kOcrQueue));
  if (!waiting.ok()) return waiting.status();
  imageproc::DecodeLimits limits;
  limits.max_bytes = static_cast<size_t>(config_.images.max_bytes);
  limits.max_pixels = static_cast<uint64_t>(config_.images.max_pixels);
  limits.max_side = static_cast<uint32_t>(config_.images.max_side);
  for (const auto& [sha256, blob_path] : *waiting) {
    Result<std::string> bytes = blobs_.Read(blob_path);
    if (!bytes.ok()) continue;
    Result<imageproc::DecodedImage> decoded = imageproc::DecodeImage(*bytes, limits);
    if (decoded.ok()) SubmitOcr(sha256, std::move(decoded->pixels));
  }
  spdlog::info("ocr: {} worker(s), languages {}, {} ms per image; {} image(s) queued again",
               ocr_->workers(), options.languages, options.time_budget_ms, ocr_outstanding_);
  return Status::Ok();
}

void Collector::SubmitOcr(const std::string& sha256, cv::Mat pixels) {
  if (ocr_ == nullptr) return;
  std::shared_ptr<WorkQueue<OcrDone>> done = ocr_done_;
  const Status st = ocr_->Submit(ocr_next_id_++, std::move(pixels),
                                 [done, sha256](uint64_t, Result<imageproc::OcrResult> result) {
                                   done->Push({sha256, std::move(result)});
                                 });
  if (st.ok()) {
    ++ocr_outstanding_;
    return;
  }
  // Busy: the image stays pending in the store and is read after a restart.
  ++stats_.ocr_busy;
  spdlog::debug("ocr of {} deferred: {}", sha256, st.message());
}

Status Collector::CommitOcrResults(std::chrono::milliseconds max_wait) {
  if (ocr_outstanding_ == 0) return Status::Ok();
  std::vector<OcrDone> batch = ocr_done_->PopBatch(kOcrQueue, max_wait);
  if (batch.empty()) return Status::Ok();
  const int64_t now_ms = ToUnixMillis(clock_.WallNow());
  return store_.InTransaction([&]() -> Status {
    for (OcrDone& d : batch) {
      --ocr_outstanding_;
      store::OcrCommit commit;
      commit.sha256 = d.sha256;
      commit.now_ms = now_ms;
      if (!d.result.ok()) {
        commit.state = "failed";
        spdlog::warn("ocr of image {} failed: {}", d.sha256, d.result.status().message());
      } else {
        commit.state = d.result->timed_out ? "timeout" : "done";
        commit.text = d.result->text;
        // The same extractors as advert text (no indicator score: that is
        // the advert's); spans and snippets are in the OCR text, which is
        // stored with the image. A misread digit still reads as a valid
        // number, so a selector is only as sure as OCR was of its characters.
        commit.selectors = extractor_.Extract(commit.text);
        for (Selector& s : commit.selectors) {
          s.confidence *= d.result->ConfidenceOf(s.begin, s.end) / 100.0;
        }
      }
      HARRIER_RETURN_IF_ERROR(store_.CommitOcr(commit));
      if (!commit.selectors.empty()) HARRIER_RETURN_IF_ERROR(ReviewOcr(commit.sha256, now_ms));
      ++stats_.images_read;
      if (!commit.selectors.empty()) {
        spdlog::info("ocr of image {}: {} selector(s)", d.sha256, commit.selectors.size());
      }
    }
    return Status::Ok();
  });
}

}  // namespace harrier::daemon
