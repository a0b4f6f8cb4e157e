// Opening, migrations, transactions, sources and runs, the audit chain, and
// crash safety under SIGKILL. Frontier and commit tests are in
// store_frontier_test.cc; reads in store_queries_test.cc.
#include "store/store.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <random>
#include <set>
#include <stdexcept>

#include "store/migrations.h"
#include "store/store_test_util.h"

namespace harrier::store {
namespace {

using testing::ExecSql;
using testing::kT0;
using testing::OpenOrFail;
using testing::QueryInt;
using testing::QueryText;
using testing::StoreFixture;
using testing::TempDir;

// ---- opening and migrations -------------------------------------------------

TEST(StoreOpenTest, FreshDatabaseIsAtLatestVersionWithEveryTable) {
  TempDir dir;
  ASSERT_TRUE(dir.ok());
  auto store = OpenOrFail({dir.File("harrier.db")});
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->SchemaVersion(), Store::LatestSchemaVersion());
  EXPECT_GE(Store::LatestSchemaVersion(), 1);
  sqlite3* db = store->RawHandleForTesting();
  EXPECT_EQ(QueryInt(db, "SELECT COUNT(*) FROM schema_migrations"), Store::LatestSchemaVersion());
  for (const char* table :
       {"source", "run", "frontier", "capture", "document", "document_version", "selector",
        "mention", "image", "document_image", "document_capture", "audit"}) {
    EXPECT_EQ(QueryInt(db, std::string("SELECT COUNT(*) FROM sqlite_schema WHERE type = 'table' "
                                       "AND name = '") +
                               table + "'"),
              1)
        << table;
  }
}

TEST(StoreOpenTest, ReopeningAppliesNothingAndKeepsData) {
  TempDir dir;
  ASSERT_TRUE(dir.ok());
  std::string applied;
  {
    auto store = OpenOrFail({dir.File("harrier.db")});
    ASSERT_NE(store, nullptr);
    ASSERT_TRUE(store->UpsertSource("demo", "site", "").ok());
    applied =
        QueryText(store->RawHandleForTesting(),
                  "SELECT group_concat(version || '@' || applied_at_ms) FROM schema_migrations");
  }
  auto store = OpenOrFail({dir.File("harrier.db")});
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->SchemaVersion(), Store::LatestSchemaVersion());
  EXPECT_EQ(
      QueryText(store->RawHandleForTesting(),
                "SELECT group_concat(version || '@' || applied_at_ms) FROM schema_migrations"),
      applied);
  Result<std::vector<SourceRow>> sources = store->ListSources();
  ASSERT_TRUE(sources.ok());
  ASSERT_EQ(sources->size(), 1u);
  EXPECT_EQ((*sources)[0].name, "demo");
}

TEST(StoreOpenTest, DatabaseFromANewerBinaryIsRefused) {
  TempDir dir;
  ASSERT_TRUE(dir.ok());
  const std::string path = dir.File("harrier.db");
  {
    auto store = OpenOrFail({path});
    ASSERT_NE(store, nullptr);
    ASSERT_EQ(ExecSql(store->RawHandleForTesting(),
                      "INSERT INTO schema_migrations(version, applied_at_ms) VALUES (999, 0)"),
              SQLITE_OK);
  }
  for (bool read_only : {false, true}) {
    Result<std::unique_ptr<Store>> store = Store::Open({path, read_only});
    ASSERT_FALSE(store.ok()) << "read_only=" << read_only;
    EXPECT_EQ(store.status().code(), StatusCode::kRejected);
    EXPECT_NE(store.status().message().find("open store " + path + ": "), std::string::npos)
        << store.status().message();
    EXPECT_NE(store.status().message().find("999 is newer"), std::string::npos)
        << store.status().message();
  }
}

TEST(StoreOpenTest, FailingMigrationIsRolledBackWhole) {
  auto store = OpenOrFail({":memory:"});
  ASSERT_NE(store, nullptr);
  sqlite3* db = store->RawHandleForTesting();
  const int next = Store::LatestSchemaVersion() + 1;
  std::vector<Migration> bad(CompiledMigrations().begin(), CompiledMigrations().end());
  bad.push_back({next, "CREATE TABLE extra (x INTEGER); INSERT INTO missing VALUES (1);"});
  Status st = ApplyMigrations(db, bad);
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("apply migration " + std::to_string(next)), std::string::npos)
      << st.message();
  EXPECT_EQ(*AppliedSchemaVersion(db), next - 1);
  EXPECT_EQ(QueryInt(db, "SELECT COUNT(*) FROM sqlite_schema WHERE name = 'extra'"), 0);

  std::vector<Migration> good(CompiledMigrations().begin(), CompiledMigrations().end());
  good.push_back({next, "CREATE TABLE extra (x INTEGER);"});
  ASSERT_TRUE(ApplyMigrations(db, good).ok());
  EXPECT_EQ(*AppliedSchemaVersion(db), next);
  EXPECT_EQ(QueryInt(db, "SELECT COUNT(*) FROM sqlite_schema WHERE name = 'extra'"), 1);
}

// A database written by the first release (schema 1) is upgraded in place:
// its frontier rows survive the table rebuild and sitemap items are allowed.
TEST(StoreOpenTest, VersionOneDatabaseUpgradesKeepingItsFrontier) {
  TempDir dir;
  ASSERT_TRUE(dir.ok());
  const std::string path = dir.File("v1.db");
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    const Migration first[] = {CompiledMigrations()[0]};
    ASSERT_TRUE(ApplyMigrations(db, first).ok());
    ASSERT_EQ(
        sqlite3_exec(db,
                     "INSERT INTO source(id, name, kind, created_ms) VALUES (1, 's', 'site', 0);"
                     "INSERT INTO run(id, source_id, started_ms) VALUES (1, 1, 0);"
                     "INSERT INTO frontier(source_id, run_id, url, kind, state, updated_ms) "
                     "VALUES (1, 1, 'http://a.test/', 'listing', 'pending', 0);",
                     nullptr, nullptr, nullptr),
        SQLITE_OK);
    sqlite3_close(db);
  }
  auto store = OpenOrFail({path});
  ASSERT_NE(store, nullptr);
  sqlite3* db = store->RawHandleForTesting();
  EXPECT_EQ(*AppliedSchemaVersion(db), Store::LatestSchemaVersion());
  EXPECT_EQ(QueryInt(db, "SELECT COUNT(*) FROM frontier WHERE url = 'http://a.test/'"), 1);
  Result<int> queued =
      store->Enqueue(1, 1, {"http://a.test/sitemap.xml"}, FrontierKind::kSitemap, 0, 5);
  ASSERT_TRUE(queued.ok()) << queued.status().ToString();
  EXPECT_EQ(*queued, 1);
}

// A schema 2 database gets selector details and the indicator tables; its
// selectors keep their ids and get an empty detail.
TEST(StoreOpenTest, VersionTwoDatabaseUpgradesKeepingItsSelectors) {
  TempDir dir;
  ASSERT_TRUE(dir.ok());
  const std::string path = dir.File("v2.db");
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    const Migration two[] = {CompiledMigrations()[0], CompiledMigrations()[1]};
    ASSERT_TRUE(ApplyMigrations(db, two).ok());
    ASSERT_EQ(sqlite3_exec(db,
                           "INSERT INTO selector(id, kind, value, first_seen_ms) "
                           "VALUES (7, 'phone', '+447700900123', 0);",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(db);
  }
  auto store = OpenOrFail({path});
  ASSERT_NE(store, nullptr);
  sqlite3* db = store->RawHandleForTesting();
  EXPECT_EQ(*AppliedSchemaVersion(db), Store::LatestSchemaVersion());
  EXPECT_EQ(QueryText(db, "SELECT value || '|' || detail FROM selector WHERE id = 7"),
            "+447700900123|");
  EXPECT_EQ(QueryInt(db, "SELECT COUNT(*) FROM indicator_score"), 0);
  EXPECT_EQ(QueryInt(db, "SELECT COUNT(*) FROM indicator_hit"), 0);
}

TEST(StoreOpenTest, MigrationListWithAGapIsAnError) {
  auto store = OpenOrFail({":memory:"});
  ASSERT_NE(store, nullptr);
  const Migration gap[] = {CompiledMigrations()[0], {3, "CREATE TABLE extra (x INTEGER);"}};
  EXPECT_EQ(ApplyMigrations(store->RawHandleForTesting(), gap).code(), StatusCode::kInternal);
}

TEST(StoreOpenTest, ConnectionSettingsAreApplied) {
  TempDir dir;
  ASSERT_TRUE(dir.ok());
  auto store = OpenOrFail({dir.File("harrier.db")});
  ASSERT_NE(store, nullptr);
  sqlite3* db = store->RawHandleForTesting();
  const struct {
    const char* pragma;
    const char* want;
  } kCases[] = {
      {"PRAGMA journal_mode", "wal"}, {"PRAGMA foreign_keys", "1"},    {"PRAGMA synchronous", "2"},
      {"PRAGMA trusted_schema", "0"}, {"PRAGMA busy_timeout", "5000"},
  };
  for (const auto& c : kCases) EXPECT_EQ(QueryText(db, c.pragma), c.want) << c.pragma;
  int defensive = -1;
  ASSERT_EQ(sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, -1, &defensive), SQLITE_OK);
  EXPECT_EQ(defensive, 1);
}

TEST(StoreOpenTest, FileThatIsNotADatabaseIsCorruptAndNamed) {
  TempDir dir;
  ASSERT_TRUE(dir.ok());
  const std::string path = dir.File("harrier.db");
  {
    std::ofstream out(path, std::ios::binary);
    for (int i = 0; i < 256; ++i) out << "this is not an SQLite database\n";
  }
  Result<std::unique_ptr<Store>> store = Store::Open({path});
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kCorrupt);
  EXPECT_EQ(store.status().message().rfind("open store " + path + ": ", 0), 0u)
      << store.status().message();
}

TEST(StoreOpenTest, UnopenablePathIsAnIoErrorNamingThePath) {
  const std::string path = "/nonexistent-harrier-dir/harrier.db";
  for (bool read_only : {false, true}) {
    Result<std::unique_ptr<Store>> store = Store::Open({path, read_only});
    ASSERT_FALSE(store.ok());
    EXPECT_EQ(store.status().code(), StatusCode::kIoError);
    EXPECT_EQ(store.status().message().rfind("open store " + path + ": ", 0), 0u)
        << store.status().message();
  }
}

TEST(StoreOpenTest, ReadOnlyStoreReadsWhileWriterIsOpenButCannotWrite) {
  TempDir dir;
  ASSERT_TRUE(dir.ok());
  const std::string path = dir.File("harrier.db");
  auto writer = OpenOrFail({path});
  ASSERT_NE(writer, nullptr);
  ASSERT_TRUE(writer->UpsertSource("demo", "site", "").ok());
  auto reader = OpenOrFail({path, /*read_only=*/true});
  ASSERT_NE(reader, nullptr);
  Result<std::vector<SourceRow>> sources = reader->ListSources();
  ASSERT_TRUE(sources.ok()) << sources.status().ToString();
  EXPECT_EQ(sources->size(), 1u);
  Result<int64_t> upsert = reader->UpsertSource("other", "site", "");
  EXPECT_FALSE(upsert.ok());
  EXPECT_EQ(upsert.status().code(), StatusCode::kIoError) << upsert.status().ToString();
}

// ---- transactions --------------------------------------------------------------

class StoreTransactionTest : public StoreFixture {
 protected:
  std::set<std::string> SourceNames() {
    std::set<std::string> names;
    Result<std::vector<SourceRow>> sources = store_->ListSources();
    EXPECT_TRUE(sources.ok());
    if (sources.ok()) {
      for (const SourceRow& s : *sources) names.insert(s.name);
    }
    return names;
  }
};

TEST_F(StoreTransactionTest, FailedBodyRollsBackEverything) {
  Status st = store_->InTransaction([&]() -> Status {
    HARRIER_RETURN_IF_ERROR(store_->UpsertSource("a", "site", "").status());
    return Status::Internal("boom");
  });
  EXPECT_EQ(st.code(), StatusCode::kInternal);
  EXPECT_EQ(SourceNames(), (std::set<std::string>{"demo"}));
}

Status OkStatus(const Result<int64_t>& r) { return r.ok() ? Status::Ok() : r.status(); }

TEST_F(StoreTransactionTest, NestedFailureUndoesOnlyItsOwnPart) {
  Status st = store_->InTransaction([&]() -> Status {
    HARRIER_RETURN_IF_ERROR(OkStatus(store_->UpsertSource("a", "site", "")));
    Status inner = store_->InTransaction([&]() -> Status {
      HARRIER_RETURN_IF_ERROR(OkStatus(store_->UpsertSource("b", "site", "")));
      return Status::Internal("inner failed");
    });
    EXPECT_FALSE(inner.ok());
    return OkStatus(store_->UpsertSource("c", "site", ""));
  });
  EXPECT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(SourceNames(), (std::set<std::string>{"a", "c", "demo"}));
}

TEST_F(StoreTransactionTest, ExceptionInBodyBecomesStatusAndRollsBack) {
  Status st = store_->InTransaction([&]() -> Status {
    HARRIER_RETURN_IF_ERROR(OkStatus(store_->UpsertSource("a", "site", "")));
    throw std::runtime_error("thrown");
  });
  EXPECT_EQ(st.code(), StatusCode::kInternal);
  EXPECT_EQ(SourceNames(), (std::set<std::string>{"demo"}));
  EXPECT_TRUE(store_->UpsertSource("after", "site", "").ok());  // no transaction left open
}

// ---- sources and runs -----------------------------------------------------------

class StoreSourceTest : public StoreFixture {};

TEST_F(StoreSourceTest, UpsertSourceIsIdempotentAndUpdatesTheProfile) {
  Result<int64_t> again = store_->UpsertSource("demo", "site", "DSA-2");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, source_);
  Result<std::vector<SourceRow>> sources = store_->ListSources();
  ASSERT_TRUE(sources.ok());
  ASSERT_EQ(sources->size(), 1u);
  EXPECT_EQ((*sources)[0].authorisation_ref, "DSA-2");
  EXPECT_FALSE((*sources)[0].last_run_started_ms.has_value());
}

TEST_F(StoreSourceTest, SetNextRunStoresTimeAndRejectsUnknownSource) {
  ASSERT_TRUE(store_->SetNextRun(source_, kT0 + 60000).ok());
  EXPECT_EQ(store_->ListSources()->at(0).next_run_ms, kT0 + 60000);
  EXPECT_EQ(store_->SetNextRun(999, kT0).code(), StatusCode::kNotFound);
}

TEST_F(StoreSourceTest, FinishRunRecordsTimesAndErrorOnRunAndSource) {
  int64_t run = StartRun({"https://ex.test/"}, kT0);
  EXPECT_EQ(*store_->OpenRun(source_), run);
  ASSERT_TRUE(store_->FinishRun(run, kT0 + 5000, "robots.txt unreachable").ok());
  EXPECT_EQ(*store_->OpenRun(source_), std::nullopt);
  SourceRow s = store_->ListSources()->at(0);
  EXPECT_EQ(s.last_run_started_ms, kT0);
  EXPECT_EQ(s.last_run_finished_ms, kT0 + 5000);
  EXPECT_EQ(s.last_error, "robots.txt unreachable");
  EXPECT_EQ(QueryText(db(), "SELECT finished_ms || ' ' || error FROM run"),
            std::to_string(kT0 + 5000) + " robots.txt unreachable");
  EXPECT_EQ(store_->FinishRun(999, kT0, "").code(), StatusCode::kNotFound);
}

// ---- audit -----------------------------------------------------------------------

class StoreAuditTest : public StoreFixture {
 protected:
  void AppendFive() {
    for (int i = 1; i <= 5; ++i) {
      Status st = store_->AppendAudit({kT0 + i, "harrierd", "collection.page",
                                       "document:" + std::to_string(i),
                                       "{\"n\":" + std::to_string(i) + "}"});
      ASSERT_TRUE(st.ok()) << st.ToString();
    }
  }
};

TEST_F(StoreAuditTest, AppendedChainVerifiesFromTheGenesisHash) {
  EXPECT_EQ(*store_->VerifyAuditChain(), 0);  // empty chain
  AppendFive();
  EXPECT_EQ(*store_->VerifyAuditChain(), 0);
  EXPECT_EQ(QueryText(db(), "SELECT prev_hash FROM audit WHERE id = 1"), std::string(64, '0'));
  EXPECT_EQ(QueryInt(db(),
                     "SELECT COUNT(*) FROM audit a JOIN audit b ON b.id = a.id + 1 "
                     "WHERE b.prev_hash = a.hash"),
            4);
}

TEST_F(StoreAuditTest, UpdateAndDeleteAreRejected) {
  AppendFive();
  EXPECT_EQ(ExecSql(db(), "UPDATE audit SET detail = '{}' WHERE id = 2"), SQLITE_CONSTRAINT);
  EXPECT_EQ(ExecSql(db(), "DELETE FROM audit WHERE id = 5"), SQLITE_CONSTRAINT);
  EXPECT_EQ(QueryInt(db(), "SELECT COUNT(*) FROM audit"), 5);
  EXPECT_EQ(QueryText(db(), "SELECT detail FROM audit WHERE id = 2"), "{\"n\":2}");
}

TEST_F(StoreAuditTest, ListAuditReturnsTheNewestRowsFirst) {
  AppendFive();
  Result<std::vector<AuditRow>> rows = store_->ListAudit(2);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].id, 5);
  EXPECT_EQ((*rows)[0].at_ms, kT0 + 5);
  EXPECT_EQ((*rows)[0].actor, "harrierd");
  EXPECT_EQ((*rows)[0].action, "collection.page");
  EXPECT_EQ((*rows)[0].object, "document:5");
  EXPECT_EQ((*rows)[0].detail, "{\"n\":5}");
  EXPECT_EQ((*rows)[1].id, 4);
  EXPECT_EQ(store_->ListAudit(100)->size(), 5u);
  EXPECT_TRUE(store_->ListAudit(0)->empty());
}

TEST_F(StoreAuditTest, TamperingIsLocatedAtTheFirstBrokenRow) {
  const struct {
    const char* name;
    const char* tamper;
    int64_t want;
  } kCases[] = {
      {"detail altered", "UPDATE audit SET detail = '{\"n\":9}' WHERE id = 3", 3},
      {"one byte of the actor", "UPDATE audit SET actor = 'harrierD' WHERE id = 1", 1},
      {"time moved", "UPDATE audit SET at_ms = at_ms + 1 WHERE id = 5", 5},
      {"hash replaced", "UPDATE audit SET hash = prev_hash WHERE id = 2", 2},
      {"row deleted", "DELETE FROM audit WHERE id = 2", 3},
  };
  for (const auto& c : kCases) {
    SetUp();
    AppendFive();
    ASSERT_EQ(ExecSql(db(), "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete"),
              SQLITE_OK);
    ASSERT_EQ(ExecSql(db(), c.tamper), SQLITE_OK) << c.name;
    Result<int64_t> bad = store_->VerifyAuditChain();
    ASSERT_TRUE(bad.ok());
    EXPECT_EQ(*bad, c.want) << c.name;
  }
}

// ---- crash safety ---------------------------------------------------------------

std::string AdvertUrl(int n) { return "https://ex.test/ad/" + std::to_string(n); }

// The child: what harrierd does, as fast as it can. Each page links to the
// next, and its URL is acknowledged on the pipe only after COMMIT returned.
int CommitPagesUntilKilled(const std::string& path, int64_t run, int ack_fd) {
  Result<std::unique_ptr<Store>> opened = Store::Open({path});
  if (!opened.ok()) return 2;
  Store& store = **opened;
  if (!store.ReleaseLeases().ok()) return 3;
  for (int64_t now = kT0;; ++now) {
    Result<std::vector<FrontierItem>> items = store.LeaseFrontier(run, 1, now);
    if (!items.ok() || items->empty()) return 4;
    const FrontierItem& item = (*items)[0];
    const int n = std::stoi(item.url.substr(item.url.rfind('/') + 1));
    PageCommit page = testing::PageFor(item, now, testing::Advert(item.url, "advert body"), {},
                                       {AdvertUrl(n + 1)});
    if (!store.CommitPage(page).ok()) return 5;
    const std::string ack = item.url + "\n";  // shorter than PIPE_BUF: one atomic write
    if (write(ack_fd, ack.data(), ack.size()) != static_cast<ssize_t>(ack.size())) return 6;
  }
}

// Captures whose stored body hash is not the hash of the body the child built.
int MismatchedCaptureHashes(sqlite3* db) {
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, "SELECT url, body_sha256 FROM capture", -1, &stmt, nullptr);
  int mismatched = 0;
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    std::string url = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    std::string sha = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 1));
    if (sha != Sha256Hex(url + "advert body")) ++mismatched;
  }
  sqlite3_finalize(stmt);
  return mismatched;
}

// Reads newline-terminated acknowledgements from a pipe.
class AckReader {
 public:
  explicit AckReader(int fd) : fd_(fd) {}
  bool Next(std::string* line) {
    for (;;) {
      size_t nl = buffer_.find('\n');
      if (nl != std::string::npos) {
        *line = buffer_.substr(0, nl);
        buffer_.erase(0, nl + 1);
        return true;
      }
      char chunk[512];
      ssize_t n = read(fd_, chunk, sizeof chunk);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;
      buffer_.append(chunk, static_cast<size_t>(n));
    }
  }

 private:
  int fd_;
  std::string buffer_;
};

TEST(StoreCrashTest, AcknowledgedPagesSurviveSigkillMidCommit) {
  TempDir dir;
  ASSERT_TRUE(dir.ok());
  const std::string path = dir.File("harrier.db");
  int64_t run = 0;
  {
    auto store = OpenOrFail({path});
    ASSERT_NE(store, nullptr);
    int64_t source = *store->UpsertSource("demo", "site", "");
    run = *store->StartRun(source, {AdvertUrl(0)}, kT0);
  }
  const unsigned seed = std::random_device()();
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937 rng(seed);
  std::set<std::string> acknowledged;
  for (int round = 0; round < 4; ++round) {
    int fds[2];
    ASSERT_EQ(pipe(fds), 0);
    pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {  // no SQLite connection is open across the fork
      close(fds[0]);
      _exit(CommitPagesUntilKilled(path, run, fds[1]));
    }
    close(fds[1]);
    AckReader acks(fds[0]);
    const int kill_after = std::uniform_int_distribution<int>(1, 40)(rng);
    std::string url;
    int read_acks = 0;
    while (read_acks < kill_after && acks.Next(&url)) {
      acknowledged.insert(url);
      ++read_acks;
    }
    kill(pid, SIGKILL);
    while (acks.Next(&url)) acknowledged.insert(url);  // written before it died
    close(fds[0]);
    int wstatus = 0;
    ASSERT_EQ(waitpid(pid, &wstatus, 0), pid);
    ASSERT_TRUE(WIFSIGNALED(wstatus)) << "child exited early with " << WEXITSTATUS(wstatus);
    ASSERT_EQ(read_acks, kill_after);

    auto store = OpenOrFail({path});
    ASSERT_NE(store, nullptr);
    sqlite3* db = store->RawHandleForTesting();
    EXPECT_EQ(QueryText(db, "PRAGMA integrity_check"), "ok");
    std::set<std::string> stored;
    Result<std::vector<DocumentSummary>> docs = store->ListDocuments();
    ASSERT_TRUE(docs.ok()) << docs.status().ToString();
    for (const DocumentSummary& d : *docs) stored.insert(d.url);
    for (const std::string& u : acknowledged) {
      EXPECT_TRUE(stored.count(u)) << "acknowledged page lost: " << u;
      EXPECT_EQ(testing::FrontierState(db, u, u == AdvertUrl(0) ? "listing" : "advert"),
                "done/" + std::to_string(run))
          << u;
    }
    EXPECT_EQ(QueryInt(db, "SELECT COUNT(*) FROM document_version"), int64_t(stored.size()));
    EXPECT_EQ(QueryInt(db, "SELECT COUNT(*) FROM capture"), int64_t(stored.size()));
    EXPECT_EQ(MismatchedCaptureHashes(db), 0);
  }
}

// A schema 3 database gets the image analysis columns (empty for images it
// already holds, so they are not indexed until analysed) and the watchlist,
// match and alert tables.
TEST(StoreOpenTest, VersionThreeDatabaseUpgradesWithItsImagesUnanalysed) {
  TempDir dir;
  ASSERT_TRUE(dir.ok());
  const std::string path = dir.File("v3.db");
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    const Migration three[] = {CompiledMigrations()[0], CompiledMigrations()[1],
                               CompiledMigrations()[2]};
    ASSERT_TRUE(ApplyMigrations(db, three).ok());
    ASSERT_EQ(sqlite3_exec(db,
                           "INSERT INTO image(sha256, size, mime, blob_path, first_seen_ms) "
                           "VALUES ('ab', 3, 'image/png', 'blobs/ab', 0);",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(db);
  }
  auto store = OpenOrFail({path});
  ASSERT_NE(store, nullptr);
  sqlite3* db = store->RawHandleForTesting();
  EXPECT_EQ(*AppliedSchemaVersion(db), Store::LatestSchemaVersion());
  EXPECT_EQ(QueryText(db, "SELECT mime || '|' || pdq || '|' || rejection FROM image"),
            "image/png||");
  EXPECT_TRUE(store->ListImageHashes(0)->empty());
  EXPECT_EQ(QueryInt(db, "SELECT COUNT(*) FROM alert"), 0);
  EXPECT_EQ(QueryInt(db, "SELECT COUNT(*) FROM watchlist_image"), 0);
}

}  // namespace
}  // namespace harrier::store
