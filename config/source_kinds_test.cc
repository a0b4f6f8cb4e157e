// Source profiles of the kinds beyond advert sites: each kind's table read
// into its options, the defaults that differ by kind, and the errors that
// name file, line and key.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include "config/loader.h"

namespace harrier::config {
namespace {

namespace fs = std::filesystem;

constexpr char kAuthorisation[] = R"t(
[authorisation]
ref = "TEST-1"
type = "policy"
authorised_by = "Test officer (invented)"
expires = 2099-12-31
)t";

class SourceKindsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "source_kinds_test.XXXXXX").string();
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }
  Result<SiteProfile> Load(const std::string& text) {
    const std::string path = dir_ + "/src.toml";
    std::ofstream(path) << text;
    return LoadSiteProfile(path);
  }
  // The message after "<path>:".
  std::string ErrorOf(const std::string& text) {
    Result<SiteProfile> p = Load(text);
    if (p.ok()) return "loaded";
    const std::string& m = p.status().message();
    const std::string prefix = dir_ + "/src.toml:";
    return m.starts_with(prefix) ? m.substr(prefix.size()) : m;
  }
  std::string dir_;
};

TEST_F(SourceKindsTest, CompaniesHouseSeedsKeyFileAndDepthDefault) {
  Result<SiteProfile> p = Load(std::string(R"t(kind = "companies_house"
max_requests_per_run = 200
[companies_house]
api_base = "http://127.0.0.1:9/"
api_key_file = "ch.env"
company_numbers = ["09999001", "SC123456"]
officer_ids = ["abcDEF-123_x"]
postcodes = ["TE1 2ST"]
items_per_page = 50
)t") + kAuthorisation);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->kind, "companies_house");
  EXPECT_EQ(p->max_depth, 2);  // a network's depth, not 200 link hops
  EXPECT_EQ(p->max_requests_per_run, 200);
  EXPECT_FALSE(p->obey_robots);  // an API
  EXPECT_TRUE(p->start_urls.empty());
  EXPECT_EQ(p->companies_house.api_key_file, dir_ + "/ch.env");
  EXPECT_EQ(p->companies_house.company_numbers, (std::vector<std::string>{"09999001", "SC123456"}));
  EXPECT_EQ(p->companies_house.officer_ids, std::vector<std::string>{"abcDEF-123_x"});
  EXPECT_EQ(p->companies_house.postcodes, std::vector<std::string>{"TE1 2ST"});
  EXPECT_EQ(p->companies_house.items_per_page, 50);
}

TEST_F(SourceKindsTest, TelegramAndMastodonReadTheirTables) {
  Result<SiteProfile> tg = Load(std::string(R"t(kind = "telegram"
[telegram]
base = "http://127.0.0.1:9/"
channels = ["harrier_demo_channel"]
)t") + kAuthorisation);
  ASSERT_TRUE(tg.ok()) << tg.status().ToString();
  EXPECT_EQ(tg->telegram.base, "http://127.0.0.1:9");
  EXPECT_EQ(tg->telegram.channels, std::vector<std::string>{"harrier_demo_channel"});
  EXPECT_EQ(tg->max_depth, 50);
  EXPECT_TRUE(tg->obey_robots);  // public pages

  Result<SiteProfile> m = Load(std::string(R"t(kind = "mastodon"
max_depth = 3
[mastodon]
instance = "http://127.0.0.1:9"
accounts = ["invented_user", "other@inst.example"]
tags = ["invented"]
)t") + kAuthorisation);
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->max_depth, 3);
  EXPECT_EQ(m->mastodon.accounts.size(), 2u);
  EXPECT_EQ(m->mastodon.tags, std::vector<std::string>{"invented"});
}

TEST_F(SourceKindsTest, ProfileSourcesNeedStartUrlsButNoXPaths) {
  Result<SiteProfile> p = Load(std::string(R"t(kind = "profile"
start_urls = ["http://127.0.0.1:9/profiles/a.html"]
)t") + kAuthorisation);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->start_urls.size(), 1u);
  EXPECT_EQ(ErrorOf(std::string("kind = \"profile\"\n") + kAuthorisation).substr(0, 20),
            "1: start_urls: missi");
}

TEST_F(SourceKindsTest, MistakesNameLineAndKey) {
  EXPECT_EQ(ErrorOf(std::string("kind = \"companies_house\"\n") + kAuthorisation),
            "1: companies_house: missing; a companies_house source needs a [companies_house] "
            "table with its seeds (company_numbers, officer_ids, search_terms or postcodes)");
  EXPECT_EQ(ErrorOf(std::string(R"t(kind = "companies_house"
[companies_house]
api_key_file = "k.env"
company_numbers = ["0999 9001"]
)t") + kAuthorisation)
                .substr(0, 60),
            "4: companies_house.company_numbers: \"0999 9001\" is not a com");
  EXPECT_EQ(ErrorOf(std::string(R"t(kind = "companies_house"
[companies_house]
company_numbers = ["09999001"]
)t") + kAuthorisation)
                .substr(0, 42),
            "2: companies_house.api_key_file: missing; ");
  EXPECT_EQ(ErrorOf(std::string(R"t(kind = "telegram"
start_urls = ["https://t.me/s/x"]
[telegram]
channels = ["x"]
)t") + kAuthorisation)
                .substr(0, 48),
            "2: start_urls: does not apply to a telegram sour");
  EXPECT_EQ(ErrorOf(std::string(R"t(kind = "telegram"
[telegram]
channels = ["t.me/x"]
)t") + kAuthorisation)
                .substr(0, 45),
            "3: telegram.channels: \"t.me/x\" is not a publi");
  EXPECT_EQ(ErrorOf(std::string(R"t(kind = "mastodon"
[mastodon]
instance = "inst.example"
)t") + kAuthorisation)
                .substr(0, 45),
            "2: mastodon.accounts: nothing to read; list a");
  // An advert site's tables mean nothing to a channel.
  EXPECT_NE(ErrorOf(std::string(R"t(kind = "telegram"
[telegram]
channels = ["x"]
[listing]
adverts = "//a"
)t") + kAuthorisation)
                .find("listing"),
            std::string::npos);
}

}  // namespace
}  // namespace harrier::config
