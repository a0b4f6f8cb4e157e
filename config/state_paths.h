// Where the database and the data directory live: relative paths in the
// config resolve against the state directory, which is --state-dir, else
// $STATE_DIRECTORY (set by systemd's StateDirectory=), else ".".
// Shared by harrierd and harrier so both find the same database.
#ifndef HARRIER_CONFIG_STATE_PATHS_H_
#define HARRIER_CONFIG_STATE_PATHS_H_

#include <string>

#include "config/options.h"

namespace harrier::config {

struct StatePaths {
  std::string state_dir;
  std::string database;
  std::string data_dir;
};

StatePaths ResolveStatePaths(const HarrierConfig& config, const std::string& state_dir_flag);

}  // namespace harrier::config

#endif  // HARRIER_CONFIG_STATE_PATHS_H_
