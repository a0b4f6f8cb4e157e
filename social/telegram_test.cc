#include "social/telegram.h"

#include <gtest/gtest.h>

#include <map>

#include "social/test_util.h"

namespace harrier::social {
namespace {

const char kChannelUrl[] = "https://t.me/s/harbour_rooms_demo";

TelegramPage ParseFixture(const std::string& name, const std::string& url = kChannelUrl) {
  Result<TelegramPage> page = ParseTelegramPage(ReadSocialFixture(name), url);
  EXPECT_TRUE(page.ok()) << page.status().ToString();
  return page.ok() ? *page : TelegramPage{};
}

TEST(TelegramTest, ChannelHeaderIsRead) {
  const TelegramPage page = ParseFixture("telegram_page1.html");
  EXPECT_EQ(page.channel.title, "Harbour Rooms Demo");
  EXPECT_EQ(page.channel.username, "harbour_rooms_demo");
  EXPECT_EQ(page.channel.description, "Invented channel for tests.\nBookings: 07700 900123");
  EXPECT_TRUE(page.channel.verified);
  EXPECT_EQ(page.channel.image, "https://cdn4.example-telesco.pe/file/channel.jpg");
  const std::map<std::string, int64_t> want = {
      {"subscribers", 12300}, {"photos", 856}, {"links", 1200000}};
  EXPECT_EQ(page.channel.counters, want);
}

TEST(TelegramTest, ChannelHeaderAsProfile) {
  const TelegramPage page = ParseFixture("telegram_page1.html");
  const Profile p = TelegramChannelProfile(page.channel, "Harbour_Rooms_Demo");
  EXPECT_EQ(p.url, "https://t.me/harbour_rooms_demo");
  EXPECT_EQ(p.handle, "harbour_rooms_demo");
  EXPECT_EQ(p.name, "Harbour Rooms Demo");
  EXPECT_EQ(p.followers, 12300);
  EXPECT_EQ(p.images, std::vector<std::string>{"https://cdn4.example-telesco.pe/file/channel.jpg"});
  // Without a username in the header, the configured name.
  EXPECT_EQ(TelegramChannelProfile(TelegramChannel{}, "other_demo").url, "https://t.me/other_demo");
}

TEST(TelegramTest, PostsCarryIdUrlTimeAndViews) {
  const TelegramPage page = ParseFixture("telegram_page1.html");
  ASSERT_EQ(page.posts.size(), 3u);  // the post inside the <script> is not one
  const Post& p = page.posts[0];
  EXPECT_EQ(p.platform, "telegram");
  EXPECT_EQ(p.id, "201");
  EXPECT_EQ(p.author, "harbour_rooms_demo");
  EXPECT_EQ(p.url, "https://t.me/harbour_rooms_demo/201");
  EXPECT_EQ(p.published, "2024-03-01T09:15:42.000Z");
  EXPECT_EQ(p.views, 4700);
  EXPECT_EQ(p.counts.at("views"), 4700);
  EXPECT_EQ(page.posts[1].views, 1200000);
  EXPECT_EQ(page.posts[1].published, "2024-03-01T10:30:00.000Z");  // +02:00 to UTC
  EXPECT_EQ(page.posts[2].views, 856);
  EXPECT_EQ(page.before, 201);
}

TEST(TelegramTest, TextKeepsLineBreaksEmojiAndLinks) {
  const TelegramPage page = ParseFixture("telegram_page1.html");
  ASSERT_EQ(page.posts.size(), 3u);
  EXPECT_EQ(page.posts[0].text,
            "New rooms this week \xF0\x9F\x98\x89\nCall 0 7 7 0 0 9 0 0 4 5 6 or see our list");
  EXPECT_EQ(page.posts[0].links, std::vector<std::string>{"https://rooms.example.org/list?id=4"});
  // The script inside the caption is not text.
  EXPECT_EQ(page.posts[2].text, "Album caption\nText +44 (0)20 7946 0321");
}

TEST(TelegramTest, ForwardWithLinkIsRecorded) {
  const TelegramPage page = ParseFixture("telegram_page1.html");
  ASSERT_FALSE(page.posts.empty());
  EXPECT_EQ(page.posts[0].forwarded_from, "https://t.me/quayside_notices_demo/77");
}

TEST(TelegramTest, LinkPreviewBecomesCardAndLink) {
  const TelegramPage page = ParseFixture("telegram_page1.html");
  ASSERT_EQ(page.posts.size(), 3u);
  const Post& p = page.posts[1];
  ASSERT_EQ(p.cards.size(), 1u);
  EXPECT_EQ(p.cards[0].url, "https://news.example.net/story/12");
  EXPECT_EQ(p.cards[0].site_name, "Example News");
  EXPECT_EQ(p.cards[0].title, "Invented headline");
  EXPECT_EQ(p.cards[0].description, "Invented summary with 01632 960111 inside.");
  EXPECT_EQ(p.cards[0].image, "https://cdn4.example-telesco.pe/file/preview12.jpg");
  EXPECT_EQ(p.links, std::vector<std::string>{"https://news.example.net/story/12"});
  EXPECT_EQ(p.text, "Read this: https://news.example.net/story/12");  // not the card text
}

TEST(TelegramTest, AlbumGivesEveryHttpPhotoAndRefusesOtherSchemes) {
  const TelegramPage page = ParseFixture("telegram_page1.html");
  ASSERT_EQ(page.posts.size(), 3u);
  const std::vector<std::string> want = {"https://cdn4.example-telesco.pe/file/album_a.jpg",
                                         "https://cdn4.example-telesco.pe/file/album_b.jpg"};
  EXPECT_EQ(page.posts[2].images, want);      // javascript: and data: dropped
  EXPECT_TRUE(page.posts[0].images.empty());  // the emoji's background is not a photo
}

TEST(TelegramTest, RelativePhotoReplyAndUnlinkedForward) {
  const TelegramPage page =
      ParseFixture("telegram_page2.html", "https://t.me/s/harbour_rooms_demo?before=201");
  ASSERT_EQ(page.posts.size(), 3u);
  EXPECT_EQ(page.posts[0].images, std::vector<std::string>{"https://t.me/file/relative198.jpg"});
  EXPECT_EQ(page.posts[0].text, "Photo of the room, ask 07700 900 777");
  EXPECT_EQ(page.posts[0].published, "2024-02-28T03:10:05.000Z");
  EXPECT_EQ(page.posts[1].reply_to, "https://t.me/harbour_rooms_demo/198");
  EXPECT_EQ(page.posts[1].text, "Still free. 07700-900-888");  // not the quoted reply
  EXPECT_EQ(page.posts[1].views, 3100);
  EXPECT_EQ(page.posts[2].forwarded_from, "Hidden Sender Demo");
  EXPECT_EQ(page.posts[2].views, std::nullopt);
  EXPECT_EQ(page.before, 198);
}

TEST(TelegramTest, ThreePageChannelIsCollectedCompletelyAndOnce) {
  const std::map<std::string, std::string> site = {
      {"https://t.me/s/harbour_rooms_demo", "telegram_page1.html"},
      {"https://t.me/s/harbour_rooms_demo?before=201", "telegram_page2.html"},
      {"https://t.me/s/harbour_rooms_demo?before=198", "telegram_page3.html"},
  };
  TelegramPager pager("harbour_rooms_demo");
  std::vector<std::string> fetched, ids;
  while (!pager.done() && fetched.size() < 10) {
    const std::string url = pager.NextUrl();
    fetched.push_back(url);
    auto it = site.find(url);
    ASSERT_NE(it, site.end()) << url;
    for (const Post& p : pager.Accept(ParseFixture(it->second, url))) ids.push_back(p.id);
  }
  EXPECT_EQ(fetched.size(), 3u);
  const std::vector<std::string> want = {"201", "202", "203", "198", "199", "200", "1", "197"};
  EXPECT_EQ(ids, want);
}

TEST(TelegramTest, PagerStopsWhenCursorDoesNotMoveBackwards) {
  TelegramPager pager("harbour_rooms_demo");
  const TelegramPage first = ParseFixture("telegram_page1.html");
  EXPECT_EQ(pager.Accept(first).size(), 3u);
  EXPECT_FALSE(pager.done());
  EXPECT_EQ(pager.NextUrl(), "https://t.me/s/harbour_rooms_demo?before=201");
  // The server answers the same page again: nothing new, and the walk ends.
  EXPECT_TRUE(pager.Accept(first).empty());
  EXPECT_TRUE(pager.done());
}

TEST(TelegramTest, MalformedDataPostIsSkippedAndCounted) {
  const TelegramPage page = ParseFixture("telegram_page3.html");
  ASSERT_EQ(page.posts.size(), 2u);
  EXPECT_EQ(page.skipped, 1);
  EXPECT_EQ(page.before, std::nullopt);
}

TEST(TelegramTest, NoMessagesFoundGivesEmptyPage) {
  const TelegramPage page = ParseFixture("telegram_empty.html");
  EXPECT_TRUE(page.no_messages);
  EXPECT_TRUE(page.posts.empty());
  EXPECT_EQ(page.before, std::nullopt);
}

TEST(TelegramTest, MalformedHtmlStillYieldsPosts) {
  const TelegramPage page = ParseFixture("telegram_malformed.html");
  ASSERT_EQ(page.posts.size(), 2u);
  EXPECT_EQ(page.posts[0].id, "300");
  EXPECT_NE(page.posts[0].text.find("07700 900 300"), std::string::npos);
  EXPECT_EQ(page.posts[1].published, "");        // "not-a-date"
  EXPECT_EQ(page.posts[1].views, std::nullopt);  // "lots"
}

TEST(TelegramTest, HugePageIsRejectedByTheGuard) {
  scrapers::HtmlLimits limits;
  limits.max_bytes = 1024;
  Result<TelegramPage> page =
      ParseTelegramPage(ReadSocialFixture("telegram_page1.html"), kChannelUrl, limits);
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.status().code(), StatusCode::kRejected);
}

TEST(TelegramTest, MessagesPastTheCapAreCountedNotRead) {
  std::string html = "<html><body>";
  for (int i = 1; i <= kMaxTelegramMessages + 50; ++i) {
    html += "<div class=\"tgme_widget_message\" data-post=\"flood_demo/" + std::to_string(i) +
            "\"><div class=\"tgme_widget_message_text\">m</div></div>";
  }
  Result<TelegramPage> page = ParseTelegramPage(html, "https://t.me/s/flood_demo");
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_EQ(page->posts.size(), static_cast<size_t>(kMaxTelegramMessages));
  EXPECT_EQ(page->skipped, 50);
}

TEST(TelegramTest, RedirectOutOfSlashSMeansNoPublicPreview) {
  EXPECT_TRUE(TelegramPreviewUnavailable("https://t.me/s/closed_demo", "https://t.me/closed_demo"));
  EXPECT_TRUE(TelegramPreviewUnavailable("https://t.me/s/closed_demo?before=5",
                                         "https://telegram.me/closed_demo"));
  EXPECT_FALSE(TelegramPreviewUnavailable("https://t.me/s/open_demo", "https://t.me/s/open_demo"));
  EXPECT_FALSE(TelegramPreviewUnavailable("https://t.me/s/open_demo", "https://t.me/s/Open_Demo"));
  EXPECT_FALSE(TelegramPreviewUnavailable("https://t.me/s/open_demo", ""));
  EXPECT_FALSE(
      TelegramPreviewUnavailable("https://t.me/s/open_demo", "https://elsewhere.example/x"));
  EXPECT_TRUE(TelegramPreviewUnavailable("http://127.0.0.1:8080/s/closed_demo",
                                         "http://127.0.0.1:8080/closed_demo"));
  EXPECT_FALSE(TelegramPreviewUnavailable("https://t.me/closed_demo", "https://t.me/other"));
}

TEST(TelegramTest, UrlBuilders) {
  EXPECT_EQ(TelegramPreviewUrl("harbour_rooms_demo"), "https://t.me/s/harbour_rooms_demo");
  EXPECT_EQ(TelegramNextPageUrl("harbour_rooms_demo", 198),
            "https://t.me/s/harbour_rooms_demo?before=198");
  EXPECT_TRUE(ValidTelegramChannel("harbour_rooms_demo"));
  EXPECT_FALSE(ValidTelegramChannel("bad channel"));
  EXPECT_FALSE(ValidTelegramChannel("../etc"));
  EXPECT_FALSE(ValidTelegramChannel(""));
}

}  // namespace
}  // namespace harrier::social
