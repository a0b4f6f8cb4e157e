// Export writers: time and size of each format for a graph of N adverts
// sharing one phone (build/bench/export_bench [N ...], default 1000 10000).
// The graph is the writers' test graph with N more adverts.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "review/export.h"
#include "review/export_test_util.h"

namespace {

using namespace harrier::review;

ExportGraph Graph(int adverts) {
  ExportGraph g = testing::SampleGraph();
  for (int i = 0; i < adverts; ++i) {
    ExportEntity e = g.entities[0];
    e.identity = "ADVERT-" + std::to_string(1000000000000000 + i);
    e.document_id = 100 + i;
    g.entities.push_back(e);
    g.links.push_back({e.identity, "+447700900123", LinkType::kMentions, LinkStrength::kUnconfirmed,
                       true, testing::kT, e.provenance.url, e.provenance.body_sha256, -1, "",
                       testing::kT, testing::kT});
  }
  return g;
}

double MsSince(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<int> sizes;
  for (int i = 1; i < argc; ++i) sizes.push_back(std::atoi(argv[i]));
  if (sizes.empty()) sizes = {1000, 10000};
  std::printf("%-12s %8s %8s %10s %12s\n", "format", "entities", "links", "ms", "bytes");
  for (int n : sizes) {
    ExportGraph g = Graph(n);
    for (ExportFormat f :
         {ExportFormat::kI2Csv, ExportFormat::kAnx, ExportFormat::kFtm, ExportFormat::kCsv,
          ExportFormat::kReportHtml, ExportFormat::kReportPdf}) {
      auto t0 = std::chrono::steady_clock::now();
      auto out = WriteExport(f, g, testing::SampleGrading(), testing::SampleMeta());
      double ms = MsSince(t0);
      if (!out.ok()) {
        std::fprintf(stderr, "%s\n", out.status().ToString().c_str());
        return 1;
      }
      std::printf("%-12s %8zu %8zu %10.1f %12zu\n", std::string(ExportFormatName(f)).c_str(),
                  g.entities.size(), g.links.size(), ms, out->size());
      if (f == ExportFormat::kFtm) {
        t0 = std::chrono::steady_clock::now();
        harrier::Status st = ValidateFtm(*out);
        std::printf("%-12s %8zu %8zu %10.1f %12s\n", "ftm-validate", g.entities.size(),
                    g.links.size(), MsSince(t0), st.ok() ? "ok" : st.message().c_str());
      }
    }
  }
  return 0;
}
