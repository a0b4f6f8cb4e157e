#include "extractors/phone_validator.h"

#include <gtest/gtest.h>

#include <string>

namespace harrier::extractors {
namespace {

const PhoneValidator& Gb() {
  static const PhoneValidator* validator = new PhoneValidator("GB", true);
  return *validator;
}

struct ValidateCase {
  bool plus;
  std::string_view digits;
  std::optional<std::string> e164;
};

TEST(PhoneValidatorTest, ReadsEveryWayOfWritingAUkNumber) {
  const ValidateCase cases[] = {
      {false, "07700900123", "+447700900123"},
      {true, "447700900123", "+447700900123"},
      {true, "4407700900123", "+447700900123"},  // +44 (0)7700 ...
      {false, "00447700900123", "+447700900123"},
      {false, "004407700900123", "+447700900123"},
      {false, "447700900123", "+447700900123"},
      {false, "01134960123", "+441134960123"},
      {false, "02079460999", "+442079460999"},
      {false, "01632960000", "+441632960000"},
      {false, "08081570123", "+448081570123"},
      {true, "12025550123", "+12025550123"},
      {true, "40722123456", "+40722123456"},
      {false, "0040722123456", "+40722123456"},
      // Not acceptable.
      {false, "7700900123", std::nullopt},    // no trunk prefix
      {false, "0770090012", std::nullopt},    // one short
      {false, "077009001234", std::nullopt},  // one long
      {false, "07700901000", std::nullopt},   // just past the drama range
      {false, "00000000000", std::nullopt},
      {false, "0722123456", std::nullopt},  // Romanian, not GB
      {true, "0447700900123", std::nullopt},
      {false, "", std::nullopt},
      {true, "999", std::nullopt},
      {false, "999", std::nullopt},
  };
  for (const ValidateCase& c : cases) {
    EXPECT_EQ(Gb().Validate(c.plus, c.digits), c.e164) << c.plus << " " << c.digits;
  }
}

TEST(PhoneValidatorTest, DramaRangesNeedTheirFlag) {
  const PhoneValidator strict("GB", /*accept_drama_ranges=*/false);
  EXPECT_EQ(strict.Validate(false, "07700900123"), std::nullopt);
  EXPECT_EQ(strict.Validate(false, "01632960123"), std::nullopt);
  // 0113 496 0xxx is also a valid Leeds number in the metadata.
  EXPECT_EQ(strict.Validate(false, "01134960123"), "+441134960123");
}

TEST(PhoneValidatorTest, DramaRangesHaveExactBounds) {
  EXPECT_TRUE(IsOfcomDramaNumber(44, "7700900000"));
  EXPECT_TRUE(IsOfcomDramaNumber(44, "7700900999"));
  EXPECT_FALSE(IsOfcomDramaNumber(44, "7700901000"));
  EXPECT_FALSE(IsOfcomDramaNumber(44, "7700899999"));
  EXPECT_FALSE(IsOfcomDramaNumber(44, "770090012"));
  EXPECT_FALSE(IsOfcomDramaNumber(1, "7700900123"));
  EXPECT_FALSE(IsOfcomDramaNumber(44, "77009001x3"));
}

struct RegionCase {
  std::string_view digits;
  std::string region;
  std::optional<std::string> e164;
};

TEST(PhoneValidatorTest, ReadsNationalNumbersInACuedRegion) {
  // Invented numbers that libphonenumber's metadata calls valid.
  const RegionCase cases[] = {
      {"0722123456", "RO", "+40722123456"},    {"0212345678", "RO", "+40212345678"},
      {"512345678", "PL", "+48512345678"},     {"06201234567", "HU", "+36201234567"},
      {"0691234567", "AL", "+355691234567"},   {"0912345678", "VN", "+84912345678"},
      {"13800138000", "CN", "+8613800138000"},  // mobile, written without the trunk 0
      {"0888123456", "BG", "+359888123456"},   {"0891234567", "TH", "+66891234567"},
      {"722123456", "RO", "+40722123456"},  // a mobile without its trunk 0 still reads
      {"212345678", "RO", std::nullopt},    // a landline without it does not
      {"0722123456", "PL", std::nullopt},      {"123", "RO", std::nullopt},
      {"07700900123", "RO", std::nullopt},
  };
  for (const RegionCase& c : cases) {
    EXPECT_EQ(Gb().ValidateInRegion(c.digits, c.region), c.e164) << c.region << " " << c.digits;
  }
}

TEST(PhoneValidatorTest, DescribesTheAreaFromTheGeocoder) {
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"+441134960123", "Leeds"},
      {"+441614960999", "Manchester"},
      {"+442079460123", "London"},
      {"+441214960123", "Birmingham"},
      {"+447700900123", "United Kingdom"},  // mobile: the country
      {"+441632960123", "United Kingdom"},  // drama range with no area
      {"+40722123456", "Romania"},
      {"+48512345678", "Poland"},
      {"+12025550123", "Washington D.C."},
      {"+8613800138000", "Beijing"},
      {"not a number", ""},
      {"+", ""},
      {"+44", ""},
  };
  for (const auto& [e164, area] : cases) {
    EXPECT_EQ(Gb().DescribeArea(e164), area) << e164;
  }
}

}  // namespace
}  // namespace harrier::extractors
