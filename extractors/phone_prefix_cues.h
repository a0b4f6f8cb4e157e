// Instructions beside a number written without its prefix: "seven seven
// zero zero ... (add a zero in front)", "7700 900 346 - put 0 first",
// "starts with 0: 7700...", "161 496 0582 with +44 in front". Pure
// functions over a short window around the number; safe from any thread.
#ifndef HARRIER_EXTRACTORS_PHONE_PREFIX_CUES_H_
#define HARRIER_EXTRACTORS_PHONE_PREFIX_CUES_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace harrier::extractors {

// Bytes on each side of a number searched for an instruction.
inline constexpr size_t kPrefixCueWindow = 60;

// Confidence cap for a number read with a prefix an instruction asked for.
inline constexpr double kInstructedPrefixConfidence = 0.75;

// The prefix an instruction within kPrefixCueWindow bytes of text[begin,
// end) asks for: "0" (a zero/"0" word and "front", "first", "start",
// "begin", "add", "put", "prefix" or "before" within three words of it on
// the same side), "+NN" (a written "+NN" country code with such a word), or
// empty when there is none.
std::string PrefixInstructionNear(std::string_view text, size_t begin, size_t end);

}  // namespace harrier::extractors

#endif  // HARRIER_EXTRACTORS_PHONE_PREFIX_CUES_H_
