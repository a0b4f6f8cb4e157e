// harrier: the analysts' and operators' command line. Reads the store that
// harrierd writes; consultations are audited with the user and reason.
#include <pwd.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "cli/commands.h"
#include "cli/evidence.h"
#include "cli/extract.h"
#include "config/extract_data.h"
#include "config/loader.h"
#include "config/state_paths.h"

namespace {

using namespace harrier;

std::string CurrentUser() {
  for (const char* var : {"SUDO_USER", "USER", "LOGNAME"}) {
    if (const char* v = std::getenv(var); v != nullptr && *v) return v;
  }
  if (passwd* pw = getpwuid(getuid()); pw != nullptr) return pw->pw_name;
  return "uid:" + std::to_string(getuid());
}

// --db wins; else the config's database resolved exactly as harrierd does.
Result<std::string> DatabasePath(const std::string& db, const std::string& config_path,
                                 const std::string& state_dir_flag) {
  if (!db.empty()) return db;
  Result<config::HarrierConfig> cfg = config::LoadConfig(config_path);
  if (!cfg.ok()) return cfg.status();
  return config::ResolveStatePaths(*cfg, state_dir_flag).database;
}

// For `evidence`: --data-dir wins; else the config's, resolved as harrierd does.
Result<std::string> DataDir(const std::string& flag, const std::string& config_path,
                            const std::string& state_dir_flag) {
  if (!flag.empty()) return flag;
  Result<config::HarrierConfig> cfg = config::LoadConfig(config_path);
  if (!cfg.ok()) return cfg.status();
  return config::ResolveStatePaths(*cfg, state_dir_flag).data_dir;
}

// The extractor harrierd would use: the config's region, gazetteer and
// indicator rules. Without a config file (and none named with --config) the
// defaults, with neither places nor indicator scores.
Result<extractors::TextExtractor> ConfiguredExtractor(const std::string& config_path, bool named) {
  if (!named && !std::filesystem::exists(config_path)) {
    std::fprintf(stderr, "harrier: no %s: places and indicator scores are off\n",
                 config_path.c_str());
    return extractors::TextExtractor();
  }
  Result<config::HarrierConfig> cfg = config::LoadConfig(config_path);
  if (!cfg.ok()) return cfg.status();
  Result<ExtractData> data = config::LoadExtractData(cfg->extract);
  if (!data.ok()) return data.status();
  Result<extractors::ExtractorOptions> options = extractors::BuildExtractorOptions(*data);
  if (!options.ok()) return options.status().WithContext(config_path + ": [extract]");
  return extractors::TextExtractor(std::move(*options));
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"harrier: look at what Harrier collected"};
  app.require_subcommand(1);
  app.fallthrough();  // --json, --reason, ... may also follow the subcommand
  std::string config_path = std::filesystem::exists("/etc/harrier/harrier.toml")
                                ? "/etc/harrier/harrier.toml"
                                : "config/harrier.toml";
  std::string state_dir, db_path, reason;
  bool json = false;
  app.add_option("-c,--config", config_path, "harrier.toml (to find the database)")
      ->capture_default_str();
  app.add_option("--state-dir", state_dir, "state directory harrierd used");
  app.add_option("--db", db_path, "database file (overrides config and state dir)");
  app.add_flag("--json", json, "machine-readable output");
  app.add_option("--reason", reason, "why you are looking (operation/URN and text), audited");

  auto* status = app.add_subcommand("status", "sources, last and next run, counts, recent errors");
  auto* summary = app.add_subcommand("summary", "what was found and which adverts share selectors");
  auto* search = app.add_subcommand("search", "adverts that mention a selector");
  std::string kind, value;
  search
      ->add_option("kind", kind,
                   "phone | email | postcode | place | wallet | handle | bank_account | iban")
      ->required();
  search->add_option("value", value, "as written, e.g. \"07700 900 123\"")->required();
  auto* show = app.add_subcommand("show", "show one record");
  auto* show_advert = show->add_subcommand("advert", "an advert with selectors and provenance");
  show->require_subcommand(1);
  int64_t advert_id = 0;
  show_advert->add_option("id", advert_id, "advert id")->required();
  auto* evidence = app.add_subcommand(
      "evidence", "write an evidence bundle for one advert (an audited disclosure)");
  int64_t evidence_id = 0;
  std::string evidence_out, evidence_recipient, evidence_data_dir;
  evidence->add_option("id", evidence_id, "advert id")->required();
  evidence->add_option("--out", evidence_out, "directory to write the bundle in")->required();
  evidence->add_option("--recipient", evidence_recipient, "who receives it (audited)");
  evidence->add_option("--data-dir", evidence_data_dir, "data directory (default: the config's)");
  auto* extract = app.add_subcommand(
      "extract", "selectors and indicators in text or HTML (files or stdin); no database");
  cli::ExtractRequest extract_request;
  extract->add_option("files", extract_request.files, "files to read (default: standard input)");
  extract->add_option("--format", extract_request.format, "auto | text | html")
      ->capture_default_str();
  extract->add_flag("--jsonl", extract_request.jsonl,
                    "read {\"id\", \"text\", \"format\"} per line, write one result per line");
  CLI11_PARSE(app, argc, argv);
  const bool config_named = app.get_option("--config")->count() > 0;

  if (*extract) {
    Result<extractors::TextExtractor> extractor = ConfiguredExtractor(config_path, config_named);
    if (!extractor.ok()) {
      std::fprintf(stderr, "harrier: %s\n", extractor.status().message().c_str());
      return 2;
    }
    extract_request.json = json;
    const Status st = cli::CmdExtract(*extractor, extract_request, std::cin, std::cout, std::cerr);
    return st.ok() ? 0 : 3;
  }

  Result<std::string> path = DatabasePath(db_path, config_path, state_dir);
  if (!path.ok()) {
    std::fprintf(stderr, "harrier: %s\n", path.status().message().c_str());
    return 2;
  }
  if (!std::filesystem::exists(*path)) {
    std::fprintf(stderr, "harrier: no database at %s (has harrierd run? use --state-dir or --db)\n",
                 path->c_str());
    return 2;
  }
  Result<std::unique_ptr<store::Store>> store = store::Store::Open({*path});
  if (!store.ok()) {
    std::fprintf(stderr, "harrier: %s\n", store.status().ToString().c_str());
    return 1;
  }
  // Searches normalise what the analyst typed as the daemon does (a place by
  // the configured gazetteer).
  Result<extractors::TextExtractor> extractor =
      *search ? ConfiguredExtractor(config_path, config_named) : extractors::TextExtractor();
  if (!extractor.ok()) {
    std::fprintf(stderr, "harrier: %s\n", extractor.status().message().c_str());
    return 2;
  }
  SystemClock clock;
  cli::CommandContext ctx{**store, *extractor, clock, std::cout, json, CurrentUser(), reason};
  Status st;
  if (*status)
    st = cli::CmdStatus(ctx);
  else if (*summary)
    st = cli::CmdSummary(ctx);
  else if (*search)
    st = cli::CmdSearch(ctx, kind, value);
  else if (*show_advert)
    st = cli::CmdShowAdvert(ctx, advert_id);
  else if (*evidence) {
    Result<std::string> data_dir = DataDir(evidence_data_dir, config_path, state_dir);
    st = !data_dir.ok()
             ? data_dir.status()
             : cli::CmdEvidence(ctx, evidence_id,
                                {evidence_out, *data_dir + "/warc", *data_dir, evidence_recipient});
  }
  if (!st.ok()) {
    std::fprintf(stderr, "harrier: %s\n", st.message().c_str());
    return st.code() == StatusCode::kNotFound || st.code() == StatusCode::kInvalidArgument ? 3 : 1;
  }
  return 0;
}
