// Telegram public channel previews (https://t.me/s/<channel>): the channel
// header, its messages as Posts, and the cursor to older messages. Public
// HTML only, no login. Parsing is stateless; TelegramPager belongs to one
// thread.
#ifndef HARRIER_SOCIAL_TELEGRAM_H_
#define HARRIER_SOCIAL_TELEGRAM_H_

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "scrapers/html_document.h"
#include "social/post.h"

namespace harrier::social {

struct TelegramChannel {
  std::string title;
  std::string username;  // without '@'
  std::string description;
  std::string image;  // absolute http(s) or empty
  bool verified = false;
  std::map<std::string, int64_t> counters;  // "subscribers" -> 12300, "photos", ...
};

struct TelegramPage {
  TelegramChannel channel;
  std::vector<Post> posts;  // page order: oldest first
  // data-before of the older-posts link; nullopt on the oldest page.
  std::optional<int64_t> before;
  bool no_messages = false;  // .tme_no_messages_found
  int skipped = 0;           // messages without a well-formed data-post, or past the cap
};

// Messages read per page: t.me serves about 20, and each message costs a few
// XPath scans of the page, so a hostile page of thousands is cut here.
inline constexpr int kMaxTelegramMessages = 100;

// Parses one preview page. Posts get platform "telegram", url
// https://t.me/<channel>/<id>, time from time[datetime] in UTC, text with
// <br> as newlines (emoji kept as text), links and photos resolved against
// `page_url` (only http(s): a javascript: or data: style URL is dropped).
// kRejected for a page the HTML limits refuse; kCorrupt if it cannot parse.
Result<TelegramPage> ParseTelegramPage(std::string_view html, std::string_view page_url,
                                       const scrapers::HtmlLimits& limits = {});

// The channel header as a generic Profile: url https://t.me/<username>,
// followers from the "subscribers" counter. `channel` is the name the source
// was configured with, used when the header has no username.
Profile TelegramChannelProfile(const TelegramChannel& header, std::string_view channel);

// True when `channel` is a plausible public username: 1-64 of [A-Za-z0-9_].
bool ValidTelegramChannel(std::string_view channel);

// Where previews are served; tests hand in their loopback server's base.
inline constexpr char kTelegramBase[] = "https://t.me";

// <base>/s/<channel>
std::string TelegramPreviewUrl(std::string_view channel, std::string_view base = kTelegramBase);
// <base>/s/<channel>?before=<before>
std::string TelegramNextPageUrl(std::string_view channel, int64_t before,
                                std::string_view base = kTelegramBase);

// True when a request for a /s/ page ended outside /s/ on the same host (or
// on t.me / telegram.me):
// Telegram's way of saying the channel has no public preview (private, or
// previews off). A permanent state of the channel, not an error to retry.
bool TelegramPreviewUnavailable(std::string_view requested_url, std::string_view final_url);

// Walks a channel backwards from its newest page: hands out the next URL,
// takes each parsed page, returns the posts not seen before, and stops when
// the older-posts link is gone or does not move backwards (a loop guard).
class TelegramPager {
 public:
  explicit TelegramPager(std::string channel, std::string base = kTelegramBase)
      : channel_(std::move(channel)), base_(std::move(base)) {}

  bool done() const { return done_; }
  // The URL to fetch next; meaningless once done().
  std::string NextUrl() const;
  // Posts of `page` not seen on earlier pages, in page order.
  std::vector<Post> Accept(const TelegramPage& page);
  // Marks the walk finished (e.g. the preview is unavailable).
  void Stop() { done_ = true; }

 private:
  std::string channel_;
  std::string base_;
  std::optional<int64_t> before_;
  std::set<std::string> seen_;
  bool done_ = false;
};

}  // namespace harrier::social

#endif  // HARRIER_SOCIAL_TELEGRAM_H_
