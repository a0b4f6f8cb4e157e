// Shared by the phone tests: a table row of text and the E.164 values
// expected in it, checked through one GB PhoneExtractor with drama ranges.
#ifndef HARRIER_EXTRACTORS_PHONE_TEST_UTIL_H_
#define HARRIER_EXTRACTORS_PHONE_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "extractors/phone_extractor.h"

namespace harrier::extractors::testing {

struct PhoneCase {
  std::string text;
  std::vector<std::string> values;
};

inline const PhoneExtractor& Gb() {
  static const PhoneExtractor* extractor = new PhoneExtractor("GB", true);
  return *extractor;
}

// Every case finds exactly its values in order, each quoting its own span
// with a confidence in (0, 1].
inline void ExpectPhones(const std::vector<PhoneCase>& cases) {
  for (const PhoneCase& c : cases) {
    SCOPED_TRACE(::testing::Message() << "text: \"" << c.text << "\"");
    std::vector<std::string> values;
    for (const Selector& s : Gb().Extract(c.text)) {
      values.push_back(s.value);
      EXPECT_EQ(c.text.substr(s.begin, s.end - s.begin), s.raw);
      EXPECT_GT(s.confidence, 0.0);
      EXPECT_LE(s.confidence, 1.0);
    }
    EXPECT_EQ(values, c.values);
  }
}

}  // namespace harrier::extractors::testing

#endif  // HARRIER_EXTRACTORS_PHONE_TEST_UTIL_H_
