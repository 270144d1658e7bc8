"""Read the text flow of a TEI export of the edition.

Independent of the exporter's own reading functions, so that the fidelity
check does not trust the code it tests. The English ``div`` holds the
translation with the notes inline where they are referenced:

* the body is the ``div``'s text without any ``note`` (the archive's notes
  and this edition's commentary) and without ``corr`` (the edition's
  correction of a *sic*: the witness's reading is the ``sic``);
* note *n* is the text of the record's ``note[@type='record'][@n=n]``,
  without the commentary nested in it and without ``corr``.

Everything else in the ``div`` is the witness's text: the brackets of the
interpolations around ``supplied``, the spaced points in ``metamark``.
"""

from __future__ import annotations

from copy import deepcopy
from pathlib import Path

from lxml import etree

from html_text import block_text
from witness import Text, words

NS = {"tei": "http://www.tei-c.org/ns/1.0"}
BLOCKS = {"p", "div", "ab"}


def _strip(element, xpath: str):
    copy = deepcopy(element)
    copy.tail = None
    for child in copy.xpath(xpath, namespaces=NS):
        parent, previous = child.getparent(), child.getprevious()
        if child.tail:
            if previous is not None:
                previous.tail = (previous.tail or "") + child.tail
            else:
                parent.text = (parent.text or "") + child.tail
        parent.remove(child)
    return copy


def _text(element) -> str:
    """Text with a space at each block boundary (paragraphs of the div)."""
    return block_text(element, lambda el: etree.QName(el).localname in BLOCKS)


def english_div(path: Path):
    tree = etree.parse(str(path))
    divs = tree.xpath("//tei:text/tei:body/tei:div[@xml:lang='en']", namespaces=NS)
    assert len(divs) == 1, f"{path} must have one English div, has {len(divs)}"
    return divs[0]


def document_text(path: Path) -> Text:
    div = english_div(path)
    body = _strip(div, ".//tei:note | .//tei:corr")
    notes = [
        words(_text(_strip(note, ".//tei:note | .//tei:corr")))
        for note in div.xpath(".//tei:note[@type='record']", namespaces=NS)
    ]
    return Text(body=words(_text(body)), notes=notes)


# --- the exact test: paragraph by paragraph, note by note ---------------------

#: the record's notes (at their references in the English div)
RECORD_NOTE = "tei:note[@type='record']"
#: the edition's own elements inside a paragraph or a note: this edition's
#: commentary (its own notes), its correction of a sic, and (inside a
#: paragraph) the record's notes, which are read on their own
EDITION = ".//tei:note[@type='editorial'] | .//tei:corr"


def units(path: Path) -> tuple[dict[int, list[str]], dict[int, list[str]]]:
    """(paragraphs, notes): ``p[@xml:id='pN']`` and the record's ``note[@n]``."""
    div = english_div(path)
    paragraphs = {}
    for p in div.xpath("./tei:p[@n] | ./tei:div[@type='unit'][@n]", namespaces=NS):
        if p.get("n", "").isdigit():
            stripped = _strip(p, f"{EDITION} | .//{RECORD_NOTE}")
            paragraphs[int(p.get("n"))] = words(_text(stripped))
    notes = {int(note.get("n")): words(_text(_strip(note, EDITION)))
             for note in div.xpath(f".//{RECORD_NOTE}", namespaces=NS)
             if note.get("n", "").isdigit()}
    return paragraphs, notes
