// The depth half of the HTML input guard: a simulation of the tree builder's
// stack of open elements and list of active formatting elements (WHATWG HTML
// §13.2.6), close where depth is concerned and loose elsewhere: it only has
// to keep ordinary sloppy markup far below the cap and crafted nesting under
// it. Internal to scrapers/. Not thread-safe: one tracker follows one page.
#ifndef HARRIER_SCRAPERS_HTML_DEPTH_TRACKER_H_
#define HARRIER_SCRAPERS_HTML_DEPTH_TRACKER_H_

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "scrapers/html_tokenizer.h"

namespace harrier::scrapers {

// A start tag as the tokenizer saw it.
struct StartToken {
  uint64_t name;
  TagInfo info;
  uint64_t identity;  // tag name and raw attributes, for "Noah's Ark"
  bool self_closing;
};

// Follows the stack of open elements and the list of active formatting
// elements, to know how deep each start tag would land.
class HtmlDepthTracker {
 public:
  enum class Action { kPushed, kDropped, kNotPushed };

  // Starts with <html> and <body> open. A start tag that would make the
  // stack of open elements deeper than `cap` is dropped.
  explicit HtmlDepthTracker(size_t cap);

  // A start tag: kPushed, kDropped (the caller cuts it and its end tag; a
  // <frameset> is always dropped) or kNotPushed (void, ignored, or closed
  // at once). Sets *raw when its content is raw text up to its end tag.
  Action StartTag(const StartToken& t, bool* raw);
  // An end tag whose start tag was not dropped.
  void EndTag(uint64_t name, const TagInfo& info);
  // Characters: reopens the formatting elements closed implicitly.
  void Text() {
    if (!InSelect() && !InForeign()) Reconstruct();
  }
  // Formatting elements reopened so far.
  int64_t reopened() const { return reopened_; }

 private:
  struct Open {
    uint64_t name;
    TagInfo info;
    int32_t active_id;  // entry in the formatting list, or -1
    bool foreign;       // an SVG or MathML element
  };

  struct ActiveEntry {
    int32_t id;
    uint64_t identity;  // tag name and raw attributes, for "Noah's Ark"
    Open element;
    bool marker;
    bool on_stack;
  };

  // Start tags.
  Action InsertForeign(const StartToken& t);
  Action PushIfRoom(const StartToken& t, bool foreign);
  bool StartInSelect(Tag tag);
  void PrepareTableStructure(Tag tag);

  // End tags.
  void EndFormatting(uint64_t name);
  void EndOther(uint64_t name);
  void EndForm();
  void EndSelect();

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
  std::vector<Open> stack_;
  std::vector<ActiveEntry> active_;
  int32_t next_id_ = 0;
  int64_t reopened_ = 0;
  bool form_open_ = false;  // the tree builder's "form element pointer"
  int selects_ = 0;         // <select> open
};

}  // namespace harrier::scrapers

#endif  // HARRIER_SCRAPERS_HTML_DEPTH_TRACKER_H_
