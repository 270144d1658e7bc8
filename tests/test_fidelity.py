"""The text of the edition is the witness's text, word for word, in order.

The exact test: for each of the 11 paragraphs and the 6 notes, the words a
reader gets from an output equal the witness's words in the same sequence,
with nothing extra between them, in HTML (JavaScript off, and on in a
browser), the EPUB, the PDF (tests/test_pdf.py), TEI and plain text. Only the
edition's own marks are left out, and each reader finds them by their
typography (class, element, face, size, the plain-text marks of
``edition.outputs.plain``), never by their words (tests/html_text.py,
epub_text.py, pdf_text.py, tei_text.py, plain_text.py).
"""

from __future__ import annotations

import re

import pytest

import edition_source
import plain_text
import tei_text
from conftest import build_project
from html_text import browser_units, document_text, page_units
from witness import Text, check, check_exact, witness_text

DOCUMENT = "117033"
#: note 3 as the edition wrote it before issue 13: a citation without words
#: after the record's own parenthesis, which added words to the note
OLD_NOTE_3 = ("{citation}``(Shi Zhongquan, Zhou Enlai de {sic}`zhuoyeu <sic-zhuoyeu>` "
              "fengxian, 299-300) <shi1993, 299-300>``",
              "(Shi Zhongquan, Zhou Enlai de {sic}`zhuoyeu <sic-zhuoyeu>` fengxian, "
              "299-300){citation}`shi1993, 299-300`")


def test_witness_is_read_as_documented():
    witness = witness_text()
    assert len(witness.notes) == 6
    assert len(witness.paragraphs) == 11
    assert witness.body[:3] == ["Having", "already", "spoken"]
    assert witness.body[-1] == "persuasion."
    assert "□" not in " ".join(witness.body)
    assert [w for p in witness.paragraphs for w in p] == witness.body
    body = " ".join(witness.body)
    # 31 words in square brackets in the body, 1 in note 3 (the witness README's counts)
    assert len(re.findall(r"\[[^\]]+\]", body)) == 31
    assert len(re.findall(r"\[[^\]]+\]", " ".join(witness.notes[2]))) == 1
    assert "trusting relationship" in body and "no longer exists" in body
    # the page breaks split paragraphs 7 and 11, which stay whole
    assert "relationship" in witness.paragraphs[6] and "exists." in witness.paragraphs[10]


def test_real_build_is_warning_free(edition_build):
    build = edition_build("html")
    assert build.warnings == ""


def test_html_document_is_the_witness(edition_build):
    text = document_text(edition_build("html").outdir / f"{DOCUMENT}.html")
    assert check(text) == []


# --- the exact test, output by output ------------------------------------------

def test_html_without_javascript_is_the_witness_exactly(edition_build):
    assert check_exact(*page_units(edition_build("html").outdir / f"{DOCUMENT}.html")) == []


@pytest.mark.parametrize("width", [1400, 600])
def test_html_with_javascript_is_the_witness_exactly(edition_build, browser, width):
    """What a reader sees with the scripts run: sidenotes (wide), notes in
    place (narrow), the reader's controls; the marks left out by class."""
    path = edition_build("html").outdir / f"{DOCUMENT}.html"
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        page.goto(path.as_uri())
        page.wait_for_load_state("load")
        assert page.evaluate("document.querySelectorAll('button.copy-cite').length") == \
            len(edition_source.units())
        assert check_exact(*browser_units(page)) == []
    finally:
        page.close()


def test_tei_is_the_witness_exactly(edition_build):
    build = edition_build("tei")
    assert build.warnings == ""
    assert check_exact(*tei_text.units(build.outdir / f"{DOCUMENT}.xml")) == []


def test_plain_text_is_the_witness_exactly(edition_build):
    build = edition_build("text")
    assert build.warnings == ""
    assert check_exact(*plain_text.units(build.outdir / f"{DOCUMENT}.txt")) == []


@pytest.mark.parametrize("builder", ["html", "text", "tei"])
def test_exact_test_fails_on_the_old_note_3(builder, project_copy, tmp_path):
    """The citation that stood after the record's parenthesis in note 3 adds
    words to the witness: the exact test names note 3, and the build warns."""
    source = project_copy / "source" / f"{DOCUMENT}.md"
    text = source.read_text(encoding="utf-8")
    new, old = OLD_NOTE_3
    assert text.count(new) == 1
    source.write_text(text.replace(new, old), encoding="utf-8")
    build = build_project(project_copy / "source", project_copy, tmp_path / "out", builder)
    assert "has no words of its own and stands in the witness's text" in build.warnings
    units = {"html": lambda: page_units(build.outdir / f"{DOCUMENT}.html"),
             "text": lambda: plain_text.units(build.outdir / f"{DOCUMENT}.txt"),
             "tei": lambda: tei_text.units(build.outdir / f"{DOCUMENT}.xml")}[builder]()
    problems = check_exact(*units)
    assert [p.split(":")[0] for p in problems] == ["note 3"], problems


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


# --- mutations: the checks notice a change of the text -----------------------------

MUTATIONS = {
    "drop a word": ("considerably about", "about"),
    "change a word": ("erroneous thinking", "erroneus thinking"),
    "move a word": ("dispatch of their troops", "dispatch their of troops"),
    "add an unmarked word": ("We immediately sensed", "We immediately really sensed"),
    "drop an interpolation": ("{interpolation}`of January`", ""),
    "change a word of a note": ("five formal meetings", "six formal meetings"),
    "drop the omission": ("{omission}`. . . <omission-p9>`", ""),
    "add a word inside the citation of note 3": ("fengxian, 299-300) <shi1993",
                                                 "fengxian, pp. 299-300) <shi1993"),
}


@pytest.mark.parametrize("mutation", MUTATIONS)
def test_fidelity_check_catches(mutation, project_copy, tmp_path):
    old, new = MUTATIONS[mutation]
    source = project_copy / "source" / f"{DOCUMENT}.md"
    text = source.read_text(encoding="utf-8")
    assert text.count(old) == 1, "the mutation must hit exactly one place"
    source.write_text(text.replace(old, new), encoding="utf-8")
    build = build_project(project_copy / "source", project_copy, tmp_path / "out", "html")
    path = build.outdir / f"{DOCUMENT}.html"
    assert check(document_text(path)), f"the fidelity check missed: {mutation}"
    assert check_exact(*page_units(path)), f"the exact check missed: {mutation}"
