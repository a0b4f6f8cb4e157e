// Registry views: the adverts at a company's postcodes and the companies at
// a set of postcodes or at a cluster's postcodes (invented companies, the
// TE postcode area does not exist, phones from Ofcom's drama range).
#include <gtest/gtest.h>

#include "store/store_test_util.h"

namespace harrier::store::testing {
namespace {

registry::Company TestCompany(const std::string& number, const std::string& name,
                              const std::string& postcode) {
  registry::Company c;
  c.number = number;
  c.name = name;
  c.status = "Active";
  c.registered_office.address_line_1 = "1 Example Road " + name;
  c.registered_office.locality = "Testbury";
  c.registered_office.postal_code = postcode;
  return c;
}

class StoreRegistryViewsTest : public StoreFixture {
 protected:
  // Commits one advert with these mentions; returns its document id.
  int64_t AddAdvert(const std::string& url, std::vector<MentionInput> mentions) {
    const int64_t run = StartRun({url}, kT0);
    const FrontierItem item = LeaseUrl(run, url);
    return Commit(PageFor(item, kT0, Advert(url, "text of " + url, std::move(mentions))))
        .document_id;
  }
  void Upsert(const registry::Company& c) {
    ASSERT_TRUE(store_->UpsertCompany(c, RegistrySource::kApi, kT0).ok());
  }
};

TEST_F(StoreRegistryViewsTest, CompanyPostcodesListRegisteredOfficeFirstWithPartiesAndAdverts) {
  Upsert(TestCompany("00000001", "EXAMPLE NAILS LTD", "TE1 2ST"));
  registry::Officer o;
  o.officer_id = "off-1";
  o.name = "SAMPLE, Jordan";
  ASSERT_TRUE(store_->UpsertOfficer(o, kT0).ok());
  registry::Appointment a;
  a.officer_id = "off-1";
  a.company_number = "00000001";
  a.role = "director";
  a.appointed_on = "2020-01-01";
  a.address.address_line_1 = "9 Other Street";
  a.address.postal_code = "TE2 3UW";
  ASSERT_TRUE(store_->UpsertAppointment(a, kT0).ok());
  registry::Psc p;
  p.psc_id = "psc-1";
  p.company_number = "00000001";
  p.name = "Mx Jordan Sample";
  p.address.address_line_1 = "1 Example Road";
  p.address.postal_code = "te12st";
  ASSERT_TRUE(store_->UpsertPsc(p, RegistrySource::kApi, kT0).ok());
  const int64_t at_office =
      AddAdvert("https://ads.test/1", {Mention(SelectorKind::kPostcode, "TE1 2ST")});
  const int64_t at_officer =
      AddAdvert("https://ads.test/2", {Mention(SelectorKind::kPostcode, "TE2 3UW")});
  AddAdvert("https://ads.test/3", {Mention(SelectorKind::kPostcode, "TE9 9ZZ")});

  const std::vector<RegistryPostcodeAdverts> v =
      store_->AdvertsAtCompanyPostcodes("1").value();  // padded like GetCompany
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].postcode, "TE1 2ST");
  ASSERT_EQ(v[0].parties.size(), 2u);
  EXPECT_EQ(v[0].parties[0].role, "registered_office");
  EXPECT_EQ(v[0].parties[1].role, "psc");
  EXPECT_EQ(v[0].parties[1].name, "Mx Jordan Sample");
  ASSERT_EQ(v[0].adverts.size(), 1u);
  EXPECT_EQ(v[0].adverts[0].id, at_office);
  EXPECT_EQ(v[1].postcode, "TE2 3UW");
  ASSERT_EQ(v[1].parties.size(), 1u);
  EXPECT_EQ(v[1].parties[0].role, "officer");
  EXPECT_EQ(v[1].parties[0].name, "SAMPLE, Jordan");
  ASSERT_EQ(v[1].adverts.size(), 1u);
  EXPECT_EQ(v[1].adverts[0].id, at_officer);
  EXPECT_TRUE(store_->AdvertsAtCompanyPostcodes("00000404").value().empty());
  // A foreign postcode is no selector: nothing an advert could share.
  Upsert(TestCompany("00000002", "EXAMPLE PARIS SARL", "75001"));
  EXPECT_TRUE(store_->AdvertsAtCompanyPostcodes("00000002").value().empty());
}

TEST_F(StoreRegistryViewsTest, CompaniesAtPostcodesPutThoseStillThereBeforeFormerOnes) {
  Upsert(TestCompany("00000001", "ALPHA TEST LTD", "TE1 2ST"));
  Upsert(TestCompany("00000002", "BETA TEST LTD", "TE1 2ST"));
  Upsert(TestCompany("00000003", "GAMMA TEST LTD", "TE5 5UU"));
  // Alpha moves away: it stays at TE1 2ST as history.
  ASSERT_TRUE(store_
                  ->UpsertCompany(TestCompany("00000001", "ALPHA TEST LTD", "TE9 9ZZ"),
                                  RegistrySource::kApi, kT0 + 1)
                  .ok());
  const std::vector<RegistryCompanyAtPostcode> v =
      store_->CompaniesAtPostcodes({"TE1 2ST", "TE5 5UU"}).value();
  ASSERT_EQ(v.size(), 3u);
  EXPECT_EQ(v[0].number, "00000002");
  EXPECT_TRUE(v[0].current);
  EXPECT_EQ(v[1].number, "00000003");
  EXPECT_EQ(v[1].postcode, "TE5 5UU");
  EXPECT_EQ(v[2].number, "00000001");
  EXPECT_EQ(v[2].postcode, "TE1 2ST");
  EXPECT_FALSE(v[2].current);
  EXPECT_TRUE(store_->CompaniesAtPostcodes({}).value().empty());
  // A value is bound, never SQL: a quote is only an unknown postcode.
  EXPECT_TRUE(store_->CompaniesAtPostcodes({"TE1 2ST') OR 1=1 --"}).value().empty());
}

TEST_F(StoreRegistryViewsTest, ClusterPostcodesFindCompaniesThroughAMergedClusterId) {
  Upsert(TestCompany("00000001", "ALPHA TEST LTD", "TE1 2ST"));
  Upsert(TestCompany("00000002", "BETA TEST LTD", "TE7 7XX"));  // no advert mentions it
  const int64_t a =
      AddAdvert("https://ads.test/a", {Mention(SelectorKind::kPostcode, "TE1 2ST"),
                                       Mention(SelectorKind::kPhone, "+447700900001", "body", 10)});
  const int64_t b =
      AddAdvert("https://ads.test/b", {Mention(SelectorKind::kPhone, "+447700900002")});
  const int64_t cluster_a = store_->LinkDocument(a, kT0).value().cluster_id;
  const int64_t cluster_b = store_->LinkDocument(b, kT0).value().cluster_id;
  ASSERT_NE(cluster_a, cluster_b);
  // A third advert with both phones merges the two clusters.
  const int64_t c =
      AddAdvert("https://ads.test/c", {Mention(SelectorKind::kPhone, "+447700900001"),
                                       Mention(SelectorKind::kPhone, "+447700900002", "body", 20)});
  ASSERT_EQ(store_->LinkDocument(c, kT0).value().cluster_size, 3);
  for (const int64_t id : {cluster_a, cluster_b}) {  // one of them was merged away
    const std::vector<RegistryCompanyAtPostcode> v =
        store_->CompaniesAtClusterPostcodes(id).value();
    ASSERT_EQ(v.size(), 1u) << "cluster " << id;
    EXPECT_EQ(v[0].number, "00000001");
    EXPECT_EQ(v[0].name, "ALPHA TEST LTD");
    EXPECT_EQ(v[0].postcode, "TE1 2ST");
  }
  EXPECT_TRUE(store_->CompaniesAtClusterPostcodes(999).value().empty());
}

TEST(NormalizeCompanyNumberTest, PadsDigitsAndRejectsWhatNoNumberHolds) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"1234567", "01234567"},  {" sc123456 ", "SC123456"},
      {"09876543", "09876543"}, {"SC 123456", "SC123456"},
      {"123456789", ""},        {"12/34", ""},
      {"<script>", ""},         {"", ""}};
  for (const auto& [raw, want] : cases) EXPECT_EQ(NormalizeCompanyNumber(raw), want) << raw;
}

}  // namespace
}  // namespace harrier::store::testing
