#include "config/state_paths.h"

#include <gtest/gtest.h>
#include <stdlib.h>

namespace harrier::config {
namespace {

HarrierConfig WithPaths(std::string database, std::string data_dir) {
  HarrierConfig c;
  c.daemon.database = std::move(database);
  c.daemon.data_dir = std::move(data_dir);
  return c;
}

TEST(StatePathsTest, FlagBeatsStateDirectoryEnvironment) {
  setenv("STATE_DIRECTORY", "/var/lib/harrier", 1);
  StatePaths p = ResolveStatePaths(WithPaths("harrier.db", "data"), "/tmp/x");
  EXPECT_EQ(p.database, "/tmp/x/harrier.db");
  EXPECT_EQ(p.data_dir, "/tmp/x/data");
  unsetenv("STATE_DIRECTORY");
}

TEST(StatePathsTest, SystemdStateDirectoryUsesFirstOfTheList) {
  setenv("STATE_DIRECTORY", "/var/lib/harrier:/var/lib/other", 1);
  StatePaths p = ResolveStatePaths(WithPaths("harrier.db", "data"), "");
  EXPECT_EQ(p.database, "/var/lib/harrier/harrier.db");
  unsetenv("STATE_DIRECTORY");
}

TEST(StatePathsTest, AbsolutePathsAndMemoryAreKeptAndDefaultIsCurrentDirectory) {
  unsetenv("STATE_DIRECTORY");
  StatePaths p = ResolveStatePaths(WithPaths("/srv/h.db", "data"), "");
  EXPECT_EQ(p.database, "/srv/h.db");
  EXPECT_EQ(p.data_dir, "data");
  EXPECT_EQ(ResolveStatePaths(WithPaths(":memory:", "d"), "/x").database, ":memory:");
}

}  // namespace
}  // namespace harrier::config
