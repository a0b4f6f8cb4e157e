// Tag names and the ends of tags for the HTML input guard; see the header.
#include "scrapers/html_tokenizer.h"

#include <algorithm>
#include <unordered_map>

namespace harrier::scrapers {
namespace {

// Which names carry each flag (§13.2.4.2, §13.2.6.4.7, §13.2.6.5).
constexpr struct {
  uint32_t flag;
  const char* names;
} kFlagNames[] = {
    {kSpecial,
     "address applet area article aside base basefont bgsound blockquote body "
     "br button caption center col colgroup dd details dir div dl dt embed "
     "fieldset figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6 "
     "head header hgroup hr html iframe img input keygen li link listing main "
     "marquee menu meta nav noembed noframes noscript object ol p param "
     "plaintext pre script search section select source style summary table "
     "tbody td template textarea tfoot th thead title tr track ul wbr xmp"},
    {kVoid,
     "area base basefont bgsound br col embed frame hr image img input keygen "
     "link meta param source track wbr"},
    {kFormatting, "a b big code em font i nobr s small strike strong tt u"},
    {kScope, "applet caption html table td th marquee object template"},
    {kTableScope, "html table template"},
    {kListScope, "ol ul"},
    {kButton, "button"},
    {kClosesP,
     "address article aside blockquote center details dialog dir div dl "
     "fieldset figcaption figure footer header hgroup main menu nav ol p "
     "search section summary ul h1 h2 h3 h4 h5 h6 pre listing form plaintext "
     "table hr xmp li dd dt"},
    {kRawText, "script style xmp iframe noembed noframes textarea title plaintext"},
    {kMarker, "applet object marquee template td th caption"},
    {kHeading, "h1 h2 h3 h4 h5 h6"},
    {kLiPassThrough, "address div p"},
    {kTableStructure, "td th tr tbody thead tfoot caption colgroup col"},
    {kNoReconstruct,
     "base basefont bgsound link meta noframes script style template title "
     "textarea iframe noembed hr frameset"},
    {kScopedEnd,
     "address article aside blockquote button center details dialog dir div dl "
     "fieldset figcaption figure footer header hgroup listing main menu nav ol "
     "pre search section summary ul li dd dt p h1 h2 h3 h4 h5 h6 applet "
     "marquee object template table td th tr tbody thead tfoot caption "
     "colgroup"},
    {kBreakout,
     "b big blockquote body br center code dd div dl dt em embed h1 h2 h3 h4 "
     "h5 h6 head hr i img li listing menu meta nobr ol p pre ruby s small span "
     "strong strike sub sup table tt u ul var"},
    {kIntegration, "foreignobject desc title mi mo mn ms mtext annotation-xml"},
};

constexpr struct {
  Tag tag;
  const char* names;
} kTagNames[] = {
    {Tag::kIgnored, "html head body"},
    {Tag::kP, "p"},
    {Tag::kLi, "li"},
    {Tag::kDdDt, "dd dt"},
    {Tag::kOption, "option"},
    {Tag::kOptgroup, "optgroup"},
    {Tag::kSelect, "select"},
    {Tag::kInputish, "input keygen textarea"},
    {Tag::kTd, "td th"},
    {Tag::kTr, "tr"},
    {Tag::kSection, "tbody thead tfoot"},
    {Tag::kCaption, "caption colgroup col"},
    {Tag::kTable, "table"},
    {Tag::kForm, "form"},
    {Tag::kA, "a"},
    {Tag::kForeign, "svg math"},
    {Tag::kPlaintext, "plaintext"},
    {Tag::kButton, "button"},
    {Tag::kTemplate, "template"},
    {Tag::kScript, "script"},
    {Tag::kFrameset, "frameset"},
};

const std::unordered_map<uint64_t, TagInfo>& TagTable() {
  static const auto* table = [] {
    auto* t = new std::unordered_map<uint64_t, TagInfo>;
    // Calls f on the entry of each space-separated name.
    auto each = [t](std::string_view names, auto f) {
      while (!names.empty()) {
        const size_t sp = std::min(names.find(' '), names.size());
        f(&(*t)[HashName(names.substr(0, sp))]);
        names.remove_prefix(std::min(sp + 1, names.size()));
      }
    };
    for (const auto& [flag, names] : kFlagNames) {
      each(names, [flag](TagInfo* info) { info->flags |= flag; });
    }
    for (const auto& [tag, names] : kTagNames) {
      each(names, [tag](TagInfo* info) { info->tag = tag; });
    }
    return t;
  }();
  return *table;
}

}  // namespace

TagInfo LookupTag(uint64_t name) {
  const auto& table = TagTable();
  auto it = table.find(name);
  return it == table.end() ? TagInfo{} : it->second;
}

size_t TagNameEnd(std::string_view html, size_t from) {
  const size_t n = html.size();
  size_t end = from;
  while (end < n && !IsHtmlSpace(html[end]) && html[end] != '/' && html[end] != '>') {
    ++end;
  }
  return end;
}

TagExtent ScanAttributes(std::string_view html, size_t pos, int max_attributes) {
  TagExtent x;
  const size_t n = html.size();
  int count = 0;
  size_t last_end = pos;
  while (pos < n) {
    const char c = html[pos];
    if (c == '>' || (c == '/' && pos + 1 < n && html[pos + 1] == '>')) {
      x.close = pos;
      x.end = pos + (c == '>' ? 1 : 2);
      x.self_closing = c == '/';
      return x;
    }
    if (IsHtmlSpace(c) || c == '/') {
      ++pos;
      continue;
    }
    if (++count == max_attributes + 1) x.cut_from = last_end;
    ++pos;  // the first character is part of the name even if it is "="
    while (pos < n && !IsHtmlSpace(html[pos]) && html[pos] != '/' && html[pos] != '>' &&
           html[pos] != '=') {
      ++pos;
    }
    while (pos < n && IsHtmlSpace(html[pos])) ++pos;
    if (pos < n && html[pos] == '=') {
      ++pos;
      while (pos < n && IsHtmlSpace(html[pos])) ++pos;
      if (pos < n && (html[pos] == '"' || html[pos] == '\'')) {
        const size_t q = html.find(html[pos], pos + 1);
        if (q == std::string_view::npos) return x;
        pos = q + 1;
      } else {
        while (pos < n && !IsHtmlSpace(html[pos]) && html[pos] != '>') ++pos;
      }
    }
    last_end = pos;
  }
  return x;
}

size_t SkipRawText(std::string_view html, size_t from, std::string_view name) {
  const uint64_t h = HashName(name);
  const size_t n = html.size();
  for (size_t e = html.find("</", from); e != std::string_view::npos; e = html.find("</", e + 2)) {
    const size_t after = e + 2 + name.size();
    if (after <= n && HashName(html.substr(e + 2, name.size())) == h &&
        (after == n || IsHtmlSpace(html[after]) || html[after] == '/' || html[after] == '>')) {
      return e;
    }
  }
  return n;
}

size_t SkipMarkupDeclaration(std::string_view html, size_t lt) {
  if (html.substr(lt, 4) == "<!--") {
    // Comments end at "-->", "--!>" or, abruptly, "<!-->" and "<!--->".
    const size_t body = lt + 4;
    if (html.substr(body, 1) == ">") return body + 1;
    if (html.substr(body, 2) == "->") return body + 2;
    for (size_t e = html.find("--", body); e != std::string_view::npos;
         e = html.find("--", e + 1)) {
      if (html.substr(e + 2, 1) == ">") return e + 3;
      if (html.substr(e + 2, 2) == "!>") return e + 4;
    }
    return html.size();
  }
  const size_t gt = html.find('>', lt + 2);
  return gt == std::string_view::npos ? html.size() : gt + 1;
}

}  // namespace harrier::scrapers
