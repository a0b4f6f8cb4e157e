#include "social/mastodon.h"

#include <gtest/gtest.h>

#include <map>

#include "social/link_header.h"
#include "social/mastodon_api.h"
#include "social/test_util.h"

namespace harrier::social {
namespace {

TEST(MastodonTest, AccountLookupGivesPlainTextAndFlags) {
  Result<MastodonAccount> a = ParseMastodonAccount(ReadSocialFixture("mastodon_account.json"));
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->id, "10987");
  EXPECT_EQ(a->acct, "harbourrooms");
  EXPECT_EQ(a->display_name, "Harbour Rooms Demo");
  EXPECT_EQ(a->note, "Invented account for tests.\nCall 07700 900 412\nSecond line");
  EXPECT_EQ(a->url, "https://inst.example/@harbourrooms");
  EXPECT_EQ(a->header, "");  // javascript: refused
  EXPECT_EQ(a->created_at, "2022-11-07T00:00:00.000Z");
  EXPECT_EQ(a->followers_count, 1234);
  EXPECT_EQ(a->discoverable, true);
  EXPECT_EQ(a->indexable, false);
  EXPECT_EQ(a->noindex, std::nullopt);
  ASSERT_EQ(a->fields.size(), 2u);
  EXPECT_EQ(a->fields[0], (std::pair<std::string, std::string>{"Phone", "01632 960 222"}));
  EXPECT_EQ(a->fields[1].second, "https://rooms.example.org");

  const Profile p = MastodonProfile(*a);
  EXPECT_EQ(p.handle, "harbourrooms@inst.example");
  EXPECT_EQ(p.followers, 1234);
  EXPECT_EQ(p.images,
            std::vector<std::string>{"https://files.inst.example/accounts/avatars/a.png"});
  EXPECT_EQ(p.same_as, std::vector<std::string>{"https://inst.example/users/harbourrooms"});
}

TEST(MastodonTest, StatusGivesTextLinksTagsMediaAndCounts) {
  Result<std::vector<Post>> posts =
      ParseMastodonStatuses(ReadSocialFixture("mastodon_statuses_page1.json"));
  ASSERT_TRUE(posts.ok()) << posts.status().ToString();
  ASSERT_EQ(posts->size(), 2u);
  const Post& p = (*posts)[0];
  EXPECT_EQ(p.platform, "mastodon");
  EXPECT_EQ(p.id, "112233445566778899");
  EXPECT_EQ(p.url, "https://inst.example/@harbourrooms/112233445566778899");
  EXPECT_EQ(p.author, "harbourrooms@inst.example");
  EXPECT_EQ(p.published, "2024-05-02T08:15:30.123Z");
  EXPECT_EQ(p.text, "Rooms free, ring 07700 900 413 #rooms see rooms.example.org/a");
  EXPECT_EQ(p.links, std::vector<std::string>{"https://rooms.example.org/a?b=1"});  // no hashtag
  EXPECT_EQ(p.tags, std::vector<std::string>{"rooms"});
  EXPECT_EQ(p.images, std::vector<std::string>{"https://files.inst.example/m/original/x.jpg"});
  EXPECT_EQ(p.counts.at("reblogs"), 2);
  EXPECT_EQ(p.counts.at("favourites"), 5);
  EXPECT_EQ(p.reply_to, "");
}

TEST(MastodonTest, BoostReadsTheOriginalPost) {
  Result<std::vector<Post>> posts =
      ParseMastodonStatuses(ReadSocialFixture("mastodon_statuses_page1.json"));
  ASSERT_TRUE(posts.ok());
  ASSERT_EQ(posts->size(), 2u);
  const Post& p = (*posts)[1];
  EXPECT_EQ(p.id, "998877");
  EXPECT_EQ(p.url, "https://other.example/@quaysidedemo/998877");
  EXPECT_EQ(p.author, "quaysidedemo@other.example");
  EXPECT_EQ(p.boosted_by, "harbourrooms@inst.example");
  EXPECT_EQ(p.published, "2024-05-01T17:00:00.000Z");
  EXPECT_EQ(p.text, "Content warning\nBoosted text from @harbourrooms 020 7946 0555");
  EXPECT_EQ(p.reply_to, "998800");
  EXPECT_EQ(p.mentions, std::vector<std::string>{"harbourrooms"});
  // remote_url when url is null; a data: URL is refused.
  EXPECT_EQ(p.images, std::vector<std::string>{"https://other.example/system/media/orig/y.png"});
  ASSERT_EQ(p.cards.size(), 1u);
  EXPECT_EQ(p.cards[0].site_name, "Example News");
  EXPECT_EQ(p.links, std::vector<std::string>{"https://news.example.net/story/12"});
  EXPECT_EQ(p.counts.at("reblogs"), 7);
}

TEST(MastodonTest, OddEntriesAreSkippedAndNumericIdsKept) {
  Result<std::vector<Post>> posts =
      ParseMastodonStatuses(ReadSocialFixture("mastodon_statuses_page2.json"));
  ASSERT_TRUE(posts.ok()) << posts.status().ToString();
  ASSERT_EQ(posts->size(), 2u);
  EXPECT_EQ((*posts)[0].id, "112233445566770001");
  EXPECT_EQ((*posts)[0].text, "Older post\nline two");
  EXPECT_TRUE((*posts)[0].images.empty());
  EXPECT_EQ((*posts)[1].id, "112233445566770000");
}

TEST(MastodonTest, TwoPagesOfStatusesFollowTheLinkHeader) {
  struct Page {
    std::string fixture, link;
  };
  const std::string first = *MastodonStatusesUrl("inst.example", "10987");
  const std::string second =
      "https://inst.example/api/v1/accounts/10987/statuses?limit=40&max_id=112233445566778890";
  const std::map<std::string, Page> server = {
      {first,
       {"mastodon_statuses_page1.json",
        "<" + second +
            ">; rel=\"next\", <https://inst.example/api/v1/accounts/10987/"
            "statuses?limit=40&min_id=112233445566778899>; rel=\"prev\""}},
      {second,
       {"mastodon_statuses_page2.json",
        "<https://inst.example/api/v1/accounts/10987/statuses?min_id=112233445566770001>; "
        "rel=\"prev\""}},
  };
  std::optional<std::string> url = first;
  std::vector<std::string> ids;
  int requests = 0;
  while (url && requests < 5) {
    ++requests;
    auto it = server.find(*url);
    ASSERT_NE(it, server.end()) << *url;
    Result<std::vector<Post>> posts = ParseMastodonStatuses(ReadSocialFixture(it->second.fixture));
    ASSERT_TRUE(posts.ok());
    for (const Post& p : *posts) ids.push_back(p.id);
    url = ParseLinkHeader(it->second.link, *url).next;
  }
  EXPECT_EQ(requests, 2);
  const std::vector<std::string> want = {"112233445566778899", "998877", "112233445566770001",
                                         "112233445566770000"};
  EXPECT_EQ(ids, want);
}

TEST(MastodonTest, MalformedJsonIsACorruptStatus) {
  Result<std::vector<Post>> posts =
      ParseMastodonStatuses(ReadSocialFixture("mastodon_malformed.json"));
  ASSERT_FALSE(posts.ok());
  EXPECT_EQ(posts.status().code(), StatusCode::kCorrupt);
  EXPECT_NE(posts.status().message().find("malformed JSON"), std::string::npos);

  Result<MastodonAccount> a = ParseMastodonAccount("[1,2]");
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.status().code(), StatusCode::kCorrupt);
  Result<std::vector<Post>> not_array = ParseMastodonStatuses(R"({"error":"Record not found"})");
  EXPECT_EQ(not_array.status().code(), StatusCode::kCorrupt);
}

TEST(MastodonTest, DeepNestingIsRejectedBeforeParsing) {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  Result<std::vector<Post>> posts = ParseMastodonStatuses(deep);
  ASSERT_FALSE(posts.ok());
  EXPECT_EQ(posts.status().code(), StatusCode::kRejected);
  // Brackets inside strings do not count.
  const std::string in_string = "[{\"id\":\"1\",\"content\":\"" + std::string(1000, '[') + "\"}]";
  EXPECT_TRUE(ParseMastodonStatuses(in_string).ok());
}

}  // namespace
}  // namespace harrier::social
