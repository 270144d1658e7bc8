"""What the real edition's sources hold, counted from the sources themselves.

Tests of the real edition's outputs (``edition_build``, ``edition_pdf``:
acceptance tests) compare what an output shows with these counts, never with
a number written into the test: correcting the transcription
(``source/117033.md``: a paragraph split, a note or a bracket added) changes
the expected count with the text, and a test still fails when an output
loses or doubles something.

The counts are read from the MyST markup by its signs (``::::{unit} pN``,
``[^N]:``, ``{interpolation}``, ``:::{commentary}``, ``{person}`...```),
independently of the extensions that render them.
"""

from __future__ import annotations

import re
import string
from pathlib import Path

SOURCE = Path(__file__).resolve().parent.parent / "source"
DOCUMENT = SOURCE / "117033.md"


def _text(path: Path = DOCUMENT) -> str:
    return path.read_text(encoding="utf-8")


def units() -> list[str]:
    """The units' names (``p1``, ``p2``, ...) in the order of the document."""
    return re.findall(r"^:{3,}\{unit\} (\S+)", _text(), re.M)


def notes() -> list[str]:
    """The notes' numbers as given in the record, in order (``"1"``, ...)."""
    return re.findall(r"^\[\^(\d+)\]:", _text(), re.M)


def interpolations() -> int:
    """How many bracketed words of the record the document marks."""
    return _text().count("{interpolation}`")


def commentary_letters() -> list[str]:
    """The letters of the edition's commentary (one a directive, lettered a, b, ...)."""
    count = len(re.findall(r"^\s*:{3,}\{commentary\}", _text(), re.M))
    assert count <= 26, "the letters run past z: extend commentary_letters"
    return list(string.ascii_lowercase[:count])


def mentions(role: str, key: str) -> int:
    """How many ``{role}`` mentions name the entity *key*: written
    ``{person}`Stalin``` (the key is the text, lower-cased, spaces as
    hyphens) or ``{person}`Zhou <zhou-enlai>```."""
    found = 0
    for text in re.findall(r"\{%s\}`([^`]+)`" % re.escape(role), _text()):
        explicit = re.fullmatch(r"(.*?)\s*<([^>]+)>", text)
        named = explicit.group(2) if explicit else "-".join(text.lower().split())
        found += named == key
    return found


def events() -> int:
    """The chronology's events: each ``{event}`` of ``chronology.md``, and the
    date of each edited document (from its metadata; here one)."""
    directives = len(re.findall(r"^:{3,}\{event\}", _text(SOURCE / "chronology.md"), re.M))
    dated = len(re.findall(r"^  date: ", _text(), re.M))
    return directives + dated


def unit_texts() -> dict[str, str]:
    """Each unit's markup (translation and original sides), by name."""
    parts = re.split(r"^:{3,}\{unit\} (\S+)\n", _text().split("\n[^1]:", 1)[0], flags=re.M)
    return dict(zip(parts[1::2], parts[2::2]))


def note_texts() -> dict[str, str]:
    """Each note's markup, by number."""
    parts = re.split(r"^\[\^(\d+)\]: ", _text(), flags=re.M)
    return dict(zip(parts[1::2], parts[2::2]))


def holding(word: str) -> list[str]:
    """The passages (``p4``, ``note-5``) whose markup holds *word* (any case)."""
    word = word.lower()
    return ([name for name, text in unit_texts().items() if word in text.lower()]
            + [f"note-{n}" for n, text in note_texts().items() if word in text.lower()])
