// See the header.
#include "social/html_query.h"

#include <cstdlib>

namespace harrier::social {

std::vector<std::string> HtmlQuery::All(const std::string& xpath) {
  Result<std::vector<std::string>> values = doc_.Evaluate(xpath);
  if (!values.ok()) {
    if (status_.ok()) status_ = values.status();
    return {};
  }
  return std::move(values).value();
}

std::string HtmlQuery::First(const std::string& xpath) {
  std::vector<std::string> values = All("(" + xpath + ")[1]");
  return values.empty() ? std::string() : std::move(values.front());
}

int HtmlQuery::Count(const std::string& xpath) {
  const std::vector<std::string> values = All("count(" + xpath + ")");
  return values.empty() ? 0 : std::atoi(values.front().c_str());
}

}  // namespace harrier::social
