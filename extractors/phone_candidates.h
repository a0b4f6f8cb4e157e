// Phone candidate generators: each proposes spans of text that may hold a
// phone number, with the string to hand to the parser. They never validate;
// PhoneExtractor parses, checks and de-duplicates what they propose, so a
// de-obfuscation pass (number words, letters for digits, ...) is one more
// generator and leaves validation alone.
// Thread-safety: generators are immutable; Generate is const and reentrant.
#ifndef HARRIER_EXTRACTORS_PHONE_CANDIDATES_H_
#define HARRIER_EXTRACTORS_PHONE_CANDIDATES_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace harrier::extractors {

struct PhoneCandidate {
  size_t begin = 0;  // byte span in the text; becomes Selector::raw
  size_t end = 0;
  // What the parser sees: digits and phone punctuation, never the letters
  // around a number (libphonenumber would read "and" as vanity digits 263).
  std::string number;
  double confidence = 1.0;  // lower when the generator had to guess more
  // A region (ISO 3166) the generator read from the text itself, e.g. "RO"
  // for Romanian number words; tried for national-format numbers that are
  // not valid in the default region. Empty when there is none.
  std::string region_hint;
};

class PhoneCandidateGenerator {
 public:
  virtual ~PhoneCandidateGenerator() = default;

  // Appends candidates found in `text` to `out`; may propose overlapping or
  // invalid spans.
  virtual void Generate(std::string_view text, std::vector<PhoneCandidate>* out) const = 0;
};

// libphonenumber's PhoneNumberMatcher for `region` at leniency POSSIBLE: the
// drama ranges are possible but not valid, so a stricter leniency drops them.
std::shared_ptr<const PhoneCandidateGenerator> NewLibphonenumberGenerator(std::string region);

// Runs of ASCII digit groups joined by light separators (spaces, dots,
// dashes, brackets, at most one line break; several line breaks only
// between lines that hold digits alone, as "<td>07700</td><td>900</td>"
// leaves them) that start with '0' or '+' (or follow "wa.me/" or
// "send?phone=", whose numbers are international without the '+').
// Proposes every run of whole groups of 9-17 digits; catches numbers split
// across a line break and numbers written back to back, which the matcher
// merges or cuts.
// Stops after about kMaxDigitGroupCandidates proposals (a page of "0 0 0 ...").
std::shared_ptr<const PhoneCandidateGenerator> NewDigitGroupGenerator();
inline constexpr size_t kMaxDigitGroupCandidates = 8192;

// Confidence of a digit-group candidate that spans a line break.
inline constexpr double kLineBreakConfidence = 0.8;

}  // namespace harrier::extractors

#endif  // HARRIER_EXTRACTORS_PHONE_CANDIDATES_H_
