#include "extractors/phone_country_cues.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace harrier::extractors {
namespace {

struct CueCase {
  std::string_view text;
  std::vector<std::string> regions;
};

TEST(PhoneCountryCuesTest, FindsFlagsWordsAndCountryCodes) {
  const CueCase cases[] = {
      {"\xF0\x9F\x87\xB7\xF0\x9F\x87\xB4 new girl", {"RO"}},  // RO flag
      {"\xF0\x9F\x87\xB5\xF0\x9F\x87\xB1", {"PL"}},           // PL
      {"\xF0\x9F\x87\xAD\xF0\x9F\x87\xBA", {"HU"}},           // HU
      {"\xF0\x9F\x87\xA6\xF0\x9F\x87\xB1", {"AL"}},           // AL
      {"\xF0\x9F\x87\xBB\xF0\x9F\x87\xB3", {"VN"}},           // VN
      {"\xF0\x9F\x87\xA8\xF0\x9F\x87\xB3", {"CN"}},           // CN
      {"\xF0\x9F\x87\xA7\xF0\x9F\x87\xAC", {"BG"}},           // BG
      {"\xF0\x9F\x87\xB1\xF0\x9F\x87\xB9", {"LT"}},           // LT
      {"\xF0\x9F\x87\xBA\xF0\x9F\x87\xA6", {"UA"}},           // UA
      {"\xF0\x9F\x87\xB9\xF0\x9F\x87\xAD", {"TH"}},           // TH
      {"\xF0\x9F\x87\xA7\xF0\x9F\x87\xB7", {"BR"}},           // BR
      {"\xF0\x9F\x87\xAA\xF0\x9F\x87\xB8", {"ES"}},           // ES
      {"\xF0\x9F\x87\xAE\xF0\x9F\x87\xB9", {"IT"}},           // IT
      {"\xF0\x9F\x87\xAB\xF0\x9F\x87\xB7", {"FR"}},           // FR
      {"\xF0\x9F\x87\xAC\xF0\x9F\x87\xA7 only", {}},          // GB is the default anyway
      {"\xF0\x9F\x87\xB7\xF0\x9F\x87\xB4\xF0\x9F\x87\xB5\xF0\x9F\x87\xB1", {"RO", "PL"}},
      {"număr din România", {"RO"}},
      {"numar din Romania", {"RO"}},
      {"Romanian number", {"RO"}},
      {"numer z Polski", {"PL"}},
      {"Polish girl", {"PL"}},
      {"magyar szám", {"HU"}},
      {"Hungarian lady", {"HU"}},
      {"Albanian", {"AL"}},
      {"Vietnamese", {"VN"}},
      {"PL number", {"PL"}},
      {"RO sim", {"RO"}},
      {"+40 network", {"RO"}},
      {"(+48) only", {"PL"}},
      {"ROMANIA", {"RO"}},
      {"dziewczyna z Polsce", {"PL"}},
      {"polskiego numeru", {"PL"}},
      {"magyarországi szám", {"HU"}},
      {"ukrainka", {"UA"}},
      {"中国号码", {"CN"}},
      {"Thai massage", {}},     // an advert category, not a country cue
      {"+40 722 123 456", {}},  // a number, not a cue
      {"Romantic evening", {}},
      {"PL", {}},
      {"", {}},
  };
  for (const CueCase& c : cases) {
    EXPECT_EQ(FindCountryCues(c.text), c.regions) << c.text;
  }
}

TEST(PhoneCountryCuesTest, KeepsFirstAppearanceOrderWithoutDuplicatesAndCaps) {
  EXPECT_EQ(FindCountryCues("Polish and Romanian, Polska, România"),
            (std::vector<std::string>{"PL", "RO"}));
  const std::vector<std::string> many =
      FindCountryCues("Poland Romania Hungary Albania Vietnam China Brazil");
  EXPECT_EQ(many.size(), kMaxCountryCues);
  EXPECT_EQ(many[0], "PL");
}

TEST(PhoneCountryCuesTest, IgnoresBrokenFlagBytes) {
  EXPECT_TRUE(FindCountryCues("\xF0\x9F\x87").empty());
  EXPECT_TRUE(FindCountryCues("\xF0\x9F\x87\xB7").empty());
  EXPECT_TRUE(FindCountryCues("\xF0\x9F\x87\xB7 \xF0\x9F\x87\xB4").empty());
}

}  // namespace
}  // namespace harrier::extractors
