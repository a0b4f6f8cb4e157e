#include "extractors/email_extractor.h"

#include <algorithm>
#include <array>
#include <utility>

#include "extractors/utf8.h"

namespace harrier::extractors {
namespace {

// RFC 5321 §4.5.3.1: local part up to 64 octets, a label up to 63.
constexpr size_t kMaxLocalLength = 64;
constexpr size_t kMaxLabelLength = 63;

// "logo@2x.png", "style@media.css": names of files, not mailboxes.
constexpr std::array<std::string_view, 8> kFileExtensions = {"png",  "jpg", "jpeg", "gif",
                                                             "webp", "svg", "css",  "js"};

struct Span {
  size_t begin = 0;
  size_t end = 0;
};

// Where an "at" or "dot" separator leaves off and the next part starts.
struct Separator {
  size_t left = 0;   // end of the part before it
  size_t right = 0;  // start of the part after it
  bool obfuscated = false;
};

bool IsLocalChar(char c) {
  return IsAsciiAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}

bool IsHorizontalSpace(char c) { return c == ' ' || c == '\t'; }

size_t SkipSpaceForward(std::string_view text, size_t pos) {
  while (pos < text.size() && IsHorizontalSpace(text[pos])) ++pos;
  return pos;
}

size_t SkipSpaceBackward(std::string_view text, size_t pos) {
  while (pos > 0 && IsHorizontalSpace(text[pos - 1])) --pos;
  return pos;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return AsciiToLower(x) == AsciiToLower(y);
         });
}

char ClosingBracket(char open) {
  switch (open) {
    case '(':
      return ')';
    case '[':
      return ']';
    case '{':
      return '}';
    case '<':
      return '>';
    default:
      return '\0';
  }
}

// "(at)", "[ at ]", "{@}" at `pos` for word "at" and symbol '@': returns the
// position after the closing bracket, or 0 when there is none.
size_t MatchBracketed(std::string_view text, size_t pos, std::string_view word, char symbol) {
  const char close = ClosingBracket(text[pos]);
  if (close == '\0') return 0;
  size_t p = SkipSpaceForward(text, pos + 1);
  if (p < text.size() && text[p] == symbol) {
    ++p;
  } else if (EqualsIgnoreCase(text.substr(p, word.size()), word)) {
    p += word.size();
  } else {
    return 0;
  }
  p = SkipSpaceForward(text, p);
  return p < text.size() && text[p] == close ? p + 1 : 0;
}

// " AT " / " DOT ": only upper case and spaced on both sides, so ordinary
// prose ("meet at the hotel") never reads as an address.
size_t MatchSpacedWord(std::string_view text, size_t pos, std::string_view word) {
  if (pos == 0 || !IsHorizontalSpace(text[pos - 1])) return 0;
  if (text.substr(pos, word.size()) != word) return 0;
  const size_t after = pos + word.size();
  return after < text.size() && IsHorizontalSpace(text[after]) ? after : 0;
}

std::optional<Separator> MatchAt(std::string_view text, size_t pos) {
  if (text[pos] == '@') return Separator{pos, pos + 1, false};
  size_t end = MatchBracketed(text, pos, "at", '@');
  if (end == 0) end = MatchSpacedWord(text, pos, "AT");
  if (end == 0) return std::nullopt;
  return Separator{SkipSpaceBackward(text, pos), SkipSpaceForward(text, end), true};
}

std::optional<Separator> MatchDot(std::string_view text, size_t pos) {
  if (pos < text.size() && text[pos] == '.') return Separator{pos, pos + 1, false};
  const size_t word = SkipSpaceForward(text, pos);
  if (word >= text.size()) return std::nullopt;
  size_t end = MatchBracketed(text, word, "dot", '.');
  if (end == 0) end = MatchSpacedWord(text, word, "DOT");
  if (end == 0) return std::nullopt;
  return Separator{pos, SkipSpaceForward(text, end), true};
}

// A DNS label at `pos`: letters, digits and inner hyphens.
std::optional<Span> ReadLabel(std::string_view text, size_t pos) {
  size_t end = pos;
  while (end < text.size() && (IsAsciiAlnum(text[end]) || text[end] == '-')) ++end;
  while (end > pos && text[end - 1] == '-') --end;  // "mail@x.com-" ends at com
  if (end == pos || text[pos] == '-' || end - pos > kMaxLabelLength) {
    return std::nullopt;
  }
  return Span{pos, end};
}

bool IsTopLevelDomain(std::string_view label) {
  if (label.size() < 2) return false;
  if (!std::all_of(label.begin(), label.end(), IsAsciiAlpha)) return false;
  return std::none_of(kFileExtensions.begin(), kFileExtensions.end(),
                      [&](std::string_view ext) { return EqualsIgnoreCase(label, ext); });
}

// "icon@2x", "hero@3x": retina image suffixes, whatever follows.
bool IsRetinaSuffix(std::string_view label) {
  if (label.size() < 2 || AsciiToLower(label.back()) != 'x') return false;
  return std::all_of(label.begin(), label.end() - 1, IsAsciiDigit);
}

// The local part ending at `end`, or nullopt if it is empty or malformed.
std::optional<Span> ReadLocalPart(std::string_view text, size_t end) {
  size_t begin = end;
  while (begin > 0 && IsLocalChar(text[begin - 1])) --begin;
  while (begin < end && text[begin] == '.') ++begin;
  const std::string_view local = text.substr(begin, end - begin);
  if (local.empty() || local.size() > kMaxLocalLength || local.back() == '.' ||
      local.find("..") != std::string_view::npos) {
    return std::nullopt;
  }
  if (IsWordChar(CodePointBefore(text, begin))) return std::nullopt;
  return Span{begin, end};
}

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), AsciiToLower);
  return out;
}

std::string_view Text(std::string_view text, Span span) {
  return text.substr(span.begin, span.end - span.begin);
}

struct Domain {
  std::vector<Span> labels;  // two or more, the last a top-level domain
  bool obfuscated = false;   // a "(dot)"-style separator between kept labels
};

// The domain starting at `pos`: labels joined by dot separators, cut back to
// the last label shaped like a TLD ("a@b.com.123" ends at com).
std::optional<Domain> ReadDomain(std::string_view text, size_t pos) {
  Domain domain;
  std::vector<bool> obfuscated_before;  // per label: its separator's kind
  std::optional<Span> label = ReadLabel(text, pos);
  bool obfuscated = false;
  while (label) {
    domain.labels.push_back(*label);
    obfuscated_before.push_back(obfuscated);
    const std::optional<Separator> dot = MatchDot(text, label->end);
    if (!dot) break;
    obfuscated = dot->obfuscated;
    label = ReadLabel(text, dot->right);
  }
  while (domain.labels.size() >= 2 && !IsTopLevelDomain(Text(text, domain.labels.back()))) {
    domain.labels.pop_back();
  }
  if (domain.labels.size() < 2) return std::nullopt;
  if (IsRetinaSuffix(Text(text, domain.labels.front()))) return std::nullopt;
  if (IsWordChar(CodePointAt(text, domain.labels.back().end))) {
    return std::nullopt;
  }
  for (size_t i = 0; i < domain.labels.size(); ++i) {
    domain.obfuscated = domain.obfuscated || obfuscated_before[i];
  }
  return domain;
}

// The address whose "at" separator starts at `pos`, if any.
std::optional<Selector> MatchEmailAt(std::string_view text, size_t pos) {
  const std::optional<Separator> at = MatchAt(text, pos);
  if (!at) return std::nullopt;
  const std::optional<Span> local = ReadLocalPart(text, at->left);
  if (!local) return std::nullopt;
  const std::optional<Domain> domain = ReadDomain(text, at->right);
  if (!domain) return std::nullopt;

  Selector selector;
  selector.kind = SelectorKind::kEmail;
  selector.value = Lower(Text(text, *local)) + "@";
  for (size_t i = 0; i < domain->labels.size(); ++i) {
    if (i > 0) selector.value += '.';
    selector.value += Lower(Text(text, domain->labels[i]));
  }
  selector.begin = local->begin;
  selector.end = domain->labels.back().end;
  selector.raw = std::string(Text(text, {selector.begin, selector.end}));
  const bool obfuscated = at->obfuscated || domain->obfuscated;
  selector.confidence = obfuscated ? kObfuscatedEmailConfidence : 1.0;
  return selector;
}

bool MayStartSeparator(char c) { return c == '@' || c == 'A' || ClosingBracket(c) != '\0'; }

}  // namespace

std::vector<Selector> ExtractEmails(std::string_view text) {
  std::vector<Selector> emails;
  size_t last_end = 0;
  for (size_t pos = 0; pos < text.size(); ++pos) {
    if (!MayStartSeparator(text[pos])) continue;
    std::optional<Selector> email = MatchEmailAt(text, pos);
    if (!email || email->begin < last_end) continue;
    last_end = email->end;
    pos = email->end - 1;
    emails.push_back(std::move(*email));
  }
  return emails;
}

std::optional<std::string> NormalizeEmail(std::string_view input) {
  const std::string_view trimmed = TrimSpace(input);
  std::vector<Selector> emails = ExtractEmails(trimmed);
  if (emails.size() != 1 || emails[0].begin != 0 || emails[0].end != trimmed.size()) {
    return std::nullopt;
  }
  return std::move(emails[0].value);
}

}  // namespace harrier::extractors
