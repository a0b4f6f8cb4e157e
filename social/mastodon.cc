// Mastodon entities (docs.joinmastodon.org entities/Account, Status,
// MediaAttachment); shapes in sources.md §3. nlohmann/json is used without
// exceptions: parse with allow_exceptions=false and check every type before
// reading, so a hostile body cannot throw across this file's boundary.
#include "social/mastodon.h"

#include <memory>
#include <nlohmann/json.hpp>

#include "scrapers/html_document.h"
#include "scrapers/url.h"
#include "social/html_query.h"
#include "social/json_util.h"
#include "social/social_text.h"

namespace harrier::social {
namespace {

using nlohmann::json;

Result<json> ParseJson(std::string_view text, std::string_view what) {
  return ParseBoundedJson(text, "mastodon " + std::string(what));
}

std::string Str(const json& j, const char* key) { return JsonStr(j, key); }
std::optional<int64_t> Int(const json& j, const char* key) { return JsonInt(j, key); }
std::optional<bool> Bool(const json& j, const char* key) { return JsonBool(j, key); }
const json* Member(const json& j, const char* key, json::value_t type) {
  return JsonMember(j, key, type);
}

std::string HttpUrl(const json& j, const char* key) {
  return scrapers::CanonicalUrl(Str(j, key)).value_or("");
}

// Text of an HTML fragment; a fragment the HTML limits refuse gives "".
std::string Text(const std::string& html) {
  Result<std::string> text = HtmlToText(html);
  return text.ok() ? *text : std::string();
}

// Text and the links that are not hashtags or mentions (Mastodon marks both
// with class "mention").
void ReadContent(const std::string& html, const std::string& base, Post* post) {
  Result<std::unique_ptr<scrapers::HtmlDocument>> doc = scrapers::HtmlDocument::Parse(html, {});
  if (!doc.ok()) return;
  HtmlQuery q(**doc);
  const std::string text = q.First("/html/body");
  if (!post->text.empty() && !text.empty()) post->text += "\n";
  post->text += text;
  for (const std::string& href :
       q.All("//a[not(" + HasClass("mention") + ") and not(@rel='tag')]/@href")) {
    if (std::optional<std::string> url = ResolveLink(base, href)) {
      AppendUnique(&post->links, *url);
    }
  }
}

// "user" local to the account's instance becomes "user@host".
std::string QualifiedAcct(const json& account) {
  std::string acct = Str(account, "acct");
  if (acct.empty() || acct.find('@') != std::string::npos) return acct;
  const std::string host = scrapers::UrlHost(Str(account, "url"));
  return host.empty() ? acct : acct + "@" + host;
}

void ReadMedia(const json& status, Post* post) {
  const json* media = Member(status, "media_attachments", json::value_t::array);
  if (media == nullptr) return;
  for (const json& m : *media) {
    if (!m.is_object() || Str(m, "type") != "image") continue;
    std::string url = HttpUrl(m, "url");
    if (url.empty()) url = HttpUrl(m, "remote_url");
    AppendUnique(&post->images, std::move(url));
  }
}

void ReadTagsAndMentions(const json& status, Post* post) {
  if (const json* tags = Member(status, "tags", json::value_t::array)) {
    for (const json& t : *tags) {
      if (t.is_object()) AppendUnique(&post->tags, Str(t, "name"));
    }
  }
  if (const json* mentions = Member(status, "mentions", json::value_t::array)) {
    for (const json& m : *mentions) {
      if (m.is_object()) AppendUnique(&post->mentions, Str(m, "acct"));
    }
  }
}

void ReadCard(const json& status, Post* post) {
  const json* card = Member(status, "card", json::value_t::object);
  if (card == nullptr) return;
  LinkCard c;
  c.url = HttpUrl(*card, "url");
  if (c.url.empty()) return;
  c.site_name = Str(*card, "provider_name");
  c.title = Str(*card, "title");
  c.description = Str(*card, "description");
  c.image = HttpUrl(*card, "image");
  AppendUnique(&post->links, c.url);
  post->cards.push_back(std::move(c));
}

void ReadCounts(const json& s, Post* post) {
  for (const char* key : {"replies_count", "reblogs_count", "favourites_count", "quotes_count"}) {
    if (std::optional<int64_t> n = Int(s, key)) {
      std::string name(key);
      post->counts[name.substr(0, name.size() - 6)] = *n;  // drop "_count"
    }
  }
}

// One Status; nullopt when it has no id.
std::optional<Post> ReadStatus(const json& outer) {
  const json* reblog = Member(outer, "reblog", json::value_t::object);
  const json& s = reblog != nullptr ? *reblog : outer;
  Post post;
  post.platform = "mastodon";
  post.id = Str(s, "id");
  if (post.id.empty()) return std::nullopt;
  post.url = HttpUrl(s, "url");
  if (post.url.empty()) post.url = HttpUrl(s, "uri");
  if (const json* account = Member(s, "account", json::value_t::object)) {
    post.author = QualifiedAcct(*account);
  }
  if (reblog != nullptr) {
    if (const json* booster = Member(outer, "account", json::value_t::object)) {
      post.boosted_by = QualifiedAcct(*booster);
    }
  }
  post.published = NormalizeIso8601(Str(s, "created_at"));
  post.text = Str(s, "spoiler_text");
  ReadContent(Str(s, "content"), post.url, &post);
  ReadMedia(s, &post);
  ReadTagsAndMentions(s, &post);
  ReadCard(s, &post);
  ReadCounts(s, &post);
  post.reply_to = Str(s, "in_reply_to_id");
  return post;
}

}  // namespace

Result<MastodonAccount> ParseMastodonAccount(std::string_view text) {
  Result<json> parsed = ParseJson(text, "account");
  if (!parsed.ok()) return parsed.status();
  const json& j = *parsed;
  if (!j.is_object() || Str(j, "id").empty()) {
    return Status::Corrupt("parse mastodon account: not an Account object");
  }
  MastodonAccount a;
  a.id = Str(j, "id");
  a.username = Str(j, "username");
  a.acct = Str(j, "acct");
  a.display_name = Str(j, "display_name");
  a.note = Text(Str(j, "note"));
  a.url = HttpUrl(j, "url");
  a.uri = HttpUrl(j, "uri");
  a.avatar = HttpUrl(j, "avatar");
  a.header = HttpUrl(j, "header");
  a.created_at = NormalizeIso8601(Str(j, "created_at"));
  a.locked = Bool(j, "locked").value_or(false);
  a.bot = Bool(j, "bot").value_or(false);
  a.group = Bool(j, "group").value_or(false);
  a.discoverable = Bool(j, "discoverable");
  a.indexable = Bool(j, "indexable");
  a.noindex = Bool(j, "noindex");
  a.followers_count = Int(j, "followers_count");
  a.following_count = Int(j, "following_count");
  a.statuses_count = Int(j, "statuses_count");
  if (const json* fields = Member(j, "fields", json::value_t::array)) {
    for (const json& f : *fields) {
      if (f.is_object()) a.fields.emplace_back(Str(f, "name"), Text(Str(f, "value")));
    }
  }
  if (const json* moved = Member(j, "moved", json::value_t::object))
    a.moved_to = Str(*moved, "acct");
  return a;
}

Profile MastodonProfile(const MastodonAccount& a) {
  Profile p;
  p.url = a.url.empty() ? a.uri : a.url;
  p.name = a.display_name.empty() ? a.username : a.display_name;
  p.handle = a.acct;
  if (p.handle.find('@') == std::string::npos && !scrapers::UrlHost(p.url).empty()) {
    p.handle += "@" + scrapers::UrlHost(p.url);
  }
  p.description = a.note;
  AppendUnique(&p.images, a.avatar);
  AppendUnique(&p.images, a.header);
  if (!a.uri.empty() && a.uri != p.url) AppendUnique(&p.same_as, a.uri);
  p.followers = a.followers_count;
  p.fields = a.fields;
  return p;
}

Result<std::vector<Post>> ParseMastodonStatuses(std::string_view text) {
  Result<json> parsed = ParseJson(text, "statuses");
  if (!parsed.ok()) return parsed.status();
  if (!parsed->is_array()) return Status::Corrupt("parse mastodon statuses: not an array");
  std::vector<Post> posts;
  for (const json& s : *parsed) {
    if (!s.is_object()) continue;
    if (std::optional<Post> post = ReadStatus(s)) posts.push_back(std::move(*post));
  }
  return posts;
}

}  // namespace harrier::social
