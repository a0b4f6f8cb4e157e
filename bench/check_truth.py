#!/usr/bin/env python3
"""Checks one crawler's output against the synthetic site's ground truth.

The same standard for Harrier and for Scrapy (bench/run_scrapy_comparison.sh):
  adverts  every advert page of the truth was stored (and nothing else as one);
  phones   each advert's phone numbers (E.164) are exactly the truth's: none
           missing, none extra;
  images   each advert lists exactly the truth's image URLs, in page order,
           and each image URL was fetched and stored with the truth's SHA-256;
           the stored bytes are read back from disk and hashed again;
  fields   title, posted and location equal the truth's (whitespace folded).

  check_truth.py --truth T.json --harrier-db STATE/harrier.db --harrier-data STATE/data
  check_truth.py --truth T.json --scrapy-dir OUT     (items.jsonl, files/)

Prints one summary line (and up to 10 examples of each kind of miss) and
exits 0 only when nothing is missing or extra. --json FILE also writes the
counts as JSON.
"""

import argparse
import hashlib
import json
import os
import sqlite3
import sys
from urllib.parse import urlsplit


def path_of(url):
    p = urlsplit(url)
    return p.path + (("?" + p.query) if p.query else "")


def fold(text):
    return " ".join((text or "").split())


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def load_harrier(db_path, data_dir):
    """adverts: path -> {title, posted, location, phones, images}; images: path -> file."""
    db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    adverts = {}
    versions = {}
    for doc_id, url, vid, title, posted, location in db.execute(
            "SELECT d.id, d.url, v.id, v.title, v.posted, v.location FROM document d "
            "JOIN document_version v ON v.document_id = d.id AND v.version = d.current_version"):
        rec = {"title": title, "posted": posted, "location": location, "phones": [], "images": []}
        adverts[path_of(url)] = rec
        versions[vid] = rec
    for vid, value in db.execute(
            "SELECT m.document_version_id, s.value FROM mention m "
            "JOIN selector s ON s.id = m.selector_id WHERE s.kind = 'phone' ORDER BY m.id"):
        rec = versions.get(vid)
        if rec is not None and value not in rec["phones"]:
            rec["phones"].append(value)
    for vid, url in db.execute(
            "SELECT document_version_id, url FROM document_image ORDER BY document_version_id, "
            "position"):
        if vid in versions:
            versions[vid]["images"].append(path_of(url))
    # An image URL's stored bytes: its newest 200 capture whose body is in the
    # image table (content-addressed by SHA-256), read back from the blob.
    files = {}
    for url, sha, blob in db.execute(
            "SELECT c.url, c.body_sha256, i.blob_path FROM capture c "
            "JOIN image i ON i.sha256 = c.body_sha256 WHERE c.http_status = 200 "
            "ORDER BY c.fetched_ms"):
        files[path_of(url)] = (sha, os.path.join(data_dir, blob) if blob else "")
    return adverts, files


def load_scrapy(out_dir):
    adverts, files = {}, {}
    files_dir = os.path.join(out_dir, "files")
    with open(os.path.join(out_dir, "items.jsonl"), encoding="utf-8") as f:
        for line in f:
            item = json.loads(line)
            if "image_url" in item:  # requests mode: one item per image
                files[path_of(item["image_url"])] = (item["sha256"],
                                                      os.path.join(files_dir, item["path"]))
                continue
            adverts[path_of(item["url"])] = {
                "title": item["title"], "posted": item["posted"], "location": item["location"],
                "phones": item["phones"], "images": [path_of(u) for u in item["image_urls"]]}
            for fr in item.get("files", []):  # FilesPipeline: path is sha256/ab/<sha256>.ext
                if fr.get("status", "downloaded") in ("downloaded", "uptodate", "cached"):
                    sha = os.path.splitext(os.path.basename(fr["path"]))[0]
                    files[path_of(fr["url"])] = (sha, os.path.join(files_dir, fr["path"]))
    return adverts, files


def check(truth, adverts, files, rehash=True):
    misses = {k: [] for k in ("advert", "extra_advert", "phone", "extra_phone", "image_list",
                              "image", "image_sha", "image_file", "field")}
    want_paths = {a["path"] for a in truth["adverts"]}
    phones_want = phones_got = 0
    for a in truth["adverts"]:
        got = adverts.get(a["path"])
        phones_want += len(a["phones"])
        if got is None:
            misses["advert"].append(a["path"])
            continue
        gp = set(got["phones"])
        phones_got += len(gp & set(a["phones"]))
        for p in a["phones"]:
            if p not in gp:
                misses["phone"].append(f"{a['path']} {p}")
        for p in sorted(gp - set(a["phones"])):
            misses["extra_phone"].append(f"{a['path']} {p}")
        want_imgs = [i["path"] for i in a["images"]]
        if got["images"] != want_imgs:
            misses["image_list"].append(f"{a['path']} {got['images']} != {want_imgs}")
        for key in ("title", "posted", "location"):
            if fold(got[key]) != fold(a[key]):
                misses["field"].append(f"{a['path']} {key} {got[key]!r} != {a[key]!r}")
    misses["extra_advert"] = sorted(set(adverts) - want_paths)

    distinct = set()
    rehashed = set()  # each distinct image's bytes are read back once
    for sha, urls in truth["images"].items():
        for u in urls:
            got = files.get(u)
            if got is None:
                misses["image"].append(u)
                continue
            if got[0] != sha:
                misses["image_sha"].append(f"{u} {got[0]} != {sha}")
                continue
            distinct.add(sha)
            if rehash and sha not in rehashed:
                rehashed.add(sha)
                if not got[1] or not os.path.isfile(got[1]) or sha256_file(got[1]) != sha:
                    misses["image_file"].append(f"{u} {got[1] or '(no file)'}")
    image_urls = sum(len(v) for v in truth["images"].values())
    summary = {
        "adverts": len(want_paths) - len(misses["advert"]), "adverts_want": len(want_paths),
        "extra_adverts": len(misses["extra_advert"]),
        "phones": phones_got, "phones_want": phones_want,
        "extra_phones": len(misses["extra_phone"]),
        "image_urls": image_urls - len(misses["image"]) - len(misses["image_sha"]),
        "image_urls_want": image_urls,
        "distinct_images": len(distinct), "distinct_images_want": len(truth["images"]),
        "image_files_rehashed": len(rehashed), "image_files_bad": len(misses["image_file"]),
        "advert_image_lists_wrong": len(misses["image_list"]),
        "field_mismatches": len(misses["field"]),
    }
    summary["complete"] = all(not v for v in misses.values())
    return summary, misses


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--truth", required=True)
    ap.add_argument("--harrier-db")
    ap.add_argument("--harrier-data", help="Harrier's data_dir (blob paths are relative to it)")
    ap.add_argument("--scrapy-dir")
    ap.add_argument("--label", default="")
    ap.add_argument("--json", help="also write the counts here")
    args = ap.parse_args()
    with open(args.truth, encoding="utf-8") as f:
        truth = json.load(f)
    if args.harrier_db:
        adverts, files = load_harrier(args.harrier_db,
                                      args.harrier_data or os.path.dirname(args.harrier_db))
    elif args.scrapy_dir:
        adverts, files = load_scrapy(args.scrapy_dir)
    else:
        ap.error("give --harrier-db or --scrapy-dir")
    summary, misses = check(truth, adverts, files)
    for kind, items in misses.items():
        for m in items[:10]:
            print(f"  {args.label} {kind}: {m}", file=sys.stderr)
        if len(items) > 10:
            print(f"  {args.label} {kind}: ... {len(items) - 10} more", file=sys.stderr)
    s = summary
    print(f"{args.label}: adverts {s['adverts']}/{s['adverts_want']} (+{s['extra_adverts']} extra), "
          f"phones {s['phones']}/{s['phones_want']} (+{s['extra_phones']} extra), "
          f"image URLs {s['image_urls']}/{s['image_urls_want']}, "
          f"distinct images {s['distinct_images']}/{s['distinct_images_want']} "
          f"({s['image_files_rehashed']} files re-hashed, {s['image_files_bad']} bad), "
          f"advert image lists wrong {s['advert_image_lists_wrong']}, "
          f"field mismatches {s['field_mismatches']}: "
          f"{'COMPLETE' if s['complete'] else 'INCOMPLETE'}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(summary, f, indent=1)
    return 0 if summary["complete"] else 1


if __name__ == "__main__":
    sys.exit(main())
