"""The edition's reading theme and its assets.

A small theme of our own on Sphinx's ``basic`` theme: one stylesheet, one
optional script, no web fonts and no third-party requests; a header with the
edition's few sections instead of a sidebar that prints the whole contents on
every page (which would make a large collection's build grow with the square
of its size). The choice is recorded in the README's technical notes.

Each page loads only the stylesheets it uses (:func:`drop_unused_css`):

* sphinx-design's stylesheet is 55 KB for some forty components. The edition
  uses one of them, the tab set (the citation formats of ``cite_this``), and
  the theme's ``edition.css`` carries just the rules of that component (its
  "sphinx-design components" section). The full sheet is loaded only on a
  page that uses a component those rules do not cover, such as a grid an
  editor writes into a page: :data:`STYLED_COMPONENT_CLASSES` lists what the
  theme styles, and a test fails when a built page uses a class that neither
  list nor sheet styles.
* Pygments' stylesheet only where a page shows highlighted code, the
  chronology's only where a page shows the chronology (:data:`USED_WHERE`).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx_design.tabs import sd_tab_label

THEME_DIR = Path(__file__).parent / "theme" / "edition"

#: sphinx-design's stylesheet
COMPONENT_CSS = "sphinx-design.min.css"
#: the sphinx-design classes that edition.css styles itself (the tab set)
STYLED_COMPONENT_CLASSES = frozenset({"sd-tab-set", "sd-tab-label", "sd-tab-content"})
#: a stylesheet that only some pages use -> what in a page's body uses it
USED_WHERE = {
    "pygments.css": re.compile(r'class="highlight'),
    "chronology.css": re.compile(r'class="[^"]*\bchronology'),
}
CLASS_ATTRIBUTE = re.compile(r'class="([^"]*)"')


def component_classes(body: str) -> set[str]:
    """The sphinx-design classes (``sd-...``) a page's body uses."""
    return {name for value in CLASS_ATTRIBUTE.findall(body) for name in value.split()
            if name.startswith("sd-")}


def drop_unused_css(app: Sphinx, pagename: str, templatename: str,
                    context: dict[str, Any], doctree: Any) -> None:
    """Keep only the stylesheets this page uses (see the module docstring)."""
    body = context.get("body", "")
    unused = set()
    if component_classes(body) <= STYLED_COMPONENT_CLASSES:
        unused.add(COMPONENT_CSS)
    unused.update(name for name, use in USED_WHERE.items() if not use.search(body))
    context["css_files"] = [
        css for css in context.get("css_files", [])
        if not str(getattr(css, "filename", css)).endswith(tuple(unused))
    ] if unused else context.get("css_files", [])


class TabLabelsAsLabels(SphinxPostTransform):
    """A tab's ``<label>`` without ``aria-controls``.

    sphinx-design (0.8) gives each tab's label ``aria-controls`` naming its
    panel. The label belongs to a radio input, and HTML does not allow the
    attribute on a label associated with a labelable element (the Nu HTML
    Checker reports each one as an error). Nothing is lost: the panel is the
    element after the input and its label, and the input is what a screen
    reader announces.
    """

    default_priority = 201  # after sphinx-design's TabSetHtmlTransform (200)
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        for label in self.document.findall(sd_tab_label):
            label.attributes.pop("aria_controls", None)


def setup(app: Sphinx) -> None:
    app.add_html_theme("edition", str(THEME_DIR))
    app.connect("html-page-context", drop_unused_css)
    app.add_post_transform(TabLabelsAsLabels)
