// Registry network reads: an officer's every appointment and a party's
// details, by row id, for exports that walk a company's network.
#include <gtest/gtest.h>

#include "store/store_test_util.h"

namespace harrier::store::testing {
namespace {

class StoreRegistryNetworkTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = OpenOrFail({":memory:"});
    ASSERT_NE(store_, nullptr);
    registry::Officer o;
    o.officer_id = "OffAlex1";
    o.name = "PEMBERTON, Alexandra Jane";
    o.date_of_birth = "1979-03";
    o.nationality = "British";
    o.country_of_residence = "England";
    ASSERT_TRUE(store_->UpsertOfficer(o, kT0).ok());
    Appoint("01234567", "director", "2018-03-01", "TE9 9ZZ");
    Appoint("09876543", "director", "2016-02-11", "TE1 2ST");
  }
  void Appoint(const std::string& company, const std::string& role, const std::string& on,
               const std::string& postcode) {
    registry::Appointment a;
    a.officer_id = "OffAlex1";
    a.company_number = company;
    a.company_name = "TEST COMPANY " + company;
    a.role = role;
    a.appointed_on = on;
    a.address.address_line_1 = "1 Example Road";
    a.address.postal_code = postcode;
    ASSERT_TRUE(store_->UpsertAppointment(a, kT0).ok());
  }
  std::unique_ptr<Store> store_;
};

TEST_F(StoreRegistryNetworkTest, OfficerComesWithEveryAppointmentOldestFirst) {
  auto company = store_->GetCompany("09876543");
  ASSERT_TRUE(company.ok() && company->has_value());
  ASSERT_EQ((*company)->officers.size(), 1u);
  auto officer = store_->GetRegistryOfficer((*company)->officers[0].officer_row);
  ASSERT_TRUE(officer.ok()) << officer.status().ToString();
  ASSERT_TRUE(officer->has_value());
  const RegistryPartyDetail& d = **officer;
  EXPECT_EQ(d.date_of_birth, "1979-03");
  EXPECT_EQ(d.nationality, "British");
  ASSERT_EQ(d.appointments.size(), 2u);
  EXPECT_EQ(d.appointments[0].company_number, "09876543");
  EXPECT_EQ(d.appointments[0].appointed_on, "2016-02-11");
  EXPECT_EQ(d.appointments[0].address.postal_code, "TE1 2ST");
  EXPECT_EQ(d.appointments[1].company_number, "01234567");
  EXPECT_EQ(d.appointments[1].role, "director");
}

TEST_F(StoreRegistryNetworkTest, PscDetailCarriesItsRegistrationNumber) {
  registry::Psc p;
  p.psc_id = "PscParent";
  p.company_number = "01234567";
  p.kind = registry::PartyKind::kCorporate;
  p.name = "TEST COMPANY 09876543";
  p.registration_number = "09876543";
  p.notified_on = "2018-03-01";
  ASSERT_TRUE(store_->UpsertPsc(p, RegistrySource::kApi, kT0).ok());
  auto company = store_->GetCompany("01234567");
  ASSERT_TRUE(company.ok() && company->has_value());
  ASSERT_EQ((*company)->pscs.size(), 1u);
  auto psc = store_->GetRegistryPsc((*company)->pscs[0].id);
  ASSERT_TRUE(psc.ok() && psc->has_value());
  EXPECT_EQ((*psc)->registration_number, "09876543");
  EXPECT_TRUE((*psc)->appointments.empty());
}

TEST_F(StoreRegistryNetworkTest, UnknownRowsAreNullopt) {
  auto officer = store_->GetRegistryOfficer(9999);
  ASSERT_TRUE(officer.ok());
  EXPECT_FALSE(officer->has_value());
  auto psc = store_->GetRegistryPsc(9999);
  ASSERT_TRUE(psc.ok());
  EXPECT_FALSE(psc->has_value());
}

}  // namespace
}  // namespace harrier::store::testing
