// Whether a digit string read from text is an acceptable phone number, and
// its E.164 form: libphonenumber validity, or an Ofcom drama range (which
// libphonenumber calls invalid); national numbers in the default region
// first, then in regions the text cues. Also the geocoder's area.
// Thread-safety: const methods are safe from many threads; the verdict cache
// shared by all calls is locked.
#ifndef HARRIER_EXTRACTORS_PHONE_VALIDATOR_H_
#define HARRIER_EXTRACTORS_PHONE_VALIDATOR_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace harrier::extractors {

// Whether +<country_code> <nsn> is in one of Ofcom's ranges reserved for
// drama (never allocated to a subscriber), e.g. 44 7700900123.
bool IsOfcomDramaNumber(int country_code, std::string_view national_number);

// Confidence cap for a number read in a region the text only cued.
inline constexpr double kCuedRegionConfidence = 0.8;

class PhoneValidator {
 public:
  // `region`: the default region (ISO 3166, e.g. "GB").
  PhoneValidator(std::string region, bool accept_drama_ranges);
  ~PhoneValidator();

  // E.164 of `digits` (ASCII digits only) read as written: with a leading
  // '+' when `plus`, "00" + country code, "44" + national number, or a
  // national number with the trunk prefix ("07700900123"). nullopt when it
  // is not acceptable in the default region.
  std::optional<std::string> Validate(bool plus, std::string_view digits) const;

  // E.164 of national-format `digits` valid in `region` (written with the
  // region's trunk prefix, or without it where the region has none or the
  // number is a mobile, as "138 0013 8000" in China).
  std::optional<std::string> ValidateInRegion(std::string_view digits,
                                              const std::string& region) const;

  // The geocoder's area for an E.164 number, in English: the town of a
  // geographic number ("Leeds"), else the country ("United Kingdom"); empty
  // when it does not parse. Drama numbers get their range's area.
  std::string DescribeArea(std::string_view e164) const;

  const std::string& region() const { return region_; }
  const std::string& trunk_prefix() const { return trunk_prefix_; }
  bool accept_drama_ranges() const { return accept_drama_ranges_; }

 private:
  struct Cache;
  std::optional<std::string> ValidateUk(std::string_view nsn) const;
  std::optional<std::string> ValidateInternational(std::string_view digits) const;
  std::string LookUpArea(std::string_view e164) const;
  std::optional<std::string> Cached(const std::string& key, bool* found) const;
  void Remember(const std::string& key, const std::optional<std::string>& verdict) const;

  std::string region_;
  int country_code_ = 0;
  std::string trunk_prefix_;
  bool accept_drama_ranges_;
  std::unique_ptr<Cache> cache_;
};

}  // namespace harrier::extractors

#endif  // HARRIER_EXTRACTORS_PHONE_VALIDATOR_H_
