// The intelligence report as PDF: Cairo's PDF surface, text laid out by
// Pango (plain text, never markup, so scraped strings cannot style or
// inject anything; any script Pango and the fonts cover). A4, paginated,
// the marking at the top and bottom of every page.
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <memory>

#include "review/export.h"
#include "review/export_report.h"
#include "review/export_util.h"

namespace harrier::review {

namespace internal {

namespace {

constexpr double kPageWidth = 595.276;  // A4 in points
constexpr double kPageHeight = 841.890;
constexpr double kMargin = 56.0;
constexpr double kBannerGap = 22.0;  // from the marking to the body

cairo_status_t AppendBytes(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

struct LayoutFree {
  void operator()(PangoLayout* l) const { g_object_unref(l); }
};

class PdfReport {
 public:
  PdfReport(cairo_t* cr, std::string marking, std::vector<std::vector<std::string>>* log)
      : cr_(cr), marking_(std::move(marking)), log_(log) {}

  void Begin() { StartPage(); }
  // Lays out blocks[i]; a title, heading or item moves to the next page
  // with what it introduces (up to the first text block, at most three
  // blocks) rather than be left alone at a page's foot.
  // `heights` are Height() of every block, measured once.
  void Block(const std::vector<ReportBlock>& blocks, const std::vector<double>& heights, size_t i);
  // The block's height with the most space put before one.
  double Height(const ReportBlock& block);
  void Finish() { EndPage(); }
  int pages() const { return page_; }

 private:
  // Lays out `text` at the body width in `font`; the layout is owned.
  std::unique_ptr<PangoLayout, LayoutFree> Layout(const std::string& text, const char* font,
                                                  PangoAlignment align) {
    PangoLayout* layout = pango_cairo_create_layout(cr_);
    PangoFontDescription* desc = pango_font_description_from_string(font);
    pango_layout_set_font_description(layout, desc);
    pango_font_description_free(desc);
    pango_layout_set_width(layout, static_cast<int>((kPageWidth - 2 * kMargin) * PANGO_SCALE));
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(layout, align);
    pango_layout_set_text(layout, text.c_str(), -1);
    return std::unique_ptr<PangoLayout, LayoutFree>(layout);
  }
  double Draw(const std::string& text, const char* font, double y, PangoAlignment align) {
    auto layout = Layout(text, font, align);
    cairo_move_to(cr_, kMargin, y);
    pango_cairo_show_layout(cr_, layout.get());
    if (log_) log_->back().push_back(text);
    int w = 0, h = 0;
    pango_layout_get_pixel_size(layout.get(), &w, &h);
    return h;
  }
  void StartPage() {
    ++page_;
    if (log_) log_->emplace_back();
    Draw(marking_, "Sans Bold 10", kMargin / 2, PANGO_ALIGN_CENTER);
    y_ = kMargin / 2 + kBannerGap;
  }
  void EndPage() {
    Draw("Page " + std::to_string(page_), "Sans 7", kPageHeight - kMargin / 2 - 24,
         PANGO_ALIGN_RIGHT);
    Draw(marking_, "Sans Bold 10", kPageHeight - kMargin / 2 - 12, PANGO_ALIGN_CENTER);
    cairo_show_page(cr_);
  }

  cairo_t* cr_;
  std::string marking_;
  std::vector<std::vector<std::string>>* log_;
  int page_ = 0;
  double y_ = 0;
};

const char* FontFor(const ReportBlock& b) {
  switch (b.kind) {
    case ReportBlock::kTitle:
      return "Sans Bold 16";
    case ReportBlock::kHeading:
      return "Sans Bold 12";
    case ReportBlock::kItem:
      return "Sans Bold 8.5";
    case ReportBlock::kText:
      break;
  }
  return "Sans 8.5";
}

double PdfReport::Height(const ReportBlock& block) {
  int w = 0, h = 0;
  pango_layout_get_pixel_size(Layout(block.text, FontFor(block), PANGO_ALIGN_LEFT).get(), &w, &h);
  return static_cast<double>(h) + 5;
}

void PdfReport::Block(const std::vector<ReportBlock>& blocks, const std::vector<double>& heights,
                      size_t i) {
  const ReportBlock& b = blocks[i];
  double space_before = b.kind == ReportBlock::kHeading ? 10 : b.kind == ReportBlock::kItem ? 4 : 1;
  double needed = heights[i];
  for (size_t j = i + 1; j < blocks.size() && j < i + 3 && blocks[j - 1].kind != ReportBlock::kText;
       ++j) {
    needed += heights[j];
  }
  const double bottom = kPageHeight - kMargin / 2 - 30;
  if (y_ + space_before + needed > bottom && y_ > kMargin / 2 + kBannerGap) {
    EndPage();
    StartPage();
    space_before = 0;
  }
  y_ += space_before;
  y_ += Draw(b.text, FontFor(b), y_, PANGO_ALIGN_LEFT);
}

}  // namespace

Result<std::string> RenderReportPdf(const ExportGraph& graph, const Grading& grading,
                                    const ExportMeta& meta,
                                    std::vector<std::vector<std::string>>* pages_laid_out) {
  HARRIER_RETURN_IF_ERROR(ValidateGrading(grading));
  std::string bytes;
  cairo_surface_t* surface =
      cairo_pdf_surface_create_for_stream(AppendBytes, &bytes, kPageWidth, kPageHeight);
  const std::string title = OneLine(grading.marking) + " - Harrier intelligence report";
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Harrier");
  cairo_t* cr = cairo_create(surface);
  {
    PdfReport report(cr, OneLine(grading.marking), pages_laid_out);
    report.Begin();
    std::vector<ReportBlock> blocks = ReportBlocks(graph, grading, meta);
    for (ReportBlock& b : blocks) b.text = Clip(b.text, 2000);  // one block never outgrows a page
    std::vector<double> heights;
    for (const ReportBlock& b : blocks) heights.push_back(report.Height(b));
    for (size_t i = 0; i < blocks.size(); ++i) report.Block(blocks, heights, i);
    report.Finish();
  }
  cairo_status_t status = cairo_status(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  if (status == CAIRO_STATUS_SUCCESS) status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS) {
    return Status::Internal(std::string("write PDF report: ") + cairo_status_to_string(status));
  }
  return bytes;
}

}  // namespace internal

Result<std::string> WriteReportPdf(const ExportGraph& graph, const Grading& grading,
                                   const ExportMeta& meta) {
  return internal::RenderReportPdf(graph, grading, meta, nullptr);
}

}  // namespace harrier::review
