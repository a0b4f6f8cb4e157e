// RFC 3986 reference resolution and syntax-based normalisation, written out
// here so that only the curl fetcher includes curl.h. Links come from hostile
// pages, so the browser habits they rely on are followed the way the WHATWG
// URL standard does: surrounding spaces and controls are trimmed, tabs and
// newlines inside are removed (so "java\tscript:" is still javascript:), and
// a backslash before the query is a slash in http(s) and relative references.
#include "scrapers/url.h"

#include <cstdint>

namespace harrier::scrapers {
namespace {

// Longer links are refused: nothing legitimate needs them, and they would
// bloat the frontier and the regexes run over every URL.
constexpr size_t kMaxUrlBytes = 4096;

struct Parts {
  std::string scheme;  // lower-case; empty for a relative reference
  bool has_authority = false;
  std::string authority;
  std::string path;
  bool has_query = false;
  std::string query;
  // The fragment is parsed off and dropped: it never reaches a server.
};

struct Host {
  std::string name;  // lower-case; IPv6 literals keep their brackets
  int port = -1;     // -1: none given
};

bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
char ToLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ToLower(c);
  return out;
}

int HexValue(char c) {
  if (IsDigit(c)) return c - '0';
  c = ToLower(c);
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// RFC 3986 §2.3.
bool IsUnreserved(unsigned char c) {
  return IsAlpha(static_cast<char>(c)) || IsDigit(static_cast<char>(c)) || c == '-' || c == '.' ||
         c == '_' || c == '~';
}

bool IsSubDelim(char c) {
  switch (c) {
    case '!':
    case '$':
    case '&':
    case '\'':
    case '(':
    case ')':
    case '*':
    case '+':
    case ',':
    case ';':
    case '=':
      return true;
    default:
      return false;
  }
}

// pchar (§3.3) plus "/", and "?" as well in a query (§3.4).
bool AllowedInPath(unsigned char c) {
  return IsUnreserved(c) || IsSubDelim(static_cast<char>(c)) || c == ':' || c == '@' || c == '/';
}
bool AllowedInQuery(unsigned char c) { return AllowedInPath(c) || c == '?'; }

// §3.1: scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ).
bool IsScheme(std::string_view s) {
  if (s.empty() || !IsAlpha(s[0])) return false;
  for (char c : s) {
    if (!IsAlpha(c) && !IsDigit(c) && c != '+' && c != '-' && c != '.') return false;
  }
  return true;
}

bool IsHttp(std::string_view scheme) { return scheme == "http" || scheme == "https"; }

// What a browser does to an href before parsing it (WHATWG URL "basic URL
// parser", first steps): strip leading/trailing C0 controls and spaces, drop
// every tab, CR and LF.
std::string Clean(std::string_view in) {
  while (!in.empty() && static_cast<unsigned char>(in.front()) <= 0x20) in.remove_prefix(1);
  while (!in.empty() && static_cast<unsigned char>(in.back()) <= 0x20) in.remove_suffix(1);
  std::string out;
  out.reserve(in.size());
  for (char c : in) {
    if (c != '\t' && c != '\n' && c != '\r') out += c;
  }
  return out;
}

// Splits a reference with the regular expression of RFC 3986 Appendix B,
// except that a "scheme" that is not valid scheme syntax makes the reference
// relative (as browsers do).
Parts Split(std::string_view s) {
  Parts p;
  size_t colon = s.find_first_of(":/?#");
  if (colon != std::string_view::npos && s[colon] == ':' && IsScheme(s.substr(0, colon))) {
    p.scheme = Lower(s.substr(0, colon));
    s.remove_prefix(colon + 1);
  }
  if (size_t hash = s.find('#'); hash != std::string_view::npos) s = s.substr(0, hash);
  if (size_t q = s.find('?'); q != std::string_view::npos) {
    p.has_query = true;
    p.query = std::string(s.substr(q + 1));
    s = s.substr(0, q);
  }
  if (s.substr(0, 2) == "//") {
    s.remove_prefix(2);
    size_t slash = s.find('/');
    p.has_authority = true;
    p.authority = std::string(s.substr(0, slash));
    s = slash == std::string_view::npos ? std::string_view() : s.substr(slash);
  }
  p.path = std::string(s);
  return p;
}

// Parses and cleans a reference: backslashes before the query become slashes
// for http(s) and relative references (WHATWG treats "\" as "/" there).
Parts Parse(std::string_view raw) {
  std::string s = Clean(raw);
  Parts probe = Split(s);
  if (probe.scheme.empty() || IsHttp(probe.scheme)) {
    size_t end = s.find_first_of("?#");
    if (end == std::string::npos) end = s.size();
    bool changed = false;
    for (size_t i = 0; i < end; ++i) {
      if (s[i] == '\\') {
        s[i] = '/';
        changed = true;
      }
    }
    if (changed) return Split(s);
  }
  return probe;
}

// §6.2.2.2: decode escapes of unreserved characters, upper-case the hex of
// the others; escape everything the component may not hold literally (spaces,
// controls, non-ASCII bytes, a "%" that starts no escape).
std::string NormalizeEncoding(std::string_view s, bool (*allowed)(unsigned char)) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '%' && i + 2 < s.size() && HexValue(s[i + 1]) >= 0 && HexValue(s[i + 2]) >= 0) {
      const auto v = static_cast<unsigned char>(HexValue(s[i + 1]) * 16 + HexValue(s[i + 2]));
      if (IsUnreserved(v)) {
        out += static_cast<char>(v);
      } else {
        out += '%';
        out += kHex[v >> 4];
        out += kHex[v & 15];
      }
      i += 2;
    } else if (c != '%' && allowed(c)) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

// §5.2.4.
std::string RemoveDotSegments(std::string_view in) {
  std::string out;
  auto pop_last = [&out] {
    size_t slash = out.rfind('/');
    out.erase(slash == std::string::npos ? 0 : slash);
  };
  while (!in.empty()) {
    if (in.substr(0, 3) == "../") {
      in.remove_prefix(3);
    } else if (in.substr(0, 2) == "./") {
      in.remove_prefix(2);
    } else if (in.substr(0, 3) == "/./") {
      in.remove_prefix(2);
    } else if (in == "/.") {
      in = "/";
    } else if (in.substr(0, 4) == "/../") {
      in.remove_prefix(3);
      pop_last();
    } else if (in == "/..") {
      in = "/";
      pop_last();
    } else if (in == "." || in == "..") {
      in = {};
    } else {
      size_t next = in.find('/', 1);
      if (next == std::string_view::npos) next = in.size();
      out.append(in.substr(0, next));
      in.remove_prefix(next);
    }
  }
  return out;
}

// §5.2.3.
std::string Merge(const Parts& base, std::string_view ref_path) {
  if (base.has_authority && base.path.empty()) return "/" + std::string(ref_path);
  size_t slash = base.path.rfind('/');
  if (slash == std::string::npos) return std::string(ref_path);
  return base.path.substr(0, slash + 1) + std::string(ref_path);
}

bool ValidRegName(std::string_view host) {
  for (char c : host) {
    if (!IsUnreserved(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

bool ValidIpLiteral(std::string_view inside) {
  if (inside.empty()) return false;
  for (char c : inside) {
    if (HexValue(c) < 0 && c != ':' && c != '.') return false;
  }
  return true;
}

// authority = [ userinfo "@" ] host [ ":" port ]. Userinfo is dropped: a
// scraped link must never make us send credentials. Hosts are restricted to
// ASCII letters, digits, "-", ".", "_", "~" after decoding escapes (no IDN
// without punycode support) or an IPv6 literal.
std::optional<Host> ParseAuthority(std::string_view a) {
  if (size_t at = a.rfind('@'); at != std::string_view::npos) a.remove_prefix(at + 1);
  std::string_view host = a;
  std::string_view port;
  bool has_port = false;
  if (!a.empty() && a[0] == '[') {
    size_t close = a.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    host = a.substr(0, close + 1);
    std::string_view rest = a.substr(close + 1);
    if (!rest.empty()) {
      if (rest[0] != ':') return std::nullopt;
      port = rest.substr(1);
      has_port = true;
    }
    if (!ValidIpLiteral(host.substr(1, host.size() - 2))) return std::nullopt;
  } else if (size_t colon = a.rfind(':'); colon != std::string_view::npos) {
    host = a.substr(0, colon);
    port = a.substr(colon + 1);
    has_port = true;
  }
  Host out;
  out.name = Lower(NormalizeEncoding(host, [](unsigned char c) { return c != '%'; }));
  if (out.name.empty()) return std::nullopt;
  if (out.name[0] != '[' && !ValidRegName(out.name)) return std::nullopt;
  if (has_port && !port.empty()) {
    if (port.size() > 5) return std::nullopt;
    int value = 0;
    for (char c : port) {
      if (!IsDigit(c)) return std::nullopt;
      value = value * 10 + (c - '0');
    }
    if (value > 65535) return std::nullopt;
    out.port = value;
  }
  return out;
}

// Builds the canonical text of an absolute http(s) reference.
std::optional<std::string> Compose(const Parts& p) {
  if (!IsHttp(p.scheme) || !p.has_authority) return std::nullopt;
  std::optional<Host> host = ParseAuthority(p.authority);
  if (!host) return std::nullopt;
  std::string out = p.scheme + "://" + host->name;
  const int default_port = p.scheme == "http" ? 80 : 443;
  if (host->port >= 0 && host->port != default_port) out += ":" + std::to_string(host->port);
  std::string path = RemoveDotSegments(NormalizeEncoding(p.path, AllowedInPath));
  if (path.empty() || path[0] != '/') path.insert(0, "/");
  out += path;
  // An empty query ("x?") is treated as none: servers cannot tell them apart
  // and one resource should have one frontier row.
  if (p.has_query && !p.query.empty()) out += "?" + NormalizeEncoding(p.query, AllowedInQuery);
  if (out.size() > kMaxUrlBytes) return std::nullopt;
  return out;
}

}  // namespace

std::optional<std::string> CanonicalUrl(std::string_view url) {
  if (url.size() > kMaxUrlBytes) return std::nullopt;
  return Compose(Parse(url));
}

std::optional<std::string> ResolveUrl(std::string_view base, std::string_view href) {
  if (href.size() > kMaxUrlBytes || base.size() > kMaxUrlBytes) return std::nullopt;
  Parts ref = Parse(href);
  Parts b;
  if (ref.scheme.empty() || (IsHttp(ref.scheme) && !ref.has_authority)) {
    const std::optional<std::string> canonical_base = CanonicalUrl(base);
    if (!canonical_base) return std::nullopt;
    b = Parse(*canonical_base);
    // §5.2.2 "non-strict": "http:g" against an http base is relative, as in
    // browsers.
    if (!ref.scheme.empty() && ref.scheme != b.scheme) return std::nullopt;
    ref.scheme.clear();
  }
  if (!ref.scheme.empty()) return Compose(ref);

  // §5.2.2, the scheme coming from the base.
  Parts t;
  t.scheme = b.scheme;
  if (ref.has_authority) {
    t.has_authority = true;
    t.authority = ref.authority;
    t.path = ref.path;
    t.has_query = ref.has_query;
    t.query = ref.query;
    return Compose(t);
  }
  t.has_authority = b.has_authority;
  t.authority = b.authority;
  if (ref.path.empty()) {
    t.path = b.path;
    t.has_query = ref.has_query || b.has_query;
    t.query = ref.has_query ? ref.query : b.query;
    return Compose(t);
  }
  // Escapes are normalised before merging so that "%2E%2E" is a dot segment.
  std::string ref_path = NormalizeEncoding(ref.path, AllowedInPath);
  t.path = ref_path[0] == '/' ? ref_path : Merge(b, ref_path);
  t.has_query = ref.has_query;
  t.query = ref.query;
  return Compose(t);
}

std::string UrlHost(std::string_view url) {
  if (url.size() > kMaxUrlBytes) return "";
  Parts p = Parse(url);
  if (p.scheme.empty() || !p.has_authority) return "";
  std::optional<Host> host = ParseAuthority(p.authority);
  return host ? host->name : "";
}

bool IsUnreservedUrlChar(unsigned char c) { return IsUnreserved(c); }
bool IsLiteralInUrlQuery(unsigned char c) { return AllowedInQuery(c); }

}  // namespace harrier::scrapers
