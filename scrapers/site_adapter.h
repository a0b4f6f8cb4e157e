// The declarative site adapter: applies a SiteProfile to one fetched page and
// returns what it found: links to follow and, on advert pages, the advert's
// fields. Bytes in, findings out (the Analyzer shape): no I/O, no store, so it
// can later move into a sandboxed worker process unchanged.
#ifndef HARRIER_SCRAPERS_SITE_ADAPTER_H_
#define HARRIER_SCRAPERS_SITE_ADAPTER_H_

#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "config/options.h"
#include "core/status.h"
#include "scrapers/html_document.h"

namespace harrier::scrapers {

enum class PageKind { kListing, kAdvert };

struct AdvertFields {
  std::string title;
  std::string body;
  std::string posted;
  std::string location;
  std::vector<std::string> image_urls;  // absolute, canonical, deduplicated, page order
};

struct PageFindings {
  std::vector<std::string> listing_links;  // absolute, canonical, allowed hosts only
  std::vector<std::string> advert_links;   // likewise, matching advert_url_pattern
  std::optional<AdvertFields> advert;      // set on advert pages
};

class SiteAdapter {
 public:
  // Compiles the profile's patterns and XPaths; kInvalidArgument names the
  // profile file and the key that is wrong.
  static Result<std::unique_ptr<SiteAdapter>> Create(const config::SiteProfile& profile,
                                                     const HtmlLimits& limits);

  // `url` is the final URL of the response (links resolve against it, or
  // against <base href> when present). Listing pages give links; advert pages
  // give fields (and links too, if the listing XPaths match there).
  Result<PageFindings> Analyze(std::string_view url, std::string_view html, PageKind kind) const;

  // Sorts the URLs of a sitemap (already absolute): on an allowed host, an
  // advert URL (matches [advert] url_pattern, when one is set) goes to
  // advert_links, else a URL matching a set [listing] url_pattern goes to
  // listing_links; anything else is dropped. With `is_index` every allowed
  // URL is another sitemap and goes to listing_links. Canonical, deduplicated.
  PageFindings SortSitemapUrls(const std::vector<std::string>& urls, bool is_index) const;

  const config::SiteProfile& profile() const { return profile_; }

 private:
  explicit SiteAdapter(const config::SiteProfile& profile, const HtmlLimits& limits);
  config::SiteProfile profile_;
  HtmlLimits limits_;
  std::regex listing_re_;
  std::regex advert_re_;
  std::vector<std::string> allowed_hosts_;
};

}  // namespace harrier::scrapers

#endif  // HARRIER_SCRAPERS_SITE_ADAPTER_H_
