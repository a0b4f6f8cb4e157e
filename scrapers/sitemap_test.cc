#include "scrapers/sitemap.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <string>
#include <vector>

namespace harrier::scrapers {
namespace {

using Urls = std::vector<std::string>;

constexpr char kBase[] = "https://www.example.com/sitemap.xml";

std::string Gzip(std::string_view in) {
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&z, in.size()), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

std::string Urlset(const std::string& inner, const std::string& open =
                                                 "<urlset xmlns=\"http://www.sitemaps.org/schemas/"
                                                 "sitemap/0.9\">") {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + open + inner + "</urlset>\n";
}

Result<Sitemap> Parse(std::string_view body, const SitemapLimits& limits = {}) {
  return ParseSitemap(body, kBase, limits);
}

// The example from sitemaps.org/protocol.html, with its entity-escaped "&".
constexpr char kProtocolExample[] = R"(<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
   <url>
      <loc>http://www.example.com/</loc>
      <lastmod>2005-01-01</lastmod>
      <changefreq>monthly</changefreq>
      <priority>0.8</priority>
   </url>
   <url>
      <loc>http://www.example.com/catalog?item=12&amp;desc=vacation_hawaii</loc>
      <changefreq>weekly</changefreq>
   </url>
   <url>
      <loc>http://www.example.com/catalog?item=73&amp;desc=vacation_new_zealand</loc>
      <lastmod>2004-12-23</lastmod>
   </url>
</urlset>
)";

TEST(SitemapTest, ParsesTheProtocolsUrlsetExample) {
  Result<Sitemap> s = Parse(kProtocolExample);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_FALSE(s->is_index);
  EXPECT_EQ(s->urls, (Urls{"http://www.example.com/",
                           "http://www.example.com/catalog?item=12&desc=vacation_hawaii",
                           "http://www.example.com/catalog?item=73&desc=vacation_new_zealand"}));
  EXPECT_TRUE(s->warnings.empty());
}

TEST(SitemapTest, ParsesASitemapIndex) {
  const char* index = R"(<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>http://www.example.com/sitemap1.xml.gz</loc>
    <lastmod>2004-10-01T18:23:17+00:00</lastmod></sitemap>
  <sitemap><loc>http://www.example.com/sitemap2.xml.gz</loc></sitemap>
</sitemapindex>)";
  Result<Sitemap> s = Parse(index);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_TRUE(s->is_index);
  EXPECT_EQ(s->urls, (Urls{"http://www.example.com/sitemap1.xml.gz",
                           "http://www.example.com/sitemap2.xml.gz"}));
  // <url> entries do not belong in an index, nor <sitemap> in a urlset.
  Result<Sitemap> mixed = Parse(
      "<sitemapindex><url><loc>https://www.example.com/a</loc></url>"
      "<sitemap><loc>https://www.example.com/b.xml</loc></sitemap></sitemapindex>");
  ASSERT_TRUE(mixed.ok());
  EXPECT_EQ(mixed->urls, Urls{"https://www.example.com/b.xml"});
}

TEST(SitemapTest, RootAndLocAreMatchedInAnyNamespace) {
  const std::string body = "<url><loc>https://www.example.com/a</loc></url>";
  const std::string opens[] = {
      "<urlset>",
      "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">",
      "<urlset xmlns=\"http://www.google.com/schemas/sitemap/0.84\">",
      "<urlset xmlns=\"https://www.sitemaps.org/schemas/sitemap/0.9\" "
      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">",
  };
  for (const std::string& open : opens) {
    Result<Sitemap> s = Parse(Urlset(body, open));
    ASSERT_TRUE(s.ok()) << open << ": " << s.status().ToString();
    EXPECT_EQ(s->urls, Urls{"https://www.example.com/a"}) << open;
  }
  // A prefixed vocabulary.
  Result<Sitemap> prefixed = Parse(
      "<sm:urlset xmlns:sm=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
      "<sm:url><sm:loc>https://www.example.com/p</sm:loc></sm:url></sm:urlset>");
  ASSERT_TRUE(prefixed.ok()) << prefixed.status().ToString();
  EXPECT_EQ(prefixed->urls, Urls{"https://www.example.com/p"});
}

TEST(SitemapTest, ExtensionLocsAreNotPageUrls) {
  // Google image/video extensions put their own <loc>s inside <url>.
  const std::string body = Urlset(
      "<url><loc>https://www.example.com/page</loc>"
      "<image:image><image:loc>https://cdn.example.com/i.jpg</image:loc></image:image>"
      "<other:loc>https://www.example.com/foreign</other:loc></url>",
      "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" "
      "xmlns:image=\"http://www.google.com/schemas/sitemap-image/1.1\" "
      "xmlns:other=\"urn:example:other\">");
  Result<Sitemap> s = Parse(body);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->urls, Urls{"https://www.example.com/page"});
}

TEST(SitemapTest, WhitespaceAroundLocIsTrimmed) {
  Result<Sitemap> s =
      Parse(Urlset("<url><loc>\n    https://www.example.com/a  \t\n</loc></url>"
                   "<url><loc><![CDATA[ https://www.example.com/b?x=1&y=2 ]]></loc></url>"
                   "<url><loc>https://www.example.com/%7Euser/caf&#xE9;</loc></url>"));
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->urls, (Urls{"https://www.example.com/a", "https://www.example.com/b?x=1&y=2",
                           "https://www.example.com/~user/caf%C3%A9"}));
}

TEST(SitemapTest, LocsResolveAgainstTheSitemapUrlAndNonHttpAreSkipped) {
  Result<Sitemap> s =
      Parse(Urlset("<url><loc>/relative/page</loc></url>"
                   "<url><loc>ftp://www.example.com/file</loc></url>"
                   "<url><loc>javascript:alert(1)</loc></url>"
                   "<url><loc>   </loc></url>"
                   "<url><loc>HTTPS://WWW.EXAMPLE.COM:443/x/../y</loc></url>"
                   "<url><loc>http://[bad</loc></url>"
                   "<url><lastmod>2024-01-01</lastmod></url>"));
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->urls, (Urls{"https://www.example.com/relative/page", "https://www.example.com/y"}));
  ASSERT_EQ(s->warnings.size(), 4u);
  EXPECT_EQ(s->warnings[0], "skipped \"ftp://www.example.com/file\": not an http(s) URL");
  EXPECT_EQ(s->warnings[1], "skipped \"javascript:alert(1)\": not an http(s) URL");
  EXPECT_EQ(s->warnings[2], "skipped an empty entry");
  EXPECT_EQ(s->warnings[3], "skipped \"http://[bad\": not an http(s) URL");
}

TEST(SitemapTest, OverlongLocIsSkipped) {
  const std::string huge = "https://www.example.com/" + std::string(100000, 'a');
  Result<Sitemap> s = Parse(Urlset("<url><loc>" + huge +
                                   "</loc></url>"
                                   "<url><loc>https://www.example.com/ok</loc></url>"));
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->urls, Urls{"https://www.example.com/ok"});
  ASSERT_EQ(s->warnings.size(), 1u);
  EXPECT_LT(s->warnings[0].size(), 200u);  // the warning quotes an excerpt only
}

TEST(SitemapTest, WarningsAreBounded) {
  std::string body;
  for (int i = 0; i < 1000; ++i)
    body += "<url><loc>mailto:x" + std::to_string(i) + "@e.org</loc></url>";
  body += "<url><loc>https://www.example.com/ok</loc></url>";
  Result<Sitemap> s = Parse(Urlset(body));
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->urls, Urls{"https://www.example.com/ok"});
  ASSERT_EQ(s->warnings.size(), 101u);
  EXPECT_EQ(s->warnings.back(), "900 more entries skipped");
}

TEST(SitemapTest, GzippedSitemapIsDecoded) {
  Result<Sitemap> s = Parse(Gzip(kProtocolExample));
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->urls.size(), 3u);
  Result<Sitemap> text = Parse(Gzip("https://www.example.com/t1\nhttps://www.example.com/t2\n"));
  ASSERT_TRUE(text.ok()) << text.status().ToString();
  EXPECT_EQ(text->urls, (Urls{"https://www.example.com/t1", "https://www.example.com/t2"}));
  // A corrupt gzip body is not a sitemap.
  std::string bad = Gzip(kProtocolExample);
  bad.resize(bad.size() / 2);
  EXPECT_EQ(Parse(bad).status().code(), StatusCode::kInvalidArgument);
}

TEST(SitemapTest, GzipBombBeyondTheCapIsRejected) {
  // 64 MiB of zeros (about 64 KB compressed) against a 1 MiB cap.
  std::string zeros(1 << 20, '\0');
  z_stream z{};
  ASSERT_EQ(deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string bomb;
  std::vector<char> buf(1 << 16);
  for (int i = 0; i <= 64; ++i) {
    z.next_in = reinterpret_cast<Bytef*>(zeros.data());
    z.avail_in = i < 64 ? static_cast<uInt>(zeros.size()) : 0;
    int rc;
    do {
      z.next_out = reinterpret_cast<Bytef*>(buf.data());
      z.avail_out = static_cast<uInt>(buf.size());
      rc = deflate(&z, i < 64 ? Z_NO_FLUSH : Z_FINISH);
      bomb.append(buf.data(), buf.size() - z.avail_out);
    } while (z.avail_in > 0 || (i == 64 && rc != Z_STREAM_END));
  }
  deflateEnd(&z);
  SitemapLimits limits;
  limits.max_decoded_bytes = 1 << 20;
  Result<Sitemap> s = Parse(bomb, limits);
  EXPECT_EQ(s.status().code(), StatusCode::kRejected) << s.status().ToString();
  EXPECT_NE(s.status().message().find(kBase), std::string::npos) << s.status().message();
  // A plain body over the cap is refused the same way.
  EXPECT_EQ(Parse(Urlset(std::string(2 << 20, ' ')), limits).status().code(),
            StatusCode::kRejected);
}

TEST(SitemapTest, TextSitemapListsOneUrlPerLine) {
  const std::string body =
      "\xEF\xBB\xBFhttps://www.example.com/one\r\n"
      "\r\n"
      "  http://www.example.com/two  \n"
      "/relative/is/not/allowed/in/text\n"
      "not a url\n"
      "https://www.example.com/caf\xC3\xA9";
  Result<Sitemap> s = Parse(body);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_FALSE(s->is_index);
  EXPECT_EQ(s->urls, (Urls{"https://www.example.com/one", "http://www.example.com/two",
                           "https://www.example.com/caf%C3%A9"}));
  EXPECT_EQ(s->warnings.size(), 2u);
  Result<Sitemap> empty = Parse("");
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->urls.empty());
}

TEST(SitemapTest, MaxUrlsTruncatesWithAWarning) {
  SitemapLimits limits;
  limits.max_urls = 2;
  std::string xml, text;
  for (int i = 0; i < 5; ++i) {
    const std::string url = "https://www.example.com/" + std::to_string(i);
    xml += "<url><loc>" + url + "</loc></url>";
    text += url + "\n";
  }
  for (const std::string& body : {Urlset(xml), text}) {
    Result<Sitemap> s = Parse(body, limits);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    EXPECT_EQ(s->urls, (Urls{"https://www.example.com/0", "https://www.example.com/1"}));
    ASSERT_EQ(s->warnings.size(), 1u);
    EXPECT_EQ(s->warnings[0], "sitemap lists more than 2 URLs; kept the first 2");
  }
  // Exactly at the limit: no warning.
  limits.max_urls = 5;
  Result<Sitemap> exact = Parse(Urlset(xml), limits);
  ASSERT_TRUE(exact.ok());
  EXPECT_EQ(exact->urls.size(), 5u);
  EXPECT_TRUE(exact->warnings.empty());
}

TEST(SitemapTest, XmlErrorKeepsTheUrlsReadBeforeIt) {
  Result<Sitemap> s =
      Parse(Urlset("<url><loc>https://www.example.com/a</loc></url>"
                   "<url><loc>https://www.example.com/b</loc></url>"
                   "<url><loc>https://www.example.com/c?x=1&y=2</loc></url>"  // unescaped "&"
                   "<url><loc>https://www.example.com/d</loc></url>"));
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->urls, (Urls{"https://www.example.com/a", "https://www.example.com/b"}));
  ASSERT_EQ(s->warnings.size(), 1u);
  EXPECT_EQ(s->warnings[0].rfind("XML error, rest of the sitemap skipped: line 2: ", 0), 0u)
      << s->warnings[0];
  // A document cut short keeps what came before the cut too.
  const std::string whole = Urlset(
      "<url><loc>https://www.example.com/a</loc></url><url><loc>https://www.example.com/b</loc>");
  Result<Sitemap> cut = Parse(whole.substr(0, whole.find("/b<")));
  ASSERT_TRUE(cut.ok()) << cut.status().ToString();
  EXPECT_EQ(cut->urls, Urls{"https://www.example.com/a"});
  EXPECT_EQ(cut->warnings.size(), 1u);
}

TEST(SitemapTest, NotASitemapIsInvalidArgument) {
  const std::string bodies[] = {
      "<!DOCTYPE html>\n<html><head><title>Not found</title></head><body>404</body></html>",
      "<html><body><a href=\"https://www.example.com/x\">x</a></body></html>",
      "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><link>https://e.org/</link>"
      "</channel></rss>",
      "This page is about our adverts.\nCall us on 07700 900123.\n",
      "{\"urls\": [\"https://www.example.com/a\"]}",
      "<",
      "<<<<>>>>",
      std::string("\x00\x01\x02\xff\xfe", 5),
  };
  for (const std::string& body : bodies) {
    Result<Sitemap> s = Parse(body);
    EXPECT_EQ(s.status().code(), StatusCode::kInvalidArgument)
        << body << " -> " << (s.ok() ? "ok" : s.status().ToString());
  }
  Result<Sitemap> html = Parse(bodies[1]);
  EXPECT_NE(html.status().message().find("root element <html>"), std::string::npos)
      << html.status().message();
}

TEST(SitemapTest, BillionLaughsIsRefusedWithoutExpansion) {
  std::string lol = "<?xml version=\"1.0\"?>\n<!DOCTYPE urlset [\n<!ENTITY lol0 \"lol\">\n";
  for (int i = 1; i <= 9; ++i) {
    lol += "<!ENTITY lol" + std::to_string(i) + " \"";
    for (int j = 0; j < 10; ++j) lol += "&lol" + std::to_string(i - 1) + ";";
    lol += "\">\n";
  }
  lol += "]>\n<urlset><url><loc>https://www.example.com/&lol9;</loc></url></urlset>\n";
  Result<Sitemap> s = Parse(lol);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(s.status().message().find("DOCTYPE"), std::string::npos) << s.status().message();
}

TEST(SitemapTest, ExternalEntitiesAndDtdsAreNeverLoaded) {
  // XXE: a file on this host, and a DTD on a port nothing listens on.
  const char* bodies[] = {
      "<?xml version=\"1.0\"?><!DOCTYPE urlset [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>"
      "<urlset><url><loc>https://www.example.com/&x;</loc></url></urlset>",
      "<?xml version=\"1.0\"?><!DOCTYPE urlset SYSTEM \"http://127.0.0.1:9/evil.dtd\">"
      "<urlset><url><loc>https://www.example.com/&x;</loc></url></urlset>",
      "<?xml version=\"1.0\"?><!DOCTYPE urlset [<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;]>"
      "<urlset/>",
  };
  for (const char* body : bodies) {
    Result<Sitemap> s = Parse(body);
    EXPECT_EQ(s.status().code(), StatusCode::kInvalidArgument) << body;
  }
  // Undeclared entities in a document without a DTD expand to nothing.
  Result<Sitemap> s = Parse(Urlset("<url><loc>https://www.example.com/&x;</loc></url>"));
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_TRUE(s->urls.empty());
}

TEST(SitemapTest, DeepNestingEndsInAnErrorNotACrash) {
  std::string body = "<urlset>";
  for (int i = 0; i < 100000; ++i) body += "<a>";
  Result<Sitemap> s = Parse(body);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_TRUE(s->urls.empty());
  EXPECT_EQ(s->warnings.size(), 1u);
}

TEST(SitemapTest, LeadingBlankLinesAndBomBeforeTheXmlDeclarationAreTolerated) {
  Result<Sitemap> s = Parse("\xEF\xBB\xBF\n\n  " + std::string(kProtocolExample));
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->urls.size(), 3u);
}

}  // namespace
}  // namespace harrier::scrapers
