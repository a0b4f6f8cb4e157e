#!/usr/bin/env python3
"""Invented, checksum-valid selector values for the labelled extraction set.

Python standard library only, written from the specifications:
  - Base58Check (Bitcoin P2PKH/P2SH, Tron): double SHA-256 checksum.
  - bech32 / bech32m (BIP-173 / BIP-350): segwit v0 P2WPKH/P2WSH, v1 P2TR.
  - EIP-55 mixed-case Ethereum addresses: Keccak-256 (the original Keccak
    padding, which is NOT hashlib's sha3_256), implemented below.
  - GB IBANs: ISO 13616 mod-97 check digits.

Every payload is drawn from random.Random(SEED), so the addresses are
invented and the same on every run. `make_values.py` prints one
"name value" line per value; `make_values.py --selftest` checks the
implementations against the specifications' published test vectors.
The build script of the labelled set imports values() from here.
"""

import hashlib
import random
import sys

SEED = 20260406

B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def base58check(payload: bytes) -> str:
    data = payload + hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4]
    n = int.from_bytes(data, "big")
    out = ""
    while n:
        n, r = divmod(n, 58)
        out = B58[r] + out
    pad = len(data) - len(data.lstrip(b"\0"))
    return "1" * pad + out


# --- bech32 / bech32m (BIP-173, BIP-350) -----------------------------------
CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
BECH32_CONST = 1
BECH32M_CONST = 0x2BC830A3


def _polymod(values):
    gen = [0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3]
    chk = 1
    for v in values:
        top = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ v
        for i in range(5):
            chk ^= gen[i] if ((top >> i) & 1) else 0
    return chk


def _hrp_expand(hrp):
    return [ord(x) >> 5 for x in hrp] + [0] + [ord(x) & 31 for x in hrp]


def _convertbits(data, frombits, tobits):
    acc, bits, ret = 0, 0, []
    maxv = (1 << tobits) - 1
    for value in data:
        acc = (acc << frombits) | value
        bits += frombits
        while bits >= tobits:
            bits -= tobits
            ret.append((acc >> bits) & maxv)
    if bits:
        ret.append((acc << (tobits - bits)) & maxv)
    return ret


def segwit_address(hrp: str, version: int, program: bytes) -> str:
    const = BECH32_CONST if version == 0 else BECH32M_CONST
    data = [version] + _convertbits(program, 8, 5)
    values = _hrp_expand(hrp) + data
    polymod = _polymod(values + [0] * 6) ^ const
    checksum = [(polymod >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(CHARSET[d] for d in data + checksum)


def bech32_verify(addr: str) -> bool:
    addr = addr.lower()
    hrp, _, rest = addr.rpartition("1")
    data = [CHARSET.find(c) for c in rest]
    if -1 in data or not hrp:
        return False
    const = _polymod(_hrp_expand(hrp) + data)
    return const == (BECH32_CONST if data[0] == 0 else BECH32M_CONST)


# --- Keccak-256 (pre-standard padding 0x01) ---------------------------------
_RC = [
    0x0000000000000001, 0x0000000000008082, 0x800000000000808A, 0x8000000080008000,
    0x000000000000808B, 0x0000000080000001, 0x8000000080008081, 0x8000000000008009,
    0x000000000000008A, 0x0000000000000088, 0x0000000080008009, 0x000000008000000A,
    0x000000008000808B, 0x800000000000008B, 0x8000000000008089, 0x8000000000008003,
    0x8000000000008002, 0x8000000000000080, 0x000000000000800A, 0x800000008000000A,
    0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008,
]
_ROT = [[0, 36, 3, 41, 18], [1, 44, 10, 45, 2], [62, 6, 43, 15, 61],
        [28, 55, 25, 21, 56], [27, 20, 39, 8, 14]]
_M64 = (1 << 64) - 1


def _rol(x, n):
    return ((x << n) | (x >> (64 - n))) & _M64 if n else x


def _keccak_f(a):
    for rc in _RC:
        c = [a[x][0] ^ a[x][1] ^ a[x][2] ^ a[x][3] ^ a[x][4] for x in range(5)]
        d = [c[(x - 1) % 5] ^ _rol(c[(x + 1) % 5], 1) for x in range(5)]
        a = [[a[x][y] ^ d[x] for y in range(5)] for x in range(5)]
        b = [[0] * 5 for _ in range(5)]
        for x in range(5):
            for y in range(5):
                b[y][(2 * x + 3 * y) % 5] = _rol(a[x][y], _ROT[x][y])
        a = [[b[x][y] ^ ((~b[(x + 1) % 5][y]) & b[(x + 2) % 5][y]) for y in range(5)]
             for x in range(5)]
        a[0][0] ^= rc
    return a


def keccak256(msg: bytes) -> bytes:
    rate = 136
    msg = bytearray(msg) + b"\x01"
    while len(msg) % rate:
        msg += b"\0"
    msg[-1] |= 0x80
    a = [[0] * 5 for _ in range(5)]
    for off in range(0, len(msg), rate):
        block = msg[off:off + rate]
        for i in range(rate // 8):
            x, y = i % 5, i // 5
            a[x][y] ^= int.from_bytes(block[8 * i:8 * i + 8], "little")
        a = _keccak_f(a)
    out = b""
    for i in range(4):
        out += a[i % 5][i // 5].to_bytes(8, "little")
    return out


def eip55(addr20: bytes) -> str:
    low = addr20.hex()
    h = keccak256(low.encode()).hex()
    return "0x" + "".join(ch.upper() if ch.isalpha() and int(h[i], 16) >= 8 else ch
                          for i, ch in enumerate(low))


# --- GB IBAN ----------------------------------------------------------------
def iban_gb(bank: str, sort_code: str, account: str) -> str:
    bban = bank + sort_code + account
    digits = "".join(str(int(c, 36)) for c in bban + "GB00")
    check = 98 - int(digits) % 97
    return "GB%02d%s" % (check, bban)


def iban_valid(iban: str) -> bool:
    s = iban[4:] + iban[:4]
    return int("".join(str(int(c, 36)) for c in s)) % 97 == 1


def values() -> dict:
    """name -> value; stable for SEED."""
    rng = random.Random(SEED)
    rb = lambda n: bytes(rng.randrange(256) for _ in range(n))  # noqa: E731
    v = {}
    for i in range(1, 9):
        v["btc_p2pkh_%d" % i] = base58check(b"\x00" + rb(20))
    for i in range(1, 7):
        v["btc_p2sh_%d" % i] = base58check(b"\x05" + rb(20))
    for i in range(1, 9):
        v["btc_wpkh_%d" % i] = segwit_address("bc", 0, rb(20))
    for i in range(1, 4):
        v["btc_wsh_%d" % i] = segwit_address("bc", 0, rb(32))
    for i in range(1, 7):
        v["btc_tr_%d" % i] = segwit_address("bc", 1, rb(32))
    for i in range(1, 13):
        v["eth_%d" % i] = eip55(rb(20))
    for i in range(1, 9):
        v["trx_%d" % i] = base58check(b"\x41" + rb(20))
    banks = ["EXMP", "HARR", "TEST", "INVN", "FAKE", "DEMO", "SAMP", "MOCK"]
    for i in range(1, 13):
        sc = "%02d%02d%02d" % (rng.randrange(10, 99), rng.randrange(100), rng.randrange(100))
        acct = "%08d" % rng.randrange(10**7, 10**8)
        v["iban_%d" % i] = iban_gb(banks[(i - 1) % len(banks)], sc, acct)
    for i in range(1, 21):
        v["tx_%d" % i] = rb(32).hex()
    return v


def selftest() -> None:
    assert keccak256(b"").hex() == (
        "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470")
    # EIP-55's own examples.
    for a in ["0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
              "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
              "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
              "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb"]:
        assert eip55(bytes.fromhex(a[2:])) == a, a
    # BIP-173 / BIP-350 vectors.
    assert segwit_address("bc", 0, bytes.fromhex(
        "751e76e8199196d454941c45d1b3a323f1433bd6")) == \
        "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"
    assert segwit_address("bc", 1, bytes.fromhex(
        "79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798")) == \
        "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0"
    assert base58check(b"\x00" + bytes(20)) == "1111111111111111111114oLvT2"
    assert iban_valid("GB82WEST12345698765432")
    assert iban_gb("WEST", "123456", "98765432") == "GB82WEST12345698765432"
    for name, value in values().items():
        if name.startswith("btc_w") or name.startswith("btc_tr"):
            assert bech32_verify(value), name
        if name.startswith("iban"):
            assert iban_valid(value), name
    print("selftest ok")


if __name__ == "__main__":
    if "--selftest" in sys.argv:
        selftest()
    else:
        for name, value in values().items():
            print(name, value)
