// What the intelligence report says, shared by its HTML and PDF writers:
// the grade explained, and the report as a sequence of blocks (headings and
// lines of text) that the PDF lays out. Internal to review/.
#ifndef HARRIER_REVIEW_EXPORT_REPORT_H_
#define HARRIER_REVIEW_EXPORT_REPORT_H_

#include <string>
#include <vector>

#include "review/export.h"

namespace harrier::review::internal {

// "2 Untested", "B Known indirectly to the source but corroborated",
// "P Lawful sharing permitted".
std::string SourceEvaluationText(char code);
std::string AssessmentText(char code);
std::string HandlingText(char code);

// Scraped text cut to `max` bytes at a UTF-8 boundary, with an ellipsis.
std::string Clip(const std::string& text, size_t max);

struct ReportBlock {
  enum Kind { kTitle, kHeading, kText, kItem } kind = kText;
  std::string text;  // plain text (hostile parts included): never markup
};

// The report, in reading order: title, grading box, who/for whom/why,
// summary, then every advert, image, selector and link with provenance.
std::vector<ReportBlock> ReportBlocks(const ExportGraph& graph, const Grading& grading,
                                      const ExportMeta& meta);

// The PDF writer, recording the text of every block it laid out, page by
// page (the marking is the first and last of each page), for tests.
Result<std::string> RenderReportPdf(const ExportGraph& graph, const Grading& grading,
                                    const ExportMeta& meta,
                                    std::vector<std::vector<std::string>>* pages_laid_out);

}  // namespace harrier::review::internal

#endif  // HARRIER_REVIEW_EXPORT_REPORT_H_
