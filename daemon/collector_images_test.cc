// The collector and images: a refused image is kept with its reason, text
// painted on an image is read by OCR into mentions of its advert, and OCR's
// configuration is checked at start-up.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "core/sha256.h"
#include "daemon/collector_test_fixture.h"

namespace harrier::daemon {
namespace {

using namespace std::chrono_literals;
using testing::CollectorTest;

TEST_F(CollectorTest, RefusedImageIsRecordedWithReasonAndPassCarriesOn) {
  fetcher_.SetPage("http://site.test/img/b.png", "<svg>not allowed</svg>", "image/png");
  auto c = MakeCollector();
  RunPass(*c);
  // The bytes are kept as evidence with the reason they were refused; the
  // item is done, so they are not fetched again.
  const std::string svg = Sha256Hex("<svg>not allowed</svg>");
  auto image = store_->GetImage(svg);
  ASSERT_TRUE(image.ok() && image->has_value());
  EXPECT_EQ((*image)->analysis.rejection, "unsupported_type");
  EXPECT_NE((*image)->analysis.rejection_detail.find("unsupported image type"), std::string::npos);
  EXPECT_EQ((*image)->analysis.pdq, "");
  EXPECT_TRUE(store_->RecentErrors(10)->empty());
  EXPECT_EQ(fetcher_.CountRequests("http://site.test/img/b.png"), 1);  // not retried
  EXPECT_EQ(store_->GetSummary()->documents, 3);
}

// A phone number painted on an advert photo is read by OCR and stored as a
// mention of the advert, marked as coming from that image; the text is kept
// with the image. Drain waits for the reader.
TEST_F(CollectorTest, APhoneNumberPaintedOnAnImageBecomesAnOcrMentionOfItsAdvert) {
  cv::Mat photo(240, 480, CV_8UC3, cv::Scalar(40, 40, 40));
  cv::putText(photo, "CALL 07700 900456", {20, 130}, cv::FONT_HERSHEY_SIMPLEX, 1.2,
              cv::Scalar(255, 255, 255), 3);
  std::vector<uint8_t> png;
  cv::imencode(".png", photo, png);
  const std::string bytes(png.begin(), png.end());
  fetcher_.SetPage("http://site.test/img/b.png", bytes, "image/png");
  auto c = MakeCollector();
  RunPass(*c);
  ASSERT_TRUE(c->Drain(30s).ok());
  auto image = store_->GetImage(Sha256Hex(bytes));
  ASSERT_TRUE(image.ok() && image->has_value());
  EXPECT_EQ(store_->ImagesAwaitingOcr(10)->size(), 0u);
  auto found = store_->FindDocumentsBySelector(SelectorKind::kPhone, "+447700900456");
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ(found->front().url, "http://site.test/advert/2.html");
  sqlite3* db = store_->RawHandleForTesting();
  sqlite3_stmt* stmt = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db,
                               "SELECT m.origin, m.field, i.ocr_state FROM mention m "
                               "JOIN selector s ON s.id = m.selector_id JOIN image i "
                               "ON m.field = 'image:' || i.sha256 WHERE s.value = '+447700900456'",
                               -1, &stmt, nullptr),
            SQLITE_OK);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)), "ocr");
  EXPECT_EQ(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 1)),
            "image:" + Sha256Hex(bytes));
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 2)), "done");
  sqlite3_finalize(stmt);
  EXPECT_EQ(c->stats().images_read, 1);
}

TEST_F(CollectorTest, OcrOffLeavesImagesUnread) {
  cfg_.images.ocr = false;
  cv::Mat photo(240, 480, CV_8UC3, cv::Scalar(40, 40, 40));
  cv::putText(photo, "CALL 07700 900456", {20, 130}, cv::FONT_HERSHEY_SIMPLEX, 1.2,
              cv::Scalar(255, 255, 255), 3);
  std::vector<uint8_t> png;
  cv::imencode(".png", photo, png);
  fetcher_.SetPage("http://site.test/img/b.png", std::string(png.begin(), png.end()), "image/png");
  auto c = MakeCollector();
  RunPass(*c);
  ASSERT_TRUE(c->Drain(5s).ok());
  EXPECT_TRUE(store_->FindDocumentsBySelector(SelectorKind::kPhone, "+447700900456")->empty());
  EXPECT_EQ(c->stats().images_read, 0);
}

TEST_F(CollectorTest, AMissingOcrLanguageStopsStartUpNamingTheKey) {
  cfg_.images.ocr_languages = "eng+xyz";
  Collector c(cfg_, *store_, fetcher_, clock_, *blobs_, *warc_);
  const Status st = c.Init();
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("[images] ocr_languages"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("xyz"), std::string::npos) << st.message();
  EXPECT_TRUE(fetcher_.requests().empty());
}

}  // namespace
}  // namespace harrier::daemon
