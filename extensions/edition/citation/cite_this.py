"""How to cite: each document in this edition, and the edition as a whole.

The ``cite-this`` directive shows the Chicago note and bibliography forms
(:mod:`edition.citation.chicago`) of the entries :mod:`edition.citation.entries`
makes from the metadata; every form is dated, so none asks for a date of
access (CMOS 14.49). Every edited document also gets the block,
automatically, at its end, with the note form of one paragraph (``..., ¶ 7,
<address>#p7``) as an example: each paragraph's number in the HTML carries
its own (its ``title``, whose citation "Copy with citation"
copies; :func:`cite_paragraphs`). Usage on a page::

    ```{cite-this}
    ```

lists the edition and every edited document; ``:document: 117033`` only one.
The HTML pages (``html``, ``dirhtml``) show each format in a tab, with the
downloadable file (:mod:`edition.citation.exports`); the page's ``<head>``
metadata is :mod:`edition.citation.head`'s.

The tabs [page, issue 14]. sphinx-design's tab set: radio buttons and labels
that CSS alone switches (no script; the theme's stylesheet carries the rules,
see :mod:`edition.outputs.html`), read by screen readers as a group of radio
buttons. The reader sees each format before taking it, copies it from the
page or downloads the file. Print and EPUB keep the Chicago forms only. The
blocks are made once the page is resolved (``doctree-resolved``, which gives
the application the entries need), after sphinx-design's post-transform has
turned its directives' tab sets into their HTML structure; so the block is
built in that final structure itself (:func:`tab_set`: sphinx-design's own
nodes, which its HTML visitors write). A project without sphinx-design gets
the forms and a line of download links.
"""

from __future__ import annotations

import posixpath
from types import SimpleNamespace
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from pybtex.database import Entry
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util.docutils import SphinxDirective
from sphinx_design.shared import create_component
from sphinx_design.tabs import sd_tab_input, sd_tab_label

from ..model.domain import get_domain
from ..nodes import cite_this, unit
from ..util import PASS, PLAIN_TEXT_FORMATS, TRANSLATED_BY_EDITION, before_translation
from .entries import document_entry, edition_entry, export_name, forms, paragraph_form
from .exports import EXPORT_DIR, FORMATS, export_texts
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
    resolver = CiteThisResolver(app, docname, doctree)
    for node in list(doctree.findall(cite_this)):
        if node.get("appended") and app.builder.format in PLAIN_TEXT_FORMATS:
            # Plain text cannot set the block apart from the notes it
            # follows; the "How to cite" page gives the same forms.
            node.parent.remove(node)
            continue
        node.replace_self(resolver.block(node))


class CiteThisResolver:
    """The blocks of one page."""

    def __init__(self, app: Sphinx, docname: str, doctree: nodes.document) -> None:
        self.sphinx = app
        self.env = app.env
        self.docname = docname
        #: the ids the page holds, so that each tab's id is new to it
        self.ids = set(doctree.ids)

    def block(self, node: cite_this) -> nodes.Element:
        out = nodes.container(classes=["cite-this", "editorial"])
        if node.get("appended"):
            out["ids"].append("cite-this")  # the header block links here
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
        if self.sphinx.builder.name not in ("html", "dirhtml"):
            return [items]
        if "sphinx_design" in self.sphinx.extensions:
            return [self.format_tabs(entry, items)]
        here = posixpath.dirname(self.sphinx.builder.get_target_uri(self.docname))
        para = nodes.paragraph("", "Download: ", classes=["cite-this-downloads"])
        for index, (label, suffix) in enumerate(FORMATS):
            if index:
                para += nodes.Text(", ")
            para += nodes.reference("", label, refuri=self.download(entry, suffix, here),
                                    classes=["download"])
        return [items, para]

    def download(self, entry: Entry, suffix: str, here: str) -> str:
        return posixpath.relpath(f"{EXPORT_DIR}/{export_name(entry)}.{suffix}", here or ".")

    # -- the web page: one tab per format [page, issue 14] --------------------

    def format_tabs(self, entry: Entry, chicago_forms: nodes.Element) -> nodes.Element:
        here = posixpath.dirname(self.sphinx.builder.get_target_uri(self.docname))
        texts = export_texts(entry)
        panels: list[tuple[str, str, list[nodes.Node]]] = [
            ("Chicago", "chicago", [chicago_forms])]
        for label, suffix in FORMATS:
            path = self.download(entry, suffix, here)
            # a literal block whose source differs from its text is written as
            # a plain <pre> (docutils' parsed literal): no highlighting needed
            block = nodes.literal_block("", texts[suffix], classes=["cite-this-export"])
            download = nodes.paragraph("", "", nodes.reference(
                "", f"Download {posixpath.basename(path)}", refuri=path,
                classes=["download"]), classes=["cite-this-downloads"])
            panels.append((label, suffix, [block, download]))
        name = self.new_id(f"cite-{export_name(entry)}")
        return tab_set(name, [(label, self.new_id(f"{name}-{key}"), body)
                              for label, key, body in panels],
                       classes=["cite-this-formats"])

    def new_id(self, wanted: str) -> str:
        """*wanted*, or *wanted* numbered where the page has it already."""
        found, number = wanted, 1
        while found in self.ids:
            number += 1
            found = f"{wanted}-{number}"
        self.ids.add(found)
        return found


def tab_set(name: str, panels: list[tuple[str, str, list[nodes.Node]]],
            classes: list[str]) -> nodes.Element:
    """sphinx-design's tab set as its HTML post-transform leaves it
    (``sphinx_design.tabs.TabSetHtmlTransform``): per panel, a radio input
    (the first checked), its label and the panel, the inputs named *name*.

    Built here because the block is made after that transform has run (see
    the module docstring). Unlike sphinx-design's, the labels carry no
    ``aria-controls``, which HTML forbids on a label of a labelable element
    (the Nu HTML Checker's error; :mod:`edition.outputs.html` removes it from
    the tab sets an editor writes).
    """
    tabs = create_component("tab-set", classes=["sd-tab-set", *classes])
    for index, (label, input_id, body) in enumerate(panels):
        tabs += sd_tab_input("", id=input_id, set_id=name, type="radio", checked=index == 0)
        tabs += sd_tab_label("", "", nodes.Text(label), input_id=input_id,
                             classes=["sd-tab-label"])
        tabs += create_component("tab-content", classes=["sd-tab-content"], children=body)
    return tabs


def cite_paragraphs(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Give each unit of an edited document its note form (``..., ¶ 7, ...#p7``),
    which the HTML writes on the paragraph's number (its title)."""
    if app.builder.format != "html" or app.builder.name in TRANSLATED_BY_EDITION:
        return  # an HTML page's: as it is translated (cite_translated_paragraphs)
    cite_units(app, doctree, docname)


def cite_translated_paragraphs(builder: Any, docname: str, doctree: nodes.document) -> None:
    """The same, for a page of an HTML build, as it is translated: in a ``-j``
    build in the worker that writes the page, not in the main process that
    resolves every page in turn (one note form per paragraph was 6 % of its
    work there)."""
    # the document's entry reads the application's environment, configuration
    # and builder only: the builder has them all
    cite_units(SimpleNamespace(env=builder.env, config=builder.config, builder=builder),
               doctree, docname)


def cite_units(app: Any, doctree: nodes.document, docname: str) -> None:
    if docname not in get_domain(app.env).documents:
        return
    entry = document_entry(app, docname)  # once a page, not once a paragraph
    if entry is None:
        return
    for node in doctree.findall(unit):
        if node.get("number"):
            node["citation"] = paragraph_form(entry, node["number"]).render_as("text")


def setup(app: Sphinx) -> None:
    app.add_directive("cite-this", CiteThisDirective)
    app.add_node(cite_this, html=PASS, latex=PASS, text=PASS)
    app.add_transform(CiteThisBlockTransform)
    # before the other handlers of resolved pages (500), as a post-transform would
    app.connect("doctree-resolved", resolve_cite_this, priority=400)
    app.connect("doctree-resolved", cite_paragraphs, priority=400)
    before_translation(cite_translated_paragraphs, 400)
