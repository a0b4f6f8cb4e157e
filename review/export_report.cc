#include "review/export_report.h"

#include "review/export_util.h"

namespace harrier::review::internal {

std::string SourceEvaluationText(char code) {
  switch (code) {
    case '1':
      return "1 Reliable";
    case '2':
      return "2 Untested";
    case '3':
      return "3 Not reliable";
  }
  return "?";
}

std::string AssessmentText(char code) {
  switch (code) {
    case 'A':
      return "A Known directly to the source";
    case 'B':
      return "B Known indirectly to the source but corroborated";
    case 'C':
      return "C Known indirectly to the source";
    case 'D':
      return "D Not known";
    case 'E':
      return "E Suspected to be false";
  }
  return "?";
}

std::string HandlingText(char code) {
  if (code == 'P') return "P Lawful sharing permitted";
  if (code == 'C') return "C Lawful sharing permitted with conditions";
  return "?";
}

std::string Clip(const std::string& text, size_t max) {
  if (text.size() <= max) return text;
  size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "\xE2\x80\xA6";
}

namespace {

std::string ProvenanceLine(const Provenance& p) {
  std::string s = "Source " + p.source + "; URL " + p.url + "; captured " + UtcStamp(p.capture_ms) +
                  "; body SHA-256 " + p.body_sha256;
  if (!p.warc_file.empty()) {
    s += "; WARC " + p.warc_file + " offset " + std::to_string(p.warc_offset) + " length " +
         std::to_string(p.warc_length);
  } else {
    s += "; no WARC record (stored body only)";
  }
  return s + "; first seen " + UtcStamp(p.first_seen_ms) + "; last seen " +
         UtcStamp(p.last_seen_ms);
}

const char* kStrength[] = {"confirmed", "unconfirmed", "tentative"};

}  // namespace

std::vector<ReportBlock> ReportBlocks(const ExportGraph& graph, const Grading& g,
                                      const ExportMeta& meta) {
  std::vector<ReportBlock> b;
  auto add = [&](ReportBlock::Kind k, std::string text) { b.push_back({k, OneLine(text)}); };
  add(ReportBlock::kTitle, "Harrier intelligence report");
  add(ReportBlock::kHeading, "Grading (3x5x2)");
  add(ReportBlock::kText, "Source evaluation: " + SourceEvaluationText(g.source_evaluation));
  add(ReportBlock::kText, "Intelligence assessment: " + AssessmentText(g.intelligence_assessment));
  add(ReportBlock::kText, "Handling code: " + HandlingText(g.handling_code));
  if (g.handling_code == 'C') add(ReportBlock::kText, "Conditions: " + g.conditions);
  if (!g.handling_instructions.empty())
    add(ReportBlock::kText, "Handling instructions: " + g.handling_instructions);
  add(ReportBlock::kText, "Generated " + UtcStamp(meta.generated_ms) + " (UTC) by " +
                              meta.generated_by + " for " + meta.recipient);
  add(ReportBlock::kText, "Justification: " + meta.reason);
  size_t adverts = 0, images = 0, selectors = 0;
  for (const ExportEntity& e : graph.entities) {
    (e.type == EntityType::kAdvert ? adverts : e.type == EntityType::kImage ? images : selectors)++;
  }
  add(ReportBlock::kHeading, "Summary");
  add(ReportBlock::kText, std::to_string(adverts) + " adverts, " + std::to_string(images) +
                              " images, " + std::to_string(selectors) + " selectors, " +
                              std::to_string(graph.links.size()) + " links. All times UTC.");
  const char* sections[] = {"Adverts", "Images", "Selectors"};
  for (int s = 0; s < 3; ++s) {
    add(ReportBlock::kHeading, sections[s]);
    for (const ExportEntity& e : graph.entities) {
      int section = e.type == EntityType::kAdvert ? 0 : e.type == EntityType::kImage ? 1 : 2;
      if (section != s) continue;
      std::string head = std::string(EntityTypeName(e.type)) + " " + e.identity;
      if (e.type == EntityType::kAdvert) {
        head += " (advert " + std::to_string(e.document_id) + "): \"" + Clip(e.title, 200) +
                "\", " + Clip(e.location, 80);
      } else if (e.type == EntityType::kCompany || e.type == EntityType::kPerson ||
                 e.type == EntityType::kCorporate || e.type == EntityType::kRegisteredAddress) {
        head += ": " + Clip(e.label, 120);
      }
      add(ReportBlock::kItem, head);
      add(ReportBlock::kText, ProvenanceLine(e.provenance));
    }
  }
  add(ReportBlock::kHeading, "Links");
  for (const ExportLink& l : graph.links) {
    std::string s = l.end1 + " " + std::string(LinkTypeName(l.type)) + " " + l.end2 + " (" +
                    kStrength[static_cast<int>(l.strength)] + ")";
    if (l.distance >= 0) s += ", PDQ distance " + std::to_string(l.distance);
    s += ", " + UtcStamp(l.date_ms);
    if (!l.capture_sha256.empty()) s += ", capture SHA-256 " + l.capture_sha256;
    add(ReportBlock::kItem, s);
  }
  return b;
}

}  // namespace harrier::review::internal
