#include "extractors/normalizer.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace harrier::extractors {
namespace {

// Every byte of the output maps to a well-formed, non-decreasing span inside
// the source.
void ExpectValidMap(const NormalizedText& out, size_t source_size) {
  ASSERT_EQ(out.source_begin.size(), out.text.size());
  ASSERT_EQ(out.source_end.size(), out.text.size());
  for (size_t i = 0; i < out.text.size(); ++i) {
    ASSERT_LE(out.source_begin[i], out.source_end[i]) << i;
    ASSERT_LE(out.source_end[i], source_size) << i;
    if (i > 0) {
      ASSERT_LE(out.source_begin[i - 1], out.source_begin[i]) << i;
      ASSERT_LE(out.source_end[i - 1], out.source_end[i]) << i;
    }
  }
}

std::string Text(std::string_view source, InputFormat format = InputFormat::kText) {
  NormalizedText out = NormalizeForExtraction(source, format);
  ExpectValidMap(out, source.size());
  return out.text;
}

struct Case {
  std::string_view input;
  std::string_view expected;
};

TEST(NormalizerTest, TurnsEveryUnicodeDigitIntoAscii) {
  const Case cases[] = {
      {"Call &#48;7700 ９００１２３", "Call 07700 900123"},
      {"٠٧٧٠٠ ۹۰۰", "07700 900"},    // Arabic-Indic, extended Arabic-Indic
      {"०७७०० ৯০০", "07700 900"},    // Devanagari, Bengali
      {"𝟎𝟕𝟕𝟎𝟎 𝟗𝟘𝟬𝟶", "07700 9000"},  // mathematical bold, double-struck, sans, mono
      {"¹²³ ⁴₅", "123 45"},          // superscripts and subscripts
      {"໐໗ ၀၇ ๐๗", "07 07 07"},      // Lao, Myanmar, Thai
  };
  for (const Case& c : cases) EXPECT_EQ(Text(c.input), c.expected) << c.input;
}

TEST(NormalizerTest, ReadsKeycapCircledAndDingbatDigitsAsDigits) {
  const Case cases[] = {
      {"0️⃣7️⃣7️⃣0️⃣0️⃣", "07700"},
      {"0⃣7⃣", "07"},  // keycap without the emoji selector
      {"#️⃣ *️⃣", "# *"},
      {"🔟", "10"},
      {"①②⑳", "1220"},
      {"⑴⑵⒇", "1220"},
      {"⒈⒉⒛", "1220"},
      {"❶❷❿", "1210"},
      {"➀➉ ➊➓", "110 110"},
      {"⓪⓿ ⓫⓴ ⓵⓾", "00 1120 110"},
      {"🄀🄁🄊🄋🄌", "00900"},
      {"㉑㊿", "2150"},
  };
  for (const Case& c : cases) EXPECT_EQ(Text(c.input), c.expected) << c.input;
}

TEST(NormalizerTest, RemovesFormatControlsAndVariationSelectors) {
  const Case cases[] = {
      {"07\u200B7\u200C0\u200D0\u200E9\u200F0", "0770090"},
      {"a\u202Ab\u202Bc\u202Cd\u202De\u202Ef", "abcdef"},
      {"a\u2060b\u2061c\u2062d\u2063e\u2064f", "abcdef"},
      {"a\u2066b\u2067c\u2068d\u2069e\uFEFFf", "abcdef"},
      {"07700\u00AD900123", "07700900123"},  // soft hyphen
      {"7\uFE0E 7\uFE0F 7\U000E0100", "7 7 7"},
      {"&#8203;0&#x200B;7", "07"},
  };
  for (const Case& c : cases) EXPECT_EQ(Text(c.input), c.expected) << c.input;
}

TEST(NormalizerTest, WritesLineBreaksAsNewlineAndSpacesAsSpace) {
  const Case cases[] = {
      {"a\r\nb\rc\nd", "a\nb\nc\nd"},
      {"a\u2028b\u2029c\u0085d", "a\nb\nc\nd"},
      {"a\u00A0b\u2003c\u3000d\u202Fe\u1680f\u205Fg", "a b c d e f g"},
      {"a&nbsp;b&#13;&#10;c", "a b\n\nc"},
  };
  for (const Case& c : cases) EXPECT_EQ(Text(c.input), c.expected) << c.input;
}

TEST(NormalizerTest, AppliesNfkcButKeepsLettersAndEmoji) {
  const Case cases[] = {
      {"ﬁne Ｍａｉｌ＠ｅｘａｍｐｌｅ．ｃｏｍ", "fine Mail@example.com"},
      {"cafe\u0301 x", "caf\u00E9 x"},  // composed
      {"e&#x301;", "\u00E9"},           // composed across a reference
      {"Zoë 😀 Łódź ü ñ", "Zoë 😀 Łódź ü ñ"},
      {"﹫ ™ …", "@ TM ..."},
      {"Ｔｅｌ: ０７７００", "Tel: 07700"},
  };
  for (const Case& c : cases) EXPECT_EQ(Text(c.input), c.expected) << c.input;
}

TEST(NormalizerTest, DecodesCharacterReferences) {
  const Case cases[] = {
      {"anna&#64;example.com", "anna@example.com"},
      {"anna&#x40;example&#X2E;com", "anna@example.com"},
      {"anna&commat;example&period;com", "anna@example.com"},
      {"anna&at;example&dot;com", "anna@example.com"},
      {"&amp; &lt; &gt; &quot; &apos; &num; &plus; &lpar;&rpar; &lsqb;&rsqb;",
       "& < > \" ' # + () []"},
      {"&pound;150 &euro;5 &copy; &reg; &middot; &bull;", "£150 €5 © ® · •"},
      {"&hyphen; &dash; &ndash; &mdash; &hellip;", "‐ ‐ – — ..."},
      {"a &amp b &lt c &copy d", "a & b < c © d"},  // legacy names without ';'
      {"&#48 &#x37, &#55", "0 7, 7"},               // numeric without ';'
      {"&#48x &ampx &commat &unknown; & &# &#x; &;", "&#48x &ampx &commat &unknown; & &# &#x; &;"},
      {"&#0; &#xD800; &#x110000; &#99999999999999999999;", "\uFFFD \uFFFD \uFFFD \uFFFD"},
      {"&#000000000000000000000064;", "@"},
      {"&#150; &#128;", "– €"},  // Windows-1252 for C1 references
      {"&#xFF10;&#x2460;&#x1F51F;", "0110"},
      {"&amp;#48;", "&#48;"},  // decoded once, not twice
      {"&AMP; &LT; &QUOT;", "& < \""},
  };
  for (const Case& c : cases) EXPECT_EQ(Text(c.input), c.expected) << c.input;
}

TEST(NormalizerTest, DecodesEveryNameInTheTable) {
  const Case cases[] = {
      {"&ast;&bsol;&colon;&comma;&dollar;&equals;&excl;", "*\\:,$=!"},
      {"&lowbar;&percnt;&quest;&semi;&sol;&verbar;", "_%?;/|"},
      {"a&shy;b&zwj;c&zwnj;d", "abcd"},
      {"a&ensp;b&emsp;c&thinsp;d", "a b c d"},
      {"&GT;", ">"},
  };
  for (const Case& c : cases) EXPECT_EQ(Text(c.input), c.expected) << c.input;
}

TEST(NormalizerTest, ReadsEachInvalidUtf8ByteAsOneReplacementCharacter) {
  const Case cases[] = {
      {"a\xFF"
       "b",
       "a\uFFFD"
       "b"},
      {"\xE2\x82x", "\uFFFD\uFFFDx"},          // truncated sequence
      {"\xC0\xAF", "\uFFFD\uFFFD"},            // overlong '/'
      {"\xED\xA0\x80", "\uFFFD\uFFFD\uFFFD"},  // surrogate
      {"\x80\x80", "\uFFFD\uFFFD"},
      {"0\xF0\x9F\x98", "0\uFFFD\uFFFD\uFFFD"},  // cut at the end
  };
  for (const Case& c : cases) EXPECT_EQ(Text(c.input), c.expected) << c.input;
}

struct SpanCase {
  std::string_view input;
  InputFormat format;
  std::string_view needle;  // in the output
  std::string_view source;  // the source bytes it must map to
};

TEST(NormalizerTest, MapsEveryKindOfRewriteBackToItsExactSourceBytes) {
  const auto kText = InputFormat::kText;
  const auto kHtml = InputFormat::kHtml;
  const SpanCase cases[] = {
      {"Call &#48;7700 ９００１２３ now", kText, "07700 900123", "&#48;7700 ９００１２３"},
      {"Call &#48;7700 ９００１２３ now", kText, "9", "９"},
      {"Tel 0️⃣7️⃣7️⃣ now", kText, "077", "0️⃣7️⃣7️⃣"},
      {"Tel 0️⃣7️⃣7️⃣ now", kText, "7", "7️⃣"},
      {"x 🔟 y", kText, "10", "🔟"},
      {"x 🔟 y", kText, "0", "🔟"},
      {"⑴⑵ ❶", kText, "12", "⑴⑵"},
      {"٠٧ x", kText, "07", "٠٧"},
      {"a &commat; b", kText, "@", "&commat;"},
      {"a&#x40;b", kText, "a@b", "a&#x40;b"},
      {"ﬁne", kText, "i", "ﬁ"},
      {"cafe\u0301!", kText, "\u00E9", "e\u0301"},
      {"cafe\u0301!", kText, "!", "!"},
      {"07\u200B700", kText, "07700", "07\u200B700"},
      {"x\u200By", kText, "y", "y"},
      {"a\r\nb", kText, "\n", "\r\n"},
      {"a\u2028b", kText, "\n", "\u2028"},
      {"a\u00A0b", kText, " ", "\u00A0"},
      {"a\xFF"
       "b",
       kText, "\uFFFD", "\xFF"},
      {"aé\xFF"
       "b",
       kText, "b", "b"},
      {"<p>Call <b>07700</b> <span>900</span>123</p>", kHtml, "07700 900123",
       "07700</b> <span>900</span>123"},
      {"<div>a</div>", kHtml, "\n", "<div>"},
      {"x<br/>y", kHtml, "\n", "<br/>"},
      {"<a href=\"tel:+447700900123\">Ring</a>", kHtml, "tel:+447700900123", "tel:+447700900123"},
      {"<a href='mailto:anna&#64;example.com'>m</a>", kHtml, "anna@example.com",
       "anna&#64;example.com"},
      {"<p>&#48;7700 <i>９</i>00</p>", kHtml, "07700 900", "&#48;7700 <i>９</i>00"},
      {"<b>e</b>&#x301;", kHtml, "\u00E9", "e</b>&#x301;"},
  };
  for (const SpanCase& c : cases) {
    const NormalizedText out = NormalizeForExtraction(c.input, c.format);
    ExpectValidMap(out, c.input.size());
    const size_t at = out.text.find(c.needle);
    ASSERT_NE(at, std::string::npos) << c.input << " -> " << out.text;
    const auto [begin, end] = out.SourceSpan(at, at + c.needle.size());
    EXPECT_EQ(c.input.substr(begin, end - begin), c.source) << c.input << " / " << c.needle;
  }
}

// Every fragment, next to every other in text and in HTML, comes out as
// expected and maps back to exactly its own source bytes.
TEST(NormalizerTest, MapsEachFragmentToItsSourceWhateverSurroundsIt) {
  const Case fragments[] = {
      {"&#48;", "0"},
      {"９", "9"},
      {"0️⃣", "0"},
      {"🔟", "10"},
      {"⑴", "1"},
      {"❿", "10"},
      {"e\u0301", "\u00E9"},
      {"ﬁ", "fi"},
      {"\r\n", "\n"},
      {"\u2029", "\n"},
      {"\u00A0", " "},
      {"&commat;", "@"},
      {"\xFF", "\uFFFD"},
      {"٣", "3"},
      {"abc", "abc"},
      {"Łódź", "Łódź"},
      {"😀", "😀"},
      {"&amp;", "&"},
      {"²", "2"},
      {"&#x1F51F", "10"},
      {"7\u200B7", "77"},
      {"𝟕", "7"},
  };
  for (const InputFormat format : {InputFormat::kText, InputFormat::kHtml}) {
    const std::string_view separator = format == InputFormat::kHtml ? " <i>|</i> " : " | ";
    const std::string_view separator_out = " | ";
    for (const Case& a : fragments) {
      for (const Case& b : fragments) {
        for (const Case& c : fragments) {
          const Case parts[] = {a, b, c};
          std::string source;
          std::string expected;
          std::vector<std::pair<size_t, size_t>> source_spans;
          std::vector<size_t> text_offsets;
          for (const Case& part : parts) {
            source += separator;
            expected += separator_out;
            source_spans.emplace_back(source.size(), source.size() + part.input.size());
            text_offsets.push_back(expected.size());
            source += part.input;
            expected += part.expected;
          }
          const NormalizedText out = NormalizeForExtraction(source, format);
          ASSERT_EQ(out.text, expected) << source;
          for (size_t i = 0; i < 3; ++i) {
            const size_t begin = text_offsets[i];
            ASSERT_EQ(out.SourceSpan(begin, begin + parts[i].expected.size()), source_spans[i])
                << source << " part " << i;
          }
        }
      }
    }
  }
}

TEST(NormalizerTest, EmptySpansMapToWhereTheyFall) {
  const NormalizedText out = NormalizeForExtraction("ab\u200B");
  EXPECT_EQ(out.text, "ab");
  EXPECT_EQ(out.SourceSpan(1, 1), std::make_pair(size_t{1}, size_t{1}));
  EXPECT_EQ(out.SourceSpan(2, 2), std::make_pair(size_t{2}, size_t{2}));
  EXPECT_EQ(out.SourceSpan(5, 9), std::make_pair(size_t{2}, size_t{2}));
  EXPECT_EQ(NormalizeForExtraction("").SourceSpan(0, 0), std::make_pair(size_t{0}, size_t{0}));
}

TEST(NormalizerTest, PlainAsciiPassesThroughUnchangedWithAnIdentityMap) {
  std::string text;
  for (int i = 0; i < 200; ++i) text += "Anna, new in town, call 07700 900123 (24/7) <3\t";
  const NormalizedText out = NormalizeForExtraction(text);
  ASSERT_EQ(out.text, text);
  for (size_t i = 0; i < text.size(); ++i) {
    ASSERT_EQ(out.source_begin[i], i);
    ASSERT_EQ(out.source_end[i], i + 1);
  }
}

TEST(NormalizerTest, StripsMarkupLikeABrowserReadsIt) {
  const Case cases[] = {
      {"07700 <span>900</span>123", "07700 900123"},
      {"<b>077</b><i>00</i> <em>9</em><strong>0</strong><font>0</font><small>1</small>"
       "<sup>2</sup><sub>3</sub><u>x</u><mark>y</mark>",
       "07700 900123xy"},
      {"<p>one</p><p>two</p>", "\none\n\ntwo\n"},
      {"a<br>b<br/>c<BR >d<hr>e", "a\nb\nc\nd\ne"},
      {"<ul><li>a</li></ul><h2>b</h2><blockquote>c</blockquote>", "\n\na\n\n\nb\n\nc\n"},
      {"<table><tr><td>1</td><td>2</td></tr></table>", "\n\n\n1\n\n2\n\n\n"},
      {"x<script>var a = '<p>07700 900123</p>';</script>y", "xy"},
      {"<style>p{}</style><noscript>n</noscript><template><p>t</p></template>z", "z"},
      {"<SCRIPT type=x>a</script ><Style>b</STYLE>c", "c"},
      {"a<!-- 07700 900123 -->b<!---->c<!-->d", "abcd"},
      {"a<![CDATA[x]]>b<!DOCTYPE html>c<?xml v?>d", "abcd"},
      {"age < 30 and <3 and a<<3", "age < 30 and <3 and a<<3"},
      {"a<<b", "a<"},  // "<b" open at the end: dropped, as a browser does
      {"<div title=\"a>b\" data-x='<p>'>x</div>", "\nx\n"},
      {"<b>unclosed bold", "unclosed bold"},
      {"text <b", "text "},
      {"a<!-- never closed", "a"},
      {"a<script>never closed", "a"},
      {"<scriptx>a</scriptx>", "a"},
      {"&lt;b&gt; &amp;", "<b> &"},
      {"<a title=\"x>y\" href=\"x\">t", "t"},
      {"<a title=\"x>y href=x>t", "y href=x>t"},  // a quote never closed
  };
  for (const Case& c : cases) {
    EXPECT_EQ(Text(c.input, InputFormat::kHtml), c.expected) << c.input;
  }
}

TEST(NormalizerTest, KeepsLinkTargetsThatNameASchemeOrHost) {
  const Case cases[] = {
      {"<a href=\"https://wa.me/447700900123\">WhatsApp</a>",
       " (https://wa.me/447700900123) WhatsApp"},
      {"Ring <a href='tel:07700900123'>me</a>!", "Ring  (tel:07700900123) me!"},
      {"<a href=https://t.me/anna_example>tg</a>", " (https://t.me/anna_example) tg"},
      {"<A HREF=\"www.example.com/anna\">x</A>", " (www.example.com/anna) x"},
      {"<a href=\"mailto:anna&#64;example.com\">mail</a>", " (mailto:anna@example.com) mail"},
      {"<a href=\"/profile/12\">Anna</a> <a href=\"#\">top</a>", "Anna top"},
      {"<a href=\"javascript:void(0)\">x</a>", "x"},
      {"<img src=\"https://example.com/a.jpg\">x", "x"},
      {"<link href=\"https://example.com/a.css\">x", "x"},
      {"<a name=x>y</a>", "y"},
      {"<a href=\" //example.com/anna \">x</a>", " (//example.com/anna) x"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(Text(c.input, InputFormat::kHtml), c.expected) << c.input;
  }
}

TEST(NormalizerTest, PlainTextKeepsAngleBrackets) {
  EXPECT_EQ(Text("<p>07700 900123</p>"), "<p>07700 900123</p>");
}

TEST(NormalizerTest, CutsOversizedInputAtACharacterBoundary) {
  std::string text(kMaxNormalizeBytes - 1, 'a');
  text += "\u00E9tail";  // 'é' straddles the limit
  const NormalizedText out = NormalizeForExtraction(text);
  EXPECT_EQ(out.text.size(), kMaxNormalizeBytes - 1);
  EXPECT_EQ(out.text.back(), 'a');
}

TEST(NormalizerTest, HostileInputsStayLinearAndBounded) {
  const std::string lts(10u << 20, '<');
  NormalizedText out = NormalizeForExtraction(lts, InputFormat::kHtml);
  EXPECT_EQ(out.text.size(), kMaxNormalizeBytes);
  out = NormalizeForExtraction(lts, InputFormat::kText);
  EXPECT_EQ(out.text.size(), kMaxNormalizeBytes);

  std::string refs;
  for (int i = 0; i < (1 << 19); ++i) refs += "&#";
  EXPECT_EQ(NormalizeForExtraction(refs).text, refs);
  EXPECT_EQ(NormalizeForExtraction(refs, InputFormat::kHtml).text, refs);

  // Alternating combining classes 230 and 220: the worst case for
  // canonical reordering.
  std::string marks = "a";
  for (int i = 0; i < (5 << 20) / 4; ++i) marks += "\u0301\u0316";
  out = NormalizeForExtraction(marks);
  ExpectValidMap(out, marks.size());
  EXPECT_GE(out.text.size(), marks.size() - 64);
  EXPECT_LE(out.text.size(), marks.size());

  const std::string bad(1u << 20, '\xFF');
  out = NormalizeForExtraction(bad);
  EXPECT_EQ(out.text.size(), 3 * bad.size());
  EXPECT_EQ(out.SourceSpan(3000, 3003), std::make_pair(size_t{1000}, size_t{1001}));

  std::string ligatures;
  for (int i = 0; i < (1 << 18); ++i) ligatures += "\uFDFA";  // NFKC: 18 characters
  out = NormalizeForExtraction(ligatures);
  EXPECT_LE(out.text.size(), 5 * ligatures.size() + 4096);

  std::string tags;
  for (int i = 0; i < (1 << 17); ++i) tags += "<a x='<a href=\"";
  out = NormalizeForExtraction(tags, InputFormat::kHtml);
  ExpectValidMap(out, tags.size());
  std::string open;
  for (int i = 0; i < (1 << 17); ++i) open += "<div><a href=\"tel:1\"><script>";
  out = NormalizeForExtraction(open, InputFormat::kHtml);
  EXPECT_EQ(out.text, "\n (tel:1) ");
}

TEST(NormalizerTest, SniffsHtmlFromADoctypeOrAKnownTag) {
  struct {
    std::string_view input;
    bool html;
  } const cases[] = {
      {"<!DOCTYPE html><html>", true},
      {"<HTML><BODY>", true},
      {"Hi <p>there", true},
      {"line<br/>line", true},
      {"<a href=\"x\">y</a>", true},
      {"<!-- note -->", true},
      {"<span class=x>", true},
      {"<TABLE>", true},
      {"<li>one", true},
      {"<meta charset=utf-8>", true},
      {"<head>", true},
      {"<script>", true},
      {"<div\n>", true},
      {"age < 30", false},
      {"<3 you", false},
      {"<brand> <pre>", false},
      {"plain text", false},
      {"", false},
      {"a <b> c", false},
  };
  for (const auto& c : cases) EXPECT_EQ(LooksLikeHtml(c.input), c.html) << c.input;
  EXPECT_FALSE(LooksLikeHtml(std::string(5000, ' ') + "<p>"));
}

}  // namespace
}  // namespace harrier::extractors
