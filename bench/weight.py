"""Page weight: what a browser fetches to show one page of the built site.

Reads the page's HTML for what loads with it: stylesheets (and what they
``@import``), scripts, fonts (``@font-face`` sources in the stylesheets and
``<link rel=preload as=font>``), images (``<img>``) and icons, as a browser
that runs the page's scripts fetches them: what stands in ``<noscript>`` is
not fetched there (it is the page without JavaScript). Links that only
name another page (``canonical``, ``next``, ``prev``, ``<a href>``) load
nothing and are not counted. Each file is counted once, uncompressed and
gzipped (level 6, a common server default); any absolute ``http(s)://`` or
``//`` address is a request to a third party and is listed as such.

    python bench/weight.py _build/html/117033.html
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")
CSS_IMPORT = re.compile(r"@import\s+(?:url\()?\s*['\"]([^'\"]+)['\"]")
FONT_FACE = re.compile(r"@font-face\s*\{[^}]*\}", re.S)
GZIP_LEVEL = 6


def is_remote(url: str) -> bool:
    return bool(urlsplit(url).scheme) or url.startswith("//")


def local_path(base: Path, url: str) -> Path:
    return (base.parent / unquote(urlsplit(url).path)).resolve()


def page_weight(page: Path) -> dict:
    """The files *page* loads, by kind, with sizes and totals."""
    html = page.read_bytes()
    soup = BeautifulSoup(html, "html.parser")
    for fallback in soup.find_all("noscript"):  # text to a browser that runs scripts
        fallback.decompose()
    loads: list[tuple[str, Path | str]] = []  # (kind, path or remote url)
    third_party: list[str] = []

    def add(kind: str, base: Path, url: str) -> None:
        if not url or url.startswith(("data:", "#")):
            return
        if is_remote(url):
            third_party.append(url)
            loads.append((kind, url))
            return
        loads.append((kind, local_path(base, url)))

    for link in soup.find_all("link"):
        rel = {r.lower() for r in link.get("rel", [])}
        href = link.get("href", "")
        if "stylesheet" in rel:
            add("css", page, href)
        elif "preload" in rel or "modulepreload" in rel:
            kind = {"font": "font", "style": "css", "script": "js"}.get(link.get("as", ""), "other")
            add(kind, page, href)
        elif rel & {"icon", "shortcut", "apple-touch-icon"}:
            add("image", page, href)
    for script in soup.find_all("script", src=True):
        add("js", page, script["src"])
    for img in soup.find_all("img", src=True):
        add("image", page, img["src"])

    # what the stylesheets pull in: @import and the fonts of @font-face
    index = 0
    while index < len(loads):
        kind, where = loads[index]
        index += 1
        if kind != "css" or not isinstance(where, Path) or not where.is_file():
            continue
        css = where.read_text(encoding="utf-8", errors="replace")
        for url in CSS_IMPORT.findall(css):
            add("css", where, url)
        for face in FONT_FACE.findall(css):
            for url in CSS_URL.findall(face):
                add("font", where, url)

    seen: set[str] = set()
    files = []
    for kind, where in [("html", page), *loads]:
        key = str(where)
        if key in seen:
            continue
        seen.add(key)
        if isinstance(where, Path):
            data = where.read_bytes() if where.is_file() else b""
            name = where.relative_to(page.parent.resolve()).as_posix() \
                if where.is_relative_to(page.parent.resolve()) else str(where)
            files.append({"kind": kind, "file": name, "bytes": len(data),
                          "gzip": len(gzip.compress(data, GZIP_LEVEL)) if data else 0,
                          "missing": not where.is_file()})
        else:
            files.append({"kind": kind, "file": where, "bytes": None, "gzip": None,
                          "missing": False})
    by_kind: dict[str, dict[str, int]] = {}
    for f in files:
        k = by_kind.setdefault(f["kind"], {"bytes": 0, "gzip": 0, "files": 0})
        k["bytes"] += f["bytes"] or 0
        k["gzip"] += f["gzip"] or 0
        k["files"] += 1
    return {
        "page": page.name,
        "files": files,
        "by_kind": by_kind,
        "bytes": sum(f["bytes"] or 0 for f in files),
        "gzip": sum(f["gzip"] or 0 for f in files),
        "requests": len(files),
        "third_party": third_party,
    }


if __name__ == "__main__":
    json.dump(page_weight(Path(sys.argv[1])), sys.stdout, indent=2)
    sys.stdout.write("\n")
