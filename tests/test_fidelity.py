"""The text of the edition is the witness's text, word for word, in order."""

from __future__ import annotations

import re

import pytest

from conftest import build_project
from html_text import document_text
from witness import Text, check, witness_text

DOCUMENT = "117033"


def test_witness_is_read_as_documented():
    witness = witness_text()
    assert len(witness.notes) == 6
    assert witness.body[:3] == ["Having", "already", "spoken"]
    assert witness.body[-1] == "persuasion."
    assert "□" not in " ".join(witness.body)
    body = " ".join(witness.body)
    # 31 interpolations in the body, 1 in note 3 (the witness README's counts)
    assert len(re.findall(r"\[[^\]]+\]", body)) == 31
    assert len(re.findall(r"\[[^\]]+\]", " ".join(witness.notes[2]))) == 1
    assert "trusting relationship" in body and "no longer exists" in body


def test_real_build_is_warning_free(edition_build):
    build = edition_build("html")
    assert build.warnings == ""


def test_html_document_is_the_witness(edition_build):
    text = document_text(edition_build("html").outdir / f"{DOCUMENT}.html")
    assert check(text) == []


def reshaped(text: Text, table: dict[str, str]) -> Text:
    def change(words: list[str]) -> list[str]:
        return [word.translate(str.maketrans(table)) for word in words]
    return Text(body=change(text.body), notes=[change(note) for note in text.notes])


def test_quote_shapes_are_equal_and_nothing_else():
    """The reading outputs set the witness's straight quotes typographically
    (the note on the text says so); the check takes “ ” as " and ‘ ’ as ',
    and nothing else as equal."""
    witness = witness_text()
    assert check(reshaped(witness, {'"': "“", "'": "’"}), witness) == []
    assert check(reshaped(witness, {'"': "”", "'": "‘"}), witness) == []
    for other in ({'"': "«"}, {'"': "″"}, {"'": "`"}, {"'": "′"}, {"-": "–"}, {"'": ""}):
        assert check(reshaped(witness, other), witness), other


MUTATIONS = {
    "drop a word": ("considerably about", "about"),
    "change a word": ("erroneous thinking", "erroneus thinking"),
    "move a word": ("dispatch of their troops", "dispatch their of troops"),
    "add an unmarked word": ("We immediately sensed", "We immediately really sensed"),
    "drop an interpolation": ("{interpolation}`of January`", ""),
    "change a word of a note": ("five formal meetings", "six formal meetings"),
    "drop the omission": ("{omission}`. . . <omission-p9>`", ""),
}


@pytest.mark.parametrize("mutation", MUTATIONS)
def test_fidelity_check_catches(mutation, project_copy, tmp_path):
    old, new = MUTATIONS[mutation]
    source = project_copy / "source" / f"{DOCUMENT}.md"
    text = source.read_text(encoding="utf-8")
    assert text.count(old) == 1, "the mutation must hit exactly one place"
    source.write_text(text.replace(old, new), encoding="utf-8")
    build = build_project(project_copy / "source", project_copy, tmp_path / "out", "html")
    problems = check(document_text(build.outdir / f"{DOCUMENT}.html"))
    assert problems, f"the fidelity check missed: {mutation}"
