#!/usr/bin/env python3
"""Invented wallet addresses for the wallet extractor's tests.

Every address is computed from bytes drawn from a seeded random source, so it
is well-formed (checksums valid) but belongs to nobody. Stdlib only: Base58Check
uses hashlib's SHA-256; bech32/bech32m follow BIP-173/BIP-350's reference
code; Keccak-256 (EIP-55) is written out here because hashlib's sha3_256 is
the FIPS variant with other padding.

  python3 make_wallets.py            # print one address of each type per line
  python3 make_wallets.py --check    # verify the published spec vectors
"""
import hashlib
import random
import sys

B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
B32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
BECH32, BECH32M = 1, 0x2BC830A3


def b58check(version, payload):
    raw = bytes([version]) + payload
    raw += hashlib.sha256(hashlib.sha256(raw).digest()).digest()[:4]
    n = int.from_bytes(raw, "big")
    out = ""
    while n:
        n, r = divmod(n, 58)
        out = B58[r] + out
    return "1" * (len(raw) - len(raw.lstrip(b"\0"))) + out


def polymod(values):
    gen = [0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3]
    chk = 1
    for v in values:
        top = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ v
        for i in range(5):
            chk ^= gen[i] if (top >> i) & 1 else 0
    return chk


def hrp_expand(hrp):
    return [ord(x) >> 5 for x in hrp] + [0] + [ord(x) & 31 for x in hrp]


def convertbits(data, frombits, tobits, pad):
    acc = bits = 0
    out = []
    for v in data:
        acc = (acc << frombits) | v
        bits += frombits
        while bits >= tobits:
            bits -= tobits
            out.append((acc >> bits) & ((1 << tobits) - 1))
    if pad and bits:
        out.append((acc << (tobits - bits)) & ((1 << tobits) - 1))
    elif not pad and (bits >= frombits or ((acc << (tobits - bits)) & ((1 << tobits) - 1))):
        return None
    return out


def segwit(hrp, version, program):
    data = [version] + convertbits(program, 8, 5, True)
    const = BECH32 if version == 0 else BECH32M
    pm = polymod(hrp_expand(hrp) + data + [0] * 6) ^ const
    checksum = [(pm >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(B32[d] for d in data + checksum)


def segwit_decode(addr):
    """(version, program) or None, as BIP-350's reference decode with hrp bc."""
    if addr.lower() != addr and addr.upper() != addr:
        return None
    addr = addr.lower()
    pos = addr.rfind("1")
    if pos < 1 or pos + 7 > len(addr) or len(addr) > 90 or addr[:pos] != "bc":
        return None
    if any(c not in B32 for c in addr[pos + 1:]):
        return None
    data = [B32.find(c) for c in addr[pos + 1:]]
    const = polymod(hrp_expand(addr[:pos]) + data)
    if const not in (BECH32, BECH32M):
        return None
    data = data[:-6]
    if not data or data[0] > 16:
        return None
    prog = convertbits(data[1:], 5, 8, False)
    if prog is None or not 2 <= len(prog) <= 40:
        return None
    if data[0] == 0 and len(prog) not in (20, 32):
        return None
    if (data[0] == 0) != (const == BECH32):
        return None
    return data[0], bytes(prog)


# Keccak-f[1600] with the original Keccak padding (0x01), rate 136: Keccak-256.
RC = [0x0000000000000001, 0x0000000000008082, 0x800000000000808A, 0x8000000080008000,
      0x000000000000808B, 0x0000000080000001, 0x8000000080008081, 0x8000000000008009,
      0x000000000000008A, 0x0000000000000088, 0x0000000080008009, 0x000000008000000A,
      0x000000008000808B, 0x800000000000008B, 0x8000000000008089, 0x8000000000008003,
      0x8000000000008002, 0x8000000000000080, 0x000000000000800A, 0x800000008000000A,
      0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008]
ROT = [[0, 36, 3, 41, 18], [1, 44, 10, 45, 2], [62, 6, 43, 15, 61], [28, 55, 25, 21, 56],
       [27, 20, 39, 8, 14]]
M64 = (1 << 64) - 1


def rol(v, n):
    return ((v << n) | (v >> (64 - n))) & M64 if n else v


def keccak_f(a):
    for rc in RC:
        c = [a[x][0] ^ a[x][1] ^ a[x][2] ^ a[x][3] ^ a[x][4] for x in range(5)]
        d = [c[(x - 1) % 5] ^ rol(c[(x + 1) % 5], 1) for x in range(5)]
        a = [[a[x][y] ^ d[x] for y in range(5)] for x in range(5)]
        b = [[0] * 5 for _ in range(5)]
        for x in range(5):
            for y in range(5):
                b[y][(2 * x + 3 * y) % 5] = rol(a[x][y], ROT[x][y])
        a = [[b[x][y] ^ (~b[(x + 1) % 5][y] & b[(x + 2) % 5][y]) for y in range(5)]
             for x in range(5)]
        a[0][0] ^= rc
    return a


def keccak256(msg):
    rate = 136
    msg = bytearray(msg) + b"\x01"
    msg += b"\0" * (-len(msg) % rate)
    msg[-1] |= 0x80
    a = [[0] * 5 for _ in range(5)]
    for off in range(0, len(msg), rate):
        for i in range(rate // 8):
            a[i % 5][i // 5] ^= int.from_bytes(msg[off + 8 * i:off + 8 * i + 8], "little")
        a = keccak_f(a)
    return b"".join(a[i % 5][i // 5].to_bytes(8, "little") for i in range(4))


def eip55(address20):
    hexa = address20.hex()
    h = keccak256(hexa.encode()).hex()
    return "0x" + "".join(c.upper() if int(h[i], 16) >= 8 else c for i, c in enumerate(hexa))


def generate(rng):
    rb = lambda n: bytes(rng.getrandbits(8) for _ in range(n))
    return [
        ("bitcoin P2PKH", b58check(0x00, rb(20))),
        ("bitcoin P2SH", b58check(0x05, rb(20))),
        ("bech32 P2WPKH", segwit("bc", 0, rb(20))),
        ("bech32 P2WSH", segwit("bc", 0, rb(32))),
        ("bech32m P2TR", segwit("bc", 1, rb(32))),
        ("ethereum", eip55(rb(20))),
        ("tron", b58check(0x41, rb(20))),
        ("testnet P2PKH", b58check(0x6F, rb(20))),
        ("testnet bech32", segwit("tb", 0, rb(20))),
    ]


def check():
    valid = ["BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4",
             "bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y",
             "BC1SW50QGDZ25J", "bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs",
             "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0"]
    invalid = ["bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd",
               "BC1S0XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ54WELL",
               "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh",
               "bc1p38j9r5y49hruaue7wxjce0updqjuyyx0kh56v8s25huc6995vvpql3jow4",
               "BC130XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ7ZWS8R",
               "bc1pw5dgrnzv",
               "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v8n0nx0muaewav253zgeav",
               "BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P",
               "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq47Zagq",
               "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v07qwwzcrf",
               "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vpggkg4j",
               "bc1gmk9yu"]
    ok = all(segwit_decode(a) for a in valid) and not any(segwit_decode(a) for a in invalid)
    for a in ["0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
              "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
              "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
              "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb"]:
        ok &= eip55(bytes.fromhex(a[2:])) == a
    for a in valid + invalid:
        print(a, segwit_decode(a) is not None)
    print("ok" if ok else "MISMATCH")
    return 0 if ok else 1


if __name__ == "__main__":
    if "--check" in sys.argv:
        sys.exit(check())
    rng = random.Random(int(sys.argv[1]) if len(sys.argv) > 1 else 4)
    for label, address in generate(rng):
        print(f"{label}\t{address}")
