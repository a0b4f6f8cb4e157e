// Countries an advert's text points at, for reading phone numbers written in
// a foreign national format ("0722 123 456" next to a Romanian flag): flag
// emoji, country and language words ("număr din România", "magyar szám",
// "PL number") and "+40 network". Pure functions, safe from any thread.
#ifndef HARRIER_EXTRACTORS_PHONE_COUNTRY_CUES_H_
#define HARRIER_EXTRACTORS_PHONE_COUNTRY_CUES_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace harrier::extractors {

inline constexpr size_t kMaxCountryCues = 4;

// ISO 3166 region codes cued in `text`, in order of first appearance, without
// duplicates and without GB, at most kMaxCountryCues. Linear in text size.
std::vector<std::string> FindCountryCues(std::string_view text);

}  // namespace harrier::extractors

#endif  // HARRIER_EXTRACTORS_PHONE_COUNTRY_CUES_H_
