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

// Each property is read for all messages at once: "M/@data-post | M//P"
// lists, in document order, every message's data-post followed by the values
// of P inside it, so the values are grouped by the data-post that precedes
// them. One scan per property instead of one per property and message (the
// latter was ~5 ms per message on a small page). A value equal to the next
// message's data-post string would be taken as its marker; only a hostile
// page can do that, and it then only misattributes its own values.
class MessageColumns {
 public:
  MessageColumns(HtmlQuery& q, std::string messages, const std::vector<std::string>& markers)
      : q_(q), messages_(std::move(messages)), markers_(markers) {}

  // Values of `property` (a path starting with "//") per message.
  std::vector<std::vector<std::string>> Get(const std::string& property) {
    std::vector<std::vector<std::string>> out(markers_.size());
    size_t next = 0;
    for (std::string& v : q_.All(messages_ + "/@data-post | " + messages_ + property)) {
      if (next < markers_.size() && v == markers_[next]) {
        ++next;
      } else if (next > 0) {
        out[next - 1].push_back(std::move(v));
      }
    }
    return out;
  }

  // The first value per message ("" when none).
  std::vector<std::string> First(const std::string& property) {
    std::vector<std::string> out;
    for (std::vector<std::string>& values : Get(property)) {
      out.push_back(values.empty() ? std::string() : std::move(values.front()));
    }
    return out;
  }

 private:
  HtmlQuery& q_;
  std::string messages_;
  const std::vector<std::string>& markers_;
};

void ReadCards(MessageColumns& m, std::string_view page_url, std::vector<Post>* posts) {
  const std::string card = "//" + El("a", "tgme_widget_message_link_preview");
  const std::vector<std::string> href = m.First(card + "/@href");
  const std::vector<std::string> site = m.First(card + "//" + El("*", "link_preview_site_name"));
  const std::vector<std::string> title = m.First(card + "//" + El("*", "link_preview_title"));
  const std::vector<std::string> description =
      m.First(card + "//" + El("*", "link_preview_description"));
  const std::vector<std::string> image =
      m.First(card + "//" + El("*", "link_preview_image") + "/@style");
  for (size_t k = 0; k < posts->size(); ++k) {
    const std::optional<std::string> url = ResolveLink(page_url, href[k]);
    if (!url) continue;
    LinkCard c{*url, site[k], title[k], description[k], ""};
    if (std::optional<std::string> img = CssBackgroundUrl(image[k], page_url)) c.image = *img;
    AppendUnique(&(*posts)[k].links, c.url);
    (*posts)[k].cards.push_back(std::move(c));
  }
}

void ReadRelations(MessageColumns& m, std::string_view page_url, std::vector<Post>* posts) {
  const std::string fwd = "//" + El("*", "tgme_widget_message_forwarded_from");
  const std::string name = "//" + El("*", "tgme_widget_message_forwarded_from_name");
  const std::vector<std::string> fwd_href = m.First(fwd + name + "/@href");
  const std::vector<std::string> fwd_name = m.First(fwd + name);
  const std::vector<std::string> reply =
      m.First("//" + El("a", "tgme_widget_message_reply") + "/@href");
  for (size_t k = 0; k < posts->size(); ++k) {
    Post& post = (*posts)[k];
    // A forward from a private chat or user has a name but no link.
    post.forwarded_from = ResolveLink(page_url, fwd_href[k]).value_or(fwd_name[k]);
    if (std::optional<std::string> url = ResolveLink(page_url, reply[k])) post.reply_to = *url;
  }
}

void ReadContent(MessageColumns& m, std::string_view page_url, std::vector<Post>* posts) {
  const std::vector<std::string> dated =
      m.First("//" + El("a", "tgme_widget_message_date") + "//time/@datetime");
  const std::vector<std::string> any_time = m.First("//time/@datetime");
  // The message's own text, not the quoted text of the post it replies to.
  const std::string text = "//" + El("div", "tgme_widget_message_text") + "[not(ancestor::*[" +
                           HasClass("tgme_widget_message_reply") + "])]";
  const std::vector<std::string> texts = m.First(text);
  const std::vector<std::vector<std::string>> hrefs = m.Get(text + "//a/@href");
  const std::vector<std::vector<std::string>> photos =
      m.Get("//" + El("a", "tgme_widget_message_photo_wrap") + "/@style");
  const std::vector<std::string> views = m.First("//" + El("span", "tgme_widget_message_views"));
  for (size_t k = 0; k < posts->size(); ++k) {
    Post& post = (*posts)[k];
    post.published = NormalizeIso8601(dated[k].empty() ? any_time[k] : dated[k]);
    post.text = texts[k];
    for (const std::string& href : hrefs[k]) {
      if (std::optional<std::string> url = ResolveLink(page_url, href)) {
        AppendUnique(&post.links, *url);
      }
    }
    for (const std::string& style : photos[k]) {
      if (std::optional<std::string> url = CssBackgroundUrl(style, page_url)) {
        AppendUnique(&post.images, *url);
      }
    }
    post.views = ParseAbbreviatedCount(views[k]);
    if (post.views) post.counts["views"] = *post.views;
  }
}

// Posts for the first kMaxTelegramMessages markers; bad markers and the rest
// are counted in page->skipped.
void ReadMessages(HtmlQuery& q, std::string_view page_url, TelegramPage* page) {
  const std::string all_messages = "//" + El("div", "tgme_widget_message") + "[@data-post]";
  const int count = q.Count(all_messages);
  if (count > kMaxTelegramMessages) page->skipped += count - kMaxTelegramMessages;
  // The columns look inside the first messages only: a flood of thousands
  // then costs one scan, not one per property.
  const std::string messages =
      "(" + all_messages + ")[position() <= " + std::to_string(kMaxTelegramMessages) + "]";
  const std::vector<std::string> markers = q.All(messages + "/@data-post");
  std::vector<Post> all(markers.size());
  for (size_t k = 0; k < markers.size(); ++k) {
    std::string channel, id;
    if (!SplitDataPost(markers[k], &channel, &id)) continue;
    all[k].platform = "telegram";
    all[k].id = id;
    all[k].author = channel;
    all[k].url = "https://t.me/" + channel + "/" + id;
  }
  MessageColumns m(q, messages, markers);
  ReadContent(m, page_url, &all);
  ReadCards(m, page_url, &all);
  ReadRelations(m, page_url, &all);
  for (Post& post : all) {
    if (post.id.empty()) {
      ++page->skipped;
    } else {
      page->posts.push_back(std::move(post));
    }
  }
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
  ReadMessages(q, page_url, &page);
  const std::string before = q.First("//" + El("a", "tme_messages_more") + "/@data-before");
  if (std::optional<int64_t> n = ParseAbbreviatedCount(before);
      n && !before.empty() && before.find_first_not_of("0123456789") == std::string::npos) {
    page.before = *n;
  }
  if (!q.status().ok()) return q.status().WithContext("telegram page " + std::string(page_url));
  return page;
}

Profile TelegramChannelProfile(const TelegramChannel& header, std::string_view channel) {
  Profile p;
  p.handle = ValidTelegramChannel(header.username) ? header.username : std::string(channel);
  p.url = "https://t.me/" + p.handle;
  p.name = header.title;
  p.description = header.description;
  AppendUnique(&p.images, header.image);
  if (auto it = header.counters.find("subscribers"); it != header.counters.end()) {
    p.followers = it->second;
  }
  return p;
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
