"""The edition's warnings: one kind per thing an editor can get wrong.

Every warning the extensions emit goes through :func:`warn`, so that each
carries ``type="edition"`` and a ``subtype`` from :class:`Kind` (silence one
kind with ``suppress_warnings = ["edition.<kind>"]``), names the file and line,
and says what to fix in the edition's own words.
"""

from __future__ import annotations

import logging as stdlib_logging
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from typing import Any

from sphinx.util import logging

logger = logging.getLogger("edition")


class Kind(Enum):
    """Subtypes of the ``edition`` warning type."""

    #: front matter of a document: missing, mistyped or malformed field
    metadata = "metadata"
    #: a unit's number: missing, malformed, duplicate, out of order, gap
    unit = "unit"
    #: a unit's sides: missing translation or slot, stray text outside units
    side = "side"
    #: a slot declared in a language the edition does not know
    slot_language = "slot-language"
    #: a note reference without a note, or a note never referenced
    note = "note"
    #: an interpolation with nothing in it
    interpolation = "interpolation"
    #: commentary attached to nothing, or a mark it names does not exist
    commentary = "commentary"
    #: an editorial mark (sic, omission, rejoin) that is malformed
    mark = "mark"
    #: a source file that is not valid UTF-8
    encoding = "encoding"
    #: raw HTML in a source, refused and shown as text
    raw_markup = "raw-markup"
    #: a citation of bib/: unknown key, entry no bibliography lists, unreadable .bib
    citation = "citation"
    #: the registers: unknown or doubly defined entity, bad entry, unmentioned entity
    entity = "entity"
    #: the chronology: malformed event, date or source, quote not in its source
    chronology = "chronology"
    # -- filling the slot (transcription/, text/pagebreak.py, text/sentences.py)
    #: a page break of the source: malformed, going backwards, outside the source's pages
    pagebreak = "pagebreak"
    #: the provenance file of a document's transcription: malformed, unknown unit, bad field
    provenance = "provenance"
    #: sentence alignment: a sentence neither aligned nor unaligned, a missing sentence
    alignment = "alignment"


def warn(kind: Kind, message: str, *args: Any, location: Any = None) -> None:
    """Emit a warning of the given kind; *message* is %-formatted by the logger."""
    logger.warning(message, *args, location=location, type="edition", subtype=kind.value)


class WarningCounter(stdlib_logging.Filter):
    """Counts the warnings logged while it is attached (and lets them pass)."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def filter(self, record: stdlib_logging.LogRecord) -> bool:
        if record.levelno >= stdlib_logging.WARNING:
            self.count += 1
        return True


@contextmanager
def counting_warnings() -> Iterator[WarningCounter]:
    """How many warnings :func:`warn` gave inside the ``with`` block."""
    counter = WarningCounter()
    logger.logger.addFilter(counter)
    try:
        yield counter
    finally:
        logger.logger.removeFilter(counter)
