// Social handles in advert text: Snapchat, Instagram, Telegram, TikTok,
// WhatsApp, OnlyFans, X/Twitter and Facebook usernames, from profile URLs
// ("instagram.com/name", "t.me/name") and from cues ("sc: name", "IG @name",
// "my snap is name", "👻 name"). Values are "platform:handle", lower-case, no
// '@' (core/selector.h). Pure functions; safe from any thread.
#ifndef HARRIER_EXTRACTORS_HANDLE_EXTRACTOR_H_
#define HARRIER_EXTRACTORS_HANDLE_EXTRACTOR_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/selector.h"

namespace harrier::extractors {

// Handles in `text` ordered by position, at most one per span. A URL's span
// runs from its scheme (or host) to the end of the username and has
// confidence 0.95; a cued handle's span is the username as written (with its
// '@', if any) and has 0.6-0.85, lower when the cue is an ambiguous
// abbreviation ("sc", "OF", "X") or no separator follows it. detail is
// "from URL" or "from cue \"<cue as written>\"". A bare "@name" without a
// platform cue gives nothing, nor do post, group and invite URLs, e-mail
// addresses, times and prices ("@ 9pm", "@£100"), hashtags, or cue words
// inside other words ("disc", "telephone", "big"). Snippets are left empty.
std::vector<Selector> ExtractHandles(std::string_view text);

// "platform:handle" for what a user typed: `platform` is a canonical name
// ("instagram", "x") or a common alias ("twitter", "ig", "sc", "fb", "tg",
// any case); `handle` is a username with or without '@', or that
// platform's profile URL. nullopt when the platform is unknown or the
// platform could not hold the username.
std::optional<std::string> NormalizeHandle(std::string_view platform, std::string_view handle);

// The same for one string, as a selector value is typed on the command line:
// "platform:handle" ("ig:@Jess.Rose", "twitter:jessrose", "facebook:id:123")
// or a profile URL alone ("https://t.me/jessrose").
std::optional<std::string> NormalizeHandleSelector(std::string_view input);

}  // namespace harrier::extractors

#endif  // HARRIER_EXTRACTORS_HANDLE_EXTRACTOR_H_
