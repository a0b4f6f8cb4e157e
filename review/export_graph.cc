// BuildExportGraph: the selected adverts, what they mention and show, and
// the near-duplicate pairs of their images, with stable identities and the
// capture behind every item.
#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "core/sha256.h"
#include "review/export.h"
#include "review/export_registry.h"
#include "store/store.h"

namespace harrier::review {

namespace {

std::string AdvertIdentity(const std::string& source, const std::string& url) {
  return "ADVERT-" + Sha256Hex(source + "\n" + url).substr(0, 16);
}

std::string ImageIdentity(const std::string& sha256) { return "IMAGE-" + sha256.substr(0, 16); }

EntityType TypeOf(SelectorKind kind) {
  switch (kind) {
    case SelectorKind::kPhone:
      return EntityType::kPhone;
    case SelectorKind::kEmail:
      return EntityType::kEmail;
    case SelectorKind::kPostcode:
      return EntityType::kPostcode;
    case SelectorKind::kPlace:
      return EntityType::kPlace;
    case SelectorKind::kWallet:
      return EntityType::kWallet;
    case SelectorKind::kHandle:
      return EntityType::kHandle;
    case SelectorKind::kBankAccount:
      return EntityType::kBankAccount;
    case SelectorKind::kIban:
      return EntityType::kIban;
    case SelectorKind::kPersonName:
      break;  // registry names: never mentioned by a document, so never in a graph
  }
  return EntityType::kPhone;
}

// The natural key other sources use: a wallet is its address ("btc:" is
// Harrier's own prefix); everything else is the normalised value itself.
std::string SelectorIdentity(SelectorKind kind, const std::string& value) {
  if (kind == SelectorKind::kWallet) {
    size_t colon = value.find(':');
    if (colon != std::string::npos) return value.substr(colon + 1);
  }
  return value;
}

// Mentions belong to the current version, so the capture that showed them
// is the oldest one whose body is the newest capture's body (with a single
// version every capture showed them). Captures arrive newest first.
const store::CaptureView* ShowingCapture(const store::DocumentDetail& d) {
  const store::CaptureView* newest = nullptr;
  for (const auto& c : d.captures) {
    if (c.http_status == 200 && !c.body_sha256.empty()) {
      newest = &c;
      break;
    }
  }
  if (newest == nullptr) return d.captures.empty() ? nullptr : &d.captures.front();
  const store::CaptureView* oldest = newest;
  for (const auto& c : d.captures) {
    if (c.http_status != 200 || c.body_sha256.empty()) continue;
    if (d.versions > 1 && c.body_sha256 != newest->body_sha256) continue;
    if (c.fetched_ms < oldest->fetched_ms) oldest = &c;
  }
  return oldest;
}

const store::EvidenceCapture* EvidenceFor(const store::EvidenceSet& ev, int64_t capture_id) {
  for (const auto& c : ev.captures) {
    if (c.capture_id == capture_id) return &c;
  }
  return nullptr;
}

// The earliest capture of an image URL among the advert's evidence.
const store::EvidenceCapture* ImageCapture(const store::EvidenceSet& ev, const std::string& url,
                                           const std::string& sha256) {
  const store::EvidenceCapture* best = nullptr;
  for (const auto& c : ev.captures) {
    if (c.role != "image" || c.url != url || c.body_sha256 != sha256) continue;
    if (best == nullptr || c.fetched_ms < best->fetched_ms) best = &c;
  }
  return best;
}

void FillCapture(Provenance* p, const std::string& source, const store::EvidenceCapture& c) {
  p->source = source;
  p->url = c.url;
  p->capture_ms = c.fetched_ms;
  p->body_sha256 = c.body_sha256;
  p->warc_file = c.warc_file;
  p->warc_offset = c.warc_offset;
  p->warc_length = c.warc_length;
}

// Keeps the earliest capture and widens first/last seen.
void Merge(Provenance* into, const Provenance& p) {
  if (into->capture_ms == 0 || (p.capture_ms != 0 && p.capture_ms < into->capture_ms)) {
    int64_t first = into->first_seen_ms, last = into->last_seen_ms;
    *into = p;
    into->first_seen_ms = first;
    into->last_seen_ms = last;
  }
  if (into->first_seen_ms == 0 || (p.first_seen_ms != 0 && p.first_seen_ms < into->first_seen_ms))
    into->first_seen_ms = p.first_seen_ms;
  into->last_seen_ms = std::max(into->last_seen_ms, p.last_seen_ms);
}

class GraphBuilder {
 public:
  explicit GraphBuilder(store::Store& store) : store_(store) {}

  Status AddAdvert(int64_t id);
  Status AddNearDuplicates();
  ExportGraph Finish();

 private:
  ExportEntity& Upsert(std::map<std::string, ExportEntity>& into, ExportEntity e) {
    auto [it, fresh] = into.try_emplace(e.identity, e);
    if (!fresh) Merge(&it->second.provenance, e.provenance);
    return it->second;
  }
  void AddLink(ExportLink link) {
    auto key = std::make_tuple(link.end1, link.end2, static_cast<int>(link.type));
    if (linked_.insert(key).second) links_.push_back(std::move(link));
  }
  Status AddMatchedImage(const std::string& sha256);

  store::Store& store_;
  std::map<int64_t, ExportEntity> adverts_;
  std::map<std::string, ExportEntity> images_;     // by identity
  std::map<std::string, std::string> image_sha_;   // identity -> SHA-256
  std::map<std::string, ExportEntity> selectors_;  // by identity
  std::set<std::tuple<std::string, std::string, int>> linked_;
  std::vector<ExportLink> links_;
};

Status GraphBuilder::AddAdvert(int64_t id) {
  if (adverts_.count(id)) return Status::Ok();
  Result<std::optional<store::DocumentDetail>> detail = store_.GetDocument(id);
  if (!detail.ok()) return detail.status();
  if (!*detail) return Status::NotFound("no advert with id " + std::to_string(id));
  Result<std::optional<store::EvidenceSet>> evidence = store_.GetEvidence(id);
  if (!evidence.ok()) return evidence.status();
  const store::DocumentDetail& d = **detail;
  const store::EvidenceSet ev = evidence->value_or(store::EvidenceSet{});

  ExportEntity advert;
  advert.identity = AdvertIdentity(d.summary.source, d.summary.url);
  advert.type = EntityType::kAdvert;
  advert.label = d.summary.title.empty() ? d.summary.url : d.summary.title;
  advert.value = d.summary.url;
  advert.document_id = id;
  advert.title = d.summary.title;
  advert.location = d.summary.location;
  Provenance& p = advert.provenance;
  p.source = d.summary.source;
  p.url = d.summary.url;
  p.first_seen_ms = d.summary.first_seen_ms;
  p.last_seen_ms = d.summary.last_seen_ms;
  if (const store::CaptureView* shown = ShowingCapture(d)) {
    p.capture_ms = shown->fetched_ms;
    p.body_sha256 = shown->body_sha256;
    if (const store::EvidenceCapture* c = EvidenceFor(ev, shown->id)) {
      FillCapture(&p, d.summary.source, *c);
    }
  }

  for (const store::ImageView& img : d.images) {
    if (!IsSha256Hex(img.sha256)) continue;  // not fetched (yet)
    ExportEntity image;
    image.identity = ImageIdentity(img.sha256);
    image.type = EntityType::kImage;
    image.label = image.identity;
    image.value = img.sha256;
    image.provenance.source = d.summary.source;
    image.provenance.url = img.url;
    image.provenance.body_sha256 = img.sha256;
    if (const store::EvidenceCapture* c = ImageCapture(ev, img.url, img.sha256)) {
      FillCapture(&image.provenance, d.summary.source, *c);
    }
    image.provenance.first_seen_ms = image.provenance.capture_ms;
    image.provenance.last_seen_ms = d.summary.last_seen_ms;
    Upsert(images_, image);
    image_sha_[image.identity] = img.sha256;
    AddLink({advert.identity, image.identity, LinkType::kShows, LinkStrength::kUnconfirmed, true,
             p.capture_ms, p.url, p.body_sha256, -1, "", p.first_seen_ms, p.last_seen_ms});
  }

  for (const store::MentionView& m : d.mentions) {
    std::optional<SelectorKind> kind = ParseSelectorKind(m.kind);
    if (!kind || m.value.empty()) continue;
    ExportEntity sel;
    sel.identity = SelectorIdentity(*kind, m.value);
    sel.type = TypeOf(*kind);
    sel.label = sel.identity;
    sel.value = m.value;
    sel.provenance = p;
    Upsert(selectors_, sel);
    // Read from the page at full confidence: seen, not reviewed. Anything
    // less (OCR, a guessed place) is the machine's suggestion.
    LinkStrength strength =
        m.confidence >= 1.0 ? LinkStrength::kUnconfirmed : LinkStrength::kTentative;
    AddLink({advert.identity, sel.identity, LinkType::kMentions, strength, true, p.capture_ms,
             p.url, p.body_sha256, -1, "", p.first_seen_ms, p.last_seen_ms});
  }
  adverts_.emplace(id, std::move(advert));
  return Status::Ok();
}

Status GraphBuilder::AddMatchedImage(const std::string& sha256) {
  std::string identity = ImageIdentity(sha256);
  if (images_.count(identity)) return Status::Ok();
  ExportEntity image;
  image.identity = identity;
  image.type = EntityType::kImage;
  image.label = identity;
  image.value = sha256;
  image.provenance.body_sha256 = sha256;
  Result<std::optional<store::ImageRecord>> record = store_.GetImage(sha256);
  if (!record.ok()) return record.status();
  if (*record) image.provenance.first_seen_ms = (*record)->first_seen_ms;
  Result<std::vector<store::ImageUse>> uses = store_.ImageUses(sha256);
  if (!uses.ok()) return uses.status();
  for (const store::ImageUse& u : *uses) {
    if (image.provenance.capture_ms == 0 || u.captured_ms < image.provenance.capture_ms) {
      image.provenance.url = u.image_url;
      image.provenance.capture_ms = u.captured_ms;
    }
    image.provenance.last_seen_ms = std::max(image.provenance.last_seen_ms, u.captured_ms);
  }
  images_.emplace(identity, std::move(image));
  image_sha_[identity] = sha256;
  return Status::Ok();
}

Status GraphBuilder::AddNearDuplicates() {
  std::vector<std::string> shown;
  for (const auto& [identity, sha] : image_sha_) shown.push_back(sha);
  for (const std::string& sha : shown) {
    Result<std::vector<std::pair<store::ImageMatchRow, std::string>>> matches =
        store_.ImageMatchDecisions(sha);
    if (!matches.ok()) return matches.status();
    for (const auto& [m, status] : *matches) {
      if (status == "rejected") continue;  // an analyst said they are not the same
      HARRIER_RETURN_IF_ERROR(AddMatchedImage(m.image_a == sha ? m.image_b : m.image_a));
      LinkStrength strength =
          status == "confirmed" ? LinkStrength::kConfirmed : LinkStrength::kTentative;
      AddLink({ImageIdentity(m.image_a), ImageIdentity(m.image_b), LinkType::kNearDuplicate,
               strength, false, m.found_ms, "", "", m.distance, m.method, m.found_ms, m.found_ms});
    }
  }
  return Status::Ok();
}

ExportGraph GraphBuilder::Finish() {
  ExportGraph g;
  for (auto& [id, e] : adverts_) g.entities.push_back(std::move(e));
  for (auto& [identity, e] : images_) g.entities.push_back(std::move(e));
  for (auto& [identity, e] : selectors_) g.entities.push_back(std::move(e));
  g.links = std::move(links_);
  return g;
}

}  // namespace

std::string_view EntityTypeName(EntityType type) {
  switch (type) {
    case EntityType::kAdvert:
      return "Advert";
    case EntityType::kImage:
      return "Image";
    case EntityType::kPhone:
      return "Phone";
    case EntityType::kEmail:
      return "Email";
    case EntityType::kPostcode:
      return "Postcode";
    case EntityType::kPlace:
      return "Place";
    case EntityType::kWallet:
      return "Wallet";
    case EntityType::kHandle:
      return "Handle";
    case EntityType::kBankAccount:
      return "BankAccount";
    case EntityType::kIban:
      return "IBAN";
    case EntityType::kCompany:
      return "Company";
    case EntityType::kPerson:
      return "Person";
    case EntityType::kCorporate:
      return "Organisation";
    case EntityType::kRegisteredAddress:
      return "Address";
  }
  return "Unknown";
}

std::string_view LinkTypeName(LinkType type) {
  switch (type) {
    case LinkType::kMentions:
      return "mentions";
    case LinkType::kShows:
      return "shows";
    case LinkType::kNearDuplicate:
      return "near-duplicate";
    case LinkType::kDirectorship:
      return "directorship";
    case LinkType::kOwnership:
      return "ownership";
    case LinkType::kRegisteredAt:
      return "registered-at";
    case LinkType::kInPostcode:
      return "in-postcode";
  }
  return "unknown";
}

const ExportEntity* ExportGraph::Find(std::string_view identity) const {
  for (const ExportEntity& e : entities) {
    if (e.identity == identity) return &e;
  }
  return nullptr;
}

Result<ExportGraph> BuildExportGraph(store::Store& store, const ExportSelection& selection) {
  if (!selection.company_numbers.empty()) return BuildRegistryExportGraph(store, selection);
  std::set<int64_t> ids(selection.document_ids.begin(), selection.document_ids.end());
  for (const auto& [kind, value] : selection.selectors) {
    Result<std::vector<store::DocumentSummary>> docs = store.FindDocumentsBySelector(kind, value);
    if (!docs.ok()) return docs.status();
    for (const auto& d : *docs) ids.insert(d.id);
  }
  if (ids.empty()) {
    return Status::InvalidArgument(selection.document_ids.empty() && selection.selectors.empty()
                                       ? "nothing selected to export"
                                       : "no advert mentions the selected selectors");
  }
  GraphBuilder builder(store);
  for (int64_t id : ids) HARRIER_RETURN_IF_ERROR(builder.AddAdvert(id));
  HARRIER_RETURN_IF_ERROR(builder.AddNearDuplicates());
  return builder.Finish();
}

}  // namespace harrier::review
