// Telegram preview pages. Class names follow the t.me/s/ markup as snscrape
// and RSSHub read it (docs/reference sources.md §2). Each message is
// addressed by its position, "(//div[...][@data-post])[k]", so every
// expression is a plain HtmlDocument XPath and no libxml2 type leaks here.
#include "social/telegram.h"

#include <memory>

#include "scrapers/url.h"
#include "social/html_query.h"
#include "social/social_text.h"

namespace harrier::social {
namespace {

std::string El(std::string_view tag, std::string_view cls) {
  return std::string(tag) + "[" + HasClass(cls) + "]";
}

std::string TrimAt(std::string s) {
  while (!s.empty() && (s.front() == '@' || s.front() == ' ')) s.erase(0, 1);
  return s;
}

TelegramChannel ReadChannel(HtmlQuery& q, std::string_view page_url) {
  TelegramChannel c;
  const std::string info = "//" + El("div", "tgme_channel_info");
  c.title = q.First(info + "//" + El("div", "tgme_channel_info_header_title"));
  c.username = TrimAt(q.First(info + "//" + El("div", "tgme_channel_info_header_username")));
  c.description = q.First(info + "//" + El("div", "tgme_channel_info_description"));
  c.verified = q.Count(info + "//" + El("i", "verified-icon")) > 0;
  const std::string src = q.First("//" + El("i", "tgme_page_photo_image") + "//img/@src");
  if (std::optional<std::string> url = ResolveLink(page_url, src)) c.image = *url;
  const std::string counter = "(" + info + "//" + El("div", "tgme_channel_info_counter") + ")";
  const int n = q.Count(counter);
  for (int k = 1; k <= n; ++k) {
    const std::string nth = counter + "[" + std::to_string(k) + "]";
    const std::string type = q.First(nth + "//" + El("span", "counter_type"));
    const std::optional<int64_t> value =
        ParseAbbreviatedCount(q.First(nth + "//" + El("span", "counter_value")));
    if (!type.empty() && value) c.counters[type] = *value;
  }
  return c;
}

// Splits "<channel>/<id>"; false unless both parts are well formed.
bool SplitDataPost(const std::string& data_post, std::string* channel, std::string* id) {
  const size_t slash = data_post.find('/');
  if (slash == std::string::npos) return false;
  *channel = data_post.substr(0, slash);
  *id = data_post.substr(slash + 1);
  if (!ValidTelegramChannel(*channel) || id->empty() || id->size() > 18) return false;
  for (char c : *id) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

LinkCard ReadCard(HtmlQuery& q, const std::string& msg, std::string_view page_url) {
  const std::string card = "(" + msg + "//" + El("a", "tgme_widget_message_link_preview") + ")[1]";
  LinkCard c;
  if (std::optional<std::string> url = ResolveLink(page_url, q.First(card + "/@href"))) {
    c.url = *url;
  }
  c.site_name = q.First(card + "//" + El("*", "link_preview_site_name"));
  c.title = q.First(card + "//" + El("*", "link_preview_title"));
  c.description = q.First(card + "//" + El("*", "link_preview_description"));
  const std::string style = q.First(card + "//" + El("*", "link_preview_image") + "/@style");
  if (std::optional<std::string> img = CssBackgroundUrl(style, page_url)) c.image = *img;
  return c;
}

void ReadMedia(HtmlQuery& q, const std::string& msg, std::string_view page_url, Post* post) {
  for (const std::string& style :
       q.All(msg + "//" + El("a", "tgme_widget_message_photo_wrap") + "/@style")) {
    if (std::optional<std::string> url = CssBackgroundUrl(style, page_url)) {
      AppendUnique(&post->images, *url);
    }
  }
  if (q.Count(msg + "//" + El("a", "tgme_widget_message_link_preview")) > 0) {
    LinkCard card = ReadCard(q, msg, page_url);
    if (!card.url.empty()) {
      AppendUnique(&post->links, card.url);
      post->cards.push_back(std::move(card));
    }
  }
}

void ReadRelations(HtmlQuery& q, const std::string& msg, std::string_view page_url, Post* post) {
  const std::string fwd = msg + "//" + El("*", "tgme_widget_message_forwarded_from");
  const std::string fwd_href =
      q.First(fwd + "//" + El("a", "tgme_widget_message_forwarded_from_name") + "/@href");
  if (std::optional<std::string> url = ResolveLink(page_url, fwd_href)) {
    post->forwarded_from = *url;
  } else if (q.Count(fwd) > 0) {
    // A forward from a private chat or user has a name but no link.
    post->forwarded_from = q.First(fwd + "//" + El("*", "tgme_widget_message_forwarded_from_name"));
  }
  const std::string reply = q.First(msg + "//" + El("a", "tgme_widget_message_reply") + "/@href");
  if (std::optional<std::string> url = ResolveLink(page_url, reply)) {
    post->reply_to = *url;
  }
}

Post ReadMessage(HtmlQuery& q, const std::string& msg, const std::string& channel,
                 const std::string& id, std::string_view page_url) {
  Post post;
  post.platform = "telegram";
  post.id = id;
  post.author = channel;
  post.url = "https://t.me/" + channel + "/" + id;
  std::string when = q.First(msg + "//" + El("a", "tgme_widget_message_date") + "//time/@datetime");
  if (when.empty()) when = q.First(msg + "//time/@datetime");
  post.published = NormalizeIso8601(when);
  // The message's own text, not the quoted text of the post it replies to
  // nor a link preview's description.
  const std::string text = "(" + msg + "//" + El("div", "tgme_widget_message_text") + "[not(" +
                           "ancestor::*[" + HasClass("tgme_widget_message_reply") + "])])[1]";
  post.text = q.First(text);
  for (const std::string& href : q.All(text + "//a/@href")) {
    if (std::optional<std::string> url = ResolveLink(page_url, href)) {
      AppendUnique(&post.links, *url);
    }
  }
  ReadMedia(q, msg, page_url, &post);
  ReadRelations(q, msg, page_url, &post);
  post.views = ParseAbbreviatedCount(q.First(msg + "//" + El("span", "tgme_widget_message_views")));
  if (post.views) post.counts["views"] = *post.views;
  return post;
}

}  // namespace

Result<TelegramPage> ParseTelegramPage(std::string_view html, std::string_view page_url,
                                       const scrapers::HtmlLimits& limits) {
  Result<std::unique_ptr<scrapers::HtmlDocument>> doc = scrapers::HtmlDocument::Parse(html, limits);
  if (!doc.ok()) return doc.status().WithContext("telegram page " + std::string(page_url));
  HtmlQuery q(**doc);
  TelegramPage page;
  page.channel = ReadChannel(q, page_url);
  page.no_messages = q.Count("//*[" + HasClass("tme_no_messages_found") + "]") > 0;
  const std::string messages = "(//" + El("div", "tgme_widget_message") + "[@data-post])";
  const std::vector<std::string> data_posts = q.All(messages + "/@data-post");
  for (size_t k = 1; k <= data_posts.size(); ++k) {
    std::string channel, id;
    if (!SplitDataPost(data_posts[k - 1], &channel, &id)) {
      ++page.skipped;
      continue;
    }
    const std::string msg = messages + "[" + std::to_string(k) + "]";
    page.posts.push_back(ReadMessage(q, msg, channel, id, page_url));
  }
  const std::string before = q.First("//" + El("a", "tme_messages_more") + "/@data-before");
  if (std::optional<int64_t> n = ParseAbbreviatedCount(before);
      n && !before.empty() && before.find_first_not_of("0123456789") == std::string::npos) {
    page.before = *n;
  }
  if (!q.status().ok()) return q.status().WithContext("telegram page " + std::string(page_url));
  return page;
}

bool ValidTelegramChannel(std::string_view channel) {
  if (channel.empty() || channel.size() > 64) return false;
  for (char c : channel) {
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return false;
  }
  return true;
}

std::string TelegramPreviewUrl(std::string_view channel, std::string_view base) {
  return std::string(base) + "/s/" + std::string(channel);
}

std::string TelegramNextPageUrl(std::string_view channel, int64_t before, std::string_view base) {
  return TelegramPreviewUrl(channel, base) + "?before=" + std::to_string(before);
}

bool TelegramPreviewUnavailable(std::string_view requested_url, std::string_view final_url) {
  const std::optional<std::string> requested = scrapers::CanonicalUrl(requested_url);
  const std::optional<std::string> final = scrapers::CanonicalUrl(final_url);
  if (!requested || !final || *requested == *final) return false;
  const std::string host = scrapers::UrlHost(*final);
  if (host != scrapers::UrlHost(*requested) && host != "t.me" && host != "telegram.me") {
    return false;
  }
  auto in_preview = [](const std::string& url) {
    const size_t path = url.find('/', url.find("://") + 3);
    return path != std::string::npos && url.compare(path, 3, "/s/") == 0;
  };
  return in_preview(*requested) && !in_preview(*final);
}

std::string TelegramPager::NextUrl() const {
  return before_ ? TelegramNextPageUrl(channel_, *before_, base_)
                 : TelegramPreviewUrl(channel_, base_);
}

std::vector<Post> TelegramPager::Accept(const TelegramPage& page) {
  std::vector<Post> fresh;
  for (const Post& post : page.posts) {
    if (seen_.insert(post.url).second) fresh.push_back(post);
  }
  // Older pages have smaller cursors; one that does not shrink would loop.
  if (!page.before || fresh.empty() || (before_ && *page.before >= *before_)) {
    done_ = true;
  } else {
    before_ = page.before;
  }
  return fresh;
}

}  // namespace harrier::social
