#include "daemon/logging.h"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <memory>

namespace harrier::daemon {

namespace {

// Writes "<N>" where N is the syslog priority of the message's level
// (sd-daemon(3): journald parses this prefix on stderr).
class SyslogPriorityFlag : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& msg, const std::tm&,
              spdlog::memory_buf_t& dest) override {
    int prio = 6;
    switch (msg.level) {
      case spdlog::level::trace:
      case spdlog::level::debug:
        prio = 7;
        break;
      case spdlog::level::info:
        prio = 6;
        break;
      case spdlog::level::warn:
        prio = 4;
        break;
      case spdlog::level::err:
        prio = 3;
        break;
      case spdlog::level::critical:
        prio = 2;
        break;
      default:
        break;
    }
    const char text[] = {'<', static_cast<char>('0' + prio), '>'};
    dest.append(text, text + 3);
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<SyslogPriorityFlag>();
  }
};

}  // namespace

Status InitLogging(const std::string& level) {
  spdlog::level::level_enum lvl;
  if (level == "trace")
    lvl = spdlog::level::trace;
  else if (level == "debug")
    lvl = spdlog::level::debug;
  else if (level == "info")
    lvl = spdlog::level::info;
  else if (level == "warn")
    lvl = spdlog::level::warn;
  else if (level == "error")
    lvl = spdlog::level::err;
  else
    return Status::InvalidArgument("log level '" + level + "': use trace|debug|info|warn|error");

  auto logger = std::make_shared<spdlog::logger>("harrier",
                                                 std::make_shared<spdlog::sinks::stderr_sink_mt>());
  std::unique_ptr<spdlog::pattern_formatter> formatter;
  if (std::getenv("JOURNAL_STREAM") != nullptr) {
    // journald adds its own time stamp and unit name.
    formatter = std::make_unique<spdlog::pattern_formatter>();
    formatter->add_flag<SyslogPriorityFlag>('*').set_pattern("%*%v");
  } else {
    formatter = std::make_unique<spdlog::pattern_formatter>("%Y-%m-%dT%H:%M:%S.%eZ %^%l%$ %v",
                                                            spdlog::pattern_time_type::utc);
  }
  logger->set_formatter(std::move(formatter));
  logger->set_level(lvl);
  logger->flush_on(spdlog::level::warn);
  spdlog::set_default_logger(logger);
  return Status::Ok();
}

}  // namespace harrier::daemon
