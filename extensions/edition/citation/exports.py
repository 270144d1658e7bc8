"""Downloadable citations: BibTeX, RIS and CSL-JSON for the edition and each document.

An HTML build (``html``, ``dirhtml``) writes, into its ``cite/`` folder, one
file per format for the edition as a whole and for each edited document, made
from the same entries as the "How to cite" forms (:mod:`edition.citation.cite_this`):
BibTeX through bibtexparser's writer (with an escaping of our own, see
:func:`bibtex_escape`), RIS through rispy, CSL-JSON as the schema says. The
web page's tab of each format shows the very text of its file
(:func:`export_texts`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import bibtexparser
import bibtexparser.model
import rispy
from pybtex.database import Entry, Person
from sphinx.application import Sphinx

from . import chicago
from .entries import all_entries, export_name

#: folder of the HTML output that holds the downloadable files
EXPORT_DIR = "cite"
#: (format label, file suffix)
FORMATS = (("BibTeX", "bib"), ("RIS", "ris"), ("CSL-JSON", "json"))
#: internal fields of bib/ that no export carries
INTERNAL_FIELDS = {"name-order"}


def bibtex_escape(value: str) -> str:
    """Plain text -> a BibTeX field value that reads back as the same text.

    Not latexcodec (which pybtex's writer uses): it leaves ``\\``, ``{``,
    ``}``, ``$`` and ``^`` as they are, reading them as LaTeX markup; in a field
    of plain text they are characters, and an unbalanced brace would end the
    field early.
    """
    special = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%",
               "$": r"\$", "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}",
               "^": r"\textasciicircum{}"}
    return "".join(special.get(c, c) for c in value)


def bibtex_name(person: Person, entry: Entry) -> str:
    family, given = name_parts(person, entry)
    if not given:
        return "{" + bibtex_escape(family) + "}"  # a name bib/ does not split stays whole
    return f"{bibtex_escape(family)}, {bibtex_escape(given)}"


def to_bibtex(entry: Entry) -> str:
    """One entry as BibTeX, written by bibtexparser from fields we escape."""
    fields = []
    for role in ("author", "editor", "translator"):
        people = chicago.persons(entry, role)
        if people:
            names = " and ".join(bibtex_name(p, entry) for p in people)
            fields.append(bibtexparser.model.Field(role, names))
    for name, value in entry.fields.items():
        if name in INTERNAL_FIELDS or name in ("author", "editor", "translator"):
            continue
        text = chicago.plain(entry, name) if not getattr(entry, "plain_text", False) else value
        fields.append(bibtexparser.model.Field(name, bibtex_escape(text)))
    library = bibtexparser.Library([bibtexparser.model.Entry(entry.type, entry.key, fields)])
    # bibtexparser's writer encloses each value in braces
    return bibtexparser.write_string(library).lstrip("\n")


def name_parts(person: Person, entry: Entry) -> tuple[str, str]:
    family = chicago.family_name(person, entry)
    given = " ".join(person.first_names + person.middle_names)
    return family, chicago.latex_text(given, entry).render_as("text") if given else ""


def csl_name(person: Person, entry: Entry) -> dict[str, str]:
    family, given = name_parts(person, entry)
    return {"family": family, "given": given} if given else {"literal": family}


def ris_name(person: Person, entry: Entry) -> str:
    family, given = name_parts(person, entry)
    return f"{family}, {given}" if given else family


def date_list(entry: Entry) -> list[int]:
    parts = chicago.date_parts(entry)
    return [p for p in parts if p] if parts else []


def to_csl(entry: Entry) -> dict[str, Any]:
    text = lambda name: chicago.plain(entry, name)  # noqa: E731
    item: dict[str, Any] = {
        "id": entry.key,
        "type": "book" if entry.type == "book" else "chapter",
        "title": text("title"),
        "author": [csl_name(p, entry) for p in chicago.persons(entry, "author")],
        "translator": [csl_name(p, entry) for p in chicago.persons(entry, "translator")],
        "issued": {"date-parts": [date_list(entry)]},
        "container-title": text("booktitle"),
        "version": text("version"),
        "URL": text("url"),
        "language": text("language"),
    }
    return {k: v for k, v in item.items() if v and v != {"date-parts": [[]]}}


class PlainRisWriter(rispy.RisWriter):
    """rispy's writer without its numbered header line ("1."), which the RIS
    format does not have and some reference managers reject."""

    def set_header(self, count: int) -> str:
        return ""


def to_ris(entry: Entry) -> str:
    text = lambda name: chicago.plain(entry, name)  # noqa: E731
    parts = chicago.date_parts(entry)
    record: dict[str, Any] = {
        "type_of_reference": "BOOK" if entry.type == "book" else "CHAP",
        "id": entry.key,
        "title": text("title"),
        "authors": [ris_name(p, entry) for p in chicago.persons(entry, "author")],
        # A4, "subsidiary author": the translator in RIS as Zotero and EndNote read it
        "subsidiary_authors": [ris_name(p, entry) for p in chicago.persons(entry, "translator")],
        "secondary_title": text("booktitle"),
        "year": str(parts[0]) if parts else "",
        "date": "/".join(f"{p:02d}" if i else str(p) for i, p in enumerate(date_list(entry))),
        "urls": [text("url")] if text("url") else [],
        "language": text("language"),
        "notes": [f"Version {text('version')}"] if text("version") else [],
    }
    return rispy.dumps([{k: v for k, v in record.items() if v}], implementation=PlainRisWriter)


def export_texts(entry: Entry) -> dict[str, str]:
    """File suffix -> the entry in that format: the downloads and the web page's tabs."""
    return {"bib": to_bibtex(entry), "ris": to_ris(entry),
            "json": json.dumps([to_csl(entry)], ensure_ascii=False, indent=2) + "\n"}


def write_exports(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.name not in ("html", "dirhtml"):
        return
    folder = Path(app.outdir) / EXPORT_DIR
    folder.mkdir(parents=True, exist_ok=True)
    for entry in all_entries(app):
        name = export_name(entry)
        for suffix, text in export_texts(entry).items():
            (folder / f"{name}.{suffix}").write_text(text, encoding="utf-8")


def setup(app: Sphinx) -> None:
    app.connect("build-finished", write_exports)
