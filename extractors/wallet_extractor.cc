#include "extractors/wallet_extractor.h"

#include <cryptopp/keccak.h>
#include <openssl/sha.h>

#include <array>
#include <cstdint>
#include <utility>

#include "extractors/byte_scan.h"
#include "extractors/utf8.h"

namespace harrier::extractors {
namespace {

struct Address {
  std::string value;
  std::string_view detail;
  double confidence = 1.0;
};

// ---- Base58Check (Bitcoin P2PKH/P2SH, Tron) ----------------------------
// Hand-written: Debian packages no small Base58 library. A version byte, a
// 20-byte hash and a 4-byte checksum are 25 bytes, which Base58 writes in 26
// to 35 characters, each leading zero byte as one '1'.
constexpr size_t kPayloadBytes = 25;
constexpr size_t kMinBase58Chars = 26;
constexpr size_t kMaxBase58Chars = 35;
constexpr size_t kTronChars = 34;
constexpr uint8_t kBtcP2pkhVersion = 0x00;
constexpr uint8_t kBtcP2shVersion = 0x05;
constexpr uint8_t kTronVersion = 0x41;
constexpr std::string_view kBase58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

int Base58Digit(char c) {
  const size_t pos = kBase58.find(c);
  return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

// The 25 bytes `s` encodes, when it encodes exactly 25 in canonical form
// (one leading '1' per leading zero byte); nullopt otherwise.
std::optional<std::array<uint8_t, kPayloadBytes>> DecodeBase58Payload(std::string_view s) {
  std::array<uint8_t, kPayloadBytes> bytes{};
  for (const char c : s) {
    const int digit = Base58Digit(c);
    if (digit < 0) return std::nullopt;
    uint32_t carry = static_cast<uint32_t>(digit);
    for (size_t i = kPayloadBytes; i-- > 0;) {
      carry += 58u * bytes[i];
      bytes[i] = static_cast<uint8_t>(carry & 0xFFu);
      carry >>= 8;
    }
    if (carry != 0) return std::nullopt;  // more than 25 bytes
  }
  size_t ones = 0;
  while (ones < s.size() && s[ones] == '1') ++ones;
  size_t zeros = 0;
  while (zeros < kPayloadBytes && bytes[zeros] == 0) ++zeros;
  if (ones != zeros) return std::nullopt;
  return bytes;
}

// Base58Check: the last 4 bytes are the first 4 of SHA-256(SHA-256(rest)).
bool ChecksumHolds(const std::array<uint8_t, kPayloadBytes>& bytes) {
  constexpr size_t kBody = kPayloadBytes - 4;
  unsigned char once[SHA256_DIGEST_LENGTH];
  unsigned char twice[SHA256_DIGEST_LENGTH];
  SHA256(bytes.data(), kBody, once);
  SHA256(once, sizeof(once), twice);
  for (size_t i = 0; i < 4; ++i) {
    if (twice[i] != bytes[kBody + i]) return false;
  }
  return true;
}

std::optional<Address> DecodeBase58Address(std::string_view token) {
  if (token.size() < kMinBase58Chars || token.size() > kMaxBase58Chars) return std::nullopt;
  const char first = token[0];
  if (first != '1' && first != '3' && first != 'T') return std::nullopt;
  if (first == 'T' && token.size() != kTronChars) return std::nullopt;
  const auto bytes = DecodeBase58Payload(token);
  if (!bytes || !ChecksumHolds(*bytes)) return std::nullopt;
  const std::string address(token);
  switch ((*bytes)[0]) {
    case kBtcP2pkhVersion:
      return Address{"btc:" + address, "bitcoin P2PKH"};
    case kBtcP2shVersion:
      return Address{"btc:" + address, "bitcoin P2SH"};
    case kTronVersion:
      return Address{"trx:" + address, "tron"};
    default:
      return std::nullopt;
  }
}

// ---- Segwit bech32 / bech32m (BIP-173, BIP-350) ----------------------------
// Hand-written from the BIPs' reference code; a few dozen lines.
constexpr std::string_view kBech32Chars = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
constexpr uint32_t kBech32Const = 1;
constexpr uint32_t kBech32mConst = 0x2BC830A3;
constexpr size_t kMinSegwitChars = 14;  // "bc1" + version + 2-byte program + 6 checksum
constexpr size_t kMaxSegwitChars = 90;
constexpr size_t kChecksumChars = 6;

uint32_t Polymod(uint32_t chk, uint8_t value) {
  constexpr uint32_t kGen[5] = {0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3};
  const uint32_t top = chk >> 25;
  chk = ((chk & 0x1FFFFFFu) << 5) ^ value;
  for (int i = 0; i < 5; ++i) {
    if ((top >> i) & 1u) chk ^= kGen[i];
  }
  return chk;
}

// The 5-bit groups after "bc1" and the checksum residue; nullopt for a
// character outside the charset or mixed case.
std::optional<std::pair<std::vector<uint8_t>, uint32_t>> Bech32Data(std::string_view token) {
  bool lower = false;
  bool upper = false;
  for (const char c : token) {
    lower |= (c >= 'a' && c <= 'z');
    upper |= (c >= 'A' && c <= 'Z');
  }
  if (lower && upper) return std::nullopt;  // BIP-173: mixed case is invalid
  uint32_t chk = 1;
  for (const uint8_t v : {3, 3, 0, 2, 3}) chk = Polymod(chk, v);  // hrp_expand("bc")
  std::vector<uint8_t> data;
  data.reserve(token.size());
  for (size_t i = 3; i < token.size(); ++i) {
    const size_t pos = kBech32Chars.find(AsciiToLower(token[i]));
    if (pos == std::string_view::npos) return std::nullopt;
    data.push_back(static_cast<uint8_t>(pos));
    chk = Polymod(chk, data.back());
  }
  return std::make_pair(std::move(data), chk);
}

// 5-bit groups to bytes; nullopt for more than 4 bits of padding or
// padding that is not zero (BIP-173 convertbits without pad).
std::optional<std::vector<uint8_t>> FiveToEight(const std::vector<uint8_t>& groups, size_t begin,
                                                size_t end) {
  std::vector<uint8_t> out;
  uint32_t acc = 0;
  int bits = 0;
  for (size_t i = begin; i < end; ++i) {
    acc = ((acc << 5) | groups[i]) & 0xFFFu;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<uint8_t>((acc >> bits) & 0xFFu));
    }
  }
  if (bits >= 5 || ((acc << (8 - bits)) & 0xFFu) != 0) return std::nullopt;
  return out;
}

std::string_view SegwitDetail(int version, size_t program_bytes) {
  if (version == 0) return program_bytes == 20 ? "bech32 P2WPKH" : "bech32 P2WSH";
  if (version == 1 && program_bytes == 32) return "bech32m P2TR";
  return "bech32m segwit v1+";
}

std::optional<Address> DecodeSegwitAddress(std::string_view token) {
  if (token.size() < kMinSegwitChars || token.size() > kMaxSegwitChars) return std::nullopt;
  if (AsciiToLower(token[0]) != 'b' || AsciiToLower(token[1]) != 'c' || token[2] != '1') {
    return std::nullopt;
  }
  auto decoded = Bech32Data(token);
  if (!decoded) return std::nullopt;
  const auto& [data, residue] = *decoded;
  const int version = data[0];
  if (version > 16) return std::nullopt;
  // BIP-350: version 0 keeps bech32's constant, every later version bech32m's.
  if (residue != (version == 0 ? kBech32Const : kBech32mConst)) return std::nullopt;
  const auto program = FiveToEight(data, 1, data.size() - kChecksumChars);
  if (!program || program->size() < 2 || program->size() > 40) return std::nullopt;
  if (version == 0 && program->size() != 20 && program->size() != 32) return std::nullopt;
  std::string value = "btc:";
  for (const char c : token) value += AsciiToLower(c);
  return Address{std::move(value), SegwitDetail(version, program->size())};
}

// ---- Ethereum (EIP-55) -----------------------------------------------------
constexpr size_t kEthHexChars = 40;

bool IsHex(char c) { return IsAsciiDigit(c) || (AsciiToLower(c) >= 'a' && AsciiToLower(c) <= 'f'); }

// EIP-55: hex letter i is upper-case exactly when nibble i of
// Keccak-256(lower-case hex) is 8 or more.
bool Eip55Holds(std::string_view hex, const std::string& lower) {
  uint8_t digest[CryptoPP::Keccak_256::DIGESTSIZE];
  CryptoPP::Keccak_256 keccak;
  keccak.CalculateDigest(digest, reinterpret_cast<const uint8_t*>(lower.data()), lower.size());
  for (size_t i = 0; i < hex.size(); ++i) {
    if (IsAsciiDigit(hex[i])) continue;
    const int nibble = (i % 2 == 0) ? digest[i / 2] >> 4 : digest[i / 2] & 0x0F;
    const bool upper = hex[i] >= 'A' && hex[i] <= 'F';
    if (upper != (nibble >= 8)) return false;
  }
  return true;
}

std::optional<Address> DecodeEthereumAddress(std::string_view token) {
  if (token.size() != 2 + kEthHexChars || token[0] != '0' || AsciiToLower(token[1]) != 'x') {
    return std::nullopt;
  }
  const std::string_view hex = token.substr(2);
  bool lower = false;
  bool upper = false;
  for (const char c : hex) {
    if (!IsHex(c)) return std::nullopt;
    lower |= (c >= 'a' && c <= 'f');
    upper |= (c >= 'A' && c <= 'F');
  }
  std::string value = "eth:0x";
  for (const char c : hex) value += AsciiToLower(c);
  const bool mixed = lower && upper;
  if (mixed && !Eip55Holds(hex, value.substr(6))) return std::nullopt;
  return Address{std::move(value), "ethereum", mixed ? 1.0 : kUncheckedWalletConfidence};
}

// ---- Tokens ---------------------------------------------------------------

// The address `token` (one whole run of ASCII letters and digits) spells.
std::optional<Address> DecodeToken(std::string_view token) {
  if (token.size() < kMinSegwitChars || token.size() > kMaxSegwitChars) return std::nullopt;
  switch (token[0]) {
    case '0':
      return DecodeEthereumAddress(token);
    case 'b':
    case 'B':
      return DecodeSegwitAddress(token);
    case '1':
    case '3':
    case 'T':
      return DecodeBase58Address(token);
    default:
      return std::nullopt;
  }
}

// Whether [begin, end) stands alone: no word character glued to it, and not
// the name part of a file or host name ("<address>.png", "<address>.example").
bool StandsAlone(std::string_view text, size_t begin, size_t end) {
  if (IsWordChar(CodePointBefore(text, begin)) || IsWordChar(CodePointAt(text, end))) {
    return false;
  }
  const bool dotted = end + 1 < text.size() && (text[end] == '.' || text[end] == '@') &&
                      IsAsciiAlnum(text[end + 1]);
  return !dotted;
}

}  // namespace

std::vector<Selector> ExtractWallets(std::string_view text) {
  std::vector<Selector> out;
  // Every address is a run of at least kMinSegwitChars ASCII letters and
  // digits: FindAlnumRun passes the prose between such runs in blocks.
  size_t next = 0;
  while (true) {
    const size_t begin = FindAlnumRun(text, next, kMinSegwitChars);
    if (begin >= text.size()) break;
    size_t i = begin + kMinSegwitChars;
    while (i < text.size() && IsAsciiAlnum(text[i])) ++i;
    next = i;  // text[i] ends this run; the next starts after it
    if (i - begin < kMinSegwitChars || i - begin > kMaxSegwitChars) continue;
    auto address = DecodeToken(text.substr(begin, i - begin));
    if (!address || !StandsAlone(text, begin, i)) continue;
    Selector selector;
    selector.kind = SelectorKind::kWallet;
    selector.value = std::move(address->value);
    selector.raw = std::string(text.substr(begin, i - begin));
    selector.begin = begin;
    selector.end = i;
    selector.confidence = address->confidence;
    selector.detail = std::string(address->detail);
    out.push_back(std::move(selector));
  }
  return out;
}

std::optional<std::string> NormalizeWallet(std::string_view input) {
  std::string_view token = TrimSpace(input);
  std::string chain;  // "btc:", "eth:" or "trx:" when the user wrote one
  if (token.size() > 4 && token[3] == ':') {
    for (const char c : token.substr(0, 4)) chain += AsciiToLower(c);
    token = token.substr(4);
  }
  auto address = DecodeToken(token);
  if (!address) return std::nullopt;
  if (!chain.empty() && address->value.compare(0, 4, chain) != 0) return std::nullopt;
  return std::move(address->value);
}

}  // namespace harrier::extractors
