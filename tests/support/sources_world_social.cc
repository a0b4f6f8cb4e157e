// The SourcesWorld's Telegram previews, Mastodon instance and site (profile
// pages and the advert). Fixture text has "{{BASE}}" where the serving
// server's own base URL goes (ports are chosen at Start).
#include <algorithm>
#include <filesystem>

#include "tests/support/sources_world_internal.h"

namespace harrier::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using Impl = world_internal::State;

constexpr int kMastodonPageSize = 3;  // the instance's page: 5 statuses are 2 pages
constexpr int kMastodonLimitDefault = 20;
constexpr int kMastodonLimitMax = 40;
constexpr int kMastodonRateLimit = 300;

bool Load(const std::string& path, const std::string& base, std::string* out, std::string* error) {
  if (!ReadWorldFile(path, out)) {
    *error = "world fixture missing: " + path;
    return false;
  }
  *out = SubstituteBase(std::move(*out), base);
  return true;
}

// Mastodon ids are strings of digits; compare as numbers of any length.
bool IdLess(const std::string& a, const std::string& b) {
  return a.size() != b.size() ? a.size() < b.size() : a < b;
}

// The statuses older than max_id (newest first), one page, and the Link
// header: rel="next" (max_id of the last one) only when older ones remain,
// rel="prev" (min_id of the first) whenever the page has any.
void ServeStatusPage(const json& all, const std::string& url, const httplib::Request& req,
                     httplib::Response& res) {
  const std::string max_id = req.get_param_value("max_id");
  int64_t asked = IntParam(req, "limit", kMastodonLimitDefault);
  if (asked <= 0) asked = kMastodonLimitDefault;
  asked = std::min<int64_t>(asked, kMastodonLimitMax);
  // The instance serves fewer than asked; the Link URLs repeat what was asked.
  const int64_t limit = std::min<int64_t>(asked, kMastodonPageSize);
  json page = json::array();
  bool more = false;
  for (const json& s : all) {
    const std::string id = s["id"];
    if (!max_id.empty() && !IdLess(id, max_id)) continue;
    if (static_cast<int64_t>(page.size()) == limit) {
      more = true;
      break;
    }
    page.push_back(s);
  }
  const std::string limit_q = "?limit=" + std::to_string(asked);
  std::string link;
  if (more) {
    link =
        "<" + url + limit_q + "&max_id=" + page.back()["id"].get<std::string>() + ">; rel=\"next\"";
  }
  if (!page.empty()) {
    if (!link.empty()) link += ", ";
    link += "<" + url + limit_q + "&min_id=" + page.front()["id"].get<std::string>() +
            ">; rel=\"prev\"";
  }
  if (!link.empty()) res.set_header("Link", link);
  SendJson(res, 200, page.dump());
}

// Rate headers, the auth switch and the malformed switch around an API route.
void MastodonRoute(FixtureServer& server, const std::shared_ptr<Impl>& impl,
                   const std::string& path,
                   std::function<void(const httplib::Request&, httplib::Response&)> body) {
  server.SetHandler(path, [impl, path, body = std::move(body)](const httplib::Request& req,
                                                               httplib::Response& res) {
    bool auth = false;
    int served = 0;
    {
      std::lock_guard<std::mutex> lock(impl->mu);
      auth = impl->mastodon_auth;
      served = ++impl->mastodon_served;
    }
    res.set_header("X-RateLimit-Limit", std::to_string(kMastodonRateLimit));
    res.set_header("X-RateLimit-Remaining",
                   std::to_string(std::max(0, kMastodonRateLimit - served)));
    res.set_header("X-RateLimit-Reset", IsoUtc(impl->EpochSeconds() + 300));
    if (auth) {
      SendJson(res, 401, R"({"error":"This API requires an authenticated user"})");
      return;
    }
    body(req, res);
    if (res.status == 200 && impl->IsMalformed(path)) SendJson(res, 200, TruncatedJson(res.body));
  });
}

}  // namespace

bool RouteTelegram(FixtureServer& server, const std::shared_ptr<Impl>& impl, const std::string& dir,
                   std::string* error) {
  const std::string base = server.base_url();
  const std::string channel = SourcesWorld::kTelegramChannel;
  // before -> page, as t.me pages backwards from the newest.
  auto pages = std::make_shared<std::map<std::string, std::string>>();
  const std::vector<std::pair<std::string, std::string>> files = {
      {"", "page1.html"}, {"111", "page2.html"}, {"106", "page3.html"}, {"*", "empty.html"}};
  for (const auto& [before, file] : files) {
    if (!Load(dir + "/" + channel + "/" + file, base, &(*pages)[before], error)) return false;
  }
  const std::string path = "/s/" + channel;
  server.SetHandler(path, [pages, impl, path](const httplib::Request& req, httplib::Response& res) {
    auto it = pages->find(req.get_param_value("before"));
    if (it == pages->end()) it = pages->find("*");
    // Malformed: cut mid-page (mid-tag, elements left open), as a dropped
    // connection or a broken proxy leaves it.
    const bool broken = impl->IsMalformed(path);
    res.set_content(broken ? it->second.substr(0, it->second.size() / 2) : it->second,
                    "text/html; charset=utf-8");
  });
  // No public preview: t.me sends /s/<name> to /<name>.
  const std::string priv = SourcesWorld::kTelegramPrivateChannel;
  std::string page;
  if (!Load(dir + "/" + priv + ".html", base, &page, error)) return false;
  server.SetHandler("/s/" + priv, [priv](const httplib::Request&, httplib::Response& res) {
    res.set_redirect("/" + priv, 302);
  });
  server.SetOverride("/" + priv, page);
  return true;
}

bool RouteMastodon(FixtureServer& server, const std::shared_ptr<Impl>& impl, const std::string& dir,
                   std::string* error) {
  const std::string base = server.base_url();
  std::string account, statuses, tag;
  if (!Load(dir + "/account.json", base, &account, error) ||
      !Load(dir + "/statuses.json", base, &statuses, error) ||
      !Load(dir + "/tag_copperwick.json", base, &tag, error)) {
    return false;
  }
  auto all = std::make_shared<json>(json::parse(statuses, nullptr, false));
  auto tagged = std::make_shared<json>(json::parse(tag, nullptr, false));
  if (!all->is_array() || !tagged->is_array()) {
    *error = "world mastodon fixtures are not JSON arrays";
    return false;
  }
  MastodonRoute(server, impl, "/api/v1/accounts/lookup",
                [account](const httplib::Request& req, httplib::Response& res) {
                  if (req.get_param_value("acct") == SourcesWorld::kMastodonAccount) {
                    SendJson(res, 200, account);
                  } else {
                    SendJson(res, 404, R"({"error":"Record not found"})");
                  }
                });
  const std::string statuses_path =
      "/api/v1/accounts/" + std::string(SourcesWorld::kMastodonAccountId) + "/statuses";
  MastodonRoute(
      server, impl, statuses_path,
      [all, url = base + statuses_path](const httplib::Request& req, httplib::Response& res) {
        ServeStatusPage(*all, url, req, res);
      });
  const std::string tag_path = "/api/v1/timelines/tag/" + std::string(SourcesWorld::kMastodonTag);
  MastodonRoute(
      server, impl, tag_path,
      [tagged, url = base + tag_path](const httplib::Request& req, httplib::Response& res) {
        ServeStatusPage(*tagged, url, req, res);
      });
  return true;
}

bool RouteSite(FixtureServer& server, const std::string& dir, std::string* error) {
  // Static files are served from `dir`; the pages that name their own URL
  // (profiles: og:url, JSON-LD) are served with the base filled in.
  const std::string base = server.base_url();
  std::error_code ec;
  for (const auto& entry : fs::recursive_directory_iterator(dir, ec)) {
    if (entry.path().extension() != ".html") continue;
    std::string text;
    if (!Load(entry.path().string(), base, &text, error)) return false;
    const std::string path = "/" + fs::relative(entry.path(), dir).generic_string();
    server.SetOverride(path, text);
    if (path == "/index.html") server.SetOverride("/", text);
  }
  if (ec) {
    *error = "world site fixtures unreadable: " + dir;
    return false;
  }
  return true;
}

}  // namespace harrier::testing
