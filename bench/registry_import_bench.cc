// Bulk registry import throughput (issue 6): generates N BasicCompanyData
// rows and N PSC snapshot lines (fixed seed, invented values) to temp files
// and imports them with `harrier import`'s code into a fresh database file,
// reporting rows/s and peak RSS. Constant memory: the small run (N/10) and
// the full run use separate databases; their peak RSS should match.
//   build/bench/registry_import_bench [N=200000] [DIR=/tmp]
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <string>

#include "cli/import.h"
#include "core/clock.h"
#include "store/store.h"

namespace {

using namespace harrier;

constexpr char kHeader[] =
    "CompanyName, CompanyNumber,RegAddress.CareOf,RegAddress.POBox,RegAddress.AddressLine1, "
    "RegAddress.AddressLine2,RegAddress.PostTown,RegAddress.County,RegAddress.Country,"
    "RegAddress.PostCode,CompanyCategory,CompanyStatus,CountryOfOrigin,DissolutionDate,"
    "IncorporationDate,Accounts.AccountRefDay,Accounts.AccountRefMonth,Accounts.NextDueDate,"
    "Accounts.LastMadeUpDate,Accounts.AccountCategory,Returns.NextDueDate,"
    "Returns.LastMadeUpDate,Mortgages.NumMortCharges,Mortgages.NumMortOutstanding,"
    "Mortgages.NumMortPartSatisfied,Mortgages.NumMortSatisfied,SICCode.SicText_1,"
    "SICCode.SicText_2,SICCode.SicText_3,SICCode.SicText_4,LimitedPartnerships.NumGenPartners,"
    "LimitedPartnerships.NumLimPartners,URI,PreviousName_1.CONDATE, PreviousName_1.CompanyName, "
    "PreviousName_2.CONDATE, PreviousName_2.CompanyName,PreviousName_3.CONDATE, "
    "PreviousName_3.CompanyName,PreviousName_4.CONDATE, PreviousName_4.CompanyName,"
    "PreviousName_5.CONDATE, PreviousName_5.CompanyName,PreviousName_6.CONDATE, "
    "PreviousName_6.CompanyName,PreviousName_7.CONDATE, PreviousName_7.CompanyName,"
    "PreviousName_8.CONDATE, PreviousName_8.CompanyName,PreviousName_9.CONDATE, "
    "PreviousName_9.CompanyName,PreviousName_10.CONDATE, PreviousName_10.CompanyName,"
    "ConfStmtNextDueDate, ConfStmtLastMadeUpDate";

std::string Number(int64_t i) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%08lld", static_cast<long long>(i + 1));
  return buf;
}

// A few thousand invented postcodes, so addresses and selectors repeat as
// real ones do.
std::string Postcode(std::mt19937_64& rng) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "TE%d %d%c%c", static_cast<int>(rng() % 99 + 1),
                static_cast<int>(rng() % 10), static_cast<char>('A' + rng() % 6),
                static_cast<char>('A' + rng() % 6));
  return buf;
}

void WriteCsv(const std::string& path, int64_t n) {
  std::mt19937_64 rng(42);
  std::ofstream out(path, std::ios::binary);
  out << kHeader << "\r\n";
  for (int64_t i = 0; i < n; ++i) {
    std::ostringstream row;
    row << "\"BENCH \"\"EXAMPLE\"\", TRADING " << i << " LTD\",\"" << Number(i) << "\",\"\",\"\",\""
        << (rng() % 200 + 1) << " SAMPLE ROAD\",\"\",\"TESTBURY\",\"KENT\",\"\",\"" << Postcode(rng)
        << "\",\"Private Limited Company\",\"Active\",\"United Kingdom\",\"\",\""
        << (rng() % 28 + 10) << "/0" << (rng() % 9 + 1) << "/20" << (rng() % 20 + 10)
        << "\",\"28\",\"02\",\"30/11/2026\",\"28/02/2026\",\"MICRO ENTITY\",\"\",\"\",\"0\",\"0\","
           "\"0\",\"0\",\"62020 - Business and domestic software development\",\"None "
           "Supplied\",\"\",\"\",\"0\",\"0\",\"http://business.data.gov.uk/id/company/"
        << Number(i) << "\"";
    const bool renamed = rng() % 4 == 0;
    row << (renamed ? ",\"01/07/2018\",\"BENCH OLD NAME " + std::to_string(i) + " LTD\""
                    : std::string(",\"\",\"\""));
    for (int k = 2; k <= 10; ++k) row << ",\"\",\"\"";
    row << ",\"24/02/2027\",\"10/02/2026\"\r\n";
    out << row.str();
  }
}

void WritePsc(const std::string& path, int64_t n) {
  std::mt19937_64 rng(7);
  std::ofstream out(path, std::ios::binary);
  for (int64_t i = 0; i < n; ++i) {
    out << R"({"company_number":")" << Number(i)
        << R"(","data":{"kind":"individual-person-with-significant-control","name":"Mx Bench )" << i
        << R"( Example","nationality":"British","country_of_residence":"England",)"
        << R"("date_of_birth":{"month":)" << (rng() % 12 + 1) << R"(,"year":)"
        << (rng() % 50 + 1950) << R"(},"address":{"address_line_1":")" << (rng() % 200 + 1)
        << R"( Sample Road","locality":"Testbury","postal_code":")" << Postcode(rng)
        << R"("},"natures_of_control":["ownership-of-shares-75-to-100-percent"],)"
        << R"("notified_on":"2016-04-06","etag":"e)" << i << R"(","links":{"self":"/company/)"
        << Number(i) << "/persons-with-significant-control/individual/Bench" << i << "\"}}}\n";
  }
  out << R"({"data":{"kind":"totals#persons-of-significant-control-snapshot",)"
      << R"("persons_of_significant_control_count":)" << n
      << R"(,"statements_count":0,"exemptions_count":0,"generated_at":"2026-04-01T06:00:00Z"}})"
      << "\n";
}

int64_t StatusKb(const char* field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(field, 0) == 0) return std::atoll(line.c_str() + std::string(field).size());
  }
  return -1;
}

// Imports both files into a fresh database; returns false on failure.
bool Run(const std::string& dir, int64_t n, const char* label) {
  const std::string csv = dir + "/bench_companies.csv", psc = dir + "/bench_psc.txt",
                    db = dir + "/bench_registry.db";
  WriteCsv(csv, n);
  WritePsc(psc, n);
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db + suffix);
  auto store = store::Store::Open({db});
  if (!store.ok()) {
    std::cerr << store.status().ToString() << "\n";
    return false;
  }
  SystemClock clock;
  std::ostringstream err;
  for (const auto& [kind, file] :
       {std::pair{"companies-house", csv}, std::pair{"psc-snapshot", psc}}) {
    cli::ImportOptions o;
    o.kind = kind;
    o.file = file;
    std::ifstream in(file, std::ios::binary);
    const int64_t size = static_cast<int64_t>(std::filesystem::file_size(file));
    Result<cli::ImportSummary> s = o.kind == "companies-house"
                                       ? cli::ImportCompaniesHouse(**store, in, size, clock, o, err)
                                       : cli::ImportPscSnapshot(**store, in, size, clock, o, err);
    if (!s.ok()) {
      std::cerr << s.status().ToString() << "\n";
      return false;
    }
    std::printf("%-6s %-15s %9lld rows %8.1f MB %7.2f s %9.0f rows/s %6.1f MB/s  VmHWM %lld kB\n",
                label, kind, static_cast<long long>(s->rows), s->bytes / 1e6, s->seconds,
                s->rows / s->seconds, s->bytes / 1e6 / s->seconds,
                static_cast<long long>(StatusKb("VmHWM:")));
  }
  std::filesystem::remove(csv);
  std::filesystem::remove(psc);
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db + suffix);
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  const int64_t n = argc > 1 ? std::atoll(argv[1]) : 200000;
  const std::string dir = argc > 2 ? argv[2] : "/tmp";
  std::printf("registry_import_bench: N=%lld, database and files in %s\n",
              static_cast<long long>(n), dir.c_str());
  if (!Run(dir, n / 10, "N/10")) return 1;
  if (!Run(dir, n, "N")) return 1;
  return 0;
}
