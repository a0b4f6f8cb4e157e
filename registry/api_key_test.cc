// Basic credentials, redaction, and where the key may come from.
#include "registry/api_key.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

#include "tests/support/fixture_server.h"

namespace harrier::registry {
namespace {

constexpr char kKey[] = "0a1b2c3d-0000-4000-8000-00000000beef";  // invented

TEST(ApiKeyTest, BasicAuthHeaderIsKeyColonInBase64) {
  EXPECT_EQ(BasicAuthHeader("abc"), "Basic YWJjOg==");  // base64("abc:")
  EXPECT_EQ(BasicAuthHeader(kKey), "Basic MGExYjJjM2QtMDAwMC00MDAwLTgwMDAtMDAwMDAwMDBiZWVmOg==");
}

TEST(ApiKeyTest, RedactKeyHidesTheKeyAndItsCredential) {
  std::string line = std::string("GET with key ") + kKey + " and header " + BasicAuthHeader(kKey);
  std::string red = RedactKey(line, kKey);
  EXPECT_EQ(red.find(kKey), std::string::npos);
  EXPECT_EQ(red.find(BasicAuthHeader(kKey).substr(6)), std::string::npos);
  EXPECT_EQ(red, "GET with key [redacted] and header Basic [redacted]");
  EXPECT_EQ(RedactKey("nothing here", ""), "nothing here");
}

std::string WriteFile(const testing::TempDir& dir, const std::string& body, mode_t mode) {
  std::string path = dir.path() + "/ch.env";
  std::ofstream(path) << body;
  chmod(path.c_str(), mode);
  return path;
}

TEST(ApiKeyTest, ConfigValueWinsOverTheFile) {
  Result<std::string> k = LoadApiKey("from-config", "/nonexistent/ch.env");
  ASSERT_TRUE(k.ok());
  EXPECT_EQ(*k, "from-config");
}

TEST(ApiKeyTest, ReadsTheVariableFromAnOwnerOnlyFile) {
  testing::TempDir dir;
  std::string path = WriteFile(
      dir, "# Companies House\nOTHER=x\nCOMPANIES_HOUSE_API_KEY=\"" + std::string(kKey) + "\"\n",
      0600);
  Result<std::string> k = LoadApiKey("", path);
  ASSERT_TRUE(k.ok()) << k.status().ToString();
  EXPECT_EQ(*k, kKey);
}

TEST(ApiKeyTest, RefusesAGroupOrWorldReadableFileWithoutNamingTheKey) {
  testing::TempDir dir;
  for (mode_t mode : {0644, 0640, 0604}) {
    std::string path = WriteFile(dir, "COMPANIES_HOUSE_API_KEY=" + std::string(kKey) + "\n", mode);
    Result<std::string> k = LoadApiKey("", path);
    ASSERT_FALSE(k.ok()) << mode;
    EXPECT_EQ(k.status().code(), StatusCode::kRejected);
    EXPECT_EQ(k.status().message().find(kKey), std::string::npos);
    EXPECT_NE(k.status().message().find(path), std::string::npos);
  }
}

TEST(ApiKeyTest, MissingFileOrVariableIsNotFound) {
  testing::TempDir dir;
  EXPECT_EQ(LoadApiKey("", dir.path() + "/absent").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(LoadApiKey("", "").status().code(), StatusCode::kNotFound);
  std::string path = WriteFile(dir, "OTHER=1\n", 0600);
  EXPECT_EQ(LoadApiKey("", path).status().code(), StatusCode::kNotFound);
  path = WriteFile(dir, "COMPANIES_HOUSE_API_KEY=a:b\n", 0600);
  EXPECT_EQ(LoadApiKey("", path).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace harrier::registry
