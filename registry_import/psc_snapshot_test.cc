#include "registry_import/psc_snapshot.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace harrier::registry_import {
namespace {

const std::string kBulk = std::string(HARRIER_SOURCE_DIR) + "/tests/data/companies_house/bulk/";

TEST(PscSnapshotTest, FixtureLinesParseByKind) {
  std::ifstream in(kBulk + "psc_snapshot.txt", std::ios::binary);
  ASSERT_TRUE(in.is_open());
  ChunkSource source(in, 50);
  LineReader lines(source);
  std::string line;
  std::vector<PscSnapshotLine> parsed;
  std::vector<int64_t> bad_lines;
  while (lines.Next(&line).value()) {
    Result<PscSnapshotLine> l = ParsePscSnapshotLine(line);
    if (!l.ok()) {
      bad_lines.push_back(lines.line_number());
      continue;
    }
    parsed.push_back(*l);
  }
  EXPECT_EQ(bad_lines, std::vector<int64_t>{6});
  ASSERT_EQ(parsed.size(), 6u);
  using Kind = PscSnapshotLine::Kind;
  const registry::Psc& person = parsed[0].psc;
  EXPECT_EQ(parsed[0].kind, Kind::kPsc);
  EXPECT_EQ(person.company_number, "09876543");
  EXPECT_EQ(person.kind, registry::PartyKind::kPerson);
  EXPECT_EQ(person.name, "Ms Alexandra Jane Pemberton");
  EXPECT_EQ(person.date_of_birth, "1979-03");
  EXPECT_EQ(person.psc_id, "Pq8aBcDeFgHiJkLmNoPqRsTuVwX");
  EXPECT_EQ(person.natures_of_control.size(), 2u);
  EXPECT_EQ(person.address.postal_code, "TE1 2ST");
  const registry::Psc& corporate = parsed[1].psc;
  EXPECT_EQ(corporate.kind, registry::PartyKind::kCorporate);
  EXPECT_EQ(corporate.registration_number, "01234567");
  EXPECT_EQ(corporate.ceased_on, "2020-01-15");
  const registry::Psc& secure = parsed[2].psc;
  EXPECT_EQ(secure.kind, registry::PartyKind::kSuperSecure);
  EXPECT_EQ(secure.name, "");
  EXPECT_EQ(secure.psc_id, "Ss1aBcDeFgHiJkLmNoPqRsTuVwX");
  EXPECT_EQ(parsed[3].kind, Kind::kStatement);
  EXPECT_EQ(parsed[4].kind, Kind::kExemptions);
  EXPECT_EQ(parsed[5].kind, Kind::kTotals);
  EXPECT_EQ(parsed[5].totals.pscs, 4);
  EXPECT_EQ(parsed[5].totals.statements, 1);
  EXPECT_EQ(parsed[5].totals.exemptions, 1);
}

TEST(PscSnapshotTest, MalformedLinesAreInvalidArgument) {
  EXPECT_FALSE(ParsePscSnapshotLine("{").ok());
  EXPECT_FALSE(ParsePscSnapshotLine("[]").ok());
  EXPECT_FALSE(ParsePscSnapshotLine(R"({"company_number":"1"})").ok());
  EXPECT_FALSE(
      ParsePscSnapshotLine(R"({"data":{"kind":"individual-person-with-significant-control"}})")
          .ok());
  // Unknown kinds are not errors: counted as other.
  EXPECT_EQ(
      ParsePscSnapshotLine(R"({"company_number":"1","data":{"kind":"new-thing"}})").value().kind,
      PscSnapshotLine::Kind::kOther);
}

TEST(LineReaderTest, OverlongLineIsSkippedWithItsNumber) {
  std::istringstream in("short\r\n" + std::string(40, 'x') + "\nafter");
  ChunkSource source(in, 8);
  LineReader lines(source, 20);
  std::string line;
  EXPECT_TRUE(lines.Next(&line).value());
  EXPECT_EQ(line, "short");
  Result<bool> r = lines.Next(&line);
  EXPECT_EQ(r.status().code(), StatusCode::kCorrupt);
  EXPECT_EQ(r.status().message(), "line 2: longer than 20 bytes");
  EXPECT_TRUE(lines.Next(&line).value());
  EXPECT_EQ(line, "after");
  EXPECT_FALSE(lines.Next(&line).value());
}

}  // namespace
}  // namespace harrier::registry_import
