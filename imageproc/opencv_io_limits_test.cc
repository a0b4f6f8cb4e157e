// OpenCV's fence takes effect only from the environment a process starts
// with. Each case runs this test binary again (ChildProbe) with a chosen
// environment, because the fence of the running process is fixed already.
#include "imageproc/opencv_io_limits.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "imageproc/test_images.h"

extern char** environ;

namespace harrier::imageproc {
namespace {

constexpr char kModeVariable[] = "HARRIER_OPENCV_FENCE_CHILD";

// Runs ChildProbe in a fresh process whose environment is ours minus any
// OPENCV_IO_* variable, plus `extra`. Returns the child's output if it
// passed, "FAILED: ..." otherwise.
std::string RunChild(const std::string& mode, const std::vector<std::string>& extra) {
  std::vector<std::string> env_strings;
  for (char** e = environ; *e; ++e) {
    if (std::string_view(*e).rfind("OPENCV_IO_", 0) != 0) env_strings.emplace_back(*e);
  }
  env_strings.push_back(std::string(kModeVariable) + "=" + mode);
  env_strings.insert(env_strings.end(), extra.begin(), extra.end());
  std::vector<char*> envp;
  for (std::string& s : env_strings) envp.push_back(s.data());
  envp.push_back(nullptr);

  std::string exe = "/proc/self/exe";
  std::string filter = "--gtest_filter=OpenCvIoLimitsTest.ChildProbe";
  char* argv[] = {exe.data(), filter.data(), nullptr};
  const std::string log = ::testing::TempDir() + "opencv_fence_child_" + mode + ".log";
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0600);
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, exe.c_str(), &actions, nullptr, argv, envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) return "FAILED: posix_spawn " + std::to_string(spawned);
  int status = 0;
  waitpid(pid, &status, 0);
  std::stringstream output;
  output << std::ifstream(log).rdbuf();
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return "FAILED:\n" + output.str();
  return output.str();
}

const std::vector<std::string> kFence = {"OPENCV_IO_MAX_IMAGE_WIDTH=16384",
                                         "OPENCV_IO_MAX_IMAGE_HEIGHT=16384",
                                         "OPENCV_IO_MAX_IMAGE_PIXELS=40000000"};

// Runs only inside RunChild; skipped in a normal run.
TEST(OpenCvIoLimitsTest, ChildProbe) {
  const char* mode = std::getenv(kModeVariable);
  if (mode == nullptr) GTEST_SKIP() << "runs only as a child of the other OpenCvIoLimitsTest cases";
  const std::string m(mode);
  if (m == "fenced") {
    EXPECT_TRUE(CheckOpenCvIoLimits().ok()) << CheckOpenCvIoLimits().ToString();
  } else if (m == "unfenced") {
    EXPECT_EQ(CheckOpenCvIoLimits().code(), StatusCode::kUnavailable);
  } else if (m == "late") {
    ExportOpenCvIoLimits();
    EXPECT_STREQ(std::getenv("OPENCV_IO_MAX_IMAGE_PIXELS"), "40000000");
    EXPECT_EQ(CheckOpenCvIoLimits().code(), StatusCode::kUnavailable)
        << "setenv after libopencv_imgcodecs loaded changed the fence";
  } else if (m == "tight") {
    // The fence (100 px here) is stricter than DecodeImage's own limits:
    // OpenCV's assertion becomes decode_failed, never an exception.
    Result<DecodedImage> image = DecodeImage(testing::Encode(testing::DrawScene(20, 20), ".png"));
    ASSERT_FALSE(image.ok());
    EXPECT_EQ(DecodeReasonOf(image.status()), DecodeReason::kDecodeFailed);
    EXPECT_NE(image.status().message().find("CV_IO_MAX_IMAGE_PIXELS"), std::string::npos)
        << image.status().message();
  } else {
    FAIL() << "unknown mode " << m;
  }
  std::printf("child probe ran: %s\n", mode);
}

TEST(OpenCvIoLimitsTest, FenceFromTheStartingEnvironmentHolds) {
  const std::string out = RunChild("fenced", kFence);
  EXPECT_NE(out.find("child probe ran: fenced"), std::string::npos) << out;
}

TEST(OpenCvIoLimitsTest, MissingFenceIsReported) {
  const std::string out = RunChild("unfenced", {});
  EXPECT_NE(out.find("child probe ran: unfenced"), std::string::npos) << out;
}

TEST(OpenCvIoLimitsTest, SetenvAfterOpenCvLoadedIsTooLate) {
  const std::string out = RunChild("late", {});
  EXPECT_NE(out.find("child probe ran: late"), std::string::npos) << out;
}

TEST(OpenCvIoLimitsTest, FenceRefusalBecomesDecodeFailed) {
  const std::string out = RunChild("tight", {"OPENCV_IO_MAX_IMAGE_PIXELS=100"});
  EXPECT_NE(out.find("child probe ran: tight"), std::string::npos) << out;
}

TEST(OpenCvIoLimitsTest, ExportLeavesAnOperatorsValue) {
  setenv("OPENCV_IO_MAX_IMAGE_WIDTH", "1234", 1);
  ExportOpenCvIoLimits({.max_side = 99});
  EXPECT_STREQ(std::getenv("OPENCV_IO_MAX_IMAGE_WIDTH"), "1234");
  EXPECT_STREQ(std::getenv("OPENCV_IO_MAX_IMAGE_HEIGHT"), "99");
  unsetenv("OPENCV_IO_MAX_IMAGE_WIDTH");
  unsetenv("OPENCV_IO_MAX_IMAGE_HEIGHT");
  unsetenv("OPENCV_IO_MAX_IMAGE_PIXELS");
}

}  // namespace
}  // namespace harrier::imageproc
