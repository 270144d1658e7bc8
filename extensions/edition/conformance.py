"""Corrections that make Sphinx's and docutils' HTML pass the validators of record.

The pages are checked by the Nu HTML Checker, axe-core, Lighthouse and (for
the EPUB) epubcheck. Where markup that the edition does not write itself
fails one of them, the smallest correction goes here, with the rule it meets:

* a bibliography entry of docutils carries ``role="doc-biblioentry"``, which
  DPUB-ARIA 1.1 deprecates (epubcheck RSC-017); inside docutils' own
  ``role="list"`` wrapper the right role is ``listitem``.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx


def visit_citation_html(self: Any, node: nodes.citation) -> None:
    # docutils' visit_citation, with the role DPUB-ARIA 1.1 asks for
    if not isinstance(node.previous_sibling(), type(node)):
        self.body.append('<div role="list" class="citation-list">\n')
    self.body.append(self.starttag(node, "div", classes=[node.tagname], role="listitem"))


def depart_citation_html(self: Any, node: nodes.citation) -> None:
    type(self).depart_citation(self, node)


def setup(app: Sphinx) -> None:
    app.add_node(nodes.citation, override=True,
                 html=(visit_citation_html, depart_citation_html))
