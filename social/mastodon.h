// Mastodon public API entities (Account, Status) parsed from JSON into plain
// values and Posts. Ids are opaque strings. HTML (note, content, field values)
// becomes plain text through scrapers::HtmlDocument. Stateless.
#ifndef HARRIER_SOCIAL_MASTODON_H_
#define HARRIER_SOCIAL_MASTODON_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"
#include "social/post.h"

namespace harrier::social {

struct MastodonAccount {
  std::string id;
  std::string username;
  std::string acct;  // "user" if local to the instance, "user@domain" if remote
  std::string display_name;
  std::string note;  // plain text
  std::string url;   // HTML profile page (may be empty)
  std::string uri;   // ActivityPub actor
  std::string avatar;
  std::string header;
  std::string created_at;  // ISO 8601 UTC or ""
  bool locked = false;
  bool bot = false;
  bool group = false;
  // Flags a collector may honour (sources.md §5); nullopt when absent.
  std::optional<bool> discoverable;
  std::optional<bool> indexable;
  std::optional<bool> noindex;
  std::optional<int64_t> followers_count;
  std::optional<int64_t> following_count;
  std::optional<int64_t> statuses_count;
  std::vector<std::pair<std::string, std::string>> fields;  // name, plain-text value
  std::string moved_to;                                     // acct of `moved`, if any
};

// kCorrupt for malformed JSON or a body that is not an Account object (the
// message says which); kRejected past the bounds of social/json_util.h
// (16 MiB, nesting 64).
Result<MastodonAccount> ParseMastodonAccount(std::string_view json);

// The account as a generic Profile (handle is the full acct).
Profile MastodonProfile(const MastodonAccount& account);

// An array of Status. A boost (non-null `reblog`) gives the original post,
// with boosted_by set to the booster's acct. Text is spoiler_text (if any)
// then the content as text; links are the content's links that are not
// hashtags or mentions; images are image attachments' url (else remote_url);
// authors are acct qualified with the account's host ("user@inst.example").
// Entries that are not objects or lack an id are skipped. Errors as for
// ParseMastodonAccount, and kCorrupt when the body is not an array.
Result<std::vector<Post>> ParseMastodonStatuses(std::string_view json);

}  // namespace harrier::social

#endif  // HARRIER_SOCIAL_MASTODON_H_
