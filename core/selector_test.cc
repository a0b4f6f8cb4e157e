// Selector kinds by name, and the person_name selector's normal form.
#include "core/selector.h"

#include <gtest/gtest.h>

namespace harrier {
namespace {

TEST(SelectorKindTest, EveryKindRoundTripsThroughItsName) {
  for (SelectorKind kind : kAllSelectorKinds) {
    EXPECT_EQ(ParseSelectorKind(SelectorKindName(kind)), kind) << SelectorKindName(kind);
  }
  EXPECT_EQ(ParseSelectorKind("person_name"), SelectorKind::kPersonName);
  EXPECT_FALSE(ParseSelectorKind("name").has_value());
}

TEST(PersonNameTest, RegisterOrderAndTitlesGiveOneName) {
  // An officer as the register lists it and the same person as a PSC.
  EXPECT_EQ(NormalizePersonName("ASHWORTH, Marnie Elspeth"), "marnie elspeth ashworth");
  EXPECT_EQ(NormalizePersonName("Ms Marnie Elspeth Ashworth"), "marnie elspeth ashworth");
  EXPECT_EQ(NormalizePersonName("  MR.  Tobias   O'Hara-Finch "), "tobias o'hara-finch");
  EXPECT_EQ(NormalizePersonName("DR, Dr"), std::nullopt);  // nothing but titles
  EXPECT_EQ(NormalizePersonName(""), std::nullopt);
  EXPECT_EQ(NormalizePersonName("--"), std::nullopt);
  // Letters beyond ASCII are kept as written (no folding in core/).
  EXPECT_EQ(NormalizePersonName("ŞTEFĂNESCU, Ana"), "ana ŞtefĂnescu");
}

TEST(PersonNameTest, DifferentPeopleStayDifferent) {
  EXPECT_NE(NormalizePersonName("ASHWORTH, Marnie"),
            NormalizePersonName("ASHWORTH, Marnie Elspeth"));
  EXPECT_NE(NormalizePersonName("Marnie Ashworth"), NormalizePersonName("Ashworth Marnie"));
}

}  // namespace
}  // namespace harrier
