"""Image storage for the Scrapy side of the benchmark."""

import hashlib
import os
from urllib.parse import urlsplit

from scrapy.pipelines.files import FilesPipeline


class Sha256FilesPipeline(FilesPipeline):
    """Scrapy's FilesPipeline (one download per distinct URL, files on disk),
    storing each image under the SHA-256 of its bytes as Harrier does, instead
    of under the SHA-1 of its URL. No thumbnails, no Pillow."""

    def file_path(self, request, response=None, info=None, *, item=None):
        if response is None:
            # Asked before the download whether the file is stored already.
            # Content-addressed files cannot be known before their bytes are,
            # so this name never exists and every image is fetched in the run.
            return "pending/" + hashlib.sha1(request.url.encode()).hexdigest()
        digest = hashlib.sha256(response.body).hexdigest()
        ext = os.path.splitext(urlsplit(request.url).path)[1]
        return f"sha256/{digest[:2]}/{digest}{ext}"
