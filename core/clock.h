// Time is handed in: every component that needs the time takes a Clock.
// Wall time stamps records (UTC); steady time measures intervals.
// SystemClock is built only in main(); tests use FakeClock.
// Thread-safety: both implementations may be called from any thread.
#ifndef HARRIER_CORE_CLOCK_H_
#define HARRIER_CORE_CLOCK_H_

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

namespace harrier {

using WallTime = std::chrono::system_clock::time_point;
using SteadyTime = std::chrono::steady_clock::time_point;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual WallTime WallNow() const = 0;
  virtual SteadyTime SteadyNow() const = 0;
};

class SystemClock : public Clock {
 public:
  WallTime WallNow() const override { return std::chrono::system_clock::now(); }
  SteadyTime SteadyNow() const override { return std::chrono::steady_clock::now(); }
};

// A clock that moves only when told to. Starts at 2026-01-01T00:00:00Z.
class FakeClock : public Clock {
 public:
  FakeClock();
  explicit FakeClock(WallTime start);
  WallTime WallNow() const override;
  SteadyTime SteadyNow() const override;
  void Advance(std::chrono::nanoseconds d) { offset_ns_ += d.count(); }

 private:
  WallTime wall_start_;
  SteadyTime steady_start_;
  std::atomic<int64_t> offset_ns_{0};
};

// Milliseconds since the Unix epoch, the unit the store keeps times in.
int64_t ToUnixMillis(WallTime t);
WallTime FromUnixMillis(int64_t ms);

// ISO 8601 UTC with millisecond precision: "2026-01-01T00:00:00.000Z".
std::string FormatUtc(WallTime t);

}  // namespace harrier

#endif  // HARRIER_CORE_CLOCK_H_
