// What the FollowTheMoney writer's files share (export_ftm.cc for adverts
// and selectors, export_ftm_registry.cc for Companies House entities).
// Internal to review/.
#ifndef HARRIER_REVIEW_EXPORT_FTM_INTERNAL_H_
#define HARRIER_REVIEW_EXPORT_FTM_INTERNAL_H_

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "review/export.h"

namespace harrier::review::internal {

// SHA-1 hex, the FtM library's make_entity_id convention.
std::string Sha1Hex(std::string_view data);
// The FtM id of a graph entity: SHA-1 of "harrier", its type and identity.
std::string FtmId(const ExportEntity& e);
// Adds a value (one line of valid UTF-8) to props[name] unless empty or
// already there.
void FtmAdd(nlohmann::json& props, const std::string& name, const std::string& value);

// Is the entity a Companies House one (kCompany, kPerson, kCorporate,
// kRegisteredAddress)?
bool IsRegistryEntity(EntityType type);
// Schema and properties of a registry entity; `ids` maps identities to FtM
// ids, `addresses` are the identities of the Address entities it is
// registered at (kRegisteredAt links).
std::string RegistryFtmSchema(const ExportEntity& e, const std::map<std::string, std::string>& ids,
                              const std::vector<std::string>& addresses, nlohmann::json& props);
// Emits a Directorship or Ownership for each registry interest and an
// UnknownLink for each registry address sharing an advert's postcode.
using FtmEmit =
    std::function<void(const std::string& id, const std::string& schema, nlohmann::json props)>;
void EmitRegistryLinks(const ExportGraph& graph, const std::map<std::string, std::string>& ids,
                       const FtmEmit& emit);

}  // namespace harrier::review::internal

#endif  // HARRIER_REVIEW_EXPORT_FTM_INTERNAL_H_
