"""The one UK phone regex of the Scrapy side of the benchmark.

Harrier finds phone numbers with libphonenumber (its matcher plus a
digit-group finder, validated, E.164). Scrapy has no phone extractor, so the
spider uses the regex below: the kind a competent analyst would write for UK
adverts. It is written once, here, and used both by the spider and by
check_truth.py's self-test, so what "Scrapy's phone extraction" means is fixed
in one place.

What it accepts (a number starts with +44, 0044 or a national 0, optionally
in parentheses, and has 9 or 10 digits after the prefix, with at most two
separator characters -- space, no-break space, hyphen, dot or a closing
parenthesis -- between digits; "+44 (0)" is allowed):

    07700 900123    07700-900-123   07700900123     07700 900 123
    +44 7700 900123 +44 (0)7700 900 123             0044 7700 900123
    (01632) 960 123 01632-960123    020 7946 0123   (020) 7946 0123
    0207 946 0123   +44 (0)20 7946 0123

A match is normalised to E.164 (+44 then the national significant number)
and kept only if that number has 9 or 10 digits and starts with 1, 2, 3, 5,
7 or 8 (geographic, non-geographic, corporate, mobile, special). Ofcom's
drama ranges (07700 900xxx, 01632 960xxx, 020 7946 0xxx), which the
synthetic site uses, are UK numbers of that shape, so they are accepted just
as Harrier accepts them with `accept_drama_ranges = true`. Decoys on the site
(ages, rates, "34-24-36", reference numbers such as 2026-0042) do not start
with a 0 or +44 followed by 9-10 digits and are not matched.
"""

import re

_SEP = r"[ \u00a0\-.)]"
UK_PHONE_RE = re.compile(
    r"(?<![\w+])"                                   # not inside a word or number
    r"(?:(?:\+|00)44" + _SEP + r"?(?:\(0\)" + _SEP + r"?)?"  # +44 / 0044 [ (0)]
    r"|\(?0)"                                       # or a national 0, maybe "(0"
    r"\d(?:" + _SEP + r"{0,2}\d){8,9}"              # 9-10 digits, light separators
    r"(?!\w)"
)

_NSN_FIRST = set("123578")


def normalise(match_text):
    """E.164 for one regex match, or None when it is not a UK number."""
    text = match_text.replace("(0)", "")
    digits = re.sub(r"\D", "", text)
    if text.lstrip().startswith("+"):
        nsn = digits[2:]                  # +44...
    elif digits.startswith("0044"):
        nsn = digits[4:]
    else:
        nsn = digits[1:]                  # national 0
    if len(nsn) not in (9, 10) or nsn[0] not in _NSN_FIRST:
        return None
    return "+44" + nsn


def find_uk_phones(text):
    """Distinct E.164 numbers in `text`, in order of first appearance."""
    found = []
    for m in UK_PHONE_RE.finditer(text):
        e164 = normalise(m.group(0))
        if e164 is not None and e164 not in found:
            found.append(e164)
    return found


if __name__ == "__main__":
    # Self-test: python3 bench/scrapy/uk_phone.py
    cases = {
        "Call 07700 900123 now": ["+447700900123"],
        "07700-900-123": ["+447700900123"],
        "07700900123.": ["+447700900123"],
        "+44 7700 900123": ["+447700900123"],
        "+44 (0)7700 900 123": ["+447700900123"],
        "0044 7700 900123": ["+447700900123"],
        "07700\u00a0900123": ["+447700900123"],
        "(01632) 960 123": ["+441632960123"],
        "01632-960123": ["+441632960123"],
        "020 7946 0123": ["+442079460123"],
        "(020) 7946 0123": ["+442079460123"],
        "0207 946 0123": ["+442079460123"],
        "+44 (0)20 7946 0123": ["+442079460123"],
        "+44 20 7946 0123": ["+442079460123"],
        "Call me on\n07700 900123 any time.": ["+447700900123"],
        "Quote ref 2026-0042 when you book.": [],
        "Stats 34-24-36, age 24, size 10. \u00a3120/hr": [],
        "Available 24/7, call after 9pm": [],
        "07700 900123 or 07700 900124": ["+447700900123", "+447700900124"],
    }
    bad = 0
    for text, want in cases.items():
        got = find_uk_phones(text)
        if got != want:
            bad += 1
            print(f"FAIL {text!r}: {got} != {want}")
    print(f"uk_phone: {len(cases) - bad}/{len(cases)} cases pass")
    raise SystemExit(1 if bad else 0)
