"""The PDF of the parallel text at full size (issue 12), on the FIXTURE
project tests/roots/test-fullsize, printed with the edition's print design
(conf.py's LaTeX settings): every slot filled by placeholder Chinese of
realistic length (``full``), and some filled (``partial``).

* the units' two columns (paracol) break across pages, each side's text
  extractable in order, unit by unit;
* the notes of both sides are one numbered series at the foot of the page,
  the commentary its own lettered series;
* the Chinese is set in the Simplified Chinese faces: every CJK glyph in the
  PDF is the one the SC face's character map gives, not the Japanese face's
  (the Noto CJK collection's faces share one glyph table, named after its
  Japanese face, which is the name pdffonts shows: see README, "Fonts");
* xeCJK breaks the Chinese lines and compresses its punctuation;
* no overfull box, no LaTeX warning; running heads on every page.

The real edition (all slots pending) keeps its single column: test_pdf.py.
The fixture is built once for the module (about 40 s).
"""

from __future__ import annotations

import re
import runpy
import shutil
import statistics
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import PDF_TOOLS, ROOT, TESTS, build_project, require_tool, run_latexmk
from pdf_text import chapters, document_pages, document_text, page_lines, page_texts, unit_texts
from witness import compare, witness_paragraphs, witness_text

#: every test reads the PDF of the full-size FIXTURE
pytestmark = pytest.mark.tex

FIXTURE = TESTS / "roots" / "test-fullsize"
DOCUMENTS = {
    "full": "FIXTURE (every slot filled): My Observations on the Soviet Union",
    "partial": "FIXTURE (some slots filled): My Observations on the Soviet Union",
}
#: the print design of the edition, as conf.py sets it
PRINT_SETTINGS = ("latex_engine", "latex_elements", "latex_toplevel_sectioning",
                  "latex_domain_indices", "latex_use_xindy")
#: full-width punctuation that never opens a line, and that never ends one
NO_LINE_START = "，。；：、」）』！？"
NO_LINE_END = "「（『"


@pytest.fixture(scope="module")
def fullsize(tmp_path_factory):
    require_tool(*PDF_TOOLS, "fc-match")
    conf = runpy.run_path(str(ROOT / "conf.py"))
    build = build_project(FIXTURE, FIXTURE, tmp_path_factory.mktemp("fullsize-pdf"), "latex",
                          **{key: conf[key] for key in PRINT_SETTINGS})
    assert build.warnings == ""
    run_latexmk(build.outdir)
    (tex,) = build.outdir.glob("*.tex")
    return tex.with_suffix(".pdf")


def originals(name: str) -> dict[int, str]:
    """Each unit's original as the fixture's source has it, its characters
    run together: without its note marks, and without the commentary it
    holds (English, set as a lettered note)."""
    markup = (FIXTURE / f"{name}.md").read_text(encoding="utf-8")
    found = {}
    for match in re.finditer(r"(:{4,5})\{unit\} p(\d+)\n(.*?)\n\1\n", markup, re.S):
        text = match.group(3).partition("{original}\n")[2]        # to the unit's end
        text = re.sub(r":+\{commentary\}[^\n]*\n.*?(?:\n:+[ \t]*(?:\n|$)|$)", "", text,
                      flags=re.S)
        text = re.sub(r"^:+\s*$", "", text, flags=re.M)          # the fences
        text = re.sub(r"\[\^\d+\]", "", text)
        found[int(match.group(2))] = "".join(text.split())
    return found


@pytest.mark.parametrize("name", DOCUMENTS)
def test_each_unit_reads_in_order_in_both_columns(fullsize, name):
    units = unit_texts(fullsize, DOCUMENTS[name])
    assert [u.number for u in units] == list(range(1, 12))
    expected = originals(name)
    for unit, english in zip(units, witness_paragraphs(), strict=True):
        assert compare(english, unit.english, f"¶ {unit.number}") is None
        assert unit.original == expected[unit.number], f"¶ {unit.number}"
    if name == "full":
        assert all(units[n].original for n in range(11))
    else:
        filled = [u.number for u in units if u.original]
        assert 0 < len(filled) < 11, filled


def test_long_units_break_across_pages(fullsize):
    units = unit_texts(fullsize, DOCUMENTS["full"])
    broken = [u.number for u in units if len(u.pages) > 1]
    assert len(broken) >= 3, broken
    assert any(len(u.pages) > 2 for u in units)          # ¶ 11 runs over three


@pytest.mark.parametrize("name", DOCUMENTS)
def test_notes_of_both_sides_are_one_series_and_commentary_its_own(fullsize, name):
    """Notes 1-6 (the translation's, the witness's) and 7 (the original's)
    are read at the feet of the pages, lettered commentary left aside."""
    text = document_text(fullsize, DOCUMENTS[name])
    witness = witness_text()
    assert len(text.notes) == 7
    for number, (expected, actual) in enumerate(zip(witness.notes, text.notes), 1):
        assert compare(expected, actual, f"note {number}") is None
    assert text.notes[6][:6] == ["FIXTURE", "note", "on", "the", "original", "side."]
    if name != "full":
        return
    pages = range(document_pages(fullsize, DOCUMENTS[name]).start,
                  document_pages(fullsize, DOCUMENTS[name]).stop)
    feet = " ".join(page_texts(fullsize)[p] for p in pages)
    assert re.search(r"\ba\. +FIXTURE commentary inside the original", " ".join(feet.split()))


def test_log_is_clean(fullsize):
    log = fullsize.with_suffix(".log").read_text(errors="replace")
    assert "Overfull" not in log, re.findall(r"Overfull.*", log)
    assert "Missing character" not in log
    found = re.findall(r"(?:LaTeX(?: Font)?|Package \w+|Class \w+) Warning: .*", log)
    assert [w for w in found if "LT@p@ftntext" not in w] == []


def test_running_heads_on_every_page(fullsize):
    marks = dict((" ".join(t.split()), p) for t, p in chapters(fullsize))
    texts = page_texts(fullsize)
    for name, title in DOCUMENTS.items():
        pages = document_pages(fullsize, title)
        for page in pages[1:]:           # a chapter's first page has no head
            head = texts[page].strip().splitlines()[0]
            assert re.search(r"TEST FIXTURE|FIXTURE AT FULL SIZE", head.upper()), (page, head)
        assert marks[title] == pages.start


# --- the Chinese: its faces, its line breaks, its punctuation --------------------

@dataclass
class Glyph:
    font: str
    gid: int          # the glyph's id in the font (Identity-H: its CID)
    char: str
    page: int
    x: float
    y: float
    size: float


def cjk_glyphs(pdf: Path) -> list[Glyph]:
    """Every glyph of a CJK font in *pdf*, with its glyph id (pdfminer's text
    gives the character, not which of the font's glyphs stands for it)."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    class Glyphs(PDFPageAggregator):
        def __init__(self, manager):
            super().__init__(manager)
            self.found: list[Glyph] = []
            self.page = 0

        def render_char(self, matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate):
            advance = super().render_char(matrix, font, fontsize, scaling, rise, cid, ncs,
                                          graphicstate)
            char = self.cur_item._objs[-1]          # the LTChar just made
            if "CJK" in font.fontname:
                self.found.append(Glyph(font.fontname, cid, char.get_text(), self.page,
                                        char.x0, char.y0, char.size))
            return advance

    manager = PDFResourceManager()
    device = Glyphs(manager)
    interpreter = PDFPageInterpreter(manager, device)
    with open(pdf, "rb") as handle:
        for number, page in enumerate(PDFPage.get_pages(handle)):
            device.page = number
            interpreter.process_page(page)
    return device.found


def face(family: str):
    """The font file and collection index fontconfig gives for *family*."""
    from fontTools.ttLib import TTFont

    found = subprocess.run(["fc-match", "-f", "%{file}|%{index}|%{family}", family],
                           capture_output=True, text=True, check=True).stdout.split("|")
    assert family in found[2].split(","), f"fontconfig has no {family}: {found}"
    return TTFont(found[0], fontNumber=int(found[1]), lazy=True)


def test_chinese_is_set_in_the_simplified_chinese_faces(fullsize):
    output = subprocess.run(["pdffonts", str(fullsize)], capture_output=True, text=True,
                            check=True).stdout
    cjk_rows = [row for row in output.splitlines()[2:] if "CJK" in row or "Ming" in row]
    assert cjk_rows and all(row.split()[-5] == "yes" for row in cjk_rows), output
    # only the Noto CJK serif (the original) and sans faces: no fallback font
    assert all(re.search(r"\+NotoS(?:erif|ans)CJK", row) for row in cjk_rows), cjk_rows
    # Each glyph is the one the SC face maps its character to. The faces of
    # the collection share their glyphs, and differ in which glyph a character
    # takes; the check counts on the characters whose glyphs differ.
    sc, jp = face("Noto Serif CJK SC"), face("Noto Serif CJK JP")
    sc_map, jp_map = sc.getBestCmap(), jp.getBestCmap()
    glyphs = [g for g in cjk_glyphs(fullsize) if "Serif" in g.font and len(g.char) == 1]
    assert len(glyphs) > 3000
    wrong = {g.char for g in glyphs if sc.getGlyphID(sc_map[ord(g.char)]) != g.gid}
    assert not wrong, f"not the SC face's glyphs: {''.join(sorted(wrong))[:60]}"
    telling = {g.char for g in glyphs if sc_map[ord(g.char)] != jp_map.get(ord(g.char))}
    assert len(telling) > 50, "too few characters whose SC and JP glyphs differ"


def test_chinese_lines_break_and_punctuation_compresses_as_xecjk_does(fullsize):
    glyphs = cjk_glyphs(fullsize)
    size = statistics.mode(round(g.size, 1) for g in glyphs)
    # the lines of the originals: the text-size glyphs of one baseline (only
    # the right column holds Chinese at that size)
    lines: dict[tuple[int, float], list[tuple[float, str]]] = {}
    for g in glyphs:
        if abs(g.size - size) < 0.3:
            lines.setdefault((g.page, round(g.y)), []).append((g.x, g.char))
    assert len(lines) > 200
    starts = [sorted(line)[0][1] for line in lines.values()]
    ends = [sorted(line)[-1][1] for line in lines.values()]
    assert not [c for c in starts if c in NO_LINE_START], "a line opens with closing punctuation"
    assert not [c for c in ends if c in NO_LINE_END], "a line ends with opening punctuation"
    # two marks in a row take less than two full widths ("」，" of the quanjiao style)
    pairs = []
    for line in lines.values():
        ordered = sorted(line)
        for (x1, c1), (x2, c2) in zip(ordered, ordered[1:]):
            if c1 in "」）" and c2 in "，。；：":
                pairs.append(x2 - x1)
    assert pairs and max(pairs) < 0.75 * size, pairs


def glyph_fonts(pdf: Path, pages: list[int], chars: str) -> dict[str, set[str]]:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar

    fonts: dict[str, set[str]] = {}
    for page in extract_pages(str(pdf), page_numbers=pages):
        stack = list(page)
        while stack:
            item = stack.pop()
            if isinstance(item, LTChar) and item.get_text() in chars:
                fonts.setdefault(item.get_text(), set()).add(item.fontname.split("+")[-1])
            elif hasattr(item, "__iter__"):
                stack.extend(item)
    return fonts


def test_quotes_are_latin_in_english_and_full_width_in_chinese(fullsize, tmp_path):
    """The same characters, “ ” and —, are Latin punctuation in the English
    and CJK punctuation in a Chinese original (parallel.sty's [cjk]). The
    fixture's Chinese quotes with 「」; a copy quotes with “” instead."""
    outdir = tmp_path / "latex"
    shutil.copytree(fullsize.parent, outdir)
    tex = next(outdir.glob("*.tex"))
    source = tex.read_text(encoding="utf-8")
    assert r"\begin{edoriginal}[cjk]{zh\sphinxhyphen{}Hans}" in source
    first = source.index(r"\begin{edoriginal}[cjk]")
    quoted = source.index("「", first)
    closed = source.index("」", quoted)
    source = (source[:quoted] + "“" + source[quoted + 1:closed] + "”——"
              + source[closed + 1:])
    tex.write_text(source, encoding="utf-8")
    result = subprocess.run(["xelatex", "-interaction=nonstopmode", "-halt-on-error", tex.name],
                            cwd=outdir, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:]
    pdf = tex.with_suffix(".pdf")
    marks = dict(chapters(pdf))
    pages = list(range(marks[DOCUMENTS["full"]], marks[DOCUMENTS["full"]] + 11))
    cjk = [g for g in cjk_glyphs(pdf) if g.char in "“”—" and g.page in pages]
    assert {g.char for g in cjk} == {"“", "”", "—"}, cjk
    latin = glyph_fonts(pdf, pages, "“”’")
    assert latin and all(any("CJK" not in f for f in found) for found in latin.values()), latin
