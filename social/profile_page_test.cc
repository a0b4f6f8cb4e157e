#include "social/profile_page.h"

#include <gtest/gtest.h>

#include "social/test_util.h"

namespace harrier::social {
namespace {

ProfilePage Parse(const std::string& fixture, const std::string& url) {
  Result<ProfilePage> page = ParseProfilePage(ReadSocialFixture(fixture), url);
  EXPECT_TRUE(page.ok()) << page.status().ToString();
  return page.ok() ? *page : ProfilePage{};
}

TEST(ProfilePageTest, OpenGraphOnly) {
  const ProfilePage page = Parse("profile_og_only.html", "https://social.example/mira_demo");
  EXPECT_TRUE(page.has_open_graph);
  EXPECT_FALSE(page.has_json_ld);
  const Profile& p = page.profile;
  EXPECT_EQ(p.name, "Mira Testperson");  // profile:first/last over the decorated og:title
  EXPECT_EQ(p.handle, "mira_demo");
  EXPECT_EQ(p.description, "Invented bio. Bookings 07700 900 515.");  // OG:Description matched
  const std::vector<std::string> images = {"https://social.example/avatars/mira.jpg",
                                           "https://cdn.social.example/banners/mira.jpg",
                                           "https://cdn.social.example/avatars/mira.jpg"};
  EXPECT_EQ(p.images, images);
  EXPECT_EQ(p.url, "https://social.example/mira_demo");
  EXPECT_EQ(p.followers, std::nullopt);
}

TEST(ProfilePageTest, TwitterFallbacksAndCanonicalLink) {
  const ProfilePage page = Parse("profile_twitter_only.html", "https://lettings.example/a?x=1");
  EXPECT_EQ(page.profile.name, "Quayside Lettings Demo");
  EXPECT_EQ(page.profile.description, "Invented lettings agent");
  EXPECT_EQ(page.profile.images, std::vector<std::string>{"https://cdn.lettings.example/logo.png"});
  EXPECT_EQ(page.profile.url, "https://lettings.example/agents/quayside");
}

TEST(ProfilePageTest, JsonLdOnlyProfilePage) {
  const ProfilePage page = Parse("profile_jsonld_only.html", "https://social.example/mira_demo");
  EXPECT_FALSE(page.has_open_graph);
  EXPECT_TRUE(page.has_json_ld);
  const Profile& p = page.profile;
  EXPECT_EQ(p.name, "Mira Testperson");
  EXPECT_EQ(p.handle, "mira_demo");
  EXPECT_EQ(p.description, "Invented bio from JSON-LD, tel 01632 960 515");
  EXPECT_EQ(p.images, std::vector<std::string>{"https://social.example/img/mira_ld.jpg"});
  const std::vector<std::string> same_as = {"https://inst.example/@mira_demo",
                                            "https://t.me/mira_demo_channel"};
  EXPECT_EQ(p.same_as, same_as);  // javascript: dropped
  EXPECT_EQ(p.followers, 4321);   // FollowAction, not LikeAction
  const std::vector<std::pair<std::string, std::string>> fields = {{"identifier", "123456"},
                                                                   {"posts", "88"}};
  EXPECT_EQ(p.fields, fields);
}

TEST(ProfilePageTest, JsonLdWinsAndImagesMerge) {
  const ProfilePage page = Parse("profile_both.html", "https://social.example/mira_demo");
  EXPECT_TRUE(page.has_open_graph);
  EXPECT_TRUE(page.has_json_ld);
  const Profile& p = page.profile;
  EXPECT_EQ(p.name, "Mira Testperson");                         // JSON-LD, not og:title
  EXPECT_EQ(p.handle, "mira_demo");                             // '@' dropped
  EXPECT_EQ(p.description, "OG bio");                           // JSON-LD has none: OG fills in
  EXPECT_EQ(p.url, "https://social.example/mira_demo?ref=og");  // likewise
  const std::vector<std::string> images = {"https://cdn.social.example/avatars/mira_ld.jpg",
                                           "https://cdn.social.example/avatars/mira.jpg"};
  EXPECT_EQ(p.images, images);
  EXPECT_EQ(p.same_as, std::vector<std::string>{"https://inst.example/@mira_demo"});
}

TEST(ProfilePageTest, GraphWithMainEntityReference) {
  const ProfilePage page = Parse("profile_graph.html", "https://lettings.example/agents/quayside");
  ASSERT_TRUE(page.has_json_ld);
  const Profile& p = page.profile;
  EXPECT_EQ(p.name, "Quayside Lettings Demo");  // the Organization, not the WebSite
  const std::vector<std::string> images = {"https://lettings.example/logo.png",
                                           "https://lettings.example/office.jpg"};
  EXPECT_EQ(p.images, images);
  EXPECT_EQ(p.followers, 1200);  // "1.2K" with an object interactionType
  ASSERT_FALSE(p.fields.empty());
  EXPECT_EQ(p.fields[0], (std::pair<std::string, std::string>{"identifier", "00000001"}));
  EXPECT_EQ(p.url, "https://lettings.example/agents/quayside");  // the page itself
}

TEST(ProfilePageTest, ArrayTakesTheSchemaOrgPerson) {
  const ProfilePage page = Parse("profile_array.html", "https://people.example/list");
  ASSERT_TRUE(page.has_json_ld);
  EXPECT_EQ(page.profile.name, "Ada Example");  // the other vocabulary's Person is ignored
  EXPECT_EQ(page.profile.handle, "ada_demo");
  EXPECT_EQ(page.profile.url, "https://people.example/people/ada");
}

TEST(ProfilePageTest, BrokenJsonLdBlockDoesNotLoseTheOthers) {
  const ProfilePage page = Parse("profile_broken_jsonld.html", "https://people.example/s");
  EXPECT_EQ(page.broken_json_ld, 2);  // malformed, and nested past the bound
  ASSERT_TRUE(page.has_json_ld);
  EXPECT_EQ(page.profile.name, "Survivor Demo");  // type="APPLICATION/LD+JSON" matched
  EXPECT_EQ(page.profile.handle, "survivor_demo");
}

TEST(ProfilePageTest, HostileValuesAreDroppedOrKeptAsText) {
  const ProfilePage page = Parse("profile_hostile.html", "https://hostile.example/p");
  const Profile& p = page.profile;
  EXPECT_EQ(p.name, "<script>alert(1)</script> Hostile Demo");  // text; escaped by renderers
  EXPECT_EQ(p.description, "</script><script>alert(3)</script>");
  EXPECT_EQ(p.images, std::vector<std::string>{"https://cdn.hostile.example/ok.jpg"});
  EXPECT_EQ(p.same_as, std::vector<std::string>{"https://ok.example/same"});
  EXPECT_EQ(p.url, "https://hostile.example/p");  // javascript: and vbscript: refused
  EXPECT_EQ(p.followers, std::nullopt);           // "many"
}

TEST(ProfilePageTest, OversizedPageIsRejected) {
  scrapers::HtmlLimits limits;
  limits.max_bytes = 100;
  Result<ProfilePage> page = ParseProfilePage(ReadSocialFixture("profile_og_only.html"),
                                              "https://social.example/", limits);
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.status().code(), StatusCode::kRejected);
}

}  // namespace
}  // namespace harrier::social
