#include "extractors/wallet_extractor.h"

#include <gtest/gtest.h>

#include <cctype>
#include <chrono>
#include <string>
#include <vector>

namespace harrier::extractors {
namespace {

// Addresses below marked "generated" were encoded from random bytes (as
// tests/data/extract/make_values.py does): well-formed, owned by nobody. The
// others are the published BIP-173/BIP-350/EIP-55 test vectors.

struct Found {
  std::string value;
  std::string detail;
};

std::vector<Found> Values(std::string_view text) {
  std::vector<Found> out;
  for (const Selector& s : ExtractWallets(text)) out.push_back({s.value, s.detail});
  return out;
}

TEST(WalletExtractorTest, AcceptsGeneratedAddressOfEveryType) {
  struct Case {
    std::string address;
    std::string value;
    std::string detail;
  };
  const Case cases[] = {
      {"16VqupKMaMpeWnfspo1surN11tv3FJnScw", "btc:16VqupKMaMpeWnfspo1surN11tv3FJnScw",
       "bitcoin P2PKH"},
      {"1FX5CB74NSsN6R6bpWW5T1aeZsvMFtLyth", "btc:1FX5CB74NSsN6R6bpWW5T1aeZsvMFtLyth",
       "bitcoin P2PKH"},
      {"3EDK3JjPdCUqGrBZaKe9L8pBbBZ25DjbKB", "btc:3EDK3JjPdCUqGrBZaKe9L8pBbBZ25DjbKB",
       "bitcoin P2SH"},
      {"bc1qfa92ph4m7hddnc2lzmvfk44tvwqn7tfl8zlju0",
       "btc:bc1qfa92ph4m7hddnc2lzmvfk44tvwqn7tfl8zlju0", "bech32 P2WPKH"},
      {"BC1QC33J3S7VZG3EA8N3YQSSP7XLQY6UVDL4FSX4EJ",
       "btc:bc1qc33j3s7vzg3ea8n3yqssp7xlqy6uvdl4fsx4ej", "bech32 P2WPKH"},
      {"bc1q09r3du0068wlrrxhfsq7sj5jkns5lkwrsgckjmyef9h8x2fmfepqjr69fc",
       "btc:bc1q09r3du0068wlrrxhfsq7sj5jkns5lkwrsgckjmyef9h8x2fmfepqjr69fc", "bech32 P2WSH"},
      {"bc1p6rxqk9qtw6s073uy3zjh3v6hyhl6cvs3d85n8g4pwprz7km0h7tqeaxslj",
       "btc:bc1p6rxqk9qtw6s073uy3zjh3v6hyhl6cvs3d85n8g4pwprz7km0h7tqeaxslj", "bech32m P2TR"},
      {"0x52a28E32E75219d60fb53A47C3959DDc3C1F54ef",
       "eth:0x52a28e32e75219d60fb53a47c3959ddc3c1f54ef", "ethereum"},
      {"TE6gc4cBV3o8iAYtouUye83UqJJGUVp2UQ", "trx:TE6gc4cBV3o8iAYtouUye83UqJJGUVp2UQ", "tron"},
      {"TXegedfNRfHDF7MGHsVWwtyminoR2zuoem", "trx:TXegedfNRfHDF7MGHsVWwtyminoR2zuoem", "tron"},
      // All-zero hash160: 20 leading zero bytes are 21 leading '1's in total.
      {"1111111111111111111114oLvT2", "btc:1111111111111111111114oLvT2", "bitcoin P2PKH"},
  };
  for (const Case& c : cases) {
    const auto found = ExtractWallets("tips welcome: " + c.address + " thanks");
    ASSERT_EQ(found.size(), 1u) << c.address;
    EXPECT_EQ(found[0].value, c.value);
    EXPECT_EQ(found[0].detail, c.detail);
    EXPECT_EQ(found[0].raw, c.address);
    EXPECT_EQ(found[0].begin, 14u);
    EXPECT_EQ(found[0].end, 14u + c.address.size());
    EXPECT_EQ(found[0].confidence, 1.0) << c.address;
    EXPECT_EQ(found[0].kind, SelectorKind::kWallet);
  }
}

TEST(WalletExtractorTest, AcceptsPublishedBip173AndBip350MainnetVectors) {
  struct Case {
    std::string address;
    std::string detail;
  };
  const Case cases[] = {
      {"BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4", "bech32 P2WPKH"},
      {"bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0", "bech32m P2TR"},
      {"bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y",
       "bech32m segwit v1+"},
      {"BC1SW50QGDZ25J", "bech32m segwit v1+"},
      {"bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs", "bech32m segwit v1+"},
  };
  for (const Case& c : cases) {
    std::string lower;
    for (char ch : c.address) lower += static_cast<char>(std::tolower(ch));
    const auto found = Values(c.address);
    ASSERT_EQ(found.size(), 1u) << c.address;
    EXPECT_EQ(found[0].value, "btc:" + lower);
    EXPECT_EQ(found[0].detail, c.detail);
  }
}

TEST(WalletExtractorTest, RejectsPublishedBip350InvalidVectors) {
  const std::string invalid[] = {
      "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd",  // v1 with bech32
      "BC1S0XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ54WELL",  // v16 with bech32
      "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh",                      // v0 with bech32m
      "bc1p38j9r5y49hruaue7wxjce0updqjuyyx0kh56v8s25huc6995vvpql3jow4",  // 'o' not in charset
      "BC130XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ7ZWS8R",  // version 17
      "bc1pw5dgrnzv",                                                    // 1-byte program
      "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v8n0nx0muaewav253zgeav",  // 41 bytes
      "BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P",                              // v0 with 16 bytes
      "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq47Zagq",    // mixed case
      "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v07qwwzcrf",  // >4 bits padding
      "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vpggkg4j",    // non-zero padding
      "bc1gmk9yu",                                                         // empty data
  };
  for (const std::string& address : invalid) {
    EXPECT_TRUE(ExtractWallets("pay " + address).empty()) << address;
    EXPECT_EQ(NormalizeWallet(address), std::nullopt) << address;
  }
}

TEST(WalletExtractorTest, AcceptsEip55SpecExamplesAndUncheckedSingleCase) {
  struct Case {
    std::string address;
    double confidence;
  };
  const Case cases[] = {
      {"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", 1.0},
      {"0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359", 1.0},
      {"0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB", 1.0},
      {"0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb", 1.0},
      {"0x52908400098527886E0F7030069857D2E4169EE7", kUncheckedWalletConfidence},
      {"0x8617E340B3D01FA5F11F306F4090FD50E238070D", kUncheckedWalletConfidence},
      {"0xde709f2102306220921060314715629080e2fb77", kUncheckedWalletConfidence},
      {"0x27b1fdb04752bbc536007a920d24acb045561c26", kUncheckedWalletConfidence},
  };
  for (const Case& c : cases) {
    std::string lower;
    for (char ch : c.address) lower += static_cast<char>(std::tolower(ch));
    const auto found = ExtractWallets("ETH " + c.address);
    ASSERT_EQ(found.size(), 1u) << c.address;
    EXPECT_EQ(found[0].value, "eth:" + lower);
    EXPECT_EQ(found[0].detail, "ethereum");
    EXPECT_EQ(found[0].confidence, c.confidence) << c.address;
  }
}

TEST(WalletExtractorTest, RejectsEthereumWithAnyOneLetterCaseFlipped) {
  const std::string good = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
  int flipped = 0;
  for (size_t i = 2; i < good.size(); ++i) {
    if (!std::isalpha(static_cast<unsigned char>(good[i]))) continue;
    std::string bad = good;
    bad[i] = static_cast<char>(std::isupper(bad[i]) ? std::tolower(bad[i]) : std::toupper(bad[i]));
    EXPECT_TRUE(ExtractWallets(bad).empty()) << bad;
    ++flipped;
  }
  EXPECT_GT(flipped, 10);
}

// Bech32 detects every single-character error; Base58Check's 32-bit
// checksum makes a pass a 1-in-4-billion accident.
TEST(WalletExtractorTest, RejectsBech32AndBase58WithOneChangedCharacter) {
  const std::string good[] = {
      "bc1qfa92ph4m7hddnc2lzmvfk44tvwqn7tfl8zlju0",
      "bc1p6rxqk9qtw6s073uy3zjh3v6hyhl6cvs3d85n8g4pwprz7km0h7tqeaxslj",
      "16VqupKMaMpeWnfspo1surN11tv3FJnScw",
      "3EDK3JjPdCUqGrBZaKe9L8pBbBZ25DjbKB",
      "TE6gc4cBV3o8iAYtouUye83UqJJGUVp2UQ",
  };
  for (const std::string& address : good) {
    ASSERT_EQ(ExtractWallets(address).size(), 1u) << address;
    for (size_t i = 3; i < address.size(); ++i) {
      std::string bad = address;
      bad[i] = bad[i] == 'q' ? 'p' : (bad[i] == '2' ? '3' : 'q');
      EXPECT_TRUE(ExtractWallets(bad).empty()) << bad;
    }
  }
}

TEST(WalletExtractorTest, RejectsTestnetAndOtherVersionBytes) {
  const std::string testnet[] = {
      "n43nr7t62NBu24B8nbybRcVL44XiHn4pLa",  // generated, version 0x6F
      "mgNqHfJB6j4hXzZ1Z5KddQCMAbHfkpxAYA",  // generated, version 0x6F
      "tb1qvxvlv2z5jgp96zm59dwu3n2ula9fyxrsc4ff2k",
      "tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7",  // BIP-173
  };
  for (const std::string& address : testnet) {
    EXPECT_TRUE(ExtractWallets(address).empty()) << address;
  }
}

TEST(WalletExtractorTest, IgnoresDecoysThatLookLikeWallets) {
  const std::string decoys[] = {
      "send to bc1qxy2k…0wlh",                      // truncated with an ellipsis
      "wallet 0x71C7...976F",                       // truncated with dots
      "bc1qfa92ph4m7hddnc2lzmvfk44tvwqn7tfl8zlju",  // last character missing
      "tx 0x4e3a3754410177e6937ef1f84bba68ea139e8d1a2258c5f85db9f1cd715a1bdd",  // 0x+64 hex
      "tx 4e3a3754410177e6937ef1f84bba68ea139e8d1a2258c5f85db9f1cd715a1bdd",    // 64 hex
      "commit 52a28e32e75219d60fb53a47c3959ddc3c1f54ef",  // 40 hex, no 0x: a git SHA
      "x16VqupKMaMpeWnfspo1surN11tv3FJnScw",              // glued to a letter
      "16VqupKMaMpeWnfspo1surN11tv3FJnScw9",              // glued to a digit
      "id_0x52a28E32E75219d60fb53A47C3959DDc3C1F54ef",    // glued with '_'
      "é0x52a28E32E75219d60fb53A47C3959DDc3C1F54ef",      // glued to a non-ASCII letter
      "https://cdn.example.com/img/16VqupKMaMpeWnfspo1surN11tv3FJnScw.png",  // a file name
      "0x52a28e32e75219d60fb53a47c3959ddc3c1f54e",                           // 39 hex
      "0x52a28e32e75219d60fb53a47c3959ddc3c1f54efa",                         // 41 hex
      "0x52a28e32e75219d60fb53a47c3959ddc3c1f54eg",                          // a non-hex letter
      "price £150 call 07700 900123 TXAB12 ref 3ZZZZZZZZZZZZZZZZZZZZZZZZZZZ",
  };
  for (const std::string& text : decoys) {
    EXPECT_TRUE(ExtractWallets(text).empty()) << text;
  }
}

TEST(WalletExtractorTest, FindsWalletsInExplorerUrlsAndUriSchemesWithExactSpans) {
  const std::string text =
      "BTC: https://mempool.example.org/address/bc1qfa92ph4m7hddnc2lzmvfk44tvwqn7tfl8zlju0 or "
      "bitcoin:3EDK3JjPdCUqGrBZaKe9L8pBbBZ25DjbKB?amount=0.01, USDT (TRC20) "
      "TE6gc4cBV3o8iAYtouUye83UqJJGUVp2UQ.\n"
      "eth (0x52a28E32E75219d60fb53A47C3959DDc3C1F54ef)";
  const auto found = ExtractWallets(text);
  ASSERT_EQ(found.size(), 4u);
  const std::string expected[] = {
      "btc:bc1qfa92ph4m7hddnc2lzmvfk44tvwqn7tfl8zlju0",
      "btc:3EDK3JjPdCUqGrBZaKe9L8pBbBZ25DjbKB",
      "trx:TE6gc4cBV3o8iAYtouUye83UqJJGUVp2UQ",
      "eth:0x52a28e32e75219d60fb53a47c3959ddc3c1f54ef",
  };
  for (size_t i = 0; i < found.size(); ++i) {
    EXPECT_EQ(found[i].value, expected[i]);
    EXPECT_EQ(text.substr(found[i].begin, found[i].end - found[i].begin), found[i].raw);
    EXPECT_EQ(found[i].snippet, "");
  }
  EXPECT_EQ(found[0].begin, text.find("bc1q"));
  EXPECT_EQ(found[3].raw, "0x52a28E32E75219d60fb53A47C3959DDc3C1F54ef");
}

// The scan probes one byte in every 14 and widens to the run it lands in:
// an address must be found wherever it starts and whatever precedes it.
TEST(WalletExtractorTest, FindsAddressAtEveryOffsetAndNextToOtherTokens) {
  const std::string address = "bc1qfa92ph4m7hddnc2lzmvfk44tvwqn7tfl8zlju0";
  const std::string tron = "TE6gc4cBV3o8iAYtouUye83UqJJGUVp2UQ";
  for (size_t k = 0; k <= 30; ++k) {
    const std::string prefix = k == 0 ? "" : std::string(k, 'x') + " ";
    for (const std::string& tail : {std::string(), std::string(" "), " " + std::string(k, 'y')}) {
      const std::string text = prefix + address + tail;
      const auto found = ExtractWallets(text);
      ASSERT_EQ(found.size(), 1u) << text;
      EXPECT_EQ(found[0].begin, prefix.size()) << text;
      EXPECT_EQ(found[0].end, prefix.size() + address.size()) << text;
    }
    const std::string two = prefix + address + "/" + tron;
    ASSERT_EQ(ExtractWallets(two).size(), 2u) << two;
    EXPECT_EQ(ExtractWallets(two)[1].begin, prefix.size() + address.size() + 1);
  }
}

TEST(WalletExtractorTest, NormalizesOneTypedAddress) {
  struct Case {
    std::string input;
    std::optional<std::string> value;
  };
  const Case cases[] = {
      {"  BC1QFA92PH4M7HDDNC2LZMVFK44TVWQN7TFL8ZLJU0\n",
       "btc:bc1qfa92ph4m7hddnc2lzmvfk44tvwqn7tfl8zlju0"},
      {"btc:16VqupKMaMpeWnfspo1surN11tv3FJnScw", "btc:16VqupKMaMpeWnfspo1surN11tv3FJnScw"},
      {"ETH:0x52A28E32E75219D60FB53A47C3959DDC3C1F54EF",
       "eth:0x52a28e32e75219d60fb53a47c3959ddc3c1f54ef"},
      {"trx:TE6gc4cBV3o8iAYtouUye83UqJJGUVp2UQ", "trx:TE6gc4cBV3o8iAYtouUye83UqJJGUVp2UQ"},
      {"eth:16VqupKMaMpeWnfspo1surN11tv3FJnScw", std::nullopt},  // wrong chain
      {"16VqupKMaMpeWnfspo1surN11tv3FJnScw x", std::nullopt},    // more than one token
      {"", std::nullopt},
      {"0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", std::nullopt},  // bad EIP-55
  };
  for (const Case& c : cases) EXPECT_EQ(NormalizeWallet(c.input), c.value) << c.input;
}

TEST(WalletExtractorTest, HostileInputStaysLinearAndFindsNothing) {
  const std::string inputs[] = {
      std::string(1 << 20, '1'),
      std::string(1 << 20, '7'),
      [] {
        std::string s;
        while (s.size() < (1 << 20)) s += "1zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz ";
        return s;
      }(),
      [] {
        std::string s;
        while (s.size() < (1 << 20)) s += "bc1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq ";
        return s;
      }(),
      [] {
        std::string s;
        while (s.size() < (1 << 20)) s += "0xAAAAAAAAAAaaaaaaaaaaAAAAAAAAAAaaaaaaaaaa ";
        return s;
      }(),
      std::string(1 << 20, '\xff'),
  };
  for (const std::string& text : inputs) {
    const auto start = std::chrono::steady_clock::now();
    EXPECT_TRUE(ExtractWallets(text).empty());
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
  }
}

}  // namespace
}  // namespace harrier::extractors
