// Applies a declarative SiteProfile to one page: XPaths pick links and
// fields, links are resolved (against <base href> when present),
// canonicalised and kept only when http(s), on an allowed host and matching
// the profile's URL pattern.
#include "scrapers/site_adapter.h"

#include <unordered_set>
#include <utility>

#include "config/loader.h"
#include "scrapers/url.h"

namespace harrier::scrapers {
namespace {

std::string Trim(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return std::string(s);
}

std::string Lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

// std::regex reports a bad pattern by throwing; it stops here.
Status CompilePattern(const config::SiteProfile& profile, const std::string& key,
                      const std::string& pattern, std::regex* out) {
  if (pattern.empty()) return Status::Ok();
  try {
    *out = std::regex(pattern, std::regex::ECMAScript | std::regex::nosubs);
  } catch (const std::regex_error& e) {
    return config::ProfileKeyError(profile, key, "regex '" + pattern + "': " + e.what());
  }
  return Status::Ok();
}

bool Matches(const std::regex& re, const std::string& url) {
  try {
    return std::regex_search(url, re);
  } catch (const std::regex_error&) {  // error_complexity / error_stack
    return false;
  }
}

// Which links of a page are kept, and how they are recognised.
struct LinkRule {
  std::string_view base;                  // URL relative links resolve against
  std::string_view page;                  // the page itself: never a link
  const std::vector<std::string>& hosts;  // allowed hosts, lower-case
  const std::regex* pattern;              // null: any URL
};

bool HostAllowed(const std::vector<std::string>& hosts, const std::string& host) {
  for (const std::string& h : hosts) {
    if (h == host) return true;
  }
  return false;
}

// Resolved, canonical, deduplicated, in page order.
std::vector<std::string> KeepLinks(const std::vector<std::string>& values, const LinkRule& rule) {
  std::vector<std::string> out;
  std::unordered_set<std::string> seen;
  for (const std::string& value : values) {
    // nullopt for data:, mailto:, javascript: and anything unparseable.
    std::optional<std::string> url = ResolveUrl(rule.base, value);
    if (!url || *url == rule.page || seen.count(*url) != 0) continue;
    if (!HostAllowed(rule.hosts, UrlHost(*url))) continue;
    if (rule.pattern != nullptr && !Matches(*rule.pattern, *url)) continue;
    seen.insert(*url);
    out.push_back(std::move(*url));
  }
  return out;
}

// Evaluates one profile XPath; an empty expression gives nothing.
Result<std::vector<std::string>> Select(const HtmlDocument& doc, const std::string& page,
                                        const std::string& key, const std::string& xpath) {
  if (xpath.empty()) return std::vector<std::string>{};
  Result<std::vector<std::string>> values = doc.Evaluate(xpath);
  if (!values.ok()) return values.status().WithContext("analyze " + page + ": " + key);
  return values;
}

// The values joined by newlines, blank ones skipped.
Result<std::string> Field(const HtmlDocument& doc, const std::string& page, const std::string& key,
                          const std::string& xpath) {
  Result<std::vector<std::string>> values = Select(doc, page, key, xpath);
  if (!values.ok()) return values.status();
  std::string out;
  for (const std::string& v : *values) {
    std::string t = Trim(v);
    if (t.empty()) continue;
    if (!out.empty()) out += '\n';
    out += t;
  }
  return out;
}

// HTML §4.2.3: the first <base> with an href sets the document's base URL.
std::string BaseUrl(const HtmlDocument& doc, const std::string& page) {
  Result<std::vector<std::string>> href = doc.Evaluate("(//base[@href])[1]/@href");
  if (!href.ok() || href->empty()) return page;
  std::optional<std::string> base = ResolveUrl(page, (*href)[0]);
  return base ? *base : page;
}

// The fields of an advert page; `images` says which image URLs are kept.
Result<AdvertFields> ReadAdvert(const HtmlDocument& doc, const config::SiteProfile& profile,
                                const std::string& page, const LinkRule& images) {
  AdvertFields fields;
  const std::pair<const char*, std::pair<const std::string*, std::string*>> text_fields[] = {
      {"advert.title", {&profile.title_xpath, &fields.title}},
      {"advert.body", {&profile.body_xpath, &fields.body}},
      {"advert.posted", {&profile.posted_xpath, &fields.posted}},
      {"advert.location", {&profile.location_xpath, &fields.location}},
  };
  for (const auto& [key, target] : text_fields) {
    Result<std::string> value = Field(doc, page, key, *target.first);
    if (!value.ok()) return value.status();
    *target.second = std::move(*value);
  }
  Result<std::vector<std::string>> sources =
      Select(doc, page, "advert.images", profile.images_xpath);
  if (!sources.ok()) return sources.status();
  fields.image_urls = KeepLinks(*sources, images);
  return fields;
}

}  // namespace

SiteAdapter::SiteAdapter(const config::SiteProfile& profile, const HtmlLimits& limits)
    : profile_(profile), limits_(limits) {}

Result<std::unique_ptr<SiteAdapter>> SiteAdapter::Create(const config::SiteProfile& profile,
                                                         const HtmlLimits& limits) {
  std::unique_ptr<SiteAdapter> adapter(new SiteAdapter(profile, limits));
  HARRIER_RETURN_IF_ERROR(CompilePattern(profile, "listing.url_pattern",
                                         profile.listing_url_pattern, &adapter->listing_re_));
  HARRIER_RETURN_IF_ERROR(CompilePattern(profile, "advert.url_pattern", profile.advert_url_pattern,
                                         &adapter->advert_re_));
  const std::pair<const char*, const std::string*> xpaths[] = {
      {"listing.links", &profile.listing_links_xpath},
      {"listing.adverts", &profile.advert_links_xpath},
      {"advert.title", &profile.title_xpath},
      {"advert.body", &profile.body_xpath},
      {"advert.posted", &profile.posted_xpath},
      {"advert.location", &profile.location_xpath},
      {"advert.images", &profile.images_xpath},
  };
  for (const auto& [key, xpath] : xpaths) {
    if (xpath->empty()) continue;
    Status status = HtmlDocument::CheckXPath(*xpath);
    if (!status.ok()) return config::ProfileKeyError(profile, key, status.message());
  }
  for (const std::string& host : profile.allowed_hosts) {
    adapter->allowed_hosts_.push_back(Lower(Trim(host)));
  }
  if (adapter->allowed_hosts_.empty()) {
    for (const std::string& url : profile.start_urls) {
      std::string host = UrlHost(url);
      if (!host.empty() && !HostAllowed(adapter->allowed_hosts_, host)) {
        adapter->allowed_hosts_.push_back(std::move(host));
      }
    }
  }
  return adapter;
}

Result<PageFindings> SiteAdapter::Analyze(std::string_view url, std::string_view html,
                                          PageKind kind) const {
  std::optional<std::string> page = CanonicalUrl(url);
  if (!page) {
    return Status::InvalidArgument("analyze " + std::string(url) + ": not an http(s) URL");
  }
  Result<std::unique_ptr<HtmlDocument>> parsed = HtmlDocument::Parse(html, limits_);
  if (!parsed.ok()) return parsed.status().WithContext("analyze " + *page);
  const HtmlDocument& doc = **parsed;
  const std::string base = BaseUrl(doc, *page);

  PageFindings findings;
  const std::regex* listing = profile_.listing_url_pattern.empty() ? nullptr : &listing_re_;
  const std::regex* advert = profile_.advert_url_pattern.empty() ? nullptr : &advert_re_;
  Result<std::vector<std::string>> links =
      Select(doc, *page, "listing.links", profile_.listing_links_xpath);
  if (!links.ok()) return links.status();
  findings.listing_links = KeepLinks(*links, {base, *page, allowed_hosts_, listing});
  Result<std::vector<std::string>> adverts =
      Select(doc, *page, "listing.adverts", profile_.advert_links_xpath);
  if (!adverts.ok()) return adverts.status();
  findings.advert_links = KeepLinks(*adverts, {base, *page, allowed_hosts_, advert});
  if (kind != PageKind::kAdvert) return findings;

  // Images follow the link rules (allowed hosts only): a hotlinked image on
  // another host would be a request to a site nobody authorised.
  Result<AdvertFields> fields =
      ReadAdvert(doc, profile_, *page, {base, "", allowed_hosts_, nullptr});
  if (!fields.ok()) return fields.status();
  findings.advert = std::move(*fields);
  return findings;
}

PageFindings SiteAdapter::SortSitemapUrls(const std::vector<std::string>& urls,
                                          bool is_index) const {
  PageFindings findings;
  std::unordered_set<std::string> seen;
  for (const std::string& raw : urls) {
    std::optional<std::string> url = CanonicalUrl(raw);
    if (!url || seen.count(*url) != 0 || !HostAllowed(allowed_hosts_, UrlHost(*url))) continue;
    seen.insert(*url);
    if (is_index) {
      findings.listing_links.push_back(std::move(*url));
    } else if (!profile_.advert_url_pattern.empty() && Matches(advert_re_, *url)) {
      findings.advert_links.push_back(std::move(*url));
    } else if (!profile_.listing_url_pattern.empty() && Matches(listing_re_, *url)) {
      findings.listing_links.push_back(std::move(*url));
    }
  }
  return findings;
}

}  // namespace harrier::scrapers
