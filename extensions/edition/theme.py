"""The edition's reading theme and its assets.

A small theme of our own on Sphinx's ``basic`` theme: one stylesheet, one
optional script, no web fonts and no third-party requests; a header with the
edition's few sections instead of a sidebar that prints the whole contents on
every page (which would make a large collection's build grow with the square
of its size). The choice is recorded in the README's technical notes.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

THEME_DIR = Path(__file__).parent / "theme" / "edition"

#: sphinx-design's stylesheet (55 KB, 70 % of the document page's weight)
COMPONENT_CSS = "sphinx-design.min.css"
#: a sphinx-design component in a page's body: its classes start with ``sd-``
COMPONENT = re.compile(r'class="[^"]*\bsd-')


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


def setup(app: Sphinx) -> None:
    app.add_html_theme("edition", str(THEME_DIR))
    app.connect("html-page-context", drop_unused_component_css)
