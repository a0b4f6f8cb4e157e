// Throughput of the handle and e-mail extractors on synthetic advert text
// (invented names, drama-range numbers, example.com addresses): prints MB/s
// per core for each extractor and both together, over ~1 KB adverts, one
// call per advert. Run by hand:
//   build/bench/handle_email_throughput [megabytes]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "extractors/email_extractor.h"
#include "extractors/handle_extractor.h"

namespace {

// Advert prose with no selector: what most of an advert is.
const char* const kProse[] = {
    "Hi gentlemen, I am Jess, new in Leeds this week, available 24/7 for outcalls and incalls.\n",
    "Sweet and friendly girl, 23 years old, 5ft 6, size 8, very discreet, clean apartment.\n",
    "Television and telephone in the room, free parking at the back, easy to find location.\n",
    "Genuine pictures, what you see is what you get, I love to make new friends and smile.\n",
    "Prices: 30 mins \xC2\xA3"
    "100, 1 hour \xC2\xA3"
    "150, overnight on request. No rush!\n",
};

// Dense lines: a handle, a URL or an address in most of them, with the
// decoys the extractors must skip. Far denser than real adverts.
const char* const kLines[] = {
    "Hi gentlemen, I am Jess, new in Leeds this week, available 24/7 for outcalls and incalls.\n",
    "Sweet and friendly girl, 23 years old, 5ft 6, size 8, very discreet, clean apartment.\n",
    "Prices: 30 mins \xC2\xA3"
    "100, 1 hour \xC2\xA3"
    "150, overnight on request. No rush!\n",
    "Call or text 07700 900123 between 10am and 11pm, no withheld numbers please.\n",
    "sc: jessrose99 | IG @jess.rose | OF: jessrosevip\n",
    "Meet me @ 9pm near the station, parking available, shower available before and after.\n",
    "Email jess.rose@example.com or jess (at) example (dot) com for bookings in advance.\n",
    "See my photos at https://www.instagram.com/jessrose/ and t.me/jessrose99 for updates.\n",
    "Genuine pictures, what you see is what you get, I love to make new friends and smile.\n",
    "<img src=logo@2x.png> follow the link in bio, my snap is jessrose, disc: no time wasters.\n",
    "Television and telephone in the room, free parking at the back, easy to find location.\n",
};

// Adverts of about 1 KB (12 lines), as the pipeline hands them over one at
// a time.
template <size_t N>
std::vector<std::string> MakeAdverts(const char* const (&lines)[N], size_t bytes) {
  std::vector<std::string> adverts;
  size_t total = 0;
  for (size_t i = 0; total < bytes; ++i) {
    if (i % 12 == 0) adverts.emplace_back();
    adverts.back() += lines[(i * 7) % N];
    total += std::char_traits<char>::length(lines[(i * 7) % N]);
  }
  return adverts;
}

// The best of three runs: the machine is shared.
template <typename F>
double MegabytesPerSecond(const std::vector<std::string>& adverts, F extract, size_t* found) {
  size_t bytes = 0;
  for (const std::string& advert : adverts) bytes += advert.size();
  double best = 0;
  for (int run = 0; run < 3; ++run) {
    *found = 0;
    const auto start = std::chrono::steady_clock::now();
    for (const std::string& advert : adverts) *found += extract(advert);
    const std::chrono::duration<double> seconds = std::chrono::steady_clock::now() - start;
    best = std::max(best, static_cast<double>(bytes) / 1e6 / seconds.count());
  }
  return best;
}

void Measure(const char* name, const std::vector<std::string>& text) {
  using harrier::extractors::ExtractEmails;
  using harrier::extractors::ExtractHandles;
  size_t handles = 0;
  size_t emails = 0;
  size_t both = 0;
  const double h = MegabytesPerSecond(
      text, [](const std::string& t) { return ExtractHandles(t).size(); }, &handles);
  const double e = MegabytesPerSecond(
      text, [](const std::string& t) { return ExtractEmails(t).size(); }, &emails);
  const double b = MegabytesPerSecond(
      text, [](const std::string& t) { return ExtractHandles(t).size() + ExtractEmails(t).size(); },
      &both);
  std::printf(
      "%s, %zu adverts: handles %.0f MB/s (%zu found), emails %.0f MB/s (%zu found), "
      "both %.0f MB/s\n",
      name, text.size(), h, handles, e, emails, b);
}

}  // namespace

int main(int argc, char** argv) {
  const size_t megabytes = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 32;
  Measure("prose", MakeAdverts(kProse, megabytes << 20));
  Measure("dense", MakeAdverts(kLines, megabytes << 20));
  return 0;
}
