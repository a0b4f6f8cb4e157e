// Gumbo parses (HTML5 rules, as a browser would); the tree is then copied
// iteratively into a libxml2 document for XPath 1.0. libxml2 never parses
// text here, so no entity, DTD or network loading can happen.
//
// Gumbo 0.10.1 has no depth or attribute limits and is quadratic in both, so
// the page first passes GuardHtmlInput, which cuts what would nest deeper
// than the cap; the conversion then applies the limits exactly. libxml2 2.9's
// XPath is quadratic in "a | b" and "a//b" over many nodes, so those are
// split and merged here (NodeSetEvaluator).
#include "scrapers/html_document.h"

#include <gumbo.h>
#include <libxml/HTMLtree.h>
#include <libxml/dict.h>
#include <libxml/globals.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "scrapers/html_input_guard.h"

namespace harrier::scrapers {
namespace {

bool IsHtmlSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}
char LowerAscii(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
}

// ---- Gumbo tree -> libxml2 tree -----------------------------------------

void InitLibxml() {
  static std::once_flag once;
  std::call_once(once, [] { xmlInitParser(); });
}

std::string ElementName(const GumboElement& e) {
  if (e.tag != GUMBO_TAG_UNKNOWN) return gumbo_normalized_tagname(e.tag);
  GumboStringPiece piece = e.original_tag;
  if (piece.data == nullptr || piece.length == 0) return "";
  gumbo_tag_from_original_text(&piece);
  std::string name(piece.data, piece.length);
  for (char& c : name) c = LowerAscii(c);
  return name;
}

bool ValidXmlName(const std::string& name) {
  return !name.empty() &&
         xmlValidateName(reinterpret_cast<const xmlChar*>(name.c_str()), 0) ==
             0;
}

// Null (children go to the parent) when the name is not a valid XML name.
xmlNodePtr NewElement(xmlDocPtr doc, const GumboElement& e,
                      int max_attributes) {
  const std::string name = ElementName(e);
  if (!ValidXmlName(name)) return nullptr;
  xmlNodePtr node = xmlNewDocNode(doc, nullptr, BAD_CAST name.c_str(), nullptr);
  if (node == nullptr) return nullptr;
  const unsigned limit = std::min<unsigned>(
      e.attributes.length, static_cast<unsigned>(max_attributes));
  for (unsigned i = 0; i < limit; ++i) {
    const auto* attr = static_cast<const GumboAttribute*>(e.attributes.data[i]);
    if (!ValidXmlName(attr->name)) continue;  // e.g. <a "x"=1>, <div a<b>
    // xmlNewProp stores the value as text: no entity parsing.
    xmlNewProp(node, BAD_CAST attr->name, BAD_CAST attr->value);
  }
  return node;
}

struct Frame {
  const GumboNode* node;
  xmlNodePtr parent;
  int depth;  // of node when it is an element; <html> is 1
};

void PushChildren(const GumboVector& children, xmlNodePtr parent, int depth,
                  std::vector<Frame>* stack) {
  for (unsigned i = children.length; i-- > 0;) {
    stack->push_back(
        {static_cast<const GumboNode*>(children.data[i]), parent, depth});
  }
}

// Iterative on purpose: the tree comes from a hostile page.
xmlDocPtr ToLibxml(const GumboOutput& out, const HtmlLimits& limits) {
  xmlDocPtr doc = htmlNewDocNoDtD(nullptr, nullptr);
  if (doc == nullptr) return nullptr;
  doc->dict = xmlDictCreate();  // element and attribute names stored once
  std::vector<Frame> stack;
  PushChildren(out.document->v.document.children,
               reinterpret_cast<xmlNodePtr>(doc), 1, &stack);
  while (!stack.empty()) {
    const Frame f = stack.back();
    stack.pop_back();
    switch (f.node->type) {
      case GUMBO_NODE_ELEMENT:
      case GUMBO_NODE_TEMPLATE: {
        if (f.depth > limits.max_depth) break;  // and everything inside it
        xmlNodePtr parent = f.parent;
        if (xmlNodePtr el =
                NewElement(doc, f.node->v.element, limits.max_attributes)) {
          if (xmlAddChild(f.parent, el) == nullptr) {
            xmlFreeNode(el);
            break;
          }
          parent = el;
        }
        PushChildren(f.node->v.element.children, parent, f.depth + 1, &stack);
        break;
      }
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_WHITESPACE:
      case GUMBO_NODE_CDATA: {
        if (f.parent->type != XML_ELEMENT_NODE) break;
        xmlNodePtr text = xmlNewDocText(doc, BAD_CAST f.node->v.text.text);
        // May merge into a preceding text node, freeing `text`.
        if (text != nullptr && xmlAddChild(f.parent, text) == nullptr)
          xmlFreeNode(text);
        break;
      }
      default:  // comments; the document node is not pushed
        break;
    }
  }
  return doc;
}

// ---- Text content --------------------------------------------------------

bool NameIn(const xmlChar* name,
            std::initializer_list<std::string_view> names) {
  const std::string_view n(reinterpret_cast<const char*>(name));
  for (std::string_view candidate : names) {
    if (n == candidate) return true;
  }
  return false;
}

bool IsBlock(const xmlNode* n) {
  return NameIn(
      n->name,
      {"p",          "div",        "li",      "h1",      "h2",      "h3",
       "h4",         "h5",         "h6",      "tr",      "section", "article",
       "blockquote", "table",      "ul",      "ol",      "dl",      "dt",
       "dd",         "header",     "footer",  "nav",     "aside",   "main",
       "figure",     "figcaption", "pre",     "address", "hr",      "form",
       "fieldset",   "details",    "summary", "caption", "thead",   "tbody",
       "tfoot",      "title",      "body",    "head",    "html",    "option",
       "legend"});
}

// Content a reader does not see.
bool IsHidden(const xmlNode* n) {
  return NameIn(n->name, {"script", "style", "template"});
}

// Collapses whitespace runs to one space and turns block boundaries into
// one newline (and each <br> into its own newline).
class TextBuilder {
 public:
  void Text(const xmlChar* s) {
    if (s == nullptr) return;
    for (const xmlChar* p = s; *p != 0; ++p) {
      const char c = static_cast<char>(*p);
      if (IsHtmlSpace(c) || c == '\v') {
        space_ = true;
      } else if (*p == 0xC2 && p[1] == 0xA0) {  // U+00A0 no-break space
        space_ = true;
        ++p;
      } else {
        Flush();
        out_ += c;
      }
    }
  }
  void Block() { newline_ = true; }
  void Break() {
    space_ = false;
    newline_ = false;
    out_ += '\n';
  }
  void Space() { space_ = true; }
  std::string Finish() {
    size_t b = 0, e = out_.size();
    while (b < e && (out_[b] == '\n' || out_[b] == ' ')) ++b;
    while (e > b && (out_[e - 1] == '\n' || out_[e - 1] == ' ')) --e;
    return out_.substr(b, e - b);
  }

 private:
  void Flush() {
    if (newline_ && !out_.empty() && out_.back() != '\n') {
      out_ += '\n';
    } else if (space_ && !newline_ && !out_.empty() && out_.back() != '\n') {
      out_ += ' ';
    }
    space_ = newline_ = false;
  }
  std::string out_;
  bool space_ = false;
  bool newline_ = false;
};

// Walks the subtree with parent/next pointers: no recursion, no stack.
std::string TextContent(const xmlNode* root) {
  TextBuilder b;
  const xmlNode* n = root;
  while (true) {
    bool descend = false;
    if (n->type == XML_ELEMENT_NODE) {
      if (NameIn(n->name, {"br"})) b.Break();
      if (IsBlock(n)) b.Block();
      if (NameIn(n->name, {"td", "th"})) b.Space();
      descend = n->children != nullptr && !IsHidden(n);
    } else if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
      b.Text(n->content);
    } else if (n->type == XML_DOCUMENT_NODE ||
               n->type == XML_HTML_DOCUMENT_NODE) {
      descend = n->children != nullptr;
    }
    if (descend) {
      n = n->children;
      continue;
    }
    while (true) {
      if (n->type == XML_ELEMENT_NODE) {
        if (IsBlock(n)) b.Block();
        if (NameIn(n->name, {"td", "th"})) b.Space();
      }
      if (n == root) return b.Finish();
      if (n->next != nullptr) {
        n = n->next;
        break;
      }
      n = n->parent;
    }
  }
}

// ---- libxml2 errors and XPath --------------------------------------------

// Routes this thread's libxml2 error output into a string for as long as it
// lives, then restores the previous handlers (libxml2 keeps them per thread).
class ErrorCapture {
 public:
  ErrorCapture()
      : generic_(xmlGenericError),
        generic_ctx_(xmlGenericErrorContext),
        structured_(xmlStructuredError),
        structured_ctx_(xmlStructuredErrorContext) {
    xmlSetGenericErrorFunc(this, &ErrorCapture::OnGeneric);
    xmlSetStructuredErrorFunc(this, &ErrorCapture::OnStructured);
  }
  ~ErrorCapture() {
    xmlSetGenericErrorFunc(generic_ctx_, generic_);
    xmlSetStructuredErrorFunc(structured_ctx_, structured_);
  }
  ErrorCapture(const ErrorCapture&) = delete;
  ErrorCapture& operator=(const ErrorCapture&) = delete;

  static void OnStructured(void* self, xmlErrorPtr error) {
    auto* capture = static_cast<ErrorCapture*>(self);
    if (error == nullptr || !capture->reason_.empty()) return;
    std::string message = error->message ? error->message : "error";
    while (!message.empty() &&
           (message.back() == '\n' || message.back() == ' ')) {
      message.pop_back();
    }
    if (error->domain == XML_FROM_XPATH && error->str1 != nullptr) {
      message += " at offset " + std::to_string(error->int1);
    }
    capture->reason_ = message;
  }
  static void OnGeneric(void* self, const char* format, ...) {
    auto* capture = static_cast<ErrorCapture*>(self);
    if (!capture->reason_.empty()) return;
    char buffer[512];
    va_list args;
    va_start(args, format);
    std::vsnprintf(buffer, sizeof buffer, format, args);
    va_end(args);
    capture->generic_text_ += buffer;
  }

  std::string reason() const {
    if (!reason_.empty()) return reason_;
    std::string text = generic_text_;
    while (!text.empty() && (text.back() == '\n' || text.back() == ' '))
      text.pop_back();
    return text.empty() ? "invalid expression" : text;
  }

 private:
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

Status XPathError(const std::string& xpath, const std::string& reason) {
  return Status::InvalidArgument("xpath '" + xpath + "': " + reason);
}

// One compiled expression, with libxml2's errors captured while it lives.
class CompiledXPath {
 public:
  CompiledXPath(xmlDocPtr doc, const std::string& xpath) : xpath_(xpath) {
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

  // Why it did not compile.
  const Status& status() const { return status_; }

  // Evaluates with `node` as the context node (null: the document).
  Result<XPathObject> Eval(xmlNodePtr node) {
    if (!status_.ok()) return status_;
    ctx_->node =
        node != nullptr ? node : reinterpret_cast<xmlNodePtr>(ctx_->doc);
    XPathObject obj(xmlXPathCompiledEval(comp_.get(), ctx_.get()));
    if (obj == nullptr) return XPathError(xpath_, capture_.reason());
    return obj;
  }

 private:
  std::string xpath_;
  ErrorCapture capture_;  // declared first: restores the handlers last
  std::unique_ptr<xmlXPathContext, XPathContextDeleter> ctx_;
  std::unique_ptr<xmlXPathCompExpr, XPathCompDeleter> comp_;
  Status status_;
};

std::string NodeString(const xmlNode* node) {
  switch (node->type) {
    case XML_ELEMENT_NODE:
    case XML_DOCUMENT_NODE:
    case XML_HTML_DOCUMENT_NODE:
    case XML_TEXT_NODE:
    case XML_CDATA_SECTION_NODE:
      return TextContent(node);
    default: {  // attributes give their value as written
      xmlChar* content = xmlNodeGetContent(node);
      std::string s = content ? reinterpret_cast<const char*>(content) : "";
      xmlFree(content);
      return s;
    }
  }
}

std::string OwnedString(xmlChar* s) {
  std::string out = s ? reinterpret_cast<const char*>(s) : "";
  xmlFree(s);
  return out;
}

// One string per node; kRejected past max_bytes in all.
Result<std::vector<std::string>> NodeStrings(
    const std::vector<const xmlNode*>& nodes, const std::string& xpath,
    int64_t max_bytes) {
  std::vector<std::string> out;
  int64_t total = 0;
  for (const xmlNode* node : nodes) {
    out.push_back(NodeString(node));
    total += static_cast<int64_t>(out.back().size()) + 1;
    if (total > max_bytes) {
      return Status::Rejected("xpath '" + xpath + "': result is over " +
                              std::to_string(max_bytes) + " bytes");
    }
  }
  return out;
}

std::vector<const xmlNode*> Nodes(const xmlNodeSet* set) {
  if (set == nullptr) return {};
  return std::vector<const xmlNode*>(set->nodeTab, set->nodeTab + set->nodeNr);
}

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
  std::unique_ptr<xmlNodeSet, NodeSetDeleter> set(
      xmlXPathNodeSetCreate(nullptr));
  if (set == nullptr) return {};
  std::unordered_set<xmlNodePtr> seen;
  for (xmlNodePtr n : nodes) {
    if (seen.insert(n).second) xmlXPathNodeSetAddUnique(set.get(), n);
  }
  xmlXPathNodeSetSort(set.get());
  return Nodes(set.get());
}

// Drops the nodes inside an earlier node of a document-ordered list: from
// them ".//B" finds a subset of what it finds from the outer node. (A node
// inside any kept node is inside the last kept one.)
std::vector<xmlNodePtr> Outermost(const std::vector<const xmlNode*>& sorted) {
  std::vector<xmlNodePtr> out;
  for (const xmlNode* n : sorted) {
    bool inside = false;
    for (const xmlNode* a = n->parent; a != nullptr && !out.empty() && !inside;
         a = a->parent) {
      inside = a == out.back();
    }
    if (!inside) out.push_back(const_cast<xmlNodePtr>(n));
  }
  return out;
}

// libxml2 2.9 adds each context node's results to a node-set with a linear
// duplicate scan, so "A | B" and "A//B" cost |results| squared: 40,000 links
// on each side of a "|", or 2,000 galleries of 20 images, take seconds. This
// evaluates the top-level "|" and "//" itself: the parts and prefixes by
// libxml2, ".//B" once per outermost context node, then one hashed
// deduplication and one sort.
class NodeSetEvaluator {
 public:
  explicit NodeSetEvaluator(xmlDocPtr doc) : doc_(doc) {}

  // Nodes in document order; nullopt when `xpath` has neither a top-level
  // "|" nor an inner "//", or is not a plain node-set expression (then
  // libxml2 evaluates it whole, which also reports any error).
  std::optional<std::vector<const xmlNode*>> Evaluate(
      const std::string& xpath) {
    if (TopLevel(xpath, "|").empty() &&
        InnerDescendantStep(xpath) == std::string::npos) {
      return std::nullopt;
    }
    std::vector<xmlNodePtr> nodes;
    if (!Collect(xpath, &nodes)) return std::nullopt;
    return SortedUnique(nodes);
  }

 private:
  // As "|" binds tighter than every other operator, a part (or prefix) with
  // another operator at its top level is a number, string or boolean, and
  // Append refuses it: the whole expression then goes to libxml2.
  bool Collect(const std::string& expr, std::vector<xmlNodePtr>* out) {
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

  bool Append(Result<XPathObject> obj, std::vector<xmlNodePtr>* out) {
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

  xmlDocPtr doc_;
  std::vector<XPathObject> results_;
};

}  // namespace

struct HtmlDocument::Impl {
  ~Impl() {
    if (doc != nullptr) xmlFreeDoc(doc);
  }
  xmlDocPtr doc = nullptr;
  HtmlLimits limits;
};

HtmlDocument::HtmlDocument(std::unique_ptr<Impl> impl)
    : impl_(std::move(impl)) {}
HtmlDocument::~HtmlDocument() = default;

Result<std::unique_ptr<HtmlDocument>> HtmlDocument::Parse(
    std::string_view html, const HtmlLimits& limits) {
  if (static_cast<int64_t>(html.size()) > limits.max_bytes) {
    return Status::Rejected("parse html: " + std::to_string(html.size()) +
                            " bytes is over the limit of " +
                            std::to_string(limits.max_bytes));
  }
  InitLibxml();
  std::string storage;
  const Result<std::string_view> input = GuardHtmlInput(html, limits, &storage);
  if (!input.ok()) return input.status();
  GumboOptions options = kGumboDefaultOptions;
  // Recording a parse error copies the whole stack of open elements; hostile
  // pages make one per tag.
  options.max_errors = 0;
  GumboOutput* output =
      gumbo_parse_with_options(&options, input->data(), input->size());
  if (output == nullptr)
    return Status::Corrupt("parse html: gumbo returned no tree");
  auto impl = std::make_unique<Impl>();
  impl->limits = limits;
  impl->doc = ToLibxml(*output, limits);
  gumbo_destroy_output(&options, output);
  if (impl->doc == nullptr)
    return Status::Corrupt("parse html: cannot build the tree");
  // Numbers the elements so that document-order comparisons are O(1). The
  // document is not changed after this.
  xmlXPathOrderDocElems(impl->doc);
  return std::unique_ptr<HtmlDocument>(new HtmlDocument(std::move(impl)));
}

Result<std::vector<std::string>> HtmlDocument::Evaluate(
    const std::string& xpath) const {
  const int64_t max_bytes = impl_->limits.max_result_bytes;
  if (std::optional<std::vector<const xmlNode*>> nodes =
          NodeSetEvaluator(impl_->doc).Evaluate(xpath)) {
    return NodeStrings(*nodes, xpath, max_bytes);
  }
  Result<XPathObject> obj = CompiledXPath(impl_->doc, xpath).Eval(nullptr);
  if (!obj.ok()) return obj.status();
  const xmlXPathObject& o = **obj;
  std::vector<std::string> out;
  switch (o.type) {
    case XPATH_NODESET:
    case XPATH_XSLT_TREE:
      return NodeStrings(Nodes(o.nodesetval), xpath, max_bytes);
    case XPATH_STRING:
      out.push_back(o.stringval ? reinterpret_cast<const char*>(o.stringval)
                                : "");
      break;
    case XPATH_NUMBER:
      out.push_back(OwnedString(xmlXPathCastNumberToString(o.floatval)));
      break;
    case XPATH_BOOLEAN:
      out.push_back(o.boolval ? "true" : "false");
      break;
    default:
      return XPathError(xpath, "unsupported result type");
  }
  return out;
}

Status HtmlDocument::CheckXPath(const std::string& xpath) {
  InitLibxml();
  // Evaluating against an empty page also catches what compiles but cannot
  // run: unknown functions, undefined namespace prefixes and variables.
  std::unique_ptr<xmlDoc, void (*)(xmlDocPtr)> doc(
      htmlNewDocNoDtD(nullptr, nullptr), xmlFreeDoc);
  if (doc == nullptr)
    return Status::Internal("xpath '" + xpath + "': out of memory");
  xmlDocSetRootElement(
      doc.get(), xmlNewDocNode(doc.get(), nullptr, BAD_CAST "html", nullptr));
  Result<XPathObject> obj = CompiledXPath(doc.get(), xpath).Eval(nullptr);
  return obj.ok() ? Status::Ok() : obj.status();
}

}  // namespace harrier::scrapers
