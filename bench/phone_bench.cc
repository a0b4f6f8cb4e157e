// Phone extraction throughput on advert-like text: ~30 varied invented advert
// paragraphs repeated into a 20 MB buffer, extracted whole and one advert per
// call (the daemon's pattern: one Extract per advert, no shared cache).
// Usage: phone_bench [megabytes]
#include <time.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "extractors/phone_deobfuscator.h"
#include "extractors/phone_extractor.h"

namespace {

// Invented adverts: drama-range numbers only, plus decoys and plain prose.
const char* const kAdverts[] = {
    "New in town! Sweet and friendly girl, 23yo, available 24/7. Call 07700 900123 for more "
    "info. Rates: 30min \xC2\xA3"
    "80, 1hr \xC2\xA3"
    "150. Outcalls only in Leeds city centre.",
    "Hi gentlemen, I am Anna from Romania, new here. Text me on WhatsApp +44 7700 900456, no "
    "withheld numbers please. 5ft 7, size 8, 34-24-36. Open seven days a week.",
    "Beautiful massage studio near the station. Open 10:00-22:00 every day. Booking by phone "
    "only: 0113 496 0123. Parking available at the back. Ask for Lily or Maya.",
    "Call me - oh seven seven oh oh nine oh oh one two three - text first. Discreet and clean "
    "apartment, shower available. Age 25, genuine photos.",
    "Sexy and elegant companion visiting Manchester this week only, 12/03/2026 to 15/03/2026. "
    "Contact 0161 496 0999 between 10.30am and 11pm. No texts after midnight.",
    "Prices: 1 hour 120, 2hrs 220, overnight on request. 07700-900-789. I speak English, "
    "Romanian and a little Italian. Come and relax with me.",
    "Lovely lady, mature and experienced, 38 years, incall in Birmingham B5 area. Ring "
    "(0121) 496 0456 anytime. Strictly no explicit chat by text please.",
    "Busty blonde new to the area! Available now. Contact me: 0 7 7 0 0 9 0 0 3 2 1. Just "
    "arrived this week so come and say hello before I move on.",
    "Thai massage, relaxing oils, professional therapists. Call 020 7946 0321 to book. "
    "Special offer: 60 minutes for 50 pounds Monday to Friday.",
    "Hello my darlings, I'm Sofia, 22, petite and fun. Find me on tel:07700900654 or snap "
    "sofia_fun. Height 160cm, weight 50kg. Sorry no couples.",
    "The best experience in town, genuine reviews. Our team of three friendly ladies is "
    "waiting for you. Contact our receptionist for availability and prices.",
    "Independent escort, educated and well travelled. Dinner dates and overnights. Email for "
    "bookings, deposits required for first meetings. Ref 2026/0412 for returning clients.",
    "Call 07700 900 111 or 07700 900 222, two girls available together. Car parking free, "
    "discreet entrance at the back of the building.",
    "Mixed race beauty, curvy, size 12, 36DD. Available for incalls from 9am till late. "
    "0044 7700 900333. Please call, no private numbers.",
    "Hot new girl from Poland, speaking English. Available 24 hours, call now 07700 900 444 "
    "or 07700 900 445 if busy. Open minded and fun loving.",
    "Glasgow city centre, clean private flat. Phone 0141 496 0777. Rates from 70 for 20 "
    "minutes. Cash only, no card payments, thank you.",
    "Quiet, shy student type looking to meet generous gentlemen. Please only contact by "
    "email first, I don't answer withheld or unknown numbers.",
    "Best price in the city 100 per hour. Contact +447700900555 on WhatsApp. New photos "
    "uploaded on 2026-03-12. Ask about my special services.",
    "Mature and sensual, 45 years of experience in relaxation massage. Edinburgh EH1 area. "
    "Call 0131 496 0888. Happy to travel within 10 miles.",
    "Visiting Cardiff from Monday 10th to Friday 14th. Booking essential, call 029 2018 "
    "0999 or text 07700 900666. Deposit of 20 for new clients.",
    "A sweet girl with a beautiful smile waiting for you. My phone: 07700 900 777. Available "
    "from 12 noon until 2am every day of the week.",
    "Stunning model, 24 years, 5ft 9, slim, long dark hair. Dinner dates and travel "
    "companion. Serious enquiries only on 07700 900888. London and surrounding areas.",
    "Genuine girl, no fakes, no time wasters. If I don't answer leave a message and I will "
    "call you back. Number in my profile. Open seven days.",
    "Sheffield based, incalls and outcalls. 0114 496 0101. Parking nearby. Prices 30 mins "
    "60, 45 mins 80, 1 hour 100. Thank you for reading.",
    "European beauty, just arrived in Liverpool, here for a few days only. Text 07700 900999 "
    "with your name and time. No calls before 11am please.",
    "Come and have a great time with the best company in Nottingham. Call us on 0115 496 "
    "0202. Opening hours Monday to Sunday 10am to 10pm.",
    "Relaxing full body massage by qualified therapist. Towels and shower provided. Book "
    "online or call 07700 900 135. Gift vouchers available.",
    "Lola, 21, naughty and nice, new pics every week. WhatsApp only: +44 7700 900246. Bristol "
    "BS1. Age verification required, over 18s only obviously.",
    "Ebony queen, tall and elegant, 6ft, size 10. Available in Leicester on 0116 496 0303. "
    "Sorry, no overnights and no travel at the moment.",
    "Asian lady, very friendly, speaks good English. Call 07700 900 357 anytime. Best "
    "service guaranteed, you will want to come back again and again.",
};

// CPU time of this thread: the machine is shared, so wall time would count
// other people's work.
double CpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

// Extracts each text in turn; prints and returns MB/s of CPU time.
double Run(const harrier::extractors::PhoneExtractor& extractor,
           const std::vector<std::string>& texts, const char* label) {
  size_t bytes = 0, found = 0;
  const double start = CpuSeconds();
  for (const std::string& t : texts) {
    found += extractor.Extract(t).size();
    bytes += t.size();
  }
  const double mb_per_s = bytes / 1e6 / (CpuSeconds() - start);
  std::printf("%-28s %7zu texts, %5.1f MB, %7zu phones, %6.1f MB/s (CPU time)\n", label,
              texts.size(), bytes / 1e6, found, mb_per_s);
  return mb_per_s;
}

}  // namespace

// One generator alone over each text: MB/s of CPU time and candidates.
void RunGenerator(const harrier::extractors::PhoneCandidateGenerator& generator,
                  const std::vector<std::string>& texts, const char* label) {
  size_t bytes = 0, proposed = 0;
  std::vector<harrier::extractors::PhoneCandidate> out;
  const double start = CpuSeconds();
  for (const std::string& t : texts) {
    out.clear();
    generator.Generate(t, &out);
    proposed += out.size();
    bytes += t.size();
  }
  std::printf("%-28s %7zu texts, %5.1f MB, %7zu candidates, %6.1f MB/s (CPU time)\n", label,
              texts.size(), bytes / 1e6, proposed, bytes / 1e6 / (CpuSeconds() - start));
}

// Texts from a file, separated by the byte 0x1E, joined with blank lines
// into documents of about 1.5 kB (as extract_throughput builds them from
// the labelled set) and cycled to `megabytes`.
std::vector<std::string> DocumentsFromFile(const char* path, size_t megabytes) {
  std::vector<std::string> texts(1), documents(1);
  if (FILE* f = std::fopen(path, "rb")) {
    for (int c = std::fgetc(f); c != EOF; c = std::fgetc(f)) {
      if (c == 0x1E) {
        texts.emplace_back();
      } else {
        texts.back() += static_cast<char>(c);
      }
    }
    std::fclose(f);
  }
  for (size_t i = 0, total = 0; total < megabytes << 20 && texts.size() > 1; ++i) {
    const std::string& t = texts[i % texts.size()];
    if (documents.back().size() > 1500) documents.emplace_back();
    documents.back() += t + "\n\n";
    total += t.size() + 2;
  }
  return documents;
}

// Usage: phone_bench [megabytes] [adverts|pages|whole|FILE]
// FILE: texts separated by 0x1E, e.g. the labelled set's text fields.
int main(int argc, char** argv) {
  const size_t megabytes = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 20;
  const std::string mode = argc > 2 ? argv[2] : "";
  if (!mode.empty() && mode != "adverts" && mode != "pages" && mode != "whole") {
    const harrier::extractors::PhoneExtractor extractor("GB", true);
    const std::vector<std::string> documents = DocumentsFromFile(argv[2], megabytes);
    Run(extractor, documents, "file, ~1.5 kB documents");
    RunGenerator(*harrier::extractors::NewDigitGroupGenerator(), documents, "  digit groups only");
    RunGenerator(*harrier::extractors::NewDeobfuscationGenerator(), documents,
                 "  de-obfuscation only");
    return 0;
  }
  const size_t kinds = sizeof(kAdverts) / sizeof(kAdverts[0]);
  std::vector<std::string> adverts, pages(1), whole(1);
  for (size_t i = 0, total = 0; total < megabytes << 20; ++i) {
    adverts.emplace_back(kAdverts[i % kinds]);
    total += adverts.back().size() + 1;
    // A page: eight adverts' text, about 1.2 kB, as a listing page reads.
    if (pages.back().size() > 1200) pages.emplace_back();
    pages.back() += adverts.back() + "\n";
    whole.back() += adverts.back() + "\n";
  }
  const harrier::extractors::PhoneExtractor extractor("GB", true);
  if (mode.empty() || mode == "adverts") Run(extractor, adverts, "one advert (~145 B) per call");
  if (mode.empty() || mode == "pages") Run(extractor, pages, "one page (~1.2 kB) per call");
  // Not by default: one call stops at PhoneExtractor::kMaxCandidates, so a
  // 20 MB text finds only its first numbers.
  if (mode == "whole") Run(extractor, whole, "whole buffer in one call");
  return 0;
}
