#include "extractors/phone_extractor.h"

#include <algorithm>
#include <array>
#include <map>
#include <unordered_map>
#include <utility>

#include "extractors/phone_country_cues.h"
#include "extractors/phone_decoys.h"
#include "extractors/phone_deobfuscator.h"
#include "extractors/phone_prefix_cues.h"
#include "extractors/utf8.h"

namespace harrier::extractors {
namespace {

// National significant numbers with their trunk prefix, in the countries
// a text may cue: 8 (Scandinavia) to 12 (HU "06 20 123 4567" is 11).
constexpr size_t kMinNationalDigits = 8;
constexpr size_t kMaxNationalDigits = 12;
// A number missing its prefix has at least this many digits left.
constexpr size_t kMinInstructedDigits = 7;
// Candidates whose storage a thread keeps between calls.
constexpr size_t kKeptCandidateCapacity = 1024;

// A candidate's number as the validator takes it: '+' or not, digits only.
struct Digits {
  bool plus = false;
  std::string digits;
};

Digits ToDigits(std::string_view number) {
  Digits d;
  for (char c : number) {
    if (IsAsciiDigit(c)) {
      d.digits += c;
    } else if (c == '+' && d.digits.empty()) {
      d.plus = true;
    }
  }
  return d;
}

bool IsPhonePunctuation(char32_t c) {
  return c == '+' || c == '(' || c == ')' || c == '-' || c == '.' || c == '/' || IsSpace(c) ||
         (c >= 0x2010 && c <= 0x2015);
}

// Keeps the longest of overlapping spans; among equals the first proposed
// (earlier generator, then earlier candidate) wins, so the digit-group
// scan's bracketed raw is kept. Returns them ordered by position. Chosen
// spans never overlap, so a map by begin finds a clash in O(log n).
// (A template: PhoneExtractor::Accepted is private.)
template <typename Accepted>
std::vector<Accepted> ResolveOverlaps(std::vector<Accepted> accepted) {
  std::sort(accepted.begin(), accepted.end(), [](const Accepted& a, const Accepted& b) {
    if (a.end - a.begin != b.end - b.begin) return a.end - a.begin > b.end - b.begin;
    return a.order < b.order;
  });
  std::map<size_t, size_t> taken;  // begin -> end of chosen spans
  std::vector<Accepted> chosen;
  for (const Accepted& a : accepted) {
    auto next = taken.lower_bound(a.begin);
    if (next != taken.end() && next->first < a.end) continue;
    if (next != taken.begin() && std::prev(next)->second > a.begin) continue;
    taken.emplace(a.begin, a.end);
    chosen.push_back(a);
  }
  std::sort(chosen.begin(), chosen.end(),
            [](const Accepted& a, const Accepted& b) { return a.begin < b.begin; });
  return chosen;
}

// Whether a number not valid in the default region may be a foreign
// national number: no '+' or "00", 8-12 digits.
bool MayBeForeignNational(std::string_view number) {
  size_t digits = 0;
  for (char c : number) digits += IsAsciiDigit(c) ? 1 : 0;
  const size_t first = number.find_first_not_of(' ');
  if (first == std::string_view::npos || number[first] == '+') return false;
  if (number.substr(first, 2) == "00") return false;
  return digits >= kMinNationalDigits && digits <= kMaxNationalDigits;
}

// The fewest and most digits any acceptable number can have as written:
// "+" 7-15, "00" + 7-15, national 6-15 (with a cue).
bool PlausibleLength(const Digits& d) {
  const size_t n = d.digits.size();
  if (d.plus) return n >= 7 && n <= 15;
  if (d.digits.rfind("00", 0) == 0) return n >= 9 && n <= 17;
  return n >= 6 && n <= 15;
}

// A '+' within kPrefixCueWindow bytes of text[begin, end).
bool HasPlusNear(std::string_view text, size_t begin, size_t end) {
  const size_t from = begin > kPrefixCueWindow ? begin - kPrefixCueWindow : 0;
  const size_t to = std::min(text.size(), end + kPrefixCueWindow);
  return text.substr(from, begin - from).find('+') != std::string_view::npos ||
         text.substr(end, to - end).find('+') != std::string_view::npos;
}

}  // namespace

PhoneExtractor::PhoneExtractor(std::string region, bool accept_drama_ranges)
    : PhoneExtractor(region, accept_drama_ranges,
                     {NewDigitGroupGenerator(), NewDeobfuscationGenerator()}) {}

PhoneExtractor::PhoneExtractor(
    std::string region, bool accept_drama_ranges,
    std::vector<std::shared_ptr<const PhoneCandidateGenerator>> generators)
    : generators_(std::move(generators)),
      validator_(std::make_shared<PhoneValidator>(std::move(region), accept_drama_ranges)) {}

std::vector<Selector> PhoneExtractor::Extract(std::string_view text) const {
  // Reused across calls on this thread (its strings' and its own capacity):
  // the daemon calls once per advert. Extract does not re-enter itself.
  thread_local std::vector<PhoneCandidate> candidates;
  candidates.clear();
  // A hostile page's thousands of candidates are not kept for the thread's
  // lifetime: released when the call ends.
  struct Release {
    std::vector<PhoneCandidate>& v;
    ~Release() {
      if (v.capacity() > kKeptCandidateCapacity) std::vector<PhoneCandidate>().swap(v);
    }
  } release{candidates};
  for (const auto& generator : generators_) {
    generator->Generate(text, &candidates);
    if (candidates.size() >= kMaxCandidates) break;
  }
  if (candidates.size() > kMaxCandidates) candidates.resize(kMaxCandidates);

  // Per call, so a page repeating one number validates it once; keyed by
  // the candidate's number as proposed. Nodes are stable: Accepted points
  // into them.
  Verdicts verdicts;
  verdicts.map.reserve(64);
  std::vector<const PhoneCandidate*> national;  // not valid in the default region
  std::vector<Accepted> accepted;
  for (const PhoneCandidate& candidate : candidates) {
    if (candidate.begin >= candidate.end || candidate.end > text.size()) continue;
    auto it = verdicts.map.find(candidate.number);
    if (it == verdicts.map.end()) {
      if (verdicts.map.size() >= kMaxDistinctCandidates) continue;
      const Digits d = ToDigits(candidate.number);
      std::optional<std::string> verdict;
      if (PlausibleLength(d)) verdict = validator_->Validate(d.plus, d.digits);
      it = verdicts.map.emplace(candidate.number, std::move(verdict)).first;
    }
    // Decoy context is checked only for what would otherwise count.
    if (it->second) {
      if (!IsPhoneDecoy(text, candidate.begin, candidate.end)) {
        accepted.push_back(
            {candidate.begin, candidate.end, &*it->second, candidate.confidence, accepted.size()});
      }
    } else if (AcceptInstructed(text, candidate, &verdicts, &accepted)) {
      continue;
    } else if (MayBeForeignNational(candidate.number) &&
               !IsPhoneDecoy(text, candidate.begin, candidate.end)) {
      national.push_back(&candidate);
    }
  }
  AcceptCued(text, national, &verdicts, &accepted);

  const std::vector<Accepted> resolved = ResolveOverlaps(std::move(accepted));
  std::vector<Selector> chosen;
  chosen.reserve(resolved.size());
  std::unordered_map<std::string_view, std::string> areas;
  for (const Accepted& a : resolved) {
    auto area = areas.find(*a.value);
    if (area == areas.end()) area = areas.emplace(*a.value, DescribeArea(*a.value)).first;
    Selector selector;
    selector.kind = SelectorKind::kPhone;
    selector.value = *a.value;
    selector.raw = std::string(text.substr(a.begin, a.end - a.begin));
    selector.begin = a.begin;
    selector.end = a.end;
    selector.confidence = a.confidence;
    selector.detail = area->second;
    chosen.push_back(std::move(selector));
  }
  return chosen;
}

std::optional<std::string>& PhoneExtractor::Verdicts::Emplace(std::string key,
                                                              std::optional<std::string> verdict) {
  auto it = map.find(key);
  if (it == map.end()) {
    keys.push_back(std::move(key));
    it = map.emplace(keys.back(), std::move(verdict)).first;
  }
  return it->second;
}

bool PhoneExtractor::AcceptInstructed(std::string_view text, const PhoneCandidate& candidate,
                                      Verdicts* verdicts, std::vector<Accepted>* accepted) const {
  const std::string& number = candidate.number;
  if (number.empty() || number[0] == '0' || number[0] == '+') return false;
  const Digits d = ToDigits(number);
  if (d.plus || d.digits.size() < kMinInstructedDigits || d.digits.size() > kMaxNationalDigits ||
      d.digits[0] == '0') {
    return false;
  }
  // Validity first (cached and cheap): most such candidates are neither a
  // national number missing its trunk prefix nor near a written '+'.
  std::optional<std::string> with_trunk =
      validator_->Validate(false, validator_->trunk_prefix() + d.digits);
  if (!with_trunk && !HasPlusNear(text, candidate.begin, candidate.end)) return false;
  const std::string prefix = PrefixInstructionNear(text, candidate.begin, candidate.end);
  if (prefix.empty()) return false;
  std::optional<std::string> e164 = prefix[0] == '+'
                                        ? validator_->Validate(true, prefix.substr(1) + d.digits)
                                    : prefix == validator_->trunk_prefix() ? with_trunk
                                                                           : std::nullopt;
  if (!e164 || IsPhoneDecoy(text, candidate.begin, candidate.end)) return false;
  std::optional<std::string>& verdict = verdicts->Emplace(prefix + ":" + d.digits, std::move(e164));
  accepted->push_back({candidate.begin, candidate.end, &*verdict,
                       std::min(candidate.confidence, kInstructedPrefixConfidence),
                       accepted->size()});
  return true;
}

// National-format numbers not valid in the default region, read in the
// regions the text cues: the candidate's own hint (the language of its
// number words) first, then flags and country words.
void PhoneExtractor::AcceptCued(std::string_view text,
                                const std::vector<const PhoneCandidate*>& national,
                                Verdicts* verdicts, std::vector<Accepted>* accepted) const {
  if (national.empty()) return;
  // GB stays first: a span that overlaps a number valid in the default
  // region is not read again as a foreign one (and the text is only scanned
  // for cues when something is left).
  std::map<size_t, size_t> taken;
  for (const Accepted& a : *accepted) {
    auto [it, inserted] = taken.emplace(a.begin, a.end);
    if (!inserted) it->second = std::max(it->second, a.end);
  }
  auto overlaps_accepted = [&](const PhoneCandidate* c) {
    auto next = taken.lower_bound(c->begin);
    if (next != taken.end() && next->first < c->end) return true;
    return next != taken.begin() && std::prev(next)->second > c->begin;
  };
  std::vector<const PhoneCandidate*> left;
  for (const PhoneCandidate* c : national) {
    if (!overlaps_accepted(c)) left.push_back(c);
  }
  if (left.empty()) return;
  const std::vector<std::string> cues = FindCountryCues(text);
  size_t tries = 0;
  for (const PhoneCandidate* candidate : left) {
    // The hint and at most kMaxCountryCues cues: a fixed array, no allocation.
    std::array<const std::string*, kMaxCountryCues + 1> regions{};
    size_t region_count = 0;
    if (!candidate->region_hint.empty()) regions[region_count++] = &candidate->region_hint;
    for (const std::string& cue : cues) {
      if (cue != candidate->region_hint && region_count < regions.size()) {
        regions[region_count++] = &cue;
      }
    }
    const Digits d = ToDigits(candidate->number);
    for (size_t r = 0; r < region_count; ++r) {
      const std::string& region = *regions[r];
      if (region == validator_->region() || ++tries > kMaxDistinctCandidates) continue;
      std::optional<std::string> e164 = validator_->ValidateInRegion(d.digits, region);
      if (!e164) continue;
      std::optional<std::string>& verdict =
          verdicts->Emplace(region + ":" + d.digits, std::move(e164));
      accepted->push_back({candidate->begin, candidate->end, &*verdict,
                           std::min(candidate->confidence, kCuedRegionConfidence),
                           accepted->size()});
      break;
    }
  }
}

std::optional<std::string> PhoneExtractor::Normalize(std::string_view input) const {
  const std::string_view trimmed = TrimSpace(input);
  // Keep digits and '+'; every other allowed character becomes a space so
  // that "+44 (0)7700 900123" and "07700\n900123" both parse.
  std::string number;
  bool has_digit = false;
  for (size_t pos = 0, length = 0; pos < trimmed.size(); pos += length) {
    const char32_t c = CodePointAt(trimmed, pos, &length);
    if (c >= '0' && c <= '9') {
      number += static_cast<char>(c);
      has_digit = true;
    } else if (c == '+') {
      number += '+';
    } else if (IsPhonePunctuation(c)) {
      number += ' ';
    } else {
      return std::nullopt;
    }
  }
  if (!has_digit) return std::nullopt;
  const Digits d = ToDigits(number);
  if (std::optional<std::string> e164 = validator_->Validate(d.plus, d.digits)) return e164;
  // A typed national number may leave the trunk prefix off: "7700900123".
  const std::string& trunk = validator_->trunk_prefix();
  if (d.plus || trunk.empty() || d.digits.rfind(trunk, 0) == 0) return std::nullopt;
  return validator_->Validate(false, trunk + d.digits);
}

}  // namespace harrier::extractors
