// End-to-end tables for the harder ways adverts hide a number: split over
// lines or HTML blocks (as the normalizer leaves them: '\n' per block tag),
// spoken groups, homophones, doubled fences, look-alike letters, missing
// trunk prefixes with an instruction, messenger links, labelled references.
// Numbers are Ofcom drama numbers or plainly invented foreign ones.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "extractors/phone_extractor.h"
#include "extractors/phone_test_util.h"

namespace harrier::extractors {
namespace {

using testing::ExpectPhones;
using testing::Gb;
using testing::PhoneCase;

using V = std::vector<std::string>;
const V kNone = {};

TEST(PhoneObfuscationTest, JoinsDigitGroupsStackedOneToALine) {
  ExpectPhones({
      // <div>0161</div><div>496</div><div>0582</div>
      {"ring me\n\n0161\n\n496\n\n0582\n\nthanks", {"+441614960582"}},
      // <td>07700</td><td>900</td><td>861</td>
      {"\n07700\n\n900\n\n861\n", {"+447700900861"}},
      {"\n\n077\n\n009\n\n008\n\n61\n\n", {"+447700900861"}},
      {"07700\n900\n517", {"+447700900517"}},
      {"07700 \n \n 900 \n \n 517", {"+447700900517"}},
      // <p>07700</p><p>900 346</p>: a line of two groups.
      {"\n07700\n\n900 346\n\nAge 30", {"+447700900346"}},
      // one digit per <li>
      {"\n0\n\n7\n\n7\n\n0\n\n0\n\n9\n\n0\n\n0\n\n3\n\n4\n\n6\n", {"+447700900346"}},
  });
}

TEST(PhoneObfuscationTest, StackedLinesOfSeparateNumbersStaySeparate) {
  ExpectPhones({
      // Two numbers in a column stay two numbers.
      {"\n07700 900517\n\n07700 900346\n", {"+447700900517", "+447700900346"}},
      {"\n07700900517\n\n07700900346\n", {"+447700900517", "+447700900346"}},
      // Prices, times, dates, ages stacked in cells.
      {"\n\xC2\xA3"
       "070\n\n\xC2\xA3"
       "090\n\n\xC2\xA3"
       "0150\n",
       kNone},
      {"\n09:00\n\n17:00\n\n21:30\n", kNone},
      {"\n01/04\n\n02/05\n\n2026\n", kNone},
      {"\nAge\n\n24\n\nHeight\n\n165\n\nDress\n\n08\n", kNone},
      // Lines with words are not parts of a stacked number.
      {"07700 900\n\nflat\n\n517", kNone},
      {"\n07700 900517\n\nAge\n\n23\n", {"+447700900517"}},
      {"\n0161\n\nroom\n\n496\n\n0582\n", kNone},
  });
}

TEST(PhoneObfuscationTest, JoinsNumberWordsSplitOverBlocks) {
  ExpectPhones({
      {"\nzero seven seven zero zero\n\nnine zero zero\n\nfive one seven\n", {"+447700900517"}},
      {"oh one six one\n\nfour nine six\n\nzero five eight two", {"+441614960582"}},
  });
}

TEST(PhoneObfuscationTest, ReadsDoubledAndSymbolFences) {
  ExpectPhones({
      {"((07))((700))((900))((517))", {"+447700900517"}},
      {"[[07700]] [[900]] [[346]]", {"+447700900346"}},
      {"{{0161}}{{496}}{{0582}}", {"+441614960582"}},
      {"0=7=7=0=0=9=0=0=5=1=7", {"+447700900517"}},
      {"0_1_6_1_4_9_6_0_5_8_2", {"+441614960582"}},
      {"0~7~7~0~0~9~0~0~3~4~6", {"+447700900346"}},
      {"0\xE2\x80\xA2"
       "7\xE2\x80\xA2"
       "7\xE2\x80\xA2"
       "0\xE2\x80\xA2"
       "0\xE2\x80\xA2"
       "9\xE2\x80\xA2"
       "0\xE2\x80\xA2"
       "0\xE2\x80\xA2"
       "5\xE2\x80\xA2"
       "1\xE2\x80\xA2"
       "7",
       {"+447700900517"}},
      {"0*7*7*0*0*9*0*0*3*4*6", {"+447700900346"}},
      {"0/7/7/0/0/9/0/0/5/1/7", {"+447700900517"}},
      // Masks and equations stay what they are.
      {"07700 9** ***", kNone},
      {"07700 ***346", kNone},
      {"x=07, y=700, z=900", kNone},
  });
}

TEST(PhoneObfuscationTest, ReadsLookAlikeLettersInEveryGroup) {
  ExpectPhones({
      {"0770O 9OO 5l7", {"+447700900517"}},
      {"0l6l 496 O582", {"+441614960582"}},
      {"O77OO 9OO 346", {"+447700900346"}},
      {"O77OO 9OO 3SS", {"+447700900355"}},
      {"07700 9OO 3|7", {"+447700900317"}},
      {"0ll3 496 O|72", {"+441134960172"}},
      // Bars between groups or in a chain are fences.
      {"07700|900|346", {"+447700900346"}},
      {"0|7|7|0|0|9|0|0|3|4|6", {"+447700900346"}},
      {"a|b 07700 900346", {"+447700900346"}},
      {"07700 9OO SlS", {"+447700900515"}},
      {"0l6l 496 OSSS", {"+441614960555"}},
      // Words stay words.
      {"SOS OIL BOB", kNone},
      {"LOL 100 SOS", kNone},
      {"SOLO 0161 OIL", kNone},
  });
}

TEST(PhoneObfuscationTest, ReadsSpokenGroupsAndHomophones) {
  ExpectPhones({
      {"oh seven seven oh oh, nine hundred, five hundred and seventeen", {"+447700900517"}},
      {"zero seven seven zero zero nine hundred three four six", {"+447700900346"}},
      {"oh seven seven oh oh nine double oh three four six", {"+447700900346"}},
      {"oh one six one four nine six oh triple five", {"+441614960555"}},
      {"zero seven seven zero zero nine zero zero ate one seven", {"+447700900817"}},
      {"zero seven seven zero zero nine zero zero won too for", {"+447700900124"}},
      // Prose with the same words stays prose.
      {"I want to go for a walk at eight", kNone},
      {"I won two of the four games at nine", kNone},
      {"Here from 2026-05-03 to 2026-05-09 only", kNone},
      {"open 07 to 09 and 10 to 12, 01 to 03", kNone},
      {"two hundred and fifty roses for one hour", kNone},
  });
}

TEST(PhoneObfuscationTest, AddsTheTrunkPrefixAnInstructionAsksFor) {
  ExpectPhones({
      {"seven seven zero zero nine zero zero five one seven (add a zero in front)",
       {"+447700900517"}},
      {"7700 900 346 - put 0 first", {"+447700900346"}},
      {"161 496 0582 with +44 in front", {"+441614960582"}},
      {"starts with 0: 7700900517", {"+447700900517"}},
      // No instruction, no guess.
      {"ref 7700 900 346 in front of the shop", kNone},
      {"7700900517", kNone},
  });
}

TEST(PhoneObfuscationTest, MessengerLinksCarryInternationalNumbers) {
  ExpectPhones({
      {"wa.me/40731264805", {"+40731264805"}},
      {"https://wa.me/48601234567?text=hi", {"+48601234567"}},
      {"https://api.whatsapp.com/send?phone=40731264805", {"+40731264805"}},
      {"t.me/+40731264805", {"+40731264805"}},
      {"wa.me/447700900517", {"+447700900517"}},
  });
}

TEST(PhoneObfuscationTest, ReferencesLabelledWithIsAreDecoys) {
  ExpectPhones({
      {"Your order number is 07700900517", kNone},
      {"booking ref is 07700 900346", kNone},
      {"tracking no. is 01614960582", kNone},
      {"Your parcel number is: 07700900517", kNone},
      // A phone cue with "is" is a phone.
      {"my number is 07700900517", {"+447700900517"}},
      {"the order is simple: call 07700 900346", {"+447700900346"}},
  });
}

TEST(PhoneObfuscationTest, DigitRunsEndWhereTheNextLineStartsWithWords) {
  ExpectPhones({
      {"\xF0\x9F\x87\xB7\xF0\x9F\x87\xB4 Suna: 0731 264 805\nsau UK: zero sapte sapte zero zero "
       "noua zero zero cinci unu sapte",
       {"+40731264805", "+447700900517"}},
      {"Romania: 0731 264 805\nsau ring 07700 900346", {"+40731264805", "+447700900346"}},
  });
}

TEST(PhoneObfuscationTest, HostileStackedAndSpokenRunsStayFast) {
  auto repeat = [](std::string_view piece, size_t times) {
    std::string out;
    for (size_t i = 0; i < times; ++i) out += piece;
    return out;
  };
  const std::string inputs[] = {
      repeat("0\n\n", 200000),
      repeat("07700\n \n", 100000),
      repeat("nine hundred and ", 50000),
      repeat("to too for won ate ", 40000),
      repeat("1|9 ", 150000),
      repeat("((0))((7))", 60000),
      repeat("OSSS 0l6l ", 80000),
      repeat("7700 put 0 first ", 40000),
      repeat("zero\n\n", 150000),
      repeat("0=", 300000),
  };
  for (const std::string& input : inputs) {
    const auto start = std::chrono::steady_clock::now();
    (void)Gb().Extract(input);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_LT(seconds, 3.0) << input.substr(0, 20);
  }
}

}  // namespace
}  // namespace harrier::extractors
