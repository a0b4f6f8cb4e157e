// The text a reader sees in a node of HtmlDocument's libxml2 tree, as
// HtmlDocument::Evaluate returns it: whitespace runs collapsed, block elements
// on lines of their own, script/style/template content left out. Internal to
// scrapers/ (libxml2 types in the interface).
#ifndef HARRIER_SCRAPERS_HTML_TEXT_H_
#define HARRIER_SCRAPERS_HTML_TEXT_H_

#include <libxml/tree.h>

#include <string>

namespace harrier::scrapers {

// Elements, documents and text nodes give their text content; attributes
// (and other nodes) their value as written. Iterative: safe on deep trees.
std::string NodeText(const xmlNode* node);

}  // namespace harrier::scrapers

#endif  // HARRIER_SCRAPERS_HTML_TEXT_H_
