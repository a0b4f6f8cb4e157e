// The tree builder simulation of the HTML input guard; see the header.
#include "scrapers/html_depth_tracker.h"

#include <algorithm>

namespace harrier::scrapers {

HtmlDepthTracker::HtmlDepthTracker(size_t cap) : cap_(cap) {
  for (std::string_view name : {"html", "body"}) {
    const uint64_t h = HashName(name);
    stack_.push_back({h, LookupTag(h), -1, false});
  }
}

HtmlDepthTracker::Action HtmlDepthTracker::StartTag(const StartToken& t, bool* raw) {
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

HtmlDepthTracker::Action HtmlDepthTracker::PushIfRoom(const StartToken& t, bool foreign) {
  if (stack_.size() >= cap_) return Action::kDropped;
  Push(t, foreign);
  return Action::kPushed;
}

// SVG and MathML: "/>" closes, and no HTML rule applies.
HtmlDepthTracker::Action HtmlDepthTracker::InsertForeign(const StartToken& t) {
  if (t.self_closing) return Action::kNotPushed;
  return PushIfRoom(t, true);
}

// "in select": most start tags are ignored. Returns whether the tag is
// processed further.
bool HtmlDepthTracker::StartInSelect(Tag tag) {
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
void HtmlDepthTracker::PrepareTableStructure(Tag tag) {
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

void HtmlDepthTracker::EndTag(uint64_t name, const TagInfo& info) {
  // In SVG/MathML the end tag closes the nearest foreign element of that
  // name; reaching an HTML element hands it to the HTML rules.
  for (int k = static_cast<int>(stack_.size()) - 1; k >= 2 && stack_[k].foreign; --k) {
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
      ((info.flags & kTableStructure) && FindTagInScope(Tag::kTable, kTableScope) < 0)) {
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
void HtmlDepthTracker::EndFormatting(uint64_t name) {
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
void HtmlDepthTracker::EndOther(uint64_t name) {
  for (int k = static_cast<int>(stack_.size()) - 1; k >= 2; --k) {
    if (stack_[k].name == name) return PopTo(k);
    if (IsSpecial(stack_[k])) return;
  }
}

// </form> removes the form element alone; what is open inside it stays.
void HtmlDepthTracker::EndForm() {
  if (!form_open_) return;
  form_open_ = false;
  const int k = FindTagInScope(Tag::kForm, kScope);
  if (k >= 0) stack_.erase(stack_.begin() + k);
}

// Pops to the <select> if it is in select scope (only options in the way).
void HtmlDepthTracker::EndSelect() {
  if (selects_ == 0) return EndOther(HashName("select"));
  for (int k = static_cast<int>(stack_.size()) - 1; k >= 2; --k) {
    const Tag t = stack_[k].info.tag;
    if (t == Tag::kSelect && !stack_[k].foreign) return PopTo(k);
    if (t != Tag::kOption && t != Tag::kOptgroup) return;
  }
}

// SVG/MathML elements are special only as integration points.
bool HtmlDepthTracker::IsSpecial(const Open& e) const {
  return (e.info.flags & (e.foreign ? kIntegration : kSpecial)) != 0;
}

bool HtmlDepthTracker::Bounds(const Open& e, uint32_t bounds) const {
  if (e.foreign) return (bounds & kScope) && (e.info.flags & kIntegration);
  return (e.info.flags & bounds) != 0;
}

int HtmlDepthTracker::FindInScope(uint64_t name, uint32_t bounds) const {
  for (int k = static_cast<int>(stack_.size()) - 1; k >= 2; --k) {
    if (stack_[k].name == name && !stack_[k].foreign) return k;
    if (Bounds(stack_[k], bounds)) return -1;
  }
  return -1;
}

int HtmlDepthTracker::FindTagInScope(Tag tag, uint32_t bounds) const {
  for (int k = static_cast<int>(stack_.size()) - 1; k >= 2; --k) {
    if (stack_[k].info.tag == tag && !stack_[k].foreign) return k;
    if (Bounds(stack_[k], bounds)) return -1;
  }
  return -1;
}

// Outside a <select>, <option> and <optgroup> nest like other elements.
bool HtmlDepthTracker::InSelect() const {
  const Tag t = stack_.back().info.tag;
  return selects_ > 0 && !stack_.back().foreign &&
         (t == Tag::kSelect || t == Tag::kOption || t == Tag::kOptgroup);
}

// In SVG/MathML content, unless at a point where HTML content resumes.
bool HtmlDepthTracker::InForeign() const {
  const Open& e = stack_.back();
  return e.foreign && !(e.info.flags & kIntegration);
}

void HtmlDepthTracker::Push(const StartToken& t, bool foreign) {
  Open e{t.name, t.info, -1, foreign};
  if (!foreign && (t.info.flags & kFormatting)) {
    NoahsArk(t.identity);
    e.active_id = next_id_++;
    active_.push_back({e.active_id, t.identity, e, false, true});
  }
  if (!foreign && (t.info.flags & kMarker)) active_.push_back({-1, 0, {}, true, false});
  if (!foreign && t.info.tag == Tag::kForm) form_open_ = true;
  if (!foreign && t.info.tag == Tag::kSelect) ++selects_;
  stack_.push_back(e);
}

void HtmlDepthTracker::PushImplied(std::string_view name) {
  const uint64_t h = HashName(name);
  stack_.push_back({h, LookupTag(h), -1, false});
}

void HtmlDepthTracker::Pop() {
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

void HtmlDepthTracker::PopTo(size_t size) {
  while (stack_.size() > std::max<size_t>(size, 2)) Pop();
}

void HtmlDepthTracker::PopThrough(Tag tag, uint32_t bounds) {
  const int k = FindTagInScope(tag, bounds);
  if (k >= 0) PopTo(k);
}

// <li> closes an open <li> (<dd>/<dt> likewise) unless a special element
// other than address, div or p is in the way.
void HtmlDepthTracker::CloseListItem(Tag tag) {
  for (int k = static_cast<int>(stack_.size()) - 1; k >= 2; --k) {
    const Open& e = stack_[k];
    if (e.info.tag == tag && !e.foreign) return PopTo(k);
    if (IsSpecial(e) && !(e.info.flags & kLiPassThrough)) return;
  }
}

// A new <a> ends the previous one still in the formatting list.
void HtmlDepthTracker::CloseActiveA() {
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
void HtmlDepthTracker::Reconstruct() {
  if (active_.empty() || active_.back().marker || active_.back().on_stack) return;
  size_t k = active_.size() - 1;
  while (k > 0 && !active_[k - 1].marker && !active_[k - 1].on_stack) --k;
  for (; k < active_.size(); ++k) {
    active_[k].on_stack = true;
    stack_.push_back(active_[k].element);
    ++reopened_;
  }
}

// At most three identical formatting elements after the last marker.
void HtmlDepthTracker::NoahsArk(uint64_t identity) {
  int count = 0, earliest = -1;
  for (int k = static_cast<int>(active_.size()) - 1; k >= 0 && !active_[k].marker; --k) {
    if (active_[k].identity == identity) {
      ++count;
      earliest = k;
    }
  }
  if (count < 3) return;
  Unlink(active_[earliest].id);
  active_.erase(active_.begin() + earliest);
}

void HtmlDepthTracker::ClearToLastMarker() {
  while (!active_.empty()) {
    const ActiveEntry e = active_.back();
    active_.pop_back();
    if (e.marker) return;
    if (e.on_stack) Unlink(e.id);
  }
}

void HtmlDepthTracker::Unlink(int32_t active_id) {
  for (size_t s = stack_.size(); s-- > 0;) {
    if (stack_[s].active_id == active_id) {
      stack_[s].active_id = -1;
      return;
    }
  }
}

int HtmlDepthTracker::ActiveIndex(int32_t id) const {
  for (int k = static_cast<int>(active_.size()) - 1; k >= 0; --k) {
    if (!active_[k].marker && active_[k].id == id) return k;
  }
  return -1;
}

int HtmlDepthTracker::LastActive(uint64_t name) const {
  for (int k = static_cast<int>(active_.size()) - 1; k >= 0 && !active_[k].marker; --k) {
    if (active_[k].element.name == name) return k;
  }
  return -1;
}

}  // namespace harrier::scrapers
