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

bool IsKnownKind(std::string_view kind) {
  return kind == "site" || kind == "profile" || kind == "telegram" || kind == "mastodon" ||
         kind == "companies_house";
}

// Kinds whose start URLs the collector derives from the kind's own table.
bool DerivesStartUrls(std::string_view kind) {
  return kind == "telegram" || kind == "mastodon" || kind == "companies_house";
}

// APIs are not crawled pages: robots.txt does not govern them.
bool IsApiKind(std::string_view kind) { return kind == "mastodon" || kind == "companies_house"; }

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
  if (!IsKnownKind(p->kind)) {
    r.Fail("kind", Quote(p->kind) +
                       " is not a supported kind (\"site\", \"profile\", \"telegram\", "
                       "\"mastodon\" or \"companies_house\")");
  }
  if (r.Has("authorisation_ref")) {
    r.ReadString("authorisation_ref", &p->authorisation.ref);
    r.Fail("authorisation_ref",
           "is now an [authorisation] table: ref, type, authorised_by, starts and expires "
           "(see docs/configuration.md)");
  }
}

// One line of text that must be present and non-empty in a table that is.
void RequireLine(TableReader& r, std::string_view key, std::string* out, std::string_view hint) {
  r.ReadString(key, out);
  if (!r.Has(key)) {
    r.Fail(key, "missing; " + std::string(hint));
  } else if (out->empty() || HasControlChar(*out)) {
    r.Fail(key, "must be one non-empty line of text; " + std::string(hint));
  }
}

// [authorisation]. Absent: the source loads but is never fetched (the
// collector refuses it and `harrier status` says why). Present: complete.
void ReadAuthorisation(TableReader& root, Problems* problems, SiteProfile* p) {
  const toml::table* table = root.ReadTable("authorisation");
  if (table == nullptr) return;
  TableReader r(*table, "authorisation", problems, &p->key_lines);
  Authorisation& a = p->authorisation;
  RequireLine(r, "ref", &a.ref, "the authorisation's reference, e.g. \"DSA-2026-0142\"");
  RequireLine(r, "type", &a.type, "e.g. \"DSA\" (directed surveillance) or \"policy\"");
  RequireLine(r, "authorised_by", &a.authorised_by, "who authorised it, e.g. \"Supt A. Example\"");
  int64_t ignored = 0;
  if (r.Has("starts")) r.ReadDate("starts", &a.starts, &a.starts_ms);
  if (!r.Has("expires")) {
    r.Fail("expires", "missing; the last day the authorisation covers, e.g. 2027-03-31");
  } else if (r.ReadDate("expires", &a.expires, &ignored)) {
    a.expires_ms = ignored + 86'400'000;  // the whole of the last day
    if (!a.starts.empty() && a.starts_ms >= a.expires_ms) {
      r.Fail("expires", a.expires + " is before starts (" + a.starts + ")");
    }
  }
  r.RejectUnknown();
}

// Empty when `proxy` is "socks5h://IP:PORT" or "http://IP:PORT"; else why not.
std::string CheckProxy(const std::string& proxy) {
  const size_t scheme_end = proxy.find("://");
  if (scheme_end == std::string::npos) return "has no scheme (write socks5h://IP:PORT)";
  const std::string scheme = proxy.substr(0, scheme_end);
  if (scheme == "socks5" || scheme == "socks4" || scheme == "socks4a") {
    return "uses " + scheme + "://, which resolves names locally and leaks them; use socks5h://";
  }
  if (scheme != "socks5h" && scheme != "http") {
    return "has scheme " + Quote(scheme) + "; use socks5h:// or http://";
  }
  std::string authority = proxy.substr(scheme_end + 3);
  if (!authority.empty() && authority.back() == '/') authority.pop_back();
  if (authority.find('@') != std::string::npos) {
    return "has credentials in it; Harrier does not keep proxy passwords in profiles";
  }
  std::string host;
  std::string port;
  if (authority.starts_with('[')) {
    const size_t close = authority.find(']');
    if (close == std::string::npos) return "has an unclosed '['";
    host = authority.substr(1, close - 1);
    if (close + 1 < authority.size() && authority[close + 1] == ':') {
      port = authority.substr(close + 2);
    }
  } else {
    const size_t colon = authority.rfind(':');
    if (colon != std::string::npos) {
      host = authority.substr(0, colon);
      port = authority.substr(colon + 1);
    }
  }
  if (!IsIpLiteral(host)) {
    return "must name the proxy by IP address (so no lookup happens outside it), "
           "e.g. socks5h://127.0.0.1:9050";
  }
  if (port.empty() || port.size() > 5 ||
      !std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
      std::stoi(port) == 0 || std::stoi(port) > 65535) {
    return "needs a port, e.g. socks5h://127.0.0.1:9050";
  }
  return "";
}

bool IsHeaderName(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
  });
}

// [fetch] of a profile: politeness and egress for this source only.
void ReadSourceFetch(TableReader& root, Problems* problems, SiteProfile* p) {
  const toml::table* table = root.ReadTable("fetch");
  if (table == nullptr) return;
  TableReader r(*table, "fetch", problems, &p->key_lines);
  std::string delay;
  if (r.ReadString("delay", &delay)) {
    Result<int64_t> ms = ParseDelayMs(delay);
    if (ms.ok()) {
      p->per_host_delay_ms = static_cast<int>(*ms);
    } else {
      r.Fail("delay", ms.status().message());
    }
  }
  r.ReadInt("connections", 1, 64, &p->per_host_connections);
  if (r.ReadString("proxy", &p->proxy) && !p->proxy.empty()) {
    const std::string why =
        HasControlChar(p->proxy) ? "has control characters" : CheckProxy(p->proxy);
    if (!why.empty()) r.Fail("proxy", Quote(p->proxy) + " " + why);
  }
  if (r.ReadStringMap("headers", &p->headers)) {
    for (const auto& [name, value] : p->headers) {
      if (!IsHeaderName(name) || HasControlChar(value)) {
        r.Fail("headers", "header " + Quote(name) +
                              " must be a plain name (letters, digits, -) with a one-line value");
      }
    }
  }
  r.ReadBool("tls_verify", &p->tls_verify);
  r.ReadString("tls_override_authorisation", &p->tls_override_authorisation);
  if (!p->tls_verify &&
      (p->tls_override_authorisation.empty() || HasControlChar(p->tls_override_authorisation))) {
    r.Fail("tls_verify",
           "false needs tls_override_authorisation naming the authorisation for collecting "
           "without certificate checks (it is written to the audit log)");
  }
  r.RejectUnknown();
}

// [robots]: obeyed unless an authorisation for overriding it is named.
void ReadRobots(TableReader& root, Problems* problems, SiteProfile* p) {
  const toml::table* table = root.ReadTable("robots");
  if (table == nullptr) return;
  TableReader r(*table, "robots", problems, &p->key_lines);
  r.ReadBool("obey", &p->obey_robots);
  r.ReadString("override_authorisation", &p->robots_override_authorisation);
  if (!p->obey_robots && (p->robots_override_authorisation.empty() ||
                          HasControlChar(p->robots_override_authorisation))) {
    r.Fail("obey",
           "false needs override_authorisation naming the authorisation for ignoring "
           "robots.txt (it is written to the audit log)");
  }
  r.RejectUnknown();
}

// [sitemaps]: seed runs from sitemap.xml, robots.txt Sitemap: lines and urls.
void ReadSitemaps(TableReader& root, Problems* problems, SiteProfile* p) {
  const toml::table* table = root.ReadTable("sitemaps");
  if (table == nullptr) return;
  TableReader r(*table, "sitemaps", problems, &p->key_lines);
  r.ReadBool("enabled", &p->use_sitemaps);
  std::vector<int> lines;
  if (r.ReadStringArray("urls", &p->sitemap_urls, &lines)) {
    for (size_t i = 0; i < p->sitemap_urls.size(); ++i) {
      const std::string why = CheckHttpUrl(p->sitemap_urls[i]);
      if (!why.empty()) r.FailAt(lines[i], "urls", Quote(p->sitemap_urls[i]) + " " + why);
    }
  }
  r.RejectUnknown();
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
  if (!DerivesStartUrls(p->kind)) {
    ReadStartUrls(r, p);
  } else if (r.Has("start_urls")) {
    std::vector<std::string> ignored;
    r.ReadStringArray("start_urls", &ignored);
    r.Fail("start_urls", "does not apply to a " + p->kind + " source: it reads what its [" +
                             p->kind + "] table names; remove it");
  }
  // A site's depth counts link hops; a channel's, pages back; a registry
  // walk's, companies and officers away from a seed.
  if (p->kind == "companies_house") p->max_depth = 2;
  if (p->kind == "telegram") p->max_depth = 50;
  if (p->kind == "mastodon") p->max_depth = 20;
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

bool IsCompanyNumber(const std::string& text) {
  return !text.empty() && text.size() <= 8 && std::all_of(text.begin(), text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c));
  });
}

bool IsOfficerId(const std::string& text) {
  return !text.empty() && text.size() <= 64 && std::all_of(text.begin(), text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
  });
}

bool IsOneLine(const std::string& text) { return !text.empty() && !HasControlChar(text); }

bool IsChannelName(const std::string& text) {
  return !text.empty() && text.size() <= 64 && std::all_of(text.begin(), text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

bool IsAccountName(const std::string& text) {
  return !text.empty() && text.size() <= 320 && std::all_of(text.begin(), text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-' ||
           c == '@';
  });
}

bool IsTagName(const std::string& text) {
  return !text.empty() && text.size() <= 100 && std::all_of(text.begin(), text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' ||
           static_cast<unsigned char>(c) >= 0x80;
  });
}

// A relative key file is relative to the profile's directory.
std::string ResolveBeside(const std::string& profile_path, const std::string& file) {
  if (file.empty() || std::filesystem::path(file).is_absolute()) return file;
  return (std::filesystem::path(profile_path).parent_path() / file).string();
}

// The table a kind needs; nullptr (reported, saying what to write) when
// absent or not a table.
const toml::table* KindTable(TableReader& root, std::string_view key, std::string_view hint) {
  const toml::table* table = root.ReadTable(key);
  if (table == nullptr && !root.Has(key)) root.Fail(key, "missing; " + std::string(hint));
  return table;
}

// [companies_house]: the API, its key and the seeds of the network walk.
void ReadCompaniesHouse(TableReader& root, Problems* problems, SiteProfile* p) {
  const toml::table* table =
      KindTable(root, "companies_house",
                "a companies_house source needs a [companies_house] table with its seeds "
                "(company_numbers, officer_ids, search_terms or postcodes)");
  if (table == nullptr) return;
  TableReader r(*table, "companies_house", problems, &p->key_lines);
  CompaniesHouseOptions& ch = p->companies_house;
  if (r.ReadString("api_base", &ch.api_base)) {
    const std::string why = CheckHttpUrl(ch.api_base);
    if (!why.empty()) r.Fail("api_base", Quote(ch.api_base) + " " + why);
  }
  r.ReadString("api_key", &ch.api_key);
  if (HasControlChar(ch.api_key)) r.Fail("api_key", "must be one line of text");
  if (r.ReadString("api_key_file", &ch.api_key_file)) {
    ch.api_key_file = ResolveBeside(p->file, ch.api_key_file);
  }
  if (ch.api_key.empty() && ch.api_key_file.empty()) {
    r.Fail("api_key_file",
           "missing; name a file holding COMPANIES_HOUSE_API_KEY=<key> (mode 0600), or set "
           "api_key");
  }
  ReadCheckedList(r, "company_numbers", &ch.company_numbers, IsCompanyNumber,
                  "is not a company number (up to 8 letters and digits, e.g. \"09999001\")");
  ReadCheckedList(r, "officer_ids", &ch.officer_ids, IsOfficerId,
                  "is not an officer id (letters, digits, _ and -, as in the API's links)");
  ReadCheckedList(r, "search_terms", &ch.search_terms, IsOneLine,
                  "must be one non-empty line of text");
  ReadCheckedList(r, "postcodes", &ch.postcodes, IsOneLine, "must be one non-empty line of text");
  if (ch.company_numbers.empty() && ch.officer_ids.empty() && ch.search_terms.empty() &&
      ch.postcodes.empty()) {
    r.Fail("company_numbers",
           "no seeds; list company_numbers, officer_ids, search_terms or postcodes");
  }
  r.ReadInt("items_per_page", 1, 100, &ch.items_per_page);
  r.ReadBool("fetch_pscs", &ch.fetch_pscs);
  r.RejectUnknown();
}

// [telegram]: the channels whose public previews are read.
void ReadTelegram(TableReader& root, Problems* problems, SiteProfile* p) {
  const toml::table* table =
      KindTable(root, "telegram", "a telegram source needs [telegram] channels = [\"name\"]");
  if (table == nullptr) return;
  TableReader r(*table, "telegram", problems, &p->key_lines);
  TelegramOptions& tg = p->telegram;
  if (r.ReadString("base", &tg.base)) {
    const std::string why = CheckHttpUrl(tg.base);
    if (!why.empty()) r.Fail("base", Quote(tg.base) + " " + why);
    while (tg.base.ends_with('/')) tg.base.pop_back();
  }
  ReadCheckedList(r, "channels", &tg.channels, IsChannelName,
                  "is not a public channel name (letters, digits and _, without t.me/ or @)");
  if (tg.channels.empty()) r.Fail("channels", "missing or empty; list at least one channel");
  r.RejectUnknown();
}

// [mastodon]: one instance, its accounts and hashtags.
void ReadMastodon(TableReader& root, Problems* problems, SiteProfile* p) {
  const toml::table* table =
      KindTable(root, "mastodon", "a mastodon source needs [mastodon] instance and accounts");
  if (table == nullptr) return;
  TableReader r(*table, "mastodon", problems, &p->key_lines);
  MastodonOptions& m = p->mastodon;
  RequireLine(r, "instance", &m.instance, "the instance, e.g. \"mastodon.example\"");
  ReadCheckedList(r, "accounts", &m.accounts, IsAccountName,
                  "is not an account (user or user@domain, without a leading @)");
  ReadCheckedList(r, "tags", &m.tags, IsTagName, "is not a hashtag (without #)");
  if (m.accounts.empty() && m.tags.empty()) {
    r.Fail("accounts", "nothing to read; list accounts or tags");
  }
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
  ReadAuthorisation(root, &problems, &profile);
  ReadCrawl(root, &profile);
  ReadSourceFetch(root, &problems, &profile);
  if (IsApiKind(profile.kind)) {
    profile.obey_robots = false;  // an API, not pages: robots.txt does not apply
  } else {
    ReadRobots(root, &problems, &profile);
  }
  if (profile.kind == "site") {
    ReadSitemaps(root, &problems, &profile);
    ReadListing(root, &problems, &profile);
    ReadAdvert(root, &problems, &profile);
  } else if (profile.kind == "companies_house") {
    ReadCompaniesHouse(root, &problems, &profile);
  } else if (profile.kind == "telegram") {
    ReadTelegram(root, &problems, &profile);
  } else if (profile.kind == "mastodon") {
    ReadMastodon(root, &problems, &profile);
  }
  root.RejectUnknown();
  HARRIER_RETURN_IF_ERROR(problems.First());
  return profile;
}

}  // namespace

Status ProfileKeyError(const SiteProfile& profile, const std::string& key, const std::string& why) {
  std::string where = profile.file.empty() ? profile.name : profile.file;
  auto line = profile.key_lines.find(key);
  if (!where.empty() && line != profile.key_lines.end() && line->second > 0) {
    where += ":" + std::to_string(line->second);
  }
  return Status::InvalidArgument((where.empty() ? "" : where + ": ") + key + ": " + why);
}

Result<SiteProfile> LoadSiteProfile(const std::string& path) {
  try {  // the backstop, as in LoadConfig
    return Load(path);
  } catch (const std::exception& e) {
    return Status::Internal("load source profile " + path + ": " + e.what());
  }
}

}  // namespace harrier::config
