#include "extractors/phone_extractor.h"

#include <algorithm>
#include <map>
#include <unordered_map>
#include <utility>

#include "extractors/phone_country_cues.h"
#include "extractors/phone_decoys.h"
#include "extractors/phone_deobfuscator.h"
#include "extractors/utf8.h"

namespace harrier::extractors {
namespace {

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

Selector MakeSelector(std::string_view text, const PhoneCandidate& candidate, std::string value,
                      double confidence) {
  Selector selector;
  selector.kind = SelectorKind::kPhone;
  selector.value = std::move(value);
  selector.raw = std::string(text.substr(candidate.begin, candidate.end - candidate.begin));
  selector.begin = candidate.begin;
  selector.end = candidate.end;
  selector.confidence = confidence;
  return selector;
}

// Keeps the longest of overlapping spans; among equals the first proposed
// (earlier generator, then earlier candidate) wins, so the digit-group
// scan's bracketed raw is kept. Returns them ordered by position. Chosen
// spans never overlap, so a map by begin finds a clash in O(log n).
std::vector<Selector> ResolveOverlaps(std::vector<Selector> accepted) {
  std::stable_sort(accepted.begin(), accepted.end(), [](const Selector& a, const Selector& b) {
    return a.end - a.begin > b.end - b.begin;
  });
  std::map<size_t, size_t> taken;  // begin -> end of chosen spans
  std::vector<Selector> chosen;
  for (Selector& selector : accepted) {
    auto next = taken.lower_bound(selector.begin);
    if (next != taken.end() && next->first < selector.end) continue;
    if (next != taken.begin() && std::prev(next)->second > selector.begin) continue;
    taken.emplace(selector.begin, selector.end);
    chosen.push_back(std::move(selector));
  }
  std::sort(chosen.begin(), chosen.end(),
            [](const Selector& a, const Selector& b) { return a.begin < b.begin; });
  return chosen;
}

// The fewest and most digits any acceptable number can have as written:
// "+" 7-15, "00" + 7-15, national 6-15 (with a cue).
bool PlausibleLength(const Digits& d) {
  const size_t n = d.digits.size();
  if (d.plus) return n >= 7 && n <= 15;
  if (d.digits.rfind("00", 0) == 0) return n >= 9 && n <= 17;
  return n >= 6 && n <= 15;
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
  std::vector<PhoneCandidate> candidates;
  for (const auto& generator : generators_) {
    generator->Generate(text, &candidates);
    if (candidates.size() >= kMaxCandidates) break;
  }
  if (candidates.size() > kMaxCandidates) candidates.resize(kMaxCandidates);

  // Per call, so a page repeating one number validates it once.
  std::unordered_map<std::string, std::optional<std::string>> verdicts;
  std::vector<const PhoneCandidate*> national;  // not valid in the default region
  std::vector<Selector> accepted;
  for (const PhoneCandidate& candidate : candidates) {
    if (candidate.begin >= candidate.end || candidate.end > text.size()) continue;
    const Digits d = ToDigits(candidate.number);
    if (!PlausibleLength(d) || IsPhoneDecoy(text, candidate.begin, candidate.end)) continue;
    const std::string key = (d.plus ? "+" : "") + d.digits;
    auto it = verdicts.find(key);
    if (it == verdicts.end()) {
      if (verdicts.size() >= kMaxDistinctCandidates) continue;
      it = verdicts.emplace(key, validator_->Validate(d.plus, d.digits)).first;
    }
    if (it->second) {
      accepted.push_back(MakeSelector(text, candidate, *it->second, candidate.confidence));
    } else if (!d.plus && d.digits.rfind("00", 0) != 0) {
      national.push_back(&candidate);
    }
  }
  AcceptCued(text, national, &accepted);

  std::vector<Selector> chosen = ResolveOverlaps(std::move(accepted));
  std::unordered_map<std::string, std::string> areas;
  for (Selector& s : chosen) {
    auto it = areas.find(s.value);
    if (it == areas.end()) it = areas.emplace(s.value, DescribeArea(s.value)).first;
    s.detail = it->second;
  }
  return chosen;
}

// National-format numbers not valid in the default region, read in the
// regions the text cues: the candidate's own hint (the language of its
// number words) first, then flags and country words.
void PhoneExtractor::AcceptCued(std::string_view text,
                                const std::vector<const PhoneCandidate*>& national,
                                std::vector<Selector>* accepted) const {
  if (national.empty()) return;
  // GB stays first: a span that overlaps a number valid in the default
  // region is not read again as a foreign one (and the text is only scanned
  // for cues when something is left).
  std::map<size_t, size_t> taken;
  for (const Selector& s : *accepted) {
    auto [it, inserted] = taken.emplace(s.begin, s.end);
    if (!inserted) it->second = std::max(it->second, s.end);
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
    std::vector<std::string> regions;
    if (!candidate->region_hint.empty()) regions.push_back(candidate->region_hint);
    for (const std::string& cue : cues) {
      if (cue != candidate->region_hint) regions.push_back(cue);
    }
    const Digits d = ToDigits(candidate->number);
    for (const std::string& region : regions) {
      if (region == validator_->region() || ++tries > kMaxDistinctCandidates) continue;
      if (std::optional<std::string> e164 = validator_->ValidateInRegion(d.digits, region)) {
        accepted->push_back(MakeSelector(text, *candidate, *e164,
                                         std::min(candidate->confidence, kCuedRegionConfidence)));
        break;
      }
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
