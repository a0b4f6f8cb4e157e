// The grade, the format names and the dispatch to each writer.
#include "review/export.h"

namespace harrier::review {

Status ValidateGrading(const Grading& g) {
  std::string missing;
  auto add = [&](const std::string& what) { missing += (missing.empty() ? "" : "; ") + what; };
  if (g.source_evaluation < '1' || g.source_evaluation > '3') add("source evaluation (1, 2 or 3)");
  if (g.intelligence_assessment < 'A' || g.intelligence_assessment > 'E')
    add("intelligence assessment (A to E)");
  if (g.handling_code != 'P' && g.handling_code != 'C') add("handling code (P or C)");
  if (g.handling_code == 'C' && g.conditions.find_first_not_of(" \t\r\n") == std::string::npos)
    add("handling conditions (mandatory with handling code C)");
  if (g.marking.find_first_not_of(" \t\r\n") == std::string::npos) add("protective marking");
  if (missing.empty()) return Status::Ok();
  return Status::InvalidArgument(
      "export refused: an analyst must grade it (3x5x2); missing or invalid: " + missing);
}

Status ParseGrade(std::string_view text, Grading* g) {
  if (text.size() != 2) {
    return Status::InvalidArgument("grade '" + std::string(text) +
                                   "' is not source evaluation and assessment, e.g. 2B");
  }
  char s = text[0];
  char a = static_cast<char>(text[1] >= 'a' && text[1] <= 'e' ? text[1] - 'a' + 'A' : text[1]);
  if (s < '1' || s > '3' || a < 'A' || a > 'E') {
    return Status::InvalidArgument("grade '" + std::string(text) +
                                   "': source evaluation is 1-3, assessment A-E (e.g. 2B)");
  }
  g->source_evaluation = s;
  g->intelligence_assessment = a;
  return Status::Ok();
}

std::string GradeText(const Grading& g) {
  std::string out{g.source_evaluation, '/', g.intelligence_assessment, '/', g.handling_code};
  if (g.handling_code == 'C') out += " (" + g.conditions + ")";
  return out;
}

namespace {
struct FormatInfo {
  ExportFormat format;
  std::string_view name;
  std::string_view extension;
};
constexpr FormatInfo kFormats[] = {
    {ExportFormat::kI2Csv, "i2-csv", "csv"},
    {ExportFormat::kAnx, "anx", "anx"},
    {ExportFormat::kFtm, "ftm", "ftm"},
    {ExportFormat::kCsv, "csv", "csv"},
    {ExportFormat::kReportHtml, "report-html", "html"},
    {ExportFormat::kReportPdf, "report-pdf", "pdf"},
};
}  // namespace

std::optional<ExportFormat> ParseExportFormat(std::string_view name) {
  for (const FormatInfo& f : kFormats) {
    if (f.name == name) return f.format;
  }
  return std::nullopt;
}

std::string_view ExportFormatName(ExportFormat format) {
  for (const FormatInfo& f : kFormats) {
    if (f.format == format) return f.name;
  }
  return "";
}

std::string_view ExportFileExtension(ExportFormat format) {
  for (const FormatInfo& f : kFormats) {
    if (f.format == format) return f.extension;
  }
  return "";
}

Result<std::string> WriteExport(ExportFormat format, const ExportGraph& graph,
                                const Grading& grading, const ExportMeta& meta) {
  switch (format) {
    case ExportFormat::kI2Csv:
      return WriteI2Csv(graph, grading, meta);
    case ExportFormat::kAnx:
      return WriteAnx(graph, grading, meta);
    case ExportFormat::kFtm:
      return WriteFtm(graph, grading, meta);
    case ExportFormat::kCsv:
      return WritePlainCsv(graph, grading, meta);
    case ExportFormat::kReportHtml:
      return WriteReportHtml(graph, grading, meta);
    case ExportFormat::kReportPdf:
      return WriteReportPdf(graph, grading, meta);
  }
  return Status::InvalidArgument("unknown export format");
}

}  // namespace harrier::review
