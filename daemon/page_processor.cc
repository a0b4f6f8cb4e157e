#include "daemon/page_processor.h"

#include <spdlog/spdlog.h>

#include "core/sha256.h"
#include "imageproc/sniff.h"

namespace harrier::daemon {

namespace {

bool IsRetryableTransport(StatusCode code) {
  return code == StatusCode::kTimeout || code == StatusCode::kUnavailable ||
         code == StatusCode::kIoError;
}

// 429 and 5xx are the server's "not now"; other 4xx will not change on retry.
bool IsRetryableHttp(int status) { return status == 429 || (status >= 500 && status <= 599); }

bool LooksLikeHtml(const std::string& content_type) {
  return content_type.empty() || content_type.find("html") != std::string::npos;
}

}  // namespace

Commit PageProcessor::Process(const SourceContext& source, const store::FrontierItem& item,
                              scrapers::HttpResponse response) const {
  if (!response.status.ok()) {
    const bool retry = IsRetryableTransport(response.status.code());
    return Failure(item, std::nullopt, response.status.ToString(), retry);
  }
  std::string blob_error;
  store::CaptureRow capture = MakeCapture(item, response, &blob_error);
  if (!blob_error.empty()) return Failure(item, capture, blob_error, /*retry=*/true);
  if (response.http_status < 200 || response.http_status > 299) {
    return Failure(item, capture, "http status " + std::to_string(response.http_status),
                   IsRetryableHttp(response.http_status));
  }
  if (item.kind == store::FrontierKind::kImage) {
    return ProcessImage(item, response, std::move(capture));
  }
  return ProcessPage(source, item, response, std::move(capture));
}

store::CaptureRow PageProcessor::MakeCapture(const store::FrontierItem& item,
                                             const scrapers::HttpResponse& response,
                                             std::string* error) const {
  store::CaptureRow c;
  c.source_id = item.source_id;
  c.run_id = item.run_id;
  c.url = item.url;
  c.final_url = response.final_url.empty() ? item.url : response.final_url;
  c.http_status = response.http_status;
  c.fetched_ms = ToUnixMillis(clock_.WallNow());
  c.content_type = response.content_type;
  c.remote_ip = response.remote_ip;
  c.body_size = static_cast<int64_t>(response.body.size());
  if (!response.body.empty()) {
    c.body_sha256 = Sha256Hex(response.body);
    Result<std::string> path = blobs_.Put(c.body_sha256, response.body);
    if (path.ok()) {
      c.blob_path = *path;
    } else {
      *error = path.status().WithContext("save capture of " + item.url).ToString();
    }
  }
  return c;
}

Commit PageProcessor::ProcessImage(const store::FrontierItem& item,
                                   const scrapers::HttpResponse& response,
                                   store::CaptureRow capture) const {
  Result<std::string> mime = imageproc::SniffImageType(response.body);
  if (!mime.ok()) {
    return Failure(item, std::move(capture), "image refused: " + mime.status().message(), false);
  }
  store::ImageCommit commit;
  commit.item = item;
  commit.sha256 = capture.body_sha256;
  commit.size = capture.body_size;
  commit.mime = *mime;
  commit.blob_path = capture.blob_path;
  commit.now_ms = capture.fetched_ms;
  commit.capture = std::move(capture);
  return commit;
}

Commit PageProcessor::ProcessPage(const SourceContext& source, const store::FrontierItem& item,
                                  const scrapers::HttpResponse& response,
                                  store::CaptureRow capture) const {
  if (!LooksLikeHtml(response.content_type)) {
    return Failure(item, std::move(capture), "not HTML: " + response.content_type, false);
  }
  if (static_cast<int64_t>(response.body.size()) > fetch_.max_html_bytes) {
    return Failure(item, std::move(capture),
                   "HTML over " + std::to_string(fetch_.max_html_bytes) + " bytes, not parsed",
                   false);
  }
  const scrapers::PageKind kind = item.kind == store::FrontierKind::kAdvert
                                      ? scrapers::PageKind::kAdvert
                                      : scrapers::PageKind::kListing;
  Result<scrapers::PageFindings> findings =
      source.adapter->Analyze(capture.final_url, response.body, kind);
  if (!findings.ok()) {
    return Failure(item, std::move(capture),
                   findings.status().WithContext("parse " + item.url).ToString(), false);
  }
  store::PageCommit commit;
  commit.item = item;
  commit.now_ms = capture.fetched_ms;
  commit.capture = std::move(capture);
  if (item.depth < source.profile.max_depth) {
    commit.listing_links = std::move(findings->listing_links);
    commit.advert_links = std::move(findings->advert_links);
  } else if (!findings->listing_links.empty() || !findings->advert_links.empty()) {
    // Say so: a silently shortened crawl looks like a complete one.
    spdlog::warn("source {}: max_depth {} reached at {}; {} links not followed",
                 source.profile.name, source.profile.max_depth, item.url,
                 findings->listing_links.size() + findings->advert_links.size());
  }
  if (findings->advert) commit.advert = MakeAdvert(item, *findings->advert);
  return commit;
}

store::AdvertInput PageProcessor::MakeAdvert(const store::FrontierItem& item,
                                             const scrapers::AdvertFields& fields) const {
  store::AdvertInput advert;
  advert.url = item.url;
  advert.title = fields.title;
  advert.body = fields.body;
  advert.posted = fields.posted;
  advert.location = fields.location;
  advert.image_urls = fields.image_urls;
  const std::pair<const char*, const std::string*> searched[] = {
      {"title", &fields.title}, {"body", &fields.body}, {"location", &fields.location}};
  for (const auto& [field, text] : searched) {
    for (Selector& s : extractor_.Extract(*text)) {
      advert.mentions.push_back(store::MentionInput{std::move(s), field});
    }
  }
  return advert;
}

store::FailureCommit PageProcessor::Failure(const store::FrontierItem& item,
                                            std::optional<store::CaptureRow> capture,
                                            std::string error, bool retry) const {
  spdlog::warn("fetch {} ({}): {}{}", item.url, store::FrontierKindName(item.kind), error,
               retry ? " (will retry)" : "");
  store::FailureCommit f;
  f.item = item;
  f.capture = std::move(capture);
  f.error = std::move(error);
  f.retry = retry;
  f.max_attempts = fetch_.max_attempts;
  f.now_ms = ToUnixMillis(clock_.WallNow());
  return f;
}

}  // namespace harrier::daemon
