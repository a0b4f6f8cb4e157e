#include "scrapers/html_input_guard.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

namespace harrier::scrapers {
namespace {

std::string Repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

std::string ReadPage(const std::string& name) {
  std::ifstream in(std::string(HARRIER_SOURCE_DIR) + "/tests/data/pages/" + name, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// max_depth 10: with the slack of 8, elements may open down to depth 18;
// <html> and <body> are depths 1 and 2.
HtmlLimits Small() {
  HtmlLimits limits;
  limits.max_depth = 10;
  limits.max_attributes = 2;
  return limits;
}

std::string Guarded(const std::string& html, const HtmlLimits& limits) {
  std::string storage;
  Result<std::string_view> got = GuardHtmlInput(html, limits, &storage);
  EXPECT_TRUE(got.ok()) << got.status().ToString();
  return got.ok() ? std::string(*got) : "<rejected>";
}

TEST(HtmlInputGuardTest, OrdinaryAndSloppyPagesPassUncopied) {
  const std::string cases[] = {
      ReadPage("index.html"),
      ReadPage("town_leeds.html"),
      ReadPage("advert_101.html"),
      ReadPage("broken_listing.html"),
      // Implied end tags keep these flat however many there are.
      Repeat("<p>paragraph", 2000),
      "<ul>" + Repeat("<li>item", 2000) + "</ul>",
      "<dl>" + Repeat("<dt>term<dd>definition", 2000) + "</dl>",
      "<select>" + Repeat("<option>choice", 2000) + "</select>",
      "<table>" + Repeat("<tr><td>a<td>b", 2000) + "</table>",
      Repeat("<h2>heading<p>text", 2000),
      // Unclosed <font> per paragraph: at most three identical ones reopen.
      Repeat("<p><font face=Arial>old style", 2000),
      Repeat("<a href=/x>link", 2000),
      Repeat("<div>closed</div>", 2000),
      "<script>" + Repeat("<div>", 2000) + "</script>",
      "<textarea>" + Repeat("<div>", 2000) + "</textarea>",
      "<!-- " + Repeat("<div>", 2000) + " -->",
      Repeat("<form><input name=q></form>", 2000),
  };
  for (const std::string& html : cases) {
    std::string storage;
    Result<std::string_view> got = GuardHtmlInput(html, HtmlLimits{}, &storage);
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    EXPECT_EQ(got->data(), html.data()) << html.substr(0, 80);
  }
}

TEST(HtmlInputGuardTest, CutsStartTagsPastTheCapWithTheirEndTags) {
  const struct {
    std::string html;
    std::string expected;
  } cases[] = {
      {Repeat("<div>", 20) + "x" + Repeat("</div>", 20) + "<p>after</p>",
       Repeat("<div>", 16) + "x" + Repeat("</div>", 16) + "<p>after</p>"},
      {Repeat("<div>", 16) + "<span class=a>deep</span>tail</div>",
       Repeat("<div>", 16) + "deeptail</div>"},
      {Repeat("<b>", 20) + "x", Repeat("<b>", 16) + "x"},
      // A raw-text element past the cap goes with its content, which must
      // not be parsed as markup.
      {Repeat("<div>", 16) + "<script>if (a<b) go('<div>')</script>after",
       Repeat("<div>", 16) + "after"},
      {Repeat("<div>", 16) + "<plaintext><div>all text", Repeat("<div>", 16)},
  };
  for (const auto& c : cases) EXPECT_EQ(Guarded(c.html, Small()), c.expected) << c.html;
}

TEST(HtmlInputGuardTest, CutsAttributesPastTheCap) {
  const struct {
    const char* html;
    const char* expected;
  } cases[] = {
      {"<p a=1 b=\"2\" c='3' d>x</p>", "<p a=1 b=\"2\">x</p>"},
      {"<img a=1 b=2 c=3 />", "<img a=1 b=2/>"},
      {"<img a=1 b=2 c=3/>", "<img a=1 b=2>"},  // "3/" is c's value
      {"<p a=\"x>y\" b=2 c=\"q>r\">x", "<p a=\"x>y\" b=2>x"},
      {"<p a b>x", "<p a b>x"},
  };
  for (const auto& c : cases) EXPECT_EQ(Guarded(c.html, Small()), c.expected) << c.html;
}

TEST(HtmlInputGuardTest, UnboundedReopeningOfFormattingIsRejected) {
  std::string html;
  for (int i = 0; i < 20000; ++i) html += "<p><font id=f" + std::to_string(i) + ">x";
  std::string storage;
  Result<std::string_view> got = GuardHtmlInput(html, HtmlLimits{}, &storage);
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().code(), StatusCode::kRejected);
}

}  // namespace
}  // namespace harrier::scrapers
