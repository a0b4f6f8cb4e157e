// RunWalk: drives a NetworkWalk with a CompaniesHouseClient, one request at
// a time, handing every parsed record to a WalkSink. The CLI and tests use
// it; the daemon drives the walk through its own fetcher instead (see
// registry/README.md). Blocks (the client waits for the rate limit).
#ifndef HARRIER_REGISTRY_WALK_RUNNER_H_
#define HARRIER_REGISTRY_WALK_RUNNER_H_

#include "core/registry_records.h"
#include "core/status.h"
#include "registry/ch_client.h"
#include "registry/network_walk.h"

namespace harrier::registry {

// Receives records as they are parsed (e.g. to upsert them into the store).
class WalkSink {
 public:
  virtual ~WalkSink() = default;
  virtual void OnCompany(const Company& company) = 0;
  virtual void OnOfficer(const Officer& officer) = 0;
  virtual void OnAppointment(const Appointment& appointment) = 0;
  virtual void OnPsc(const Psc& psc) = 0;
};

// Parses `body` as the reply to `request` and feeds walk and sink. Corrupt
// when the body does not parse (the walk records it as failed). For callers
// that fetch themselves.
Status ConsumeReply(NetworkWalk& walk, const WalkRequest& request, const std::string& body,
                    WalkSink& sink);

// Runs the walk to its end or its budget. A request that fails (404,
// malformed body, 5xx) is recorded in walk.failures() and the walk goes on;
// a refused key (kRejected) stops it and is returned.
Status RunWalk(NetworkWalk& walk, CompaniesHouseClient& client, WalkSink& sink);

}  // namespace harrier::registry

#endif  // HARRIER_REGISTRY_WALK_RUNNER_H_
