// Helpers shared by the store tests: a temporary directory, raw queries
// through the test handle, and a fixture with one source and page builders.
#ifndef HARRIER_STORE_STORE_TEST_UTIL_H_
#define HARRIER_STORE_STORE_TEST_UTIL_H_

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/sha256.h"
#include "store/store.h"

namespace harrier::store::testing {

constexpr int64_t kT0 = 1767225600000;  // 2026-01-01T00:00:00Z

// A directory made with mkdtemp, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "store_test.XXXXXX").string();
    if (mkdtemp(tmpl.data()) != nullptr) path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ignored;
    if (!path_.empty()) std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  bool ok() const { return !path_.empty(); }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// Opens a store or records a test failure and returns null.
inline std::unique_ptr<Store> OpenOrFail(const StoreOptions& options) {
  Result<std::unique_ptr<Store>> store = Store::Open(options);
  if (!store.ok()) {
    ADD_FAILURE() << store.status().ToString();
    return nullptr;
  }
  return std::move(store).value();
}

// The first column of the first row of fixed test SQL ("" / -1 when none).
inline std::string QueryText(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* stmt = nullptr;
  std::string out;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << sql << ": " << sqlite3_errmsg(db);
    return out;
  }
  if (sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_text(stmt, 0) != nullptr) {
    out = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
  }
  sqlite3_finalize(stmt);
  return out;
}

inline int64_t QueryInt(sqlite3* db, const std::string& sql) {
  std::string text = QueryText(db, sql);
  return text.empty() ? -1 : std::stoll(text);
}

// Runs fixed test SQL; returns the SQLite result code.
inline int ExecSql(sqlite3* db, const std::string& sql) {
  return sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
}

// "state/run_id" of the frontier row for (url, kind), or "absent".
inline std::string FrontierState(sqlite3* db, const std::string& url, const std::string& kind) {
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, "SELECT state || '/' || run_id FROM frontier WHERE url = ? AND kind = ?",
                     -1, &stmt, nullptr);
  sqlite3_bind_text(stmt, 1, url.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(stmt, 2, kind.c_str(), -1, SQLITE_TRANSIENT);
  std::string out = "absent";
  if (sqlite3_step(stmt) == SQLITE_ROW) {
    out = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
  }
  sqlite3_finalize(stmt);
  return out;
}

inline MentionInput Mention(SelectorKind kind, const std::string& value,
                            const std::string& field = "body", size_t begin = 0) {
  MentionInput m;
  m.selector.kind = kind;
  m.selector.value = value;
  m.selector.raw = value;
  m.selector.begin = begin;
  m.selector.end = begin + value.size();
  m.selector.snippet = "call " + value + " now";
  m.field = field;
  return m;
}

inline AdvertInput Advert(const std::string& url, const std::string& body,
                          std::vector<MentionInput> mentions = {},
                          std::vector<std::string> image_urls = {}) {
  AdvertInput ad;
  ad.url = url;
  ad.title = "Title of " + url;
  ad.body = body;
  ad.posted = "today";
  ad.location = "Birmingham";
  ad.image_urls = std::move(image_urls);
  ad.mentions = std::move(mentions);
  return ad;
}

inline CaptureRow CaptureFor(const FrontierItem& item, int64_t now, const std::string& body) {
  CaptureRow c;
  c.source_id = item.source_id;
  c.run_id = item.run_id;
  c.url = item.url;
  c.final_url = item.url;
  c.http_status = 200;
  c.fetched_ms = now;
  c.body_sha256 = Sha256Hex(body);
  c.body_size = static_cast<int64_t>(body.size());
  c.content_type = "text/html";
  c.remote_ip = "192.0.2.1";
  c.blob_path = "blobs/" + c.body_sha256;
  return c;
}

inline PageCommit PageFor(const FrontierItem& item, int64_t now,
                          std::optional<AdvertInput> advert = std::nullopt,
                          std::vector<std::string> listing_links = {},
                          std::vector<std::string> advert_links = {}) {
  PageCommit p;
  p.item = item;
  p.capture = CaptureFor(item, now, item.url + (advert ? advert->body : std::string()));
  p.advert = std::move(advert);
  p.listing_links = std::move(listing_links);
  p.advert_links = std::move(advert_links);
  p.now_ms = now;
  return p;
}

// An in-memory store with one source, and builders for commits.
class StoreFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = OpenOrFail({":memory:"});
    ASSERT_NE(store_, nullptr);
    Result<int64_t> source = store_->UpsertSource("demo", "site", "DSA-1");
    ASSERT_TRUE(source.ok()) << source.status().ToString();
    source_ = *source;
  }

  sqlite3* db() { return store_->RawHandleForTesting(); }

  int64_t StartRun(const std::vector<std::string>& urls, int64_t now = kT0) {
    Result<int64_t> run = store_->StartRun(source_, urls, now);
    EXPECT_TRUE(run.ok()) << run.status().ToString();
    return run.ok() ? *run : 0;
  }

  std::vector<FrontierItem> LeaseAll(int64_t run, int64_t now = kT0) {
    Result<std::vector<FrontierItem>> items = store_->LeaseFrontier(run, 1000, now);
    EXPECT_TRUE(items.ok()) << items.status().ToString();
    return items.ok() ? *items : std::vector<FrontierItem>();
  }

  // Leases everything pending and returns the item with this URL.
  FrontierItem LeaseUrl(int64_t run, const std::string& url, int64_t now = kT0) {
    for (const FrontierItem& item : LeaseAll(run, now)) {
      if (item.url == url) return item;
    }
    ADD_FAILURE() << "no pending item " << url;
    return FrontierItem();
  }

  PageCommitResult Commit(const PageCommit& page) {
    Result<PageCommitResult> r = store_->CommitPage(page);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : PageCommitResult();
  }

  // Commits an image item whose bytes are `bytes`.
  void CommitImage(const FrontierItem& item, const std::string& bytes, int64_t now = kT0,
                   ImageAnalysis analysis = {}) {
    ImageCommit c;
    c.item = item;
    c.capture = CaptureFor(item, now, bytes);
    c.capture.content_type = "image/jpeg";
    c.sha256 = Sha256Hex(bytes);
    c.size = static_cast<int64_t>(bytes.size());
    c.mime = "image/jpeg";
    c.blob_path = "blobs/" + c.sha256;
    c.now_ms = now;
    c.analysis = std::move(analysis);
    Status st = store_->CommitImage(c);
    EXPECT_TRUE(st.ok()) << st.ToString();
  }

  std::string StateOf(const std::string& url, const std::string& kind) {
    return FrontierState(db(), url, kind);
  }

  std::unique_ptr<Store> store_;
  int64_t source_ = 0;
};

}  // namespace harrier::store::testing

#endif  // HARRIER_STORE_STORE_TEST_UTIL_H_
