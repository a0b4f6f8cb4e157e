// XPath 1.0 over the libxml2 tree of an HtmlDocument: compiled expressions
// whose libxml2 errors become the Status message, and NodeSetEvaluator, which
// evaluates top-level "|" and "A//B" itself because libxml2 2.9 is quadratic
// in them. Internal to scrapers/ (libxml2 types in the interface). Objects
// belong to one thread: libxml2 keeps its error handlers per thread.
#ifndef HARRIER_SCRAPERS_XPATH_EVAL_H_
#define HARRIER_SCRAPERS_XPATH_EVAL_H_

#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xpath.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"

namespace harrier::scrapers {

// Routes this thread's libxml2 error output into a string for as long as it
// lives, then restores the previous handlers (libxml2 keeps them per thread).
class ErrorCapture {
 public:
  ErrorCapture();
  ~ErrorCapture();
  ErrorCapture(const ErrorCapture&) = delete;
  ErrorCapture& operator=(const ErrorCapture&) = delete;

  // The first error reported since construction, or "invalid expression".
  std::string reason() const;

 private:
  static void OnStructured(void* self, xmlErrorPtr error);
  static void OnGeneric(void* self, const char* format, ...);

  xmlGenericErrorFunc generic_;
  void* generic_ctx_;
  xmlStructuredErrorFunc structured_;
  void* structured_ctx_;
  std::string reason_;
  std::string generic_text_;
};

struct XPathContextDeleter {
  void operator()(xmlXPathContextPtr p) const { xmlXPathFreeContext(p); }
};
struct XPathCompDeleter {
  void operator()(xmlXPathCompExprPtr p) const { xmlXPathFreeCompExpr(p); }
};
struct XPathObjectDeleter {
  void operator()(xmlXPathObjectPtr p) const { xmlXPathFreeObject(p); }
};
using XPathObject = std::unique_ptr<xmlXPathObject, XPathObjectDeleter>;

// kInvalidArgument naming the expression and why it failed.
Status XPathError(const std::string& xpath, const std::string& reason);

// One compiled expression, with libxml2's errors captured while it lives.
class CompiledXPath {
 public:
  // Does not take ownership of `doc`, which must outlive this.
  CompiledXPath(xmlDocPtr doc, const std::string& xpath);

  // Why it did not compile.
  const Status& status() const { return status_; }

  // Evaluates with `node` as the context node (null: the document).
  Result<XPathObject> Eval(xmlNodePtr node);

 private:
  std::string xpath_;
  ErrorCapture capture_;  // declared first: restores the handlers last
  std::unique_ptr<xmlXPathContext, XPathContextDeleter> ctx_;
  std::unique_ptr<xmlXPathCompExpr, XPathCompDeleter> comp_;
  Status status_;
};

// The nodes of `set` in its order; empty for null.
std::vector<const xmlNode*> NodeSetNodes(const xmlNodeSet* set);

// libxml2 2.9 adds each context node's results to a node-set with a linear
// duplicate scan, so "A | B" and "A//B" cost |results| squared: 40,000 links
// on each side of a "|", or 2,000 galleries of 20 images, take seconds. This
// evaluates the top-level "|" and "//" itself: the parts and prefixes by
// libxml2, ".//B" once per outermost context node, then one hashed
// deduplication and one sort.
class NodeSetEvaluator {
 public:
  // Does not take ownership of `doc`, which must outlive this.
  explicit NodeSetEvaluator(xmlDocPtr doc) : doc_(doc) {}

  // Nodes in document order; nullopt when `xpath` has neither a top-level
  // "|" nor an inner "//", or is not a plain node-set expression (then
  // libxml2 evaluates it whole, which also reports any error).
  std::optional<std::vector<const xmlNode*>> Evaluate(const std::string& xpath);

 private:
  bool Collect(const std::string& expr, std::vector<xmlNodePtr>* out);
  bool Append(Result<XPathObject> obj, std::vector<xmlNodePtr>* out);

  xmlDocPtr doc_;
  std::vector<XPathObject> results_;
};

}  // namespace harrier::scrapers

#endif  // HARRIER_SCRAPERS_XPATH_EVAL_H_
