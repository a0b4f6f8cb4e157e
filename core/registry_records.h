// What Harrier keeps from a company register (issue 6): companies, officers,
// persons with significant control (PSCs), their appointments and addresses,
// whether they came from the Companies House API or its bulk files. Shaped
// to export as FollowTheMoney (Company, Person, Address, Directorship,
// Ownership). Plain values: parsers fill them, the store keeps them.
#ifndef HARRIER_CORE_REGISTRY_RECORDS_H_
#define HARRIER_CORE_REGISTRY_RECORDS_H_

#include <optional>
#include <string>
#include <vector>

namespace harrier::registry {

// Dates are ISO 8601 prefixes: "2016-02-11", or "1979-03" for a month and
// year (a date of birth), or "" when unknown. Bulk files' DD/MM/YYYY is
// converted on reading.
struct Address {
  std::string care_of;
  std::string po_box;
  std::string premises;
  std::string address_line_1;
  std::string address_line_2;
  std::string locality;     // post town
  std::string region;       // county
  std::string postal_code;  // as given; the store normalises it as a postcode selector
  std::string country;

  bool empty() const {
    return care_of.empty() && po_box.empty() && premises.empty() && address_line_1.empty() &&
           address_line_2.empty() && locality.empty() && region.empty() && postal_code.empty() &&
           country.empty();
  }
};

struct PreviousName {
  std::string name;
  std::string effective_from;
  std::string ceased_on;
};

struct Company {
  std::string number;  // 8 characters: zero-padded digits or a 2-letter prefix + 6 digits
  std::string name;
  std::string status;  // the API code ("active"); the parsers map bulk text ("Active") to it
  std::string type;    // API code ("ltd") or bulk category text
  std::string jurisdiction;
  std::string date_of_creation;
  std::string date_of_cessation;
  std::vector<std::string> sic_codes;  // 5-digit codes
  Address registered_office;
  std::vector<PreviousName> previous_names;
  std::string etag;  // the API's; "" from bulk data
};

enum class PartyKind { kPerson, kCorporate, kLegalPerson, kSuperSecure };

// An officer as Companies House identifies one: by the opaque id in
// links.officer.appointments ("/officers/{id}/appointments").
struct Officer {
  std::string officer_id;
  std::string name;  // as given ("PEMBERTON, Alexandra Jane" or "Alexandra Jane PEMBERTON")
  PartyKind kind = PartyKind::kPerson;
  std::string date_of_birth;  // "1979-03" or ""
  std::string nationality;
  std::string country_of_residence;
  std::string occupation;
};

// One officer's role in one company (a Directorship when exported).
struct Appointment {
  std::string appointment_id;  // from links.self when given, else ""
  std::string officer_id;
  std::string company_number;
  std::string company_name;  // when the listing gives it
  std::string role;          // officer_role: director, secretary, ...
  std::string appointed_on;
  std::string resigned_on;  // "" while current
  Address address;          // correspondence address
};

// A person with significant control over a company (an Ownership when
// exported). Super-secure PSCs have no name.
struct Psc {
  std::string psc_id;  // last segment of links.self
  std::string company_number;
  PartyKind kind = PartyKind::kPerson;
  std::string name;
  std::string date_of_birth;
  std::string nationality;
  std::string country_of_residence;
  std::vector<std::string> natures_of_control;
  std::string notified_on;
  std::string ceased_on;
  Address address;
  std::string registration_number;  // corporate PSCs' identification
  std::string etag;
};

}  // namespace harrier::registry

#endif  // HARRIER_CORE_REGISTRY_RECORDS_H_
