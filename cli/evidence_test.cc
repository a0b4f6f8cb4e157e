#include "cli/evidence.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "core/sha256.h"
#include "scrapers/warc_writer.h"
#include "tests/support/fixture_server.h"

namespace harrier::cli {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr int64_t kT = 1795332930123;  // 2026-11-22T07:35:30.123Z

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

struct RunResult {
  int exit_code = -1;
  std::string output;
};

RunResult RunShell(const std::string& cmd) {
  RunResult r;
  FILE* p = popen((cmd + " 2>&1").c_str(), "r");
  if (p == nullptr) return r;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.output.append(buf, n);
  int status = pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

RunResult WarcCheck(const std::string& file) {
  return RunShell("python3 '" HARRIER_SOURCE_DIR "/tests/tools/warc_check.py' '" + file + "'");
}

scrapers::HttpResponse Capture(const std::string& url, const std::string& body, int64_t at_ms) {
  scrapers::HttpResponse r;
  r.url = r.final_url = url;
  r.http_status = 200;
  r.body = body;
  r.remote_ip = "192.0.2.10";
  scrapers::HttpExchange ex;
  ex.url = url;
  ex.remote_ip = "192.0.2.10";
  ex.started_unix_ms = at_ms;
  ex.request_head = "GET " + url.substr(url.find('/', 8)) +
                    " HTTP/1.1\r\nHost: site.test\r\nUser-Agent: Harrier/0.1\r\n\r\n";
  ex.response_head =
      "HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n";
  ex.http_status = 200;
  ex.payload_is_body = true;
  r.exchanges.push_back(ex);
  return r;
}

// A data dir with real WARC files written by WarcWriter (two files: the
// limit is tiny) and one stored blob from before WARC recording.
class EvidenceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_FALSE(tmp_.path().empty());
    data_ = tmp_.path() + "/data";
    out_ = tmp_.path() + "/out";
    scrapers::WarcOptions o;
    o.dir = data_ + "/warc";
    o.max_file_bytes = 1;  // one capture per file: the bundle must gather several
    auto w = scrapers::WarcWriter::Open(o);
    ASSERT_TRUE(w.ok()) << w.status().ToString();
    writer_ = std::move(*w);
  }

  store::EvidenceCapture Add(const std::string& role, const std::string& url,
                             const std::string& body, int64_t at_ms) {
    auto span = writer_->Write(Capture(url, body, at_ms), {"demo", "DEMO-0001", 7, "direct"});
    EXPECT_TRUE(span.ok()) << span.status().ToString();
    spans_.push_back(*span);
    store::EvidenceCapture c;
    c.capture_id = static_cast<int64_t>(spans_.size());
    c.role = role;
    c.url = c.final_url = url;
    c.http_status = 200;
    c.fetched_ms = at_ms;
    c.body_sha256 = Sha256Hex(body);
    c.body_size = static_cast<int64_t>(body.size());
    c.content_type = role == "advert" ? "text/html" : "image/png";
    c.remote_ip = "192.0.2.10";
    c.egress = "socks5h://10.1.2.3:1080";
    c.warc_file = span->file;
    c.warc_offset = span->offset;
    c.warc_length = span->length;
    c.warc_record_id = span->response_record_id;
    return c;
  }

  // As GetEvidence gives it: adverts then images, newest first in each.
  store::EvidenceSet Set() {
    store::EvidenceSet e;
    e.document_id = 12;
    e.source = "demo";
    e.authorisation_ref = "DEMO-0001";
    e.url = "http://site.test/advert/12.html";
    e.title = "Leeds advert \xff (bad UTF-8 from a page)";
    e.version = 2;
    e.captures.push_back(Add("advert", e.url, "<html>v2 07700 900123</html>", kT + 5000));
    e.captures.push_back(Add("advert", e.url, "<html>v1 07700 900123</html>", kT));
    e.captures.push_back(Add("image", "http://site.test/img/1.png", "\x89PNG\r\n\x1a\n1", kT + 10));
    e.captures.push_back(Add("image", "http://site.test/img/2.png", "\x89PNG\r\n\x1a\n2", kT + 20));
    // Before WARC: only the blob.
    std::string old_body = "<html>v0 07700 900123</html>";
    store::EvidenceCapture old;
    old.capture_id = 99;
    old.role = "advert";
    old.url = old.final_url = e.url;
    old.http_status = 200;
    old.fetched_ms = kT - 86400000;
    old.body_sha256 = Sha256Hex(old_body);
    old.body_size = static_cast<int64_t>(old_body.size());
    old.egress = "direct";
    old.blob_path = "blobs/" + old.body_sha256.substr(0, 2) + "/" + old.body_sha256;
    fs::create_directories(data_ + "/blobs/" + old.body_sha256.substr(0, 2));
    std::ofstream(data_ + "/" + old.blob_path, std::ios::binary) << old_body;
    e.captures.push_back(old);
    return e;
  }

  BundleOptions Options() {
    return {data_ + "/warc",
            data_,
            out_,
            "analyst1",
            "OP-TEST-7 continuity statement",
            "CPS case 42",
            FromUnixMillis(kT + 60000)};
  }

  Result<std::string> Make(const store::EvidenceSet& e) {
    auto staged = StageEvidenceBundle(e, Options());
    if (!staged.ok()) return staged.status();
    Status st = PublishEvidenceBundle(*staged);
    if (!st.ok()) return st;
    return staged->final_path;
  }

  std::string SpanBytes(const scrapers::WarcSpan& s) {
    return ReadFile(data_ + "/warc/" + s.file).substr(s.offset, s.length);
  }

  testing::TempDir tmp_;
  std::string data_, out_;
  std::unique_ptr<scrapers::WarcWriter> writer_;
  std::vector<scrapers::WarcSpan> spans_;
};

std::set<std::string> Tree(const std::string& root) {
  std::set<std::string> out;
  if (!fs::exists(root)) return out;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    out.insert(fs::relative(e.path(), root).string());
  }
  return out;
}

TEST_F(EvidenceTest, Sha256SumsCoversEveryOtherFileAndVerifies) {
  auto path = Make(Set());
  ASSERT_TRUE(path.ok()) << path.status().ToString();
  EXPECT_EQ(*path, out_ + "/advert-12-20261122T073630Z");
  std::set<std::string> listed;
  std::istringstream sums(ReadFile(*path + "/SHA256SUMS"));
  std::string line;
  while (std::getline(sums, line)) {
    ASSERT_EQ(line.substr(64, 2), "  ") << line;
    std::string name = line.substr(66);
    EXPECT_EQ(line.substr(0, 64), Sha256Hex(ReadFile(*path + "/" + name))) << name;
    listed.insert(name);
  }
  std::set<std::string> files;
  for (const std::string& f : Tree(*path)) {
    if (fs::is_regular_file(*path + "/" + f) && f != "SHA256SUMS") files.insert(f);
  }
  EXPECT_EQ(listed, files);
  EXPECT_EQ(files, (std::set<std::string>{"README.txt", "manifest.json", "records.warc.gz",
                                          "bodies/" + Sha256Hex("<html>v0 07700 900123</html>")}));
  // And with the tool the README tells a reader to use.
  RunResult r = RunShell("cd '" + *path + "' && sha256sum -c SHA256SUMS");
  EXPECT_EQ(r.exit_code, 0) << r.output;
}

TEST_F(EvidenceTest, RecordsFileChecksOutWithTheIndependentReader) {
  auto path = Make(Set());
  ASSERT_TRUE(path.ok()) << path.status().ToString();
  RunResult r = WarcCheck(*path + "/records.warc.gz");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  // One warcinfo per original file (four here), then the four captures.
  EXPECT_NE(r.output.find("\"warcinfo\": 4"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("\"response\": 4"), std::string::npos) << r.output;
}

TEST_F(EvidenceTest, ManifestNamesEveryCaptureWithUtcTimesAndExactPositions) {
  store::EvidenceSet set = Set();
  auto path = Make(set);
  ASSERT_TRUE(path.ok()) << path.status().ToString();
  json m = json::parse(ReadFile(*path + "/manifest.json"));
  const std::regex utc(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)");
  EXPECT_EQ(m["advert"]["id"], 12);
  EXPECT_EQ(m["advert"]["url"], "http://site.test/advert/12.html");
  EXPECT_EQ(m["advert"]["source"], "demo");
  EXPECT_EQ(m["advert"]["authorisation_ref"], "DEMO-0001");
  EXPECT_NE(m["advert"]["title"].get<std::string>().find("Leeds advert"), std::string::npos);
  EXPECT_EQ(m["generated_at"], "2026-11-22T07:36:30.123Z");
  EXPECT_EQ(m["generated_by"], "analyst1");
  EXPECT_EQ(m["reason"], "OP-TEST-7 continuity statement");
  EXPECT_EQ(m["recipient"], "CPS case 42");
  EXPECT_FALSE(m["harrier_version"].get<std::string>().empty());
  std::string records = ReadFile(*path + "/records.warc.gz");
  EXPECT_EQ(m["files"]["records.warc.gz"]["sha256"], Sha256Hex(records));
  ASSERT_EQ(m["captures"].size(), 5u);
  // Advert pages oldest first (the pre-WARC one leads), then images.
  std::vector<int64_t> ids;
  for (const json& c : m["captures"]) ids.push_back(c["capture_id"]);
  EXPECT_EQ(ids, (std::vector<int64_t>{99, 2, 1, 3, 4}));
  for (const json& c : m["captures"]) {
    for (const char* key : {"role", "url", "final_url", "http_status", "fetched_at", "egress",
                            "remote_ip", "body_sha256", "body_size", "warc_record_id"}) {
      EXPECT_TRUE(c.contains(key)) << key;
    }
    EXPECT_TRUE(std::regex_match(c["fetched_at"].get<std::string>(), utc)) << c.dump();
    if (c["capture_id"] == 99) {
      EXPECT_TRUE(c["warc"].is_null());
      EXPECT_NE(c["note"].get<std::string>().find("before WARC"), std::string::npos);
      continue;
    }
    const scrapers::WarcSpan& s = spans_[c["capture_id"].get<int64_t>() - 1];
    EXPECT_EQ(c["warc"]["file"], s.file);
    EXPECT_EQ(c["warc"]["offset"], s.offset);
    EXPECT_EQ(c["warc"]["length"], s.length);
    EXPECT_EQ(c["warc_record_id"], s.response_record_id);
    EXPECT_EQ(c["egress"], "socks5h://10.1.2.3:1080");
    // The bundle's bytes are the original file's bytes.
    std::string in_bundle = records.substr(c["warc"]["bundle_offset"].get<size_t>(), s.length);
    EXPECT_EQ(in_bundle, SpanBytes(s));
    EXPECT_EQ(c["warc"]["span_sha256"], Sha256Hex(in_bundle));
  }
  EXPECT_EQ(m["captures"][1]["fetched_at"], "2026-11-22T07:35:30.123Z");
  std::string readme = ReadFile(*path + "/README.txt");
  EXPECT_NE(readme.find("sha256sum -c SHA256SUMS"), std::string::npos);
  EXPECT_NE(readme.find("warc_check.py records.warc.gz"), std::string::npos);
  EXPECT_NE(readme.find("UTC"), std::string::npos);
}

TEST_F(EvidenceTest, PreWarcCaptureGetsItsCheckedBodyCopied) {
  auto path = Make(Set());
  ASSERT_TRUE(path.ok()) << path.status().ToString();
  std::string body = "<html>v0 07700 900123</html>";
  EXPECT_EQ(ReadFile(*path + "/bodies/" + Sha256Hex(body)), body);
}

TEST_F(EvidenceTest, BundleIsPrivate) {
  auto path = Make(Set());
  ASSERT_TRUE(path.ok()) << path.status().ToString();
  struct stat st;
  ASSERT_EQ(stat(path->c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  for (const std::string& f : Tree(*path)) {
    ASSERT_EQ(stat((*path + "/" + f).c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, S_ISDIR(st.st_mode) ? 0700u : 0600u) << f;
  }
}

TEST_F(EvidenceTest, RefusesToOverwriteAnExistingBundleEvenAnEmptyOne) {
  store::EvidenceSet set = Set();
  auto first = Make(set);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  std::string manifest = ReadFile(*first + "/manifest.json");
  auto again = Make(set);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), StatusCode::kRejected);
  EXPECT_EQ(ReadFile(*first + "/manifest.json"), manifest);
  // Someone makes the name between staging and publishing: rename(2) would
  // quietly replace an empty directory; the bundle must not.
  BundleOptions later = Options();
  later.now = FromUnixMillis(kT + 120000);
  auto staged = StageEvidenceBundle(set, later);
  ASSERT_TRUE(staged.ok()) << staged.status().ToString();
  ASSERT_TRUE(fs::create_directory(staged->final_path));
  EXPECT_EQ(PublishEvidenceBundle(*staged).code(), StatusCode::kRejected);
  DiscardEvidenceBundle(*staged);
  EXPECT_TRUE(fs::is_empty(staged->final_path));
  // No staging directory is left anywhere.
  for (const std::string& f : Tree(out_)) EXPECT_EQ(f.find(".partial"), std::string::npos) << f;
}

TEST_F(EvidenceTest, SpanOrBodyThatIsNotWhatTheStoreSaysFailsAndLeavesNothing) {
  const store::EvidenceSet good = Set();
  std::vector<std::pair<std::string, store::EvidenceSet>> bad;
  bad.push_back({"offset one byte early", good});  // still inside the file
  bad.back().second.captures[0].warc_offset -= 1;
  bad.push_back({"another record's id", good});
  bad.back().second.captures[0].warc_record_id = good.captures[1].warc_record_id;
  bad.push_back({"span past the end", good});
  bad.back().second.captures[2].warc_length += 1;
  bad.push_back({"file outside the warc dir", good});
  bad.back().second.captures[3].warc_file = "../blobs/x.warc.gz";
  bad.push_back({"body does not match digest", good});
  bad.back().second.captures[4].body_sha256 = Sha256Hex("something else");
  bad.push_back({"blob path escapes the data dir", good});
  bad.back().second.captures[4].blob_path = "../../etc/passwd";
  for (const auto& [what, set] : bad) {
    auto path = Make(set);
    ASSERT_FALSE(path.ok()) << what;
    EXPECT_EQ(path.status().code(), StatusCode::kCorrupt)
        << what << ": " << path.status().ToString();
    EXPECT_TRUE(Tree(out_).empty()) << what;
  }
}

// ---- the command, over a real store ------------------------------------------

class EvidenceCommandTest : public EvidenceTest {
 protected:
  void SetUp() override {
    EvidenceTest::SetUp();
    auto opened = store::Store::Open({":memory:"});
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(*opened);
    auto source = store_->UpsertSource("demo", "site", "DEMO-0001");
    ASSERT_TRUE(source.ok());
    const std::string url = "http://site.test/advert/1.html";
    auto run = store_->StartRun(*source, {url}, kT);
    ASSERT_TRUE(run.ok());
    auto items = store_->LeaseFrontier(*run, 10, kT);
    ASSERT_TRUE(items.ok() && items->size() == 1u);
    store::PageCommit page;
    page.item = items->front();
    page.item.kind = store::FrontierKind::kAdvert;
    page.capture = Row(Add("advert", url, "<html>Call 07700 900123</html>", kT), *source, *run);
    store::AdvertInput ad;
    ad.url = url;
    ad.title = "Leeds advert";
    ad.body = "Call 07700 900123";
    ad.image_urls = {"http://site.test/img/1.png"};
    page.advert = ad;
    page.now_ms = kT;
    auto committed = store_->CommitPage(page);
    ASSERT_TRUE(committed.ok()) << committed.status().ToString();
    document_ = committed->document_id;
    auto images = store_->LeaseFrontier(*run, 10, kT + 10);
    ASSERT_TRUE(images.ok() && images->size() == 1u);
    std::string png = "\x89PNG\r\n\x1a\nimage";
    store::ImageCommit image;
    image.item = images->front();
    image.capture = Row(Add("image", image.item.url, png, kT + 10), *source, *run);
    image.sha256 = Sha256Hex(png);
    image.size = static_cast<int64_t>(png.size());
    image.mime = "image/png";
    image.now_ms = kT + 10;
    ASSERT_TRUE(store_->CommitImage(image).ok());
  }

  static store::CaptureRow Row(const store::EvidenceCapture& c, int64_t source, int64_t run) {
    store::CaptureRow r;
    r.source_id = source;
    r.run_id = run;
    r.url = r.final_url = c.url;
    r.http_status = c.http_status;
    r.fetched_ms = c.fetched_ms;
    r.body_sha256 = c.body_sha256;
    r.body_size = c.body_size;
    r.content_type = c.content_type;
    r.remote_ip = c.remote_ip;
    r.egress = c.egress;
    r.warc_file = c.warc_file;
    r.warc_offset = c.warc_offset;
    r.warc_length = c.warc_length;
    r.warc_record_id = c.warc_record_id;
    return r;
  }

  CommandContext Ctx(const std::string& reason) {
    return CommandContext{*store_, extractor_, clock_, printed_, false, "analyst1", reason};
  }
  EvidenceCommandOptions CmdOptions() { return {out_, data_ + "/warc", data_, "CPS case 42"}; }

  std::unique_ptr<store::Store> store_;
  extractors::TextExtractor extractor_;
  FakeClock clock_{FromUnixMillis(kT + 60000)};
  std::ostringstream printed_;
  int64_t document_ = 0;
};

TEST_F(EvidenceCommandTest, LogsTheDisclosureWithDigestsAndPrintsTheBundle) {
  auto ctx = Ctx("OP-TEST-7 file for CPS");
  Status st = CmdEvidence(ctx, document_, CmdOptions());
  ASSERT_TRUE(st.ok()) << st.ToString();
  std::string path = out_ + "/advert-" + std::to_string(document_) + "-20261122T073630Z";
  EXPECT_EQ(printed_.str().substr(0, path.size() + 1), path + "\n");
  auto audit = store_->ListAudit(1);
  ASSERT_TRUE(audit.ok() && audit->size() == 1u);
  const store::AuditRow& row = audit->front();
  EXPECT_EQ(row.action, "disclosure.evidence_bundle");
  EXPECT_EQ(row.object, "document:" + std::to_string(document_));
  EXPECT_EQ(row.actor, "analyst1");
  EXPECT_EQ(row.at_ms, kT + 60000);
  json detail = json::parse(row.detail);
  EXPECT_EQ(detail["out"], path);
  EXPECT_EQ(detail["reason"], "OP-TEST-7 file for CPS");
  EXPECT_EQ(detail["recipient"], "CPS case 42");
  for (const char* f : {"records.warc.gz", "manifest.json", "README.txt", "SHA256SUMS"}) {
    EXPECT_EQ(detail["files"][f], Sha256Hex(ReadFile(path + "/" + f))) << f;
  }
  json m = json::parse(ReadFile(path + "/manifest.json"));
  ASSERT_EQ(m["captures"].size(), 2u);
  EXPECT_EQ(m["captures"][0]["role"], "advert");
  EXPECT_EQ(m["captures"][1]["role"], "image");
  RunResult r = WarcCheck(path + "/records.warc.gz");
  EXPECT_EQ(r.exit_code, 0) << r.output;
}

TEST_F(EvidenceCommandTest, WithoutAReasonOrAnAdvertNothingIsWrittenOrLogged) {
  auto before = store_->ListAudit(100);
  ASSERT_TRUE(before.ok());
  auto no_reason = Ctx("");
  EXPECT_EQ(CmdEvidence(no_reason, document_, CmdOptions()).code(), StatusCode::kInvalidArgument);
  auto ctx = Ctx("OP-TEST-7");
  EXPECT_EQ(CmdEvidence(ctx, document_ + 100, CmdOptions()).code(), StatusCode::kNotFound);
  EXPECT_TRUE(Tree(out_).empty());
  EXPECT_EQ(store_->ListAudit(100)->size(), before->size());
}

}  // namespace
}  // namespace harrier::cli
