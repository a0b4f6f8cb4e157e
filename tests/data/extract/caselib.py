"""Helpers shared by the case files of the labelled extraction set.

A case is written as c(id, text, tags, **lists); every list key the
labelled format has is filled in (empty when not given), kind tags and the
"html" tag are added from the labels, and ids must be unique.
"""

from make_values import values

V = values()
KEYS = ["phones", "emails", "postcodes", "places", "wallets", "handles", "sort_codes",
        "accounts", "ibans"]
KIND_TAG = {"phones": "phone", "emails": "email", "postcodes": "postcode", "places": "place",
            "wallets": "wallet", "handles": "handle", "sort_codes": "bank",
            "accounts": "bank", "ibans": "bank"}
CASES = []


def c(case_id, text, tags="", fmt="text", **lists):
    for k in lists:
        if k not in KEYS:
            raise ValueError("%s: unknown key %s" % (case_id, k))
    tag_list = tags.split() if isinstance(tags, str) else list(tags)
    case = {"id": case_id, "text": text, "format": fmt, "tags": []}
    for k in KEYS:
        vals = list(lists.get(k, []))
        if k == "handles":
            vals = [{"platform": p, "handle": h} for p, h in (v.split(":", 1) for v in vals)]
        case[k] = vals
        if vals and KIND_TAG[k] not in tag_list:
            tag_list.append(KIND_TAG[k])
    if fmt == "html" and "html" not in tag_list:
        tag_list.append("html")
    case["tags"] = tag_list
    CASES.append(case)


def m(last3):
    """Ofcom drama mobile 07700 900xxx in E.164."""
    return "+447700900%03d" % int(last3)


def uk(national):
    """A UK national number ("0113 496 0123") in E.164."""
    digits = "".join(ch for ch in national if ch.isdigit())
    return "+44" + digits[1:]


def eth_lower(name):
    return V[name].lower()
