// harrier-demo-site: serves the bundled demo advert site (invented adverts,
// drawn images) on 127.0.0.1 for `make demo`. Runs until SIGTERM/SIGINT.
#include <signal.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "tests/support/fixture_server.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: harrier-demo-site ROOT_DIR PORT\n");
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
  std::printf("serving %s on %s\n", argv[1], server.base_url().c_str());
  std::fflush(stdout);
  int sig = 0;
  sigwait(&set, &sig);
  server.Stop();
  return 0;
}
