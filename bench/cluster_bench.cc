// Incremental linking of adverts into clusters (issue 7): per-advert cost of
// LinkDocument beside the page commit itself, the cost of a from-scratch
// RebuildClusters, and a check that both give the same partition.
//   build/bench/cluster_bench [ADVERTS] [HUB_EVERY]
// Adverts mention one or two phones from a pool of ADVERTS/3 invented
// numbers (Ofcom drama range, repeated), and every HUB_EVERY-th advert one
// shared "hub" number as well, so one selector links many adverts.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <random>
#include <set>
#include <string>

#include "core/sha256.h"
#include "store/store.h"

namespace {

using namespace harrier;
using Clock = std::chrono::steady_clock;

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

store::MentionInput Phone(int n, size_t at) {
  store::MentionInput m;
  m.selector.kind = SelectorKind::kPhone;
  m.selector.value = "+447700" + std::to_string(900000 + n % 1000) + std::to_string(n / 1000);
  m.selector.raw = m.selector.value;
  m.selector.begin = at;
  m.field = "body";
  return m;
}

std::map<int64_t, int64_t> Assignment(store::Store& s) {
  std::map<int64_t, int64_t> out;
  Result<std::vector<store::DocumentSummary>> docs = s.ListDocuments();
  if (!docs.ok()) return out;
  for (const store::DocumentSummary& d : *docs) out[d.id] = **s.ClusterOfDocument(d.id);
  return out;
}

std::set<std::set<int64_t>> Partition(const std::map<int64_t, int64_t>& a) {
  std::map<int64_t, std::set<int64_t>> by;
  for (const auto& [doc, c] : a) by[c].insert(doc);
  std::set<std::set<int64_t>> out;
  for (auto& [c, docs] : by) out.insert(docs);
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  const int adverts = argc > 1 ? std::atoi(argv[1]) : 20000;
  const int hub_every = argc > 2 ? std::atoi(argv[2]) : 50;
  const std::string path = std::filesystem::temp_directory_path() / "cluster_bench.db";
  std::filesystem::remove(path);
  std::filesystem::remove(path + "-wal");
  auto opened = store::Store::Open({path});
  if (!opened.ok()) return std::fprintf(stderr, "%s\n", opened.status().ToString().c_str()), 1;
  store::Store& s = **opened;
  s.SetClusterAlertSize(5);
  const int64_t source = *s.UpsertSource("bench", "site", "BENCH-1");
  std::mt19937 rng(7);
  const int pool = std::max(1, adverts / 3);
  Clock::duration commit_time{}, link_time{};
  int64_t now = 1767225600000;
  constexpr int kBatch = 100;  // adverts per transaction, as harrierd batches commits
  for (int first = 0; first < adverts; first += kBatch) {
    std::vector<std::string> urls;
    for (int i = first; i < std::min(adverts, first + kBatch); ++i) {
      urls.push_back("http://site.test/advert/" + std::to_string(i));
    }
    const int64_t run = *s.StartRun(source, urls, now);
    std::vector<store::FrontierItem> items = *s.LeaseFrontier(run, kBatch, now);
    Status st = s.InTransaction([&]() -> Status {
      for (size_t k = 0; k < items.size(); ++k) {
        const int i = first + static_cast<int>(k);
        store::PageCommit page;
        page.item = items[k];
        page.capture.source_id = source;
        page.capture.run_id = run;
        page.capture.url = page.capture.final_url = items[k].url;
        page.capture.http_status = 200;
        page.capture.fetched_ms = ++now;
        page.capture.body_sha256 = Sha256Hex(items[k].url);
        page.now_ms = now;
        store::AdvertInput ad;
        ad.url = items[k].url;
        ad.title = "advert";
        ad.body = "body " + std::to_string(i);
        ad.mentions.push_back(Phone(static_cast<int>(rng() % pool), 0));
        if (rng() % 2 == 0) ad.mentions.push_back(Phone(static_cast<int>(rng() % pool), 20));
        if (hub_every > 0 && i % hub_every == 0) ad.mentions.push_back(Phone(999999, 40));
        page.advert = ad;
        const Clock::time_point t0 = Clock::now();
        Result<store::PageCommitResult> r = s.CommitPage(page);
        if (!r.ok()) return r.status();
        const Clock::time_point t1 = Clock::now();
        Result<store::LinkOutcome> linked = s.LinkDocument(r->document_id, now);
        if (!linked.ok()) return linked.status();
        commit_time += t1 - t0;
        link_time += Clock::now() - t1;
      }
      return Status::Ok();
    });
    if (!st.ok()) return std::fprintf(stderr, "%s\n", st.ToString().c_str()), 1;
  }
  const std::map<int64_t, int64_t> incremental = Assignment(s);
  const Clock::time_point r0 = Clock::now();
  Status rebuilt = s.RebuildClusters(now);
  const double rebuild_s = Seconds(Clock::now() - r0);
  if (!rebuilt.ok()) return std::fprintf(stderr, "%s\n", rebuilt.ToString().c_str()), 1;
  const std::map<int64_t, int64_t> after = Assignment(s);
  const size_t clusters = Partition(after).size();
  std::printf("adverts %d, phone pool %d, hub every %d: %zu clusters\n", adverts, pool, hub_every,
              clusters);
  std::printf("commit  %.1f us/advert\n", 1e6 * Seconds(commit_time) / adverts);
  std::printf("link    %.1f us/advert (LinkDocument, growth alerts included)\n",
              1e6 * Seconds(link_time) / adverts);
  std::printf("rebuild %.3f s for all adverts\n", rebuild_s);
  std::printf("incremental == rebuild: %s; ids kept: %s\n",
              Partition(incremental) == Partition(after) ? "yes" : "NO",
              incremental == after ? "yes" : "NO");
  if (argc <= 3) {  // a third argument keeps the database for EXPLAIN QUERY PLAN
    std::filesystem::remove(path);
    std::filesystem::remove(path + "-wal");
    std::filesystem::remove(path + "-shm");
  }
  return Partition(incremental) == Partition(after) ? 0 : 1;
}
