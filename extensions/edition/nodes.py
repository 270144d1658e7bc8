"""Every node class of the edition, with the questions the outputs ask of it.

The nodes are the edition's model as it stands in a doctree (the words of
``DESIGN.md``). Each output answers the same questions by asking the node,
never by testing its attributes again:

* :attr:`unit.in_columns` -- whether a unit is set as two columns in print:
  the one rule that the LaTeX visitors of units and sides, and the LaTeX
  form of the notes inside them (:func:`in_columns`), follow;
* :attr:`side.role`, :attr:`side.is_original`, :attr:`side.is_pending` --
  which side of its unit a side is, and whether its slot is still empty;
* :func:`note_label` -- the label of a note of the record (``"3"``), as the
  witness numbers it.

Which module makes each node and which writes it:

========================  ===============================  =========================
node                      made by                          written by
========================  ===============================  =========================
``unit``, ``side``,       text/parallel.py                 text/parallel.py
``coverage_notice``       text/alignment.py
``document_header``       text/header.py                   text/header.py
``interpolation``         text/interpolation.py            text/interpolation.py
``mark``, ``commentary``, text/commentary.py               text/commentary.py
``commentary_ref``
``mention``               entities/mentions.py             entities/mentions.py
``register``,             entities/registers.py            entities/registers.py
``entity_entry``,
``original_name``
``event_date``,           chronology/events.py             chronology/events.py
``chronology``,
``timeline_figure``
``citation_ref``          citation/roles.py                resolved before writing
``cite_this``             citation/cite_this.py            resolved before writing
``bibliography_place``    outputs/book.py (LaTeX only)     removed before writing
``page_break``            text/pagebreak.py                text/pagebreak.py
``foreign``               text/foreign.py                  Sphinx's ``inline``; TEI
``sentence``              text/sentences.py                text/sentences.py
``provenance_line``       transcription/provenance.py      transcription/provenance.py
========================  ===============================  =========================

Outputs without visitors of their own (``man``, ``texinfo``) get each node
lowered to standard docutils nodes by :mod:`edition.outputs.generic`.
"""

from __future__ import annotations

from docutils import nodes

from .util import ancestors

#: body text: block elements that hold words of a document (a unit's side holds
#: them; one standing outside any unit is reported, and kept by every output)
BODY_TEXT = (nodes.paragraph, nodes.block_quote, nodes.bullet_list,
             nodes.enumerated_list, nodes.definition_list, nodes.line_block,
             nodes.table, nodes.literal_block)

#: the two roles of a side
TRANSLATION, ORIGINAL = "translation", "original"
#: the states of a slot (the original side)
PENDING, TRANSCRIBED = "pending", "transcribed"


# --- the parallel text -----------------------------------------------------------

class unit(nodes.General, nodes.Element):
    """An aligned unit; ``number`` is ``"p7"``, ``n`` is 7 (0 when unnumbered).

    ``pending_document`` is set (by the alignment check) when no slot of the
    whole document is transcribed.
    """

    @property
    def sides(self) -> list[side]:
        return [child for child in self.children if isinstance(child, side)]

    @property
    def slot(self) -> side | None:
        """The original side (the slot), or None when the unit has none."""
        return next((s for s in self.sides if s.is_original), None)

    @property
    def in_columns(self) -> bool:
        """Whether print sets this unit as two columns, translation beside original.

        Yes unless its whole document is pending (then the PDF is the English
        text, and the coverage notice says why), and only when the unit has
        exactly one side of each role (a missing or doubled side, already
        reported, stays in one column).
        """
        if self.get("pending_document"):
            return False
        roles = [s.role for s in self.sides]
        return roles.count(TRANSLATION) == 1 and roles.count(ORIGINAL) == 1


class side(nodes.General, nodes.Element):
    """One side of a unit: ``role`` is ``translation`` or ``original``.

    An original side (the slot) also has ``status``: ``pending`` or
    ``transcribed``, and ``lang``.
    """

    @property
    def role(self) -> str:
        return self.get("role", "")

    @property
    def is_original(self) -> bool:
        return self.role == ORIGINAL

    @property
    def is_translation(self) -> bool:
        return self.role == TRANSLATION

    @property
    def is_pending(self) -> bool:
        """A slot not yet transcribed."""
        return self.is_original and self.get("status") != TRANSCRIBED


class coverage_notice(nodes.General, nodes.Element):
    """How much of a document's original is transcribed (set by a transform)."""


def in_columns(node: nodes.Node) -> bool:
    """Whether *node* stands inside a unit that print sets in columns.

    A note there is written as a plain ``\\footnote`` (Sphinx's ``footnote``
    environment breaks inside ``paracol``).
    """
    return any(isinstance(a, unit) and a.in_columns for a in ancestors(node))


# --- the archive's notes -------------------------------------------------------------

def note_label(footnote: nodes.Element) -> str:
    """The label of a note as the witness numbers it (``"3"``); ``""`` if none."""
    if footnote.children and isinstance(footnote[0], nodes.label):
        return footnote[0].astext()
    return ""


# --- the document -------------------------------------------------------------------

class document_header(nodes.General, nodes.Element):
    """The metadata block under a document's title (standard nodes inside)."""


# --- the translators' words, the edition's marks and commentary -----------------------

class interpolation(nodes.Inline, nodes.TextElement):
    """Words in square brackets in the record (rendered in their brackets)."""


class mark(nodes.Inline, nodes.TextElement):
    """A marked phrase of the text; ``kind`` is sic, omission or rejoin."""


class commentary(nodes.General, nodes.Element):
    """This edition's commentary; ``letter`` is its place in the series."""


class commentary_ref(nodes.Inline, nodes.Element):
    """The letter in the text that points to a commentary."""


# --- entities and registers -------------------------------------------------------------

class mention(nodes.Inline, nodes.TextElement):
    """One occurrence of an entity in a unit, note or header."""


class register(nodes.General, nodes.Element):
    """Where a register is drawn; ``kinds`` lists the entity kinds it holds,
    ``docname`` the page it stands on."""


class entity_entry(nodes.General, nodes.Element):
    """One entry of a register; its id is the entity's key."""


class original_name(nodes.Inline, nodes.TextElement):
    """A name in its original script; ``lang`` is its BCP 47 tag."""


# --- the chronology -------------------------------------------------------------------

class event_date(nodes.Inline, nodes.TextElement):
    """The date of an event in the list; ``datetime`` is machine-readable."""


class chronology(nodes.General, nodes.Element):
    """Where the chronology is drawn."""


class timeline_figure(nodes.General, nodes.Element):
    """The timeline: ``svg`` and ``tikz`` hold the drawing, ``description`` its text,
    ``details`` the id of its long description (the list of events, aria-details)."""


# --- citations ------------------------------------------------------------------------

class citation_ref(nodes.Inline, nodes.Element):
    """A citation of ``key`` at ``locator``; resolved into links after reading.

    ``mode`` is ``words`` (the children are the words that cite, linked),
    ``marker`` (the note form, written in the edition's prose) or ``form``
    (the note form alone, as in the document header).
    """


class cite_this(nodes.General, nodes.Element):
    """Where the "how to cite" forms go; ``document`` is a docname or ``""`` (all)."""


# --- print -------------------------------------------------------------------------------

class bibliography_place(nodes.Element):
    """Where the first citation stood before Sphinx gathered them (LaTeX only)."""


# --- the printed source and the filled slot ----------------------------------------

class page_break(nodes.Inline, nodes.Element):
    """A page of the printed source begins here; ``n`` is its number as written."""


class foreign(nodes.inline):
    """Letters of another script that the original prints."""


class sentence(nodes.Inline, nodes.Element):
    """One sentence of a side: ``ids`` [its id], ``n`` its number in the side,
    ``corresp`` the ids of its counterparts, ``pair`` the pair's number in the
    unit (0: no counterpart)."""


class provenance_line(nodes.General, nodes.Element):
    """The small line under a unit's original that says where it comes from."""


#: every node class of the edition, for the tests that check each output knows them
ALL: tuple[type[nodes.Element], ...] = (
    unit, side, coverage_notice, document_header, interpolation, mark, commentary,
    commentary_ref, mention, register, entity_entry, original_name, event_date,
    chronology, timeline_figure, citation_ref, cite_this, bibliography_place,
    page_break, foreign, sentence, provenance_line,
)
