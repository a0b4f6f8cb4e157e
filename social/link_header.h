// RFC 8288 Link header values ("<url>; rel=\"next\", <url>; rel=\"prev\""),
// as Mastodon sends them for paging. Stateless.
#ifndef HARRIER_SOCIAL_LINK_HEADER_H_
#define HARRIER_SOCIAL_LINK_HEADER_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace harrier::social {

struct WebLink {
  std::string url;                // absolute http(s)
  std::vector<std::string> rels;  // lower-cased relation types
};

// Every link in `value`, in order. URLs are resolved against `base` (the
// request URL; may be empty when links are absolute); links that are not
// http(s) are dropped. Commas inside <...> and quoted parameters are not
// separators. Parsing stops at the first malformed link, keeping the
// links before it.
std::vector<WebLink> ParseWebLinks(std::string_view value, std::string_view base = "");

struct LinkRelations {
  std::optional<std::string> next;  // Mastodon: older items
  std::optional<std::string> prev;  // Mastodon: newer items
};

// The first rel="next" and rel="prev" (also "previous") links.
LinkRelations ParseLinkHeader(std::string_view value, std::string_view base = "");

}  // namespace harrier::social

#endif  // HARRIER_SOCIAL_LINK_HEADER_H_
