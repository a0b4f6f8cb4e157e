// SourcesWorld's social side is what it says: the Telegram channel pages back
// through three pages with t.me's cursors, the private channel redirects, the
// Mastodon instance pages by Link header with rate-limit headers and answers
// 401/404/malformed on request, the profile pages parse, and the shared phone
// is in exactly the documents the world documents. Plain httplib clients.
#include <gtest/gtest.h>
#include <httplib.h>

#include <set>

#include "extractors/phone_extractor.h"
#include "extractors/postcode_extractor.h"
#include "social/link_header.h"
#include "social/mastodon.h"
#include "social/mastodon_api.h"
#include "social/profile_page.h"
#include "social/telegram.h"
#include "tests/support/sources_world.h"

namespace harrier::testing {
namespace {

using W = SourcesWorld;

class SourcesWorldSocialTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(world_.Start()) << world_.error(); }

  // GET an absolute URL on one of the world's servers (no redirects followed).
  httplib::Result GetUrl(const std::string& url) {
    for (const std::string& base :
         {world_.telegram_base(), world_.mastodon_base(), world_.site_base(), world_.ch_base()}) {
      if (url.rfind(base, 0) == 0) {
        httplib::Client client(base);
        client.set_follow_location(false);
        return client.Get(url.substr(base.size()));
      }
    }
    ADD_FAILURE() << "not a world URL: " << url;
    return httplib::Result(nullptr, httplib::Error::Unknown);
  }

  bool HasSharedPhone(const std::string& text) const {
    for (const Selector& s : phones_.Extract(text)) {
      if (s.value == W::kSharedPhoneE164) return true;
    }
    return false;
  }

  bool IsPng(const std::string& url) {
    auto res = GetUrl(url);
    return res && res->status == 200 && res->body.size() > 8 && res->body.substr(1, 3) == "PNG";
  }

  SourcesWorld world_;
  extractors::PhoneExtractor phones_{"GB", /*accept_drama_ranges=*/true};
};

TEST_F(SourcesWorldSocialTest, TelegramChannelPagesBackThroughThreePagesOfFivePosts) {
  social::TelegramPager pager(W::kTelegramChannel, world_.telegram_base());
  std::vector<social::Post> posts;
  int pages = 0;
  while (!pager.done() && pages < 10) {
    const std::string url = pager.NextUrl();
    auto res = GetUrl(url);
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << url;
    auto page = social::ParseTelegramPage(res->body, url);
    ASSERT_TRUE(page.ok()) << page.status().message();
    EXPECT_EQ(page->posts.size(), 5u) << url;
    for (social::Post& p : pager.Accept(*page)) posts.push_back(std::move(p));
    ++pages;
  }
  EXPECT_EQ(pages, W::ExpectedTelegramPages());
  ASSERT_EQ(static_cast<int>(posts.size()), W::ExpectedTelegramPosts());
  EXPECT_EQ(world_.telegram().RequestCount(std::string("/s/") + W::kTelegramChannel), 1);
  EXPECT_EQ(
      world_.telegram().RequestCount(std::string("/s/") + W::kTelegramChannel + "?before=111"), 1);

  std::set<std::string> ids;
  int photos = 0;
  std::set<std::string> with_phone, with_postcode;
  for (const social::Post& p : posts) {
    ids.insert(p.id);
    EXPECT_FALSE(p.published.empty()) << p.id;
    for (const std::string& image : p.images) {
      ++photos;
      EXPECT_EQ(image.rfind(world_.telegram_base() + "/img/", 0), 0u) << image;
      EXPECT_TRUE(IsPng(image)) << image;
    }
    if (HasSharedPhone(p.text)) with_phone.insert(p.id);
    for (const Selector& s : extractors::ExtractPostcodes(p.text)) {
      if (s.value == W::kSharedPostcode) with_postcode.insert(p.id);
    }
  }
  EXPECT_EQ(ids.size(), 15u);
  EXPECT_EQ(*ids.begin(), "101");
  EXPECT_EQ(photos, W::ExpectedTelegramPhotos());
  EXPECT_EQ(with_phone, std::set<std::string>{"113"});
  EXPECT_EQ(with_postcode, std::set<std::string>{"107"});
}

TEST_F(SourcesWorldSocialTest, TelegramPrivateChannelRedirectsOutOfThePreview) {
  const std::string requested =
      social::TelegramPreviewUrl(W::kTelegramPrivateChannel, world_.telegram_base());
  auto res = GetUrl(requested);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 302);
  const std::string location = res->get_header_value("Location");
  EXPECT_EQ(location, std::string("/") + W::kTelegramPrivateChannel);
  EXPECT_TRUE(social::TelegramPreviewUnavailable(requested, world_.telegram_base() + location));
  auto landing = GetUrl(world_.telegram_base() + location);
  ASSERT_TRUE(landing);
  EXPECT_EQ(landing->status, 200);
}

TEST_F(SourcesWorldSocialTest, TelegramCursorPastTheOldestPageGivesNoMessages) {
  const std::string url =
      social::TelegramNextPageUrl(W::kTelegramChannel, 101, world_.telegram_base());
  auto res = GetUrl(url);
  ASSERT_TRUE(res);
  auto page = social::ParseTelegramPage(res->body, url);
  ASSERT_TRUE(page.ok());
  EXPECT_TRUE(page->no_messages);
  EXPECT_TRUE(page->posts.empty());
}

TEST_F(SourcesWorldSocialTest, MalformedHtmlCutsTheTelegramPageMidTagUntilCleared) {
  const std::string path = std::string("/s/") + W::kTelegramChannel;
  const std::string url = world_.telegram_base() + path;
  world_.MalformedHtml(path);
  auto cut = GetUrl(url);
  ASSERT_TRUE(cut);
  EXPECT_EQ(cut->status, 200);
  EXPECT_EQ(cut->body.find("</html>"), std::string::npos);
  auto partial = social::ParseTelegramPage(cut->body, url);
  ASSERT_TRUE(partial.ok()) << partial.status().message();  // HTML parsing recovers
  EXPECT_LT(partial->posts.size(), 5u);
  world_.MalformedHtml(path, false);
  auto whole = GetUrl(url);
  ASSERT_TRUE(whole);
  auto page = social::ParseTelegramPage(whole->body, url);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->posts.size(), 5u);
}

TEST_F(SourcesWorldSocialTest, MastodonAccountStatusesPageByLinkHeaderWithRateHeaders) {
  const std::string base = world_.mastodon_base();
  Result<std::string> lookup = social::MastodonLookupUrl(base, W::kMastodonAccount);
  ASSERT_TRUE(lookup.ok()) << lookup.status().message();
  auto found = GetUrl(*lookup);
  ASSERT_TRUE(found);
  auto account = social::ParseMastodonAccount(found->body);
  ASSERT_TRUE(account.ok()) << account.status().message();
  EXPECT_EQ(account->id, W::kMastodonAccountId);

  Result<std::string> first = social::MastodonStatusesUrl(base, account->id);
  ASSERT_TRUE(first.ok());
  std::optional<std::string> url = *first;
  std::vector<social::Post> statuses;
  int requests = 0;
  int last_remaining = 1 << 30;
  while (url && requests < 10) {
    auto res = GetUrl(*url);
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << *url;
    ++requests;
    ASSERT_TRUE(res->has_header("X-RateLimit-Limit"));
    ASSERT_TRUE(res->has_header("X-RateLimit-Reset"));
    const int remaining = std::stoi(res->get_header_value("X-RateLimit-Remaining"));
    EXPECT_LT(remaining, last_remaining);
    last_remaining = remaining;
    auto page = social::ParseMastodonStatuses(res->body);
    ASSERT_TRUE(page.ok()) << page.status().message();
    for (social::Post& p : *page) statuses.push_back(std::move(p));
    url = social::ParseLinkHeader(res->get_header_value("Link"), *url).next;
  }
  EXPECT_EQ(requests, 2);
  ASSERT_EQ(static_cast<int>(statuses.size()), W::ExpectedMastodonAccountStatuses());
  EXPECT_EQ(statuses.front().id, "113500000000000105");
  EXPECT_EQ(statuses.back().id, "113500000000000101");
  int images = 0;
  std::set<std::string> with_phone;
  for (const social::Post& p : statuses) {
    for (const std::string& image : p.images) {
      ++images;
      EXPECT_TRUE(IsPng(image)) << image;
    }
    if (HasSharedPhone(p.text)) with_phone.insert(p.id);
  }
  EXPECT_EQ(images, W::ExpectedMastodonImages());
  EXPECT_EQ(with_phone, std::set<std::string>{"113500000000000103"});
}

TEST_F(SourcesWorldSocialTest, MastodonTagTimelineIsOnePageSharingAStatusWithTheAccount) {
  Result<std::string> url = social::MastodonTagTimelineUrl(world_.mastodon_base(), W::kMastodonTag);
  ASSERT_TRUE(url.ok());
  auto res = GetUrl(*url);
  ASSERT_TRUE(res);
  auto posts = social::ParseMastodonStatuses(res->body);
  ASSERT_TRUE(posts.ok()) << posts.status().message();
  ASSERT_EQ(static_cast<int>(posts->size()), W::ExpectedMastodonTagStatuses());
  EXPECT_FALSE(social::ParseLinkHeader(res->get_header_value("Link"), *url).next.has_value());
  std::set<std::string> ids;
  for (const social::Post& p : *posts) ids.insert(p.id);
  EXPECT_TRUE(ids.count("113500000000000105"));  // also in the account's statuses
  // 5 account statuses + the tag's other one.
  EXPECT_EQ(W::ExpectedMastodonStatuses(), W::ExpectedMastodonAccountStatuses() + 1);
}

TEST_F(SourcesWorldSocialTest, MastodonAnswers404AuthRequiredAndMalformedOnRequest) {
  const std::string base = world_.mastodon_base();
  auto missing = GetUrl(*social::MastodonLookupUrl(base, W::kMastodonMissingAccount));
  ASSERT_TRUE(missing);
  EXPECT_EQ(social::ClassifyMastodonResponse(missing->status, missing->body).outcome,
            social::MastodonOutcome::kNotFound);

  const std::string statuses = *social::MastodonStatusesUrl(base, W::kMastodonAccountId);
  world_.MalformedJson("/api/v1/accounts/1100001/statuses");
  auto broken = GetUrl(statuses);
  ASSERT_TRUE(broken);
  EXPECT_EQ(broken->status, 200);
  EXPECT_FALSE(social::ParseMastodonStatuses(broken->body).ok());
  world_.MalformedJson("/api/v1/accounts/1100001/statuses", false);

  world_.MastodonRequireAuth(true);
  auto refused = GetUrl(statuses);
  ASSERT_TRUE(refused);
  social::MastodonResponse r = social::ClassifyMastodonResponse(refused->status, refused->body);
  EXPECT_EQ(r.outcome, social::MastodonOutcome::kAuthRequired);
  EXPECT_TRUE(r.permanent);
  world_.MastodonRequireAuth(false);
  auto ok = GetUrl(statuses);
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
}

TEST_F(SourcesWorldSocialTest, ProfilePagesParseWithOpenGraphAndJsonLd) {
  std::vector<std::string> urls = world_.ProfileUrls();
  ASSERT_EQ(static_cast<int>(urls.size()), W::ExpectedProfiles());
  std::set<std::string> handles, with_phone;
  for (const std::string& url : urls) {
    auto res = GetUrl(url);
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << url;
    auto page = social::ParseProfilePage(res->body, url);
    ASSERT_TRUE(page.ok()) << page.status().message();
    EXPECT_TRUE(page->has_open_graph) << url;
    EXPECT_TRUE(page->has_json_ld) << url;
    EXPECT_EQ(page->profile.url, url);
    handles.insert(page->profile.handle);
    for (const std::string& image : page->profile.images) EXPECT_TRUE(IsPng(image)) << image;
    if (HasSharedPhone(page->profile.description)) with_phone.insert(page->profile.handle);
  }
  EXPECT_EQ(handles, (std::set<std::string>{"marnie_nails", "copperwick_rooms"}));
  EXPECT_EQ(with_phone, std::set<std::string>{"marnie_nails"});
}

TEST_F(SourcesWorldSocialTest, SharedPhoneDocumentsAreTheOnesTheWorldCounts) {
  // Telegram 113, Mastodon 103, profile marnie_nails, advert 1; no others.
  int count = 0;
  const auto count_page = [&](const std::string& url) {
    auto res = GetUrl(url);
    if (res && HasSharedPhone(res->body)) ++count;
  };
  for (const char* before : {"", "111", "106"}) {
    count_page(std::string(before).empty()
                   ? social::TelegramPreviewUrl(W::kTelegramChannel, world_.telegram_base())
                   : social::TelegramNextPageUrl(W::kTelegramChannel, std::stoll(before),
                                                 world_.telegram_base()));
  }
  count_page(*social::MastodonStatusesUrl(world_.mastodon_base(), W::kMastodonAccountId));
  count_page(*social::MastodonStatusesUrl(world_.mastodon_base(), W::kMastodonAccountId,
                                          "113500000000000103"));
  count_page(*social::MastodonTagTimelineUrl(world_.mastodon_base(), W::kMastodonTag));
  for (const std::string& url : world_.ProfileUrls()) count_page(url);
  count_page(world_.AdvertUrl());
  EXPECT_EQ(count, W::ExpectedSharedPhoneDocuments());
}

}  // namespace
}  // namespace harrier::testing
