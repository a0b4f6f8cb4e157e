#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "review/export.h"
#include "review/export_test_util.h"

namespace harrier::review {
namespace {

using nlohmann::json;
using testing::SampleGrading;
using testing::SampleGraph;
using testing::SampleMeta;

std::vector<json> Lines(const std::string& jsonl) {
  std::vector<json> out;
  std::istringstream in(jsonl);
  for (std::string line; std::getline(in, line);) out.push_back(json::parse(line));
  return out;
}

TEST(FtmTest, EveryExportPassesTheValidator) {
  Result<std::string> out = WriteFtm(SampleGraph(), SampleGrading(), SampleMeta());
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  Status st = ValidateFtm(*out);
  EXPECT_TRUE(st.ok()) << st.ToString();
}

TEST(FtmTest, SchemataFollowTheReferenceTable) {
  ExportGraph graph = SampleGraph();
  Result<std::string> out = WriteFtm(graph, SampleGrading(), SampleMeta());
  ASSERT_TRUE(out.ok());
  std::multiset<std::string> schemata;
  std::map<std::string, json> by_name;
  for (const json& e : Lines(*out)) {
    schemata.insert(e["schema"].get<std::string>());
    if (e["properties"].contains("name")) by_name[e["properties"]["name"][0]] = e;
  }
  EXPECT_EQ(schemata.count("HyperText"), 2u);
  EXPECT_EQ(schemata.count("Image"), 3u);
  EXPECT_EQ(schemata.count("LegalEntity"), 2u);  // the phone's and the email's advertiser
  EXPECT_EQ(schemata.count("UserAccount"), 1u);
  EXPECT_EQ(schemata.count("CryptoWallet"), 1u);
  EXPECT_EQ(schemata.count("BankAccount"), 2u);
  EXPECT_EQ(schemata.count("Address"), 2u);
  EXPECT_EQ(schemata.count("Similar"), 1u);      // the machine's suggestion
  EXPECT_EQ(schemata.count("UnknownLink"), 1u);  // the analyst-confirmed pair
  EXPECT_EQ(schemata.count("Email"), 0u);        // a message, not an address
  const json& phone = by_name.at("Advertiser using +447700900123");
  EXPECT_EQ(phone["properties"]["phone"], json::array({"+447700900123"}));
  EXPECT_EQ(phone["properties"]["proof"].size(), 2u);  // both adverts show it
  EXPECT_EQ(by_name.at("LS1 4AP")["properties"]["country"], json::array({"gb"}));
  EXPECT_EQ(by_name.at("Leeds, West Yorkshire, GB")["properties"]["country"], json::array({"gb"}));
  EXPECT_EQ(by_name.at("snapchat:jess_99")["properties"]["username"], json::array({"jess_99"}));
}

TEST(FtmTest, EveryLineCarriesTheMarkingAndGradeAsContextKeys) {
  Result<std::string> out = WriteFtm(SampleGraph(), SampleGrading(), SampleMeta());
  ASSERT_TRUE(out.ok());
  for (const json& e : Lines(*out)) {
    EXPECT_EQ(e["marking"], "OFFICIAL-SENSITIVE");
    EXPECT_EQ(e["grading"], "2/B/C (Not to be shared outside OP TEST-7 without the SIO's consent)");
  }
}

TEST(FtmTest, IdsAreStableAcrossExports) {
  Result<std::string> a = WriteFtm(SampleGraph(), SampleGrading(), SampleMeta());
  Grading other = SampleGrading();
  other.handling_code = 'P';
  Result<std::string> b = WriteFtm(SampleGraph(), other, SampleMeta());
  ASSERT_TRUE(a.ok() && b.ok());
  auto la = Lines(*a), lb = Lines(*b);
  ASSERT_EQ(la.size(), lb.size());
  for (size_t i = 0; i < la.size(); ++i) EXPECT_EQ(la[i]["id"], lb[i]["id"]);
}

// ---- the validator rejects each rule broken -------------------------------------

const char kPerson[] =
    R"({"id":"p1","schema":"LegalEntity","properties":{"name":["Advertiser"],"phone":["+447700900123"]}})";

TEST(FtmValidatorTest, AcceptsAMinimalValidEntity) { EXPECT_TRUE(ValidateFtm(kPerson).ok()); }

TEST(FtmValidatorTest, RejectsEachBrokenRule) {
  struct Case {
    const char* why;
    std::string line;
  } cases[] = {
      {"not JSON", "{not json"},
      {"id with underscore", R"({"id":"p_1","schema":"LegalEntity","properties":{"name":["x"]}})"},
      {"id with colon", R"({"id":"a:b","schema":"LegalEntity","properties":{"name":["x"]}})"},
      {"id ending in a dot", R"({"id":"ab.","schema":"LegalEntity","properties":{"name":["x"]}})"},
      {"unknown schema", R"({"id":"p1","schema":"Phone","properties":{"name":["x"]}})"},
      {"email message schema", R"({"id":"p1","schema":"Email","properties":{"name":["x"]}})"},
      {"missing required",
       R"({"id":"p1","schema":"LegalEntity","properties":{"phone":["+447700900123"]}})"},
      {"unknown property",
       R"({"id":"p1","schema":"LegalEntity","properties":{"name":["x"],"colour":["red"]}})"},
      {"value not an array", R"({"id":"p1","schema":"LegalEntity","properties":{"name":"x"}})"},
      {"value not a string", R"({"id":"p1","schema":"LegalEntity","properties":{"name":[5]}})"},
      {"phone not E.164",
       R"({"id":"p1","schema":"LegalEntity","properties":{"name":["x"],"phone":["07700 900123"]}})"},
      {"date not ISO",
       R"({"id":"p1","schema":"LegalEntity","properties":{"name":["x"],"retrievedAt":["22/11/2026"]}})"},
      {"country upper-case",
       R"({"id":"p1","schema":"LegalEntity","properties":{"name":["x"],"country":["GB"]}})"},
      {"country alpha-3",
       R"({"id":"p1","schema":"LegalEntity","properties":{"name":["x"],"country":["gbr"]}})"},
      {"dangling reference",
       R"({"id":"p1","schema":"LegalEntity","properties":{"name":["x"],"proof":["nothere"]}})"},
      {"properties missing", R"({"id":"p1","schema":"LegalEntity"})"},
  };
  for (const Case& c : cases) {
    Status st = ValidateFtm(c.line);
    EXPECT_EQ(st.code(), StatusCode::kInvalidArgument) << c.why;
  }
}

TEST(FtmValidatorTest, ReferencesResolveAcrossLinesInEitherOrder) {
  std::string link =
      R"({"id":"s1","schema":"Similar","properties":{"candidate":["p1"],"match":["p2"]}})";
  std::string p2 = R"({"id":"p2","schema":"LegalEntity","properties":{"name":["y"]}})";
  EXPECT_TRUE(ValidateFtm(link + "\n" + kPerson + "\n" + p2 + "\n").ok());
  EXPECT_FALSE(ValidateFtm(link + "\n" + kPerson + "\n").ok());
}

TEST(FtmValidatorTest, DateAcceptsIsoPrefixes) {
  for (const char* d :
       {"2024", "2024-05", "2024-05-01", "2024-05-01T12:00:00", "2026-11-22T07:35:30Z"}) {
    std::string line =
        std::string(
            R"({"id":"p1","schema":"LegalEntity","properties":{"name":["x"],"modifiedAt":[")") +
        d + "\"]}}";
    EXPECT_TRUE(ValidateFtm(line).ok()) << d;
  }
}

TEST(FtmValidatorTest, NamesTheLineThatBreaksARule) {
  Status st = ValidateFtm(
      std::string(kPerson) + "\n" +
      R"({"id":"p2","schema":"LegalEntity","properties":{"name":["x"],"country":["GB"]}})");
  EXPECT_NE(st.message().find("line 2"), std::string::npos) << st.message();
}

}  // namespace
}  // namespace harrier::review
