"""Interpolations: words in square brackets in the record.

The record prints words in square brackets (``[of Soviet]``) and does not say
who supplied them; the edition says no more than the record.

Markup: ``{interpolation}`of Soviet``` for the witness's ``[of Soviet]``. The
source holds the words, the output adds the brackets, so every output shows
them as published and a reader (or an export) can still tell them from the
words of the text. In HTML the brackets sit in their own spans, which the
reading-text mode hides.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxRole

from ..diagnostics import Kind, warn
from ..nodes import interpolation

#: the tooltip: what the record shows, and no more
TITLE = "Words in square brackets in the record (it does not say who supplied them)"


class InterpolationRole(SphinxRole):
    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        node = interpolation(self.rawtext, self.text, classes=["interpolation"])
        self.set_source_info(node)
        if not self.text.strip():
            warn(Kind.interpolation, "interpolation is empty: write the words the "
                 "record gives in square brackets, e.g. {interpolation}`of Soviet`",
                 location=node)
        return [node], []


def visit_html(self: Any, node: interpolation) -> None:
    self.body.append(self.starttag(node, "span", "", title=TITLE))
    self.body.append('<span class="interpolation-bracket">[</span>')


def depart_html(self: Any, node: interpolation) -> None:
    self.body.append('<span class="interpolation-bracket">]</span></span>')


def visit_latex(self: Any, node: interpolation) -> None:
    self.body.append(r"\edinterpolation{")


def depart_latex(self: Any, node: interpolation) -> None:
    self.body.append("}")


def visit_text(self: Any, node: interpolation) -> None:
    self.add_text("[")


def depart_text(self: Any, node: interpolation) -> None:
    self.add_text("]")


def setup(app: Sphinx) -> None:
    app.add_role("interpolation", InterpolationRole())
    app.add_node(interpolation, html=(visit_html, depart_html),
                 latex=(visit_latex, depart_latex), text=(visit_text, depart_text))
