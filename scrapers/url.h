// URL helpers: resolve a link against its page and canonicalise it so that
// one resource has one frontier row (lower-case scheme and host, default port
// dropped, fragment dropped, dot segments removed, empty path becomes "/").
#ifndef HARRIER_SCRAPERS_URL_H_
#define HARRIER_SCRAPERS_URL_H_

#include <optional>
#include <string>
#include <string_view>

namespace harrier::scrapers {

// Resolves `href` against `base` (RFC 3986 §5.2) and canonicalises it.
// nullopt for anything that is not http(s) after resolution (mailto:,
// javascript:, data:, ...) or cannot be parsed.
std::optional<std::string> ResolveUrl(std::string_view base, std::string_view href);

// Canonical form of an absolute http(s) URL, or nullopt.
std::optional<std::string> CanonicalUrl(std::string_view url);

// Lower-case host of an absolute URL ("" if none).
std::string UrlHost(std::string_view url);

// RFC 3986 character classes, shared with robots.txt path matching so that
// canonical URLs and robots patterns normalise alike: unreserved (§2.3), and
// what may stand unescaped in a query (pchar, "/" and "?").
bool IsUnreservedUrlChar(unsigned char c);
bool IsLiteralInUrlQuery(unsigned char c);

}  // namespace harrier::scrapers

#endif  // HARRIER_SCRAPERS_URL_H_
