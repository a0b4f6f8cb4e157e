#include "scrapers/url.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace harrier::scrapers {
namespace {

struct ResolveCase {
  const char* href;
  std::optional<std::string> expected;
};

// RFC 3986 §5.4 uses the base "http://a/b/c/d;p?q". Expected values are the
// RFC's, then canonicalised: fragments dropped, "http://g" given its "/".
constexpr char kRfcBase[] = "http://a/b/c/d;p?q";

TEST(UrlTest, ResolvesRfc3986NormalExamples) {
  const ResolveCase cases[] = {
      {"g", "http://a/b/c/g"},
      {"./g", "http://a/b/c/g"},
      {"g/", "http://a/b/c/g/"},
      {"/g", "http://a/g"},
      {"//g", "http://g/"},
      {"?y", "http://a/b/c/d;p?y"},
      {"g?y", "http://a/b/c/g?y"},
      {"#s", "http://a/b/c/d;p?q"},
      {"g#s", "http://a/b/c/g"},
      {"g?y#s", "http://a/b/c/g?y"},
      {";x", "http://a/b/c/;x"},
      {"g;x", "http://a/b/c/g;x"},
      {"g;x?y#s", "http://a/b/c/g;x?y"},
      {"", "http://a/b/c/d;p?q"},
      {".", "http://a/b/c/"},
      {"./", "http://a/b/c/"},
      {"..", "http://a/b/"},
      {"../", "http://a/b/"},
      {"../g", "http://a/b/g"},
      {"../..", "http://a/"},
      {"../../", "http://a/"},
      {"../../g", "http://a/g"},
      // "g:h" in the RFC: another scheme, which we refuse.
      {"g:h", std::nullopt},
  };
  for (const ResolveCase& c : cases) {
    EXPECT_EQ(ResolveUrl(kRfcBase, c.href), c.expected) << "href: " << c.href;
  }
}

TEST(UrlTest, ResolvesRfc3986AbnormalExamples) {
  const ResolveCase cases[] = {
      {"../../../g", "http://a/g"},
      {"../../../../g", "http://a/g"},
      {"/./g", "http://a/g"},
      {"/../g", "http://a/g"},
      {"g.", "http://a/b/c/g."},
      {".g", "http://a/b/c/.g"},
      {"g..", "http://a/b/c/g.."},
      {"..g", "http://a/b/c/..g"},
      {"./../g", "http://a/b/g"},
      {"./g/.", "http://a/b/c/g/"},
      {"g/./h", "http://a/b/c/g/h"},
      {"g/../h", "http://a/b/c/h"},
      {"g;x=1/./y", "http://a/b/c/g;x=1/y"},
      {"g;x=1/../y", "http://a/b/c/y"},
      {"g?y/./x", "http://a/b/c/g?y/./x"},
      {"g?y/../x", "http://a/b/c/g?y/../x"},
      {"g#s/./x", "http://a/b/c/g"},
      {"g#s/../x", "http://a/b/c/g"},
      // §5.4.2: "http:g" is "http://a/b/c/g" for non-strict parsers, as
      // browsers are.
      {"http:g", "http://a/b/c/g"},
  };
  for (const ResolveCase& c : cases) {
    EXPECT_EQ(ResolveUrl(kRfcBase, c.href), c.expected) << "href: " << c.href;
  }
}

TEST(UrlTest, ResolvesLinksAsBrowsersDo) {
  const char* base = "https://www.lantern-listings.test/town/leeds/page/2/";
  const ResolveCase cases[] = {
      {"/advert/101.html", "https://www.lantern-listings.test/advert/101.html"},
      {"../../../../advert/102.html", "https://www.lantern-listings.test/advert/102.html"},
      {"  /town/york/\n", "https://www.lantern-listings.test/town/york/"},
      {"/town/\tyork/", "https://www.lantern-listings.test/town/york/"},
      {"\\advert\\103.html", "https://www.lantern-listings.test/advert/103.html"},
      {"//Mirror-Adverts.TEST/x", "https://mirror-adverts.test/x"},
      {"http://other.test", "http://other.test/"},
      {"https:3/", "https://www.lantern-listings.test/town/leeds/page/2/3/"},
      {"http:relative", std::nullopt},  // another scheme than the base's, no host
      {"?page=3", "https://www.lantern-listings.test/town/leeds/page/2/?page=3"},
      {"#top", "https://www.lantern-listings.test/town/leeds/page/2/"},
      {"advert 7.html", "https://www.lantern-listings.test/town/leeds/page/2/advert%207.html"},
      {"/caf\xC3\xA9/", "https://www.lantern-listings.test/caf%C3%A9/"},
      {"/search?q=a b&t=\xC2\xA3", "https://www.lantern-listings.test/search?q=a%20b&t=%C2%A3"},
      {"/a/%2e%2E/b", "https://www.lantern-listings.test/b"},
      {"https://jade:secret@www.lantern-listings.test/x", "https://www.lantern-listings.test/x"},
      {"https://www.lantern-listings.test:443/x", "https://www.lantern-listings.test/x"},
  };
  for (const ResolveCase& c : cases) {
    EXPECT_EQ(ResolveUrl(base, c.href), c.expected) << "href: " << c.href;
  }
}

TEST(UrlTest, RejectsSchemesOtherThanHttp) {
  const char* base = "https://www.lantern-listings.test/advert/101.html";
  for (const char* href : {
           "mailto:jade.example@example.com",
           "javascript:void(0)",
           " JavaScript:alert(1)",
           "java\tscript:alert(1)",
           "java\nscript:alert(1)",
           "data:image/png;base64,iVBORw0KGgo=",
           "tel:+447700900123",
           "ftp://files.example.net/advert.zip",
           "file:///etc/passwd",
           "sms:07700900123",
           "ws://www.lantern-listings.test/chat",
       }) {
    EXPECT_EQ(ResolveUrl(base, href), std::nullopt) << "href: " << href;
    EXPECT_EQ(CanonicalUrl(href), std::nullopt) << "url: " << href;
  }
}

TEST(UrlTest, RejectsUnparseableUrls) {
  const char* base = "https://www.lantern-listings.test/";
  for (const char* href : {
           "http://",
           "http:///path",
           "http://exa mple.test/",
           "http://example.test:99999/",
           "http://example.test:8o/",
           "http://ex%00ample.test/",
           "http://m\xC3\xBCnchen.test/",  // no IDN support: refused, not
                                           // guessed
           "http://[::1/",
           "http://[fe80::1%25eth0]/",
           "//",
       }) {
    EXPECT_EQ(ResolveUrl(base, href), std::nullopt) << "href: " << href;
  }
  EXPECT_EQ(ResolveUrl(base, "https://www.lantern-listings.test/" + std::string(5000, 'a')),
            std::nullopt);
}

TEST(UrlTest, RelativeReferenceNeedsAValidBase) {
  EXPECT_EQ(ResolveUrl("not a url", "/x"), std::nullopt);
  EXPECT_EQ(ResolveUrl("mailto:a@example.com", "/x"), std::nullopt);
  EXPECT_EQ(ResolveUrl("not a url", "https://example.test/x"), "https://example.test/x");
}

struct CanonicalCase {
  const char* url;
  std::optional<std::string> expected;
};

TEST(UrlTest, CanonicalisesUrls) {
  const CanonicalCase cases[] = {
      {"HTTP://WWW.Lantern-Listings.TEST/Advert/101.html",
       "http://www.lantern-listings.test/Advert/101.html"},
      {"http://example.test", "http://example.test/"},
      {"http://example.test:80/x", "http://example.test/x"},
      {"https://example.test:443/x", "https://example.test/x"},
      {"http://example.test:8080/x", "http://example.test:8080/x"},
      {"https://example.test:80/x", "https://example.test:80/x"},
      {"http://example.test:0080/x", "http://example.test/x"},
      {"http://example.test:/x", "http://example.test/x"},
      {"http://example.test/a#photos", "http://example.test/a"},
      {"http://example.test/a/./b/../c", "http://example.test/a/c"},
      {"http://example.test/%7Ejade/%41%62c", "http://example.test/~jade/Abc"},
      {"http://example.test/a%2fb%3a", "http://example.test/a%2Fb%3A"},
      {"http://example.test/a b?x=y z", "http://example.test/a%20b?x=y%20z"},
      {"http://example.test/100%", "http://example.test/100%25"},
      {"http://example.test/%zz", "http://example.test/%25zz"},
      {"http://example.test/x?", "http://example.test/x"},
      {"http://example.test/x?a=1&b=%2f+c", "http://example.test/x?a=1&b=%2F+c"},
      {"http://example.test/x?next=/y?z", "http://example.test/x?next=/y?z"},
      {"http://example.test/<script>", "http://example.test/%3Cscript%3E"},
      {"http://jade:secret@example.test/", "http://example.test/"},
      {"http://%65xample.test/", "http://example.test/"},
      {"http://[::1]:8080/x", "http://[::1]:8080/x"},
      {"http://[FE80::1]/", "http://[fe80::1]/"},
      {"http://127.0.0.1:18089/town/leeds/", "http://127.0.0.1:18089/town/leeds/"},
      {"http://example.test/%2E%2E/secret", "http://example.test/secret"},
      {"http://example.test/\xC3\xA9t\xC3\xA9", "http://example.test/%C3%A9t%C3%A9"},
      {"/relative/path", std::nullopt},
      {"//example.test/x", std::nullopt},
      {"", std::nullopt},
  };
  for (const CanonicalCase& c : cases) {
    const std::optional<std::string> got = CanonicalUrl(c.url);
    EXPECT_EQ(got, c.expected) << "url: " << c.url;
    if (got) {
      EXPECT_EQ(CanonicalUrl(*got), got) << "not idempotent: " << c.url;
    }
  }
}

TEST(UrlTest, HostIsLowerCaseWithoutPortOrUserinfo) {
  const struct {
    const char* url;
    const char* host;
  } cases[] = {
      {"https://WWW.Lantern-Listings.test:8443/x", "www.lantern-listings.test"},
      {"http://jade@Example.TEST/", "example.test"},
      {"http://[::1]:80/", "[::1]"},
      {"ftp://Files.Example.NET/x", "files.example.net"},
      {"/relative", ""},
      {"mailto:jade@example.com", ""},
      {"", ""},
  };
  for (const auto& c : cases) EXPECT_EQ(UrlHost(c.url), c.host) << "url: " << c.url;
}

}  // namespace
}  // namespace harrier::scrapers
