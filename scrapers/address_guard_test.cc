#include "scrapers/address_guard.h"

#include <gtest/gtest.h>

#include <string>

#include "scrapers/curl_fetcher.h"

namespace harrier::scrapers {
namespace {

TEST(AddressGuardTest, NamesTheRefusedRange) {
  struct Case {
    std::string ip;
    std::string range;  // empty: public
  } cases[] = {
      {"127.0.0.1", "loopback 127.0.0.0/8"},
      {"169.254.169.254", "link-local 169.254.0.0/16"},
      {"255.255.255.255", "broadcast 255.255.255.255/32"},
      {"172.31.255.255", "private 172.16.0.0/12"},
      {"198.19.0.1", "benchmarking 198.18.0.0/15"},
      {"::", "unspecified ::/128"},
      {"::1", "loopback ::1/128"},
      {"::a00:1", "IPv4-compatible ::/96"},
      {"::ffff:10.1.2.3", "IPv4-mapped ::ffff:0:0/96 of private 10.0.0.0/8"},
      {"64:ff9b::a9fe:a9fe", "NAT64 64:ff9b::/96 of link-local 169.254.0.0/16"},
      {"2002:c0a8:101::1", "6to4 2002::/16 of private 192.168.0.0/16"},
      {"2001:0:4136:e378::1", "Teredo 2001::/32"},
      {"2001:db8::1", "documentation 2001:db8::/32"},
      {"fd12:3456::1", "unique local fc00::/7"},
      {"ff02::1", "multicast ff00::/8"},
      {"localhost", "not an IP address"},
      {"2130706433", "not an IP address"},  // numeric forms never reach here as text
      {"fe80::1%eth0", "not an IP address"},
      {"", "not an IP address"},
      // Just outside the ranges.
      {"172.15.255.255", ""},
      {"172.32.0.0", ""},
      {"100.128.0.1", ""},
      {"11.0.0.1", ""},
      {"223.255.255.255", ""},
      {"::ffff:8.8.8.8", ""},
      {"64:ff9b::808:808", ""},
      {"2002:808:808::1", ""},
      {"2001:4860:4860::8888", ""},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(ForbiddenRange(c.ip), c.range) << c.ip;
  }
}

// IsForbiddenAddress is the fetcher's exported view of the same table.
TEST(AddressGuardTest, IsForbiddenAddressTable) {
  const char* forbidden[] = {
      "127.0.0.1",      "10.0.0.1",        "169.254.169.254", "172.16.5.4",  "192.168.1.1",
      "100.64.0.1",     "0.0.0.0",         "224.0.0.1",       "::1",         "::ffff:127.0.0.1",
      "64:ff9b::a00:1", "2002:7f00:1::1",  "fe80::1",         "fc00::1",     "198.18.0.1",
      "240.0.0.1",      "255.255.255.255", "192.0.2.1",       "2001:db8::1", "ff02::1",
      "not an address"};
  const char* allowed[] = {"8.8.8.8", "1.1.1.1", "2a00:1450::1", "172.32.0.1", "::ffff:8.8.8.8"};
  for (const char* ip : forbidden) EXPECT_TRUE(IsForbiddenAddress(ip)) << ip;
  for (const char* ip : allowed) EXPECT_FALSE(IsForbiddenAddress(ip)) << ip;
}

TEST(AddressGuardTest, CanonicalFormMatchesInetNtop) {
  EXPECT_EQ(CanonicalAddress("0:0:0:0:0:0:0:1"), "::1");
  EXPECT_EQ(CanonicalAddress("::FFFF:7F00:1"), "::ffff:127.0.0.1");
  EXPECT_EQ(CanonicalAddress("127.0.0.1"), "127.0.0.1");
  EXPECT_EQ(CanonicalAddress("2130706433"), "");
  EXPECT_EQ(CanonicalAddress("example.org"), "");
}

}  // namespace
}  // namespace harrier::scrapers
