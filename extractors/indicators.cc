// IndicatorScorer. ICU tries a regex at every position of its input, which is
// far too slow for ~70 patterns over every advert. So one Aho-Corasick pass
// (ASCII case-insensitive) finds the literal strings every match of a pattern
// must start with (regex_prefix.h), and ICU only tries an anchored match at
// those offsets. Patterns whose start cannot be named run in windows around
// their rule's keywords instead. An anchored pattern is only tried where the
// literals every match contains (RequiredLiterals) still occur after the
// start: "12 " begins many adverts' prices, "12 girls available" few. Then
// contact checks over the selectors, and counting with the fairness rules
// (indicator_report.cc).
#include "extractors/indicators.h"

#include <unicode/regex.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <mutex>
#include <set>
#include <utility>

#include "extractors/indicator_report.h"
#include "extractors/keyword_scanner.h"
#include "extractors/regex_prefix.h"
#include "extractors/required_keys.h"
#include "extractors/utf16_text.h"

namespace harrier::extractors {

namespace {

// ICU counts its time limit in steps of roughly a millisecond of matching.
constexpr int32_t kRegexTimeLimit = 200;
// Anchored attempts per Score call, across all patterns.
constexpr size_t kMaxAttempts = 100'000;
// Bytes of each literal the automaton looks for; the rest is compared.
constexpr size_t kKeyBytes = 4;

using Window = std::pair<size_t, size_t>;

std::string IcuError(UErrorCode code, const UParseError& parse) {
  std::string out = u_errorName(code);
  if (parse.offset >= 0) out += " at offset " + std::to_string(parse.offset);
  return out;
}

bool IsAsciiWordByte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// Whether scan[at, at + rest.size()) is `rest`, ASCII case-insensitively.
bool RestMatches(std::string_view scan, size_t at, std::string_view rest) {
  if (scan.size() - at < rest.size()) return false;
  for (size_t i = 0; i < rest.size(); ++i) {
    char c = scan[at + i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != rest[i]) return false;
  }
  return true;
}

// The 8 bytes of `scan` at `at` (8 must be there) as a little-endian word,
// with ASCII 'A'..'Z' folded to lower case, all 8 at once.
uint64_t FoldedWordAt(std::string_view scan, size_t at) {
  constexpr uint64_t kOnes = 0x0101010101010101ull;
  constexpr uint64_t kHigh = kOnes * 0x80;
  uint64_t x;
  std::memcpy(&x, scan.data() + at, 8);
  // Per byte, with no carry between bytes: the high bit of low7 + (0x80 -
  // 'A') is set when the byte is >= 'A', that of low7 + (0x80 - 'Z' - 1)
  // when it is > 'Z'; bytes >= 0x80 are no letter.
  const uint64_t low7 = x & (kOnes * 0x7F);
  const uint64_t at_least_a = low7 + kOnes * (0x80 - 'A');
  const uint64_t above_z = low7 + kOnes * (0x80 - 'Z' - 1);
  const uint64_t upper = at_least_a & ~above_z & ~x & kHigh;
  return x | (upper >> 2);  // 0x80 >> 2 == 0x20, the case bit
}

// Adds the window of kWindowBytes around [begin, end) to `list`, merging it
// with the last window when they touch.
void AddWindow(size_t size, size_t begin, size_t end, std::vector<Window>* list) {
  const size_t from =
      begin > IndicatorScorer::kWindowBytes ? begin - IndicatorScorer::kWindowBytes : 0;
  const size_t to = std::min(size, end + IndicatorScorer::kWindowBytes);
  if (!list->empty() && from <= list->back().second) {
    list->back().first = std::min(list->back().first, from);
    list->back().second = std::max(list->back().second, to);
  } else {
    list->emplace_back(from, to);
  }
}

bool IsContinuation(std::string_view text, size_t i) {
  return i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80;
}

// Widens [begin, end) to whole UTF-8 characters.
Window SnapToCharacters(std::string_view text, size_t begin, size_t end) {
  while (begin > 0 && IsContinuation(text, begin)) --begin;
  while (end < text.size() && IsContinuation(text, end)) ++end;
  return {begin, end};
}

// Where to look, from the literal scan.
struct Candidates {
  std::vector<std::vector<size_t>> starts;   // per anchored pattern: offsets
  std::vector<std::vector<Window>> windows;  // per rule: for its unanchored patterns
  std::vector<uint8_t> found;                // per rule: some start or window to try
};

// One thread's matchers and scratch space: the scanned copy, the candidates,
// the scored text in UTF-16 and the required-key searches. Reused across
// calls.
struct MatcherSet {
  std::vector<std::unique_ptr<icu::RegexMatcher>> matchers;  // one per pattern
  CollapsedText scan;
  Candidates where;
  Utf16Text text;
  RequiredKeys::State keys;

  // Gives back what one large text made the buffers grow to, so that a pool
  // of idle sets stays small.
  void Trim() {
    constexpr size_t kKeep = 64 << 10;
    scan.Trim(kKeep);
    text.Trim(kKeep);
    for (auto& starts : where.starts) {
      if (starts.capacity() > kKeep / 8) std::vector<size_t>().swap(starts);
    }
  }
};

struct Budget {
  size_t attempts = kMaxAttempts;
  size_t window_bytes = IndicatorScorer::kRegexBudgetBytes;
  bool truncated = false;
};

// Sorted by start; of overlapping matches the earlier (then longer) wins, as
// when one regex is searched with find(); at most kMaxMatchesPerRule.
std::vector<IndicatorMatch> FirstNonOverlapping(std::vector<IndicatorMatch> found) {
  if (found.size() <= 1) return found;  // most rules: nothing to sort
  std::sort(found.begin(), found.end(), [](const IndicatorMatch& a, const IndicatorMatch& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
  });
  std::vector<IndicatorMatch> out;
  for (IndicatorMatch& match : found) {
    if (!out.empty() && match.begin < out.back().end) continue;
    out.push_back(std::move(match));
    if (out.size() == IndicatorScorer::kMaxMatchesPerRule) break;
  }
  return out;
}

std::string RuleLabel(const IndicatorRule& rule) {
  std::string out = "rule " + rule.id;
  if (rule.line > 0) out += " (line " + std::to_string(rule.line) + ")";
  return out;
}

}  // namespace

struct IndicatorScorer::Impl {
  IndicatorRuleSet set;
  std::vector<size_t> scored;              // enabled rules that are not network rules
  std::vector<std::vector<size_t>> gates;  // per rule: indices of its gate rules
  std::vector<std::unique_ptr<icu::RegexPattern>> patterns;
  std::vector<size_t> pattern_rule;
  std::vector<uint8_t> anchored;                   // per pattern (bytes, not vector<bool>)
  std::vector<uint8_t> word_start;                 // per pattern: begins with \b
  std::vector<std::vector<size_t>> rule_patterns;  // per rule, into `patterns`
  RequiredKeys required;  // per anchored pattern: literals every match contains
  // A scanner looks for the first kKeyBytes of each prefix and keyword (a
  // small automaton that stays in cache); per key, the rest of each literal
  // is compared where the key occurs.
  struct Check {
    std::string rest;  // lower-case bytes after the key
    size_t target;     // a pattern (prefix) or a rule (keyword)
    bool keyword;
    // The first (up to) 8 bytes of `rest` as a little-endian word and the
    // mask of those bytes: compared with one XOR where 8 bytes follow.
    uint64_t head = 0;
    uint64_t head_mask = 0;
  };
  struct Literals {
    KeywordScanner scanner;
    std::vector<std::vector<Check>> checks;  // per key
    std::map<std::string, size_t> index;     // key -> its index

    void Add(const std::string& literal, size_t target, bool keyword) {
      const std::string key = literal.substr(0, kKeyBytes);
      auto [it, fresh] = index.emplace(key, checks.size());
      if (fresh) checks.emplace_back();
      Check check{literal.substr(key.size()), target, keyword};
      for (size_t i = 0; i < std::min<size_t>(8, check.rest.size()); ++i) {
        check.head |= uint64_t{static_cast<unsigned char>(check.rest[i])} << (8 * i);
        check.head_mask |= uint64_t{0xFF} << (8 * i);
      }
      checks[it->second].push_back(std::move(check));
    }
    void Build() {
      std::vector<std::string> keys(index.size());
      for (const auto& [key, i] : index) keys[i] = key;
      scanner = KeywordScanner(keys);
    }
  };
  Literals word_literals;  // of patterns starting \b then a word character
  Literals other_literals;
  std::vector<uint8_t> full_scan;  // rules with unanchored patterns and no keywords

  std::mutex mu;
  std::vector<std::unique_ptr<MatcherSet>> pool;

  Status Compile(size_t r);
  void Visit(const Literals& literals, std::string_view text, const CollapsedText& scan, size_t key,
             size_t scan_begin, size_t scan_end, Candidates* where, Budget* budget) const;
  std::unique_ptr<MatcherSet> Acquire();
  void Release(std::unique_ptr<MatcherSet> set);
  void Find(std::string_view text, MatcherSet* m, Budget* budget) const;
  void RunAnchored(size_t p, std::string_view text, std::vector<size_t>* starts, MatcherSet* m,
                   Budget* budget, std::vector<IndicatorMatch>* found) const;
  void RunWindows(size_t p, std::string_view text, const std::vector<Window>& windows,
                  MatcherSet* m, Budget* budget, std::vector<IndicatorMatch>* found) const;
  std::vector<IndicatorMatch> RunRule(size_t r, std::string_view text, MatcherSet* m,
                                      Budget* budget) const;
  std::vector<IndicatorMatch> ContactMatches(const IndicatorRule& rule,
                                             const std::vector<Selector>& selectors,
                                             const ScoreInputs& extra) const;
};

Status IndicatorScorer::Impl::Compile(size_t r) {
  const IndicatorRule& rule = set.rules[r];
  bool any_unanchored = false;
  for (size_t i = 0; i < rule.patterns.size(); ++i) {
    UErrorCode status = U_ZERO_ERROR;
    UParseError parse{};
    parse.offset = -1;
    std::unique_ptr<icu::RegexPattern> pattern(icu::RegexPattern::compile(
        icu::UnicodeString::fromUTF8(rule.patterns[i]), UREGEX_CASE_INSENSITIVE, parse, status));
    if (U_FAILURE(status) || pattern == nullptr) {
      return Status::InvalidArgument(RuleLabel(rule) + " pattern " + std::to_string(i + 1) + " \"" +
                                     rule.patterns[i] + "\": " + IcuError(status, parse));
    }
    const size_t p = patterns.size();
    patterns.push_back(std::move(pattern));
    pattern_rule.push_back(r);
    rule_patterns[r].push_back(p);
    const std::optional<std::vector<std::string>> prefixes = LiteralPrefixes(rule.patterns[i]);
    anchored.push_back(prefixes.has_value());
    word_start.push_back(StartsWithWordBoundary(rule.patterns[i]));
    required.Add(rule.patterns[i], prefixes);
    if (!prefixes) any_unanchored = true;
    for (const std::string& prefix : prefixes.value_or(std::vector<std::string>{})) {
      const bool word = word_start.back() && IsAsciiWordByte(prefix[0]);
      (word ? word_literals : other_literals).Add(prefix, p, false);
    }
  }
  if (any_unanchored) {
    full_scan[r] = rule.keywords.empty();
    for (const std::string& keyword : rule.keywords) {
      if (!keyword.empty()) other_literals.Add(keyword, r, true);
    }
  }
  return Status::Ok();
}

Result<IndicatorScorer> IndicatorScorer::Create(IndicatorRuleSet rules) {
  auto impl = std::make_unique<Impl>();
  impl->set = std::move(rules);
  const std::vector<IndicatorRule>& all = impl->set.rules;
  impl->rule_patterns.resize(all.size());
  impl->full_scan.resize(all.size());
  impl->gates.resize(all.size());
  std::map<std::string, size_t> index_of;
  for (size_t r = 0; r < all.size(); ++r) index_of.emplace(all[r].id, r);
  for (size_t r = 0; r < all.size(); ++r) {
    const IndicatorRule& rule = all[r];
    for (const std::string& gate : rule.gate) {
      auto it = index_of.find(gate);
      if (it == index_of.end()) {
        return Status::InvalidArgument(RuleLabel(rule) + " gate \"" + gate + "\" names no rule");
      }
      impl->gates[r].push_back(it->second);
    }
    if (!rule.enabled || rule.kind == IndicatorKind::kNetwork) continue;
    impl->scored.push_back(r);
    HARRIER_RETURN_IF_ERROR(impl->Compile(r));
  }
  impl->word_literals.Build();
  impl->other_literals.Build();
  FoldsToAscii(0x80);  // builds its table here, not in the first Score
  return IndicatorScorer(std::move(impl));
}

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
  m->Trim();
  std::lock_guard<std::mutex> lock(mu);
  if (pool.size() < 64) pool.push_back(std::move(m));
}

IndicatorScorer::IndicatorScorer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
IndicatorScorer::IndicatorScorer(IndicatorScorer&&) noexcept = default;
IndicatorScorer& IndicatorScorer::operator=(IndicatorScorer&&) noexcept = default;
IndicatorScorer::~IndicatorScorer() = default;

const IndicatorRuleSet& IndicatorScorer::rules() const { return impl_->set; }

// One key found at scan[scan_begin, scan_end): the patterns to try there and
// the keyword windows to open, for the literals whose rest follows.
void IndicatorScorer::Impl::Visit(const Literals& literals, std::string_view text,
                                  const CollapsedText& scan, size_t key, size_t scan_begin,
                                  size_t scan_end, Candidates* where, Budget* budget) const {
  const size_t begin = scan.Origin(scan_begin);
  // A pattern starting with \b then a word character cannot match right
  // after another ASCII word character (bytes >= 0x80 are left to ICU).
  const bool after_word =
      begin > 0 && IsAsciiWordByte(text[begin - 1]) && IsAsciiWordByte(text[begin]);
  // The 8 bytes after the key, ASCII letters folded to lower case, when
  // there are 8: each check's first 8 bytes are then one comparison.
  const bool packed = scan.text().size() - scan_end >= 8;
  const uint64_t folded = packed ? FoldedWordAt(scan.text(), scan_end) : 0;
  for (const Check& check : literals.checks[key]) {
    if (packed) {
      if (((folded ^ check.head) & check.head_mask) != 0) continue;
      if (check.rest.size() > 8 &&
          !RestMatches(scan.text(), scan_end + 8, std::string_view(check.rest).substr(8))) {
        continue;
      }
    } else if (!RestMatches(scan.text(), scan_end, check.rest)) {
      continue;
    }
    if (check.keyword) {
      const size_t end = scan.Origin(scan_end + check.rest.size() - 1) + 1;
      AddWindow(text.size(), begin, end, &where->windows[check.target]);
      where->found[check.target] = 1;
      continue;
    }
    std::vector<size_t>& starts = where->starts[check.target];
    if ((after_word && word_start[check.target]) || (!starts.empty() && starts.back() == begin)) {
      continue;
    }
    if (starts.size() < kMaxAttempts) {
      starts.push_back(begin);
      where->found[pattern_rule[check.target]] = 1;
    } else {
      budget->truncated = true;
    }
  }
}

void IndicatorScorer::Impl::Find(std::string_view text, MatcherSet* m, Budget* budget) const {
  Candidates& where = m->where;
  where.starts.resize(patterns.size());
  where.windows.resize(set.rules.size());
  for (auto& starts : where.starts) starts.clear();
  for (auto& windows : where.windows) windows.clear();
  where.found.assign(set.rules.size(), 0);
  required.Begin(&m->keys);
  CollapseSpaces(text, &m->scan);
  const CollapsedText& scan = m->scan;
  word_literals.scanner.ScanWordStarts(scan.text(), [&](size_t key, size_t from, size_t to) {
    Visit(word_literals, text, scan, key, from, to, &where, budget);
  });
  if (!other_literals.checks.empty()) {
    other_literals.scanner.Scan(scan.text(), [&](size_t key, size_t from, size_t to) {
      Visit(other_literals, text, scan, key, from, to, &where, budget);
    });
  }
  for (size_t r = 0; r < where.windows.size(); ++r) {
    if (full_scan[r]) {
      where.windows[r] = {{0, text.size()}};
      where.found[r] = 1;
    }
    for (Window& w : where.windows[r]) w = SnapToCharacters(text, w.first, w.second);
  }
}

// Anchored attempts of pattern p at `starts` (unsorted, may repeat).
void IndicatorScorer::Impl::RunAnchored(size_t p, std::string_view text, std::vector<size_t>* list,
                                        MatcherSet* m, Budget* budget,
                                        std::vector<IndicatorMatch>* found) const {
  icu::RegexMatcher* matcher = m->matchers[p].get();
  std::vector<size_t>& starts = *list;
  if (matcher == nullptr || starts.empty()) return;
  std::sort(starts.begin(), starts.end());
  starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
  matcher->reset(m->text.text());
  size_t next = 0;  // matches do not overlap, as with find()
  size_t kept = 0;
  const bool filtered = required.Filters(p);
  for (size_t start : starts) {
    if (start < next) continue;
    if (kept == kMaxMatchesPerRule) break;
    if (filtered && !required.MayMatchAt(p, start, m->scan, &m->keys)) continue;
    if (budget->attempts == 0) {
      budget->truncated = true;
      break;
    }
    --budget->attempts;
    UErrorCode status = U_ZERO_ERROR;
    if (!matcher->lookingAt(m->text.To16(start), status)) {
      if (status == U_REGEX_TIME_OUT || status == U_REGEX_STACK_OVERFLOW) budget->truncated = true;
      continue;
    }
    const size_t e = m->text.To8(matcher->end(status));
    if (U_FAILURE(status) || e <= start || e > text.size()) continue;
    found->push_back({std::string(text.substr(start, e - start)), start, e, ""});
    next = e;
    ++kept;
  }
}

// Unanchored search for pattern p inside `windows`.
void IndicatorScorer::Impl::RunWindows(size_t p, std::string_view text,
                                       const std::vector<Window>& windows, MatcherSet* m,
                                       Budget* budget, std::vector<IndicatorMatch>* found) const {
  icu::RegexMatcher* matcher = m->matchers[p].get();
  if (matcher == nullptr || windows.empty()) return;
  matcher->reset(m->text.text());
  size_t kept = 0;
  for (const auto& [begin, end] : windows) {
    if (kept >= kMaxMatchesPerRule) break;
    if (end - begin > budget->window_bytes) {
      budget->truncated = true;
      break;
    }
    budget->window_bytes -= end - begin;
    UErrorCode status = U_ZERO_ERROR;
    matcher->region(m->text.To16(begin), m->text.To16(end), status);
    while (U_SUCCESS(status) && kept < kMaxMatchesPerRule && matcher->find(status)) {
      const size_t b = m->text.To8(matcher->start(status));
      const size_t e = m->text.To8(matcher->end(status));
      if (U_FAILURE(status) || e <= b || e > text.size()) break;
      found->push_back({std::string(text.substr(b, e - b)), b, e, ""});
      ++kept;
    }
    if (status == U_REGEX_TIME_OUT || status == U_REGEX_STACK_OVERFLOW) budget->truncated = true;
  }
}

// The first kMaxMatchesPerRule non-overlapping matches of rule r's patterns.
std::vector<IndicatorMatch> IndicatorScorer::Impl::RunRule(size_t r, std::string_view text,
                                                           MatcherSet* m, Budget* budget) const {
  std::vector<IndicatorMatch> found;
  // ICU's case folding reads U+00DF as "ss", U+017F as "s" and so on, which
  // the byte scans for prefixes and required literals cannot see: a text
  // holding such a character has every pattern searched whole instead (the
  // window budget bounds it).
  const bool whole = m->text.folds_to_ascii();
  for (size_t p : rule_patterns[r]) {
    if (whole) {
      RunWindows(p, text, {{0, text.size()}}, m, budget, &found);
    } else if (anchored[p]) {
      RunAnchored(p, text, &m->where.starts[p], m, budget, &found);
    } else {
      RunWindows(p, text, m->where.windows[r], m, budget, &found);
    }
  }
  return FirstNonOverlapping(std::move(found));
}

std::vector<IndicatorMatch> IndicatorScorer::Impl::ContactMatches(
    const IndicatorRule& rule, const std::vector<Selector>& selectors,
    const ScoreInputs& extra) const {
  // Only the first kMaxMatchesPerRule distinct phones are kept, so the scan
  // stops there and `seen` stays a handful of views (no sets, no copies).
  const bool obscured = rule.check == "obscured_phone";  // once, not per phone
  std::set<std::string_view> ocr;
  if (obscured) ocr.insert(extra.ocr_only_phones.begin(), extra.ocr_only_phones.end());
  std::vector<IndicatorMatch> out;
  std::vector<std::string_view> seen;
  const auto was_seen = [&](std::string_view value) {
    return std::find(seen.begin(), seen.end(), value) != seen.end();
  };
  for (const Selector& s : selectors) {
    if (out.size() == kMaxMatchesPerRule) break;
    if (s.kind != SelectorKind::kPhone || was_seen(s.value)) continue;
    if (obscured && !IsObscuredPhoneText(s.raw) && !ocr.contains(s.value)) {
      continue;
    }
    seen.push_back(s.value);
    out.push_back({s.raw, s.begin, s.end, s.value});
  }
  for (const std::string& value : extra.ocr_only_phones) {  // not in the text at all
    if (out.size() == kMaxMatchesPerRule) break;
    if (was_seen(value)) continue;
    seen.push_back(value);
    out.push_back({"(only in an image)", 0, 0, value});
  }
  if (rule.check == "several_phones" && out.size() < 2) out.clear();
  return out;
}

IndicatorReport IndicatorScorer::Score(std::string_view text,
                                       const std::vector<Selector>& selectors,
                                       const ScoreInputs& extra) const {
  const Impl& impl = *impl_;
  const bool cut = text.size() > kMaxScoredBytes;
  if (cut) text = text.substr(0, SnapToCharacters(text, kMaxScoredBytes, kMaxScoredBytes).first);
  std::vector<std::vector<IndicatorMatch>> matches(impl.set.rules.size());
  Budget budget;
  std::unique_ptr<MatcherSet> m = impl_->Acquire();
  impl.Find(text, m.get(), &budget);
  m->text.Load(text);
  for (size_t r : impl.scored) {
    const IndicatorRule& rule = impl.set.rules[r];
    // Most rules have no candidate in an advert: nothing to run.
    if (m->where.found[r] || m->text.folds_to_ascii()) {
      matches[r] = impl.RunRule(r, text, m.get(), &budget);
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
  IndicatorReport report =
      ResolveIndicatorReport(impl.set, impl.scored, impl.gates, std::move(matches));
  report.truncated = budget.truncated || cut;
  return report;
}

std::vector<std::pair<std::string, IndicatorMatch>> IndicatorScorer::MatchPatterns(
    std::string_view text, bool prefilter) const {
  std::vector<std::pair<std::string, IndicatorMatch>> out;
  if (text.size() > kMaxScoredBytes) {
    text = text.substr(0, SnapToCharacters(text, kMaxScoredBytes, kMaxScoredBytes).first);
  }
  Budget budget;
  std::unique_ptr<MatcherSet> m = impl_->Acquire();
  impl_->Find(text, m.get(), &budget);
  m->text.Load(text);
  for (size_t r : impl_->scored) {
    std::vector<IndicatorMatch> found;
    if (prefilter) {
      found = impl_->RunRule(r, text, m.get(), &budget);
    } else {
      budget.window_bytes = SIZE_MAX;
      for (size_t p : impl_->rule_patterns[r]) {
        impl_->RunWindows(p, text, {{0, text.size()}}, m.get(), &budget, &found);
      }
      found = FirstNonOverlapping(std::move(found));
    }
    for (IndicatorMatch& match : found) out.emplace_back(impl_->set.rules[r].id, std::move(match));
  }
  impl_->Release(std::move(m));
  return out;
}

}  // namespace harrier::extractors
