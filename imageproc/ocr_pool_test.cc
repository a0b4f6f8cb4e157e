#include "imageproc/ocr_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>
#include <opencv2/imgproc.hpp>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "imageproc/ocr_test_images.h"

namespace harrier::imageproc {
namespace {

// Engines share a gate: while it is closed, Recognize waits (so a test can
// hold every worker busy and fill the queue). The fake "reads" the image's
// first pixel value as text.
struct Gate {
  std::mutex mu;
  std::condition_variable cv;
  bool open = true;
  int reading = 0;  // Recognize calls in progress

  void Close() {
    std::lock_guard<std::mutex> lock(mu);
    open = false;
  }
  void Open() {
    {
      std::lock_guard<std::mutex> lock(mu);
      open = true;
    }
    cv.notify_all();
  }
  void WaitUntilReading(int n) {
    std::unique_lock<std::mutex> lock(mu);
    cv.wait(lock, [&] { return reading >= n; });
  }
};

class FakeOcrEngine : public OcrEngine {
 public:
  explicit FakeOcrEngine(Gate* gate, bool throws = false) : gate_(gate), throws_(throws) {}
  Result<OcrResult> Recognize(const cv::Mat& image) override {
    std::unique_lock<std::mutex> lock(gate_->mu);
    ++gate_->reading;
    gate_->cv.notify_all();
    gate_->cv.wait(lock, [&] { return gate_->open; });
    --gate_->reading;
    if (throws_) throw std::runtime_error("fake engine failure");
    OcrResult r;
    r.text = std::to_string(image.at<uchar>(0, 0));
    return r;
  }

 private:
  Gate* gate_;
  bool throws_;
};

OcrEngineFactory FakeFactory(Gate* gate, bool throws = false) {
  return [gate, throws]() -> Result<std::unique_ptr<OcrEngine>> {
    return std::unique_ptr<OcrEngine>(new FakeOcrEngine(gate, throws));
  };
}

// Results by job id, and a way to wait for a number of them.
struct Sink {
  std::mutex mu;
  std::condition_variable cv;
  std::map<uint64_t, std::vector<Result<OcrResult>>> got;
  int count = 0;

  OcrCallback Callback() {
    return [this](uint64_t id, Result<OcrResult> r) {
      std::lock_guard<std::mutex> lock(mu);
      got[id].push_back(std::move(r));
      ++count;
      cv.notify_all();
    };
  }
  void WaitFor(int n) {
    std::unique_lock<std::mutex> lock(mu);
    cv.wait(lock, [&] { return count >= n; });
  }
};

cv::Mat Pixel(int value) { return cv::Mat(4, 4, CV_8UC1, cv::Scalar(value)); }

TEST(OcrPoolTest, SubmitNeverBlocksWhenTheQueueIsFull) {
  Gate gate;
  gate.Close();
  auto pool = OcrPool::Create({.workers = 1, .queue_capacity = 2}, FakeFactory(&gate));
  ASSERT_TRUE(pool.ok()) << pool.status().ToString();
  Sink sink;
  ASSERT_TRUE((*pool)->Submit(1, Pixel(1), sink.Callback()).ok());
  gate.WaitUntilReading(1);  // the worker holds job 1; the queue is empty
  ASSERT_TRUE((*pool)->Submit(2, Pixel(2), sink.Callback()).ok());
  ASSERT_TRUE((*pool)->Submit(3, Pixel(3), sink.Callback()).ok());
  EXPECT_EQ((*pool)->queued(), 2u);
  // Full: refused at once (the worker is still blocked, so a blocking
  // Submit would hang this test).
  Status busy = (*pool)->Submit(4, Pixel(4), sink.Callback());
  EXPECT_EQ(busy.code(), StatusCode::kUnavailable) << busy.ToString();
  EXPECT_NE(busy.message().find("busy"), std::string::npos);
  gate.Open();
  sink.WaitFor(3);
  (*pool)->Shutdown();
  std::lock_guard<std::mutex> lock(sink.mu);
  EXPECT_EQ(sink.count, 3);
  for (uint64_t id : {1, 2, 3}) {
    ASSERT_EQ(sink.got[id].size(), 1u) << id;
    ASSERT_TRUE(sink.got[id][0].ok()) << id;
    EXPECT_EQ(sink.got[id][0]->text, std::to_string(id));
  }
  EXPECT_EQ(sink.got.count(4), 0u);  // a refused job is never answered
}

TEST(OcrPoolTest, ProcessesEveryJobExactlyOnceWhenNotFull) {
  Gate gate;
  auto pool = OcrPool::Create({.workers = 3, .queue_capacity = 200}, FakeFactory(&gate));
  ASSERT_TRUE(pool.ok());
  EXPECT_EQ((*pool)->workers(), 3);
  Sink sink;
  for (int id = 0; id < 150; ++id) {
    ASSERT_TRUE((*pool)->Submit(id, Pixel(id), sink.Callback()).ok()) << id;
  }
  (*pool)->Shutdown(OcrPool::ShutdownMode::kFinishQueued);  // reads the queue first
  std::lock_guard<std::mutex> lock(sink.mu);
  EXPECT_EQ(sink.count, 150);
  for (int id = 0; id < 150; ++id) {
    ASSERT_EQ(sink.got[id].size(), 1u) << id;
    ASSERT_TRUE(sink.got[id][0].ok());
    EXPECT_EQ(sink.got[id][0]->text, std::to_string(id));
  }
}

TEST(OcrPoolTest, ShutdownDroppingQueuedJobsAnswersThemUnavailable) {
  Gate gate;
  gate.Close();
  auto pool = OcrPool::Create({.workers = 1, .queue_capacity = 8}, FakeFactory(&gate));
  ASSERT_TRUE(pool.ok());
  Sink sink;
  ASSERT_TRUE((*pool)->Submit(1, Pixel(1), sink.Callback()).ok());
  gate.WaitUntilReading(1);
  for (uint64_t id = 2; id <= 4; ++id) {
    ASSERT_TRUE((*pool)->Submit(id, Pixel(id), sink.Callback()).ok());
  }
  std::thread stopper([&] { (*pool)->Shutdown(OcrPool::ShutdownMode::kDropQueued); });
  sink.WaitFor(3);  // the dropped ones are answered before the running one ends
  gate.Open();
  stopper.join();
  std::lock_guard<std::mutex> lock(sink.mu);
  ASSERT_EQ(sink.count, 4);
  ASSERT_TRUE(sink.got[1][0].ok());  // the job being read was finished
  for (uint64_t id = 2; id <= 4; ++id) {
    EXPECT_EQ(sink.got[id][0].status().code(), StatusCode::kUnavailable) << id;
  }
}

TEST(OcrPoolTest, SubmitAfterShutdownIsRejected) {
  Gate gate;
  auto pool = OcrPool::Create({}, FakeFactory(&gate));
  ASSERT_TRUE(pool.ok());
  (*pool)->Shutdown();
  (*pool)->Shutdown();  // idempotent
  Sink sink;
  EXPECT_EQ((*pool)->Submit(1, Pixel(1), sink.Callback()).code(), StatusCode::kRejected);
}

TEST(OcrPoolTest, CreateReportsTheEngineFactorysErrorAndBadSizes) {
  auto failing = []() -> Result<std::unique_ptr<OcrEngine>> {
    return Status::NotFound("ocr: cannot load language 'zzz'");
  };
  auto pool = OcrPool::Create({.workers = 2}, failing);
  ASSERT_FALSE(pool.ok());
  EXPECT_EQ(pool.status().code(), StatusCode::kNotFound);
  EXPECT_NE(pool.status().message().find("zzz"), std::string::npos);
  Gate gate;
  EXPECT_EQ(OcrPool::Create({.workers = 0}, FakeFactory(&gate)).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(
      OcrPool::Create({.workers = 1, .queue_capacity = 0}, FakeFactory(&gate)).status().code(),
      StatusCode::kInvalidArgument);
  OcrOptions missing;
  missing.languages = "zzz";
  EXPECT_EQ(OcrPool::CreateTesseract({}, missing).status().code(), StatusCode::kNotFound);
}

TEST(OcrPoolTest, AnEngineOrCallbackThatThrowsDoesNotKillTheWorker) {
  Gate gate;
  auto pool = OcrPool::Create({.workers = 1}, FakeFactory(&gate, /*throws=*/true));
  ASSERT_TRUE(pool.ok());
  Sink sink;
  ASSERT_TRUE(
      (*pool)
          ->Submit(1, Pixel(1),
                   [](uint64_t, Result<OcrResult>) { throw std::runtime_error("caller bug"); })
          .ok());
  ASSERT_TRUE((*pool)->Submit(2, Pixel(2), sink.Callback()).ok());
  sink.WaitFor(1);
  (*pool)->Shutdown();
  std::lock_guard<std::mutex> lock(sink.mu);
  EXPECT_EQ(sink.got[2][0].status().code(), StatusCode::kInternal);
}

TEST(OcrPoolTest, TesseractWorkersReadAdvertsInParallel) {
  auto pool = OcrPool::CreateTesseract({.workers = 2, .queue_capacity = 4}, OcrOptions());
  ASSERT_TRUE(pool.ok()) << pool.status().ToString();
  const std::string texts[] = {"Call 07700 900123", "Tel 01632 960456", "TEXT ME 07700 900 789"};
  Sink sink;
  for (uint64_t id = 0; id < 3; ++id) {
    cv::Mat image(240, 640, CV_8UC3, cv::Scalar(245, 245, 245));
    testing::PaintText(image, texts[id], {20, 130}, {cv::FONT_HERSHEY_SIMPLEX, 1.1, 2, {0, 0, 0}});
    ASSERT_TRUE((*pool)->Submit(id, image, sink.Callback()).ok());
  }
  (*pool)->Shutdown();
  std::lock_guard<std::mutex> lock(sink.mu);
  ASSERT_EQ(sink.count, 3);
  for (uint64_t id = 0; id < 3; ++id) {
    ASSERT_TRUE(sink.got[id][0].ok()) << sink.got[id][0].status().ToString();
    std::string digits, want;
    for (char c : sink.got[id][0]->text)
      digits += std::isdigit(static_cast<unsigned char>(c)) ? std::string(1, c) : "";
    for (char c : texts[id])
      want += std::isdigit(static_cast<unsigned char>(c)) ? std::string(1, c) : "";
    EXPECT_EQ(digits, want) << sink.got[id][0]->text;
  }
}

}  // namespace
}  // namespace harrier::imageproc
