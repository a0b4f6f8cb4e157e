// The review UI's accounts in app_user.
#include <gtest/gtest.h>

#include "store/store_test_util.h"

namespace harrier::store::testing {
namespace {

TEST(StoreUsersTest, AddGetListDisableAndRefusals) {
  std::unique_ptr<Store> s = OpenOrFail({":memory:"});
  ASSERT_NE(s, nullptr);
  AppUser u{0, "anna", "analyst", "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA", kT0, false};
  Result<int64_t> id = s->AddUser(u);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  EXPECT_EQ(s->AddUser(u).status().code(), StatusCode::kRejected);
  AppUser bad = u;
  bad.name = "bob";
  bad.role = "admin";
  EXPECT_EQ(s->AddUser(bad).status().code(), StatusCode::kInvalidArgument);
  const std::optional<AppUser> got = s->GetUser("anna").value();
  ASSERT_TRUE(got);
  EXPECT_EQ(got->id, *id);
  EXPECT_EQ(got->password_hash, u.password_hash);
  EXPECT_FALSE(got->disabled);
  EXPECT_FALSE(s->GetUser("nobody").value());
  ASSERT_TRUE(s->SetUserDisabled("anna", true).ok());
  EXPECT_TRUE(s->GetUser("anna").value()->disabled);
  EXPECT_EQ(s->SetUserDisabled("nobody", true).code(), StatusCode::kNotFound);
  ASSERT_TRUE(s->SetUserPassword("anna", "$argon2id$new").ok());
  EXPECT_EQ(s->ListUsers().value().at(0).password_hash, "$argon2id$new");
}

}  // namespace
}  // namespace harrier::store::testing
