#include "registry/rate_limit.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <thread>

namespace harrier::registry {

TokenBucket::TokenBucket(const Clock& clock, int capacity, std::chrono::nanoseconds window)
    : clock_(clock), capacity_(capacity), window_(window) {}

void TokenBucket::ExpireLocked(SteadyTime now) const {
  while (!spent_.empty() && spent_.front() + window_ <= now) spent_.pop_front();
}

std::chrono::nanoseconds TokenBucket::TryAcquire() {
  std::lock_guard<std::mutex> lock(mu_);
  SteadyTime now = clock_.SteadyNow();
  if (now < drained_until_) return drained_until_ - now;
  ExpireLocked(now);
  if (static_cast<int>(spent_.size()) >= capacity_) return spent_.front() + window_ - now;
  spent_.push_back(now);
  return std::chrono::nanoseconds::zero();
}

void TokenBucket::DrainUntil(SteadyTime until) {
  std::lock_guard<std::mutex> lock(mu_);
  drained_until_ = std::max(drained_until_, until);
  // The server's count restarts at `until`; ours must not hold tokens spent
  // before it, or we would wait a second window for nothing.
  spent_.clear();
}

int TokenBucket::available() const {
  std::lock_guard<std::mutex> lock(mu_);
  SteadyTime now = clock_.SteadyNow();
  if (now < drained_until_) return 0;
  ExpireLocked(now);
  return capacity_ - static_cast<int>(spent_.size());
}

WallTime RetryAt(const std::vector<std::pair<std::string, std::string>>& headers, WallTime now) {
  constexpr auto kWindow = std::chrono::minutes(5);
  for (const auto& [name, value] : headers) {
    std::string lower(name);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (lower != "x-ratelimit-reset") continue;
    std::string_view v = value;
    while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
    while (!v.empty() && v.back() == ' ') v.remove_suffix(1);
    int64_t epoch = 0;
    auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), epoch);
    if (ec != std::errc() || end != v.data() + v.size() || v.empty()) break;
    WallTime reset{std::chrono::seconds(epoch)};
    return std::clamp(reset, now, now + kWindow);
  }
  return now + kWindow;
}

void RealSleeper::Sleep(std::chrono::nanoseconds d) {
  if (d > std::chrono::nanoseconds::zero()) std::this_thread::sleep_for(d);
}

void FakeSleeper::Sleep(std::chrono::nanoseconds d) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    sleeps_.push_back(d);
  }
  clock_.Advance(d);
}

std::vector<std::chrono::nanoseconds> FakeSleeper::sleeps() const {
  std::lock_guard<std::mutex> lock(mu_);
  return sleeps_;
}

}  // namespace harrier::registry
