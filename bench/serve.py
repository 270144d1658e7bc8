"""Serve a built site to Lighthouse as a web host would: HTTP/1.1, text gzipped.

Python's ``http.server`` speaks HTTP/1.0 (a new connection for every file)
and sends every file uncompressed; any host an edition is published on
(GitHub Pages, Read the Docs, a plain nginx) keeps connections open and
gzips text. Lighthouse simulates a slow mobile network from the bytes it
sees, so an uncompressed page is charged about four times its real transfer
(the document page: 97 KB instead of 22 KB). Files are compressed at the
level ``bench/weight.py`` counts (6).

    python bench/serve.py PORT DIRECTORY
"""

from __future__ import annotations

import gzip
import sys
from io import BytesIO
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from weight import GZIP_LEVEL

#: the kinds of file a host compresses (by their suffix)
TEXT = {".html", ".css", ".js", ".svg", ".json", ".xml", ".txt"}


class Handler(SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def send_head(self):  # type: ignore[override]
        path = Path(self.translate_path(self.path))
        if (path.suffix not in TEXT or not path.is_file()
                or "gzip" not in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), GZIP_LEVEL)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return BytesIO(body)

    def log_message(self, *args: object) -> None:
        pass


if __name__ == "__main__":
    port, directory = int(sys.argv[1]), sys.argv[2]
    ThreadingHTTPServer(("127.0.0.1", port),
                        partial(Handler, directory=directory)).serve_forever()
