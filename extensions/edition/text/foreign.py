"""Latin letters that the printed original itself has: the ``{foreign}`` role.

Markup, in a slot: ``{foreign}`NATO``` where the page prints Latin letters
(an abbreviation, a name in Latin script). The import of a transcription
refuses Latin letters in the original that are not marked (they are far
more often English pasted by mistake, see ``transcription/validate.py``);
this role is how a transcriber says "the page has them". Outputs render the
words as they are (HTML ``<span class="foreign">``, TEI ``<foreign>``).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxRole

from ..nodes import foreign


class ForeignRole(SphinxRole):
    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        node = foreign(self.rawtext, self.text, classes=["foreign"])
        self.set_source_info(node)
        return [node], []


def write_tei(writer: Any, node: foreign, parent: Any) -> None:
    from lxml import etree

    writer.inline_children(node, etree.SubElement(parent, parent.tag.split("}")[0] + "}foreign"))


def visit_as_inline(self: Any, node: foreign) -> None:
    self.visit_inline(node)


def depart_as_inline(self: Any, node: foreign) -> None:
    self.depart_inline(node)


def setup(app: Sphinx) -> None:
    app.add_role("foreign", ForeignRole())
    # every output writes the words as an ordinary inline with the class
    # "foreign" (registered, not left to the translators' dispatch by base
    # class, so that tests/test_builders.py sees a visitor for each)
    inline = (visit_as_inline, depart_as_inline)
    app.add_node(foreign, html=inline, latex=inline, text=inline, man=inline,
                 texinfo=inline)
