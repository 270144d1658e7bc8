"""How to cite: each document in this edition, and the edition as a whole.

The ``cite-this`` directive shows the Chicago note and bibliography forms
(:mod:`edition.citation.chicago`) of the entries :mod:`edition.citation.entries`
makes from the metadata; every form is dated, so none asks for a date of
access (CMOS 14.49). Every edited document also gets the block,
automatically, at its end, with the note form of one paragraph (``..., ¶ 7,
<address>#p7``) as an example: each paragraph's number in the HTML carries
its own (its ``title`` and ``data-citation``, which "Copy with citation"
copies; :func:`cite_paragraphs`). Usage on a page::

    ```{cite-this}
    ```

lists the edition and every edited document; ``:document: 117033`` only one.
The HTML pages (``html``, ``dirhtml``) link the block's downloadable files
(:mod:`edition.citation.exports`); the page's ``<head>`` metadata is
:mod:`edition.citation.head`'s.
"""

from __future__ import annotations

import posixpath
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from pybtex.database import Entry
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util.docutils import SphinxDirective

from ..model.domain import get_domain
from ..nodes import cite_this, unit
from ..util import PASS, PLAIN_TEXT_FORMATS
from .entries import (document_entry, edition_entry, export_name, forms, paragraph_form,
                      paragraph_note)
from .exports import EXPORT_DIR, FORMATS
from .roles import rich_nodes


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


# --- the block on the page ---------------------------------------------------

def resolve_cite_this(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Write the forms where each ``cite-this`` stands (once the page is resolved)."""
    resolver = CiteThisResolver(app, docname)
    for node in list(doctree.findall(cite_this)):
        if node.get("appended") and app.builder.format in PLAIN_TEXT_FORMATS:
            # Plain text cannot set the block apart from the notes it
            # follows; the "How to cite" page gives the same forms.
            node.parent.remove(node)
            continue
        node.replace_self(resolver.block(node))


class CiteThisResolver:
    """The blocks of one page."""

    def __init__(self, app: Sphinx, docname: str) -> None:
        self.sphinx = app
        self.env = app.env
        self.docname = docname

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
                title = get_domain(self.env).documents[docname].short_title or docname
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
            labelled.insert(1, (f"Note for one paragraph (¶ {example.lstrip('p')})",
                                paragraph_form(entry, example)))
        for label, text in labelled:
            items += nodes.definition_list_item(
                "", nodes.term("", label),
                nodes.definition("", nodes.paragraph("", "", *rich_nodes(text))))
        out: list[nodes.Node] = [items]
        if self.sphinx.builder.name in ("html", "dirhtml"):
            here = posixpath.dirname(self.sphinx.builder.get_target_uri(self.docname))
            para = nodes.paragraph("", "Download: ", classes=["cite-this-downloads"])
            for index, (label, suffix) in enumerate(FORMATS):
                path = posixpath.relpath(f"{EXPORT_DIR}/{export_name(entry)}.{suffix}",
                                         here or ".")
                if index:
                    para += nodes.Text(", ")
                para += nodes.reference("", label, refuri=path, classes=["download"])
            out.append(para)
        return out


def cite_paragraphs(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Give each unit of an edited document its note form (``..., ¶ 7, ...#p7``),
    which the HTML writes on the paragraph's number (title, data-citation)."""
    if app.builder.format != "html" or docname not in get_domain(app.env).documents:
        return
    for node in doctree.findall(unit):
        if node.get("number"):
            node["citation"] = paragraph_note(app, docname, node["number"])


def setup(app: Sphinx) -> None:
    app.add_directive("cite-this", CiteThisDirective)
    app.add_node(cite_this, html=PASS, latex=PASS, text=PASS)
    app.add_transform(CiteThisBlockTransform)
    # before the other handlers of resolved pages (500), as a post-transform would
    app.connect("doctree-resolved", resolve_cite_this, priority=400)
    app.connect("doctree-resolved", cite_paragraphs, priority=400)
