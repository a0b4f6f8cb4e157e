// harrier-ui-fixture STATE_DIR PAYLOADS: builds the state directory the
// browser tests serve (STATE_DIR/harrier.db and STATE_DIR/data/blobs) with
// the store API, and prints on stdout, as JSON, what it made (ids, users,
// values to search for, which payload went where).
//
// Twenty invented adverts on two sources, with drama-range phones, invented
// emails, postcodes and handles; a phone moving Leeds -> Hull -> York in 9
// days; a drawn photo per advert (blob store, hashes as the daemon computes
// them), two near-duplicate pairs, a watchlist photo alert, OCR text, a
// watched selector and its alerts, clusters (linked as the daemon links)
// and a growth alert, audit rows, an analyst and a supervisor;
// and every XSS payload planted in titles, bodies, locations, OCR text,
// handles (value, raw and snippet), image URLs, the watchlist photo's name
// and audit details.
#include <sodium.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/sha256.h"
#include "daemon/blob_store.h"
#include "store/store.h"
#include "tests/browser/ui_fixture_images.h"

namespace harrier::fixture {
namespace {

using nlohmann::json;

constexpr int kAdverts = 20;
constexpr int64_t kDay = 86'400'000;
constexpr int64_t kBase = 1793491200000;  // 2026-11-01T00:00:00Z

struct Failure {
  std::string what;
};

template <typename T>
T Must(Result<T> r, const std::string& what) {
  if (!r.ok()) throw Failure{what + ": " + r.status().ToString()};
  return std::move(r).value();
}
void Must(const Status& st, const std::string& what) {
  if (!st.ok()) throw Failure{what + ": " + st.ToString()};
}

std::vector<std::string> ReadPayloads(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw Failure{"cannot read " + path};
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line[0] != '#') out.push_back(line);
  }
  if (out.size() < 100) throw Failure{path + " has fewer than 100 payloads"};
  return out;
}

store::MentionInput Mention(SelectorKind kind, const std::string& value, const std::string& raw,
                            const std::string& field, const std::string& text) {
  store::MentionInput m;
  m.selector.kind = kind;
  m.selector.value = value;
  m.selector.raw = raw;
  const size_t at = text.find(raw);
  m.selector.begin = at == std::string::npos ? 0 : at;
  m.selector.end = m.selector.begin + raw.size();
  m.selector.snippet = "contact " + raw + " (see advert)";
  m.field = field;
  return m;
}

// The invented, non-hostile part of each advert: who shares what.
struct Plan {
  std::string town;   // "" -> the location is a payload
  std::string place;  // place selector value
  std::string phone;  // E.164, Ofcom drama range
  std::string phone_raw;
  std::string email;
  std::string postcode;
  std::string handle;  // platform:name
};

Plan PlanFor(int a) {
  Plan p;
  static const char* kTowns[][2] = {{"Leeds", "Leeds, West Yorkshire, GB"},
                                    {"Hull", "Hull, East Riding of Yorkshire, GB"},
                                    {"York", "York, North Yorkshire, GB"},
                                    {"Bradford", "Bradford, West Yorkshire, GB"},
                                    {"Wakefield", "Wakefield, West Yorkshire, GB"},
                                    {"Sheffield", "Sheffield, South Yorkshire, GB"}};
  if (a < 6) {
    p.town = kTowns[a][0];
    p.place = kTowns[a][1];
  }
  // Cluster A: 0-4 (a phone moving Leeds->Hull->York, then an email and a
  // postcode); cluster B: 7-9; cluster C: 10-13 (a handle, then a
  // near-duplicate image 12~13). The rest stand alone.
  const int phone_no = a <= 2 ? 101 : (a == 8 || a == 9) ? 102 : 200 + a;
  p.phone = "+447700900" + std::to_string(phone_no);
  p.phone_raw = "07700 900" + std::to_string(phone_no);
  p.email =
      (a == 2 || a == 3) ? "amber.rooms@example.com" : "ad" + std::to_string(a) + "@example.org";
  p.postcode = (a == 3 || a == 4) ? "LS1 9ZZ" : "ZZ" + std::to_string(a + 1) + " 9ZZ";
  p.handle = (a >= 10 && a <= 12) ? "snapchat:velvet_rooms_77"
                                  : "instagram:room_" + std::to_string(a) + "_x";
  return p;
}

class Builder {
 public:
  Builder(const std::string& state_dir, std::vector<std::string> payloads)
      : payloads_(std::move(payloads)) {
    std::filesystem::create_directories(state_dir + "/data");
    store_ = Must(store::Store::Open({state_dir + "/harrier.db"}), "open store");
    blobs_ = Must(daemon::BlobStore::Open(state_dir + "/data"), "open blob store");
    sources_[0] = Must(store_->UpsertSource({"demo-north", "site", "DSA-2026-0042", "directed",
                                             "DI Example", "2026-10-01", "2027-03-31"}),
                       "source");
    sources_[1] = Must(store_->UpsertSource({"demo-south", "site", "DSA-2026-0043", "directed",
                                             "DI Example", "2026-10-01", "2027-03-31"}),
                       "source");
  }

  json Build() {
    store_->SetClusterAlertSize(4);
    for (int a = 0; a < kAdverts; ++a) AddAdvert(a);
    AddMatches();
    AddWatchlistPhoto();
    AddWatchedSelector();
    AddClusters();
    AddRegistry();
    AddAudit();
    AddUsers();
    out_["payload_count"] = payloads_.size();
    out_["watchlist_operation"] = "OP-KESTREL";
    return out_;
  }

 private:
  // The payloads planted in advert a: every payload lands in one advert.
  std::vector<int> GroupOf(int a) const {
    std::vector<int> g;
    for (int i = a; i < static_cast<int>(payloads_.size()); i += kAdverts) g.push_back(i);
    return g;
  }

  std::string Url(int a) const {
    // One advert's canonical URL is itself hostile (a javascript: URL).
    if (a == kAdverts - 1) return payloads_[5];
    return std::string(a % 2 ? "https://south.invalid" : "https://north.invalid") + "/ad/" +
           std::to_string(1000 + a);
  }

  void AddAdvert(int a) {
    const Plan plan = PlanFor(a);
    const std::vector<int> group = GroupOf(a);
    const std::string& p0 = payloads_[group[0]];
    const int64_t now = kBase + (a <= 2 ? a * 4 + (a == 2 ? 1 : 0) : a) * kDay;

    store::AdvertInput ad;
    ad.url = Url(a);
    ad.title = "Room " + std::to_string(a + 1) + " ";
    std::string hostile;
    for (int i : group) hostile += payloads_[i] + "\n";
    ad.title += hostile.substr(0, hostile.size() - 1);
    ad.body = "New in town, call " + plan.phone_raw + " or mail " + plan.email + ", near " +
              plan.postcode + ".\n" + hostile;
    ad.posted = a % 3 == 0 ? p0 : "2 days ago";
    ad.location = plan.town.empty() ? p0 : plan.town;
    const std::string img_base =
        a % 2 ? "https://south.invalid/img/" : "https://north.invalid/img/";
    const std::string photo_url =
        img_base + std::to_string(a) + "/" + payloads_[group[1 % group.size()]] + ".png";
    ad.image_urls.push_back(photo_url);
    for (int i : group) ad.image_urls.push_back(payloads_[i]);  // never fetched: URLs only
    ad.mentions.push_back(
        Mention(SelectorKind::kPhone, plan.phone, plan.phone_raw, "body", ad.body));
    ad.mentions.push_back(Mention(SelectorKind::kEmail, plan.email, plan.email, "body", ad.body));
    ad.mentions.push_back(
        Mention(SelectorKind::kPostcode, plan.postcode, plan.postcode, "body", ad.body));
    ad.mentions.push_back(Mention(SelectorKind::kHandle, plan.handle,
                                  "@" + plan.handle.substr(plan.handle.find(':') + 1), "body",
                                  ad.body));
    if (!plan.place.empty()) {
      ad.mentions.push_back(
          Mention(SelectorKind::kPlace, plan.place, plan.town, "location", ad.location));
    }
    // Hostile handles: the payload is the handle's value, raw text and snippet.
    for (int i : group) {
      store::MentionInput m =
          Mention(SelectorKind::kHandle, "telegram:" + payloads_[i], payloads_[i], "body", ad.body);
      m.selector.snippet = "msg me " + payloads_[i] + " now";
      ad.mentions.push_back(std::move(m));
      out_["search"].push_back({{"kind", "handle"}, {"value", "telegram:" + payloads_[i]}});
    }

    const int64_t source = sources_[a % 2];
    const int64_t run = Must(store_->StartRun(source, {ad.url}, now), "start run");
    store::FrontierItem item = Lease(run, ad.url, now);
    store::PageCommit page;
    page.item = item;
    page.capture = Capture(item, now, "<html>" + ad.body + "</html>", "text/html");
    page.advert = ad;
    page.now_ms = now;
    const store::PageCommitResult r = Must(store_->CommitPage(page), "commit page");

    // The photo: drawn, hashed, stored; near-duplicate partners get variants.
    const int seed = (a == 8) ? 7 : (a == 13) ? 12 : a;
    const int variant = (a == 8 || a == 13) ? 1 : 0;
    AnalysedImage img = Must(Analyse(DrawPhoto(seed, variant, "ROOM " + std::to_string(seed + 1))),
                             "analyse photo");
    img.analysis.ocr_state = "pending";
    store::FrontierItem img_item = Lease(run, photo_url, now + 1000);
    store::ImageCommit ic;
    ic.item = img_item;
    ic.capture = Capture(img_item, now + 1000, img.bytes, img.mime);
    ic.sha256 = img.sha256;
    ic.size = static_cast<int64_t>(img.bytes.size());
    ic.mime = img.mime;
    ic.blob_path = ic.capture.blob_path;
    ic.now_ms = now + 1000;
    ic.analysis = img.analysis;
    Must(store_->CommitImage(ic), "commit image");
    // OCR "read" a phone and the advert's payloads off the photo.
    store::OcrCommit ocr;
    ocr.sha256 = img.sha256;
    ocr.state = "done";
    ocr.text = "CALL " + plan.phone_raw + " " + hostile;
    Selector s;
    s.kind = SelectorKind::kPhone;
    s.value = plan.phone;
    s.raw = plan.phone_raw;
    s.begin = 5;
    s.end = 5 + plan.phone_raw.size();
    s.snippet = "CALL " + plan.phone_raw + " " + p0;
    ocr.selectors.push_back(s);
    ocr.now_ms = now + 2000;
    Must(store_->CommitOcr(ocr), "commit ocr");
    Must(store_->FinishRun(run, now + 3000, ""), "finish run");
    // As the daemon does after a commit and after OCR: link, alert on growth.
    Must(store_->LinkDocument(r.document_id, now + 3000), "link document");
    Must(store_->LinkImage(img.sha256, now + 3000), "link image");

    images_[a] = img;
    documents_[a] = r.document_id;
    json plants = json::array();
    for (int i : group) plants.push_back(i + 1);
    out_["documents"].push_back({{"index", a},
                                 {"id", r.document_id},
                                 {"url", ad.url},
                                 {"phone", plan.phone},
                                 {"image_sha256", img.sha256},
                                 {"payloads", plants}});
  }

  store::FrontierItem Lease(int64_t run, const std::string& url, int64_t now) {
    for (const store::FrontierItem& it : Must(store_->LeaseFrontier(run, 1000, now), "lease")) {
      if (it.url == url) return it;
    }
    throw Failure{"no frontier item for " + url};
  }

  store::CaptureRow Capture(const store::FrontierItem& item, int64_t now, const std::string& body,
                            const std::string& type) {
    store::CaptureRow c;
    c.source_id = item.source_id;
    c.run_id = item.run_id;
    c.url = item.url;
    c.final_url = item.url;
    c.http_status = 200;
    c.fetched_ms = now;
    c.body_sha256 = Sha256Hex(body);
    c.body_size = static_cast<int64_t>(body.size());
    c.content_type = type;
    c.remote_ip = "192.0.2.10";
    c.egress = "direct";
    c.blob_path = Must(blobs_->Put(c.body_sha256, body), "put blob");
    Must(blobs_->Sync(), "sync blobs");
    return c;
  }

  void AddMatches() {
    for (auto [x, y] : {std::pair{7, 8}, std::pair{12, 13}}) {
      const int d = PdqDistance(images_[x].analysis.pdq, images_[y].analysis.pdq);
      if (d < 0 || d > 70)
        throw Failure{"drawn near-duplicates are " + std::to_string(d) + " apart"};
      Must(store_->RecordImageMatch(
               {images_[x].sha256, images_[y].sha256, d, "pdq", kBase + 20 * kDay}),
           "record match");
      Must(store_->LinkImage(images_[x].sha256, kBase + 20 * kDay), "link pair");
      out_["matches"].push_back({{"documents", {documents_[x], documents_[y]}},
                                 {"images", {images_[x].sha256, images_[y].sha256}},
                                 {"distance", d}});
    }
  }

  void AddWatchlistPhoto() {
    // The operation's photo is a re-posted copy of advert 4's; its file name is hostile.
    AnalysedImage photo = Must(Analyse(DrawPhoto(4, 2, "ROOM 5")), "watchlist photo");
    store::WatchlistImage w;
    w.operation = "OP-KESTREL";
    w.reason = "missing person report 17";
    w.added_by = "sup.visor";
    w.added_ms = kBase;
    w.file_name = payloads_[2] + ".png";
    w.sha256 = photo.sha256;
    w.width = photo.analysis.width;
    w.height = photo.analysis.height;
    w.pdq = photo.analysis.pdq;
    w.pdq_quality = photo.analysis.pdq_quality;
    w.phash = photo.analysis.phash;
    w.windows = photo.analysis.windows;
    const int64_t id = Must(store_->AddWatchlistImage(w), "add watchlist photo").first;
    store::AlertRow alert;
    alert.watchlist_image_id = id;
    alert.image_sha256 = images_[4].sha256;
    alert.document_id = documents_[4];
    alert.url = Url(4);
    alert.captured_ms = kBase + 4 * kDay;
    alert.distance = PdqDistance(photo.analysis.pdq, images_[4].analysis.pdq);
    alert.method = "pdq";
    alert.image_pdq = images_[4].analysis.pdq;
    alert.watchlist_pdq = photo.analysis.pdq;
    alert.created_ms = kBase + 4 * kDay + 5000;
    std::optional<int64_t> alert_id = Must(store_->RaiseAlert(alert), "raise alert");
    out_["alerts"].push_back({{"id", alert_id.value_or(0)}, {"kind", "watchlist_image"}});
  }

  void AddWatchedSelector() {
    store::WatchlistSelector w;
    w.kind = SelectorKind::kPhone;
    w.value = "+447700900101";
    w.operation = "OP-KESTREL";
    w.reason = payloads_[3];
    w.added_by = "sup.visor";
    w.added_ms = kBase;
    const int64_t watch = Must(store_->AddWatchlistSelector(w), "watch selector").first;
    for (int64_t id : Must(store_->RaiseAlertsForWatchEntry(watch, kBase + 20 * kDay), "alerts")) {
      out_["alerts"].push_back({{"id", id}, {"kind", "watchlist_selector"}});
    }
    out_["movement"] = {{"kind", "phone"}, {"value", "+447700900101"}};
  }

  // The clusters linking made (every document was linked as it came).
  void AddClusters() {
    for (const store::ClusterSummary& c : Must(store_->ListClusters(2, 100), "clusters")) {
      store::ClusterDetail d = Must(store_->GetCluster(c.id), "cluster").value();
      json docs = json::array();
      for (const store::DocumentSummary& m : d.documents) docs.push_back(m.id);
      out_["clusters"].push_back({{"id", c.id}, {"size", c.size}, {"documents", docs}});
    }
    for (const store::AlertRow& a : Must(store_->ListAlerts("", 1000), "alerts")) {
      if (a.kind == "cluster_growth") {
        out_["alerts"].push_back({{"id", a.id}, {"kind", "cluster_growth"}});
      }
    }
  }

  // Issue 6: seven invented companies whose every registry field carries
  // payloads (20 each), four registered at LS1 9ZZ (adverts 3 and 4 mention
  // it), with officers and PSCs, for /company/NUMBER and a postcode search.
  void AddRegistry() {
    const auto p = [this](size_t i) -> const std::string& {
      return payloads_[i % payloads_.size()];
    };
    for (size_t k = 0; k < 7; ++k) {
      const size_t at = k * 20;
      registry::Company c;
      c.number = "FX00000" + std::to_string(k + 1);
      c.name = p(at);
      c.status = p(at + 1);
      c.type = p(at + 2);
      c.sic_codes = {p(at + 3)};
      c.previous_names = {{p(at + 4), "", ""}};
      c.registered_office.address_line_1 = p(at + 5);
      c.registered_office.postal_code = k % 2 == 0 ? "LS1 9ZZ" : "ZZ9" + std::to_string(k) + " 9ZZ";
      Must(store_->UpsertCompany(c, store::RegistrySource::kApi, kBase), "company");
      for (size_t o = 0; o < 6; ++o) {
        registry::Officer officer;
        officer.officer_id = c.number + "-o" + std::to_string(o);
        officer.name = p(at + 6 + o);
        Must(store_->UpsertOfficer(officer, kBase), "officer");
        registry::Appointment ap;
        ap.officer_id = officer.officer_id;
        ap.company_number = c.number;
        ap.role = o == 0 ? p(at + 18) : "director";
        ap.appointed_on = "2020-01-0" + std::to_string(o + 1);
        ap.address.postal_code = "LS1 9ZZ";
        Must(store_->UpsertAppointment(ap, kBase), "appointment");
      }
      for (size_t i = 0; i < 6; ++i) {
        registry::Psc psc;
        psc.psc_id = c.number + "-p" + std::to_string(i);
        psc.company_number = c.number;
        psc.name = p(at + 12 + i);
        psc.natures_of_control = {p(at + 19)};
        psc.address.address_line_1 = p(at + 12 + i);
        psc.address.postal_code = "LS1 9ZZ";
        Must(store_->UpsertPsc(psc, store::RegistrySource::kApi, kBase), "psc");
      }
      out_["companies"].push_back(c.number);
    }
    out_["registry_postcode"] = "LS1 9ZZ";
  }

  void AddAudit() {
    for (int i = 0; i < 6; ++i) {
      const std::string& p = payloads_[payloads_.size() - 1 - i];
      store::AuditEntry e;
      e.at_ms = kBase + 21 * kDay + i * 60000;
      e.actor = "ana.lyst";
      e.action = i % 2 ? "consultation.search" : "consultation.document";
      e.object =
          i % 2 ? "selector:handle:telegram:" + p : "document:" + std::to_string(documents_[i]);
      e.detail = json{{"justification", {{"operation", "OP-KESTREL"}, {"text", p}}}}.dump();
      Must(store_->AppendAudit(e), "audit");
    }
  }

  void AddUsers() {
    if (sodium_init() < 0) throw Failure{"libsodium"};
    const std::vector<std::array<std::string, 3>> users = {
        {"ana.lyst", "analyst", "analyst-pass-7700"},
        {"sup.visor", "supervisor", "supervisor-pass-9460"}};
    for (const auto& [name, role, password] : users) {
      // The parameters review/ui/auth.h hashes with (argon2id, t=2, m=19 MiB).
      char phc[crypto_pwhash_STRBYTES];
      if (crypto_pwhash_str_alg(phc, password.c_str(), password.size(), 2, size_t{19} << 20,
                                crypto_pwhash_ALG_ARGON2ID13) != 0) {
        throw Failure{"hash password"};
      }
      store::AppUser user;
      user.name = name;
      user.role = role;
      user.password_hash = phc;
      user.created_ms = kBase;
      Must(store_->AddUser(user), "add user " + name);
      out_["users"][role] = {{"name", name}, {"password", password}};
    }
  }

  std::vector<std::string> payloads_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<daemon::BlobStore> blobs_;
  int64_t sources_[2] = {0, 0};
  std::map<int, AnalysedImage> images_;
  std::map<int, int64_t> documents_;
  json out_;
};

}  // namespace
}  // namespace harrier::fixture

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: harrier-ui-fixture STATE_DIR PAYLOADS_FILE\n");
    return 2;
  }
  try {
    harrier::fixture::Builder builder(argv[1], harrier::fixture::ReadPayloads(argv[2]));
    std::printf("%s\n", builder.Build().dump(1).c_str());
  } catch (const harrier::fixture::Failure& f) {
    std::fprintf(stderr, "harrier-ui-fixture: %s\n", f.what.c_str());
    return 1;
  }
  return 0;
}
