#!/usr/bin/env python3
"""Writes labelled.jsonl from the hand-written case files (cases_*.py).

The case files hold the texts and their labels; this script fills every
list key, adds kind tags, checks the labels (formats, checksums, Ofcom
drama ranges for UK numbers, unique ids) and writes one JSON object per
line. Python standard library only.

  build_labelled.py            # rewrite labelled.jsonl
  build_labelled.py --check    # exit 1 if labelled.jsonl is not up to date
"""

import hashlib
import json
import os
import re
import sys
import unicodedata

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import caselib  # noqa: E402
import make_values  # noqa: E402

CASE_FILES = ["cases_phone_plain", "cases_phone_words", "cases_phone_obf", "cases_phone_intl",
              "cases_decoy", "cases_email", "cases_postcode", "cases_place", "cases_wallet",
              "cases_handle", "cases_bank", "cases_mixed"]
PLATFORMS = {"snapchat", "instagram", "telegram", "tiktok", "whatsapp", "onlyfans", "x",
             "facebook"}
# Ofcom drama ranges (E.164 prefixes and the number of digits after them).
DRAMA = [("+447700900", 3), ("+441632960", 3), ("+442079460", 3)] + [
    ("+44%s4960" % a, 3) for a in ("113", "114", "115", "116", "117", "118", "121", "131",
                                     "141", "151", "161")] + [("+441914980", 3)]
# Foreign numbers checked valid with libphonenumber (see README).
FOREIGN = {"+40722123456", "+40745918273", "+40768304152", "+48512345678", "+48601982374",
           "+48798203415", "+36201234567", "+36309876543", "+36705551234", "+355691234567",
           "+355682345671", "+84912345678", "+8613800138000", "+393471234567", "+34612345678",
           "+33612345678", "+359881234567", "+66812345678", "+5511987654321"}
POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}$")


def b58_ok(addr):
    n = 0
    for ch in addr:
        n = n * 58 + make_values.B58.index(ch)
    raw = n.to_bytes(25, "big")
    return hashlib.sha256(hashlib.sha256(raw[:21]).digest()).digest()[:4] == raw[21:]


def wallet_ok(w):
    if w.startswith("bc1"):
        return w == w.lower() and make_values.bech32_verify(w)
    if w.startswith("0x"):
        return re.fullmatch(r"0x[0-9a-f]{40}", w) is not None
    if w[0] in "13T":
        return b58_ok(w)
    return False


def check(case):
    errors = []
    for p in case["phones"]:
        ok = p in FOREIGN or any(p.startswith(pre) and len(p) == len(pre) + n for pre, n in DRAMA)
        if not ok:
            errors.append("phone %s not drama/foreign-checked" % p)
    for e in case["emails"]:
        if e != e.lower() or "@" not in e:
            errors.append("email " + e)
    for pc in case["postcodes"]:
        if not POSTCODE.match(pc):
            errors.append("postcode " + pc)
    for w in case["wallets"]:
        if not wallet_ok(w):
            errors.append("wallet " + w)
    for h in case["handles"]:
        if h["platform"] not in PLATFORMS or h["handle"] != h["handle"].lower() or \
                h["handle"].startswith("@"):
            errors.append("handle %r" % h)
    for s in case["sort_codes"]:
        if not re.fullmatch(r"\d\d-\d\d-\d\d", s):
            errors.append("sort code " + s)
    for a in case["accounts"]:
        if not re.fullmatch(r"\d\d-\d\d-\d\d \d{8}", a):
            errors.append("account " + a)
    for i in case["ibans"]:
        if not make_values.iban_valid(i) or not re.fullmatch(r"GB\d\d[A-Z]{4}\d{14}", i):
            errors.append("iban " + i)
    return errors


def render():
    for name in CASE_FILES:
        __import__(name)
    seen, errors = set(), []
    for case in caselib.CASES:
        if case["id"] in seen:
            errors.append("duplicate id " + case["id"])
        seen.add(case["id"])
        errors += ["%s: %s" % (case["id"], e) for e in check(case)]
    if errors:
        sys.exit("\n".join(errors))
    return "".join(visible(json.dumps(c, ensure_ascii=False)) + "\n" for c in caselib.CASES)


def visible(line):
    """Invisible format characters (zero-width, bidi, soft hyphen, BOM) as
    \\uXXXX escapes, so that a reader of the file sees them."""
    return "".join("\\u%04x" % ord(ch) if unicodedata.category(ch) == "Cf" else ch
                   for ch in line)


def main():
    out = os.path.join(HERE, "labelled.jsonl")
    text = render()
    if "--check" in sys.argv:
        with open(out, encoding="utf-8") as f:
            if f.read() != text:
                sys.exit("labelled.jsonl is out of date: run build_labelled.py")
        print("labelled.jsonl up to date (%d cases)" % text.count("\n"))
        return
    with open(out, "w", encoding="utf-8") as f:
        f.write(text)
    print("wrote %d cases to %s" % (text.count("\n"), out))


if __name__ == "__main__":
    main()
