// A pre-pass over untrusted HTML for Gumbo 0.10.1, which has no depth or
// attribute limits and walks its whole stack of open elements (and attribute
// list) per tag: 100,000 nested <div>s take ~40 s, 100,000 attributes on one
// tag ~30 s. The guard tokenizes the page, follows the tree builder's stack
// of open elements and list of active formatting elements closely enough to
// know how deep each start tag would land, and cuts start tags (with their
// end tags) that would land deeper than the cap, and attributes past the
// attribute cap. Linear in the page size times the depth cap.
#ifndef HARRIER_SCRAPERS_HTML_INPUT_GUARD_H_
#define HARRIER_SCRAPERS_HTML_INPUT_GUARD_H_

#include <string>
#include <string_view>

#include "core/status.h"
#include "scrapers/html_document.h"

namespace harrier::scrapers {

// Returns the text to hand to Gumbo: `html` itself when nothing needs
// cutting (ordinary pages, sloppy ones included, come back byte for byte),
// else a view of *storage holding the page with the cuts applied. Start tags
// are cut when they would land deeper than limits.max_depth plus a small
// slack, so the conversion, which drops nodes deeper than max_depth, loses
// nothing more. <frameset> tags are always cut (they would replace the body
// and nest without bound): such a page parses as an ordinary body. kRejected
// when the markup makes the parser reopen formatting elements without bound (a
// small page that would become millions of nodes).
Result<std::string_view> GuardHtmlInput(std::string_view html, const HtmlLimits& limits,
                                        std::string* storage);

}  // namespace harrier::scrapers

#endif  // HARRIER_SCRAPERS_HTML_INPUT_GUARD_H_
