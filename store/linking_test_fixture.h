// A store fixture for the linking and review tests: adverts with selectors
// and images committed through the ordinary commits, each in a run of its
// own, and the partition of documents into clusters.
#ifndef HARRIER_STORE_LINKING_TEST_FIXTURE_H_
#define HARRIER_STORE_LINKING_TEST_FIXTURE_H_

#include <map>
#include <set>
#include <string>
#include <vector>

#include "store/store_test_util.h"

namespace harrier::store::testing {

inline const std::string kSite = "http://127.0.0.1:8080";

// An Ofcom drama-range mobile in E.164: 07700 900000-900999.
inline std::string Phone(int n) {
  std::string digits = std::to_string(900000 + n % 1000);
  return "+447700" + digits;
}

class LinkingFixture : public StoreFixture {
 protected:
  // Commits (a new version of) the advert at `path` and links it. Returns
  // its document id.
  int64_t AddAdvert(const std::string& path, const std::vector<MentionInput>& mentions,
                    const std::vector<std::string>& images = {}, const std::string& location = "",
                    bool link = true) {
    const std::string url = kSite + path;
    now_ += 1000;
    const int64_t run = StartRun({url}, now_);
    AdvertInput ad = Advert(url, "body " + std::to_string(now_), mentions, images);
    ad.location = location;
    const PageCommitResult r = Commit(PageFor(LeaseUrl(run, url, now_), now_, ad));
    if (link) {
      EXPECT_TRUE(store_->LinkDocument(r.document_id, now_).ok());
    }
    return r.document_id;
  }

  // Fetches the image at `path` with these bytes and links it. Returns the sha256.
  std::string FetchImage(const std::string& path, const std::string& bytes, bool link = true) {
    const std::string url = kSite + path;
    now_ += 1000;
    const int64_t run = StartRun({}, now_);
    Result<int> queued = store_->Enqueue(source_, run, {url}, FrontierKind::kImage, 0, now_);
    EXPECT_TRUE(queued.ok()) << queued.status().ToString();
    CommitImage(LeaseUrl(run, url, now_), bytes, now_);
    const std::string sha = Sha256Hex(bytes);
    if (link) {
      Result<LinkOutcome> linked = store_->LinkImage(sha, now_);
      EXPECT_TRUE(linked.ok()) << linked.status().ToString();
    }
    return sha;
  }

  int64_t ClusterOf(int64_t document_id) {
    Result<std::optional<int64_t>> c = store_->ClusterOfDocument(document_id);
    EXPECT_TRUE(c.ok() && c->has_value()) << "document " << document_id;
    return c.ok() && c->has_value() ? **c : 0;
  }

  // document id -> cluster id, for every document.
  std::map<int64_t, int64_t> Assignment() {
    std::map<int64_t, int64_t> out;
    Result<std::vector<DocumentSummary>> docs = store_->ListDocuments();
    EXPECT_TRUE(docs.ok());
    if (!docs.ok()) return out;
    for (const DocumentSummary& d : *docs) out[d.id] = ClusterOf(d.id);
    return out;
  }

  // The partition itself, without the ids.
  static std::set<std::set<int64_t>> Partition(const std::map<int64_t, int64_t>& assignment) {
    std::map<int64_t, std::set<int64_t>> by_cluster;
    for (const auto& [doc, cluster] : assignment) by_cluster[cluster].insert(doc);
    std::set<std::set<int64_t>> out;
    for (auto& [cluster, docs] : by_cluster) out.insert(docs);
    return out;
  }

  std::vector<AlertRow> AlertsOfKind(const std::string& kind) {
    std::vector<AlertRow> out;
    Result<std::vector<AlertRow>> alerts = store_->ListAlerts("", 1000);
    EXPECT_TRUE(alerts.ok());
    if (!alerts.ok()) return out;
    for (const AlertRow& a : *alerts) {
      if (a.kind == kind) out.push_back(a);
    }
    return out;
  }

  int64_t now_ = kT0;
};

}  // namespace harrier::store::testing

#endif  // HARRIER_STORE_LINKING_TEST_FIXTURE_H_
