// harrier-ui-serve STATE_DIR [STATIC_DIR]: the review UI alone on
// 127.0.0.1 and a free port, for the browser tests while `harrier serve` is
// not in the CLI (the tests prefer `harrier serve` when it is). Prints
// "listening on http://127.0.0.1:PORT" and serves until SIGTERM or SIGINT.
#include <signal.h>

#include <cstdio>
#include <string>

#include "core/clock.h"
#include "extractors/text_extractor.h"
#include "review/ui/server.h"

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3) {
    std::fprintf(stderr, "usage: harrier-ui-serve STATE_DIR [STATIC_DIR]\n");
    return 2;
  }
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);  // before the server's threads start

  const std::string state_dir = argv[1];
  harrier::review::ui::UiServerOptions options;
  options.database = state_dir + "/harrier.db";
  options.data_dir = state_dir + "/data";
  options.ui.bind = "127.0.0.1";
  options.ui.port = 0;
  if (argc == 3) options.ui.static_dir = argv[2];
  harrier::SystemClock clock;
  harrier::review::ui::UiServer server(options, clock, harrier::extractors::TextExtractor());
  harrier::Result<int> port = server.Start();
  if (!port.ok()) {
    std::fprintf(stderr, "harrier-ui-serve: %s\n", port.status().ToString().c_str());
    return 1;
  }
  std::printf("listening on http://127.0.0.1:%d\n", *port);
  std::fflush(stdout);
  int sig = 0;
  sigwait(&stop_signals, &sig);
  server.Stop();
  return 0;
}
