// Companies House's BasicCompanyData CSV (the monthly bulk product) mapped
// to registry::Company. Columns are found by their trimmed header names
// (the real header pads some with spaces), never by position.
#ifndef HARRIER_REGISTRY_IMPORT_BASIC_COMPANY_DATA_H_
#define HARRIER_REGISTRY_IMPORT_BASIC_COMPANY_DATA_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/registry_records.h"
#include "core/status.h"
#include "registry_import/csv_reader.h"

namespace harrier::registry_import {

// "11/02/2016" -> "2016-02-11"; "" for ""; InvalidArgument otherwise.
Result<std::string> BulkDateToIso(std::string_view ddmmyyyy);

// "62020 - Business and domestic software development" -> "62020";
// "" for "None Supplied" or "".
std::string SicCode(std::string_view sic_text);

class BasicCompanyDataMapper {
 public:
  // From the header record. InvalidArgument when CompanyName or
  // CompanyNumber is missing (not a BasicCompanyData file).
  static Result<BasicCompanyDataMapper> FromHeader(const CsvRecord& header);

  // InvalidArgument (with the line) for a record whose field count differs
  // from the header's, without a company number, or with a bad date.
  Result<registry::Company> Map(const CsvRecord& record) const;

 private:
  BasicCompanyDataMapper() = default;
  // Column index by field; -1 when the header lacks it.
  int Column(std::string_view name) const;

  std::vector<std::string> names_;
  int name_ = -1, number_ = -1, care_of_ = -1, po_box_ = -1, line1_ = -1, line2_ = -1, town_ = -1,
      county_ = -1, country_ = -1, postcode_ = -1, category_ = -1, status_ = -1, origin_ = -1,
      dissolved_ = -1, incorporated_ = -1;
  std::vector<int> sic_;
  std::vector<std::pair<int, int>> previous_;  // (CONDATE, CompanyName)
};

}  // namespace harrier::registry_import

#endif  // HARRIER_REGISTRY_IMPORT_BASIC_COMPANY_DATA_H_
