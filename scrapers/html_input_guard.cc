// The pre-pass that keeps hostile nesting away from Gumbo; see the header.
// This file walks the page and records the cuts; html_tokenizer.h finds where
// tags end and what each name is, html_depth_tracker.h follows the tree
// builder to know how deep each start tag would land.
#include "scrapers/html_input_guard.h"

#include <algorithm>
#include <cstdint>
#include <unordered_map>
#include <utility>
#include <vector>

#include "scrapers/html_depth_tracker.h"
#include "scrapers/html_tokenizer.h"

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

using Action = HtmlDepthTracker::Action;

// Drives the tokenizer and the depth tracker over one page, and records the
// cuts.
class InputGuard {
 public:
  explicit InputGuard(const HtmlLimits& limits)
      : max_attributes_(std::max(limits.max_attributes, 0)),
        tracker_(static_cast<size_t>(std::max(limits.max_depth, 1)) + kDepthSlack) {}

  Result<std::string_view> Run(std::string_view html, std::string* storage);

 private:
  size_t StartTagAt(std::string_view html, size_t lt);
  size_t EndTagAt(std::string_view html, size_t lt);

  const int max_attributes_;
  HtmlDepthTracker tracker_;
  std::unordered_map<uint64_t, int> dropped_;  // start tags cut, by name
  std::vector<std::pair<size_t, size_t>> cuts_;
};

Result<std::string_view> InputGuard::Run(std::string_view html, std::string* storage) {
  const size_t n = html.size();
  const int64_t max_reopened = kFreeReopens + static_cast<int64_t>(n) / kBytesPerReopen;
  size_t i = 0;
  while (i < n) {
    if (tracker_.reopened() > max_reopened) {
      return Status::Rejected("parse html: markup reopens formatting elements " +
                              std::to_string(tracker_.reopened()) + " times");
    }
    const size_t lt = html.find('<', i);
    if (lt != i) tracker_.Text();  // characters before the next tag (or EOF)
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

size_t InputGuard::StartTagAt(std::string_view html, size_t lt) {
  const size_t n = html.size();
  const size_t name_end = TagNameEnd(html, lt + 1);
  const std::string_view name = html.substr(lt + 1, name_end - lt - 1);
  const TagExtent x = ScanAttributes(html, name_end, max_attributes_);
  // A tag cut off by the end of the page is dropped by the tokenizer too.
  if (x.end == std::string_view::npos) return n;
  StartToken t;
  t.name = HashName(name);
  t.info = LookupTag(t.name);
  t.identity = HashName(html.substr(name_end, x.close - name_end), t.name);
  t.self_closing = x.self_closing;
  bool raw = false;
  const Action action = tracker_.StartTag(t, &raw);
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
  const size_t name_end = TagNameEnd(html, p);
  const TagExtent x = ScanAttributes(html, name_end, max_attributes_);
  if (x.end == std::string_view::npos) return n;
  const uint64_t name = HashName(html.substr(p, name_end - p));
  if (LookupTag(name).tag == Tag::kFrameset) {
    cuts_.emplace_back(lt, x.end);
  } else if (auto it = dropped_.find(name); it != dropped_.end() && it->second > 0) {
    --it->second;  // the end tag of a start tag that was cut
    cuts_.emplace_back(lt, x.end);
  } else {
    tracker_.EndTag(name, LookupTag(name));
  }
  return x.end;
}

}  // namespace

Result<std::string_view> GuardHtmlInput(std::string_view html, const HtmlLimits& limits,
                                        std::string* storage) {
  return InputGuard(limits).Run(html, storage);
}

}  // namespace harrier::scrapers
