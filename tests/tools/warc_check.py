#!/usr/bin/env python3
"""Independent checker for WARC 1.1 .warc.gz files (ISO 28500:2017).

Written from the WARC 1.1 specification and RFC 1952/9112 only, with the
Python standard library, so that it shares nothing with the C++ writer it
checks. For every gzip member of every file (or only the given spans) it
checks that the member holds exactly one well-formed record, recomputes
WARC-Block-Digest and WARC-Payload-Digest, checks the mandatory fields,
that every response's WARC-Concurrent-To names a request record that is
present, that each file starts with a warcinfo record (unless --fragment)
and that WARC-Warcinfo-ID names a warcinfo record of the same file when
the file has one. Prints a JSON summary; exit status 1 on any error.

Usage:
  warc_check.py FILE.warc.gz ...
  warc_check.py --fragment SPAN.warc.gz          # an extract: no warcinfo needed
  warc_check.py --span FILE:OFFSET:LENGTH ...    # only those bytes of FILE
"""

import argparse
import base64
import hashlib
import json
import re
import sys
import zlib

CHUNK = 1 << 16
MAX_ERRORS = 200
TOKEN = re.compile(rb"^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$")
DATE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z$")
RECORD_ID = re.compile(r"^<[A-Za-z][A-Za-z0-9+.\-]*:[^<>\s]+>$")
UUID_ID = re.compile(r"^<urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}>$")
KNOWN_TYPES = {"warcinfo", "response", "resource", "request", "metadata", "revisit",
               "conversion", "continuation"}
TRUNCATED = {"length", "time", "disconnect", "unspecified"}


class Checker:
    def __init__(self, fragment):
        self.fragment = fragment
        self.errors = []
        self.by_type = {}
        self.records = 0
        self.members = 0
        self.digests_checked = 0
        self.record_ids = {}  # id -> (where, type)
        self.concurrent = []  # (where, response id, named request id)
        self.files = []

    def error(self, where, message):
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(f"{where}: {message}")
        elif len(self.errors) == MAX_ERRORS:
            self.errors.append("too many errors; stopping the list here")

    # ---- gzip members ------------------------------------------------------

    def members_of(self, name, data, base):
        """Yields (offset, decompressed bytes) for each gzip member of data.

        zlib with wbits=31 reads exactly one RFC 1952 member (header, deflate
        stream, CRC-32 and ISIZE trailer, both verified) and leaves the rest
        in unused_data, which gives the member boundary.
        """
        pos = 0
        while pos < len(data):
            if data[pos:pos + 2] != b"\x1f\x8b":
                self.error(f"{name}@{base + pos}", "not a gzip member (bad magic); "
                           "trailing garbage or a torn write")
                return
            d = zlib.decompressobj(31)
            out = []
            consumed = 0
            try:
                while not d.eof and pos + consumed < len(data):
                    chunk = data[pos + consumed:pos + consumed + CHUNK]
                    out.append(d.decompress(chunk))
                    consumed += len(chunk) - len(d.unused_data)
            except zlib.error as e:
                self.error(f"{name}@{base + pos}", f"gzip member is corrupt: {e}")
                return
            if not d.eof:
                self.error(f"{name}@{base + pos}", "gzip member is cut short (no trailer)")
                return
            self.members += 1
            yield base + pos, b"".join(out)
            pos += consumed

    # ---- one record --------------------------------------------------------

    def parse_record(self, where, raw):
        if not raw.startswith(b"WARC/1.1\r\n"):
            self.error(where, "record does not start with the version line 'WARC/1.1\\r\\n'")
            return None
        end = raw.find(b"\r\n\r\n", len(b"WARC/1.1"))
        if end < 0:
            self.error(where, "no blank line after the named fields")
            return None
        fields = []
        for line in raw[len(b"WARC/1.1\r\n"):end + 2].split(b"\r\n")[:-1]:
            if line[:1] in (b" ", b"\t"):
                if not fields:
                    self.error(where, "continuation line before any field")
                    return None
                fields[-1][1] += b" " + line.strip()
                continue
            name, sep, value = line.partition(b":")
            if not sep or not TOKEN.match(name):
                self.error(where, f"malformed field line {line[:80]!r}")
                return None
            if b"\n" in value or b"\r" in value:
                self.error(where, f"bare CR or LF in field {name!r}")
                return None
            fields.append([name, value.strip(b" \t")])
        headers = {}
        for name, value in fields:
            key = name.decode("ascii").lower()
            try:
                text = value.decode("utf-8")
            except UnicodeDecodeError:
                self.error(where, f"field {key} is not UTF-8")
                return None
            if key in headers:
                self.error(where, f"field {key} appears twice")
            headers[key] = text
        length = headers.get("content-length", "")
        if not re.fullmatch(r"[0-9]+", length):
            self.error(where, f"missing or bad Content-Length {length!r}")
            return None
        length = int(length)
        block_start = end + 4
        block = raw[block_start:block_start + length]
        if len(block) != length:
            self.error(where, f"block is {len(block)} bytes, Content-Length says {length}")
            return None
        tail = raw[block_start + length:]
        if tail != b"\r\n\r\n":
            if tail.startswith(b"\r\n\r\nWARC/"):
                self.error(where, "gzip member holds more than one record")
            else:
                self.error(where, "record does not end with exactly CRLF CRLF after the block")
            return None
        return headers, block

    @staticmethod
    def digest_matches(spec, data):
        algo, sep, value = spec.partition(":")
        algo = algo.strip().lower()
        if not sep or algo not in ("sha256", "sha1", "sha-256", "sha-1"):
            return None
        h = hashlib.new(algo.replace("-", ""), data).digest()
        value = value.strip()
        if re.fullmatch(r"[0-9a-fA-F]+", value) and len(value) == 2 * len(h):
            return value.lower() == h.hex()
        return value.upper() == base64.b32encode(h).decode("ascii")

    def check_digest(self, where, headers, field, data):
        spec = headers.get(field)
        if spec is None:
            self.error(where, f"missing {field}")
            return
        ok = self.digest_matches(spec, data)
        if ok is None:
            self.error(where, f"{field} has an unknown algorithm or form: {spec!r}")
        elif not ok:
            self.error(where, f"{field} does not match the bytes ({spec})")
        else:
            self.digests_checked += 1

    @staticmethod
    def http_payload(block, msgtype):
        """Splits an HTTP message into head and entity body (RFC 9112 §2.1).

        Interim 1xx responses (except 101) precede the final head; lines may
        end in CRLF or, from lax servers, a bare LF. Returns (status or method,
        payload) or None when there is no complete head.
        """
        pos = 0
        while True:
            first = None
            line_start = pos
            while True:
                nl = block.find(b"\n", line_start)
                if nl < 0:
                    return None
                line = block[line_start:nl].rstrip(b"\r")
                line_start = nl + 1
                if first is None:
                    first = line
                    continue
                if line == b"":
                    break
            pos = line_start
            if msgtype == "request":
                if not re.match(rb"^[A-Z]+ \S+ HTTP/\d(\.\d)?$", first):
                    return None
                return first.split(b" ")[0].decode(), block[pos:]
            m = re.match(rb"^HTTP/\d(\.\d)? (\d{3})", first)
            if not m:
                return None
            status = int(m.group(2))
            if 100 <= status < 200 and status != 101:
                continue
            return status, block[pos:]

    def check_record(self, where, headers, block, warcinfo_ids, fragment):
        wtype = headers.get("warc-type")
        for field in ("warc-record-id", "warc-date", "warc-type", "content-length"):
            if field not in headers:
                self.error(where, f"missing mandatory field {field}")
        if wtype is None:
            return
        self.records += 1
        self.by_type[wtype] = self.by_type.get(wtype, 0) + 1
        if wtype not in KNOWN_TYPES:
            self.error(where, f"unknown WARC-Type {wtype!r}")
        rid = headers.get("warc-record-id", "")
        if not RECORD_ID.match(rid):
            self.error(where, f"WARC-Record-ID {rid!r} is not <uri>")
        elif rid.startswith("<urn:uuid:") and not UUID_ID.match(rid):
            self.error(where, f"WARC-Record-ID {rid!r} is not a random (v4) UUID")
        if rid in self.record_ids:
            self.error(where, f"WARC-Record-ID {rid} repeats {self.record_ids[rid][0]}")
        self.record_ids[rid] = (where, wtype)
        if not DATE.match(headers.get("warc-date", "")):
            self.error(where, f"WARC-Date {headers.get('warc-date')!r} is not UTC ISO 8601")
        self.check_digest(where, headers, "warc-block-digest", block)
        if "warc-truncated" in headers and headers["warc-truncated"] not in TRUNCATED:
            self.error(where, f"WARC-Truncated {headers['warc-truncated']!r} is not a reason")
        if wtype == "warcinfo":
            if headers.get("content-type", "") != "application/warc-fields":
                self.error(where, "warcinfo Content-Type is not application/warc-fields")
            warcinfo_ids.add(rid)
            return
        if wtype in ("request", "response"):
            if not headers.get("warc-target-uri"):
                self.error(where, "missing WARC-Target-URI")
            ctype = headers.get("content-type", "").replace(" ", "").lower()
            if ctype != f"application/http;msgtype={wtype}":
                self.error(where, f"Content-Type {ctype!r} is not application/http for {wtype}")
                return
            parsed = self.http_payload(block, wtype)
            if parsed is None:
                self.error(where, f"block holds no complete HTTP {wtype} head")
                return
            if wtype == "response":
                self.check_digest(where, headers, "warc-payload-digest", parsed[1])
                named = headers.get("warc-concurrent-to")
                if not named:
                    self.error(where, "response has no WARC-Concurrent-To")
                else:
                    self.concurrent.append((where, named))
            elif "warc-payload-digest" in headers:
                self.check_digest(where, headers, "warc-payload-digest", parsed[1])
            info = headers.get("warc-warcinfo-id")
            if warcinfo_ids and info not in warcinfo_ids:
                self.error(where, f"WARC-Warcinfo-ID {info!r} names no warcinfo in this file")
            if not warcinfo_ids and not fragment:
                self.error(where, "record before any warcinfo record")

    # ---- files and spans ---------------------------------------------------

    def check_bytes(self, name, data, base, fragment):
        warcinfo_ids = set()
        first = True
        for offset, raw in self.members_of(name, data, base):
            where = f"{name}@{offset}"
            parsed = self.parse_record(where, raw)
            if parsed is None:
                first = False
                continue
            headers, block = parsed
            if first and not fragment and headers.get("warc-type") != "warcinfo":
                self.error(where, "file does not start with a warcinfo record")
            self.check_record(where, headers, block, warcinfo_ids, fragment)
            first = False
        if first:
            self.error(name, "holds no record")

    def check_file(self, path):
        try:
            with open(path, "rb") as f:
                data = f.read()
        except OSError as e:
            self.error(path, f"cannot read: {e}")
            return
        self.files.append(path)
        self.check_bytes(path, memoryview(data), 0, self.fragment)

    def check_span(self, spec):
        path, _, rest = spec.rpartition(":")
        path, _, offset = path.rpartition(":")
        try:
            offset, length = int(offset), int(rest)
        except ValueError:
            self.error(spec, "span must be FILE:OFFSET:LENGTH")
            return
        try:
            with open(path, "rb") as f:
                f.seek(0, 2)
                size = f.tell()
                if offset < 0 or length <= 0 or offset + length > size:
                    self.error(spec, f"span is outside the file ({size} bytes)")
                    return
                f.seek(offset)
                data = f.read(length)
        except OSError as e:
            self.error(spec, f"cannot read: {e}")
            return
        self.files.append(spec)
        self.check_bytes(path, memoryview(data), offset, True)

    def finish(self):
        for where, named in self.concurrent:
            target = self.record_ids.get(named)
            if target is None:
                self.error(where, f"WARC-Concurrent-To {named} names no record that was read")
            elif target[1] != "request":
                self.error(where, f"WARC-Concurrent-To {named} names a {target[1]} record")


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", help=".warc.gz files, read whole")
    ap.add_argument("--span", action="append", default=[], metavar="FILE:OFFSET:LENGTH",
                    help="check only these bytes of FILE (repeatable)")
    ap.add_argument("--fragment", action="store_true",
                    help="the files are extracts: they need not start with warcinfo")
    args = ap.parse_args(argv)
    if not args.files and not args.span:
        ap.error("give files or --span")
    c = Checker(args.fragment)
    for path in args.files:
        c.check_file(path)
    for spec in args.span:
        c.check_span(spec)
    c.finish()
    summary = {
        "ok": not c.errors,
        "files": len(c.files),
        "members": c.members,
        "records": c.records,
        "by_type": dict(sorted(c.by_type.items())),
        "digests_checked": c.digests_checked,
        "errors": c.errors,
    }
    print(json.dumps(summary, indent=2))
    return 0 if not c.errors else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
