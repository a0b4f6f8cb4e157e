// An HTML page parsed with Gumbo (HTML5 rules, as a browser would) and
// converted iteratively into a libxml2 tree so that profiles can use XPath 1.0.
// Hostile input: a size cap before parsing and a depth cap in the conversion
// (deeper nodes are dropped); no network, no entities, no DTD.
#ifndef HARRIER_SCRAPERS_HTML_DOCUMENT_H_
#define HARRIER_SCRAPERS_HTML_DOCUMENT_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace harrier::scrapers {

struct HtmlLimits {
  int64_t max_bytes = 5 * 1024 * 1024;
  int max_depth = 256;
  // Attributes kept per element; the rest are dropped before Gumbo sees them
  // (its duplicate check is quadratic: 5 MiB of 400-attribute tags costs ~2 s,
  // of 128-attribute tags ~1 s).
  int max_attributes = 128;
  // Evaluate refuses (kRejected) to return more text than this for one
  // expression: nested matches could otherwise repeat the page hundreds of
  // times.
  int64_t max_result_bytes = 16 * 1024 * 1024;
};

class HtmlDocument {
 public:
  // kRejected when the page is over max_bytes or its markup is pathological
  // (reopens formatting elements without bound); kCorrupt if it cannot be
  // parsed. Safe to call from many threads at once.
  static Result<std::unique_ptr<HtmlDocument>> Parse(std::string_view html,
                                                     const HtmlLimits& limits);
  ~HtmlDocument();

  // Evaluates an XPath 1.0 expression. Node-sets give one string per node:
  // attributes their value, elements their text content with whitespace
  // runs collapsed and block elements (p, div, br, li, h1-6, tr) separated by
  // newlines; strings/numbers/booleans give one string. kInvalidArgument for
  // a bad expression (message names it).
  Result<std::vector<std::string>> Evaluate(const std::string& xpath) const;

  // Checks that an expression compiles, for the config loader's messages.
  static Status CheckXPath(const std::string& xpath);

 private:
  struct Impl;
  explicit HtmlDocument(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace harrier::scrapers

#endif  // HARRIER_SCRAPERS_HTML_DOCUMENT_H_
