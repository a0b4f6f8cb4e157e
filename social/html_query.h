// A thin reader over scrapers::HtmlDocument for the social parsers: first
// value, all values, or a count for an XPath, remembering the first error so
// that a parser can run its expressions and check once.
#ifndef HARRIER_SOCIAL_HTML_QUERY_H_
#define HARRIER_SOCIAL_HTML_QUERY_H_

#include <string>
#include <vector>

#include "core/status.h"
#include "scrapers/html_document.h"

namespace harrier::social {

class HtmlQuery {
 public:
  // Does not own `doc`, which must outlive this.
  explicit HtmlQuery(const scrapers::HtmlDocument& doc) : doc_(doc) {}

  std::vector<std::string> All(const std::string& xpath);
  // The first value, or "" when there is none.
  std::string First(const std::string& xpath);
  // count(xpath) as an integer.
  int Count(const std::string& xpath);

  // The first failure of any call (a bad expression, a result over the cap).
  const Status& status() const { return status_; }

 private:
  const scrapers::HtmlDocument& doc_;
  Status status_;
};

}  // namespace harrier::social

#endif  // HARRIER_SOCIAL_HTML_QUERY_H_
