// RFC 8288 §3: Link = #link-value; link-value = "<" URI-Reference ">" *( OWS
// ";" OWS link-param ); link-param = token BWS [ "=" BWS ( token /
// quoted-string ) ].
#include "social/link_header.h"

#include "scrapers/url.h"
#include "social/social_text.h"

namespace harrier::social {
namespace {

bool IsOws(char c) { return c == ' ' || c == '\t'; }

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

class LinkParser {
 public:
  explicit LinkParser(std::string_view s) : s_(s) {}

  bool AtEnd() {
    while (pos_ < s_.size() && (IsOws(s_[pos_]) || s_[pos_] == ',')) ++pos_;
    return pos_ >= s_.size();
  }

  // One link-value; false when malformed.
  bool Next(std::string* target, std::vector<std::string>* rels) {
    if (s_[pos_] != '<') return false;
    const size_t close = s_.find('>', pos_);
    if (close == std::string_view::npos) return false;
    *target = std::string(s_.substr(pos_ + 1, close - pos_ - 1));
    pos_ = close + 1;
    while (true) {
      SkipOws();
      if (pos_ >= s_.size() || s_[pos_] == ',') return true;
      if (s_[pos_] != ';') return false;
      ++pos_;
      std::string name, value;
      if (!Param(&name, &value)) return false;
      if (name == "rel") SplitRels(value, rels);
    }
  }

 private:
  void SkipOws() {
    while (pos_ < s_.size() && IsOws(s_[pos_])) ++pos_;
  }

  bool Param(std::string* name, std::string* value) {
    SkipOws();
    while (pos_ < s_.size() && s_[pos_] != '=' && s_[pos_] != ';' && s_[pos_] != ',' &&
           !IsOws(s_[pos_])) {
      *name += Lower(s_[pos_++]);
    }
    if (name->empty()) return false;
    SkipOws();
    if (pos_ >= s_.size() || s_[pos_] != '=') return true;  // a parameter without a value
    ++pos_;
    SkipOws();
    if (pos_ < s_.size() && s_[pos_] == '"') {
      ++pos_;
      while (pos_ < s_.size() && s_[pos_] != '"') {
        if (s_[pos_] == '\\' && pos_ + 1 < s_.size()) ++pos_;  // quoted-pair
        *value += s_[pos_++];
      }
      if (pos_ >= s_.size()) return false;  // unterminated
      ++pos_;
      return true;
    }
    while (pos_ < s_.size() && s_[pos_] != ';' && s_[pos_] != ',' && !IsOws(s_[pos_])) {
      *value += s_[pos_++];
    }
    return true;
  }

  // rel may hold several space-separated relation types (§3.3).
  static void SplitRels(const std::string& value, std::vector<std::string>* rels) {
    std::string current;
    for (char c : value + " ") {
      if (IsOws(c)) {
        if (!current.empty()) rels->push_back(current);
        current.clear();
      } else {
        current += Lower(c);
      }
    }
  }

  std::string_view s_;
  size_t pos_ = 0;
};

}  // namespace

std::vector<WebLink> ParseWebLinks(std::string_view value, std::string_view base) {
  std::vector<WebLink> links;
  LinkParser parser(value);
  while (!parser.AtEnd()) {
    WebLink link;
    std::string target;
    if (!parser.Next(&target, &link.rels)) break;
    std::optional<std::string> url =
        base.empty() ? scrapers::CanonicalUrl(target) : ResolveLink(base, target);
    if (!url) continue;
    link.url = *url;
    links.push_back(std::move(link));
  }
  return links;
}

LinkRelations ParseLinkHeader(std::string_view value, std::string_view base) {
  LinkRelations out;
  for (const WebLink& link : ParseWebLinks(value, base)) {
    for (const std::string& rel : link.rels) {
      if (rel == "next" && !out.next) out.next = link.url;
      if ((rel == "prev" || rel == "previous") && !out.prev) out.prev = link.url;
    }
  }
  return out;
}

}  // namespace harrier::social
