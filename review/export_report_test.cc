#include "review/export_report.h"

#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "review/export.h"
#include "review/export_test_util.h"

namespace harrier::review {
namespace {

using testing::SampleGrading;
using testing::SampleGraph;
using testing::SampleMeta;

size_t Count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t p = 0; (p = text.find(what, p)) != std::string::npos; p += what.size()) ++n;
  return n;
}

// The sample graph with many more adverts: a report of several pages.
ExportGraph BigGraph(int adverts) {
  ExportGraph g = SampleGraph();
  for (int i = 0; i < adverts; ++i) {
    ExportEntity e = g.entities[0];
    e.identity = "ADVERT-" + std::to_string(1000000000000000 + i);
    e.document_id = 100 + i;
    g.entities.push_back(e);
    g.links.push_back({e.identity, "+447700900123", LinkType::kMentions, LinkStrength::kUnconfirmed,
                       true, testing::kT, e.provenance.url, e.provenance.body_sha256, -1, "",
                       testing::kT, testing::kT});
  }
  return g;
}

TEST(ReportHtmlTest, MarkingBannersOpenAndCloseTheReport) {
  Result<std::string> out = WriteReportHtml(SampleGraph(), SampleGrading(), SampleMeta());
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_EQ(Count(*out, "<div class=\"marking"), 2u);
  size_t top = out->find("<div class=\"marking top\">OFFICIAL-SENSITIVE</div>");
  size_t bottom = out->find("<div class=\"marking bottom\">OFFICIAL-SENSITIVE</div>");
  ASSERT_NE(top, std::string::npos);
  ASSERT_NE(bottom, std::string::npos);
  EXPECT_LT(top, out->find("<h1>"));
  EXPECT_GT(bottom, out->rfind("</table>"));
}

TEST(ReportHtmlTest, ScrapedTextIsEscapedAndNothingCanRunOrFetch) {
  Result<std::string> out = WriteReportHtml(SampleGraph(), SampleGrading(), SampleMeta());
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->find("<script"), std::string::npos);
  EXPECT_EQ(out->find("<img"), std::string::npos);
  EXPECT_EQ(out->find("<a "), std::string::npos);    // URLs are text, never links
  EXPECT_EQ(out->find("src="), out->find("src=x"));  // only inside escaped text
  EXPECT_NE(out->find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(out->find("&lt;img src=x onerror=alert(2)&gt;"), std::string::npos);
  EXPECT_NE(out->find("DS Example, &lt;OP TEST-7&gt;"), std::string::npos);
  EXPECT_NE(out->find("default-src 'none'"), std::string::npos);
  EXPECT_EQ(out->find("\xff"), std::string::npos);  // bad UTF-8 repaired
}

TEST(ReportHtmlTest, GradingBoxAndProvenanceForEveryItem) {
  ExportGraph graph = SampleGraph();
  Result<std::string> out = WriteReportHtml(graph, SampleGrading(), SampleMeta());
  ASSERT_TRUE(out.ok());
  EXPECT_NE(out->find("2 Untested"), std::string::npos);
  EXPECT_NE(out->find("B Known indirectly to the source but corroborated"), std::string::npos);
  EXPECT_NE(out->find("C Lawful sharing permitted with conditions"), std::string::npos);
  EXPECT_NE(out->find("without the SIO&#39;s consent"), std::string::npos);
  for (const ExportEntity& e : graph.entities) {
    EXPECT_NE(out->find("<td>" + e.identity + "</td>"), std::string::npos) << e.identity;
  }
  EXPECT_NE(out->find("harrier-20261122-000001.warc.gz @1234 +5678"), std::string::npos);
  EXPECT_NE(out->find(std::string(64, 'b')), std::string::npos);
}

TEST(ReportPdfTest, IsAPdfWithAtLeastOnePage) {
  Result<std::string> out = WriteReportPdf(SampleGraph(), SampleGrading(), SampleMeta());
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->rfind("%PDF-", 0), 0u);
  EXPECT_NE(out->find("/Title (OFFICIAL-SENSITIVE - Harrier intelligence report)"),
            std::string::npos);
  EXPECT_NE(out->find("/FontFile"), std::string::npos);  // glyphs embedded, readable anywhere
  std::regex page("/Type\\s*/Page[^s]");
  auto n =
      std::distance(std::sregex_iterator(out->begin(), out->end(), page), std::sregex_iterator());
  EXPECT_GE(n, 1);
}

TEST(ReportPdfTest, LongReportsArePaginatedWithTheMarkingTopAndBottomOfEveryPage) {
  std::vector<std::vector<std::string>> pages;
  Result<std::string> out =
      internal::RenderReportPdf(BigGraph(150), SampleGrading(), SampleMeta(), &pages);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ASSERT_GT(pages.size(), 2u);
  for (size_t i = 0; i < pages.size(); ++i) {
    ASSERT_GE(pages[i].size(), 3u);
    EXPECT_EQ(pages[i].front(), "OFFICIAL-SENSITIVE") << "page " << i + 1;
    EXPECT_EQ(pages[i].back(), "OFFICIAL-SENSITIVE") << "page " << i + 1;
  }
  std::regex page("/Type\\s*/Page[^s]");
  auto n =
      std::distance(std::sregex_iterator(out->begin(), out->end(), page), std::sregex_iterator());
  EXPECT_EQ(static_cast<size_t>(n), pages.size());
}

TEST(ReportPdfTest, NoHeadingOrItemIsLeftAloneAtTheFootOfAPage) {
  std::vector<std::vector<std::string>> pages;
  ASSERT_TRUE(internal::RenderReportPdf(BigGraph(150), SampleGrading(), SampleMeta(), &pages).ok());
  ASSERT_GT(pages.size(), 2u);
  const std::set<std::string> headings = {"Grading (3x5x2)", "Summary",   "Adverts",
                                          "Images",          "Selectors", "Links"};
  for (size_t i = 0; i + 1 < pages.size(); ++i) {
    ASSERT_GE(pages[i].size(), 4u);
    const std::string& last = pages[i][pages[i].size() - 3];  // before "Page N" and the marking
    EXPECT_EQ(pages[i][pages[i].size() - 2], "Page " + std::to_string(i + 1));
    EXPECT_FALSE(headings.count(last)) << "page " << i + 1 << " ends with " << last;
    for (const char* item : {"Advert ADVERT-", "Image IMAGE-", "Phone +"}) {
      EXPECT_NE(last.rfind(item, 0), 0u) << "page " << i + 1 << " ends with " << last;
    }
  }
}

TEST(ReportPdfTest, LaysOutUnicodeAndHostileTextAsPlainText) {
  std::vector<std::vector<std::string>> pages;
  Result<std::string> out =
      internal::RenderReportPdf(SampleGraph(), SampleGrading(), SampleMeta(), &pages);
  ASSERT_TRUE(out.ok());
  std::string all;
  for (const auto& p : pages) {
    for (const auto& t : p) all += t + "\n";
  }
  EXPECT_NE(all.find("Zoë in Łódź"), std::string::npos);
  EXPECT_NE(all.find("<script>alert(1)</script>"), std::string::npos);  // shown, not markup
  EXPECT_NE(all.find("Handling code: C Lawful sharing permitted with conditions"),
            std::string::npos);
  EXPECT_NE(all.find("Conditions: Not to be shared outside OP TEST-7"), std::string::npos);
  EXPECT_NE(all.find("WARC harrier-20261122-000001.warc.gz offset 1234 length 5678"),
            std::string::npos);
}

}  // namespace
}  // namespace harrier::review
