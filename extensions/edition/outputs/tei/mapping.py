"""TEI: how each node becomes TEI, and the small tools that write TEI elements.

How each node becomes TEI is one table, :data:`TEI_MAPPING`, from node class
to element; the technical page ``technical/tei`` shows it to editors. A node
class that is not in the table (nor any of its bases) is written as its text,
so a new kind of markup never loses a word; the build lists such classes once
(at the info level) so that someone can map them. The translators the record
names and this edition are ``resp`` pointers; the record's notes and its
words in square brackets point to the record as their ``source``, since the
record does not say who wrote or supplied them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from docutils import nodes
from lxml import etree
from sphinx import addnodes

from ...nodes import commentary, commentary_ref, interpolation, mark, mention
# -- filling the slot (issue 17): page breaks, sentences, marked Latin letters --
from ...text import foreign as _foreign
from ...text import pagebreak as _pagebreak
from ...text import sentences as _sentences

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_ID = f"{{{XML_NS}}}id"
XML_LANG = f"{{{XML_NS}}}lang"

#: ``resp`` pointers: the translators the record names, and this edition. The
#: record's notes and its words in square brackets carry no ``resp``: the
#: record does not say who wrote them; they are ``type="record"`` notes and
#: ``supplied`` elements whose ``source`` is the record's ``bibl``.
TRANSLATORS = "translators"
EDITION = "edition"
#: the record's notes
RECORD_NOTE = "record"

#: the slot's status when nothing is transcribed, as the ``gap``'s reason
NOT_TRANSCRIBED = "not-transcribed"

#: entity kind -> (TEI name element, list, entry, entry's name element); the
#: kinds are the mention roles' (``org``) and the registers' (``organisation``)
ENTITY_ELEMENTS = {
    "person": ("persName", "listPerson", "person", "persName"),
    "place": ("placeName", "listPlace", "place", "placeName"),
    "org": ("orgName", "listOrg", "org", "orgName"),
    "organisation": ("orgName", "listOrg", "org", "orgName"),
    "publication": ("title", "listBibl", "bibl", "title"),
}


@dataclass(frozen=True)
class RegisterEntry:
    """What the registers know of an entity, for its list entry."""

    #: (type, language tag, name): the standard form, spellings, original scripts
    names: tuple[tuple[str | None, str | None, str], ...]
    #: the register's identification of the entity ("" when none)
    note: str = ""


NCNAME = re.compile(r"[A-Za-z_][\w.\-]*")


def tei(tag: str) -> str:
    return f"{{{TEI_NS}}}{tag}"


def sub(parent: etree._Element, tag: str, text: str | None = None,
        **attrs: str) -> etree._Element:
    """A TEI child element; attributes named ``xml_id``/``xml_lang`` go to xml:."""
    element = etree.SubElement(parent, tei(tag))
    for name, value in attrs.items():
        if value is None or value == "":
            continue
        if name == "xml_id":
            element.set(XML_ID, value)
        elif name == "xml_lang":
            element.set(XML_LANG, value)
        else:
            element.set(name, value)
    if text:
        element.text = text
    return element


def append_text(parent: etree._Element, text: str) -> None:
    """Add text at the end of *parent* (after its last child, if any)."""
    if not text:
        return
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def ncname(value: str) -> str | None:
    """*value* if it can be an xml:id, else None (the element goes without one)."""
    return value if NCNAME.fullmatch(value or "") else None


def qualified_name(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


# --- The mapping: node class -> TEI ------------------------------------------

#: One entry per node class: either ``(element, attributes)`` for a node that
#: maps one to one (its children go inside), or the name of a method of
#: :class:`TeiWriter` for a node that needs more (notes are written where they
#: are referenced, marks take their commentary's data, ...), or a function
#: ``(writer, node, parent)`` of the module that owns the node. Subclasses use
#: their base's entry. To map a new node, add a line here.
TEI_MAPPING: dict[type[nodes.Node], tuple[str, dict[str, str]] | str | Callable[..., None]] = {
    # the edition's own nodes
    interpolation: "write_interpolation",   # [<supplied source="#record">...</supplied>]
    mark: "write_mark",                     # choice/sic/corr, metamark+gap, seg (rejoin)
    mention: "write_mention",               # persName / placeName / orgName ref="#..."
    nodes.footnote_reference: "write_note",  # <note n="1" type="record">
    commentary_ref: "write_commentary",     # <note type="editorial" resp="#edition">
    # standard docutils and Sphinx inline nodes
    nodes.emphasis: ("hi", {"rend": "italic"}),
    nodes.strong: ("hi", {"rend": "bold"}),
    nodes.literal: ("code", {}),
    nodes.title_reference: ("title", {}),
    nodes.subscript: ("hi", {"rend": "subscript"}),
    nodes.superscript: ("hi", {"rend": "superscript"}),
    nodes.reference: "write_reference",     # <ref target="...">
    addnodes.pending_xref: "write_pending_xref",  # a citation of bib/ -> <ptr target="#key"/>
    nodes.paragraph: "write_inline_paragraph",  # a paragraph met inside running text
    nodes.inline: "inline_children",        # a span with classes only: its words
    # filling the slot (text/pagebreak.py, text/sentences.py, text/foreign.py)
    _pagebreak.page_break: _pagebreak.write_tei,  # <pb n="303" edRef="#shi1993"/>
    _sentences.sentence: _sentences.write_tei,    # <s xml:id="p2-en-s1" corresp="#...">
    _foreign.foreign: _foreign.write_tei,         # <foreign>NATO</foreign>
}

#: Nodes that carry no words of the text here: written elsewhere (notes and
#: commentary at their references, the header from the metadata) or invisible.
SKIP: tuple[type[nodes.Node], ...] = (
    nodes.footnote, commentary, nodes.label, nodes.Invisible, nodes.system_message,
    nodes.raw, nodes.comment, nodes.transition,
)


def mapping_for(node: nodes.Node) -> tuple[str, dict[str, str]] | str | Callable[..., None] | None:
    for cls in type(node).__mro__:
        if cls in TEI_MAPPING:
            return TEI_MAPPING[cls]
    return None


def list_order(kind: str) -> int:
    kinds = list(ENTITY_ELEMENTS)
    return kinds.index(kind) if kind in kinds else len(kinds)


#: the registers' names of the kinds that a role names otherwise
CANONICAL_KIND = {"org": "organisation"}


def entity_id(kind: str, key: str) -> str:
    """xml:id of an entity's list entry: kind and key, made a valid name."""
    return f"{CANONICAL_KIND.get(kind, kind)}-" + re.sub(r"[^\w.\-]", "-", key)


def last_paragraph(element: etree._Element) -> etree._Element:
    paragraphs = element.findall(tei("p"))
    return paragraphs[-1] if paragraphs else element
