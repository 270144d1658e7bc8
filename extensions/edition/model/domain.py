"""The ``edition`` domain: where the edition keeps what it learns while reading.

It only stores data, keyed by document, so that Sphinx can forget a document
and merge what parallel readers collected (:class:`edition.util.DocumentDataDomain`).
The modules that read the data (the document header, coverage reports,
exports) take it from here, never from a global.
"""

from __future__ import annotations

from typing import Any

from ..util import DocumentDataDomain
from .metadata import DocumentMeta
from .records import UnitRecord


class EditionDomain(DocumentDataDomain):
    name = "edition"
    label = "Edition"
    initial_data: dict[str, Any] = {
        #: docname -> the document's metadata (model/metadata.py)
        "documents": {},
        #: docname -> list of UnitRecord, in document order
        "units": {},
    }
    per_document = ("documents", "units")

    @property
    def documents(self) -> dict[str, DocumentMeta]:
        return self.document_data("documents")

    @property
    def units(self) -> dict[str, list[UnitRecord]]:
        return self.document_data("units")

    def coverage(self, docname: str) -> tuple[int, int]:
        """(transcribed, total) units of a document."""
        units = self.units.get(docname, [])
        return sum(u.status == "transcribed" for u in units), len(units)


def get_domain(env: Any) -> EditionDomain:
    return env.get_domain("edition")  # type: ignore[return-value]


def setup(app: Any) -> None:
    app.add_domain(EditionDomain)
