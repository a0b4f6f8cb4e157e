// harrier.toml and the sources directory. Source profiles themselves are read
// in site_profile_loader.cc; both share table_reader.h.
#include "config/loader.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <system_error>
#include <utility>
#include <vector>

#include "config/table_reader.h"

namespace harrier::config {

namespace {

namespace fs = std::filesystem;

using KeyLines = std::map<std::string, int>;

void ReadDaemon(const toml::table& table, Problems* problems, KeyLines* lines,
                DaemonOptions* daemon) {
  TableReader r(table, "daemon", problems, lines);
  r.ReadString("database", &daemon->database);
  if (daemon->database.empty()) {
    r.Fail("database", "must not be empty (e.g. \"harrier.db\")");
  }
  r.ReadString("data_dir", &daemon->data_dir);
  if (daemon->data_dir.empty()) {
    r.Fail("data_dir", "must not be empty (e.g. \"data\")");
  }
  r.ReadInt("parse_workers", 1, 64, &daemon->parse_workers);
  r.ReadInt("max_in_flight", 1, 10000, &daemon->max_in_flight);
  r.ReadInt("commit_batch", 1, 10000, &daemon->commit_batch);
  r.ReadString("log_level", &daemon->log_level);
  constexpr std::string_view kLevels[] = {"trace", "debug", "info", "warn", "error"};
  if (std::find(std::begin(kLevels), std::end(kLevels), daemon->log_level) == std::end(kLevels)) {
    r.Fail("log_level", Quote(daemon->log_level) +
                            " is not a log level (use trace, debug, info, "
                            "warn or error)");
  }
  r.RejectUnknown();
}

// A duration key ("2s", "10m", "24h") into milliseconds.
void ReadDurationMs(TableReader& r, std::string_view key, int64_t* out_ms) {
  std::string text;
  if (!r.ReadString(key, &text)) return;
  Result<int64_t> seconds = ParseDuration(text);
  if (!seconds.ok()) return r.Fail(key, seconds.status().message());
  *out_ms = *seconds * 1000;
}

void ReadFetch(const toml::table& table, Problems* problems, KeyLines* lines, FetchOptions* fetch) {
  TableReader r(table, "fetch", problems, lines);
  r.ReadString("user_agent", &fetch->user_agent);
  if (fetch->user_agent.empty() || HasControlChar(fetch->user_agent)) {
    r.Fail("user_agent",
           "must be one non-empty line of text (it is sent as the "
           "User-Agent header)");
  }
  r.ReadInt("max_connections", 1, 1024, &fetch->max_connections);
  r.ReadInt("per_host_connections", 1, 64, &fetch->per_host_connections);
  r.ReadInt("per_host_delay_ms", 0, 3'600'000, &fetch->per_host_delay_ms);
  r.ReadInt("connect_timeout_ms", 1, 3'600'000, &fetch->connect_timeout_ms);
  r.ReadInt("total_timeout_ms", 1, 86'400'000, &fetch->total_timeout_ms);
  r.ReadInt("low_speed_limit_bytes", 1, 1 << 30, &fetch->low_speed_limit_bytes);
  r.ReadInt("low_speed_time_s", 1, 3600, &fetch->low_speed_time_s);
  r.ReadInt("max_redirects", 0, 20, &fetch->max_redirects);
  r.ReadInt64("max_body_bytes", 1, int64_t{1} << 32, &fetch->max_body_bytes);
  r.ReadInt64("max_html_bytes", 1, int64_t{1} << 30, &fetch->max_html_bytes);
  r.ReadInt("max_attempts", 1, 100, &fetch->max_attempts);
  ReadDurationMs(r, "backoff_base", &fetch->backoff_base_ms);
  ReadDurationMs(r, "backoff_max", &fetch->backoff_max_ms);
  ReadDurationMs(r, "max_retry_after", &fetch->max_retry_after_ms);
  ReadDurationMs(r, "robots_ttl", &fetch->robots_ttl_ms);
  ReadDurationMs(r, "robots_error_retry", &fetch->robots_error_retry_ms);
  int64_t warc_mib = fetch->warc_max_file_bytes >> 20;
  r.ReadInt64("warc_max_file_mib", 1, 1 << 20, &warc_mib);
  fetch->warc_max_file_bytes = warc_mib << 20;
  if (fetch->per_host_connections > fetch->max_connections) {
    r.Fail("per_host_connections", std::to_string(fetch->per_host_connections) +
                                       " is more than max_connections (" +
                                       std::to_string(fetch->max_connections) + ")");
  }
  r.RejectUnknown();
}

bool IsRegionCode(std::string_view code) {
  return code.size() == 2 &&
         std::all_of(code.begin(), code.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

void ReadExtract(const toml::table& table, Problems* problems, KeyLines* lines,
                 ExtractOptions* extract) {
  TableReader r(table, "extract", problems, lines);
  r.ReadString("default_region", &extract->default_region);
  if (!IsRegionCode(extract->default_region)) {
    r.Fail("default_region", Quote(extract->default_region) +
                                 " is not a region code (expected two "
                                 "capital letters, e.g. \"GB\")");
  }
  r.ReadBool("accept_drama_ranges", &extract->accept_drama_ranges);
  r.ReadString("gazetteer", &extract->gazetteer);
  r.ReadString("gazetteer_country", &extract->gazetteer_country);
  if (!IsRegionCode(extract->gazetteer_country)) {
    r.Fail("gazetteer_country", Quote(extract->gazetteer_country) +
                                    " is not a country code (expected two capital letters)");
  }
  r.ReadString("indicators", &extract->indicators);
  r.RejectUnknown();
}

void ReadImages(const toml::table& table, Problems* problems, KeyLines* lines,
                ImageOptions* images) {
  TableReader r(table, "images", problems, lines);
  r.ReadInt64("max_bytes", 1024, int64_t{1} << 31, &images->max_bytes);
  r.ReadInt64("max_pixels", 1024, 1'000'000'000, &images->max_pixels);
  r.ReadInt("max_side", 16, 65535, &images->max_side);
  r.ReadInt("match_distance", 0, 128, &images->match_distance);
  r.ReadInt("min_quality", 0, 100, &images->min_quality);
  r.ReadBool("ocr", &images->ocr);
  r.ReadString("ocr_languages", &images->ocr_languages);
  const bool languages_ok =
      !images->ocr_languages.empty() &&
      std::all_of(images->ocr_languages.begin(), images->ocr_languages.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '+';
      });
  if (!languages_ok) {
    r.Fail("ocr_languages", Quote(images->ocr_languages) +
                                " is not a list of Tesseract languages (e.g. \"eng\" or "
                                "\"eng+ron\")");
  }
  r.ReadInt("ocr_workers", 1, 64, &images->ocr_workers);
  r.ReadInt("ocr_time_budget_ms", 10, 600'000, &images->ocr_time_budget_ms);
  r.ReadBool("keep_watchlist_photos", &images->keep_watchlist_photos);
  r.ReadBool("keep_watchlist_features", &images->keep_watchlist_features);
  r.RejectUnknown();
}

// [ui]: the review web UI. TLS needs both the certificate and the key.
void ReadUi(const toml::table& table, Problems* problems, KeyLines* lines, UiOptions* ui) {
  TableReader r(table, "ui", problems, lines);
  r.ReadBool("enabled", &ui->enabled);
  r.ReadString("bind", &ui->bind);
  if (ui->bind.empty()) r.Fail("bind", "must not be empty (e.g. \"127.0.0.1\")");
  r.ReadInt("port", 0, 65535, &ui->port);
  r.ReadStringArray("allowed_hosts", &ui->allowed_hosts);
  r.ReadString("tls_cert", &ui->tls_cert);
  r.ReadString("tls_key", &ui->tls_key);
  if (ui->tls_cert.empty() != ui->tls_key.empty()) {
    r.Fail(ui->tls_cert.empty() ? "tls_key" : "tls_cert",
           "TLS needs both tls_cert and tls_key (or neither, for HTTP on loopback)");
  }
  r.ReadString("static_dir", &ui->static_dir);
  r.ReadString("marking", &ui->marking);
  if (ui->marking.empty()) r.Fail("marking", "must not be empty (e.g. \"OFFICIAL-SENSITIVE\")");
  r.ReadInt("session_idle_minutes", 1, 24 * 60, &ui->session_idle_minutes);
  r.ReadInt("session_absolute_hours", 1, 24 * 7, &ui->session_absolute_hours);
  r.RejectUnknown();
}

void ReadReview(const toml::table& table, Problems* problems, KeyLines* lines,
                ReviewOptions* review) {
  TableReader r(table, "review", problems, lines);
  r.ReadInt("cluster_alert_size", 0, 1'000'000, &review->cluster_alert_size);
  r.RejectUnknown();
}

// A data file named in [extract], made relative to harrier.toml's directory;
// a problem names the key's line when the file is missing.
void ResolveExtractPath(const std::string& config_path, const KeyLines& lines, std::string_view key,
                        bool want_directory_or_file, Problems* problems, std::string* path) {
  if (path->empty()) return;
  const bool relative = fs::path(*path).is_relative();
  if (relative) *path = (fs::path(config_path).parent_path() / *path).lexically_normal().string();
  std::error_code ec;
  if (fs::exists(*path, ec)) {
    if (want_directory_or_file || fs::is_regular_file(*path, ec)) return;
  }
  const std::string full_key = "extract." + std::string(key);
  auto line = lines.find(full_key);
  std::string what = Quote(*path) + (ec ? " cannot be read: " + ec.message() : " does not exist");
  if (relative)
    what += " (relative to the directory of " + fs::path(config_path).filename().string() + ")";
  problems->Add(line == lines.end() ? 1 : line->second, full_key, what);
}

// `sources_dir` as written, made relative to harrier.toml's directory.
std::string ResolveSourcesDir(const std::string& config_path, const std::string& sources_dir) {
  fs::path dir(sources_dir);
  if (dir.is_relative()) dir = fs::path(config_path).parent_path() / dir;
  dir = dir.lexically_normal();
  if (!dir.has_filename() && dir.has_relative_path()) dir = dir.parent_path();
  return dir.string();
}

// The *.toml files directly in `dir`, by name. Hidden files are skipped:
// editors leave lock files such as ".#demo.toml" next to the one being edited.
Result<std::vector<std::string>> ListProfiles(const std::string& dir) {
  std::error_code ec;
  std::vector<std::string> names;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    std::error_code type_ec;
    if (name.starts_with('.') || !name.ends_with(".toml") || it->is_directory(type_ec)) {
      continue;
    }
    names.push_back(name);
  }
  if (ec) return Status::IoError("list sources " + dir + ": " + ec.message());
  std::sort(names.begin(), names.end());
  return names;
}

// `written_relative`: sources_dir was written as a relative path, so the
// message says what it is relative to.
Status CheckSourcesDir(const HarrierConfig& config, int line, bool written_relative) {
  std::error_code ec;
  const fs::file_status status = fs::status(config.sources_dir, ec);
  std::string problem;
  if (status.type() == fs::file_type::not_found) {
    problem = "does not exist";
  } else if (ec) {
    problem = "cannot be read: " + ec.message();
  } else if (status.type() != fs::file_type::directory) {
    problem = "is not a directory";
  } else {
    return Status::Ok();
  }
  if (written_relative) {
    problem += " (sources_dir is relative to the directory of " +
               fs::path(config.file).filename().string() + ")";
  }
  Problems problems(config.file);
  problems.Add(line, "sources_dir", "directory " + Quote(config.sources_dir) + " " + problem);
  return problems.First();
}

int NameLine(const SiteProfile& profile) {
  auto it = profile.key_lines.find("name");
  return it == profile.key_lines.end() ? 1 : it->second;
}

Status LoadSources(int sources_dir_line, bool written_relative, HarrierConfig* config) {
  HARRIER_RETURN_IF_ERROR(CheckSourcesDir(*config, sources_dir_line, written_relative));
  Result<std::vector<std::string>> names = ListProfiles(config->sources_dir);
  if (!names.ok()) return names.status();
  for (const std::string& name : *names) {
    Result<SiteProfile> profile = LoadSiteProfile((fs::path(config->sources_dir) / name).string());
    if (profile.status().code() == StatusCode::kNotFound) {
      // Listed but unreadable (a dangling symlink). NotFound from LoadConfig
      // means harrier.toml itself is missing, so this is an I/O error.
      return Status::IoError(profile.status().message());
    }
    if (!profile.ok()) return profile.status();
    for (const SiteProfile& other : config->sources) {
      if (other.name != profile->name) continue;
      Problems problems(profile->file);
      problems.Add(NameLine(*profile), "name",
                   "source " + Quote(profile->name) + " is already defined in " + other.file + ":" +
                       std::to_string(NameLine(other)) + " (source names must be unique)");
      return problems.First();
    }
    config->sources.push_back(std::move(profile).value());
  }
  return Status::Ok();
}

Result<HarrierConfig> Load(const std::string& path) {
  Result<toml::table> doc = ParseTomlFile(path, "config");
  if (!doc.ok()) return doc.status();
  HarrierConfig config;
  config.file = path;
  Problems problems(path);
  TableReader root(*doc, "", &problems, &config.key_lines);
  std::string sources_dir = "sources";
  root.ReadString("sources_dir", &sources_dir);
  if (sources_dir.empty()) {
    root.Fail("sources_dir", "must not be empty (e.g. \"sources\")");
  }
  if (const toml::table* t = root.ReadTable("daemon")) {
    ReadDaemon(*t, &problems, &config.key_lines, &config.daemon);
  }
  if (const toml::table* t = root.ReadTable("fetch")) {
    ReadFetch(*t, &problems, &config.key_lines, &config.fetch);
  }
  if (const toml::table* t = root.ReadTable("extract")) {
    ReadExtract(*t, &problems, &config.key_lines, &config.extract);
  }
  if (const toml::table* t = root.ReadTable("images")) {
    ReadImages(*t, &problems, &config.key_lines, &config.images);
  }
  if (const toml::table* t = root.ReadTable("ui")) {
    ReadUi(*t, &problems, &config.key_lines, &config.ui);
  }
  if (const toml::table* t = root.ReadTable("review")) {
    ReadReview(*t, &problems, &config.key_lines, &config.review);
  }
  root.RejectUnknown();
  ResolveExtractPath(path, config.key_lines, "gazetteer", /*want_directory_or_file=*/true,
                     &problems, &config.extract.gazetteer);
  ResolveExtractPath(path, config.key_lines, "indicators", /*want_directory_or_file=*/false,
                     &problems, &config.extract.indicators);
  HARRIER_RETURN_IF_ERROR(problems.First());
  // [ui] static_dir, like the other files named in harrier.toml, is relative
  // to the file's directory.
  if (!config.ui.static_dir.empty() && fs::path(config.ui.static_dir).is_relative()) {
    config.ui.static_dir = (fs::path(path).parent_path() / config.ui.static_dir).string();
  }
  config.sources_dir = ResolveSourcesDir(path, sources_dir);
  HARRIER_RETURN_IF_ERROR(
      LoadSources(root.Line("sources_dir"), fs::path(sources_dir).is_relative(), &config));
  return config;
}

}  // namespace

Result<HarrierConfig> LoadConfig(const std::string& path) {
  // toml++ and std::filesystem throw; nothing may leave config/ as an
  // exception. Parse errors are caught where they happen, with their line;
  // this is the backstop (e.g. std::bad_alloc).
  try {
    return Load(path);
  } catch (const std::exception& e) {
    return Status::Internal("load config " + path + ": " + e.what());
  }
}

Result<int64_t> ParseDuration(const std::string& text) {
  const Status bad =
      Status::InvalidArgument(Quote(text) + " is not a duration (use 30s, 15m, 6h or 1d)");
  // At most 9 digits: 999999999d still fits in int64_t seconds.
  if (text.size() < 2 || text.size() > 10) return bad;
  int64_t unit = 0;
  switch (text.back()) {
    case 's':
      unit = 1;
      break;
    case 'm':
      unit = 60;
      break;
    case 'h':
      unit = 3600;
      break;
    case 'd':
      unit = 86400;
      break;
    default:
      return bad;
  }
  int64_t count = 0;
  for (size_t i = 0; i + 1 < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') return bad;
    count = count * 10 + (text[i] - '0');
  }
  if (count == 0) {
    return Status::InvalidArgument(Quote(text) + " is not a duration: it must be at least 1s");
  }
  return count * unit;
}

Result<int64_t> ParseDelayMs(const std::string& text) {
  const Status bad = Status::InvalidArgument(
      Quote(text) + " is not a delay (use e.g. \"0s\", \"250ms\", \"2s\" or \"1m\")");
  if (text == "0") return 0;
  size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  if (digits == 0 || digits > 9) return bad;
  const int64_t count = std::stoll(text.substr(0, digits));
  const std::string unit = text.substr(digits);
  int64_t ms_per_unit = 0;
  if (unit == "ms") {
    ms_per_unit = 1;
  } else if (unit == "s") {
    ms_per_unit = 1000;
  } else if (unit == "m") {
    ms_per_unit = 60'000;
  } else if (unit == "h") {
    ms_per_unit = 3'600'000;
  } else {
    return bad;
  }
  const int64_t ms = count * ms_per_unit;
  if (ms > 3'600'000) return Status::InvalidArgument(Quote(text) + " is more than an hour");
  return ms;
}

}  // namespace harrier::config
