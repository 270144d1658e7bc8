"""The EPUB in a real reading system: foliate-js in headless Chromium.

foliate-js (npm, pinned in package-lock.json) is the engine of the Foliate
e-book reader: it unzips the .epub, reads the package and the navigation
document, paginates the pages in an iframe and, with its footnote handler,
shows the note a noteref points to in a pop-up. epub.js was the other
candidate; it has no note pop-ups, so a pop-up there would be our own code
testing our own markup. tests/reader/ is a small reader page built as
Foliate builds its reader (view, table-of-contents tree, footnote handler),
served on localhost with foliate-js from node_modules and the .epub beside it.

Each test saves a screenshot into tests/artifacts/ for a person to look at:
the first page of the text, a note pop-up, the table of contents, a page in
a night mode.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from epub_text import epub_file
from validators import NODE_MODULES, require_npm, serve

FOLIATE = NODE_MODULES / "foliate-js"
READER = Path(__file__).parent / "reader"
#: the reading system's night mode: its own paper and ink (what Foliate's
#: dark theme sets), over the EPUB's stylesheet
NIGHT = "html { background: #121212 !important; color: #e0e0e0 !important; }"


@pytest.fixture(scope="module")
def reader_site(edition_build, tmp_path_factory):
    """A folder with the reader page, foliate-js and the edition's .epub."""
    require_npm(FOLIATE / "view.js", "chromium")
    build = edition_build("epub")
    assert build.warnings == ""
    site = tmp_path_factory.mktemp("reader")
    for path in READER.iterdir():
        shutil.copy(path, site / path.name)
    (site / "foliate-js").symlink_to(FOLIATE.resolve(), target_is_directory=True)
    shutil.copy(epub_file(build.outdir), site / "book.epub")
    return site


@pytest.fixture
def reader(reader_site, browser):
    """The reader page with the book open at the start of the text."""
    with serve(reader_site) as base:
        page = browser.new_page(viewport={"width": 1100, "height": 800})
        page.goto(f"{base}reader.html?book=book.epub")
        page.wait_for_function("window.reader && window.reader.ready", timeout=60_000)
        page.wait_for_function("window.reader.visibleText", timeout=30_000)
        page.wait_for_timeout(300)  # the page's images and fonts
        yield page
        assert page.evaluate("window.reader.errors") == []
        page.close()


def book_frame(page, selector: str):
    """The frame of the reading system that shows *selector*."""
    (frame,) = [f for f in page.frames if f.query_selector(selector)]
    return frame


def test_the_text_starts_on_the_first_page(reader, artifacts):
    # the reader went to the landmark "bodymatter" of the navigation document
    assert reader.evaluate("window.reader.landmarks.map(m => [m.type[0], m.href])") == [
        ["bodymatter", "117033.xhtml"]]
    reader.screenshot(path=str(artifacts / "epub-reader-first-page.png"))
    visible = reader.evaluate("window.reader.visibleText")
    assert "My Observations on the Soviet Union" in visible
    assert "Having already spoken considerably about the achievements" in visible
    frame = book_frame(reader, "#p1")
    # the translators' interpolations keep their colour in the reading system
    colour = frame.evaluate(
        "getComputedStyle(document.querySelector('#p1 .interpolation')).color")
    assert colour == "rgb(12, 128, 151)"


def test_a_note_opens_in_a_pop_up(reader, artifacts):
    book_frame(reader, "#note-ref-1").click("#note-ref-1")
    reader.wait_for_function("window.reader.note", timeout=20_000)
    reader.wait_for_timeout(300)
    reader.screenshot(path=str(artifacts / "epub-reader-note.png"))
    assert reader.evaluate("window.reader.note.type") == "endnote"
    text = reader.evaluate("window.reader.note.text()").split()
    # the number without brackets, then the archive's note
    assert text[:6] == ["1", "Zhou", "Enlai", "led", "a", "Chinese"]
    assert reader.is_visible("#note")
    # the edition's commentary opens the same way, as a footnote
    reader.keyboard.press("Escape")
    reader.evaluate("window.reader.note = null")
    reader.evaluate("window.reader.view.goTo('117033.xhtml#p7')")
    reader.wait_for_timeout(500)
    book_frame(reader, "#commentary-ref-b").click("#commentary-ref-b")
    reader.wait_for_function("window.reader.note", timeout=20_000)
    assert reader.evaluate("window.reader.note.type") == "footnote"
    assert "page break of the capture" in reader.evaluate("window.reader.note.text()")


def test_the_navigation_reaches_every_part(reader, artifacts):
    toc = reader.evaluate(
        "window.reader.toc.map(t => [t.label, (t.subitems || []).map(s => s.label)])")
    labels = [label for label, _ in toc]
    for part in ("Note on the text", "About the source", "Bibliography", "Registers",
                 "Chronology", "How to cite"):
        assert part in labels
    report = dict(toc)[
        "Report, 'My Observations on the Soviet Union,' Zhou Enlai to Mao Zedong and "
        "the Central Leadership (Excerpt)"]
    assert report == ["Notes"]
    assert dict(toc)["Registers"] == ["Persons", "Places", "Organisations and publications"]
    reader.evaluate("document.querySelector('#sidebar').hidden = false")
    # the reader's own tree of the contents: choose "Notes"
    reader.click("#toc a:text-is('Notes')")
    reader.wait_for_function(
        "window.reader.visibleText.includes('Zhou Enlai led a Chinese governmental')",
        timeout=20_000)
    reader.wait_for_timeout(300)
    reader.screenshot(path=str(artifacts / "epub-reader-navigation.png"))
    assert "Notes" in reader.evaluate("window.reader.visibleText")


def test_a_night_mode_keeps_every_hand_legible(reader, artifacts):
    reader.evaluate(f"window.reader.view.renderer.setStyles({NIGHT!r})")
    reader.evaluate("window.reader.view.goTo('117033.xhtml#p7')")
    reader.wait_for_timeout(800)
    reader.screenshot(path=str(artifacts / "epub-reader-night.png"))
    frame = book_frame(reader, "#commentary-b")
    styles = frame.evaluate("""() => {
        const style = s => getComputedStyle(document.querySelector(s))
        return [style('#p7 .interpolation').color, style('#commentary-b').backgroundColor,
                style('#commentary-b p').color]
    }""")
    # the interpolation's teal on the night paper; the commentary's shade
    # translucent, its words in the reader's ink
    assert styles == ["rgb(12, 128, 151)", "rgba(128, 128, 128, 0.12)", "rgb(224, 224, 224)"]
