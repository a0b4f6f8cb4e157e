// IndicatorScorer: keyword prefilter (one Aho-Corasick pass, ASCII
// case-insensitive) -> ICU regexes only in windows around the keywords ->
// contact checks over the selectors -> counting with the fairness rules of
// the indicator reference §3 (gates, demographic cap, zero-weight context).
#include "extractors/indicators.h"

#include <unicode/regex.h>
#include <unicode/utext.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <set>
#include <utility>

#include "extractors/keyword_scanner.h"

namespace harrier::extractors {

namespace {

// ICU counts its time limit in steps of roughly a millisecond of matching.
constexpr int32_t kRegexTimeLimit = 200;

using Window = std::pair<size_t, size_t>;

std::string IcuError(UErrorCode code, const UParseError& parse) {
  std::string out = u_errorName(code);
  if (parse.offset >= 0) out += " at offset " + std::to_string(parse.offset);
  return out;
}

// Widens [begin, end) to whole UTF-8 characters.
Window SnapToCharacters(std::string_view text, size_t begin, size_t end) {
  auto continuation = [&](size_t i) {
    return i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80;
  };
  while (begin > 0 && continuation(begin)) --begin;
  while (end < text.size() && continuation(end)) ++end;
  return {begin, end};
}

struct MatcherSet {
  std::vector<std::unique_ptr<icu::RegexMatcher>> matchers;  // one per pattern
  UText* text = nullptr;
  ~MatcherSet() { utext_close(text); }
};

}  // namespace

int IndicatorPoints(IndicatorWeight weight) {
  switch (weight) {
    case IndicatorWeight::kZero:
      return 0;
    case IndicatorWeight::kLow:
      return 1;
    case IndicatorWeight::kMedium:
      return 2;
    case IndicatorWeight::kHigh:
      return 4;
  }
  return 0;
}

std::string_view IndicatorBandName(IndicatorBand band) {
  switch (band) {
    case IndicatorBand::kNone:
      return "none";
    case IndicatorBand::kLow:
      return "low";
    case IndicatorBand::kReview:
      return "review";
    case IndicatorBand::kPriority:
      return "priority";
  }
  return "none";
}

struct IndicatorScorer::Impl {
  IndicatorRuleSet set;
  std::vector<size_t> scored;  // enabled rules that are not network rules
  std::vector<std::unique_ptr<icu::RegexPattern>> patterns;
  std::vector<std::vector<size_t>> rule_patterns;  // per rule, into `patterns`
  KeywordScanner scanner;
  std::vector<std::vector<size_t>> keyword_rules;  // per keyword, the rules using it
  std::vector<bool> full_scan;                     // patterns but no keywords
  std::map<std::string, size_t> index_of;          // rule id -> index

  std::mutex mu;
  std::vector<std::unique_ptr<MatcherSet>> pool;

  std::unique_ptr<MatcherSet> Acquire();
  void Release(std::unique_ptr<MatcherSet> set);
  std::vector<IndicatorMatch> RunPatterns(size_t rule, std::string_view text,
                                          const std::vector<Window>& windows, MatcherSet* m,
                                          size_t* budget, bool* truncated) const;
  std::vector<std::vector<Window>> Windows(std::string_view text) const;
  std::vector<IndicatorMatch> ContactMatches(const IndicatorRule& rule,
                                             const std::vector<Selector>& selectors,
                                             const ScoreInputs& extra) const;
  IndicatorReport Resolve(std::vector<std::vector<IndicatorMatch>> matches) const;
};

std::unique_ptr<MatcherSet> IndicatorScorer::Impl::Acquire() {
  {
    std::lock_guard<std::mutex> lock(mu);
    if (!pool.empty()) {
      std::unique_ptr<MatcherSet> m = std::move(pool.back());
      pool.pop_back();
      return m;
    }
  }
  auto m = std::make_unique<MatcherSet>();
  for (const auto& pattern : patterns) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::RegexMatcher> matcher(pattern->matcher(status));
    if (U_FAILURE(status)) matcher.reset();
    if (matcher) {
      matcher->setTimeLimit(kRegexTimeLimit, status);
      matcher->useTransparentBounds(true);
      matcher->useAnchoringBounds(false);
    }
    m->matchers.push_back(std::move(matcher));
  }
  return m;
}

void IndicatorScorer::Impl::Release(std::unique_ptr<MatcherSet> m) {
  std::lock_guard<std::mutex> lock(mu);
  if (pool.size() < 64) pool.push_back(std::move(m));
}

// Matches of rule `rule`'s patterns inside `windows`, first kMaxMatchesPerRule
// in text order. `budget` is the window bytes left for this Score call.
std::vector<IndicatorMatch> IndicatorScorer::Impl::RunPatterns(size_t rule, std::string_view text,
                                                               const std::vector<Window>& windows,
                                                               MatcherSet* m, size_t* budget,
                                                               bool* truncated) const {
  std::vector<IndicatorMatch> found;
  for (size_t p : rule_patterns[rule]) {
    icu::RegexMatcher* matcher = m->matchers[p].get();
    if (matcher == nullptr) continue;
    UErrorCode status = U_ZERO_ERROR;
    matcher->reset(m->text);
    size_t kept = 0;
    for (const auto& [begin, end] : windows) {
      if (kept >= kMaxMatchesPerRule) break;
      if (end - begin > *budget) {
        *truncated = true;
        break;
      }
      *budget -= end - begin;
      status = U_ZERO_ERROR;
      matcher->region(static_cast<int64_t>(begin), static_cast<int64_t>(end), status);
      while (U_SUCCESS(status) && kept < kMaxMatchesPerRule && matcher->find(status)) {
        const auto b = static_cast<size_t>(matcher->start64(status));
        const auto e = static_cast<size_t>(matcher->end64(status));
        if (U_FAILURE(status) || e <= b || e > text.size()) break;
        found.push_back({std::string(text.substr(b, e - b)), b, e, ""});
        ++kept;
      }
      if (status == U_REGEX_TIME_OUT || status == U_REGEX_STACK_OVERFLOW) *truncated = true;
    }
  }
  std::sort(found.begin(), found.end(), [](const IndicatorMatch& a, const IndicatorMatch& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
  });
  std::vector<IndicatorMatch> out;
  for (IndicatorMatch& match : found) {
    if (!out.empty() && match.begin < out.back().end) continue;  // overlaps an earlier one
    out.push_back(std::move(match));
    if (out.size() == kMaxMatchesPerRule) break;
  }
  return out;
}

IndicatorScorer::IndicatorScorer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
IndicatorScorer::IndicatorScorer(IndicatorScorer&&) noexcept = default;
IndicatorScorer& IndicatorScorer::operator=(IndicatorScorer&&) noexcept = default;
IndicatorScorer::~IndicatorScorer() = default;

const IndicatorRuleSet& IndicatorScorer::rules() const { return impl_->set; }

namespace {

std::string RuleLabel(const IndicatorRule& rule) {
  std::string out = "rule " + rule.id;
  if (rule.line > 0) out += " (line " + std::to_string(rule.line) + ")";
  return out;
}

}  // namespace

Result<IndicatorScorer> IndicatorScorer::Create(IndicatorRuleSet rules) {
  auto impl = std::make_unique<Impl>();
  impl->set = std::move(rules);
  const std::vector<IndicatorRule>& all = impl->set.rules;
  impl->rule_patterns.resize(all.size());
  impl->full_scan.resize(all.size());
  for (size_t r = 0; r < all.size(); ++r) impl->index_of.emplace(all[r].id, r);
  std::map<std::string, size_t> keyword_index;
  std::vector<std::string> keywords;
  for (size_t r = 0; r < all.size(); ++r) {
    const IndicatorRule& rule = all[r];
    for (const std::string& gate : rule.gate) {
      if (!impl->index_of.contains(gate)) {
        return Status::InvalidArgument(RuleLabel(rule) + " gate \"" + gate + "\" names no rule");
      }
    }
    if (!rule.enabled || rule.kind == IndicatorKind::kNetwork) continue;
    impl->scored.push_back(r);
    for (size_t i = 0; i < rule.patterns.size(); ++i) {
      UErrorCode status = U_ZERO_ERROR;
      UParseError parse{};
      parse.offset = -1;
      std::unique_ptr<icu::RegexPattern> pattern(icu::RegexPattern::compile(
          icu::UnicodeString::fromUTF8(rule.patterns[i]), UREGEX_CASE_INSENSITIVE, parse, status));
      if (U_FAILURE(status) || pattern == nullptr) {
        return Status::InvalidArgument(RuleLabel(rule) + " pattern " + std::to_string(i + 1) +
                                       " \"" + rule.patterns[i] + "\": " + IcuError(status, parse));
      }
      impl->rule_patterns[r].push_back(impl->patterns.size());
      impl->patterns.push_back(std::move(pattern));
    }
    impl->full_scan[r] = !rule.patterns.empty() && rule.keywords.empty();
    for (const std::string& keyword : rule.keywords) {
      if (keyword.empty()) continue;
      auto [it, fresh] = keyword_index.emplace(keyword, keywords.size());
      if (fresh) {
        keywords.push_back(keyword);
        impl->keyword_rules.emplace_back();
      }
      impl->keyword_rules[it->second].push_back(r);
    }
  }
  impl->scanner = KeywordScanner(keywords);
  return IndicatorScorer(std::move(impl));
}

// Per rule, the merged windows around its keywords (the whole text for a
// rule with patterns and no keywords).
std::vector<std::vector<Window>> IndicatorScorer::Impl::Windows(std::string_view text) const {
  std::vector<std::vector<Window>> windows(set.rules.size());
  scanner.Scan(text, [&](size_t keyword, size_t begin, size_t end) {
    const size_t from = begin > kWindowBytes ? begin - kWindowBytes : 0;
    const size_t to = std::min(text.size(), end + kWindowBytes);
    for (size_t rule : keyword_rules[keyword]) {
      std::vector<Window>& list = windows[rule];
      if (!list.empty() && from <= list.back().second) {
        list.back().first = std::min(list.back().first, from);
        list.back().second = std::max(list.back().second, to);
      } else {
        list.emplace_back(from, to);
      }
    }
  });
  for (size_t r = 0; r < windows.size(); ++r) {
    if (full_scan[r]) windows[r] = {{0, text.size()}};
    for (Window& w : windows[r]) w = SnapToCharacters(text, w.first, w.second);
  }
  return windows;
}

std::vector<IndicatorMatch> IndicatorScorer::Impl::ContactMatches(
    const IndicatorRule& rule, const std::vector<Selector>& selectors,
    const ScoreInputs& extra) const {
  const std::set<std::string> ocr(extra.ocr_only_phones.begin(), extra.ocr_only_phones.end());
  std::vector<IndicatorMatch> out;
  std::set<std::string> seen;
  for (const Selector& s : selectors) {
    if (s.kind != SelectorKind::kPhone || seen.contains(s.value)) continue;
    if (rule.check == "obscured_phone" && !IsObscuredPhoneText(s.raw) && !ocr.contains(s.value)) {
      continue;
    }
    seen.insert(s.value);
    out.push_back({s.raw, s.begin, s.end, s.value});
  }
  for (const std::string& value : extra.ocr_only_phones) {  // not in the text at all
    if (seen.insert(value).second) out.push_back({"(only in an image)", 0, 0, value});
  }
  if (rule.check == "several_phones" && out.size() < 2) out.clear();
  if (out.size() > kMaxMatchesPerRule) out.resize(kMaxMatchesPerRule);
  return out;
}

namespace {

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

// 0: counted, non-demographic; 1: counted demographic; 2: shown as context.
int HitGroup(const IndicatorHit& hit) { return !hit.counted ? 2 : hit.demographic ? 1 : 0; }

void OrderHits(std::vector<IndicatorHit>* hits) {
  std::stable_sort(hits->begin(), hits->end(), [](const IndicatorHit& a, const IndicatorHit& b) {
    if (HitGroup(a) != HitGroup(b)) return HitGroup(a) < HitGroup(b);
    if (a.weight != b.weight) return a.weight > b.weight;
    return a.matches.front().begin < b.matches.front().begin;
  });
}

IndicatorBand BandOf(bool high, size_t counted, size_t categories, int score) {
  if (high || (counted >= 3 && categories >= 2)) return IndicatorBand::kPriority;
  if (score >= 3) return IndicatorBand::kReview;
  return score >= 1 ? IndicatorBand::kLow : IndicatorBand::kNone;
}

}  // namespace

// Counting, reference §3: a gated rule counts only when its gate rules count;
// a demographic rule only beside >= 2 counted others (one medium or high),
// all demographic rules together add one low step, never change the band and
// are never the headline; zero-weight rules are context.
IndicatorReport IndicatorScorer::Impl::Resolve(
    std::vector<std::vector<IndicatorMatch>> matches) const {
  const std::vector<IndicatorRule>& rules = set.rules;
  std::vector<bool> counted(rules.size());
  auto gate_met = [&](const IndicatorRule& rule) {
    return std::all_of(rule.gate.begin(), rule.gate.end(),
                       [&](const std::string& id) { return counted[index_of.at(id)]; });
  };
  for (bool changed = true; changed;) {  // gates may chain
    changed = false;
    for (size_t r : scored) {
      const IndicatorRule& rule = rules[r];
      if (counted[r] || matches[r].empty() || rule.demographic ||
          rule.weight == IndicatorWeight::kZero || !gate_met(rule)) {
        continue;
      }
      counted[r] = changed = true;
    }
  }
  IndicatorReport report;
  report.version = set.version;
  size_t others = 0;
  bool strong = false;
  bool high = false;
  std::set<std::string> categories;
  for (size_t r : scored) {
    if (!counted[r]) continue;
    ++others;
    strong |= rules[r].weight >= IndicatorWeight::kMedium;
    high |= rules[r].weight == IndicatorWeight::kHigh;
    categories.insert(rules[r].category);
    report.score += IndicatorPoints(rules[r].weight);
  }
  report.band = BandOf(high, others, categories.size(), report.score);
  const bool demographic_allowed = others >= 2 && strong;
  int demographic_points = 1;
  for (size_t r : scored) {
    const IndicatorRule& rule = rules[r];
    if (matches[r].empty()) continue;
    IndicatorHit hit{
        rule.id, rule.name, rule.category,  rule.weight,  rule.demographic, counted[r], 0,
        "",      {},        rule.rationale, rule.evidence};
    hit.matches = std::move(matches[r]);
    if (rule.demographic) {
      // Not counted: not recorded at all (sensitive processing).
      if (!demographic_allowed || rule.weight == IndicatorWeight::kZero || !gate_met(rule)) {
        continue;
      }
      hit.counted = true;
      hit.points = demographic_points;
      demographic_points = 0;
      report.score += hit.points;
      hit.note = "demographic: counted beside " + std::to_string(others) +
                 " other indicators; one low step at most for all demographic rules";
    } else if (counted[r]) {
      hit.points = IndicatorPoints(rule.weight);
    } else if (rule.weight == IndicatorWeight::kZero) {
      hit.note = "zero weight: shown as context, adds nothing";
    } else {
      hit.note = "gated: counts only with " + Join(rule.gate);
    }
    report.hits.push_back(std::move(hit));
  }
  OrderHits(&report.hits);
  if (!report.hits.empty() && HitGroup(report.hits.front()) == 0) {
    report.headline = report.hits.front().rule_id;
  }
  return report;
}

IndicatorReport IndicatorScorer::Score(std::string_view text,
                                       const std::vector<Selector>& selectors,
                                       const ScoreInputs& extra) const {
  const Impl& impl = *impl_;
  std::vector<std::vector<IndicatorMatch>> matches(impl.set.rules.size());
  const std::vector<std::vector<Window>> windows = impl.Windows(text);
  std::unique_ptr<MatcherSet> m = impl_->Acquire();
  UErrorCode status = U_ZERO_ERROR;
  m->text = utext_openUTF8(m->text, text.data(), static_cast<int64_t>(text.size()), &status);
  size_t budget = kRegexBudgetBytes;
  bool truncated = U_FAILURE(status);
  for (size_t r : impl.scored) {
    const IndicatorRule& rule = impl.set.rules[r];
    if (U_SUCCESS(status) && !windows[r].empty()) {
      matches[r] = impl.RunPatterns(r, text, windows[r], m.get(), &budget, &truncated);
    }
    if (rule.max_price > 0 && matches[r].size() < kMaxMatchesPerRule) {
      for (IndicatorMatch& price : FindLowPrices(text, rule.max_price)) {
        matches[r].push_back(std::move(price));
      }
    }
    if (rule.kind == IndicatorKind::kContact) {
      for (IndicatorMatch& contact : impl.ContactMatches(rule, selectors, extra)) {
        matches[r].push_back(std::move(contact));
      }
    }
    if (matches[r].size() > kMaxMatchesPerRule) matches[r].resize(kMaxMatchesPerRule);
  }
  impl_->Release(std::move(m));
  IndicatorReport report = impl.Resolve(std::move(matches));
  report.truncated = truncated;
  return report;
}

std::vector<std::pair<std::string, IndicatorMatch>> IndicatorScorer::MatchAllUnfiltered(
    std::string_view text) const {
  std::vector<std::pair<std::string, IndicatorMatch>> out;
  std::unique_ptr<MatcherSet> m = impl_->Acquire();
  UErrorCode status = U_ZERO_ERROR;
  m->text = utext_openUTF8(m->text, text.data(), static_cast<int64_t>(text.size()), &status);
  size_t budget = SIZE_MAX;
  bool truncated = false;
  const std::vector<Window> whole = {{0, text.size()}};
  for (size_t r : impl_->scored) {
    if (U_FAILURE(status)) break;
    for (IndicatorMatch& match : impl_->RunPatterns(r, text, whole, m.get(), &budget, &truncated)) {
      out.emplace_back(impl_->set.rules[r].id, std::move(match));
    }
  }
  impl_->Release(std::move(m));
  return out;
}

}  // namespace harrier::extractors
