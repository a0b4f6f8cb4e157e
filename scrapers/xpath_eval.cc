// XPath evaluation for HtmlDocument; the header says why "|" and "//" are
// evaluated here rather than by libxml2 alone.
#include "scrapers/xpath_eval.h"

#include <libxml/globals.h>
#include <libxml/xpathInternals.h>

#include <cstdarg>
#include <cstdio>
#include <string_view>
#include <unordered_set>
#include <utility>

namespace harrier::scrapers {
namespace {

// Where `token` ("|" or "//") occurs outside brackets, parentheses and
// string literals.
std::vector<size_t> TopLevel(const std::string& xpath, std::string_view token) {
  std::vector<size_t> at;
  int depth = 0;
  char quote = 0;
  for (size_t i = 0; i < xpath.size(); ++i) {
    const char c = xpath[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '(' || c == '[') {
      ++depth;
    } else if (c == ')' || c == ']') {
      --depth;
    } else if (depth == 0 && xpath.compare(i, token.size(), token) == 0) {
      at.push_back(i);
      i += token.size() - 1;
    }
  }
  return at;
}

// The last top-level "//" with something before it ("A//B"), or npos.
size_t InnerDescendantStep(const std::string& xpath) {
  const std::vector<size_t> at = TopLevel(xpath, "//");
  for (size_t k = at.size(); k-- > 0;) {
    if (xpath.find_first_not_of(" \t\r\n") < at[k]) return at[k];
  }
  return std::string::npos;
}

struct NodeSetDeleter {
  void operator()(xmlNodeSetPtr p) const { xmlXPathFreeNodeSet(p); }
};

// Deduplicated, in document order.
std::vector<const xmlNode*> SortedUnique(const std::vector<xmlNodePtr>& nodes) {
  std::unique_ptr<xmlNodeSet, NodeSetDeleter> set(xmlXPathNodeSetCreate(nullptr));
  if (set == nullptr) return {};
  std::unordered_set<xmlNodePtr> seen;
  for (xmlNodePtr n : nodes) {
    if (seen.insert(n).second) xmlXPathNodeSetAddUnique(set.get(), n);
  }
  xmlXPathNodeSetSort(set.get());
  return NodeSetNodes(set.get());
}

// Drops the nodes inside an earlier node of a document-ordered list: from
// them ".//B" finds a subset of what it finds from the outer node. (A node
// inside any kept node is inside the last kept one.)
std::vector<xmlNodePtr> Outermost(const std::vector<const xmlNode*>& sorted) {
  std::vector<xmlNodePtr> out;
  for (const xmlNode* n : sorted) {
    bool inside = false;
    for (const xmlNode* a = n->parent; a != nullptr && !out.empty() && !inside; a = a->parent) {
      inside = a == out.back();
    }
    if (!inside) out.push_back(const_cast<xmlNodePtr>(n));
  }
  return out;
}

}  // namespace

// ---- libxml2 errors ------------------------------------------------------

ErrorCapture::ErrorCapture()
    : generic_(xmlGenericError),
      generic_ctx_(xmlGenericErrorContext),
      structured_(xmlStructuredError),
      structured_ctx_(xmlStructuredErrorContext) {
  xmlSetGenericErrorFunc(this, &ErrorCapture::OnGeneric);
  xmlSetStructuredErrorFunc(this, &ErrorCapture::OnStructured);
}

ErrorCapture::~ErrorCapture() {
  xmlSetGenericErrorFunc(generic_ctx_, generic_);
  xmlSetStructuredErrorFunc(structured_ctx_, structured_);
}

void ErrorCapture::OnStructured(void* self, xmlErrorPtr error) {
  auto* capture = static_cast<ErrorCapture*>(self);
  if (error == nullptr || !capture->reason_.empty()) return;
  std::string message = error->message ? error->message : "error";
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
    message.pop_back();
  }
  if (error->domain == XML_FROM_XPATH && error->str1 != nullptr) {
    message += " at offset " + std::to_string(error->int1);
  }
  capture->reason_ = message;
}

void ErrorCapture::OnGeneric(void* self, const char* format, ...) {
  auto* capture = static_cast<ErrorCapture*>(self);
  if (!capture->reason_.empty()) return;
  char buffer[512];
  va_list args;
  va_start(args, format);
  std::vsnprintf(buffer, sizeof buffer, format, args);
  va_end(args);
  capture->generic_text_ += buffer;
}

std::string ErrorCapture::reason() const {
  if (!reason_.empty()) return reason_;
  std::string text = generic_text_;
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text.empty() ? "invalid expression" : text;
}

// ---- Compiled expressions ------------------------------------------------

Status XPathError(const std::string& xpath, const std::string& reason) {
  return Status::InvalidArgument("xpath '" + xpath + "': " + reason);
}

CompiledXPath::CompiledXPath(xmlDocPtr doc, const std::string& xpath) : xpath_(xpath) {
  if (xpath.find('\0') != std::string::npos) {
    status_ = XPathError(xpath, "contains a NUL byte");
    return;
  }
  ctx_.reset(xmlXPathNewContext(doc));
  if (ctx_ == nullptr) {
    status_ = Status::Internal("xpath '" + xpath + "': out of memory");
    return;
  }
  // No ctx_->error: libxml2 then words the message and hands it to this
  // thread's structured handler, which capture_ holds.
  comp_.reset(xmlXPathCtxtCompile(ctx_.get(), BAD_CAST xpath.c_str()));
  if (comp_ == nullptr) status_ = XPathError(xpath, capture_.reason());
}

Result<XPathObject> CompiledXPath::Eval(xmlNodePtr node) {
  if (!status_.ok()) return status_;
  ctx_->node = node != nullptr ? node : reinterpret_cast<xmlNodePtr>(ctx_->doc);
  XPathObject obj(xmlXPathCompiledEval(comp_.get(), ctx_.get()));
  if (obj == nullptr) return XPathError(xpath_, capture_.reason());
  return obj;
}

std::vector<const xmlNode*> NodeSetNodes(const xmlNodeSet* set) {
  if (set == nullptr) return {};
  return std::vector<const xmlNode*>(set->nodeTab, set->nodeTab + set->nodeNr);
}

// ---- Top-level "|" and "//" ----------------------------------------------

std::optional<std::vector<const xmlNode*>> NodeSetEvaluator::Evaluate(const std::string& xpath) {
  if (TopLevel(xpath, "|").empty() && InnerDescendantStep(xpath) == std::string::npos) {
    return std::nullopt;
  }
  std::vector<xmlNodePtr> nodes;
  if (!Collect(xpath, &nodes)) return std::nullopt;
  return SortedUnique(nodes);
}

// As "|" binds tighter than every other operator, a part (or prefix) with
// another operator at its top level is a number, string or boolean, and
// Append refuses it: the whole expression then goes to libxml2.
bool NodeSetEvaluator::Collect(const std::string& expr, std::vector<xmlNodePtr>* out) {
  const std::vector<size_t> bars = TopLevel(expr, "|");
  if (!bars.empty()) {
    size_t start = 0;
    for (size_t bar : bars) {
      if (!Collect(expr.substr(start, bar - start), out)) return false;
      start = bar + 1;
    }
    return Collect(expr.substr(start), out);
  }
  const size_t cut = InnerDescendantStep(expr);
  if (cut == std::string::npos) {
    return Append(CompiledXPath(doc_, expr).Eval(nullptr), out);
  }
  std::vector<xmlNodePtr> contexts;
  if (!Collect(expr.substr(0, cut), &contexts)) return false;
  CompiledXPath step(doc_, "." + expr.substr(cut));  // ".//B"
  if (!step.status().ok()) return false;
  for (xmlNodePtr context : Outermost(SortedUnique(contexts))) {
    if (!Append(step.Eval(context), out)) return false;
  }
  return true;
}

bool NodeSetEvaluator::Append(Result<XPathObject> obj, std::vector<xmlNodePtr>* out) {
  if (!obj.ok() || (*obj)->type != XPATH_NODESET) return false;
  if (const xmlNodeSet* set = (*obj)->nodesetval) {
    for (int i = 0; i < set->nodeNr; ++i) {
      // Namespace nodes are copies made per evaluation: no identity.
      if (set->nodeTab[i]->type == XML_NAMESPACE_DECL) return false;
      out->push_back(set->nodeTab[i]);
    }
  }
  results_.push_back(std::move(*obj));  // keeps its nodes' set alive
  return true;
}

}  // namespace harrier::scrapers
