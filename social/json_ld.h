// schema.org JSON-LD on public profile pages: the person or organisation a
// ProfilePage is about, read from every <script type="application/ld+json">
// block. Stateless.
#ifndef HARRIER_SOCIAL_JSON_LD_H_
#define HARRIER_SOCIAL_JSON_LD_H_

#include <string>
#include <string_view>
#include <vector>

#include "social/post.h"

namespace harrier::social {

struct JsonLdResult {
  Profile profile;
  bool found = false;  // a Person or Organization was found
  int broken = 0;      // blocks that were malformed or over the bounds
};

// Each block may hold an object, an array or {"@graph": [...]} with an
// @context of http(s)://schema.org (a string, an array holding it, or an
// object whose @vocab is it); other vocabularies are ignored. The entity is
// ProfilePage.mainEntity (inline or an @id reference into the graph), else
// the first Person, else the first Organization. A broken block is counted
// and the others still read. URLs are resolved against `page_url`; only
// http(s) is kept.
JsonLdResult ProfileFromJsonLd(const std::vector<std::string>& blocks, std::string_view page_url);

}  // namespace harrier::social

#endif  // HARRIER_SOCIAL_JSON_LD_H_
