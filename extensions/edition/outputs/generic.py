"""Every other builder: the edition's nodes for outputs without visitors of their own.

The nodes (:mod:`edition.nodes`) have visitors for HTML (and the builders
that write through it: ``dirhtml``, ``singlehtml``, ``epub``, ``json``,
``pickle``), LaTeX and text. Each other builder Sphinx ships gets them too:

``man``, ``texinfo``
    Once a page is resolved, :func:`lower` replaces each node of the edition
    by standard docutils nodes that say the same, as the text output does:
    a unit is its paragraphs, the first numbered ``¶ 7``; a slot is its text under
    ``⟨Chinese original, zh-Hans⟩``, or ``⟨Chinese original not yet
    transcribed⟩``; interpolations keep the record's brackets; a *sic* is
    followed by ``⟨sic⟩``; commentary is a block under ``ᵃ Commentary of this
    edition`` and its place in the text ``ᵃ``. The edition's marks take the
    plain-text forms of :mod:`edition.outputs.plain`, never the record's
    square brackets. Mentions, names and
    dates are their words. The timeline figure is left out (the list beside
    it holds every event). :data:`LOWERED` names the rule of every node. A
    man page cannot follow a link within the book: there a link between
    the edition's pages (a mention to its register entry, a citation to the
    bibliography) is its words (docutils' man writer would print the
    anchor, ``Warsaw <#warsaw>``, inside the witness's text).
``xml``, ``pseudoxml``
    docutils' XML writers write any node as an element of its class name
    with its attributes: nothing to add.
``gettext``
    The message catalogues hold the sources' paragraphs; nothing is written
    from nodes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from ..nodes import (bibliography_place, chronology, citation_ref, cite_this, commentary,
                     commentary_ref, coverage_notice, document_header, entity_entry,
                     event_date, interpolation, mark, mention, original_name, page_break,
                     provenance_line, register, sentence, side, timeline_figure, unit)
from ..text.commentary import LABEL
from ..text.parallel import PENDING_TEXT
from .plain import angled, superscript

#: the formats of the builders whose trees are lowered
FORMATS = ("man", "texinfo")


def as_blocks(node: nodes.Element, app: Sphinx) -> list[nodes.Node]:
    """A block's children in its place (the first takes its ids).

    Not a container: the man page writer sets no space before a paragraph
    that opens a container, and every paragraph would run into the last.
    """
    if not node.children:
        node["ids"] = []
    return list(node.children)


def as_inline(node: nodes.Element, app: Sphinx) -> nodes.Node:
    return nodes.inline("", "", *node.children, ids=node["ids"])


def drop(node: nodes.Element, app: Sphinx) -> list[nodes.Node]:
    return []


def lower_unit(node: unit, app: Sphinx) -> list[nodes.Node]:
    first = next(iter(node.findall(nodes.paragraph)), None)
    if node["n"] and first is not None:
        first[0:0] = [nodes.strong("", f"¶ {node['n']}"), nodes.Text(" ")]
    return as_blocks(node, app)


def lower_side(node: side, app: Sphinx) -> list[nodes.Node]:
    if not node.is_original:
        return as_blocks(node, app)
    name = app.config.edition_original_name
    if node.is_pending:
        return [nodes.paragraph("", angled(PENDING_TEXT.format(language=name)))]
    return [nodes.paragraph("", angled(f"{name} original, {node['lang']}")), *node.children]


def lower_interpolation(node: interpolation, app: Sphinx) -> nodes.Node:
    return nodes.inline("", "", nodes.Text("["), *node.children, nodes.Text("]"))


def lower_mark(node: mark, app: Sphinx) -> nodes.Node:
    out = nodes.inline("", "", *node.children, ids=node["ids"])
    if node["kind"] == "sic":
        out += nodes.Text(" " + angled("sic"))
    return out


def lower_commentary(node: commentary, app: Sphinx) -> list[nodes.Node]:
    label = nodes.paragraph("", "", nodes.emphasis(
        "", f"{superscript(node['letter'])} {LABEL}"))
    return [label, *node.children]


def lower_commentary_ref(node: commentary_ref, app: Sphinx) -> nodes.Node:
    return nodes.inline("", superscript(node["letter"]), ids=node["ids"])


def lower_page_break(node: Any, app: Sphinx) -> nodes.Node:
    return nodes.inline("", f"[p. {node['n']}]", ids=node["ids"])


def lower_provenance_line(node: Any, app: Sphinx) -> nodes.Node:
    return nodes.paragraph("", f"[{node.astext()}]")


#: node class -> what it becomes (node, app) -> node(s)
LOWERED: dict[type[nodes.Element], Callable[[Any, Sphinx], nodes.Node | list[nodes.Node]]] = {
    unit: lower_unit,
    side: lower_side,
    coverage_notice: as_blocks,
    document_header: as_blocks,
    interpolation: lower_interpolation,
    mark: lower_mark,
    commentary: lower_commentary,
    commentary_ref: lower_commentary_ref,
    mention: as_inline,
    # drawn before this runs (registers, chronology) or resolved (citations):
    # lowered all the same, should a page keep one
    register: as_blocks,
    entity_entry: as_blocks,
    original_name: as_inline,
    event_date: as_inline,
    chronology: drop,
    timeline_figure: drop,
    citation_ref: as_inline,
    cite_this: drop,
    bibliography_place: drop,
    # filling the slot (issue 17): as the text output writes them
    page_break: lower_page_break,
    sentence: as_inline,
    provenance_line: lower_provenance_line,
}


def lower(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Replace each node of the edition by standard nodes (innermost first)."""
    if app.builder.format not in FORMATS:
        return
    if app.builder.format == "man":
        for ref in list(doctree.findall(nodes.reference)):
            uri = ref.get("refuri", "")
            if "://" not in uri and not uri.startswith("mailto:"):
                ref.replace_self(nodes.inline("", "", *ref.children, ids=ref["ids"]))
    found = [n for n in doctree.findall(nodes.Element) if type(n) in LOWERED]
    for node in reversed(found):
        replacement = LOWERED[type(node)](node, app)
        if isinstance(replacement, list) and not replacement:
            node.parent.remove(node)
        else:
            # a list's first element takes the node's ids and classes
            node.replace_self(replacement)


def setup(app: Sphinx) -> None:
    # after every handler that draws or resolves the edition's nodes (400, 500)
    app.connect("doctree-resolved", lower, priority=900)
