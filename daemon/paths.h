// Where the database and the data directory live: relative paths in the
// config resolve against the state directory, which is --state-dir, else
// $STATE_DIRECTORY (set by systemd's StateDirectory=), else ".".
#ifndef HARRIER_DAEMON_PATHS_H_
#define HARRIER_DAEMON_PATHS_H_

#include <string>

#include "config/options.h"

namespace harrier::daemon {

struct StatePaths {
  std::string state_dir;
  std::string database;
  std::string data_dir;
};

StatePaths ResolveStatePaths(const config::HarrierConfig& config,
                             const std::string& state_dir_flag);

}  // namespace harrier::daemon

#endif  // HARRIER_DAEMON_PATHS_H_
