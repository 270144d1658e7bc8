"""The edition's own marks in plain text, where no face or colour tells them
from the witness's words.

The record's own sign, square brackets, encloses words supplied in the
English text; the edition's marks never use it. In plain text they take
characters the witness never uses (the note on the text states the forms):

* note references and commentary letters are superscripts: ``Gomulka⁴``,
  ``relationshipᵇ`` (:func:`superscript`);
* the edition's other marks stand in angle brackets: ``zhuoyeu ⟨sic⟩``,
  ``⟨Chinese original not yet transcribed⟩`` (:func:`angled`);
* every line of a block of the edition's commentary begins with a bar ``│``
  (:func:`barred`).

Every text visitor of the edition (``text`` builder) and the lowering for
``man`` and ``texinfo`` (:mod:`edition.outputs.generic`) write the marks
through these functions, so the forms are decided here once.
"""

from __future__ import annotations

#: superscript forms of digits and Latin small letters (Unicode has none for q)
SUPERSCRIPTS = dict(zip(
    "0123456789abcdefghijklmnoprstuvwxyz",
    "⁰¹²³⁴⁵⁶⁷⁸⁹ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻ"))

BAR = "│"


def superscript(label: str) -> str:
    """``4`` -> ``⁴``, ``b`` -> ``ᵇ``; a label with a character that has no
    superscript form goes in angle brackets instead."""
    if label and all(c in SUPERSCRIPTS for c in label.lower()):
        return "".join(SUPERSCRIPTS[c] for c in label.lower())
    return angled(label)


def angled(text: str) -> str:
    return f"\u27e8{text}\u27e9"


def barred(lines: list[str]) -> list[str]:
    """Each line of a commentary block behind the bar; blank lines at its end stay blank."""
    end = len(lines)
    while end and not lines[end - 1].strip():
        end -= 1
    return [f"{BAR} {line}" if line.strip() else BAR for line in lines[:end]] + lines[end:]
