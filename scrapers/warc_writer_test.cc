#include "scrapers/warc_writer.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include "core/sha256.h"
#include "tests/support/fixture_server.h"

namespace harrier::scrapers {
namespace {

namespace fs = std::filesystem;

constexpr int64_t kT = 1795332930123;  // 2026-11-22T07:35:30.123Z

// ---- building captures as the fetcher hands them over ----------------------

std::string Gzip(const std::string& data) {
  z_stream zs{};
  deflateInit2(&zs, 6, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&zs, data.size()) + 32, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&zs, Z_FINISH), Z_STREAM_END);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

HttpExchange Hop(const std::string& url, const std::string& path, int status,
                 const std::string& extra_headers, int64_t at_ms) {
  HttpExchange ex;
  ex.url = url;
  ex.remote_ip = "192.0.2.10";
  ex.started_unix_ms = at_ms;
  ex.request_head = "GET " + path +
                    " HTTP/1.1\r\nHost: site.test\r\nUser-Agent: Harrier/0.1\r\n"
                    "Accept: */*\r\nAccept-Encoding: gzip, br\r\n\r\n";
  ex.response_head = "HTTP/1.1 " + std::to_string(status) + " X\r\n" + extra_headers + "\r\n";
  ex.http_status = status;
  return ex;
}

HttpResponse Page(const std::string& path, const std::string& body) {
  HttpResponse r;
  r.url = r.final_url = "http://site.test" + path;
  r.http_status = 200;
  r.body = body;
  r.remote_ip = "192.0.2.10";
  HttpExchange ex =
      Hop(r.url, path, 200,
          "Content-Type: text/html\r\nContent-Length: " + std::to_string(body.size()) + "\r\n", kT);
  ex.payload_is_body = true;
  r.exchanges.push_back(ex);
  return r;
}

HttpResponse GzipPage() {
  HttpResponse r = Page("/advert/gz.html", "<html><body>Call 07700 900123</body></html>");
  HttpExchange& ex = r.exchanges.back();
  ex.payload = Gzip(r.body);
  ex.payload_is_body = false;
  ex.response_head =
      "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n"
      "Transfer-Encoding: chunked\r\n\r\n";
  return r;
}

// Three redirects, then the page: four hops in one capture.
HttpResponse Redirected() {
  HttpResponse r;
  r.url = "http://site.test/r1";
  r.final_url = "http://site.test/advert/9.html";
  r.http_status = 200;
  r.redirects = 3;
  r.body = "<html>advert nine</html>";
  const char* paths[] = {"/r1", "/r2", "/r3", "/advert/9.html"};
  for (int i = 0; i < 4; ++i) {
    bool last = i == 3;
    std::string next = last ? "" : "Location: " + std::string(paths[i + 1]) + "\r\n";
    HttpExchange ex = Hop("http://site.test" + std::string(paths[i]), paths[i], last ? 200 : 302,
                          next + "Content-Length: " + (last ? "24" : "5") + "\r\n", kT + 10 * i);
    if (last) {
      ex.payload_is_body = true;
    } else {
      ex.payload = "moved";
    }
    r.exchanges.push_back(ex);
  }
  return r;
}

std::string BinaryBytes(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::string s(n, '\0');
  for (char& c : s) c = static_cast<char>(rng() & 0xff);
  return s;
}

HttpResponse Image() {
  // A PNG signature, every byte value, and text that looks like WARC and HTTP
  // framing, so a reader that searches instead of counting gets it wrong.
  std::string body = "\x89PNG\r\n\x1a\n";
  for (int i = 0; i < 256; ++i) body += static_cast<char>(i);
  body += "\r\n\r\nWARC/1.1\r\nWARC-Type: response\r\n\r\nHTTP/1.1 200 OK\r\n\r\n";
  body += BinaryBytes(5000, 7);
  HttpResponse r = Page("/img/1.png", body);
  r.content_type = "image/png";
  return r;
}

HttpResponse TimedOut() {
  HttpResponse r = Page("/advert/slow.html", "<html>half an adv");
  r.status = Status::Timeout("fetch http://site.test/advert/slow.html: timed out");
  r.exchanges.back().truncated = true;
  return r;
}

// The request went out; no response came back.
HttpResponse NoAnswer() {
  HttpResponse r = Page("/advert/dead.html", "");
  r.status = Status::Timeout("fetch http://site.test/advert/dead.html: no response");
  r.http_status = 0;
  r.exchanges.back().response_head.clear();
  r.exchanges.back().payload_is_body = false;
  return r;
}

WarcContext Context() { return {"demo", "OP-TEST-0001", 42, "socks5h://10.1.2.3:1080"}; }

// ---- reading back, with zlib and a strict little parser --------------------

// The decompressed bytes of each gzip member of `data`; fails the test on
// anything that is not a clean sequence of members.
std::vector<std::string> GunzipMembers(const std::string& data) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos < data.size()) {
    z_stream zs{};
    EXPECT_EQ(inflateInit2(&zs, 31), Z_OK);
    std::string member;
    char buf[65536];
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data() + pos));
    zs.avail_in = static_cast<uInt>(data.size() - pos);
    int rc;
    do {
      zs.next_out = reinterpret_cast<Bytef*>(buf);
      zs.avail_out = sizeof buf;
      rc = inflate(&zs, Z_NO_FLUSH);
      member.append(buf, sizeof buf - zs.avail_out);
    } while (rc == Z_OK);
    EXPECT_EQ(rc, Z_STREAM_END) << "bad gzip member at " << pos;
    if (rc != Z_STREAM_END) {
      inflateEnd(&zs);
      return {};
    }
    pos += zs.total_in;
    inflateEnd(&zs);
    out.push_back(member);
  }
  return out;
}

struct Record {
  std::map<std::string, std::string> fields;
  std::string block;
  std::string Get(const std::string& name) const {
    auto it = fields.find(name);
    return it == fields.end() ? "" : it->second;
  }
};

Record ParseRecord(const std::string& raw) {
  Record r;
  EXPECT_EQ(raw.rfind("WARC/1.1\r\n", 0), 0u);
  size_t end = raw.find("\r\n\r\n");
  EXPECT_NE(end, std::string::npos);
  std::istringstream lines(raw.substr(10, end - 10 + 2));
  std::string line;
  while (std::getline(lines, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    size_t colon = line.find(": ");
    if (colon != std::string::npos) r.fields[line.substr(0, colon)] = line.substr(colon + 2);
  }
  size_t length = std::stoul(r.Get("Content-Length"));
  r.block = raw.substr(end + 4, length);
  EXPECT_EQ(r.block.size(), length);
  EXPECT_EQ(raw.substr(end + 4 + length), "\r\n\r\n");
  return r;
}

std::vector<Record> Records(const std::string& gz) {
  std::vector<Record> out;
  for (const std::string& m : GunzipMembers(gz)) out.push_back(ParseRecord(m));
  return out;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

std::vector<std::string> WarcFiles(const std::string& dir) {
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(dir)) files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

struct CheckResult {
  int exit_code = -1;
  std::string output;
};

// Runs the independent Python reader (tests/tools/warc_check.py).
CheckResult RunChecker(const std::vector<std::string>& args,
                       const std::string& python = "python3") {
  std::string cmd = python + " '" HARRIER_SOURCE_DIR "/tests/tools/warc_check.py'";
  for (const std::string& a : args) cmd += " '" + a + "'";
  cmd += " 2>&1";
  CheckResult r;
  FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr) return r;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.output.append(buf, n);
  int status = pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

CheckResult CheckDir(const std::string& dir) { return RunChecker(WarcFiles(dir)); }

class WarcWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_FALSE(tmp_.path().empty());
    dir_ = tmp_.path() + "/data/warc";
  }
  std::unique_ptr<WarcWriter> Open(int64_t max_bytes = 1LL << 30) {
    WarcOptions o;
    o.dir = dir_;
    o.max_file_bytes = max_bytes;
    o.operator_contact = "Test Unit <unit@example.org>";
    auto w = WarcWriter::Open(o);
    EXPECT_TRUE(w.ok()) << w.status().ToString();
    return w.ok() ? std::move(*w) : nullptr;
  }
  std::string SpanBytes(const WarcSpan& s) {
    auto bytes = ReadWarcSpan(dir_ + "/" + s.file, s.offset, s.length);
    EXPECT_TRUE(bytes.ok()) << bytes.status().ToString();
    return bytes.ok() ? *bytes : "";
  }
  testing::TempDir tmp_;
  std::string dir_;
};

TEST(Sha256IncrementalTest, PiecesGiveTheOneShotDigest) {
  Sha256 h;
  h.Update("a");
  h.Update("");
  h.Update("bc");
  EXPECT_EQ(h.HexDigest(), Sha256Hex("abc"));
  std::string big = BinaryBytes(200000, 1);
  Sha256 g;
  for (size_t i = 0; i < big.size(); i += 999) g.Update(std::string_view(big).substr(i, 999));
  EXPECT_EQ(g.HexDigest(), Sha256Hex(big));
}

TEST_F(WarcWriterTest, EveryKindOfCaptureChecksOutWithTheIndependentReader) {
  auto w = Open();
  ASSERT_TRUE(w);
  for (const HttpResponse& r : {Page("/advert/1.html", "<html>plain</html>"), GzipPage(),
                                Redirected(), Image(), TimedOut(), NoAnswer()}) {
    auto span = w->Write(r, Context());
    ASSERT_TRUE(span.ok()) << span.status().ToString();
  }
  ASSERT_TRUE(w->Sync().ok());
  CheckResult c = CheckDir(dir_);
  EXPECT_EQ(c.exit_code, 0) << c.output;
  EXPECT_NE(c.output.find("\"warcinfo\": 1"), std::string::npos) << c.output;
  // 1 + 1 + 4 + 1 + 1 + 1 requests; the last one got no response.
  EXPECT_NE(c.output.find("\"request\": 9"), std::string::npos) << c.output;
  EXPECT_NE(c.output.find("\"response\": 8"), std::string::npos) << c.output;
  // A block digest per record and a payload digest per response.
  EXPECT_NE(c.output.find("\"digests_checked\": 26"), std::string::npos) << c.output;
  // The system interpreter too, as an analyst without the dev tools runs it.
  if (fs::exists("/usr/bin/python3")) {
    CheckResult sys = RunChecker(WarcFiles(dir_), "/usr/bin/python3");
    EXPECT_EQ(sys.exit_code, 0) << sys.output;
    EXPECT_EQ(sys.output, c.output);
  }
}

TEST_F(WarcWriterTest, SpanHoldsTheExactBytesWithDigestsAndProvenance) {
  auto w = Open();
  ASSERT_TRUE(w);
  HttpResponse page = Page("/advert/1.html", "<html>plain</html>");
  auto span = w->Write(page, Context());
  ASSERT_TRUE(span.ok()) << span.status().ToString();
  std::vector<Record> recs = Records(SpanBytes(*span));
  ASSERT_EQ(recs.size(), 2u);
  const Record& req = recs[0];
  const Record& resp = recs[1];
  EXPECT_EQ(req.Get("WARC-Type"), "request");
  EXPECT_EQ(resp.Get("WARC-Type"), "response");
  EXPECT_EQ(req.block, page.exchanges[0].request_head);
  EXPECT_EQ(resp.block, page.exchanges[0].response_head + page.body);
  EXPECT_EQ(resp.Get("WARC-Block-Digest"), "sha256:" + Sha256Hex(resp.block));
  EXPECT_EQ(resp.Get("WARC-Payload-Digest"), "sha256:" + Sha256Hex(page.body));
  EXPECT_EQ(span->payload_digest, "sha256:" + Sha256Hex(page.body));
  EXPECT_EQ(resp.Get("WARC-Record-ID"), span->response_record_id);
  EXPECT_TRUE(std::regex_match(span->response_record_id,
                               std::regex("<urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-"
                                          "[89ab][0-9a-f]{3}-[0-9a-f]{12}>")));
  EXPECT_EQ(resp.Get("WARC-Concurrent-To"), req.Get("WARC-Record-ID"));
  EXPECT_EQ(resp.Get("WARC-Date"), "2026-11-22T07:35:30.123Z");
  EXPECT_EQ(resp.Get("WARC-Target-URI"), "http://site.test/advert/1.html");
  EXPECT_EQ(resp.Get("WARC-IP-Address"), "192.0.2.10");
  EXPECT_EQ(resp.Get("Content-Type"), "application/http;msgtype=response");
  EXPECT_EQ(resp.Get("WARC-Harrier-Egress"), "socks5h://10.1.2.3:1080");
  EXPECT_EQ(resp.Get("WARC-Harrier-Source"), "demo");
  EXPECT_EQ(resp.Get("WARC-Harrier-Authorisation"), "OP-TEST-0001");
  EXPECT_EQ(resp.Get("WARC-Harrier-Run"), "42");
  EXPECT_EQ(resp.Get("WARC-Truncated"), "");
  // Both name the warcinfo record at the head of their file.
  std::vector<Record> file = Records(ReadFile(dir_ + "/" + span->file));
  ASSERT_EQ(file.size(), 3u);
  EXPECT_EQ(file[0].Get("WARC-Type"), "warcinfo");
  EXPECT_NE(file[0].block.find("format: WARC File Format 1.1\r\n"), std::string::npos);
  EXPECT_NE(file[0].block.find("operator: Test Unit <unit@example.org>\r\n"), std::string::npos);
  EXPECT_EQ(file[0].Get("WARC-Filename"), span->file);
  EXPECT_EQ(req.Get("WARC-Warcinfo-ID"), file[0].Get("WARC-Record-ID"));
  EXPECT_EQ(resp.Get("WARC-Warcinfo-ID"), file[0].Get("WARC-Record-ID"));
}

TEST_F(WarcWriterTest, GzipCodedPayloadIsKeptCodedAndDigestedAsReceived) {
  auto w = Open();
  ASSERT_TRUE(w);
  HttpResponse r = GzipPage();
  auto span = w->Write(r, Context());
  ASSERT_TRUE(span.ok());
  std::vector<Record> recs = Records(SpanBytes(*span));
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_EQ(recs[1].block, r.exchanges[0].response_head + r.exchanges[0].payload);
  EXPECT_EQ(recs[1].Get("WARC-Payload-Digest"), "sha256:" + Sha256Hex(r.exchanges[0].payload));
  EXPECT_NE(recs[1].Get("WARC-Payload-Digest"), "sha256:" + Sha256Hex(r.body));
  EXPECT_EQ(span->payload_digest, recs[1].Get("WARC-Payload-Digest"));
}

TEST_F(WarcWriterTest, RedirectChainIsOneSpanWithEveryHopInOrder) {
  auto w = Open();
  ASSERT_TRUE(w);
  HttpResponse r = Redirected();
  auto span = w->Write(r, Context());
  ASSERT_TRUE(span.ok());
  std::vector<Record> recs = Records(SpanBytes(*span));
  ASSERT_EQ(recs.size(), 8u);
  for (size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(recs[2 * i].Get("WARC-Type"), "request");
    EXPECT_EQ(recs[2 * i + 1].Get("WARC-Type"), "response");
    EXPECT_EQ(recs[2 * i + 1].Get("WARC-Target-URI"), r.exchanges[i].url);
    EXPECT_EQ(recs[2 * i + 1].Get("WARC-Concurrent-To"), recs[2 * i].Get("WARC-Record-ID"));
  }
  EXPECT_EQ(recs[1].block, r.exchanges[0].response_head + "moved");
  EXPECT_EQ(recs[7].block, r.exchanges[3].response_head + r.body);
  EXPECT_EQ(recs[7].Get("WARC-Record-ID"), span->response_record_id);
  EXPECT_EQ(recs[6].Get("WARC-Date"), "2026-11-22T07:35:30.153Z");
}

TEST_F(WarcWriterTest, CutFetchIsMarkedTruncatedAndUnansweredRequestStands) {
  auto w = Open();
  ASSERT_TRUE(w);
  auto cut = w->Write(TimedOut(), Context());
  ASSERT_TRUE(cut.ok());
  std::vector<Record> recs = Records(SpanBytes(*cut));
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_EQ(recs[1].Get("WARC-Truncated"), "time");
  EXPECT_EQ(recs[1].Get("WARC-Payload-Digest"), "sha256:" + Sha256Hex("<html>half an adv"));
  auto lost = w->Write(NoAnswer(), Context());
  ASSERT_TRUE(lost.ok());
  recs = Records(SpanBytes(*lost));
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(recs[0].Get("WARC-Type"), "request");
  EXPECT_EQ(lost->response_record_id, "");
  EXPECT_EQ(lost->payload_digest, "");
}

TEST_F(WarcWriterTest, NothingSentIsInvalidArgument) {
  auto w = Open();
  ASSERT_TRUE(w);
  HttpResponse r;
  r.url = "http://site.test/";
  auto span = w->Write(r, Context());
  ASSERT_FALSE(span.ok());
  EXPECT_EQ(span.status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(WarcFiles(dir_).empty());
}

TEST_F(WarcWriterTest, RotatesBySizeAndEveryFileStartsWithWarcinfo) {
  auto w = Open(/*max_bytes=*/6000);
  ASSERT_TRUE(w);
  std::vector<WarcSpan> spans;
  for (int i = 0; i < 12; ++i) {
    auto span = w->Write(Image(), Context());  // ~5.5 KB compressed each
    ASSERT_TRUE(span.ok()) << span.status().ToString();
    spans.push_back(*span);
  }
  ASSERT_TRUE(w->Sync().ok());
  std::vector<std::string> files = WarcFiles(dir_);
  EXPECT_GE(files.size(), 6u);
  for (const std::string& f : files) {
    std::vector<Record> recs = Records(ReadFile(f));
    ASSERT_FALSE(recs.empty());
    EXPECT_EQ(recs[0].Get("WARC-Type"), "warcinfo") << f;
    EXPECT_EQ(std::count_if(recs.begin(), recs.end(),
                            [](const Record& r) { return r.Get("WARC-Type") == "warcinfo"; }),
              1);
  }
  for (const WarcSpan& s : spans) {
    int64_t size = static_cast<int64_t>(fs::file_size(dir_ + "/" + s.file));
    EXPECT_LE(s.offset + s.length, size);
    // Rotation happens before a span, never inside one: each span starts
    // while its file was still under the limit.
    EXPECT_LT(s.offset, 6000);
    EXPECT_EQ(Records(SpanBytes(s)).size(), 2u);
  }
  CheckResult c = CheckDir(dir_);
  EXPECT_EQ(c.exit_code, 0) << c.output;
}

TEST_F(WarcWriterTest, FourConcurrentWritersLeaveWholeNonOverlappingSpans) {
  auto w = Open(/*max_bytes=*/64 * 1024);
  ASSERT_TRUE(w);
  constexpr int kThreads = 4, kEach = 30;
  std::vector<std::vector<std::pair<WarcSpan, std::string>>> got(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        std::string body = "<html>thread " + std::to_string(t) + " capture " + std::to_string(i) +
                           BinaryBytes(500 + 37 * i, t * 100 + i) + "</html>";
        auto span =
            w->Write(Page("/t" + std::to_string(t) + "/" + std::to_string(i), body), Context());
        if (!span.ok()) return;
        got[t].emplace_back(*span, body);
        if (i % 10 == 9 && !w->Sync().ok()) return;
      }
    });
  }
  for (auto& th : threads) th.join();
  std::map<std::string, std::vector<std::pair<int64_t, int64_t>>> by_file;
  for (int t = 0; t < kThreads; ++t) {
    ASSERT_EQ(got[t].size(), static_cast<size_t>(kEach)) << "thread " << t;
    for (const auto& [span, body] : got[t]) {
      std::vector<Record> recs = Records(SpanBytes(span));
      ASSERT_EQ(recs.size(), 2u);
      EXPECT_EQ(recs[1].Get("WARC-Payload-Digest"), "sha256:" + Sha256Hex(body));
      by_file[span.file].push_back({span.offset, span.offset + span.length});
    }
  }
  for (auto& [file, ranges] : by_file) {
    std::sort(ranges.begin(), ranges.end());
    for (size_t i = 1; i < ranges.size(); ++i) EXPECT_LE(ranges[i - 1].second, ranges[i].first);
  }
  EXPECT_GT(by_file.size(), 1u);  // rotation happened under contention too
  CheckResult c = CheckDir(dir_);
  EXPECT_EQ(c.exit_code, 0) << c.output;
  EXPECT_NE(c.output.find("\"response\": 120"), std::string::npos) << c.output;
}

TEST_F(WarcWriterTest, SpanBytesAreAValidWarcGzOnTheirOwn) {
  auto w = Open();
  ASSERT_TRUE(w);
  ASSERT_TRUE(w->Write(Page("/a", "<html>a</html>"), Context()).ok());
  auto span = w->Write(Redirected(), Context());
  ASSERT_TRUE(span.ok());
  std::string extract = tmp_.path() + "/extract.warc.gz";
  std::ofstream(extract, std::ios::binary) << SpanBytes(*span);
  CheckResult c = RunChecker({"--fragment", extract});
  EXPECT_EQ(c.exit_code, 0) << c.output;
  EXPECT_NE(c.output.find("\"response\": 4"), std::string::npos) << c.output;
  // The same bytes addressed in place, as a capture row points at them.
  c = RunChecker({"--span", dir_ + "/" + span->file + ":" + std::to_string(span->offset) + ":" +
                                std::to_string(span->length)});
  EXPECT_EQ(c.exit_code, 0) << c.output;
  EXPECT_NE(c.output.find("\"records\": 8"), std::string::npos) << c.output;
}

std::set<std::string> Tree(const std::string& root) {
  std::set<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    out.insert(fs::relative(e.path(), root).string());
  }
  return out;
}

TEST_F(WarcWriterTest, FilesAreHarrierNamedMode0600InA0700DirWhateverTheServerSays) {
  std::set<std::string> before = Tree(tmp_.path());
  auto w = Open();
  ASSERT_TRUE(w);
  HttpResponse cd = Page("/download", "x");
  cd.exchanges[0].response_head =
      "HTTP/1.1 200 OK\r\nContent-Disposition: attachment; filename=\"../../x\"\r\n\r\n";
  HttpResponse dots = Page("/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "y");
  dots.exchanges[0].url = "http://site.test/%2e%2e%2f%2e%2e%2fx/../../y";
  // A URL with a line break may not forge a WARC field.
  HttpResponse crlf = Page("/z", "z");
  crlf.exchanges[0].url = "http://site.test/z\r\nWARC-Type: warcinfo";
  for (const HttpResponse& r : {cd, dots, crlf}) ASSERT_TRUE(w->Write(r, Context()).ok());
  ASSERT_TRUE(w->Sync().ok());
  std::set<std::string> after = Tree(tmp_.path());
  std::vector<std::string> added;
  std::set_difference(after.begin(), after.end(), before.begin(), before.end(),
                      std::back_inserter(added));
  ASSERT_EQ(added.size(), 3u);  // data, data/warc and one file
  EXPECT_EQ(added[0], "data");
  EXPECT_EQ(added[1], "data/warc");
  EXPECT_TRUE(std::regex_match(
      added[2], std::regex(R"(data/warc/harrier-\d{8}T\d{9}Z-[0-9a-f]{8}-\d{5}\.warc\.gz)")))
      << added[2];
  struct stat st;
  ASSERT_EQ(stat((tmp_.path() + "/" + added[2]).c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_EQ(stat(dir_.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  std::vector<Record> recs = Records(ReadFile(tmp_.path() + "/" + added[2]));
  ASSERT_EQ(recs.size(), 7u);
  EXPECT_EQ(recs[5].Get("WARC-Target-URI"), "http://site.test/z%0D%0AWARC-Type: warcinfo");
  EXPECT_EQ(recs[5].Get("WARC-Type"), "request");
  CheckResult c = CheckDir(dir_);
  EXPECT_EQ(c.exit_code, 0) << c.output;
}

TEST_F(WarcWriterTest, NewWriterNeverAppendsToAnOldFile) {
  auto first = Open();
  ASSERT_TRUE(first);
  auto a = first->Write(Page("/a", "a"), Context());
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE(first->Sync().ok());
  std::string old_bytes = ReadFile(dir_ + "/" + a->file);
  first.reset();
  auto second = Open();
  ASSERT_TRUE(second);
  auto b = second->Write(Page("/b", "b"), Context());
  ASSERT_TRUE(b.ok());
  EXPECT_NE(a->file, b->file);
  EXPECT_EQ(ReadFile(dir_ + "/" + a->file), old_bytes);
  std::vector<Record> recs = Records(ReadFile(dir_ + "/" + b->file));
  ASSERT_EQ(recs.size(), 3u);  // its own warcinfo, then the capture
  EXPECT_EQ(recs[0].Get("WARC-Type"), "warcinfo");
  EXPECT_EQ(WarcFiles(dir_).size(), 2u);
}

TEST_F(WarcWriterTest, SyncIsOkWithNothingWrittenAndAfterRotation) {
  auto w = Open(/*max_bytes=*/100);
  ASSERT_TRUE(w);
  EXPECT_TRUE(w->Sync().ok());
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(w->Write(Page("/p", "p"), Context()).ok());
  EXPECT_TRUE(w->Sync().ok());  // three files: two retired, one current
  EXPECT_TRUE(w->Sync().ok());  // nothing new
  EXPECT_EQ(WarcFiles(dir_).size(), 3u);
}

TEST_F(WarcWriterTest, FailedWriteLeavesNoPartialSpanAndTheRetryGoesToANewFile) {
  auto w = Open();
  ASSERT_TRUE(w);
  auto a = w->Write(Page("/a", "a"), Context());
  ASSERT_TRUE(a.ok());
  std::string file = dir_ + "/" + a->file;
  std::string good = ReadFile(file);
  // The disk "fills" 100 bytes further on: the next span is written short.
  rlimit old{};
  ASSERT_EQ(getrlimit(RLIMIT_FSIZE, &old), 0);
  sighandler_t old_handler = signal(SIGXFSZ, SIG_IGN);
  rlimit low = old;
  low.rlim_cur = good.size() + 100;
  ASSERT_EQ(setrlimit(RLIMIT_FSIZE, &low), 0);
  HttpResponse big = Page("/big.png", BinaryBytes(100000, 3));
  auto failed = w->Write(big, Context());
  ASSERT_EQ(setrlimit(RLIMIT_FSIZE, &old), 0);
  signal(SIGXFSZ, old_handler);
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.status().code(), StatusCode::kIoError);
  EXPECT_NE(failed.status().message().find(a->file), std::string::npos);
  EXPECT_EQ(ReadFile(file), good);  // the partial span was cut off
  auto retried = w->Write(big, Context());
  ASSERT_TRUE(retried.ok()) << retried.status().ToString();
  EXPECT_NE(retried->file, a->file);
  EXPECT_TRUE(w->Sync().ok());
  CheckResult c = CheckDir(dir_);
  EXPECT_EQ(c.exit_code, 0) << c.output;
}

TEST_F(WarcWriterTest, CheckerFailsOnAFlippedByteAndOnARecompressedForgery) {
  auto w = Open();
  ASSERT_TRUE(w);
  auto span = w->Write(Page("/advert/1.html", "<html>Call 07700 900123</html>"), Context());
  ASSERT_TRUE(span.ok());
  ASSERT_TRUE(w->Sync().ok());
  std::string path = dir_ + "/" + span->file;
  std::string original = ReadFile(path);
  ASSERT_EQ(CheckDir(dir_).exit_code, 0);

  // One byte flipped inside the compressed response: gzip's CRC catches it.
  std::string flipped = original;
  flipped[span->offset + span->length - 20] ^= 0x01;
  std::ofstream(path, std::ios::binary | std::ios::trunc) << flipped;
  CheckResult c = CheckDir(dir_);
  EXPECT_EQ(c.exit_code, 1) << c.output;

  // A forger who edits the phone number and recompresses passes gzip but not
  // the digests.
  std::string spanbytes = original.substr(span->offset, span->length);
  std::vector<std::string> members = GunzipMembers(spanbytes);
  ASSERT_EQ(members.size(), 2u);
  std::string forged = members[1];
  size_t at = forged.find("07700 900123");
  ASSERT_NE(at, std::string::npos);
  forged.replace(at, 12, "07700 900999");
  std::string rebuilt = original.substr(0, span->offset) + Gzip(members[0]) + Gzip(forged);
  std::ofstream(path, std::ios::binary | std::ios::trunc) << rebuilt;
  c = CheckDir(dir_);
  EXPECT_EQ(c.exit_code, 1) << c.output;
  EXPECT_NE(c.output.find("warc-block-digest does not match"), std::string::npos) << c.output;
  EXPECT_NE(c.output.find("warc-payload-digest does not match"), std::string::npos) << c.output;

  // Two records in one gzip member: readable, but not addressable by offset.
  rebuilt = original.substr(0, span->offset) + Gzip(members[0] + members[1]);
  std::ofstream(path, std::ios::binary | std::ios::trunc) << rebuilt;
  c = CheckDir(dir_);
  EXPECT_EQ(c.exit_code, 1) << c.output;
  EXPECT_NE(c.output.find("more than one record"), std::string::npos) << c.output;

  // A torn tail: half a member after the last record.
  rebuilt = original + original.substr(span->offset, span->length / 2);
  std::ofstream(path, std::ios::binary | std::ios::trunc) << rebuilt;
  c = CheckDir(dir_);
  EXPECT_EQ(c.exit_code, 1) << c.output;
  EXPECT_NE(c.output.find("cut short"), std::string::npos) << c.output;
}

TEST_F(WarcWriterTest, PagesAreDeflatedAndAlreadyCompressedPayloadsStoredAsTheyAre) {
  auto w = Open();
  ASSERT_TRUE(w);
  std::string html(30000, 'A');
  auto page = w->Write(Page("/advert/long.html", html), Context());
  ASSERT_TRUE(page.ok());
  EXPECT_LT(page->length, 2000);
  // The same bytes behind a PNG signature are taken for an image, which
  // deflate would only burn CPU on: stored blocks, so about the payload's
  // size (the fill makes the difference visible; real images don't shrink).
  std::string png = "\x89PNG\r\n\x1a\n" + html;
  auto image = w->Write(Page("/img/r.png", png), Context());
  ASSERT_TRUE(image.ok());
  EXPECT_GT(image->length, static_cast<int64_t>(png.size()));
  EXPECT_LT(image->length, static_cast<int64_t>(png.size()) + 1500);
  // So is a gzip-coded payload (and a brotli one, which has no signature).
  HttpResponse coded = GzipPage();
  coded.exchanges[0].payload = std::string(30000, 'B');  // as if br-coded
  auto gz = w->Write(coded, Context());
  ASSERT_TRUE(gz.ok());
  EXPECT_GT(gz->length, 30000);
  std::vector<Record> recs = Records(SpanBytes(*image));
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_EQ(recs[1].block.substr(recs[1].block.size() - png.size()), png);
  CheckResult c = CheckDir(dir_);
  EXPECT_EQ(c.exit_code, 0) << c.output;
}

TEST(ReadWarcSpanTest, RefusesDotDotSymlinksAndSpansPastTheEnd) {
  testing::TempDir tmp;
  std::string file = tmp.path() + "/f.warc.gz";
  std::ofstream(file, std::ios::binary) << "0123456789";
  auto ok = ReadWarcSpan(file, 2, 3);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, "234");
  EXPECT_EQ(ReadWarcSpan(file, 8, 3).status().code(), StatusCode::kCorrupt);
  EXPECT_EQ(ReadWarcSpan(file, -1, 3).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ReadWarcSpan(file, 0, 0).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ReadWarcSpan(tmp.path() + "/../x/f.warc.gz", 0, 1).status().code(),
            StatusCode::kInvalidArgument);
  fs::create_symlink(file, tmp.path() + "/link.warc.gz");
  EXPECT_FALSE(ReadWarcSpan(tmp.path() + "/link.warc.gz", 0, 1).ok());
  EXPECT_EQ(ReadWarcSpan(tmp.path() + "/none.warc.gz", 0, 1).status().code(),
            StatusCode::kNotFound);
}

}  // namespace
}  // namespace harrier::scrapers
