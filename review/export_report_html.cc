// The intelligence report as one self-contained HTML file: no script, no
// external resource (its own CSP says so), scraped text escaped, URLs shown
// as text and never as links, the marking at the top and bottom (and, when
// printed, on every page).
#include "review/export.h"
#include "review/export_report.h"
#include "review/export_util.h"

namespace harrier::review {

namespace {

using internal::HtmlEscape;
using internal::UtcStamp;

constexpr char kStyle[] =
    "body{font-family:sans-serif;font-size:10pt;margin:3em 2em}"
    ".marking{text-align:center;font-weight:bold;background:#fff;border:2px solid #000;"
    "padding:.3em;margin:.5em 0}"
    "table{border-collapse:collapse;width:100%;margin:.5em 0}"
    "td,th{border:1px solid #888;padding:.2em .4em;vertical-align:top;text-align:left;"
    "overflow-wrap:anywhere}"
    ".grading{width:auto;border:2px solid #000}.grading th{background:#eee}"
    "@media print{.marking.top{position:fixed;top:0;left:0;right:0}"
    ".marking.bottom{position:fixed;bottom:0;left:0;right:0}}";

std::string Cell(const std::string& text) { return "<td>" + HtmlEscape(text) + "</td>"; }

std::string Row(std::initializer_list<std::string> cells) {
  std::string out = "<tr>";
  for (const std::string& c : cells) out += Cell(c);
  return out + "</tr>\n";
}

std::string Header(std::initializer_list<const char*> names) {
  std::string out = "<tr>";
  for (const char* n : names) out += std::string("<th>") + n + "</th>";
  return out + "</tr>\n";
}

std::string Warc(const Provenance& p) {
  if (p.warc_file.empty()) return "none (stored body only)";
  return p.warc_file + " @" + std::to_string(p.warc_offset) + " +" + std::to_string(p.warc_length);
}

std::string GradingBox(const Grading& g) {
  std::string out = "<table class=\"grading\">\n";
  out += "<tr><th>Source evaluation</th>" +
         Cell(internal::SourceEvaluationText(g.source_evaluation)) + "</tr>\n";
  out += "<tr><th>Intelligence assessment</th>" +
         Cell(internal::AssessmentText(g.intelligence_assessment)) + "</tr>\n";
  out += "<tr><th>Handling code</th>" + Cell(internal::HandlingText(g.handling_code)) + "</tr>\n";
  if (g.handling_code == 'C') out += "<tr><th>Conditions</th>" + Cell(g.conditions) + "</tr>\n";
  if (!g.handling_instructions.empty())
    out += "<tr><th>Handling instructions</th>" + Cell(g.handling_instructions) + "</tr>\n";
  return out + "</table>\n";
}

std::string EntityTables(const ExportGraph& graph) {
  std::string adverts, images, selectors;
  for (const ExportEntity& e : graph.entities) {
    const Provenance& p = e.provenance;
    if (e.type == EntityType::kAdvert) {
      adverts += Row({e.identity, std::to_string(e.document_id), internal::Clip(e.title, 300),
                      internal::Clip(e.location, 100), p.source, p.url, UtcStamp(p.capture_ms),
                      p.body_sha256, Warc(p), UtcStamp(p.first_seen_ms), UtcStamp(p.last_seen_ms)});
    } else if (e.type == EntityType::kImage) {
      images += Row({e.identity, e.value, p.url, UtcStamp(p.capture_ms), Warc(p),
                     UtcStamp(p.first_seen_ms), UtcStamp(p.last_seen_ms)});
    } else {
      selectors +=
          Row({std::string(EntityTypeName(e.type)), e.identity, p.url, UtcStamp(p.capture_ms),
               p.body_sha256, UtcStamp(p.first_seen_ms), UtcStamp(p.last_seen_ms)});
    }
  }
  std::string out = "<h2>Adverts</h2>\n<table>\n";
  out += Header({"Identity", "Advert", "Title (as scraped)", "Location", "Source", "URL",
                 "Captured (UTC)", "Body SHA-256", "WARC record", "First seen", "Last seen"});
  out += adverts + "</table>\n<h2>Images</h2>\n<table>\n";
  out += Header(
      {"Identity", "SHA-256", "URL", "Captured (UTC)", "WARC record", "First seen", "Last seen"});
  out += images + "</table>\n<h2>Selectors</h2>\n<table>\n";
  out += Header({"Type", "Identity", "First shown by", "Captured (UTC)", "Capture SHA-256",
                 "First seen", "Last seen"});
  return out + selectors + "</table>\n";
}

std::string LinkTable(const ExportGraph& graph) {
  static const char* kStrength[] = {"confirmed", "unconfirmed", "tentative"};
  std::string out = "<h2>Links</h2>\n<table>\n";
  out += Header(
      {"From", "Link", "To", "Strength", "Date (UTC)", "Source URL", "Capture SHA-256", "Detail"});
  for (const ExportLink& l : graph.links) {
    std::string detail =
        l.distance >= 0 ? "PDQ distance " + std::to_string(l.distance) + " (" + l.method + ")" : "";
    out += Row({l.end1, std::string(LinkTypeName(l.type)), l.end2,
                kStrength[static_cast<int>(l.strength)], UtcStamp(l.date_ms), l.source_url,
                l.capture_sha256, detail});
  }
  return out + "</table>\n";
}

}  // namespace

Result<std::string> WriteReportHtml(const ExportGraph& graph, const Grading& grading,
                                    const ExportMeta& meta) {
  HARRIER_RETURN_IF_ERROR(ValidateGrading(grading));
  const std::string marking = HtmlEscape(internal::OneLine(grading.marking));
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
      "style-src 'unsafe-inline'\">\n<title>" +
      marking + " - Harrier intelligence report</title>\n<style>" + kStyle +
      "</style>\n</head>\n<body>\n";
  out += "<div class=\"marking top\">" + marking + "</div>\n";
  out += "<h1>Harrier intelligence report</h1>\n" + GradingBox(grading);
  out += "<p>Generated " + HtmlEscape(UtcStamp(meta.generated_ms)) + " (UTC) by " +
         HtmlEscape(meta.generated_by) + " for " + HtmlEscape(meta.recipient) +
         ".<br>Justification: " + HtmlEscape(meta.reason) + "</p>\n";
  out +=
      "<p>All times are UTC. Text marked \"as scraped\" is reproduced from the source and is "
      "unverified. Link strength: confirmed (an analyst confirmed it), unconfirmed (seen in a "
      "capture), tentative (a machine's suggestion).</p>\n";
  out += EntityTables(graph) + LinkTable(graph);
  out += "<div class=\"marking bottom\">" + marking + "</div>\n</body>\n</html>\n";
  return out;
}

}  // namespace harrier::review
