// SourcesWorld: a small, coherent, invented world of issue 6's sources on
// 127.0.0.1 for end-to-end tests: a Companies House API, Telegram channel
// previews, a Mastodon instance, and a site with profile pages and an advert,
// tied together by one phone number and one postcode. The fixtures are
// tests/data/world/ (written by make_world.py; its README says what is where).
// Thread-safety: the switches and counters may be used while the servers run.
#ifndef HARRIER_TESTS_SUPPORT_SOURCES_WORLD_H_
#define HARRIER_TESTS_SUPPORT_SOURCES_WORLD_H_

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "tests/support/fixture_server.h"

namespace harrier::testing {

namespace world_internal {
struct State;  // fixtures and switches, shared with the servers' handlers
}  // namespace world_internal

class SourcesWorld {
 public:
  // ---- What links the sources -------------------------------------------
  // An Ofcom drama number. Written "07700 900 461" in the Telegram post, the
  // Mastodon status, the profile page and the advert; E.164 below.
  static constexpr char kSharedPhone[] = "07700 900461";
  static constexpr char kSharedPhoneE164[] = "+447700900461";
  // Company A's registered office, the Telegram post 107, the advert, and
  // the Mastodon account's "Studio" field (3 documents). No officer or PSC
  // address uses it.
  // (No TE postcode area exists; the format is valid.)
  static constexpr char kSharedPostcode[] = "TE7 4QJ";

  // ---- Companies House -----------------------------------------------------
  // Send `Authorization: Basic base64(kApiKey + ":")`; anything else is 401.
  static constexpr char kApiKey[] = "7c1e4a2b-5d3f-4e6a-9b8c-0d1e2f3a4b5c";
  // A: COPPERWICK NAIL STUDIO LTD, registered office at kSharedPostcode.
  // Officers: Ashworth (director), Vellacott (director), Quillfeather
  // (secretary, resigned 2021-06-30) - three items, served two per page.
  // PSCs: Ashworth (individual), company C (corporate entity).
  static constexpr char kCompanyA[] = "09999001";
  // B: COPPERWICK HAND CAR WASH LTD (Scotland). Officers: Ashworth,
  // Branscombe. PSC: Branscombe (individual).
  static constexpr char kCompanyB[] = "SC123456";
  // C: COPPERWICK PROPERTY HOLDINGS LTD. Officer: Quillfeather. No PSCs.
  static constexpr char kCompanyC[] = "09999003";
  // In Vellacott's appointments, but every /company/09999404... path is a
  // 404 with the API's JSON body (a dissolved, removed company).
  static constexpr char kCompanyGone[] = "09999404";
  // Officer ids (27 URL-safe characters, as the API's).
  static constexpr char kOfficerAshworth[] = "wQ7rAshM2nLk4vXz9pTgB1cDeFh";   // A and B: the link
  static constexpr char kOfficerVellacott[] = "Vd3kPell8xQ2mZ6nR4tY0uJ7wEa";  // A and (404)
  static constexpr char kOfficerQuillfeather[] = "Qf5rRosa1mNd9kXc2vB7lP3zHs-";  // A (resigned), C
  static constexpr char kOfficerBranscombe[] = "Bt2wWren6yHq8jK1mP4nS9dF0g_";    // B
  // Seeds and limits that collect the whole network: from company A,
  // A -> Ashworth -> B -> Branscombe (depth 3); C is reached at depth 2 via
  // Quillfeather. With max_depth 2 everything but Branscombe's appointments
  // list is fetched (16 requests).
  static constexpr char kChSeedCompany[] = "09999001";
  static constexpr int kChMaxDepth = 3;
  static constexpr int kChRequestBudget = 50;  // the full walk needs 17
  // A company search that finds all three companies ("copperwick").
  static constexpr char kChSearchTerm[] = "copperwick";
  // List endpoints never return more than this many items per page, whatever
  // items_per_page asks (the real API caps too): A's officers take 2 pages.
  static constexpr int kChMaxItemsPerPage = 2;

  // ---- Telegram ------------------------------------------------------------
  // 15 posts, ids 101-115, 5 per page: /s/<channel> (111-115, data-before
  // 111), ?before=111 (106-110, before 106), ?before=106 (101-105, no older
  // link). Photos in 102, 108, 114 (/img/tg_<id>.png on the same server);
  // 113 has the phone, 107 the postcode. Another `before` gives an empty page.
  static constexpr char kTelegramChannel[] = "harrier_demo_channel";
  // /s/harrier_private redirects (302) to /harrier_private: no preview.
  static constexpr char kTelegramPrivateChannel[] = "harrier_private";

  // ---- Mastodon ------------------------------------------------------------
  // Account copperwick_rooms (id 1100001): 5 statuses in 2 pages (3 then 2,
  // Link rel="next" with max_id on the first only). Status
  // 113500000000000104 has an image attachment (/media/m_104.png), 103 the
  // phone. Tag timeline "copperwick": 2 statuses (105 again, and 201 by
  // testbury_notices), one page.
  static constexpr char kMastodonAccount[] = "copperwick_rooms";
  static constexpr char kMastodonAccountId[] = "1100001";
  static constexpr char kMastodonTag[] = "copperwick";
  // Lookup answers 404 {"error":"Record not found"}.
  static constexpr char kMastodonMissingAccount[] = "nobody_here";

  // ---- Site ------------------------------------------------------------------
  // Profile pages under site(): /profiles/<name>.html. marnie_nails has the
  // phone (og:description and JSON-LD Person); copperwick_rooms has a
  // JSON-LD array.
  static constexpr const char* kProfileNames[] = {"marnie_nails", "copperwick_rooms"};
  // The advert site: /index.html lists /advert/1.html (demo-site markup,
  // config/sources/demo.toml's XPaths), whose body has phone and postcode.
  static constexpr char kSiteProfileName[] = "world_site";

  // `data_dir` empty: the source tree's tests/data/world.
  explicit SourcesWorld(std::string data_dir = "");
  ~SourcesWorld();
  SourcesWorld(const SourcesWorld&) = delete;
  SourcesWorld& operator=(const SourcesWorld&) = delete;

  // Reads the fixtures and starts the four servers (127.0.0.1, any port).
  // False (and a message in error()) if a fixture is missing or a server
  // could not bind.
  bool Start();
  // The same on fixed ports, for `make demo`: Companies House on base_port,
  // Telegram on base_port + 1, Mastodon on + 2, the site on + 3.
  bool Start(int base_port);
  const std::string& error() const { return error_; }

  FixtureServer& ch() { return *ch_; }
  FixtureServer& telegram() { return *telegram_; }
  FixtureServer& mastodon() { return *mastodon_; }
  FixtureServer& site() { return *site_; }

  // "http://127.0.0.1:PORT" of each server.
  std::string ch_base() const;
  std::string telegram_base() const;
  std::string mastodon_base() const;
  std::string site_base() const;
  std::vector<std::string> ProfileUrls() const;  // absolute, in kProfileNames order
  std::string AdvertUrl() const;                 // site_base() + "/advert/1.html"

  // ---- Switches for failure tests ----------------------------------------------
  // The next request to `path` (exact path, no query) on ch() answers 429
  // with X-Ratelimit-Reset `ahead` from now (epoch seconds); later ones are
  // normal. Several calls queue several 429s.
  void Fail429Once(const std::string& path, std::chrono::seconds ahead = std::chrono::seconds(2));
  // Every request to `path` (exact path, ch() or mastodon()) answers 200 with
  // a truncated JSON body, until cleared.
  void MalformedJson(const std::string& path, bool on = true);
  // telegram()'s /s/<channel> pages (exact path) are cut in half, mid-tag,
  // until cleared. Shares the set of MalformedJson.
  void MalformedHtml(const std::string& path, bool on = true) { MalformedJson(path, on); }
  // The wall clock the rate-limit reset headers are computed from (CH's
  // X-Ratelimit-Reset in epoch seconds, Mastodon's X-RateLimit-Reset in ISO
  // 8601). Default: the system clock. A test whose daemon runs on a FakeClock
  // passes [&clock] { return clock.WallNow(); } so that a 429's reset is
  // `ahead` of the daemon's own now.
  void SetWallClock(std::function<std::chrono::system_clock::time_point()> now);
  // mastodon() answers every /api/ request with 401 {"error":"This API
  // requires an authenticated user"} while on.
  void MastodonRequireAuth(bool on);

  // ---- What a complete collection finds ----------------------------------------
  static int ExpectedCompanies() { return 3; }  // A, B, C (the 404 one is not stored)
  static int ExpectedOfficers() { return 4; }
  // Officer-company appointments in the three companies (one resigned); the
  // seventh, Vellacott at the 404 company, is only in his appointments list.
  static int ExpectedAppointments() { return 6; }
  static int ExpectedAppointmentsIncludingGoneCompany() { return 7; }
  static int ExpectedPscs() { return 3; }  // 2 at A (1 corporate), 1 at B
  static int ExpectedResignedAppointments() { return 1; }
  static int ExpectedTelegramPosts() { return 15; }
  static int ExpectedTelegramPages() { return 3; }
  static int ExpectedTelegramPhotos() { return 3; }
  static int ExpectedMastodonAccountStatuses() { return 5; }
  static int ExpectedMastodonTagStatuses() { return 2; }
  static int ExpectedMastodonStatuses() { return 6; }  // distinct over account and tag
  static int ExpectedMastodonImages() { return 1; }
  static int ExpectedProfiles() { return 2; }
  static int ExpectedAdverts() { return 1; }
  static int ExpectedAdvertImages() { return 1; }
  // Registry entities at kSharedPostcode: company A's registered office only.
  static int ExpectedCompaniesAtSharedPostcode() { return 1; }
  // Documents (post, status, profile, advert) mentioning kSharedPhone: Telegram
  // 113, Mastodon 103, profile marnie_nails, advert 1.
  static int ExpectedSharedPhoneDocuments() { return 4; }
  // The Companies House requests (path and query as FixtureServer logs them,
  // params sorted by name) of a full NetworkWalk from kChSeedCompany with
  // max_depth kChMaxDepth and `items_per_page` per page; all distinct, so
  // RequestCount(p) == 1 for each after a walk that fetched everything once.
  // Requires items_per_page >= kChMaxItemsPerPage (the walk's default is 100).
  static std::vector<std::string> ExpectedChWalkRequests(int items_per_page = 100);
  // ch().RequestedPaths() without /robots.txt (a fetcher that obeys robots
  // asks for it first): compare with ExpectedChWalkRequests as multisets.
  std::vector<std::string> ChApiRequests() const;

  // Writes dir/world_site.toml: a `site` source for site() (start URL,
  // allow_addresses 127.0.0.1, an invented authorisation, no delay, the
  // demo-site XPaths). Returns the file's path, "" if it could not write.
  // The other kinds' config keys are the lead's; use the constants above.
  std::string WriteSiteProfile(const std::string& dir) const;

 private:
  bool LoadAndRoute();

  std::string data_dir_;
  std::string error_;
  std::unique_ptr<FixtureServer> ch_, telegram_, mastodon_, site_;
  std::shared_ptr<world_internal::State> impl_;
};

}  // namespace harrier::testing

#endif  // HARRIER_TESTS_SUPPORT_SOURCES_WORLD_H_
