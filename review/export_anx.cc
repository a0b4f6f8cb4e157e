// Analyst's Notebook Exchange XML, written with libxml2's xmlTextWriter
// (which escapes every attribute and text). The structure follows Lumify's
// reverse-engineered model (docs/exports.md): Chart, AttributeClass,
// LinkType, EntityType and ChartItem collections; an entity item is End ->
// Entity -> Icon -> IconStyle, a link item Link -> LinkStyle.
#include <libxml/xmlwriter.h>

#include <algorithm>
#include <map>
#include <memory>
#include <vector>

#include "review/export.h"
#include "review/export_util.h"

namespace harrier::review {

namespace {

using internal::OneLine;
using internal::UtcStamp;

const char* const kAttributeClasses[] = {"SourceURL",  "CaptureUTC", "CaptureSHA256",
                                         "WarcRecord", "FirstSeen",  "LastSeen",
                                         "Grading",    "Marking",    "Distance"};

const char* IconFor(EntityType type) {
  switch (type) {
    case EntityType::kAdvert:
      return "Document";
    case EntityType::kImage:
      return "Photograph";
    case EntityType::kPhone:
      return "Mobile Phone";
    case EntityType::kEmail:
      return "E-Mail";
    case EntityType::kPostcode:
    case EntityType::kPlace:
      return "Location";
    case EntityType::kWallet:
    case EntityType::kBankAccount:
    case EntityType::kIban:
      return "Bank Account";
    case EntityType::kHandle:
      return "Internet Account";
    case EntityType::kCompany:
    case EntityType::kCorporate:
      return "Organisation";
    case EntityType::kPerson:
      return "Person";
    case EntityType::kRegisteredAddress:
      return "Location";
  }
  return "Entity";
}

const char* ArrowFor(const ExportLink& l) { return l.directed ? "ArrowOnHead" : "ArrowNone"; }

// Thin wrapper: every call's failure sticks, checked once at the end.
class Writer {
 public:
  Writer() : buf_(xmlBufferCreate()), w_(buf_ ? xmlNewTextWriterMemory(buf_, 0) : nullptr) {}
  ~Writer() {
    if (w_) xmlFreeTextWriter(w_);
    if (buf_) xmlBufferFree(buf_);
  }
  bool ok() const { return w_ != nullptr && ok_; }
  void Start(const char* name) { Check(xmlTextWriterStartElement(w_, X(name))); }
  void End() { Check(xmlTextWriterEndElement(w_)); }
  void Attr(const char* name, const std::string& value) {
    Check(xmlTextWriterWriteAttribute(w_, X(name), X(OneLine(value).c_str())));
  }
  void Comment(const std::string& text) {
    std::string t = OneLine(text);
    for (size_t p; (p = t.find("--")) != std::string::npos;) t.replace(p, 2, "- ");
    Check(xmlTextWriterWriteComment(w_, X((" " + t + " ").c_str())));
  }
  void Begin() {
    Check(xmlTextWriterSetIndent(w_, 1));
    Check(xmlTextWriterStartDocument(w_, "1.0", "UTF-8", nullptr));
  }
  std::string Finish() {
    Check(xmlTextWriterEndDocument(w_));
    xmlTextWriterFlush(w_);
    return std::string(reinterpret_cast<const char*>(xmlBufferContent(buf_)),
                       static_cast<size_t>(xmlBufferLength(buf_)));
  }

 private:
  static const xmlChar* X(const char* s) { return reinterpret_cast<const xmlChar*>(s); }
  void Check(int rc) { ok_ = ok_ && w_ != nullptr && rc >= 0; }
  xmlBufferPtr buf_;
  xmlTextWriterPtr w_;
  bool ok_ = true;
};

void Attribute(Writer& w, const char* cls, const std::string& value) {
  if (value.empty()) return;
  w.Start("Attribute");
  w.Attr("attributeClass", cls);
  w.Attr("value", value);
  w.End();
}

void Collections(Writer& w, const ExportGraph& graph) {
  w.Start("AttributeClassCollection");
  for (const char* name : kAttributeClasses) {
    w.Start("AttributeClass");
    w.Attr("name", name);
    w.Attr("type", std::string(name) == "Distance" ? "AttNumber" : "AttText");
    w.Attr("visible", "true");
    w.Attr("showValue", "true");
    w.End();
  }
  w.End();
  w.Start("LinkTypeCollection");
  // The advert link types always; the registry ones when the chart has them.
  std::vector<LinkType> link_types = {LinkType::kMentions, LinkType::kShows,
                                      LinkType::kNearDuplicate};
  for (LinkType t : {LinkType::kDirectorship, LinkType::kOwnership, LinkType::kRegisteredAt,
                     LinkType::kInPostcode}) {
    if (std::any_of(graph.links.begin(), graph.links.end(),
                    [t](const ExportLink& l) { return l.type == t; }))
      link_types.push_back(t);
  }
  for (LinkType t : link_types) {
    w.Start("LinkType");
    w.Attr("name", std::string(LinkTypeName(t)));
    w.Attr("colour", t == LinkType::kNearDuplicate ? "255" : "0");
    w.End();
  }
  w.End();
  w.Start("EntityTypeCollection");
  std::map<std::string, const char*> types;
  for (const ExportEntity& e : graph.entities)
    types[std::string(EntityTypeName(e.type))] = IconFor(e.type);
  for (const auto& [name, icon] : types) {
    w.Start("EntityType");
    w.Attr("name", name);
    w.Attr("iconFile", icon);
    w.End();
  }
  w.End();
  w.Start("CustomImageCollection");
  w.End();
}

// The marking as the chart's "classification" summary property, printed
// by ANB at the centre of every page's header and footer (the Summary and
// PrintSettings of Lumify's model for ANB 7 and 8).
void MarkingSettings(Writer& w, const Grading& g) {
  std::string marking = g.marking;
  if (!g.handling_instructions.empty()) marking += " - " + g.handling_instructions;
  w.Start("Summary");
  w.Start("CustomPropertyCollection");
  w.Start("CustomProperty");
  w.Attr("name", "classification");
  w.Attr("type", "String");
  w.Attr("value", marking);
  w.End();
  w.End();
  w.End();
  w.Start("PrintSettings");
  for (const char* where : {"Header", "Footer"}) {
    w.Start((std::string(where) + "Collection").c_str());
    w.Start(where);
    w.Attr("position", "HeaderFooterPositionCenter");
    w.Attr("property", "classification");
    w.Attr("visible", "true");
    w.End();
    w.End();
  }
  w.End();
}

void EntityItem(Writer& w, const ExportEntity& e, const std::string& entity_id, int index,
                const Grading& g) {
  const Provenance& p = e.provenance;
  w.Start("ChartItem");
  w.Attr("label", e.label);
  w.Attr("description", std::string(EntityTypeName(e.type)) + " " + e.value);
  w.Attr("dateSet", "false");
  w.Attr("xPosition", std::to_string(100 * (index % 20)));
  w.Attr("sourceReference", p.url);
  w.Start("End");  // ANB 7 and later: x is the ChartItem's xPosition
  w.Attr("y", std::to_string(100 * (index / 20)));
  w.Start("Entity");
  w.Attr("entityId", entity_id);
  w.Attr("identity", e.identity);
  w.Start("Icon");
  w.Start("IconStyle");
  w.Attr("type", std::string(EntityTypeName(e.type)));
  w.End();
  w.End();
  w.End();  // Entity
  w.End();  // End
  w.Start("AttributeCollection");
  Attribute(w, "SourceURL", p.url);
  Attribute(w, "CaptureUTC", UtcStamp(p.capture_ms));
  Attribute(w, "CaptureSHA256", p.body_sha256);
  if (!p.warc_file.empty()) {
    Attribute(
        w, "WarcRecord",
        p.warc_file + "@" + std::to_string(p.warc_offset) + "+" + std::to_string(p.warc_length));
  }
  Attribute(w, "FirstSeen", UtcStamp(p.first_seen_ms));
  Attribute(w, "LastSeen", UtcStamp(p.last_seen_ms));
  Attribute(w, "Grading", GradeText(g));
  Attribute(w, "Marking", g.marking);
  w.End();
  w.End();  // ChartItem
}

void LinkItem(Writer& w, const ExportLink& l, const std::string& end1, const std::string& end2,
              const Grading& g) {
  w.Start("ChartItem");
  w.Attr("label", std::string(LinkTypeName(l.type)));
  w.Attr("description", std::string(LinkTypeName(l.type)) + " " + l.end1 + " " + l.end2);
  w.Attr("dateSet", l.date_ms ? "true" : "false");
  if (l.date_ms) w.Attr("dateTime", UtcStamp(l.date_ms));
  w.Attr("sourceReference", l.source_url);
  w.Start("Link");
  w.Attr("end1Id", end1);
  w.Attr("end2Id", end2);
  w.Start("LinkStyle");
  w.Attr("type", std::string(LinkTypeName(l.type)));
  w.Attr("arrowStyle", ArrowFor(l));
  w.Attr("strength", std::to_string(static_cast<int>(l.strength)));  // i2 0/1/2
  w.End();
  w.End();
  w.Start("AttributeCollection");
  Attribute(w, "SourceURL", l.source_url);
  Attribute(w, "CaptureSHA256", l.capture_sha256);
  Attribute(w, "FirstSeen", UtcStamp(l.first_seen_ms));
  Attribute(w, "LastSeen", UtcStamp(l.last_seen_ms));
  if (l.distance >= 0) Attribute(w, "Distance", std::to_string(l.distance));
  Attribute(w, "Grading", GradeText(g));
  Attribute(w, "Marking", g.marking);
  w.End();
  w.End();
}

}  // namespace

Result<std::string> WriteAnx(const ExportGraph& graph, const Grading& grading,
                             const ExportMeta& /*meta*/) {
  HARRIER_RETURN_IF_ERROR(ValidateGrading(grading));
  std::map<std::string, std::string> entity_ids;
  for (const ExportEntity& e : graph.entities) {
    entity_ids.emplace(e.identity, "E" + std::to_string(entity_ids.size() + 1));
  }
  Writer w;
  w.Begin();
  const std::string banner = grading.marking + " " + grading.handling_instructions;
  w.Comment(banner);
  w.Start("Chart");
  w.Attr("idReferenceLinking", "false");
  w.Attr("rigorous", "false");  // as Lumify's exporter: ANB tolerates what it does not know
  Collections(w, graph);
  w.Start("ChartItemCollection");
  int index = 0;
  for (const ExportEntity& e : graph.entities)
    EntityItem(w, e, entity_ids[e.identity], index++, grading);
  for (const ExportLink& l : graph.links) {
    auto a = entity_ids.find(l.end1), b = entity_ids.find(l.end2);
    if (a == entity_ids.end() || b == entity_ids.end()) {
      return Status::Internal("link " + l.end1 + " - " + l.end2 + " has an end not in the graph");
    }
    LinkItem(w, l, a->second, b->second, grading);
  }
  w.End();  // ChartItemCollection
  MarkingSettings(w, grading);
  w.End();  // Chart
  w.Comment(banner);
  std::string out = w.Finish();
  if (!w.ok()) return Status::Internal("write ANX: libxml2 xmlTextWriter failed");
  return out;
}

}  // namespace harrier::review
