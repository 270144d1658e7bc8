"""What an edited document's web page says about it to reference managers.

The ``<head>`` of each edited document's page carries its metadata three
ways, all from its front matter, ``bib/`` and ``conf.py``:

* Highwire Press ``citation_*`` tags (Zotero, Google Scholar);
* Dublin Core ``DC.*`` tags;
* schema.org JSON-LD: the document, the archive record and the book it is
  translated from (``isBasedOn``), and the edition it is part of.

This module says what the metadata is; :mod:`edition.outputs.html` writes
it into the page (it owns the page's head), for the web pages only: EPUB's
XHTML is read by e-readers, not reference managers.
"""

from __future__ import annotations

import re
from typing import Any

from pybtex.database import Entry, Person
from sphinx.application import Sphinx

from ..model.domain import get_domain
from . import chicago
from .entries import document_entry, edition_version, page_url
from .exports import name_parts
from .roles import bib_entries


def highwire_name(person: Person, entry: Entry) -> str:
    """``citation_author``: "Family, Given" (Google Scholar's form), which at
    least marks the family name; Highwire has no way to say the order."""
    family, given = name_parts(person, entry)
    return f"{family}, {given}" if given else family


def agent(name: str) -> dict[str, str]:
    # The metadata lists recipients by name only; "the Central Leadership" is
    # a body, not a person: a name written with an article is an organisation.
    kind = "Organization" if re.match(r"(?i)the\s", name) else "Person"
    return {"@type": kind, "name": name}


def book_ld(entry: Entry, pages: str) -> dict[str, Any]:
    text = lambda name: chicago.plain(entry, name)  # noqa: E731
    east = chicago.family_first(entry)
    authors = []
    for person in chicago.persons(entry, "author"):
        item = {"@type": "Person", "name": chicago.person_name(person, east_asian=east)}
        if text("author-original"):
            item["alternateName"] = text("author-original")
        authors.append(item)
    book: dict[str, Any] = {
        "@type": "Book", "name": text("title"),
        "alternateName": [v for v in (text("title-original"), text("title-translation")) if v],
        "author": authors, "inLanguage": text("language"),
        "datePublished": text("year") or text("date"),
        "citation": chicago.note(entry, pages).render_as("text"),
    }
    if text("publisher"):
        book["publisher"] = {"@type": "Organization", "name": text("publisher")}
        if text("publisher-original"):
            book["publisher"]["alternateName"] = text("publisher-original")
    if pages:
        book["pagination"] = pages
    return {k: v for k, v in book.items() if v}


def document_metadata(app: Sphinx, pagename: str
                      ) -> tuple[list[tuple[str, str]], dict[str, Any]] | None:
    """(meta tags, JSON-LD) of an edited document's page; None for any other page."""
    meta = get_domain(app.env).documents.get(pagename)
    if not meta:
        return None
    entry = document_entry(app, pagename)
    source = bib_entries(app.env).get(meta.source)
    pages = meta.pages
    url = page_url(app, pagename)
    language = app.config.language or "en"
    date = meta.date
    tags: list[tuple[str, str]] = [("citation_title", meta.title)]
    if entry is not None:
        tags += [("citation_author", highwire_name(p, entry))
                 for p in chicago.persons(entry, "author")]
    tags += [("citation_date", date.replace("-", "/")),
             ("citation_publication_date", date.replace("-", "/")),
             ("citation_language", language)]
    if app.config.edition_publisher:
        tags.append(("citation_publisher", app.config.edition_publisher))
    if url:
        tags.append(("citation_public_url", url))
    if app.config.edition_pdf_url:
        tags.append(("citation_pdf_url", app.config.edition_pdf_url))
    dc: list[tuple[str, str]] = [("DC.title", meta.title),
                                 ("DC.creator", meta.author)]
    dc += [("DC.contributor", name) for name in meta.translators]
    dc += [("DC.date", date), ("DC.language", language), ("DC.type", "Text"),
           ("DC.description", meta.summary)]
    if source is not None:
        dc.append(("DC.source", chicago.note(source, pages).render_as("text")))
    if meta.url:
        dc.append(("DC.relation", meta.url))
    if url:
        dc.append(("DC.identifier", url))
    if app.config.edition_publisher:
        dc.append(("DC.publisher", app.config.edition_publisher))

    based_on: list[dict[str, Any]] = []
    if meta.url or meta.record:
        record = {"@type": "ArchiveComponent", "name": meta.title,
                  "identifier": meta.record, "url": meta.url}
        if meta.archive:
            record["holdingArchive"] = {"@type": "ArchiveOrganization", "name": meta.archive}
        based_on.append({k: v for k, v in record.items() if v})
    if source is not None:
        based_on.append(book_ld(source, pages))
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "name": meta.title,
        "alternativeHeadline": meta.short_title,
        "author": agent(meta.author) if meta.author else None,
        "recipient": [agent(n) for n in meta.recipients],
        "dateCreated": date,
        "inLanguage": language,
        "translator": [agent(n) for n in meta.translators],
        "abstract": meta.summary,
        "isBasedOn": based_on,
        "isPartOf": {"@type": "CreativeWork", "name": app.config.project,
                     "version": edition_version(app)},
        "url": url,
    }
    if meta.original_language:
        data["translationOfWork"] = {"@type": "CreativeWork",
                                     "inLanguage": meta.original_language}
    data = {k: v for k, v in data.items() if v}
    return [(n, v) for n, v in tags + dc if v], data


