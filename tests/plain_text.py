"""Read the document out of the edition's plain-text output, unit by unit.

Plain text has no classes or faces, so the edition sets its own marks in
characters the witness never uses (the note on the text states the forms):

* a unit opens with its number on a line of its own, ``¶ 7``;
* note references and commentary letters are superscripts (``Gomulka⁴``,
  ``relationshipᵇ``);
* the edition's other marks stand in angle brackets ``⟨sic⟩``, and so does a
  pending slot's notice;
* every line of a commentary block begins with a bar ``│``.

The notes follow a rule of ``=`` signs, each opened by its number ``[3]`` at
the start of a line, as the record labels them. The text builder wraps lines,
after a compound word's own hyphen too (``far-`` / ``sightedness``): a line
that ends with a hyphen after a letter goes on without a space.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from witness import words

UNIT = re.compile(r"^¶ (\d+)\s*$")
NOTE = re.compile(r"^\[(\d+)\] ")
ANGLED = re.compile(r"⟨[^⟨⟩]*⟩")


def is_superscript(char: str) -> bool:
    """A superscript digit or modifier letter: the edition's reference marks."""
    name = unicodedata.name(char, "")
    return name.startswith(("SUPERSCRIPT", "MODIFIER LETTER SMALL", "MODIFIER LETTER CAPITAL"))


def clean(lines: list[str]) -> list[str]:
    text = ""
    for line in lines:
        line = line.strip()
        if not line or line.startswith("│"):
            continue
        if re.search(r"\w-$", text):
            text += line
        else:
            text += " " + line
    text = ANGLED.sub(" ", text)
    text = "".join(c for c in text if not is_superscript(c))
    return words(text)


def units(path: Path) -> tuple[dict[int, list[str]], dict[int, list[str]]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    rule = next(i for i, line in enumerate(lines) if re.fullmatch(r"=+", line.strip()))
    paragraphs: dict[int, list[str]] = {}
    current: list[str] | None = None
    for line in lines[:rule]:
        match = UNIT.match(line)
        if match:
            current = paragraphs.setdefault(int(match.group(1)), [])
            continue
        if current is not None:
            current.append(line)
    notes: dict[int, list[str]] = {}
    note: list[str] | None = None
    for line in lines[rule + 1:]:
        match = NOTE.match(line)
        if match:
            note = notes.setdefault(int(match.group(1)), [])
            line = line[match.end():]
        if note is not None:
            note.append(line)
    return ({n: clean(p) for n, p in paragraphs.items()},
            {n: clean(p) for n, p in notes.items()})
