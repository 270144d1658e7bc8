"""TEI P5 and data exports: the edition as interchange data.

``make tei`` (the ``tei`` builder) writes, for every edited document (one
whose front matter holds ``document`` metadata), into ``_build/tei/``:

* ``<docname>.xml``: a TEI P5 file. The header comes from the document's
  metadata, ``bib/`` (through sphinxcontrib-bibtex's pybtex data) and the
  note on the text; the text has one ``div`` per language, one ``p`` per unit
  and side, linked both ways by ``corresp``;
* ``<docname>.json`` and ``<docname>.txt``: the aligned units, one record per
  paragraph number (English text, original text or null, notes, commentary),
  for corpus and alignment tools.

An HTML build writes the same three files into ``_exports/`` of its output
and links them from the document page, in a block of class ``editorial``.

How each node becomes TEI is one table, :data:`TEI_MAPPING`, from node class
to element; the technical page ``technical/tei`` shows it to editors. A node
class that is not in the table (nor any of its bases) is written as its text,
so a new kind of markup never loses a word; the build lists such classes once
(at the info level) so that someone can map them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from copy import deepcopy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docutils import nodes
from lxml import etree
from pybtex.richtext import Text
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.util import logging
from sphinx.util.osutil import ensuredir, relative_uri

from .commentary import commentary, commentary_ref, mark
from . import responsibility
from .diagnostics import Kind, warn
from .domain import get_domain
from .entities import mention
from .interpolation import interpolation
from .metadata import document_header, format_date
from .parallel import side, unit

logger = logging.getLogger(__name__)

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_ID = f"{{{XML_NS}}}id"
XML_LANG = f"{{{XML_NS}}}lang"

#: ``resp`` pointers: the translators the record names, and this edition. The
#: record's notes and its words in square brackets carry no ``resp``: the
#: record does not say who wrote them; they are ``type="record"`` notes and
#: ``supplied`` elements whose ``source`` is the record's ``bibl``.
TRANSLATORS = "translators"
EDITION = "edition"
#: the record's notes
RECORD_NOTE = "record"

#: the slot's status when nothing is transcribed, as the ``gap``'s reason
NOT_TRANSCRIBED = "not-transcribed"

#: entity kind -> (TEI name element, list, entry, entry's name element); the
#: kinds are the mention roles' (``org``) and the registers' (``organisation``)
ENTITY_ELEMENTS = {
    "person": ("persName", "listPerson", "person", "persName"),
    "place": ("placeName", "listPlace", "place", "placeName"),
    "org": ("orgName", "listOrg", "org", "orgName"),
    "organisation": ("orgName", "listOrg", "org", "orgName"),
    "publication": ("title", "listBibl", "bibl", "title"),
}


@dataclass(frozen=True)
class RegisterEntry:
    """What the registers know of an entity, for its list entry."""

    #: (type, language tag, name): the standard form, spellings, original scripts
    names: tuple[tuple[str | None, str | None, str], ...]
    #: the register's identification of the entity ("" when none)
    note: str = ""


#: where an HTML build puts the exports (a folder Sphinx itself never uses)
HTML_EXPORTS = "_exports"

NCNAME = re.compile(r"[A-Za-z_][\w.\-]*")


def tei(tag: str) -> str:
    return f"{{{TEI_NS}}}{tag}"


def sub(parent: etree._Element, tag: str, text: str | None = None,
        **attrs: str) -> etree._Element:
    """A TEI child element; attributes named ``xml_id``/``xml_lang`` go to xml:."""
    element = etree.SubElement(parent, tei(tag))
    for name, value in attrs.items():
        if value is None or value == "":
            continue
        if name == "xml_id":
            element.set(XML_ID, value)
        elif name == "xml_lang":
            element.set(XML_LANG, value)
        else:
            element.set(name, value)
    if text:
        element.text = text
    return element


def append_text(parent: etree._Element, text: str) -> None:
    """Add text at the end of *parent* (after its last child, if any)."""
    if not text:
        return
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def ncname(value: str) -> str | None:
    """*value* if it can be an xml:id, else None (the element goes without one)."""
    return value if NCNAME.fullmatch(value or "") else None


def qualified_name(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


# --- The mapping: node class -> TEI ------------------------------------------

#: One entry per node class: either ``(element, attributes)`` for a node that
#: maps one to one (its children go inside), or the name of a method of
#: :class:`TeiWriter` for a node that needs more (notes are written where they
#: are referenced, marks take their commentary's data, ...). Subclasses use
#: their base's entry. To map a new node, add a line here.
TEI_MAPPING: dict[type[nodes.Node], tuple[str, dict[str, str]] | str] = {
    # the edition's own nodes
    interpolation: "write_interpolation",   # [<supplied source="#record">...</supplied>]
    mark: "write_mark",                     # choice/sic/corr, metamark+gap, seg (rejoin)
    mention: "write_mention",               # persName / placeName / orgName ref="#..."
    nodes.footnote_reference: "write_note",  # <note n="1" type="record">
    commentary_ref: "write_commentary",     # <note type="editorial" resp="#edition">
    # standard docutils and Sphinx inline nodes
    nodes.emphasis: ("hi", {"rend": "italic"}),
    nodes.strong: ("hi", {"rend": "bold"}),
    nodes.literal: ("code", {}),
    nodes.title_reference: ("title", {}),
    nodes.subscript: ("hi", {"rend": "subscript"}),
    nodes.superscript: ("hi", {"rend": "superscript"}),
    nodes.reference: "write_reference",     # <ref target="...">
    addnodes.pending_xref: "write_pending_xref",  # a citation of bib/ -> <ptr target="#key"/>
    nodes.paragraph: "write_inline_paragraph",  # a paragraph met inside running text
    nodes.inline: "inline_children",        # a span with classes only: its words
}

#: Nodes that carry no words of the text here: written elsewhere (notes and
#: commentary at their references, the header from the metadata) or invisible.
SKIP: tuple[type[nodes.Node], ...] = (
    nodes.footnote, commentary, nodes.label, nodes.Invisible, nodes.system_message,
    nodes.raw, nodes.comment, nodes.transition,
)


#: blocks that hold words when they stand outside any unit (reported while reading)
STRAY = (nodes.paragraph, nodes.block_quote, nodes.bullet_list, nodes.enumerated_list,
         nodes.line_block, nodes.table, nodes.definition_list)


def mapping_for(node: nodes.Node) -> tuple[str, dict[str, str]] | str | None:
    for cls in type(node).__mro__:
        if cls in TEI_MAPPING:
            return TEI_MAPPING[cls]
    return None


# --- The writer ----------------------------------------------------------------

@dataclass
class Context:
    """What the writer needs besides the doctree."""

    docname: str
    meta: dict[str, Any]
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


class TeiWriter:
    """Turn one edited document's doctree into a TEI P5 tree."""

    def __init__(self, doctree: nodes.document, context: Context) -> None:
        self.doctree = doctree
        self.context = context
        self.footnotes = {n["ids"][0]: n for n in doctree.findall(nodes.footnote) if n["ids"]}
        self.commentaries = {n["ids"][0]: n for n in doctree.findall(commentary) if n["ids"]}
        self.by_target = {n["target"]: n for n in self.commentaries.values() if n["target"]}
        self.written: set[str] = set()
        #: the document's title: the teiHeader's, not a heading of the text
        self.title = next(iter(doctree.findall(nodes.title)), None)
        #: (kind, key) -> spellings met in the text, in order
        self.entities: dict[tuple[str, str], list[str]] = {}
        #: bib/ keys cited in the text, in order (listBibl in standOff)
        self.cited: list[str] = []
        #: node classes written as plain text for want of a mapping
        self.unmapped: set[str] = set()

    # -- the whole file ------------------------------------------------------

    def write(self) -> etree._Element:
        root = etree.Element(tei("TEI"), nsmap={None: TEI_NS})
        root.set(XML_LANG, "en")
        header = self.header(root)
        text = sub(root, "text")
        body = sub(text, "body")
        en = sub(body, "div", type="translation", xml_lang="en", xml_id="translation")
        original = sub(body, "div", type="original", xml_lang=self.context.original_lang,
                       xml_id="original")
        for node in self.content():
            if isinstance(node, unit):
                self.write_unit(node, en, original)
            else:
                # a heading or text outside any unit (reported while reading):
                # kept, unaligned, so that no word is lost
                kind = "heading" if isinstance(node, nodes.title) else "unaligned"
                self.inline_children(node, sub(en, "ab", type=kind))
        if not len(original):
            body.remove(original)
        self.write_leftovers(text)
        self.write_lists(root, header)
        drop_duplicate_ids(root, self.context.docname)
        return root

    def content(self, node: nodes.Element | None = None) -> Iterator[nodes.Element]:
        """Units, and any text standing outside them, in document order.

        Notes and commentary are written where they are referenced; the header
        block, the coverage notice and other ``editorial`` blocks are the
        build's (the teiHeader says what they say).
        """
        title = self.title
        for child in (node if node is not None else self.doctree).children:
            if not isinstance(child, nodes.Element) or isinstance(child, SKIP) \
                    or "editorial" in child.get("classes", []) or child is title:
                continue
            if isinstance(child, (unit, nodes.title)) or isinstance(child, STRAY):
                yield child
            else:
                yield from self.content(child)

    # -- header --------------------------------------------------------------

    def header(self, root: etree._Element) -> etree._Element:
        meta, ctx = self.context.meta, self.context
        header = sub(root, "teiHeader")
        file_desc = sub(header, "fileDesc")
        title_stmt = sub(file_desc, "titleStmt")
        sub(title_stmt, "title", meta.get("title", ctx.docname), type="main")
        if meta.get("short-title"):
            sub(title_stmt, "title", meta["short-title"], type="short")
        if meta.get("author"):
            sub(title_stmt, "author", meta["author"])
        if meta.get("translators"):
            resp = sub(title_stmt, "respStmt", xml_id=TRANSLATORS)
            language = meta.get("original-language")
            sub(resp, "resp", "Translation into English" +
                (f" from the {language}" if language else ""))
            for name in meta["translators"]:
                sub(resp, "persName", name)
        resp = sub(title_stmt, "respStmt", xml_id=EDITION)
        sub(resp, "resp", "Digital edition: text established from the archive's "
            "capture, editorial marks, commentary and encoding")
        # the editors conf.py names, never an invented person; while none is
        # named, the name says so (responsibility.py)
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
        if meta.get("date"):
            creation = sub(profile, "creation")
            sub(creation, "date", format_date(meta["date"]), when=meta["date"])
        langs = sub(profile, "langUsage")
        sub(langs, "language", "English (the translation)", ident="en")
        sub(langs, "language", f"{ctx.original_name} (the original)",
            ident=ctx.original_lang)
        if meta.get("summary"):
            # the archive record's summary
            abstract = sub(profile, "abstract", source=f"#{bib_key}" if bib_key else None)
            sub(abstract, "p", meta["summary"])
        if meta.get("author") or meta.get("recipients"):
            corresp = sub(profile, "correspDesc")
            sent = sub(corresp, "correspAction", type="sent")
            if meta.get("author"):
                sub(sent, "name", meta["author"])
            if meta.get("date"):
                sub(sent, "date", format_date(meta["date"]), when=meta["date"])
            if meta.get("recipients"):
                received = sub(corresp, "correspAction", type="received")
                for name in meta["recipients"]:
                    sub(received, "name", name)
        return header

    def archive_bibl(self, parent: etree._Element) -> None:
        meta = self.context.meta
        bibl = sub(parent, "bibl", type="witness", xml_id=self.bib_id(meta))
        sub(bibl, "title", meta.get("title", self.context.docname))
        if meta.get("author"):
            sub(bibl, "author", meta["author"])
        if meta.get("date"):
            sub(bibl, "date", format_date(meta["date"]), when=meta["date"])
        if meta.get("translators"):
            resp = sub(bibl, "respStmt")
            sub(resp, "resp", "translated by")
            for name in meta["translators"]:
                sub(resp, "persName", name)
        if meta.get("archive"):
            sub(bibl, "publisher", meta["archive"])
        if meta.get("record"):
            sub(bibl, "idno", meta["record"], type="record")
        if meta.get("url"):
            sub(bibl, "ref", meta["url"], target=meta["url"])
        if meta.get("credits"):
            sub(bibl, "note", meta["credits"], type="credits")

    def bib_id(self, meta: dict[str, Any]) -> str | None:
        """The bib/ key of the archive record, when bib/ has one for it."""
        for key, entry in self.context.bib.items():
            if meta.get("record") and entry.fields.get("number") == meta["record"]:
                return ncname(key)
        return None

    def book_bibl(self, parent: etree._Element) -> None:
        """The source the record cites (metadata ``source``), from its bib/ entry."""
        meta = self.context.meta
        key = meta.get("source", "")
        entry = self.context.bib.get(key)
        if entry is None:
            if key:
                bibl = sub(parent, "bibl", type="source")
                sub(bibl, "title", key)  # bib/ has no entry for it (the citation reports that)
                if meta.get("pages"):
                    self.pages(bibl, meta["pages"])
            return
        bibl = self.bibl_from_entry(parent, key, entry, "source")
        if meta.get("pages"):
            self.pages(bibl, meta["pages"])

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

    # -- text --------------------------------------------------------------

    def write_unit(self, node: unit, en: etree._Element, original: etree._Element) -> None:
        number = ncname(node["number"]) if node["number"] else None
        n = str(node["n"]) if node["n"] else None
        orig_id = f"{number}-original" if number else None
        translation = [c for c in node.children if isinstance(c, side)
                       and c["role"] == "translation"]
        slots = [c for c in node.children if isinstance(c, side) and c["role"] == "original"]
        target = None
        # a second side of a kind (reported while reading) goes without an id
        for index, part in enumerate(translation or [None]):
            target = self.side_element(en, part, number if not index else None, n,
                                       corresp=f"#{orig_id}" if orig_id and slots else None)
        for index, slot in enumerate(slots):
            lang = slot["lang"] if slot["lang"] != self.context.original_lang else None
            element = self.side_element(original, slot, orig_id if not index else None, n,
                                        corresp=f"#{number}" if number else None,
                                        lang=lang)
            if slot.get("status") != "transcribed":
                sub(element, "gap", reason=NOT_TRANSCRIBED)
        # commentary of this unit attached to nothing (already reported): keep it
        for child in node.findall(commentary):
            if child["ids"] and child["ids"][0] not in self.written and target is not None:
                self.commentary_note(child, last_paragraph(target))

    def side_element(self, div: etree._Element, part: side | None, xml_id: str | None,
                     n: str | None, corresp: str | None, lang: str | None = None
                     ) -> etree._Element:
        """One ``p`` for a side of one paragraph, a ``div`` of ``p`` for more."""
        blocks = [c for c in part.children if not isinstance(c, SKIP)] if part else []
        if len(blocks) <= 1:
            element = sub(div, "p", xml_id=xml_id, n=n, corresp=corresp, xml_lang=lang)
            for block in blocks:
                self.inline_children(block, element)
            return element
        element = sub(div, "div", type="unit", xml_id=xml_id, n=n, corresp=corresp,
                      xml_lang=lang)
        for block in blocks:
            self.inline_children(block, sub(element, "p"))
        return element

    def write_leftovers(self, text: etree._Element) -> None:
        """Notes never referenced and commentary never placed (both reported)."""
        notes = [n for i, n in self.footnotes.items() if i not in self.written]
        comments = [c for i, c in self.commentaries.items() if i not in self.written]
        if not notes and not comments:
            return
        div = sub(sub(text, "back"), "div", type="notes", xml_lang="en")
        for note in notes:
            self.note_for(note, sub(div, "p"))
        for comment in comments:
            self.commentary_note(comment, sub(div, "p"))

    def write_lists(self, root: etree._Element, header: etree._Element) -> None:
        """standOff: an entry per entity met (listPerson, listPlace, listOrg,
        listBibl), and the works cited in the text that the header does not
        already describe (listBibl type="cited")."""
        described = set(root.xpath("//@xml:id"))
        cited = [key for key in self.cited if key not in described
                 and key in self.context.bib]
        if not self.entities and not cited:
            return
        stand_off = etree.Element(tei("standOff"))
        root.insert(root.index(header) + 1, stand_off)
        if cited:
            works = sub(stand_off, "listBibl", type="cited")
            for key in cited:
                self.bibl_from_entry(works, key, self.context.bib[key])
        lists: dict[str, etree._Element] = {}
        for kind, key in sorted(self.entities, key=lambda k: (list_order(k[0]), k[1])):
            known = ENTITY_ELEMENTS.get(kind)
            if known is None:
                # a kind the table does not know: a name with its forms
                if "listNym" not in lists:
                    lists["listNym"] = sub(stand_off, "listNym")
                listing = lists["listNym"]
                nym = sub(listing, "nym", xml_id=entity_id(kind, key), type=kind)
                for spelling in self.entities[(kind, key)]:
                    sub(nym, "form", spelling)
                continue
            _, list_tag, entry_tag, name_tag = known
            if list_tag not in lists:
                lists[list_tag] = sub(stand_off, list_tag)
            entry = sub(lists[list_tag], entry_tag, xml_id=entity_id(kind, key))
            found = self.context.register(kind, key) if self.context.register else None
            names = found.names if found is not None and found.names else tuple(
                (None, None, spelling) for spelling in self.entities[(kind, key)])
            for name_type, lang, name in names:
                sub(entry, name_tag, name, type=name_type, xml_lang=lang)
            if found is not None and found.note:
                sub(entry, "note", found.note)

    # -- running text --------------------------------------------------------

    def inline_children(self, node: nodes.Node, parent: etree._Element) -> None:
        for child in node.children:
            self.inline(child, parent)

    def inline(self, node: nodes.Node, parent: etree._Element) -> None:
        if isinstance(node, nodes.Text):
            append_text(parent, node.astext())
            return
        how = mapping_for(node)
        if how in (None, "inline_children") and not isinstance(node, SKIP) \
                and "editorial" in node.get("classes", []):
            # words the edition adds to the text flow (the class the HTML
            # fidelity test strips): ours, kept apart from the witness's
            if "citation" in node.get("classes", []):
                note = sub(parent, "note", type="citation", resp=f"#{EDITION}")
                self.inline_children(node, sub(note, "bibl"))
            else:
                self.inline_children(node, sub(parent, "note", type="addition",
                                               resp=f"#{EDITION}"))
        elif how is None:
            if isinstance(node, SKIP):
                return
            # not mapped: its words go on as text, inside whatever is mapped
            self.unmapped.add(qualified_name(type(node)))
            self.inline_children(node, parent)
        elif isinstance(how, str):
            getattr(self, how)(node, parent)
        else:
            tag, attrs = how
            self.inline_children(node, sub(parent, tag, **attrs))

    def write_inline_paragraph(self, node: nodes.paragraph, parent: etree._Element) -> None:
        if parent.text or len(parent):
            append_text(parent, " ")
        self.inline_children(node, parent)

    def write_interpolation(self, node: interpolation, parent: etree._Element) -> None:
        # The brackets are the record's own sign for supplied words: they stay
        # in the text, around the element that says where the words come from.
        # The record does not say who supplied them: no resp.
        append_text(parent, "[")
        self.inline_children(node, sub(parent, "supplied", source=self.record_source()))
        append_text(parent, "]")

    def record_source(self) -> str | None:
        """Pointer to the record's ``bibl`` (the source of its notes and
        bracketed words), when ``bib/`` describes the record."""
        key = self.bib_id(self.context.meta)
        return f"#{key}" if key else None

    def write_mark(self, node: mark, parent: etree._Element) -> None:
        label = ncname(node.get("label", ""))
        explained = self.by_target.get(node.get("label", ""))
        kind = node["kind"]
        if kind == "sic":
            corr = explained.get("corr", "") if explained is not None else ""
            if corr:
                choice = sub(parent, "choice", xml_id=label)
                self.inline_children(node, sub(choice, "sic"))
                sub(choice, "corr", corr, resp=f"#{EDITION}")
            else:
                self.inline_children(node, sub(parent, "sic", xml_id=label))
        elif kind == "omission":
            # the points are the witness's text; the gap is what they signal
            self.inline_children(node, sub(parent, "metamark", function="omission",
                                           xml_id=label))
            sub(parent, "gap", reason="omission")
        else:
            # rejoin (words split by a page break of the capture), or a new kind
            self.inline_children(node, sub(parent, "seg", type=kind, xml_id=label))

    def write_mention(self, node: mention, parent: etree._Element) -> None:
        kind, key = node["kind"], node["key"]
        spellings = self.entities.setdefault((kind, key), [])
        if node.astext() not in spellings:
            spellings.append(node.astext())
        tag = ENTITY_ELEMENTS.get(kind, ("name",))[0]
        attrs = {"ref": f"#{entity_id(kind, key)}"}
        if kind not in ENTITY_ELEMENTS:
            attrs["type"] = kind
        self.inline_children(node, sub(parent, tag, **attrs))

    def write_note(self, node: nodes.footnote_reference, parent: etree._Element) -> None:
        refid = node.get("refid", "")
        footnote = self.footnotes.get(refid)
        if footnote is None:
            self.inline_children(node, parent)  # a reference docutils could not link
        elif refid in self.written:
            sub(parent, "ptr", type="note", target=f"#{refid}")
        else:
            self.note_for(footnote, parent)

    def note_for(self, footnote: nodes.footnote, parent: etree._Element) -> None:
        self.written.add(footnote["ids"][0])
        label = next((c.astext() for c in footnote.children if isinstance(c, nodes.label)), "")
        note = sub(parent, "note", n=label, place="foot", type=RECORD_NOTE,
                   source=self.record_source(), xml_id=ncname(footnote["ids"][0]))
        self.note_body(footnote, note)

    def write_commentary(self, node: commentary_ref, parent: etree._Element) -> None:
        comment = self.commentaries.get(node.get("refid", ""))
        if comment is not None and comment["ids"][0] not in self.written:
            self.commentary_note(comment, parent)

    def commentary_note(self, comment: commentary, parent: etree._Element) -> None:
        self.written.add(comment["ids"][0])
        note = sub(parent, "note", type="editorial", n=comment["letter"],
                   resp=f"#{EDITION}", xml_id=ncname(comment["ids"][0]),
                   target=self.commentary_target(comment))
        self.note_body(comment, note)

    def commentary_target(self, comment: commentary) -> str | None:
        if comment["target"]:
            return f"#{comment['target']}" if ncname(comment["target"]) else None
        for ancestor in ancestors(comment):
            if isinstance(ancestor, unit) and ancestor["number"]:
                return f"#{ancestor['number']}"
            if isinstance(ancestor, nodes.footnote) and ancestor["ids"]:
                return f"#{ancestor['ids'][0]}"
        return None

    def note_body(self, node: nodes.Element, note: etree._Element) -> None:
        blocks = [c for c in node.children if not isinstance(c, SKIP)]
        if len(blocks) == 1 and isinstance(blocks[0], nodes.paragraph):
            self.inline_children(blocks[0], note)
        else:
            for block in blocks:
                para = sub(note, "p")
                if isinstance(block, nodes.paragraph):
                    self.inline_children(block, para)
                else:
                    self.inline(block, para)

    def write_reference(self, node: nodes.reference, parent: etree._Element) -> None:
        uri = node.get("refuri", "")
        if node.get("internal") or not uri or "://" not in uri and not uri.startswith("mailto:"):
            key = self.context.citation_keys.get(uri.rpartition("#")[2] or node.get("refid", ""))
            if key and ncname(key):
                # a citation, linked to its entry on the bibliography page: in
                # the TEI, to the entry's bibl (sourceDesc or standOff)
                if key not in self.cited:
                    self.cited.append(key)
                self.inline_children(node, sub(parent, "ref", type="citation",
                                               target=f"#{key}"))
                return
            # a link between the edition's pages (a mention to its register):
            # the TEI file stands alone, and the name's ref says the same
            self.inline_children(node, parent)
            return
        self.inline_children(node, sub(parent, "ref", target=uri))

    def write_pending_xref(self, node: addnodes.pending_xref, parent: etree._Element) -> None:
        if node.get("refdomain") == "cite" and ncname(node.get("reftarget", "")):
            sub(parent, "ptr", type="citation", target=f"#{node['reftarget']}")
        else:
            self.inline_children(node, parent)


def list_order(kind: str) -> int:
    kinds = list(ENTITY_ELEMENTS)
    return kinds.index(kind) if kind in kinds else len(kinds)


#: the registers' names of the kinds that a role names otherwise
CANONICAL_KIND = {"org": "organisation"}


def entity_id(kind: str, key: str) -> str:
    """xml:id of an entity's list entry: kind and key, made a valid name."""
    return f"{CANONICAL_KIND.get(kind, kind)}-" + re.sub(r"[^\w.\-]", "-", key)


def plain(value: str) -> str:
    """A bib/ field as text: pybtex undoes its LaTeX (braces, accents)."""
    try:
        return Text.from_latex(value).render_as("text")
    except Exception:  # a field pybtex cannot read as LaTeX stays as written
        return value


def latin_lang(fields: Any) -> str | None:
    """Language tag of a romanised field of a Chinese bib entry (pinyin)."""
    return "zh-Latn-pinyin" if fields.get("language", "").lower() == "chinese" else None


def ancestors(node: nodes.Node) -> Iterator[nodes.Element]:
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


def last_paragraph(element: etree._Element) -> etree._Element:
    paragraphs = element.findall(tei("p"))
    return paragraphs[-1] if paragraphs else element


def normalise_space(element: etree._Element) -> None:
    """Collapse runs of whitespace in a header paragraph (source line breaks)."""
    for el in element.iter():
        if el.text:
            el.text = re.sub(r"\s+", " ", el.text)
        if el.tail and el is not element:
            el.tail = re.sub(r"\s+", " ", el.tail)
    if element.text:
        element.text = element.text.lstrip()


# --- Reading the TEI back: the aligned units ------------------------------------

def reading(element: etree._Element) -> str:
    """The words of *element* as the witness has them.

    Notes (the archive's and ours) are left out, and so is the edition's
    correction of a *sic*; whitespace is normalised.
    """
    copy = detached(element)
    for child in copy.xpath(".//tei:note | .//tei:corr", namespaces={"tei": TEI_NS}):
        drop(child)
    return " ".join("".join(copy.itertext()).split())


def drop_duplicate_ids(root: etree._Element, docname: str) -> None:
    """Keep the first of two equal xml:ids (an editor's label equal to ``p1``):
    the file stays valid and every element stays where it is."""
    seen: set[str] = set()
    for element in root.iter():
        value = element.get(XML_ID)
        if value is None:
            continue
        if value in seen:
            warn(Kind.mark, "TEI export: the label %r names two things (a unit, note, "
                 "commentary or mark); give the mark or commentary a label of its own",
                 value, location=docname)
            del element.attrib[XML_ID]
        seen.add(value)


def detached(element: etree._Element) -> etree._Element:
    """A copy of *element* without the text that follows it."""
    copy = deepcopy(element)
    copy.tail = None
    return copy


def drop(element: etree._Element) -> None:
    """Remove an element but keep the text that follows it."""
    parent = element.getparent()
    previous = element.getprevious()
    if element.tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def unit_records(root: etree._Element) -> list[dict[str, Any]]:
    """One record per paragraph number, read from the TEI tree."""
    ns = {"tei": TEI_NS}
    originals = {el.get(XML_ID): el for el in
                 root.xpath("//tei:div[@type='original']/*[@xml:id]", namespaces=ns)}
    default_lang = next(iter(root.xpath("//tei:div[@type='original']/@xml:lang",
                                        namespaces=ns)), None)
    records = []
    for element in root.xpath("//tei:div[@type='translation']/*[@n]", namespaces=ns):
        slot = originals.get((element.get("corresp") or "").lstrip("#"))
        pending = slot is None or bool(slot.xpath(f".//tei:gap[@reason='{NOT_TRANSCRIBED}']",
                                                  namespaces=ns))
        notes = [
            {"n": note.get("n"), "text": reading_note(note)}
            for note in element.xpath(f".//tei:note[@type='{RECORD_NOTE}']", namespaces=ns)
        ]
        comments = [
            {"letter": note.get("n"), "on": (note.get("target") or "").lstrip("#") or None,
             "text": reading_note(note)}
            for note in element.xpath(".//tei:note[@type='editorial']", namespaces=ns)
        ]
        records.append({
            "n": int(element.get("n")),
            "id": element.get(XML_ID),
            "en": reading_paragraphs(element),
            "original": None if pending else reading_paragraphs(slot),
            "original_lang": (slot.get(XML_LANG) if slot is not None else None) or default_lang,
            "status": "pending" if pending else "transcribed",
            "notes": notes,
            "commentary": comments,
        })
    return records


def reading_paragraphs(element: etree._Element) -> str:
    paragraphs = element.findall(tei("p"))
    if element.tag == tei("div") and paragraphs:
        return "\n".join(reading(p) for p in paragraphs)
    return reading(element)


def reading_note(note: etree._Element) -> str:
    """A note's words without the notes inside it; its paragraphs on lines."""
    copy = detached(note)
    for child in copy.xpath("./tei:p", namespaces={"tei": TEI_NS}):
        child.tail = "\n" + (child.tail or "")
    for nested in copy.xpath(".//tei:note | .//tei:corr", namespaces={"tei": TEI_NS}):
        drop(nested)
    return "\n".join(" ".join(line.split()) for line in
                     "".join(copy.itertext()).split("\n") if line.strip())


def json_export(meta: dict[str, Any], docname: str, version: str,
                records: list[dict[str, Any]]) -> str:
    data = {
        "document": docname,
        "title": meta.get("title"),
        "date": meta.get("date"),
        "author": meta.get("author"),
        "record": meta.get("record"),
        "url": meta.get("url"),
        "edition_version": version,
        "fields": {
            "n": "paragraph number, the unit's identity (p1 ... in every output)",
            "en": "the English translation; [brackets] are words in square brackets "
                  "in the record",
            "original": "the original text, or null while the slot is not transcribed",
            "notes": "the notes as given in the record (the record does not name their "
                     "author) referenced in the paragraph",
            "commentary": "this edition's commentary, lettered, with the mark it explains",
        },
        "units": records,
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def text_export(meta: dict[str, Any], docname: str, version: str,
                records: list[dict[str, Any]]) -> str:
    lines = [
        f"# {meta.get('title', docname)}",
        f"# {meta.get('author', '')}, {meta.get('date', '')}; edition {version}".rstrip(),
        "# Aligned units: one block per paragraph number, one field per line,",
        "# name TAB value. 'original' is empty while the slot is not transcribed",
        "# ('status pending'). Brackets in 'en' are words in square brackets in the record.",
        "",
    ]
    for record in records:
        lines.append(record["id"] or str(record["n"]))
        lines.append(f"en\t{one_line(record['en'])}")
        lines.append(f"original\t{one_line(record['original'] or '')}")
        lines.append(f"original_lang\t{record['original_lang'] or ''}")
        lines.append(f"status\t{record['status']}")
        for note in record["notes"]:
            lines.append(f"note {note['n']}\t{one_line(note['text'])}")
        for comment in record["commentary"]:
            lines.append(f"commentary {comment['letter']}\t{one_line(comment['text'])}")
        lines.append("")
    return "\n".join(lines)


def one_line(text: str) -> str:
    return " / ".join(part for part in text.split("\n") if part)


# --- Running it: files, the builder, the HTML links -----------------------------

def register_lookup(env: Any) -> Callable[[str, str], RegisterEntry | None] | None:
    """Names of an entity in every script, from the registers, if the project has them.

    The registers (the ``entity`` domain of ``edition.entities``) hold per key
    a ``standard`` form, the forms the text uses (``spelled``), names in
    original scripts (``original``: language, name) and an
    ``identification``. Read by attribute, so that this module needs nothing
    else of that one. Without registers, list entries hold the spellings met
    in the text.
    """
    entities = getattr(env.domains.get("entity"), "entities", None)
    if not isinstance(entities, dict):
        return None

    def lookup(kind: str, key: str) -> RegisterEntry | None:
        entity = entities.get(key)
        if entity is None:
            return None
        names: list[tuple[str | None, str | None, str]] = []
        standard = getattr(entity, "standard", "")
        if standard:
            names.append(("standard", None, standard))
        for spelling in getattr(entity, "spelled", ()):
            if spelling != standard:
                names.append(("spelled", None, spelling))
        for lang, name in getattr(entity, "original", ()):
            names.append(("original", lang, name))
        return RegisterEntry(tuple(names), getattr(entity, "identification", "") or "")

    return lookup


def make_context(builder: Builder, docname: str, note_uri: str) -> Context:
    env = builder.env
    config = env.config
    # bib/ as sphinxcontrib-bibtex read it with pybtex (no second parser, no
    # retyping); without that extension the header uses the metadata alone
    cite = env.domains.get("cite")
    bib = dict(cite.bibdata.data.entries) if cite is not None else {}
    citation_keys = {c.citation_id: c.key for c in cite.citations} if cite is not None else {}
    note_doc = config.edition_note_on_text
    # resolved, as the page shows it: citations and links in their final form
    note = env.get_and_resolve_doctree(note_doc, builder) \
        if note_doc in env.found_docs else None
    return Context(
        docname=docname,
        meta=get_domain(env).documents[docname],
        project=config.project,
        editors=tuple(responsibility.editors(config)),
        version=config.edition_version or config.version,
        original_lang=config.edition_original_language,
        original_name=config.edition_original_name,
        bib=bib,
        citation_keys=citation_keys,
        note_on_text=note,
        note_on_text_uri=note_uri if note is not None else "",
        register=register_lookup(env),
    )


def write_exports(builder: Builder, docname: str, doctree: nodes.document, outdir: Path,
                  note_uri: str) -> list[Path]:
    """Write the TEI, JSON and text exports of one document into *outdir*."""
    context = make_context(builder, docname, note_uri)
    writer = TeiWriter(doctree, context)
    root = writer.write()
    for name in sorted(writer.unmapped):
        logger.info("tei: %s has no TEI mapping; written as its text (add it to "
                    "TEI_MAPPING in edition/tei.py)", name)
    records = unit_records(root)
    base = outdir / docname
    ensuredir(base.parent)
    paths = [base.parent / f"{base.name}{suffix}" for suffix in (".xml", ".json", ".txt")]
    etree.ElementTree(root).write(str(paths[0]), encoding="utf-8", xml_declaration=True,
                                  # libxml2 indents only where no text is (never mixed content)
                                  pretty_print=True)
    version = context.version
    paths[1].write_text(json_export(context.meta, docname, version, records), encoding="utf-8")
    paths[2].write_text(text_export(context.meta, docname, version, records), encoding="utf-8")
    return paths


class TeiBuilder(Builder):
    """Writes a TEI P5 file, with JSON and text exports, per edited document."""

    name = "tei"
    format = "tei"
    epilog = "The TEI files and data exports are in %(outdir)s."
    allow_parallel = False  # three small files per document: not worth a process

    def init(self) -> None:
        pass

    def get_outdated_docs(self) -> set[str]:
        return set(self.env.found_docs)

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        return f"{docname}.xml"

    def write_doc(self, docname: str, doctree: nodes.document) -> None:
        if docname not in get_domain(self.env).documents:
            return
        # the TEI file links the note on the text where the HTML edition is published
        base = self.config.html_baseurl
        note = f"{base.rstrip('/')}/{self.config.edition_note_on_text}.html" if base else ""
        write_exports(self, docname, doctree, Path(self.outdir), note)

    def finish(self) -> None:
        pass


def add_export_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """HTML: write the exports beside the pages and link them from the document."""
    builder = app.builder
    if builder.format != "html" or builder.name.startswith("epub") \
            or docname not in get_domain(app.env).documents:
        return
    page = builder.get_target_uri(docname)
    note_doc = app.config.edition_note_on_text
    note = relative_uri(f"{HTML_EXPORTS}/{docname}.xml", builder.get_target_uri(note_doc)) \
        if note_doc in app.env.found_docs else ""
    paths = write_exports(builder, docname, doctree, Path(builder.outdir) / HTML_EXPORTS, note)
    block = nodes.container(classes=["data-exports", "editorial"])
    para = nodes.paragraph("", "Download this document as data: ")
    labels = ("TEI P5 XML", "aligned units as JSON", "aligned units as plain text")
    for index, (path, label) in enumerate(zip(paths, labels, strict=True)):
        uri = relative_uri(page, f"{HTML_EXPORTS}/{docname}{path.suffix}")
        if index:
            para += nodes.Text(", " if index < len(paths) - 1 else " or ")
        para += nodes.reference("", label, refuri=uri, classes=["data-export"])
    para += nodes.Text(".")
    block += para
    # right under the document's header block, where its metadata is
    header = next(iter(doctree.findall(document_header)), None)
    if header is not None:
        header.parent.insert(header.parent.index(header) + 1, block)
    else:
        doctree += block


def setup(app: Sphinx) -> None:
    app.add_builder(TeiBuilder)
    app.connect("doctree-resolved", add_export_links)
