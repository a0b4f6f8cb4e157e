// The SSRF address guard: which IP addresses the fetcher must never connect
// to (loopback, private, link-local, multicast, reserved, documentation and
// IPv6 forms that embed such an IPv4 address). Pure functions of the address
// text; the fetcher applies them to the actual socket address. Thread-safe.
#ifndef HARRIER_SCRAPERS_ADDRESS_GUARD_H_
#define HARRIER_SCRAPERS_ADDRESS_GUARD_H_

#include <sys/socket.h>

#include <string>
#include <vector>

namespace harrier::scrapers {

// The refused range containing `ip` (textual IPv4 in dotted-quad form or
// IPv6), named with its CIDR, e.g. "loopback 127.0.0.0/8"; empty when the
// address is public. Text that is not an IP address is refused ("not an IP
// address"): the guard fails closed.
std::string ForbiddenRange(const std::string& ip);

// `ip` in the canonical form inet_ntop prints ("0:0::1" -> "::1",
// "::FFFF:7F00:1" -> "::ffff:127.0.0.1"); empty when it is not an IP address.
// Allow-list entries and socket addresses are compared in this form.
std::string CanonicalAddress(const std::string& ip);

// Why connecting to `ip` is refused, as logged and reported
// ("blocked:ssrf 127.0.0.1 (loopback 127.0.0.0/8)"); empty when it is public
// or in `allow` (addresses in CanonicalAddress form).
std::string GuardVerdict(const std::vector<std::string>& allow, const std::string& ip);

// The address of an AF_INET or AF_INET6 socket address as text ("::1");
// empty for any other family or a length too short for it.
std::string SocketAddressText(const sockaddr* addr, socklen_t len);

}  // namespace harrier::scrapers

#endif  // HARRIER_SCRAPERS_ADDRESS_GUARD_H_
