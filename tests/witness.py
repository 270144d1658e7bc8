"""The witness and the fidelity check every output is held to.

:func:`witness_text` reads ``tests/data/117033-en.txt`` (the capture, kept
unchanged) and resolves only the capture artifacts that the note on the text
documents: the ``□`` markers, the two page-break splits, and the two forms of
note mark. What remains are the words of the translation and of the notes, in
the witness's order, brackets of the interpolations included.

:func:`compare` reports the first place where an output's words differ from
the witness's: a dropped, changed, added or moved word fails.

The reading outputs (HTML, EPUB, PDF) set the witness's straight quotation
marks and apostrophes as typographic ones, as the note on the text states
(``extensions/edition/text/typography.py``); the data exports keep them straight.
The comparison therefore takes “ ” and " as one mark, and ‘ ’ and ' as
another: those four shapes, and nothing else, are treated as equal.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

WITNESS = Path(__file__).parent / "data" / "117033-en.txt"

BODY_NOTE_MARK = re.compile(r"\[\\\[\d\\\]\]\(#\)|\^\[\d\]")
NOTE_LABEL = re.compile(r"^(?:\[\d\]|\[\\\[\d\\\]\]\(#\))\s+")


@dataclass(frozen=True)
class Text:
    """The words of the translation (body) and of each note, in order.

    ``paragraphs`` holds the body's words paragraph by paragraph, where a
    reader knows the paragraphs (empty otherwise); two readings of the same
    words are equal whether or not they know the paragraphs.
    """

    body: list[str]
    notes: list[list[str]]
    paragraphs: tuple[tuple[str, ...], ...] = field(default=(), compare=False)

    @property
    def all_notes(self) -> list[str]:
        return [word for note in self.notes for word in note]


def words(text: str) -> list[str]:
    return text.split()


def witness_text(path: Path = WITNESS) -> Text:
    raw = path.read_text(encoding="utf-8")
    translation = raw.split("Translation - English", 1)[1]
    body, notes = re.split(r"\n(?=\[1\] )", translation, maxsplit=1)
    # A paragraph of the capture opens with "□"; one that does not is the tail
    # of a paragraph split by a page break. Both vanish once whitespace is
    # normalised, which is all the rejoining the words need.
    body = BODY_NOTE_MARK.sub(" ", body)
    paragraphs = tuple(tuple(words(p)) for p in body.split("□") if p.strip())
    note_texts = [n.strip() for n in re.split(r"\n\s*\n", notes.strip()) if n.strip()]
    return Text(
        body=words(body.replace("□", " ")),
        notes=[words(NOTE_LABEL.sub("", n)) for n in note_texts],
        paragraphs=paragraphs,
    )


#: typographic quotation marks -> the witness's straight ones
QUOTE_SHAPES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"})


def same_quotes(words: list[str]) -> list[str]:
    """*words* with each typographic quotation mark as the witness types it."""
    return [word.translate(QUOTE_SHAPES) for word in words]


def witness_paragraphs(path: Path = WITNESS) -> list[list[str]]:
    """The words of each paragraph of the translation (the edition's units
    ¶ 1 to ¶ 11), the page-break splits rejoined, the note marks dropped."""
    raw = path.read_text(encoding="utf-8")
    translation = raw.split("Translation - English", 1)[1]
    body = re.split(r"\n(?=\[1\] )", translation, maxsplit=1)[0]
    # "□" opens each paragraph; a paragraph's tail after a page break has none
    return [words(BODY_NOTE_MARK.sub(" ", part)) for part in body.split("□")[1:]]


def compare(expected: list[str], actual: list[str], what: str) -> str | None:
    """None when the words agree, quote shapes aside; otherwise a message
    naming the first difference."""
    if same_quotes(expected) == same_quotes(actual):
        return None
    matcher = difflib.SequenceMatcher(a=same_quotes(expected), b=same_quotes(actual),
                                      autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        context = " ".join(expected[max(0, i1 - 6):i1])
        return (f"{what}: {tag} at word {i1} (after '... {context}'): "
                f"witness has {expected[i1:i2]!r}, output has {actual[j1:j2]!r}")
    return f"{what}: outputs differ"  # pragma: no cover


def check_exact(paragraphs: dict[int, list[str]], notes: dict[int, list[str]],
                witness: Text | None = None) -> list[str]:
    """The exact test: each of the 11 paragraphs and 6 notes of an output,
    read on its own, is the witness's paragraph or note, word for word, with
    nothing between the words (a word glued to a mark, "Gomulka4", differs
    from "Gomulka"). *paragraphs* and *notes* map numbers (1-based) to the
    words an output gives a reader there, after leaving out only the
    edition's own marks, which each reader finds by their typography (class,
    element, face, size), never by their words."""
    witness = witness or witness_text()
    problems = []
    expected_units = {n: list(p) for n, p in enumerate(witness.paragraphs, 1)}
    expected_notes = {n: list(w) for n, w in enumerate(witness.notes, 1)}
    for what, expected, actual in (("¶", expected_units, paragraphs),
                                   ("note", expected_notes, notes)):
        if sorted(actual) != sorted(expected):
            problems.append(f"{what}: witness has {sorted(expected)}, output has "
                            f"{sorted(actual)}")
        for number in sorted(set(expected) & set(actual)):
            if (problem := compare(expected[number], actual[number], f"{what} {number}")):
                problems.append(problem)
    return problems


def check(output: Text, witness: Text | None = None) -> list[str]:
    """All differences between an output and the witness (empty when faithful)."""
    witness = witness or witness_text()
    problems = []
    if (problem := compare(witness.body, output.body, "translation")):
        problems.append(problem)
    if len(output.notes) != len(witness.notes):
        problems.append(f"notes: witness has {len(witness.notes)}, output has "
                        f"{len(output.notes)}")
    for number, (expected, actual) in enumerate(zip(witness.notes, output.notes), 1):
        if (problem := compare(expected, actual, f"note {number}")):
            problems.append(problem)
    return problems
