// harrier-demo-site: serves the bundled demo advert site (invented adverts,
// drawn images) on 127.0.0.1 for `make demo`. With `--world BASE_PORT` it also
// serves the invented SourcesWorld of issue 6 (tests/data/world): Companies
// House API on BASE_PORT, Telegram previews on +1, Mastodon on +2, profile
// pages and an advert on +3 (config/sources/world_*.toml point there). Runs
// until SIGTERM/SIGINT.
#include <signal.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>

#include "tests/support/fixture_server.h"
#include "tests/support/sources_world.h"

int main(int argc, char** argv) {
  const bool with_world = argc == 5 && std::strcmp(argv[3], "--world") == 0;
  if (argc != 3 && !with_world) {
    std::fprintf(stderr, "usage: harrier-demo-site ROOT_DIR PORT [--world BASE_PORT]\n");
    return 2;
  }
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);  // threads inherit: only sigwait sees them

  harrier::testing::FixtureServer server(argv[1]);
  if (!server.Start(std::atoi(argv[2]))) {
    std::fprintf(stderr, "harrier-demo-site: cannot bind 127.0.0.1:%s\n", argv[2]);
    return 1;
  }
  std::unique_ptr<harrier::testing::SourcesWorld> world;
  if (with_world) {
    world = std::make_unique<harrier::testing::SourcesWorld>();
    if (!world->Start(std::atoi(argv[4]))) {
      std::fprintf(stderr, "harrier-demo-site: world: %s\n", world->error().c_str());
      return 1;
    }
    std::printf("world: companies house %s, telegram %s, mastodon %s, site %s\n",
                world->ch_base().c_str(), world->telegram_base().c_str(),
                world->mastodon_base().c_str(), world->site_base().c_str());
  }
  // Printed last: scripts/demo.sh waits for this line.
  std::printf("serving %s on %s\n", argv[1], server.base_url().c_str());
  std::fflush(stdout);
  int sig = 0;
  sigwait(&set, &sig);
  if (world) world.reset();  // stops its servers
  server.Stop();
  return 0;
}
