#include "core/status.h"

#include <gtest/gtest.h>

namespace harrier {
namespace {

Status FailsWith(StatusCode code) { return Status(code, "inner"); }

Status PropagatesFirstError() {
  HARRIER_RETURN_IF_ERROR(FailsWith(StatusCode::kIoError));
  return Status::Internal("not reached");
}

TEST(StatusTest, DefaultIsOkAndErrorsKeepCodeAndMessage) {
  EXPECT_TRUE(Status().ok());
  Status s = Status::NotFound("open db /x");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
  EXPECT_EQ(s.ToString(), "NotFound: open db /x");
}

TEST(StatusTest, WithContextPrefixesMessageButKeepsCode) {
  Status s = Status::IoError("disk full").WithContext("write warc a.warc.gz");
  EXPECT_EQ(s.code(), StatusCode::kIoError);
  EXPECT_EQ(s.message(), "write warc a.warc.gz: disk full");
  EXPECT_TRUE(Status::Ok().WithContext("x").ok());
}

TEST(StatusTest, ReturnIfErrorStopsAtFirstError) {
  Status s = PropagatesFirstError();
  EXPECT_EQ(s.code(), StatusCode::kIoError);
}

TEST(ResultTest, HoldsValueOrError) {
  Result<int> good = 42;
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(*good, 42);
  Result<int> bad = Status::Rejected("too big");
  EXPECT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kRejected);
}

TEST(ResultTest, OkStatusWithoutValueBecomesInternalError) {
  Result<int> r = Status::Ok();
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInternal);
}

}  // namespace
}  // namespace harrier
