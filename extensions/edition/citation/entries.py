"""The edition and its documents as bibliography entries, made from their metadata.

Nothing here is typed twice. A document's facts come from its front matter
(:mod:`edition.model.metadata`), the structure of names (family name, given
name) from the entries of ``bib/`` that name the same persons, the edition's
title and version from ``conf.py`` (``html_title``, ``edition_version``), its
editors and publisher from the edition's statement of responsibility
(:mod:`edition.citation.responsibility`), its address from ``html_baseurl``.
The entries are pybtex entries, so that the one Chicago formatter
(:mod:`edition.citation.chicago`) writes them as it writes ``bib/``: on the
"How to cite" page and block, on each paragraph's number (the note form of
one paragraph, ``..., ¶ 7, <address>#p7``), in the downloadable files, in the
page's ``<head>`` and on the PDF's title page. Every form is dated, so none
asks for a date of access (CMOS 14.49).
"""

from __future__ import annotations

from typing import Any

from pybtex.database import Entry, Person
from pybtex.richtext import Text
from sphinx.application import Sphinx
from sphinx.util.i18n import format_date as sphinx_date

from ..model.domain import get_domain
from ..model.metadata import DocumentMeta
from . import chicago, responsibility
from .roles import bib_entries


def known_persons(env: Any) -> dict[str, tuple[Person, bool]]:
    """Names as ``bib/`` writes them -> (Person, family-first)."""
    found: dict[str, tuple[Person, bool]] = {}
    for entry in bib_entries(env).values():
        east_asian = chicago.family_first(entry)
        for role in ("author", "editor", "translator"):
            for person in chicago.persons(entry, role):
                name = chicago.person_name(person, east_asian=east_asian)
                found.setdefault(name, (person, east_asian))
    return found


def person_for(name: str, known: dict[str, tuple[Person, bool]]) -> tuple[Person, bool]:
    """The Person ``bib/`` knows by this name, else the name as one literal part."""
    if name in known:
        return known[name]
    person = Person()
    person.last_names = [name]  # never split a name bib/ does not define
    return person, False


def page_url(app: Sphinx, docname: str) -> str:
    base = app.config.html_baseurl
    if not base:
        return ""
    target = app.builder.get_target_uri(docname) if hasattr(app.builder, "get_target_uri") \
        else f"{docname}.html"
    if target in ("", "index.html") and docname == app.config.root_doc:
        target = ""
    return base.rstrip("/") + "/" + target


def build_date(app: Sphinx) -> str:
    """The date of this build, YYYY-MM-DD (honours SOURCE_DATE_EPOCH)."""
    return sphinx_date("%Y-%m-%d", language="en")


def edition_version(app: Sphinx) -> str:
    return app.config.edition_version or app.config.version or ""


def edition_title(app: Sphinx) -> str:
    """The edition's title in citations: ``html_title`` (the title page's),
    not ``project``, which names the author too ("Zhou Enlai, Zhou Enlai, ...")."""
    return app.config.html_title or app.config.project


def editor_persons(app: Sphinx) -> list[Person]:
    """The edition's editors (``edition_editors``), each name as one part."""
    people = []
    for name in responsibility.editors(app.config):
        person = Person()
        person.last_names = [name]  # never split a name conf.py does not split
        people.append(person)
    return people


def new_entry(kind: str, fields: dict[str, str], people: dict[str, list[Person]],
              family_first: bool) -> Entry:
    clean = {k: v for k, v in fields.items() if v}
    if family_first:
        clean["name-order"] = "family-first"
    entry = Entry(kind, fields=clean, persons={k: v for k, v in people.items() if v})
    entry.plain_text = True  # type: ignore[attr-defined]  # metadata is plain text, not LaTeX
    return entry


def document_persons(app: Sphinx, meta: DocumentMeta
                     ) -> tuple[Person | None, bool, list[tuple[Person, bool]]]:
    """The document's author and translators as pybtex persons (each with
    whether the name is written family name first), as both entries name them."""
    known = known_persons(app.env)
    author, east = person_for(meta.author, known) if meta.author else (None, False)
    return author, east, [person_for(n, known) for n in meta.translators]


def document_entry(app: Sphinx, docname: str) -> Entry | None:
    """The document as published in this edition, as a pybtex entry."""
    meta = get_domain(app.env).documents.get(docname)
    if not meta:
        return None
    author, east, translators = document_persons(app, meta)
    entry = new_entry("misc", {
        "title": meta.title,
        "shorttitle": meta.short_title,
        "date": meta.date,
        "year": meta.date[:4],
        "booktitle": edition_title(app),
        "version": edition_version(app),
        "publisher": app.config.edition_publisher,
        "url": page_url(app, docname),
        "language": app.config.language or "en",
        "origlanguage": meta.original_language,
    }, {"author": [author] if author else [], "translator": [p for p, _ in translators],
        "editor": editor_persons(app)},
        east or any(e for _, e in translators))
    entry.key = f"edition-{docname.replace('/', '-')}"
    return entry


def record_entry(app: Sphinx, docname: str) -> Entry | None:
    """The archive's record of the document (the translation as the archive
    publishes it), as a pybtex entry: title, date, author, translators, the
    archive, the record's number and address. None without metadata."""
    meta = get_domain(app.env).documents.get(docname)
    if not meta:
        return None
    author, east, translators = document_persons(app, meta)
    entry = new_entry("misc", {
        "title": meta.title,
        "shorttitle": meta.short_title,
        "date": meta.date,
        "organization": meta.archive,
        "number": meta.record,
        "url": meta.url,
    }, {"author": [author] if author else [], "translator": [p for p, _ in translators]},
        east or any(e for _, e in translators))
    entry.key = f"record-{docname.replace('/', '-')}"
    return entry


def edition_entry(app: Sphinx) -> Entry:
    """The edition as a whole: its documents' authors and translators, title, version."""
    known = known_persons(app.env)
    authors: dict[str, tuple[Person, bool]] = {}
    translators: dict[str, tuple[Person, bool]] = {}
    # in document order, not in the order parallel readers merged them
    for _, meta in sorted(get_domain(app.env).documents.items()):
        if meta.author:
            authors.setdefault(meta.author, person_for(meta.author, known))
        for name in meta.translators:
            translators.setdefault(name, person_for(name, known))
    date = build_date(app)
    entry = new_entry("book", {
        "title": edition_title(app),
        "date": date,
        "year": date[:4],
        "version": edition_version(app),
        "publisher": app.config.edition_publisher,
        "url": page_url(app, app.config.root_doc),
        "language": app.config.language or "en",
    }, {"author": [p for p, _ in authors.values()],
        "translator": [p for p, _ in translators.values()],
        "editor": editor_persons(app)},
        any(e for _, e in list(authors.values()) + list(translators.values())))
    entry.key = "edition"
    return entry


def forms(entry: Entry) -> tuple[Text, Text]:
    """(note, bibliography): dated forms, so no date of access (CMOS 14.49)."""
    return Text(chicago.note(entry), "."), chicago.bibliography(entry)


def paragraph_entry(entry: Entry, unit: str) -> Entry:
    """The document's entry, its address pointing to one paragraph (``#p7``)."""
    fields = dict(entry.fields)
    if fields.get("url"):
        fields["url"] = f"{fields['url']}#{unit}"
    copy = Entry(entry.type, fields=fields, persons=entry.persons)
    copy.plain_text = getattr(entry, "plain_text", False)  # type: ignore[attr-defined]
    copy.key = entry.key
    return copy


def paragraph_form(entry: Entry, unit: str) -> Text:
    """The note form of one paragraph: ``Zhou Enlai, "...," ..., ¶ 7, <url>#p7.``"""
    number = unit.lstrip("p")
    return Text(chicago.note(paragraph_entry(entry, unit), f"¶ {number}"), ".")


def paragraph_note(app: Sphinx, docname: str, unit: str) -> str:
    """:func:`paragraph_form` of a document's paragraph, as text."""
    entry = document_entry(app, docname)
    if entry is None:
        return ""
    return paragraph_form(entry, unit).render_as("text")


def export_name(entry: Entry) -> str:
    return "edition" if entry.key == "edition" else entry.key.removeprefix("edition-")


def all_entries(app: Sphinx) -> list[Entry]:
    documents = sorted(get_domain(app.env).documents)
    entries = [edition_entry(app)]
    entries += [e for e in (document_entry(app, d) for d in documents) if e is not None]
    return entries
