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
#include "cli/export.h"
#include "cli/extract.h"
#include "cli/images.h"
#include "cli/import.h"
#include "cli/registry_commands.h"
#include "cli/review.h"
#include "cli/ui_commands.h"
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

// The [images] options harrierd would use; the defaults without a config.
Result<config::ImageOptions> ImageOptionsFrom(const std::string& config_path, bool named) {
  if (!named && !std::filesystem::exists(config_path)) return config::ImageOptions();
  Result<config::HarrierConfig> cfg = config::LoadConfig(config_path);
  if (!cfg.ok()) return cfg.status();
  return cfg->images;
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

// `harrier user ...` and `harrier serve`: they may create the database (the
// first account is made before harrierd has run).
struct UiCommand {
  std::string database, config_path;
  bool config_named = false;
  std::string state_dir;
  bool json = false;
  bool add = false, list = false, disable = false, serve = false;
  std::string name, role;
  int port = -1;
  std::string bind, data_dir, static_dir;
};

int RunUiCommand(const UiCommand& c) {
  SystemClock clock;
  if (c.serve) {
    review::ui::UiServerOptions o;
    if (c.config_named || std::filesystem::exists(c.config_path)) {
      Result<config::HarrierConfig> cfg = config::LoadConfig(c.config_path);
      if (!cfg.ok()) {
        std::fprintf(stderr, "harrier: %s\n", cfg.status().message().c_str());
        return 2;
      }
      o.ui = cfg->ui;
      o.images = cfg->images;
      o.data_dir = config::ResolveStatePaths(*cfg, c.state_dir).data_dir;
    } else {
      o.data_dir = (c.state_dir.empty() ? std::string(".") : c.state_dir) + "/data";
    }
    o.database = c.database;
    if (c.port >= 0) o.ui.port = c.port;
    if (!c.bind.empty()) o.ui.bind = c.bind;
    if (!c.data_dir.empty()) o.data_dir = c.data_dir;
    if (!c.static_dir.empty()) o.ui.static_dir = c.static_dir;
    Result<extractors::TextExtractor> extractor =
        ConfiguredExtractor(c.config_path, c.config_named);
    if (!extractor.ok()) {
      std::fprintf(stderr, "harrier: %s\n", extractor.status().message().c_str());
      return 2;
    }
    const Status st = cli::CmdServe(o, clock, std::move(*extractor), std::cout);
    if (!st.ok()) std::fprintf(stderr, "harrier: %s\n", st.message().c_str());
    return st.ok() ? 0 : 1;
  }
  Result<std::unique_ptr<store::Store>> store = store::Store::Open({c.database});
  if (!store.ok()) {
    std::fprintf(stderr, "harrier: %s\n", store.status().ToString().c_str());
    return 1;
  }
  extractors::TextExtractor extractor;
  cli::CommandContext ctx{**store, extractor, clock, std::cout, c.json, CurrentUser(), ""};
  Status st;
  if (c.add) st = cli::CmdUserAdd(ctx, c.name, c.role, std::cin, /*interactive=*/true);
  if (c.list) st = cli::CmdUserList(ctx);
  if (c.disable) st = cli::CmdUserDisable(ctx, c.name);
  if (!st.ok()) {
    std::fprintf(stderr, "harrier: %s\n", st.message().c_str());
    return st.code() == StatusCode::kNotFound || st.code() == StatusCode::kInvalidArgument ||
                   st.code() == StatusCode::kRejected
               ? 3
               : 1;
  }
  return 0;
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
  auto* hash = app.add_subcommand(
      "hash", "PDQ hashes of image files: PDQHEX QUALITY FILENAME per image; no database");
  cli::HashRequest hash_request;
  hash->add_option("files", hash_request.files, "image files")->required();
  hash->add_flag("--phash", hash_request.phash, "add the 64-bit pHash column");
  hash->add_flag("--dihedral", hash_request.dihedral,
                 "also one line per rotation and mirror (PDQHEX QUALITY VARIANT FILENAME)");
  auto* match = app.add_subcommand(
      "match", "stored images and watchlist entries within the match distance of a photo");
  std::string match_file;
  match->add_option("image", match_file, "image file")->required();
  auto* watchlist = app.add_subcommand("watchlist", "photos investigators supplied");
  watchlist->require_subcommand(1);
  auto* watchlist_add = watchlist->add_subcommand(
      "add", "add photos (hashes and metadata only) and check them against collected images");
  cli::WatchlistAddRequest watchlist_request;
  watchlist_add->add_option("--operation", watchlist_request.operation, "operation name or URN")
      ->required();
  watchlist_add->add_option("--reason", watchlist_request.reason, "why these photos are listed")
      ->required();
  watchlist_add->add_option("files", watchlist_request.files, "photo files")->required();
  auto* watchlist_list = watchlist->add_subcommand("list", "the watchlist entries");
  auto* alerts = app.add_subcommand("alerts", "watchlist matches waiting for review");
  std::string alert_status = "open";
  alerts->add_option("--status", alert_status, "open | confirmed | rejected | all")
      ->capture_default_str();
  auto* alert = app.add_subcommand("alert", "decide an alert");
  alert->require_subcommand(1);
  int64_t alert_id = 0;
  std::string alert_note;
  auto* alert_confirm = alert->add_subcommand("confirm", "the photo is the listed one");
  auto* alert_reject = alert->add_subcommand("reject", "not the listed photo (never raised again)");
  for (CLI::App* decide : {alert_confirm, alert_reject}) {
    decide->add_option("id", alert_id, "alert id")->required();
    decide->add_option("--note", alert_note, "why");
  }
  auto* show_image = show->add_subcommand("image", "an image: hashes, EXIF (audited), adverts");
  std::string image_sha;
  show_image->add_option("sha256", image_sha, "the image's SHA-256")->required();
  // ---- review: watched selectors, clusters, movement, image pairs, audit (cli/review.h)
  auto* clusters = app.add_subcommand("clusters", "clusters of adverts linked by what they share");
  int cluster_min_size = 2;
  clusters->add_option("--min-size", cluster_min_size, "smallest cluster shown")
      ->capture_default_str();
  auto* clusters_rebuild =
      clusters->add_subcommand("rebuild", "recompute every cluster from scratch");
  auto* show_cluster =
      show->add_subcommand("cluster", "a cluster: adverts, shared selectors, images");
  int64_t cluster_id = 0;
  show_cluster->add_option("id", cluster_id, "cluster id")->required();
  auto* movement = app.add_subcommand("movement", "where a selector was seen, in time order");
  std::string movement_kind, movement_value;
  movement->add_option("kind", movement_kind, "phone | email | handle | ...")->required();
  movement->add_option("value", movement_value, "as written")->required();
  auto* pairs = app.add_subcommand("pairs", "near-duplicate image pairs waiting for review");
  std::string pair_status = "open";
  pairs->add_option("--status", pair_status, "open | confirmed | rejected | all")
      ->capture_default_str();
  auto* pair = app.add_subcommand("pair", "decide a near-duplicate image pair");
  pair->require_subcommand(1);
  int64_t pair_id = 0;
  std::string pair_note;
  auto* pair_confirm = pair->add_subcommand("confirm", "the same photo");
  auto* pair_reject = pair->add_subcommand("reject", "different photos (unlinks their adverts)");
  for (CLI::App* decide : {pair_confirm, pair_reject}) {
    decide->add_option("id", pair_id, "pair id")->required();
    decide->add_option("--note", pair_note, "why");
  }
  auto* source = app.add_subcommand("source", "a collection source");
  source->require_subcommand(1);
  std::string source_name;
  auto* source_retry =
      source->add_subcommand("retry", "ask again for what failed for good (no preview, gone)");
  source_retry->add_option("name", source_name, "source name")->required();
  auto* audit = app.add_subcommand("audit", "the audit log");
  audit->require_subcommand(1);
  auto* audit_verify = audit->add_subcommand("verify", "check the audit log's hash chain");
  // `watchlist add KIND VALUE --operation OP --reason WHY` watches a selector;
  // with files instead it adds photos, as before.
  auto watches_selector = [&]() {
    return !watchlist_request.files.empty() && cli::IsWatchableKind(watchlist_request.files[0]);
  };

  // The review UI: accounts and `serve` (cli/ui_commands.h).
  auto* user = app.add_subcommand("user", "review UI accounts");
  user->require_subcommand(1);
  auto* user_add = user->add_subcommand("add", "add a user (password read from stdin)");
  std::string user_name, user_role;
  user_add->add_option("name", user_name, "user name")->required();
  user_add->add_option("--role", user_role, "analyst | supervisor | operator")
      ->required()
      ->check(CLI::IsMember({"analyst", "supervisor", "operator"}));
  auto* user_list = user->add_subcommand("list", "the users and their roles");
  auto* user_disable = user->add_subcommand("disable", "stop a user logging in");
  user_disable->add_option("name", user_name, "user name")->required();
  auto* serve = app.add_subcommand("serve", "run only the review UI on the state directory");
  int serve_port = -1;
  std::string serve_bind, serve_data_dir, serve_static_dir;
  serve->add_option("--port", serve_port, "port (0: any free port; default [ui] port)");
  serve->add_option("--bind", serve_bind, "address (default [ui] bind, 127.0.0.1)");
  serve->add_option("--data-dir", serve_data_dir, "harrierd's data directory (blobs, warc)");
  serve->add_option("--static-dir", serve_static_dir, "where cytoscape.min.js is");
  auto* export_cmd = app.add_subcommand(
      "export", "linked findings for i2, Aleph or a report, graded (an audited disclosure)");
  cli::ExportRequest export_request;
  export_cmd
      ->add_option("format", export_request.format,
                   "i2-csv | anx | ftm | csv | report-html | report-pdf")
      ->required();
  export_cmd->add_option("--advert", export_request.adverts, "advert id (repeatable)");
  export_cmd->add_option("--cluster", export_request.clusters,
                         "cluster id: every advert in it (repeatable)");
  export_cmd->add_option("--selector", export_request.selectors,
                         "KIND:VALUE, the adverts mentioning it (repeatable)");
  export_cmd->add_option("--grade", export_request.grade,
                         "3x5x2 source evaluation and assessment, e.g. 2B (set by you)");
  export_cmd->add_option("--handling", export_request.handling, "handling code P or C");
  export_cmd->add_option("--conditions", export_request.conditions, "conditions (with C)");
  export_cmd->add_option("--marking", export_request.marking, "protective marking")
      ->capture_default_str();
  export_cmd->add_option("--handling-instructions", export_request.handling_instructions,
                         "handling instructions printed with the marking");
  export_cmd->add_option("--recipient", export_request.recipient, "who receives it (audited)");
  export_cmd->add_option("--out", export_request.out, "file to write (0600, never overwritten)");
  // Issue 6: a Companies House company's network and the adverts at its addresses.
  export_cmd->add_option("--company", export_request.companies,
                         "company number: its officers, PSCs, their other companies and the "
                         "adverts sharing their postcodes (repeatable)");
  export_cmd->add_option("--depth", export_request.depth, "officer hops from --company")
      ->capture_default_str();
  // harrier import (issue 6): Companies House bulk files into the registry tables.
  auto* import_cmd = app.add_subcommand(
      "import", "stream a Companies House bulk file into the registry tables (audited)");
  cli::ImportOptions import_options;
  import_cmd
      ->add_option("kind", import_options.kind,
                   "companies-house (BasicCompanyData CSV) | psc-snapshot (JSON lines)")
      ->required()
      ->check(CLI::IsMember({"companies-house", "psc-snapshot"}));
  import_cmd->add_option("file", import_options.file, "the unzipped file")->required();
  import_cmd->add_option("--batch", import_options.batch_rows, "rows per transaction")
      ->capture_default_str();
  // harrier show company NUMBER (issue 6 point 4; cli/registry_commands.h).
  auto* show_company = show->add_subcommand(
      "company", "a Companies House company: officers, PSCs, changes, adverts at its postcodes");
  std::string company_number;
  show_company->add_option("number", company_number, "company number, e.g. 01234567")->required();
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

  Result<config::ImageOptions> image_options = ImageOptionsFrom(config_path, config_named);
  if (!image_options.ok()) {
    std::fprintf(stderr, "harrier: %s\n", image_options.status().message().c_str());
    return 2;
  }
  if (*hash) {
    hash_request.json = json;
    const Status st = cli::CmdHash(hash_request, *image_options, std::cout, std::cerr);
    return st.ok() ? 0 : 3;
  }

  Result<std::string> path = DatabasePath(db_path, config_path, state_dir);
  if (!path.ok()) {
    std::fprintf(stderr, "harrier: %s\n", path.status().message().c_str());
    return 2;
  }
  if (*user || *serve) {
    UiCommand c;
    c.database = *path;
    c.config_path = config_path;
    c.config_named = config_named;
    c.state_dir = state_dir;
    c.json = json;
    c.add = bool(*user_add);
    c.list = bool(*user_list);
    c.disable = bool(*user_disable);
    c.serve = bool(*serve);
    c.name = user_name;
    c.role = user_role;
    c.port = serve_port;
    c.bind = serve_bind;
    c.data_dir = serve_data_dir;
    c.static_dir = serve_static_dir;
    return RunUiCommand(c);
  }
  if (*import_cmd) {  // may create the database: registry data can come first
    Result<std::unique_ptr<store::Store>> opened = store::Store::Open({*path});
    if (!opened.ok()) {
      std::fprintf(stderr, "harrier: %s\n", opened.status().ToString().c_str());
      return 1;
    }
    SystemClock clock;
    extractors::TextExtractor none;
    cli::CommandContext ctx{**opened, none, clock, std::cout, json, CurrentUser(), reason};
    import_options.progress = isatty(STDERR_FILENO) != 0;
    const Status st = cli::CmdImport(ctx, import_options, std::cerr);
    if (!st.ok()) std::fprintf(stderr, "harrier: %s\n", st.message().c_str());
    return st.ok()                                                                           ? 0
           : st.code() == StatusCode::kNotFound || st.code() == StatusCode::kInvalidArgument ? 3
                                                                                             : 1;
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
      *search || *movement || (*watchlist_add && watches_selector())
          ? ConfiguredExtractor(config_path, config_named)
          : extractors::TextExtractor();
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
  else if (*show_image)
    st = cli::CmdShowImage(ctx, image_sha);
  else if (*match)
    st = cli::CmdMatch(ctx, *image_options, match_file);
  else if (*watchlist_add && watches_selector()) {
    if (watchlist_request.files.size() != 2) {
      st = Status::InvalidArgument("watchlist add KIND VALUE: give one value");
    } else {
      st = cli::CmdWatchlistAddSelector(
          ctx, {watchlist_request.files[0], watchlist_request.files[1], watchlist_request.operation,
                watchlist_request.reason});
    }
  } else if (*watchlist_add) {
    Result<std::string> data_dir = DataDir("", config_path, state_dir);
    watchlist_request.photo_dir = data_dir.ok() ? *data_dir + "/watchlist" : std::string();
    watchlist_request.data_dir = data_dir.ok() ? *data_dir : std::string();
    st = cli::CmdWatchlistAdd(ctx, *image_options, watchlist_request);
  } else if (*watchlist_list)
    st = cli::CmdWatchlistListAll(ctx);
  else if (*clusters_rebuild)
    st = cli::CmdClustersRebuild(ctx);
  else if (*clusters)
    st = cli::CmdClusters(ctx, cluster_min_size);
  else if (*show_cluster)
    st = cli::CmdShowCluster(ctx, cluster_id);
  else if (*movement)
    st = cli::CmdMovement(ctx, movement_kind, movement_value);
  else if (*pairs)
    st = cli::CmdPairs(ctx, pair_status == "all" ? "" : pair_status);
  else if (*pair_confirm || *pair_reject)
    st = cli::CmdPairDecide(ctx, pair_id, *pair_confirm ? "confirmed" : "rejected", pair_note);
  else if (*source_retry)
    st = cli::CmdSourceRetry(ctx, source_name);
  else if (*audit_verify)
    st = cli::CmdAuditVerify(ctx);
  else if (*alerts)
    st = cli::CmdAlerts(ctx, alert_status == "all" ? "" : alert_status);
  else if (*alert_confirm || *alert_reject)
    st = cli::CmdAlertDecide(ctx, alert_id, *alert_confirm ? "confirmed" : "rejected", alert_note);
  else if (*evidence) {
    Result<std::string> data_dir = DataDir(evidence_data_dir, config_path, state_dir);
    st = !data_dir.ok()
             ? data_dir.status()
             : cli::CmdEvidence(ctx, evidence_id,
                                {evidence_out, *data_dir + "/warc", *data_dir, evidence_recipient});
  }
  if (*show_company) st = cli::CmdShowCompany(ctx, company_number);
  if (*export_cmd) {
    // Selectors are normalised as the daemon does (a place by the gazetteer).
    Result<extractors::TextExtractor> ex = ConfiguredExtractor(config_path, config_named);
    cli::CommandContext export_ctx{
        **store, ex.ok() ? *ex : *extractor, clock, std::cout, json, CurrentUser(), reason};
    st = ex.ok() ? cli::CmdExport(export_ctx, export_request) : ex.status();
  }
  if (!st.ok()) {
    std::fprintf(stderr, "harrier: %s\n", st.message().c_str());
    return st.code() == StatusCode::kNotFound || st.code() == StatusCode::kInvalidArgument ? 3 : 1;
  }
  return 0;
}
