// harrier user add|list|disable: the password comes from stdin only, is kept
// only as argon2id, and never reaches the audit log or the output.
#include "cli/ui_commands.h"

#include <gtest/gtest.h>

#include <sstream>

namespace harrier::cli {
namespace {

class UserCommandsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::Store::Open({":memory:"});
    ASSERT_TRUE(opened.ok());
    store_ = std::move(*opened);
  }
  CommandContext Ctx() { return {*store_, extractor_, clock_, out_, false, "admin1", ""}; }

  std::unique_ptr<store::Store> store_;
  extractors::TextExtractor extractor_;
  FakeClock clock_;
  std::ostringstream out_;
};

TEST_F(UserCommandsTest, AddKeepsOnlyTheArgon2idHashAndAuditsWithoutThePassword) {
  std::istringstream in("drama-llama password 9\n");
  CommandContext ctx = Ctx();
  ASSERT_TRUE(CmdUserAdd(ctx, "anna", "analyst", in, /*interactive=*/false).ok());
  const store::AppUser u = store_->GetUser("anna").value().value();
  EXPECT_EQ(u.role, "analyst");
  EXPECT_EQ(u.password_hash.rfind("$argon2id$v=19$m=19456,t=2,p=1$", 0), 0u);
  const store::AuditRow row = store_->ListAudit(1).value().at(0);
  EXPECT_EQ(row.action, "alteration.user_added");
  EXPECT_EQ(row.actor, "admin1");
  EXPECT_EQ(row.detail.find("drama-llama"), std::string::npos);
  EXPECT_EQ(out_.str().find("drama-llama"), std::string::npos);
}

TEST_F(UserCommandsTest, ShortPasswordDuplicateNameAndUnknownRoleAreRefused) {
  CommandContext ctx = Ctx();
  std::istringstream short_pw("short\n");
  EXPECT_EQ(CmdUserAdd(ctx, "anna", "analyst", short_pw, false).code(),
            StatusCode::kInvalidArgument);
  std::istringstream a("a long enough password\n"), b("a long enough password\n"),
      c("a long enough password\n");
  ASSERT_TRUE(CmdUserAdd(ctx, "anna", "analyst", a, false).ok());
  EXPECT_EQ(CmdUserAdd(ctx, "anna", "supervisor", b, false).code(), StatusCode::kRejected);
  EXPECT_EQ(CmdUserAdd(ctx, "bob", "admin", c, false).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->ListUsers().value().size(), 1u);
}

TEST_F(UserCommandsTest, DisableMarksTheUserAndListShowsNoHash) {
  CommandContext ctx = Ctx();
  std::istringstream in("a long enough password\n");
  ASSERT_TRUE(CmdUserAdd(ctx, "anna", "supervisor", in, false).ok());
  ASSERT_TRUE(CmdUserDisable(ctx, "anna").ok());
  EXPECT_TRUE(store_->GetUser("anna").value()->disabled);
  EXPECT_EQ(CmdUserDisable(ctx, "nobody").code(), StatusCode::kNotFound);
  out_.str("");
  ASSERT_TRUE(CmdUserList(ctx).ok());
  EXPECT_NE(out_.str().find("anna"), std::string::npos);
  EXPECT_NE(out_.str().find("yes"), std::string::npos);
  EXPECT_EQ(out_.str().find("$argon2id$"), std::string::npos);
}

}  // namespace
}  // namespace harrier::cli
