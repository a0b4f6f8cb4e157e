// Open Graph (ogp.me) and JSON-LD on profile pages; see the header for the
// merge rule.
#include "social/profile_page.h"

#include <memory>

#include "scrapers/url.h"
#include "social/html_query.h"
#include "social/json_ld.h"
#include "social/social_text.h"

namespace harrier::social {
namespace {

// At most this many JSON-LD blocks are read: a hostile page could hold
// thousands.
constexpr int kMaxJsonLdBlocks = 32;

constexpr char kUpper[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
constexpr char kLower[] = "abcdefghijklmnopqrstuvwxyz";

std::string LowerAttr(const char* attr) {
  return std::string("translate(normalize-space(") + attr + "),'" + kUpper + "','" + kLower + "')";
}

// Contents of every <meta property=key> or <meta name=key>. `key` is a fixed
// lower-case literal from this file, never page text.
std::vector<std::string> Meta(HtmlQuery& q, const std::string& key) {
  return q.All("//meta[" + LowerAttr("@property") + "='" + key + "' or " + LowerAttr("@name") +
               "='" + key + "']/@content");
}

std::string FirstMeta(HtmlQuery& q, std::initializer_list<const char*> keys) {
  for (const char* key : keys) {
    for (const std::string& v : Meta(q, key)) {
      if (!v.empty()) return v;
    }
  }
  return "";
}

Profile FromMeta(HtmlQuery& q, std::string_view page_url, bool* found) {
  Profile p;
  const std::string first = FirstMeta(q, {"profile:first_name"});
  const std::string last = FirstMeta(q, {"profile:last_name"});
  p.name = first.empty() || last.empty() ? first + last : first + " " + last;
  if (p.name.empty()) p.name = FirstMeta(q, {"og:title", "twitter:title"});
  p.handle = FirstMeta(q, {"profile:username"});
  while (!p.handle.empty() && p.handle.front() == '@') p.handle.erase(0, 1);
  p.description = FirstMeta(q, {"og:description", "twitter:description"});
  for (const char* key :
       {"og:image", "og:image:secure_url", "og:image:url", "twitter:image", "twitter:image:src"}) {
    for (const std::string& v : Meta(q, key)) {
      if (std::optional<std::string> url = ResolveLink(page_url, v)) AppendUnique(&p.images, *url);
    }
  }
  if (std::optional<std::string> url = ResolveLink(page_url, FirstMeta(q, {"og:url"}))) {
    p.url = *url;
  }
  *found = !p.name.empty() || !p.handle.empty() || !p.description.empty() || !p.images.empty() ||
           !p.url.empty();
  if (p.description.empty()) p.description = FirstMeta(q, {"description"});
  return p;
}

std::vector<std::string> JsonLdBlocks(HtmlQuery& q) {
  const std::string scripts = "(//script[" + LowerAttr("@type") + "='application/ld+json'])";
  std::vector<std::string> blocks;
  const int n = std::min(q.Count(scripts), kMaxJsonLdBlocks);
  for (int k = 1; k <= n; ++k) {
    // string() keeps the text as written: the element's text content as
    // HtmlDocument gives it leaves script content out.
    std::vector<std::string> text = q.All("string(" + scripts + "[" + std::to_string(k) + "])");
    if (!text.empty()) blocks.push_back(std::move(text.front()));
  }
  return blocks;
}

void Merge(const Profile& meta, Profile* out) {
  if (out->name.empty()) out->name = meta.name;
  if (out->handle.empty()) out->handle = meta.handle;
  if (out->description.empty()) out->description = meta.description;
  if (out->url.empty()) out->url = meta.url;
  for (const std::string& image : meta.images) AppendUnique(&out->images, image);
  for (const std::string& link : meta.same_as) AppendUnique(&out->same_as, link);
}

}  // namespace

Result<ProfilePage> ParseProfilePage(std::string_view html, std::string_view page_url,
                                     const scrapers::HtmlLimits& limits) {
  const std::string context = "profile page " + std::string(page_url);
  Result<std::unique_ptr<scrapers::HtmlDocument>> doc = scrapers::HtmlDocument::Parse(html, limits);
  if (!doc.ok()) return doc.status().WithContext(context);
  HtmlQuery q(**doc);
  ProfilePage page;
  const Profile meta = FromMeta(q, page_url, &page.has_open_graph);
  JsonLdResult ld = ProfileFromJsonLd(JsonLdBlocks(q), page_url);
  page.has_json_ld = ld.found;
  page.broken_json_ld = ld.broken;
  page.profile = std::move(ld.profile);
  Merge(meta, &page.profile);
  if (page.profile.url.empty()) {
    const std::string canonical = q.First("//link[" + LowerAttr("@rel") + "='canonical']/@href");
    page.profile.url = ResolveLink(page_url, canonical)
                           .value_or(scrapers::CanonicalUrl(page_url).value_or(std::string()));
  }
  if (!q.status().ok()) return q.status().WithContext(context);
  return page;
}

}  // namespace harrier::social
