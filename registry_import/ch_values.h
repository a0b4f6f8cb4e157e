// Companies House value shapes that both the API client (registry/) and the
// bulk readers (registry_import/) meet: the PSC item (an API page item and a
// snapshot line's "data" are the same object) and the company status, which
// the API gives as a code ("active") and the bulk CSV as text ("Active").
// One parser each, here, so both sources store the same values: registry/
// links this library (core and nlohmann/json only, no curl).
#ifndef HARRIER_REGISTRY_IMPORT_CH_VALUES_H_
#define HARRIER_REGISTRY_IMPORT_CH_VALUES_H_

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>

#include "core/registry_records.h"

namespace harrier::registry_import {

// A PSC item; company_number is left empty (the caller knows it). Tolerant
// of what the real data does: unknown members, nulls and stray types read
// as absent, objects where the swagger says arrays (and the reverse: the
// first object of an array). psc_id is the last segment of links.self;
// date_of_birth "YYYY-MM" ("" unless month and year are both valid); kind
// from the item kind's prefix (individual, corporate-entity, legal-person,
// super-secure; "-beneficial-owner" kinds alike). Never throws.
registry::Psc ParsePscItem(const nlohmann::json& item);

// The API's company_status code for either form: trimmed and lower-cased,
// the bulk file's texts mapped to the API code they stand for ("Receivership
// Action" -> "receivership", "In Administration" -> "administration",
// "Active - Proposal to Strike off" -> "active": the API keeps that in
// company_status_detail), anything else lower-case with runs of other
// characters as one '-'. "" stays "".
std::string NormaliseCompanyStatus(std::string_view status);

}  // namespace harrier::registry_import

#endif  // HARRIER_REGISTRY_IMPORT_CH_VALUES_H_
