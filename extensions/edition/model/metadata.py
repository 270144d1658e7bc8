"""Document metadata: the record's facts, written once in front matter, typed.

An edited document declares its metadata as a ``document`` mapping in its
MyST front matter::

    ---
    document:
      title: "Report, ..."
      date: 1957-01-24
      author: Zhou Enlai
      recipients: [Mao Zedong, the Central Leadership]
      archive: Wilson Center Digital Archive
      record: "117033"
      url: https://...
      source: shi1993        # key of the book in bib/
      pages: 302-305
      translators: [Zhang Shu Guang, Chen Jian]
      summary: ...
      credits: ...
      original-language: Chinese
    ---

:func:`parse_metadata` checks each field against :data:`FIELDS` and returns
a :class:`DocumentMeta`, which the ``edition`` domain keeps for every output
(the header, the citation, the PDF's title page, the EPUB's package, the TEI
header, the exports, the page's head). No one types these facts a second
time, and no output reads them by a string key.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..diagnostics import Kind, warn
from ..util import Schema

#: front-matter field -> (type, required); list fields hold names (texts)
FIELDS = Schema({
    "title": (str, True),
    "short-title": (str, False),
    "date": (str, True),
    "author": (str, True),
    "recipients": (list, False),
    "archive": (str, False),
    "record": (str, False),
    "url": (str, False),
    "source": (str, False),
    "pages": (str, False),
    "translators": (list, False),
    "summary": (str, False),
    "credits": (str, False),
    "original-language": (str, False),
}, kinds={list: "a list of names"})


@dataclass(frozen=True)
class DocumentMeta:
    """A document's metadata, as checked; a field the front matter lacks is empty."""

    #: the record's title, e.g. "Report, 'My Observations ...' (Excerpt)"
    title: str = ""
    #: the title of running heads and short citations
    short_title: str = ""
    #: date of the document, YYYY-MM-DD
    date: str = ""
    author: str = ""
    recipients: tuple[str, ...] = ()
    #: the archive that publishes the record, and the record's number and address
    archive: str = ""
    record: str = ""
    url: str = ""
    #: key of the book the translation was made from, in bib/, and its pages
    source: str = ""
    pages: str = ""
    translators: tuple[str, ...] = ()
    #: the archive record's summary
    summary: str = ""
    credits: str = ""
    #: the original's language, in words ("Chinese")
    original_language: str = ""

    @classmethod
    def from_fields(cls, fields: dict[str, Any]) -> DocumentMeta:
        """From checked front-matter fields (``short-title`` -> ``short_title``)."""
        return cls(**{attribute(key): tuple(value) if isinstance(value, list) else value
                      for key, value in fields.items()})

    def value(self, key: str) -> str | tuple[str, ...]:
        """A field by its front-matter name (for code that walks :data:`FIELDS`)."""
        return getattr(self, attribute(key))

    @property
    def short(self) -> str:
        """The short title, else the title."""
        return self.short_title or self.title


def attribute(key: str) -> str:
    """Front-matter name -> attribute of :class:`DocumentMeta`."""
    return key.replace("-", "_")


def front_matter_line(source: str, key: str) -> int:
    """Line of *key* in the front matter of *source* (1 when not found)."""
    try:
        lines = Path(source).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 1
    for number, line in enumerate(lines[:200], start=1):
        if line.strip().startswith(f"{key}:"):
            return number
    return 1


def format_date(value: str) -> str:
    """``1957-01-24`` -> ``24 January 1957`` (day-month-year, as the notes write)."""
    date = dt.date.fromisoformat(value)
    return f"{date.day} {date:%B} {date.year}"


def join_names(names: list[str] | tuple[str, ...]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def parse_metadata(data: Any, source: str, docname: str) -> DocumentMeta | None:
    """Check the ``document`` front matter; return its metadata, or None.

    Fields that fail a check are reported and left out; the rest is kept, so
    one bad field never hides the whole header.
    """
    docline = (docname, front_matter_line(source, "document"))
    if not isinstance(data, dict):
        warn(Kind.metadata, "front matter 'document' must be a mapping of fields "
             "(title, date, author, ...), not %r", data, location=docline)
        return None
    clean: dict[str, Any] = {}
    for key, value in data.items():
        where = (docname, front_matter_line(source, key))
        if key not in FIELDS:
            warn(Kind.metadata, "unknown document field %r; known fields: %s",
                 key, FIELDS.names(), location=where)
            continue
        ok, value = FIELDS.coerce(key, value)
        if not ok:
            warn(Kind.metadata, "document field %r must be %s, not %r",
                 key, FIELDS.kind(key), value, location=where)
            continue
        if key == "date":
            try:
                format_date(value)
            except ValueError:
                warn(Kind.metadata, "document field 'date' must be a date written "
                     "YYYY-MM-DD, not %r", value, location=where)
                continue
        clean[key] = value
    for key in FIELDS.missing(set(clean) | set(data)):
        warn(Kind.metadata, "document has no %r field; add it to the front matter",
             key, location=docline)
    return DocumentMeta.from_fields(clean)
