// Logging setup for harrierd and harrier: spdlog to stderr. Under systemd
// (JOURNAL_STREAM set) each line starts with its syslog priority, "<6>", which
// journald turns into the entry's priority; elsewhere lines carry a UTC time.
#ifndef HARRIER_DAEMON_LOGGING_H_
#define HARRIER_DAEMON_LOGGING_H_

#include <string>

#include "core/status.h"

namespace harrier::daemon {

// `level` is trace|debug|info|warn|error. InvalidArgument for anything else.
Status InitLogging(const std::string& level);

}  // namespace harrier::daemon

#endif  // HARRIER_DAEMON_LOGGING_H_
