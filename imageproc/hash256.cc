#include "imageproc/hash256.h"

namespace harrier::imageproc {

namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string Hash256::ToHex() const {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(64, '0');
  for (int w = 0; w < 4; ++w) {
    for (int i = 0; i < 16; ++i) {
      out[w * 16 + i] = kDigits[(words[w] >> (60 - 4 * i)) & 0xF];
    }
  }
  return out;
}

Result<Hash256> Hash256::FromHex(std::string_view hex) {
  if (hex.size() != 64) {
    return Status::InvalidArgument("parse hash: want 64 hex characters, got " +
                                   std::to_string(hex.size()));
  }
  Hash256 h;
  for (size_t i = 0; i < 64; ++i) {
    int v = HexValue(hex[i]);
    if (v < 0) {
      return Status::InvalidArgument("parse hash: not a hex digit at offset " + std::to_string(i));
    }
    h.words[i / 16] = (h.words[i / 16] << 4) | static_cast<uint64_t>(v);
  }
  return h;
}

std::string Hash256::ToBytes() const {
  std::string out(32, '\0');
  for (int i = 0; i < 32; ++i) {
    out[i] = static_cast<char>(words[i / 8] >> (56 - 8 * (i % 8)));
  }
  return out;
}

Result<Hash256> Hash256::FromBytes(std::string_view bytes) {
  if (bytes.size() != 32) {
    return Status::InvalidArgument("parse hash: want 32 bytes, got " +
                                   std::to_string(bytes.size()));
  }
  Hash256 h;
  for (int i = 0; i < 32; ++i) {
    h.words[i / 8] = (h.words[i / 8] << 8) | static_cast<unsigned char>(bytes[i]);
  }
  return h;
}

}  // namespace harrier::imageproc
