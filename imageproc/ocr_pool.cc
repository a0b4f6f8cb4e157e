#include "imageproc/ocr_pool.h"

#include <exception>
#include <string>
#include <system_error>
#include <utility>

namespace harrier::imageproc {

namespace {

void Deliver(const OcrCallback& done, uint64_t id, Result<OcrResult> result) {
  if (!done) return;
  try {
    done(id, std::move(result));
  } catch (...) {
    // A caller's exception must not kill the worker (or escape imageproc).
  }
}

}  // namespace

Result<std::unique_ptr<OcrPool>> OcrPool::Create(const OcrPoolOptions& options,
                                                 const OcrEngineFactory& factory) {
  if (options.workers < 1) return Status::InvalidArgument("ocr pool: workers must be >= 1");
  if (options.queue_capacity < 1) {
    return Status::InvalidArgument("ocr pool: queue_capacity must be >= 1");
  }
  std::vector<std::unique_ptr<OcrEngine>> engines;
  for (int i = 0; i < options.workers; ++i) {
    Result<std::unique_ptr<OcrEngine>> engine = factory();
    if (!engine.ok()) return engine.status().WithContext("ocr pool: worker engine");
    if (!*engine) return Status::Internal("ocr pool: engine factory returned null");
    engines.push_back(std::move(*engine));
  }
  try {
    return std::unique_ptr<OcrPool>(new OcrPool(options, std::move(engines)));
  } catch (const std::system_error& e) {  // std::thread could not start
    return Status::Internal(std::string("ocr pool: start workers: ") + e.what());
  }
}

Result<std::unique_ptr<OcrPool>> OcrPool::CreateTesseract(const OcrPoolOptions& options,
                                                          const OcrOptions& ocr) {
  return Create(options, [&ocr]() -> Result<std::unique_ptr<OcrEngine>> {
    Result<std::unique_ptr<TesseractOcrEngine>> engine = TesseractOcrEngine::Create(ocr);
    if (!engine.ok()) return engine.status();
    return std::unique_ptr<OcrEngine>(std::move(*engine));
  });
}

OcrPool::OcrPool(OcrPoolOptions options, std::vector<std::unique_ptr<OcrEngine>> engines)
    : options_(options), engines_(std::move(engines)) {
  threads_.reserve(engines_.size());
  try {
    for (auto& engine : engines_) threads_.emplace_back(&OcrPool::Work, this, engine.get());
  } catch (...) {
    Shutdown(ShutdownMode::kDropQueued);  // joins the threads already started
    throw;
  }
}

OcrPool::~OcrPool() { Shutdown(ShutdownMode::kDropQueued); }

Status OcrPool::Submit(uint64_t id, cv::Mat image, OcrCallback done) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_) return Status::Rejected("ocr pool: shut down");
    if (queue_.size() >= options_.queue_capacity) {
      return Status::Unavailable("ocr pool busy: " + std::to_string(queue_.size()) +
                                 " images queued");
    }
    queue_.push_back(Job{id, std::move(image), std::move(done)});
  }
  wake_.notify_one();
  return Status::Ok();
}

void OcrPool::Shutdown(ShutdownMode mode) {
  std::lock_guard<std::mutex> once(shutdown_mu_);
  if (joined_) return;
  std::deque<Job> dropped;
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
    if (mode == ShutdownMode::kDropQueued) dropped.swap(queue_);
  }
  wake_.notify_all();
  for (Job& job : dropped) {
    Deliver(job.done, job.id, Status::Unavailable("ocr pool: job dropped at shutdown"));
  }
  for (std::thread& t : threads_) {
    if (t.joinable()) t.join();
  }
  joined_ = true;
}

size_t OcrPool::queued() const {
  std::lock_guard<std::mutex> lock(mu_);
  return queue_.size();
}

void OcrPool::Work(OcrEngine* engine) {
  for (;;) {
    Job job;
    {
      std::unique_lock<std::mutex> lock(mu_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, nothing left to read
      job = std::move(queue_.front());
      queue_.pop_front();
    }
    Result<OcrResult> result = Status::Internal("ocr pool: engine threw");
    try {
      result = engine->Recognize(job.image);
    } catch (...) {
      // Engines return Status; this guards a fake or a future engine that throws.
    }
    job.image.release();  // free the pixels before the callback runs
    Deliver(job.done, job.id, std::move(result));
  }
}

}  // namespace harrier::imageproc
