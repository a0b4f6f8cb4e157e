// The readable text of an HTML document or fragment, for the normalizer: a
// small tokenizer of our own (extractors may not use Gumbo) that keeps a map
// from each text byte back to the markup. Pure function; safe from any
// thread.
#ifndef HARRIER_EXTRACTORS_MARKUP_H_
#define HARRIER_EXTRACTORS_MARKUP_H_

#include <string_view>

#include "extractors/normalizer.h"

namespace harrier::extractors {

// Text bytes are copied as they are, character references included (the
// normalizer decodes them). Block elements (p, div, br, li, tr, td, h1..h6,
// ...) become '\n' mapped to the tag; other tags vanish, so inline markup
// joins the text on both sides. script, style, noscript, template, iframe,
// comments, CDATA sections, doctypes and processing instructions vanish with
// their contents. The href of <a> that names a scheme ("tel:", "https:",
// "mailto:" ...) or starts "www." is inserted before the link's text as
// " (href) ", its bytes mapped to the attribute value (the separators to
// empty spans at its ends): before, not after, the text so that the map
// stays non-decreasing. A tag or comment left open at the end takes the
// rest of the input with it, as in a browser. Every byte is read a bounded
// number of times: linear on any input.
NormalizedText StripMarkup(std::string_view html);

}  // namespace harrier::extractors

#endif  // HARRIER_EXTRACTORS_MARKUP_H_
