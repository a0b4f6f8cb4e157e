#include "review/export.h"

#include <gtest/gtest.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

#include "review/export_test_util.h"
#include "review/export_util.h"

namespace harrier::review {
namespace {

using testing::SampleGrading;
using testing::SampleGraph;
using testing::SampleMeta;

constexpr ExportFormat kAllFormats[] = {ExportFormat::kI2Csv,      ExportFormat::kAnx,
                                        ExportFormat::kFtm,        ExportFormat::kCsv,
                                        ExportFormat::kReportHtml, ExportFormat::kReportPdf};

using testing::ParseCsv;

TEST(ExportGradingTest, EveryFormatIsRefusedWithoutAnAnalystsGrade) {
  ExportGraph graph = SampleGraph();
  for (ExportFormat f : kAllFormats) {
    Result<std::string> out = WriteExport(f, graph, Grading{}, SampleMeta());
    ASSERT_FALSE(out.ok()) << ExportFormatName(f);
    EXPECT_EQ(out.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(out.status().message().find("source evaluation"), std::string::npos);
    EXPECT_NE(out.status().message().find("handling code"), std::string::npos);
  }
}

TEST(ExportGradingTest, HandlingCodeCWithoutConditionsIsRefused) {
  Grading g = SampleGrading();
  g.conditions = "  \n";
  Status st = ValidateGrading(g);
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(st.message().find("conditions"), std::string::npos);
  g.handling_code = 'P';
  EXPECT_TRUE(ValidateGrading(g).ok());
}

TEST(ExportGradingTest, EmptyMarkingIsRefused) {
  Grading g = SampleGrading();
  g.marking = "";
  EXPECT_NE(ValidateGrading(g).message().find("protective marking"), std::string::npos);
}

TEST(ExportGradingTest, ParseGradeTakesSourceThenAssessment) {
  Grading g;
  ASSERT_TRUE(ParseGrade("2b", &g).ok());
  EXPECT_EQ(g.source_evaluation, '2');
  EXPECT_EQ(g.intelligence_assessment, 'B');
  for (const char* bad : {"", "4B", "2F", "B2", "2BB", "0A"}) {
    EXPECT_EQ(ParseGrade(bad, &g).code(), StatusCode::kInvalidArgument) << bad;
  }
  g.handling_code = 'C';
  g.conditions = "SIO consent";
  EXPECT_EQ(GradeText(g), "2/B/C (SIO consent)");
}

TEST(ExportFormatTest, NamesRoundTrip) {
  for (ExportFormat f : kAllFormats) EXPECT_EQ(ParseExportFormat(ExportFormatName(f)), f);
  EXPECT_FALSE(ParseExportFormat("stix").has_value());
}

TEST(CsvCellTest, NeutralisesFormulasQuotesAndFlattensLines) {
  struct Case {
    std::string in, out;
  } cases[] = {
      {"=1+1", "'=1+1"},
      {"-2", "'-2"},
      {"@SUM(A1)", "'@SUM(A1)"},
      {"  =cmd", "'  =cmd"},
      {"+447700900123", "+447700900123"},  // an E.164 identity stays mergeable
      {"+44 7700 900123", "'+44 7700 900123"},
      {"a,b", "\"a,b\""},
      {"say \"hi\"", "\"say \"\"hi\"\"\""},
      {"a\r\nb\tc", "a  b c"},
      {"bad \xff", "bad \xEF\xBF\xBD"},
      {"line\xE2\x80\xA8sep", "line sep"},
  };
  for (const Case& c : cases) EXPECT_EQ(internal::CsvCell(c.in), c.out) << c.in;
}

TEST(I2CsvTest, MarkingLineThenExactlyTheRecommendedColumns) {
  Result<std::string> out = WriteI2Csv(SampleGraph(), SampleGrading(), SampleMeta());
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  auto rows = ParseCsv(*out);
  ASSERT_GE(rows.size(), 2u);
  EXPECT_EQ(rows[0][0], "OFFICIAL-SENSITIVE");
  EXPECT_EQ(rows[1],
            (std::vector<std::string>{
                "End1Type", "End1Identity", "End1Label", "LinkType", "LinkDirectionCode",
                "LinkStrengthCode", "LinkDate", "LinkTime", "End2Type", "End2Identity", "End2Label",
                "SourceURL", "CaptureSHA256", "FirstSeen", "LastSeen", "Grading"}));
}

TEST(I2CsvTest, OneRowPerLinkWithI2CodesAndUtcDateAndTime) {
  ExportGraph graph = SampleGraph();
  Result<std::string> out = WriteI2Csv(graph, SampleGrading(), SampleMeta());
  ASSERT_TRUE(out.ok());
  auto rows = ParseCsv(*out);
  ASSERT_EQ(rows.size(), graph.links.size() + 2);
  std::set<std::string> strengths;
  for (size_t i = 2; i < rows.size(); ++i) {
    const auto& r = rows[i];
    ASSERT_EQ(r.size(), 16u) << i;
    EXPECT_EQ(r[15], "2/B/C (Not to be shared outside OP TEST-7 without the SIO's consent)");
    if (r[9] == "+447700900123" && r[1] == "ADVERT-0123456789abcdef") {
      EXPECT_EQ(r[0], "Advert");
      EXPECT_EQ(r[3], "mentions");
      EXPECT_EQ(r[4], "1");
      EXPECT_EQ(r[5], "1");
      EXPECT_EQ(r[6], "2026-11-22");
      EXPECT_EQ(r[7], "07:35:30");
      EXPECT_EQ(r[8], "Phone");
      EXPECT_EQ(r[12], std::string(64, 'a'));
      EXPECT_EQ(r[13], "2026-11-22T07:35:30Z");
    }
    if (r[3] == "near-duplicate") {
      EXPECT_EQ(r[4], "0");
      strengths.insert(r[5]);
    }
  }
  EXPECT_EQ(strengths, (std::set<std::string>{"0", "2"}));
}

TEST(I2CsvTest, HostileCellsStayOneLineQuotedAndCannotRunAsFormulas) {
  Result<std::string> out = WriteI2Csv(SampleGraph(), SampleGrading(), SampleMeta());
  ASSERT_TRUE(out.ok());
  size_t crlf = 0;
  for (size_t p = 0; (p = out->find("\r\n", p)) != std::string::npos; p += 2) ++crlf;
  EXPECT_EQ(std::count(out->begin(), out->end(), '\n'), static_cast<long>(crlf));
  for (const auto& row : ParseCsv(*out)) {
    for (const auto& cell : row) {
      EXPECT_EQ(cell.find_first_of("\r\n"), std::string::npos);
      if (!cell.empty() && cell != "+447700900123") {
        EXPECT_EQ(std::string("=+-@").find(cell[0]), std::string::npos) << cell;
      }
    }
  }
  EXPECT_NE(out->find("\"'=HYPERLINK(\"\"http://evil.test\"\""), std::string::npos);
}

// The samples in docs/exports/ (made from the invented graph) are exactly
// what the writers make; HARRIER_UPDATE_SAMPLES=1 rewrites them.
TEST(ExportSamplesTest, CommittedSamplesAreWhatTheWritersMake) {
  const std::pair<ExportFormat, const char*> samples[] = {{ExportFormat::kI2Csv, "i2-sample.csv"},
                                                          {ExportFormat::kAnx, "sample.anx"},
                                                          {ExportFormat::kFtm, "sample.ftm"}};
  for (const auto& [format, name] : samples) {
    Result<std::string> out = WriteExport(format, SampleGraph(), SampleGrading(), SampleMeta());
    ASSERT_TRUE(out.ok());
    const std::string path = std::string(HARRIER_SOURCE_DIR "/docs/exports/") + name;
    if (const char* update = std::getenv("HARRIER_UPDATE_SAMPLES"); update && *update) {
      std::ofstream(path, std::ios::binary) << *out;
    }
    std::ifstream in(path, std::ios::binary);
    std::string committed{std::istreambuf_iterator<char>(in), {}};
    EXPECT_EQ(committed, *out) << name << ": regenerate with HARRIER_UPDATE_SAMPLES=1";
  }
}

TEST(PlainCsvTest, OneRowPerMentionWithProvenanceAndTheMarkingFirstAndLast) {
  ExportGraph graph = SampleGraph();
  Result<std::string> out = WritePlainCsv(graph, SampleGrading(), SampleMeta());
  ASSERT_TRUE(out.ok());
  auto rows = ParseCsv(*out);
  size_t mentions = std::count_if(graph.links.begin(), graph.links.end(), [](const ExportLink& l) {
    return l.type == LinkType::kMentions;
  });
  ASSERT_EQ(rows.size(), mentions + 3);
  EXPECT_EQ(rows.front()[0], "OFFICIAL-SENSITIVE");
  EXPECT_EQ(rows.back()[0], "OFFICIAL-SENSITIVE");
  EXPECT_EQ(rows[1][0], "AdvertIdentity");
  const auto& r = rows[2];
  ASSERT_EQ(r.size(), rows[1].size());
  EXPECT_EQ(r[5], "http://site.test/advert/1.html");
  EXPECT_EQ(r[6], "2026-11-22T07:35:30Z");
  EXPECT_EQ(r[8], "harrier-20261122-000001.warc.gz");
  EXPECT_EQ(r[9], "1234");
  EXPECT_EQ(r[10], "5678");
}

// ---- ANX ----------------------------------------------------------------------

struct XmlDocFree {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};

std::string Prop(xmlNode* n, const char* name) {
  xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
  std::string out = v ? reinterpret_cast<const char*>(v) : "";
  xmlFree(v);
  return out;
}

xmlNode* Child(xmlNode* n, const char* name) {
  for (xmlNode* c = n ? n->children : nullptr; c; c = c->next) {
    if (c->type == XML_ELEMENT_NODE && std::string(reinterpret_cast<const char*>(c->name)) == name)
      return c;
  }
  return nullptr;
}

TEST(AnxTest, ParsesBackWithTheChartStructureAndEveryLinkEndResolves) {
  ExportGraph graph = SampleGraph();
  Result<std::string> out = WriteAnx(graph, SampleGrading(), SampleMeta());
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  std::unique_ptr<xmlDoc, XmlDocFree> doc(xmlReadMemory(out->data(), static_cast<int>(out->size()),
                                                        "chart.anx", nullptr, XML_PARSE_NONET));
  ASSERT_NE(doc, nullptr) << "not well-formed";
  xmlNode* chart = xmlDocGetRootElement(doc.get());
  ASSERT_STREQ(reinterpret_cast<const char*>(chart->name), "Chart");
  for (const char* c : {"AttributeClassCollection", "EntityTypeCollection", "LinkTypeCollection",
                        "ChartItemCollection"}) {
    EXPECT_NE(Child(chart, c), nullptr) << c;
  }
  std::set<std::string> entity_ids, identities;
  std::vector<std::pair<std::string, std::string>> ends;
  size_t entities = 0, links = 0;
  for (xmlNode* item = Child(chart, "ChartItemCollection")->children; item; item = item->next) {
    if (item->type != XML_ELEMENT_NODE) continue;
    if (xmlNode* end = Child(item, "End")) {
      xmlNode* entity = Child(end, "Entity");
      ASSERT_NE(entity, nullptr);
      ASSERT_NE(Child(Child(entity, "Icon"), "IconStyle"), nullptr);
      EXPECT_TRUE(entity_ids.insert(Prop(entity, "entityId")).second);
      EXPECT_TRUE(identities.insert(Prop(entity, "identity")).second) << Prop(entity, "identity");
      ++entities;
    } else if (xmlNode* link = Child(item, "Link")) {
      ASSERT_NE(Child(link, "LinkStyle"), nullptr);
      ends.emplace_back(Prop(link, "end1Id"), Prop(link, "end2Id"));
      ++links;
    }
  }
  EXPECT_EQ(entities, graph.entities.size());
  EXPECT_EQ(links, graph.links.size());
  // The marking is the chart's classification, printed top and bottom of every page.
  xmlNode* property =
      Child(Child(Child(chart, "Summary"), "CustomPropertyCollection"), "CustomProperty");
  ASSERT_NE(property, nullptr);
  EXPECT_EQ(Prop(property, "name"), "classification");
  EXPECT_EQ(Prop(property, "value"), "OFFICIAL-SENSITIVE - Contains invented test data only");
  for (const char* where : {"Header", "Footer"}) {
    xmlNode* n = Child(
        Child(Child(chart, "PrintSettings"), (std::string(where) + "Collection").c_str()), where);
    ASSERT_NE(n, nullptr) << where;
    EXPECT_EQ(Prop(n, "property"), "classification");
  }
  for (const auto& [a, b] : ends) {
    EXPECT_TRUE(entity_ids.count(a)) << a;
    EXPECT_TRUE(entity_ids.count(b)) << b;
  }
}

TEST(AnxTest, HostileTextIsEscapedAndTheMarkingOpensAndClosesTheFile) {
  ExportGraph graph = SampleGraph();
  Result<std::string> out = WriteAnx(graph, SampleGrading(), SampleMeta());
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->find("<script>"), std::string::npos);
  EXPECT_EQ(out->find("<img"), std::string::npos);
  EXPECT_NE(out->find("&lt;script&gt;"), std::string::npos);
  size_t first = out->find("<!-- OFFICIAL-SENSITIVE"), chart = out->find("<Chart");
  size_t last = out->rfind("<!-- OFFICIAL-SENSITIVE"), end = out->rfind("</Chart>");
  EXPECT_LT(first, chart);
  EXPECT_GT(last, end);
  EXPECT_NE(last, std::string::npos);
}

}  // namespace
}  // namespace harrier::review
