"""Scrapy's side of the Harrier-vs-Scrapy benchmark (bench/run_scrapy_comparison.sh).

Crawls the synthetic advert site the way Harrier's bench source profile
does: the listing, pagination and advert XPaths and URL patterns are read
from that profile (bench/harrier/bench-source.toml, which has those of
config/sources/demo.toml); the same advert fields (title, body, posted,
location, image URLs), phone numbers from the title, body and location with
the UK regex in uk_phone.py, and every image downloaded and stored by the
SHA-256 of its bytes (bench_pipelines.Sha256FilesPipeline; or plain requests
with -a images=requests). Settings are in bench_settings.py.

Run (the script does this):
  SCRAPY_SETTINGS_MODULE=bench_settings PYTHONPATH=bench/scrapy \
    /usr/bin/python3 -m scrapy runspider bench/scrapy/advert_spider.py \
    -a start_url=http://127.0.0.1:18091/ -a out=DIR \
    -a profile=bench/harrier/bench-source.toml
  (requests mode: add -a images=requests -s ITEM_PIPELINES={})
Writes DIR/items.jsonl (adverts; image items too in requests mode),
DIR/files/ (the images) and DIR/stats.json (Scrapy's stats plus page counts).
"""

import hashlib
import json
import os
import re
import tomllib
from urllib.parse import urlsplit

import scrapy

from uk_phone import find_uk_phones


def load_profile(path):
    """The [listing] and [advert] XPaths of Harrier's bench source profile
    (bench/harrier/bench-source.toml), so both crawlers follow and extract
    exactly the same things."""
    with open(path, "rb") as f:
        profile = tomllib.load(f)
    listing, advert = profile["listing"], profile["advert"]
    return {
        "listing_links": listing["links"],
        "listing_adverts": listing["adverts"],
        "listing_url": re.compile(listing.get("url_pattern") or ""),
        "advert_url": re.compile(advert.get("url_pattern") or ""),
        "title": advert["title"], "body": advert["body"], "posted": advert["posted"],
        "location": advert["location"], "images": advert["images"],
    }


def text_of(response, xpath):
    """The text of the first node matching `xpath` (XPath string()), as is."""
    return response.xpath(f"string(({xpath})[1])").get() or ""


def one_line(text):
    return " ".join(text.split())


class AdvertSpider(scrapy.Spider):
    name = "bench_adverts"

    def __init__(self, start_url, out, profile, images="pipeline", *args, **kwargs):
        super().__init__(*args, **kwargs)
        if images not in ("pipeline", "requests"):
            raise ValueError("images must be 'pipeline' or 'requests'")
        self.start_urls = [start_url]
        self.allowed_domains = [urlsplit(start_url).hostname]
        self.out = out
        self.images_mode = images
        self.files_dir = os.path.join(out, "files")
        self.x = load_profile(profile)

    def start_requests(self):
        pipelines = self.settings.getdict("ITEM_PIPELINES")
        if (self.images_mode == "requests") != (not pipelines):
            raise ValueError("images=requests needs -s ITEM_PIPELINES={}, and images=pipeline "
                             "needs the pipeline of bench_settings.py (else images are fetched "
                             "twice or not at all)")
        yield from super().start_requests()

    def parse(self, response):
        """A listing page: more listing pages, and the adverts it lists."""
        self.crawler.stats.inc_value("bench/listing_pages")
        x = self.x
        for href in response.xpath(x["listing_links"]).getall():
            url = response.urljoin(href)
            if x["listing_url"].search(url):
                yield scrapy.Request(url, callback=self.parse)
        for href in response.xpath(x["listing_adverts"]).getall():
            url = response.urljoin(href)
            if x["advert_url"].search(url):
                yield scrapy.Request(url, callback=self.parse_advert)

    def parse_advert(self, response):
        self.crawler.stats.inc_value("bench/advert_pages")
        x = self.x
        title = text_of(response, x["title"])
        body = text_of(response, x["body"])
        location = text_of(response, x["location"])
        phones = []
        for field in (title, body, location):
            for p in find_uk_phones(field):
                if p not in phones:
                    phones.append(p)
        image_urls = [response.urljoin(u) for u in response.xpath(x["images"]).getall()]
        yield {
            "url": response.url,
            "title": one_line(title),
            "body": body.strip(),
            "posted": response.xpath(x["posted"]).get() or "",
            "location": one_line(location),
            "phones": phones,
            "image_urls": image_urls,
        }
        if self.images_mode == "requests":
            for url in image_urls:
                yield scrapy.Request(url, callback=self.save_image)

    def save_image(self, response):
        """requests mode: the image stored under the SHA-256 of its bytes."""
        self.crawler.stats.inc_value("bench/images")
        digest = hashlib.sha256(response.body).hexdigest()
        ext = os.path.splitext(urlsplit(response.url).path)[1]
        path = os.path.join(self.files_dir, "sha256", digest[:2], digest + ext)
        if not os.path.exists(path):
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path + ".tmp", "wb") as f:
                f.write(response.body)
            os.replace(path + ".tmp", path)
        yield {"image_url": response.url, "sha256": digest,
               "path": os.path.relpath(path, self.files_dir)}

    def closed(self, reason):
        stats = dict(self.crawler.stats.get_stats())
        stats["finish_reason"] = reason
        stats["bench/images_mode"] = self.images_mode
        with open(os.path.join(self.out, "stats.json"), "w", encoding="utf-8") as f:
            json.dump(stats, f, indent=1, sort_keys=True, default=str)
