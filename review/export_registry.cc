// BuildRegistryNetwork: a breadth-first walk of the stored registry from
// seed companies (the same company-officer distance as registry/'s
// NetworkWalk, but over what the store already holds: no request is made).
#include "review/export_registry.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <deque>
#include <map>
#include <regex>
#include <set>
#include <tuple>

#include "core/sha256.h"

namespace harrier::review {

namespace {

std::string Hex16(const std::string& text) { return Sha256Hex(text).substr(0, 16); }

// A UK postcode as the store normalises it ("TE1 2ST").
bool IsUkPostcode(const std::string& pc) {
  static const std::regex r("^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}$");
  return std::regex_match(pc, r);
}

// A name as registered, for comparing: letters and digits upper-cased,
// "LIMITED" as "LTD".
std::string NameKey(const std::string& name) {
  std::string key;
  for (char ch : name) {
    if (std::isalnum(static_cast<unsigned char>(ch)))
      key += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  }
  if (key.size() >= 7 && key.compare(key.size() - 7, 7, "LIMITED") == 0)
    key.replace(key.size() - 7, 7, "LTD");
  return key;
}

// "2016-02-11" as UTC ms at midnight (i2's LinkDate); 0 for anything else.
int64_t DateMs(const std::string& date) {
  int y = 0, m = 0, d = 0;
  if (date.size() != 10 || std::sscanf(date.c_str(), "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 ||
      m > 12 || d < 1 || d > 31)
    return 0;
  // Days from the civil date (H. Hinnant's days_from_civil).
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * static_cast<unsigned>(m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  const int64_t days = static_cast<int64_t>(era) * 146097 + static_cast<int64_t>(doe) - 719468;
  return days * 86400000;
}

// Past this many companies the walk stops: an export is for a person to read.
constexpr size_t kMaxCompanies = 2000;

Provenance RegistryProvenance(const std::string& source, int64_t first_ms, int64_t last_ms) {
  Provenance p;
  p.source = "companies-house-" + source;  // api | bulk
  p.first_seen_ms = first_ms;
  p.last_seen_ms = last_ms;
  p.capture_ms = last_ms;
  return p;
}

class NetworkBuilder {
 public:
  NetworkBuilder(store::Store& store, int depth) : store_(store), depth_(depth) {}

  Status Walk(const std::vector<std::string>& seeds);
  RegistryNetwork Finish();

 private:
  ExportEntity* Find(const std::string& identity) {
    auto it = index_.find(identity);
    return it == index_.end() ? nullptr : &entities_[it->second];
  }
  ExportEntity& Add(ExportEntity e) {
    auto [it, fresh] = index_.try_emplace(e.identity, entities_.size());
    if (fresh) entities_.push_back(std::move(e));
    return entities_[it->second];
  }
  void Link(const std::string& from, const std::string& to, LinkType type, int64_t date_ms) {
    if (!linked_.insert({from, to, static_cast<int>(type), ""}).second) return;
    ExportLink l;
    l.end1 = from;
    l.end2 = to;
    l.type = type;
    l.date_ms = date_ms;
    links_.push_back(std::move(l));
  }
  void Interest(const std::string& from, const std::string& to, LinkType type,
                std::vector<std::string> roles, const std::string& start, const std::string& end);
  std::string AddAddress(const store::RegistryAddressRow& a, int64_t seen_ms);
  Status AddCompany(const std::string& number, int hop);
  Status AddOfficer(const store::RegistryOfficerView& o, const std::string& company, int hop);
  Status AddPsc(const store::RegistryPscView& p, const store::RegistryCompanyView& c, int hop);

  store::Store& store_;
  int depth_;
  std::vector<ExportEntity> entities_;
  std::map<std::string, size_t> index_;
  std::vector<ExportLink> links_;
  std::vector<RegistryInterest> interests_;
  std::set<std::tuple<std::string, std::string, int, std::string>> linked_;
  std::deque<std::pair<std::string, int>> queue_;  // (company number, hop)
  std::set<std::string> expanded_;                 // companies whose parties are in
  std::set<std::string> walked_officers_;          // officers whose appointments are in
  std::set<std::string> postcodes_;
  std::set<std::string> attempted_;  // company numbers looked up
};

void NetworkBuilder::Interest(const std::string& from, const std::string& to, LinkType type,
                              std::vector<std::string> roles, const std::string& start,
                              const std::string& end) {
  std::string key = start + "\x1f" + (roles.empty() ? "" : roles.front());
  if (!linked_.insert({from, to, static_cast<int>(type), key}).second) return;
  ExportLink l;
  l.end1 = from;
  l.end2 = to;
  l.type = type;
  l.strength = LinkStrength::kConfirmed;  // the register says so
  l.date_ms = l.first_seen_ms = DateMs(start);
  l.last_seen_ms = DateMs(end);
  interests_.push_back({links_.size(), std::move(roles), start, end});
  links_.push_back(std::move(l));
}

std::string NetworkBuilder::AddAddress(const store::RegistryAddressRow& a, int64_t seen_ms) {
  if (a.full.empty()) return "";
  ExportEntity e;
  e.identity = AddressIdentity(a.full);
  e.type = EntityType::kRegisteredAddress;
  e.label = a.full;
  e.value = a.full;
  e.registry.address_full = a.full;
  e.registry.postal_code = a.postal_code;
  if (IsUkPostcode(a.postal_code)) {
    e.registry.jurisdiction = "gb";
    postcodes_.insert(a.postal_code);
  }
  e.provenance.first_seen_ms = e.provenance.last_seen_ms = seen_ms;
  return Add(std::move(e)).identity;
}

Status NetworkBuilder::AddCompany(const std::string& number, int hop) {
  const std::string identity = CompanyIdentity(number);
  ExportEntity* known = Find(identity);
  const bool first = attempted_.insert(identity).second;
  if (!first && known == nullptr) return Status::Ok();  // tried before: not stored
  if (attempted_.size() > kMaxCompanies) {
    return Status::InvalidArgument("the network passes " + std::to_string(kMaxCompanies) +
                                   " companies; export a smaller depth");
  }
  bool expand = (hop == 0 || hop < depth_) && !expanded_.count(identity);
  if (known != nullptr && !expand) return Status::Ok();
  Result<std::optional<store::RegistryCompanyView>> view = store_.GetCompany(identity);
  if (!view.ok()) return view.status();
  if (!*view) {
    if (hop == 0) return Status::NotFound("no registry company " + identity);
    return Status::Ok();
  }
  const store::RegistryCompanyView& c = **view;
  ExportEntity e;
  e.identity = identity;
  e.type = EntityType::kCompany;
  e.label = c.name.empty() ? identity : c.name;
  e.value = identity;
  e.provenance = RegistryProvenance(c.source, c.first_seen_ms, c.last_seen_ms);
  RegistryFacts& f = e.registry;
  f.registration_number = identity;
  f.jurisdiction = "gb";
  f.incorporation_date = c.created;
  f.dissolution_date = c.ceased;
  f.status = c.status;
  f.address_full = c.registered_office.full;
  f.address_identity = AddressIdentity(c.registered_office.full);
  if (c.registered_office.full.empty()) f.address_identity.clear();
  if (known == nullptr) Add(std::move(e));  // else already in, by another route
  std::string address = AddAddress(c.registered_office, c.last_seen_ms);
  if (!address.empty()) Link(identity, address, LinkType::kRegisteredAt, c.last_seen_ms);
  if (!expand) return Status::Ok();
  expanded_.insert(identity);
  for (const store::RegistryOfficerView& o : c.officers)
    HARRIER_RETURN_IF_ERROR(AddOfficer(o, identity, hop));
  for (const store::RegistryPscView& p : c.pscs) HARRIER_RETURN_IF_ERROR(AddPsc(p, c, hop));
  return Status::Ok();
}

Status NetworkBuilder::AddOfficer(const store::RegistryOfficerView& o, const std::string& company,
                                  int hop) {
  Result<std::optional<store::RegistryPartyDetail>> detail =
      store_.GetRegistryOfficer(o.officer_row);
  if (!detail.ok()) return detail.status();
  if (!*detail) return Status::Ok();
  const store::RegistryPartyDetail& d = **detail;
  ExportEntity e;
  e.identity = o.officer_id.empty()
                   ? "OFFICER-" + Hex16(o.name + "\n" + d.date_of_birth + "\n" + o.kind)
                   : "OFFICER-" + o.officer_id;
  e.type = o.kind == "person" ? EntityType::kPerson : EntityType::kCorporate;
  e.label = o.name;
  e.value = o.name;
  e.registry.birth_date = d.date_of_birth.substr(0, 7);
  e.registry.nationality = d.nationality;
  const std::string identity = Add(std::move(e)).identity;
  Interest(identity, company, LinkType::kDirectorship, {o.role}, o.appointed_on, o.resigned_on);
  for (const store::RegistryAppointmentView& a : d.appointments) {
    bool here = CompanyIdentity(a.company_number) == company;
    if (here) {
      std::string address = AddAddress(a.address, 0);
      if (!address.empty()) Link(identity, address, LinkType::kRegisteredAt, 0);
    }
    if (here || hop >= depth_ || walked_officers_.count(identity + "\x1f" + company)) continue;
    queue_.emplace_back(a.company_number, hop + 1);
    Interest(identity, CompanyIdentity(a.company_number), LinkType::kDirectorship, {a.role},
             a.appointed_on, a.resigned_on);
  }
  walked_officers_.insert(identity + "\x1f" + company);
  return Status::Ok();
}

Status NetworkBuilder::AddPsc(const store::RegistryPscView& p, const store::RegistryCompanyView& c,
                              int hop) {
  Result<std::optional<store::RegistryPartyDetail>> detail = store_.GetRegistryPsc(p.id);
  if (!detail.ok()) return detail.status();
  if (!*detail) return Status::Ok();
  const store::RegistryPartyDetail& d = **detail;
  const std::string company = CompanyIdentity(c.number);
  std::string identity;
  if (p.kind != "person" && p.kind != "super_secure" && !d.registration_number.empty()) {
    // A corporate PSC registered here: the company itself, walked like an
    // officer's other company.
    Result<std::optional<store::RegistryCompanyView>> owner =
        store_.GetCompany(CompanyIdentity(d.registration_number));
    if (!owner.ok()) return owner.status();
    // The registration number alone could be another register's (a foreign
    // parent's "12345" pads to a UK number): the name must agree too.
    if (*owner && hop < depth_ && NameKey((*owner)->name) == NameKey(p.name)) {
      identity = CompanyIdentity(d.registration_number);
      queue_.emplace_back(identity, hop + 1);
    }
  }
  if (identity.empty()) {
    ExportEntity e;
    e.identity = "PSC-" + company + "-" + Hex16(p.psc_key);
    e.type = p.kind == "person" || p.kind == "super_secure" ? EntityType::kPerson
                                                            : EntityType::kCorporate;
    e.label =
        p.name.empty() ? "Super-secure person with significant control of " + company : p.name;
    e.value = e.label;
    e.registry.birth_date = d.date_of_birth.substr(0, 7);
    e.registry.nationality = d.nationality;
    e.registry.registration_number = d.registration_number;
    identity = Add(std::move(e)).identity;
    std::string address = AddAddress(p.address, 0);
    if (!address.empty()) Link(identity, address, LinkType::kRegisteredAt, 0);
  }
  Interest(identity, company, LinkType::kOwnership, p.natures, p.notified_on, p.ceased_on);
  return Status::Ok();
}

Status NetworkBuilder::Walk(const std::vector<std::string>& seeds) {
  for (const std::string& number : seeds) HARRIER_RETURN_IF_ERROR(AddCompany(number, 0));
  while (!queue_.empty()) {
    auto [number, hop] = queue_.front();
    queue_.pop_front();
    HARRIER_RETURN_IF_ERROR(AddCompany(number, hop));
  }
  return Status::Ok();
}

RegistryNetwork NetworkBuilder::Finish() {
  RegistryNetwork n;
  // An interest whose company the store does not hold (a stub walked past
  // the depth) has no end: dropped with its facts.
  std::map<size_t, const RegistryInterest*> interest_of;
  for (const RegistryInterest& in : interests_) interest_of[in.link] = &in;
  for (size_t i = 0; i < links_.size(); ++i) {
    const ExportLink& l = links_[i];
    if (!Find(l.end1) || !Find(l.end2)) continue;
    if (auto in = interest_of.find(i); in != interest_of.end()) {
      n.graph.interests.push_back(*in->second);
      n.graph.interests.back().link = n.graph.links.size();
    }
    n.graph.links.push_back(l);
  }
  n.graph.entities = std::move(entities_);
  n.postcodes.assign(postcodes_.begin(), postcodes_.end());
  return n;
}

}  // namespace

std::string CompanyIdentity(const std::string& number) {
  std::string n;
  for (char ch : number) {
    if (!std::isspace(static_cast<unsigned char>(ch)))
      n += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  }
  bool digits = !n.empty() && std::all_of(n.begin(), n.end(), [](char ch) {
    return std::isdigit(static_cast<unsigned char>(ch));
  });
  if (digits && n.size() < 8) n.insert(0, 8 - n.size(), '0');
  return n;
}

std::string AddressIdentity(const std::string& full) { return "ADDRESS-" + Hex16(full); }

Result<RegistryNetwork> BuildRegistryNetwork(store::Store& store,
                                             const std::vector<std::string>& company_numbers,
                                             int depth) {
  if (company_numbers.empty()) return Status::InvalidArgument("no company to export");
  if (depth < 0) return Status::InvalidArgument("network depth must be 0 or more");
  NetworkBuilder builder(store, depth);
  HARRIER_RETURN_IF_ERROR(builder.Walk(company_numbers));
  return builder.Finish();
}

Result<ExportGraph> BuildRegistryExportGraph(store::Store& store,
                                             const ExportSelection& selection) {
  Result<RegistryNetwork> network =
      BuildRegistryNetwork(store, selection.company_numbers, selection.company_depth);
  if (!network.ok()) return network.status();
  ExportSelection adverts = selection;
  adverts.company_numbers.clear();
  for (const std::string& pc : network->postcodes) {
    Result<std::vector<store::DocumentSummary>> docs =
        store.FindDocumentsBySelector(SelectorKind::kPostcode, pc);
    if (!docs.ok()) return docs.status();
    for (const store::DocumentSummary& d : *docs) adverts.document_ids.push_back(d.id);
  }
  ExportGraph graph;
  if (!adverts.document_ids.empty() || !adverts.selectors.empty()) {
    Result<ExportGraph> advert_graph = BuildExportGraph(store, adverts);
    if (!advert_graph.ok()) return advert_graph.status();
    graph = std::move(*advert_graph);
  }
  std::set<std::string> advert_postcodes;
  for (const ExportEntity& e : graph.entities) {
    if (e.type == EntityType::kPostcode) advert_postcodes.insert(e.identity);
  }
  const size_t offset = graph.links.size();
  for (ExportLink& l : network->graph.links) graph.links.push_back(std::move(l));
  for (RegistryInterest& in : network->graph.interests) {
    in.link += offset;
    graph.interests.push_back(std::move(in));
  }
  for (ExportEntity& e : network->graph.entities) {
    if (e.type == EntityType::kRegisteredAddress &&
        advert_postcodes.count(e.registry.postal_code)) {
      ExportLink l;
      l.end1 = e.identity;
      l.end2 = e.registry.postal_code;
      l.type = LinkType::kInPostcode;
      graph.links.push_back(std::move(l));
    }
    graph.entities.push_back(std::move(e));
  }
  return graph;
}

}  // namespace harrier::review
