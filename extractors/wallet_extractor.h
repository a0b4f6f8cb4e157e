// Cryptocurrency wallet addresses in advert text, accepted only when their
// checksum holds: Bitcoin Base58Check (P2PKH "1…", P2SH "3…"), Bitcoin
// segwit bech32/bech32m ("bc1…", BIP-173/BIP-350), Ethereum "0x" + 40 hex
// (EIP-55 mixed-case checksum; all-lower and all-upper carry none) and Tron
// Base58Check ("T…"). Mainnet only: testnet addresses ("m…", "n…", "2…",
// "tb1…") are rejected, they hold nothing worth paying. Pure functions; safe
// from any thread.
#ifndef HARRIER_EXTRACTORS_WALLET_EXTRACTOR_H_
#define HARRIER_EXTRACTORS_WALLET_EXTRACTOR_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/selector.h"

namespace harrier::extractors {

// Confidence of an Ethereum address written all-lower or all-upper case: its
// shape is right but no checksum vouches for it.
inline constexpr double kUncheckedWalletConfidence = 0.9;

// Wallets in `text` ordered by position. An address must be a whole token:
// not glued to letters, digits or '_' on either side, so it is found in an
// explorer URL (".../address/bc1q…") but not inside a longer run. Truncated
// forms ("bc1qxy2k…0wlh"), transaction hashes (64 hex, with or without
// "0x") and bare 40-hex strings (git object names) are not wallets. Values
// are "btc:<address>" (bech32 lower-case, Base58 as written),
// "eth:0x<40 lower-case hex>", "trx:T…"; detail names the address type
// ("bitcoin P2PKH", "bech32 P2WPKH", "bech32m P2TR", "ethereum", "tron").
// Snippets are left empty. Linear in the text length.
std::vector<Selector> ExtractWallets(std::string_view text);

// The selector value ("btc:bc1q…") when `input`, surrounding whitespace
// ignored and an optional "btc:"/"eth:"/"trx:" prefix of the right chain
// allowed, is exactly one valid address; nullopt otherwise.
std::optional<std::string> NormalizeWallet(std::string_view input);

}  // namespace harrier::extractors

#endif  // HARRIER_EXTRACTORS_WALLET_EXTRACTOR_H_
