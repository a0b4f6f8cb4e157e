#include "review/ui/html.h"

#include <gtest/gtest.h>

namespace harrier::review::ui {
namespace {

// A hostile corpus: each payload escaped must contain none of the
// characters that open markup, end an attribute or start an entity.
TEST(HtmlEscapeTest, HostileCorpusLeavesNoMarkupCharacters) {
  const std::vector<std::string> corpus = {
      "<script>alert(1)</script>",
      "\"><svg onload=alert(1)>",
      "'><img src=x onerror=alert(1)>",
      "javascript:alert(1)",
      "`${alert(1)}`",
      "<a href=\"//evil\">x</a>",
      "&lt;already&gt; &amp;",
      "x\" autofocus onfocus=\"alert(1)",
      "x' onmouseover='alert(1)",
      "<!--",
      "]]><![CDATA[",
      "</textarea><script>1</script>",
      "<style>@import 'x'</style>",
      std::string("nul\0byte<", 10),
      "\x01\x02\x7f<b>",
      "\xc0\xbc"
      "script\xc0\xbe",  // overlong '<' and '>'
      "\xed\xa0\x80",    // a surrogate
      "\xff\xfe<",
      "=cmd|' /C calc'!A0",
      "<<SCRIPT>alert(\"XSS\");//<</SCRIPT>",
  };
  for (const std::string& input : corpus) {
    const std::string out = HtmlEscape(input);
    for (const char bad : {'<', '>', '"', '\'', '`', '='}) {
      EXPECT_EQ(out.find(bad), std::string::npos) << input << " -> " << out;
    }
    // Every & starts one of our entities.
    for (size_t at = out.find('&'); at != std::string::npos; at = out.find('&', at + 1)) {
      const std::string rest = out.substr(at);
      const bool ours = rest.rfind("&amp;", 0) == 0 || rest.rfind("&lt;", 0) == 0 ||
                        rest.rfind("&gt;", 0) == 0 || rest.rfind("&quot;", 0) == 0 ||
                        rest.rfind("&#", 0) == 0;
      EXPECT_TRUE(ours) << out;
    }
    EXPECT_EQ(out.find('\0'), std::string::npos);
  }
}

TEST(HtmlEscapeTest, KeepsValidUtf8AndReplacesInvalidBytes) {
  EXPECT_EQ(HtmlEscape("Zoë – Łódź 😀"), "Zoë – Łódź 😀");
  EXPECT_EQ(HtmlEscape("a\xff"
                       "b"),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(HtmlEscape("a/b"), "a&#47;b");
}

TEST(HighlightTest, MarksSpansAndEscapesEachSegment) {
  const std::string text = "<b>call 07700 900123</b> or <i>07700 900123";
  const auto spans = FindSpans(text, {"07700 900123"});
  ASSERT_EQ(spans.size(), 2u);
  EXPECT_EQ(HighlightSpans(text, spans),
            "&lt;b&gt;call <mark>07700 900123</mark>&lt;&#47;b&gt; or &lt;i&gt;<mark>07700 "
            "900123</mark>");
}

TEST(HighlightTest, OverlappingNeedlesKeepTheEarliestLongest) {
  const auto spans = FindSpans("abcdef", {"bcd", "bc", "cde", "f"});
  ASSERT_EQ(spans.size(), 2u);
  EXPECT_EQ(spans[0], std::make_pair(size_t{1}, size_t{4}));
  EXPECT_EQ(spans[1], std::make_pair(size_t{5}, size_t{6}));
}

TEST(RenderPageTest, MarkingTopAndBottomAndEscapedTitle) {
  PageFrame f;
  f.title = "<script>x</script>";
  f.marking = "OFFICIAL-SENSITIVE";
  const std::string page = RenderPage(f, "<p>body</p>");
  EXPECT_NE(page.find("id=\"marking-top\">OFFICIAL-SENSITIVE</div>"), std::string::npos);
  EXPECT_NE(page.find("id=\"marking-bottom\">OFFICIAL-SENSITIVE</div>"), std::string::npos);
  EXPECT_LT(page.find("marking-top"), page.find("<p>body</p>"));
  EXPECT_GT(page.find("marking-bottom"), page.find("<p>body</p>"));
  EXPECT_EQ(page.find("<script>x"), std::string::npos);
}

TEST(UrlEncodeTest, EncodesEverythingButUnreserved) {
  EXPECT_EQ(UrlEncode("/a b?c=d&e"), "%2Fa%20b%3Fc%3Dd%26e");
  EXPECT_EQ(UrlEncode("AZaz09-._~"), "AZaz09-._~");
}

}  // namespace
}  // namespace harrier::review::ui
