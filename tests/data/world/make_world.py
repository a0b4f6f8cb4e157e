#!/usr/bin/env python3
"""Writes the loopback source world (tests/support/sources_world.h): Companies
House JSON, Telegram preview pages, Mastodon JSON, profile pages, an advert
site and the PNGs they show. Everything is invented: company names and
numbers, people, the Ofcom drama phone number, the TE postcodes (no such
postcode area exists). Images are drawn shapes. `{{BASE}}` in a file is
replaced by the serving FixtureServer's base URL at request time.

Run from anywhere: python3 tests/data/world/make_world.py  (rewrites the tree)
                   python3 tests/data/world/make_world.py --check  (compares only)
"""
import json
import os
import struct
import sys
import tempfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = HERE  # where write() puts files; --check writes elsewhere and compares

SHARED_PHONE_ADVERT = "07700 900 461"  # kSharedPhone "07700 900461" as adverts write it
SHARED_POSTCODE = "TE7 4QJ"             # kSharedPostcode

# ---------------------------------------------------------------- images


def png(width, height, pixel):
    raw = bytearray()
    for y in range(height):
        raw.append(0)
        for x in range(width):
            raw.extend(pixel(x, y))
    def chunk(tag, data):
        c = struct.pack(">I", len(data)) + tag + data
        return c + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(bytes(raw), 9)) + chunk(b"IEND", b""))


def stripes(bg, fg, period, vertical):
    def f(x, y):
        v = x if vertical else y
        return fg if (v // period) % 2 else bg
    return f


def disc(bg, fg, cx, cy, r):
    return lambda x, y: fg if (x - cx) ** 2 + (y - cy) ** 2 <= r * r else bg


def checker(bg, fg, size):
    return lambda x, y: fg if ((x // size) + (y // size)) % 2 else bg


def triangle(bg, fg):
    return lambda x, y: fg if y > 20 and abs(x - 80) < (y - 20) * 0.8 else bg


def rings(bg, fg):
    def f(x, y):
        d2 = (x - 80) ** 2 + (y - 60) ** 2
        return fg if int(d2 ** 0.5) // 12 % 2 else bg
    return f


def diagonal(bg, fg):
    return lambda x, y: fg if ((x + y) // 16) % 2 else bg


IMAGES = {
    "telegram/img/tg_102.png": stripes((240, 230, 200), (40, 90, 160), 10, True),
    "telegram/img/tg_108.png": disc((30, 30, 60), (250, 200, 40), 80, 60, 40),
    "telegram/img/tg_114.png": checker((255, 255, 255), (200, 40, 60), 20),
    "telegram/img/channel.png": triangle((20, 120, 90), (250, 250, 250)),
    "mastodon/media/m_104.png": rings((250, 240, 230), (90, 30, 120)),
    "mastodon/media/avatar.png": stripes((10, 60, 40), (220, 220, 120), 15, False),
    "site/img/advert1_a.png": diagonal((230, 240, 250), (160, 60, 20)),
    "site/img/avatar_marnie.png": disc((200, 220, 240), (40, 140, 60), 50, 70, 30),
}

# ---------------------------------------------------------------- Companies House

CO_A, CO_B, CO_C, CO_GONE = "09999001", "SC123456", "09999003", "09999404"
O_ASHWORTH = "wQ7rAshM2nLk4vXz9pTgB1cDeFh"
O_VELLACOTT = "Vd3kPell8xQ2mZ6nR4tY0uJ7wEa"
O_QUILL = "Qf5rRosa1mNd9kXc2vB7lP3zHs-"
O_BRANSCOMBE = "Bt2wWren6yHq8jK1mP4nS9dF0g_"
for oid in (O_ASHWORTH, O_VELLACOTT, O_QUILL, O_BRANSCOMBE):
    assert len(oid) == 27, oid

ADDR = {
    CO_A: {"premises": "Unit 3", "address_line_1": "14 Kestrel Parade", "locality": "Testbury",
           "region": "Testshire", "postal_code": SHARED_POSTCODE, "country": "England"},
    CO_B: {"address_line_1": "2 Heron Wynd", "locality": "Sampleton", "postal_code": "TE9 8XW",
           "country": "Scotland"},
    CO_C: {"premises": "Suite 9", "address_line_1": "40 Marlin Street", "locality": "Sampleton",
           "postal_code": "TE3 5HN", "country": "England"},
}
NAMES = {CO_A: "COPPERWICK NAIL STUDIO LTD", CO_B: "COPPERWICK HAND CAR WASH LTD",
         CO_C: "COPPERWICK PROPERTY HOLDINGS LTD", CO_GONE: "COPPERWICK VANISHED LTD"}
CREATED = {CO_A: "2019-04-15", CO_B: "2020-09-01", CO_C: "2018-01-10"}
SIC = {CO_A: ["96020"], CO_B: ["45200"], CO_C: ["68209"]}
JURIS = {CO_A: "england-wales", CO_B: "scotland", CO_C: "england-wales"}


def profile(n):
    links = {"self": f"/company/{n}", "filing_history": f"/company/{n}/filing-history",
             "officers": f"/company/{n}/officers",
             "persons_with_significant_control": f"/company/{n}/persons-with-significant-control"}
    return {"company_name": NAMES[n], "company_number": n, "company_status": "active", "type": "ltd",
            "jurisdiction": JURIS[n], "date_of_creation": CREATED[n], "sic_codes": SIC[n],
            "etag": "w" + n.lower(), "can_file": True, "has_charges": False,
            "has_insolvency_history": False, "registered_office_is_in_dispute": False,
            "undeliverable_registered_office_address": False,
            "registered_office_address": ADDR[n],
            "accounts": {"accounting_reference_date": {"day": "30", "month": "04"},
                         "next_due": "2027-01-31", "next_made_up_to": "2026-04-30", "overdue": False},
            "confirmation_statement": {"last_made_up_to": "2026-04-14", "next_due": "2027-04-28",
                                       "next_made_up_to": "2027-04-14", "overdue": False},
            "links": links}


PEOPLE = {
    O_ASHWORTH: {"name": "ASHWORTH, Marnie Elspeth", "full": "Marnie Elspeth ASHWORTH", "title": "Ms",
                 "forename": "Marnie", "other": "Elspeth", "surname": "ASHWORTH",
                 "dob": {"month": 6, "year": 1984}, "nationality": "British", "occupation": "Director",
                 "address": {"address_line_1": "7 Plover Close", "locality": "Testbury",
                             "postal_code": "TE2 6LW", "country": "England"}},
    O_VELLACOTT: {"name": "VELLACOTT, Dorian Pell", "full": "Dorian Pell VELLACOTT", "title": "Mr",
                  "forename": "Dorian", "other": "Pell", "surname": "VELLACOTT",
                  "dob": {"month": 11, "year": 1977}, "nationality": "British", "occupation": "Manager",
                  "address": {"address_line_1": "19 Wagtail Row", "locality": "Sampleton",
                              "postal_code": "TE4 1RB", "country": "England"}},
    O_QUILL: {"name": "QUILLFEATHER, Rosamund", "full": "Rosamund QUILLFEATHER", "title": "Mrs",
              "forename": "Rosamund", "other": "", "surname": "QUILLFEATHER",
              "dob": {"month": 2, "year": 1969}, "nationality": "British", "occupation": "Company Secretary",
              "address": {"address_line_1": "3 Curlew Court", "locality": "Sampleton",
                          "postal_code": "TE3 9DF", "country": "England"}},
    O_BRANSCOMBE: {"name": "BRANSCOMBE, Tobias Wren", "full": "Tobias Wren BRANSCOMBE", "title": "Mr",
                   "forename": "Tobias", "other": "Wren", "surname": "BRANSCOMBE",
                   "dob": {"month": 9, "year": 1990}, "nationality": "British", "occupation": "Valeter",
                   "address": {"address_line_1": "11 Heron Wynd", "locality": "Sampleton",
                               "postal_code": "TE9 8XZ", "country": "Scotland"}},
}

# (officer, company, role, appointed_on, resigned_on, appointment id)
APPOINTMENTS = [
    (O_ASHWORTH, CO_A, "director", "2019-04-15", None, "aA1ashworthCopperwickNail001"),
    (O_VELLACOTT, CO_A, "director", "2019-04-15", None, "aA2vellacottCopperwickNail02"),
    (O_QUILL, CO_A, "secretary", "2019-04-15", "2021-06-30", "aA3quillfeatherCopperwick03"),
    (O_ASHWORTH, CO_B, "director", "2020-09-01", None, "aB1ashworthCopperwickWash04"),
    (O_BRANSCOMBE, CO_B, "director", "2020-09-01", None, "aB2branscombeCopperwickWsh5"),
    (O_QUILL, CO_C, "director", "2018-01-10", None, "aC1quillfeatherCopperwickH06"),
    (O_VELLACOTT, CO_GONE, "director", "2015-03-02", None, "aG1vellacottCopperwickGone07"),
]


def officer_item(ap):
    oid, n, role, on, off, aid = ap
    p = PEOPLE[oid]
    item = {"name": p["name"], "officer_role": role, "appointed_on": on,
            "nationality": p["nationality"], "occupation": p["occupation"],
            "country_of_residence": p["address"]["country"], "date_of_birth": p["dob"],
            "address": p["address"],
            "links": {"self": f"/company/{n}/appointments/{aid}",
                      "officer": {"appointments": f"/officers/{oid}/appointments"}}}
    if off:
        item["resigned_on"] = off
    return item


def officer_list(n):
    items = [officer_item(a) for a in APPOINTMENTS if a[1] == n]
    resigned = sum(1 for a in APPOINTMENTS if a[1] == n and a[4])
    return {"kind": "officer-list", "etag": "ol" + n.lower(), "items_per_page": 35, "start_index": 0,
            "total_results": len(items), "active_count": len(items) - resigned, "inactive_count": 0,
            "resigned_count": resigned, "links": {"self": f"/company/{n}/officers"}, "items": items}


def appointments(oid):
    p = PEOPLE[oid]
    items = []
    for a in APPOINTMENTS:
        if a[0] != oid:
            continue
        _, n, role, on, off, _ = a
        status = "dissolved" if n == CO_GONE else "active"
        item = {"appointed_to": {"company_number": n, "company_name": NAMES[n], "company_status": status},
                "officer_role": role, "appointed_on": on, "name": p["full"],
                "name_elements": {"title": p["title"], "forename": p["forename"],
                                  "other_forenames": p["other"], "surname": p["surname"]},
                "nationality": p["nationality"], "occupation": p["occupation"],
                "country_of_residence": p["address"]["country"], "address": p["address"],
                "links": {"company": f"/company/{n}"}}
        if off:
            item["resigned_on"] = off
        items.append(item)
    return {"kind": "personal-appointment", "etag": "ap" + oid[:6], "name": p["full"],
            "is_corporate_officer": False, "date_of_birth": p["dob"], "items_per_page": 35,
            "start_index": 0, "total_results": len(items),
            "links": {"self": f"/officers/{oid}/appointments"}, "items": items}


def psc_list(n):
    items = []
    if n == CO_A:
        p = PEOPLE[O_ASHWORTH]
        items.append({"kind": "individual-person-with-significant-control",
                      "name": "Ms Marnie Elspeth Ashworth",
                      "name_elements": {"title": "Ms", "forename": "Marnie", "middle_name": "Elspeth",
                                        "surname": "Ashworth"},
                      "nationality": "British", "country_of_residence": "England",
                      "date_of_birth": p["dob"], "address": p["address"],
                      "natures_of_control": ["ownership-of-shares-50-to-75-percent"],
                      "notified_on": "2019-04-15", "etag": "pscA1",
                      "links": {"self": f"/company/{n}/persons-with-significant-control/individual/pA1ashworthIndividualPsc001"}})
        items.append({"kind": "corporate-entity-person-with-significant-control",
                      "name": NAMES[CO_C], "notified_on": "2019-04-15",
                      "natures_of_control": ["voting-rights-25-to-50-percent"],
                      "address": ADDR[CO_C],
                      "identification": {"legal_authority": "Companies Act 2006",
                                         "legal_form": "Private Limited Company",
                                         "country_registered": "England",
                                         "place_registered": "Register Of Companies",
                                         "registration_number": CO_C},
                      "etag": "pscA2",
                      "links": {"self": f"/company/{n}/persons-with-significant-control/corporate-entity/pA2copperwickHoldingsCorp02"}})
    elif n == CO_B:
        p = PEOPLE[O_BRANSCOMBE]
        items.append({"kind": "individual-person-with-significant-control",
                      "name": "Mr Tobias Wren Branscombe",
                      "name_elements": {"title": "Mr", "forename": "Tobias", "middle_name": "Wren",
                                        "surname": "Branscombe"},
                      "nationality": "British", "country_of_residence": "Scotland",
                      "date_of_birth": p["dob"], "address": p["address"],
                      "natures_of_control": ["ownership-of-shares-75-to-100-percent"],
                      "notified_on": "2020-09-01", "etag": "pscB1",
                      "links": {"self": f"/company/{n}/persons-with-significant-control/individual/pB1branscombeIndividual003"}})
    return {"active_count": len(items), "ceased_count": 0, "items_per_page": 25, "start_index": 0,
            "total_results": len(items),
            "links": {"self": f"/company/{n}/persons-with-significant-control"}, "items": items}


# ---------------------------------------------------------------- Telegram

CHANNEL = "harrier_demo_channel"
TG_TEXT = {
    101: "Welcome to the Copperwick channel. New studio opening soon.",
    102: "Our new treatment room <b>photos</b> below.",
    103: "Staff wanted: nail technicians, accommodation provided, no experience needed.",
    104: "Closed on Sunday for refurbishment.",
    105: "Ask about group bookings at the desk.",
    106: "Transport from the station can be arranged for new staff.",
    107: "Now open at our Testbury studio, 14 Kestrel Parade, " + SHARED_POSTCODE + ".",
    108: "Evening appointments available.",
    109: "Cash only this week, card machine is broken.",
    110: "See <a href=\"https://copperwick.example.org/prices\">our prices</a>.",
    111: "Walk-ins welcome until 9pm.",
    112: "Two more rooms free from Monday.",
    113: "Rooms available this week,<br/>call " + SHARED_PHONE_ADVERT + " to book.",
    114: "New look for the front desk.",
    115: "Open late on Friday and Saturday.",
}
TG_PHOTOS = {102: "tg_102.png", 108: "tg_108.png", 114: "tg_114.png"}


def tg_message(i):
    minute = i - 100
    photo = ""
    if i in TG_PHOTOS:
        photo = (f'<a class="tgme_widget_message_photo_wrap js-message_photo" '
                 f'style="width:160px;background-image:url(\'{{{{BASE}}}}/img/{TG_PHOTOS[i]}\')" '
                 f'href="https://t.me/{CHANNEL}/{i}"></a>\n')
    return f'''<div class="tgme_widget_message_wrap js-widget_message_wrap"><div class="tgme_widget_message js-widget_message" data-post="{CHANNEL}/{i}">
  <div class="tgme_widget_message_bubble">
    <div class="tgme_widget_message_author accent_color"><a class="tgme_widget_message_owner_name" href="https://t.me/{CHANNEL}"><span dir="auto">Copperwick Demo</span></a></div>
    {photo}<div class="tgme_widget_message_text js-message_text" dir="auto">{TG_TEXT[i]}</div>
    <div class="tgme_widget_message_footer compact js-message_footer"><div class="tgme_widget_message_info short js-message_info"><span class="tgme_widget_message_views">{i * 3}</span><span class="tgme_widget_message_meta"><a class="tgme_widget_message_date" href="https://t.me/{CHANNEL}/{i}"><time datetime="2026-11-{10 + minute // 2:02d}T{8 + minute % 12:02d}:{minute:02d}:00+00:00" class="time">{8 + minute % 12:02d}:{minute:02d}</time></a></span></div></div>
  </div>
</div></div>
'''


def tg_page(ids, before):
    more = ""
    if before is not None:
        more = (f'<a class="tme_messages_more js-messages_more" data-before="{before}" '
                f'href="/s/{CHANNEL}?before={before}"></a>\n')
    msgs = "".join(tg_message(i) for i in sorted(ids))  # oldest first, as t.me lists them
    return f'''<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Copperwick Demo – Telegram</title>
<meta property="og:title" content="Copperwick Demo"></head>
<body class="widget_frame_base">
<div class="tgme_channel_info">
  <div class="tgme_channel_info_header">
    <i class="tgme_page_photo_image bgcolor2"><img src="{{{{BASE}}}}/img/channel.png"></i>
    <div class="tgme_channel_info_header_title"><span dir="auto">Copperwick Demo</span></div>
    <div class="tgme_channel_info_header_username"><a href="https://t.me/{CHANNEL}">@{CHANNEL}</a></div>
  </div>
  <div class="tgme_channel_info_description">Invented channel of the Harrier test world.</div>
  <div class="tgme_channel_info_counters">
    <div class="tgme_channel_info_counter"><span class="counter_value">1.2K</span> <span class="counter_type">subscribers</span></div>
    <div class="tgme_channel_info_counter"><span class="counter_value">3</span> <span class="counter_type">photos</span></div>
  </div>
</div>
<section class="tgme_channel_history js-message_history">
{more}{msgs}</section>
</body></html>
'''


TG_EMPTY = '''<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Copperwick Demo – Telegram</title></head>
<body class="widget_frame_base"><section class="tgme_channel_history js-message_history">
<div class="tme_no_messages_found">No posts found</div>
</section></body></html>
'''

TG_PRIVATE = '''<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Telegram: Contact @harrier_private</title>
<meta property="og:title" content="Harrier Private Demo">
<meta property="og:description" content="Invented private channel: no public preview.">
<meta property="og:image" content="{{BASE}}/img/channel.png"></head>
<body><div class="tgme_page"><div class="tgme_page_photo"><img class="tgme_page_photo_image" src="{{BASE}}/img/channel.png"></div>
<div class="tgme_page_title"><span dir="auto">Harrier Private Demo</span></div>
<div class="tgme_page_extra">42 subscribers</div></div></body></html>
'''

# ---------------------------------------------------------------- Mastodon

ACCOUNT_ID = "1100001"
OTHER_ID = "1100002"


def account(aid, user, display, note):
    return {"id": aid, "username": user, "acct": user, "display_name": display, "locked": False,
            "bot": False, "discoverable": True, "indexable": True, "group": False,
            "created_at": "2025-05-01T00:00:00.000Z", "note": note,
            "url": "{{BASE}}/@" + user, "uri": "{{BASE}}/users/" + user,
            "avatar": "{{BASE}}/media/avatar.png", "avatar_static": "{{BASE}}/media/avatar.png",
            "header": "", "header_static": "", "followers_count": 31, "following_count": 4,
            "statuses_count": 5, "last_status_at": "2026-11-20", "emojis": [],
            "fields": [{"name": "Studio", "value": "Testbury " + SHARED_POSTCODE, "verified_at": None}]}


ACCOUNT = account(ACCOUNT_ID, "copperwick_rooms", "Copperwick Rooms",
                  "<p>Invented account of the Harrier test world.</p>")
OTHER = account(OTHER_ID, "testbury_notices", "Testbury Notices", "<p>Invented notices.</p>")
OTHER["fields"] = []

M_TEXT = {
    "113500000000000101": "<p>Hello from Copperwick Rooms.</p>",
    "113500000000000102": "<p>New opening hours from next week.</p>",
    "113500000000000103": "<p>Rooms free this week, call " + SHARED_PHONE_ADVERT + ".</p>",
    "113500000000000104": "<p>The refurbished front room.</p>",
    "113500000000000105": ("<p>Walk-ins welcome <a href=\"{{BASE}}/tags/copperwick\" class=\"mention hashtag\" "
                           "rel=\"tag\">#<span>copperwick</span></a></p>"),
    "113500000000000201": ("<p>Road works on Kestrel Parade this week <a href=\"{{BASE}}/tags/copperwick\" "
                           "class=\"mention hashtag\" rel=\"tag\">#<span>copperwick</span></a></p>"),
}


def status(sid, acc):
    tags = []
    if "#<span>copperwick" in M_TEXT[sid]:
        tags = [{"name": "copperwick", "url": "{{BASE}}/tags/copperwick"}]
    media = []
    if sid == "113500000000000104":
        media = [{"id": "556104", "type": "image", "url": "{{BASE}}/media/m_104.png",
                  "preview_url": "{{BASE}}/media/m_104.png", "remote_url": None,
                  "description": "A drawn pattern", "blurhash": None,
                  "meta": {"original": {"width": 160, "height": 120, "size": "160x120", "aspect": 1.3333}}}]
    day = int(sid[-2:]) % 28 + 1
    return {"id": sid, "created_at": f"2026-11-{day:02d}T10:00:00.000Z", "edited_at": None,
            "in_reply_to_id": None, "in_reply_to_account_id": None, "sensitive": False,
            "spoiler_text": "", "visibility": "public", "language": "en",
            "uri": "{{BASE}}/users/" + acc["username"] + "/statuses/" + sid,
            "url": "{{BASE}}/@" + acc["username"] + "/" + sid, "replies_count": 0,
            "reblogs_count": 1, "favourites_count": 2, "content": M_TEXT[sid], "reblog": None,
            "account": acc, "media_attachments": media, "mentions": [], "tags": tags, "emojis": [],
            "card": None, "poll": None}


# ---------------------------------------------------------------- site

SITE_HEAD = '''<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>{title}</title>
</head>
<body>
<header class="site-header"><a class="brand" href="/">Kestrel Listings</a></header>
<main>
'''
SITE_FOOT = '''</main>
<footer class="site-footer"><p>Kestrel Listings is an invented site of the Harrier test world. Every advert, name and contact detail on it is fictitious.</p></footer>
</body>
</html>
'''

SITE_INDEX = SITE_HEAD.format(title="Adverts | Kestrel Listings") + '''<h1>Adverts in Testbury</h1>
<div class="cards">
<div class="advert-card"><a class="advert-link" href="/advert/1.html">Nail studio – rooms and appointments</a>
<p class="teaser">Testbury studio, evenings available.</p><p class="meta">Testbury</p></div>
</div>
''' + SITE_FOOT

SITE_ADVERT = SITE_HEAD.format(title="Nail studio – rooms and appointments | Kestrel Listings") + f'''<nav class="breadcrumb"><a href="/">Home</a> &rsaquo; This advert</nav>
<article class="advert-full">
<h1 class="advert-title">Nail studio – rooms and appointments</h1>
<p class="meta">Posted <time class="posted" datetime="2026-11-21T18:30:00Z">21 November 2026</time> in <span class="location">Testbury</span></p>
<div class="gallery">
<img src="/img/advert1_a.png" alt="" width="160" height="120">
</div>
<div class="advert-body">
<p>New staff at our studio, 14 Kestrel Parade, Testbury {SHARED_POSTCODE}.</p>
<p>Evenings and weekends, call {SHARED_PHONE_ADVERT} for an appointment.</p>
</div>
<p class="advert-actions"><a href="javascript:void(0)" class="report">Report this advert</a></p>
</article>
''' + SITE_FOOT

PROFILE_MARNIE = '''<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8">
<title>Marnie (@marnie_nails) • Kestrel Profiles</title>
<meta property="og:type" content="profile">
<meta property="og:title" content="Marnie (@marnie_nails) • Kestrel Profiles">
<meta property="og:url" content="{{BASE}}/profiles/marnie_nails.html">
<meta property="og:image" content="{{BASE}}/img/avatar_marnie.png">
<meta property="og:description" content="Nails and lashes in Testbury. Bookings ''' + SHARED_PHONE_ADVERT + '''">
<meta property="og:site_name" content="Kestrel Profiles">
<meta property="profile:username" content="marnie_nails">
<script type="application/ld+json">
{"@context":"https://schema.org","@type":"ProfilePage","dateModified":"2026-11-20T12:00:00Z",
 "mainEntity":{"@type":"Person","name":"Marnie","alternateName":"marnie_nails","identifier":"kp-4471",
  "description":"Nails and lashes in Testbury. Bookings ''' + SHARED_PHONE_ADVERT + '''",
  "image":"{{BASE}}/img/avatar_marnie.png","url":"{{BASE}}/profiles/marnie_nails.html",
  "sameAs":["https://t.me/harrier_demo_channel","{{BASE}}/profiles/copperwick_rooms.html"],
  "interactionStatistic":[{"@type":"InteractionCounter","interactionType":"https://schema.org/FollowAction","userInteractionCount":212}]}}
</script></head>
<body><main><h1>Marnie</h1><p>Nails and lashes in Testbury.</p></main></body></html>
'''

PROFILE_ROOMS = '''<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8">
<title>Copperwick Rooms • Kestrel Profiles</title>
<meta property="og:type" content="profile">
<meta property="og:title" content="Copperwick Rooms • Kestrel Profiles">
<meta property="og:url" content="{{BASE}}/profiles/copperwick_rooms.html">
<meta property="og:image" content="{{BASE}}/img/avatar_marnie.png">
<meta property="og:description" content="Rooms to let by the week.">
<script type="application/ld+json">
[{"@context":"https://schema.org","@type":"ProfilePage",
  "mainEntity":{"@type":"Person","name":"Copperwick Rooms","alternateName":"copperwick_rooms",
   "description":"Rooms to let by the week.","url":"{{BASE}}/profiles/copperwick_rooms.html"}}]
</script></head>
<body><main><h1>Copperwick Rooms</h1></main></body></html>
'''

# ---------------------------------------------------------------- write


WRITTEN = []


def write(rel, data):
    WRITTEN.append(rel)
    path = os.path.join(OUT, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    mode = "wb" if isinstance(data, bytes) else "w"
    with open(path, mode) as f:
        f.write(data)


def write_json(rel, obj):
    write(rel, json.dumps(obj, ensure_ascii=False, indent=1) + "\n")


def main():
    for rel, pixel in IMAGES.items():
        write(rel, png(160, 120, pixel))
    for n in (CO_A, CO_B, CO_C):
        write_json(f"ch/company/{n}.json", profile(n))
        write_json(f"ch/officers/{n}.json", officer_list(n))
        write_json(f"ch/psc/{n}.json", psc_list(n))
    for oid in PEOPLE:
        write_json(f"ch/appointments/{oid}.json", appointments(oid))
    pages = [range(111, 116), range(106, 111), range(101, 106)]
    befores = [111, 106, None]
    for k, (ids, before) in enumerate(zip(pages, befores), 1):
        write(f"telegram/{CHANNEL}/page{k}.html", tg_page(ids, before))
    write(f"telegram/{CHANNEL}/empty.html", TG_EMPTY)
    write("telegram/harrier_private.html", TG_PRIVATE)
    write_json("mastodon/account.json", ACCOUNT)
    # All of the account's statuses, newest first; the server pages them
    # (3 per page: 105-103, then 102-101).
    write_json("mastodon/statuses.json",
               [status("1135000000000001%02d" % k, ACCOUNT) for k in (5, 4, 3, 2, 1)])
    write_json("mastodon/tag_copperwick.json",
               [status("113500000000000201", OTHER), status("113500000000000105", ACCOUNT)])
    write("site/index.html", SITE_INDEX)
    write("site/advert/1.html", SITE_ADVERT)
    write("site/robots.txt", "User-agent: *\nDisallow: /account/\n")
    write("site/profiles/marnie_nails.html", PROFILE_MARNIE)
    write("site/profiles/copperwick_rooms.html", PROFILE_ROOMS)


def check():
    """True when the committed tree is exactly what main() writes."""
    global OUT
    with tempfile.TemporaryDirectory() as tmp:
        OUT = tmp
        main()
        stale = []
        for rel in WRITTEN:
            with open(os.path.join(tmp, rel), "rb") as a:
                want = a.read()
            try:
                with open(os.path.join(HERE, rel), "rb") as b:
                    got = b.read()
            except OSError:
                got = None
            if got != want:
                stale.append(rel)
    for rel in stale:
        print("stale or missing: tests/data/world/" + rel)
    if stale:
        print("run: python3 tests/data/world/make_world.py")
    return not stale


if __name__ == "__main__":
    if sys.argv[1:] == ["--check"]:
        sys.exit(0 if check() else 1)
    main()
