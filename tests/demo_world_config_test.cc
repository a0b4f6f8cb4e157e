// The shipped demo profiles (config/sources/world_*.toml) read the
// SourcesWorld that `harrier-demo-site ... --world 18090` serves: each kind
// loads, names the world's fixed ports, seeds and key, and the world binds
// those fixed ports.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "config/loader.h"
#include "tests/support/fixture_server.h"
#include "tests/support/sources_world.h"

namespace harrier {
namespace {

using testing::FixtureServer;
using testing::SourcesWorld;

const std::string kSrc = HARRIER_SOURCE_DIR;
// scripts/demo.sh starts the world here; the profiles name these ports.
constexpr int kDemoWorldBasePort = 18090;

std::string Loopback(int port) { return "http://127.0.0.1:" + std::to_string(port); }

const config::SiteProfile* Find(const config::HarrierConfig& c, const std::string& name) {
  for (const config::SiteProfile& p : c.sources)
    if (p.name == name) return &p;
  return nullptr;
}

class ShippedDemoConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto cfg = config::LoadConfig(kSrc + "/config/harrier.toml");
    ASSERT_TRUE(cfg.ok()) << cfg.status().ToString();
    cfg_ = *cfg;
  }
  config::HarrierConfig cfg_;
};

TEST_F(ShippedDemoConfigTest, HasTheAdvertSiteAndOneSourceOfEveryNewKind) {
  std::vector<std::string> kinds;
  for (const config::SiteProfile& p : cfg_.sources) {
    kinds.push_back(p.kind);
    // Every demo source runs on loopback under an invented authorisation.
    EXPECT_EQ(p.allow_addresses, std::vector<std::string>{"127.0.0.1"}) << p.name;
    EXPECT_EQ(p.authorisation.type, "demo") << p.name;
    EXPECT_EQ(p.authorisation.ref.rfind("DEMO-", 0), 0u) << p.name;
  }
  std::sort(kinds.begin(), kinds.end());
  EXPECT_EQ(kinds, (std::vector<std::string>{"companies_house", "mastodon", "profile", "site",
                                             "site", "telegram"}));
  ASSERT_NE(Find(cfg_, "demo"), nullptr);
}

TEST_F(ShippedDemoConfigTest, RegistryProfileWalksTheWorldFromCompanyAWithItsKey) {
  const config::SiteProfile* p = Find(cfg_, "world_registry");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->kind, "companies_house");
  EXPECT_EQ(p->companies_house.api_base, Loopback(kDemoWorldBasePort));
  EXPECT_EQ(p->companies_house.api_key, SourcesWorld::kApiKey);
  EXPECT_TRUE(p->companies_house.api_key_file.empty());
  EXPECT_EQ(p->companies_house.company_numbers,
            std::vector<std::string>{SourcesWorld::kChSeedCompany});
  // Depth and budget that collect the whole network (sources_world.h).
  EXPECT_EQ(p->max_depth, SourcesWorld::kChMaxDepth);
  EXPECT_EQ(p->max_requests_per_run, SourcesWorld::kChRequestBudget);
}

TEST_F(ShippedDemoConfigTest, TelegramProfileReadsThePublicAndThePrivateChannel) {
  const config::SiteProfile* p = Find(cfg_, "world_telegram");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->kind, "telegram");
  EXPECT_EQ(p->telegram.base, Loopback(kDemoWorldBasePort + 1));
  EXPECT_EQ(p->telegram.channels,
            (std::vector<std::string>{SourcesWorld::kTelegramChannel,
                                      SourcesWorld::kTelegramPrivateChannel}));
}

TEST_F(ShippedDemoConfigTest, MastodonProfileReadsTheAccountAndTheTag) {
  const config::SiteProfile* p = Find(cfg_, "world_mastodon");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->kind, "mastodon");
  EXPECT_EQ(p->mastodon.instance, Loopback(kDemoWorldBasePort + 2));
  EXPECT_EQ(p->mastodon.accounts, std::vector<std::string>{SourcesWorld::kMastodonAccount});
  EXPECT_EQ(p->mastodon.tags, std::vector<std::string>{SourcesWorld::kMastodonTag});
}

TEST_F(ShippedDemoConfigTest, ProfileAndSiteProfilesReadTheWorldSite) {
  const config::SiteProfile* profiles = Find(cfg_, "world_profiles");
  ASSERT_NE(profiles, nullptr);
  EXPECT_EQ(profiles->kind, "profile");
  std::vector<std::string> urls;
  for (const char* name : SourcesWorld::kProfileNames)
    urls.push_back(Loopback(kDemoWorldBasePort + 3) + "/profiles/" + name + ".html");
  EXPECT_EQ(profiles->start_urls, urls);

  const config::SiteProfile* site = Find(cfg_, SourcesWorld::kSiteProfileName);
  ASSERT_NE(site, nullptr);
  EXPECT_EQ(site->kind, "site");
  EXPECT_EQ(site->start_urls,
            std::vector<std::string>{Loopback(kDemoWorldBasePort + 3) + "/index.html"});
  // The same markup as the demo site, so the same XPaths.
  const config::SiteProfile* demo = Find(cfg_, "demo");
  ASSERT_NE(demo, nullptr);
  EXPECT_EQ(site->advert_links_xpath, demo->advert_links_xpath);
  EXPECT_EQ(site->title_xpath, demo->title_xpath);
  EXPECT_EQ(site->body_xpath, demo->body_xpath);
  EXPECT_EQ(site->images_xpath, demo->images_xpath);
}

// docs/configuration.md explains every key the shipped world profiles show:
// as `leaf` (top level and the common tables), `table.leaf` (the kinds'
// tables) or `[table]`.
TEST_F(ShippedDemoConfigTest, DocsMentionEveryKeyOfTheWorldProfiles) {
  std::ifstream in(kSrc + "/docs/configuration.md");
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string docs = ss.str();
  ASSERT_FALSE(docs.empty());
  int keys = 0;
  for (const config::SiteProfile& p : cfg_.sources) {
    if (p.name.rfind("world_", 0) != 0) continue;
    for (const auto& [key, line] : p.key_lines) {
      ++keys;
      const std::string leaf = key.substr(key.rfind('.') + 1);
      const bool found = docs.find("`" + leaf + "`") != std::string::npos ||
                         docs.find("`" + key + "`") != std::string::npos ||
                         docs.find("`[" + key + "]`") != std::string::npos;
      EXPECT_TRUE(found) << p.file << ":" << line << ": " << key
                         << " is not in docs/configuration.md";
    }
  }
  EXPECT_GT(keys, 50);
}

TEST(SourcesWorldFixedPortsTest, ServesEachServerOnItsPortFromTheBase) {
  // A free base: a port just released; retried if a neighbour is taken.
  for (int attempt = 0; attempt < 10; ++attempt) {
    int base = 0;
    {
      FixtureServer probe;
      ASSERT_TRUE(probe.Start());
      base = probe.port();
      probe.Stop();
    }
    if (base > 65532) continue;
    SourcesWorld world;
    if (!world.Start(base)) continue;
    EXPECT_EQ(world.ch_base(), Loopback(base));
    EXPECT_EQ(world.telegram_base(), Loopback(base + 1));
    EXPECT_EQ(world.mastodon_base(), Loopback(base + 2));
    EXPECT_EQ(world.site_base(), Loopback(base + 3));
    return;
  }
  FAIL() << "no four free neighbouring ports in 10 attempts";
}

// (A taken port cannot be tested: cpp-httplib binds with SO_REUSEPORT.)
TEST(SourcesWorldFixedPortsTest, PortsBeyondTheRangeFailAndAreNamed) {
  SourcesWorld world;
  EXPECT_FALSE(world.Start(65534));  // Mastodon would be on 65536
  EXPECT_NE(world.error().find("127.0.0.1:6553"), std::string::npos) << world.error();
  SourcesWorld none;
  EXPECT_FALSE(none.Start(0));  // 0 would be "any port": not a fixed base
  EXPECT_NE(none.error().find(":0"), std::string::npos) << none.error();
}

}  // namespace
}  // namespace harrier
