#include "social/link_header.h"

#include <gtest/gtest.h>

namespace harrier::social {
namespace {

TEST(LinkHeaderTest, MastodonNextAndPrev) {
  const LinkRelations r = ParseLinkHeader(
      "<https://inst.example/api/v1/timelines/tag/osint?max_id=112233>; rel=\"next\", "
      "<https://inst.example/api/v1/timelines/tag/osint?min_id=112299>; rel=\"prev\"");
  EXPECT_EQ(r.next, "https://inst.example/api/v1/timelines/tag/osint?max_id=112233");
  EXPECT_EQ(r.prev, "https://inst.example/api/v1/timelines/tag/osint?min_id=112299");
}

TEST(LinkHeaderTest, CommasInsideAngleBracketsAndQuotesAreNotSeparators) {
  const std::vector<WebLink> links = ParseWebLinks(
      "<https://a.example/x?tags=a,b>; title=\"one, two; three\"; rel=next,"
      "<https://a.example/y>;rel=\"prev  start\"");
  ASSERT_EQ(links.size(), 2u);
  EXPECT_EQ(links[0].url, "https://a.example/x?tags=a,b");
  EXPECT_EQ(links[0].rels, std::vector<std::string>{"next"});
  EXPECT_EQ(links[1].rels, (std::vector<std::string>{"prev", "start"}));
}

TEST(LinkHeaderTest, RelIsCaseInsensitiveAndRelativeUrlsResolve) {
  const LinkRelations r =
      ParseLinkHeader("</api/v1/x?max_id=5>; REL=\"Next\"", "https://inst.example/api/v1/x");
  EXPECT_EQ(r.next, "https://inst.example/api/v1/x?max_id=5");
  EXPECT_EQ(r.prev, std::nullopt);
}

TEST(LinkHeaderTest, MalformedOrHostileValues) {
  EXPECT_EQ(ParseLinkHeader("").next, std::nullopt);
  EXPECT_EQ(ParseLinkHeader("https://a.example/; rel=next").next, std::nullopt);   // no <>
  EXPECT_EQ(ParseLinkHeader("<https://a.example/; rel=next").next, std::nullopt);  // unclosed
  EXPECT_EQ(ParseLinkHeader("<javascript:alert(1)>; rel=next").next, std::nullopt);
  EXPECT_EQ(ParseLinkHeader("<https://a.example/>; rel=\"next").next, std::nullopt);
  // A good link before a broken one is kept.
  EXPECT_EQ(ParseLinkHeader("<https://a.example/1>; rel=next, garbage").next,
            "https://a.example/1");
}

}  // namespace
}  // namespace harrier::social
