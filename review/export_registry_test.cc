// Registry networks in exports over a real store: what each depth takes in,
// the FollowTheMoney entities the register's facts become, and the
// validator's rules for them.
#include "review/export_registry.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "core/sha256.h"
#include "review/export.h"
#include "review/export_test_util.h"
#include "store/store.h"

namespace harrier::review {
namespace {

using nlohmann::json;
using testing::kT;
using testing::SampleGrading;
using testing::SampleMeta;

registry::Company Company(const std::string& number, const std::string& name,
                          const std::string& postcode) {
  registry::Company c;
  c.number = number;
  c.name = name;
  c.status = "active";
  c.type = "ltd";
  c.date_of_creation = "2016-02-11";
  c.registered_office.address_line_1 = "Unit 4 Example Road";
  c.registered_office.locality = "Testbury";
  c.registered_office.postal_code = postcode;
  return c;
}

class ExportRegistryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::Store::Open({":memory:"});
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(*opened);
    registry::Company a = Company("09876543", "HARBOURLIGHT TEST SERVICES LTD", "TE1 2ST");
    a.date_of_cessation = "";
    Upsert(a);
    Upsert(Company("01234567", "QUAYSIDE TEST NAILS LTD", "TE9 9ZZ"));
    registry::Company c = Company("07654321", "THIRD HOP TEST LTD", "TE5 5TT");
    c.status = "dissolved";
    c.date_of_cessation = "2024-01-31";
    Upsert(c);
    Officer("OffAlex1", "PEMBERTON, Alexandra Jane", registry::PartyKind::kPerson, "1979-03",
            "British");
    Officer("OffBram2", "OKAFOR, Bram Test", registry::PartyKind::kPerson, "1985-11-02",
            "Freedonian");
    Officer("OffNom3", "EXAMPLE NOMINEES LTD", registry::PartyKind::kCorporate, "", "");
    Appoint("OffAlex1", "09876543", "director", "2016-02-11", "");
    Appoint("OffNom3", "09876543", "secretary", "2016-02-11", "2019-05-01");
    Appoint("OffAlex1", "01234567", "director", "2018-03-01", "");
    Appoint("OffBram2", "01234567", "director", "2018-03-01", "");
    Appoint("OffBram2", "07654321", "director", "2020-07-07", "");
    registry::Psc pemberton;
    pemberton.psc_id = "PscAlex";
    pemberton.company_number = "09876543";
    pemberton.name = "Ms Alexandra Jane Pemberton";
    pemberton.date_of_birth = "1979-03";
    pemberton.nationality = "British";
    pemberton.natures_of_control = {"ownership-of-shares-75-to-100-percent",
                                    "voting-rights-75-to-100-percent"};
    pemberton.notified_on = "2016-04-06";
    pemberton.address.address_line_1 = "Example Road";
    pemberton.address.postal_code = "TE1 2ST";
    Psc(pemberton);
    registry::Psc former = pemberton;
    former.psc_id = "PscFormer";
    former.name = "Mr Former Test Owner";
    former.natures_of_control = {"significant-influence-or-control"};
    former.ceased_on = "2017-01-01";
    Psc(former);
    registry::Psc parent;  // company A controls company B
    parent.psc_id = "PscParent";
    parent.company_number = "01234567";
    parent.kind = registry::PartyKind::kCorporate;
    parent.name = "HARBOURLIGHT TEST SERVICES LTD";
    parent.registration_number = "09876543";
    parent.natures_of_control = {"ownership-of-shares-50-to-75-percent"};
    parent.notified_on = "2018-03-01";
    Psc(parent);
    advert_ = Advert("http://site.test/advert/1.html", "TE1 2ST");
    Advert("http://site.test/advert/2.html", "TE8 8XX");  // shares nothing
  }

  void Upsert(const registry::Company& c) {
    ASSERT_TRUE(store_->UpsertCompany(c, store::RegistrySource::kApi, kT).ok());
  }
  void Officer(const std::string& id, const std::string& name, registry::PartyKind kind,
               const std::string& dob, const std::string& nationality) {
    registry::Officer o;
    o.officer_id = id;
    o.name = name;
    o.kind = kind;
    o.date_of_birth = dob;
    o.nationality = nationality;
    ASSERT_TRUE(store_->UpsertOfficer(o, kT).ok());
  }
  void Appoint(const std::string& officer, const std::string& company, const std::string& role,
               const std::string& on, const std::string& resigned) {
    registry::Appointment a;
    a.officer_id = officer;
    a.company_number = company;
    a.role = role;
    a.appointed_on = on;
    a.resigned_on = resigned;
    a.address.address_line_1 = "1 Correspondence Street";
    a.address.postal_code = "TE3 3CC";
    Result<store::RegistryUpsert> u = store_->UpsertAppointment(a, kT);
    ASSERT_TRUE(u.ok()) << u.status().ToString();
  }
  void Psc(const registry::Psc& p) {
    Result<store::RegistryUpsert> u = store_->UpsertPsc(p, store::RegistrySource::kApi, kT);
    ASSERT_TRUE(u.ok()) << u.status().ToString();
  }
  int64_t Advert(const std::string& url, const std::string& postcode) {
    auto source = store_->UpsertSource("demo", "site", "DEMO-0001");
    EXPECT_TRUE(source.ok());
    auto run = store_->StartRun(*source, {url}, kT);
    EXPECT_TRUE(run.ok());
    auto items = store_->LeaseFrontier(*run, 10, kT);
    EXPECT_TRUE(items.ok() && items->size() == 1u);
    store::PageCommit page;
    page.item = items->front();
    page.item.kind = store::FrontierKind::kAdvert;
    page.capture.source_id = *source;
    page.capture.run_id = *run;
    page.capture.url = page.capture.final_url = url;
    page.capture.http_status = 200;
    page.capture.fetched_ms = kT;
    page.capture.body_sha256 = Sha256Hex(url);
    store::AdvertInput ad;
    ad.url = url;
    ad.title = "Nails and massage <script>x</script>";
    ad.body = "Call 07700 900123, " + postcode;
    store::MentionInput m;
    m.selector.kind = SelectorKind::kPostcode;
    m.selector.value = m.selector.raw = postcode;
    m.field = "body";
    ad.mentions = {m};
    page.advert = ad;
    page.now_ms = kT;
    auto committed = store_->CommitPage(page);
    EXPECT_TRUE(committed.ok()) << committed.status().ToString();
    return committed.ok() ? committed->document_id : 0;
  }

  std::set<std::string> Identities(const ExportGraph& g, EntityType type) {
    std::set<std::string> out;
    for (const ExportEntity& e : g.entities) {
      if (e.type == type) out.insert(e.identity);
    }
    return out;
  }

  // The FtM lines of the schema.
  static std::vector<json> Lines(const std::string& ftm, const std::string& schema) {
    std::vector<json> out;
    size_t pos = 0;
    while (pos < ftm.size()) {
      size_t end = ftm.find('\n', pos);
      json line = json::parse(ftm.substr(pos, end - pos));
      if (line["schema"] == schema) out.push_back(line);
      pos = end + 1;
    }
    return out;
  }

  std::unique_ptr<store::Store> store_;
  int64_t advert_ = 0;
};

TEST_F(ExportRegistryTest, DepthOneTakesOfficersPscsAndTheirOtherCompaniesButNotCoDirectors) {
  Result<RegistryNetwork> n = BuildRegistryNetwork(*store_, {"9876543"}, 1);
  ASSERT_TRUE(n.ok()) << n.status().ToString();
  EXPECT_EQ(Identities(n->graph, EntityType::kCompany),
            (std::set<std::string>{"09876543", "01234567"}));
  std::set<std::string> people = Identities(n->graph, EntityType::kPerson);
  EXPECT_TRUE(people.count("OFFICER-OffAlex1"));
  EXPECT_FALSE(people.count("OFFICER-OffBram2"));  // only a director of the depth-1 company
  EXPECT_EQ(people.size(), 3u);                    // Alexandra and the two PSCs
  EXPECT_EQ(Identities(n->graph, EntityType::kCorporate),
            (std::set<std::string>{"OFFICER-OffNom3"}));
  EXPECT_EQ(n->postcodes, (std::vector<std::string>{"TE1 2ST", "TE3 3CC", "TE9 9ZZ"}));
}

TEST_F(ExportRegistryTest, DepthZeroIsTheCompanyAloneAndDepthTwoTheSecondHop) {
  Result<RegistryNetwork> zero = BuildRegistryNetwork(*store_, {"09876543"}, 0);
  ASSERT_TRUE(zero.ok()) << zero.status().ToString();
  EXPECT_EQ(Identities(zero->graph, EntityType::kCompany), (std::set<std::string>{"09876543"}));
  Result<RegistryNetwork> two = BuildRegistryNetwork(*store_, {"09876543"}, 2);
  ASSERT_TRUE(two.ok()) << two.status().ToString();
  EXPECT_EQ(Identities(two->graph, EntityType::kCompany),
            (std::set<std::string>{"09876543", "01234567", "07654321"}));
  EXPECT_TRUE(Identities(two->graph, EntityType::kPerson).count("OFFICER-OffBram2"));
  // The corporate PSC of the second company is the first company itself.
  bool a_owns_b = false;
  for (const ExportLink& l : two->graph.links) {
    a_owns_b |= l.type == LinkType::kOwnership && l.end1 == "09876543" && l.end2 == "01234567";
  }
  EXPECT_TRUE(a_owns_b);
}

TEST_F(ExportRegistryTest, CorporatePscIsAStoredCompanyOnlyWhenTheNameAgrees) {
  registry::Psc foreign;  // another register's number that pads to company A's
  foreign.psc_id = "PscForeign";
  foreign.company_number = "01234567";
  foreign.kind = registry::PartyKind::kCorporate;
  foreign.name = "FOREIGN PARENT TEST SA";
  foreign.registration_number = "9876543";
  foreign.natures_of_control = {"voting-rights-25-to-50-percent"};
  foreign.notified_on = "2019-01-01";
  Psc(foreign);
  Result<RegistryNetwork> n = BuildRegistryNetwork(*store_, {"01234567"}, 1);
  ASSERT_TRUE(n.ok()) << n.status().ToString();
  std::set<std::string> owners;
  for (const ExportLink& l : n->graph.links) {
    if (l.type == LinkType::kOwnership) owners.insert(l.end1);
  }
  ASSERT_EQ(owners.size(), 2u);
  EXPECT_TRUE(owners.count("09876543"));  // "HARBOURLIGHT TEST SERVICES LTD" agrees
  const std::string other = *owners.begin() == "09876543" ? *owners.rbegin() : *owners.begin();
  EXPECT_EQ(other.rfind("PSC-01234567-", 0), 0u) << other;
  bool as_company = false;
  for (const ExportEntity& e : n->graph.entities) {
    if (e.identity == other) {
      as_company = e.type == EntityType::kCorporate && e.registry.registration_number == "9876543";
    }
  }
  EXPECT_TRUE(as_company);
}

TEST_F(ExportRegistryTest, UnknownCompanyIsNotFoundAndNegativeDepthInvalid) {
  EXPECT_EQ(BuildRegistryNetwork(*store_, {"00000001"}, 1).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(BuildRegistryNetwork(*store_, {"09876543"}, -1).status().code(),
            StatusCode::kInvalidArgument);
}

TEST_F(ExportRegistryTest, SelectionTakesTheAdvertsAtTheNetworksPostcodes) {
  ExportSelection sel;
  sel.company_numbers = {"09876543"};
  Result<ExportGraph> g = BuildExportGraph(*store_, sel);
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  std::vector<int64_t> adverts;
  for (const ExportEntity& e : g->entities) {
    if (e.type == EntityType::kAdvert) adverts.push_back(e.document_id);
  }
  EXPECT_EQ(adverts, std::vector<int64_t>{advert_});
  const std::string office = AddressIdentity("UNIT 4 EXAMPLE ROAD, TESTBURY, TE1 2ST");
  bool shared = false;
  for (const ExportLink& l : g->links) {
    shared |= l.type == LinkType::kInPostcode && l.end1 == office && l.end2 == "TE1 2ST";
  }
  EXPECT_TRUE(shared);
}

TEST_F(ExportRegistryTest, FtmCarriesTheRegisterFactsAndValidates) {
  ExportSelection sel;
  sel.company_numbers = {"09876543"};
  Result<ExportGraph> g = BuildExportGraph(*store_, sel);
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  Result<std::string> ftm = WriteFtm(*g, SampleGrading(), SampleMeta());
  ASSERT_TRUE(ftm.ok()) << ftm.status().ToString();
  Status valid = ValidateFtm(*ftm);
  ASSERT_TRUE(valid.ok()) << valid.ToString();

  json company;
  for (const json& c : Lines(*ftm, "Company")) {
    if (c["properties"]["registrationNumber"] == json::array({"09876543"})) company = c;
  }
  ASSERT_TRUE(company.is_object());
  const json& cp = company["properties"];
  EXPECT_EQ(cp["name"], json::array({"HARBOURLIGHT TEST SERVICES LTD"}));
  EXPECT_EQ(cp["jurisdiction"], json::array({"gb"}));
  EXPECT_EQ(cp["status"], json::array({"active"}));
  EXPECT_EQ(cp["incorporationDate"], json::array({"2016-02-11"}));
  EXPECT_EQ(cp["address"], json::array({"UNIT 4 EXAMPLE ROAD, TESTBURY, TE1 2ST"}));
  ASSERT_EQ(cp["addressEntity"].size(), 1u);

  bool alexandra = false, freedonian = false;
  for (const json& p : Lines(*ftm, "Person")) {
    const json& pp = p["properties"];
    if (pp["name"] == json::array({"PEMBERTON, Alexandra Jane"})) {
      alexandra = true;
      EXPECT_EQ(pp["birthDate"], json::array({"1979-03"}));
      EXPECT_EQ(pp["nationality"], json::array({"gb"}));
    }
    freedonian |= pp.dump().find("Freedonian") != std::string::npos;
  }
  EXPECT_TRUE(alexandra);
  EXPECT_FALSE(freedonian);                          // not reached at depth 1
  EXPECT_EQ(Lines(*ftm, "LegalEntity").size(), 1u);  // the corporate secretary

  std::vector<json> directorships = Lines(*ftm, "Directorship");
  EXPECT_EQ(directorships.size(), 3u);  // Alexandra at A and B, the nominee at A
  bool resigned = false;
  for (const json& d : directorships) {
    resigned |= d["properties"].value("endDate", json::array()) == json::array({"2019-05-01"});
  }
  EXPECT_TRUE(resigned);
  std::vector<json> ownerships = Lines(*ftm, "Ownership");
  ASSERT_EQ(ownerships.size(), 2u);
  bool ceased = false, natures = false;
  for (const json& o : ownerships) {
    const json& op = o["properties"];
    ceased |= op.value("endDate", json::array()) == json::array({"2017-01-01"});
    natures |= op["role"] == json::array({"ownership-of-shares-75-to-100-percent",
                                          "voting-rights-75-to-100-percent"});
    EXPECT_EQ(op["asset"], json::array({company["id"]}));
  }
  EXPECT_TRUE(ceased);
  EXPECT_TRUE(natures);
  EXPECT_EQ(Lines(*ftm, "HyperText").size(), 1u);
  // The registered office and the PSC's address are both in the advert's postcode.
  EXPECT_EQ(Lines(*ftm, "UnknownLink").size(), 2u);
}

TEST_F(ExportRegistryTest, FtmIdsAreStableAcrossExports) {
  ExportSelection sel;
  sel.company_numbers = {"09876543"};
  sel.company_depth = 2;
  Result<ExportGraph> first = BuildExportGraph(*store_, sel);
  Result<ExportGraph> second = BuildExportGraph(*store_, sel);
  ASSERT_TRUE(first.ok() && second.ok());
  Result<std::string> a = WriteFtm(*first, SampleGrading(), SampleMeta());
  Result<std::string> b = WriteFtm(*second, SampleGrading(), SampleMeta());
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(*a, *b);
  EXPECT_TRUE(ValidateFtm(*a).ok()) << ValidateFtm(*a).ToString();
}

TEST_F(ExportRegistryTest, EveryWriterTakesTheNetworkAndI2CsvNamesCompaniesAndPeople) {
  ExportSelection sel;
  sel.company_numbers = {"09876543"};
  for (ExportFormat f : {ExportFormat::kI2Csv, ExportFormat::kAnx, ExportFormat::kFtm,
                         ExportFormat::kCsv, ExportFormat::kReportHtml, ExportFormat::kReportPdf}) {
    Result<PreparedExport> p = PrepareExport(*store_, sel, f, SampleGrading(), SampleMeta());
    ASSERT_TRUE(p.ok()) << ExportFormatName(f) << ": " << p.status().ToString();
    EXPECT_EQ(p->audit.action, "disclosure.export");
    json d = json::parse(p->audit.detail);
    EXPECT_EQ(d["selected_companies"], json::array({"09876543"}));
    EXPECT_EQ(d["company_depth"], 1);
    EXPECT_EQ(d["sha256"], Sha256Hex(p->bytes));
    if (f == ExportFormat::kI2Csv) {
      EXPECT_NE(p->bytes.find("Company,09876543,HARBOURLIGHT TEST SERVICES LTD"),
                std::string::npos);
      // The appointment date is the link's date: 2016-02-11.
      EXPECT_NE(
          p->bytes.find("Person,OFFICER-OffAlex1,\"PEMBERTON, Alexandra Jane\",directorship,1,"
                        "0,2016-02-11,00:00:00,Company,09876543"),
          std::string::npos);
    }
  }
}

// ---- the validator's rules for registry schemata -----------------------------

std::string Line(const std::string& id, const std::string& schema, const json& props) {
  return json{{"id", id}, {"schema", schema}, {"properties", props}}.dump() + "\n";
}

TEST(ValidateFtmRegistryTest, RefusesBrokenRegistryEntities) {
  const std::string person = Line("p1", "Person", {{"name", {"Test Person"}}});
  const std::string company = Line("c1", "Company", {{"name", {"TEST LTD"}}});
  const std::string address = Line("a1", "Address", {{"name", {"1 TEST ROAD"}}});
  ASSERT_TRUE(ValidateFtm(person + company + address +
                          Line("d1", "Directorship",
                               {{"director", {"p1"}},
                                {"organization", {"c1"}},
                                {"role", {"director"}},
                                {"startDate", {"2016-02-11"}}}) +
                          Line("o1", "Ownership", {{"owner", {"c1"}}, {"asset", {"c1"}}}))
                  .ok());
  struct Case {
    const char* what;
    std::string line;
  } cases[] = {
      {"director of a person",
       Line("d2", "Directorship", {{"director", {"p1"}}, {"organization", {"p1"}}})},
      {"ownership without an asset", Line("o2", "Ownership", {{"owner", {"p1"}}})},
      {"a person as an asset", Line("o3", "Ownership", {{"owner", {"c1"}}, {"asset", {"p1"}}})},
      {"nationality as a demonym",
       Line("p2", "Person", {{"name", {"X"}}, {"nationality", {"British"}}})},
      {"birth date as the register's text",
       Line("p3", "Person", {{"name", {"X"}}, {"birthDate", {"03/1979"}}})},
      {"addressEntity to a person",
       Line("c2", "Company", {{"name", {"X"}}, {"addressEntity", {"p1"}}})},
      {"jurisdiction in upper case",
       Line("c3", "Company", {{"name", {"X"}}, {"jurisdiction", {"GB"}}})},
      {"unknown Directorship property",
       Line("d3", "Directorship",
            {{"director", {"p1"}}, {"organization", {"c1"}}, {"percentage", {"50"}}})},
  };
  for (const Case& c : cases) {
    Status st = ValidateFtm(person + company + address + c.line);
    EXPECT_EQ(st.code(), StatusCode::kInvalidArgument) << c.what;
  }
}

}  // namespace
}  // namespace harrier::review
