"""How to cite: each document in this edition, and the edition as a whole.

Nothing here is typed twice. A document's facts come from its front matter
(:mod:`edition.metadata`), the structure of names (family name, given name)
from the entries of ``bib/`` that name the same persons, the edition's title
and version from ``conf.py`` (``project``, ``edition_version``), its address
from ``html_baseurl``. From these the build makes

* the Chicago note and bibliography forms (:mod:`edition.chicago`), shown by
  the ``cite-this`` directive on the "How to cite" page and, automatically,
  in a block at the end of every edited document, with the note form of one
  paragraph (``..., ¶ 7, <address>#p7``), which each paragraph's number also
  carries (its ``title`` and ``data-citation``); every form is dated, so none
  asks for a date of access (CMOS 14.49);
* downloadable BibTeX (pybtex's writer), RIS (rispy) and CSL-JSON files for
  each, written into the HTML output's ``cite/`` folder;
* metadata in the ``<head>`` of each document page: Highwire Press
  ``citation_*`` tags, Dublin Core ``DC.*`` and schema.org JSON-LD.

Usage on a page::

    ```{cite-this}
    ```

lists the edition and every edited document; ``:document: 117033`` only one.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from pathlib import Path
from typing import Any

import bibtexparser
import bibtexparser.model
import rispy
from docutils import nodes
from docutils.parsers.rst import directives
from pybtex.database import Entry, Person
from pybtex.richtext import Text
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective
from sphinx.util.i18n import format_date as sphinx_date

from . import chicago, responsibility
from .citation import bib_entries, rich_nodes
from .domain import get_domain

#: folder of the HTML output that holds the downloadable files
EXPORT_DIR = "cite"
#: (format label, file suffix)
FORMATS = (("BibTeX", "bib"), ("RIS", "ris"), ("CSL-JSON", "json"))
#: internal fields of bib/ that no export carries
INTERNAL_FIELDS = {"name-order", "witness", "source"}


class cite_this(nodes.General, nodes.Element):
    """Where the "how to cite" forms go; ``document`` is a docname or ``""`` (all)."""


class CiteThisDirective(SphinxDirective):
    """``cite-this``: the edition and its documents (or one, ``:document:``)."""

    option_spec = {"document": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        node = cite_this(document=self.options.get("document", "").strip(),
                         classes=["cite-this", "editorial"])
        self.set_source_info(node)
        return [node]


class CiteThisBlockTransform(SphinxTransform):
    """Append a "How to cite this document" block to every edited document."""

    default_priority = 347  # after the header (345) and its Source field (346)

    def apply(self, **kwargs: Any) -> None:
        if self.env.docname not in get_domain(self.env).documents:
            return
        if any(n["document"] == self.env.docname for n in self.document.findall(cite_this)):
            return
        node = cite_this(document=self.env.docname, classes=["cite-this", "editorial"],
                         appended=True)
        node.source, node.line = self.document["source"], 1
        self.document.append(node)  # after the notes, which close the document


# --- entries from metadata --------------------------------------------------------

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


def document_entry(app: Sphinx, docname: str) -> Entry | None:
    """The document as published in this edition, as a pybtex entry."""
    meta = get_domain(app.env).documents.get(docname)
    if not meta:
        return None
    known = known_persons(app.env)
    author, east = person_for(meta["author"], known) if meta.get("author") else (None, False)
    translators = [person_for(n, known) for n in meta.get("translators", [])]
    entry = new_entry("misc", {
        "title": meta.get("title", ""),
        "shorttitle": meta.get("short-title", ""),
        "date": meta.get("date", ""),
        "year": meta.get("date", "")[:4],
        "booktitle": edition_title(app),
        "version": edition_version(app),
        "publisher": app.config.edition_publisher,
        "url": page_url(app, docname),
        "language": app.config.language or "en",
        "origlanguage": meta.get("original-language", ""),
    }, {"author": [author] if author else [], "translator": [p for p, _ in translators],
        "editor": editor_persons(app)},
        east or any(e for _, e in translators))
    entry.key = f"edition-{docname.replace('/', '-')}"
    return entry


def edition_entry(app: Sphinx) -> Entry:
    """The edition as a whole: its documents' authors and translators, title, version."""
    known = known_persons(app.env)
    authors: dict[str, tuple[Person, bool]] = {}
    translators: dict[str, tuple[Person, bool]] = {}
    # in document order, not in the order parallel readers merged them
    for _, meta in sorted(get_domain(app.env).documents.items()):
        if meta.get("author"):
            authors.setdefault(meta["author"], person_for(meta["author"], known))
        for name in meta.get("translators", []):
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


def paragraph_note(app: Sphinx, docname: str, unit: str) -> str:
    """The note form of one paragraph: ``Zhou Enlai, "...," ..., ¶ 7, <url>#p7.``"""
    entry = document_entry(app, docname)
    if entry is None:
        return ""
    number = unit.lstrip("p")
    return Text(chicago.note(paragraph_entry(entry, unit), f"¶ {number}"), ".").render_as("text")


# --- exports ---------------------------------------------------------------------------

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


def highwire_name(person: Person, entry: Entry) -> str:
    """``citation_author``: "Family, Given" (Google Scholar's form), which at
    least marks the family name; Highwire has no way to say the order."""
    family, given = name_parts(person, entry)
    return f"{family}, {given}" if given else family


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


def export_name(entry: Entry) -> str:
    return "edition" if entry.key == "edition" else entry.key.removeprefix("edition-")


def all_entries(app: Sphinx) -> list[Entry]:
    documents = sorted(get_domain(app.env).documents)
    entries = [edition_entry(app)]
    entries += [e for e in (document_entry(app, d) for d in documents) if e is not None]
    return entries


def write_exports(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.name not in ("html", "dirhtml"):
        return
    folder = Path(app.outdir) / EXPORT_DIR
    folder.mkdir(parents=True, exist_ok=True)
    for entry in all_entries(app):
        name = export_name(entry)
        (folder / f"{name}.bib").write_text(to_bibtex(entry), encoding="utf-8")
        (folder / f"{name}.ris").write_text(to_ris(entry), encoding="utf-8")
        (folder / f"{name}.json").write_text(
            json.dumps([to_csl(entry)], ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    # the works the edition cites, for a reference manager
    works = [to_csl(entry) for _, entry in sorted(bib_entries(app.env).items())]
    if works:
        (folder / "bibliography.json").write_text(
            json.dumps(works, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


# --- the block on the page ---------------------------------------------------------------

class CiteThisResolver(SphinxPostTransform):
    default_priority = 901

    @property
    def sphinx(self) -> Sphinx:
        # SphinxTransform.app is deprecated in Sphinx 9; Sphinx's own
        # post-transforms reach the application through the environment.
        return self.env._app

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(cite_this)):
            if node.get("appended") and self.env._builder_cls.format == "text":
                # Plain text cannot set the block apart from the notes it
                # follows; the "How to cite" page gives the same forms.
                node.parent.remove(node)
                continue
            node.replace_self(self.block(node))

    def block(self, node: cite_this) -> nodes.Element:
        out = nodes.container(classes=["cite-this", "editorial"])
        if node["document"]:
            entry = document_entry(self.sphinx, node["document"])
            out += nodes.rubric("", "How to cite this document")
            if entry is not None:
                out += self.forms(entry)
            return out
        out += self.part("This edition", edition_entry(self.sphinx))
        for docname in sorted(get_domain(self.env).documents):
            entry = document_entry(self.sphinx, docname)
            if entry is not None:
                title = get_domain(self.env).documents[docname].get("short-title") or docname
                out += self.part(f"The document: {title}", entry)
        return out

    def part(self, title: str, entry: Entry) -> nodes.Element:
        section = nodes.container(classes=["cite-this-part"])
        section += nodes.rubric("", title)
        section += self.forms(entry)
        return section

    def forms(self, entry: Entry) -> list[nodes.Node]:
        note, bib = forms(entry)
        items = nodes.definition_list(classes=["cite-this-forms"])
        labelled = [("Note", note), ("Bibliography", bib)]
        docname = entry.key.removeprefix("edition-") if entry.key != "edition" else ""
        units = get_domain(self.env).units.get(docname, [])
        if units:
            # one paragraph, as an example (every paragraph's number on the
            # page carries its own): ¶ 7 where there is one
            example = units[min(6, len(units) - 1)].number
            number = example.lstrip("p")
            labelled.insert(1, (f"Note for one paragraph (¶ {number})", Text(
                chicago.note(paragraph_entry(entry, example), f"¶ {number}"), ".")))
        for label, text in labelled:
            items += nodes.definition_list_item(
                "", nodes.term("", label),
                nodes.definition("", nodes.paragraph("", "", *rich_nodes(text))))
        out: list[nodes.Node] = [items]
        if self.sphinx.builder.name in ("html", "dirhtml"):
            here = posixpath.dirname(self.sphinx.builder.get_target_uri(self.env.docname))
            para = nodes.paragraph("", "Download: ", classes=["cite-this-downloads"])
            for index, (label, suffix) in enumerate(FORMATS):
                path = posixpath.relpath(f"{EXPORT_DIR}/{export_name(entry)}.{suffix}",
                                         here or ".")
                if index:
                    para += nodes.Text(", ")
                para += nodes.reference("", label, refuri=path, classes=["download"])
            out.append(para)
        return out


class ParagraphCitationTransform(SphinxPostTransform):
    """Give each unit of an edited document its note form (``..., ¶ 7, ...#p7``),
    which the HTML writes on the paragraph's number (title, data-citation)."""

    default_priority = 902
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        from .parallel import unit

        docname = self.env.docname
        if docname not in get_domain(self.env).documents:
            return
        for node in self.document.findall(unit):
            if node.get("number"):
                node["citation"] = paragraph_note(self.env._app, docname, node["number"])


# --- the page's <head> ------------------------------------------------------------------

def json_for_script(data: Any) -> str:
    """JSON that cannot end the ``<script>`` element it sits in."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                          ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escaped)
    return text


def meta_tag(name: str, content: str) -> str:
    return f'<meta name="{html.escape(name)}" content="{html.escape(content)}">'


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


def head_metadata(app: Sphinx, pagename: str, templatename: str,
                  context: dict[str, Any], doctree: Any) -> None:
    meta = get_domain(app.env).documents.get(pagename)
    # web pages only: EPUB's XHTML is read by e-readers, not reference managers
    if not meta or doctree is None or app.builder.name not in ("html", "dirhtml"):
        return
    entry = document_entry(app, pagename)
    source = bib_entries(app.env).get(meta.get("source", ""))
    pages = meta.get("pages", "")
    url = page_url(app, pagename)
    language = app.config.language or "en"
    date = meta.get("date", "")
    tags: list[tuple[str, str]] = [("citation_title", meta.get("title", ""))]
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
    dc: list[tuple[str, str]] = [("DC.title", meta.get("title", "")),
                                 ("DC.creator", meta.get("author", ""))]
    dc += [("DC.contributor", name) for name in meta.get("translators", [])]
    dc += [("DC.date", date), ("DC.language", language), ("DC.type", "Text"),
           ("DC.description", meta.get("summary", ""))]
    if source is not None:
        dc.append(("DC.source", chicago.note(source, pages).render_as("text")))
    if meta.get("url"):
        dc.append(("DC.relation", meta["url"]))
    if url:
        dc.append(("DC.identifier", url))
    if app.config.edition_publisher:
        dc.append(("DC.publisher", app.config.edition_publisher))

    based_on: list[dict[str, Any]] = []
    if meta.get("url") or meta.get("record"):
        record = {"@type": "ArchiveComponent", "name": meta.get("title", ""),
                  "identifier": meta.get("record", ""), "url": meta.get("url", "")}
        if meta.get("archive"):
            record["holdingArchive"] = {"@type": "ArchiveOrganization", "name": meta["archive"]}
        based_on.append({k: v for k, v in record.items() if v})
    if source is not None:
        based_on.append(book_ld(source, pages))
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "name": meta.get("title", ""),
        "alternativeHeadline": meta.get("short-title", ""),
        "author": agent(meta["author"]) if meta.get("author") else None,
        "recipient": [agent(n) for n in meta.get("recipients", [])],
        "dateCreated": date,
        "inLanguage": language,
        "translator": [agent(n) for n in meta.get("translators", [])],
        "abstract": meta.get("summary", ""),
        "isBasedOn": based_on,
        "isPartOf": {"@type": "CreativeWork", "name": app.config.project,
                     "version": edition_version(app)},
        "url": url,
    }
    if meta.get("original-language"):
        data["translationOfWork"] = {"@type": "CreativeWork",
                                     "inLanguage": meta["original-language"]}
    data = {k: v for k, v in data.items() if v}
    lines = ['<link rel="schema.DC" href="http://purl.org/dc/elements/1.1/">']
    lines += [meta_tag(n, v) for n, v in tags + dc if v]
    lines.append(f'<script type="application/ld+json">{json_for_script(data)}</script>')
    context["metatags"] = context.get("metatags", "") + "\n    " + "\n    ".join(lines)


def visit_pass(self: Any, node: nodes.Node) -> None:
    pass


def setup(app: Sphinx) -> None:
    app.add_directive("cite-this", CiteThisDirective)
    app.add_node(cite_this, html=(visit_pass, visit_pass), latex=(visit_pass, visit_pass),
                 text=(visit_pass, visit_pass))
    app.add_transform(CiteThisBlockTransform)
    app.add_post_transform(CiteThisResolver)
    app.add_post_transform(ParagraphCitationTransform)
    app.connect("html-page-context", head_metadata)
    app.connect("build-finished", write_exports)
