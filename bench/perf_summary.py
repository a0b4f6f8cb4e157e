#!/usr/bin/env python3
"""Where harrierd's CPU goes, from a `perf record --call-graph dwarf` profile.

  ONLY=harrier HARRIER_PREFIX="perf record -F 199 --call-graph dwarf,8192 -o /tmp/h.data --" \
    bench/run_scrapy_comparison.sh build
  perf script -i /tmp/h.data -F tid,ip,sym > /tmp/h.txt
  bench/perf_summary.py /tmp/h.txt [--hz 199]

A sample counts towards every category whose function is on its stack
(inclusive time), so categories overlap; "self" categories count only the
innermost frame. Seconds are samples / hz.
"""

import argparse
import collections
import re
import sys


def read_samples(path):
    samples, cur = [], None
    with open(path, errors="replace") as f:
        for line in f:
            if not line.strip():
                if cur:
                    samples.append(cur)
                cur = None
                continue
            if not line[0].isspace():
                if cur:
                    samples.append(cur)
                cur = {"tid": line.split()[0], "stack": []}
            elif cur is not None:
                parts = line.strip().split(None, 1)
                cur["stack"].append(parts[1] if len(parts) > 1 else "?")
    if cur:
        samples.append(cur)
    return samples


def on_stack(*names):
    return lambda st: any(n in f for f in st for n in names)


def both(a, b):
    return lambda st: a(st) and b(st)


def but_not(a, b):
    return lambda st: a(st) and not b(st)


SHA = on_stack("crypto_hash_sha256", "sha256_block", "SHA256")
WARC = on_stack("WarcWriter::")
PREPARE = on_stack("sqlite3_prepare", "sqlite3LockAndPrepare")
MALLOC = re.compile(r"^(_int_malloc|_int_free|malloc|free|cfree|malloc_consolidate|"
                    r"__libc_malloc|__libc_free|_int_realloc|realloc)\b")

CATEGORIES = [
    ("SHA-256, all", SHA),
    ("  in WarcWriter (payload and block digests)", both(SHA, WARC)),
    ("  in PageProcessor::MakeCapture outside WARC (capture/blob name)",
     both(SHA, but_not(on_stack("MakeCapture"), WARC))),
    ("WarcWriter::Write", on_stack("WarcWriter::Write")),
    ("  deflate", both(on_stack("WarcWriter::Write"), on_stack("deflate"))),
    ("  fdatasync/fsync (CPU part)", both(on_stack("WarcWriter"), on_stack("fdatasync", "fsync"))),
    ("BlobStore::Put (one file per body)", on_stack("BlobStore::Put")),
    ("BlobStore::Sync (syncfs, CPU part)", on_stack("BlobStore::Sync")),
    ("SiteAdapter::Analyze (HTML parse + XPath)", on_stack("SiteAdapter::Analyze")),
    ("  HtmlDocument::Parse (Gumbo -> libxml2)", on_stack("HtmlDocument::Parse")),
    ("TextExtractor::Extract (phones, e-mails, postcodes)", on_stack("TextExtractor::Extract")),
    ("  libphonenumber", both(on_stack("TextExtractor::Extract"), on_stack("phonenumbers::"))),
    ("Collector::CommitResults (writer thread)", on_stack("Collector::CommitResults")),
    ("  sqlite3_prepare (statements prepared per call)",
     both(on_stack("Collector::CommitResults"), PREPARE)),
    ("Collector::FillInFlight (leasing)", on_stack("Collector::FillInFlight")),
    ("SQLite, all", on_stack("sqlite3")),
    ("  sqlite3_prepare, all", PREPARE),
    ("CurlFetcher (network thread)", on_stack("CurlFetcher")),
    ("malloc/free (self)", lambda st: bool(st) and MALLOC.match(st[0]) is not None),
]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("script_output", help="perf script -F tid,ip,sym output")
    ap.add_argument("--hz", type=float, default=199)
    args = ap.parse_args()
    samples = read_samples(args.script_output)
    n = len(samples)
    if not n:
        sys.exit("no samples")
    print(f"{n} samples = {n / args.hz:.1f} CPU s at {args.hz:g} Hz")
    print("| share | CPU s | where |")
    print("|---|---|---|")
    for name, pred in CATEGORIES:
        k = sum(1 for s in samples if pred(s["stack"]))
        print(f"| {100 * k / n:.1f}% | {k / args.hz:.1f} | {name} |")
    print("\nthreads:")
    threads = collections.Counter(s["tid"] for s in samples)
    for tid, k in threads.most_common():
        st = collections.Counter()
        for s in samples:
            if s["tid"] == tid:
                for f in s["stack"]:
                    for key in ("Collector::Step", "Collector::WorkerLoop", "CurlFetcher"):
                        if key in f:
                            st[key] += 1
                            break
        role = st.most_common(1)[0][0] if st else "?"
        print(f"  tid {tid}: {100 * k / n:.1f}% ({k / args.hz:.1f} s), mostly {role}")


if __name__ == "__main__":
    main()
