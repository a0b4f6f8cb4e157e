// Hostile strings in every field of every item, through every writer: the
// HTML report holds only its own tags, the ANX only its own elements and no
// DTD, the CSVs keep their shape with no cell a spreadsheet would run, FtM
// still validates, and the PDF lays the payloads out as plain text.
#include <gtest/gtest.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <regex>
#include <set>

#include "review/export.h"
#include "review/export_report.h"
#include "review/export_test_util.h"

namespace harrier::review {
namespace {

const std::vector<std::string>& Payloads() {
  static const std::vector<std::string> p = {
      "<script>alert(1)</script>",
      "\"><img src=x onerror=alert(1)>",
      "'><svg onload=alert(1)>",
      "javascript:alert(1)",
      "</title><script>alert(1)</script>",
      "</style><script>alert(1)</script>",
      "</td></tr></table><script>alert(1)</script>",
      "<!--",
      "-->",
      "]]>",
      "<![CDATA[<script>alert(1)</script>]]>",
      "&lt;script&gt;alert(1)&lt;/script&gt;",
      "<iframe src=//evil.test></iframe>",
      "<a href=http://evil.test>x</a>",
      "<meta http-equiv=refresh content=0;url=http://evil.test>",
      "<link rel=stylesheet href=http://evil.test/x.css>",
      "<base href=http://evil.test/>",
      "<style>@import 'http://evil.test/x.css'</style>",
      "<object data=http://evil.test/x.swf>",
      "<?xml version='1.0'?><x/>",
      "<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]>&e;",
      "=cmd|' /C calc'!A0",
      "+SUM(1+1)",
      "-2+3",
      "@SUM(1)",
      "\t=1+1",
      "\r\n=1+1",
      "a\nb\rc\x0b\x0c",
      std::string("nul\0byte", 8),
      "bad utf8 \xff\xfe\xc0\xaf",
      "rtl \xe2\x80\xae override",
      "line\xe2\x80\xa8separator",
      "${7*7}{{7*7}}",
      "\"quoted\", 'single', back\\slash",
      "<b onmouseover=alert(1)>x</b>",
  };
  return p;
}

// The sample graph with every string of every item replaced by payloads.
ExportGraph HostileGraph() {
  ExportGraph g = testing::SampleGraph();
  const auto& p = Payloads();
  size_t k = 0;
  auto next = [&]() { return p[k++ % p.size()]; };
  for (ExportEntity& e : g.entities) {
    e.label = next();
    e.title = next();
    e.location = next();
    e.provenance.source = next();
    e.provenance.url = next();
    e.provenance.warc_file = next();
  }
  for (ExportLink& l : g.links) {
    l.source_url = next();
    l.method = next();
  }
  return g;
}

TEST(ExportXssTest, HtmlReportHoldsOnlyItsOwnTags) {
  Result<std::string> out =
      WriteReportHtml(HostileGraph(), testing::SampleGrading(), testing::SampleMeta());
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  static const std::regex tag("<[^>]*>");
  std::set<std::string> seen;
  for (auto it = std::sregex_iterator(out->begin(), out->end(), tag); it != std::sregex_iterator();
       ++it) {
    seen.insert(it->str());
  }
  const std::set<std::string> allowed = {
      "<!DOCTYPE html>",
      "<html lang=\"en\">",
      "</html>",
      "<head>",
      "</head>",
      "<meta charset=\"utf-8\">",
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
      "style-src 'unsafe-inline'\">",
      "<title>",
      "</title>",
      "<style>",
      "</style>",
      "<body>",
      "</body>",
      "<div class=\"marking top\">",
      "<div class=\"marking bottom\">",
      "</div>",
      "<h1>",
      "</h1>",
      "<h2>",
      "</h2>",
      "<p>",
      "</p>",
      "<br>",
      "<table>",
      "<table class=\"grading\">",
      "</table>",
      "<tr>",
      "</tr>",
      "<th>",
      "</th>",
      "<td>",
      "</td>"};
  for (const std::string& t : seen) EXPECT_TRUE(allowed.count(t)) << "unexpected tag " << t;
  EXPECT_EQ(out->find('\0'), std::string::npos);
}

TEST(ExportXssTest, AnxHoldsOnlyItsOwnElementsAndNoDtd) {
  Result<std::string> out =
      WriteAnx(HostileGraph(), testing::SampleGrading(), testing::SampleMeta());
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  xmlDoc* doc =
      xmlReadMemory(out->data(), static_cast<int>(out->size()), "x.anx", nullptr, XML_PARSE_NONET);
  ASSERT_NE(doc, nullptr) << "not well-formed";
  EXPECT_EQ(doc->intSubset, nullptr);
  const std::set<std::string> allowed = {"Chart",
                                         "AttributeClassCollection",
                                         "AttributeClass",
                                         "LinkTypeCollection",
                                         "LinkType",
                                         "EntityTypeCollection",
                                         "EntityType",
                                         "CustomImageCollection",
                                         "ChartItemCollection",
                                         "ChartItem",
                                         "End",
                                         "Entity",
                                         "Icon",
                                         "IconStyle",
                                         "AttributeCollection",
                                         "Attribute",
                                         "Link",
                                         "LinkStyle",
                                         "Summary",
                                         "CustomPropertyCollection",
                                         "CustomProperty",
                                         "PrintSettings",
                                         "HeaderCollection",
                                         "Header",
                                         "FooterCollection",
                                         "Footer"};
  std::vector<xmlNode*> stack = {xmlDocGetRootElement(doc)};
  size_t elements = 0;
  while (!stack.empty()) {
    xmlNode* n = stack.back();
    stack.pop_back();
    for (; n; n = n->next) {
      if (n->type == XML_ELEMENT_NODE) {
        ++elements;
        EXPECT_TRUE(allowed.count(reinterpret_cast<const char*>(n->name))) << n->name;
        stack.push_back(n->children);
      }
    }
  }
  EXPECT_GT(elements, 100u);
  xmlFreeDoc(doc);
}

TEST(ExportXssTest, CsvsKeepTheirShapeAndNoCellRuns) {
  ExportGraph g = HostileGraph();
  for (auto writer : {WriteI2Csv, WritePlainCsv}) {
    Result<std::string> out = writer(g, testing::SampleGrading(), testing::SampleMeta());
    ASSERT_TRUE(out.ok()) << out.status().ToString();
    auto rows = testing::ParseCsv(*out);
    ASSERT_GE(rows.size(), 3u);
    for (size_t i = 2; i < rows.size(); ++i) {
      if (rows[i].size() <= 2) continue;  // the closing marking line (plain CSV)
      EXPECT_EQ(rows[i].size(), rows[1].size()) << "row " << i;
      for (const std::string& cell : rows[i]) {
        EXPECT_EQ(cell.find_first_of(std::string("\r\n\t\0", 4)), std::string::npos) << cell;
        size_t first = cell.find_first_not_of(' ');
        if (first == std::string::npos || cell == "+447700900123") continue;
        EXPECT_EQ(std::string("=+-@").find(cell[first]), std::string::npos) << cell;
      }
    }
  }
}

TEST(ExportXssTest, FtmStillValidates) {
  Result<std::string> out =
      WriteFtm(HostileGraph(), testing::SampleGrading(), testing::SampleMeta());
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  Status st = ValidateFtm(*out);
  EXPECT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(out->find("\"sourceUrl\":[\"javascript"), std::string::npos);  // never a URL
}

TEST(ExportXssTest, PdfLaysOutPayloadsAsPlainText) {
  std::vector<std::vector<std::string>> pages;
  Result<std::string> out = internal::RenderReportPdf(HostileGraph(), testing::SampleGrading(),
                                                      testing::SampleMeta(), &pages);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  std::string all;
  for (const auto& page : pages) {
    for (const auto& t : page) all += t + "\n";
  }
  EXPECT_NE(all.find("<script>alert(1)</script>"), std::string::npos);
  EXPECT_NE(all.find("<b onmouseover=alert(1)>x</b>"), std::string::npos);
}

}  // namespace
}  // namespace harrier::review
