"""Entities: persons, places and organisations the text names.

Markup: ``{person}`Khrushchev```, ``{person}`Wladyslaw Gomulka <gomulka>```,
``{place}`Warsaw```, ``{org}`CCP <ccp>```. The text is the name as the text
spells it; the key in angle brackets (or, without one, the name in lower case
with hyphens) points to the entity's entry in the registers.
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxRole
from sphinx.util.nodes import split_explicit_title

KINDS = {"person": "person", "place": "place", "org": "organisation"}


def default_key(text: str) -> str:
    return re.sub(r"[^\w]+", "-", text.strip().lower()).strip("-")


class mention(nodes.Inline, nodes.TextElement):
    """One occurrence of an entity in a unit or note."""


class MentionRole(SphinxRole):
    def __init__(self, kind: str) -> None:
        super().__init__()
        self.kind = kind

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        has_key, text, key = split_explicit_title(self.text)
        node = mention(self.rawtext, text, kind=self.kind,
                       key=key if has_key else default_key(text),
                       classes=["mention", f"mention-{self.kind}"])
        self.set_source_info(node)
        return [node], []


def visit_html(self: Any, node: mention) -> None:
    self.body.append(self.starttag(node, "span", "", **{"data-entity": node["key"]}))


def depart_html(self: Any, node: mention) -> None:
    self.body.append("</span>")


def passthrough(self: Any, node: nodes.Node) -> None:
    pass


def setup(app: Sphinx) -> None:
    for kind in KINDS:
        app.add_role(kind, MentionRole(kind))
    app.add_node(mention, html=(visit_html, depart_html),
                 latex=(passthrough, passthrough), text=(passthrough, passthrough))
