// DiffCompany / DiffAppointments / DiffPscs: what a refresh reports.
#include "registry/registry_diff.h"

#include <gtest/gtest.h>

namespace harrier::registry {
namespace {

Company Base() {
  Company c;
  c.number = "09876543";
  c.name = "HARBOURLIGHT TEST SERVICES LTD";
  c.status = "active";
  c.sic_codes = {"62020"};
  c.registered_office.address_line_1 = "Example Road";
  c.registered_office.postal_code = "TE1 2ST";
  c.etag = "a";
  return c;
}

Appointment Appt(const std::string& id, const std::string& officer, const std::string& resigned,
                 const std::string& postcode) {
  Appointment a;
  a.appointment_id = id;
  a.officer_id = officer;
  a.company_number = "09876543";
  a.role = "director";
  a.resigned_on = resigned;
  a.address.postal_code = postcode;
  return a;
}

TEST(RegistryDiffTest, IdenticalCompaniesHaveNoChangesEvenWithANewEtag) {
  Company after = Base();
  after.etag = "b";
  EXPECT_TRUE(DiffCompany(Base(), after).empty());
}

TEST(RegistryDiffTest, CompanyFieldsAndRegisteredOfficeAreReported) {
  Company after = Base();
  after.status = "liquidation";
  after.registered_office.postal_code = "TE9 9XX";
  std::vector<RegistryChange> changes = DiffCompany(Base(), after);
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].kind, ChangeKind::kFieldChanged);
  EXPECT_EQ(changes[0].field, "status");
  EXPECT_EQ(changes[0].before, "active");
  EXPECT_EQ(changes[0].after, "liquidation");
  EXPECT_EQ(changes[1].kind, ChangeKind::kAddressChanged);
  EXPECT_EQ(changes[1].before, "Example Road, TE1 2ST");
  EXPECT_EQ(changes[1].after, "Example Road, TE9 9XX");
}

TEST(RegistryDiffTest, NewOfficerResignationAddressChangeAndRemoval) {
  std::vector<Appointment> before = {Appt("A1", "O1", "", "TE1 2ST"),
                                     Appt("A2", "O2", "", "TE1 2ST"),
                                     Appt("A3", "O3", "", "TE1 2ST")};
  std::vector<Appointment> after = {Appt("A1", "O1", "2026-03-01", "TE1 2ST"),
                                    Appt("A2", "O2", "", "TE9 9XX"),
                                    Appt("A4", "O4", "", "TE1 2ST")};
  std::vector<RegistryChange> changes = DiffAppointments(before, after);
  ASSERT_EQ(changes.size(), 4u);
  EXPECT_EQ(changes[0].kind, ChangeKind::kResignation);
  EXPECT_EQ(changes[0].subject, "A1");
  EXPECT_EQ(changes[0].after, "2026-03-01");
  EXPECT_EQ(changes[1].kind, ChangeKind::kAddressChanged);
  EXPECT_EQ(changes[1].subject, "A2");
  EXPECT_EQ(changes[2].kind, ChangeKind::kNewOfficer);
  EXPECT_EQ(changes[2].after, "O4");
  EXPECT_EQ(changes[3].kind, ChangeKind::kOfficerRemoved);
  EXPECT_EQ(changes[3].before, "O3");
  EXPECT_EQ(ChangeKindName(changes[0].kind), "resignation");
}

TEST(RegistryDiffTest, AppointmentsWithoutIdsMatchOnOfficerAndRole) {
  Appointment a = Appt("", "O1", "", "TE1 2ST");
  Appointment b = a;
  b.resigned_on = "2026-01-31";
  std::vector<RegistryChange> changes = DiffAppointments({a}, {b});
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].kind, ChangeKind::kResignation);
  EXPECT_EQ(changes[0].subject, "O1/director");
}

TEST(RegistryDiffTest, PscsNewCeasedAndRemoved) {
  Psc p1;
  p1.psc_id = "P1";
  p1.name = "Ms Example One";
  Psc p2 = p1;
  p2.psc_id = "P2";
  Psc p1_ceased = p1;
  p1_ceased.ceased_on = "2026-02-02";
  Psc p3 = p1;
  p3.psc_id = "P3";
  std::vector<RegistryChange> changes = DiffPscs({p1, p2}, {p1_ceased, p3});
  ASSERT_EQ(changes.size(), 3u);
  EXPECT_EQ(changes[0].kind, ChangeKind::kPscCeased);
  EXPECT_EQ(changes[1].kind, ChangeKind::kNewPsc);
  EXPECT_EQ(changes[1].subject, "P3");
  EXPECT_EQ(changes[2].kind, ChangeKind::kPscRemoved);
  EXPECT_EQ(changes[2].subject, "P2");
}

}  // namespace
}  // namespace harrier::registry
