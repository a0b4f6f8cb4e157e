// harrierd: the Harrier collection daemon. Loads the config (refusing to
// start on any error), opens and migrates the store, tells systemd READY=1,
// then runs the collector until SIGTERM/SIGINT, pinging the watchdog from the
// main loop only while the store is being written successfully.
#include <signal.h>
#include <spdlog/spdlog.h>
#include <systemd/sd-daemon.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <opencv2/core/utility.hpp>
#include <string>

#include "config/extract_data.h"
#include "config/loader.h"
#include "config/state_paths.h"
#include "core/clock.h"
#include "daemon/blob_store.h"
#include "daemon/collector.h"
#include "daemon/logging.h"
#include "imageproc/opencv_io_limits.h"
#include "review/ui/server.h"
#include "scrapers/curl_fetcher.h"
#include "store/store.h"

namespace {

using namespace harrier;

struct Flags {
  std::string config = "/etc/harrier/harrier.toml";
  std::string state_dir;
  std::string log_level;
  bool until_first_pass = false;
};

// SIGTERM/SIGINT are blocked in every thread and collected here, so the main
// loop decides when to stop (no work in a signal handler).
sigset_t BlockStopSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  return set;
}

bool StopRequested(const sigset_t& set) {
  timespec zero{0, 0};
  int sig = sigtimedwait(&set, nullptr, &zero);
  if (sig == SIGHUP) {
    spdlog::info("SIGHUP: configuration reload is not supported yet; restart the service");
    return false;
  }
  return sig == SIGTERM || sig == SIGINT;
}

// The review UI when [ui] enabled; nullptr when disabled or when it cannot
// start (logged). Searches normalise places with the configured gazetteer.
std::unique_ptr<review::ui::UiServer> StartUi(const config::HarrierConfig& cfg,
                                              const config::StatePaths& paths, const Clock& clock) {
  if (!cfg.ui.enabled) return nullptr;
  extractors::TextExtractor extractor;
  Result<ExtractData> data = config::LoadExtractData(cfg.extract);
  Result<extractors::ExtractorOptions> options =
      data.ok() ? extractors::BuildExtractorOptions(*data)
                : Result<extractors::ExtractorOptions>(data.status());
  if (options.ok()) extractor = extractors::TextExtractor(std::move(*options));
  review::ui::UiServerOptions ui_options{cfg.ui, cfg.images, paths.database, paths.data_dir};
  auto server = std::make_unique<review::ui::UiServer>(ui_options, clock, std::move(extractor));
  Result<int> port = server->Start();
  if (!port.ok()) {
    spdlog::critical("review UI: {}", port.status().ToString());
    return nullptr;
  }
  spdlog::info("review UI on {}://{}:{}/", cfg.ui.tls_cert.empty() ? "http" : "https", cfg.ui.bind,
               *port);
  return server;
}

int Run(const Flags& flags) {
  // Before any thread exists, so that every thread inherits the mask.
  const sigset_t stop_signals = BlockStopSignals();
  Result<config::HarrierConfig> cfg = config::LoadConfig(flags.config);
  if (!cfg.ok()) {
    std::fprintf(stderr, "harrierd: refusing to start: %s\n", cfg.status().message().c_str());
    return 2;
  }
  Status log_status =
      daemon::InitLogging(flags.log_level.empty() ? cfg->daemon.log_level : flags.log_level);
  if (!log_status.ok()) {
    std::fprintf(stderr, "harrierd: %s\n", log_status.message().c_str());
    return 2;
  }
  const config::StatePaths paths = config::ResolveStatePaths(*cfg, flags.state_dir);
  spdlog::info("harrierd starting: config {}, database {}, data {}, {} source(s)", flags.config,
               paths.database, paths.data_dir, cfg->sources.size());

  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(paths.database).parent_path(), ec);
  if (ec) {
    spdlog::critical("create directory for {}: {}", paths.database, ec.message());
    return 1;
  }
  Result<std::unique_ptr<store::Store>> db = store::Store::Open({paths.database});
  if (!db.ok()) {
    spdlog::critical("{}", db.status().ToString());
    return 1;
  }
  Result<std::unique_ptr<daemon::BlobStore>> blobs = daemon::BlobStore::Open(paths.data_dir);
  if (!blobs.ok()) {
    spdlog::critical("{}", blobs.status().ToString());
    return 1;
  }
  scrapers::WarcOptions warc_options;
  warc_options.dir = (std::filesystem::path(paths.data_dir) / "warc").string();
  warc_options.max_file_bytes = cfg->fetch.warc_max_file_bytes;
  warc_options.operator_contact = cfg->fetch.user_agent;
  Result<std::unique_ptr<scrapers::WarcWriter>> warc = scrapers::WarcWriter::Open(warc_options);
  if (!warc.ok()) {
    spdlog::critical("{}", warc.status().ToString());
    return 1;
  }
  // The header check in imageproc refuses oversized images first; OpenCV's
  // own limits are a second fence that only the starting environment sets.
  imageproc::DecodeLimits image_limits;
  image_limits.max_pixels = static_cast<uint64_t>(cfg->images.max_pixels);
  image_limits.max_side = static_cast<uint32_t>(cfg->images.max_side);
  if (Status fence = imageproc::CheckOpenCvIoLimits(image_limits); !fence.ok()) {
    spdlog::warn(
        "{} (set OPENCV_IO_MAX_IMAGE_WIDTH, _HEIGHT and _PIXELS in the unit's "
        "environment; the header check still applies)",
        fence.message());
  }
  // The worker pools are the parallelism; OpenCV's own threads would only
  // compete with them.
  cv::setNumThreads(0);
  SystemClock clock;
  scrapers::CurlFetcher fetcher(cfg->fetch);
  daemon::Collector collector(*cfg, **db, fetcher, clock, **blobs, **warc);
  if (Status st = collector.Init(); !st.ok()) {
    spdlog::critical("refusing to start: {}", st.message());
    return 2;
  }
  Status started = (*db)->AppendAudit(
      {ToUnixMillis(clock.WallNow()), "harrierd", "collection.daemon_started", "daemon", "{}"});
  if (!started.ok()) spdlog::error("{}", started.ToString());
  if (flags.until_first_pass) collector.MakeAllDueNow();

  // [ui] enabled: the review UI on a thread of its own, with its own store
  // connection; it stops before the collector drains.
  std::unique_ptr<review::ui::UiServer> ui = StartUi(*cfg, paths, clock);
  if (cfg->ui.enabled && ui == nullptr) return 2;

  sd_notifyf(0, "READY=1\nSTATUS=collecting from %zu source(s)", cfg->sources.size());
  spdlog::info("ready (schema version {})", (*db)->SchemaVersion());

  // WATCHDOG=1 at a third of WatchdogSec, and only from this loop after a
  // successful step: a hung loop or a failing store stops the pings.
  uint64_t watchdog_usec = 0;
  const bool watchdog = sd_watchdog_enabled(0, &watchdog_usec) > 0 && watchdog_usec > 0;
  const auto ping_every = std::chrono::microseconds(watchdog ? watchdog_usec / 3 : 0);
  SteadyTime last_ping = clock.SteadyNow();
  int exit_code = 0;
  while (!StopRequested(stop_signals)) {
    Status st = collector.Step(std::chrono::milliseconds(collector.InFlight() ? 200 : 0));
    if (!st.ok()) {
      spdlog::critical("collection stopped: {}", st.ToString());
      exit_code = 1;
      break;
    }
    if (watchdog && clock.SteadyNow() - last_ping >= ping_every) {
      sd_notify(0, "WATCHDOG=1");
      last_ping = clock.SteadyNow();
    }
    if (flags.until_first_pass && collector.FirstPassDone()) break;
    if (collector.HasOpenRuns() && collector.InFlight() == collector.Parked()) {
      // Only URLs waiting for a retry time are left: do not spin.
      timespec wait{0, 50 * 1000000};
      int sig = sigtimedwait(&stop_signals, nullptr, &wait);
      if (sig == SIGTERM || sig == SIGINT) break;
    } else if (!collector.HasOpenRuns()) {
      int64_t idle_ms = std::min<int64_t>(collector.MillisUntilNextDue(), 1000);
      if (watchdog) {
        idle_ms = std::min<int64_t>(
            idle_ms, std::chrono::duration_cast<std::chrono::milliseconds>(ping_every).count());
      }
      if (idle_ms <= 0) continue;
      timespec wait{idle_ms / 1000, (idle_ms % 1000) * 1000000};
      int sig = sigtimedwait(&stop_signals, nullptr, &wait);
      if (sig == SIGTERM || sig == SIGINT) break;
    }
  }
  sd_notify(0, "STOPPING=1");
  spdlog::info("stopping");
  if (ui != nullptr) ui->Stop();
  if (Status st = collector.Drain(std::chrono::seconds(10)); !st.ok()) {
    spdlog::error("drain: {}", st.ToString());
  }
  Status stopped = (*db)->AppendAudit(
      {ToUnixMillis(clock.WallNow()), "harrierd", "collection.daemon_stopped", "daemon", "{}"});
  if (!stopped.ok()) spdlog::error("{}", stopped.ToString());
  return exit_code;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"harrierd: Harrier collection daemon"};
  Flags flags;
  app.add_option("-c,--config", flags.config, "harrier.toml to load")->capture_default_str();
  app.add_option("--state-dir", flags.state_dir,
                 "where relative database/data paths live (default: $STATE_DIRECTORY, else .)");
  app.add_option("--log-level", flags.log_level, "trace|debug|info|warn|error (overrides config)");
  app.add_flag("--until-first-pass", flags.until_first_pass,
               "run one collection pass of every source now, then exit");
  CLI11_PARSE(app, argc, argv);
  return Run(flags);
}
