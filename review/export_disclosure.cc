// PrepareExport: one export and the audit row of its disclosure (DPA 2018
// s.62: who disclosed what to whom, when and why).
#include <nlohmann/json.hpp>

#include "core/sha256.h"
#include "review/export.h"
#include "review/export_util.h"

namespace harrier::review {

namespace {

using nlohmann::json;

std::string_view MimeType(ExportFormat format) {
  switch (format) {
    case ExportFormat::kI2Csv:
    case ExportFormat::kCsv:
      return "text/csv; charset=utf-8";
    case ExportFormat::kAnx:
      return "application/xml";
    case ExportFormat::kFtm:
      return "application/x-ndjson";
    case ExportFormat::kReportHtml:
      return "text/html; charset=utf-8";
    case ExportFormat::kReportPdf:
      return "application/pdf";
  }
  return "application/octet-stream";
}

bool Blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

json AuditDetail(const ExportSelection& sel, ExportFormat format, const Grading& g,
                 const ExportMeta& meta, const PreparedExport& p) {
  json adverts = json::array(), selectors = json::array();
  for (const ExportEntity& e : p.graph.entities) {
    if (e.type == EntityType::kAdvert) adverts.push_back(e.document_id);
  }
  for (const auto& [kind, value] : sel.selectors) {
    selectors.push_back(std::string(SelectorKindName(kind)) + ":" + value);
  }
  return {{"format", ExportFormatName(format)},
          {"recipient", meta.recipient},
          {"grade", GradeText(g)},
          {"marking", g.marking},
          {"handling_instructions", g.handling_instructions},
          {"justification", meta.reason},
          {"reason", meta.reason},
          {"selected_adverts", sel.document_ids},
          {"selected_selectors", std::move(selectors)},
          {"selected_companies", sel.company_numbers},
          {"company_depth", sel.company_numbers.empty() ? 0 : sel.company_depth},
          {"adverts", std::move(adverts)},
          {"entities", p.graph.entities.size()},
          {"links", p.graph.links.size()},
          {"file_name", p.file_name},
          {"sha256", p.sha256},
          {"size", p.bytes.size()}};
}

}  // namespace

Result<PreparedExport> PrepareExport(store::Store& store, const ExportSelection& selection,
                                     ExportFormat format, const Grading& grading,
                                     const ExportMeta& meta) {
  std::string missing;
  if (Blank(meta.recipient)) missing += " a recipient";
  if (Blank(meta.reason)) missing += missing.empty() ? " a reason" : " and a reason";
  if (!missing.empty()) {
    return Status::InvalidArgument("an export is a disclosure and needs" + missing);
  }
  HARRIER_RETURN_IF_ERROR(ValidateGrading(grading));
  Result<ExportGraph> graph = BuildExportGraph(store, selection);
  if (!graph.ok()) return graph.status();
  PreparedExport p;
  p.graph = std::move(*graph);
  Result<std::string> bytes = WriteExport(format, p.graph, grading, meta);
  if (!bytes.ok()) return bytes.status();
  p.bytes = std::move(*bytes);
  p.sha256 = Sha256Hex(p.bytes);
  std::string stamp = internal::UtcStamp(meta.generated_ms);
  std::erase_if(stamp, [](char c) { return c == '-' || c == ':'; });
  p.file_name = "harrier-" + std::string(ExportFormatName(format)) + "-" + stamp + "." +
                std::string(ExportFileExtension(format));
  p.mime_type = std::string(MimeType(format));
  p.audit = {meta.generated_ms, meta.generated_by, "disclosure.export",
             "export:" + std::string(ExportFormatName(format)),
             AuditDetail(selection, format, grading, meta, p)
                 .dump(-1, ' ', false, json::error_handler_t::replace)};
  return p;
}

}  // namespace harrier::review
