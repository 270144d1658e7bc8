"""Pointers into an edited document: where the witness says something.

The registers and the chronology say where each fact comes from with a short
pointer an editor can type and a reader can follow:

* ``¶ 5`` (or ``p5``): paragraph (unit) 5, anchor ``#p5``;
* ``note 2``: the archive editors' note 2, anchor ``#note-2`` (see text/notes.py);
* ``header``, or a metadata field such as ``date``: the document's header.

A pointer may name its document, ``117033: note 2``; without a name it points
into the one edited document of the project (the one with metadata).
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from docutils import nodes
from sphinx.errors import NoUri
from sphinx.util.nodes import make_refnode

from .metadata import FIELDS

POINTER = re.compile(
    r"(?:(?P<doc>[\w./-]+):\s*)?"
    r"(?:(?:¶\s*|p)(?P<unit>[1-9][0-9]*)|note\s+(?P<note>\w+)|(?P<field>header|citation|[a-z-]+))"
)


class Pointer(NamedTuple):
    """A parsed pointer."""

    #: document name, "" for the edited document
    doc: str
    #: anchor in that document ("" for the top of the page)
    anchor: str
    #: what the reader sees: "¶ 5", "note 2", "header"
    label: str
    #: sort key within a document: header, paragraphs, notes
    order: tuple[int, int]


def parse(text: str) -> Pointer | None:
    """``"note 2"`` -> Pointer; None when *text* is not a pointer."""
    match = POINTER.fullmatch(text.strip())
    if not match:
        return None
    doc = match.group("doc") or ""
    if match.group("unit"):
        n = int(match.group("unit"))
        return Pointer(doc, f"p{n}", f"¶ {n}", (1, n))
    if match.group("note"):
        label = match.group("note")
        return Pointer(doc, f"note-{label}", f"note {label}",
                       (2, int(label) if label.isdigit() else 0))
    field = match.group("field")
    if field in ("header", "citation") or field in FIELDS:
        return Pointer(doc, "", "header" if field in FIELDS else field, (0, 0))
    return None


def edited_document(env: Any) -> str:
    """The project's edited document: the only one that declares metadata."""
    documents = env.get_domain("edition").documents
    return next(iter(sorted(documents)), "") if len(documents) == 1 else ""


def reference(builder: Any, fromdoc: str, pointer: Pointer, env: Any) -> nodes.Node:
    """A link for *pointer*, or its label as plain text when it leads nowhere."""
    todoc = pointer.doc or edited_document(env)
    text = nodes.Text(pointer.label)
    if not todoc or todoc not in env.all_docs:
        return text
    if builder.format == "latex" and pointer.anchor.startswith("note-"):
        # LaTeX footnotes carry no label to link to; the note is named in words
        return text
    return link(builder, fromdoc, todoc, pointer.anchor or None, text)


def link(builder: Any, fromdoc: str, todoc: str, anchor: str | None, child: nodes.Node,
         title: str | None = None) -> nodes.Node:
    """A reference to *anchor* in *todoc*; *child* alone where the output has no
    such page (e.g. a document the PDF leaves out), rather than a broken link."""
    try:
        return make_refnode(builder, fromdoc, todoc, anchor, child, title=title)
    except NoUri:
        return child
