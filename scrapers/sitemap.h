// Sitemaps (sitemaps.org protocol 0.9) as a seed route: XML <urlset> and
// <sitemapindex> documents, gzip-compressed or not, and plain-text sitemaps
// (one URL per line). Parsed with libxml2 with network access, entity
// substitution and DTD loading off; sizes capped (the protocol allows 50 MB
// uncompressed and 50,000 URLs per file). Pure code: no I/O.
// Thread-safety: pure functions.
#ifndef HARRIER_SCRAPERS_SITEMAP_H_
#define HARRIER_SCRAPERS_SITEMAP_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace harrier::scrapers {

struct SitemapLimits {
  int64_t max_decoded_bytes = 50 * 1024 * 1024;
  size_t max_urls = 50000;
};

struct Sitemap {
  bool is_index = false;              // <sitemapindex>: `urls` are sitemaps
  std::vector<std::string> urls;      // <loc> values resolved against the
                                      // sitemap's URL; http(s) only, in order
  std::vector<std::string> warnings;  // skipped entries, truncation
};

// `body` is the response body as decoded by the fetcher; a gzip file
// (magic 1f 8b, whatever its Content-Type) is gunzipped here within the cap.
// Errors: kInvalidArgument for a document that is neither a sitemap nor an
// index nor a text list, kRejected for a body over the caps.
Result<Sitemap> ParseSitemap(std::string_view body, const std::string& sitemap_url,
                             const SitemapLimits& limits = {});

}  // namespace harrier::scrapers

#endif  // HARRIER_SCRAPERS_SITEMAP_H_
