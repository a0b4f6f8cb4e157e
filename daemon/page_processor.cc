#include "daemon/page_processor.h"

#include <spdlog/spdlog.h>

#include "core/sha256.h"
#include "daemon/retry_policy.h"
#include "imageproc/fingerprint.h"
#include "imageproc/sniff.h"
#include "imageproc/text_likelihood.h"
#include "scrapers/sitemap.h"

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

std::string HeaderValue(const scrapers::HttpResponse& response, std::string_view name) {
  for (const auto& [key, value] : response.headers) {
    if (key == name) return value;
  }
  return "";
}

store::PageCommit PageCommitFor(const store::FrontierItem& item, store::CaptureRow capture) {
  store::PageCommit commit;
  commit.item = item;
  commit.now_ms = capture.fetched_ms;
  commit.capture = std::move(capture);
  return commit;
}

Commit PageProcessor::Process(const SourceContext& source, Fetched fetched) const {
  if (!fetched.robots_origin.empty()) return ProcessRobots(source, std::move(fetched));
  if (fetched.registry_request) return ProcessRegistry(source, std::move(fetched));
  const store::FrontierItem& item = fetched.item;
  scrapers::HttpResponse& response = fetched.response;
  if (!response.status.ok()) {
    const bool retry = IsRetryableTransport(response.status.code());
    std::optional<store::CaptureRow> capture;
    if (!response.exchanges.empty()) {  // bytes went out: they are evidence
      std::string ignored;
      capture = MakeCapture(source, item, response, &ignored);
      capture->error = response.status.ToString();
    }
    return Failure(item, std::move(capture), response.status.ToString(), retry);
  }
  std::string save_error;
  store::CaptureRow capture = MakeCapture(source, item, response, &save_error);
  if (!save_error.empty()) return Failure(item, capture, save_error, /*retry=*/true);
  const std::string final_url = capture.final_url;
  // Social sources read their pages themselves (posts, accounts, profiles);
  // their images go the common way.
  const bool social = item.kind != store::FrontierKind::kImage &&
                      (source.profile.kind == "telegram" || source.profile.kind == "mastodon" ||
                       source.profile.kind == "profile");
  if (social) {
    if (std::optional<Commit> verdict = SocialVerdict(source, item, response, capture)) {
      return std::move(*verdict);
    }
  }
  if (response.http_status == 304 && fetched.validator &&
      item.kind != store::FrontierKind::kImage) {
    // Unchanged since the stored 200: process that body again, so an advert
    // counts as seen (unchanged) and a listing's links are followed.
    Result<std::string> stored = blobs_.Read(fetched.validator->blob_path);
    if (!stored.ok()) {
      return Failure(item, std::move(capture),
                     stored.status().WithContext("304 for " + item.url).ToString(), false);
    }
    if (item.kind == store::FrontierKind::kSitemap) {
      return ProcessSitemap(source, item, final_url, *stored, std::move(capture));
    }
    return ProcessPage(source, item, final_url, *stored, std::move(capture));
  }
  if (response.http_status < 200 || response.http_status > 299) {
    store::FailureCommit f =
        Failure(item, capture, "http status " + std::to_string(response.http_status),
                IsRetryableHttp(response.http_status));
    if (response.http_status == 429 || response.http_status == 503) {
      std::optional<int64_t> wait =
          ParseRetryAfterMs(HeaderValue(response, "retry-after"), f.now_ms);
      if (wait && *wait > fetch_.max_retry_after_ms) {
        f.retry = false;
        f.error += "; Retry-After of " + std::to_string(*wait / 1000) +
                   " s is longer than max_retry_after, so the URL is given up for this run";
      } else if (wait) {
        f.retry_at_ms = f.now_ms + *wait;
        f.error += "; Retry-After " + std::to_string(*wait / 1000) + " s";
      }
    }
    f.gone = (response.http_status == 404 || response.http_status == 410) &&
             item.kind == store::FrontierKind::kAdvert;
    return f;
  }
  switch (item.kind) {
    case store::FrontierKind::kImage:
      return ProcessImage(item, response, std::move(capture));
    case store::FrontierKind::kSitemap:
      return ProcessSitemap(source, item, final_url, response.body, std::move(capture));
    case store::FrontierKind::kListing:
    case store::FrontierKind::kAdvert:
      break;
  }
  if (social) return ProcessSocial(source, item, response, std::move(capture));
  if (!LooksLikeHtml(response.content_type)) {
    return Failure(item, std::move(capture), "not HTML: " + response.content_type, false);
  }
  Commit page = ProcessPage(source, item, final_url, response.body, std::move(capture));
  if (auto* p = std::get_if<store::PageCommit>(&page)) {
    p->etag = HeaderValue(response, "etag");
    p->last_modified = HeaderValue(response, "last-modified");
  }
  return page;
}

store::CaptureRow PageProcessor::MakeCapture(const SourceContext& source,
                                             const store::FrontierItem& item,
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
  c.egress = response.egress;
  c.body_size = static_cast<int64_t>(response.body.size());
  std::string span_digest;
  if (!response.exchanges.empty()) {
    scrapers::WarcContext context;
    context.source = source.profile.name;
    context.authorisation = source.profile.authorisation.ref;
    context.run_id = item.run_id;
    context.egress = response.egress;
    Result<scrapers::WarcSpan> span = warc_.Write(response, context);
    if (span.ok()) {
      c.warc_file = span->file;
      c.warc_offset = span->offset;
      c.warc_length = span->length;
      c.warc_record_id = span->response_record_id;
      span_digest = span->payload_digest;
    } else {
      *error = span.status().WithContext("write WARC records of " + item.url).ToString();
    }
  }
  if (!response.body.empty()) {
    // The WARC payload digest already hashed these very bytes when the
    // final payload is the body (no content coding): do not hash twice.
    constexpr std::string_view kSha256Label = "sha256:";
    if (!c.warc_file.empty() && response.exchanges.back().payload_is_body &&
        span_digest.starts_with(kSha256Label)) {
      c.body_sha256 = span_digest.substr(kSha256Label.size());
    } else {
      c.body_sha256 = Sha256Hex(response.body);
    }
    Result<std::string> path = blobs_.Put(c.body_sha256, response.body);
    if (path.ok()) {
      c.blob_path = *path;
    } else if (error->empty()) {
      *error = path.status().WithContext("save capture of " + item.url).ToString();
    }
  }
  return c;
}

Commit PageProcessor::ProcessImage(const store::FrontierItem& item,
                                   const scrapers::HttpResponse& response,
                                   store::CaptureRow capture) const {
  ImageResult result;
  result.item = item;
  result.sha256 = capture.body_sha256;
  result.size = capture.body_size;
  result.blob_path = capture.blob_path;
  result.now_ms = capture.fetched_ms;
  imageproc::DecodeLimits limits;
  limits.max_bytes = static_cast<size_t>(images_.max_bytes);
  limits.max_pixels = static_cast<uint64_t>(images_.max_pixels);
  limits.max_side = static_cast<uint32_t>(images_.max_side);
  // Decoded once, under the limits, and every hash taken from those pixels.
  // A refused image is still stored (the capture is evidence) with the
  // reason, and the item is done: refetching the same bytes changes nothing.
  cv::Mat pixels;
  Result<imageproc::ImageFingerprint> f =
      imageproc::FingerprintImage(response.body, limits, &pixels);
  if (!f.ok()) {
    result.analysis.rejection = imageproc::RejectionCode(f.status());
    result.analysis.rejection_detail = f.status().message();
    Result<std::string> mime = imageproc::SniffImageType(response.body);
    result.mime = mime.ok() ? *mime : std::string();
    spdlog::warn("image {} refused: {}", item.url, f.status().message());
  } else {
    result.mime = f->mime;
    result.analysis.width = f->width;
    result.analysis.height = f->height;
    result.analysis.pdq = f->pdq.ToHex();
    result.analysis.pdq_quality = f->pdq.quality;
    result.analysis.phash = f->phash.ToHex();
    result.analysis.exif = imageproc::ExifJson(f->exif);
    result.analysis.windows = imageproc::ToHexText(imageproc::EncodeSubwindowHashes(f->windows));
    result.signature = imageproc::ImageSignature{f->pdq, f->dihedral, f->windows};
    // Text painted on a photo (a phone number) is read by OCR, but only
    // where a cheap check sees text-like lines: most photos skip it.
    if (images_.ocr) {
      Result<imageproc::TextLikelihood> text = imageproc::EstimateTextLikelihood(pixels);
      if (text.ok() && text->likely) {
        result.analysis.ocr_state = "pending";
        result.ocr_pixels = std::move(pixels);
      }
    }
  }
  result.capture = std::move(capture);
  return result;
}

Commit PageProcessor::ProcessPage(const SourceContext& source, const store::FrontierItem& item,
                                  const std::string& final_url, const std::string& body,
                                  store::CaptureRow capture) const {
  if (static_cast<int64_t>(body.size()) > fetch_.max_html_bytes) {
    return Failure(item, std::move(capture),
                   "HTML over " + std::to_string(fetch_.max_html_bytes) + " bytes, not parsed",
                   false);
  }
  const scrapers::PageKind kind = item.kind == store::FrontierKind::kAdvert
                                      ? scrapers::PageKind::kAdvert
                                      : scrapers::PageKind::kListing;
  Result<scrapers::PageFindings> findings = source.adapter->Analyze(final_url, body, kind);
  if (!findings.ok()) {
    return Failure(item, std::move(capture),
                   findings.status().WithContext("parse " + item.url).ToString(), false);
  }
  store::PageCommit commit = PageCommitFor(item, std::move(capture));
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

Commit PageProcessor::ProcessSitemap(const SourceContext& source, const store::FrontierItem& item,
                                     const std::string& final_url, const std::string& body,
                                     store::CaptureRow capture) const {
  scrapers::SitemapLimits limits;
  limits.max_decoded_bytes = fetch_.max_body_bytes;
  Result<scrapers::Sitemap> sitemap = scrapers::ParseSitemap(body, final_url, limits);
  if (!sitemap.ok()) {
    return Failure(item, std::move(capture),
                   sitemap.status().WithContext("sitemap " + item.url).ToString(), false);
  }
  for (const std::string& warning : sitemap->warnings) {
    spdlog::warn("source {}: sitemap {}: {}", source.profile.name, item.url, warning);
  }
  scrapers::PageFindings found = source.adapter->SortSitemapUrls(sitemap->urls, sitemap->is_index);
  store::PageCommit commit = PageCommitFor(item, std::move(capture));
  if (item.depth < source.profile.max_depth) {
    if (sitemap->is_index) {
      commit.sitemap_links = std::move(found.listing_links);
    } else {
      commit.listing_links = std::move(found.listing_links);
      commit.advert_links = std::move(found.advert_links);
    }
  }
  return commit;
}

Commit PageProcessor::ProcessRobots(const SourceContext& source, Fetched fetched) const {
  RobotsResult r;
  r.source_index = fetched.source_index;
  r.run_id = fetched.item.run_id;
  r.origin = std::move(fetched.robots_origin);
  const scrapers::HttpResponse& response = fetched.response;
  if (!response.exchanges.empty()) {
    std::string ignored;  // a robots.txt that cannot be saved is still obeyed
    r.capture = MakeCapture(source, fetched.item, response, &ignored);
    if (!response.status.ok()) r.capture->error = response.status.ToString();
  }
  if (response.status.ok()) {
    r.http_status = response.http_status;
    r.body = response.body;
  } else {
    r.error = response.status.ToString();
    spdlog::warn("source {}: robots.txt of {}: {}", source.profile.name, r.origin, r.error);
  }
  return r;
}

namespace {

// One stored row per piece of evidence, each in the field it was found in;
// a hit with no quoted evidence still gets a row, so that it is never lost.
store::IndicatorInput IndicatorsOf(const extractors::Extraction& found,
                                   const std::vector<extractors::TextField>& fields) {
  const extractors::IndicatorReport& report = *found.indicators;
  store::IndicatorInput out{report.version,
                            static_cast<double>(report.score),
                            std::string(extractors::IndicatorBandName(report.band)),
                            report.headline,
                            {}};
  for (size_t h = 0; h < report.hits.size(); ++h) {
    const extractors::IndicatorHit& hit = report.hits[h];
    store::IndicatorHitInput row;
    row.rule_id = hit.rule_id;
    row.name = hit.name;
    row.category = hit.category;
    row.weight = std::string(IndicatorWeightName(hit.weight));
    row.counted = hit.counted;
    // Why the rule exists, and why it did or did not count here.
    row.rationale = hit.note.empty() ? hit.rationale : hit.rationale + " [" + hit.note + "]";
    if (hit.matches.empty()) out.hits.push_back(row);
    for (size_t m = 0; m < hit.matches.size(); ++m) {
      const extractors::IndicatorMatch& match = hit.matches[m];
      const size_t field = found.match_fields[h][m];
      const std::string_view text = fields[field].text;
      row.field = std::string(fields[field].name);
      row.matched = match.value.empty() ? match.text : match.value;
      row.begin = match.begin;
      row.end = match.end;
      row.snippet = extractors::MakeSnippet(text, match.begin, match.end, 60);
      out.hits.push_back(row);
    }
  }
  return out;
}

}  // namespace

store::AdvertInput PageProcessor::MakeAdvert(const store::FrontierItem& item,
                                             const scrapers::AdvertFields& fields) const {
  store::AdvertInput advert;
  advert.url = item.url;
  advert.title = fields.title;
  advert.body = fields.body;
  advert.posted = fields.posted;
  advert.location = fields.location;
  advert.image_urls = fields.image_urls;
  // Title and body are one advert to the indicator rules; the location field
  // is searched for selectors only.
  const std::vector<extractors::TextField> searched = {
      {"title", fields.title}, {"body", fields.body}, {"location", fields.location}};
  extractors::Extraction found = extractor_.ExtractFields(searched);
  for (extractors::FieldSelector& fs : found.selectors) {
    advert.mentions.push_back(
        store::MentionInput{std::move(fs.selector), std::string(searched[fs.field].name)});
  }
  if (found.indicators) advert.indicators = IndicatorsOf(found, searched);
  return advert;
}

store::FailureCommit PageProcessor::Failure(const store::FrontierItem& item,
                                            std::optional<store::CaptureRow> capture,
                                            std::string error, bool retry) const {
  store::FailureCommit f;
  f.item = item;
  f.capture = std::move(capture);
  f.retry = retry;
  f.max_attempts = fetch_.max_attempts;
  f.now_ms = ToUnixMillis(clock_.WallNow());
  if (retry) {
    f.retry_at_ms = f.now_ms + BackoffDelayMs(item.attempts + 1, fetch_.backoff_base_ms,
                                              fetch_.backoff_max_ms, RandomUnit());
  }
  spdlog::warn("fetch {} ({}): {}{}", item.url, store::FrontierKindName(item.kind), error,
               retry && item.attempts + 1 < fetch_.max_attempts ? " (will retry)" : "");
  f.error = std::move(error);
  return f;
}

}  // namespace harrier::daemon
