// The computed indicator checks: obscured phone text (C01), very low prices
// for a short booking (T09's max_price) and the same phone in many towns
// (N01, for the linking stage). Plain byte scanning; no ICU.
#include <algorithm>
#include <cstdint>
#include <map>
#include <numeric>
#include <string>
#include <string_view>
#include <vector>

#include "extractors/byte_scan.h"
#include "extractors/indicators.h"

namespace harrier::extractors {

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = Lower(c);
  return out;
}

// Whether raw[0, end) ends with `lower`, ASCII case-insensitively.
bool EndsWithFolded(std::string_view raw, size_t end, std::string_view lower) {
  if (end < lower.size()) return false;
  for (size_t i = 0; i < lower.size(); ++i) {
    if (Lower(raw[end - lower.size() + i]) != lower[i]) return false;
  }
  return true;
}

// The part of a phone's raw text after a link prefix (tel:, wa.me/, ...):
// after the prefix occurrence that ends last. Every prefix ends in ':', '/'
// or '=', so only those bytes are tried, from the end; no lower-case copy.
std::string_view AfterLinkPrefix(std::string_view raw) {
  for (size_t end = raw.size(); end > 0; --end) {
    const char last = raw[end - 1];
    if (last != ':' && last != '/' && last != '=') continue;
    for (std::string_view prefix : {"tel:", "wa.me/", "phone=", "t.me/", "callto:", "sms:"}) {
      if (EndsWithFolded(raw, end, prefix)) return raw.substr(end);
    }
  }
  return raw;
}

// U+2010..U+2015 (hyphens and dashes), written as E2 80 90..95.
bool IsDashAt(std::string_view s, size_t i) {
  return i + 2 < s.size() && s[i] == '\xE2' && s[i + 1] == '\x80' &&
         static_cast<unsigned char>(s[i + 2]) >= 0x90 &&
         static_cast<unsigned char>(s[i + 2]) <= 0x95;
}

}  // namespace

bool IsObscuredPhoneText(std::string_view raw) {
  const std::string_view s = AfterLinkPrefix(raw);
  int open_brackets = 0;
  int single_digit_groups = 0;
  size_t run = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (IsDigit(c)) {
      ++run;
      continue;
    }
    if (run == 1) ++single_digit_groups;
    run = 0;
    if (IsDashAt(s, i)) {
      i += 2;
      continue;
    }
    if (c == '(') ++open_brackets;
    const bool plain = c == ' ' || c == '\t' || c == '-' || c == '.' || c == '(' || c == ')' ||
                       c == '+' || c == '/';
    if (!plain) return true;  // letters, words, emoji, fences, line breaks
  }
  if (run == 1) ++single_digit_groups;
  // "((07))", or "0 7 7 0 0 ..." spaced out one by one; "+44 (0) 7700 ..." has
  // one bracket pair and one single digit.
  return open_brackets > 1 || single_digit_groups >= 3;
}

// ---------------------------------------------------------------- prices

namespace {

struct Token {
  std::string text;  // lower-case word, digits, or "/"
  size_t begin = 0;
  size_t end = 0;
};

// Words, digit runs and '/' in s[begin, end).
std::vector<Token> Tokenize(std::string_view s, size_t begin, size_t end) {
  std::vector<Token> out;
  size_t i = begin;
  while (i < end) {
    const char c = s[i];
    size_t j = i + 1;
    if (IsDigit(c)) {
      while (j < end && IsDigit(s[j])) ++j;
    } else if (IsAlpha(c)) {
      while (j < end && IsAlpha(s[j])) ++j;
    } else if (c != '/') {
      i = j;
      continue;
    }
    out.push_back({LowerAscii(s.substr(i, j - i)), i, j});
    i = j;
  }
  return out;
}

bool IsHourUnit(std::string_view t) {
  return t == "hour" || t == "hours" || t == "hr" || t == "hrs" || t == "h" || t == "ph" ||
         t == "hourly";
}
bool IsMinuteUnit(std::string_view t) {
  return t == "min" || t == "mins" || t == "minute" || t == "minutes" || t == "m";
}
bool IsNumber(std::string_view t) { return !t.empty() && IsDigit(t[0]); }
// A digit run of at most four digits as a number; longer ones as 100000.
int NumberOf(std::string_view t) {
  if (t.size() > 4) return 100000;
  int n = 0;
  for (char c : t) n = n * 10 + (c - '0');
  return n;
}

// Whether the unit at tokens[u] with what precedes it names 30 to 60 minutes.
// Returns the index where the duration starts, or -1.
int DurationEndingAt(const std::vector<Token>& t, int u) {
  if (u < 0) return -1;
  const std::string_view unit = t[u].text;
  const std::string_view prev = u > 0 ? std::string_view(t[u - 1].text) : std::string_view();
  if (IsMinuteUnit(unit)) {
    if (!IsNumber(prev)) return -1;
    const int n = NumberOf(prev);
    return n >= 30 && n <= 60 ? u - 1 : -1;
  }
  if (!IsHourUnit(unit)) return -1;
  if (prev == "2" && u >= 3 && t[u - 2].text == "/" && t[u - 3].text == "1") return u - 3;
  if (IsNumber(prev)) return NumberOf(prev) == 1 ? u - 1 : -1;
  if (prev == "half" || prev == "an" || prev == "a" || prev == "one" || prev == "per") {
    return u - 1;
  }
  return u;  // "/hr", "hour £30"
}

// The duration starting at or just after tokens[i] (skipping "per", "/",
// "for", ...): the index of its last token, or -1.
int DurationStartingAt(const std::vector<Token>& t, size_t i) {
  for (size_t skipped = 0; i < t.size() && skipped < 3; ++i, ++skipped) {
    for (size_t u = i; u < t.size() && u <= i + 3; ++u) {
      if (DurationEndingAt(t, static_cast<int>(u)) == static_cast<int>(i)) {
        return static_cast<int>(u);
      }
    }
    const std::string_view w = t[i].text;
    if (w != "per" && w != "/" && w != "for" && w != "p" && w != "each" && w != "a") break;
  }
  return -1;
}

bool IsClauseBreak(char c) { return c == '\n' || c == ',' || c == ';' || c == '|'; }

struct Amount {
  size_t begin = 0;
  size_t end = 0;
  double pounds = 0;
};

// Whether s[at...] starts with `lower`, ASCII case-insensitively.
bool HasFolded(std::string_view s, size_t at, std::string_view lower) {
  if (at > s.size() || s.size() - at < lower.size()) return false;
  for (size_t i = 0; i < lower.size(); ++i) {
    if (Lower(s[at + i]) != lower[i]) return false;
  }
  return true;
}

// Pounds written as "£30", "£ 39.99", "gbp 30", "30 quid", "30 pounds", "30gbp".
std::vector<Amount> FindAmounts(std::string_view s) {
  std::vector<Amount> out;
  for (size_t i = FindAsciiDigit(s, 0); i < s.size() && out.size() < 10000;
       i = FindAsciiDigit(s, i + 1)) {
    // The other digits of a run are never a start (a digit precedes them),
    // so a rejected start skips its whole run: phone numbers are long runs.
    const auto skip_run = [&] {
      while (i + 1 < s.size() && IsDigit(s[i + 1])) ++i;
    };
    if (i > 0 && (IsDigit(s[i - 1]) || IsAlpha(s[i - 1]) || s[i - 1] == '.')) {
      skip_run();
      continue;
    }
    size_t j = i;
    while (j < s.size() && j - i < 6 && IsDigit(s[j])) ++j;
    if (j < s.size() && IsDigit(s[j])) {  // too long to be a price
      skip_run();
      continue;
    }
    // At most six digits: exact in an integer and in a double alike.
    uint32_t whole = 0;
    for (size_t k = i; k < j; ++k) whole = whole * 10 + static_cast<uint32_t>(s[k] - '0');
    double pounds = whole;
    size_t end = j;
    if (end + 2 < s.size() && s[end] == '.' && IsDigit(s[end + 1]) && IsDigit(s[end + 2])) {
      pounds += (s[end + 1] - '0') / 10.0 + (s[end + 2] - '0') / 100.0;
      end += 3;
    }
    size_t begin = i;
    size_t b = i;
    while (b > 0 && s[b - 1] == ' ') --b;
    if (b >= 2 && s.substr(b - 2, 2) == "\xC2\xA3") {
      begin = b - 2;
    } else if (b >= 3 && HasFolded(s, b - 3, "gbp")) {
      begin = b - 3;
    } else {
      size_t a = end;
      while (a < s.size() && s[a] == ' ') ++a;
      size_t len = 0;
      // Each unit starts with one of these bytes: most numbers have none.
      const char first = a < s.size() ? Lower(s[a]) : '\0';
      if (first == '\xC2' || first == 'q' || first == 'p' || first == 'g') {
        for (std::string_view unit : {"\xC2\xA3", "quid", "pounds", "pound", "gbp"}) {
          if (HasFolded(s, a, unit)) {
            len = unit.size();
            break;
          }
        }
      }
      if (len == 0 || (a + len < s.size() && IsAlpha(s[a + len]))) {
        skip_run();
        continue;
      }
      end = a + len;
    }
    out.push_back({begin, end, pounds});
    i = end - 1;
  }
  return out;
}

}  // namespace

std::vector<IndicatorMatch> FindLowPrices(std::string_view text, int max_price) {
  std::vector<IndicatorMatch> out;
  // FindAsciiDigit, not find_first_of: that one calls memchr over the ten
  // digits for every byte of the text.
  if (max_price <= 0 || FindAsciiDigit(text, 0) >= text.size()) return out;
  const std::vector<Amount> amounts = FindAmounts(text);
  constexpr size_t kReach = 32;  // bytes either side searched for a duration
  for (size_t k = 0; k < amounts.size() && out.size() < IndicatorScorer::kMaxMatchesPerRule; ++k) {
    const Amount& a = amounts[k];
    if (a.pounds <= 0 || a.pounds >= max_price) continue;
    // The clause before the amount, back to a break or the previous amount.
    size_t from = a.begin > kReach ? a.begin - kReach : 0;
    if (k > 0) from = std::max(from, amounts[k - 1].end);
    for (size_t i = a.begin; i > from; --i) {
      if (IsClauseBreak(text[i - 1])) {
        from = i;
        break;
      }
    }
    std::vector<Token> before = Tokenize(text, from, a.begin);
    while (!before.empty() && (before.back().text == "for" || before.back().text == "just" ||
                               before.back().text == "only" || before.back().text == "is")) {
      before.pop_back();
    }
    const int start = DurationEndingAt(before, static_cast<int>(before.size()) - 1);
    size_t begin = a.begin;
    size_t end = a.end;
    if (start >= 0) {
      begin = before[start].begin;
    } else {
      size_t to = std::min(text.size(), a.end + kReach);
      if (k + 1 < amounts.size()) to = std::min(to, amounts[k + 1].begin);
      for (size_t i = a.end; i < to; ++i) {
        if (IsClauseBreak(text[i])) to = i;
      }
      const std::vector<Token> after = Tokenize(text, a.end, to);
      const int last = DurationStartingAt(after, 0);
      if (last < 0) continue;
      end = after[last].end;
    }
    out.push_back({std::string(text.substr(begin, end - begin)), begin, end, ""});
  }
  return out;
}

// ---------------------------------------------------------------- network

namespace {

std::string JoinTowns(const std::vector<PhoneSighting>& proof) {
  std::string out;
  for (size_t i = 0; i < proof.size(); ++i) {
    if (i > 0) out += i + 1 == proof.size() ? " and " : ", ";
    out += proof[i].town;
  }
  return out;
}

// The first window in `group` (one phone, sorted by time) with enough towns.
bool FirstWindow(const std::vector<const PhoneSighting*>& group, const IndicatorRule& rule,
                 NetworkHit* hit) {
  const int64_t window_ms = static_cast<int64_t>(rule.window_days) * 86'400'000;
  const size_t needed = static_cast<size_t>(std::max(1, rule.min_count));
  std::map<std::string, int> towns;  // lower-case town -> sightings in window
  size_t left = 0;
  for (size_t right = 0; right < group.size(); ++right) {
    ++towns[LowerAscii(group[right]->town)];
    while (group[right]->time_ms - group[left]->time_ms > window_ms) {
      auto it = towns.find(LowerAscii(group[left]->town));
      if (--it->second == 0) towns.erase(it);
      ++left;
    }
    if (towns.size() < needed) continue;
    std::map<std::string, const PhoneSighting*> latest;
    for (size_t i = left; i <= right; ++i) latest[LowerAscii(group[i]->town)] = group[i];
    for (const auto& [town, sighting] : latest) hit->sightings.push_back(*sighting);
    std::sort(hit->sightings.begin(), hit->sightings.end(),
              [](const PhoneSighting& a, const PhoneSighting& b) { return a.time_ms < b.time_ms; });
    hit->first_ms = hit->sightings.front().time_ms;
    hit->last_ms = hit->sightings.back().time_ms;
    const int64_t days =
        std::max<int64_t>(1, (hit->last_ms - hit->first_ms + 86'399'999) / 86'400'000);
    hit->summary = "the same number in " + JoinTowns(hit->sightings) + " within " +
                   std::to_string(days) + (days == 1 ? " day" : " days");
    return true;
  }
  return false;
}

}  // namespace

std::vector<NetworkHit> EvaluateSamePhoneManyTowns(const std::vector<PhoneSighting>& sightings,
                                                   const IndicatorRule& rule) {
  std::vector<const PhoneSighting*> order;
  for (const PhoneSighting& s : sightings) {
    if (!s.phone.empty() && !s.town.empty()) order.push_back(&s);
  }
  std::sort(order.begin(), order.end(), [](const PhoneSighting* a, const PhoneSighting* b) {
    if (a->phone != b->phone) return a->phone < b->phone;
    if (a->time_ms != b->time_ms) return a->time_ms < b->time_ms;
    return a->document_id < b->document_id;
  });
  std::vector<NetworkHit> out;
  if (rule.window_days < 0) return out;
  for (size_t i = 0; i < order.size();) {
    size_t j = i;
    while (j < order.size() && order[j]->phone == order[i]->phone) ++j;
    const std::vector<const PhoneSighting*> group(order.begin() + i, order.begin() + j);
    NetworkHit hit;
    hit.rule_id = rule.id;
    hit.phone = order[i]->phone;
    if (FirstWindow(group, rule, &hit)) out.push_back(std::move(hit));
    i = j;
  }
  return out;
}

}  // namespace harrier::extractors
