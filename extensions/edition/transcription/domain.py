"""The ``transcription`` domain: what the build learns about filled slots.

Per document: the provenance of each unit's transcription (from the
document's provenance file, see :mod:`.provenance`), the pages of the printed
source each unit's original spans (from the provenance's start page and the
``{pb}`` marks, see :mod:`edition.text.pagebreak`), and the short form by
which that source is cited ("Shi 1993"). It only stores data, keyed by
document (:class:`edition.util.DocumentDataDomain`), so that Sphinx can
forget a document and merge parallel readers.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from ..util import DocumentDataDomain


class UnitProvenance(NamedTuple):
    """Who transcribed and checked one unit's original, when, from which page."""

    #: the unit's number, e.g. ``"p7"``
    unit: str
    #: who transcribed it ("" when the file does not say)
    transcribed_by: str = ""
    #: when, ``YYYY-MM-DD`` ("" when not said)
    transcribed: str = ""
    #: who checked it against the printed page ("" while unchecked)
    checked_by: str = ""
    #: when it was checked, ``YYYY-MM-DD``
    checked: str = ""
    #: page of the printed source where the unit's text starts (0: not said)
    page: int = 0
    #: fingerprint of the slot's text as imported ("" when not imported)
    imported: str = ""
    #: line of the unit's entry in the provenance file
    line: int = 0
    #: whether the slot's text differs from what was imported (a hand edit)
    edited: bool = False


class TranscriptionDomain(DocumentDataDomain):
    name = "transcription"
    label = "Transcription"
    initial_data: dict[str, Any] = {
        #: docname -> {unit number -> UnitProvenance}
        "provenance": {},
        #: docname -> {unit number -> (first page, last page)}
        "pages": {},
        #: docname -> short citation of the printed source ("Shi 1993")
        "sources": {},
    }
    per_document = ("provenance", "pages", "sources")

    @property
    def provenance(self) -> dict[str, dict[str, UnitProvenance]]:
        return self.document_data("provenance")

    @property
    def pages(self) -> dict[str, dict[str, tuple[int, int]]]:
        return self.document_data("pages")

    @property
    def sources(self) -> dict[str, str]:
        return self.document_data("sources")


def get_transcription(env: Any) -> TranscriptionDomain:
    return env.get_domain("transcription")  # type: ignore[return-value]


def page_range(pages: tuple[int, int] | None) -> str:
    """``302`` or ``302-303`` ("" when unknown): the one form of a unit's pages."""
    if not pages or not pages[0]:
        return ""
    first, last = pages
    return str(first) if last == first else f"{first}-{last}"


def setup(app: Any) -> None:
    app.add_domain(TranscriptionDomain)
