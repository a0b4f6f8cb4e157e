#include "extractors/phone_decoys.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "extractors/phone_extractor.h"

namespace harrier::extractors {
namespace {

const PhoneExtractor& Gb() {
  static const PhoneExtractor* extractor = new PhoneExtractor("GB", true);
  return *extractor;
}

// Text a careful reader would not call a phone number; none may yield one.
TEST(PhoneDecoysTest, DecoyTextYieldsNoPhone) {
  const std::string_view decoys[] = {
      // Prices and rates.
      "\xC2\xA3"
      "150/hr",
      "150ph",
      "\xC2\xA3"
      "80 30min 120 1hr",
      "2hrs 300",
      "Rates: 30 mins 70, 1 hour 120, 2 hours 220, overnight 800",
      "\xC2\xA3"
      "0161 496 0123",
      "\xE2\x82\xAC"
      "07700 900123",
      "$ 07700900123",
      // Dates and times.
      "12/03/2026",
      "10.30pm",
      "2026-03-12",
      "10:00-22:00",
      "12.03.2026 10:00",
      "Visiting 12/03/2026 - 15/03/2026, 10:00-22:00",
      "from 21:00 to 03:00",
      "01/02/2026 03/04/2026",
      // Ages, measurements, 24/7.
      "age 23",
      "23yo",
      "23 years",
      "5ft 7",
      "34-24-36",
      "34DD",
      "size 8",
      "55kg",
      "170cm",
      "24/7",
      "My age is 23, 34-24-36, 5ft 7, size 8, 55kg, 170cm. Available 24/7.",
      // Labelled references.
      "Booking ref 0770090012",
      "Booking ref 07700900123",
      "booking ref: 07700 900 123",
      "crime ref 01632960456/24",
      "Crime reference number 0161 496 0123",
      "order no. 07700 900123",
      "Order number: 07700900123",
      "Order #07700900123",
      "Reference: 0161 496 0123",
      "ref 07700900123",
      "Ref: 0113 496 0123",
      "invoice 07700900123",
      "Invoice no 02079460123",
      "tracking number 07700 900 123",
      "Case number 0161 496 0999",
      "ticket no. 07700900123",
      "PNR 07700900123",
      "account 07700900123",
      "Acc no 07700900123",
      "policy 01134960123",
      "transaction 07700900123",
      "customer id 07700900123",
      "txid 07700900123",
      "SKU: 07700900123",
      "IMEI 07700900123",
      "serial no 0161 496 0123",
      // Masked and wrong lengths.
      "07xxx xxx 928",
      "07700 9** ***",
      "077.. ...123",
      "07700 900 1xx",
      "07700 900123x",
      "07700 900 12",
      "077009001234",
      "07700 900 1234",
      "0 7 7 0 0 9 0 0 1 2 3 4",
      "0770090012",
      "0161 496 012",
      "+44 7700 90012",
      "+44 7700 9001234",
      // Emergency and short codes.
      "999",
      "112",
      "call 101 or 111",
      "116 123",
      "118 118",
      "call 999 or 112 now",
      // Postcodes, bank details, IBANs, ids, years.
      "LS1 4AP",
      "M1 1AE 0161",
      "sort code 12-34-56 account 12345678",
      "12-34-56 12345678",
      "GB33BUKB20201555555555",
      "GB33 BUKB 2020 1555 5555 55",
      "0x7700900123aa",
      "a3f9e07700900123bc55",
      "tx 3f0e0770090012345ab9e0770090012399",
      "2019 2020 2021 2022",
      "ISBN 978-0-306-40615-7",
      "1 2 3 4 5 6 7 8 9 10 11",
      // No trunk prefix: a bare national number is a reference.
      "1234567890",
      "7700900123",
      "ref no 7700 900123",
  };
  for (std::string_view text : decoys) {
    EXPECT_TRUE(Gb().Extract(text).empty()) << text;
  }
}

// The same digits, unlabelled or with a phone cue, are phones.
TEST(PhoneDecoysTest, PhoneCuesNextToDecoyWordsStillCount) {
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"For booking call 07700 900123", "+447700900123"},
      {"Bookings: 07700 900123", "+447700900123"},
      {"order now on 07700 900123", "+447700900123"},
      {"Age 23, call 07700 900123", "+447700900123"},
      {"07700 900123 2 girls available", "+447700900123"},
      {"Open 10.00 - 22.00 0161 496 0123", "+441614960123"},
      {"\xC2\xA3"
       "150/hr 07700 900123",
       "+447700900123"},
      {"24/7 07700 900123", "+447700900123"},
      {"12/03/2026 07700 900123", "+447700900123"},
      {"07700 900123 from 10:00", "+447700900123"},
      {"34-24-36, 07700900123", "+447700900123"},
  };
  for (const auto& [text, value] : cases) {
    const std::vector<Selector> found = Gb().Extract(text);
    ASSERT_EQ(found.size(), 1u) << text;
    EXPECT_EQ(found[0].value, value) << text;
  }
}

TEST(PhoneDecoysTest, ReferenceLabelsNeedTheirNumberWord) {
  struct LabelCase {
    std::string_view text;  // the span starts at the end
    bool label;
  };
  const LabelCase cases[] = {
      {"ref ", true},
      {"Ref: ", true},
      {"reference number ", true},
      {"booking ref ", true},
      {"Booking no. ", true},
      {"order # ", true},
      {"order number: ", true},
      {"crime ref no ", true},
      {"invoice ", true},
      {"PNR ", true},
      {"a/c ", true},
      {"case no ", true},
      {"booking ", false},
      {"for booking call ", false},
      {"order now on ", false},
      {"call ", false},
      {"my number is ", false},
      {"", false},
      {"number ", false},
      {"ticket ", false},
  };
  for (const LabelCase& c : cases) {
    EXPECT_EQ(HasReferenceLabelBefore(c.text, c.text.size()), c.label) << c.text;
  }
}

TEST(PhoneDecoysTest, ContextChecksLookAtTheSpanEdges) {
  const std::string_view text = "x 07700900123/24 y";
  EXPECT_TRUE(IsPhoneDecoy(text, 2, 13));  // "/24" reference suffix
  EXPECT_FALSE(IsPhoneDecoy("07700900123/07700900124", 0, 11));
  EXPECT_TRUE(IsPhoneDecoy("907700900123", 1, 12));     // a digit before
  EXPECT_TRUE(IsPhoneDecoy("07700900123*", 0, 11));     // a mask after
  EXPECT_TRUE(IsPhoneDecoy("ab1c07700900123", 4, 15));  // glued to a code
  EXPECT_FALSE(IsPhoneDecoy("tel07700900123", 3, 14));  // glued to a word
  EXPECT_FALSE(IsPhoneDecoy("%2B447700900123", 0, 15));
}

}  // namespace
}  // namespace harrier::extractors
