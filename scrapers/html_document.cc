// Gumbo parses (HTML5 rules, as a browser would); the tree is then copied
// iteratively into a libxml2 document for XPath 1.0. libxml2 never parses
// text here, so no entity, DTD or network loading can happen.
//
// Gumbo 0.10.1 has no depth or attribute limits and is quadratic in both, so
// the page first passes GuardHtmlInput, which cuts what would nest deeper
// than the cap; the conversion then applies the limits exactly. libxml2 2.9's
// XPath is quadratic in "a | b" and "a//b" over many nodes, so those are
// split and merged in xpath_eval.cc (NodeSetEvaluator).
#include "scrapers/html_document.h"

#include <gumbo.h>
#include <libxml/HTMLtree.h>
#include <libxml/dict.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "scrapers/html_input_guard.h"
#include "scrapers/html_text.h"
#include "scrapers/xpath_eval.h"

namespace harrier::scrapers {
namespace {

char LowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

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
  return !name.empty() && xmlValidateName(reinterpret_cast<const xmlChar*>(name.c_str()), 0) == 0;
}

// Null (children go to the parent) when the name is not a valid XML name.
xmlNodePtr NewElement(xmlDocPtr doc, const GumboElement& e, int max_attributes) {
  const std::string name = ElementName(e);
  if (!ValidXmlName(name)) return nullptr;
  xmlNodePtr node = xmlNewDocNode(doc, nullptr, BAD_CAST name.c_str(), nullptr);
  if (node == nullptr) return nullptr;
  const unsigned limit =
      std::min<unsigned>(e.attributes.length, static_cast<unsigned>(max_attributes));
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
    stack->push_back({static_cast<const GumboNode*>(children.data[i]), parent, depth});
  }
}

// Iterative on purpose: the tree comes from a hostile page.
xmlDocPtr ToLibxml(const GumboOutput& out, const HtmlLimits& limits) {
  xmlDocPtr doc = htmlNewDocNoDtD(nullptr, nullptr);
  if (doc == nullptr) return nullptr;
  doc->dict = xmlDictCreate();  // element and attribute names stored once
  std::vector<Frame> stack;
  PushChildren(out.document->v.document.children, reinterpret_cast<xmlNodePtr>(doc), 1, &stack);
  while (!stack.empty()) {
    const Frame f = stack.back();
    stack.pop_back();
    switch (f.node->type) {
      case GUMBO_NODE_ELEMENT:
      case GUMBO_NODE_TEMPLATE: {
        if (f.depth > limits.max_depth) break;  // and everything inside it
        xmlNodePtr parent = f.parent;
        if (xmlNodePtr el = NewElement(doc, f.node->v.element, limits.max_attributes)) {
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
        if (text != nullptr && xmlAddChild(f.parent, text) == nullptr) xmlFreeNode(text);
        break;
      }
      default:  // comments; the document node is not pushed
        break;
    }
  }
  return doc;
}

// ---- Results -----------------------------------------------------------

std::string OwnedString(xmlChar* s) {
  std::string out = s ? reinterpret_cast<const char*>(s) : "";
  xmlFree(s);
  return out;
}

// One string per node; kRejected past max_bytes in all.
Result<std::vector<std::string>> NodeStrings(const std::vector<const xmlNode*>& nodes,
                                             const std::string& xpath, int64_t max_bytes) {
  std::vector<std::string> out;
  int64_t total = 0;
  for (const xmlNode* node : nodes) {
    out.push_back(NodeText(node));
    total += static_cast<int64_t>(out.back().size()) + 1;
    if (total > max_bytes) {
      return Status::Rejected("xpath '" + xpath + "': result is over " + std::to_string(max_bytes) +
                              " bytes");
    }
  }
  return out;
}

}  // namespace

struct HtmlDocument::Impl {
  ~Impl() {
    if (doc != nullptr) xmlFreeDoc(doc);
  }
  xmlDocPtr doc = nullptr;
  HtmlLimits limits;
};

HtmlDocument::HtmlDocument(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
HtmlDocument::~HtmlDocument() = default;

Result<std::unique_ptr<HtmlDocument>> HtmlDocument::Parse(std::string_view html,
                                                          const HtmlLimits& limits) {
  if (static_cast<int64_t>(html.size()) > limits.max_bytes) {
    return Status::Rejected("parse html: " + std::to_string(html.size()) +
                            " bytes is over the limit of " + std::to_string(limits.max_bytes));
  }
  InitLibxml();
  std::string storage;
  const Result<std::string_view> input = GuardHtmlInput(html, limits, &storage);
  if (!input.ok()) return input.status();
  GumboOptions options = kGumboDefaultOptions;
  // Recording a parse error copies the whole stack of open elements; hostile
  // pages make one per tag.
  options.max_errors = 0;
  GumboOutput* output = gumbo_parse_with_options(&options, input->data(), input->size());
  if (output == nullptr) return Status::Corrupt("parse html: gumbo returned no tree");
  auto impl = std::make_unique<Impl>();
  impl->limits = limits;
  impl->doc = ToLibxml(*output, limits);
  gumbo_destroy_output(&options, output);
  if (impl->doc == nullptr) return Status::Corrupt("parse html: cannot build the tree");
  // Numbers the elements so that document-order comparisons are O(1). The
  // document is not changed after this.
  xmlXPathOrderDocElems(impl->doc);
  return std::unique_ptr<HtmlDocument>(new HtmlDocument(std::move(impl)));
}

Result<std::vector<std::string>> HtmlDocument::Evaluate(const std::string& xpath) const {
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
      return NodeStrings(NodeSetNodes(o.nodesetval), xpath, max_bytes);
    case XPATH_STRING:
      out.push_back(o.stringval ? reinterpret_cast<const char*>(o.stringval) : "");
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
  std::unique_ptr<xmlDoc, void (*)(xmlDocPtr)> doc(htmlNewDocNoDtD(nullptr, nullptr), xmlFreeDoc);
  if (doc == nullptr) return Status::Internal("xpath '" + xpath + "': out of memory");
  xmlDocSetRootElement(doc.get(), xmlNewDocNode(doc.get(), nullptr, BAD_CAST "html", nullptr));
  Result<XPathObject> obj = CompiledXPath(doc.get(), xpath).Eval(nullptr);
  return obj.ok() ? Status::Ok() : obj.status();
}

}  // namespace harrier::scrapers
