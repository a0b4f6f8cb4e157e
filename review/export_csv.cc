// i2 Analyst's Notebook CSV (one link per row, for the import specification
// in docs/exports/i2-import-spec.md) and plain CSV (one row per mention).
#include <string>
#include <vector>

#include "review/export.h"
#include "review/export_util.h"

namespace harrier::review {

namespace {

using internal::CsvRow;
using internal::UtcStamp;

std::vector<std::string> MarkingCells(const Grading& g) {
  std::vector<std::string> cells = {g.marking};
  if (!g.handling_instructions.empty()) cells.push_back(g.handling_instructions);
  return cells;
}

}  // namespace

Result<std::string> WriteI2Csv(const ExportGraph& graph, const Grading& grading,
                               const ExportMeta& /*meta*/) {
  HARRIER_RETURN_IF_ERROR(ValidateGrading(grading));
  // The marking goes first, alone: the import specification starts at line
  // 2, so it never becomes a chart item, and the file still carries it.
  std::string out = CsvRow(MarkingCells(grading));
  out += CsvRow({"End1Type", "End1Identity", "End1Label", "LinkType", "LinkDirectionCode",
                 "LinkStrengthCode", "LinkDate", "LinkTime", "End2Type", "End2Identity",
                 "End2Label", "SourceURL", "CaptureSHA256", "FirstSeen", "LastSeen", "Grading"});
  const std::string grade = GradeText(grading);
  const internal::EntityIndex index = internal::IndexEntities(graph);
  for (const ExportLink& l : graph.links) {
    const ExportEntity* a = internal::Lookup(index, l.end1);
    const ExportEntity* b = internal::Lookup(index, l.end2);
    if (a == nullptr || b == nullptr) {
      return Status::Internal("link " + l.end1 + " - " + l.end2 + " has an end not in the graph");
    }
    out += CsvRow({std::string(EntityTypeName(a->type)), a->identity, a->label,
                   std::string(LinkTypeName(l.type)), l.directed ? "1" : "0",
                   std::to_string(static_cast<int>(l.strength)), internal::UtcDate(l.date_ms),
                   internal::UtcTime(l.date_ms), std::string(EntityTypeName(b->type)), b->identity,
                   b->label, l.source_url, l.capture_sha256, UtcStamp(l.first_seen_ms),
                   UtcStamp(l.last_seen_ms), grade});
  }
  return out;
}

Result<std::string> WritePlainCsv(const ExportGraph& graph, const Grading& grading,
                                  const ExportMeta& /*meta*/) {
  HARRIER_RETURN_IF_ERROR(ValidateGrading(grading));
  std::string out = CsvRow(MarkingCells(grading));
  out += CsvRow({"AdvertIdentity", "AdvertTitle", "SelectorKind", "SelectorValue", "Source", "URL",
                 "CaptureUTC", "CaptureSHA256", "WarcFile", "WarcOffset", "WarcLength", "FirstSeen",
                 "LastSeen", "LinkStrength", "Grading"});
  const std::string grade = GradeText(grading);
  static const char* kStrength[] = {"confirmed", "unconfirmed", "tentative"};
  const internal::EntityIndex index = internal::IndexEntities(graph);
  for (const ExportLink& l : graph.links) {
    if (l.type != LinkType::kMentions) continue;
    const ExportEntity* a = internal::Lookup(index, l.end1);
    const ExportEntity* s = internal::Lookup(index, l.end2);
    if (a == nullptr || s == nullptr) continue;
    const Provenance& p = a->provenance;
    out +=
        CsvRow({a->identity, a->title, std::string(EntityTypeName(s->type)), s->value, p.source,
                p.url, UtcStamp(p.capture_ms), p.body_sha256, p.warc_file,
                p.warc_file.empty() ? "" : std::to_string(p.warc_offset),
                p.warc_file.empty() ? "" : std::to_string(p.warc_length), UtcStamp(l.first_seen_ms),
                UtcStamp(l.last_seen_ms), kStrength[static_cast<int>(l.strength)], grade});
  }
  out += CsvRow(MarkingCells(grading));
  return out;
}

}  // namespace harrier::review
