// The pre-pass that keeps hostile nesting away from Gumbo; see the header.
// The simulation follows WHATWG HTML §13.2.6 ("tree construction") closely
// where depth is concerned and loosely elsewhere: it only has to keep
// ordinary sloppy markup far below the cap and crafted nesting under it.
#include "scrapers/html_input_guard.h"

#include <algorithm>
#include <cstdint>
#include <unordered_map>
#include <utility>
#include <vector>

namespace harrier::scrapers {
namespace {

// Start tags are cut a little deeper than max_depth, so that where the
// estimate runs slightly high nothing the conversion would keep is lost.
constexpr size_t kDepthSlack = 8;
// Formatting elements closed implicitly are reopened before the next text
// (§13.2.4.3). Hundreds of them with distinct attributes, reopened in every
// paragraph, turn a small page into millions of elements; ugly but real pages
// reopen a few per paragraph. A page may reopen this many, plus one per
// kBytesPerReopen bytes (fewer elements than the smallest tags, "<b>", give),
// or it is refused.
constexpr int64_t kFreeReopens = 100000;
constexpr int64_t kBytesPerReopen = 4;

bool IsAsciiAlpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool IsHtmlSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}
char LowerAscii(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
}

// FNV-1a over the lower-cased bytes; names are compared by this hash.
uint64_t HashName(std::string_view s, uint64_t h = 1469598103934665603ULL) {
  for (char c : s) {
    h ^= static_cast<unsigned char>(LowerAscii(c));
    h *= 1099511628211ULL;
  }
  return h;
}

// ---- What the tree builder does with each tag name -----------------------

enum TagFlag : uint32_t {
  kVoid = 1 << 0,
  kSpecial = 1 << 1,     // the "special" category (§13.2.4.2)
  kFormatting = 1 << 2,  // goes in the list of active formatting elements
  kScope = 1 << 3,       // bounds "has an element in scope"
  kTableScope = 1 << 4,  // bounds "in table scope"
  kListScope = 1 << 5,   // also bounds "in list item scope"
  kButton = 1 << 6,      // also bounds "in button scope"
  kClosesP = 1 << 7,     // start tag closes a <p> in button scope
  kRawText = 1 << 8,     // content is text up to the matching end tag
  kMarker = 1 << 9,      // inserts a marker in the formatting list
  kHeading = 1 << 10,
  kLiPassThrough = 1 << 11,   // address, div, p: <li> looks past them
  kTableStructure = 1 << 12,  // ignored outside a table
  kNoReconstruct = 1 << 13,   // start tag does not reopen formatting elements
  kScopedEnd = 1 << 14,       // end tag pops to the element if it is in scope
  kBreakout = 1 << 15,        // start tag leaves SVG/MathML content
  kIntegration = 1 << 16,     // SVG/MathML element whose content is HTML
};

// Tag names the simulation treats specially; any other name is kOther.
enum class Tag : uint8_t {
  kOther,
  kIgnored,
  kP,
  kLi,
  kDdDt,
  kOption,
  kOptgroup,
  kSelect,
  kInputish,
  kTd,
  kTr,
  kSection,
  kCaption,
  kTable,
  kForm,
  kA,
  kForeign,
  kPlaintext,
  kButton,
  kTemplate,
  kScript,
  kFrameset
};

struct TagInfo {
  uint32_t flags = 0;
  Tag tag = Tag::kOther;
};

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
    {kRawText,
     "script style xmp iframe noembed noframes textarea title plaintext"},
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

TagInfo LookupTag(uint64_t name) {
  const auto& table = TagTable();
  auto it = table.find(name);
  return it == table.end() ? TagInfo{} : it->second;
}

// Past a comment, doctype or bogus comment starting at `lt` ("<!" or "<?"),
// or the end of the page.
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

// ---- The simulated tree builder ------------------------------------------

struct Open {
  uint64_t name;
  TagInfo info;
  int32_t active_id;  // entry in the formatting list, or -1
  bool foreign;       // an SVG or MathML element
};

struct ActiveEntry {
  int32_t id;
  uint64_t identity;  // tag name and raw attributes, for the "Noah's Ark" rule
  Open element;
  bool marker;
  bool on_stack;
};

struct StartToken {
  uint64_t name;
  TagInfo info;
  uint64_t identity;
  bool self_closing;
};

// Follows the stack of open elements and the list of active formatting
// elements, and records the cuts.
class InputGuard {
 public:
  explicit InputGuard(const HtmlLimits& limits)
      : cap_(static_cast<size_t>(std::max(limits.max_depth, 1)) + kDepthSlack),
        max_attributes_(std::max(limits.max_attributes, 0)) {
    for (std::string_view name : {"html", "body"}) {
      const uint64_t h = HashName(name);
      stack_.push_back({h, LookupTag(h), -1, false});
    }
  }

  Result<std::string_view> Run(std::string_view html, std::string* storage);

 private:
  enum class Action { kPushed, kDropped, kNotPushed };
  struct TagExtent {
    size_t close = std::string_view::npos;     // the ">" or the "/" of "/>"
    size_t end = std::string_view::npos;       // just past the tag; npos at EOF
    size_t cut_from = std::string_view::npos;  // where excess attributes start
    bool self_closing = false;
  };

  // Tokenizing.
  size_t StartTagAt(std::string_view html, size_t lt);
  size_t EndTagAt(std::string_view html, size_t lt);
  TagExtent ScanAttributes(std::string_view html, size_t pos) const;
  size_t SkipRawText(std::string_view html, size_t from,
                     std::string_view name) const;

  // Tree building.
  Action StartTag(const StartToken& t, bool* raw);
  Action InsertForeign(const StartToken& t);
  Action PushIfRoom(const StartToken& t, bool foreign);
  bool StartInSelect(Tag tag);
  void PrepareTableStructure(Tag tag);
  void EndTag(uint64_t name, const TagInfo& info);
  void EndFormatting(uint64_t name);
  void EndOther(uint64_t name);
  void EndForm();
  void EndSelect();
  void Text() {
    if (!InSelect() && !InForeign()) Reconstruct();
  }

  // The stack of open elements.
  bool IsSpecial(const Open& e) const;
  bool Bounds(const Open& e, uint32_t bounds) const;
  int FindInScope(uint64_t name, uint32_t bounds) const;
  int FindTagInScope(Tag tag, uint32_t bounds) const;
  bool InSelect() const;
  bool InForeign() const;
  void Push(const StartToken& t, bool foreign);
  void PushImplied(std::string_view name);
  void Pop();
  void PopTo(size_t size);
  void PopThrough(Tag tag, uint32_t bounds);
  void CloseP() { PopThrough(Tag::kP, kScope | kButton); }
  void CloseListItem(Tag tag);

  // The list of active formatting elements.
  void CloseActiveA();
  void Reconstruct();
  void NoahsArk(uint64_t identity);
  void ClearToLastMarker();
  void Unlink(int32_t active_id);
  int ActiveIndex(int32_t id) const;
  int LastActive(uint64_t name) const;

  const size_t cap_;
  const int max_attributes_;
  std::vector<Open> stack_;
  std::vector<ActiveEntry> active_;
  std::unordered_map<uint64_t, int> dropped_;  // start tags cut, by name
  std::vector<std::pair<size_t, size_t>> cuts_;
  int32_t next_id_ = 0;
  int64_t reopened_ = 0;
  bool form_open_ = false;  // the tree builder's "form element pointer"
  int selects_ = 0;         // <select> open
};

Result<std::string_view> InputGuard::Run(std::string_view html,
                                         std::string* storage) {
  const size_t n = html.size();
  const int64_t max_reopened =
      kFreeReopens + static_cast<int64_t>(n) / kBytesPerReopen;
  size_t i = 0;
  while (i < n) {
    if (reopened_ > max_reopened) {
      return Status::Rejected(
          "parse html: markup reopens formatting elements " +
          std::to_string(reopened_) + " times");
    }
    const size_t lt = html.find('<', i);
    if (lt != i) Text();  // characters before the next tag (or EOF)
    if (lt == std::string_view::npos || lt + 1 >= n) break;
    const char c = html[lt + 1];
    if (c == '!' || c == '?') {
      i = SkipMarkupDeclaration(html, lt);
    } else if (c == '/') {
      i = EndTagAt(html, lt);
    } else if (IsAsciiAlpha(c)) {
      i = StartTagAt(html, lt);
    } else {
      i = lt + 1;  // a literal "<"
    }
  }
  if (cuts_.empty()) return html;
  storage->clear();
  storage->reserve(n);
  size_t from = 0;
  for (const auto& [begin, end] : cuts_) {
    storage->append(html.substr(from, begin - from));
    from = end;
  }
  storage->append(html.substr(from));
  return std::string_view(*storage);
}

// The tokenizer's attribute states, only to find where the tag ends (a ">"
// inside a quoted value does not end it) and where attributes start.
InputGuard::TagExtent InputGuard::ScanAttributes(std::string_view html,
                                                 size_t pos) const {
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
    if (++count == max_attributes_ + 1) x.cut_from = last_end;
    ++pos;  // the first character is part of the name even if it is "="
    while (pos < n && !IsHtmlSpace(html[pos]) && html[pos] != '/' &&
           html[pos] != '>' && html[pos] != '=') {
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

// Raw text runs to "</name" followed by space, "/" or ">" (or to EOF).
size_t InputGuard::SkipRawText(std::string_view html, size_t from,
                               std::string_view name) const {
  const uint64_t h = HashName(name);
  const size_t n = html.size();
  for (size_t e = html.find("</", from); e != std::string_view::npos;
       e = html.find("</", e + 2)) {
    const size_t after = e + 2 + name.size();
    if (after <= n && HashName(html.substr(e + 2, name.size())) == h &&
        (after == n || IsHtmlSpace(html[after]) || html[after] == '/' ||
         html[after] == '>')) {
      return e;
    }
  }
  return n;
}

size_t InputGuard::StartTagAt(std::string_view html, size_t lt) {
  const size_t n = html.size();
  size_t name_end = lt + 1;
  while (name_end < n && !IsHtmlSpace(html[name_end]) &&
         html[name_end] != '/' && html[name_end] != '>') {
    ++name_end;
  }
  const std::string_view name = html.substr(lt + 1, name_end - lt - 1);
  const TagExtent x = ScanAttributes(html, name_end);
  // A tag cut off by the end of the page is dropped by the tokenizer too.
  if (x.end == std::string_view::npos) return n;
  StartToken t;
  t.name = HashName(name);
  t.info = LookupTag(t.name);
  t.identity = HashName(html.substr(name_end, x.close - name_end), t.name);
  t.self_closing = x.self_closing;
  bool raw = false;
  const Action action = StartTag(t, &raw);
  if (action == Action::kDropped) {
    cuts_.emplace_back(lt, x.end);
  } else if (x.cut_from != std::string_view::npos) {
    cuts_.emplace_back(x.cut_from, x.close);
  }
  if (!raw || action == Action::kNotPushed) {
    if (action == Action::kDropped) ++dropped_[t.name];
    return x.end;
  }
  if (t.info.tag == Tag::kPlaintext) {  // everything after it is text
    if (action == Action::kDropped) cuts_.back().second = n;
    return n;
  }
  const size_t e = SkipRawText(html, x.end, name);
  if (action == Action::kPushed) return e;  // the end tag is tokenized as usual
  // Dropped: the content and the end tag go too, or the text would be parsed.
  const size_t gt = html.find('>', e);
  cuts_.back().second = gt == std::string_view::npos ? n : gt + 1;
  return cuts_.back().second;
}

size_t InputGuard::EndTagAt(std::string_view html, size_t lt) {
  const size_t n = html.size();
  const size_t p = lt + 2;
  if (p >= n) return n;
  if (!IsAsciiAlpha(html[p])) {  // "</>" is ignored, "</3" a bogus comment
    const size_t gt = html.find('>', p);
    return gt == std::string_view::npos ? n : gt + 1;
  }
  size_t name_end = p;
  while (name_end < n && !IsHtmlSpace(html[name_end]) &&
         html[name_end] != '/' && html[name_end] != '>') {
    ++name_end;
  }
  const TagExtent x = ScanAttributes(html, name_end);
  if (x.end == std::string_view::npos) return n;
  const uint64_t name = HashName(html.substr(p, name_end - p));
  if (LookupTag(name).tag == Tag::kFrameset) {
    cuts_.emplace_back(lt, x.end);
  } else if (auto it = dropped_.find(name);
             it != dropped_.end() && it->second > 0) {
    --it->second;  // the end tag of a start tag that was cut
    cuts_.emplace_back(lt, x.end);
  } else {
    EndTag(name, LookupTag(name));
  }
  return x.end;
}

InputGuard::Action InputGuard::StartTag(const StartToken& t, bool* raw) {
  const Tag tag = t.info.tag;
  const uint32_t flags = t.info.flags;
  if (InForeign()) {  // §13.2.6.5
    if (!(flags & kBreakout)) return InsertForeign(t);
    while (InForeign()) Pop();
  }
  if (tag == Tag::kIgnored) return Action::kNotPushed;
  // A <frameset> would replace <body> and nest without bound in a mode where
  // little else counts. Adverts are not framesets: it is always cut, so the
  // page parses as a body (its <frame>s are ignored).
  if (tag == Tag::kFrameset) return Action::kDropped;
  if (InSelect() && !StartInSelect(tag)) return Action::kNotPushed;
  if (flags & kTableStructure) {
    if (FindTagInScope(Tag::kTable, kTableScope) < 0) return Action::kNotPushed;
    PrepareTableStructure(tag);
  } else if (!(flags & (kClosesP | kNoReconstruct))) {
    Reconstruct();
  }
  switch (tag) {
    case Tag::kOption:
    case Tag::kOptgroup:
      if (stack_.back().info.tag == Tag::kOption) Pop();
      break;
    case Tag::kLi:
    case Tag::kDdDt:
      CloseListItem(tag);
      break;
    case Tag::kA:
      CloseActiveA();
      break;
    case Tag::kForm:
      if (form_open_) return Action::kNotPushed;
      break;
    case Tag::kButton:
      PopThrough(Tag::kButton, kScope);
      break;
    case Tag::kTable:
      if (stack_.back().info.tag == Tag::kTable) Pop();
      break;
    case Tag::kForeign:
      return InsertForeign(t);
    default:
      break;
  }
  if (flags & kClosesP) CloseP();
  if ((flags & kHeading) && (stack_.back().info.flags & kHeading)) Pop();
  if (flags & kVoid) return Action::kNotPushed;
  *raw = (flags & kRawText) != 0;
  return PushIfRoom(t, false);
}

InputGuard::Action InputGuard::PushIfRoom(const StartToken& t, bool foreign) {
  if (stack_.size() >= cap_) return Action::kDropped;
  Push(t, foreign);
  return Action::kPushed;
}

// SVG and MathML: "/>" closes, and no HTML rule applies.
InputGuard::Action InputGuard::InsertForeign(const StartToken& t) {
  if (t.self_closing) return Action::kNotPushed;
  return PushIfRoom(t, true);
}

// "in select": most start tags are ignored. Returns whether the tag is
// processed further.
bool InputGuard::StartInSelect(Tag tag) {
  switch (tag) {
    case Tag::kOption:
      return true;
    case Tag::kOptgroup:
      if (stack_.back().info.tag == Tag::kOption) Pop();
      if (stack_.back().info.tag == Tag::kOptgroup) Pop();
      return true;
    case Tag::kSelect:
      EndSelect();
      return false;
    case Tag::kInputish:
      EndSelect();
      return true;
    case Tag::kScript:
    case Tag::kTemplate:
      return true;
    default:
      return false;
  }
}

// Implied ends, and implied <tbody>/<tr>, around table structure start tags.
void InputGuard::PrepareTableStructure(Tag tag) {
  int table = -1, section = -1, row = -1;
  for (int k = static_cast<int>(stack_.size()) - 1; k >= 0; --k) {
    const Tag at = stack_[k].info.tag;
    if (at == Tag::kTr && row < 0 && section < 0) row = k;
    if (at == Tag::kSection && section < 0) section = k;
    if (at == Tag::kTable) {
      table = k;
      break;
    }
  }
  if (table < 0) return;
  if (tag == Tag::kCaption || tag == Tag::kSection) {
    PopTo(table + 1);
  } else if (tag == Tag::kTr) {
    PopTo((section >= 0 ? section : table) + 1);
    if (section < 0) PushImplied("tbody");
  } else if (tag == Tag::kTd) {
    if (row >= 0) {
      PopTo(row + 1);
    } else {
      PopTo((section >= 0 ? section : table) + 1);
      if (section < 0) PushImplied("tbody");
      PushImplied("tr");
    }
  }
}

void InputGuard::EndTag(uint64_t name, const TagInfo& info) {
  // In SVG/MathML the end tag closes the nearest foreign element of that
  // name; reaching an HTML element hands it to the HTML rules.
  for (int k = static_cast<int>(stack_.size()) - 1; k >= 2 && stack_[k].foreign;
       --k) {
    if (stack_[k].name == name) return PopTo(k);
  }
  if (InSelect() && info.tag != Tag::kOption && info.tag != Tag::kOptgroup &&
      info.tag != Tag::kSelect && info.tag != Tag::kTemplate) {
    return;  // "in select" ignores other end tags
  }
  if (info.tag == Tag::kIgnored) return;
  if (name == HashName("br")) return Reconstruct();  // </br> is <br>
  if (info.tag == Tag::kForm) return EndForm();
  if (info.tag == Tag::kSelect) return EndSelect();
  if (info.flags & kFormatting) return EndFormatting(name);
  if (!(info.flags & kScopedEnd) ||
      ((info.flags & kTableStructure) &&
       FindTagInScope(Tag::kTable, kTableScope) < 0)) {
    return EndOther(name);
  }
  uint32_t bounds = kScope;
  if (info.tag == Tag::kLi) bounds = kScope | kListScope;
  if (info.tag == Tag::kP) bounds = kScope | kButton;
  if ((info.flags & kTableStructure) || info.tag == Tag::kTable) {
    bounds = kTableScope;
  }
  if (info.tag == Tag::kTemplate) bounds = 0;
  if (info.flags & kHeading) {  // </h2> closes whichever heading is open
    for (int k = static_cast<int>(stack_.size()) - 1; k >= 2; --k) {
      if (!stack_[k].foreign && (stack_[k].info.flags & kHeading)) {
        return PopTo(k);
      }
      if (Bounds(stack_[k], bounds)) return;
    }
    return;
  }
  const int k = FindInScope(name, bounds);
  if (k >= 0) PopTo(k);
}

// The adoption agency algorithm (§13.2.6.4.7), as far as depth goes: with no
// special element above the formatting element it pops to it; otherwise the
// element moves under the "furthest block" and the depth does not change.
void InputGuard::EndFormatting(uint64_t name) {
  const int k = LastActive(name);
  if (k < 0) return EndOther(name);
  if (!active_[k].on_stack) {
    active_.erase(active_.begin() + k);
    return;
  }
  const int32_t id = active_[k].id;
  int at = static_cast<int>(stack_.size()) - 1;
  for (; at >= 0 && stack_[at].active_id != id; --at) {
    if (IsSpecial(stack_[at])) return;
  }
  if (at < 0) return;
  PopTo(at);
  if (int still = ActiveIndex(id); still >= 0) {
    active_.erase(active_.begin() + still);
  }
}

// "Any other end tag": pop to the same name unless a special element is in
// the way.
void InputGuard::EndOther(uint64_t name) {
  for (int k = static_cast<int>(stack_.size()) - 1; k >= 2; --k) {
    if (stack_[k].name == name) return PopTo(k);
    if (IsSpecial(stack_[k])) return;
  }
}

// </form> removes the form element alone; what is open inside it stays.
void InputGuard::EndForm() {
  if (!form_open_) return;
  form_open_ = false;
  const int k = FindTagInScope(Tag::kForm, kScope);
  if (k >= 0) stack_.erase(stack_.begin() + k);
}

// Pops to the <select> if it is in select scope (only options in the way).
void InputGuard::EndSelect() {
  if (selects_ == 0) return EndOther(HashName("select"));
  for (int k = static_cast<int>(stack_.size()) - 1; k >= 2; --k) {
    const Tag t = stack_[k].info.tag;
    if (t == Tag::kSelect && !stack_[k].foreign) return PopTo(k);
    if (t != Tag::kOption && t != Tag::kOptgroup) return;
  }
}

// SVG/MathML elements are special only as integration points.
bool InputGuard::IsSpecial(const Open& e) const {
  return (e.info.flags & (e.foreign ? kIntegration : kSpecial)) != 0;
}

bool InputGuard::Bounds(const Open& e, uint32_t bounds) const {
  if (e.foreign) return (bounds & kScope) && (e.info.flags & kIntegration);
  return (e.info.flags & bounds) != 0;
}

int InputGuard::FindInScope(uint64_t name, uint32_t bounds) const {
  for (int k = static_cast<int>(stack_.size()) - 1; k >= 2; --k) {
    if (stack_[k].name == name && !stack_[k].foreign) return k;
    if (Bounds(stack_[k], bounds)) return -1;
  }
  return -1;
}

int InputGuard::FindTagInScope(Tag tag, uint32_t bounds) const {
  for (int k = static_cast<int>(stack_.size()) - 1; k >= 2; --k) {
    if (stack_[k].info.tag == tag && !stack_[k].foreign) return k;
    if (Bounds(stack_[k], bounds)) return -1;
  }
  return -1;
}

// Outside a <select>, <option> and <optgroup> nest like other elements.
bool InputGuard::InSelect() const {
  const Tag t = stack_.back().info.tag;
  return selects_ > 0 && !stack_.back().foreign &&
         (t == Tag::kSelect || t == Tag::kOption || t == Tag::kOptgroup);
}

// In SVG/MathML content, unless at a point where HTML content resumes.
bool InputGuard::InForeign() const {
  const Open& e = stack_.back();
  return e.foreign && !(e.info.flags & kIntegration);
}

void InputGuard::Push(const StartToken& t, bool foreign) {
  Open e{t.name, t.info, -1, foreign};
  if (!foreign && (t.info.flags & kFormatting)) {
    NoahsArk(t.identity);
    e.active_id = next_id_++;
    active_.push_back({e.active_id, t.identity, e, false, true});
  }
  if (!foreign && (t.info.flags & kMarker))
    active_.push_back({-1, 0, {}, true, false});
  if (!foreign && t.info.tag == Tag::kForm) form_open_ = true;
  if (!foreign && t.info.tag == Tag::kSelect) ++selects_;
  stack_.push_back(e);
}

void InputGuard::PushImplied(std::string_view name) {
  const uint64_t h = HashName(name);
  stack_.push_back({h, LookupTag(h), -1, false});
}

void InputGuard::Pop() {
  if (stack_.size() <= 2) return;  // html and body stay
  const Open e = stack_.back();
  stack_.pop_back();
  if (e.active_id >= 0) {
    if (int k = ActiveIndex(e.active_id); k >= 0) active_[k].on_stack = false;
  }
  if (e.foreign) return;
  if (e.info.flags & kMarker) ClearToLastMarker();
  if (e.info.tag == Tag::kSelect) --selects_;
}

void InputGuard::PopTo(size_t size) {
  while (stack_.size() > std::max<size_t>(size, 2)) Pop();
}

void InputGuard::PopThrough(Tag tag, uint32_t bounds) {
  const int k = FindTagInScope(tag, bounds);
  if (k >= 0) PopTo(k);
}

// <li> closes an open <li> (<dd>/<dt> likewise) unless a special element
// other than address, div or p is in the way.
void InputGuard::CloseListItem(Tag tag) {
  for (int k = static_cast<int>(stack_.size()) - 1; k >= 2; --k) {
    const Open& e = stack_[k];
    if (e.info.tag == tag && !e.foreign) return PopTo(k);
    if (IsSpecial(e) && !(e.info.flags & kLiPassThrough)) return;
  }
}

// A new <a> ends the previous one still in the formatting list.
void InputGuard::CloseActiveA() {
  const uint64_t a = HashName("a");
  const int k = LastActive(a);
  if (k < 0) return;
  const int32_t id = active_[k].id;
  EndFormatting(a);
  const int still = ActiveIndex(id);
  if (still < 0) return;
  if (active_[still].on_stack) {
    for (size_t s = stack_.size(); s-- > 2;) {
      if (stack_[s].active_id == id) {
        stack_.erase(stack_.begin() + static_cast<long>(s));
        break;
      }
    }
  }
  active_.erase(active_.begin() + still);
}

// Reopens formatting elements that were closed implicitly, as Gumbo does
// before most content, so that they count towards the depth.
void InputGuard::Reconstruct() {
  if (active_.empty() || active_.back().marker || active_.back().on_stack)
    return;
  size_t k = active_.size() - 1;
  while (k > 0 && !active_[k - 1].marker && !active_[k - 1].on_stack) --k;
  for (; k < active_.size(); ++k) {
    active_[k].on_stack = true;
    stack_.push_back(active_[k].element);
    ++reopened_;
  }
}

// At most three identical formatting elements after the last marker.
void InputGuard::NoahsArk(uint64_t identity) {
  int count = 0, earliest = -1;
  for (int k = static_cast<int>(active_.size()) - 1;
       k >= 0 && !active_[k].marker; --k) {
    if (active_[k].identity == identity) {
      ++count;
      earliest = k;
    }
  }
  if (count < 3) return;
  Unlink(active_[earliest].id);
  active_.erase(active_.begin() + earliest);
}

void InputGuard::ClearToLastMarker() {
  while (!active_.empty()) {
    const ActiveEntry e = active_.back();
    active_.pop_back();
    if (e.marker) return;
    if (e.on_stack) Unlink(e.id);
  }
}

void InputGuard::Unlink(int32_t active_id) {
  for (size_t s = stack_.size(); s-- > 0;) {
    if (stack_[s].active_id == active_id) {
      stack_[s].active_id = -1;
      return;
    }
  }
}

int InputGuard::ActiveIndex(int32_t id) const {
  for (int k = static_cast<int>(active_.size()) - 1; k >= 0; --k) {
    if (!active_[k].marker && active_[k].id == id) return k;
  }
  return -1;
}

int InputGuard::LastActive(uint64_t name) const {
  for (int k = static_cast<int>(active_.size()) - 1;
       k >= 0 && !active_[k].marker; --k) {
    if (active_[k].element.name == name) return k;
  }
  return -1;
}

}  // namespace

Result<std::string_view> GuardHtmlInput(std::string_view html,
                                        const HtmlLimits& limits,
                                        std::string* storage) {
  return InputGuard(limits).Run(html, storage);
}

}  // namespace harrier::scrapers
