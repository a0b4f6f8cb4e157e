"""Scrapy settings for the Harrier-vs-Scrapy benchmark (SCRAPY_SETTINGS_MODULE).

Politeness off for the one loopback host, as in Harrier's bench profile:
16 requests at once to it, no delay, no AutoThrottle. robots.txt obeyed
(the site serves one that allows every page). No HTTP cache, no thumbnails.
FILES_STORE and FEEDS are set on the command line by the script (they live
under the run's output directory).
"""

BOT_NAME = "harrier_bench"
USER_AGENT = "HarrierBench-Scrapy/2.8 (loopback benchmark)"

ROBOTSTXT_OBEY = True

CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 16
CONCURRENT_REQUESTS_PER_IP = 0
DOWNLOAD_DELAY = 0
RANDOMIZE_DOWNLOAD_DELAY = False
AUTOTHROTTLE_ENABLED = False
HTTPCACHE_ENABLED = False

# Every listing and advert page is reachable within this many hops, as with
# max_depth in Harrier's bench profile; 0 means no limit.
DEPTH_LIMIT = 0

ITEM_PIPELINES = {"bench_pipelines.Sha256FilesPipeline": 1}
FILES_URLS_FIELD = "image_urls"
FILES_RESULT_FIELD = "files"

LOG_LEVEL = "INFO"
# No remote console on a port during the run.
TELNETCONSOLE_ENABLED = False
# Scrapy 2.7+ fingerprints (silences the deprecation warning of 2.8).
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
