#include <gtest/gtest.h>

#include "store/store_test_util.h"

namespace harrier::store {
namespace {

using testing::ExecSql;
using testing::OpenOrFail;

TEST(StoreExportsTest, ImageMatchDecisionsCarryTheAnalystsStatus) {
  auto store = OpenOrFail({":memory:"});
  ASSERT_NE(store, nullptr);
  const std::string a(64, 'a'), b(64, 'b'), c(64, 'c');
  // The pairs only: the images' own rows do not matter to this read.
  ASSERT_EQ(ExecSql(store->RawHandleForTesting(), "PRAGMA foreign_keys = OFF"), 0);
  ASSERT_TRUE(store->RecordImageMatch({a, b, 9, "pdq", 1}).ok());
  ASSERT_TRUE(store->RecordImageMatch({a, c, 4, "pdq-dihedral", 2}).ok());
  ASSERT_EQ(ExecSql(store->RawHandleForTesting(),
                    "UPDATE image_match SET status = 'confirmed', decided_by = 'analyst1' "
                    "WHERE image_b = '" +
                        b + "'"),
            0);
  auto rows = store->ImageMatchDecisions(a);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].first.image_b, c);  // nearest first
  EXPECT_EQ((*rows)[0].first.method, "pdq-dihedral");
  EXPECT_EQ((*rows)[0].second, "open");
  EXPECT_EQ((*rows)[1].first.distance, 9);
  EXPECT_EQ((*rows)[1].second, "confirmed");
  auto other = store->ImageMatchDecisions(b);
  ASSERT_TRUE(other.ok());
  ASSERT_EQ(other->size(), 1u);
  EXPECT_EQ(other->front().second, "confirmed");
}

}  // namespace
}  // namespace harrier::store
