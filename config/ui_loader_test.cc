// [ui] in harrier.toml: every key read, defaults when absent. The errors are
// in loader_test.cc's table (tests/data/config/bad_config/ui_*.toml).
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include "config/loader.h"

namespace harrier::config {
namespace {

namespace fs = std::filesystem;

class UiConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "ui_config_test.XXXXXX").string();
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    fs::create_directories(dir_ + "/sources");
  }
  void TearDown() override {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }
  Result<HarrierConfig> Load(const std::string& text) {
    std::ofstream(dir_ + "/harrier.toml") << text;
    return LoadConfig(dir_ + "/harrier.toml");
  }
  std::string dir_;
};

TEST_F(UiConfigTest, AbsentSectionKeepsTheUiOffOnLoopback) {
  Result<HarrierConfig> cfg = Load("");
  ASSERT_TRUE(cfg.ok()) << cfg.status().ToString();
  EXPECT_FALSE(cfg->ui.enabled);
  EXPECT_EQ(cfg->ui.bind, "127.0.0.1");
  EXPECT_EQ(cfg->ui.marking, "OFFICIAL-SENSITIVE");
  EXPECT_EQ(cfg->ui.session_idle_minutes, 30);
  EXPECT_EQ(cfg->ui.session_absolute_hours, 12);
  EXPECT_TRUE(cfg->ui.allowed_hosts.empty());
}

TEST_F(UiConfigTest, ReadsEveryKeyAndResolvesStaticDirAgainstTheConfig) {
  Result<HarrierConfig> cfg = Load(
      "[ui]\n"
      "enabled = true\n"
      "bind = \"127.0.0.2\"\n"
      "port = 9443\n"
      "allowed_hosts = [\"harrier.force.internal:9443\"]\n"
      "tls_cert = \"/etc/harrier/ui.crt\"\n"
      "tls_key = \"/etc/harrier/ui.key\"\n"
      "static_dir = \"static\"\n"
      "marking = \"OFFICIAL\"\n"
      "session_idle_minutes = 15\n"
      "session_absolute_hours = 8\n");
  ASSERT_TRUE(cfg.ok()) << cfg.status().ToString();
  EXPECT_TRUE(cfg->ui.enabled);
  EXPECT_EQ(cfg->ui.bind, "127.0.0.2");
  EXPECT_EQ(cfg->ui.port, 9443);
  EXPECT_EQ(cfg->ui.allowed_hosts, std::vector<std::string>{"harrier.force.internal:9443"});
  EXPECT_EQ(cfg->ui.tls_cert, "/etc/harrier/ui.crt");
  EXPECT_EQ(cfg->ui.tls_key, "/etc/harrier/ui.key");
  EXPECT_EQ(cfg->ui.static_dir, dir_ + "/static");
  EXPECT_EQ(cfg->ui.marking, "OFFICIAL");
  EXPECT_EQ(cfg->ui.session_idle_minutes, 15);
  EXPECT_EQ(cfg->ui.session_absolute_hours, 8);
  EXPECT_EQ(cfg->key_lines.at("ui.port"), 4);
}

}  // namespace
}  // namespace harrier::config
