// What the end-to-end suites share: the demo site and its ground truth, the
// shipped config pointed at a local copy of the site, and checks of a store
// against the truth. Included by collection_integration_test.cc (the
// collector in-process) and harrierd_process_test.cc (the real binaries).
#ifndef HARRIER_TESTS_DEMO_SITE_SUPPORT_H_
#define HARRIER_TESTS_DEMO_SITE_SUPPORT_H_

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>

#include "config/loader.h"
#include "store/store.h"

namespace harrier::demo_site {

using nlohmann::json;
namespace fs = std::filesystem;

inline const std::string kSrc = HARRIER_SOURCE_DIR;
inline const std::string kSite = kSrc + "/tests/fixtures/demo-site";

inline std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Runs a shell command and returns what it printed on stdout.
inline std::string RunCapture(const std::string& cmd) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  pclose(p);
  return out;
}

inline const json& Truth() {
  static const json truth = json::parse(ReadAll(kSrc + "/tests/fixtures/demo-site.truth.json"));
  return truth;
}

inline std::string PathOf(const std::string& url) {
  size_t scheme = url.find("://");
  size_t slash = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  return slash == std::string::npos ? "/" : url.substr(slash);
}

inline int64_t QueryInt(store::Store& s, const std::string& sql) {
  sqlite3_stmt* stmt = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(s.RawHandleForTesting(), sql.c_str(), -1, &stmt, nullptr), SQLITE_OK)
      << sql;
  int64_t v = -1;
  if (sqlite3_step(stmt) == SQLITE_ROW) v = sqlite3_column_int64(stmt, 0);
  sqlite3_finalize(stmt);
  return v;
}

inline std::set<std::string> JsonSet(const json& arr) {
  std::set<std::string> out;
  for (const auto& v : arr) out.insert(v.get<std::string>());
  return out;
}

// Asserts the store holds exactly the site's truth: every advert once, with
// exactly its phones, emails, postcodes and images, and no duplicate rows.
inline void ExpectStoreMatchesTruth(store::Store& s) {
  const json& truth = Truth();
  auto docs = s.ListDocuments();
  ASSERT_TRUE(docs.ok()) << docs.status().ToString();
  std::map<std::string, store::DocumentSummary> by_path;
  for (const auto& d : *docs) {
    EXPECT_TRUE(by_path.emplace(PathOf(d.url), d).second) << "duplicate document " << d.url;
  }
  ASSERT_EQ(docs->size(), truth["adverts"].size());
  for (const auto& advert : truth["adverts"]) {
    const std::string path = advert["path"];
    auto it = by_path.find(path);
    ASSERT_NE(it, by_path.end()) << "advert not stored: " << path;
    auto detail = s.GetDocument(it->second.id);
    ASSERT_TRUE(detail.ok() && detail->has_value()) << path;
    std::map<std::string, std::set<std::string>> found;
    for (const auto& m : (*detail)->mentions) found[m.kind].insert(m.value);
    EXPECT_EQ(found["phone"], JsonSet(advert["phones"])) << path;
    EXPECT_EQ(found["email"], JsonSet(advert["emails"])) << path;
    EXPECT_EQ(found["postcode"], JsonSet(advert["postcodes"])) << path;
    std::set<std::string> want_images, got_images;
    for (const auto& im : advert["images"]) want_images.insert(im["sha256"].get<std::string>());
    for (const auto& im : (*detail)->images) got_images.insert(im.sha256);
    EXPECT_EQ(got_images, want_images) << path;
    EXPECT_EQ((*detail)->summary.title, advert["title"].get<std::string>()) << path;
  }
  auto summary = s.GetSummary();
  ASSERT_TRUE(summary.ok());
  std::map<std::string, int64_t> kinds;
  for (const auto& k : summary->selectors_by_kind) kinds[k.kind] = k.count;
  const json& counts = truth["counts"];
  EXPECT_EQ(kinds["phone"], counts["phones"].get<int64_t>());
  EXPECT_EQ(kinds["email"], counts["emails"].get<int64_t>());
  EXPECT_EQ(kinds["postcode"], counts["postcodes"].get<int64_t>());
  EXPECT_EQ(summary->images, counts["distinct_images"].get<int64_t>());
  EXPECT_EQ(QueryInt(s,
                     "SELECT COUNT(*) FROM (SELECT kind, value FROM selector "
                     "GROUP BY kind, value HAVING COUNT(*) > 1)"),
            0);
  EXPECT_EQ(QueryInt(s,
                     "SELECT COUNT(*) FROM (SELECT document_id, version FROM "
                     "document_version GROUP BY 1, 2 HAVING COUNT(*) > 1)"),
            0);
}

inline void ExpectIntegrityOk(store::Store& s) {
  sqlite3_stmt* stmt = nullptr;
  ASSERT_EQ(
      sqlite3_prepare_v2(s.RawHandleForTesting(), "PRAGMA integrity_check", -1, &stmt, nullptr),
      SQLITE_OK);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)), "ok");
  sqlite3_finalize(stmt);
}

// Loads the shipped config and its demo advert-site profile ("demo"),
// pointed at the test's server. The shipped world_* profiles (the other
// source kinds, for `make demo`) are dropped: these tests serve only the
// advert site.
inline config::HarrierConfig DemoConfig(const std::string& base_url) {
  auto cfg = config::LoadConfig(kSrc + "/config/harrier.toml");
  EXPECT_TRUE(cfg.ok()) << cfg.status().ToString();
  config::HarrierConfig c = *cfg;
  std::erase_if(c.sources, [](const config::SiteProfile& p) { return p.name != "demo"; });
  EXPECT_EQ(c.sources.size(), 1u);
  c.sources.resize(1);
  c.sources[0].start_urls = {base_url + "/"};
  c.sources[0].allowed_hosts.clear();
  c.sources[0].allow_addresses = {"127.0.0.1"};
  return c;
}

}  // namespace harrier::demo_site

#endif  // HARRIER_TESTS_DEMO_SITE_SUPPORT_H_
