"""TEI: the ``teiHeader`` of an edited document, from its metadata and ``bib/``.

The title statement names the author, the translators the record names and
this edition's editors (as ``conf.py`` names them, :mod:`edition.citation.responsibility`),
each hand with a ``respStmt`` that the text's ``resp`` pointers name; the
record's notes and bracketed words carry none, since the record does not say
who wrote them. The source description holds the archive's record and the
source the record cites (from their ``bib/`` entries); the encoding description
summarises the note on the text; the profile gives the date, the languages,
the archive's summary and the correspondence (sender, recipients).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from docutils import nodes
from lxml import etree

from ...citation import responsibility
from ...citation.chicago import latex_text
from ...model.metadata import DocumentMeta, format_date
from .mapping import EDITION, TRANSLATORS, RegisterEntry, append_text, ncname, sub


@dataclass
class Context:
    """What the writer needs besides the doctree."""

    docname: str
    meta: DocumentMeta
    project: str
    version: str
    original_lang: str
    original_name: str
    #: pybtex entries by key (empty when sphinxcontrib-bibtex is not loaded)
    bib: dict[str, Any] = field(default_factory=dict)
    #: the note on the text (a doctree), summarised in editorialDecl
    note_on_text: nodes.document | None = None
    #: link from the TEI file to the note on the text
    note_on_text_uri: str = ""
    #: anchor of a citation on the bibliography page -> its bib/ key
    citation_keys: dict[str, str] = field(default_factory=dict)
    #: the edition's editors (conf.py edition_editors); empty: none is named
    editors: tuple[str, ...] = ()
    #: entity (kind, key) -> what the registers know of it (None: not in them)
    register: Callable[[str, str], RegisterEntry | None] | None = None
    #: the transcription domain (provenance, pages of units), None without it
    transcription: Any = None


class HeaderWriter:
    """The ``teiHeader`` part of :class:`~edition.outputs.tei.writer.TeiWriter`."""

    context: Context

    def header(self, root: etree._Element) -> etree._Element:
        meta, ctx = self.context.meta, self.context
        header = sub(root, "teiHeader")
        file_desc = sub(header, "fileDesc")
        title_stmt = sub(file_desc, "titleStmt")
        sub(title_stmt, "title", (meta.title or ctx.docname), type="main")
        if meta.short_title:
            sub(title_stmt, "title", meta.short_title, type="short")
        if meta.author:
            sub(title_stmt, "author", meta.author)
        if meta.translators:
            resp = sub(title_stmt, "respStmt", xml_id=TRANSLATORS)
            language = meta.original_language
            sub(resp, "resp", "Translation into English" +
                (f" from the {language}" if language else ""))
            for name in meta.translators:
                sub(resp, "persName", name)
        resp = sub(title_stmt, "respStmt", xml_id=EDITION)
        sub(resp, "resp", "Digital edition: text established from the archive's "
            "capture, editorial marks, commentary and encoding")
        # the editors conf.py names, never an invented person; while none is
        # named, the name says so (citation/responsibility.py)
        for name in ctx.editors or (responsibility.VALUES["edition_editors"][1],):
            sub(resp, "name", name)

        edition_stmt = sub(file_desc, "editionStmt")
        sub(edition_stmt, "edition", f"Digital edition, version {ctx.version}"
            if ctx.version else "Digital edition", n=ctx.version)

        publication = sub(file_desc, "publicationStmt")
        sub(publication, "p", f"Exported from the digital edition {ctx.project}"
            + (f", version {ctx.version}" if ctx.version else "")
            + ", by its build.")

        source_desc = sub(file_desc, "sourceDesc")
        self.archive_bibl(source_desc)
        self.book_bibl(source_desc)

        encoding = sub(header, "encodingDesc")
        self.editorial_decl(encoding)

        profile = sub(header, "profileDesc")
        bib_key = self.bib_id(meta)
        if meta.date:
            creation = sub(profile, "creation")
            sub(creation, "date", format_date(meta.date), when=meta.date)
        langs = sub(profile, "langUsage")
        sub(langs, "language", "English (the translation)", ident="en")
        sub(langs, "language", f"{ctx.original_name} (the original)",
            ident=ctx.original_lang)
        if meta.summary:
            # the archive record's summary
            abstract = sub(profile, "abstract", source=f"#{bib_key}" if bib_key else None)
            sub(abstract, "p", meta.summary)
        if meta.author or meta.recipients:
            corresp = sub(profile, "correspDesc")
            sent = sub(corresp, "correspAction", type="sent")
            if meta.author:
                sub(sent, "name", meta.author)
            if meta.date:
                sub(sent, "date", format_date(meta.date), when=meta.date)
            if meta.recipients:
                received = sub(corresp, "correspAction", type="received")
                for name in meta.recipients:
                    sub(received, "name", name)
        if ctx.transcription is not None:
            # who transcribed and checked each unit: respStmt, revisionDesc
            from ...transcription.provenance import tei_header

            tei_header(header, ctx.docname, ctx.transcription, sub, meta)
        return header

    def archive_bibl(self, parent: etree._Element) -> None:
        meta = self.context.meta
        bibl = sub(parent, "bibl", type="witness", xml_id=self.bib_id(meta))
        sub(bibl, "title", (meta.title or self.context.docname))
        if meta.author:
            sub(bibl, "author", meta.author)
        if meta.date:
            sub(bibl, "date", format_date(meta.date), when=meta.date)
        if meta.translators:
            resp = sub(bibl, "respStmt")
            sub(resp, "resp", "translated by")
            for name in meta.translators:
                sub(resp, "persName", name)
        if meta.archive:
            sub(bibl, "publisher", meta.archive)
        if meta.record:
            sub(bibl, "idno", meta.record, type="record")
        if meta.url:
            sub(bibl, "ref", meta.url, target=meta.url)
        if meta.credits:
            sub(bibl, "note", meta.credits, type="credits")

    def bib_id(self, meta: DocumentMeta) -> str | None:
        """The bib/ key of the archive record, when bib/ has one for it."""
        for key, entry in self.context.bib.items():
            if meta.record and entry.fields.get("number") == meta.record:
                return ncname(key)
        return None

    def book_bibl(self, parent: etree._Element) -> None:
        """The source the record cites (metadata ``source``), from its bib/ entry."""
        meta = self.context.meta
        key = meta.source
        entry = self.context.bib.get(key)
        if entry is None:
            if key:
                bibl = sub(parent, "bibl", type="source")
                sub(bibl, "title", key)  # bib/ has no entry for it (the citation reports that)
                if meta.pages:
                    self.pages(bibl, meta.pages)
            return
        bibl = self.bibl_from_entry(parent, key, entry, "source")
        if meta.pages:
            self.pages(bibl, meta.pages)

    def bibl_from_entry(self, parent: etree._Element, key: str, entry: Any,
                        kind: str | None = None) -> etree._Element:
        """A ``bibl`` from a pybtex entry of bib/, names and titles in their scripts."""
        fields = entry.fields
        # "-original" fields are in the script of the entry's language; we can
        # tag it only when that is the edition's original language
        original = self.context.original_lang if fields.get("language", "").lower() \
            == self.context.original_name.lower() else None
        latin = latin_lang(fields) if original else None
        bibl = sub(parent, "bibl", type=kind, xml_id=ncname(key))
        authors = entry.persons.get("author", [])
        originals = [s.strip() for s in fields.get("author-original", "").split(" and ")
                     if s.strip()]
        for index, person in enumerate(authors):
            author = sub(bibl, "author")
            last = plain(" ".join(person.last_names))
            first = plain(" ".join(person.first_names + person.middle_names))
            if last and first:
                name = sub(author, "persName", xml_lang=latin)
                sub(name, "surname", last)
                append_text(name, " ")
                sub(name, "forename", first)
            else:
                # one name only: a body ("{Soviet Government}") or a single name;
                # nothing says which, so it is a plain name
                sub(author, "name", last or first or plain(str(person)), xml_lang=latin)
            if index < len(originals):
                sub(author, "persName", originals[index], xml_lang=original)
        for field_name, tag, attrs in (
            ("title", "title", {"xml_lang": latin}),
            ("title-original", "title", {"xml_lang": original}),
            ("title-translation", "title", {"type": "translated", "xml_lang": "en"}),
            ("journal", "title", {"level": "j"}),
            ("howpublished", "publisher", {}),
            ("address", "pubPlace", {}),
            ("publisher", "publisher", {"xml_lang": latin}),
            ("publisher-original", "publisher", {"xml_lang": original}),
        ):
            if fields.get(field_name):
                sub(bibl, tag, plain(fields[field_name]), **attrs)
        date = fields.get("date", "") or fields.get("year", "")
        if date:
            sub(bibl, "date", plain(date),
                when=date if re.fullmatch(r"\d{4}(-\d\d(-\d\d)?)?", date) else None)
        if fields.get("number"):
            sub(bibl, "idno", plain(fields["number"]))
        if fields.get("url"):
            sub(bibl, "ref", fields["url"], target=fields["url"])
        return bibl

    @staticmethod
    def pages(bibl: etree._Element, pages: str) -> None:
        match = re.fullmatch(r"\s*(\d+)\s*[-\u2013]+\s*(\d+)\s*", pages)
        if match:
            sub(bibl, "biblScope", pages, unit="page", **{"from": match.group(1),
                                                          "to": match.group(2)})
        else:
            sub(bibl, "biblScope", pages, unit="page")

    def editorial_decl(self, encoding: etree._Element) -> None:
        """The note on the text, item by item: its lists are its summary."""
        note = self.context.note_on_text
        decl = sub(encoding, "editorialDecl")
        if note is not None:
            for item in note.findall(nodes.list_item):
                para = sub(decl, "p")
                for child in item.children:
                    self.inline(child, para)
                normalise_space(para)
        if self.context.note_on_text_uri:
            sub(decl, "p", "The note on the text in full: ")
            sub(decl[-1], "ref", self.context.note_on_text_uri,
                target=self.context.note_on_text_uri)
        if not len(decl):
            sub(decl, "p", "Nothing of the text is lost or silently changed: the "
                "words in square brackets in the record and the notes as given in "
                "the record (the record does not name their author) point to the "
                "record as their source; this edition's commentary and marks carry "
                "its resp.")


def plain(value: str) -> str:
    """A bib/ field as text: pybtex undoes its LaTeX (braces, accents), read
    as the citations read it (``citation.chicago.latex_text``, whose parse is
    cached by value: every document's header reads the same bib/ entries)."""
    return latex_text(value).render_as("text")


def latin_lang(fields: Any) -> str | None:
    """Language tag of a romanised field of a Chinese bib entry (pinyin)."""
    return "zh-Latn-pinyin" if fields.get("language", "").lower() == "chinese" else None


def normalise_space(element: etree._Element) -> None:
    """Collapse runs of whitespace in a header paragraph (source line breaks)."""
    for el in element.iter():
        if el.text:
            el.text = re.sub(r"\s+", " ", el.text)
        if el.tail and el is not element:
            el.tail = re.sub(r"\s+", " ", el.tail)
    if element.text:
        element.text = element.text.lstrip()
