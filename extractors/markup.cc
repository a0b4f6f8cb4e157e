#include "extractors/markup.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <iterator>
#include <string>

#include "extractors/counting_iterator.h"
#include "extractors/utf8.h"

namespace harrier::extractors {
namespace {

// Elements a browser lays out as blocks or line breaks: their tags become
// '\n' so that words and numbers in neighbouring blocks stay apart.
constexpr std::string_view kBlockTags[] = {
    "address", "article",  "aside", "blockquote", "body",   "br",       "caption",    "center",
    "dd",      "details",  "div",   "dl",         "dt",     "fieldset", "figcaption", "figure",
    "footer",  "form",     "h1",    "h2",         "h3",     "h4",       "h5",         "h6",
    "head",    "header",   "hr",    "html",       "li",     "main",     "nav",        "ol",
    "option",  "p",        "pre",   "section",    "select", "summary",  "table",      "tbody",
    "td",      "textarea", "tfoot", "th",         "thead",  "title",    "tr",         "ul"};

// Elements whose content is never shown as text: skipped to their end tag.
constexpr std::string_view kDroppedTags[] = {"iframe", "noembed", "noframes", "noscript",
                                             "script", "style",   "template", "xmp"};

constexpr size_t kMaxTagName = 16;  // longer names are kept as "unknown"

bool IsHtmlSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// Bytes that end a tag name (HTML space, '/', '>') and, with '=', an
// attribute name: one table lookup per byte of every tag instead of up to
// eight comparisons.
enum : uint8_t { kEndsTagName = 1, kEndsAttributeName = 2 };
constexpr auto kNameEnds = [] {
  std::array<uint8_t, 256> table{};
  for (const char c : {' ', '\t', '\n', '\r', '\f', '/', '>'}) {
    table[static_cast<unsigned char>(c)] = kEndsTagName | kEndsAttributeName;
  }
  table['='] = kEndsAttributeName;
  return table;
}();

bool EndsName(char c, uint8_t kind) {
  return (kNameEnds[static_cast<unsigned char>(c)] & kind) != 0;
}

bool StartsWithIgnoringCase(std::string_view text, size_t pos, std::string_view prefix) {
  if (text.size() - std::min(pos, text.size()) < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (AsciiToLower(text[pos + i]) != prefix[i]) return false;
  }
  return true;
}

// Every tag of a page is looked up: an open-addressing table built at
// compile time, so a lookup is a hash of the length and the end letters and
// usually one comparison.
constexpr size_t kTagSlots = 128;  // > 2x the names of the larger list

constexpr size_t TagSlot(std::string_view name) {
  return (name.size() * 37 + static_cast<unsigned char>(name.front()) * 11 +
          static_cast<unsigned char>(name.back())) %
         kTagSlots;
}

struct TagSet {
  std::string_view slots[kTagSlots] = {};

  template <size_t N>
  constexpr explicit TagSet(const std::string_view (&names)[N]) {
    for (const std::string_view name : names) {
      size_t slot = TagSlot(name);
      while (!slots[slot].empty()) slot = (slot + 1) % kTagSlots;
      slots[slot] = name;
    }
  }

  bool Contains(std::string_view name) const {
    if (name.empty()) return false;
    for (size_t slot = TagSlot(name); !slots[slot].empty(); slot = (slot + 1) % kTagSlots) {
      if (slots[slot] == name) return true;
    }
    return false;
  }
};

constexpr TagSet kBlockTagSet(kBlockTags);
constexpr TagSet kDroppedTagSet(kDroppedTags);

// A link target worth reading: it names a scheme (tel:, https:, mailto:,
// or a redirect carrying one) or a host ("//host", "www."), not a relative
// path, a fragment or a script.
bool IsUsefulHref(std::string_view href) {
  if (StartsWithIgnoringCase(href, 0, "javascript:") || StartsWithIgnoringCase(href, 0, "data:")) {
    return false;
  }
  return href.find(':') != std::string_view::npos || StartsWithIgnoringCase(href, 0, "//") ||
         StartsWithIgnoringCase(href, 0, "www.");
}

struct Tag {
  // Lower case; empty when longer than kMaxTagName. In the tag itself, not
  // a string built a byte at a time: every tag of a page is parsed.
  char name_bytes[kMaxTagName] = {};
  size_t name_size = 0;
  size_t end = 0;  // just after '>'
  size_t href_begin = 0;
  size_t href_end = 0;  // href_begin == href_end: none
  bool closed = false;  // a '>' was found

  std::string_view name() const { return {name_bytes, name_size}; }
};

class Stripper {
 public:
  explicit Stripper(std::string_view html) : in_(html) {
    out_.text.reserve(html.size());
    out_.source_begin.reserve(html.size());
    out_.source_end.reserve(html.size());
  }

  NormalizedText Run() {
    size_t pos = 0;
    while (pos < in_.size()) {
      const size_t lt = in_.find('<', pos);
      if (lt == std::string_view::npos) {
        CopyText(pos, in_.size());
        break;
      }
      CopyText(pos, lt);
      pos = Markup(lt);
    }
    return std::move(out_);
  }

 private:
  void CopyText(size_t begin, size_t end) {
    out_.text.append(in_.substr(begin, end - begin));
    // Inserted from counting iterators: one capacity check and each entry
    // written once (resize would zero-fill first; the runs between tags are
    // short, so the memset calls cost more than the bytes).
    const auto first = static_cast<uint32_t>(begin);
    const auto last = static_cast<uint32_t>(end);
    out_.source_begin.insert(out_.source_begin.end(), CountingIterator(first),
                             CountingIterator(last));
    out_.source_end.insert(out_.source_end.end(), CountingIterator(first + 1),
                           CountingIterator(last + 1));
  }

  void Insert(std::string_view bytes, size_t begin, size_t end) {
    out_.text.append(bytes);
    out_.source_begin.insert(out_.source_begin.end(), bytes.size(), static_cast<uint32_t>(begin));
    out_.source_end.insert(out_.source_end.end(), bytes.size(), static_cast<uint32_t>(end));
  }

  // Position just after `needle` found at or after `from`; the end of the
  // input when there is none (an unclosed comment hides the rest).
  size_t SkipPast(std::string_view needle, size_t from) const {
    const size_t at = in_.find(needle, std::min(from, in_.size()));
    return at == std::string_view::npos ? in_.size() : at + needle.size();
  }

  // Handles the '<' at `lt`; returns where text resumes.
  size_t Markup(size_t lt) {
    const char next = lt + 1 < in_.size() ? in_[lt + 1] : '\0';
    if (next == '!') {
      if (in_.compare(lt, 4, "<!--") == 0) return SkipPast("-->", lt + 2);
      if (in_.compare(lt, 9, "<![CDATA[") == 0) return SkipPast("]]>", lt + 9);
      return SkipPast(">", lt + 2);  // doctype, bogus comment
    }
    if (next == '?') return SkipPast(">", lt + 2);
    const bool end_tag = next == '/';
    if (end_tag && !(lt + 2 < in_.size() && IsAsciiAlpha(in_[lt + 2]))) {
      return SkipPast(">", lt + 2);  // "</>", "</ 3": bogus comment
    }
    if (!end_tag && !IsAsciiAlpha(next)) {
      CopyText(lt, lt + 1);  // "age < 30", "<3", "<<<<"
      return lt + 1;
    }
    const Tag tag = ParseTag(lt, end_tag);
    if (!tag.closed) return in_.size();
    if (kBlockTagSet.Contains(tag.name())) Insert("\n", lt, tag.end);
    if (end_tag) return tag.end;
    if (kDroppedTagSet.Contains(tag.name())) return SkipRawText(tag.end, tag.name());
    if (tag.name() == "a") CopyLinkTarget(tag);
    return tag.end;
  }

  void CopyLinkTarget(const Tag& tag) {
    // Browsers strip the spaces around a URL; so does the copy.
    size_t begin = tag.href_begin;
    size_t end = tag.href_end;
    while (begin < end && IsHtmlSpace(in_[begin])) ++begin;
    while (end > begin && IsHtmlSpace(in_[end - 1])) --end;
    if (end == begin || !IsUsefulHref(in_.substr(begin, end - begin))) return;
    Insert(" (", begin, begin);
    CopyText(begin, end);
    Insert(") ", end, end);
  }

  Tag ParseTag(size_t lt, bool end_tag) const {
    Tag tag;
    size_t p = lt + (end_tag ? 2 : 1);
    const size_t name_begin = p;
    while (p < in_.size() && !EndsName(in_[p], kEndsTagName)) ++p;
    if (p - name_begin <= kMaxTagName) {
      for (size_t i = name_begin; i < p; ++i)
        tag.name_bytes[tag.name_size++] = AsciiToLower(in_[i]);
    }
    if (!ParseAttributes(p, &tag)) {
      // An attribute quote that never closes: a browser would swallow the
      // rest of the page; read the tag as ending at its first '>' instead.
      const size_t gt = in_.find('>', lt + 1);
      tag.href_begin = tag.href_end = 0;
      tag.closed = gt != std::string_view::npos;
      tag.end = tag.closed ? gt + 1 : in_.size();
    }
    return tag;
  }

  // Reads attributes from `p` up to the closing '>'. Returns false when a
  // quoted value runs to the end of the input.
  bool ParseAttributes(size_t p, Tag* tag) const {
    const size_t n = in_.size();
    while (p < n) {
      while (p < n && (IsHtmlSpace(in_[p]) || in_[p] == '/')) ++p;
      if (p >= n) break;
      if (in_[p] == '>') {
        tag->closed = true;
        tag->end = p + 1;
        return true;
      }
      const size_t name_begin = p++;  // a name may start with '='
      while (p < n && !EndsName(in_[p], kEndsAttributeName)) ++p;
      const bool is_href = p - name_begin == 4 && StartsWithIgnoringCase(in_, name_begin, "href");
      while (p < n && IsHtmlSpace(in_[p])) ++p;
      if (p >= n || in_[p] != '=') continue;
      ++p;
      while (p < n && IsHtmlSpace(in_[p])) ++p;
      size_t value_begin = p;
      size_t value_end = p;
      if (p < n && (in_[p] == '"' || in_[p] == '\'')) {
        const size_t close = in_.find(in_[p], p + 1);
        if (close == std::string_view::npos) return false;
        value_begin = p + 1;
        value_end = close;
        p = close + 1;
      } else {
        while (p < n && !IsHtmlSpace(in_[p]) && in_[p] != '>') ++p;
        value_end = p;
      }
      if (is_href && tag->href_end == tag->href_begin) {
        tag->href_begin = value_begin;
        tag->href_end = value_end;
      }
    }
    tag->closed = false;
    return true;
  }

  // After the start tag of a raw-text element: skips to just after its end
  // tag ("</script" then space, '/' or '>'), or to the end of the input.
  size_t SkipRawText(size_t from, std::string_view name) const {
    for (size_t p = from;;) {
      const size_t at = in_.find("</", p);
      if (at == std::string_view::npos) return in_.size();
      const size_t after = at + 2 + name.size();
      if (StartsWithIgnoringCase(in_, at + 2, name) &&
          (after >= in_.size() || IsHtmlSpace(in_[after]) || in_[after] == '/' ||
           in_[after] == '>')) {
        return SkipPast(">", after);
      }
      p = at + 2;
    }
  }

  std::string_view in_;
  NormalizedText out_;
};

}  // namespace

NormalizedText StripMarkup(std::string_view html) { return Stripper(html).Run(); }

}  // namespace harrier::extractors
