// Phone numbers in advert text: candidates from PhoneCandidateGenerators,
// accepted when libphonenumber calls them valid or, optionally, when they sit
// in an Ofcom drama range (which libphonenumber calls invalid). Values are
// E.164. Thread-safety: immutable after construction; const methods are safe
// from many threads.
#ifndef HARRIER_EXTRACTORS_PHONE_EXTRACTOR_H_
#define HARRIER_EXTRACTORS_PHONE_EXTRACTOR_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/selector.h"
#include "extractors/phone_candidates.h"

namespace harrier::extractors {

// Whether +<country_code> <nsn> is in one of Ofcom's ranges reserved for
// drama (never allocated to a subscriber), e.g. 44 7700900123.
bool IsOfcomDramaNumber(int country_code, std::string_view national_number);

class PhoneExtractor {
 public:
  static constexpr size_t kMaxDistinctCandidates = 5000;

  // Uses the libphonenumber matcher and the digit-group scan for `region`
  // (ISO 3166 code, e.g. "GB").
  PhoneExtractor(std::string region, bool accept_drama_ranges);
  PhoneExtractor(std::string region, bool accept_drama_ranges,
                 std::vector<std::shared_ptr<const PhoneCandidateGenerator>> generators);

  // Accepted phone numbers in `text`, ordered by position, overlaps resolved
  // in favour of the longer span. Snippets are left empty. At most
  // kMaxDistinctCandidates different candidate numbers are parsed per call
  // (a guard against pages of digits); candidates past that are dropped.
  std::vector<Selector> Extract(std::string_view text) const;

  // E.164 for one typed number ("07700 900 123", "447700900123"); nullopt if
  // it has characters other than digits and phone punctuation or is not an
  // acceptable number.
  std::optional<std::string> Normalize(std::string_view input) const;

 private:
  using ValidationCache = std::unordered_map<std::string, std::optional<std::string>>;

  // The E.164 value of a candidate that is not a decoy in `text` and parses
  // to an acceptable number; `cache` holds this call's verdicts by number.
  std::optional<std::string> Accept(std::string_view text, const PhoneCandidate& candidate,
                                    ValidationCache* cache) const;
  std::optional<std::string> Validate(const std::string& number, bool require_trunk_prefix) const;

  std::string region_;
  bool accept_drama_ranges_;
  std::vector<std::shared_ptr<const PhoneCandidateGenerator>> generators_;
};

}  // namespace harrier::extractors

#endif  // HARRIER_EXTRACTORS_PHONE_EXTRACTOR_H_
