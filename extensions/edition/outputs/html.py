"""HTML: the web pages' theme, assets and ``<head>``, and what the validators ask.

The nodes' HTML visitors live with their nodes (e.g. units and sides in
:mod:`edition.text.parallel`); EPUB pages are written by the same visitors
(:mod:`edition.outputs.epub`). This module owns what belongs to the page as a
whole, for every HTML-format builder (``html``, ``dirhtml``, ``singlehtml``,
``epub``, ``json``, ``pickle``):

The theme
    A small reading theme of our own on Sphinx's ``basic`` theme
    (``theme/edition``): one stylesheet, no web fonts and no third-party
    requests; a header with the edition's few sections instead of a sidebar
    that prints the whole contents on every page (which would make a large
    collection's build grow with the square of its size). sphinx-design's
    stylesheet is loaded only on pages that use one of its components.

The assets
    Every stylesheet and script of the edition is in :data:`ASSETS`, one
    table, and reaches the pages by one recipe (:func:`add_assets`): each
    folder of ``static/`` joins ``html_static_path`` for the builders that
    load one of its files. The apparatus (``static/apparatus``) puts each
    archive note in the margin level with its reference on a wide screen
    and shows it in place on hover or focus on a narrow one; its two reader
    controls (buttons with ``aria-pressed``, remembered in ``localStorage``)
    hide the record's square brackets on screen ("Reading text") or this
    edition's commentary. Clean copying (``edition-copy.js`` and ``.css``,
    files of their own in the same folder) leaves the edition's marks out of
    a copied selection, keeps the record's brackets in every reading mode,
    and adds "Copy with citation" beside each paragraph. The parallel text's
    script (``static/parallel``) adds the reading modes. Without JavaScript every page is complete: the published
    translation with its brackets, the commentary shown, the notes as a list
    with links both ways. Scripts are files of their own (no inline script),
    so pages run under a Content Security Policy of ``default-src 'self'``;
    their names begin with ``edition`` because the theme's layout loads only
    the edition's own scripts. An EPUB gets stylesheets only: reading
    systems show notes themselves and many run no scripts.

The ``<head>``
    Each page's description (the document's ``summary``, else the page's
    first paragraph cut at a word near 200 characters), self-closed since
    EPUB pages are XML, unless the page sets its own (MyST's ``html_meta``);
    and on an edited document's web page, the citation metadata that
    :mod:`edition.citation.head` gives (Highwire, Dublin Core, JSON-LD).

The validators
    Where markup the edition does not write itself fails a validator of
    record (Nu HTML Checker, axe-core, Lighthouse, epubcheck), the smallest
    correction: a bibliography entry of docutils carries
    ``role="doc-biblioentry"``, which DPUB-ARIA 1.1 deprecates (epubcheck
    RSC-017); inside docutils' own ``role="list"`` wrapper the right role is
    ``listitem``.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from ..citation import head
from ..model.domain import get_domain
from ..util import PACKAGE_DIR, ancestors

THEME_DIR = PACKAGE_DIR / "theme" / "edition"
STATIC_DIR = PACKAGE_DIR / "static"

#: sphinx-design's stylesheet (55 KB, 70 % of the document page's weight)
COMPONENT_CSS = "sphinx-design.min.css"
#: a sphinx-design component in a page's body: its classes start with ``sd-``
COMPONENT = re.compile(r'class="[^"]*\bsd-')

#: length of a page's description, in characters
DESCRIPTION_LENGTH = 200


# --- assets ------------------------------------------------------------------------

@dataclass(frozen=True)
class Assets:
    """The stylesheets and scripts of one folder of ``static/``."""

    #: the folder, under ``static/``; its files land in the output's ``_static/``
    folder: str
    #: stylesheets, as paths inside the folder
    css: tuple[str, ...] = ()
    #: scripts, as (path inside the folder, loading method or "")
    js: tuple[tuple[str, str], ...] = ()
    #: whether the EPUB gets the stylesheets (it never gets the scripts)
    epub: bool = True


#: every asset of the edition, in the order the pages load them
ASSETS: tuple[Assets, ...] = (
    # e-readers stack the sides and run no scripts: the EPUB gets neither
    Assets("parallel", css=("edition/parallel.css",), js=(("edition/parallel.js", ""),),
           epub=False),
    Assets("apparatus", css=("edition-apparatus.css",),
           js=(("edition-apparatus.js", "defer"),)),
    # clean copying and "Copy with citation" (a browser's concern, not an
    # e-reader's): web pages only
    Assets("apparatus", css=("edition-copy.css",), js=(("edition-copy.js", "defer"),),
           epub=False),
    Assets("registers", css=("registers.css",)),
    Assets("chronology", css=("chronology.css",)),
)


def add_assets(app: Sphinx) -> None:
    """The one recipe: each builder's stylesheets and scripts, and their folders.

    A folder joins ``html_static_path`` when the builder loads one of its
    files, so Sphinx copies the files before it writes the pages and stamps
    their links with the files' checksums.
    """
    if app.builder.format != "html":
        return
    epub = app.builder.name.startswith("epub")
    for assets in ASSETS:
        css = assets.css if assets.epub or not epub else ()
        js = assets.js if not epub else ()
        if not (css or js):
            continue
        folder = str(STATIC_DIR / assets.folder)
        if folder not in app.config.html_static_path:
            app.config.html_static_path.append(folder)
        for name in css:
            app.add_css_file(name)
        for name, loading in js:
            if loading:
                app.add_js_file(name, loading_method=loading)
            else:
                app.add_js_file(name)


def drop_unused_component_css(app: Sphinx, pagename: str, templatename: str,
                              context: dict[str, Any], doctree: Any) -> None:
    """Load sphinx-design's stylesheet only on pages that use a component.

    sphinx-design adds it to every page; a page without a component (every
    page of the edition so far) then loads 55 KB it never uses, which alone
    breaks the page-weight budget of the benchmarks (BENCHMARKS.md).
    """
    if COMPONENT.search(context.get("body", "")):
        return
    context["css_files"] = [
        css for css in context.get("css_files", [])
        if not str(getattr(css, "filename", css)).endswith(COMPONENT_CSS)
    ]


# --- the <head> -------------------------------------------------------------------------

def shorten(text: str, length: int = DESCRIPTION_LENGTH) -> str:
    text = " ".join(text.split())
    if len(text) <= length:
        return text
    return text[:length].rsplit(" ", 1)[0].rstrip(",;:") + " …"


def first_paragraph(doctree: nodes.document) -> str:
    for paragraph in doctree.findall(nodes.paragraph):
        if any(isinstance(a, (nodes.field_list, nodes.footnote, nodes.citation))
               or "editorial" in a.get("classes", ())
               for a in ancestors(paragraph)):
            continue
        if text := paragraph.astext().strip():
            return text
    return ""


def json_for_script(data: Any) -> str:
    """JSON that cannot end the ``<script>`` element it sits in."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                          ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escaped)
    return text


def meta_tag(name: str, content: str) -> str:
    return f'<meta name="{html.escape(name)}" content="{html.escape(content)}">'


def add_head_metadata(app: Sphinx, pagename: str, templatename: str,
                      context: dict[str, Any], doctree: nodes.document | None) -> None:
    """The page's description, then an edited document's citation metadata."""
    if doctree is None:
        return
    if 'name="description"' not in context.get("metatags", ""):
        meta = get_domain(app.env).documents.get(pagename)
        description = shorten((meta.summary if meta else "") or first_paragraph(doctree))
        if description:
            context["metatags"] = (
                context.get("metatags", "") +
                f'\n    <meta name="description" content="{html.escape(description)}" />')
    # web pages only: EPUB's XHTML is read by e-readers, not reference managers
    found = head.document_metadata(app, pagename) \
        if app.builder.name in ("html", "dirhtml") else None
    if found is None:
        return
    tags, data = found
    lines = ['<link rel="schema.DC" href="http://purl.org/dc/elements/1.1/">']
    lines += [meta_tag(name, value) for name, value in tags]
    lines.append(f'<script type="application/ld+json">{json_for_script(data)}</script>')
    context["metatags"] = context.get("metatags", "") + "\n    " + "\n    ".join(lines)


# --- what the validators ask ------------------------------------------------------------

def visit_citation_html(self: Any, node: nodes.citation) -> None:
    # docutils' visit_citation, with the role DPUB-ARIA 1.1 asks for
    if not isinstance(node.previous_sibling(), type(node)):
        self.body.append('<div role="list" class="citation-list">\n')
    self.body.append(self.starttag(node, "div", classes=[node.tagname], role="listitem"))


def depart_citation_html(self: Any, node: nodes.citation) -> None:
    type(self).depart_citation(self, node)


def setup(app: Sphinx) -> None:
    app.add_html_theme("edition", str(THEME_DIR))
    app.connect("builder-inited", add_assets)
    app.connect("html-page-context", drop_unused_component_css)
    app.connect("html-page-context", add_head_metadata)
    app.add_node(nodes.citation, override=True,
                 html=(visit_citation_html, depart_citation_html))
