#include "extractors/text_extractor.h"

#include <algorithm>
#include <iterator>
#include <utility>

#include "extractors/email_extractor.h"
#include "extractors/postcode_extractor.h"
#include "extractors/utf8.h"

namespace harrier::extractors {
namespace {

constexpr std::string_view kEllipsis = "…";

bool OverlapsAny(const Selector& selector, const std::vector<Selector>& others) {
  return std::any_of(others.begin(), others.end(), [&](const Selector& other) {
    return selector.begin < other.end && other.begin < selector.end;
  });
}

// Copies text[begin, end) with every run of Unicode whitespace (line breaks,
// tabs, no-break spaces) turned into one ASCII space, and none at the ends.
std::string CollapseSpace(std::string_view text, size_t begin, size_t end) {
  std::string out;
  out.reserve(end - begin);
  bool pending_space = false;
  for (size_t pos = begin, length = 0; pos < end; pos += length) {
    const char32_t c = CodePointAt(text, pos, &length);
    if (length == 0) break;
    if (IsSpace(c)) {
      pending_space = true;
      continue;
    }
    if (pending_space && !out.empty()) out += ' ';
    pending_space = false;
    out.append(text.substr(pos, length));
  }
  return out;
}

}  // namespace

TextExtractor::TextExtractor(ExtractorOptions options)
    : options_(std::move(options)),
      phones_(options_.default_region, options_.accept_drama_ranges) {}

std::vector<Selector> TextExtractor::Extract(std::string_view text) const {
  std::vector<Selector> all = phones_.Extract(text);
  std::vector<Selector> emails = ExtractEmails(text);
  // "ls14ap@example.com": a postcode inside an address is part of the
  // address, not a place. A phone number used as a local part is kept: it
  // links the address to the number.
  for (Selector& postcode : ExtractPostcodes(text)) {
    if (!OverlapsAny(postcode, emails)) all.push_back(std::move(postcode));
  }
  std::move(emails.begin(), emails.end(), std::back_inserter(all));
  std::stable_sort(all.begin(), all.end(),
                   [](const Selector& a, const Selector& b) { return a.begin < b.begin; });
  for (Selector& selector : all) {
    selector.snippet = MakeSnippet(text, selector.begin, selector.end, options_.snippet_context);
  }
  return all;
}

std::optional<std::string> TextExtractor::Normalize(SelectorKind kind,
                                                    std::string_view input) const {
  switch (kind) {
    case SelectorKind::kPhone:
      return phones_.Normalize(input);
    case SelectorKind::kEmail:
      return NormalizeEmail(input);
    case SelectorKind::kPostcode:
      return NormalizePostcode(input);
    default:
      return std::nullopt;
  }
  return std::nullopt;
}

std::string MakeSnippet(std::string_view text, size_t begin, size_t end, size_t context) {
  end = std::min(end, text.size());
  begin = std::min(begin, end);
  // Widen to whole characters rather than cut one in half.
  const size_t from = CharStartAtOrBefore(text, begin > context ? begin - context : 0);
  const size_t to = CharEndAtOrAfter(text, end + std::min(context, text.size() - end));
  std::string snippet;
  if (from > 0) snippet += kEllipsis;
  snippet += CollapseSpace(text, from, to);
  if (to < text.size()) snippet += kEllipsis;
  return snippet;
}

}  // namespace harrier::extractors
