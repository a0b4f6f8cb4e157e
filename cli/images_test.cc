// The image commands: `harrier hash` prints what Meta's pdq-photo-hasher
// prints; a watchlist photo added after collection raises an alert against
// the advert that showed it; every consultation and decision is audited.
#include "cli/images.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <sstream>

#include "core/sha256.h"
#include "imageproc/fingerprint.h"
#include "imageproc/pdq_test_images.h"

namespace harrier::cli {
namespace {

using nlohmann::json;

const std::string kSourceDir = HARRIER_SOURCE_DIR;
const std::string kPdqData = kSourceDir + "/tests/data/pdq";
const std::string kAdvert = "http://site.test/advert/1.html";
const std::string kImageUrl = "http://site.test/img/1.png";

// A fresh directory under /tmp, removed at the end.
class TempDir {
 public:
  TempDir() {
    char pattern[] = "/tmp/harrier_images_test_XXXXXX";
    const char* made = mkdtemp(pattern);
    path_ = made != nullptr ? made : "/nonexistent";
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::string Write(const std::string& name, const std::string& bytes) {
    const std::string file = path_ + "/" + name;
    std::ofstream(file, std::ios::binary) << bytes;
    return file;
  }

 private:
  std::string path_;
};

std::string Png(const cv::Mat& image) {
  std::vector<uint8_t> bytes;
  cv::imencode(".png", image, bytes);
  return std::string(bytes.begin(), bytes.end());
}

// The first strict row of the reference hashes, as "file,pdq_hex,quality".
struct ReferenceRow {
  std::string file, pdq;
  int quality = 0;
};
ReferenceRow FirstStrictRow() {
  std::ifstream csv(kPdqData + "/expected.csv");
  std::string line;
  std::getline(csv, line);  // header: filename,sha256,pdq_hex,quality,strict
  while (std::getline(csv, line)) {
    std::vector<std::string> f;
    std::stringstream fields(line);
    for (std::string cell; std::getline(fields, cell, ',');) f.push_back(cell);
    if (f.size() == 5 && f[4] == "1") return {f[0], f[2], std::stoi(f[3])};
  }
  return {};
}

TEST(HashCommandTest, PrintsTheReferenceToolsLineForEachImage) {
  const ReferenceRow row = FirstStrictRow();
  ASSERT_FALSE(row.file.empty());
  HashRequest request;
  request.files = {kPdqData + "/images/" + row.file};
  std::ostringstream out, err;
  ASSERT_TRUE(CmdHash(request, config::ImageOptions(), out, err).ok()) << err.str();
  EXPECT_EQ(out.str(), row.pdq + " " + std::to_string(row.quality) + " " + request.files[0] + "\n");
}

TEST(HashCommandTest, DihedralAndPHashAddTheirColumnsAndLines) {
  const ReferenceRow row = FirstStrictRow();
  HashRequest request;
  request.files = {kPdqData + "/images/" + row.file};
  request.phash = true;
  request.dihedral = true;
  std::ostringstream out, err;
  ASSERT_TRUE(CmdHash(request, config::ImageOptions(), out, err).ok());
  std::vector<std::string> lines;
  std::stringstream text(out.str());
  for (std::string line; std::getline(text, line);) lines.push_back(line);
  ASSERT_EQ(lines.size(), 9u);
  EXPECT_EQ(lines[0].substr(0, 64), row.pdq);
  EXPECT_EQ(lines[0].find(" " + std::to_string(row.quality) + " "), 64u);
  EXPECT_NE(lines[1].find(" original " + request.files[0]), std::string::npos);
  EXPECT_EQ(lines[1].substr(0, 64), row.pdq);
  EXPECT_NE(lines[2].find(" rotate90 "), std::string::npos);
}

TEST(HashCommandTest, ARefusedFileIsReportedWithItsReasonAndTheRestAreHashed) {
  TempDir dir;
  const std::string tiff = dir.Write("scan.tif", std::string("II*\0", 4) + std::string(64, 'x'));
  const std::string good = dir.Write("good.png", Png(imageproc::testing::DrawPhotoLike(3, 64, 48)));
  HashRequest request;
  request.files = {tiff, good};
  std::ostringstream out, err;
  const Status st = CmdHash(request, config::ImageOptions(), out, err);
  EXPECT_EQ(st.code(), StatusCode::kRejected);
  EXPECT_NE(err.str().find("scan.tif: refused (unsupported_type"), std::string::npos) << err.str();
  EXPECT_NE(out.str().find("good.png"), std::string::npos);
  EXPECT_EQ(out.str().find("scan.tif"), std::string::npos);
}

class ImageCommandsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::Store::Open({":memory:"});
    ASSERT_TRUE(opened.ok());
    store_ = std::move(*opened);
    auto source = store_->UpsertSource("demo", "site", "DEMO-0001");
    ASSERT_TRUE(source.ok());
    auto run = store_->StartRun(*source, {kAdvert}, 1000);
    ASSERT_TRUE(run.ok());
    auto items = store_->LeaseFrontier(*run, 10, 1000);
    ASSERT_TRUE(items.ok() && items->size() == 1u);
    store::PageCommit page;
    page.item = items->front();
    page.capture = Capture(*source, *run, kAdvert, "advert html", 2000);
    page.now_ms = 2000;
    store::AdvertInput advert;
    advert.url = kAdvert;
    advert.title = "Leeds advert";
    advert.body = "new in town";
    advert.image_urls = {kImageUrl};
    page.advert = advert;
    ASSERT_TRUE(store_->CommitPage(page).ok());
    auto images = store_->LeaseFrontier(*run, 10, 3000);
    ASSERT_TRUE(images.ok() && images->size() == 1u);
    // The advert photo, as the daemon stores it after fingerprinting.
    photo_ = imageproc::testing::DrawPhotoLike(5, 320, 240);
    const std::string bytes = Png(photo_);
    Result<imageproc::ImageFingerprint> f =
        imageproc::FingerprintImage(bytes, imageproc::DecodeLimits());
    ASSERT_TRUE(f.ok());
    store::ImageCommit image;
    image.item = images->front();
    image.capture = Capture(*source, *run, kImageUrl, bytes, 3000);
    image.sha256 = f->sha256;
    image.size = static_cast<int64_t>(bytes.size());
    image.mime = f->mime;
    image.blob_path = "blobs/" + f->sha256;
    image.now_ms = 3000;
    image.analysis = {"", "", f->width, f->height, f->pdq.ToHex(), f->pdq.quality, f->phash.ToHex(),
                      "", "", ""};
    ASSERT_TRUE(store_->CommitImage(image).ok());
    sha_ = f->sha256;
  }

  static store::CaptureRow Capture(int64_t source, int64_t run, const std::string& url,
                                   const std::string& body, int64_t at) {
    store::CaptureRow c;
    c.source_id = source;
    c.run_id = run;
    c.url = c.final_url = url;
    c.http_status = 200;
    c.fetched_ms = at;
    c.body_sha256 = Sha256Hex(body);
    c.remote_ip = "192.0.2.1";
    return c;
  }

  CommandContext Ctx(bool json = true) {
    return CommandContext{*store_, extractor_, clock_, out_, json, "analyst1", "OP-HERON check"};
  }

  std::vector<std::string> AuditActions(int n) {
    std::vector<std::string> actions;
    Result<std::vector<store::AuditRow>> rows = store_->ListAudit(n);
    EXPECT_TRUE(rows.ok());
    if (rows.ok()) {
      for (const store::AuditRow& row : *rows) actions.push_back(row.action);
    }
    return actions;
  }

  std::unique_ptr<store::Store> store_;
  extractors::TextExtractor extractor_;
  FakeClock clock_;
  std::ostringstream out_;
  cv::Mat photo_;
  std::string sha_;
  TempDir dir_;
};

TEST_F(ImageCommandsTest, AWatchlistPhotoAddedLaterRaisesAnAlertOnTheAdvertThatShowedIt) {
  // The investigators' copy was re-saved as a JPEG and is a little brighter.
  const std::string supplied = dir_.Write("supplied.jpg", [&] {
    const std::vector<uint8_t> jpeg =
        imageproc::testing::EncodeJpeg(imageproc::testing::Brightness(photo_, 0.15), 80);
    return std::string(jpeg.begin(), jpeg.end());
  }());
  auto ctx = Ctx();
  ASSERT_TRUE(
      CmdWatchlistAdd(ctx, config::ImageOptions(), {"op-heron", "report 17", {supplied}, "", ""})
          .ok());
  json added = json::parse(out_.str());
  ASSERT_EQ(added.size(), 1u);
  ASSERT_EQ(added[0]["alerts"].size(), 1u);
  out_.str("");
  ASSERT_TRUE(CmdAlerts(ctx, "open").ok());
  json alerts = json::parse(out_.str());
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0]["url"], kAdvert);
  EXPECT_EQ(alerts[0]["image_sha256"], sha_);
  EXPECT_EQ(alerts[0]["operation"], "op-heron");
  EXPECT_LE(alerts[0]["distance"].get<int>(), 31);
  EXPECT_EQ(alerts[0]["image_pdq"].get<std::string>().size(), 64u);
  EXPECT_EQ(alerts[0]["watchlist_pdq"], added[0]["pdq"]);
  // Hashes, windows, ORB features and metadata are kept; not the photo.
  EXPECT_EQ(store_->ListWatchlistImages()->at(0).photo_path, "");
  EXPECT_FALSE(store_->ListWatchlistImages()->at(0).windows.empty());
  EXPECT_FALSE(store_->ListWatchlistImages()->at(0).orb.empty());
  EXPECT_EQ(store_->ListWatchlistImages()->at(0).added_by, "analyst1");
  EXPECT_EQ(AuditActions(2), (std::vector<std::string>{"consultation.alerts", "watchlist.add"}));
}

TEST_F(ImageCommandsTest, ARejectedAlertStaysRejectedWhenThePhotoIsListedAgain) {
  const std::string supplied = dir_.Write("supplied.png", Png(photo_));
  auto ctx = Ctx();
  ASSERT_TRUE(
      CmdWatchlistAdd(ctx, config::ImageOptions(), {"op-heron", "report 17", {supplied}, "", ""})
          .ok());
  const int64_t id = store_->ListAlerts("open", 10)->at(0).id;
  ASSERT_TRUE(CmdAlertDecide(ctx, id, "rejected", "a different person").ok());
  ASSERT_TRUE(
      CmdWatchlistAdd(ctx, config::ImageOptions(), {"op-heron", "report 17", {supplied}, "", ""})
          .ok());
  EXPECT_TRUE(store_->ListAlerts("open", 10)->empty());
  EXPECT_EQ(store_->ListAlerts("rejected", 10)->size(), 1u);
  EXPECT_EQ(AuditActions(3)[1], "review.alert");
}

TEST_F(ImageCommandsTest, MatchListsTheStoredImageWithItsAdvertAndIsAudited) {
  cv::Mat mirrored;
  cv::flip(photo_, mirrored, 1);
  const std::string probe = dir_.Write("probe.png", Png(mirrored));
  auto ctx = Ctx();
  ASSERT_TRUE(CmdMatch(ctx, config::ImageOptions(), probe).ok());
  json j = json::parse(out_.str());
  ASSERT_EQ(j["matches"].size(), 1u);
  EXPECT_EQ(j["matches"][0]["sha256"], sha_);
  EXPECT_EQ(j["matches"][0]["method"], "pdq-dihedral");
  EXPECT_EQ(j["matches"][0]["adverts"][0]["url"], kAdvert);
  EXPECT_EQ(AuditActions(1), (std::vector<std::string>{"consultation.match"}));
}

TEST_F(ImageCommandsTest, ShowImageAuditsBeforeShowingExif) {
  auto ctx = Ctx();
  ASSERT_TRUE(CmdShowImage(ctx, sha_).ok());
  json j = json::parse(out_.str());
  EXPECT_EQ(j["sha256"], sha_);
  EXPECT_EQ(j["adverts"][0]["url"], kAdvert);
  EXPECT_EQ(AuditActions(1), (std::vector<std::string>{"consultation.image"}));
  EXPECT_EQ(CmdShowImage(ctx, std::string(64, '0')).code(), StatusCode::kNotFound);
}

TEST_F(ImageCommandsTest, WithoutKeptFeaturesAWatchlistEntryHoldsHashesOnly) {
  const std::string supplied = dir_.Write("supplied.png", Png(photo_));
  config::ImageOptions options;
  options.keep_watchlist_features = false;
  auto ctx = Ctx();
  ASSERT_TRUE(CmdWatchlistAdd(ctx, options, {"op-heron", "report 17", {supplied}, "", ""}).ok());
  const store::WatchlistImage entry = store_->ListWatchlistImages()->at(0);
  EXPECT_EQ(entry.orb, "");
  EXPECT_EQ(entry.photo_path, "");
  EXPECT_EQ(entry.pdq.size(), 64u);
  EXPECT_FALSE(entry.windows.empty());
}

}  // namespace
}  // namespace harrier::cli
