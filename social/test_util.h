// Reads fixtures from tests/data/social/ for the social tests.
#ifndef HARRIER_SOCIAL_TEST_UTIL_H_
#define HARRIER_SOCIAL_TEST_UTIL_H_

#include <fstream>
#include <sstream>
#include <string>

namespace harrier::social {

inline std::string ReadSocialFixture(const std::string& name) {
  std::ifstream in(std::string(HARRIER_SOURCE_DIR) + "/tests/data/social/" + name,
                   std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace harrier::social

#endif  // HARRIER_SOCIAL_TEST_UTIL_H_
