// The review web UI (issue 7 points 3 and 4): an HTTP(S) server on its own
// thread, with its own Store connection, that shows analysts the alert
// queue, adverts, searches, images and (supervisors) the audit log. Every
// consultation is justified and audited. See review/ui/README.md.
// Thread-safety: Start and Stop from one thread; the handlers run on
// httplib's pool and share one Store behind a mutex.
#ifndef HARRIER_REVIEW_UI_SERVER_H_
#define HARRIER_REVIEW_UI_SERVER_H_

#include <atomic>
#include <memory>
#include <string>
#include <thread>

#include "config/options.h"
#include "core/clock.h"
#include "core/status.h"
#include "extractors/text_extractor.h"

namespace httplib {
class Server;
}

namespace harrier::review::ui {

class App;

struct UiServerOptions {
  config::UiOptions ui;         // bind, port, hosts, TLS, marking, session times
  config::ImageOptions images;  // decode limits for re-encoding images
  std::string database;         // the store harrierd writes
  std::string data_dir;         // blobs/ and warc/ under it
};

class UiServer {
 public:
  // `clock` must outlive the server. The extractor normalises searches.
  UiServer(UiServerOptions options, const Clock& clock, extractors::TextExtractor extractor);
  ~UiServer();  // stops
  UiServer(const UiServer&) = delete;
  UiServer& operator=(const UiServer&) = delete;

  // Opens the store, binds (port 0: any free port) and serves on a thread of
  // its own. Returns the bound port. Unavailable when the address cannot be
  // bound; IoError when the store or the TLS files cannot be opened.
  Result<int> Start();
  // Stops accepting, finishes the requests in flight and joins the thread.
  void Stop();
  int port() const { return port_; }

 private:
  UiServerOptions options_;
  const Clock& clock_;
  extractors::TextExtractor extractor_;
  std::unique_ptr<App> app_;
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  std::atomic<bool> listen_returned_{false};
  int port_ = 0;
};

}  // namespace harrier::review::ui

#endif  // HARRIER_REVIEW_UI_SERVER_H_
