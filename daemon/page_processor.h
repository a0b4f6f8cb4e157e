// Turns one fetched response into one store commit: writes every request and
// response of it to the WARC evidence files, saves the body as a
// content-addressed blob, applies the source's site adapter (or the sitemap
// parser), extracts selectors from the advert's fields, sniffs images, and
// decides what a failure means (retry when, advert gone). Runs on the CPU
// worker threads.
// Thread-safety: Process is const and may run on many threads at once.
#ifndef HARRIER_DAEMON_PAGE_PROCESSOR_H_
#define HARRIER_DAEMON_PAGE_PROCESSOR_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>

#include "config/options.h"
#include "core/clock.h"
#include "daemon/blob_store.h"
#include "extractors/text_extractor.h"
#include "imageproc/image_match_stage.h"
#include "imageproc/pdq.h"
#include "registry/network_walk.h"
#include "scrapers/http_fetcher.h"
#include "scrapers/site_adapter.h"
#include "scrapers/warc_writer.h"
#include "social/mastodon_api.h"
#include "social/post.h"
#include "store/store.h"

namespace harrier::daemon {

struct SourceContext {
  int64_t source_id = 0;
  config::SiteProfile profile;
  std::unique_ptr<scrapers::SiteAdapter> adapter;
  // companies_house: the API key, kept out of evidence files and logs.
  std::string api_key;
};

// One response off the fetcher, with what the collector knew when it sent it.
struct Fetched {
  size_t source_index = 0;
  store::FrontierItem item;  // id 0 for a robots.txt fetch
  scrapers::HttpResponse response;
  // The last 200 of this URL, when the request was conditional: a 304 is
  // processed from that stored body.
  std::optional<store::UrlValidator> validator;
  std::string robots_origin;  // set for a robots.txt fetch
  // Set for a Companies House API request of the run's network walk.
  std::optional<registry::WalkRequest> registry_request;
};

// A Companies House API reply, for the writer thread to feed the run's
// network walk (registry/walk_runner.h ConsumeReply) and store.
struct RegistryReply {
  size_t source_index = 0;
  store::FrontierItem item;  // source, run and URL; id 0 (not a frontier row)
  registry::WalkRequest request;
  std::optional<store::CaptureRow> capture;
  int http_status = 0;      // 0: no response (transport error)
  std::string error;        // why, when not a 200
  std::string body;         // of a 200
  int64_t retry_at_ms = 0;  // a 429: when the key's window resets
};

// A robots.txt fetch ended (any outcome); the capture is evidence.
struct RobotsResult {
  size_t source_index = 0;
  int64_t run_id = 0;
  std::string origin;
  int http_status = 0;  // 0: unreachable or refused
  std::string error;    // why, when http_status is 0
  std::string body;
  std::optional<store::CaptureRow> capture;
};

// An image fetched and analysed on a worker: what the store keeps, and the
// PDQ hashes of its 8 rotations and mirrors for matching (not stored).
struct ImageResult : store::ImageCommit {
  // PDQ with its 8 dihedral variants and the sub-window hashes; set when the
  // image was decoded.
  std::optional<imageproc::ImageSignature> signature;
  cv::Mat ocr_pixels;  // the decoded image, when it likely carries text
};

using Commit =
    std::variant<store::PageCommit, ImageResult, store::FailureCommit, RobotsResult, RegistryReply>;

class PageProcessor {
 public:
  PageProcessor(const Clock& clock, BlobStore& blobs, scrapers::WarcWriter& warc,
                const extractors::TextExtractor& extractor, const config::FetchOptions& fetch,
                const config::ImageOptions& images)
      : clock_(clock),
        blobs_(blobs),
        warc_(warc),
        extractor_(extractor),
        fetch_(fetch),
        images_(images) {}

  // Never fails: every problem becomes a FailureCommit carrying the reason.
  Commit Process(const SourceContext& source, Fetched fetched) const;

  // Mastodon sources: every response's X-RateLimit headers pause the
  // instance here (the collector asks it before each request). Not owned.
  void set_mastodon_limiter(social::MastodonLimiter* limiter) { mastodon_limiter_ = limiter; }

 private:
  // Writes WARC records and the blob; `error` gets what failed to be saved.
  store::CaptureRow MakeCapture(const SourceContext& source, const store::FrontierItem& item,
                                const scrapers::HttpResponse& response, std::string* error) const;
  Commit ProcessImage(const store::FrontierItem& item, const scrapers::HttpResponse& response,
                      store::CaptureRow capture) const;
  Commit ProcessPage(const SourceContext& source, const store::FrontierItem& item,
                     const std::string& final_url, const std::string& body,
                     store::CaptureRow capture) const;
  Commit ProcessSitemap(const SourceContext& source, const store::FrontierItem& item,
                        const std::string& final_url, const std::string& body,
                        store::CaptureRow capture) const;
  Commit ProcessRobots(const SourceContext& source, Fetched fetched) const;
  // Social sources (social_processor.cc): a page of posts, an account, a
  // profile page; the statuses that are a source's answer rather than an
  // error (a channel without a preview, an account gone).
  std::optional<Commit> SocialVerdict(const SourceContext& source, const store::FrontierItem& item,
                                      const scrapers::HttpResponse& response,
                                      const store::CaptureRow& capture) const;
  Commit ProcessSocial(const SourceContext& source, const store::FrontierItem& item,
                       const scrapers::HttpResponse& response, store::CaptureRow capture) const;
  Commit ProcessTelegram(const SourceContext& source, const store::FrontierItem& item,
                         const std::string& final_url, const std::string& body,
                         store::CaptureRow capture) const;
  Commit ProcessMastodon(const SourceContext& source, const store::FrontierItem& item,
                         const scrapers::HttpResponse& response, store::CaptureRow capture) const;
  Commit ProcessProfile(const store::FrontierItem& item, const std::string& final_url,
                        const std::string& body, store::CaptureRow capture) const;
  // A post or a profile as a document, its text through the extractor.
  store::AdvertInput MakePostDocument(const store::FrontierItem& item,
                                      const social::Post& post) const;
  store::AdvertInput MakeProfileDocument(const store::FrontierItem& item, const std::string& url,
                                         const social::Profile& profile) const;
  // Companies House (registry_processor.cc): evidence of an API reply.
  Commit ProcessRegistry(const SourceContext& source, Fetched fetched) const;
  store::AdvertInput MakeAdvert(const store::FrontierItem& item,
                                const scrapers::AdvertFields& fields) const;
  store::FailureCommit Failure(const store::FrontierItem& item,
                               std::optional<store::CaptureRow> capture, std::string error,
                               bool retry) const;

  const Clock& clock_;
  BlobStore& blobs_;
  scrapers::WarcWriter& warc_;
  const extractors::TextExtractor& extractor_;
  config::FetchOptions fetch_;
  config::ImageOptions images_;
  social::MastodonLimiter* mastodon_limiter_ = nullptr;
};

// A commit of `item` holding its capture, dated when it was fetched.
store::PageCommit PageCommitFor(const store::FrontierItem& item, store::CaptureRow capture);

// The value of header `name` (lower-case) of a response, or "".
std::string HeaderValue(const scrapers::HttpResponse& response, std::string_view name);

}  // namespace harrier::daemon

#endif  // HARRIER_DAEMON_PAGE_PROCESSOR_H_
