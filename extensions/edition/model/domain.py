"""The ``edition`` domain: where the edition keeps what it learns while reading.

It only stores data, keyed by document, so that Sphinx can forget a document
(:meth:`clear_doc`) and merge what parallel readers collected
(:meth:`merge_domaindata`). The modules that read the data (the document
header, coverage reports, exports) take it from here, never from a global.
"""

from __future__ import annotations

from collections.abc import Iterable, Set
from typing import Any, NamedTuple

from docutils.nodes import Element
from sphinx.domains import Domain


class UnitRecord(NamedTuple):
    """One aligned unit of a document, as read."""

    #: the unit's number, e.g. ``"p7"``
    number: str
    #: line of the ``unit`` directive in its source
    line: int
    #: ``"transcribed"`` or ``"pending"``
    status: str
    #: language of the slot (the original side)
    lang: str


class EditionDomain(Domain):
    name = "edition"
    label = "Edition"
    initial_data: dict[str, Any] = {
        #: docname -> the document's metadata (a plain dict, see metadata.py)
        "documents": {},
        #: docname -> list of UnitRecord, in document order
        "units": {},
    }

    @property
    def documents(self) -> dict[str, dict[str, Any]]:
        return self.data.setdefault("documents", {})

    @property
    def units(self) -> dict[str, list[UnitRecord]]:
        return self.data.setdefault("units", {})

    def coverage(self, docname: str) -> tuple[int, int]:
        """(transcribed, total) units of a document."""
        units = self.units.get(docname, [])
        return sum(u.status == "transcribed" for u in units), len(units)

    def clear_doc(self, docname: str) -> None:
        self.documents.pop(docname, None)
        self.units.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for key in ("documents", "units"):
            for docname, value in otherdata.get(key, {}).items():
                if docname in docnames:
                    self.data.setdefault(key, {})[docname] = value

    def resolve_any_xref(self, *args: Any) -> list[tuple[str, Element]]:
        return []

    def get_objects(self) -> Iterable[tuple[str, str, str, str, str, int]]:
        return ()


def get_domain(env: Any) -> EditionDomain:
    return env.get_domain("edition")  # type: ignore[return-value]


def setup(app: Any) -> None:
    app.add_domain(EditionDomain)
