// Text content of HTML nodes; see the header.
#include "scrapers/html_text.h"

#include <initializer_list>
#include <string_view>

namespace harrier::scrapers {
namespace {

bool IsHtmlSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

bool NameIn(const xmlChar* name, std::initializer_list<std::string_view> names) {
  const std::string_view n(reinterpret_cast<const char*>(name));
  for (std::string_view candidate : names) {
    if (n == candidate) return true;
  }
  return false;
}

bool IsBlock(const xmlNode* n) {
  return NameIn(
      n->name,
      {"p",       "div",        "li",      "h1",      "h2",         "h3",    "h4",       "h5",
       "h6",      "tr",         "section", "article", "blockquote", "table", "ul",       "ol",
       "dl",      "dt",         "dd",      "header",  "footer",     "nav",   "aside",    "main",
       "figure",  "figcaption", "pre",     "address", "hr",         "form",  "fieldset", "details",
       "summary", "caption",    "thead",   "tbody",   "tfoot",      "title", "body",     "head",
       "html",    "option",     "legend"});
}

// Content a reader does not see.
bool IsHidden(const xmlNode* n) { return NameIn(n->name, {"script", "style", "template"}); }

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
    } else if (n->type == XML_DOCUMENT_NODE || n->type == XML_HTML_DOCUMENT_NODE) {
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

}  // namespace

std::string NodeText(const xmlNode* node) {
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

}  // namespace harrier::scrapers
