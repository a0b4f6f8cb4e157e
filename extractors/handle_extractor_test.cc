#include "extractors/handle_extractor.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "extractors/email_extractor.h"
#include "extractors/handle_platforms.h"

namespace harrier::extractors {
namespace {

// Every username here is invented.

struct HandleCase {
  std::string_view text;
  std::vector<std::string> values;
};

void ExpectHandles(const std::vector<HandleCase>& cases) {
  for (const HandleCase& c : cases) {
    SCOPED_TRACE(testing::Message() << "text: \"" << c.text << "\"");
    std::vector<std::string> values;
    for (const Selector& s : ExtractHandles(c.text)) {
      values.push_back(s.value);
      EXPECT_EQ(s.kind, SelectorKind::kHandle);
      EXPECT_EQ(c.text.substr(s.begin, s.end - s.begin), s.raw);
      EXPECT_GT(s.confidence, 0.0);
      EXPECT_LE(s.confidence, 1.0);
      EXPECT_TRUE(s.snippet.empty());
    }
    EXPECT_EQ(values, c.values);
  }
}

TEST(HandleExtractorTest, FindsProfileUrlsOfEveryPlatform) {
  ExpectHandles({
      {"https://www.snapchat.com/add/Jess_Rose99", {"snapchat:jess_rose99"}},
      {"snapchat.com/add/jess.rose", {"snapchat:jess.rose"}},
      {"snapchat.com/@jessrose", {"snapchat:jessrose"}},
      {"https://instagram.com/jess.rose_", {"instagram:jess.rose_"}},
      {"www.instagram.com/jessrose/", {"instagram:jessrose"}},
      {"m.instagram.com/jessrose?igsh=abc123", {"instagram:jessrose"}},
      {"instagr.am/jessrose", {"instagram:jessrose"}},
      {"t.me/jessrose99", {"telegram:jessrose99"}},
      {"https://telegram.me/jess_rose", {"telegram:jess_rose"}},
      {"t.me/s/jess_channel", {"telegram:jess_channel"}},
      {"tiktok.com/@jess.rose", {"tiktok:jess.rose"}},
      {"https://www.tiktok.com/@jessrose?lang=en", {"tiktok:jessrose"}},
      {"onlyfans.com/jessrose", {"onlyfans:jessrose"}},
      {"https://onlyfans.com/jess-rose/media", {"onlyfans:jess-rose"}},
      {"twitter.com/JessRose_", {"x:jessrose_"}},
      {"https://x.com/jessrose", {"x:jessrose"}},
      {"mobile.twitter.com/jessrose/media", {"x:jessrose"}},
      {"facebook.com/jess.rose.5", {"facebook:jess.rose.5"}},
      {"https://m.facebook.com/jessrose99", {"facebook:jessrose99"}},
      {"fb.com/jessrose99", {"facebook:jessrose99"}},
      {"facebook.com/profile.php?id=100012345678", {"facebook:id:100012345678"}},
      {"facebook.com/profile.php?ref=bm&id=100012345678", {"facebook:id:100012345678"}},
      {"wa.me/jessrose", {"whatsapp:jessrose"}},
      {"HTTPS://WWW.INSTAGRAM.COM/JESSROSE", {"instagram:jessrose"}},
  });
}

TEST(HandleExtractorTest, IgnoresPostGroupInviteAndSiteUrls) {
  ExpectHandles({
      {"instagram.com/p/Cx1AbC2dEf3/", {}},
      {"instagram.com/reel/Cx1AbC2dEf3", {}},
      {"instagram.com/reels/Cx1AbC2dEf3", {}},
      {"instagram.com/stories/jessrose/123", {}},
      {"instagram.com/explore/tags/leeds", {}},
      {"instagram.com/accounts/login", {}},
      {"instagram.com/direct/inbox", {}},
      {"instagram.com/jessrose/p/Cx1AbC2dEf3", {}},
      {"t.me/+AbCdEfGh123", {}},
      {"t.me/+447700900123", {}},
      {"t.me/joinchat/AbCdEfGh123", {}},
      {"t.me/jess_channel/123", {}},
      {"t.me/s/jess_channel/123", {}},
      {"t.me/share/url?url=example.com", {}},
      {"tiktok.com/@jessrose/video/7234567890123456789", {}},
      {"tiktok.com/jessrose", {}},
      {"vm.tiktok.com/ZMabc123/", {}},
      {"onlyfans.com/posts", {}},
      {"onlyfans.com/my/subscribers", {}},
      {"onlyfans.com/123456789/jessrose", {}},
      {"onlyfans.com/help", {}},
      {"twitter.com/jessrose/status/1234567890", {}},
      {"x.com/home", {}},
      {"x.com/search?q=leeds", {}},
      {"twitter.com/intent/tweet?text=hi", {}},
      {"x.com/i/flow/login", {}},
      {"twitter.com/hashtag/leeds", {}},
      {"facebook.com/groups/leedsescorts", {}},
      {"facebook.com/events/123456789", {}},
      {"facebook.com/sharer/sharer.php?u=example.com", {}},
      {"facebook.com/watch?v=123", {}},
      {"facebook.com/story.php?story_fbid=1&id=2", {}},
      {"facebook.com/photo?fbid=123", {}},
      {"facebook.com/jessrose99/posts/123456", {}},
      {"facebook.com/profile.php", {}},
      {"wa.me/447700900123", {}},
      {"wa.me/+447700900123", {}},
      {"wa.me/message/ABCDEF123", {}},
      {"snapchat.com/jessrose", {}},
      {"snapchat.com/t/AbCd1234", {}},
  });
}

TEST(HandleExtractorTest, UrlHostMustBeTheWholeHost) {
  ExpectHandles({
      {"box.com/jessrose", {}},
      {"at.me/jessrose", {}},
      {"notinstagram.com/jessrose", {}},
      {"instagram.com.example.com/jessrose", {}},
      {"jess@instagram.com/jessrose", {}},
      {"instagram.org/jessrose", {}},
      {"instagram/jessrose", {}},
  });
}

TEST(HandleExtractorTest, UrlRejectsUsernamesThePlatformCannotHold) {
  ExpectHandles({
      {"t.me/jess", {}},                               // Telegram needs 5
      {"t.me/9jessrose", {}},                          // and a letter first
      {"snapchat.com/add/jessica_rose_smith_99", {}},  // Snapchat max 15
      {"x.com/jessica_rose_smith", {}},                // X max 15
      {"instagram.com/jess..rose", {}},                // no ".."
      {"facebook.com/jess", {}},                       // Facebook needs 5
      {"instagram.com/12345", {}},                     // needs a letter
      {"instagram.com/jess%20rose", {}},
      {"tiktok.com/@a", {}},
  });
}

TEST(HandleExtractorTest, UrlSpanRunsFromSchemeToUsername) {
  const std::string_view text = "see https://www.instagram.com/Jess.Rose/ ok";
  const std::vector<Selector> found = ExtractHandles(text);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].raw, "https://www.instagram.com/Jess.Rose");
  EXPECT_EQ(found[0].begin, 4u);
  EXPECT_EQ(found[0].detail, "from URL");
  EXPECT_DOUBLE_EQ(found[0].confidence, 0.95);
  const std::vector<Selector> dotted = ExtractHandles("Follow instagram.com/jessrose.");
  ASSERT_EQ(dotted.size(), 1u);
  EXPECT_EQ(dotted[0].raw, "instagram.com/jessrose");
}

TEST(HandleExtractorTest, FindsSnapchatCues) {
  ExpectHandles({
      {"sc: jessrose99", {"snapchat:jessrose99"}},
      {"SC: JessRose", {"snapchat:jessrose"}},
      {"snap - jess.rose", {"snapchat:jess.rose"}},
      {"Snapchat: jess_rose", {"snapchat:jess_rose"}},
      {"SC @jessrose", {"snapchat:jessrose"}},
      {"sc@jessrose", {"snapchat:jessrose"}},
      {"snap=jessrose", {"snapchat:jessrose"}},
      {"snap \xE2\x9E\xA1 jessrose", {"snapchat:jessrose"}},
      {"SC\xE2\x9E\xA1\xEF\xB8\x8Fjessrose", {"snapchat:jessrose"}},
      {"snap \xF0\x9F\x91\x89 jessrose", {"snapchat:jessrose"}},
      {"snap\xE2\x86\x92jessrose", {"snapchat:jessrose"}},
      {"snap > jessrose", {"snapchat:jessrose"}},
      {"snap :- jessrose", {"snapchat:jessrose"}},
      {"\xF0\x9F\x91\xBB jessrose", {"snapchat:jessrose"}},
      {"\xF0\x9F\x91\xBB: @jessrose", {"snapchat:jessrose"}},
      {"\xF0\x9F\x91\xBBjessrose", {"snapchat:jessrose"}},
      {"my snap is jessrose", {"snapchat:jessrose"}},
      {"My Snapchat is JessRose", {"snapchat:jessrose"}},
      {"Snapchat is jess_99", {"snapchat:jess_99"}},
      {"snap -jessrose", {"snapchat:jessrose"}},
      {"snap- jessrose", {"snapchat:jessrose"}},
      {"snapchat jess_99", {"snapchat:jess_99"}},
      {"snap chat: jessrose", {"snapchat:jessrose"}},
      {"Snapchat:\njessrose", {"snapchat:jessrose"}},
      {"add my snapchat username: jess_rose", {"snapchat:jess_rose"}},  // not "username"
  });
}

TEST(HandleExtractorTest, FindsCuesOfOtherPlatforms) {
  ExpectHandles({
      {"IG @jess.rose", {"instagram:jess.rose"}},
      {"insta: jess.rose", {"instagram:jess.rose"}},
      {"instagram @jessrose", {"instagram:jessrose"}},
      {"Insta - jess_rose_", {"instagram:jess_rose_"}},
      {"ig: jessrose", {"instagram:jessrose"}},
      {"tele @jessrose", {"telegram:jessrose"}},
      {"telegram: @jess_rose", {"telegram:jess_rose"}},
      {"TG: jessrose", {"telegram:jessrose"}},
      {"tiktok @jess.rose", {"tiktok:jess.rose"}},
      {"Tik Tok: jessrose", {"tiktok:jessrose"}},
      {"OF: jessrose", {"onlyfans:jessrose"}},
      {"of: jessrose", {"onlyfans:jessrose"}},
      {"OF @jessrose", {"onlyfans:jessrose"}},
      {"onlyfans: jess-rose", {"onlyfans:jess-rose"}},
      {"only fans - jessrose", {"onlyfans:jessrose"}},
      {"twitter @jessrose", {"x:jessrose"}},
      {"X: @jessrose", {"x:jessrose"}},
      {"X @jessrose", {"x:jessrose"}},
      {"X=jessrose", {"x:jessrose"}},
      {"on X: jessrose", {"x:jessrose"}},
      {"fb: jess.rose.5", {"facebook:jess.rose.5"}},
      {"facebook: jessrose", {"facebook:jessrose"}},
      {"whatsapp: jessrose", {"whatsapp:jessrose"}},
  });
}

TEST(HandleExtractorTest, OneUsernameForSeveralCuedPlatforms) {
  ExpectHandles({
      {"snap/insta: jessrose", {"snapchat:jessrose", "instagram:jessrose"}},
      {"IG & SC: jess_rose", {"instagram:jess_rose", "snapchat:jess_rose"}},
      {"sc, ig and tele @jessrose99",
       {"snapchat:jessrose99", "instagram:jessrose99", "telegram:jessrose99"}},
      // Telegram needs five characters: only Snapchat can hold "jess".
      {"sc/tg: jess", {"snapchat:jess"}},
  });
}

TEST(HandleExtractorTest, FindsSeveralHandlesInOneAdvert) {
  ExpectHandles({
      {"New in Leeds! sc: jessrose99 | IG @jess.rose | OF: jessrosevip",
       {"snapchat:jessrose99", "instagram:jess.rose", "onlyfans:jessrosevip"}},
      {"Snapchat: jessrose.\nInstagram: jess_rose.", {"snapchat:jessrose", "instagram:jess_rose"}},
      {"t.me/jessrose99 or tele: jessrose99", {"telegram:jessrose99", "telegram:jessrose99"}},
      {"insta: instagram.com/jessrose", {"instagram:jessrose"}},
      {"sc: jess_99, ig: jess_99", {"snapchat:jess_99", "instagram:jess_99"}},
  });
}

TEST(HandleExtractorTest, RejectsTimesPricesAndAddressesAfterCues) {
  ExpectHandles({
      {"snap @ 9pm", {}},
      {"IG @9pm", {}},
      {"SC @ \xC2\xA3"
       "100",
       {}},
      {"insta @10.30pm", {}},
      {"sc: 100", {}},
      {"sc: 07700 900123", {}},
      {"whatsapp: 07700900123", {}},
      {"telegram: +447700900123", {}},
      {"IG @home", {}},
      {"sc: jess@example.com", {}},
      {"snap: jess.rose@example.com", {}},
      {"IG: #jessrose", {}},
      {"of: 5ft", {}},
      {"OF: 2hrs", {}},
  });
}

TEST(HandleExtractorTest, CueWordsInsideWordsAreNotCues) {
  ExpectHandles({
      {"disc: no", {}},
      {"disc: jessrose", {}},
      {"telephone: jessrose", {}},
      {"television - jessrose", {}},
      {"BIG: jessrose", {}},
      {"pig @jessrose", {}},
      {"misc: jessrose", {}},
      {"#snapchat: jessrose", {}},
      {"fofx: jessrose", {}},
      {"ofs: jessrose", {}},
      {"sc2: jessrose", {}},
      {"caf\xC3\xA9sc: jessrose", {}},
  });
}

TEST(HandleExtractorTest, AmbiguousCueWordsNeedASeparator) {
  ExpectHandles({
      {"snap photos daily", {}},
      {"I snap pictures", {}},
      {"snap jessrose", {}},
      {"sc jessrose", {}},
      {"one of jessrose", {}},
      {"pictures of @jessrose", {}},
      {"the x @jessrose", {}},
      {"x: jessrose", {}},  // lower-case x is a letter, not a platform
      {"X-ray jessrose", {}},
      {"size X - small", {}},  // a hyphen is not enough after "X" or "OF"
      {"OF - jessrose", {}},
      {"fb jessrose", {}},
      {"the snap is great", {}},
      {"follow me on instagram tonight", {}},
      {"instagram and snapchat", {}},
      {"snapchat: same", {}},
      {"snap-happy crowd", {}},
      {"IG-famous jessrose", {}},
      {"tele-sales", {}},
      {"Snapchat is great", {}},
      {"OnlyFans: subscribe below", {}},
      {"Instagram: coming soon", {}},
      {"telegram: available", {}},
      {"sc - ask", {}},
      {"IG: n/a", {}},
      {"follow @jessrose", {}},  // '@' alone names no platform
      {"@jessrose", {}},
      {"\xF0\x9F\x93\xB7 @jessrose", {}},  // a camera is not Instagram
  });
}

TEST(HandleExtractorTest, FindsCueAfterAnAtUsername) {
  ExpectHandles({
      {"add @jessrose99 on snap", {"snapchat:jessrose99"}},
      {"@jess.rose (IG)", {"instagram:jess.rose"}},
      {"@jessrose [sc/ig]", {"snapchat:jessrose", "instagram:jessrose"}},
      {"follow @jessrose on X", {"x:jessrose"}},
      {"@jessrose on x", {}},
      {"@jessrose on of", {}},
      {"@jessrose (IG", {}},
      {"@jessrose on the beach", {}},
      {"jess@jessrose on snap", {}},
      {"@ 9pm on snap", {}},
      {"@9pm on snap", {}},
  });
}

TEST(HandleExtractorTest, CuedSpanIsTheUsernameAsWritten) {
  struct SpanCase {
    std::string_view text;
    std::string_view raw;
    size_t begin;
    double confidence;
    std::string_view detail;
  };
  const SpanCase cases[] = {
      {"sc: JessRose99.", "JessRose99", 4, 0.8, "from cue \"sc\""},
      {"IG @jess.rose!", "@jess.rose", 3, 0.8, "from cue \"IG\""},
      {"Snapchat - jess-", "jess", 11, 0.85, "from cue \"Snapchat\""},
      {"my snap is jessrose", "jessrose", 11, 0.7, "from cue \"snap\""},
      {"snapchat jess_99", "jess_99", 9, 0.6, "from cue \"snapchat\""},
      {"OF: jessrose", "jessrose", 4, 0.7, "from cue \"OF\""},
      {"\xF0\x9F\x91\xBB jessrose", "jessrose", 5, 0.8, "from cue \"\xF0\x9F\x91\xBB\""},
      {"x @jessrose on snap", "@jessrose", 2, 0.75, "from cue \"snap\""},
  };
  for (const SpanCase& c : cases) {
    SCOPED_TRACE(c.text);
    const std::vector<Selector> found = ExtractHandles(c.text);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].raw, c.raw);
    EXPECT_EQ(found[0].begin, c.begin);
    EXPECT_EQ(found[0].end, c.begin + c.raw.size());
    EXPECT_DOUBLE_EQ(found[0].confidence, c.confidence);
    EXPECT_EQ(found[0].detail, c.detail);
  }
}

TEST(HandleExtractorTest, UrlWinsOverTheCueBeforeIt) {
  const std::vector<Selector> found = ExtractHandles("IG: instagram.com/jessrose");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].detail, "from URL");
}

TEST(HandleExtractorTest, NormalizesTypedHandles) {
  struct NormalizeCase {
    std::string_view platform;
    std::string_view handle;
    std::optional<std::string> value;
  };
  const NormalizeCase cases[] = {
      {"instagram", "@Jess.Rose", "instagram:jess.rose"},
      {"Instagram", " jess.rose ", "instagram:jess.rose"},
      {"ig", "jessrose", "instagram:jessrose"},
      {"insta", "jessrose", "instagram:jessrose"},
      {"twitter", "@JessRose", "x:jessrose"},
      {"x", "jessrose", "x:jessrose"},
      {"sc", "jess-rose", "snapchat:jess-rose"},
      {"snapchat", "snapchat.com/add/jessrose", "snapchat:jessrose"},
      {"telegram", "https://t.me/jessrose", "telegram:jessrose"},
      {"tg", "jessrose", "telegram:jessrose"},
      {"facebook", "id:100012345678", "facebook:id:100012345678"},
      {"fb", "facebook.com/profile.php?id=100012345678", "facebook:id:100012345678"},
      {"of", "jessrose", "onlyfans:jessrose"},
      {"tiktok", "@jess.rose", "tiktok:jess.rose"},
      {"whatsapp", "jessrose", "whatsapp:jessrose"},
      {"instagram", "t.me/jessrose", std::nullopt},  // another platform's URL
      {"instagram", "instagram.com/p/Cx1AbC2dEf3", std::nullopt},
      {"myspace", "jessrose", std::nullopt},
      {"", "jessrose", std::nullopt},
      {"telegram", "jess", std::nullopt},
      {"snapchat", "9jessrose", std::nullopt},
      {"x", "jessica_rose_smith", std::nullopt},
      {"instagram", "jess rose", std::nullopt},
      {"instagram", "@", std::nullopt},
      {"instagram", "", std::nullopt},
      {"whatsapp", "07700900123", std::nullopt},
  };
  for (const NormalizeCase& c : cases) {
    SCOPED_TRACE(testing::Message() << c.platform << " / " << c.handle);
    EXPECT_EQ(NormalizeHandle(c.platform, c.handle), c.value);
  }
}

TEST(HandleExtractorTest, NormalizesTypedSelectorValues) {
  struct SelectorCase {
    std::string_view input;
    std::optional<std::string> value;
  };
  const SelectorCase cases[] = {
      {"instagram:jess.rose", "instagram:jess.rose"},
      {" IG:@Jess.Rose ", "instagram:jess.rose"},
      {"twitter:JessRose", "x:jessrose"},
      {"facebook:id:100012345678", "facebook:id:100012345678"},
      {"https://t.me/jessrose", "telegram:jessrose"},
      {"tiktok.com/@jess.rose", "tiktok:jess.rose"},
      {"https://t.me/jessrose extra", std::nullopt},
      {"myspace:jessrose", std::nullopt},
      {"https://example.com/jessrose", std::nullopt},
      {"jessrose", std::nullopt},
      {"telegram:jess", std::nullopt},
      {"", std::nullopt},
  };
  for (const SelectorCase& c : cases) {
    SCOPED_TRACE(c.input);
    EXPECT_EQ(NormalizeHandleSelector(c.input), c.value);
  }
}

TEST(HandlePlatformsTest, AppliesEachPlatformsUsernameRules) {
  struct RuleCase {
    Platform platform;
    std::string_view handle;
    bool valid;
  };
  const RuleCase cases[] = {
      {Platform::kSnapchat, "abc", true},
      {Platform::kSnapchat, "ab", false},
      {Platform::kSnapchat, "a23456789012345", true},
      {Platform::kSnapchat, "a234567890123456", false},
      {Platform::kSnapchat, "1abc", false},
      {Platform::kSnapchat, "abc_", false},
      {Platform::kSnapchat, "a.b-c_d", true},
      {Platform::kInstagram, "a", true},
      {Platform::kInstagram, "a_", true},
      {Platform::kInstagram, ".ab", false},
      {Platform::kInstagram, "ab.", false},
      {Platform::kInstagram, "a-b", false},
      {Platform::kInstagram, std::string_view("abcdefghijabcdefghijabcdefghij"), true},
      {Platform::kInstagram, std::string_view("abcdefghijabcdefghijabcdefghijk"), false},
      {Platform::kTelegram, "abcde", true},
      {Platform::kTelegram, "abcd", false},
      {Platform::kTelegram, "abcd_", false},
      {Platform::kTelegram, "ab.cd", false},
      {Platform::kTikTok, "ab", true},
      {Platform::kTikTok, "a", false},
      {Platform::kX, "a", true},
      {Platform::kX, "a.b", false},
      {Platform::kX, "abcdefghij12345", true},
      {Platform::kX, "abcdefghij123456", false},
      {Platform::kOnlyFans, "ab-c", true},
      {Platform::kOnlyFans, "ab", false},
      {Platform::kFacebook, "ab.cd", true},
      {Platform::kFacebook, "ab_cd", false},
      {Platform::kFacebook, "abcd", false},
      {Platform::kFacebook, "id:12345", true},
      {Platform::kFacebook, "id:12a45", false},
      {Platform::kWhatsApp, "abc", true},
      {Platform::kWhatsApp, "1abc", false},
      {Platform::kInstagram, "12345", false},
      {Platform::kInstagram, "ABC", false},  // callers lower-case first
  };
  for (const RuleCase& c : cases) {
    SCOPED_TRACE(testing::Message() << PlatformName(c.platform) << " " << c.handle);
    EXPECT_EQ(IsValidHandle(c.platform, c.handle), c.valid);
  }
}

TEST(HandlePlatformsTest, RecognisesTimesAndAmounts) {
  for (std::string_view s :
       {"9pm", "10.30am", "100", "2hrs", "50k", "5ft", "21yo", "3rd", "9:30"}) {
    EXPECT_TRUE(LooksLikeTimeOrAmount(s)) << s;
  }
  for (std::string_view s : {"jess99", "9jess", "pm9", "99roses", ""}) {
    EXPECT_FALSE(LooksLikeTimeOrAmount(s)) << s;
  }
}

// Hostile input: each must finish well inside the bound, whatever it finds.
TEST(HandleExtractorTest, LowerCaseXNeedsASeparatorAndAnAtSign) {
  ExpectHandles({
      {"x: @ivy_skye", {"x:ivy_skye"}},
      {"x - @ivy_skye", {"x:ivy_skye"}},
      {"x \xE2\x86\x92 @ivy_skye", {"x:ivy_skye"}},
      {"twitter/x: @ivy_skye", {"x:ivy_skye"}},  // one selector for two names of X
      {"Twitter / x - @ivy_skye", {"x:ivy_skye"}},
      {"ig / x: @ivy_skye", {"instagram:ivy_skye", "x:ivy_skye"}},
      {"x 2", {}},
      {"2 x 30min", {}},
      {"xx: @ivy_skye", {}},
      {"2x: @ivy_skye", {}},
      {"x: ivy_skye", {}},
      {"x @ivy_skye", {}},
      {"3 x @ivy_skye", {}},
      {"x: @ 9pm", {}},
      {"x: @30min", {}},
      {"x-@ivy_skye", {}},
  });
}

TEST(HandleExtractorTest, FindsNamesInBracketsAfterACue) {
  ExpectHandles({
      {"IG (@cleo_dreams)", {"instagram:cleo_dreams"}},
      {"TikTok (@cleo_dreams)", {"tiktok:cleo_dreams"}},
      {"Insta [@cleo_dreams]", {"instagram:cleo_dreams"}},
      {"snapchat ( @cleo_dreams )", {"snapchat:cleo_dreams"}},
      {"Snapchat (cleo_99)", {"snapchat:cleo_99"}},
      {"OF (@cleo_dreams)", {"onlyfans:cleo_dreams"}},
      {"snap \xE2\x80\x93 @cleo_dreams", {"snapchat:cleo_dreams"}},
      {"Instagram \xE2\x80\x94 cleo_99", {"instagram:cleo_99"}},
      {"IG (@a_b) & TikTok (@a_b)", {"instagram:a_b", "tiktok:a_b"}},
      {"IG (@cleo_dreams), SC (@cleo.snaps)", {"instagram:cleo_dreams", "snapchat:cleo.snaps"}},
      {"Instagram (official)", {}},  // a plain word needs the '@' or a username's shape
      {"TikTok (2024)", {}},
      {"IG (@cleo_dreams", {}},  // the bracket must close after the name
      {"IG (@cleo_dreams and more)", {}},
      {"snap (see below)", {}},
      {"of (@cleo_dreams)", {}},  // lower-case "of" stays a word
      {"IG (@ 9pm)", {}},
  });
}

TEST(HandleExtractorTest, AbbreviatedCueWithoutSeparatorNeedsAUsernameShape) {
  ExpectHandles({
      {"IG cherry.rdg", {"instagram:cherry.rdg"}},
      {"sc cleo_99", {"snapchat:cleo_99"}},
      {"tg cleo_dreams7", {"telegram:cleo_dreams7"}},
      {"fb cleo.vale.5", {"facebook:cleo.vale.5"}},
      {"find me on insta @cleo_dreams", {"instagram:cleo_dreams"}},
      {"add my snap @cleo_dreams", {"snapchat:cleo_dreams"}},
      {"my tg is @cleo_dreams", {"telegram:cleo_dreams"}},
      {"I snap pics.today", {}},  // "snap" and "tele" are words as well as cues
      {"tele cleo_dreams7", {}},
      {"IG stories", {}},
      {"IG cleo", {}},  // no digit, '_' or '.': could be any word
      {"sc 2nd", {}},
      {"snap 4u", {}},
      {"fb 10k", {}},
      {"tg 5min", {}},
      {"IG 2.0", {}},
      {"IG a.b", {}},  // too short to be only a username
      {"tele 07700 900123", {}},
      {"IG-famous cleo_99", {}},
      {"IG cleo_99@example.com", {}},  // an address, not a handle
  });
}

TEST(HandleExtractorTest, BracketedCueAndNounsBeforeTheSeparator) {
  ExpectHandles({
      {"(IG) @cleo_dreams", {"instagram:cleo_dreams"}},
      {"[snap] cleo_99", {"snapchat:cleo_99"}},
      {"(TikTok) @cleo.dreams", {"tiktok:cleo.dreams"}},
      {"IG handle: cleo_99", {"instagram:cleo_99"}},
      {"snap username - @cleo_dreams", {"snapchat:cleo_dreams"}},
      {"tg id: @cleo_dreams", {"telegram:cleo_dreams"}},
      {"insta acc: cleo_99", {"instagram:cleo_99"}},
      {"my snap name is cleo", {"snapchat:cleo"}},
      {"(Instagram) posts daily", {}},  // a bracketed cue is no separator
      {"(IG) cleo", {}},
      {"(IG] @cleo_dreams", {}},
      {"IG account: deleted", {}},
      {"snap user", {}},
      {"tg id 4321", {}},
      {"IG handle cleo", {}},
  });
}

TEST(HandleExtractorTest, HandleBesideAnAddressWithTheSameNameIsKept) {
  // The TextExtractor drops a handle only where it overlaps an address; a
  // handle elsewhere in the text is a second selector for the same person.
  const std::string_view text = "IG cherry.rdg or mail cherry.rdg@example.com";
  const std::vector<Selector> handles = ExtractHandles(text);
  const std::vector<Selector> emails = ExtractEmails(text);
  ASSERT_EQ(handles.size(), 1u);
  ASSERT_EQ(emails.size(), 1u);
  EXPECT_EQ(handles[0].value, "instagram:cherry.rdg");
  EXPECT_EQ(handles[0].begin, 3u);
  EXPECT_EQ(handles[0].end, 13u);
  EXPECT_EQ(emails[0].value, "cherry.rdg@example.com");
  EXPECT_GE(emails[0].begin, handles[0].end);
  ExpectHandles({
      {"IG: cherry.rdg | cherry.rdg@example.com", {"instagram:cherry.rdg"}},
      {"cherry.rdg@example.com (IG: cherry.rdg)", {"instagram:cherry.rdg"}},
      {"snap @cherry.rdg, email cherry.rdg at example dot com", {"snapchat:cherry.rdg"}},
      {"IG: cherry.rdg@example.com", {}},  // the address itself is no handle
  });
}

TEST(HandleExtractorTest, HostileInputStaysLinear) {
  const std::vector<std::string> inputs = {
      std::string(100000, '@'),
      [] {
        std::string s;
        while (s.size() < (1u << 20)) s += "instagram.com/";
        return s;
      }(),
      [] {
        std::string s;
        while (s.size() < (1u << 20)) s += "sc: ";
        return s;
      }(),
      [] {
        std::string s;
        while (s.size() < (1u << 20)) s += "snap/insta/";
        return s;
      }(),
      std::string(1u << 20, 'a') + "@" + std::string(1u << 20, 'b'),
      std::string(1u << 20, '/'),
      "t.me/" + std::string(1u << 20, 'a'),
      "sc: " + std::string(1u << 20, 'a'),
      "@" + std::string(1u << 20, 'a') + " on snap",
      std::string(1u << 20, '\xF0'),
      [] {
        std::string s;
        while (s.size() < (1u << 20)) s += "\xF0\x9F\x91\xBB ";
        return s;
      }(),
      [] {
        std::string s;
        while (s.size() < (1u << 20)) s += "a.";
        return s + "/x";
      }(),
      [] {
        std::string s;
        while (s.size() < (1u << 20)) s += "my snap" + std::string(1000, ' ') + "is ";
        return s;
      }(),
      [] {
        std::string s;
        while (s.size() < (1u << 20)) s += "@jess_99" + std::string(1000, ' ') + "on ";
        return s;
      }(),
      std::string(1u << 20, ' ') + "sc: jessrose" + std::string(1u << 20, ' '),
      [] {
        std::string s;
        while (s.size() < (1u << 20)) s += "IG (@a_b ";
        return s;
      }(),
      [] {
        std::string s;
        while (s.size() < (1u << 20)) s += "x: @ x - ";
        return s;
      }(),
      [] {
        std::string s;
        while (s.size() < (1u << 20)) s += "IG a_1 sc ";
        return s;
      }(),
      "IG (@" + std::string(1u << 20, 'a') + ")",
  };
  for (const std::string& input : inputs) {
    const auto start = std::chrono::steady_clock::now();
    const std::vector<Selector> found = ExtractHandles(input);
    const auto elapsed = std::chrono::steady_clock::now() - start;
    EXPECT_LT(elapsed, std::chrono::seconds(2)) << input.substr(0, 40);
    for (const Selector& s : found) EXPECT_LE(s.end, input.size());
  }
}

TEST(HandleExtractorTest, RepeatedUrlsAreFoundOnePerUrl) {
  std::string text;
  for (int i = 0; i < 1000; ++i) text += "t.me/jessrose99 ";
  EXPECT_EQ(ExtractHandles(text).size(), 1000u);
}

}  // namespace
}  // namespace harrier::extractors
