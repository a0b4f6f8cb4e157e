// A small blocking queue between the daemon's threads. Its size is bounded by
// construction: the collector never has more than max_in_flight URLs leased,
// and each leased URL is in exactly one queue or stage at a time.
// Thread-safety: every method may be called from any thread.
#ifndef HARRIER_DAEMON_WORK_QUEUE_H_
#define HARRIER_DAEMON_WORK_QUEUE_H_

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <vector>

namespace harrier::daemon {

template <typename T>
class WorkQueue {
 public:
  // Returns false (and drops the item) once the queue is closed.
  bool Push(T item) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (closed_) return false;
      items_.push_back(std::move(item));
    }
    cv_.notify_one();
    return true;
  }

  // Blocks until an item arrives or the queue is closed (nullopt).
  std::optional<T> Pop() {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [this] { return closed_ || !items_.empty(); });
    if (items_.empty()) return std::nullopt;
    T item = std::move(items_.front());
    items_.pop_front();
    return item;
  }

  // Waits up to `timeout` for the first item, then up to `linger` more for
  // the batch to fill (group commit: one fsync for many findings), and takes
  // up to `max` items.
  std::vector<T> PopBatch(size_t max, std::chrono::milliseconds timeout,
                          std::chrono::milliseconds linger = std::chrono::milliseconds(0)) {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait_for(lock, timeout, [this] { return closed_ || !items_.empty(); });
    if (!items_.empty() && linger.count() > 0) {
      cv_.wait_for(lock, linger, [this, max] { return closed_ || items_.size() >= max; });
    }
    std::vector<T> out;
    while (!items_.empty() && out.size() < max) {
      out.push_back(std::move(items_.front()));
      items_.pop_front();
    }
    return out;
  }

  void Close() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      closed_ = true;
    }
    cv_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<T> items_;
  bool closed_ = false;
};

}  // namespace harrier::daemon

#endif  // HARRIER_DAEMON_WORK_QUEUE_H_
