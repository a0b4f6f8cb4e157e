#include "scrapers/html_document.h"

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace harrier::scrapers {
namespace {

using Strings = std::vector<std::string>;

// The time budgets below are for an optimised build; sanitizer and -O0
// builds run several times slower.
#if defined(__SANITIZE_ADDRESS__) || !defined(NDEBUG)
constexpr double kBudgetScale = 5.0;
#else
constexpr double kBudgetScale = 1.0;
#endif

std::unique_ptr<HtmlDocument> MustParse(std::string_view html, HtmlLimits limits = {}) {
  Result<std::unique_ptr<HtmlDocument>> doc = HtmlDocument::Parse(html, limits);
  EXPECT_TRUE(doc.ok()) << doc.status().ToString();
  return doc.ok() ? std::move(doc).value() : nullptr;
}

Strings MustEvaluate(const HtmlDocument& doc, const std::string& xpath) {
  Result<Strings> got = doc.Evaluate(xpath);
  EXPECT_TRUE(got.ok()) << xpath << ": " << got.status().ToString();
  return got.ok() ? *got : Strings{"<error>"};
}

struct XPathCase {
  const char* xpath;
  Strings expected;
};

TEST(HtmlDocumentTest, EvaluatesElementsAttributesStringsAndCounts) {
  auto doc = MustParse(
      "<!doctype html><title>Lantern Listings</title>"
      "<ul class=towns><li class=town>Leeds</li><li class=town>York &amp; "
      "Hull</li></ul>"
      "<a href='/search?town=leeds&amp;page=2' data-id=7>Next</a>");
  ASSERT_NE(doc, nullptr);
  const XPathCase cases[] = {
      {"//li", {"Leeds", "York & Hull"}},
      {"//li[@class='town'][2]", {"York & Hull"}},
      {"//a/@href", {"/search?town=leeds&page=2"}},
      {"//a/@data-id", {"7"}},
      {"//li/text()", {"Leeds", "York & Hull"}},
      {"count(//li)", {"2"}},
      {"count(//li) div 4", {"0.5"}},
      {"string(//title)", {"Lantern Listings"}},
      {"concat(//li[1], '/', //li[2])", {"Leeds/York & Hull"}},
      {"boolean(//ul[@class='towns'])", {"true"}},
      {"boolean(//table)", {"false"}},
      {"//table", {}},
      {"/html/body/ul/li[1]", {"Leeds"}},
  };
  for (const XPathCase& c : cases) {
    EXPECT_EQ(MustEvaluate(*doc, c.xpath), c.expected) << c.xpath;
  }
}

TEST(HtmlDocumentTest, TextContentCollapsesSpaceAndBreaksBlocks) {
  const struct {
    const char* html;
    const char* text;
  } cases[] = {
      {"<div id=t><p>First para</p><p>Second   para\n  with\tspaces</p></div>",
       "First para\nSecond para with spaces"},
      {"<div id=t>Line one<br>Line two<br><br>Line four</div>", "Line one\nLine two\n\nLine four"},
      {"<ul id=t><li>Leeds</li><li>York</li></ul>", "Leeds\nYork"},
      {"<div id=t>Call <b>07700</b> <i>900123</i> today</div>", "Call 07700 900123 today"},
      {"<p id=t>Fish &amp; chips &pound;5&nbsp;&nbsp;now &lt;3</p>",
       "Fish & chips \xC2\xA3"
       "5 now <3"},
      {"<div id=t><h2>Rates</h2>From &pound;80<h3>Contact</h3>Text only</div>",
       "Rates\nFrom \xC2\xA3"
       "80\nContact\nText only"},
      {"<table "
       "id=t><tr><td>Mon</td><td>10-6</td></tr><tr><td>Tue</td><td>closed</"
       "td></tr></table>",
       "Mon 10-6\nTue closed"},
      {"<div "
       "id=t><section>One</section><article>Two</article><blockquote>Three</"
       "blockquote></div>",
       "One\nTwo\nThree"},
      {"<div id=t>   \n  padded  \n </div>", "padded"},
      {"<div id=t>a<span> </span>b</div>", "a b"},
  };
  for (const auto& c : cases) {
    auto doc = MustParse(c.html);
    ASSERT_NE(doc, nullptr);
    EXPECT_EQ(MustEvaluate(*doc, "//*[@id='t']"), Strings{c.text}) << c.html;
  }
}

TEST(HtmlDocumentTest, ScriptStyleAndTemplateAreNotText) {
  auto doc = MustParse(
      "<div id=t>Visible<script>var phone = '07700 900999';</script>"
      "<style>.x::after { content: 'hidden' }</style> text"
      "<template><p>template only</p></template></div>"
      "<script type='application/ld+json'>{\"name\": \"Jade\"}</script>");
  ASSERT_NE(doc, nullptr);
  EXPECT_EQ(MustEvaluate(*doc, "//*[@id='t']"), Strings{"Visible text"});
  // Still there for a profile that asks for it explicitly.
  EXPECT_EQ(MustEvaluate(*doc, "//script[@type='application/ld+json']/text()"),
            Strings{"{\"name\": \"Jade\"}"});
}

TEST(HtmlDocumentTest, BrokenHtmlIsParsedLikeABrowser) {
  const struct {
    const char* html;
    const char* xpath;
    Strings expected;
  } cases[] = {
      {"<p>one<p>two<div>three</div>", "//p", {"one", "two"}},
      {"<ul><li>Leeds<li>York</ul>", "//li", {"Leeds", "York"}},
      {"<div class=x>in</div></div></div><span>after</span>", "count(//div)", {"1"}},
      {"<div class=x>in</div></div></div><span>after</span>", "/html/body/span", {"after"}},
      {"<div><span>unclosed", "//div/span", {"unclosed"}},
      {"<table><td>cell</table>", "//table/tbody/tr/td", {"cell"}},
      {"<b><i>x</b>y</i>", "//i", {"x", "y"}},
      {"<DIV CLASS=Card>Upper</DIV>", "//div[@class='Card']", {"Upper"}},
      {"<a href=/x>one<a href=/y>two", "//a/@href", {"/x", "/y"}},
      {"<p>a</p><!-- <p>commented</p> -->", "//p", {"a"}},
      {"<div id=t><x\"y>inner</x\"y></div>", "//*[@id='t']", {"inner"}},
      {"<my-widget data-x=1>custom</my-widget>", "//my-widget/@data-x", {"1"}},
      {"<div a<b=1 \"q\"=2 ok=3>attrs</div>", "//div/@*", {"3"}},
      {"<div id=a id=b>dup</div>", "//div/@id", {"a"}},
      {"\xFF\xFE<p>bad \xC3 bytes</p>", "count(//p)", {"1"}},
      {"", "count(/html/body)", {"1"}},
  };
  for (const auto& c : cases) {
    auto doc = MustParse(c.html);
    ASSERT_NE(doc, nullptr);
    EXPECT_EQ(MustEvaluate(*doc, c.xpath), c.expected) << c.html << " / " << c.xpath;
  }
}

TEST(HtmlDocumentTest, PageOverSizeCapIsRejectedBeforeParsing) {
  HtmlLimits limits;
  limits.max_bytes = 100;
  const std::string at_cap = "<p>" + std::string(97, 'x');
  EXPECT_TRUE(HtmlDocument::Parse(at_cap, limits).ok());
  Result<std::unique_ptr<HtmlDocument>> over = HtmlDocument::Parse(at_cap + "x", limits);
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.status().code(), StatusCode::kRejected);
  EXPECT_NE(over.status().message().find("101"), std::string::npos) << over.status().message();
}

double SecondsToParse(const std::string& html, std::unique_ptr<HtmlDocument>* doc) {
  const auto start = std::chrono::steady_clock::now();
  *doc = MustParse(html);
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::string Repeat(const std::string& s, int n) {
  std::string out;
  out.reserve(s.size() * n);
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

// Gumbo alone needs ~40 s for the first of these (it walks its whole stack
// of open elements for each start tag) and deep recursion would crash.
TEST(HtmlDocumentTest, HundredThousandDeepNestingParsesQuicklyAndIsCapped) {
  const std::string deep = Repeat("<div>", 100000) + "too deep" + Repeat("</div>", 100000) +
                           "<p id=after>after the nest</p>";
  std::unique_ptr<HtmlDocument> doc;
  EXPECT_LT(SecondsToParse(deep, &doc), 2.0 * kBudgetScale);
  ASSERT_NE(doc, nullptr);
  // html is depth 1, body 2: <div>s at depths 3..256 are kept.
  EXPECT_EQ(MustEvaluate(*doc, "count(//div)"), Strings{"254"});
  EXPECT_EQ(MustEvaluate(*doc, "count(//text()[contains(., 'too deep')])"), Strings{"0"});
  // The end tags of the dropped <div>s did not close the kept ones early.
  EXPECT_EQ(MustEvaluate(*doc, "/html/body/p[@id='after']"), Strings{"after the nest"});
}

TEST(HtmlDocumentTest, HostileNestingPatternsParseQuickly) {
  const struct {
    const char* name;
    std::string html;
  } cases[] = {
      {"unclosed divs", Repeat("<div>", 100000) + "x"},
      {"unclosed spans", Repeat("<span>", 100000) + "x"},
      {"unclosed formatting", Repeat("<b>", 100000) + "x"},
      {"formatting with distinct attributes",
       [] {
         std::string s;
         for (int i = 0; i < 50000; ++i) s += "<i n=" + std::to_string(i) + ">";
         return s + "x";
       }()},
      {"formatting reopened across blocks",
       [] {
         std::string s;
         for (int i = 0; i < 20000; ++i) s += "<div><b n=" + std::to_string(i) + "></div>x";
         return s;
       }()},
      {"misnested formatting", Repeat("<b><div></b>", 50000) + "x"},
      {"nested tables", Repeat("<table><tr><td>", 30000) + "x"},
      {"nested lists", Repeat("<ul><li>", 50000) + "x"},
      {"unclosed forms", Repeat("<form><div></form>", 50000) + "x"},
      {"svg", "<svg>" + Repeat("<g>", 100000) + "</svg>"},
      {"select", "<select>" + Repeat("<div>", 100000) + "</select><p>after</p>"},
      {"mixed", Repeat("<div><span><p><a href=x><b><li>", 20000) + "x"},
  };
  for (const auto& c : cases) {
    std::unique_ptr<HtmlDocument> doc;
    EXPECT_LT(SecondsToParse(c.html, &doc), 2.0 * kBudgetScale) << c.name;
    ASSERT_NE(doc, nullptr) << c.name;
    Result<Strings> count = doc->Evaluate("count(//*)");
    ASSERT_TRUE(count.ok()) << c.name;
  }
}

TEST(HtmlDocumentTest, HundredThousandAttributesAreCapped) {
  std::string html = "<div id=first";
  for (int i = 0; i < 100000; ++i) html += " a" + std::to_string(i) + "=\"v\"";
  html += ">attrs</div><p>after</p>";
  std::unique_ptr<HtmlDocument> doc;
  EXPECT_LT(SecondsToParse(html, &doc), 2.0 * kBudgetScale);
  ASSERT_NE(doc, nullptr);
  EXPECT_EQ(MustEvaluate(*doc, "count(//div/@*)"),
            Strings{std::to_string(HtmlLimits{}.max_attributes)});
  EXPECT_EQ(MustEvaluate(*doc, "//div/@id"), Strings{"first"});
  EXPECT_EQ(MustEvaluate(*doc, "//p"), Strings{"after"});
}

TEST(HtmlDocumentTest, NestedMatchesOverResultCapAreRejected) {
  HtmlLimits limits;
  limits.max_result_bytes = 10000;
  const std::string html =
      Repeat("<div class=advert-body>", 50) + std::string(1000, 'x') + Repeat("</div>", 50);
  auto doc = MustParse(html, limits);
  ASSERT_NE(doc, nullptr);
  Result<Strings> got = doc->Evaluate("//div[@class='advert-body']");
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().code(), StatusCode::kRejected);
}

std::string ReadPage(const std::string& name) {
  std::ifstream in(std::string(HARRIER_SOURCE_DIR) + "/tests/data/pages/" + name, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Top-level "|" and inner "//" are evaluated outside libxml2 (its merges
// are quadratic); wrapped in parentheses the same expression is evaluated
// by libxml2 alone, which is the reference for nodes and their order.
TEST(HtmlDocumentTest, UnionsAndDescendantStepsMatchLibxml2) {
  for (const char* page :
       {"index.html", "town_leeds.html", "advert_101.html", "broken_listing.html"}) {
    auto doc = MustParse(ReadPage(page));
    ASSERT_NE(doc, nullptr);
    for (const std::string xpath : {
             "//ul[@class='towns']//a/@href | "
             "//nav[@class='pagination']//a[@rel='next']/@href",
             "//div[@class='gallery']//img/@src",
             "//a/@href | //img/@src",
             "//img/@src | //a/@href | //a/@href",
             "//body//div//p//b",
             "//article//a[1]/@href",
             "//*[@class]//text()",
             "//li//a | //ul",
             "//p//.. | //a/..",
             "//p//ancestor::div",
             "/html/body//a/@href",
             "(//a)[1]//text() | //h1",
             "//a[@href = '/advert/101.html' or @rel='next']//text()",
             "count(//a | //p)",
             "//a//text() = 'Next'",
         }) {
      EXPECT_EQ(MustEvaluate(*doc, xpath), MustEvaluate(*doc, "(" + xpath + ")"))
          << page << ": " << xpath;
    }
  }
}

double SecondsToEvaluate(const HtmlDocument& doc, const std::string& xpath, size_t* count) {
  const auto start = std::chrono::steady_clock::now();
  *count = MustEvaluate(doc, xpath).size();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// libxml2 alone takes 8 s for the first and minutes for the others.
TEST(HtmlDocumentTest, ManyMatchesDoNotMakeXPathQuadratic) {
  const struct {
    const char* name;
    std::string html;
    const char* xpath;
    size_t expected;
  } cases[] = {
      {"40,000 links each side of a union",
       "<ul class=towns>" + Repeat("<li><a href=/town/x/>x</a>", 40000) +
           "</ul><nav class=pagination>" + Repeat("<a rel=next href=/p/>n</a>", 40000) + "</nav>",
       "//ul[@class='towns']//a/@href | "
       "//nav[@class='pagination']//a[@rel='next']/@href",
       80000},
      {"12,000 galleries of 20 images",
       Repeat("<div class=gallery>" + Repeat("<img src=/i.png>", 20) + "</div>", 12000),
       "//div[@class='gallery']//img/@src", 240000},
      {"250 nested galleries around 100,000 images",
       Repeat("<div class=gallery>", 250) + Repeat("<img src=/i.png>", 100000),
       "//div[@class='gallery']//img/@src", 100000},
  };
  for (const auto& c : cases) {
    auto doc = MustParse(c.html);
    ASSERT_NE(doc, nullptr) << c.name;
    size_t count = 0;
    EXPECT_LT(SecondsToEvaluate(*doc, c.xpath, &count), 1.0 * kBudgetScale) << c.name;
    EXPECT_EQ(count, c.expected) << c.name;
  }
}

TEST(HtmlDocumentTest, BadXPathIsInvalidArgumentNamingTheExpression) {
  auto doc = MustParse("<p>x</p>");
  ASSERT_NE(doc, nullptr);
  for (const char* xpath : {
           "//div[",
           "//div[@class='x'",
           "//div[@class='unterminated]",
           "///",
           "//p)",
           "no-such-function()",
           "//svg:path",
           "$undefined",
           "//p | 1",
           "//p//",
           "//p | //a[",
           "",
       }) {
    ::testing::internal::CaptureStderr();
    Result<Strings> got = doc->Evaluate(xpath);
    const Status checked = HtmlDocument::CheckXPath(xpath);
    const std::string stderr_text = ::testing::internal::GetCapturedStderr();
    ASSERT_FALSE(got.ok()) << xpath;
    EXPECT_EQ(got.status().code(), StatusCode::kInvalidArgument) << xpath;
    EXPECT_EQ(got.status().message().rfind("xpath '" + std::string(xpath) + "': ", 0), 0u)
        << got.status().message();
    EXPECT_EQ(checked.code(), StatusCode::kInvalidArgument) << xpath;
    EXPECT_EQ(checked.message(), got.status().message());
    EXPECT_EQ(stderr_text, "") << "libxml2 printed for " << xpath;
  }
}

TEST(HtmlDocumentTest, BadXPathReasonIsLibxml2sWording) {
  const struct {
    const char* xpath;
    const char* message;
  } cases[] = {
      {"//div[", "xpath '//div[': Invalid expression at offset 6"},
      {"//h1[@class='x'", "xpath '//h1[@class='x'': Invalid predicate at offset 15"},
      {"no-such-function()", "xpath 'no-such-function()': Unregistered function"},
      {"//svg:path", "xpath '//svg:path': Undefined namespace prefix"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(HtmlDocument::CheckXPath(c.xpath).message(), c.message);
  }
}

TEST(HtmlDocumentTest, CheckXPathAcceptsTheDemoProfileExpressions) {
  for (const char* xpath : {
           "//ul[@class='towns']//a/@href | "
           "//nav[@class='pagination']//a[@rel='next']/@href",
           "//a[@class='advert-link']/@href",
           "//h1[@class='advert-title']",
           "//div[@class='advert-body']",
           "//time[@class='posted']/@datetime",
           "//span[@class='location']",
           "//div[@class='gallery']//img/@src",
           "normalize-space(//title)",
       }) {
    EXPECT_TRUE(HtmlDocument::CheckXPath(xpath).ok()) << xpath;
  }
}

TEST(HtmlDocumentTest, DocumentsParseAndEvaluateConcurrently) {
  constexpr int kThreads = 4;
  std::vector<std::thread> threads;
  std::vector<int> failures(kThreads, 0);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([t, &failures] {
      for (int i = 0; i < 200; ++i) {
        const std::string id = std::to_string(t * 1000 + i);
        Result<std::unique_ptr<HtmlDocument>> doc = HtmlDocument::Parse(
            "<ul class=towns><li><a href='/advert/" + id + ".html'>" + id + "</a></ul>", {});
        if (!doc.ok()) {
          ++failures[t];
          continue;
        }
        Result<Strings> href = (*doc)->Evaluate("//a/@href");
        Result<Strings> bad = (*doc)->Evaluate("//a[");
        if (!href.ok() || *href != Strings{"/advert/" + id + ".html"} || bad.ok()) ++failures[t];
      }
    });
  }
  for (std::thread& th : threads) th.join();
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(failures[t], 0) << "thread " << t;
}

}  // namespace
}  // namespace harrier::scrapers
