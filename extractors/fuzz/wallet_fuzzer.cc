// libFuzzer target: ExtractWallets on arbitrary bytes; every wallet found
// must normalise back to the same value from its raw text.
#include <cstdint>
#include <cstdlib>

#include "extractors/fuzz/fuzz_checks.h"
#include "extractors/wallet_extractor.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace harrier::extractors;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto wallets = ExtractWallets(text);
  CheckSelectors(text, wallets);
  for (const auto& w : wallets) {
    if (NormalizeWallet(w.raw) != w.value) std::abort();
  }
  (void)NormalizeWallet(text);
  return 0;
}
