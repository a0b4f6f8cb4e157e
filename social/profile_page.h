// Public profile pages on sites with no API: a Profile from Open Graph /
// profile:* / twitter:* meta tags and schema.org JSON-LD, generically, so a
// profile source works for any site that publishes them. Stateless.
#ifndef HARRIER_SOCIAL_PROFILE_PAGE_H_
#define HARRIER_SOCIAL_PROFILE_PAGE_H_

#include <string_view>

#include "core/status.h"
#include "scrapers/html_document.h"
#include "social/post.h"

namespace harrier::social {

struct ProfilePage {
  Profile profile;
  bool has_open_graph = false;  // any og:/profile:/twitter: value was read
  bool has_json_ld = false;     // a Person or Organization was found
  int broken_json_ld = 0;       // blocks skipped as malformed or too large
};

// Merge rule: JSON-LD wins for each single value it has (name, handle,
// description, url, followers) because it describes the entity with types,
// while og:title often decorates the name ("Name (@x) • Site"); meta tags
// fill what JSON-LD lacks. Images and sameAs links are merged, JSON-LD's
// first, without duplicates. Meta tags are matched on property= or name=,
// case-insensitively. The name from meta tags is profile:first_name +
// last_name, else og:title, else twitter:title; the url is og:url, else
// link[rel=canonical], else `page_url`. All URLs are resolved against
// `page_url` and only http(s) is kept. kRejected for a page the HTML limits
// refuse; kCorrupt if it cannot be parsed.
Result<ProfilePage> ParseProfilePage(std::string_view html, std::string_view page_url,
                                     const scrapers::HtmlLimits& limits = {});

}  // namespace harrier::social

#endif  // HARRIER_SOCIAL_PROFILE_PAGE_H_
