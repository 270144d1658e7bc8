"""Downloadable citations: BibTeX, RIS and CSL-JSON for the edition and each document.

An HTML build (``html``, ``dirhtml``) writes, into its ``cite/`` folder, one
file per format for the edition as a whole and for each edited document, made
from the same entries as the "How to cite" forms (:mod:`edition.citation.cite_this`):
BibTeX through bibtexparser's writer (with an escaping of our own, see
:func:`bibtex_escape`), RIS through rispy, CSL-JSON as the schema says. The
web page's tab of each format shows the very text of its file
(:func:`export_texts`). Beside them, ``bibliography.json``: the works the
edition cites (``bib/``) as CSL-JSON for a reference manager. A name written
family name first (``name-order``) keeps its native order in every format
(:func:`native_order`).
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
from .roles import bib_entries

#: folder of the HTML output that holds the downloadable files
EXPORT_DIR = "cite"
#: (format label, file suffix)
FORMATS = (("BibTeX", "bib"), ("RIS", "ris"), ("CSL-JSON", "json"))
#: internal fields of bib/ that no export carries
INTERNAL_FIELDS = {"name-order", "witness", "source"}


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


def native_order(person: Person, entry: Entry) -> str | None:
    """``Zhou Enlai``: a name written family name first (``name-order``) as
    one unit, or a name bib/ does not split; None for other names."""
    family, given = name_parts(person, entry)
    if not given or chicago.family_first(entry):
        return f"{family} {given}".strip()
    return None


def bibtex_name(person: Person, entry: Entry) -> str:
    # In braces a name is one unit that BibTeX, biblatex and reference managers
    # print as written, in its native order: "{Zhou Enlai}", never "Enlai Zhou".
    whole = native_order(person, entry)
    if whole is not None:
        return "{" + bibtex_escape(whole) + "}"
    family, given = name_parts(person, entry)
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


def csl_name(person: Person, entry: Entry) -> dict[str, Any]:
    family, given = name_parts(person, entry)
    if not given:
        return {"literal": family}
    name: dict[str, Any] = {"family": family, "given": given}
    if chicago.family_first(entry):
        # CSL's flag for a name written family name first, never inverted
        name["static-ordering"] = True
    return name


def ris_name(person: Person, entry: Entry) -> str:
    # RIS writes "Family, Given"; a name in native order is written without a
    # comma, which Zotero and EndNote keep as one unit ("Zhou Enlai").
    whole = native_order(person, entry)
    if whole is not None:
        return whole
    family, given = name_parts(person, entry)
    return f"{family}, {given}"


def date_list(entry: Entry) -> list[int]:
    parts = chicago.date_parts(entry)
    return [p for p in parts if p] if parts else []


#: bib/ entry type -> CSL type; a document of an archive or an edition is a
#: CSL "document", whose Chicago form gives its full date (a "chapter" would
#: give the year only)
CSL_TYPES = {"book": "book", "article": "article-newspaper", "misc": "document"}


def csl_title(entry: Entry) -> str:
    """The title as the Chicago forms give it; a work known only by an English
    rendering of its title: that rendering, in brackets."""
    if not entry.fields.get("title") and entry.fields.get("title-translation"):
        return chicago.translation_piece(entry, "title-translation").render_as("text")
    return chicago.plain(entry, "title")


def to_csl(entry: Entry) -> dict[str, Any]:
    text = lambda name: chicago.plain(entry, name)  # noqa: E731
    number = text("number")
    item: dict[str, Any] = {
        "id": entry.key,
        "type": CSL_TYPES.get(entry.type, "document"),
        "title": csl_title(entry),
        "title-short": text("shorttitle"),
        "container-title": text("journal"),
        "author": [csl_name(p, entry) for p in chicago.persons(entry, "author")],
        "translator": [csl_name(p, entry) for p in chicago.persons(entry, "translator")],
        "editor": [csl_name(p, entry) for p in chicago.persons(entry, "editor")],
        "issued": {"date-parts": [date_list(entry)]},
        "version": text("version"),
        "publisher": text("publisher"),
        "publisher-place": text("address"),
        "archive": text("organization"),
        "archive_location": f"record {number}" if number else "",
        "URL": text("url"),
        "language": text("language"),
    }
    if text("booktitle"):
        item["container-title"] = text("booktitle")
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
        # editors: A3 of a book, A2 of a chapter (as Zotero and EndNote read them)
        ("tertiary_authors" if entry.type == "book" else "secondary_authors"):
            [ris_name(p, entry) for p in chicago.persons(entry, "editor")],
        "publisher": text("publisher"),
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
    # the works the edition cites, for a reference manager
    works = [to_csl(entry) for _, entry in sorted(bib_entries(app.env).items())]
    if works:
        (folder / "bibliography.json").write_text(
            json.dumps(works, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def setup(app: Sphinx) -> None:
    app.connect("build-finished", write_exports)
