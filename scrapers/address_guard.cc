#include "scrapers/address_guard.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <vector>

namespace harrier::scrapers {

namespace {

using Bytes = std::array<uint8_t, 16>;  // IPv4 uses the first four

struct Range {
  int family;
  const char* net;
  int prefix;
  const char* name;
  int embedded_v4 = -1;  // byte offset of an embedded IPv4 address, or -1
};

// First match wins, so exact addresses come before the prefixes that hold
// them. Sources: RFC 6890 special-purpose registries, RFC 6052 (NAT64),
// RFC 3056 (6to4), RFC 4380 (Teredo), RFC 4291 (mapped and compatible).
const Range kRanges[] = {
    {AF_INET, "255.255.255.255", 32, "broadcast 255.255.255.255/32"},
    {AF_INET, "0.0.0.0", 8, "this network 0.0.0.0/8"},
    {AF_INET, "10.0.0.0", 8, "private 10.0.0.0/8"},
    {AF_INET, "100.64.0.0", 10, "shared address space 100.64.0.0/10"},
    {AF_INET, "127.0.0.0", 8, "loopback 127.0.0.0/8"},
    {AF_INET, "169.254.0.0", 16, "link-local 169.254.0.0/16"},
    {AF_INET, "172.16.0.0", 12, "private 172.16.0.0/12"},
    {AF_INET, "192.0.0.0", 24, "IETF protocol assignments 192.0.0.0/24"},
    {AF_INET, "192.0.2.0", 24, "documentation 192.0.2.0/24"},
    {AF_INET, "192.88.99.0", 24, "6to4 relay anycast 192.88.99.0/24"},
    {AF_INET, "192.168.0.0", 16, "private 192.168.0.0/16"},
    {AF_INET, "198.18.0.0", 15, "benchmarking 198.18.0.0/15"},
    {AF_INET, "198.51.100.0", 24, "documentation 198.51.100.0/24"},
    {AF_INET, "203.0.113.0", 24, "documentation 203.0.113.0/24"},
    {AF_INET, "224.0.0.0", 4, "multicast 224.0.0.0/4"},
    {AF_INET, "240.0.0.0", 4, "reserved 240.0.0.0/4"},
    {AF_INET6, "::", 128, "unspecified ::/128"},
    {AF_INET6, "::1", 128, "loopback ::1/128"},
    // Deprecated; nothing public is reached this way, so refuse them all.
    {AF_INET6, "::", 96, "IPv4-compatible ::/96"},
    // These embed an IPv4 address that is what the packets really reach
    // (a mapped socket, a NAT64 gateway, a 6to4 relay): judge that address.
    {AF_INET6, "::ffff:0:0", 96, "IPv4-mapped ::ffff:0:0/96", 12},
    {AF_INET6, "64:ff9b::", 96, "NAT64 64:ff9b::/96", 12},
    {AF_INET6, "2002::", 16, "6to4 2002::/16", 2},
    // Local-use NAT64 may embed at several offsets and Teredo obfuscates the
    // client address: refuse the whole prefix.
    {AF_INET6, "64:ff9b:1::", 48, "local-use NAT64 64:ff9b:1::/48"},
    {AF_INET6, "100::", 64, "discard-only 100::/64"},
    {AF_INET6, "2001::", 32, "Teredo 2001::/32"},
    {AF_INET6, "2001:2::", 48, "benchmarking 2001:2::/48"},
    {AF_INET6, "2001:10::", 28, "ORCHID 2001:10::/28"},
    {AF_INET6, "2001:20::", 28, "ORCHIDv2 2001:20::/28"},
    {AF_INET6, "2001:db8::", 32, "documentation 2001:db8::/32"},
    {AF_INET6, "fc00::", 7, "unique local fc00::/7"},
    {AF_INET6, "fe80::", 10, "link-local fe80::/10"},
    {AF_INET6, "fec0::", 10, "site-local fec0::/10"},
    {AF_INET6, "ff00::", 8, "multicast ff00::/8"},
};

struct ParsedRange {
  const Range* range;
  Bytes net;
};

// Parses `text` as IPv4 or IPv6; returns the family, or 0 if it is neither.
int Parse(const std::string& text, Bytes* out) {
  out->fill(0);
  if (inet_pton(AF_INET, text.c_str(), out->data()) == 1) return AF_INET;
  if (inet_pton(AF_INET6, text.c_str(), out->data()) == 1) return AF_INET6;
  return 0;
}

const std::vector<ParsedRange>& ParsedRanges() {
  static const std::vector<ParsedRange> parsed = [] {
    std::vector<ParsedRange> v;
    for (const Range& r : kRanges) {
      ParsedRange p{&r, {}};
      Parse(r.net, &p.net);  // the table is literal: always parses
      v.push_back(p);
    }
    return v;
  }();
  return parsed;
}

bool InPrefix(const uint8_t* addr, const uint8_t* net, int prefix) {
  int full = prefix / 8;
  int rest = prefix % 8;
  if (std::memcmp(addr, net, full) != 0) return false;
  if (rest == 0) return true;
  auto mask = static_cast<uint8_t>(0xff << (8 - rest));
  return (addr[full] & mask) == (net[full] & mask);
}

std::string RangeOf(int family, const uint8_t* addr) {
  for (const ParsedRange& p : ParsedRanges()) {
    if (p.range->family != family || !InPrefix(addr, p.net.data(), p.range->prefix)) {
      continue;
    }
    if (p.range->embedded_v4 < 0) return p.range->name;
    std::string inner = RangeOf(AF_INET, addr + p.range->embedded_v4);
    if (inner.empty()) return "";  // embeds a public IPv4 address
    return std::string(p.range->name) + " of " + inner;
  }
  return "";
}

}  // namespace

std::string ForbiddenRange(const std::string& ip) {
  Bytes addr;
  int family = Parse(ip, &addr);
  if (family == 0) return "not an IP address";
  return RangeOf(family, addr.data());
}

std::string CanonicalAddress(const std::string& ip) {
  Bytes addr;
  int family = Parse(ip, &addr);
  if (family == 0) return "";
  char text[INET6_ADDRSTRLEN] = {};
  if (inet_ntop(family, addr.data(), text, sizeof text) == nullptr) return "";
  return text;
}

std::string GuardVerdict(const std::vector<std::string>& allow, const std::string& ip) {
  std::string canonical = CanonicalAddress(ip);
  if (!canonical.empty() && std::find(allow.begin(), allow.end(), canonical) != allow.end()) {
    return "";
  }
  std::string range = ForbiddenRange(ip);
  if (range.empty()) return "";
  return "blocked:ssrf " + (canonical.empty() ? ip : canonical) + " (" + range + ")";
}

std::string SocketAddressText(const sockaddr* addr, socklen_t len) {
  char text[INET6_ADDRSTRLEN] = {};
  const void* bytes = nullptr;
  if (addr->sa_family == AF_INET && len >= sizeof(sockaddr_in)) {
    bytes = &reinterpret_cast<const sockaddr_in*>(addr)->sin_addr;
  } else if (addr->sa_family == AF_INET6 && len >= sizeof(sockaddr_in6)) {
    bytes = &reinterpret_cast<const sockaddr_in6*>(addr)->sin6_addr;
  }
  if (bytes == nullptr || inet_ntop(addr->sa_family, bytes, text, sizeof text) == nullptr) {
    return "";
  }
  return text;
}

}  // namespace harrier::scrapers
