"""What the packet and the import know of an edited document.

Sphinx reads the project (the ``dummy`` builder, as ``make status`` does: no
parser of our own that could disagree with the build); the English of each
unit is the JSON export's (the TEI writer's reading, interpolations in
their brackets, no note marks); the slots' current text comes from the
source file itself (:mod:`.slots`), byte for byte.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import slots
from .domain import UnitProvenance
from .provenance import read as read_provenance
from .provenance import sidecar


@dataclass
class DocumentView:
    """One edited document, as the packet and the import need it."""

    docname: str
    #: the source file (``source/117033.md``)
    source: Path
    title: str
    #: the printed source, cited in full with the document's pages
    citation: str
    #: the document's pages in the printed source (``302-305``)
    pages: str
    #: unit numbers in order, as Sphinx read them
    units: list[str]
    #: unit -> its English, for reference
    english: dict[str, str]
    #: the source file's text, exactly (line endings kept)
    text: str
    #: unit -> its slot in the text
    slots: dict[str, slots.Slot] = field(default_factory=dict)
    provenance: dict[str, UnitProvenance] = field(default_factory=dict)
    #: problems of the provenance file (line, message)
    provenance_problems: list[Any] = field(default_factory=list)

    def current(self, unit: str) -> str:
        """The slot's text as it stands (normalised)."""
        slot = self.slots.get(unit)
        return slots.normalise(slots.body(self.text, slot)) if slot is not None else ""

    def scanned_units(self) -> list[str]:
        return [s.number for s in slots.scan(self.text)]

    def reload(self) -> DocumentView:
        """The same document with its source text and provenance read again
        (what an import changes; the English and the units it never changes)."""
        self.text = read_text(self.source)
        self.slots = {s.number: s for s in slots.scan(self.text) if s.present}
        self.provenance, self.provenance_problems = read_provenance(sidecar(self.source),
                                                                    self.units)
        return self


def read_text(path: Path) -> str:
    """A source file's text with its line endings as they are."""
    with open(path, encoding="utf-8", newline="") as handle:
        return handle.read()


def write_text(path: Path, text: str) -> None:
    """Write *text* (line endings as given) through a temporary file, so that
    an interrupted import never leaves half a file."""
    temporary = path.with_name(f".{path.name}.importing")
    with open(temporary, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)
    temporary.replace(path)


def read_project(srcdir: Path, confdir: Path, builddir: Path,
                 warning: io.TextIOBase | None = None) -> dict[str, DocumentView]:
    """Every edited document of the project (with metadata and units)."""
    from ..citation.roles import bib_entries
    from ..model.domain import get_domain
    from ..outputs.tei.builder import make_context
    from ..outputs.tei.reader import unit_records
    from ..outputs.tei.writer import TeiWriter
    from ..status import read_units

    app, units = read_units(srcdir, confdir, builddir, warning=warning)
    env = app.env
    documents = get_domain(env).documents
    entries = bib_entries(env)
    views: dict[str, DocumentView] = {}
    for docname in sorted(units):
        if docname not in documents or not units[docname]:
            continue
        meta = documents[docname]
        doctree = env.get_and_resolve_doctree(docname, app.builder)
        records = unit_records(TeiWriter(doctree, make_context(app.builder, docname, "")).write())
        english = {record["id"]: record["en"] for record in records if record["id"]}
        source = Path(env.doc2path(docname))
        views[docname] = DocumentView(
            docname=docname, source=source, title=meta.short or docname,
            citation=_citation(entries, meta),
            pages=meta.pages, units=[u.number for u in units[docname] if u.number],
            english=english, text="",
        ).reload()
    return views


def _citation(entries: dict[str, Any], meta: Any) -> str:
    """The printed source in the edition's Chicago note form, with the pages."""
    from ..citation.chicago import note

    entry = entries.get(meta.source)
    if entry is None:
        return meta.source
    return note(entry, meta.pages).render_as("text")
