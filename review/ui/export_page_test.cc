// The export form: refused without a grade; a graded export downloads as an
// attachment after a disclosure audit row with its recipient.
#include <nlohmann/json.hpp>

#include "review/ui/ui_test_fixture.h"

namespace harrier::review::ui::testing {
namespace {

using nlohmann::json;

TEST_F(UiServerTest, ExportWithoutAGradeIsRefusedAndNothingIsDisclosed) {
  Browser b = Justified("analyst1");
  httplib::Result r = Post(b, "/export",
                           {{"format", "i2-csv"},
                            {"adverts", std::to_string(advert_id_)},
                            {"handling", "P"},
                            {"recipient", "Op KESTREL SIO"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_NE(r->body.find("id=\"export-error\""), std::string::npos);
  const std::vector<store::AuditRow> rows = OpenStore()->ListAudit(50).value();
  for (const store::AuditRow& row : rows) {
    EXPECT_NE(row.action, "disclosure.export");
  }
}

TEST_F(UiServerTest, GradedExportDownloadsAfterADisclosureAuditWithRecipient) {
  Browser b = Justified("analyst1");
  httplib::Result r = Post(b, "/export",
                           {{"format", "i2-csv"},
                            {"adverts", std::to_string(advert_id_)},
                            {"grade", "2B"},
                            {"handling", "P"},
                            {"recipient", "Op KESTREL SIO"}});
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(r->get_header_value("Content-Disposition").rfind("attachment;", 0), 0u);
  EXPECT_NE(r->body.find("OFFICIAL-SENSITIVE"), std::string::npos);
  const store::AuditRow last = OpenStore()->ListAudit(1).value().at(0);
  EXPECT_EQ(last.action, "disclosure.export");
  EXPECT_EQ(last.actor, "analyst1");
  EXPECT_NE(last.detail.find("Op KESTREL SIO"), std::string::npos);
  EXPECT_EQ(json::parse(last.detail).value("operation", ""), "OP-KESTREL");
}

}  // namespace
}  // namespace harrier::review::ui::testing
