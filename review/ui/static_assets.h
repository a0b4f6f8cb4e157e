// The UI's stylesheet and scripts, embedded at build time from
// review/ui/static/ (ninja embeds browse.py the same way).
#ifndef HARRIER_REVIEW_UI_STATIC_ASSETS_H_
#define HARRIER_REVIEW_UI_STATIC_ASSETS_H_

#include <string_view>

namespace harrier::review::ui {

extern const std::string_view kUiCss;
extern const std::string_view kGraphJs;

}  // namespace harrier::review::ui

#endif  // HARRIER_REVIEW_UI_STATIC_ASSETS_H_
