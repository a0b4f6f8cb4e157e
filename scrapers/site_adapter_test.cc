#include "scrapers/site_adapter.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace harrier::scrapers {
namespace {

using Strings = std::vector<std::string>;

constexpr char kSite[] = "https://www.lantern-listings.test";

std::string ReadPage(const std::string& name) {
  const std::string path = std::string(HARRIER_SOURCE_DIR) + "/tests/data/pages/" + name;
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot open " << path;
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The XPaths of config/sources/demo.toml, for the demo site's structure.
config::SiteProfile DemoProfile() {
  config::SiteProfile p;
  p.name = "lantern";
  p.file = "sources/lantern.toml";
  p.start_urls = {std::string(kSite) + "/"};
  p.listing_links_xpath =
      "//ul[@class='towns']//a/@href | "
      "//nav[@class='pagination']//a[@rel='next']/@href";
  p.advert_links_xpath = "//a[@class='advert-link']/@href";
  p.advert_url_pattern = "/advert/[0-9]+\\.html$";
  p.title_xpath = "//h1[@class='advert-title']";
  p.body_xpath = "//div[@class='advert-body']";
  p.posted_xpath = "//time[@class='posted']/@datetime";
  p.location_xpath = "//span[@class='location']";
  p.images_xpath = "//div[@class='gallery']//img/@src";
  p.key_lines = {{"listing.url_pattern", 27}, {"listing.links", 29},   {"listing.adverts", 31},
                 {"advert.url_pattern", 35},  {"advert.title", 36},    {"advert.body", 37},
                 {"advert.posted", 38},       {"advert.location", 39}, {"advert.images", 40}};
  return p;
}

std::unique_ptr<SiteAdapter> MustCreate(const config::SiteProfile& profile) {
  Result<std::unique_ptr<SiteAdapter>> adapter = SiteAdapter::Create(profile, HtmlLimits{});
  EXPECT_TRUE(adapter.ok()) << adapter.status().ToString();
  return adapter.ok() ? std::move(adapter).value() : nullptr;
}

PageFindings MustAnalyze(const SiteAdapter& adapter, const std::string& path,
                         const std::string& html, PageKind kind) {
  Result<PageFindings> findings = adapter.Analyze(std::string(kSite) + path, html, kind);
  EXPECT_TRUE(findings.ok()) << findings.status().ToString();
  return findings.ok() ? *findings : PageFindings{};
}

Strings OnSite(std::initializer_list<const char*> paths) {
  Strings out;
  for (const char* p : paths) out.push_back(std::string(kSite) + p);
  return out;
}

TEST(SiteAdapterTest, IndexGivesTownLinksOnlyOnTheSiteAndOnlyHttp) {
  auto adapter = MustCreate(DemoProfile());
  ASSERT_NE(adapter, nullptr);
  // Dropped: the page itself ("/"), the mirror and tracker hosts, javascript:
  // (in any case), mailto: and tel:, and the duplicate Leeds link.
  PageFindings f = MustAnalyze(*adapter, "/", ReadPage("index.html"), PageKind::kListing);
  EXPECT_EQ(f.listing_links,
            OnSite({"/town/leeds/", "/town/york/", "/town/hull/", "/town/bath/", "/town/derby/"}));
  EXPECT_EQ(f.advert_links, Strings{});
  EXPECT_FALSE(f.advert.has_value());
}

TEST(SiteAdapterTest, TownPageGivesNextPageAndCanonicalAdvertLinks) {
  auto adapter = MustCreate(DemoProfile());
  ASSERT_NE(adapter, nullptr);
  // Dropped: the duplicate of 101 (absolute form), 103's fragment, the other
  // host, the URL that is not an advert page, javascript:, and the links
  // inside the <script> and the comment, which are not elements.
  PageFindings f =
      MustAnalyze(*adapter, "/town/leeds/", ReadPage("town_leeds.html"), PageKind::kListing);
  EXPECT_EQ(f.listing_links, OnSite({"/town/leeds/page/2/"}));
  EXPECT_EQ(f.advert_links, OnSite({"/advert/101.html", "/advert/102.html", "/advert/103.html"}));
}

TEST(SiteAdapterTest, AdvertPageGivesAllFieldsAndAbsoluteImageUrls) {
  auto adapter = MustCreate(DemoProfile());
  ASSERT_NE(adapter, nullptr);
  PageFindings f =
      MustAnalyze(*adapter, "/advert/101.html", ReadPage("advert_101.html"), PageKind::kAdvert);
  ASSERT_TRUE(f.advert.has_value());
  const AdvertFields& a = *f.advert;
  EXPECT_EQ(a.title, "Jade, 24 \xE2\x80\x93 new in Leeds & available");
  EXPECT_EQ(a.body,
            "Hi, I\xE2\x80\x99m Jade. New to Leeds this week, friendly & discreet.\n"
            "Call or text 07700 900123 any time.\n"
            "Email: jade.example@example.com\n"
            "Incall near ZZ99 9ZZ. Rates from \xC2\xA3"
            "80.");
  EXPECT_EQ(a.posted, "2026-03-01T10:00:00Z");
  EXPECT_EQ(a.location, "Leeds");
  // <base href=".../media/adverts/101/"> applies to relative sources; the
  // other host, the data: URL and the repeat of a1 are dropped.
  EXPECT_EQ(a.image_urls, OnSite({"/img/a1.png", "/media/adverts/101/photo-2.png", "/img/a3.png",
                                  "/img/a5.png?size=large&v=2"}));
  EXPECT_EQ(f.advert_links, OnSite({"/advert/102.html"}));
  EXPECT_EQ(f.listing_links, Strings{});
}

TEST(SiteAdapterTest, ListingKindGivesNoAdvertFields) {
  auto adapter = MustCreate(DemoProfile());
  ASSERT_NE(adapter, nullptr);
  PageFindings f =
      MustAnalyze(*adapter, "/advert/101.html", ReadPage("advert_101.html"), PageKind::kListing);
  EXPECT_FALSE(f.advert.has_value());
  EXPECT_EQ(f.advert_links, OnSite({"/advert/102.html"}));
}

TEST(SiteAdapterTest, BaseHrefIsResolvedAgainstThePageAndRespected) {
  auto adapter = MustCreate(DemoProfile());
  ASSERT_NE(adapter, nullptr);
  const struct {
    const char* html;
    Strings adverts;
  } cases[] = {
      // Without <base>, "7.html" would be /town/leeds/page/2/7.html.
      {"<base href='/advert/'><a class=advert-link href='7.html'>7</a>",
       OnSite({"/advert/7.html"})},
      {"<a class=advert-link href='7.html'>7</a>", {}},
      // A <base> on another host moves relative links off the site.
      {"<base href='https://elsewhere.test/advert/'><a class=advert-link "
       "href='7.html'>7</a>",
       {}},
      // A <base> that is not http(s) is ignored.
      {"<base href='javascript:alert(1)'><a class=advert-link "
       "href='/advert/8.html'>8</a>",
       OnSite({"/advert/8.html"})},
      // <base> without href does not count; the first one with href wins.
      {"<base target=_blank><base href='/advert/'><base href='/x/'>"
       "<a class=advert-link href='9.html'>9</a>",
       OnSite({"/advert/9.html"})},
  };
  for (const auto& c : cases) {
    PageFindings f = MustAnalyze(*adapter, "/town/leeds/page/2/", c.html, PageKind::kListing);
    EXPECT_EQ(f.advert_links, c.adverts) << c.html;
  }
}

TEST(SiteAdapterTest, BrokenListingPageStillGivesItsLinks) {
  auto adapter = MustCreate(DemoProfile());
  ASSERT_NE(adapter, nullptr);
  PageFindings f =
      MustAnalyze(*adapter, "/town/york/", ReadPage("broken_listing.html"), PageKind::kListing);
  EXPECT_EQ(f.listing_links, OnSite({"/town/york/page/2/", "/town/hull/"}));
  EXPECT_EQ(f.advert_links, OnSite({"/advert/201.html", "/advert/202.html", "/advert/203.html",
                                    "/advert/204.html"}));
}

TEST(SiteAdapterTest, DeeplyNestedAdvertKeepsShallowFieldsAndDropsTheDeepText) {
  auto adapter = MustCreate(DemoProfile());
  ASSERT_NE(adapter, nullptr);
  PageFindings f =
      MustAnalyze(*adapter, "/advert/300.html", ReadPage("deep_nesting.html"), PageKind::kAdvert);
  ASSERT_TRUE(f.advert.has_value());
  EXPECT_EQ(f.advert->title, "Nested page");
  EXPECT_EQ(f.advert->body, "Shallow body text, call 07700 900456.\nAfter the nest.");
  EXPECT_EQ(f.advert->location, "York");
}

TEST(SiteAdapterTest, PatternsFilterListingAndAdvertLinks) {
  config::SiteProfile profile = DemoProfile();
  profile.listing_url_pattern = "/town/[a-z]+/$";
  auto adapter = MustCreate(profile);
  ASSERT_NE(adapter, nullptr);
  PageFindings f =
      MustAnalyze(*adapter, "/town/leeds/", ReadPage("town_leeds.html"), PageKind::kListing);
  EXPECT_EQ(f.listing_links, Strings{});  // page 2 does not match
  PageFindings index = MustAnalyze(*adapter, "/", ReadPage("index.html"), PageKind::kListing);
  EXPECT_EQ(index.listing_links.size(), 5u);
}

TEST(SiteAdapterTest, AllowedHostsDefaultToStartUrlHosts) {
  config::SiteProfile profile = DemoProfile();
  profile.start_urls = {"HTTPS://WWW.LANTERN-LISTINGS.TEST:443/"};
  auto from_start = MustCreate(profile);
  ASSERT_NE(from_start, nullptr);
  EXPECT_EQ(
      MustAnalyze(*from_start, "/town/leeds/", ReadPage("town_leeds.html"), PageKind::kListing)
          .advert_links.size(),
      3u);

  profile.allowed_hosts = {"Other-Adverts.test"};
  auto explicit_hosts = MustCreate(profile);
  ASSERT_NE(explicit_hosts, nullptr);
  EXPECT_EQ(
      MustAnalyze(*explicit_hosts, "/town/leeds/", ReadPage("town_leeds.html"), PageKind::kListing)
          .advert_links,
      Strings{"https://other-adverts.test/advert/900.html"});
}

TEST(SiteAdapterTest, CreateWithBadXPathNamesFileLineAndKey) {
  const struct {
    const char* key;
    std::string config::SiteProfile::*field;
    int line;
  } cases[] = {
      {"listing.links", &config::SiteProfile::listing_links_xpath, 29},
      {"listing.adverts", &config::SiteProfile::advert_links_xpath, 31},
      {"advert.title", &config::SiteProfile::title_xpath, 36},
      {"advert.body", &config::SiteProfile::body_xpath, 37},
      {"advert.posted", &config::SiteProfile::posted_xpath, 38},
      {"advert.location", &config::SiteProfile::location_xpath, 39},
      {"advert.images", &config::SiteProfile::images_xpath, 40},
  };
  for (const auto& c : cases) {
    config::SiteProfile profile = DemoProfile();
    profile.*c.field = "//h1[@class='advert-title'";
    Result<std::unique_ptr<SiteAdapter>> adapter = SiteAdapter::Create(profile, HtmlLimits{});
    ASSERT_FALSE(adapter.ok()) << c.key;
    EXPECT_EQ(adapter.status().code(), StatusCode::kInvalidArgument);
    const std::string prefix = "sources/lantern.toml:" + std::to_string(c.line) + ": " + c.key +
                               ": xpath '//h1[@class='advert-title'': ";
    EXPECT_EQ(adapter.status().message().rfind(prefix, 0), 0u) << adapter.status().message();
  }
}

TEST(SiteAdapterTest, CreateWithBadRegexNamesFileLineAndKey) {
  config::SiteProfile profile = DemoProfile();
  profile.listing_url_pattern = "/town/([a-z]+/$";
  Result<std::unique_ptr<SiteAdapter>> listing = SiteAdapter::Create(profile, HtmlLimits{});
  ASSERT_FALSE(listing.ok());
  EXPECT_EQ(listing.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(listing.status().message().rfind("sources/lantern.toml:27: listing.url_pattern: regex "
                                             "'/town/([a-z]+/$': ",
                                             0),
            0u)
      << listing.status().message();

  // No line recorded: the line part is left out.
  profile = DemoProfile();
  profile.advert_url_pattern = "[0-9";
  profile.key_lines.erase("advert.url_pattern");
  Result<std::unique_ptr<SiteAdapter>> advert = SiteAdapter::Create(profile, HtmlLimits{});
  ASSERT_FALSE(advert.ok());
  EXPECT_EQ(advert.status().message().rfind(
                "sources/lantern.toml: advert.url_pattern: regex '[0-9': ", 0),
            0u)
      << advert.status().message();
}

TEST(SiteAdapterTest, AnalyzeRefusesNonHttpUrlAndOversizedPage) {
  auto adapter = MustCreate(DemoProfile());
  ASSERT_NE(adapter, nullptr);
  Result<PageFindings> bad_url = adapter->Analyze("file:///tmp/x.html", "<p>x", PageKind::kListing);
  ASSERT_FALSE(bad_url.ok());
  EXPECT_EQ(bad_url.status().code(), StatusCode::kInvalidArgument);

  HtmlLimits small;
  small.max_bytes = 1000;
  Result<std::unique_ptr<SiteAdapter>> capped = SiteAdapter::Create(DemoProfile(), small);
  ASSERT_TRUE(capped.ok());
  Result<PageFindings> big = (*capped)->Analyze(std::string(kSite) + "/advert/1.html",
                                                std::string(1001, 'x'), PageKind::kAdvert);
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.status().code(), StatusCode::kRejected);
}

}  // namespace
}  // namespace harrier::scrapers
