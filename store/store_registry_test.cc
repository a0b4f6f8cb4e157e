// Registry entities (schema 6): idempotent upserts, versions and changes,
// stubs from PSCs, and postcodes as selectors shared with adverts.
#include <gtest/gtest.h>

#include "store/store_test_util.h"

namespace harrier::store::testing {
namespace {

registry::Company Harbourlight() {
  registry::Company c;
  c.number = "9876543";  // zero-padded on the way in
  c.name = "HARBOURLIGHT TEST SERVICES LTD";
  c.status = "Active";
  c.type = "Private Limited Company";
  c.date_of_creation = "2016-02-11";
  c.sic_codes = {"62020", "70229"};
  c.previous_names = {{"HARBOURLIGHT TRIAL LTD", "2016-02-11", "2018-07-01"}};
  c.registered_office.address_line_1 = "Unit 4 Example Road";
  c.registered_office.locality = "Testbury";
  c.registered_office.postal_code = "te12st";
  return c;
}

registry::Psc Pemberton() {
  registry::Psc p;
  p.psc_id = "Pq8abc";
  p.company_number = "09876543";
  p.name = "Ms Alexandra Jane Pemberton";
  p.date_of_birth = "1979-03";
  p.natures_of_control = {"ownership-of-shares-75-to-100-percent"};
  p.notified_on = "2016-04-06";
  p.address.address_line_1 = "Example Road";
  p.address.postal_code = "TE1 2ST";
  return p;
}

class StoreRegistryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = OpenOrFail({":memory:"});
    ASSERT_NE(store_, nullptr);
  }
  int64_t Count(const std::string& table) {
    return QueryInt(store_->RawHandleForTesting(), "SELECT COUNT(*) FROM " + table);
  }
  std::unique_ptr<Store> store_;
};

TEST_F(StoreRegistryTest, SameCompanyTwiceChangesNothingButLastSeen) {
  Result<RegistryUpsert> first = store_->UpsertCompany(Harbourlight(), RegistrySource::kBulk, kT0);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_TRUE(first->is_new);
  Result<RegistryUpsert> again =
      store_->UpsertCompany(Harbourlight(), RegistrySource::kBulk, kT0 + 1000);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->id, first->id);
  EXPECT_FALSE(again->is_new);
  EXPECT_FALSE(again->changed);
  EXPECT_EQ(Count("registry_company_version"), 1);
  EXPECT_EQ(Count("registry_change"), 0);
  EXPECT_EQ(Count("registry_address"), 1);
  const std::optional<RegistryCompanyView> v = store_->GetCompany("09876543").value();
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->last_seen_ms, kT0 + 1000);
  EXPECT_EQ(v->first_seen_ms, kT0);
  EXPECT_EQ(v->version, 1);
  EXPECT_EQ(v->sic, (std::vector<std::string>{"62020", "70229"}));
  EXPECT_EQ(v->previous_names, (std::vector<std::string>{"HARBOURLIGHT TRIAL LTD"}));
  EXPECT_EQ(v->registered_office.full, "UNIT 4 EXAMPLE ROAD, TESTBURY, TE1 2ST");
  EXPECT_EQ(v->registered_office.postal_code, "TE1 2ST");
}

TEST_F(StoreRegistryTest, ChangedNameStatusAndAddressMakeAVersionAndThreeChanges) {
  ASSERT_TRUE(store_->UpsertCompany(Harbourlight(), RegistrySource::kBulk, kT0).ok());
  registry::Company c = Harbourlight();
  c.name = "HARBOURLIGHT RENAMED LTD";
  c.status = "Liquidation";
  c.registered_office.postal_code = "TE9 9ZZ";
  Result<RegistryUpsert> u = store_->UpsertCompany(c, RegistrySource::kBulk, kT0 + 5);
  ASSERT_TRUE(u.ok()) << u.status().ToString();
  EXPECT_TRUE(u->changed);
  EXPECT_EQ(u->changes,
            (std::vector<std::string>{"name_change", "status_change", "address_change"}));
  EXPECT_EQ(Count("registry_company_version"), 2);
  const std::vector<RegistryChangeRow> changes = store_->ListCompanyChanges("09876543").value();
  ASSERT_EQ(changes.size(), 3u);
  EXPECT_EQ(changes[0].detail,
            R"({"from":"HARBOURLIGHT TEST SERVICES LTD","to":"HARBOURLIGHT RENAMED LTD"})");
  EXPECT_EQ(store_->GetCompany("09876543").value()->version, 2);
  // Versions are immutable.
  char* err = nullptr;
  EXPECT_NE(sqlite3_exec(store_->RawHandleForTesting(),
                         "UPDATE registry_company_version SET name = 'X'", nullptr, nullptr, &err),
            SQLITE_OK);
  sqlite3_free(err);
}

TEST_F(StoreRegistryTest, PscOfUnknownCompanyMakesAStubThatTheProfileFillsWithoutChanges) {
  Result<RegistryUpsert> p = store_->UpsertPsc(Pemberton(), RegistrySource::kBulk, kT0);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_TRUE(p->is_new);
  EXPECT_TRUE(p->changes.empty());  // the company was not known before
  EXPECT_EQ(store_->GetCompany("09876543").value()->version, 0);
  ASSERT_TRUE(store_->UpsertCompany(Harbourlight(), RegistrySource::kBulk, kT0).ok());
  EXPECT_EQ(Count("registry_change"), 0);
  const RegistryCompanyView v = *store_->GetCompany("09876543").value();
  EXPECT_EQ(v.version, 1);
  ASSERT_EQ(v.pscs.size(), 1u);
  EXPECT_EQ(v.pscs[0].natures, (std::vector<std::string>{"ownership-of-shares-75-to-100-percent"}));
  EXPECT_EQ(store_->UpsertPsc(Pemberton(), RegistrySource::kBulk, kT0 + 1).value().is_new, false);
  EXPECT_EQ(Count("registry_psc"), 1);
}

TEST_F(StoreRegistryTest, NewPscAndCeasingAreRecordedForAKnownCompany) {
  ASSERT_TRUE(store_->UpsertCompany(Harbourlight(), RegistrySource::kApi, kT0).ok());
  // The first listing of a company's PSCs finds none "new"; a later one does.
  EXPECT_TRUE(
      store_->UpsertPsc(Pemberton(), RegistrySource::kApi, kT0 + 1).value().changes.empty());
  registry::Psc second = Pemberton();
  second.psc_id = "Rs4def";
  second.kind = registry::PartyKind::kCorporate;
  second.name = "EXAMPLE HOLDINGS LIMITED";
  EXPECT_EQ(store_->UpsertPsc(second, RegistrySource::kApi, kT0 + 2).value().changes,
            (std::vector<std::string>{"new_psc"}));
  registry::Psc ceased = Pemberton();
  ceased.ceased_on = "2020-01-15";
  EXPECT_EQ(store_->UpsertPsc(ceased, RegistrySource::kApi, kT0 + 2).value().changes,
            (std::vector<std::string>{"psc_ceased"}));
  EXPECT_TRUE(store_->UpsertPsc(ceased, RegistrySource::kApi, kT0 + 3).value().changes.empty());
}

TEST_F(StoreRegistryTest, PscWithoutIdIsKeyedNaturallySoASecondImportFindsIt) {
  registry::Psc p = Pemberton();
  p.psc_id.clear();
  ASSERT_TRUE(store_->UpsertPsc(p, RegistrySource::kBulk, kT0).ok());
  EXPECT_FALSE(store_->UpsertPsc(p, RegistrySource::kBulk, kT0 + 1).value().is_new);
  EXPECT_EQ(Count("registry_psc"), 1);
}

TEST_F(StoreRegistryTest, AppointmentsRecordNewOfficerAndResignation) {
  ASSERT_TRUE(store_->UpsertCompany(Harbourlight(), RegistrySource::kApi, kT0).ok());
  registry::Officer o;
  o.officer_id = "Zk3pQm9X_aB-cD4eF5gH6iJ7kL8";
  o.name = "PEMBERTON, Alexandra Jane";
  o.date_of_birth = "1979-03";
  Result<RegistryUpsert> officer = store_->UpsertOfficer(o, kT0 + 1);
  ASSERT_TRUE(officer.ok()) << officer.status().ToString();
  EXPECT_TRUE(officer->is_new);
  o.date_of_birth.clear();  // a listing without it keeps the known month
  EXPECT_EQ(store_->UpsertOfficer(o, kT0 + 2).value().id, officer->id);
  EXPECT_EQ(QueryText(store_->RawHandleForTesting(), "SELECT date_of_birth FROM registry_officer"),
            "1979-03");
  registry::Appointment a;
  a.officer_id = o.officer_id;
  a.company_number = "09876543";
  a.role = "director";
  a.appointed_on = "2016-02-11";
  a.address.postal_code = "TE1 2ST";
  EXPECT_TRUE(store_->UpsertAppointment(a, kT0 + 3).value().changes.empty());  // first listing
  EXPECT_TRUE(store_->UpsertAppointment(a, kT0 + 4).value().changes.empty());
  registry::Appointment secretary = a;
  secretary.role = "secretary";
  EXPECT_EQ(store_->UpsertAppointment(secretary, kT0 + 4).value().changes,
            (std::vector<std::string>{"new_officer"}));
  a.resigned_on = "2019-05-31";
  EXPECT_EQ(store_->UpsertAppointment(a, kT0 + 5).value().changes,
            (std::vector<std::string>{"resignation"}));
  const RegistryCompanyView v = *store_->GetCompany("09876543").value();
  ASSERT_EQ(v.officers.size(), 2u);
  EXPECT_EQ(v.officers[1].resigned_on, "2019-05-31");  // current ones first
  a.officer_id = "unknown";
  EXPECT_EQ(store_->UpsertAppointment(a, kT0).status().code(), StatusCode::kNotFound);
}

TEST_F(StoreRegistryTest, PostcodeSelectorFindsCompaniesOfficersAndPscsAndAdverts) {
  ASSERT_TRUE(store_->UpsertCompany(Harbourlight(), RegistrySource::kBulk, kT0).ok());
  ASSERT_TRUE(store_->UpsertPsc(Pemberton(), RegistrySource::kBulk, kT0).ok());
  registry::Company other = Harbourlight();
  other.number = "SC123456";
  other.name = "EXAMPLE NAILS LTD";
  other.registered_office.address_line_1 = "2 Sample Street";
  ASSERT_TRUE(store_->UpsertCompany(other, RegistrySource::kBulk, kT0).ok());
  const std::vector<RegistryEntityRef> refs =
      store_->RegistryEntitiesForSelector(SelectorKind::kPostcode, "TE1 2ST").value();
  ASSERT_EQ(refs.size(), 3u);
  EXPECT_EQ(refs[0].entity_kind, "company");
  EXPECT_EQ(refs[0].key, "09876543");
  EXPECT_EQ(refs[1].key, "SC123456");
  EXPECT_EQ(refs[1].role, "registered_office");
  EXPECT_EQ(refs[2].entity_kind, "psc");
  EXPECT_EQ(refs[2].key, "09876543");
  EXPECT_EQ(refs[2].name, "Ms Alexandra Jane Pemberton");
  // The same selector row adverts mention: one postcode, one selector.
  EXPECT_EQ(QueryInt(store_->RawHandleForTesting(),
                     "SELECT COUNT(*) FROM selector WHERE kind = 'postcode'"),
            1);
  EXPECT_TRUE(
      store_->RegistryEntitiesForSelector(SelectorKind::kPostcode, "TE9 9ZZ").value().empty());
}

TEST_F(StoreRegistryTest, BatchUpsertRollsBackWholeOnABadRecord) {
  registry::Company bad;
  EXPECT_EQ(
      store_->UpsertCompanies({Harbourlight(), bad}, RegistrySource::kBulk, kT0).status().code(),
      StatusCode::kInvalidArgument);
  EXPECT_EQ(Count("registry_company"), 0);
}

}  // namespace
}  // namespace harrier::store::testing
