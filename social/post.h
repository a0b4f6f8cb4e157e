// The shapes every social parser produces: a Post (a Telegram message, a
// Mastodon status) and a Profile (a Mastodon account, a public profile page).
// Plain values; everything in them came from a hostile page and is escaped by
// whoever renders it.
#ifndef HARRIER_SOCIAL_POST_H_
#define HARRIER_SOCIAL_POST_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace harrier::social {

// A link preview card (Telegram's link preview, Mastodon's card).
struct LinkCard {
  std::string url;  // absolute http(s)
  std::string site_name;
  std::string title;
  std::string description;
  std::string image;  // absolute http(s) or empty
};

struct Post {
  std::string platform;  // "telegram" | "mastodon" | "profile"
  // Canonical URL of the post: https://t.me/<channel>/<id>, a status's url
  // (its uri when url is null).
  std::string url;
  std::string id;                   // opaque: Telegram's message number, Mastodon's id
  std::string author;               // channel username or acct
  std::string published;            // ISO 8601 UTC, "2024-03-01T09:15:42.000Z"; empty if unknown
  std::string text;                 // plain text, line breaks kept
  std::vector<std::string> links;   // absolute http(s), in order, no duplicates
  std::vector<std::string> images;  // absolute http(s), in order, no duplicates
  std::vector<LinkCard> cards;
  std::string forwarded_from;         // channel URL or name the post was forwarded from
  std::string reply_to;               // URL or id of the post replied to
  std::string boosted_by;             // Mastodon: the acct that boosted this post
  std::vector<std::string> tags;      // without '#'
  std::vector<std::string> mentions;  // acct or URL
  std::optional<int64_t> views;       // "4.7K" -> 4700
  // Counts as the source gives them: "views", "replies", "reblogs",
  // "favourites".
  std::map<std::string, int64_t> counts;
};

struct Profile {
  std::string url;  // absolute http(s)
  std::string name;
  std::string handle;  // without '@' where the source adds one
  std::string description;
  std::vector<std::string> images;   // absolute http(s), no duplicates
  std::vector<std::string> same_as;  // absolute http(s), no duplicates
  std::optional<int64_t> followers;
  std::vector<std::pair<std::string, std::string>> fields;  // name, plain-text value
};

}  // namespace harrier::social

#endif  // HARRIER_SOCIAL_POST_H_
