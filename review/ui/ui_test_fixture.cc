// See ui_test_fixture.h.
#include "review/ui/ui_test_fixture.h"

namespace harrier::review::ui::testing {

namespace {

store::MentionInput Mention(SelectorKind kind, const std::string& value, const std::string& raw,
                            const std::string& field) {
  store::MentionInput m;
  m.selector.kind = kind;
  m.selector.value = value;
  m.selector.raw = raw;
  m.selector.snippet = std::string(kXss) + raw;
  m.field = field;
  return m;
}

}  // namespace

void UiServerTest::Seed() {
  std::unique_ptr<store::Store> s = OpenStore();
  ASSERT_NE(s, nullptr);
  for (const char* role : {"analyst", "supervisor", "operator"}) {
    store::AppUser u{0, std::string(role) + "1", role, HashPassword(kPassword).value(), kT0, false};
    ASSERT_TRUE(s->AddUser(u).ok());
  }
  const int64_t source = s->UpsertSource(std::string("src") + kXss, "site", "DSA-1").value();
  const std::string advert_url = std::string("https://target.invalid/ad?") + kXss;
  const std::string image_url = std::string("https://target.invalid/img.jpg?") + kXss;
  const int64_t run = s->StartRun(source, {advert_url}, kT0).value();
  store::FrontierItem item = s->LeaseFrontier(run, 10, kT0).value().at(0);
  store::PageCommit page;
  page.item = item;
  page.capture.source_id = source;
  page.capture.run_id = run;
  page.capture.url = advert_url;
  page.capture.final_url = advert_url;
  page.capture.http_status = 200;
  page.capture.fetched_ms = kT0;
  page.capture.body_sha256 = Sha256Hex("page");
  page.capture.remote_ip = std::string("192.0.2.1") + kXss;
  page.capture.warc_file = "harrier-0001.warc.gz";
  page.capture.warc_offset = 2;
  page.capture.warc_length = 5;
  page.now_ms = kT0;
  store::AdvertInput ad;
  ad.url = advert_url;
  ad.title = std::string("Title ") + kXss + " call 07700 900123";
  ad.body = std::string("Body ") + kXss + " mail <b>anna@example.com</b> or 07700 900123";
  ad.posted = kXss;
  ad.location = kXss;
  ad.image_urls = {image_url};
  ad.mentions = {Mention(SelectorKind::kPhone, "+447700900123", "07700 900123", "title"),
                 Mention(SelectorKind::kPhone, "+447700900123", "07700 900123", "body"),
                 Mention(SelectorKind::kEmail, "anna@example.com", "anna@example.com", "body"),
                 Mention(SelectorKind::kHandle, std::string("snapchat:") + kXss, kXss, "body")};
  page.advert = ad;
  advert_id_ = s->CommitPage(page).value().document_id;
  std::filesystem::create_directories(options_.data_dir + "/warc");
  std::ofstream(options_.data_dir + "/warc/harrier-0001.warc.gz", std::ios::binary) << "xxWARC1yy";

  image_bytes_ = TestJpeg();
  image_sha_ = Sha256Hex(image_bytes_);
  WriteBlob(image_sha_, image_bytes_);
  const std::vector<store::FrontierItem> images = s->LeaseFrontier(run, 10, kT0).value();
  for (const store::FrontierItem& it : images) {
    store::ImageCommit c;
    c.item = it;
    c.capture.source_id = source;
    c.capture.run_id = run;
    c.capture.url = it.url;
    c.capture.http_status = 200;
    c.capture.fetched_ms = kT0;
    c.capture.body_sha256 = image_sha_;
    c.sha256 = image_sha_;
    c.size = static_cast<int64_t>(image_bytes_.size());
    c.mime = "image/jpeg";
    c.blob_path = "blobs/" + image_sha_.substr(0, 2) + "/" + image_sha_;
    c.now_ms = kT0;
    c.analysis.pdq = std::string(64, 'a');
    c.analysis.pdq_quality = 90;
    ASSERT_TRUE(s->CommitImage(c).ok());
  }
  // A blob the store lists as an image but that is not one (text bytes).
  const std::string text = "just text, not an image <script>x</script>";
  text_blob_sha_ = Sha256Hex(text);
  WriteBlob(text_blob_sha_, text);
  store::FrontierItem fake;
  fake.source_id = source;
  fake.run_id = run;
  fake.url = "https://target.invalid/not-an-image";
  fake.kind = store::FrontierKind::kImage;
  ASSERT_TRUE(s->Enqueue(source, run, {fake.url}, store::FrontierKind::kImage, 1, kT0).ok());
  const std::vector<store::FrontierItem> fakes = s->LeaseFrontier(run, 10, kT0).value();
  for (const store::FrontierItem& it : fakes) {
    store::ImageCommit c;
    c.item = it;
    c.capture.source_id = source;
    c.capture.run_id = run;
    c.capture.url = it.url;
    c.capture.http_status = 200;
    c.capture.fetched_ms = kT0;
    c.capture.body_sha256 = text_blob_sha_;
    c.sha256 = text_blob_sha_;
    c.size = static_cast<int64_t>(text.size());
    c.mime = "image/jpeg";
    c.blob_path = "blobs/" + text_blob_sha_.substr(0, 2) + "/" + text_blob_sha_;
    c.now_ms = kT0;
    ASSERT_TRUE(s->CommitImage(c).ok());
  }

  store::WatchlistImage w;
  w.operation = std::string("op-heron") + kXss;
  w.reason = kXss;
  w.added_by = "analyst1";
  w.added_ms = kT0;
  w.file_name = kXss;
  w.sha256 = std::string(64, 'e');
  w.pdq = std::string(64, 'b');
  w.pdq_quality = 90;
  const int64_t entry = s->AddWatchlistImage(w).value().first;
  store::AlertRow a;
  a.watchlist_image_id = entry;
  a.image_sha256 = image_sha_;
  a.document_id = advert_id_;
  a.url = advert_url;
  a.captured_ms = kT0;
  a.distance = 12;
  a.method = std::string("pdq") + kXss;
  a.image_pdq = std::string(64, 'a');
  a.watchlist_pdq = std::string(64, 'b');
  a.created_ms = kT0;
  alert_id_ = s->RaiseAlert(a).value().value();
}

std::string UiServerTest::SetCookieId(const httplib::Result& r) {
  if (!r) return "";
  const std::string v = r->get_header_value("Set-Cookie");
  const std::string key = "__Host-harrier_session=";
  if (v.rfind(key, 0) != 0) return "";
  return v.substr(key.size(), v.find(';') - key.size());
}

std::string UiServerTest::CsrfIn(const std::string& body) {
  const std::string key = "name=\"csrf\" value=\"";
  const size_t at = body.find(key);
  if (at == std::string::npos) return "";
  return body.substr(at + key.size(), 64);
}

UiServerTest::Browser UiServerTest::Login(const std::string& user, const std::string& password,
                                          int* status) {
  auto c = Client();
  httplib::Result form = c->Get("/login");
  EXPECT_TRUE(form && form->status == 200);
  if (!form) return {};
  Browser pre{SetCookieId(form), CsrfIn(form->body)};
  httplib::Result r = Post(pre, "/login", {{"user", user}, {"password", password}});
  if (status != nullptr) *status = r ? r->status : -1;
  if (!r || r->status != 303) return {};
  httplib::Result home = Get({SetCookieId(r), ""}, "/justify");
  return {SetCookieId(r), home ? CsrfIn(home->body) : ""};
}

UiServerTest::Browser UiServerTest::Justified(const std::string& user) {
  Browser b = Login(user, kPassword);
  httplib::Result r =
      Post(b, "/justify", {{"operation", "OP-KESTREL"}, {"justification", "alert triage"}});
  EXPECT_TRUE(r && r->status == 303);
  return b;
}

httplib::Result UiServerTest::Get(const Browser& b, const std::string& path) {
  return Client()->Get(path, Cookie(b.session));
}

httplib::Result UiServerTest::Post(const Browser& b, const std::string& path,
                                   httplib::Params form) {
  form.emplace("csrf", b.csrf);
  httplib::Headers h = Cookie(b.session);
  h.emplace("Origin", Origin());
  return Client()->Post(path, h, form);
}

}  // namespace harrier::review::ui::testing
