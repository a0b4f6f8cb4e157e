// Every parser on mangled fixtures (cut short, bytes flipped, markup and
// brackets spliced in) from a fixed seed: each returns a value or a Status,
// never crashes. Meant for the ASan+UBSan build as much as the normal one.
#include <gtest/gtest.h>

#include <random>

#include "social/link_header.h"
#include "social/mastodon.h"
#include "social/mastodon_api.h"
#include "social/profile_page.h"
#include "social/social_text.h"
#include "social/telegram.h"
#include "social/test_util.h"

namespace harrier::social {
namespace {

std::string Mangle(const std::string& in, std::mt19937& rng) {
  std::string s = in;
  static const char* kSplices[] = {"<",        ">",        "\"",     "'",      "{",    "}",
                                   "[",        "]",        "<br>",   "</div>", "url(", "\\",
                                   "\xF0\x9F", "\xC2\xA0", "@graph", "&#0;"};
  const int edits = 1 + static_cast<int>(rng() % 8);
  for (int e = 0; e < edits && !s.empty(); ++e) {
    const size_t pos = rng() % s.size();
    switch (rng() % 4) {
      case 0:
        s.resize(pos);
        break;
      case 1:
        s[pos] = static_cast<char>(rng() % 256);
        break;
      case 2:
        s.insert(pos, kSplices[rng() % (sizeof(kSplices) / sizeof(kSplices[0]))]);
        break;
      default:
        s.erase(pos, rng() % 64);
    }
  }
  return s;
}

TEST(RobustnessTest, MangledPagesAndBodiesNeverCrash) {
  std::mt19937 rng(20261206);
  const char* html[] = {"telegram_page1.html",     "telegram_page2.html",
                        "telegram_malformed.html", "profile_jsonld_only.html",
                        "profile_graph.html",      "profile_hostile.html"};
  const char* json[] = {"mastodon_account.json", "mastodon_statuses_page1.json",
                        "mastodon_statuses_page2.json"};
  int parsed = 0;
  for (int round = 0; round < 40; ++round) {
    for (const char* name : html) {
      const std::string page = Mangle(ReadSocialFixture(name), rng);
      parsed += ParseTelegramPage(page, "https://t.me/s/demo").ok();
      parsed += ParseProfilePage(page, "https://social.example/p").ok();
    }
    for (const char* name : json) {
      const std::string body = Mangle(ReadSocialFixture(name), rng);
      parsed += ParseMastodonAccount(body).ok();
      parsed += ParseMastodonStatuses(body).ok();
      ClassifyMastodonResponse(401, body);
      ParseLinkHeader(body, "https://inst.example/");
      CssBackgroundUrl(body, "https://t.me/s/demo");
      ParseIso8601(body.substr(0, 40));
      ParseAbbreviatedCount(body.substr(0, 12));
    }
  }
  EXPECT_GT(parsed, 0);  // the mangling leaves many inputs parseable
}

}  // namespace
}  // namespace harrier::social
