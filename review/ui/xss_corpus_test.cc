// R11 at the server: 100 hostile payloads planted in advert titles, bodies,
// locations, handles, image URLs and OCR-derived mentions; every view that
// shows them returns them as text only.
#include "review/ui/xss_corpus.h"

#include "review/ui/ui_test_fixture.h"

namespace harrier::review::ui::testing {
namespace {

class XssCorpusTest : public UiServerTest {
 protected:
  void SetUp() override {
    UiServerTest::SetUp();
    corpus_ = XssCorpus();
    std::unique_ptr<store::Store> s = OpenStore();
    const int64_t source = s->UpsertSource("hostile", "site", "DSA-3").value();
    std::vector<std::string> urls;
    for (size_t i = 0; i < corpus_.size(); ++i) {
      urls.push_back("https://target.invalid/x" + std::to_string(i));
    }
    const int64_t run = s->StartRun(source, urls, kT0).value();
    const std::vector<store::FrontierItem> items = s->LeaseFrontier(run, 1000, kT0).value();
    for (const store::FrontierItem& item : items) {
      const std::string& p = corpus_.at(std::stoul(item.url.substr(item.url.rfind('x') + 1)));
      store::PageCommit page;
      page.item = item;
      page.capture.source_id = source;
      page.capture.run_id = run;
      page.capture.url = item.url + "?" + p;
      page.capture.http_status = 200;
      page.capture.fetched_ms = kT0;
      page.now_ms = kT0;
      store::AdvertInput ad;
      ad.url = item.url;
      ad.title = p;
      ad.body = "ring 07700 900123 " + p;
      ad.location = p;
      ad.posted = p;
      ad.image_urls = {"https://target.invalid/" + p + ".jpg"};
      store::MentionInput phone;
      phone.selector.kind = SelectorKind::kPhone;
      phone.selector.value = "+447700900123";
      phone.selector.raw = "07700 900123";
      phone.field = "body";
      store::MentionInput handle;
      handle.selector.kind = SelectorKind::kHandle;
      handle.selector.value = "telegram:" + p;
      handle.selector.raw = p;
      handle.selector.snippet = p;
      handle.selector.detail = p;
      handle.field = "image:" + p;  // as OCR mentions name their image
      ad.mentions = {phone, handle};
      page.advert = ad;
      ids_.push_back(s->CommitPage(page).value().document_id);
    }
  }

  void ExpectOnlyText(const std::string& body, const std::string& where) {
    for (const std::string& p : corpus_) {
      ASSERT_EQ(body.find(p), std::string::npos) << where << " shows raw: " << p;
    }
    size_t scripts = 0, with_src = 0;
    for (size_t at = body.find("<script"); at != std::string::npos;
         at = body.find("<script", at + 1)) {
      ++scripts;
      with_src += body.compare(at, 13, "<script src=\"") == 0;
    }
    EXPECT_EQ(scripts, with_src) << where;
    // As text the host may show, but never as a URL the browser would fetch.
    EXPECT_EQ(body.find("//evil.example"), std::string::npos) << where;
  }

  std::vector<std::string> corpus_;
  std::vector<int64_t> ids_;
};

TEST_F(XssCorpusTest, CorpusHasAHundredDistinctPayloads) {
  EXPECT_GE(corpus_.size(), 100u);
  EXPECT_EQ(std::set<std::string>(corpus_.begin(), corpus_.end()).size(), corpus_.size());
}

TEST_F(XssCorpusTest, EveryAdvertAndListingShowsThePayloadsAsTextOnly) {
  Browser b = Justified("supervisor1");
  ASSERT_EQ(ids_.size(), corpus_.size());
  for (int64_t id : ids_) {
    httplib::Result r = Get(b, "/adverts/" + std::to_string(id));
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200);
    ExpectOnlyText(r->body, "/adverts/" + std::to_string(id));
  }
  for (const std::string path : {"/search?kind=phone&value=07700900123", "/alerts", "/audit",
                                 "/status", "/search?kind=handle&value=telegram%3A%3Cscript%3E"}) {
    httplib::Result r = Get(b, path);
    ASSERT_TRUE(r) << path;
    ExpectOnlyText(r->body, path);
  }
}

}  // namespace
}  // namespace harrier::review::ui::testing
