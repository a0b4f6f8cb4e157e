#include "cli/table.h"

#include <gtest/gtest.h>

#include <sstream>

namespace harrier::cli {
namespace {

TEST(TableTest, PadsColumnsToWidestCellCountingUtf8Characters) {
  Table t({"A", "B"});
  t.AddRow({"café", "x"});
  t.AddRow({"a", "yy"});
  std::ostringstream out;
  t.Print(out);
  EXPECT_EQ(out.str(), "A     B\ncafé  x\na     yy\n");
}

TEST(TableTest, CutsLongCellsWithoutSplittingCharacters) {
  Table t({"X"}, 5);
  t.AddRow({"ééééééééé"});
  std::ostringstream out;
  t.Print(out);
  EXPECT_EQ(out.str(), "X\néééé…\n");
}

TEST(TableTest, ScrapedControlCharactersCannotReachTheTerminal) {
  // An advert title carrying an ANSI escape (clear screen) and a C1 CSI.
  std::string hostile =
      "nice\x1b[2Jtitle\n\xC2\x9B"
      "31m";
  std::string safe = SanitizeForTerminal(hostile);
  EXPECT_EQ(safe.find('\x1b'), std::string::npos);
  EXPECT_EQ(safe.find("\xC2\x9B"), std::string::npos);
  EXPECT_EQ(safe, "nice?[2Jtitle ?31m");
}

}  // namespace
}  // namespace harrier::cli
