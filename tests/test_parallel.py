"""Parallel text: units, their sides, the slot's status, the reading modes.

Fixture projects (their Chinese sentences are fixture text written for the
tests, never a transcription of the edition's original):

* ``tests/roots/test-parallel``: a fully transcribed document (``filled``),
  a partly transcribed one (``partial``) and one with no slot filled
  (``empty``);
* ``tests/roots/test-parallel-errors``: one document per alignment error.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from contextlib import redirect_stdout
from pathlib import Path

import pytest
from docutils import nodes
from lxml import html as lxml_html

import edition_source
from conftest import ROOT, TESTS, build_project, require_tool

ROOTS = TESTS / "roots"
FIXTURE = ROOTS / "test-parallel"
ERRORS = ROOTS / "test-parallel-errors"

PENDING = "Chinese original not yet transcribed"


def page(app, docname: str):
    return lxml_html.parse(str(Path(app.outdir) / f"{docname}.html"))


def klass(name: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


# --- doctree ----------------------------------------------------------------

@pytest.mark.sphinx("html", testroot="parallel")
def test_doctree_records_units_sides_and_slots(app):
    from edition.model.domain import get_domain
    from edition.nodes import coverage_notice, side, unit

    app.build()
    assert app.warning.getvalue() == ""

    filled = app.env.get_doctree("filled")
    units = list(filled.findall(unit))
    assert [u["number"] for u in units] == ["p1", "p2", "p3"]
    for u in units:
        roles = [c["role"] for c in u.children if isinstance(c, side)]
        assert roles == ["translation", "original"]
    # a side may hold several paragraphs, on either side
    p2_translation, p3_original = units[1][0], units[2][1]
    assert len(list(p2_translation.findall(nodes.paragraph))) == 2
    assert p3_original["lang"] == "zh-Hans"
    assert len(list(p3_original.findall(nodes.paragraph))) == 2
    notice = next(filled.findall(coverage_notice))
    assert (notice["transcribed"], notice["total"]) == (3, 3)

    domain = get_domain(app.env)
    assert domain.coverage("filled") == (3, 3)
    # a partly transcribed original is a state, not an error; a comment in a
    # slot does not fill it
    assert [r.status for r in domain.units["partial"]] == ["transcribed", "pending", "pending"]
    assert domain.coverage("empty") == (0, 2)
    empty_units = list(app.env.get_doctree("empty").findall(unit))
    assert all(u["pending_document"] for u in empty_units)
    assert not any(u["pending_document"] for u in units)


@pytest.mark.sphinx("html", testroot="parallel")
def test_build_log_reports_coverage(app):
    app.build()
    log = app.status.getvalue()
    assert "filled: Chinese original: 3 of 3 paragraphs transcribed" in log
    assert "partial: Chinese original: 1 of 3 paragraphs transcribed" in log
    assert "empty: Chinese original: 0 of 2 paragraphs transcribed" in log


# --- HTML -------------------------------------------------------------------

@pytest.mark.sphinx("html", testroot="parallel")
def test_html_filled_document(app):
    app.build()
    tree = page(app, "filled")
    units = tree.xpath(f"//div[{klass('unit')}]")
    assert [u.get("id") for u in units] == ["p1", "p2", "p3"]
    for u in units:
        translation, original = (u.xpath(f"./div[{klass('side-translation')}]"),
                                 u.xpath(f"./div[{klass('side-original')}]"))
        assert len(translation) == len(original) == 1
        assert translation[0].get("lang") == "en"
        assert original[0].get("lang") == "zh-Hans"
        assert "slot-transcribed" in original[0].get("class")
    assert "今天天气很好" in units[0].xpath(f"./div[{klass('side-original')}]")[0].text_content()
    # inline markup works inside a side: a note and an interpolation
    assert units[0].xpath(f".//div[{klass('side-original')}]//a[{klass('footnote-reference')}]")
    assert units[1].xpath(f".//span[{klass('interpolation')}]")
    notice = tree.xpath(f"//div[{klass('coverage-notice')}]")[0]
    assert "editorial" in notice.get("class")
    assert notice.text_content().strip() == "Chinese original: 3 of 3 paragraphs transcribed."
    assert not tree.xpath(f"//*[{klass('slot-status')}]")


@pytest.mark.sphinx("html", testroot="parallel")
def test_html_partial_and_empty_documents(app):
    app.build()
    partial = page(app, "partial")
    slots = partial.xpath(f"//div[{klass('side-original')}]")
    assert [("slot-pending" in s.get("class")) for s in slots] == [False, True, True]
    for slot in slots[1:]:
        status = slot.xpath(f"./p[{klass('slot-status')}]")[0]
        assert status.text_content() == PENDING
        assert status.get("lang") == "en" and status.get("role") == "note"
        assert "editorial" in status.get("class")
    assert not partial.xpath(f"//*[{klass('unit-pending-document')}]")

    empty = page(app, "empty")
    units = empty.xpath(f"//div[{klass('unit')}]")
    assert len(units) == 2
    assert all("unit-pending-document" in u.get("class") for u in units)
    # the slots stay in the markup, with their language, for the other modes
    assert [s.get("lang") for s in empty.xpath(f"//div[{klass('side-original')}]")] == \
        ["zh-Hans", "zh-Hans"]
    assert "0 of 2 paragraphs transcribed" in \
        empty.xpath(f"//div[{klass('coverage-notice')}]")[0].text_content()


@pytest.mark.sphinx("html", testroot="parallel")
def test_html_assets_and_csp(app):
    app.build()
    tree = page(app, "filled")
    from edition.outputs.html import expand_bundles

    # loaded joined with the edition's other files (outputs/html.py)
    page_path = Path(app.outdir) / "filled.html"
    assert "_static/edition/parallel.css" in expand_bundles(
        page_path, tree.xpath("//head/link[@rel='stylesheet']/@href"))
    assert "_static/edition/parallel.js" in expand_bundles(
        page_path, tree.xpath("//head/script/@src"))
    static = Path(app.outdir) / "_static" / "edition"
    assert (static / "parallel.js").is_file() and (static / "parallel.css").is_file()
    # strict CSP: no inline script, no inline handler
    # (JSON-LD is data, not a script a CSP governs)
    assert not tree.xpath("//script[not(@src)][not(@type='application/ld+json')]")
    assert not tree.xpath("//@*[starts-with(name(), 'on')]")


@pytest.mark.sphinx("html", testroot="parallel")
def test_search_index_holds_both_languages(app):
    import json

    app.build()
    raw = (Path(app.outdir) / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(raw[raw.index("(") + 1:raw.rindex(")")])
    filled = index["docnames"].index("filled")

    def docs(term):
        found = index["terms"].get(term, [])
        return found if isinstance(found, list) else [found]

    assert filled in docs("天气")      # a Chinese word, cut by jieba
    assert filled in docs("图书馆")
    assert filled in docs("weather")   # English as before
    assert "今天天气很好" not in index["terms"]  # not a whole clause as one word


def test_real_document_shows_every_unit_pending(edition_build):
    tree = lxml_html.parse(str(edition_build("html").outdir / "117033.html"))
    units = tree.xpath(f"//main//div[{klass('unit')}]")
    assert [u.get("id") for u in units] == edition_source.units()
    for u in units:
        assert "unit-pending-document" in u.get("class")
        slot = u.xpath(f"./div[{klass('side-original')}]")[0]
        assert slot.get("lang") == "zh-Hans"
        assert slot.text_content().strip() == PENDING
    notice = tree.xpath(f"//div[{klass('coverage-notice')}]")[0].text_content()
    assert f"Chinese original: 0 of {len(edition_source.units())} paragraphs transcribed." in notice


# --- LaTeX, text, EPUB -------------------------------------------------------

def section(tex: str, title: str) -> str:
    start = tex.index(title, tex.index("\\begin{document}"))
    following = tex.find("\\section{", start)
    return tex[start:following if following > 0 else len(tex)]


@pytest.mark.sphinx("latex", testroot="parallel")
def test_latex_columns_notes_and_pending(app):
    app.build()
    assert app.warning.getvalue() == ""
    tex = (Path(app.outdir) / "fixture-parallel.tex").read_text(encoding="utf-8")
    assert "\\usepackage{parallel}" in tex
    assert (Path(app.outdir) / "parallel.sty").is_file()

    filled = section(tex, "Fixture: fully transcribed document")
    assert filled.count("\\begin{edparallel}") == 3
    assert filled.count("\\switchcolumn") == 3
    # notes inside a two-column unit are \footnote{...}, never the environment
    assert "\\begin{footnote}" not in filled
    assert "\\footnote[1]{" in filled and "\\footnote[2]{" in filled
    assert "\\edunitnumbernext{1}" in filled
    assert "今天天气很好" in filled

    partial = section(tex, "Fixture: partly transcribed document")
    assert partial.count("\\begin{edparallel}") == 3
    assert partial.count("\\edslotpending{Chinese original not yet transcribed}") == 2

    empty = section(tex, "Fixture: document with no slot filled")
    assert "edparallel" not in empty and "edoriginal" not in empty
    assert "Chinese original: 0 of 2 paragraphs transcribed." in empty


@pytest.mark.sphinx("text", testroot="parallel")
def test_text_stacks_and_labels_sides(app):
    app.build()
    filled = (Path(app.outdir) / "filled.txt").read_text(encoding="utf-8")
    # the edition's labels stand in angle brackets, never in the record's
    # square brackets (edition.outputs.plain)
    assert filled.index("The weather is fine today.") < \
        filled.index("⟨Chinese original, zh-Hans⟩") < filled.index("今天天气很好")
    assert "学生们在窗边看书。" in filled and "他们很安静。" in filled
    partial = (Path(app.outdir) / "partial.txt").read_text(encoding="utf-8")
    assert partial.count(f"⟨{PENDING}⟩") == 2


@pytest.mark.sphinx("epub", testroot="parallel")
def test_epub_stacks_units_with_language_tags(app):
    app.build()
    epub = next(Path(app.outdir).glob("*.epub"))
    with zipfile.ZipFile(epub) as archive:
        names = archive.namelist()
        filled = archive.read(next(n for n in names if n.endswith("filled.xhtml"))).decode()
        empty = archive.read(next(n for n in names if n.endswith("empty.xhtml"))).decode()
    assert 'lang="zh-Hans" xml:lang="zh-Hans"' in filled
    assert 'lang="en" xml:lang="en"' in filled
    assert "今天天气很好" in filled and "他们很安静" in filled
    assert PENDING in empty
    # no script and no two-column stylesheet: e-readers stack the sides
    assert not any(n.endswith("parallel.js") or n.endswith("parallel.css") for n in names)
    assert "parallel.js" not in filled


# --- alignment errors ---------------------------------------------------------

#: document of test-parallel-errors -> [(line, part of the warning)], as
#: documented in source/editors-guide.md
ERROR_CASES = {
    "no-number": [(3, "unit has no number: write its paragraph number")],
    "malformed": [(3, "unit number 'para 1' is malformed")],
    "duplicate": [(11, "unit number p1 is used twice (first at line 3)")],
    "order": [(11, "unit p3 follows p1: p2 missing from the series"),
              (19, "unit p2 is out of order: it comes after p3")],
    "gap": [(11, "unit p3 follows p1: p2 missing from the series")],
    "missing-translation": [(3, "unit p1 has no translation side")],
    "missing-original": [(3, "unit p1 has no slot for the original")],
    "doubled": [(3, "unit p1 has 2 translation sides")],
    "empty-translation": [(4, "the translation side of this unit is empty")],
    "stray-in-unit": [(7, "text in unit p1 stands outside its sides")],
    "stray-outside": [(11, "body text stands outside any unit")],
    "language": [(7, "slot declares language 'fr', which the edition does not know")],
    "loose-side": [(11, "a '{translation}' side stands outside any unit")],
    "nested": [(9, "unit p2 stands inside another unit")],
}

ANSI = re.compile(r"\x1b\[[0-9;]*m")
WARNING_LINE = re.compile(r"^(?P<path>\S+?\.md):(?P<line>\d+): WARNING: (?P<message>.*) "
                          r"\[edition\.(?P<kind>[a-z-]+)\]$")


@pytest.fixture(scope="module")
def error_warnings(tmp_path_factory):
    out = tmp_path_factory.mktemp("parallel-errors")
    build = build_project(ERRORS, ERRORS, out, "dummy")
    found: dict[str, list[tuple[int, str]]] = {}
    for line in ANSI.sub("", build.warnings).splitlines():
        match = WARNING_LINE.match(line)
        assert match, f"warning without file, line and edition kind: {line}"
        found.setdefault(Path(match["path"]).stem, []).append(
            (int(match["line"]), match["message"]))
    return found


#: the phrase of each warning the editors' guide explains
GUIDE_PHRASES = {
    "no-number": "unit has no number", "malformed": "is malformed",
    "duplicate": "is used twice", "order": "is out of order",
    "gap": "missing from the series", "missing-translation": "has no translation side",
    "missing-original": "has no slot for the original", "doubled": "2 translation sides",
    "empty-translation": "the translation side of this unit is empty",
    "stray-in-unit": "stands outside its sides",
    "stray-outside": "body text stands outside any unit",
    "language": "which the edition does not know",
    "loose-side": "side stands outside any unit",
    "nested": "stands inside another unit",
}


@pytest.mark.parametrize("case", ERROR_CASES)
def test_editors_guide_explains_each_warning(case, error_warnings):
    guide = (ROOT / "source" / "editors-guide.md").read_text(encoding="utf-8")
    phrase = GUIDE_PHRASES[case]
    assert phrase in guide
    assert any(phrase in message for _, message in error_warnings[case])


def test_every_error_case_has_a_document():
    documents = {p.stem for p in ERRORS.glob("*.md")} - {"index"}
    assert documents == set(ERROR_CASES)


@pytest.mark.parametrize("case", ERROR_CASES)
def test_alignment_error_is_reported_with_file_line_and_fix(case, error_warnings):
    got = error_warnings.get(case, [])
    assert len(got) == len(ERROR_CASES[case]), got
    for (line, text), (got_line, message) in zip(ERROR_CASES[case], got):
        assert got_line == line, message
        assert text in message
        # each warning says what to do
        assert re.search(r"\b(write|add|give|put|move|close|renumber|must)\b", message)


@pytest.mark.parametrize("case", ["no-number", "duplicate", "order", "missing-original",
                                  "stray-outside", "language"])
def test_alignment_error_fails_a_strict_build(case, tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(ERRORS / "conf.py", src / "conf.py")
    shutil.copy(ERRORS / f"{case}.md", src / "index.md")
    build = build_project(src, src, tmp_path, "dummy", strict=True)
    assert build.statuscode != 0
    assert "[edition." in build.warnings


def test_good_fixture_is_warning_free_under_strict_build(tmp_path):
    build = build_project(FIXTURE, FIXTURE, tmp_path, "dummy", strict=True, nitpicky=True)
    assert build.statuscode == 0 and build.warnings == ""


# --- make status ----------------------------------------------------------------

def test_status_prints_the_per_paragraph_table(tmp_path):
    from edition import status

    out = io.StringIO()
    with redirect_stdout(out):
        assert status.main([str(FIXTURE), "--conf", str(FIXTURE),
                            "--build", str(tmp_path)]) == 0
    text = out.getvalue()
    rows = [line.split() for line in text.splitlines() if ".md:" in line]
    table = {(Path(r[0].split(":")[0]).stem, r[1]): (r[2], r[3]) for r in rows}
    assert table[("filled", "p1")] == ("transcribed", "zh-Hans")
    assert table[("partial", "p2")] == ("pending", "zh-Hans")
    assert table[("partial", "p3")] == ("pending", "zh-Hans")
    assert len([k for k in table if k[0] == "empty"]) == 2
    assert "partial: Chinese original: 1 of 3 paragraphs transcribed" in text
    assert "empty: Chinese original: 0 of 2 paragraphs transcribed" in text
    assert re.search(r"filled\.md:\d+ +p1", text)


# --- browser ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("parallel-html")
    build = build_project(FIXTURE, FIXTURE, out, "html")
    assert build.warnings == ""
    return build.outdir


def boxes(pg, number: str):
    unit = pg.locator(f"#{number}")
    return (unit.locator(".side-translation").bounding_box(),
            unit.locator(".side-original").bounding_box())


def visible(pg, selector: str) -> list[bool]:
    return [pg.locator(selector).nth(i).is_visible()
            for i in range(pg.locator(selector).count())]


def test_browser_side_by_side_wide_stacked_narrow(browser, fixture_site, artifacts):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.goto((fixture_site / "filled.html").as_uri())
    for number in ("p1", "p2", "p3"):
        translation, original = boxes(pg, number)
        assert original["x"] >= translation["x"] + translation["width"]
        assert abs(original["y"] - translation["y"]) < 2  # level with each other
    pg.screenshot(path=str(artifacts / "parallel-filled-1280.png"), full_page=True)
    pg.set_viewport_size({"width": 390, "height": 844})
    for number in ("p1", "p2", "p3"):
        translation, original = boxes(pg, number)
        assert original["y"] >= translation["y"] + translation["height"] - 1
        assert original["width"] > 250  # full width under its translation
    pg.screenshot(path=str(artifacts / "parallel-filled-390.png"), full_page=True)
    context.close()


def test_browser_mode_buttons(browser, fixture_site, artifacts):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.goto((fixture_site / "filled.html").as_uri())
    controls = pg.locator(".reader-controls .parallel-modes button")
    assert controls.all_inner_texts() == ["Side by side", "Interleaved", "English only",
                                          "Original only"]
    # the controls follow the document's header block
    assert pg.evaluate("document.querySelector('header.document-header')"
                       ".nextElementSibling.classList.contains('reader-controls')")
    assert pg.get_attribute("button[data-mode=side-by-side]", "aria-pressed") == "true"

    pg.click("button[data-mode=interleaved]")
    translation, original = boxes(pg, "p1")
    assert original["y"] >= translation["y"] + translation["height"] - 1
    assert all(visible(pg, ".side-translation")) and all(visible(pg, ".side-original"))
    pg.screenshot(path=str(artifacts / "parallel-mode-interleaved.png"), full_page=True)

    pg.click("button[data-mode=translation]")
    assert all(visible(pg, ".side-translation"))
    assert not any(visible(pg, ".side-original"))
    pg.screenshot(path=str(artifacts / "parallel-mode-translation.png"), full_page=True)

    # keyboard: focus a button and press Enter
    pg.focus("button[data-mode=original]")
    pg.keyboard.press("Enter")
    assert not any(visible(pg, ".side-translation"))
    assert all(visible(pg, ".side-original"))
    assert pg.get_attribute("button[data-mode=original]", "aria-pressed") == "true"
    assert pg.get_attribute("button[data-mode=translation]", "aria-pressed") == "false"
    pg.screenshot(path=str(artifacts / "parallel-mode-original.png"), full_page=True)

    pg.click("button[data-mode=side-by-side]")
    translation, original = boxes(pg, "p2")
    assert original["x"] >= translation["x"] + translation["width"]

    # the choice is remembered
    pg.click("button[data-mode=interleaved]")
    pg.reload()
    assert pg.get_attribute("button[data-mode=interleaved]", "aria-pressed") == "true"
    assert pg.evaluate("document.documentElement.dataset.parallelMode") == "interleaved"
    assert errors == []
    context.close()


def test_browser_hover_highlights_counterpart(browser, fixture_site):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.goto((fixture_site / "filled.html").as_uri())
    background = "el => getComputedStyle(el).backgroundColor"
    original = pg.locator("#p2 .side-original")
    before = original.evaluate(background)
    # a spot of the side outside its sentences (on a sentence, the sentence's
    # pair is highlighted instead, edition-sentences.css): not the side's
    # middle, which a line of text may cover
    spot = pg.evaluate("""() => {
        const side = document.querySelector('#p2 .side-translation');
        const box = side.getBoundingClientRect();
        for (let y = box.top + 1; y < box.bottom; y += 2) {
            for (let x = box.left + 1; x < box.right; x += 4) {
                const el = document.elementFromPoint(x, y);
                if (el && side.contains(el) && !el.closest('.sentence')) {
                    return {x: x - box.left, y: y - box.top};
                }
            }
        }
        return null;
    }""")
    assert spot is not None
    pg.hover("#p2 .side-translation", position=spot)
    assert original.evaluate(background) != before
    pg.hover("h1")
    pg.focus("#p2 .unit-number")
    assert original.evaluate(background) != before
    context.close()


def test_browser_without_javascript(browser, fixture_site, artifacts):
    context = browser.new_context(viewport={"width": 1280, "height": 900},
                                  java_script_enabled=False)
    pg = context.new_page()
    pg.goto((fixture_site / "filled.html").as_uri())
    assert pg.locator(".reader-controls").count() == 0
    translation, original = boxes(pg, "p1")
    assert original["x"] >= translation["x"] + translation["width"]
    assert "今天天气很好" in pg.locator("#p1 .side-original").inner_text()
    pg.screenshot(path=str(artifacts / "parallel-nojs-1280.png"), full_page=True)
    pg.set_viewport_size({"width": 390, "height": 844})
    translation, original = boxes(pg, "p1")
    assert original["y"] >= translation["y"] + translation["height"] - 1
    context.close()


def test_browser_pending_document_reads_as_english(browser, fixture_site, artifacts):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.goto((fixture_site / "empty.html").as_uri())
    assert pg.get_attribute("button[data-mode=translation]", "aria-pressed") == "true"
    translation, marker = boxes(pg, "p1")
    measure = pg.evaluate("parseFloat(getComputedStyle(document.documentElement)"
                          ".fontSize) * 36")
    assert translation["width"] <= measure + 1      # reading width
    # beside it, in the left margin under the paragraph number (the right
    # margin is the archive's notes')
    assert marker["x"] + marker["width"] <= translation["x"]
    assert abs(marker["y"] - translation["y"]) < 40
    assert marker["height"] < 60                    # compact, not an empty box
    notice = pg.locator(".coverage-notice").bounding_box()
    assert notice["y"] < translation["y"]
    pg.screenshot(path=str(artifacts / "parallel-empty-1280.png"), full_page=True)
    # the slots are there for the other modes
    pg.click("button[data-mode=side-by-side]")
    translation, slot = boxes(pg, "p1")
    assert slot["width"] > 300
    context.close()


def test_browser_real_document(browser, edition_build, artifacts):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.goto((edition_build("html").outdir / "117033.html").as_uri())
    assert pg.locator(".unit").count() == len(edition_source.units())
    assert pg.locator(".slot-status").count() == len(edition_source.units())
    assert all(visible(pg, ".slot-status"))
    pg.screenshot(path=str(artifacts / "parallel-117033-1280.png"))
    context.close()


def test_browser_chinese_query_finds_fixture_paragraph(browser, fixture_site):
    context = browser.new_context()
    pg = context.new_page()
    pg.goto((fixture_site / "search.html").as_uri() + "?q=天气")
    pg.wait_for_selector("#search-results ul.search li", timeout=15000)
    links = pg.locator("#search-results ul.search li a").evaluate_all(
        "els => els.map(a => a.getAttribute('href'))")
    assert any(link.startswith("filled.html") for link in links)
    context.close()


# --- PDF ------------------------------------------------------------------------

@pytest.mark.tex
def test_pdf_parallel_columns_notes_and_chinese(tmp_path, artifacts):
    require_tool("xelatex", "latexmk", "pdftotext")
    build = build_project(FIXTURE, FIXTURE, tmp_path, "latex")
    assert build.warnings == ""
    run = subprocess.run(
        ["latexmk", "-pdfxe", "-interaction=nonstopmode", "-halt-on-error",
         "fixture-parallel.tex"], cwd=build.outdir, capture_output=True, text=True,
        timeout=300)
    assert run.returncode == 0, run.stdout[-3000:]
    pdf = build.outdir / "fixture-parallel.pdf"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "今天天气很好" in text and "学生们在窗边看书" in text
    lines = text.splitlines()
    # both languages on one line: the columns sit side by side
    row = next(line for line in lines if "图书馆九点开门" in line)
    assert "The library opens at nine" in row
    assert row.index("The library") < row.index("图书馆")
    row = next(line for line in lines if "河水流过村庄" in line)
    assert "The river runs past the village." in row
    # notes inside units are footnotes at the foot of the page
    first_page = text.split("\f")[0]
    note = first_page.index("A fixture note on the first English paragraph.")
    assert note > first_page.index("Students read books by the window.")
    assert "这是原文一侧的测试注释" in first_page[note:]
    # the pending slots of a partly transcribed document are said, not blank
    assert text.count(PENDING) == 2
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "2", str(pdf),
                    str(artifacts / "parallel-pdf")], check=False)


@pytest.mark.sphinx("html", testroot="parallel", parallel=2, freshenv=True)
def test_parallel_read_merges_units(app):
    from edition.model.domain import get_domain

    app.build()
    assert app.warning.getvalue() == ""
    domain = get_domain(app.env)
    assert domain.coverage("filled") == (3, 3)
    assert domain.coverage("partial") == (1, 3)
    assert domain.coverage("empty") == (0, 2)


@pytest.mark.sphinx("html", testroot="parallel",
                    confoverrides={"edition_original_name": "Old <b>& new"})
def test_html_escapes_the_original_name(app):
    app.build()
    raw = (Path(app.outdir) / "partial.html").read_text(encoding="utf-8")
    assert "Old &lt;b&gt;&amp; new original not yet transcribed" in raw
    assert "<b>&" not in raw


@pytest.mark.sphinx("latex", testroot="parallel",
                    confoverrides={"edition_original_name": "Old {x} & 100%"})
def test_latex_escapes_the_original_name(app):
    app.build()
    tex = (Path(app.outdir) / "fixture-parallel.tex").read_text(encoding="utf-8")
    assert r"\edslotpending{Old \{x\} \& 100\% original not yet transcribed}" in tex


def test_real_latex_is_one_column_while_no_slot_is_filled(edition_build):
    build = edition_build("latex")
    tex = next(build.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert "\\begin{edparallel}" not in tex and "\\begin{edoriginal}" not in tex
    assert tex.count("\\edunitnumbernext{") == len(edition_source.units())
    assert (f"Chinese original: 0 of {len(edition_source.units())} paragraphs transcribed."
            in tex)
