// Explainable trafficking-indicator scoring of one advert: the configured
// rules (core/indicator_rule.h) applied to its normalised text and its
// selectors, giving a score, a band and every rule that fired with the text
// that fired it. Also the network rule "same phone in many towns" as a pure
// function for the linking stage. A score only orders the review queue.
// Thread-safety: an IndicatorScorer is immutable after Create; Score is const
// and safe from many threads (matchers come from an internal locked pool).
#ifndef HARRIER_EXTRACTORS_INDICATORS_H_
#define HARRIER_EXTRACTORS_INDICATORS_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/indicator_rule.h"
#include "core/selector.h"
#include "core/status.h"

namespace harrier::extractors {

// Points per weight: zero 0, low 1, medium 2, high 4.
int IndicatorPoints(IndicatorWeight weight);

// none: nothing counted. low: score >= 1. review: score >= 3 (a medium with
// one other, or three lows in one category). priority: a counted high, or
// >= 3 counted non-demographic indicators from >= 2 categories (reference:
// three or more indicators were rare in UK adverts, and independent
// categories corroborate each other).
enum class IndicatorBand { kNone, kLow, kReview, kPriority };
std::string_view IndicatorBandName(IndicatorBand band);  // "none", "low", ...

// What the advert text does not show.
struct ScoreInputs {
  // E.164 values of phones read only from images (OCR): obscured (C01).
  std::vector<std::string> ocr_only_phones;
};

// One piece of evidence: matched text and its byte span in the scored text,
// or for contact rules a selector's raw text, span and value.
struct IndicatorMatch {
  std::string text;
  size_t begin = 0;
  size_t end = 0;
  std::string value;  // E.164 for phone evidence; empty for text matches
};

struct IndicatorHit {
  std::string rule_id;
  std::string name;
  std::string category;
  IndicatorWeight weight = IndicatorWeight::kLow;
  bool demographic = false;
  bool counted = false;  // adds to the score and the band
  int points = 0;        // what it added (demographic hits share one low step)
  // Why it counts or does not: "zero weight: shown as context",
  // "gated: counts only with T03", "demographic: one low step at most".
  std::string note;
  std::vector<IndicatorMatch> matches;  // first kMaxMatchesPerRule, in text order
  std::string rationale;
  std::string evidence;
};

struct IndicatorReport {
  std::string version;  // the rule set's version
  int score = 0;
  IndicatorBand band = IndicatorBand::kNone;
  std::string headline;  // rule id of hits[0] when it counts; never demographic
  // Counted non-demographic hits by weight (highest first) then position;
  // then counted demographic hits; then hits shown as context (zero weight,
  // unmet gate). Demographic hits that do not count are not recorded at all
  // (sensitive processing, DPA 2018 s.35(8)).
  std::vector<IndicatorHit> hits;
  bool truncated = false;  // the regex budget ran out; later text not fully checked
};

class IndicatorScorer {
 public:
  static constexpr size_t kMaxMatchesPerRule = 5;
  // A pattern whose matches all start with known literals (nearly all) is
  // tried, anchored, only where those literals occur. Any other pattern runs
  // in windows of this many bytes either side of its rule's keywords; a match
  // reaching further from every keyword it contains is not seen.
  static constexpr size_t kWindowBytes = 200;
  // Window regex work per Score call, in bytes, across all patterns (and
  // 100,000 anchored attempts); past it the report says `truncated`.
  static constexpr size_t kRegexBudgetBytes = 4u << 20;
  // Text past this is not scored (and the report says `truncated`).
  static constexpr size_t kMaxScoredBytes = 1u << 20;

  // Compiles every enabled pattern (ICU, case-insensitive). InvalidArgument
  // "rule T01 (line 40) pattern 2 \"...\": <ICU error>" for a bad pattern,
  // or for a gate naming an unknown rule.
  static Result<IndicatorScorer> Create(IndicatorRuleSet rules);

  IndicatorScorer(IndicatorScorer&&) noexcept;
  IndicatorScorer& operator=(IndicatorScorer&&) noexcept;
  ~IndicatorScorer();

  // Scores normalised advert `text` with the selectors extracted from it
  // (phones are read for the contact rules; their `raw` should be the text as
  // written in the source, so that keycap emoji still show). Network rules
  // are skipped. Never throws; work is bounded by kMaxScoredBytes,
  // kRegexBudgetBytes and 100,000 anchored regex attempts, and the report
  // says `truncated` when a bound was reached.
  IndicatorReport Score(std::string_view text, const std::vector<Selector>& selectors,
                        const ScoreInputs& extra = {}) const;

  // Score's pattern stage alone: (rule id, match) for every enabled rule's
  // patterns, first kMaxMatchesPerRule per rule in text order, demographic
  // rules included. With prefilter false the patterns run over the whole
  // text: tests use it to prove the literal prefilter loses no match.
  std::vector<std::pair<std::string, IndicatorMatch>> MatchPatterns(std::string_view text,
                                                                    bool prefilter = true) const;

  const IndicatorRuleSet& rules() const;

 private:
  struct Impl;
  explicit IndicatorScorer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Whether a phone's text as written hides it from a plain digit scan:
// letters or number words, emoji or other symbols, fences such as "[0][7]",
// or digits spaced out one by one. tel:, wa.me/ and similar link prefixes
// are not obscuring.
bool IsObscuredPhoneText(std::string_view raw);

// A stated price for 30 minutes to an hour below `max_price` pounds, e.g.
// "£30 per hour", "30 mins - £25", "1hr 35 quid". At most kMaxMatchesPerRule.
std::vector<IndicatorMatch> FindLowPrices(std::string_view text, int max_price);

// One advert's phone seen in a town (or district) at a time.
struct PhoneSighting {
  std::string phone;  // E.164
  std::string town;   // local-authority district where known
  int64_t time_ms = 0;
  std::string document_id;
};

struct NetworkHit {
  std::string rule_id;
  std::string phone;
  int64_t first_ms = 0;  // the proving sightings' first and last times
  int64_t last_ms = 0;
  // One sighting per distinct town (its latest in the window), in time order.
  std::vector<PhoneSighting> sightings;
  // "the same number in Leeds, Hull and York within 9 days"
  std::string summary;
};

// Per phone, the first window of rule.window_days (inclusive) holding
// >= rule.min_count distinct towns (ASCII case-insensitive), with the
// sightings that prove it; phones ordered by E.164. Sightings with an empty
// phone or town are ignored. Input order does not matter. O(n log n).
std::vector<NetworkHit> EvaluateSamePhoneManyTowns(const std::vector<PhoneSighting>& sightings,
                                                   const IndicatorRule& rule);

}  // namespace harrier::extractors

#endif  // HARRIER_EXTRACTORS_INDICATORS_H_
