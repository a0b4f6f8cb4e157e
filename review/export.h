// Exports of linked findings into analysts' tools: i2 Analyst's Notebook
// (CSV with its import specification, and ANX XML), FollowTheMoney JSON
// lines, plain CSV, and an intelligence report (HTML and PDF). The graph is
// built once from the store; each writer turns it, with the analyst's grade
// and marking, into the file's bytes. Nothing here writes files or the audit
// log: the caller (the CLI, the web UI) audits the disclosure first.
// Thread-safety: the writers are pure functions; BuildExportGraph uses the
// Store it is given (one thread at a time, as every Store).
//
// Usage:
//   ExportSelection sel;  sel.document_ids = {12, 14};
//   Result<ExportGraph> graph = BuildExportGraph(store, sel);
//   Grading g;  g.source_evaluation = '2';  g.intelligence_assessment = 'B';
//   g.handling_code = 'P';
//   Result<std::string> bytes = WriteExport(ExportFormat::kI2Csv, *graph, g, meta);
#ifndef HARRIER_REVIEW_EXPORT_H_
#define HARRIER_REVIEW_EXPORT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/selector.h"
#include "core/status.h"
#include "store/store.h"

namespace harrier::review {

// ---- what to export ----------------------------------------------------------

// Adverts by id, plus every advert that mentions one of the selectors
// (values normalised as core/selector.h describes). A cluster becomes its
// member document ids before it gets here.
struct ExportSelection {
  std::vector<int64_t> document_ids;
  std::vector<std::pair<SelectorKind, std::string>> selectors;
  // Companies House numbers: each company's network (review/export_registry.h)
  // up to company_depth officer hops, and the adverts sharing its postcodes.
  std::vector<std::string> company_numbers = {};
  int company_depth = 1;
};

// ---- the graph ---------------------------------------------------------------

enum class EntityType {
  kAdvert,
  kImage,
  kPhone,
  kEmail,
  kPostcode,
  kPlace,
  kWallet,
  kHandle,
  kBankAccount,
  kIban,
  // Companies House entities (review/export_registry.h).
  kCompany,
  kPerson,
  kCorporate,  // a corporate officer or PSC the store has no company record of
  kRegisteredAddress,
};

// "Advert", "Image", "Phone", "Email", "Postcode", "Place", "Wallet",
// "Handle", "BankAccount", "IBAN", "Company", "Person", "Organisation",
// "Address": the entity type names the i2 chart template and the ANX carry.
std::string_view EntityTypeName(EntityType type);

// Where an item came from: the capture that proves it. Times are UTC ms
// since the epoch; 0 when unknown. For a selector, the capture is the
// earliest in the export that showed it.
struct Provenance {
  std::string source;
  std::string url;
  int64_t capture_ms = 0;
  std::string body_sha256;
  std::string warc_file;  // empty for captures made before WARC recording
  int64_t warc_offset = 0;
  int64_t warc_length = 0;
  int64_t first_seen_ms = 0;
  int64_t last_seen_ms = 0;
};

// What Companies House says of a registry entity; empty for the others.
// Dates are ISO 8601 prefixes as the register gives them.
struct RegistryFacts {
  std::string registration_number;  // the company number; a corporate party's registration
  std::string jurisdiction;         // lower-case ISO 3166-1 alpha-2 ("gb") or ""
  std::string incorporation_date;
  std::string dissolution_date;
  std::string status;            // "active", "dissolved", ...
  std::string birth_date;        // people: "1979-03" (the register gives month and year)
  std::string nationality;       // people: as registered ("British")
  std::string address_identity;  // the identity of its kRegisteredAddress entity, or ""
  std::string address_full;      // the address text (addresses: their own)
  std::string postal_code;       // addresses: normalised "TE1 2ST" when a UK postcode
};

struct ExportEntity {
  // Stable across exports, unique in a graph: E.164 phone, lower-case email,
  // "SW1A 1AA", the wallet address, "platform:handle", "NN-NN-NN NNNNNNNN",
  // the IBAN, the place "Name, Area, CC", "ADVERT-<16 hex of SHA-256 of
  // source\nurl>", "IMAGE-<16 hex of the image SHA-256>".
  std::string identity;
  EntityType type = EntityType::kAdvert;
  std::string label;        // for display; scraped text for adverts (hostile)
  std::string value;        // the selector's normalised value; the image SHA-256; the advert URL
  int64_t document_id = 0;  // adverts only
  std::string title;        // adverts only (hostile)
  std::string location;     // adverts only (hostile)
  Provenance provenance;
  RegistryFacts registry;  // registry entities only
};

// Registry links: a person or body is a director (or secretary) of a
// company, owns or controls it (a PSC), is registered at an address; a
// registry address carries a postcode that adverts mention.
enum class LinkType {
  kMentions,
  kShows,
  kNearDuplicate,
  kDirectorship,
  kOwnership,
  kRegisteredAt,
  kInPostcode,
};
// "mentions", "shows", "near-duplicate", "directorship", "ownership",
// "registered-at", "in-postcode".
std::string_view LinkTypeName(LinkType type);

// i2's codes (iBase "Specifying information about links"): 0 confirmed (an
// analyst confirmed it), 1 unconfirmed (seen in a capture, not reviewed),
// 2 tentative (a machine's suggestion: image distance, low-confidence text).
enum class LinkStrength { kConfirmed = 0, kUnconfirmed = 1, kTentative = 2 };

struct ExportLink {
  std::string end1;  // identities of entities in the same graph
  std::string end2;
  LinkType type = LinkType::kMentions;
  LinkStrength strength = LinkStrength::kUnconfirmed;
  bool directed = true;  // end1 -> end2 (i2 direction code 1), else 0
  int64_t date_ms = 0;   // the first capture that showed it
  std::string source_url;
  std::string capture_sha256;
  int distance = -1;   // near-duplicates: PDQ distance
  std::string method;  // near-duplicates: "pdq", "pdq-dihedral"
  int64_t first_seen_ms = 0;
  int64_t last_seen_ms = 0;
};

// The Companies House facts of a kDirectorship or kOwnership link.
struct RegistryInterest {
  size_t link = 0;                 // index in ExportGraph::links
  std::vector<std::string> roles;  // the officer role; a PSC's natures of control
  std::string start_date;          // appointed on; notified on
  std::string end_date;            // resigned on; ceased on; "" while current
};

struct ExportGraph {
  // Adverts, then images, then selectors, then registry entities.
  std::vector<ExportEntity> entities;
  std::vector<ExportLink> links;
  std::vector<RegistryInterest> interests;
  // Linear: writers index the entities once (export_util.h) instead.
  const ExportEntity* Find(std::string_view identity) const;
};

// Reads the selected adverts (GetDocument, GetEvidence), their images and
// near-duplicate pairs (ImageMatchDecisions, GetImage) and builds the
// graph. A near-duplicate's other image is included even when no selected
// advert shows it; a pair an analyst rejected is left out, a confirmed one
// is a confirmed link. NotFound naming the id for an advert that does not exist;
// InvalidArgument for an empty selection or one that matches nothing.
Result<ExportGraph> BuildExportGraph(store::Store& store, const ExportSelection& selection);

// ---- grade and marking -------------------------------------------------------

// The 3x5x2 grade (College of Policing APP) and protective marking. Set by
// an analyst, never by automation: every writer refuses without one.
struct Grading {
  char source_evaluation = 0;        // '1' reliable, '2' untested, '3' not reliable
  char intelligence_assessment = 0;  // 'A'..'E'
  char handling_code = 0;            // 'P' lawful sharing permitted, 'C' with conditions
  std::string conditions;            // mandatory when handling_code is 'C'
  std::string marking = "OFFICIAL-SENSITIVE";
  std::string handling_instructions;
};

// OK, or InvalidArgument naming every missing or invalid part.
Status ValidateGrading(const Grading& grading);
// "2B" (or "2b") into source evaluation and assessment; InvalidArgument otherwise.
Status ParseGrade(std::string_view text, Grading* grading);
// "2/B/P", or "2/B/C (conditions)": the grade as one line.
std::string GradeText(const Grading& grading);

// Who made the export, for whom and why; printed in reports.
struct ExportMeta {
  std::string generated_by;
  std::string recipient;
  std::string reason;
  int64_t generated_ms = 0;
};

// ---- writers: graph + grading -> bytes -----------------------------------------
// Each returns the file's bytes, or InvalidArgument when the grading is
// missing or invalid (nothing is produced). Scraped strings are escaped for
// the format.

enum class ExportFormat { kI2Csv, kAnx, kFtm, kCsv, kReportHtml, kReportPdf };
// "i2-csv", "anx", "ftm", "csv", "report-html", "report-pdf".
std::optional<ExportFormat> ParseExportFormat(std::string_view name);
std::string_view ExportFormatName(ExportFormat format);
std::string_view ExportFileExtension(ExportFormat format);  // "csv", "anx", "ftm", "html", "pdf"

// Dispatches to the writer of the format.
Result<std::string> WriteExport(ExportFormat format, const ExportGraph& graph,
                                const Grading& grading, const ExportMeta& meta);

// i2 CSV, one link per row. Line 1 is the marking (the import skips it),
// line 2 the header End1Type, End1Identity, End1Label, LinkType,
// LinkDirectionCode, LinkStrengthCode, LinkDate, LinkTime, End2Type,
// End2Identity, End2Label, SourceURL, CaptureSHA256, FirstSeen, LastSeen,
// Grading. See docs/exports/i2-import-spec.md.
Result<std::string> WriteI2Csv(const ExportGraph& graph, const Grading& grading,
                               const ExportMeta& meta);
// One row per advert-selector mention with its provenance; the marking is
// the first and last line.
Result<std::string> WritePlainCsv(const ExportGraph& graph, const Grading& grading,
                                  const ExportMeta& meta);
// Analyst's Notebook Exchange XML.
Result<std::string> WriteAnx(const ExportGraph& graph, const Grading& grading,
                             const ExportMeta& meta);
// FollowTheMoney entities, one JSON object per line; "marking" and "grading"
// are top-level context keys of every line.
Result<std::string> WriteFtm(const ExportGraph& graph, const Grading& grading,
                             const ExportMeta& meta);
// A self-contained HTML intelligence report (no script, no external fetch).
Result<std::string> WriteReportHtml(const ExportGraph& graph, const Grading& grading,
                                    const ExportMeta& meta);
// The same report as PDF (Cairo + Pango), marking at the top and bottom of
// every page.
Result<std::string> WriteReportPdf(const ExportGraph& graph, const Grading& grading,
                                   const ExportMeta& meta);

// ---- an export as a disclosure -----------------------------------------------------

// An export ready to hand over, with the audit row that must be appended
// (Store::AppendAudit) before the bytes leave: the CLI and the web UI both
// disclose through this, so their audit rows are the same.
struct PreparedExport {
  std::string bytes;
  std::string sha256;     // of bytes, lower-case hex
  std::string file_name;  // suggested: "harrier-<format>-<UTC stamp>.<ext>"
  std::string
      mime_type;  // text/csv, application/xml, application/x-ndjson, text/html, application/pdf
  ExportGraph graph;
  // action "disclosure.export", object "export:<format>", detail JSON with
  // format, recipient, grade, marking, justification, the selection, the
  // adverts exported, entity and link counts, sha256 and size. The caller
  // may add to detail (e.g. the output path) before appending it.
  store::AuditEntry audit;
};

// Builds the graph, writes the format and prepares the audit row (actor
// meta.generated_by, time meta.generated_ms). InvalidArgument without a
// recipient, a reason or a valid grade; errors of BuildExportGraph as they
// are. Appends nothing itself.
Result<PreparedExport> PrepareExport(store::Store& store, const ExportSelection& selection,
                                     ExportFormat format, const Grading& grading,
                                     const ExportMeta& meta);

// Checks a FollowTheMoney stream (one or more lines) against the rules
// Harrier relies on (docs/exports.md): id pattern, known schema, required
// properties, every property a known one whose value is an array of
// strings, phone E.164, dates ISO 8601 prefixes, country lower-case
// alpha-2, entity references resolving within the stream. InvalidArgument
// naming the line and the rule broken.
Status ValidateFtm(std::string_view jsonl);

}  // namespace harrier::review

#endif  // HARRIER_REVIEW_EXPORT_H_
