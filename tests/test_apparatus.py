"""The apparatus: the notes as given in the record, the words in square
brackets in the record, the edition's commentary, in every output and in the
reader's browser."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import html as lxml_html

import edition_source
from conftest import build_project

DOCUMENT = "117033"
#: counted from source/117033.md, never written here (tests/edition_source.py)
NOTES = edition_source.notes()
LETTERS = edition_source.commentary_letters()


def page(build) -> lxml_html.HtmlElement:
    return lxml_html.parse(str(build.outdir / f"{DOCUMENT}.html")).getroot()


def has_class(name: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


# --- HTML -----------------------------------------------------------------------

def test_html_notes_link_both_ways(edition_build):
    main = page(edition_build("html")).find(".//main")
    refs = main.xpath(f".//a[{has_class('footnote-reference')}]")
    assert [r.text_content().strip("[]") for r in refs] == NOTES
    for number, ref in zip(NOTES, refs):
        assert ref.get("id") == f"note-ref-{number}"
        assert ref.get("href") == f"#note-{number}"
        assert ref.get("role") == "doc-noteref"
        note = main.xpath(f".//aside[@id='note-{number}']")
        assert len(note) == 1 and "footnote" in note[0].get("class")
        back = note[0].xpath("./span[@class='label']//a[@role='doc-backlink']")
        assert [b.get("href") for b in back] == [f"#note-ref-{number}"]
    assert len(main.xpath(f".//aside[{has_class('footnote')}]")) == len(NOTES)


def test_html_interpolations(edition_build):
    main = page(edition_build("html")).find(".//main")
    marks = main.xpath(f".//span[{has_class('interpolation')}]")
    assert len(marks) == edition_source.interpolations()
    in_notes = [m for m in marks if m.xpath("ancestor::aside[@id='note-3']")]
    assert [m.text_content() for m in in_notes] == ["[to the socialist camp]"]
    for mark in marks:
        assert mark.get("title") == ("Words in square brackets in the record (it does "
                                     "not say who supplied them)")
        brackets = mark.xpath(f"./span[{has_class('interpolation-bracket')}]")
        assert [b.text for b in brackets] == ["[", "]"]
        assert mark.text_content()[1:-1].strip()
    assert marks[0].text_content() == "[me]"


def test_html_commentary(edition_build):
    main = page(edition_build("html")).find(".//main")
    items = main.xpath(f".//aside[{has_class('commentary')}]")
    assert len(items) == len(LETTERS)
    assert sorted(i.get("id") for i in items) == [f"commentary-{x}" for x in LETTERS]
    for item in items:
        letter = item.get("id").removeprefix("commentary-")
        assert "editorial" in item.get("class")
        assert "footnote" not in item.get("class")
        label = item.xpath(f".//p[{has_class('commentary-label')}]")[0].text_content()
        assert label == f"{letter} Commentary of this edition"
        ref = main.xpath(f".//a[@id='commentary-ref-{letter}']")
        assert len(ref) == 1 and ref[0].get("href") == f"#commentary-{letter}"
        assert item.xpath(".//a[@role='doc-backlink']")[0].get("href") == f"#commentary-ref-{letter}"
    # lettered in reading order: the note read at its reference in p7 comes first
    sic = main.xpath(".//aside[@id='commentary-a']")[0]
    assert sic.xpath("ancestor::aside[@id='note-3']")
    assert "zhuoyue" in sic.text_content()
    order = [a.get("id") for a in main.xpath(f".//a[{has_class('commentary-ref')}]")]
    assert order == ["commentary-ref-b", "commentary-ref-c", "commentary-ref-d",
                     "commentary-ref-a"]  # a: in note 3, listed last


def test_html_assets_are_local_files(edition_build):
    build = edition_build("html")
    root = page(build)
    from edition.outputs.html import expand_bundles

    page_path = build.outdir / f"{DOCUMENT}.html"
    # the page's own scripts and stylesheets reach it joined (outputs/html.py)
    scripts = expand_bundles(page_path, [s.get("src") for s in root.iter("script")
                                         if s.get("src")])
    assert "_static/edition-apparatus.js" in scripts
    # JSON-LD (citation.py) is data, not code: no CSP applies to it
    inline = [s for s in root.iter("script") if not s.get("src") and (s.text or "").strip()
              and s.get("type") != "application/ld+json"]
    assert inline == []
    links = expand_bundles(page_path, [link.get("href") for link in root.iter("link")
                                       if link.get("rel") == "stylesheet"])
    assert "_static/edition-apparatus.css" in links
    assert (build.outdir / "_static" / "edition-apparatus.js").is_file()
    # no inline event handlers anywhere
    assert not re.search(r"\son[a-z]+=", (build.outdir / f"{DOCUMENT}.html").read_text())


# --- LaTeX -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def tex(edition_build) -> str:
    """The LaTeX of the report (the .tex holds every page of the edition)."""
    build = edition_build("latex")
    assert build.warnings == ""
    whole = next(build.outdir.glob("*.tex")).read_text(encoding="utf-8")
    start = whole.index(rf"\label{{\detokenize{{{DOCUMENT}::doc}}}}")
    end = whole.find("::doc}}", start + 30)
    return whole if end < 0 else whole[start:end]


def test_latex_notes_are_footnotes_with_links_both_ways(tex, edition_build):
    assert re.findall(r"\\begin\{footnote\}\[(\d+)\]", tex) == NOTES
    for number in NOTES:
        label = rf"\detokenize{{{DOCUMENT}:note-ref-{number}}}"
        assert tex.count(rf"\label{{{label}}}") == 1  # the reference's place
        assert tex.count(rf"\ednotebacklink{{{label}}}") == 1  # the note's link back
    whole = next(edition_build("latex").outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert "\\usepackage{apparatus}" in whole


def test_latex_interpolations_keep_brackets(tex, edition_build):
    assert tex.count(r"\edinterpolation{") == edition_source.interpolations()
    sty = (edition_build("latex").outdir / "edition.sty").read_text()
    assert r"\newcommand{\edinterpolation}[1]{[#1]}" in sty


def test_latex_commentary_is_its_own_lettered_series_at_its_mark(tex, edition_build):
    notes = re.findall(r"\\edcommentarynote\{\\detokenize\{[^}]*\}\}"
                       r"\{\\detokenize\{[^}]*\}\}\{([a-z])\}", tex)
    assert notes == LETTERS
    assert r"\begin{edcommentary}" not in tex  # every item is a note at its mark
    for letter in LETTERS:
        ref = tex.index(rf"\edcommentaryref{{\detokenize{{{DOCUMENT}:commentary-{letter}}}}}{{{letter}}}")
        note = tex.index(rf"}}{{{letter}}}{{%", ref)
        between = tex[ref:note]
        # the text follows its letter; for a letter inside an archive note,
        # right after that note (TeX cannot set a note inside a note)
        assert len(between) < 600 and "\\sphinxAtStartPar" not in between
    sty = (edition_build("latex").outdir / "apparatus.sty").read_text()
    assert r"\DeclareNewFootnote{C}[alph]" in sty


def test_pdf_sets_notes_and_commentary(edition_pdf):
    text = subprocess.run(["pdftotext", "-layout", str(edition_pdf.pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "Liu Xiao was Chinese ambassador" in text
    assert "The parenthesis" in text  # the commentary on note 3
    assert "[to the socialist camp]" in text
    assert "undefined references" not in edition_pdf.log


@pytest.mark.sphinx("latex", testroot="apparatus-columns")
def test_latex_notes_in_columns_are_plain_footnotes(app):
    app.build()
    assert app.warning.getvalue() == ""
    tex = (Path(app.outdir) / "projectnamenotset.tex").read_text(encoding="utf-8")
    # p1's slot is filled, so every unit of the document is set in columns
    # (parallel.py), and a note inside a unit is a plain \footnote
    assert r"\footnote[1]{\sphinxAtStartFootnote" in tex
    assert r"\footnote[2]{\sphinxAtStartFootnote" in tex
    assert r"\begin{footnote}" not in tex


# --- EPUB and text -------------------------------------------------------------------

def test_epub_notes_have_epub_types_and_backlinks(edition_build):
    build = edition_build("epub")
    epub = next(build.outdir.glob("*.epub"))
    with zipfile.ZipFile(epub) as archive:
        name = next(n for n in archive.namelist() if n.endswith(f"{DOCUMENT}.xhtml"))
        xhtml = archive.read(name).decode("utf-8")
        scripts = [n for n in archive.namelist() if n.endswith("edition-apparatus.js")]
    # the EPUB's markup of notes (edition/outputs/epub.py): noterefs, and endnotes
    assert len(re.findall(r'<a [^>]*href="#note-\d"[^>]*epub:type="noteref"', xhtml)) == len(NOTES)
    assert len(re.findall(r'<li [^>]*id="note-\d"[^>]*epub:type="endnote"', xhtml)) == len(NOTES)
    for number in NOTES:
        assert f'role="doc-backlink" href="#note-ref-{number}"' in xhtml
    assert xhtml.count('class="interpolation"') == edition_source.interpolations()
    assert scripts == []


def test_text_output_is_readable(edition_build):
    text = (edition_build("text").outdir / f"{DOCUMENT}.txt").read_text(encoding="utf-8")
    assert "now let [me] illustrate" in text
    for number in NOTES:
        assert re.search(rf"^\[{number}\] \S", text, re.M), f"note {number}"
    # the edition's marks in plain text, none in square brackets (outputs/plain.py)
    superscripts = dict(zip("abcd", "ᵃᵇᶜᵈ"))
    for letter in LETTERS:
        assert f"│ {superscripts[letter]} Commentary of this edition" in text
    assert re.search(r"zhuoyeu\s+⟨sic⟩ᵃ", text)
    assert "Gomulka⁴ is trying" in text and "relationshipᵇ with" in text
    assert "[Commentary" not in text and "[sic]" not in text
    assert not re.search(r"\[[a-z]\]|\[\d\]\S", text)


# --- Warnings ----------------------------------------------------------------------------

ERRORS = {
    "dangling": (3, "note reference [^9] has no note", "edition.note"),
    "unreferenced": (5, "Footnote [7] is not referenced", "ref.footnote"),
    "empty-interpolation": (3, "interpolation is empty", "edition.interpolation"),
    "unattached": (5, "commentary is attached to nothing", "edition.commentary"),
    "unknown-mark": (5, "commentary names mark 'sic-typo', which does not exist",
                     "edition.commentary"),
}


@pytest.fixture(scope="module")
def error_build(rootdir, tmp_path_factory):
    """The error fixture built once, as ``sphinx-build -W --keep-going`` would."""
    base = tmp_path_factory.mktemp("apparatus-errors")
    srcdir = base / "src"
    shutil.copytree(rootdir / "test-apparatus-errors", srcdir)
    return build_project(srcdir, srcdir, base, "html", strict=True)


@pytest.mark.parametrize("case", ERRORS)
def test_error_is_reported_with_file_and_line(case, error_build):
    line, message, kind = ERRORS[case]
    warnings = error_build.warnings.splitlines()
    mine = [w for w in warnings if f"{case}.md:" in w]
    assert len(mine) == 1, warnings
    assert f"{case}.md:{line}: WARNING: {message}" in mine[0]
    assert mine[0].endswith(f"[{kind}]")


def test_errors_fail_a_strict_build(error_build):
    assert error_build.statuscode == 1
    # the text of a reference without a note is kept, not dropped
    html = (error_build.outdir / "dangling.html").read_text()
    assert "missing note.[^9]" in html


# --- In the browser ---------------------------------------------------------------------

def open_page(browser, build, width: int, height: int = 900, reset: bool = True):
    context = browser.new_context(viewport={"width": width, "height": height})
    page_ = context.new_page()
    errors: list[str] = []
    page_.on("pageerror", lambda error: errors.append(str(error)))
    page_.goto((build.outdir / f"{DOCUMENT}.html").as_uri())
    page_.wait_for_function("document.fonts.status === 'loaded'")
    page_.wait_for_timeout(100)
    page_.errors = errors
    return context, page_


def box(page_, selector: str) -> dict:
    return page_.locator(selector).first.bounding_box()


#: px a sidenote's top may stand below its reference's box: the note is set at
#: the top of the reference's line, and the raised number stands above it by
#: what the face's metrics give (12.1 px with DejaVu Serif at 18 px) [page, issue 14]
LEVEL = 14


def test_browser_sidenotes_beside_their_references(browser, edition_build, artifacts):
    context, page_ = open_page(browser, edition_build("html"), 1280)
    try:
        assert page_.evaluate("document.querySelector('main').classList.contains('edition-sidenotes')")
        column = box(page_, "main .side-translation")  # the text column
        previous_bottom = None
        for number in NOTES:
            ref = box(page_, f"#note-ref-{number}")
            note = box(page_, f"#note-{number}")
            assert note["x"] >= column["x"] + column["width"], f"note {number} not in the margin"
            assert note["x"] + note["width"] <= 1280
            assert note["y"] >= ref["y"] - 12, f"note {number} above its reference"
            pushed = previous_bottom is not None and note["y"] <= previous_bottom + 16
            assert pushed or abs(note["y"] - ref["y"]) <= LEVEL, (number, note, ref)
            previous_bottom = note["y"] + note["height"]
        # note 4 stands level with its reference: note 3 is shortened, not in the way
        assert abs(box(page_, "#note-4")["y"] - box(page_, "#note-ref-4")["y"]) <= LEVEL
        page_.locator("#note-ref-3").scroll_into_view_if_needed()
        page_.evaluate("window.scrollBy(0, -120)")
        page_.screenshot(path=str(artifacts / "apparatus-sidenotes-1280.png"))
        # the whole of a long note is one button away
        more = page_.locator("#note-3 .note-more")
        assert more.get_attribute("aria-expanded") == "false"
        height = box(page_, "#note-3")["height"]
        more.click()
        page_.wait_for_timeout(100)
        assert more.get_attribute("aria-expanded") == "true"
        assert box(page_, "#note-3")["height"] > height * 1.5
        assert box(page_, "#note-4")["y"] >= box(page_, "#note-3")["y"] + box(page_, "#note-3")["height"]
        more.click()
        page_.wait_for_timeout(100)
        assert more.get_attribute("aria-expanded") == "false"
        # a keyboard user reaching a link in the hidden part sees it
        page_.focus("#note-3 aside.commentary a[role='doc-backlink']")
        page_.wait_for_timeout(100)
        assert more.get_attribute("aria-expanded") == "true"
        assert page_.locator("#note-3 aside.commentary a[role='doc-backlink']").is_visible()
        assert page_.errors == []
    finally:
        context.close()


def test_browser_notes_under_their_paragraph_open_in_place(browser, edition_build, artifacts):
    """On a phone each note stands under its paragraph, and a tap on its
    reference opens it in place, in the flow, with a way back (issue 14)."""
    context, page_ = open_page(browser, edition_build("html"), 390, 844)
    try:
        assert not page_.evaluate(
            "document.querySelector('main').classList.contains('edition-sidenotes')")
        # each note under its paragraph, before the next one
        for number, unit, following in (("2", "p5", "p6"), ("3", "p7", "p8"), ("6", "p9", "p10")):
            note = box(page_, f"#note-{number}")
            assert box(page_, f"#{unit}")["y"] < note["y"] < box(page_, f"#{following}")["y"]
        assert page_.locator(".note-inplace").count() == 0
        page_.locator("#note-ref-2").click()
        opened = page_.locator(".note-inplace")
        opened.wait_for(state="visible")
        ref = box(page_, "#note-ref-2")
        shown = opened.bounding_box()
        # right under the line of the reference, inside the page
        assert 0 <= shown["y"] - (ref["y"] + ref["height"]) <= 20
        assert shown["x"] >= 0 and shown["x"] + shown["width"] <= 390
        assert "Liu Xiao was Chinese ambassador" in opened.inner_text()
        # in the flow: the words after the reference move down, none is covered
        after = page_.evaluate("""() => {
            const ref = document.getElementById('note-ref-2');
            const range = document.createRange();
            range.selectNodeContents(ref.nextElementSibling.nextSibling);
            return range.getClientRects()[0].top; }""")
        assert after >= shown["y"] + shown["height"] - 1
        # a real note for a screen reader, focused, with a way back
        assert opened.get_attribute("role") == "note"
        assert page_.evaluate("document.activeElement.classList.contains('note-inplace')")
        assert opened.locator("[id]").count() == 0  # a copy: no id twice
        page_.screenshot(path=str(artifacts / "apparatus-note-in-place-390.png"))
        opened.get_by_role("button", name="Close note 2, back to the text").click()
        assert page_.locator(".note-inplace").count() == 0
        assert page_.evaluate("document.activeElement.id") == "note-ref-2"
        # Escape closes it too; the link still leads to the note and back
        page_.locator("#note-ref-5").click()
        assert "Declaration on Developing" in page_.locator(".note-inplace").inner_text()
        page_.keyboard.press("Escape")
        assert page_.locator(".note-inplace").count() == 0
        assert page_.evaluate("document.activeElement.id") == "note-ref-5"
        assert page_.get_attribute("#note-ref-5", "href") == "#note-5"
        page_.click("#note-5 a[role='doc-backlink']")
        assert page_.evaluate("location.hash") == "#note-ref-5"
        assert page_.errors == []
    finally:
        context.close()


def visible_text(page_, selector: str) -> str:
    return page_.locator(selector).first.inner_text()


def test_browser_reader_toggles(browser, edition_build, artifacts):
    context, page_ = open_page(browser, edition_build("html"), 1280)
    try:
        controls = page_.locator(".reader-controls[role='group']")
        assert controls.count() == 1
        # right after the document's header block
        assert page_.evaluate(
            "document.querySelector('header.document-header').nextElementSibling"
            ".classList.contains('reader-controls')")
        reading = page_.get_by_role("button", name="Reading text")
        commentary = page_.get_by_role("button", name="Commentary")
        assert reading.get_attribute("aria-pressed") == "false"
        assert commentary.get_attribute("aria-pressed") == "true"

        p1 = "#p1 .side-translation"
        assert "now let [me] illustrate" in visible_text(page_, p1)
        published_color = page_.eval_on_selector(".interpolation", "e => getComputedStyle(e).color")
        reading.focus()
        page_.keyboard.press("Enter")  # keyboard-operable
        assert reading.get_attribute("aria-pressed") == "true"
        assert "now let me illustrate" in visible_text(page_, p1)
        # the supplied words keep the interpolations' colour: supplied, not
        # greyed like a disabled control (issue 14)
        assert page_.eval_on_selector(".interpolation", "e => getComputedStyle(e).color") \
            == published_color
        assert published_color != page_.eval_on_selector(
            ".document-header", "e => getComputedStyle(e).color")  # the muted grey
        page_.locator("#p7").scroll_into_view_if_needed()
        page_.screenshot(path=str(artifacts / "apparatus-reading-text-1280.png"))

        assert page_.locator("#commentary-b").is_visible()
        commentary.click()
        assert commentary.get_attribute("aria-pressed") == "false"
        assert not page_.locator("#commentary-b").is_visible()
        assert not page_.locator("#commentary-ref-b").is_visible()
        page_.screenshot(path=str(artifacts / "apparatus-commentary-hidden-1280.png"))

        # remembered on the next visit
        page_.reload()
        page_.wait_for_timeout(100)
        assert page_.get_by_role("button", name="Reading text").get_attribute("aria-pressed") == "true"
        assert not page_.locator("#commentary-b").is_visible()
        assert "now let me illustrate" in visible_text(page_, p1)
        # the sidenotes follow the changed text
        assert abs(box(page_, "#note-4")["y"] - box(page_, "#note-ref-4")["y"]) <= LEVEL
        assert page_.errors == []
    finally:
        context.close()


def test_browser_page_without_javascript_is_as_published(browser, edition_build):
    context = browser.new_context(viewport={"width": 1280, "height": 900},
                                  java_script_enabled=False)
    try:
        page_ = context.new_page()
        page_.goto((edition_build("html").outdir / f"{DOCUMENT}.html").as_uri())
        # no scripted control; the "Names" checkbox works without a script
        assert page_.locator(".reader-controls button").count() == 0
        assert "now let [me] illustrate" in visible_text(page_, "#p1 .side-translation")
        assert page_.locator("#commentary-b").is_visible()
        # notes: the list at the end, under its heading, reached by the
        # references' links
        assert box(page_, "#note-1")["y"] > box(page_, "#p11")["y"]
        heading = page_.get_by_role("heading", name="Notes", exact=True)
        assert heading.is_visible() and box(page_, "#note-1")["y"] > heading.bounding_box()["y"]
        assert page_.get_attribute("aside.footnote-list", "aria-labelledby") == "notes-heading"
    finally:
        context.close()


@pytest.fixture
def strict_csp_server(edition_build):
    """The built site served over HTTP with ``Content-Security-Policy: default-src 'self'``."""
    import functools
    import http.server
    import threading

    class Handler(http.server.SimpleHTTPRequestHandler):
        def end_headers(self):
            self.send_header("Content-Security-Policy", "default-src 'self'")
            super().end_headers()

        def log_message(self, *args):
            pass

    handler = functools.partial(Handler, directory=str(edition_build("html").outdir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_browser_apparatus_runs_under_strict_csp(browser, strict_csp_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page_ = context.new_page()
        messages: list[str] = []
        page_.on("console", lambda message: messages.append(message.text))
        page_.on("pageerror", lambda error: messages.append(str(error)))
        missing: list[str] = []
        page_.on("response", lambda r: missing.append(r.url) if r.status >= 400 else None)
        page_.goto(f"{strict_csp_server}/{DOCUMENT}.html")
        page_.wait_for_function("document.fonts.status === 'loaded'")
        # the apparatus' two toggles (parallel.js adds the reading modes)
        assert page_.get_by_role("button", name="Reading text").count() == 1
        assert page_.get_by_role("button", name="Commentary").count() == 1
        assert page_.evaluate(
            "document.querySelector('main').classList.contains('edition-sidenotes')")
        assert abs(box(page_, "#note-2")["y"] - box(page_, "#note-ref-2")["y"]) <= LEVEL
        assert [m for m in messages if "Content Security Policy" in m] == []
        # the browser asks for /favicon.ico on its own; nothing else may fail
        assert [u for u in missing if not u.endswith("/favicon.ico")] == []
        assert [m for m in messages if "Failed to load resource" not in m] == []
    finally:
        context.close()
