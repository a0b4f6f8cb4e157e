#include "config/state_paths.h"

#include <cstdlib>
#include <filesystem>

namespace harrier::config {

StatePaths ResolveStatePaths(const HarrierConfig& config, const std::string& flag) {
  StatePaths p;
  p.state_dir = flag;
  if (p.state_dir.empty()) {
    if (const char* env = std::getenv("STATE_DIRECTORY"); env != nullptr && *env) {
      p.state_dir = env;
      // systemd passes a colon-separated list when several are configured.
      p.state_dir = p.state_dir.substr(0, p.state_dir.find(':'));
    }
  }
  if (p.state_dir.empty()) p.state_dir = ".";
  auto resolve = [&](const std::string& path) {
    std::filesystem::path fp(path);
    if (fp.is_absolute() || path == ":memory:") return path;
    return (std::filesystem::path(p.state_dir) / fp).lexically_normal().string();
  };
  p.database = resolve(config.daemon.database);
  p.data_dir = resolve(config.daemon.data_dir);
  return p;
}

}  // namespace harrier::config
