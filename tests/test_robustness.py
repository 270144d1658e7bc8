"""The catalogue of malformed sources (tests/roots/test-robust-*/).

For every case the build ends without a traceback; it prints a warning that
names the file and line and says what to fix in the edition's terms, with a
``type.subtype`` that a project can silence; with ``-W`` it fails; the text
that was there is still in the output, escaped; and the LaTeX builds into a
PDF. Each case is one small fixture project; the expectations are here.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import html as lxml_html

from conftest import build_project, require_tool
from witness import QUOTE_SHAPES

ROOTS = Path(__file__).parent / "roots"

#: case -> (warnings expected: "line: text [type.subtype]", words kept in the HTML)
CASES: dict[str, tuple[list[str], list[str]]] = {
    'unit-unterminated': (
        ["15: WARNING: unit p2 stands inside another unit: close the outer unit ('::::') before opening the next [edition.unit]"],
        ['First paragraph of the unterminated fixture.', 'Second paragraph swallowed by the first unit.']),
    'unit-wrong-nesting': (
        ["17: WARNING: a '{translation}' side stands outside any unit: put it inside '::::{unit} pN' ... '::::' with the other side of its paragraph [edition.side]"],
        ['A side standing outside its unit.']),
    'unit-duplicate': (
        ['17: WARNING: unit number p1 is used twice (first at line 8): give each unit its own number [edition.unit]'],
        ['Second paragraph numbered again p1.']),
    'unit-missing': (
        ['17: WARNING: unit p3 follows p1: p2 missing from the series; add the missing unit or renumber [edition.unit]'],
        ['Third paragraph after a gap.']),
    'unit-out-of-order': (
        ['8: WARNING: unit p2 is the first unit: p1 missing from the series; add the missing unit or renumber [edition.unit]',
         '17: WARNING: unit p1 is out of order: it comes after p2; units must follow the paragraph order p1, p2, p3, ... [edition.unit]'],
        ['Second paragraph set first.', 'First paragraph set second.']),
    'unit-no-number': (
        ["8: WARNING: unit has no number: write its paragraph number after the directive name, e.g. '::::{unit} p7' [edition.unit]"],
        ['A paragraph whose unit has no number.']),
    'unit-malformed-number': (
        ["8: WARNING: unit number 'para7' is malformed: write 'p' and the paragraph number, e.g. 'p7' [edition.unit]"],
        ['A paragraph numbered para7.']),
    'slot-unknown-language': (
        ["12: WARNING: slot declares language 'tlh', which the edition does not know: write ':lang:' with one of zh-Hans, zh-Hant, zh (edition_slot_languages in conf.py), or leave ':lang:' out for zh-Hans [edition.slot-language]"],
        ['Fixture slot text.']),
    'text-outside-unit': (
        ["17: WARNING: body text stands outside any unit: put it in a '::::{unit} pN' with its paragraph number, inside ':::{translation}' [edition.side]"],
        ['A stray paragraph standing outside any unit.']),
    'unit-missing-translation': (
        ["8: WARNING: unit p1 has no translation side (':::{translation}'): add it inside the unit [edition.side]",
         "13: WARNING: body text stands outside any unit: put it in a '::::{unit} pN' with its paragraph number, inside ':::{translation}' [edition.side]"],
        ['Stray words after a unit without translation.']),
    'unit-missing-original': (
        ["8: WARNING: unit p1 has no slot for the original (':::{original}' ... ':::', left empty while not transcribed): add it inside the unit [edition.side]"],
        ['A paragraph whose unit lacks its slot.']),
    'unit-side-twice': (
        ["8: WARNING: unit p1 has 2 translation sides: put all its paragraphs in one ':::{translation}' (a side may hold several paragraphs) [edition.side]"],
        ['One translation side.', 'Another translation side.']),
    'unit-stray-text-inside': (
        ["9: WARNING: text in unit p1 stands outside its sides: move it into ':::{translation}' or ':::{original}' [edition.side]"],
        ['Words inside the unit but outside its sides.', "The side's own words."]),
    'note-reference-without-note': (
        ["10: WARNING: note reference [^9] has no note: add a line '[^9]: ...' with the note's text, or remove the reference [edition.note]"],
        ['A paragraph citing a missing note.[^9]']),
    'note-never-referenced': (
        ['17: WARNING: Footnote [1] is not referenced. [ref.footnote]'],
        ['A note that nothing references.']),
    'interpolation-empty': (
        ['10: WARNING: interpolation is empty: write the words the record gives in square brackets, e.g. {interpolation}`of Soviet` [edition.interpolation]'],
        ['A paragraph with an empty', 'interpolation.']),
    'mark-empty': (
        ['10: WARNING: sic mark is empty: write the words it marks, e.g. {sic}`words <label>` [edition.mark]'],
        ['A paragraph with an empty', 'mark.']),
    'commentary-attached-to-nothing': (
        ["17: WARNING: commentary is attached to nothing: name the mark it explains ('{commentary} label') or place it inside a unit or note [edition.commentary]"],
        ['A comment standing outside any unit or note.']),
    'commentary-unknown-mark': (
        ["14: WARNING: commentary names mark 'unknown', which does not exist; labels of marks: known [edition.commentary]"],
        ['A comment naming a mark that does not exist.']),
    'commentary-empty': (
        ['14: WARNING: commentary is empty: write the comment inside the directive [edition.commentary]'],
        ['A paragraph with an empty comment.']),
    'metadata-bad-date': (
        ["4: WARNING: front matter is not valid YAML (month must be in 1..12): fix this line; until then the document has no metadata (a date must be a real date written YYYY-MM-DD; quote text that holds ':', '#' or quotation marks) [edition.metadata]"],
        ['A paragraph under a bad date.']),
    'metadata-missing-title': (
        ["2: WARNING: document has no 'title' field; add it to the front matter [edition.metadata]"],
        ['A paragraph under no title.']),
    'metadata-wrong-type': (
        ["6: WARNING: document field 'translators' must be a list of names, not {'one': 'two'} [edition.metadata]"],
        ['A paragraph under a mistyped field.']),
    'metadata-unknown-field': (
        ["6: WARNING: unknown document field 'transaltors'; known fields: title, short-title, date, author, recipients, archive, record, url, source, pages, translators, summary, credits, original-language [edition.metadata]"],
        ['A paragraph under a misspelt field.']),
    'metadata-not-a-mapping': (
        ["2: WARNING: front matter 'document' must be a mapping of fields (title, date, author, ...), not ['a', 'list'] [edition.metadata]"],
        ['A paragraph under a list for metadata.']),
    'raw-html': (
        ["10: WARNING: raw HTML is not part of an edition's markup and is shown as text: use the edition's directives and roles instead (found '<b>') [edition.raw-markup]",
         "10: WARNING: raw HTML is not part of an edition's markup and is shown as text: use the edition's directives and roles instead (found '</b>') [edition.raw-markup]",
         "10: WARNING: raw HTML is not part of an edition's markup and is shown as text: use the edition's directives and roles instead (found '<script>') [edition.raw-markup]"],
        ['A paragraph with <b>raw</b> HTML <script>alert(1)</script> inside.']),
    'paragraph-200kb': (
        ['19: WARNING: unit p3 follows p1: p2 missing from the series; add the missing unit or renumber [edition.unit]'],
        ['Start of a long paragraph. word0 word1', 'word29999 End of the long paragraph.', "The long paragraph's note."]),
    'nested-ten-deep': (
        ['16: WARNING: commentary stands inside another commentary: close the outer one first; each comment is its own item [edition.commentary]',
         '18: WARNING: commentary stands inside another commentary: close the outer one first; each comment is its own item [edition.commentary]',
         '20: WARNING: commentary stands inside another commentary: close the outer one first; each comment is its own item [edition.commentary]'],
        ['A paragraph nested ten deep.', "The unit's own paragraph."]),
    'injection-everywhere': (
        ["18: WARNING: raw HTML is not part of an edition's markup and is shown as text: use the edition's directives and roles instead (found '<script>') [edition.raw-markup]",
         "18: WARNING: raw HTML is not part of an edition's markup and is shown as text: use the edition's directives and roles instead (found '</script>') [edition.raw-markup]",
         "13: WARNING: unknown document field 'bogus'; known fields: title, short-title, date, author, recipients, archive, record, url, source, pages, translators, summary, credits, original-language [edition.metadata]"],
        ['<script>alert(1)</script> " & \\\\ % { } # _ $ ~ ^', 'Text with specials: & % $ # _ { } ~ ^ \\ and <script>alert(2)</script>.', 'Slot with specials: & % $ # _ { } ~ ^']),
    'scripts-and-emoji': (
        ['18: WARNING: unit p3 follows p1: p2 missing from the series; add the missing unit or renumber [edition.unit]'],
        ['Right-to-left שלום עולם and مرحبا, combining é and ä, emoji 📜✍️.', 'Fixture slot: שלום 📜']),
    'not-utf8': (
        ['10: WARNING: byte 0xB3 at offset 152 (column 35) is not UTF-8: save the file as UTF-8; the byte is shown as � until then [edition.encoding]'],
        ['A paragraph saved as Latin-1: Gomu�ka.']),
}


def test_catalogue_covers_every_fixture():
    roots = {p.name.removeprefix("test-robust-") for p in ROOTS.glob("test-robust-*")}
    assert roots == set(CASES)
    assert len(CASES) >= 30


def build(case: str, tmp_path: Path, builder: str) -> tuple[int, str, str, Path]:
    """Build a case as `sphinx-build -W --keep-going` would; return exit code,
    warnings, everything printed, and the output folder."""
    src = tmp_path / "src"
    shutil.copytree(ROOTS / f"test-robust-{case}", src)
    build = build_project(src, src, tmp_path, builder, strict=True)
    return (build.statuscode, build.warnings.replace(f"{src}/", ""),
            build.printed + build.warnings, build.outdir)


@pytest.mark.parametrize("case", sorted(CASES))
def test_malformed_source(case, tmp_path):
    expected_warnings, kept = CASES[case]
    code, warnings, printed, out = build(case, tmp_path, "html")
    assert "Traceback" not in printed and "Exception occurred" not in printed, printed
    assert code == 1, "with -W the build must fail"
    for expected in expected_warnings:
        assert f"index.md:{expected}" in warnings, warnings
    page = (out / "index.html").read_text(encoding="utf-8")
    # the page sets quotation marks typographically (typography.py): a quote
    # kept in another shape is kept
    text = lxml_html.fromstring(page).text_content().translate(QUOTE_SHAPES)
    for words in kept:
        assert words in text, f"lost: {words!r}"
    # escaped: no markup of the input reached the page as markup
    assert "<script>alert" not in page and "<b>raw" not in page


@pytest.mark.tex
@pytest.mark.parametrize("case", sorted(CASES))
def test_malformed_source_still_makes_a_pdf(case, tmp_path):
    require_tool("xelatex", "pdftotext")
    code, warnings, printed, out = build(case, tmp_path, "latex")
    assert "Traceback" not in printed
    tex = next(out.glob("*.tex"))
    # one xelatex run is enough to show that the special characters compile
    result = subprocess.run(
        ["xelatex", "-interaction=nonstopmode", "-halt-on-error", tex.name],
        cwd=out, capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stdout[-3000:]
    text = subprocess.run(["pdftotext", tex.with_suffix(".pdf").name, "-"], cwd=out,
                          capture_output=True, text=True).stdout
    # pdftotext reorders right-to-left runs: probe with the first Latin word
    probe = " ".join(CASES[case][1][0].split()[:1 if case == "scripts-and-emoji" else 3])
    assert probe in " ".join(text.split()).translate(QUOTE_SHAPES), text[:2000]
