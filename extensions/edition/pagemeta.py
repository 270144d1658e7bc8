"""Each web page's description, for search engines and link previews.

A page of an edited document is described by the document's ``summary``
(its front matter, written once); any other page by its first paragraph,
cut at a word near 200 characters. The description goes into the page's
``<meta name="description" />`` (self-closed, since EPUB pages are XML)
unless the page sets its own (MyST's ``html_meta``).
"""

from __future__ import annotations

import html
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from .model.domain import get_domain
from .util import ancestors

LENGTH = 200


def shorten(text: str, length: int = LENGTH) -> str:
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


def add_description(app: Sphinx, pagename: str, templatename: str,
                    context: dict[str, Any], doctree: nodes.document | None) -> None:
    if doctree is None or 'name="description"' in context.get("metatags", ""):
        return
    meta = get_domain(app.env).documents.get(pagename, {})
    description = shorten(meta.get("summary") or first_paragraph(doctree))
    if description:
        context["metatags"] = (context.get("metatags", "") +
                               f'\n    <meta name="description" content="{html.escape(description)}" />')


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", add_description)
