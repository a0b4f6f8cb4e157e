#include "extractors/phone_deobfuscator.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "extractors/phone_extractor.h"
#include "extractors/phone_test_util.h"

namespace harrier::extractors {
namespace {

// Numbers are Ofcom drama numbers or plainly invented foreign ones.

using testing::ExpectPhones;
using testing::Gb;
using testing::PhoneCase;

const std::vector<std::string> kMobile = {"+447700900123"};

TEST(PhoneDeobfuscatorTest, ReadsSeparatorsBracketsAndFences) {
  ExpectPhones({
      {"07700-900-123", kMobile},
      {"[0][7][7][0][0] [9][0][0] [1][2][3]", kMobile},
      {"{0}{7}{7}{0}{0}{9}{0}{0}{1}{2}{3}", kMobile},
      {"(0)(7)(7)(0)(0)(9)(0)(0)(1)(2)(3)", kMobile},
      {"((07))700 900 123", kMobile},
      {"0 7 7 . 0 0 9 0 0 1 2 3", kMobile},
      {"07700|900|123", kMobile},
      {"07700 | 900 | 123", kMobile},
      {"0-7-7-0-0-9-0-0-1-2-3", kMobile},
      {"0.7.7.0.0.9.0.0.1.2.3", kMobile},
      {"0_7_7_0_0_9_0_0_1_2_3", kMobile},
      {"0*7*7*0*0*9*0*0*1*2*3", kMobile},
      {"0~7~7~0~0 9~0~0 1~2~3", kMobile},
      {"07700/900/123", kMobile},
      {"07700,900,123", kMobile},
      {"07700 900\n123", kMobile},
      {"07700\n900 123", kMobile},
      {"0 7 7 0 0 - 9 0 0 - 1 2 3", kMobile},
      {"07 700 900 123", kMobile},
      {"077-009-001-23", kMobile},
      {"07700\xF0\x9F\x92\x8B"
       "900\xF0\x9F\x92\x8B"
       "123",
       kMobile},                                             // kiss emoji
      {"0 \xE2\x9D\xA4 7700 \xE2\x9D\xA4 900123", kMobile},  // heart
      {"+44 (0)7700 900123", kMobile},
      {"(+44) 07700 900123", kMobile},
      {"0044 7700 900123", kMobile},
      {"44 7700 900123", kMobile},
      {"+44-7700-900-123", kMobile},
      {"+447700 900 123", kMobile},
      {"+ 44 7700 900 123", kMobile},
  });
}

TEST(PhoneDeobfuscatorTest, ReadsEnglishNumberWords) {
  ExpectPhones({
      {"oh seven seven oh oh nine oh oh one two three", kMobile},
      {"zero seven seven zero zero nine zero zero one two three", kMobile},
      {"nought seven seven nought nought nine nought nought one two three", kMobile},
      {"nil seven seven nil nil nine nil nil one two three", kMobile},
      {"o seven seven o o nine o o one two three", kMobile},
      {"ZERO SEVEN SEVEN ZERO ZERO NINE ZERO ZERO ONE TWO THREE", kMobile},
      {"Zero Seven Seven Oh Oh Nine Oh Oh One Two Three", kMobile},
      {"zero seventy seven hundred nine hundred one twenty three", kMobile},
      {"oh seven seven hundred nine hundred one two three", kMobile},
      {"zero seventy-seven zero zero nine zero zero one twenty-three", kMobile},
      {"zero seven seven double oh nine double oh one two three", kMobile},
      {"zero seven seven dbl oh nine dbl oh one two three", kMobile},
      {"0 double 7 double 0 9 double 0 1 2 3", kMobile},
      {"zero double seven double zero nine double zero one two three", kMobile},
      {"077 double 0 nine double 0 twelve three", kMobile},
      {"0 seven seven 0 0 nine 0 0 one twenty three", kMobile},
      {"0seven7zero0nine00onetwothree", kMobile},
      {"07seven00 900 123", kMobile},
      {"o7seven00 nine00 123", kMobile},
      {"zerosevenseven zerozero ninezerozero onetwothree", kMobile},
      {"07700 nine double oh one two three", kMobile},
      {"0 seven 7 0 0 nine 0 0 1 two 3", kMobile},
      {"z3ro s3ven s3ven 0 0 n1ne 0 0 0ne tw0 thr33", kMobile},
      {"zero, seven, seven, zero, zero, nine, zero, zero, one, two, three", kMobile},
      {"zero-seven-seven-zero-zero-nine-zero-zero-one-two-three", kMobile},
      {"zero.seven.seven.zero.zero.nine.zero.zero.one.two.three", kMobile},
      {"zero/seven/seven/zero/zero/nine/zero/zero/one/two/three", kMobile},
      {"zero \xF0\x9F\x8C\xB9 seven \xF0\x9F\x8C\xB9 seven zero zero nine zero zero one two three",
       kMobile},
      {"zero seven seven zero zero\nnine zero zero one two three", kMobile},
      {"plus four four seven seven zero zero nine zero zero one two three", kMobile},
      {"call me on oh seven seven oh oh nine oh oh one two three thanks", kMobile},
      {"zero one one three four nine six zero one two three", {"+441134960123"}},
      {"oh one six one, four nine six, oh nine nine nine", {"+441614960999"}},
      {"zero two zero seven nine four six zero one two three", {"+442079460123"}},
  });
}

TEST(PhoneDeobfuscatorTest, ReadsNumberWordsOfOtherLanguages) {
  ExpectPhones({
      // Valid in GB: GB wins whatever the language.
      {"zero şapte şapte zero zero nouă zero zero unu doi trei", kMobile},
      {"zero șapte șapte zero zero nouă zero zero unu doi trei", kMobile},
      {"zero sapte sapte zero zero noua zero zero unu doi trei", kMobile},
      {"zero siedem siedem zero zero dziewięć zero zero jeden dwa trzy", kMobile},
      {"zero siedem siedem zero zero dziewiec zero zero jeden dwa trzy", kMobile},
      {"nulla hét hét nulla nulla kilenc nulla nulla egy kettő három", kMobile},
      {"nulla het het nulla nulla kilenc nulla nulla egy ketto harom", kMobile},
      {"zero shtatë shtatë zero zero nëntë zero zero një dy tre", kMobile},
      {"zero shtate shtate zero zero nente zero zero nje dy tre", kMobile},
      {"không bảy bảy không không chín không không một hai ba", kMobile},
      {"\xE3\x80\x87七七〇〇九〇〇一二三", kMobile},
      {"零七七零零九零零一二三", kMobile},
      {"零柒柒零零玖零零壹贰叁", kMobile},
      {"0 şapte 7 0 0 nouă 0 0 1 doi 3", kMobile},
      // Not valid in GB: read in the language's country.
      {"zero şapte doi doi unu doi trei patru cinci şase", {"+40722123456"}},
      {"zero sapte doi doi unu doi trei patru cinci sase", {"+40722123456"}},
      {"pięć jeden dwa trzy cztery pięć sześć siedem osiem", {"+48512345678"}},
      {"piec jeden dwa trzy cztery piec szesc siedem osiem", {"+48512345678"}},
      {"nulla hat kettő nulla egy kettő három négy öt hat hét", {"+36201234567"}},
      {"zero gjashtë nëntë një dy tre katër pesë gjashtë shtatë", {"+355691234567"}},
      {"không chín một hai ba bốn năm sáu bảy tám", {"+84912345678"}},
      {"一三八〇〇一三八〇〇〇", {"+8613800138000"}},
      // In capitals, diacritics included.
      {"ZERO ŞAPTE DOI DOI UNU DOI TREI PATRU CINCI ŞASE", {"+40722123456"}},
      {"PIĘĆ JEDEN DWA TRZY CZTERY PIĘĆ SZEŚĆ SIEDEM OSIEM", {"+48512345678"}},
      {"KHÔNG CHÍN MỘT HAI BA BỐN NĂM SÁU BẢY TÁM", {"+84912345678"}},
      {"NULLA HÉT HÉT NULLA NULLA KILENC NULLA NULLA EGY KETTŐ HÁROM", kMobile},
  });
}

TEST(PhoneDeobfuscatorTest, ReadsLettersStandingForDigitsInsideDigitRuns) {
  ExpectPhones({
      {"O77OO 9OO l23", kMobile},
      {"o77oo 9oo 123", kMobile},
      {"077OO9OOl23", kMobile},
      {"O7700 900 I23", kMobile},
      {"0770O 9OO 123", kMobile},
      {"O7 7OO-9OO-l23", kMobile},
      {"07700 900 l23", kMobile},
      {"07700 9OO 12З", kMobile},         // Cyrillic Ze for 3
      {"О77ОО 9ОО 123", kMobile},         // Cyrillic O
      {"0770\xCE\x9F 900 123", kMobile},  // Greek Omicron
      {"07700 900 \xD0\x86"
       "23",
       kMobile},              // Cyrillic I
      {"07700 9001!23", {}},  // '!' makes it 12 digits
      {"07700 900!23", kMobile},
      {"07700 9OO l2S", {"+447700900125"}},
      {"07700 9OO l2B", {"+447700900128"}},
      {"0113 496 0l23", {"+441134960123"}},
      {"0l6l 496 OOOO", {"+441614960000"}},
  });
}

TEST(PhoneDeobfuscatorTest, ReadsLinks) {
  ExpectPhones({
      {"tel:07700900123", kMobile},
      {"tel:+447700900123", kMobile},
      {"callto:+447700900123", kMobile},
      {"sms:07700900123", kMobile},
      {"wa.me/447700900123", kMobile},
      {"https://wa.me/447700900123?text=hi", kMobile},
      {"https://api.whatsapp.com/send?phone=447700900123", kMobile},
      {"whatsapp://send?phone=447700900123", kMobile},
      {"t.me/+447700900123", kMobile},
      {"viber://chat?number=447700900123", kMobile},
      {"viber://chat?number=%2B447700900123", kMobile},
      {"Call Anna (tel:07700900123)", kMobile},
      {"Text me 07700 900123 (tel:07700900123)", {"+447700900123", "+447700900123"}},
  });
}

TEST(PhoneDeobfuscatorTest, WordsThatAreNotNumbersStayWords) {
  ExpectPhones({
      {"one hour", {}},
      {"two girls", {}},
      {"three ways", {}},
      {"I'm twenty one", {}},
      {"open seven days", {}},
      {"one two three four five six seven eight nine ten", {}},
      {"hat egy ba dy tre opt", {}},
      {"one one one one one one one one one one one", {}},
      {"seven seven oh oh nine oh oh one two three", {}},  // no trunk prefix
      {"seven seven oh oh nine oh oh one two three four", {}},
      {"zero seven seven zero zero nine zero zero one two three four", {}},
      {"zero seven seven zero zero nine zero zero one two", {}},
      {"Sofia BOB 2019 SOS", {}},
      {"Room B12, floor 3, flat 7", {}},
      {"double seven", {}},
      {"sevenseven", {}},
      {"s3v3n", {}},
      {"two girls, one hour, three ways, twenty one, seven days", {}},
  });
}

// Whole advert sentences: the number among ordinary words, emoji and decoys.
TEST(PhoneDeobfuscatorTest, FindsTheNumberInsideAdvertSentences) {
  const std::vector<std::string> mobile345 = {"+447700900345"};
  ExpectPhones({
      {"Hi im Jess \xF0\x9F\x92\x8B call me on 07700 900 345 xx", mobile345},
      {"New girl in town!! 0seven7zero0 nine00 three4five", mobile345},
      {"Txt me: 077OO 9OO 345 (no withheld)", mobile345},
      {"Call: zero seven seven zero zero, nine zero zero, three four five.", mobile345},
      {"My num is 07700.900.345 ... Available 24/7", mobile345},
      {"\xE2\x9C\xA8 0 7 7 0 0 9 0 0 3 4 5 \xE2\x9C\xA8", mobile345},
      {"Whatsapp +44 7700 900345 or telegram", mobile345},
      {"WhatsApp me wa.me/447700900345", mobile345},
      {"rates 30min \xC2\xA3"
       "80 1hr \xC2\xA3"
       "150 ring 07700900345",
       mobile345},
      {"I'm 23, 5'6\", size 10, 36C. Ring 07700 900 345.", mobile345},
      {"o77oo9oo345", mobile345},
      {"O-7-7-O-O-9-O-O-3-4-5", mobile345},
      {"Call me \xE2\x9E\xA1\xEF\xB8\x8F 07700 \xE2\x9E\xA1\xEF\xB8\x8F 900 "
       "\xE2\x9E\xA1\xEF\xB8\x8F 345",
       mobile345},  // arrows with their emoji variation selector
      {"07700 \xE2\xAD\x90 900 \xE2\xAD\x90 345", mobile345},
      {"text 07700 900 345 after 6pm, 12/03/2026 only \xC2\xA3"
       "100ph",
       mobile345},
      {"Appointments: 0161-496-0345 (Manchester)", {"+441614960345"}},
      {"07700 900345 / 07700 900346 / 0161 496 0345",
       {"+447700900345", "+447700900346", "+441614960345"}},
      {"Romanian girl, number 0722 123 456, also +44 7700 900345",
       {"+40722123456", "+447700900345"}},
  });
}

// A line of digit groups ends its run at the line break before a line of
// words; the words' first token must keep its own digit ("zero"), however
// many tokens follow it.
TEST(PhoneDeobfuscatorTest, ReadsAWordLineAfterADigitLine) {
  const std::vector<std::string> mobile558 = {"+447700900558"};
  ExpectPhones({
      {"12 34 56 78\nzero seven seven zero zero nine zero zero five five eight", mobile558},
      {"ref 1 2 3 4 5 6\nzero seven seven zero zero nine zero zero five five eight", mobile558},
      {"room 101\nzero seven seven zero zero nine zero zero five five eight", mobile558},
  });
}

// Ordinary advert prose full of numbers that are not phone numbers.
TEST(PhoneDeobfuscatorTest, NumberHeavyProseYieldsNothing) {
  ExpectPhones({
      {"I'm twenty one, five foot seven, size eight, thirty four double D", {}},
      {"Open seven days a week, ten till ten, two girls, one hour minimum", {}},
      {"Prices from one hundred for thirty minutes, two hundred for one hour", {}},
      {"zero tolerance, no means no, one at a time", {}},
      {"Room 101, floor 3, 12 Oak Street, Leeds LS1 4AP", {}},
      {"Order 12345678, invoice 2026-0042, total \xC2\xA3"
       "1,250.00",
       {}},
      {"Visit 10.00-18.00 Mon-Fri, 10.00-16.00 Sat", {}},
      {"Height 165 cm, weight 55 kg, dress size 8, shoe size 5", {}},
      {"Born 01/02/2003, age 23", {}},
      {"Flight BA0770 at 09:00, seat 12A, booking ref X7Y2Z9", {}},
      {"Offer: 3 for 2, 50% off, only 9.99", {}},
      {"SOS SOS 505 0S0", {}},
      {"one o'clock, two o'clock, three o'clock", {}},
      {"We are 3 girls, 2 blondes and 1 brunette, 100% real", {}},
      {"size 6, 36-24-36, 1 hour 150, 2 hours 250, overnight 1000", {}},
      {"O O O O O O O O O O O", {}},
      {"phone 0 0 0 0 0 0 0 0 0 0 0", {}},
  });
}

TEST(PhoneDeobfuscatorTest, SpansCoverTheWordsAndFencesAsWritten) {
  struct SpanCase {
    std::string_view text;
    std::string_view raw;
  };
  const SpanCase cases[] = {
      {"call oh seven seven oh oh nine oh oh one two three now",
       "oh seven seven oh oh nine oh oh one two three"},
      {"x [0][7][7][0][0] [9][0][0] [1][2][3] y", "[0][7][7][0][0] [9][0][0] [1][2][3]"},
      {"me: O77OO 9OO l23!", "O77OO 9OO l23"},
      {"plus four four seven seven zero zero nine zero zero one two three",
       "plus four four seven seven zero zero nine zero zero one two three"},
      {"ring +44 7700 900 123", "+44 7700 900 123"},
  };
  for (const SpanCase& c : cases) {
    const std::vector<Selector> found = Gb().Extract(c.text);
    ASSERT_EQ(found.size(), 1u) << c.text;
    EXPECT_EQ(found[0].raw, c.raw);
  }
}

TEST(PhoneDeobfuscatorTest, ConfidenceFallsWithWhatWasGuessed) {
  struct ConfidenceCase {
    std::string_view text;
    double confidence;
  };
  const ConfidenceCase cases[] = {
      {"07700 900123", 1.0},
      {"07700|900|123", kFenceConfidence},
      {"oh seven seven oh oh nine oh oh one two three", kEnglishWordConfidence},
      {"zero siedem siedem zero zero dziewięć zero zero jeden dwa trzy", kForeignWordConfidence},
      {"z3ro s3ven s3ven 0 0 n1ne 0 0 0ne tw0 thr33", kLeetConfidence},
      {"O77OO 9OO l23", kLetterDigitConfidence},
      {"zero şapte doi doi unu doi trei patru cinci şase", kForeignWordConfidence},
  };
  for (const ConfidenceCase& c : cases) {
    const std::vector<Selector> found = Gb().Extract(c.text);
    ASSERT_EQ(found.size(), 1u) << c.text;
    EXPECT_DOUBLE_EQ(found[0].confidence, c.confidence) << c.text;
  }
}

// Every drama range written in each style a tool-dodging advert uses.
TEST(PhoneDeobfuscatorTest, EveryStyleForSeveralRanges) {
  const char* const kWords[] = {"zero", "one", "two",   "three", "four",
                                "five", "six", "seven", "eight", "nine"};
  const std::pair<std::string, std::string> numbers[] = {
      {"07700900456", "+447700900456"}, {"01134960789", "+441134960789"},
      {"01614960012", "+441614960012"}, {"02079460345", "+442079460345"},
      {"01632960901", "+441632960901"}, {"01214960555", "+441214960555"},
  };
  for (const auto& [digits, e164] : numbers) {
    std::string words, fenced, spaced, dashed, barred, letters;
    for (size_t i = 0; i < digits.size(); ++i) {
      const int d = digits[i] - '0';
      words += (i ? " " : "") + std::string(kWords[d]);
      fenced += "[" + std::string(1, digits[i]) + "]";
      spaced += (i ? " " : "") + std::string(1, digits[i]);
      dashed += (i ? "-" : "") + std::string(1, digits[i]);
      barred += (i == 5 ? "|" : "") + std::string(1, digits[i]);
      letters += digits[i] == '0' ? 'O' : digits[i] == '1' ? 'l' : digits[i];
    }
    ExpectPhones({{words, {e164}},
                  {"Call " + words + " now", {e164}},
                  {fenced, {e164}},
                  {spaced, {e164}},
                  {dashed, {e164}},
                  {barred, {e164}},
                  {letters, {e164}},
                  {"+44 " + digits.substr(1), {e164}},
                  {"0044 (0)" + digits.substr(1), {e164}}});
  }
}

TEST(PhoneDeobfuscatorTest, HostileRunsStayFastAndBounded) {
  const std::string_view units[] = {"one ", "0 ", "[0]",  "oh ", "O7", "double ", "zero seven ",
                                    "0-",   "一", "\xFF", "@",   "+",  "O",       "0.0 "};
  for (std::string_view unit : units) {
    std::string text;
    while (text.size() < (1u << 20)) text += unit;
    const auto start = std::chrono::steady_clock::now();
    std::vector<PhoneCandidate> candidates;
    NewDeobfuscationGenerator()->Generate(text, &candidates);
    EXPECT_LE(candidates.size(), kMaxDeobfuscatedCandidates) << unit;
    const std::vector<Selector> found = Gb().Extract(text);
    EXPECT_TRUE(found.empty()) << unit;
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_LT(seconds, 3.0) << unit;  // ~0.1 s in a release build
  }
}

TEST(PhoneDeobfuscatorTest, ProposesDigitStringsAndLanguageHints) {
  std::vector<PhoneCandidate> out;
  const std::string_view text = "zero şapte doi doi unu doi trei patru cinci şase";
  NewDeobfuscationGenerator()->Generate(text, &out);
  ASSERT_FALSE(out.empty());
  EXPECT_EQ(out[0].begin, 0u);
  EXPECT_EQ(out.back().end, text.size());
  bool whole = false;
  for (const PhoneCandidate& c : out) {
    if (c.begin == 0 && c.end == text.size()) {
      whole = true;
      EXPECT_EQ(c.region_hint, "RO");
      EXPECT_EQ(c.number, "0 7 2 2 1 2 3 4 5 6");
    }
  }
  EXPECT_TRUE(whole);
}

}  // namespace
}  // namespace harrier::extractors
