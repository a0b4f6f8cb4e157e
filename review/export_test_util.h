// An invented graph for the writers' tests: two adverts on an invented
// site sharing an Ofcom drama-range phone, an email, a handle, a wallet,
// bank details, a postcode and a place; two near-duplicate images (one pair
// machine-suggested, one confirmed). Titles and locations carry hostile text.
#ifndef HARRIER_REVIEW_EXPORT_TEST_UTIL_H_
#define HARRIER_REVIEW_EXPORT_TEST_UTIL_H_

#include <string>
#include <vector>

#include "review/export.h"

namespace harrier::review::testing {

constexpr int64_t kT = 1795332930000;  // 2026-11-22T07:35:30Z

inline Provenance Prov(const std::string& url, int64_t at, const std::string& sha) {
  Provenance p;
  p.source = "demo";
  p.url = url;
  p.capture_ms = at;
  p.body_sha256 = sha;
  p.warc_file = "harrier-20261122-000001.warc.gz";
  p.warc_offset = 1234;
  p.warc_length = 5678;
  p.first_seen_ms = at;
  p.last_seen_ms = at + 86400000;
  return p;
}

inline ExportEntity Selector(EntityType type, const std::string& identity, const std::string& value,
                             const Provenance& p) {
  ExportEntity e;
  e.identity = identity;
  e.type = type;
  e.label = identity;
  e.value = value;
  e.provenance = p;
  return e;
}

inline ExportGraph SampleGraph() {
  ExportGraph g;
  const std::string sha1(64, 'a'), sha2(64, 'b');
  const std::string img1 = "1" + std::string(63, 'c'), img2 = "2" + std::string(63, 'd'),
                    img3 = "3" + std::string(63, 'e');
  Provenance p1 = Prov("http://site.test/advert/1.html", kT, sha1);
  Provenance p2 = Prov("http://site.test/advert/2.html?a=1,b=2", kT + 3600000, sha2);
  ExportEntity a1;
  a1.identity = "ADVERT-0123456789abcdef";
  a1.type = EntityType::kAdvert;
  a1.title = "=HYPERLINK(\"http://evil.test\",\"click\") <script>alert(1)</script>";
  a1.label = a1.title;
  a1.value = p1.url;
  a1.document_id = 1;
  a1.location = "Leeds\r\nHull, \"York\"";
  a1.provenance = p1;
  ExportEntity a2 = a1;
  a2.identity = "ADVERT-fedcba9876543210";
  a2.title = "Zoë in Łódź — new \xF0\x9F\x8C\xB8 <img src=x onerror=alert(2)>\xff";
  a2.label = a2.title;
  a2.value = p2.url;
  a2.document_id = 2;
  a2.location = "@SUM(1+1)";
  a2.provenance = p2;
  g.entities = {a1, a2};
  for (const auto& [id, sha] : {std::pair{"IMAGE-1ccccccccccccccc", img1},
                                {"IMAGE-2ddddddddddddddd", img2},
                                {"IMAGE-3eeeeeeeeeeeeeee", img3}}) {
    ExportEntity im = Selector(EntityType::kImage, id, sha, p1);
    im.provenance.url = "http://site.test/img/" + sha.substr(0, 4) + ".png";
    g.entities.push_back(im);
  }
  g.entities.push_back(Selector(EntityType::kPhone, "+447700900123", "+447700900123", p1));
  g.entities.push_back(Selector(EntityType::kEmail, "anna@example.com", "anna@example.com", p1));
  g.entities.push_back(Selector(EntityType::kHandle, "snapchat:jess_99", "snapchat:jess_99", p2));
  g.entities.push_back(Selector(EntityType::kWallet, "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",
                                "btc:bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", p2));
  g.entities.push_back(
      Selector(EntityType::kBankAccount, "20-00-00 55555555", "20-00-00 55555555", p2));
  g.entities.push_back(
      Selector(EntityType::kIban, "GB33BUKB20201555555555", "GB33BUKB20201555555555", p2));
  g.entities.push_back(Selector(EntityType::kPostcode, "LS1 4AP", "LS1 4AP", p1));
  g.entities.push_back(
      Selector(EntityType::kPlace, "Leeds, West Yorkshire, GB", "Leeds, West Yorkshire, GB", p1));
  auto link = [&](const std::string& a, const std::string& b, LinkType t, LinkStrength s,
                  const Provenance& p) {
    ExportLink l{a,
                 b,
                 t,
                 s,
                 t != LinkType::kNearDuplicate,
                 p.capture_ms,
                 p.url,
                 p.body_sha256,
                 -1,
                 "",
                 p.first_seen_ms,
                 p.last_seen_ms};
    if (t == LinkType::kNearDuplicate) {
      l.distance = 12;
      l.method = "pdq";
      l.source_url.clear();
      l.capture_sha256.clear();
    }
    g.links.push_back(l);
  };
  for (const char* s :
       {"+447700900123", "anna@example.com", "LS1 4AP", "Leeds, West Yorkshire, GB"}) {
    link(a1.identity, s, LinkType::kMentions, LinkStrength::kUnconfirmed, p1);
  }
  for (const char* s :
       {"+447700900123", "snapchat:jess_99", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",
        "20-00-00 55555555", "GB33BUKB20201555555555"}) {
    link(a2.identity, s, LinkType::kMentions, LinkStrength::kUnconfirmed, p2);
  }
  link(a1.identity, "IMAGE-1ccccccccccccccc", LinkType::kShows, LinkStrength::kUnconfirmed, p1);
  link(a2.identity, "IMAGE-2ddddddddddddddd", LinkType::kShows, LinkStrength::kUnconfirmed, p2);
  link("IMAGE-1ccccccccccccccc", "IMAGE-2ddddddddddddddd", LinkType::kNearDuplicate,
       LinkStrength::kTentative, p1);
  link("IMAGE-1ccccccccccccccc", "IMAGE-3eeeeeeeeeeeeeee", LinkType::kNearDuplicate,
       LinkStrength::kConfirmed, p1);
  return g;
}

inline Grading SampleGrading() {
  Grading g;
  g.source_evaluation = '2';
  g.intelligence_assessment = 'B';
  g.handling_code = 'C';
  g.conditions = "Not to be shared outside\nOP TEST-7 without the SIO's consent";
  g.handling_instructions = "Contains invented test data only";
  return g;
}

// RFC 4180 records (CRLF line ends, quoted cells may hold commas and quotes).
inline std::vector<std::vector<std::string>> ParseCsv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1, std::vector<std::string>(1));
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    std::string& cell = rows.back().back();
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        cell += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().emplace_back();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      ++i;
      rows.emplace_back(1);
    } else {
      cell += c;
    }
  }
  if (rows.back().size() == 1 && rows.back()[0].empty()) rows.pop_back();
  return rows;
}

inline ExportMeta SampleMeta() {
  return {"analyst1", "DS Example, <OP TEST-7>", "OP-TEST-7 link review", kT + 7200000};
}

}  // namespace harrier::review::testing

#endif  // HARRIER_REVIEW_EXPORT_TEST_UTIL_H_
