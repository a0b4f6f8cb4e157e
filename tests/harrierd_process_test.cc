// End to end with the real harrierd and harrier binaries over the bundled
// demo site on 127.0.0.1: systemd notifications, SIGTERM, kill -9 mid-pass,
// a broken config, an expired authorisation, the CLI search and evidence.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <httplib.h>  // the review UI test
#include <netinet/in.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include "config/loader.h"
#include "core/sha256.h"
#include "daemon/blob_store.h"
#include "daemon/collector.h"
#include "imageproc/fingerprint.h"
#include "scrapers/curl_fetcher.h"
#include "tests/demo_site_support.h"
#include "tests/support/fixture_server.h"
#include "tests/support/socks5_proxy.h"

namespace harrier {
namespace {

using namespace std::chrono_literals;
using namespace demo_site;  // NOLINT: the suite's own shared helpers
using nlohmann::json;
namespace fs = std::filesystem;

// ---- the real binaries ------------------------------------------------------

// Writes harrier.toml + sources/demo.toml into `dir`, pointed at `base_url`.
std::string WriteDemoConfig(const std::string& dir, const std::string& base_url) {
  fs::create_directories(dir + "/sources");
  std::string toml = ReadAll(kSrc + "/config/harrier.toml");
  // The gazetteer and rules stay where the shipped config points: named
  // relative to config/, so absolute here.
  for (const std::string key : {"gazetteer = \"", "indicators = \""}) {
    const size_t at = toml.find("\n" + key);
    EXPECT_NE(at, std::string::npos) << key;
    if (at != std::string::npos) toml.insert(at + 1 + key.size(), kSrc + "/config/");
  }
  std::ofstream(dir + "/harrier.toml") << toml;
  std::string demo = ReadAll(kSrc + "/config/sources/demo.toml");
  const std::string shipped = "http://127.0.0.1:18089";
  size_t at = demo.find(shipped);
  EXPECT_NE(at, std::string::npos);
  demo.replace(at, shipped.size(), base_url);
  std::ofstream(dir + "/sources/demo.toml") << demo;
  return dir + "/harrier.toml";
}

// A datagram socket standing in for systemd's NOTIFY_SOCKET.
class NotifySocket {
 public:
  explicit NotifySocket(const std::string& path) : path_(path) {
    fd_ = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::snprintf(addr.sun_path, sizeof addr.sun_path, "%s", path.c_str());
    EXPECT_EQ(bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    reader_ = std::thread([this] {
      char buf[4096];
      for (;;) {
        ssize_t n = recv(fd_, buf, sizeof buf, 0);
        if (n <= 0) return;
        std::string msg(buf, static_cast<size_t>(n));
        if (msg == "QUIT") return;
        std::lock_guard<std::mutex> lock(mu_);
        messages_.push_back(msg);
        cv_.notify_all();
      }
    });
  }
  ~NotifySocket() {
    int s = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::snprintf(addr.sun_path, sizeof addr.sun_path, "%s", path_.c_str());
    sendto(s, "QUIT", 4, 0, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    close(s);
    reader_.join();
    close(fd_);
  }
  // Waits (bounded) until a message starting with `prefix` has arrived.
  bool WaitFor(const std::string& prefix, std::chrono::seconds limit) {
    std::unique_lock<std::mutex> lock(mu_);
    return cv_.wait_for(lock, limit, [&] { return Has(prefix); });
  }
  bool Seen(const std::string& prefix) {
    std::lock_guard<std::mutex> lock(mu_);
    return Has(prefix);
  }

 private:
  bool Has(const std::string& prefix) const {
    for (const auto& m : messages_) {
      if (m.rfind(prefix, 0) == 0 || m.find("\n" + prefix) != std::string::npos) return true;
    }
    return false;
  }
  std::string path_;
  int fd_ = -1;
  std::thread reader_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::string> messages_;
};

// Starts a program with extra environment; stderr goes to `err_path`.
// Everything is prepared before fork(): the child only calls dup2 and execve.
pid_t Spawn(const std::vector<std::string>& args, const std::vector<std::string>& env,
            const std::string& err_path) {
  std::vector<std::string> env_strings = env;
  for (char** e = environ; *e != nullptr; ++e) env_strings.emplace_back(*e);
  std::vector<char*> envp, argv;
  for (auto& e : env_strings) envp.push_back(e.data());
  envp.push_back(nullptr);
  std::vector<std::string> arg_strings = args;
  for (auto& a : arg_strings) argv.push_back(a.data());
  argv.push_back(nullptr);
  int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  pid_t pid = fork();
  if (pid == 0) {
    if (err >= 0) dup2(err, 2);
    execve(argv[0], argv.data(), envp.data());
    _exit(127);
  }
  if (err >= 0) close(err);
  return pid;
}

// Waits for the child up to `limit`; kills it and returns -1 if it overruns.
int WaitExit(pid_t pid, std::chrono::seconds limit) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  int status = 0;
  while (waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      return -1;
    }
    std::this_thread::sleep_for(20ms);  // polling another process, not a test wait
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

class HarrierdProcessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(server_.Start(0));
    config_ = WriteDemoConfig(dir_.path() + "/etc", server_.base_url());
    state_ = dir_.path() + "/state";
  }
  std::vector<std::string> Harrierd(bool once) {
    std::vector<std::string> a = {HARRIERD_PATH, "--config", config_, "--state-dir", state_};
    if (once) a.push_back("--until-first-pass");
    return a;
  }
  int64_t CountDocuments() {
    auto s = store::Store::Open({state_ + "/harrier.db", /*read_only=*/true});
    if (!s.ok()) return 0;
    auto docs = (*s)->ListDocuments();
    return docs.ok() ? static_cast<int64_t>(docs->size()) : 0;
  }

  testing::FixtureServer server_{kSite};
  testing::TempDir dir_;
  std::string config_;
  std::string state_;
};

TEST_F(HarrierdProcessTest, NotifiesSystemdReadyWatchdogAndStoppingAndCollectsDemoSite) {
  NotifySocket notify(dir_.path() + "/notify.sock");
  pid_t pid = Spawn(Harrierd(true),
                    {"NOTIFY_SOCKET=" + dir_.path() + "/notify.sock", "WATCHDOG_USEC=300000"},
                    dir_.path() + "/harrierd.err");
  EXPECT_EQ(WaitExit(pid, 120s), 0) << ReadAll(dir_.path() + "/harrierd.err");
  EXPECT_TRUE(notify.WaitFor("READY=1", 5s));
  EXPECT_TRUE(notify.WaitFor("STOPPING=1", 5s));
  EXPECT_TRUE(notify.Seen("WATCHDOG=1"));
  auto s = store::Store::Open({state_ + "/harrier.db"});
  ASSERT_TRUE(s.ok());
  ExpectStoreMatchesTruth(**s);
}

TEST_F(HarrierdProcessTest, StopsCleanlyOnSigterm) {
  NotifySocket notify(dir_.path() + "/notify.sock");
  pid_t pid = Spawn(Harrierd(false), {"NOTIFY_SOCKET=" + dir_.path() + "/notify.sock"},
                    dir_.path() + "/harrierd.err");
  ASSERT_TRUE(notify.WaitFor("READY=1", 30s)) << ReadAll(dir_.path() + "/harrierd.err");
  kill(pid, SIGTERM);
  EXPECT_EQ(WaitExit(pid, 30s), 0) << ReadAll(dir_.path() + "/harrierd.err");
  EXPECT_TRUE(notify.WaitFor("STOPPING=1", 5s));
}

TEST_F(HarrierdProcessTest, KillNineMidPassLosesNoCommittedFinding) {
  // Hold every advert page after the 12th until the daemon has been killed.
  std::mutex mu;
  std::condition_variable cv;
  bool open = false;
  std::atomic<int> adverts{0};
  server_.SetBeforeRequest([&](const std::string& path) {
    if (path.rfind("/advert/", 0) != 0 || ++adverts <= 12) return;
    std::unique_lock<std::mutex> lock(mu);
    cv.wait_for(lock, 60s, [&] { return open; });
  });
  pid_t pid = Spawn(Harrierd(true), {}, dir_.path() + "/harrierd.err");
  auto deadline = std::chrono::steady_clock::now() + 60s;
  while (CountDocuments() < 12 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(20ms);  // polling another process's database
  }
  std::vector<store::DocumentSummary> acknowledged;
  {
    auto s = store::Store::Open({state_ + "/harrier.db", true});
    ASSERT_TRUE(s.ok());
    acknowledged = *(*s)->ListDocuments();
  }
  ASSERT_GE(acknowledged.size(), 12u);
  kill(pid, SIGKILL);
  waitpid(pid, nullptr, 0);
  {
    std::lock_guard<std::mutex> lock(mu);
    open = true;
  }
  cv.notify_all();

  pid = Spawn(Harrierd(true), {}, dir_.path() + "/harrierd2.err");
  ASSERT_EQ(WaitExit(pid, 120s), 0) << ReadAll(dir_.path() + "/harrierd2.err");
  auto s = store::Store::Open({state_ + "/harrier.db"});
  ASSERT_TRUE(s.ok());
  ExpectIntegrityOk(**s);
  ExpectStoreMatchesTruth(**s);
  auto after = (*s)->ListDocuments();
  for (const auto& before : acknowledged) {
    bool kept = false;
    for (const auto& d : *after) kept |= d.id == before.id && d.url == before.url;
    EXPECT_TRUE(kept) << before.url;
  }
}

// R22: kill -9 at many moments of a pass. After every kill the database is
// intact and holds every advert acknowledged before it; at the end the store
// matches the truth exactly (no duplicates) and every capture's WARC span
// still verifies, however torn the tails of the WARC files are.
TEST_F(HarrierdProcessTest, TwentyKillNinesAtRandomMomentsLoseNothingAndEveryWarcSpanVerifies) {
  // Slow the site a little so a pass lasts long enough to be killed in.
  server_.SetBeforeRequest([](const std::string&) { std::this_thread::sleep_for(3ms); });
  std::mt19937 random(20261122);
  std::uniform_int_distribution<int> moment_ms(20, 400);
  std::set<std::string> acknowledged;
  for (int kill_number = 0; kill_number < 20; ++kill_number) {
    pid_t pid = Spawn(Harrierd(true), {}, dir_.path() + "/harrierd.err");
    std::this_thread::sleep_for(std::chrono::milliseconds(moment_ms(random)));
    {
      auto s = store::Store::Open({state_ + "/harrier.db", true});
      if (s.ok()) {
        auto docs = (*s)->ListDocuments();
        if (docs.ok()) {
          for (const auto& d : *docs) acknowledged.insert(d.url);
        }
      }
    }
    kill(pid, SIGKILL);
    waitpid(pid, nullptr, 0);
    auto s = store::Store::Open({state_ + "/harrier.db"});
    if (!s.ok()) continue;  // killed before the database was created
    ExpectIntegrityOk(**s);
    std::set<std::string> now;
    auto docs = (*s)->ListDocuments();
    ASSERT_TRUE(docs.ok());
    for (const auto& d : *docs) now.insert(d.url);
    for (const std::string& url : acknowledged) {
      EXPECT_TRUE(now.count(url)) << "lost after kill " << kill_number << ": " << url;
    }
  }
  pid_t pid = Spawn(Harrierd(true), {}, dir_.path() + "/harrierd.err");
  ASSERT_EQ(WaitExit(pid, 120s), 0) << ReadAll(dir_.path() + "/harrierd.err");
  auto s = store::Store::Open({state_ + "/harrier.db"});
  ASSERT_TRUE(s.ok());
  ExpectIntegrityOk(**s);
  ExpectStoreMatchesTruth(**s);
  std::string spans;
  sqlite3_stmt* q = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2((*s)->RawHandleForTesting(),
                               "SELECT warc_file, warc_offset, warc_length FROM capture", -1, &q,
                               nullptr),
            SQLITE_OK);
  while (sqlite3_step(q) == SQLITE_ROW) {
    spans += " --span '" + state_ + "/data/warc/" +
             reinterpret_cast<const char*>(sqlite3_column_text(q, 0)) + ":" +
             std::to_string(sqlite3_column_int64(q, 1)) + ":" +
             std::to_string(sqlite3_column_int64(q, 2)) + "'";
  }
  sqlite3_finalize(q);
  json checked = json::parse(RunCapture("python3 " + kSrc + "/tests/tools/warc_check.py" + spans));
  EXPECT_TRUE(checked["ok"].get<bool>()) << checked.dump(2);
}

TEST_F(HarrierdProcessTest, BrokenConfigRefusesToStartNamingFileLineAndKey) {
  std::string toml = ReadAll(config_);
  size_t at = toml.find("parse_workers");
  ASSERT_NE(at, std::string::npos);
  size_t eol = toml.find('\n', at);
  toml.replace(at, eol - at, "parse_workers = \"two\"");
  std::ofstream(config_) << toml;
  pid_t pid = Spawn(Harrierd(true), {}, dir_.path() + "/harrierd.err");
  EXPECT_EQ(WaitExit(pid, 30s), 2);
  std::string err = ReadAll(dir_.path() + "/harrierd.err");
  EXPECT_NE(err.find("harrier.toml:"), std::string::npos) << err;
  EXPECT_NE(err.find("parse_workers"), std::string::npos) << err;
  EXPECT_EQ(server_.TotalRequests(), 0);
  EXPECT_FALSE(fs::exists(state_ + "/harrier.db"));
}

TEST_F(HarrierdProcessTest, CliSearchFindsEveryAdvertSharingAPhoneTypedAnyWay) {
  pid_t pid = Spawn(Harrierd(true), {}, dir_.path() + "/harrierd.err");
  ASSERT_EQ(WaitExit(pid, 120s), 0) << ReadAll(dir_.path() + "/harrierd.err");
  // The truth's most shared phone, typed in national format with spaces.
  std::string phone;
  size_t most = 0;
  for (const auto& [e164, ids] : Truth()["phones"].items()) {
    if (ids.size() > most) most = ids.size(), phone = e164;
  }
  ASSERT_GE(most, 2u);
  std::string national = "0" + phone.substr(3, 4) + " " + phone.substr(7);
  std::string out = RunCapture(std::string(HARRIER_CLI_PATH) + " --db " + state_ +
                               "/harrier.db --json search phone '" + national +
                               "' --reason 'OP-TEST-1 shared number'");
  json j = json::parse(out);
  EXPECT_EQ(j["value"], phone);
  EXPECT_EQ(j["adverts"].size(), most);
  std::string table =
      RunCapture(std::string(HARRIER_CLI_PATH) + " --db " + state_ + "/harrier.db show advert 1");
  EXPECT_NE(table.find("captures (evidence):"), std::string::npos) << table;
  // Both consultations are in the audit log with the reason given after the
  // subcommand, and the chain still verifies.
  auto s = store::Store::Open({state_ + "/harrier.db"});
  ASSERT_TRUE(s.ok());
  auto rows = (*s)->ListAudit(2);
  ASSERT_TRUE(rows.ok() && rows->size() == 2u);
  EXPECT_EQ((*rows)[0].action, "consultation.show");
  EXPECT_EQ((*rows)[1].action, "consultation.search");
  EXPECT_EQ(json::parse((*rows)[1].detail)["reason"], "OP-TEST-1 shared number");
  EXPECT_EQ(*(*s)->VerifyAuditChain(), 0);
}

// R18: a source whose authorisation has expired is not fetched at all, and
// both the log and `harrier status` say why.
TEST_F(HarrierdProcessTest, ExpiredAuthorisationFetchesNothingAndStatusSaysWhy) {
  const std::string profile = dir_.path() + "/etc/sources/demo.toml";
  std::string demo = ReadAll(profile);
  const std::string far = "expires = 2099-12-31";
  size_t at = demo.find(far);
  ASSERT_NE(at, std::string::npos);
  demo.replace(at, far.size(), "expires = 2026-01-31");
  std::ofstream(profile) << demo;
  pid_t pid = Spawn(Harrierd(true), {}, dir_.path() + "/harrierd.err");
  ASSERT_EQ(WaitExit(pid, 60s), 0) << ReadAll(dir_.path() + "/harrierd.err");
  EXPECT_EQ(server_.TotalRequests(), 0);
  const std::string log = ReadAll(dir_.path() + "/harrierd.err");
  EXPECT_NE(log.find("authorisation DEMO-0001 expired at the end of 2026-01-31"), std::string::npos)
      << log;
  const std::string status =
      RunCapture(std::string(HARRIER_CLI_PATH) + " --db " + state_ + "/harrier.db status");
  EXPECT_NE(status.find("REFUSED"), std::string::npos) << status;
  EXPECT_NE(status.find("expired at the end of 2026-01-31"), std::string::npos) << status;
  json j = json::parse(
      RunCapture(std::string(HARRIER_CLI_PATH) + " --db " + state_ + "/harrier.db --json status"));
  EXPECT_EQ(j["sources"][0]["authorisation"]["expires"], "2026-01-31");
  EXPECT_NE(j["sources"][0]["state"].get<std::string>().find("refused"), std::string::npos);
}

// The continuity bundle from the real binaries: harrierd collects, then
// `harrier evidence` exports one advert; the disclosure is audited first and
// the bundle verifies with sha256sum and the independent WARC reader.
TEST_F(HarrierdProcessTest, EvidenceBundleOfAnAdvertVerifiesAndIsAudited) {
  pid_t pid = Spawn(Harrierd(true), {}, dir_.path() + "/harrierd.err");
  ASSERT_EQ(WaitExit(pid, 120s), 0) << ReadAll(dir_.path() + "/harrierd.err");
  const std::string out_dir = dir_.path() + "/bundles";
  fs::create_directories(out_dir);
  const std::string printed =
      RunCapture(std::string(HARRIER_CLI_PATH) + " --config " + config_ + " --state-dir " + state_ +
                 " evidence 1 --out " + out_dir +
                 " --reason 'OP-TEST-1 continuity' --recipient 'CPS case team'");
  std::vector<fs::path> bundles;
  for (const auto& e : fs::directory_iterator(out_dir)) bundles.push_back(e.path());
  ASSERT_EQ(bundles.size(), 1u) << printed;
  const fs::path bundle = bundles.front();
  EXPECT_NE(printed.find(bundle.filename().string()), std::string::npos) << printed;
  const std::string sums =
      RunCapture("cd '" + bundle.string() + "' && sha256sum -c SHA256SUMS 2>&1; echo rc=$?");
  EXPECT_NE(sums.find("rc=0"), std::string::npos) << sums;
  json checked = json::parse(RunCapture("python3 " + kSrc + "/tests/tools/warc_check.py '" +
                                        bundle.string() + "/records.warc.gz'"));
  EXPECT_TRUE(checked["ok"].get<bool>()) << checked.dump(2);
  json manifest = json::parse(ReadAll(bundle.string() + "/manifest.json"));
  std::set<std::string> roles;
  for (const auto& c : manifest["captures"]) {
    roles.insert(c["role"].get<std::string>());
    EXPECT_EQ(c["egress"], "direct");
    EXPECT_TRUE(c["fetched_at"].get<std::string>().ends_with("Z")) << c.dump();
  }
  EXPECT_EQ(roles, (std::set<std::string>{"advert", "image"}));
  auto s = store::Store::Open({state_ + "/harrier.db"});
  ASSERT_TRUE(s.ok());
  auto rows = (*s)->ListAudit(1);
  ASSERT_TRUE(rows.ok() && rows->size() == 1u);
  EXPECT_EQ((*rows)[0].action, "disclosure.evidence_bundle");
  EXPECT_EQ(json::parse((*rows)[0].detail)["reason"], "OP-TEST-1 continuity");
  EXPECT_EQ(*(*s)->VerifyAuditChain(), 0);
}

// [ui] enabled: harrierd serves the review UI on a thread of its own, with
// the marking on the login page, and still stops cleanly on SIGTERM.
TEST_F(HarrierdProcessTest, ServesTheReviewUiWhenEnabledAndStopsOnSigterm) {
  std::ofstream(config_, std::ios::app) << "\n[ui]\nenabled = true\nport = 0\n";
  NotifySocket notify(dir_.path() + "/notify.sock");
  const std::string err = dir_.path() + "/harrierd.err";
  pid_t pid = Spawn(Harrierd(false), {"NOTIFY_SOCKET=" + dir_.path() + "/notify.sock"}, err);
  ASSERT_TRUE(notify.WaitFor("READY=1", 30s)) << ReadAll(err);
  const std::string log = ReadAll(err);  // READY follows the UI's start line
  const std::string marker = "review UI on http://127.0.0.1:";
  const size_t at = log.find(marker);
  ASSERT_NE(at, std::string::npos) << log;
  const int port = std::stoi(log.substr(at + marker.size()));
  httplib::Client ui("127.0.0.1", port);
  httplib::Result login = ui.Get("/login");
  ASSERT_TRUE(login);
  EXPECT_EQ(login->status, 200);
  EXPECT_NE(login->body.find("id=\"marking-top\">OFFICIAL-SENSITIVE<"), std::string::npos);
  kill(pid, SIGTERM);
  EXPECT_EQ(WaitExit(pid, 30s), 0) << ReadAll(err);
  EXPECT_FALSE(ui.Get("/login"));  // the UI stopped with the daemon
}

}  // namespace
}  // namespace harrier
