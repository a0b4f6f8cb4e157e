// Turns one fetched response into one store commit: saves the body as
// evidence, applies the source's site adapter, extracts selectors from the
// advert's fields, sniffs images. Runs on the CPU worker threads.
// Thread-safety: Process is const and may run on many threads at once.
#ifndef HARRIER_DAEMON_PAGE_PROCESSOR_H_
#define HARRIER_DAEMON_PAGE_PROCESSOR_H_

#include <cstdint>
#include <memory>
#include <variant>

#include "config/options.h"
#include "core/clock.h"
#include "daemon/blob_store.h"
#include "extractors/text_extractor.h"
#include "scrapers/http_fetcher.h"
#include "scrapers/site_adapter.h"
#include "store/store.h"

namespace harrier::daemon {

struct SourceContext {
  int64_t source_id = 0;
  config::SiteProfile profile;
  std::unique_ptr<scrapers::SiteAdapter> adapter;
};

using Commit = std::variant<store::PageCommit, store::ImageCommit, store::FailureCommit>;

class PageProcessor {
 public:
  PageProcessor(const Clock& clock, BlobStore& blobs, const extractors::TextExtractor& extractor,
                const config::FetchOptions& fetch)
      : clock_(clock), blobs_(blobs), extractor_(extractor), fetch_(fetch) {}

  // Never fails: every problem becomes a FailureCommit carrying the reason.
  Commit Process(const SourceContext& source, const store::FrontierItem& item,
                 scrapers::HttpResponse response) const;

 private:
  store::CaptureRow MakeCapture(const store::FrontierItem& item,
                                const scrapers::HttpResponse& response, std::string* error) const;
  Commit ProcessImage(const store::FrontierItem& item, const scrapers::HttpResponse& response,
                      store::CaptureRow capture) const;
  Commit ProcessPage(const SourceContext& source, const store::FrontierItem& item,
                     const scrapers::HttpResponse& response, store::CaptureRow capture) const;
  store::AdvertInput MakeAdvert(const store::FrontierItem& item,
                                const scrapers::AdvertFields& fields) const;
  store::FailureCommit Failure(const store::FrontierItem& item,
                               std::optional<store::CaptureRow> capture, std::string error,
                               bool retry) const;

  const Clock& clock_;
  BlobStore& blobs_;
  const extractors::TextExtractor& extractor_;
  config::FetchOptions fetch_;
};

}  // namespace harrier::daemon

#endif  // HARRIER_DAEMON_PAGE_PROCESSOR_H_
