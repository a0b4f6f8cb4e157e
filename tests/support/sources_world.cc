#include "tests/support/sources_world.h"

#include <time.h>

#include <charconv>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/support/sources_world_internal.h"

#ifndef HARRIER_WORLD_DATA_DIR
#error "HARRIER_WORLD_DATA_DIR must name tests/data/world (tests/CMakeLists.txt)"
#endif

namespace harrier::testing {

namespace fs = std::filesystem;

bool world_internal::State::Take429(const std::string& path, std::chrono::seconds* ahead) {
  std::lock_guard<std::mutex> lock(mu);
  auto it = fail429.find(path);
  if (it == fail429.end() || it->second.empty()) return false;
  *ahead = it->second.front();
  it->second.pop_front();
  return true;
}

bool world_internal::State::IsMalformed(const std::string& path) {
  std::lock_guard<std::mutex> lock(mu);
  return malformed.count(path) > 0;
}

bool ReadWorldFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return true;
}

std::string SubstituteBase(std::string text, const std::string& base) {
  static const std::string kMarker = "{{BASE}}";
  for (size_t at = text.find(kMarker); at != std::string::npos;
       at = text.find(kMarker, at + base.size())) {
    text.replace(at, kMarker.size(), base);
  }
  return text;
}

std::string TruncatedJson(const std::string& body) {
  // Cut mid-way and leave an unterminated string: no parser can accept it.
  return body.substr(0, body.size() / 2) + "\"unterminated";
}

std::string Base64(const std::string& bytes) {
  static const char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    uint32_t n = (static_cast<uint8_t>(bytes[i]) << 16) |
                 (static_cast<uint8_t>(bytes[i + 1]) << 8) | static_cast<uint8_t>(bytes[i + 2]);
    for (int shift : {18, 12, 6, 0}) out += kAlphabet[(n >> shift) & 63];
  }
  if (i + 1 == bytes.size()) {
    uint32_t n = static_cast<uint8_t>(bytes[i]) << 16;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += "==";
  } else if (i + 2 == bytes.size()) {
    uint32_t n = (static_cast<uint8_t>(bytes[i]) << 16) | (static_cast<uint8_t>(bytes[i + 1]) << 8);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += '=';
  }
  return out;
}

int64_t world_internal::State::EpochSeconds() {
  std::function<std::chrono::system_clock::time_point()> now;
  {
    std::lock_guard<std::mutex> lock(mu);
    now = wall_now;
  }
  const auto t = now ? now() : std::chrono::system_clock::now();
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

std::string IsoUtc(int64_t epoch_seconds) {
  time_t t = static_cast<time_t>(epoch_seconds);
  struct tm tm {};
  gmtime_r(&t, &tm);
  char buf[32];
  strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S.000Z", &tm);
  return buf;
}

int64_t IntParam(const httplib::Request& req, const char* name, int64_t fallback) {
  if (!req.has_param(name)) return fallback;
  const std::string v = req.get_param_value(name);
  int64_t n = 0;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || end != v.data() + v.size()) return fallback;
  return n;
}

void SendJson(httplib::Response& res, int status, const std::string& body) {
  res.status = status;
  res.set_content(body, "application/json");
}

SourcesWorld::SourcesWorld(std::string data_dir)
    : data_dir_(data_dir.empty() ? std::string(HARRIER_WORLD_DATA_DIR) : std::move(data_dir)),
      impl_(std::make_shared<world_internal::State>()) {
  ch_ = std::make_unique<FixtureServer>();
  telegram_ = std::make_unique<FixtureServer>(data_dir_ + "/telegram");
  mastodon_ = std::make_unique<FixtureServer>(data_dir_ + "/mastodon");
  site_ = std::make_unique<FixtureServer>(data_dir_ + "/site");
}

SourcesWorld::~SourcesWorld() {
  // Handlers hold the Impl by shared_ptr; stop serving before members go.
  for (FixtureServer* s : {ch_.get(), telegram_.get(), mastodon_.get(), site_.get()}) s->Stop();
}

bool SourcesWorld::Start() {
  for (FixtureServer* s : {ch_.get(), telegram_.get(), mastodon_.get(), site_.get()}) {
    if (!s->Start()) {
      error_ = "a world server could not bind 127.0.0.1";
      return false;
    }
  }
  return LoadAndRoute();
}

bool SourcesWorld::Start(int base_port) {
  int port = base_port;
  for (FixtureServer* s : {ch_.get(), telegram_.get(), mastodon_.get(), site_.get()}) {
    if (port <= 0 || port > 65535 || !s->Start(port)) {
      error_ = "a world server could not bind 127.0.0.1:" + std::to_string(port);
      return false;
    }
    ++port;
  }
  return LoadAndRoute();
}

bool SourcesWorld::LoadAndRoute() {
  // Companies House fixtures: one file per company or officer, as the API's
  // complete listing; the route slices pages out of it.
  const auto load_dir = [this](const std::string& sub,
                               std::map<std::string, nlohmann::json>* into) {
    const fs::path dir = fs::path(data_dir_) / "ch" / sub;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
      if (entry.path().extension() != ".json") continue;
      std::string text;
      if (!ReadWorldFile(entry.path().string(), &text)) return false;
      nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
      if (j.is_discarded()) {
        error_ = "world fixture is not JSON: " + entry.path().string();
        return false;
      }
      (*into)[entry.path().stem().string()] = std::move(j);
    }
    if (ec || into->empty()) {
      error_ = "world fixtures missing: " + dir.string();
      return false;
    }
    return true;
  };
  if (!load_dir("company", &impl_->profiles) || !load_dir("officers", &impl_->officers) ||
      !load_dir("psc", &impl_->pscs) || !load_dir("appointments", &impl_->appointments)) {
    if (error_.empty()) error_ = "world fixtures unreadable under " + data_dir_ + "/ch";
    return false;
  }
  RouteCompaniesHouse(*ch_, impl_);
  return RouteTelegram(*telegram_, impl_, data_dir_ + "/telegram", &error_) &&
         RouteMastodon(*mastodon_, impl_, data_dir_ + "/mastodon", &error_) &&
         RouteSite(*site_, data_dir_ + "/site", &error_);
}

std::string SourcesWorld::ch_base() const { return ch_->base_url(); }
std::string SourcesWorld::telegram_base() const { return telegram_->base_url(); }
std::string SourcesWorld::mastodon_base() const { return mastodon_->base_url(); }
std::string SourcesWorld::site_base() const { return site_->base_url(); }

std::vector<std::string> SourcesWorld::ProfileUrls() const {
  std::vector<std::string> urls;
  for (const char* name : kProfileNames)
    urls.push_back(site_base() + "/profiles/" + name + ".html");
  return urls;
}

std::string SourcesWorld::AdvertUrl() const { return site_base() + "/advert/1.html"; }

void SourcesWorld::Fail429Once(const std::string& path, std::chrono::seconds ahead) {
  std::lock_guard<std::mutex> lock(impl_->mu);
  impl_->fail429[path].push_back(ahead);
}

void SourcesWorld::MalformedJson(const std::string& path, bool on) {
  std::lock_guard<std::mutex> lock(impl_->mu);
  if (on) {
    impl_->malformed.insert(path);
  } else {
    impl_->malformed.erase(path);
  }
}

void SourcesWorld::SetWallClock(std::function<std::chrono::system_clock::time_point()> now) {
  std::lock_guard<std::mutex> lock(impl_->mu);
  impl_->wall_now = std::move(now);
}

void SourcesWorld::MastodonRequireAuth(bool on) {
  std::lock_guard<std::mutex> lock(impl_->mu);
  impl_->mastodon_auth = on;
}

std::vector<std::string> SourcesWorld::ExpectedChWalkRequests(int items_per_page) {
  // NetworkWalk's order: breadth first, within a depth first found first.
  const std::string page = "?items_per_page=" + std::to_string(items_per_page) + "&start_index=";
  const auto company = [&](const std::string& n) {
    return std::vector<std::string>{
        "/company/" + n, "/company/" + n + "/officers" + page + "0",
        "/company/" + n + "/persons-with-significant-control" + page + "0"};
  };
  const auto appointments = [&](const std::string& id) {
    return "/officers/" + id + "/appointments" + page + "0";
  };
  std::vector<std::string> out = company(kCompanyA);
  // A's officers come two per page (kChMaxItemsPerPage) unless fewer are asked.
  const int per_page = std::min(items_per_page, kChMaxItemsPerPage);
  for (int start = per_page; start < 3; start += per_page) {
    out.push_back("/company/" + std::string(kCompanyA) + "/officers" + page +
                  std::to_string(start));
  }
  for (const char* id : {kOfficerAshworth, kOfficerVellacott, kOfficerQuillfeather}) {
    out.push_back(appointments(id));
  }
  for (const char* n : {kCompanyB, kCompanyGone, kCompanyC}) {
    for (std::string& p : company(n)) out.push_back(std::move(p));
  }
  out.push_back(appointments(kOfficerBranscombe));
  return out;
}

std::vector<std::string> SourcesWorld::ChApiRequests() const {
  std::vector<std::string> out;
  for (std::string& p : ch_->RequestedPaths()) {
    if (p != "/robots.txt") out.push_back(std::move(p));
  }
  return out;
}

std::string SourcesWorld::WriteSiteProfile(const std::string& dir) const {
  const std::string path = (fs::path(dir) / (std::string(kSiteProfileName) + ".toml")).string();
  std::ofstream out(path, std::ios::trunc);
  if (!out) return "";
  out << "# The SourcesWorld advert site (tests/support/sources_world.h), on loopback.\n"
      << "name = \"" << kSiteProfileName << "\"\n"
      << "kind = \"site\"\n"
      << "start_urls = [\"" << site_base() << "/index.html\"]\n"
      << "schedule = \"6h\"\n"
      << "max_depth = 5\n"
      << "max_requests_per_run = 100\n"
      << "user_agent = \"\"\n"
      << "allow_addresses = [\"127.0.0.1\"]\n"
      << "allowed_hosts = []\n\n"
      << "[authorisation]\n"
      << "ref = \"WORLD-0001\"\n"
      << "type = \"test\"\n"
      << "authorised_by = \"Test world operator (invented)\"\n"
      << "starts = 2026-01-01\n"
      << "expires = 2099-12-31\n\n"
      << "[fetch]\n"
      << "delay = \"0s\"\n"
      << "connections = 2\n"
      << "proxy = \"\"\n"
      << "tls_verify = true\n\n"
      << "[robots]\n"
      << "obey = true\n\n"
      << "[sitemaps]\n"
      << "enabled = false\n\n"
      << "[listing]\n"
      << "url_pattern = \"\"\n"
      << "links = \"//ul[@class='towns']//a/@href | "
         "//nav[@class='pagination']//a[@rel='next']/@href\"\n"
      << "adverts = \"//a[@class='advert-link']/@href\"\n\n"
      << "[advert]\n"
      << "url_pattern = \"/advert/[0-9]+\\\\.html$\"\n"
      << "title = \"//h1[@class='advert-title']\"\n"
      << "body = \"//div[@class='advert-body']\"\n"
      << "posted = \"//time[@class='posted']/@datetime\"\n"
      << "location = \"//span[@class='location']\"\n"
      << "images = \"//div[@class='gallery']//img/@src\"\n";
  out.close();
  return out ? path : "";
}

}  // namespace harrier::testing
