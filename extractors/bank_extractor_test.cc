#include "extractors/bank_extractor.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

namespace harrier::extractors {
namespace {

// Sort codes, accounts and IBANs below are invented; the IBAN check digits
// were computed for them (ISO 7064 mod 97-10).

struct Found {
  SelectorKind kind;
  std::string value;
  bool operator==(const Found&) const = default;
};

std::vector<Found> Values(std::string_view text) {
  std::vector<Found> out;
  for (const Selector& s : ExtractBankDetails(text)) out.push_back({s.kind, s.value});
  return out;
}

constexpr SelectorKind kAccount = SelectorKind::kBankAccount;
constexpr SelectorKind kIban = SelectorKind::kIban;

TEST(BankExtractorTest, FindsSortCodeAndAccountNextToABankingCue) {
  struct Case {
    std::string text;
    std::string value;
  };
  const Case cases[] = {
      {"Sort code: 11-22-33 Account: 87654321", "11-22-33 87654321"},
      {"s/c 112233 acc 87654321", "11-22-33 87654321"},
      {"bank transfer 11 22 33 87654321 thanks", "11-22-33 87654321"},
      {"acct no 87654321 sortcode 11-22-33", "11-22-33 87654321"},            // account first
      {"Pay to: J Example\nSC 11-22-33\nA/C 87654321", "11-22-33 87654321"},  // two lines
      {"deposit first: 87654321 11-22-33", "11-22-33 87654321"},
      {"BACS only. 11-22-33, 87654321.", "11-22-33 87654321"},
      {"sort code 40-20-20 ref 55554444 acc 10203040", "40-20-20 10203040"},
      {"SORT CODE 40 20 20\nACCOUNT NUMBER 10203040", "40-20-20 10203040"},
      {"87654321 11-22-33 (bank)",
       "11-22-33 87654321"},  // cue after the numbers  // ref: no account
  };
  for (const Case& c : cases) {
    const auto found = Values(c.text);
    ASSERT_EQ(found.size(), 1u) << c.text;
    EXPECT_EQ(found[0], (Found{kAccount, c.value})) << c.text;
  }
}

TEST(BankExtractorTest, SpanCoversBothPartsAndConfidenceSaysHowTheyWereWritten) {
  const std::string text = "deposit to sort code 11-22-33 and account 87654321 please";
  const auto found = ExtractBankDetails(text);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].raw, "11-22-33 and account 87654321");
  EXPECT_EQ(found[0].begin, text.find("11-22-33"));
  EXPECT_EQ(found[0].end, text.find(" please"));
  EXPECT_EQ(found[0].confidence, kSeparateBankAccountConfidence);
  EXPECT_EQ(found[0].snippet, "");

  const auto together = ExtractBankDetails("bank: 11-22-33 87654321");
  ASSERT_EQ(together.size(), 1u);
  EXPECT_EQ(together[0].raw, "11-22-33 87654321");
  EXPECT_EQ(together[0].confidence, kAdjacentBankAccountConfidence);
}

TEST(BankExtractorTest, NothingWithoutACueOrTooFarFromIt) {
  const std::string texts[] = {
      "11-22-33 87654321", "call 112233 or 87654321",
      "bank holiday hours.\n\n\nlater: 11-22-33 87654321",              // cue two lines away
      "sort code 11-22-33 " + std::string(100, '.') + " acc 87654321",  // parts too far apart
  };
  for (const std::string& text : texts) EXPECT_TRUE(Values(text).empty()) << text;
}

TEST(BankExtractorTest, DecoysNeverBecomeAccounts) {
  const std::string texts[] = {
      "bank transfer ok, call 07700 900123 or 0161 496 0123",  // phones
      "bank transfer: sort code 1122334 account 87654321",     // 7-digit sort code
      "transfer on 12/03/24, order no 87654321, 11-22-33",     // order number
      "bank card 4111 1111 1111 1111 exp 12-25-27",            // card number
      "account 16-digit 4111111111111111 sort code 11-22-33",  // card, compact
      "bank robbery, crime ref 87654321 dated 11-22-33",       // crime reference
      "account tel 87654321 s/c 11-22-33",                     // labelled phone
      "bank: £112233 for 87654321",                            // price
      "transfer 11:22:33 87654321",                            // a time
      "acc 1234567 sc 11-22-33",                               // 7-digit account
      "acc 87654321 sc 11-22-33-44",                           // four pairs
      "acc 987654321 sc 11-22-33",                             // 9-digit account
      "acc X87654321 sc 11-22-33",                             // glued to a letter
  };
  for (const std::string& text : texts) EXPECT_TRUE(Values(text).empty()) << text;
}

TEST(BankExtractorTest, FindsIbansCompactOrGroupedInAnyCase) {
  struct Case {
    std::string text;
    std::vector<Found> found;
  };
  const Case cases[] = {
      {"IBAN GB12HARR11223387654321",
       {{kIban, "GB12HARR11223387654321"}, {kAccount, "11-22-33 87654321"}}},
      {"iban: gb19 test 4020 2010 2030 40.",
       {{kIban, "GB19TEST40202010203040"}, {kAccount, "40-20-20 10203040"}}},
      {"DE50 5260 1815 9083 0166 13", {{kIban, "DE50526018159083016613"}}},
      {"FR601860913909A1B2C3D4E5F96", {{kIban, "FR601860913909A1B2C3D4E5F96"}}},
      {"RO41 HARR 0000 1234 5678 9012", {{kIban, "RO41HARR0000123456789012"}}},
      {"PL66030824628194821993518190", {{kIban, "PL66030824628194821993518190"}}},
      {"IE82HARR93786579754323", {{kIban, "IE82HARR93786579754323"}}},
      {"NL15HARR1948757491", {{kIban, "NL15HARR1948757491"}}},
      {"AL70186252760189555979711471", {{kIban, "AL70186252760189555979711471"}}},
      {"BE32 0497 4650 7529", {{kIban, "BE32049746507529"}}},
      {"NL15HARR1948757491 and IBAN BE32049746507529",
       {{kIban, "NL15HARR1948757491"}, {kIban, "BE32049746507529"}}},
  };
  for (const Case& c : cases) EXPECT_EQ(Values(c.text), c.found) << c.text;
}

TEST(BankExtractorTest, GbIbanAccountCarriesTheIbanSpan) {
  const std::string text = "pay to GB19 TEST 4020 2010 2030 40 today";
  const auto found = ExtractBankDetails(text);
  ASSERT_EQ(found.size(), 2u);
  for (const Selector& s : found) {
    EXPECT_EQ(s.raw, "GB19 TEST 4020 2010 2030 40");
    EXPECT_EQ(s.begin, 7u);
    EXPECT_EQ(s.end, 34u);
    EXPECT_EQ(s.confidence, 1.0);
  }
}

TEST(BankExtractorTest, RejectsIbansWithWrongCheckDigitsLengthOrCountry) {
  const std::string texts[] = {
      "IBAN GB13HARR11223387654321",        // check digits off by one
      "IBAN GB12HARR11223387654312",        // two digits swapped
      "IBAN GB12HARR1122338765432",         // one short
      "IBAN GB12HARR112233876543210",       // one long
      "IBAN XGB12HARR11223387654321",       // glued to a letter
      "IBAN ZZ12HARR11223387654321",        // no such country
      "IBAN GB12 HARR 1122 3387 6543 21X",  // glued at the end
  };
  for (const std::string& text : texts) EXPECT_TRUE(Values(text).empty()) << text;
}

TEST(BankExtractorTest, NormalizesTypedAccountsAndIbans) {
  EXPECT_EQ(NormalizeBankAccount("11-22-33 87654321"), "11-22-33 87654321");
  EXPECT_EQ(NormalizeBankAccount(" 112233, 87654321 "), "11-22-33 87654321");
  EXPECT_EQ(NormalizeBankAccount("11223387654321"), "11-22-33 87654321");
  EXPECT_EQ(NormalizeBankAccount("11-22-33 8765432"), std::nullopt);
  EXPECT_EQ(NormalizeBankAccount("sc 11-22-33 87654321"), std::nullopt);
  EXPECT_EQ(NormalizeIban("gb12 harr 1122 3387 6543 21"), "GB12HARR11223387654321");
  EXPECT_EQ(NormalizeIban("GB13HARR11223387654321"), std::nullopt);
  EXPECT_EQ(NormalizeIban(""), std::nullopt);
}

TEST(BankExtractorTest, HostileInputStaysLinear) {
  auto repeat = [](std::string_view unit) {
    std::string s;
    while (s.size() < (1 << 20)) s += unit;
    return s;
  };
  const std::string inputs[] = {
      std::string(1 << 20, '7'), repeat("1 "),    repeat("sort code 112233 "),
      repeat("acc 87654321 "),   repeat("GB12 "), repeat("bank 11-22-33 87654321\n"),
  };
  for (const std::string& text : inputs) {
    const auto start = std::chrono::steady_clock::now();
    const auto found = ExtractBankDetails(text);
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(3));
  }
}

}  // namespace
}  // namespace harrier::extractors
