"""Source files as editors type them: encoding and raw HTML.

* **Encoding.** A source that is not valid UTF-8 stops plain Sphinx 9.2 with a
  traceback that names neither the file nor the byte. Before reading, the
  edition checks every source and reports each bad byte with file, line and
  column; it then reads the file with the bad bytes replaced by U+FFFD, so
  every other word still reaches the output (and ``-W`` fails the build).
* **Raw HTML.** MyST passes HTML in a Markdown source straight to the page,
  unescaped. That is not how an edition's text is marked up (and a ``<script>``
  in a transcription must never run), so raw HTML is refused with a warning
  and shown as text. Set ``edition_allow_raw_html = True`` to turn this off.
"""

from __future__ import annotations

import codecs
import encodings.utf_8_sig
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

from ..diagnostics import Kind, warn

CODEC = "edition-utf-8"


def _decode(data: bytes, errors: str = "strict") -> tuple[str, int]:
    # The BOM is dropped as utf-8-sig does (Sphinx's default); bad bytes were
    # reported by check_encodings() before reading, so here they are replaced.
    text, consumed = codecs.utf_8_decode(bytes(data), "replace", True)
    return text.removeprefix("\ufeff"), consumed


class _IncrementalDecoder(encodings.utf_8_sig.IncrementalDecoder):
    def __init__(self, errors: str = "strict") -> None:
        super().__init__("replace")


def _search(name: str) -> codecs.CodecInfo | None:
    if name.replace("_", "-") != CODEC:
        return None
    sig = codecs.lookup("utf-8-sig")
    return codecs.CodecInfo(
        encode=sig.encode, decode=_decode, name=CODEC,
        incrementalencoder=sig.incrementalencoder,
        incrementaldecoder=_IncrementalDecoder,
        streamreader=sig.streamreader, streamwriter=sig.streamwriter,
    )


codecs.register(_search)


def bad_bytes(data: bytes) -> list[tuple[int, int, int, int]]:
    """(offset, line, column, byte) of each byte that is not UTF-8."""
    found = []
    start = 0
    data = data.removeprefix(codecs.BOM_UTF8)
    while start < len(data):
        try:
            data[start:].decode("utf-8")
            break
        except UnicodeDecodeError as error:
            offset = start + error.start
            line = data.count(b"\n", 0, offset) + 1
            column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
            found.append((offset, line, column, data[offset]))
            start = offset + max(1, error.end - error.start)
    return found


def check_encodings(app: Sphinx, env: Any, docnames: list[str]) -> None:
    # Only the docutils setting changes, not config.source_encoding: Sphinx
    # would warn that a non-UTF-8 source encoding is deprecated.
    if env.settings.get("input_encoding", "").lower().replace("_", "-") in {
            "utf-8-sig", "utf-8", "utf8"}:
        env.settings["input_encoding"] = CODEC
    for docname in docnames:
        path = Path(env.doc2path(docname))
        try:
            data = path.read_bytes()
        except OSError:
            continue
        for offset, line, column, byte in bad_bytes(data)[:20]:
            warn(Kind.encoding, "byte 0x%02X at offset %d (column %d) is not UTF-8: save "
                 "the file as UTF-8; the byte is shown as \ufffd until then",
                 byte, offset, column, location=(docname, line))


class RawMarkupTransform(SphinxTransform):
    """Refuse raw HTML in sources: warn, and show it as text."""

    default_priority = 100

    def apply(self, **kwargs: Any) -> None:
        if self.config.edition_allow_raw_html:
            return
        for raw in list(self.document.findall(nodes.raw)):
            warn(Kind.raw_markup, "raw HTML is not part of an edition's markup and is "
                 "shown as text: use the edition's directives and roles instead "
                 "(found %r)", raw.astext()[:60], location=raw)
            if isinstance(raw.parent, nodes.TextElement):
                replacement: nodes.Node = nodes.Text(raw.astext())
            else:
                replacement = nodes.paragraph(raw.astext(), raw.astext().strip("\n"))
                replacement.source, replacement.line = raw.source, raw.line
            raw["ids"] = []
            raw.replace_self(replacement)


def setup(app: Sphinx) -> None:
    app.connect("env-before-read-docs", check_encodings)
    app.add_transform(RawMarkupTransform)
