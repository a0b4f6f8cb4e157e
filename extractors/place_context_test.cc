// The place extractor's context rules: town names used as adjectives and
// brands, lower-case names, lists that confirm a common-word town, short
// and informal names, and names in other languages and scripts. A small
// invented gazetteer holds the towns these rules need.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "extractors/place_extractor.h"

namespace harrier::extractors {
namespace {

Place P(std::string name, std::string admin2, double lat, double lon,
        std::string admin1 = "England") {
  Place p;
  p.id = "test/" + name + "/" + admin2;
  p.name = std::move(name);
  p.admin2 = std::move(admin2);
  p.admin1 = std::move(admin1);
  p.country = "GB";
  p.lat = lat;
  p.lon = lon;
  return p;
}

std::shared_ptr<const Gazetteer> Towns() {
  static const auto* g =
      new std::shared_ptr<const Gazetteer>(std::make_shared<Gazetteer>(std::vector<Place>{
          P("Leeds", "City and Borough of Leeds", 53.79648, -1.54785),
          P("Bristol", "City of Bristol", 51.45523, -2.59665),
          P("Manchester", "Manchester", 53.48095, -2.23743),
          P("London", "Greater London", 51.50853, -0.12574),
          P("Birmingham", "City and Borough of Birmingham", 52.48142, -1.89983),
          P("Edinburgh", "City of Edinburgh", 55.95206, -3.19648, "Scotland"),
          P("Cardiff", "Cardiff", 51.48, -3.18, "Wales"),
          P("Liverpool", "Liverpool", 53.41058, -2.97794),
          P("Leicester", "City of Leicester", 52.6386, -1.13169),
          P("Chelsea", "Greater London", 51.48755, -0.16936),
          P("Oxford", "Oxfordshire", 51.75222, -1.25596),
          P("Derby", "Derby", 52.92277, -1.47663),
          P("Bath", "Bath and North East Somerset", 51.3751, -2.36172),
          P("Cheddar", "Somerset", 51.27, -2.77),
          P("Worcester", "Worcestershire", 52.18935, -2.22001),
          P("Bakewell", "Derbyshire", 53.21, -1.68),
          P("Eccles", "City and Borough of Salford", 53.48, -2.33),
          P("Melton Mowbray", "Leicestershire", 52.76, -0.89),
          P("Wellington", "Telford and Wrekin", 52.7, -2.52),
          P("Belfast", "City of Belfast", 54.59682, -5.92541, "Northern Ireland"),
          P("Wolverhampton", "Wolverhampton", 52.58547, -2.12296),
          P("Newcastle upon Tyne", "Newcastle upon Tyne", 54.97328, -1.61396),
          P("Newcastle under Lyme", "Staffordshire", 53.0, -2.23),
          P("Newcastle", "Newry Mourne and Down", 54.22, -5.89, "Northern Ireland"),
          P("Kingston upon Hull", "City of Kingston upon Hull", 53.7446, -0.33525),
          P("Stoke-on-Trent", "Stoke-on-Trent", 53.00415, -2.18538),
          P("Bishops Stortford", "Hertfordshire", 51.87, 0.16),
          P("King's Lynn", "Norfolk", 52.75, 0.4),
          P("St Helens", "St. Helens", 53.45, -2.73),
          P("St. Helens", "Isle of Wight", 50.7, -1.11),
          P("Coventry", "Coventry", 52.40656, -1.51217),
          P("Rugby", "Warwickshire", 52.37, -1.26),
          P("Sale", "Trafford", 53.42, -2.32),
          P("Chester", "Cheshire West and Chester", 53.19, -2.89),
          P("Reading", "Reading", 51.45625, -0.97113),
          P("Poole", "Bournemouth, Christchurch and Poole Council", 50.72, -1.98),
          P("Slough", "Slough", 51.51, -0.59),
          P("March", "Cambridgeshire", 52.55, 0.09),
          P("Street", "Somerset", 51.12, -2.74),
          P("Hope", "Derbyshire", 53.35, -1.74),
      }));
  return *g;
}

struct Case {
  std::string text;
  std::vector<std::string> expected;  // values, in order
};

void ExpectCases(const std::vector<Case>& cases) {
  const PlaceExtractor extractor(Towns());
  for (const Case& c : cases) {
    std::vector<std::string> got;
    for (const Selector& s : extractor.Extract(c.text)) got.push_back(s.value);
    EXPECT_EQ(got, c.expected) << c.text;
  }
}

constexpr const char* kLeeds = "Leeds, City and Borough of Leeds, GB";
constexpr const char* kBristol = "Bristol, City of Bristol, GB";
constexpr const char* kManchester = "Manchester, Manchester, GB";
constexpr const char* kLondon = "London, Greater London, GB";
constexpr const char* kBirmingham = "Birmingham, City and Borough of Birmingham, GB";
constexpr const char* kEdinburgh = "Edinburgh, City of Edinburgh, GB";
constexpr const char* kBelfast = "Belfast, City of Belfast, GB";
constexpr const char* kWolverhampton = "Wolverhampton, Wolverhampton, GB";
constexpr const char* kNewcastle = "Newcastle upon Tyne, Newcastle upon Tyne, GB";
constexpr const char* kCoventry = "Coventry, Coventry, GB";
constexpr const char* kRugby = "Rugby, Warwickshire, GB";
constexpr const char* kSale = "Sale, Trafford, GB";

TEST(PlaceContextTest, TownNamesUsedAsAdjectivesOrBrandsAreNotPlaces) {
  ExpectCases({
      {"new Chelsea boots and Oxford shoes", {}},
      {"white Oxford shirt, Derby hat, Derby shoes", {}},
      {"Manchester United away kit", {}},
      {"Yorkshire pudding, Bath towel, Cheddar cheese", {}},
      {"a Newcastle Brown and Worcester sauce", {}},
      {"Cornish pasty, Bakewell tart, Eccles cake, Melton Mowbray pie", {}},
      {"Wellington boots for the rain", {}},
      {"CHELSEA BOOTS, Chelsea Boots", {}},
      {"Leicester City FC and Manchester City fans", {}},
      {"Liverpool fans welcome", {}},
      {"a Belfast sink", {}},
      {"Manchester United's shop", {}},
  });
}

TEST(PlaceContextTest, TownNamesBeforeOrdinaryWordsStayPlaces) {
  ExpectCases({
      {"Leeds city centre", {kLeeds}},
      {"Bristol area", {kBristol}},
      {"Leeds station", {kLeeds}},
      {"Leeds tonight", {kLeeds}},
      {"Leeds incall, Leeds outcalls", {kLeeds, kLeeds}},
      {"Leeds escort, Leeds escorts", {kLeeds, kLeeds}},
      {"Manchester City", {kManchester}},  // the team, and how some name the city
      {"Manchester City centre", {kManchester}},
      {"in Chelsea tonight", {"Chelsea, Greater London, GB"}},
      {"Oxford, Derby and Wellington",
       {"Oxford, Oxfordshire, GB", "Derby, Derby, GB", "Wellington, Telford and Wrekin, GB"}},
  });
}

TEST(PlaceContextTest, LowerCaseNamesCountWithACue) {
  ExpectCases({
      {"hello from belfast x", {kBelfast}},
      {"wv1 1ly wolverhampton", {kWolverhampton}},
      {"NE14ST newcastle quayside", {kNewcastle}},
      {"outcalls\nwolverhampton\nlovely", {kWolverhampton}},
      {"in coventry", {kCoventry}},
      {"in leeds", {kLeeds}},
      {"based in london", {kLondon}},
  });
}

TEST(PlaceContextTest, LowerCaseNamesWithoutACueOrThatAreWordsNeverCount) {
  ExpectCases({
      {"i had a poole party", {}},
      {"belfast sink in the kitchen", {}},
      {"in chester, in reading, in bath, in march, in sale", {}},
      {"from oxford to slough", {}},  // lower-case words too: never
      {"chester\nreading\nbath\nmarch\nsale", {}},
      {"bath LS1 1AA", {}},
      {"near hull, in york", {}},  // fewer than five letters
      {"in leedsbury", {}},
      {"in manchester united shirt", {}},
  });
}

TEST(PlaceContextTest, ACommonWordTownIsConfirmedByAPlaceListedWithIt) {
  ExpectCases({
      {"Sale, near Manchester", {kSale, kManchester}},
      {"Sale nr Manchester", {kSale, kManchester}},
      {"Rugby & Coventry outcalls", {kRugby, kCoventry}},
      {"Rugby and Coventry", {kRugby, kCoventry}},
      {"Rugby/Coventry", {kRugby, kCoventry}},
      {"Rugby, Coventry", {kRugby, kCoventry}},
      {"Rugby & Sale", {}},                              // both need a cue
      {"Sale & Rugby & Coventry", {kRugby, kCoventry}},  // only the town right before
      {"Rugby and football", {}},
      {"Reading and writing", {}},
      {"12 Example Street, Birmingham", {kBirmingham}},  // a street, not the town
      {"Hope Street & Coventry", {kCoventry}},
  });
}

TEST(PlaceContextTest, ShortAndInformalNamesGiveTheCanonicalName) {
  ExpectCases({
      {"Newcastle", {kNewcastle}},
      {"Newcastle-under-Lyme", {"Newcastle under Lyme, Staffordshire, GB"}},
      {"Newcastle, Staffordshire", {"Newcastle under Lyme, Staffordshire, GB"}},
      {"Newcastle ST5 1AA", {"Newcastle under Lyme, Staffordshire, GB"}},
      {"Hull and Stoke-on-Trent",
       {"Kingston upon Hull, City of Kingston upon Hull, GB",
        "Stoke-on-Trent, Stoke-on-Trent, GB"}},
      {"Bishop's Stortford, Bishops Stortford",
       {"Bishops Stortford, Hertfordshire, GB", "Bishops Stortford, Hertfordshire, GB"}},
      {"Kings Lynn", {"King's Lynn, Norfolk, GB"}},
      {"St Helens", {"St Helens, St. Helens, GB"}},
      {"Brum", {}},
  });
  const PlaceExtractor extractor(Towns());
  const auto newcastle = extractor.Extract("Newcastle");
  ASSERT_EQ(newcastle.size(), 1u);
  EXPECT_GE(newcastle[0].confidence, 0.7);
  EXPECT_NE(newcastle[0].detail.find("usually means"), std::string::npos);
}

TEST(PlaceContextTest, ForeignNamesOfTheLargestCities) {
  ExpectCases({
      {"Девушка в Лондоне, звоните", {kLondon}},
      {"Лондон", {kLondon}},
      {"Манчестер и Бирмингем", {kManchester, kBirmingham}},
      {"Καλησπέρα από το Λονδίνο", {kLondon}},
      {"我在伦敦", {kLondon}},
      {"倫敦和曼彻斯特", {kLondon, kManchester}},
      {"Fată nouă în Londra", {kLondon}},
      {"Nowa w Londynie i Edynburgu", {kLondon, kEdinburgh}},
      {"hello from londra", {kLondon}},
      {"Лондондерри", {}},  // another word
      {"Мадрид, Париж", {}},
  });
  const PlaceExtractor extractor(Towns());
  const auto london = extractor.Extract("в Лондоне");
  ASSERT_EQ(london.size(), 1u);
  EXPECT_EQ(london[0].raw, "Лондоне");
  EXPECT_EQ(london[0].begin, 3u);
  EXPECT_NE(london[0].detail.find("exonym"), std::string::npos);
  const auto chinese = extractor.Extract("我在伦敦");
  ASSERT_EQ(chinese.size(), 1u);
  EXPECT_EQ(chinese[0].raw, "伦敦");
  EXPECT_EQ(chinese[0].begin, 6u);
}

TEST(PlaceContextTest, HostileLowerCaseAndForeignTextIsBounded) {
  const PlaceExtractor extractor(Towns());
  const auto start = std::chrono::steady_clock::now();
  std::string lower;
  while (lower.size() < (1u << 20)) lower += "wolverhampton ";
  EXPECT_TRUE(extractor.Extract(lower).empty());  // no cue on a 1 MB line
  std::string postcodes;
  while (postcodes.size() < (1u << 20)) postcodes += "wv1 1ly belfast ";
  EXPECT_LE(extractor.Extract(postcodes).size(), 10000u);
  std::string cjk;
  while (cjk.size() < (1u << 20)) cjk += "伦敦倫";
  EXPECT_LE(extractor.Extract(cjk).size(), 10000u);
  std::string cyrillic;
  while (cyrillic.size() < (1u << 20)) cyrillic += "Лондон\xD0";
  extractor.Extract(cyrillic);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
}

}  // namespace
}  // namespace harrier::extractors
