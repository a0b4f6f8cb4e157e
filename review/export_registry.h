// Registry networks for exports and the review UI: from a Companies House
// company to its officers and PSCs, their other appointments and those
// companies, with every registered address, as export graph entities
// (kCompany, kPerson, kCorporate, kRegisteredAddress) and links
// (kDirectorship, kOwnership, kRegisteredAt). BuildExportGraph uses it for
// ExportSelection::company_numbers and adds the adverts that mention any of
// the network's postcodes. Thread-safety: uses the Store it is given.
#ifndef HARRIER_REVIEW_EXPORT_REGISTRY_H_
#define HARRIER_REVIEW_EXPORT_REGISTRY_H_

#include <string>
#include <vector>

#include "core/status.h"
#include "review/export.h"
#include "store/store.h"

namespace harrier::review {

struct RegistryNetwork {
  ExportGraph graph;                   // registry entities, links and interests only
  std::vector<std::string> postcodes;  // normalised, of every address in the graph, sorted
};

// Depth counts officer hops from the seed companies: 0 is each company with
// its registered office, officers and PSCs; 1 adds the companies its
// officers (and corporate PSCs stored as companies) are also appointed to,
// as endpoints with their registered offices; 2 adds those companies'
// officers and PSCs and the companies they lead to; and so on. NotFound
// naming the number for a seed the store does not hold; InvalidArgument
// for a negative depth or no seed.
Result<RegistryNetwork> BuildRegistryNetwork(store::Store& store,
                                             const std::vector<std::string>& company_numbers,
                                             int depth);

// The network of selection.company_numbers, the adverts selected otherwise
// and those mentioning one of the network's postcodes (with what they
// mention and show, as BuildExportGraph), and an kInPostcode link from each
// registry address to the advert postcode it shares. Errors as
// BuildRegistryNetwork and BuildExportGraph.
Result<ExportGraph> BuildRegistryExportGraph(store::Store& store, const ExportSelection& selection);

// Stable identities: the 8-character company number ("09876543");
// "OFFICER-<Companies House officer id>" (or "OFFICER-<16 hex>" of the
// name, birth month and kind when the id is unknown); "PSC-<company
// number>-<16 hex of the PSC key>"; "ADDRESS-<16 hex of SHA-256 of the
// normalised address text>".
std::string CompanyIdentity(const std::string& number);
std::string AddressIdentity(const std::string& full);

}  // namespace harrier::review

#endif  // HARRIER_REVIEW_EXPORT_REGISTRY_H_
