"""Crypto wallet cases: Bitcoin P2PKH/P2SH/bech32/bech32m, Ethereum (EIP-55
mixed case and all lower), Tron; decoys with broken checksums, truncations
and transaction hashes."""
from caselib import c, m, V, eth_lower


def flip(addr, pos):
    """The address with one character changed (breaks the checksum)."""
    alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
    ch = addr[pos]
    repl = alphabet[(alphabet.find(ch) + 1) % len(alphabet)] if ch in alphabet else "2"
    return addr[:pos] + repl + addr[pos + 1:]


def flip_bech(addr, pos):
    cs = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
    return addr[:pos] + cs[(cs.find(addr[pos]) + 1) % 32] + addr[pos + 1:]


B = "btc"
c("wl-p2pkh-001", "BTC: " + V["btc_p2pkh_1"], B + " p2pkh", wallets=[V["btc_p2pkh_1"]])
c("wl-p2pkh-002", "Deposit (bitcoin) to " + V["btc_p2pkh_2"] + " before the booking", B + " p2pkh", wallets=[V["btc_p2pkh_2"]])
c("wl-p2pkh-003", "₿ " + V["btc_p2pkh_3"] + " ₿", B + " p2pkh", wallets=[V["btc_p2pkh_3"]])
c("wl-p2pkh-004", "pay here\n" + V["btc_p2pkh_4"] + "\nthen text 07700 900 361", B + " p2pkh", wallets=[V["btc_p2pkh_4"]], phones=[m(361)])
c("wl-p2pkh-005", "<p>Bitcoin address:</p><code>" + V["btc_p2pkh_5"] + "</code>", B + " p2pkh", fmt="html", wallets=[V["btc_p2pkh_5"]])
c("wl-p2pkh-006", "bitcoin:" + V["btc_p2pkh_6"] + "?amount=0.002", B + " p2pkh uri", wallets=[V["btc_p2pkh_6"]])
c("wl-p2sh-001", "BTC (segwit-compatible): " + V["btc_p2sh_1"], B + " p2sh", wallets=[V["btc_p2sh_1"]])
c("wl-p2sh-002", "wallet " + V["btc_p2sh_2"] + " — £50 deposit", B + " p2sh", wallets=[V["btc_p2sh_2"]])
c("wl-p2sh-003", "(" + V["btc_p2sh_3"] + ")", B + " p2sh", wallets=[V["btc_p2sh_3"]])
c("wl-p2sh-004", "Send BTC to " + V["btc_p2sh_4"] + " or ETH to " + V["eth_1"], B + " p2sh eth mixed-case", wallets=[V["btc_p2sh_4"], eth_lower("eth_1")])
c("wl-bech-001", "bc address: " + V["btc_wpkh_1"], B + " bech32 p2wpkh", wallets=[V["btc_wpkh_1"]])
c("wl-bech-002", V["btc_wpkh_2"], B + " bech32 p2wpkh bare", wallets=[V["btc_wpkh_2"]])
c("wl-bech-003", "BTC " + V["btc_wpkh_3"].upper() + " (upper case QR form)", B + " bech32 upper", wallets=[V["btc_wpkh_3"]])
c("wl-bech-004", "deposit→" + V["btc_wpkh_4"] + "←", B + " bech32", wallets=[V["btc_wpkh_4"]])
c("wl-bech-005", "<a href=\"bitcoin:" + V["btc_wpkh_5"] + "\">pay with bitcoin</a>", B + " bech32 href", fmt="html", wallets=[V["btc_wpkh_5"]])
c("wl-bech-006", "multisig " + V["btc_wsh_1"], B + " bech32 p2wsh", wallets=[V["btc_wsh_1"]])
c("wl-bech-007", "vault: " + V["btc_wsh_2"], B + " bech32 p2wsh", wallets=[V["btc_wsh_2"]])
c("wl-tr-001", "taproot " + V["btc_tr_1"], B + " bech32m p2tr", wallets=[V["btc_tr_1"]])
c("wl-tr-002", "BTC: " + V["btc_tr_2"] + "\nETH: " + eth_lower("eth_2"), B + " bech32m eth lower", wallets=[V["btc_tr_2"], eth_lower("eth_2")])
c("wl-tr-003", "₿ " + V["btc_tr_3"], B + " bech32m", wallets=[V["btc_tr_3"]])
c("wl-tr-004", "tips welcome " + V["btc_tr_4"] + " 🙏", B + " bech32m", wallets=[V["btc_tr_4"]])

E = "eth"
c("wl-eth-001", "ETH " + V["eth_3"], E + " mixed-case", wallets=[eth_lower("eth_3")])
c("wl-eth-002", "USDT (ERC-20): " + V["eth_4"], E + " mixed-case", wallets=[eth_lower("eth_4")])
c("wl-eth-003", "eth: " + eth_lower("eth_5"), E + " lower", wallets=[eth_lower("eth_5")])
c("wl-eth-004", "Send ethereum to\n" + V["eth_6"] + "\nthank you", E + " mixed-case", wallets=[eth_lower("eth_6")])
c("wl-eth-005", "<p>ETH wallet</p><p>" + V["eth_7"] + "</p>", E + " mixed-case", fmt="html", wallets=[eth_lower("eth_7")])
c("wl-eth-006", "ethereum:" + eth_lower("eth_8") + "@1", E + " lower uri", wallets=[eth_lower("eth_8")])
c("wl-eth-007", "metamask " + V["eth_9"] + " (mainnet)", E + " mixed-case", wallets=[eth_lower("eth_9")])
c("wl-eth-008", "USDC: " + eth_lower("eth_10"), E + " lower", wallets=[eth_lower("eth_10")])

T = "trx"
c("wl-trx-001", "USDT TRC20: " + V["trx_1"], T, wallets=[V["trx_1"]])
c("wl-trx-002", "Tron wallet " + V["trx_2"] + " deposit required", T, wallets=[V["trx_2"]])
c("wl-trx-003", "TRX → " + V["trx_3"], T, wallets=[V["trx_3"]])
c("wl-trx-004", "USDT only (TRC-20)\n" + V["trx_4"] + "\nscreenshot the payment", T, wallets=[V["trx_4"]])
c("wl-trx-005", "tron:" + V["trx_5"], T + " uri", wallets=[V["trx_5"]])

c("wl-mix-001", "Deposit required 💰\nBTC " + V["btc_wpkh_6"] + "\nUSDT TRC20 " + V["trx_6"] + "\nETH " + V["eth_11"] + "\nText 07700 900 372 after paying", "btc trx eth mixed", wallets=[V["btc_wpkh_6"], V["trx_6"], eth_lower("eth_11")], phones=[m(372)])
c("wl-mix-002", "Crypto only. " + V["btc_p2pkh_7"] + " (old) / " + V["btc_tr_5"] + " (new)", "btc two", wallets=[V["btc_p2pkh_7"], V["btc_tr_5"]])
c("wl-mix-003", "London based, deposit via " + V["trx_7"] + " or email pay@example.org", "trx mixed", wallets=[V["trx_7"]], emails=["pay@example.org"], places=["London"])

D = "decoy wallet"
c("wl-dec-001", "BTC " + flip(V["btc_p2pkh_8"], 10), D + " bad-checksum")
c("wl-dec-002", "send to " + flip_bech(V["btc_wpkh_7"], 20), D + " bad-checksum")
c("wl-dec-003", "ETH " + V["eth_12"][:20] + V["eth_12"][20:].swapcase(), D + " bad-checksum eth")
c("wl-dec-004", "USDT " + flip(V["trx_8"], 15), D + " bad-checksum")
c("wl-dec-005", "BTC " + V["btc_p2sh_5"][:12] + "...", D + " truncated")
c("wl-dec-006", "tx id: " + V["tx_5"], D + " tx-hash")
c("wl-dec-007", "hash 0x" + V["tx_6"], D + " tx-hash")
c("wl-dec-008", "ETH " + V["eth_5"][:-4], D + " truncated")
c("wl-dec-009", "bc1 addresses start with bc1q or bc1p", D)
c("wl-dec-010", "T-shirt TQP49 size M", D)
c("wl-dec-011", "Send to " + V["btc_tr_6"][:30], D + " truncated")
c("wl-dec-012", "block hash " + V["tx_7"] + " height 840000", D + " tx-hash")
