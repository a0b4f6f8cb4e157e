#include "registry/walk_runner.h"

namespace harrier::registry {

Status ConsumeReply(NetworkWalk& walk, const WalkRequest& request, const std::string& body,
                    WalkSink& sink) {
  switch (request.kind) {
    case WalkRequestKind::kCompanySearch: {
      Result<Page<CompanySearchHit>> p = ParseCompanySearch(body);
      if (!p.ok()) return p.status();
      walk.OnCompanySearch(request, *p);
      return Status::Ok();
    }
    case WalkRequestKind::kCompany: {
      Result<Company> c = ParseCompanyProfile(body);
      if (!c.ok()) return c.status();
      sink.OnCompany(*c);
      walk.OnCompany(request, *c);
      return Status::Ok();
    }
    case WalkRequestKind::kOfficers: {
      Result<Page<OfficerEntry>> p = ParseOfficerList(body, request.key);
      if (!p.ok()) return p.status();
      for (const OfficerEntry& e : p->items) {
        sink.OnOfficer(e.officer);
        sink.OnAppointment(e.appointment);
      }
      walk.OnOfficers(request, *p);
      return Status::Ok();
    }
    case WalkRequestKind::kPscs: {
      Result<Page<Psc>> p = ParsePscList(body, request.key);
      if (!p.ok()) return p.status();
      for (const Psc& psc : p->items) sink.OnPsc(psc);
      walk.OnPscs(request, *p);
      return Status::Ok();
    }
    case WalkRequestKind::kAppointments: {
      Result<AppointmentsPage> p = ParseAppointments(body);
      if (!p.ok()) return p.status();
      if (p->officer.officer_id.empty()) p->officer.officer_id = request.key;
      if (request.start_index == 0) sink.OnOfficer(p->officer);
      for (Appointment& a : p->page.items) {
        a.officer_id = p->officer.officer_id;
        sink.OnAppointment(a);
      }
      walk.OnAppointments(request, *p);
      return Status::Ok();
    }
  }
  return Status::Internal("unknown walk request kind");
}

Status RunWalk(NetworkWalk& walk, CompaniesHouseClient& client, WalkSink& sink) {
  while (std::optional<WalkRequest> request = walk.Next()) {
    std::string path = request->Path(walk.options().items_per_page);
    Result<HttpReply> reply = client.GetPath(path);
    if (!reply.ok()) {
      if (reply.status().code() == StatusCode::kRejected) return reply.status();
      walk.OnFailed(*request, reply.status());
      continue;
    }
    Status st = ConsumeReply(walk, *request, reply->body, sink);
    if (!st.ok()) walk.OnFailed(*request, st.WithContext(path));
  }
  return Status::Ok();
}

}  // namespace harrier::registry
