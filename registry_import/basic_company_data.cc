#include "registry_import/basic_company_data.h"

#include <cctype>

#include "registry_import/ch_values.h"

namespace harrier::registry_import {

namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool Digits(std::string_view s) {
  for (const char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

}  // namespace

Result<std::string> BulkDateToIso(std::string_view raw) {
  const std::string_view s = Trim(raw);
  if (s.empty()) return std::string();
  if (s.size() != 10 || s[2] != '/' || s[5] != '/' || !Digits(s.substr(0, 2)) ||
      !Digits(s.substr(3, 2)) || !Digits(s.substr(6, 4))) {
    return Status::InvalidArgument("date '" + std::string(s) + "' is not DD/MM/YYYY");
  }
  const int day = std::stoi(std::string(s.substr(0, 2)));
  const int month = std::stoi(std::string(s.substr(3, 2)));
  if (day < 1 || day > 31 || month < 1 || month > 12) {
    return Status::InvalidArgument("date '" + std::string(s) + "' is not DD/MM/YYYY");
  }
  return std::string(s.substr(6, 4)) + "-" + std::string(s.substr(3, 2)) + "-" +
         std::string(s.substr(0, 2));
}

std::string SicCode(std::string_view sic_text) {
  const std::string_view s = Trim(sic_text);
  if (s.empty() || s == "None Supplied") return "";
  const size_t dash = s.find(" - ");
  return std::string(Trim(dash == std::string_view::npos ? s : s.substr(0, dash)));
}

int BasicCompanyDataMapper::Column(std::string_view name) const {
  for (size_t i = 0; i < names_.size(); ++i) {
    if (names_[i] == name) return static_cast<int>(i);
  }
  return -1;
}

Result<BasicCompanyDataMapper> BasicCompanyDataMapper::FromHeader(const CsvRecord& header) {
  BasicCompanyDataMapper m;
  for (const std::string& f : header.fields) {
    std::string_view name = Trim(f);
    if (name.substr(0, 3) == "\xEF\xBB\xBF") name.remove_prefix(3);  // a UTF-8 BOM
    m.names_.emplace_back(name);
  }
  m.name_ = m.Column("CompanyName");
  m.number_ = m.Column("CompanyNumber");
  if (m.name_ < 0 || m.number_ < 0) {
    return Status::InvalidArgument(
        "not a BasicCompanyData file: the header has no CompanyName or CompanyNumber");
  }
  m.care_of_ = m.Column("RegAddress.CareOf");
  m.po_box_ = m.Column("RegAddress.POBox");
  m.line1_ = m.Column("RegAddress.AddressLine1");
  m.line2_ = m.Column("RegAddress.AddressLine2");
  m.town_ = m.Column("RegAddress.PostTown");
  m.county_ = m.Column("RegAddress.County");
  m.country_ = m.Column("RegAddress.Country");
  m.postcode_ = m.Column("RegAddress.PostCode");
  m.category_ = m.Column("CompanyCategory");
  m.status_ = m.Column("CompanyStatus");
  m.origin_ = m.Column("CountryOfOrigin");
  m.dissolved_ = m.Column("DissolutionDate");
  m.incorporated_ = m.Column("IncorporationDate");
  for (int i = 1;; ++i) {
    const int c = m.Column("SICCode.SicText_" + std::to_string(i));
    if (c < 0) break;
    m.sic_.push_back(c);
  }
  for (int i = 1;; ++i) {
    const std::string prefix = "PreviousName_" + std::to_string(i);
    const int date = m.Column(prefix + ".CONDATE");
    const int name = m.Column(prefix + ".CompanyName");
    if (date < 0 && name < 0) break;
    m.previous_.emplace_back(date, name);
  }
  return m;
}

Result<registry::Company> BasicCompanyDataMapper::Map(const CsvRecord& record) const {
  const std::string where = "line " + std::to_string(record.line) + ": ";
  if (record.fields.size() != names_.size()) {
    return Status::InvalidArgument(where + std::to_string(record.fields.size()) +
                                   " fields, the header has " + std::to_string(names_.size()));
  }
  auto get = [&](int column) -> std::string {
    return column < 0 ? std::string() : std::string(Trim(record.fields[column]));
  };
  registry::Company c;
  c.number = get(number_);
  if (c.number.empty()) return Status::InvalidArgument(where + "no company number");
  c.name = get(name_);
  c.status = NormaliseCompanyStatus(get(status_));  // the API's code: "Active" -> "active"
  c.type = get(category_);
  c.jurisdiction = get(origin_);
  c.registered_office = {get(care_of_), get(po_box_),   "",
                         get(line1_),   get(line2_),    get(town_),
                         get(county_),  get(postcode_), get(country_)};
  for (const auto& [column, out] : {std::pair{incorporated_, &c.date_of_creation},
                                    std::pair{dissolved_, &c.date_of_cessation}}) {
    Result<std::string> iso = BulkDateToIso(get(column));
    if (!iso.ok()) return Status::InvalidArgument(where + iso.status().message());
    *out = std::move(*iso);
  }
  for (const int column : sic_) {
    std::string code = SicCode(get(column));
    if (!code.empty()) c.sic_codes.push_back(std::move(code));
  }
  for (const auto& [date_column, name_column] : previous_) {
    const std::string name = get(name_column);
    if (name.empty()) continue;
    // CONDATE is the date the company stopped using that name.
    Result<std::string> ceased = BulkDateToIso(get(date_column));
    if (!ceased.ok()) return Status::InvalidArgument(where + ceased.status().message());
    c.previous_names.push_back({name, "", std::move(*ceased)});
  }
  return c;
}

}  // namespace harrier::registry_import
