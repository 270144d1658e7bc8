"""The printed book: front and back matter from data, and the assembled book.

Front and back matter from data
    The title page, the colophon, the running heads and the PDF's metadata
    (title, author, subject, keywords, language) are built from what the
    edition already knows: the documents' metadata in the ``edition`` domain,
    the source's entry in ``bib/`` and ``conf.py`` (``edition_version``,
    ``html_baseurl``, and the edition's editors, publisher and licence, or
    the plain statement that they are not named:
    :mod:`edition.citation.responsibility`). The title page cites the archive's
    record and the source in the Chicago forms of the one citation formatter
    (:mod:`edition.citation.chicago`), as the web pages do. The values reach
    LaTeX as ``\\edset{key}{value}`` lines in the preamble, escaped by
    :mod:`edition.outputs.latex`; the layout that uses them is
    ``edition.sty``'s. Nothing is typed twice.

The assembled book
    A post-transform on the book's doctree leaves out the documents that are
    for the web edition only (``edition_book_exclude``: the editors' guide,
    the technical pages), gives each document with a short title that title
    as its running head, and keeps the bibliography in the Bibliography
    chapter, where the ``bibliography`` directive stands (Sphinx otherwise
    moves every citation to a chapter of its own at the end, and leaves the
    Bibliography chapter empty). A bibliography list is marked so that
    ``edition.sty`` sets it as a hanging-indent list.

The build date honours ``SOURCE_DATE_EPOCH`` (Sphinx's ``format_date``).
"""

from __future__ import annotations

import fnmatch
import uuid
from typing import Any

import sphinx
from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders.latex.nodes import thebibliography
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.i18n import format_date

from ..citation import chicago, responsibility
from ..citation.entries import record_entry
from ..citation.roles import bib_entries
from ..diagnostics import Kind, warn
from ..model.domain import get_domain
from ..model.metadata import DocumentMeta, join_names
from ..model.metadata import format_date as format_document_date
from ..nodes import bibliography_place
from ..util import SKIP, build_time
from .latex import pdf_string, rich_text, tex, tex_url, tex_with_urls

ENGINE_NAMES = {"xelatex": "XeLaTeX", "lualatex": "LuaLaTeX", "pdflatex": "pdfLaTeX",
                "platex": "pLaTeX", "uplatex": "upLaTeX"}


# --- the book's data ---------------------------------------------------------------

def book_data(app: Sphinx, docnames: list[str], title: str, author: str) -> dict[str, str]:
    """The values ``edition.sty`` typesets, as LaTeX; empty values are left out."""
    config = app.config
    documents = get_domain(app.env).documents
    described = [d for d in docnames if d in documents]
    data: dict[str, str] = {
        "booktitle": tex(title),
        "version": tex(config.edition_version),
        "builddate": tex(format_date("%-d %B %Y", language=config.language)),
        # responsibility: the value, or the sentence that says it is unset
        "editors": tex(responsibility.value(config, "edition_editors")),
        "noeditors": tex(responsibility.VALUES["edition_editors"][1]),
        "publisher": tex(responsibility.statement(config, "edition_publisher")),
        "licence": tex_with_urls(responsibility.statement(config, "edition_licence")),
        "url": r"\url{%s}" % tex_url(config.html_baseurl) if config.html_baseurl else "",
        "typeset": tex(f"Typeset with {ENGINE_NAMES.get(config.latex_engine, config.latex_engine)}"
                       f" from the edition's sources by Sphinx {sphinx.__display_version__}."),
        "title": tex(title),
        "author": tex(author),
        "runninghead": tex(author),
    }
    if len(described) == 1:
        # One document: the book is that document, and its title page says so.
        docname = described[0]
        meta = documents[docname]
        short = meta.short or title
        data.update({
            "title": tex(short),
            "booksubtitle": tex(short) if short != title else "",
            "author": tex(meta.author or author),
            "runninghead": tex(meta.author or author),
            "date": tex(format_document_date(meta.date)) if meta.date else "",
            "recipients": tex(join_names(meta.recipients)),
            "translators": tex(join_names(meta.translators)),
            "originallanguage": tex(meta.original_language),
            "archive": archive_citation(app, docname),
            "source": document_source(app, docname, meta),
        })
    return {key: value for key, value in data.items() if value}


def archive_citation(app: Sphinx, docname: str) -> str:
    """The archive's record of the document, in Chicago's note form."""
    entry = record_entry(app, docname)
    return rich_text(chicago.note(entry)) + "." if entry is not None else ""


def document_source(app: Sphinx, docname: str, meta: DocumentMeta) -> str:
    """The book the translation was made from, in Chicago's note form, with its pages."""
    key = meta.source
    if not key:
        return ""
    entry = bib_entries(app.env).get(key)
    if entry is None:
        warn(Kind.metadata, "document field 'source' names %r, which is no key of the "
             "bibliography (bibtex_bibfiles): add the entry, or correct the key; the PDF's "
             "title page prints the key", key, location=docname)
        return tex(key) + (", " + tex(chicago.format_locator(meta.pages))
                           if meta.pages else "")
    return rich_text(chicago.note(entry, meta.pages)) + "."


def pdf_metadata(app: Sphinx, docnames: list[str], title: str, author: str) -> str:
    """``\\hypersetup`` with the PDF's Info dictionary and language."""
    documents = get_domain(app.env).documents
    described = [documents[d] for d in docnames if d in documents]
    subject = ""
    keywords: list[str] = []
    if len(described) == 1:
        meta = described[0]
        title = meta.short or title
        author = meta.author or author
        subject = meta.summary or meta.title
    for meta in described:
        keywords += [meta.author, *meta.recipients]
        if meta.date:
            keywords.append(meta.date[:4])
        if meta.archive:
            keywords.append(meta.archive + (f" {meta.record}" if meta.record else ""))
        if meta.original_language:
            keywords.append(f"translation from {meta.original_language}")
    # one keyword per comma (hyperxmp splits there for XMP's dc:subject)
    keywords = list(dict.fromkeys(k.replace(",", "") for k in keywords if k))
    options = {
        "pdftitle": title,
        "pdfauthor": author,
        "pdfsubject": subject,
        "pdfkeywords": ", ".join(keywords),
        "pdflang": app.config.language or "",
    }
    lines = [f"  {key}={{{pdf_string(value)}}}," for key, value in options.items() if value]
    # XMP's dates and instance id from the build date, which honours
    # SOURCE_DATE_EPOCH (hyperxmp would take the clock's time and a random id)
    when = build_time()
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    instance = uuid.uuid5(uuid.NAMESPACE_URL, "|".join(
        (options["pdftitle"], app.config.edition_version, stamp)))
    pdf_stamp = when.strftime("D:%Y%m%d%H%M%SZ")
    lines += [f"  pdfcreationdate={{{pdf_stamp}}},", f"  pdfmoddate={{{pdf_stamp}}},",
              f"  pdfdate={{{stamp}}},", f"  pdfmetadate={{{stamp}}},",
              f"  pdfinstanceid={{uuid:{instance}}},"]
    # keeppdfinfo: hyperxmp would otherwise drop Author and Keywords from the
    # Info dictionary (a PDF/A nicety) and leave them in XMP only
    return ("\\hypersetup{\n" + "\n".join(lines)
            + "\n  pdfdisplaydoctitle=true,\n  keeppdfinfo=true,\n}")


def preamble(app: Sphinx, docnames: list[str], title: str, author: str) -> str:
    lines = ["", "% -- The edition's data (extensions/edition/outputs/book.py) --"]
    for key, value in book_data(app, docnames, title, author).items():
        lines.append(f"\\edset{{{key}}}{{{value}}}")
    lines.append(pdf_metadata(app, docnames, title, author))
    return "\n".join(lines) + "\n"


# --- the assembled book ----------------------------------------------------------

class MarkBibliographyPlace(SphinxPostTransform):
    """Mark where the bibliography stands, before Sphinx moves it (750)."""

    default_priority = 740
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        first = next(iter(self.document.findall(nodes.citation)), None)
        if first is not None:
            first.parent.insert(first.parent.index(first), bibliography_place())


class MarkBibliographyList(SphinxPostTransform):
    """A bibliography directive's list, in a container ``edition.sty`` styles.

    Runs before sphinxcontrib-bibtex turns the directive into its list (5),
    which keeps the container and drops the directive's own node.
    """

    default_priority = 4
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        from sphinxcontrib.bibtex.nodes import bibliography

        for node in list(self.document.findall(bibliography)):
            box = nodes.container(classes=["edition-bibliography"])
            node.replace_self(box)
            box += node


def left_out_of_book(docname: str, start: str, patterns: list[str] | tuple[str, ...]) -> bool:
    """Whether a book that starts at *start* leaves *docname* out: it does when
    the document matches ``edition_book_exclude``, unless the book itself
    starts at such a document (the editors' own book)."""
    def matches(name: str) -> bool:
        return any(fnmatch.fnmatchcase(name, pattern) for pattern in patterns)
    return matches(docname) and not matches(start)


class EditionBook(SphinxPostTransform):
    """The book's documents, running heads, and the bibliography in its chapter."""

    default_priority = 760  # after Sphinx's BibliographyTransform (750)
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        self.leave_out_web_only()
        self.place_bibliography()
        self.drop_note_transitions()
        documents = get_domain(self.env).documents
        for start in self.document.findall(addnodes.start_of_file):
            meta = documents.get(start["docname"])
            short = meta.short_title if meta else ""
            section = next(iter(start.findall(nodes.section)), None)
            if short and section is not None and isinstance(section[0], nodes.title):
                section.insert(1, nodes.raw(
                    "", "\\edrunninghead{%s}" % tex(short), format="latex"))

    def leave_out_web_only(self) -> None:
        """Leave out the documents of the web edition only; a link to one of
        them keeps its words, unlinked (the book has no page to go to)."""
        book = self.document.get("docname", self.env.docname)
        patterns = self.config.edition_book_exclude
        gone = set()
        for start in list(self.document.findall(addnodes.start_of_file)):
            if start.parent is not None and left_out_of_book(start["docname"], book, patterns):
                gone.add(start["docname"])
                start.parent.remove(start)
        if not gone:
            return
        for ref in list(self.document.findall(nodes.reference)):
            uri = ref.get("refuri", "")
            if uri.startswith("%") and uri[1:].split("#")[0] in gone:
                ref.replace_self(nodes.inline("", "", *ref.children))

    def drop_note_transitions(self) -> None:
        """Drop a transition that ends its section.

        MyST puts one before a document's notes (``myst_footnote_transition``);
        in LaTeX the notes go to the foot of their pages, and the rule would
        stand alone after the text. (Docutils itself forbids a section to end
        with a transition.)
        """
        for transition in list(self.document.findall(nodes.transition)):
            parent = transition.parent
            following = [n for n in parent.children[parent.index(transition) + 1:]
                         if not isinstance(n, (nodes.target, nodes.footnote))]
            if not following:
                parent.remove(transition)

    def place_bibliography(self) -> None:
        places = list(self.document.findall(bibliography_place))
        gathered = [n for n in self.document.children if isinstance(n, thebibliography)]
        if places and gathered:
            place = places[0]
            self.document.remove(gathered[0])
            place.replace_self([
                nodes.raw("", r"\edbibliographyinplace", format="latex"), gathered[0]])
        for place in list(self.document.findall(bibliography_place)):
            place.parent.remove(place)


def set_preamble(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Put the book's data into the preamble of the LaTeX file being written.

    The LaTeX builder resolves the assembled book (firing this event) just
    before its writer copies the builder's context, the template's values;
    this is the one moment that knows which documents the book holds.
    """
    if app.builder.format != "latex" or not hasattr(app.builder, "context"):
        return
    docnames = [start["docname"] for start in doctree.findall(addnodes.start_of_file)]
    entry = next((e for e in app.config.latex_documents if e[0] == docname), None)
    title = entry[2] if entry else app.config.project
    author = entry[3] if entry else app.config.author
    base = app.config.latex_elements.get("preamble", "")
    app.builder.context["preamble"] = base + preamble(app, docnames, title, author)


def setup(app: Sphinx) -> None:
    # XMP metadata (title, author, subject, keywords, language) for archives,
    # from the same \hypersetup as the PDF's Info dictionary
    app.add_latex_package("hyperxmp", after_hyperref=True)
    app.add_post_transform(MarkBibliographyList)
    app.add_post_transform(MarkBibliographyPlace)
    app.add_post_transform(EditionBook)
    app.connect("doctree-resolved", set_preamble)
    # never left in a tree that is written: EditionBook removes every one
    app.add_node(bibliography_place, latex=SKIP, html=SKIP, text=SKIP)
