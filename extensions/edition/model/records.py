"""The records the edition keeps of what it reads: units, mentions, entities, events.

Each is a ``NamedTuple`` with a comment per field: plain data that Sphinx
pickles with its environment and that parallel readers hand back, kept in
the domains (:mod:`edition.model.domain`, :mod:`edition.entities.mentions`,
:mod:`edition.chronology.events`) by document.
"""

from __future__ import annotations

from typing import NamedTuple


class UnitRecord(NamedTuple):
    """One aligned unit of a document, as read."""

    #: the unit's number, e.g. ``"p7"``
    number: str
    #: line of the ``unit`` directive in its source
    line: int
    #: ``"transcribed"`` or ``"pending"``
    status: str
    #: language of the slot (the original side)
    lang: str


class MentionRecord(NamedTuple):
    """One mention of an entity in a document, as read."""

    #: the entity's key
    key: str
    #: the name as the text spells it
    text: str
    #: anchor of the mention in its document
    id: str
    #: ``"¶ 5"``, ``"note 2"``, ``"header"``; ``""`` outside the edited text
    label: str
    #: sort key within the document: header (0), units (1), notes (2), other (3)
    order: tuple[int, int]
    #: line of the mention in its source
    line: int


class Entity(NamedTuple):
    """One entry of the registers, as defined in the data file."""

    #: stable key, e.g. ``"gomulka"``
    key: str
    #: one of KINDS
    kind: str
    #: the register's form of the name, e.g. ``"Gomułka, Władysław"``
    standard: str
    #: the forms the text uses
    spelled: tuple[str, ...]
    #: (language tag, name in original script) pairs
    original: tuple[tuple[str, str], ...]
    #: one line the witness supports ("" when none)
    identification: str
    #: pointers to where the witness says it ("note 4", "¶ 9")
    witness: tuple[str, ...]
    #: where the witness names the entity in words the edition cannot mark
    unmarked: str
    #: line of the entry in the data file
    line: int
    #: basis of what the witness does not say (original forms, a standard
    #: form of the editors, an identification): a bib/ key or a reference work
    source: str = ""


class Event(NamedTuple):
    """One dated event, as read."""

    #: first day, ISO
    start: str
    #: last day, ISO (== start for one day)
    end: str
    #: "day" or "month": how precisely the source dates it
    precision: str
    #: why the year is the edition's inference ("" when the source gives it)
    year_inferred: str
    #: short label for the timeline
    label: str
    #: the edition's paraphrase
    text: str
    #: pointer to where the witness gives it ("note 3", "date")
    source: str
    #: the witness's words ("" when none are quoted)
    quote: str
    #: anchor of the event in its document
    id: str
    #: line of the directive
    line: int
