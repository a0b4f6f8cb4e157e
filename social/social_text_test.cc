#include "social/social_text.h"

#include <gtest/gtest.h>

namespace harrier::social {
namespace {

TEST(SocialTextTest, AbbreviatedCountsExpandToIntegers) {
  const struct {
    const char* text;
    std::optional<int64_t> want;
  } cases[] = {
      {"856", 856},
      {"4.7K", 4700},
      {"1.2M", 1200000},
      {"12.3K", 12300},
      {"3B", 3000000000},
      {"12 345", 12345},
      {"12,345", 12345},
      {" 7 ", 7},
      {"12\xC2\xA0"
       "345",
       12345},
      {"1.25K", 1250},
      {"", std::nullopt},
      {"K", std::nullopt},
      {"lots", std::nullopt},
      {"1.2.3K", std::nullopt},
      {"-5", std::nullopt},
      {"99999999999999999999", std::nullopt},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(ParseAbbreviatedCount(c.text), c.want) << c.text;
  }
}

TEST(SocialTextTest, Iso8601TimesAreNormalisedToUtc) {
  const struct {
    const char* text;
    const char* want;
  } cases[] = {
      {"2024-03-01T09:15:42+00:00", "2024-03-01T09:15:42.000Z"},
      {"2024-03-01T12:30:00+02:00", "2024-03-01T10:30:00.000Z"},
      {"2024-02-27T22:10:05-05:00", "2024-02-28T03:10:05.000Z"},
      {"2024-05-02T08:15:30.123Z", "2024-05-02T08:15:30.123Z"},
      {"2024-05-02T08:15:30.1234567+0100", "2024-05-02T07:15:30.123Z"},
      {"2024-02-30T00:00:00Z", ""},
      {"2024-03-01T09:15:42", ""},
      {"2024-03-01", ""},
      {"not-a-date", ""},
      {"2024-03-01T25:00:00Z", ""},
  };
  for (const auto& c : cases) EXPECT_EQ(NormalizeIso8601(c.text), c.want) << c.text;
}

TEST(SocialTextTest, BackgroundUrlAcceptsOnlyHttp) {
  const std::string base = "https://t.me/s/demo";
  EXPECT_EQ(CssBackgroundUrl("width:2px;background-image:url('https://cdn.example/a.jpg')", base),
            "https://cdn.example/a.jpg");
  EXPECT_EQ(CssBackgroundUrl("background-image:url(\"https://cdn.example/b.jpg\")", base),
            "https://cdn.example/b.jpg");
  EXPECT_EQ(CssBackgroundUrl("background-image:url( /file/c.jpg )", base),
            "https://t.me/file/c.jpg");
  EXPECT_EQ(CssBackgroundUrl("background-image:url(//telegram.org/e.png)", base),
            "https://telegram.org/e.png");
  EXPECT_EQ(CssBackgroundUrl("background-image:url(\"javascript:alert(1)\")", base), std::nullopt);
  EXPECT_EQ(CssBackgroundUrl("background-image:url('data:image/png;base64,AA')", base),
            std::nullopt);
  EXPECT_EQ(CssBackgroundUrl("background-image:url('java\\73 cript:x')", base), std::nullopt);
  EXPECT_EQ(CssBackgroundUrl("background-image:url('https://cdn.example/unclosed", base),
            std::nullopt);
  EXPECT_EQ(CssBackgroundUrl("color:red", base), std::nullopt);
}

TEST(SocialTextTest, HtmlToTextKeepsLineBreaksAndDropsScripts) {
  Result<std::string> text =
      HtmlToText("<p>First <b>line</b><br>second</p><p>third &amp; last</p><script>x()</script>");
  ASSERT_TRUE(text.ok()) << text.status().ToString();
  EXPECT_EQ(*text, "First line\nsecond\nthird & last");
}

TEST(SocialTextTest, HtmlToTextRejectsOversizedInput) {
  scrapers::HtmlLimits limits;
  limits.max_bytes = 64;
  Result<std::string> text = HtmlToText(std::string(100, 'a'), limits);
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.status().code(), StatusCode::kRejected);
}

TEST(SocialTextTest, PercentEncodeLeavesOnlyUnreserved) {
  EXPECT_EQ(PercentEncode("user@inst.example"), "user%40inst.example");
  EXPECT_EQ(PercentEncode("a b&c=d/é"), "a%20b%26c%3Dd%2F%C3%A9");
}

}  // namespace
}  // namespace harrier::social
