// Registry records in the review UI: the company page, "N adverts and M
// companies share this postcode" on a postcode search, the companies at an
// advert's and a cluster's postcodes. Invented companies; the TE postcode
// area does not exist; phones from Ofcom's drama range.
#include <nlohmann/json.hpp>

#include "review/ui/app.h"
#include "review/ui/ui_test_fixture.h"
#include "review/ui/xss_corpus.h"

namespace harrier::review::ui::testing {
namespace {

using nlohmann::json;

constexpr char kEvilName[] = "<script>alert(1)</script> LTD";

class RegistryPagesTest : public UiServerTest {
 protected:
  // At TE1 2ST: three adverts (two share a phone: one cluster), the
  // company with the hostile name and a second one, a third that moved
  // away (history, not counted). At TE4 4UU: one advert, one company.
  void SetUp() override {
    UiServerTest::SetUp();
    std::unique_ptr<store::Store> s = OpenStore();
    ASSERT_NE(s, nullptr);
    source_ = s->UpsertSource("registry-test", "site", "DSA-3").value();
    Company(*s, "00000001", kEvilName, "TE1 2ST", 0);
    Company(*s, "00000002", "EXAMPLE CAR WASH LTD", "TE1 2ST", 0);
    Company(*s, "00000003", "FORMER LETTINGS LTD", "TE1 2ST", 0);
    Company(*s, "00000003", "FORMER LETTINGS LTD", "TE9 9ZZ", 1);
    Company(*s, "00000004", "SINGLE NAILS LTD", "TE4 4UU", 0);
    registry::Psc p;
    p.psc_id = "psc-1";
    p.company_number = "00000002";
    p.name = "Mx Robin Example";
    p.address.address_line_1 = "1 Example Road";
    p.address.postal_code = "TE1 2ST";
    ASSERT_TRUE(s->UpsertPsc(p, store::RegistrySource::kApi, kT0).ok());
    at_te1_ = {Advert(*s, "https://target.invalid/r1", "TE1 2ST", "+447700900501"),
               Advert(*s, "https://target.invalid/r2", "TE1 2ST", "+447700900501"),
               Advert(*s, "https://target.invalid/r3", "TE1 2ST", "+447700900502")};
    at_te4_ = Advert(*s, "https://target.invalid/r4", "TE4 4UU", "+447700900503");
    ASSERT_TRUE(s->LinkDocument(at_te1_[0], kT0).ok());
    cluster_id_ = s->LinkDocument(at_te1_[1], kT0).value().cluster_id;
  }

  void Company(store::Store& s, const std::string& number, const std::string& name,
               const std::string& postcode, int64_t later) {
    registry::Company c;
    c.number = number;
    c.name = name;
    c.status = "active";
    c.registered_office.address_line_1 = "1 Example Road";
    c.registered_office.postal_code = postcode;
    ASSERT_TRUE(s.UpsertCompany(c, store::RegistrySource::kApi, kT0 + later).ok());
  }

  int64_t Advert(store::Store& s, const std::string& url, const std::string& postcode,
                 const std::string& phone) {
    const int64_t run = s.StartRun(source_, {url}, kT0).value();
    store::PageCommit page;
    page.item = s.LeaseFrontier(run, 10, kT0).value().at(0);
    page.capture.source_id = source_;
    page.capture.run_id = run;
    page.capture.url = page.capture.final_url = url;
    page.capture.http_status = 200;
    page.capture.fetched_ms = kT0;
    page.capture.body_sha256 = Sha256Hex(url);
    page.now_ms = kT0;
    store::AdvertInput ad;
    ad.url = url;
    ad.title = "Advert at " + postcode;
    ad.body = "come to " + postcode + " call " + phone;
    store::MentionInput pc, ph;
    pc.selector.kind = SelectorKind::kPostcode;
    pc.selector.value = pc.selector.raw = postcode;
    pc.field = "body";
    ph.selector.kind = SelectorKind::kPhone;
    ph.selector.value = ph.selector.raw = phone;
    ph.selector.begin = 20;
    ph.field = "body";
    ad.mentions = {pc, ph};
    page.advert = ad;
    return s.CommitPage(page).value().document_id;
  }

  static bool Has(const std::string& body, const std::string& want) {
    return body.find(want) != std::string::npos;
  }

  int64_t source_ = 0;
  std::vector<int64_t> at_te1_;
  int64_t at_te4_ = 0;
  int64_t cluster_id_ = 0;
};

TEST(ShareSentenceTest, CountsAreExactAndSingularOrPluralAsNeeded) {
  EXPECT_EQ(ShareSentence(3, 2), "3 adverts and 2 companies share this postcode");
  EXPECT_EQ(ShareSentence(1, 1), "1 advert and 1 company share this postcode");
  EXPECT_EQ(ShareSentence(0, 1), "0 adverts and 1 company share this postcode");
  EXPECT_EQ(ShareSentence(2, 0), "2 adverts and 0 companies share this postcode");
}

TEST_F(RegistryPagesTest, PostcodeSearchCountsAdvertsAndCompaniesNowThereWithLinks) {
  Browser b = Justified("analyst1");
  httplib::Result r = Get(b, "/search?kind=postcode&value=te12st");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  EXPECT_TRUE(Has(r->body,
                  "id=\"postcode-sharing-summary\">3 adverts and 2 companies share "
                  "this postcode.<"))
      << r->body;
  for (const int64_t id : at_te1_) {
    EXPECT_TRUE(Has(r->body, "class=\"advert-link\" href=\"/adverts/" + std::to_string(id) + "\""));
  }
  EXPECT_FALSE(Has(r->body, "href=\"/adverts/" + std::to_string(at_te4_) + "\""));
  EXPECT_TRUE(Has(r->body, "href=\"/company/00000001\""));
  EXPECT_TRUE(Has(r->body, "href=\"/company/00000002\""));
  // The company that moved away is history: listed as such, not counted.
  EXPECT_TRUE(Has(r->body,
                  "data-current=\"false\"><a class=\"company-link\" "
                  "href=\"/company/00000003\""));
  EXPECT_TRUE(Has(r->body,
                  "PSC Mx Robin Example of <a class=\"company-link\" "
                  "href=\"/company/00000002\""));
  EXPECT_FALSE(Has(r->body, kEvilName));
  EXPECT_TRUE(Has(r->body, "&lt;script&gt;alert(1)&lt;&#47;script&gt; LTD"));
}

TEST_F(RegistryPagesTest, OneAdvertAndOneCompanyAreSingular) {
  Browser b = Justified("analyst1");
  httplib::Result r = Get(b, "/search?kind=postcode&value=TE4%204UU");
  ASSERT_TRUE(r);
  EXPECT_TRUE(Has(r->body, ">1 advert and 1 company share this postcode.<")) << r->body;
  // Another kind of search has no registry section.
  httplib::Result phone = Get(b, "/search?kind=phone&value=07700%20900503");
  EXPECT_FALSE(Has(phone->body, "postcode-sharing"));
}

TEST_F(RegistryPagesTest, CompanyPageEscapesItsNameAndShowsAdvertsAtItsPostcode) {
  Browser b = Justified("analyst1");
  httplib::Result r = Get(b, "/company/00000001");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  EXPECT_FALSE(Has(r->body, kEvilName));
  EXPECT_FALSE(Has(r->body, "<script>"));
  EXPECT_TRUE(
      Has(r->body, "id=\"company-name\">&lt;script&gt;alert(1)&lt;&#47;script&gt; LTD</h2>"));
  EXPECT_TRUE(Has(r->body, "3 adverts share postcode <a class=\"postcode-link\""));
  for (const int64_t id : at_te1_) {
    EXPECT_TRUE(Has(r->body, "href=\"/adverts/" + std::to_string(id) + "\""));
  }
  EXPECT_TRUE(Has(r->body, "id=\"marking-bottom\">OFFICIAL-SENSITIVE<"));
}

TEST_F(RegistryPagesTest, CompanyPageShowsPeopleAndTheRecordedMove) {
  Browser b = Justified("analyst1");
  httplib::Result moved = Get(b, "/company/3");  // zero-padded as the store keys it
  ASSERT_EQ(moved->status, 200);
  EXPECT_TRUE(Has(moved->body, "class=\"change-row\" data-kind=\"address_change\""));
  httplib::Result owned = Get(b, "/company/00000002");
  EXPECT_TRUE(Has(owned->body, "<tr class=\"psc-row\"><td>Mx Robin Example</td>"));
}

TEST_F(RegistryPagesTest, CompanyPageIsAuditedWithTheJustification) {
  Browser b = Justified("analyst1");
  ASSERT_EQ(Get(b, "/company/00000002")->status, 200);
  const store::AuditRow row = OpenStore()->ListAudit(1).value().at(0);
  EXPECT_EQ(row.actor, "analyst1");
  EXPECT_EQ(row.action, "consultation.company");
  EXPECT_EQ(row.object, "company:00000002");
  const json d = json::parse(row.detail);
  EXPECT_EQ(d.value("operation", ""), "OP-KESTREL");
  EXPECT_EQ(d.value("justification", ""), "alert triage");
}

TEST_F(RegistryPagesTest, CompanyPageNeedsAJustificationAndAReviewerRole) {
  Browser plain = Login("analyst1", kPassword);
  httplib::Result r = Get(plain, "/company/00000001");
  ASSERT_EQ(r->status, 303);
  EXPECT_EQ(r->get_header_value("Location").rfind("/justify?next=", 0), 0u);
  Browser op = Login("operator1", kPassword);
  EXPECT_EQ(Get(op, "/company/00000001")->status, 403);
  EXPECT_EQ(Client()->Get("/company/00000001")->status, 303);  // to /login
  // Nothing was consulted, so no consultation row (logins are audited).
  const std::vector<store::AuditRow> rows = OpenStore()->ListAudit(1000).value();
  for (const store::AuditRow& row : rows) {
    EXPECT_NE(row.action, "consultation.company");
  }
}

TEST_F(RegistryPagesTest, StubKnownOnlyFromAPscSaysSo) {
  registry::Psc p;
  p.psc_id = "psc-9";
  p.company_number = "00000009";  // no profile or bulk row yet
  p.name = "Mx Casey Example";
  ASSERT_TRUE(OpenStore()->UpsertPsc(p, store::RegistrySource::kApi, kT0).ok());
  Browser b = Justified("analyst1");
  httplib::Result r = Get(b, "/company/00000009");
  ASSERT_EQ(r->status, 200);
  EXPECT_TRUE(Has(r->body, "id=\"company-stub\""));
  EXPECT_TRUE(Has(r->body, "id=\"company-name\">(name not yet known)</h2>"));
  EXPECT_TRUE(Has(r->body, "<tr class=\"psc-row\"><td>Mx Casey Example</td>"));
}

TEST_F(RegistryPagesTest, MissingCompanyIs404) {
  Browser b = Justified("analyst1");
  httplib::Result r = Get(b, "/company/SC999999");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 404);
  EXPECT_TRUE(Has(r->body, "No company SC999999 is stored."));
}

TEST_F(RegistryPagesTest, ClusterPageListsCompaniesAtItsAdvertsPostcodes) {
  Browser b = Justified("analyst1");
  httplib::Result r = Get(b, "/clusters/" + std::to_string(cluster_id_));
  ASSERT_EQ(r->status, 200);
  EXPECT_TRUE(Has(r->body, "<h2>Companies at these postcodes</h2><ul id=\"cluster-companies\">"));
  EXPECT_TRUE(Has(r->body, "href=\"/company/00000001\""));
  EXPECT_TRUE(Has(r->body, "href=\"/company/00000002\""));
  EXPECT_FALSE(Has(r->body, "href=\"/company/00000004\""));  // TE4 4UU is not the cluster's
  EXPECT_FALSE(Has(r->body, kEvilName));
}

TEST_F(RegistryPagesTest, AdvertPageShowsTheCompaniesAtItsPostcode) {
  Browser b = Justified("analyst1");
  httplib::Result r = Get(b, "/adverts/" + std::to_string(at_te4_));
  ASSERT_EQ(r->status, 200);
  EXPECT_TRUE(Has(r->body, "id=\"advert-companies\""));
  EXPECT_TRUE(Has(r->body, "href=\"/company/00000004\">00000004</a> SINGLE NAILS LTD"));
  // The seeded advert mentions no postcode: no section.
  httplib::Result other = Get(b, "/adverts/" + std::to_string(advert_id_));
  EXPECT_FALSE(Has(other->body, "advert-companies"));
}

// R11 for registry text: every hostile payload as a company's name, status,
// type, SIC code, previous name, registered office, officer, PSC, nature of
// control and postcode, on every page that shows registry records.
class RegistryXssTest : public UiServerTest {
 protected:
  void SetUp() override {
    UiServerTest::SetUp();
    corpus_ = XssCorpus();
    std::unique_ptr<store::Store> s = OpenStore();
    ASSERT_NE(s, nullptr);
    for (size_t i = 0; i < corpus_.size(); ++i) {
      const std::string& p = corpus_[i];
      std::string number = std::to_string(i + 1);
      number.insert(0, 8 - number.size(), '0');
      registry::Company c;
      c.number = number;
      c.name = p;
      c.status = p;
      c.type = p;
      c.sic_codes = {p};
      c.previous_names = {{p, "", ""}};
      c.registered_office.address_line_1 = p;
      c.registered_office.postal_code = i % 2 == 0 ? "TE1 2ST" : p;
      ASSERT_TRUE(s->UpsertCompany(c, store::RegistrySource::kBulk, kT0).ok()) << p;
      registry::Officer o;
      o.officer_id = "off-" + number;
      o.name = p;
      ASSERT_TRUE(s->UpsertOfficer(o, kT0).ok());
      registry::Appointment a;
      a.officer_id = o.officer_id;
      a.company_number = number;
      a.role = p;
      a.appointed_on = p;
      a.address.address_line_1 = p;
      a.address.postal_code = "TE1 2ST";
      ASSERT_TRUE(s->UpsertAppointment(a, kT0).ok());
      registry::Psc psc;
      psc.psc_id = "psc-" + number;
      psc.company_number = number;
      psc.name = p;
      psc.natures_of_control = {p};
      psc.notified_on = p;
      psc.address.address_line_1 = p;
      psc.address.postal_code = "TE1 2ST";
      ASSERT_TRUE(s->UpsertPsc(psc, store::RegistrySource::kBulk, kT0).ok());
      numbers_.push_back(number);
    }
  }

  // No payload as written, and no markup from one even upper-cased (the
  // store upper-cases addresses and postcodes).
  void ExpectOnlyText(const std::string& body, const std::string& where) {
    for (const std::string& p : corpus_) {
      ASSERT_EQ(body.find(p), std::string::npos) << where << " shows raw: " << p;
    }
    std::string lower = body;
    for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    size_t scripts = 0, with_src = 0;
    for (size_t at = lower.find("<script"); at != std::string::npos;
         at = lower.find("<script", at + 1)) {
      ++scripts;
      with_src += lower.compare(at, 13, "<script src=\"") == 0;
    }
    EXPECT_EQ(scripts, with_src) << where;
    EXPECT_EQ(lower.find("<img"), std::string::npos) << where;
    EXPECT_EQ(lower.find("<svg"), std::string::npos) << where;
    EXPECT_EQ(lower.find("<iframe"), std::string::npos) << where;
  }

  std::vector<std::string> corpus_;
  std::vector<std::string> numbers_;
};

TEST_F(RegistryXssTest, EveryRegistryFieldIsShownAsTextOnly) {
  Browser b = Justified("analyst1");
  for (const std::string& number : numbers_) {
    httplib::Result r = Get(b, "/company/" + number);
    ASSERT_TRUE(r) << number;
    ASSERT_EQ(r->status, 200) << number;
    ExpectOnlyText(r->body, "/company/" + number);
  }
  httplib::Result search = Get(b, "/search?kind=postcode&value=TE1%202ST");
  ASSERT_TRUE(search);
  ASSERT_EQ(search->status, 200);
  EXPECT_NE(search->body.find(ShareSentence(0, (corpus_.size() + 1) / 2)), std::string::npos);
  ExpectOnlyText(search->body, "/search?kind=postcode");
}

}  // namespace
}  // namespace harrier::review::ui::testing
