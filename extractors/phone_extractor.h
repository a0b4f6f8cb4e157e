// Phone numbers in advert text: candidates from PhoneCandidateGenerators,
// accepted when libphonenumber calls them valid or, optionally, when they sit
// in an Ofcom drama range (which libphonenumber calls invalid). Values are
// E.164; Selector::detail is the area libphonenumber's offline geocoder
// gives ("Leeds", "United Kingdom"). National-format numbers are read in the
// default region first and, when not valid there, in a region the text cues
// (flag emoji, country words, the language of number words).
// Thread-safety: const methods are safe from many threads; copies share
// generators and the validator (whose verdict cache is locked).
#ifndef HARRIER_EXTRACTORS_PHONE_EXTRACTOR_H_
#define HARRIER_EXTRACTORS_PHONE_EXTRACTOR_H_

#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/selector.h"
#include "extractors/phone_candidates.h"
#include "extractors/phone_validator.h"

namespace harrier::extractors {

class PhoneExtractor {
 public:
  static constexpr size_t kMaxDistinctCandidates = 5000;
  static constexpr size_t kMaxCandidates = 20000;

  // Uses the digit-group scan and the de-obfuscation generator for `region`
  // (ISO 3166 code, e.g. "GB"). libphonenumber's matcher is not among them:
  // it found nothing those two miss on advert text and ran at ~2 MB/s.
  PhoneExtractor(std::string region, bool accept_drama_ranges);
  PhoneExtractor(std::string region, bool accept_drama_ranges,
                 std::vector<std::shared_ptr<const PhoneCandidateGenerator>> generators);

  // Accepted phone numbers in `text`, ordered by position, overlaps resolved
  // in favour of the longer span. Snippets are left empty. At most
  // kMaxCandidates proposals are looked at and kMaxDistinctCandidates
  // different numbers validated per call (a guard against pages of digits).
  std::vector<Selector> Extract(std::string_view text) const;

  // E.164 for one typed number ("07700 900 123", "447700900123"); nullopt if
  // it has characters other than digits and phone punctuation or is not an
  // acceptable number.
  std::optional<std::string> Normalize(std::string_view input) const;

  // The geocoder's area for an E.164 number (see PhoneValidator).
  std::string DescribeArea(std::string_view e164) const { return validator_->DescribeArea(e164); }

 private:
  // A candidate that validated, before overlaps are resolved.
  struct Accepted {
    size_t begin = 0;
    size_t end = 0;
    const std::string* value = nullptr;  // E.164, owned by the call's Verdicts
    double confidence = 1.0;
    size_t order = 0;  // proposal order, the tie-break among equal spans
  };
  // Keyed by views: of the candidates' own numbers (alive for the call) or
  // of keys built for instructed and cued readings, kept in `keys` (a deque:
  // its strings never move).
  struct Verdicts {
    std::unordered_map<std::string_view, std::optional<std::string>> map;
    std::deque<std::string> keys;
    // The verdict under `key`, or `verdict` stored under it when it has none.
    std::optional<std::string>& Emplace(std::string key, std::optional<std::string> verdict);
  };

  // A number written without the prefix an instruction beside it asks for
  // ("add a zero in front", "with +44 in front"): accepted with it.
  bool AcceptInstructed(std::string_view text, const PhoneCandidate& candidate, Verdicts* verdicts,
                        std::vector<Accepted>* accepted) const;
  void AcceptCued(std::string_view text, const std::vector<const PhoneCandidate*>& national,
                  Verdicts* verdicts, std::vector<Accepted>* accepted) const;

  std::vector<std::shared_ptr<const PhoneCandidateGenerator>> generators_;
  std::shared_ptr<const PhoneValidator> validator_;
};

}  // namespace harrier::extractors

#endif  // HARRIER_EXTRACTORS_PHONE_EXTRACTOR_H_
