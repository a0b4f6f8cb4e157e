// PageProcessor for the social source kinds: a Telegram preview page, a
// Mastodon account or timeline page, a public profile page. Each post and
// profile becomes a document of its own (its own URL) whose text goes through
// the same extractor as an advert, so a phone number in a post and in an
// advert is one selector with two mentions. A channel without a public
// preview, or an account that is gone, is a "permanent:" failure: recorded,
// reported by `harrier status`, and not asked for again.
#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include "daemon/page_processor.h"
#include "scrapers/robots.h"
#include "scrapers/url.h"
#include "social/link_header.h"
#include "social/mastodon.h"
#include "social/profile_page.h"
#include "social/telegram.h"

namespace harrier::daemon {

namespace {

// The channel of a preview URL: "<base>/s/<channel>[?before=N]".
std::string ChannelOf(std::string_view url) {
  const size_t s = url.find("/s/");
  if (s == std::string_view::npos) return "";
  std::string_view rest = url.substr(s + 3);
  return std::string(rest.substr(0, rest.find_first_of("/?#")));
}

std::string_view MastodonOutcomeName(social::MastodonOutcome outcome) {
  switch (outcome) {
    case social::MastodonOutcome::kOk:
      return "ok";
    case social::MastodonOutcome::kAuthRequired:
      return "the instance requires a signed-in user (401)";
    case social::MastodonOutcome::kNotFound:
      return "no such account or tag (404)";
    case social::MastodonOutcome::kGone:
      return "the account is suspended or gone (410)";
    case social::MastodonOutcome::kRateLimited:
      return "rate limited (429)";
    case social::MastodonOutcome::kRetryLater:
      return "the instance is unavailable";
    case social::MastodonOutcome::kUnexpected:
      return "unexpected answer";
  }
  return "unknown";
}

bool IsApiUrl(std::string_view url) { return url.find("/api/v1/") != std::string_view::npos; }

}  // namespace

std::optional<Commit> PageProcessor::SocialVerdict(const SourceContext& source,
                                                   const store::FrontierItem& item,
                                                   const scrapers::HttpResponse& response,
                                                   const store::CaptureRow& capture) const {
  const std::string& kind = source.profile.kind;
  if (kind == "telegram" && response.http_status == 200 &&
      social::TelegramPreviewUnavailable(item.url, capture.final_url)) {
    spdlog::warn("source {}: channel {} has no public preview ({} went to {}); not asked again",
                 source.profile.name, ChannelOf(item.url), item.url, capture.final_url);
    return Failure(
        item, capture,
        "permanent: no public preview: " + item.url + " redirected to " + capture.final_url, false);
  }
  if (kind != "mastodon" || !IsApiUrl(item.url)) return std::nullopt;
  const std::string host = scrapers::UrlHost(item.url);
  const social::MastodonRateLimitState rate =
      social::MastodonRateLimit(response.headers, response.http_status, clock_.WallNow());
  if (rate.wait.count() > 0 && mastodon_limiter_ != nullptr) {
    mastodon_limiter_->Pause(host, rate.wait);
    spdlog::info("source {}: instance {} asks for a pause of {} s", source.profile.name, host,
                 rate.wait.count());
  }
  const social::MastodonResponse answer =
      social::ClassifyMastodonResponse(response.http_status, response.body);
  const std::string what = std::string(MastodonOutcomeName(answer.outcome));
  if (answer.permanent) {
    return Failure(item, capture, "permanent: " + what + " at " + item.url, false);
  }
  if (answer.outcome == social::MastodonOutcome::kRateLimited) {
    store::FailureCommit f = Failure(item, capture, what, true);
    f.retry_at_ms = f.now_ms + std::chrono::duration_cast<std::chrono::milliseconds>(
                                   std::max(rate.wait, std::chrono::seconds(1)))
                                   .count();
    return f;
  }
  if (answer.outcome == social::MastodonOutcome::kUnexpected) {
    return Failure(item, capture,
                   what + " (http status " + std::to_string(response.http_status) + ")", false);
  }
  return std::nullopt;  // 2xx, or 5xx for the usual backoff
}

Commit PageProcessor::ProcessSocial(const SourceContext& source, const store::FrontierItem& item,
                                    const scrapers::HttpResponse& response,
                                    store::CaptureRow capture) const {
  const std::string final_url = capture.final_url;
  if (static_cast<int64_t>(response.body.size()) > fetch_.max_html_bytes) {
    return Failure(item, std::move(capture),
                   "page over " + std::to_string(fetch_.max_html_bytes) + " bytes, not parsed",
                   false);
  }
  const std::string& kind = source.profile.kind;
  if (kind == "telegram") {
    return ProcessTelegram(source, item, final_url, response.body, std::move(capture));
  }
  if (kind == "mastodon") return ProcessMastodon(source, item, response, std::move(capture));
  return ProcessProfile(item, final_url, response.body, std::move(capture));
}

Commit PageProcessor::ProcessTelegram(const SourceContext& source, const store::FrontierItem& item,
                                      const std::string& final_url, const std::string& body,
                                      store::CaptureRow capture) const {
  scrapers::HtmlLimits limits;
  limits.max_bytes = fetch_.max_html_bytes;
  Result<social::TelegramPage> page = social::ParseTelegramPage(body, final_url, limits);
  if (!page.ok()) {
    return Failure(item, std::move(capture),
                   page.status().WithContext("telegram page " + item.url).ToString(), false);
  }
  const std::string channel = ChannelOf(item.url);
  store::PageCommit commit = PageCommitFor(item, std::move(capture));
  if (item.depth == 0) {
    // The newest page carries the channel's header: the channel as a profile.
    const social::Profile profile = social::TelegramChannelProfile(page->channel, channel);
    commit.documents.push_back(MakeProfileDocument(item, profile.url, profile));
  }
  int64_t oldest = INT64_MAX;
  for (const social::Post& post : page->posts) {
    commit.documents.push_back(MakePostDocument(item, post));
    char* end = nullptr;
    const long long id = std::strtoll(post.id.c_str(), &end, 10);
    if (end != post.id.c_str() && *end == '\0') oldest = std::min<int64_t>(oldest, id);
  }
  if (page->skipped > 0) {
    spdlog::warn("source {}: {} messages of {} skipped (malformed or past the cap)",
                 source.profile.name, page->skipped, item.url);
  }
  // Older posts: only a cursor that moves backwards (a loop guard), within
  // max_depth pages, and only while this page still held something new.
  if (page->before && *page->before <= oldest && *page->before > 0) {
    if (item.depth < source.profile.max_depth) {
      commit.listing_links.push_back(
          social::TelegramNextPageUrl(channel, *page->before, source.profile.telegram.base));
      commit.listing_links_need_news = true;
    } else {
      spdlog::warn("source {}: max_depth {} pages of channel {} read; older posts not fetched",
                   source.profile.name, source.profile.max_depth, channel);
    }
  }
  return commit;
}

Commit PageProcessor::ProcessMastodon(const SourceContext& source, const store::FrontierItem& item,
                                      const scrapers::HttpResponse& response,
                                      store::CaptureRow capture) const {
  const std::string final_url = capture.final_url;
  store::PageCommit commit = PageCommitFor(item, std::move(capture));
  if (item.url.find("/api/v1/accounts/lookup") != std::string::npos) {
    Result<social::MastodonAccount> account = social::ParseMastodonAccount(response.body);
    if (!account.ok()) {
      return Failure(item, std::move(commit.capture),
                     account.status().WithContext("mastodon account " + item.url).ToString(),
                     false);
    }
    const social::Profile profile = social::MastodonProfile(*account);
    commit.documents.push_back(
        MakeProfileDocument(item, profile.url.empty() ? item.url : profile.url, profile));
    Result<std::string> statuses =
        social::MastodonStatusesUrl(scrapers::OriginOf(item.url), account->id);
    if (statuses.ok()) {
      commit.listing_links.push_back(*statuses);
    } else {
      spdlog::warn("source {}: account {} has an unusable id: {}", source.profile.name, item.url,
                   statuses.status().message());
    }
    return commit;
  }
  Result<std::vector<social::Post>> posts = social::ParseMastodonStatuses(response.body);
  if (!posts.ok()) {
    return Failure(item, std::move(commit.capture),
                   posts.status().WithContext("mastodon statuses " + item.url).ToString(), false);
  }
  for (const social::Post& post : *posts) commit.documents.push_back(MakePostDocument(item, post));
  const social::LinkRelations links =
      social::ParseLinkHeader(HeaderValue(response, "link"), final_url);
  // Only a next page on the same instance, within max_depth pages, and
  // only while this page held something new.
  if (links.next && !posts->empty() &&
      scrapers::OriginOf(*links.next) == scrapers::OriginOf(item.url)) {
    if (item.depth < source.profile.max_depth) {
      commit.listing_links.push_back(*links.next);
      commit.listing_links_need_news = true;
    } else {
      spdlog::warn("source {}: max_depth {} pages read at {}; older statuses not fetched",
                   source.profile.name, source.profile.max_depth, item.url);
    }
  }
  return commit;
}

Commit PageProcessor::ProcessProfile(const store::FrontierItem& item, const std::string& final_url,
                                     const std::string& body, store::CaptureRow capture) const {
  scrapers::HtmlLimits limits;
  limits.max_bytes = fetch_.max_html_bytes;
  Result<social::ProfilePage> page = social::ParseProfilePage(body, final_url, limits);
  if (!page.ok()) {
    return Failure(item, std::move(capture),
                   page.status().WithContext("profile page " + item.url).ToString(), false);
  }
  if (page->broken_json_ld > 0) {
    spdlog::warn("profile {}: {} JSON-LD blocks skipped as malformed", item.url,
                 page->broken_json_ld);
  }
  store::PageCommit commit = PageCommitFor(item, std::move(capture));
  // The URL the source names is the profile's identity: a page that
  // declares another canonical URL must not move its history.
  commit.documents.push_back(MakeProfileDocument(item, item.url, page->profile));
  return commit;
}

store::AdvertInput PageProcessor::MakePostDocument(const store::FrontierItem& item,
                                                   const social::Post& post) const {
  scrapers::AdvertFields fields;
  fields.body = post.text;
  // A link preview's words are the post's too (a phone number in a card).
  for (const social::LinkCard& card : post.cards) {
    for (const std::string* part : {&card.title, &card.description}) {
      if (!part->empty()) fields.body += "\n" + *part;
    }
  }
  // Where it came from and what it points at are read too: a wa.me or t.me
  // link carries a number or a handle. Counts (views) change every fetch and
  // would make a new version each time: they are not part of the text.
  for (const std::string& link : post.links) fields.body += "\n" + link;
  const std::pair<const char*, const std::string*> origins[] = {
      {"Forwarded from: ", &post.forwarded_from},
      {"In reply to: ", &post.reply_to},
      {"Boosted by: ", &post.boosted_by}};
  for (const auto& [label, value] : origins) {
    if (!value->empty()) fields.body += "\n" + std::string(label) + *value;
  }
  fields.posted = post.published;
  fields.image_urls = post.images;
  store::AdvertInput doc = MakeAdvert(item, fields);
  doc.url = post.url.empty() ? item.url + "#" + post.id : post.url;
  doc.kind = "post";
  nlohmann::json meta = {{"platform", post.platform}, {"id", post.id}, {"author", post.author}};
  if (post.views) meta["views"] = *post.views;
  if (!post.counts.empty()) meta["counts"] = post.counts;
  if (!post.forwarded_from.empty()) meta["forwarded_from"] = post.forwarded_from;
  if (!post.reply_to.empty()) meta["reply_to"] = post.reply_to;
  if (!post.boosted_by.empty()) meta["boosted_by"] = post.boosted_by;
  if (!post.tags.empty()) meta["tags"] = post.tags;
  if (!post.mentions.empty()) meta["mentions"] = post.mentions;
  if (!post.links.empty()) meta["links"] = post.links;
  // Scraped text may hold invalid UTF-8: replaced, never thrown on.
  doc.meta = meta.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return doc;
}

store::AdvertInput PageProcessor::MakeProfileDocument(const store::FrontierItem& item,
                                                      const std::string& url,
                                                      const social::Profile& profile) const {
  scrapers::AdvertFields fields;
  fields.title = profile.name;
  std::string body;
  if (!profile.handle.empty()) body += "@" + profile.handle + "\n";
  body += profile.description;
  for (const auto& [name, value] : profile.fields) body += "\n" + name + ": " + value;
  for (const std::string& link : profile.same_as) body += "\n" + link;
  fields.body = std::move(body);
  fields.image_urls = profile.images;
  store::AdvertInput doc = MakeAdvert(item, fields);
  doc.url = url.empty() ? item.url : url;
  doc.kind = "profile";
  nlohmann::json meta = {{"handle", profile.handle}};
  if (profile.followers) meta["followers"] = *profile.followers;
  if (!profile.same_as.empty()) meta["same_as"] = profile.same_as;
  doc.meta = meta.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return doc;
}

}  // namespace harrier::daemon
