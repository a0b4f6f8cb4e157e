// A bounded pool of OCR workers, so OCR never starves crawling: N threads,
// each with its own OcrEngine (Tesseract's API is not thread-safe), and a
// bounded queue. Submit never blocks: when the queue is full it refuses the
// job at once and the caller moves on (skips OCR of that image, or retries it
// later). Results come back through the job's callback, on a worker thread.
// Thread-safety: Submit, Shutdown and the accessors may be called from any
// thread, but not from inside a callback (Shutdown would wait for itself).
#ifndef HARRIER_IMAGEPROC_OCR_POOL_H_
#define HARRIER_IMAGEPROC_OCR_POOL_H_

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <opencv2/core.hpp>
#include <thread>
#include <vector>

#include "core/status.h"
#include "imageproc/ocr.h"

namespace harrier::imageproc {

struct OcrPoolOptions {
  int workers = 1;             // threads, each with its own engine
  size_t queue_capacity = 64;  // jobs waiting (not yet taken by a worker)
};

// Called exactly once for every accepted job, on a worker thread (or on the
// thread calling Shutdown for a dropped job), with the job's id and its
// result: the engine's Result, or Unavailable("... dropped at shutdown") for
// a job that was queued when the pool shut down with kDropQueued. An
// exception thrown by a callback is swallowed.
using OcrCallback = std::function<void(uint64_t id, Result<OcrResult> result)>;

// Makes one engine per worker; called `workers` times by Create, on the
// calling thread. Tests hand in a fake; production makes TesseractOcrEngine.
using OcrEngineFactory = std::function<Result<std::unique_ptr<OcrEngine>>()>;

class OcrPool {
 public:
  enum class ShutdownMode {
    kFinishQueued,  // workers read every queued job, then stop
    kDropQueued,    // queued jobs are answered Unavailable; jobs being read finish
  };

  // Builds every engine before starting any thread, so a missing language
  // fails here (the factory's Status, e.g. NotFound) rather than per image.
  // InvalidArgument when workers < 1 or queue_capacity < 1.
  static Result<std::unique_ptr<OcrPool>> Create(const OcrPoolOptions& options,
                                                 const OcrEngineFactory& factory);
  // A pool of TesseractOcrEngine made with `ocr`.
  static Result<std::unique_ptr<OcrPool>> CreateTesseract(const OcrPoolOptions& options,
                                                          const OcrOptions& ocr);

  // Shutdown(kDropQueued).
  ~OcrPool();
  OcrPool(const OcrPool&) = delete;
  OcrPool& operator=(const OcrPool&) = delete;

  // Queues `image` for OCR and returns at once. Ok: accepted, `done` will be
  // called once. Unavailable ("ocr pool busy"): the queue is full, nothing
  // was kept, `done` is not called. Rejected: the pool is shut down.
  // The pool shares `image`'s pixels (cv::Mat is reference-counted): do not
  // write to them until `done` has been called.
  Status Submit(uint64_t id, cv::Mat image, OcrCallback done);

  // Stops accepting jobs, deals with the queue as `mode` says, waits for the
  // jobs being read (each bounded by the engine's time budget) and joins the
  // workers. Idempotent; blocks.
  void Shutdown(ShutdownMode mode = ShutdownMode::kFinishQueued);

  size_t queued() const;  // jobs waiting for a worker
  int workers() const { return static_cast<int>(engines_.size()); }

 private:
  struct Job {
    uint64_t id = 0;
    cv::Mat image;
    OcrCallback done;
  };

  OcrPool(OcrPoolOptions options, std::vector<std::unique_ptr<OcrEngine>> engines);
  void Work(OcrEngine* engine);

  const OcrPoolOptions options_;
  std::vector<std::unique_ptr<OcrEngine>> engines_;
  std::vector<std::thread> threads_;

  mutable std::mutex mu_;
  std::condition_variable wake_;
  std::deque<Job> queue_;   // guarded by mu_
  bool stopping_ = false;   // guarded by mu_: no more jobs accepted
  std::mutex shutdown_mu_;  // serialises Shutdown calls
  bool joined_ = false;     // guarded by shutdown_mu_
};

}  // namespace harrier::imageproc

#endif  // HARRIER_IMAGEPROC_OCR_POOL_H_
