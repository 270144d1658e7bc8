"""Typographic quotation marks and apostrophes in the reading outputs.

The witness types its quotation marks and apostrophes as the straight
characters of a typewriter (``"`` and ``'``). The edition's reading outputs
(the HTML pages, the EPUB and the PDF) set them as a printed book does,
“ ” ‘ ’; the data exports (TEI, the aligned units as JSON and as text, the
citation downloads) and the plain-text build keep the witness's characters.
This is the only normalisation of the witness's characters in the reading
text, and the note on the text states it.

One rule, one place. :func:`typographic` (a string) and
:func:`educate_doctree` (a document) are the rule; every reading output
reaches it:

* each reading builder (HTML-format ones, EPUB included, and LaTeX) educates
  the resolved doctree it is about to write (``doctree-resolved``, at a
  priority after the handlers that write the data exports from that same
  doctree: ``add_export_links`` of
  :mod:`edition.outputs.tei.builder`);
* the HTML pages' titles and previous/next links, which Sphinx renders from
  the environment rather than from the page's doctree
  (``html-page-context``);
* the PDF's title page, colophon, running heads and document information,
  which the book (:mod:`edition.outputs.book`) typesets from the documents'
  metadata and the Chicago forms, escaped by :mod:`edition.outputs.latex`
  (its ``tex`` and ``rich_text``: :func:`typographic_run`);
* the timeline's texts (:mod:`edition.chronology.timeline`), drawn from the
  chronology's data for a reading builder.

The quotation marks the edition itself writes around a title (the Chicago
forms of :mod:`edition.citation.chicago`, the chronology's quotations) are
:data:`OPEN_QUOTE` and :data:`CLOSE_QUOTE`, named here with the rest.

The quotes are educated by docutils' smartquotes (the implementation docutils
and Sphinx themselves use, with context across inline nodes) with the action
``q`` only: quotation marks and apostrophes. Dashes and the witness's spaced
points ``. . .`` are left as they are. Literal text (code) keeps its straight
characters, so a page can still show the character itself.

Sphinx's own ``smartquotes`` setting stays off (``conf.py``): it works when a
document is read, so it would reach the data exports too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from docutils import nodes
from docutils.transforms.universal import SmartQuotes
from docutils.utils import smartquotes
from sphinx.application import Sphinx

from ..util import TRANSLATED_BY_EDITION, before_translation

#: smartquotes' action: "q" educates quotation marks and apostrophes only
ACTION = "q"

#: builders' formats whose outputs are read as a book is (EPUB is "html")
READING_FORMATS = frozenset({"html", "latex"})

#: the characters this rule writes, and the witness's ones they stand for
QUOTE_SHAPES = {"“": '"', "”": '"', "‘": "'", "’": "'"}

#: the quotation marks the edition writes itself, around a title or a quotation
OPEN_QUOTE, CLOSE_QUOTE = "\u201c", "\u201d"

#: after the data exports are written from the same doctree (priority 500)
PRIORITY = 900


def is_reading_builder(app: Sphinx) -> bool:
    return app.config.edition_typographic_quotes and app.builder.format in READING_FORMATS


#: a Unicode noncharacter: never in a text, so it can stand in for one
HOLD = "\ufdd0"


def protect(text: str) -> str:
    """*text* as smartquotes must get it to hand it back unchanged but for
    its quotes. smartquotes reads a backslash as an escape (``\\\\`` is one
    backslash, ``\\"`` a straight quote) and writes the escapes back as the
    characters they stand for, so that text of the form ``&#92;`` would come
    back as ``\\``: a backslash is doubled (but one docutils itself escaped,
    after a null character) and ``&#`` is held apart."""
    return re.sub(r"(?<!\x00)\\", r"\\\\", text.replace("&#", HOLD + "#"))


def restore(text: str) -> str:
    return text.replace(HOLD + "#", "&#")


def typographic(text: str, language: str = "en") -> str:
    """Plain text with the witness's straight quotes set typographically."""
    if "'" not in text and '"' not in text:
        return text
    return restore("".join(smartquotes.educate_tokens([("plain", protect(text))],
                                                      attr=ACTION, language=language)))


def typographic_run(texts: list[str], language: str = "en") -> list[str]:
    """The pieces of one text (a citation's rich text, piece by piece) with
    their quotes set typographically, each quote knowing the pieces before
    it: a quote that opens a piece after a space closes nothing."""
    if not any("'" in text or '"' in text for text in texts):
        return list(texts)
    educated = smartquotes.educate_tokens([("plain", protect(t)) for t in texts],
                                          attr=ACTION, language=language)
    return [restore(text) for text in educated]


class _Blocks(SmartQuotes):
    """docutils' smartquotes transform, used for its tokeniser: it hands
    literal text (code, raw markup) over unchanged."""

    def get_tokens(self, txtnodes):
        for node in txtnodes:
            if self.is_literal(node):
                yield "literal", str(node)
            else:
                # as docutils does: a character its parser escaped (after a
                # null character) is handed over escaped, to stay as it is
                yield "plain", re.sub('(?<=\x00)([-\\\'".`])', r'\\\1', protect(str(node)))

    def is_literal(self, node: nodes.Text) -> bool:
        return (isinstance(node.parent, self.literal_nodes)
                or isinstance(node.parent.parent, self.literal_nodes))


def educate_doctree(doctree: nodes.document, language: str = "en") -> None:
    """Educate the quotes of every block of text in *doctree*, in place.

    Each block of text (a paragraph, a title, a table cell...) is one run of
    tokens, as docutils does it, so that a quotation mark next to a link, a
    note reference or an interpolation still knows which side it stands on.
    """
    tokens = _Blocks(doctree, startnode=None)
    found = text_blocks(doctree)
    if found is None:  # a block inside another: the blocks one after the other
        blocks: Iterable[list[nodes.Text]] = (
            [text for text in block.findall(nodes.Text)
             if not isinstance(text.parent, nodes.option_string)]
            for block in doctree.findall(nodes.TextElement)
            if not isinstance(block, SmartQuotes.nodes_to_skip)
            and not isinstance(block.parent, nodes.TextElement))
        titled: Iterable[nodes.Element] = doctree.findall(
            lambda n: isinstance(n, nodes.Element) and "reftitle" in n)
    else:
        blocks, titled = found
    for texts in blocks:
        if not any("'" in text or '"' in text for text in texts):
            continue
        educated = smartquotes.educate_tokens(tokens.get_tokens(texts), attr=ACTION,
                                              language=language)
        for text, new in zip(texts, educated, strict=True):
            new = restore(new)
            if new != str(text):
                text.parent.replace(text, nodes.Text(new))
    # a link's title, shown as its tooltip (a citation's full form; a
    # mention, which is its own link, entities/mentions.py)
    for ref in titled:
        if isinstance(ref.get("reftitle"), str):
            ref["reftitle"] = typographic(ref["reftitle"], language)


def text_blocks(doctree: nodes.document) -> tuple[list[list[nodes.Text]],
                                                   list[nodes.Element]] | None:
    """The texts of each block of text of *doctree* (a text element that is
    neither inside another one nor literal), in document order, and the
    elements with a link title (``reftitle``); None if a block stands inside
    another (inside an element that is not text, itself inside a block),
    whose texts would then be two blocks' texts.

    One walk of the tree, instead of a walk for the blocks, one more for each
    block's texts and one for the titles (docutils' ``findall``, a recursive
    generator): every HTML page is educated as it is written.
    """
    blocks: list[list[nodes.Text]] = []
    titled: list[nodes.Element] = []
    stack: list[tuple[nodes.Node, list[nodes.Text] | None]] = [(doctree, None)]
    while stack:
        node, texts = stack.pop()
        if isinstance(node, nodes.Text):
            if texts is not None and not isinstance(node.parent, nodes.option_string):
                texts.append(node)
            continue
        if "reftitle" in node:
            titled.append(node)
        if isinstance(node, nodes.TextElement) and not isinstance(node.parent, nodes.TextElement) \
                and not isinstance(node, SmartQuotes.nodes_to_skip):
            if texts is not None:
                return None
            texts = []
            blocks.append(texts)
        stack.extend((child, texts) for child in reversed(node.children))
    return blocks, titled


def educate_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if is_reading_builder(app) and app.builder.name not in TRANSLATED_BY_EDITION:
        educate_doctree(doctree, app.config.language or "en")


def educate_translated(builder: Any, docname: str, doctree: nodes.document) -> None:
    """The same, for an HTML page, as it is translated (in a -j worker)."""
    if builder.config.edition_typographic_quotes:
        educate_doctree(doctree, builder.config.language or "en")


#: the text between tags of an HTML fragment (a title Sphinx rendered)
HTML_TEXT = re.compile(r"(?<=>)[^<]+|^[^<]+")


def typographic_html(fragment: str, language: str = "en") -> str:
    """An HTML fragment's text educated; its tags are left alone."""
    return HTML_TEXT.sub(
        lambda m: typographic(m.group().replace("&quot;", '"').replace("&#x27;", "'")
                              .replace("&#39;", "'"), language),
        fragment)


def educate_page_titles(app: Sphinx, pagename: str, templatename: str,
                        context: dict[str, Any], doctree: nodes.document | None) -> None:
    """The page's title and its previous/next links (rendered from the
    environment, not from the page's doctree)."""
    if not is_reading_builder(app):
        return
    language = app.config.language or "en"
    if isinstance(context.get("title"), str):
        context["title"] = typographic_html(context["title"], language)
    for key in ("prev", "next"):
        link = context.get(key)
        if isinstance(link, dict) and isinstance(link.get("title"), str):
            context[key] = {**link, "title": typographic_html(link["title"], language)}
    if isinstance(context.get("parents"), list):
        context["parents"] = [{**p, "title": typographic_html(p["title"], language)}
                              if isinstance(p.get("title"), str) else p
                              for p in context["parents"]]


def setup(app: Sphinx) -> None:
    # (the config value edition_typographic_quotes is declared in config.py)
    app.connect("doctree-resolved", educate_resolved, priority=PRIORITY)
    before_translation(educate_translated, PRIORITY)
    app.connect("html-page-context", educate_page_titles, priority=PRIORITY)
