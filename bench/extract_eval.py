#!/usr/bin/env python3
"""Scores Harrier's selector extraction against a labelled set.

Runs `harrier extract --jsonl` with each labelled case's id, text and format
on stdin (or reads precomputed predictions, one JSON object per line with the
same "id" and list keys), then prints per selector kind TP FP FN precision
recall F1, micro-averaged over cases with each case's distinct values
compared as a set (a number written twice in one advert is one finding), the phone F1 on the cases tagged "obfuscated", and a table per tag.
Python standard library only.

  extract_eval.py --labels tests/data/extract/labelled.jsonl --harrier build/cli/harrier
  extract_eval.py --labels L.jsonl --predictions P.jsonl [--verbose] [--check]
  extract_eval.py --labels L.jsonl --counts        # Markdown counts of the labels

--check exits 1 unless phone F1 >= 0.95, obfuscated phone F1 >= 0.90, email,
postcode, wallet and handle F1 >= 0.95, and precision >= 0.95 for every kind
with labelled values. Exit 2 on bad input or when harrier fails.
"""

import argparse
import collections
import json
import re
import subprocess
import sys

KINDS = ["phones", "emails", "postcodes", "places", "wallets", "handles", "sort_codes",
         "accounts", "ibans"]
F1_TARGETS = {"phones": 0.95, "emails": 0.95, "postcodes": 0.95, "wallets": 0.95,
              "handles": 0.95}
OBFUSCATED_PHONE_F1 = 0.90
PRECISION_TARGET = 0.95
PLATFORM_ALIASES = {"twitter": "x", "ig": "instagram", "insta": "instagram", "sc": "snapchat",
                    "snap": "snapchat", "fb": "facebook", "tg": "telegram", "of": "onlyfans",
                    "wa": "whatsapp"}
WALLET_PREFIX = re.compile(r"^(btc|eth|trx|bitcoin|ethereum|tron):", re.I)


# --- normalisation, the same on both sides ---------------------------------
def _digits(s):
    return "".join(ch for ch in s if ch.isdigit())


def norm_phone(v):
    v = str(v).strip()
    return ("+" if v.startswith("+") else "") + _digits(v)


def norm_email(v):
    return str(v).strip().lower()


def norm_postcode(v):
    s = re.sub(r"\s+", "", str(v)).upper()
    return s[:-3] + " " + s[-3:] if len(s) > 3 else s


def norm_place(v):
    """"Newport, Isle of Wight, GB" and "Newport" compare equal; case,
    hyphens, apostrophes, dots and "Saint"/"St" do not matter."""
    s = str(v).split(", ")[0].strip().lower()
    s = s.replace("-", " ").replace("'", "").replace("\u2019", "").replace(".", "")
    s = re.sub(r"\bsaint\b", "st", s)
    return re.sub(r"\s+", " ", s).strip()


def norm_wallet(v):
    s = WALLET_PREFIX.sub("", str(v).strip())
    if s[:2].lower() == "0x" or s[:3].lower() == "bc1":
        return s.lower()
    return s


def norm_handle(v):
    if isinstance(v, dict):
        platform, handle = v.get("platform", ""), v.get("handle", "")
    else:
        platform, _, handle = str(v).partition(":")
    platform = platform.strip().lower()
    platform = PLATFORM_ALIASES.get(platform, platform)
    return platform + ":" + handle.strip().lstrip("@").lower()


def norm_sort_code(v):
    d = _digits(str(v))
    return "%s-%s-%s" % (d[0:2], d[2:4], d[4:6]) if len(d) == 6 else str(v).strip()


def norm_account(v):
    d = _digits(str(v))
    if len(d) == 14:
        return "%s-%s-%s %s" % (d[0:2], d[2:4], d[4:6], d[6:])
    return str(v).strip()


def norm_iban(v):
    return re.sub(r"\s+", "", str(v)).upper()


NORMALISERS = {"phones": norm_phone, "emails": norm_email, "postcodes": norm_postcode,
               "places": norm_place, "wallets": norm_wallet, "handles": norm_handle,
               "sort_codes": norm_sort_code, "accounts": norm_account, "ibans": norm_iban}


def values(record, kind):
    vals = record.get(kind) or []
    if not isinstance(vals, list):
        vals = [vals]
    # Distinct values: an advert that repeats its number has one number.
    return collections.Counter(set(NORMALISERS[kind](v) for v in vals))


# --- scoring ----------------------------------------------------------------
class Counts:
    def __init__(self):
        self.tp = self.fp = self.fn = 0

    def add(self, tp, fp, fn):
        self.tp += tp
        self.fp += fp
        self.fn += fn

    @property
    def precision(self):
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self):
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self):
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def compare(expected, predicted):
    """(tp, fp, fn, missed values, extra values) of two Counters."""
    common = expected & predicted
    tp = sum(common.values())
    missed = sorted((expected - common).elements())
    extra = sorted((predicted - common).elements())
    return tp, len(extra), len(missed), missed, extra


class Report:
    def __init__(self):
        self.kinds = {k: Counts() for k in KINDS}
        self.obfuscated_phones = Counts()
        self.tags = collections.defaultdict(Counts)
        self.tag_cases = collections.Counter()
        self.errors = []  # (kind, "FP"/"FN", case id, value, excerpt)
        self.missing = []  # ids without a prediction
        self.cases = 0


def score(labels, predictions):
    """labels: list of case dicts; predictions: dict id -> prediction dict."""
    report = Report()
    for case in labels:
        report.cases += 1
        pred = predictions.get(case["id"])
        if pred is None:
            report.missing.append(case["id"])
            pred = {}
        tags = set(case.get("tags", []))
        for tag in tags:
            report.tag_cases[tag] += 1
        for kind in KINDS:
            tp, fp, fn, missed, extra = compare(values(case, kind), values(pred, kind))
            report.kinds[kind].add(tp, fp, fn)
            if kind == "phones" and "obfuscated" in tags:
                report.obfuscated_phones.add(tp, fp, fn)
            for tag in tags:
                report.tags[tag].add(tp, fp, fn)
            excerpt = case.get("text", "")[:90].replace("\n", "\\n")
            report.errors += [(kind, "FN", case["id"], v, excerpt) for v in missed]
            report.errors += [(kind, "FP", case["id"], v, excerpt) for v in extra]
    return report


def failures(report):
    """The --check targets that are not met, as messages."""
    out = []
    for kind, target in F1_TARGETS.items():
        if report.kinds[kind].f1 < target:
            out.append("%s F1 %.3f < %.2f" % (kind, report.kinds[kind].f1, target))
    if report.obfuscated_phones.f1 < OBFUSCATED_PHONE_F1:
        out.append("obfuscated phones F1 %.3f < %.2f" % (report.obfuscated_phones.f1,
                                                          OBFUSCATED_PHONE_F1))
    for kind, counts in report.kinds.items():
        if counts.tp + counts.fn and counts.precision < PRECISION_TARGET:
            out.append("%s precision %.3f < %.2f" % (kind, counts.precision, PRECISION_TARGET))
    return out


# --- input and output -------------------------------------------------------
def read_jsonl(text, what):
    records = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            raise ValueError("%s line %d: %s" % (what, n, e)) from e
        if not isinstance(rec, dict) or "id" not in rec:
            raise ValueError("%s line %d: not an object with an id" % (what, n))
        records.append(rec)
    return records


def run_harrier(harrier, labels, timeout):
    stdin = "".join(json.dumps({"id": c["id"], "text": c["text"],
                                "format": c.get("format", "text")}, ensure_ascii=False) + "\n"
                    for c in labels)
    proc = subprocess.run([harrier, "extract", "--jsonl"], input=stdin.encode("utf-8"),
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)
    if proc.returncode != 0:
        raise RuntimeError("harrier extract --jsonl exited %d: %s" % (
            proc.returncode, proc.stderr.decode("utf-8", "replace")[:2000]))
    return proc.stdout.decode("utf-8")


def row(name, c, width=14, extra=""):
    return "%-*s %s%5d %5d %5d  %6.3f %6.3f %6.3f" % (width, name, extra, c.tp, c.fp, c.fn,
                                                      c.precision, c.recall, c.f1)


def print_report(report, verbose, out=None):
    out = out or sys.stdout
    w = lambda s="": print(s, file=out)  # noqa: E731
    w("cases: %d%s" % (report.cases, ", without a prediction: %d" % len(report.missing)
                       if report.missing else ""))
    w()
    w("%-14s %5s %5s %5s  %6s %6s %6s" % ("kind", "TP", "FP", "FN", "P", "R", "F1"))
    for kind in KINDS:
        w(row(kind, report.kinds[kind]))
    w()
    w("phone F1 overall:    %.3f" % report.kinds["phones"].f1)
    w("phone F1 obfuscated: %.3f  (TP %d FP %d FN %d)" % (
        report.obfuscated_phones.f1, report.obfuscated_phones.tp,
        report.obfuscated_phones.fp, report.obfuscated_phones.fn))
    w()
    min_cases = 1 if verbose else 5
    w("per tag (tags on >= %d cases), all kinds together:" % min_cases)
    w("%-22s %5s %5s %5s %5s  %6s %6s %6s" % ("tag", "cases", "TP", "FP", "FN", "P", "R", "F1"))
    for tag in sorted(report.tags, key=lambda t: (-report.tag_cases[t], t)):
        if report.tag_cases[tag] < min_cases:
            continue
        w(row(tag, report.tags[tag], 22, "%5d " % report.tag_cases[tag]))
    if report.missing:
        w()
        w("no prediction for: " + " ".join(report.missing[:50]) +
          (" ..." if len(report.missing) > 50 else ""))
    if verbose:
        w()
        for kind, what, case_id, value, excerpt in sorted(report.errors,
                                                          key=lambda e: (e[0], e[2], e[1])):
            w("%s %-10s %-16s %-40s | %s" % (what, kind, case_id, value, excerpt))


def print_counts(labels, out=None):
    """Markdown tables of the labelled set: values and cases per kind, cases per tag."""
    out = out or sys.stdout
    w = lambda s="": print(s, file=out)  # noqa: E731
    w("| kind | cases with a value | values |")
    w("|---|---:|---:|")
    for kind in KINDS:
        n_cases = sum(1 for c in labels if c.get(kind))
        n_vals = sum(len(c.get(kind) or []) for c in labels)
        w("| %s | %d | %d |" % (kind, n_cases, n_vals))
    empty = sum(1 for c in labels if not any(c.get(k) for k in KINDS))
    w("| (no value at all) | %d | |" % empty)
    w("| **all cases** | %d | |" % len(labels))
    w()
    tags = collections.Counter(t for c in labels for t in set(c.get("tags", [])))
    w("| tag | cases |")
    w("|---|---:|")
    for tag, n in sorted(tags.items(), key=lambda kv: (-kv[1], kv[0])):
        w("| %s | %d |" % (tag, n))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--labels", required=True)
    src = ap.add_mutually_exclusive_group()
    src.add_argument("--harrier", help="path of the harrier CLI")
    src.add_argument("--predictions", help="JSONL predictions instead of running harrier")
    src.add_argument("--counts", action="store_true", help="print Markdown counts of the labels")
    ap.add_argument("--check", action="store_true", help="exit 1 unless the targets are met")
    ap.add_argument("--verbose", action="store_true", help="list every FP and FN")
    ap.add_argument("--timeout", type=float, default=600)
    args = ap.parse_args(argv)
    try:
        with open(args.labels, encoding="utf-8") as f:
            labels = read_jsonl(f.read(), args.labels)
        if args.counts:
            print_counts(labels)
            return 0
        if args.predictions:
            with open(args.predictions, encoding="utf-8") as f:
                pred_text = f.read()
        elif args.harrier:
            pred_text = run_harrier(args.harrier, labels, args.timeout)
        else:
            ap.error("one of --harrier, --predictions or --counts is required")
        predictions = {p["id"]: p for p in read_jsonl(pred_text, "predictions")}
    except (OSError, ValueError, RuntimeError, subprocess.TimeoutExpired) as e:
        print("extract_eval: %s" % e, file=sys.stderr)
        return 2
    report = score(labels, predictions)
    print_report(report, args.verbose)
    if args.check:
        failed = failures(report)
        print()
        print("check: " + ("FAILED: " + "; ".join(failed) if failed else "all targets met"))
        return 1 if failed else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
