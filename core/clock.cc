#include "core/clock.h"

#include <ctime>

namespace harrier {

namespace {
constexpr int64_t k20260101Millis = 1767225600000;  // 2026-01-01T00:00:00Z
}

FakeClock::FakeClock() : FakeClock(FromUnixMillis(k20260101Millis)) {}

FakeClock::FakeClock(WallTime start)
    : wall_start_(start), steady_start_(std::chrono::steady_clock::now()) {}

WallTime FakeClock::WallNow() const {
  return wall_start_ + std::chrono::duration_cast<WallTime::duration>(
                           std::chrono::nanoseconds(offset_ns_.load()));
}

SteadyTime FakeClock::SteadyNow() const {
  return steady_start_ + std::chrono::nanoseconds(offset_ns_.load());
}

int64_t ToUnixMillis(WallTime t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

WallTime FromUnixMillis(int64_t ms) {
  return WallTime(std::chrono::duration_cast<WallTime::duration>(std::chrono::milliseconds(ms)));
}

std::string FormatUtc(WallTime t) {
  int64_t ms = ToUnixMillis(t);
  int64_t secs = ms >= 0 ? ms / 1000 : (ms - 999) / 1000;
  int millis = static_cast<int>(ms - secs * 1000);
  std::time_t tt = static_cast<std::time_t>(secs);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[80];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, millis);
  return buf;
}

}  // namespace harrier
