// The collector reading a Telegram preview page with the fake fetcher: each
// message a post document whose text carries its links and where it was
// forwarded from, the channel header a profile, the older page followed.
#include <sqlite3.h>

#include <fstream>
#include <sstream>

#include "daemon/collector_test_fixture.h"

namespace harrier::daemon::testing {
namespace {

std::string Fixture(const std::string& name) {
  std::ifstream in(std::string(HARRIER_SOURCE_DIR) + "/tests/data/social/" + name);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class SocialCollectorTest : public CollectorTest {
 protected:
  void SetUp() override {
    CollectorTest::SetUp();
    config::SiteProfile& p = cfg_.sources[0];
    p = config::SiteProfile{};
    p.name = "channel";
    p.file = "channel.toml";
    p.kind = "telegram";
    p.max_depth = 5;
    p.authorisation = MakeConfig().sources[0].authorisation;
    p.telegram.base = "http://tg.test";
    p.telegram.channels = {"harbour_rooms_demo"};
    p.obey_robots = false;
    p.robots_override_authorisation = "OP-TEST-1";
  }

  int64_t phone_id_of_201() {
    auto docs = store_->ListDocuments();
    for (const auto& d : *docs) {
      if (d.url == "https://t.me/harbour_rooms_demo/201") return d.id;
    }
    return 0;
  }

  std::string BodyOf(const std::string& url) {
    sqlite3_stmt* q = nullptr;
    sqlite3_prepare_v2(store_->RawHandleForTesting(),
                       "SELECT v.body FROM document d JOIN document_version v ON v.document_id = "
                       "d.id WHERE d.url = ?1",
                       -1, &q, nullptr);
    sqlite3_bind_text(q, 1, url.c_str(), -1, SQLITE_TRANSIENT);
    std::string body = sqlite3_step(q) == SQLITE_ROW
                           ? reinterpret_cast<const char*>(sqlite3_column_text(q, 0))
                           : "(no such document)";
    sqlite3_finalize(q);
    return body;
  }
};

TEST_F(SocialCollectorTest, PostsKeepTheirLinksAndWhereTheyWereForwardedFromAsText) {
  fetcher_.SetPage("http://tg.test/s/harbour_rooms_demo", Fixture("telegram_page1.html"));
  std::unique_ptr<Collector> c = MakeCollector();
  RunPass(*c);
  const std::string post = BodyOf("https://t.me/harbour_rooms_demo/201");
  EXPECT_NE(post.find("https://rooms.example.org/list?id=4"), std::string::npos) << post;
  auto docs = store_->ListDocuments();
  ASSERT_TRUE(docs.ok());
  int posts = 0, profiles = 0;
  std::string forwarded;
  for (const auto& d : *docs) {
    posts += d.kind == "post";
    profiles += d.kind == "profile";
    const std::string body = BodyOf(d.url);
    if (body.find("Forwarded from: ") != std::string::npos) forwarded = body;
  }
  EXPECT_GE(posts, 3);
  EXPECT_EQ(profiles, 1);  // the channel's header
  EXPECT_NE(forwarded.find("quayside_notices_demo"), std::string::npos) << forwarded;
  // What is not text is kept beside it, as captured.
  auto detail = store_->GetDocument(phone_id_of_201());
  ASSERT_TRUE(detail.ok() && detail->has_value());
  EXPECT_NE((*detail)->meta.find("\"views\""), std::string::npos) << (*detail)->meta;
  // The obfuscated number in message 201 is a selector of that post.
  auto phone = store_->FindDocumentsBySelector(SelectorKind::kPhone, "+447700900456");
  ASSERT_TRUE(phone.ok());
  ASSERT_EQ(phone->size(), 1u);
  EXPECT_EQ(phone->front().url, "https://t.me/harbour_rooms_demo/201");
}

}  // namespace
}  // namespace harrier::daemon::testing
