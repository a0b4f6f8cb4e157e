// A phone candidate generator for numbers written to defeat tools: digits
// and number words in several languages ("oh seven seven", "sevenseven",
// "o7nine", "f0ur", "double 7", "seventy seven", "șapte", "一三八"), letters
// standing for digits inside digit runs ("O77OO 9OO l23", "1|9", Cyrillic
// "О"; a group of look-alikes only, "OSSS", after five real digits),
// fences and odd separators ("[0][7]", "07700|900|123", "0 7 7 . 0 0",
// emoji between digits, doubled fences "((07))((700))", one '=' between
// digits), spoken groups ("nine hundred and ten" = 910), homophones ("ate",
// "to", "for", "won") among at least seven other number words, lines of
// number words separated by blank lines (HTML blocks), and "+"/"plus"
// before a country code. A line of digits ends a run when the next line
// opens with words. It proposes spans and digit strings only;
// PhoneExtractor validates them.
// Thread-safety: immutable; Generate is const and reentrant.
#ifndef HARRIER_EXTRACTORS_PHONE_DEOBFUSCATOR_H_
#define HARRIER_EXTRACTORS_PHONE_DEOBFUSCATOR_H_

#include <cstddef>
#include <memory>

#include "extractors/phone_candidates.h"

namespace harrier::extractors {

// Proposals per Generate call; a page of "0 0 0 0 ..." stops here.
inline constexpr size_t kMaxDeobfuscatedCandidates = 4096;

// Confidence of a candidate, the lowest that applies.
inline constexpr double kFenceConfidence = 0.9;         // "[0][7]", "|", emoji, commas
inline constexpr double kEnglishWordConfidence = 0.85;  // "seven", "double 7"
inline constexpr double kForeignWordConfidence = 0.8;   // "șapte", "siedem", "七"
inline constexpr double kLeetConfidence = 0.8;          // "f0ur", "s3ven"
inline constexpr double kLetterDigitConfidence = 0.75;  // "O77OO", "l23"

std::shared_ptr<const PhoneCandidateGenerator> NewDeobfuscationGenerator();

}  // namespace harrier::extractors

#endif  // HARRIER_EXTRACTORS_PHONE_DEOBFUSCATOR_H_
