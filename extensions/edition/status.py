"""``make status``: which paragraphs of the original are transcribed.

Usage (from the project's root, with ``extensions/`` on the path)::

    PYTHONPATH=extensions python -m edition.status source

Sphinx itself reads the sources with the project's ``conf.py`` (no parser of
our own that could disagree with the build): the ``dummy`` builder reads and
checks every document and writes nothing. It shares the doctrees of
``make html`` (``_build/doctrees``), so after a build only changed documents
are read again. Alignment warnings are printed as in a build; the table of
units follows, one line per paragraph, then each document's coverage.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util.docutils import docutils_namespace, patch_docutils

from .model.domain import UnitRecord, get_domain
from .text.alignment import coverage_sentence


def read_units(srcdir: Path, confdir: Path, builddir: Path,
               warning: io.TextIOBase | None = None) -> tuple[Sphinx, dict[str, list[UnitRecord]]]:
    """Read the project with Sphinx; return the app and each document's units."""
    with patch_docutils(confdir), docutils_namespace():
        app = Sphinx(
            srcdir=srcdir, confdir=confdir, outdir=builddir / "status",
            doctreedir=builddir / "doctrees", buildername="dummy",
            status=io.StringIO(), warning=warning if warning is not None else sys.stderr,
            keep_going=True,
        )
        app.build()
    return app, dict(get_domain(app.env).units)


def table(app: Sphinx, units: dict[str, list[UnitRecord]]) -> str:
    """The per-paragraph table and each document's coverage, as plain text."""
    name = app.config.edition_original_name
    rows = [("file:line", "unit", "slot", "language")]
    # filling the slot: pages of the source and who transcribed and checked
    # each unit (transcription/provenance.py); columns only when a document has them
    provenance = provenance_columns(app)
    if provenance:
        rows[0] += ("pages", "transcribed by", "checked by")
    for docname in sorted(units):
        path = os.path.relpath(app.env.doc2path(docname))
        for record in units[docname]:
            row = (f"{path}:{record.line}", record.number or "?", record.status, record.lang)
            if provenance:
                row += provenance.get((docname, record.number), ("", "", ""))
            rows.append(row)
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip()
             for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    lines.append("")
    for docname in sorted(units):
        records = units[docname]
        transcribed = sum(r.status == "transcribed" for r in records)
        lines.append(f"{docname}: {coverage_sentence(name, transcribed, len(records))}")
    if not units:
        lines.append("No document holds units.")
    return "\n".join(lines)


def provenance_columns(app: Sphinx) -> dict[tuple[str, str], tuple[str, str, str]]:
    """(docname, unit) -> (pages, transcribed by and when, checked by and when)."""
    from .transcription.domain import get_transcription, page_range

    domain = get_transcription(app.env)
    columns: dict[tuple[str, str], tuple[str, str, str]] = {}
    for docname, records in domain.provenance.items():
        pages = domain.pages.get(docname, {})
        for unit, record in records.items():
            span = page_range(pages.get(unit)) or (str(record.page) if record.page else "")
            done = " ".join(filter(None, (record.transcribed_by, record.transcribed)))
            if record.edited:
                done += " (edited by hand since)"
            checked = " ".join(filter(None, (record.checked_by, record.checked)))
            columns[(docname, unit)] = (span, done, checked or "not checked")
    for docname, pages in domain.pages.items():
        for unit, span in pages.items():
            columns.setdefault((docname, unit), (page_range(span), "", ""))
    return columns


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m edition.status", description=__doc__.split("\n")[0])
    parser.add_argument("source", nargs="?", default="source", help="folder of the sources")
    parser.add_argument("--conf", default=".", help="folder of conf.py (default: .)")
    parser.add_argument("--build", default="_build", help="build folder (default: _build)")
    args = parser.parse_args(argv)
    app, units = read_units(Path(args.source).resolve(), Path(args.conf).resolve(),
                            Path(args.build).resolve())
    print(table(app, units))
    return 0


if __name__ == "__main__":
    sys.exit(main())
