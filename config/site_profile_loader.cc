// One source profile (sources/<name>.toml) into a SiteProfile. Regexes and
// XPaths are only carried here; the site adapter compiles them and uses
// key_lines to name the line of one that does not compile.
#include <arpa/inet.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "config/loader.h"
#include "config/table_reader.h"

namespace harrier::config {

namespace {

bool IsSourceName(std::string_view name) {
  return !name.empty() && name.size() <= 64 && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

bool IsIpLiteral(const std::string& text) {
  unsigned char buffer[16];
  return inet_pton(AF_INET, text.c_str(), buffer) == 1 ||
         inet_pton(AF_INET6, text.c_str(), buffer) == 1;
}

bool IsHostName(const std::string& host) {
  if (IsIpLiteral(host)) return true;
  return !host.empty() && host.size() <= 253 && std::all_of(host.begin(), host.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_';
  });
}

// Empty when `url` is an absolute http(s) URL with a host; else what is wrong,
// to follow the quoted URL in a message.
std::string CheckHttpUrl(std::string_view url) {
  if (HasControlChar(url) || url.find(' ') != std::string_view::npos) {
    return "contains spaces or control characters";
  }
  const size_t colon = url.find("://");
  std::string scheme(url.substr(0, colon));
  std::transform(scheme.begin(), scheme.end(), scheme.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  if (colon == std::string_view::npos || (scheme != "http" && scheme != "https")) {
    return "is not an http(s) URL (expected e.g. \"https://example.org/\")";
  }
  const std::string_view rest = url.substr(colon + 3);
  const std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
  if (authority.find('@') != std::string_view::npos) {
    return "has a user name or password in it; remove the part before '@'";
  }
  size_t host_end = authority.find(':');
  if (authority.starts_with('[')) {
    host_end = authority.find(']');
    if (host_end == std::string_view::npos) return "has an unclosed '['";
    ++host_end;
  }
  if (authority.substr(0, host_end).empty()) return "has no host";
  if (host_end < authority.size()) {
    const std::string_view port = authority.substr(host_end);
    if (port.size() < 2 || port.size() > 6 || port[0] != ':' ||
        !std::all_of(port.begin() + 1, port.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
        std::stoi(std::string(port.substr(1))) > 65535) {
      return "has a bad port (expected e.g. \":8080\")";
    }
  }
  return "";
}

void ReadIdentity(TableReader& r, const std::string& path, SiteProfile* p) {
  if (r.ReadString("name", &p->name)) {
    if (!IsSourceName(p->name)) {
      r.Fail("name", Quote(p->name) +
                         " is not a valid source name (use 1 to 64 of "
                         "a-z, 0-9, _ and -)");
    }
  } else if (!r.Has("name")) {
    p->name = std::filesystem::path(path).stem().string();
    if (!IsSourceName(p->name)) {
      r.FailAt(1, "name",
               "no name given and the file name " + Quote(p->name) +
                   " is not a valid source name; add name = \"...\" using "
                   "1 to 64 of a-z, 0-9, _ and -");
    }
  }
  r.ReadString("kind", &p->kind);
  if (p->kind != "site") {
    r.Fail("kind", Quote(p->kind) + " is not a supported kind (only \"site\")");
  }
  r.ReadString("authorisation_ref", &p->authorisation_ref);
  if (HasControlChar(p->authorisation_ref)) {
    r.Fail("authorisation_ref", "must be one line of text");
  }
}

void ReadStartUrls(TableReader& r, SiteProfile* p) {
  std::vector<int> lines;
  if (!r.Has("start_urls")) {
    r.Fail("start_urls",
           "missing; a site needs at least one http(s) URL to start from, "
           "e.g. start_urls = [\"https://example.org/\"]");
  }
  if (!r.ReadStringArray("start_urls", &p->start_urls, &lines)) return;
  if (p->start_urls.empty()) {
    r.Fail("start_urls", "is empty; list at least one http(s) URL");
  }
  for (size_t i = 0; i < p->start_urls.size(); ++i) {
    const std::string why = CheckHttpUrl(p->start_urls[i]);
    if (!why.empty()) {
      r.FailAt(lines[i], "start_urls", Quote(p->start_urls[i]) + " " + why);
    }
  }
}

// Reads an array of strings and reports each element that fails `valid`, at
// the element's own line, as "<quoted element> <why>".
template <typename Valid>
void ReadCheckedList(TableReader& r, std::string_view key, std::vector<std::string>* out,
                     Valid valid, std::string_view why) {
  std::vector<int> lines;
  if (!r.ReadStringArray(key, out, &lines)) return;
  for (size_t i = 0; i < out->size(); ++i) {
    if (valid((*out)[i])) continue;
    r.FailAt(lines[i], key, Quote((*out)[i]) + " " + std::string(why));
  }
}

void ReadAddressLists(TableReader& r, SiteProfile* p) {
  ReadCheckedList(r, "allow_addresses", &p->allow_addresses, IsIpLiteral,
                  "is not an IPv4 or IPv6 address (write e.g. \"127.0.0.1\" "
                  "or \"::1\", without brackets or port)");
  ReadCheckedList(r, "allowed_hosts", &p->allowed_hosts, IsHostName,
                  "is not a host name (write just the host, e.g. "
                  "\"example.org\")");
}

void ReadCrawl(TableReader& r, SiteProfile* p) {
  ReadStartUrls(r, p);
  std::string schedule;
  if (r.ReadString("schedule", &schedule)) {
    Result<int64_t> seconds = ParseDuration(schedule);
    if (seconds.ok()) {
      p->schedule_interval_s = *seconds;
    } else {
      r.Fail("schedule", seconds.status().message());
    }
  }
  r.ReadInt("max_depth", 0, 1000, &p->max_depth);
  r.ReadInt("max_requests_per_run", 1, 1'000'000'000, &p->max_requests_per_run);
  r.ReadString("user_agent", &p->user_agent);
  if (HasControlChar(p->user_agent)) {
    r.Fail("user_agent", "must be one line of text");
  }
  ReadAddressLists(r, p);
}

// A key that must be present and not empty; `hint` says what to write.
void Require(TableReader& r, std::string_view key, const std::string& value,
             std::string_view hint) {
  if (!r.Has(key)) {
    r.Fail(key, "missing; " + std::string(hint));
  } else if (value.empty()) {
    r.Fail(key, "is empty; " + std::string(hint));
  }
}

constexpr std::string_view kAdvertsHint =
    "an XPath selecting the advert links on a listing page, e.g. "
    "\"//a[@class='advert-link']/@href\"";
constexpr std::string_view kTitleHint = "an XPath selecting the advert's title, e.g. \"//h1\"";
constexpr std::string_view kBodyHint =
    "an XPath selecting the advert's text, e.g. "
    "\"//div[@class='advert-body']\"";

void ReadListing(TableReader& root, Problems* problems, SiteProfile* p) {
  const toml::table* table = root.ReadTable("listing");
  if (table == nullptr) {
    // Absent, or reported as the wrong type: name the missing required key.
    if (!root.Has("listing")) {
      root.Fail("listing.adverts", "missing; " + std::string(kAdvertsHint));
    }
    return;
  }
  TableReader r(*table, "listing", problems, &p->key_lines);
  r.ReadString("url_pattern", &p->listing_url_pattern);
  r.ReadString("links", &p->listing_links_xpath);
  r.ReadString("adverts", &p->advert_links_xpath);
  Require(r, "adverts", p->advert_links_xpath, kAdvertsHint);
  r.RejectUnknown();
}

void ReadAdvert(TableReader& root, Problems* problems, SiteProfile* p) {
  const toml::table* table = root.ReadTable("advert");
  if (table == nullptr) {
    if (!root.Has("advert")) {
      root.Fail("advert.title", "missing; " + std::string(kTitleHint));
    }
    return;
  }
  TableReader r(*table, "advert", problems, &p->key_lines);
  r.ReadString("url_pattern", &p->advert_url_pattern);
  r.ReadString("title", &p->title_xpath);
  r.ReadString("body", &p->body_xpath);
  r.ReadString("posted", &p->posted_xpath);
  r.ReadString("location", &p->location_xpath);
  r.ReadString("images", &p->images_xpath);
  Require(r, "title", p->title_xpath, kTitleHint);
  Require(r, "body", p->body_xpath, kBodyHint);
  r.RejectUnknown();
}

Result<SiteProfile> Load(const std::string& path) {
  Result<toml::table> doc = ParseTomlFile(path, "source profile");
  if (!doc.ok()) return doc.status();
  SiteProfile profile;
  profile.file = path;
  Problems problems(path);
  TableReader root(*doc, "", &problems, &profile.key_lines);
  ReadIdentity(root, path, &profile);
  ReadCrawl(root, &profile);
  ReadListing(root, &problems, &profile);
  ReadAdvert(root, &problems, &profile);
  root.RejectUnknown();
  HARRIER_RETURN_IF_ERROR(problems.First());
  return profile;
}

}  // namespace

Result<SiteProfile> LoadSiteProfile(const std::string& path) {
  try {  // the backstop, as in LoadConfig
    return Load(path);
  } catch (const std::exception& e) {
    return Status::Internal("load source profile " + path + ": " + e.what());
  }
}

}  // namespace harrier::config
