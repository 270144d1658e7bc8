"""The document page as a reader meets it (issue 14): a calm first screen.

In a browser (headless Chromium), at a laptop's 1280x800 and a phone's
390x844, with and without JavaScript, in light and dark colours:

* the report's first lines are on the first screen: the header block is one
  line that opens onto the metadata, the downloads and the citation;
* the names in the text are not underlined, yet each is a link a keyboard
  reaches (and shows), and the "Names" control underlines them all;
* the faces follow the language: English is never set in a Chinese face,
  Chinese (a slot, a name in Chinese script) in a Simplified Chinese one;
* the slot's sign stays on screen and the coverage notice shows it.

Screenshots of each state go to tests/artifacts/ for a person to look at.
"""

from __future__ import annotations

import re

import pytest

from conftest import TESTS, build_project

DOCUMENT = "117033.html"
PARALLEL = TESTS / "roots" / "test-parallel"
SIZES = {"laptop": (1280, 800), "phone": (390, 844)}
FIRST_LINE = "#p1 .side-translation p"


@pytest.fixture(scope="module")
def site(edition_build):
    build = edition_build("html")
    assert build.warnings == ""
    return build.outdir


def open_page(browser, url: str, size: str, *, javascript: bool = True,
              scheme: str = "light"):
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height},
                                  java_script_enabled=javascript, color_scheme=scheme,
                                  is_mobile=size == "phone", has_touch=size == "phone")
    page = context.new_page()
    page.goto(url)
    if javascript:
        page.wait_for_function("() => document.querySelector('.reader-controls button')")
    return context, page


# --- the first screen -------------------------------------------------------------------

@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("size", list(SIZES))
def test_browser_first_paragraph_is_on_the_first_screen(browser, site, artifacts, size,
                                                        javascript, scheme):
    context, page = open_page(browser, (site / DOCUMENT).as_uri(), size,
                              javascript=javascript, scheme=scheme)
    try:
        height = SIZES[size][1]
        first = page.locator(FIRST_LINE).bounding_box()
        line = page.eval_on_selector(FIRST_LINE, "p => parseFloat(getComputedStyle(p).lineHeight)")
        # its first two lines are wholly on the screen, unscrolled
        assert first["y"] + 2 * line <= height, (size, first["y"])
        assert page.evaluate("window.scrollY") == 0
        page.screenshot(path=str(artifacts / f"page-first-screen-{size}-{scheme}-"
                                             f"{'js' if javascript else 'nojs'}.png"))
    finally:
        context.close()


def test_browser_header_block_opens_onto_metadata_downloads_and_citation(browser, site):
    context, page = open_page(browser, (site / DOCUMENT).as_uri(), "phone")
    try:
        details = page.locator("header.document-header details")
        summary = details.locator("summary")
        assert details.get_attribute("open") is None
        assert " ".join(summary.inner_text().split()) == \
            "About this document 24 January 1957 · translated by Zhang Shu Guang and Chen Jian"
        assert not page.locator("dd.field-archive").is_visible()
        summary.focus()                       # a keyboard opens it
        page.keyboard.press("Enter")
        assert details.get_attribute("open") is not None
        for selector in (".field-archive", ".field-source", ".data-exports a",
                         "a[href='#cite-this']"):
            assert page.locator(f"header.document-header {selector}").first.is_visible()
        page.click("header.document-header a[href='#cite-this']")
        assert page.locator("#cite-this").is_visible()
    finally:
        context.close()


# --- names --------------------------------------------------------------------------

def decoration(page, selector: str) -> str:
    return page.eval_on_selector(selector, "e => getComputedStyle(e).textDecorationLine")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_browser_names_are_quiet_yet_reachable(browser, site, artifacts, javascript):
    context, page = open_page(browser, (site / DOCUMENT).as_uri(), "laptop",
                              javascript=javascript)
    try:
        names = page.locator("#p4 a.mention")
        assert names.count() == 2
        assert [decoration(page, "#p4 a.mention")] == ["none"]
        body = page.eval_on_selector("#p4 .side-translation p", "p => getComputedStyle(p).color")
        assert page.eval_on_selector("#p4 a.mention", "a => getComputedStyle(a).color") == body
        # the rejoin mark keeps its mark: it no longer looks like a name
        assert decoration(page, "#p7 .mark-rejoin") == "underline"
        # a link for screen readers and for the keyboard, shown when reached
        assert page.get_by_role("link", name="Stalin").count() >= 10
        names.first.focus()
        assert page.evaluate("document.activeElement.textContent") == "Stalin"
        page.keyboard.press("Tab")  # reached by Tab from the previous name
        page.keyboard.press("Shift+Tab")
        assert page.evaluate("document.activeElement.classList.contains('mention')")
        assert page.evaluate("getComputedStyle(document.activeElement).textDecorationLine") \
            == "underline"
        # "Names" (a checkbox: it needs no script) underlines every name
        toggle = page.get_by_role("checkbox", name="Names")
        assert toggle.count() == 1 and not toggle.is_checked()
        toggle.focus()
        page.keyboard.press("Space")
        assert toggle.is_checked()
        page.mouse.move(0, 0)
        underlined = page.eval_on_selector_all(
            "main a.mention", "as => as.filter(a => "
            "getComputedStyle(a).textDecorationLine === 'underline').length")
        assert underlined == page.locator("main a.mention").count() >= 80
        page.locator("#p5").scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts / f"page-names-shown-{'js' if javascript else 'nojs'}.png"))
    finally:
        context.close()


# --- faces by language ----------------------------------------------------------------

def platform_fonts(page, selector: str) -> list[str]:
    """The faces Chromium drew the selected element's own text with."""
    client = page.context.new_cdp_session(page)
    client.send("DOM.enable")
    client.send("CSS.enable")
    root = client.send("DOM.getDocument")["root"]["nodeId"]
    node = client.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    assert node, selector
    fonts = client.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    client.detach()
    return [f"{f['familyName']} ({f.get('postScriptName', '')})" for f in fonts]


CJK = re.compile(r"CJK|Han |Song|Ming|Hei|Kai|SimSun|PingFang", re.I)
SIMPLIFIED = re.compile(r"CJK ?sc|CJK SC|Han (Serif|Sans) SC|SC\b|Songti SC|STSong|SimSun|PingFang SC|YaHei",
                        re.I)


@pytest.fixture(scope="module")
def parallel_site(tmp_path_factory):
    build = build_project(PARALLEL, PARALLEL, tmp_path_factory.mktemp("page"), "html")
    assert build.warnings == ""
    return build.outdir


def test_browser_english_is_never_set_in_a_chinese_face(browser, site):
    context, page = open_page(browser, (site / DOCUMENT).as_uri(), "laptop")
    try:
        for selector in (FIRST_LINE, "#p7 .side-translation p", "h1",
                         ".coverage-notice p", "#note-1 p"):
            family = page.eval_on_selector(selector, "e => getComputedStyle(e).fontFamily")
            assert not re.search(r"CJK|Songti|SimSun|STSong", family.split("Edition Han")[0]), \
                (selector, family)
            used = platform_fonts(page, selector)
            assert used and not [f for f in used if CJK.search(f)], (selector, used)
        # quotation marks keep their Latin width: the same advance as in the
        # page's Latin face, not a full em
        widths = page.evaluate("""() => {
            const span = document.createElement('span');
            document.querySelector('#p7 .side-translation p').append(span);
            const width = t => { span.textContent = t; return span.getBoundingClientRect().width; };
            const em = parseFloat(getComputedStyle(span).fontSize);
            const result = {quote: width('\\u201c'), pilcrow: width('\\u00b6'), em};
            span.remove();
            return result;
        }""")
        assert widths["quote"] < 0.6 * widths["em"] and widths["pilcrow"] < 0.8 * widths["em"]
        # Chinese script inside English (a name or title in characters, where
        # an entry gives one) takes a Simplified Chinese face, not whatever CJK
        # face the system picks. The document page holds none since bib/ gives
        # no form in characters without a basis (issue 13): a span of English
        # with characters stands in, in the text's own paragraph.
        page.evaluate("""async () => {
            const span = document.createElement('span');
            span.className = 'han-inside-english';
            span.textContent = 'Zhou Enlai 周恩来';
            document.querySelector('#p7 .side-translation p').append(span);
            span.getBoundingClientRect();      // laid out now
            await document.fonts.ready;        // its faces loaded (unicode-range)
        }""")
        used = platform_fonts(page, ".han-inside-english")
        cjk = [f for f in used if CJK.search(f)]
        assert cjk and all(SIMPLIFIED.search(f) for f in cjk), used
        assert [f for f in used if not CJK.search(f)], used  # and the Latin letters not
    finally:
        context.close()


def test_browser_chinese_is_set_in_a_simplified_chinese_face(browser, parallel_site):
    context, page = open_page(browser, (parallel_site / "filled.html").as_uri(), "laptop")
    try:
        selector = "#p1 .side-original p"
        assert page.eval_on_selector(selector, "e => e.closest('[lang]').lang") == "zh-Hans"
        family = page.eval_on_selector(selector, "e => getComputedStyle(e).fontFamily")
        assert family.startswith('"Noto Serif CJK SC"'), family
        used = platform_fonts(page, selector)
        cjk = [f for f in used if CJK.search(f)]  # (the note's number is in the UI face)
        assert cjk and all(SIMPLIFIED.search(f) for f in cjk), used
        english = platform_fonts(page, "#p1 .side-translation p")
        assert english and not [f for f in english if CJK.search(f)], english
    finally:
        context.close()


# --- the slot's sign -------------------------------------------------------------------

@pytest.mark.parametrize("width", [820, 900, 1024, 1100])
def test_browser_slot_sign_stays_on_screen_and_is_explained(browser, site, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    try:
        page.goto((site / DOCUMENT).as_uri())
        for number in ("p1", "p7"):
            sign = page.locator(f"#{number} .slot-status").bounding_box()
            text = page.locator(f"#{number} .side-translation").bounding_box()
            assert sign["x"] >= 0 and sign["x"] + sign["width"] <= text["x"] + 1, (width, sign)
        sign = "e => getComputedStyle(e, '::before').content"
        assert "◌" in page.eval_on_selector("#p1 .slot-status", sign)
        # the notice that says paragraphs are marked opens with the same sign
        assert "◌" in page.eval_on_selector(".coverage-notice > p", sign)
        assert "marked as pending" in page.inner_text(".coverage-notice")
    finally:
        context.close()


# --- what each page loads ---------------------------------------------------------------

def stylesheets(page_path) -> list[str]:
    from lxml import html as lxml_html
    tree = lxml_html.parse(str(page_path))
    from edition.outputs.html import expand_bundles

    # the files the page's bundle joins count as loaded (outputs/html.py)
    return [href.rsplit("/", 1)[-1] for href in
            expand_bundles(page_path, tree.xpath("//head/link[@rel='stylesheet']/@href"))]


def scripts(page_path) -> list[str]:
    from lxml import html as lxml_html
    tree = lxml_html.parse(str(page_path))
    from edition.outputs.html import expand_bundles

    return [src.rsplit("/", 1)[-1]
            for src in expand_bundles(page_path, tree.xpath("//head/script/@src"))]


def test_each_page_loads_only_the_stylesheets_it_uses(site):
    from edition.outputs.html import COMPONENT_CSS, STYLED_COMPONENT_CLASSES, component_classes

    document = stylesheets(site / DOCUMENT)
    assert "edition.css" in document and "mentions.css" in document
    for unused in (COMPONENT_CSS, "pygments.css", "chronology.css", "registers.css"):
        assert unused not in document, unused
    assert "registers.css" in stylesheets(site / "persons.html")
    assert "chronology.css" in stylesheets(site / "chronology.html")
    assert "pygments.css" in stylesheets(site / "editors-guide.html")
    # every sphinx-design class a page uses is styled: by the theme's own
    # rules (the tab set), or by sphinx-design's sheet, which the page loads
    used = 0
    for page_path in sorted(site.rglob("*.html")):
        classes = component_classes(page_path.read_text(encoding="utf-8"))
        used += bool(classes)
        if not classes <= STYLED_COMPONENT_CLASSES:
            assert COMPONENT_CSS in stylesheets(page_path), page_path.name
        else:
            assert COMPONENT_CSS not in stylesheets(page_path), page_path.name
    assert used >= 2  # the document page and "How to cite"
    # the passages' search script: on the search page only
    assert "edition-search.js" in scripts(site / "search.html")
    assert "edition-search.js" not in scripts(site / DOCUMENT)
    css = (site / "_static" / "edition.css").read_text(encoding="utf-8")
    for name in STYLED_COMPONENT_CLASSES:
        assert f".{name}" in css, name
    # the stylesheet's comments stay in its template
    assert "/*" not in css and "{#" not in css


def test_a_component_the_theme_does_not_style_brings_sphinx_designs_sheet(tmp_path):
    import shutil

    from edition.outputs.html import COMPONENT_CSS

    source = tmp_path / "src"
    shutil.copytree(PARALLEL, source)
    conf = source / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8").replace(
        'extensions = ["myst_parser", "edition"]',
        'extensions = ["myst_parser", "sphinx_design", "edition"]'), encoding="utf-8")
    (source / "tabs.md").write_text("# Tabs\n\n::::{tab-set}\n:::{tab-item} One\nA.\n:::\n"
                                    ":::{tab-item} Two\nB.\n:::\n::::\n", encoding="utf-8")
    (source / "cards.md").write_text("# Cards\n\n::::{grid} 2\n:::{grid-item-card} One\nA.\n"
                                     ":::\n::::\n", encoding="utf-8")
    index = source / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace(
        "partial\n", "partial\ntabs\ncards\n"), encoding="utf-8")
    build = build_project(source, source, tmp_path, "html")
    assert build.warnings == ""
    assert COMPONENT_CSS not in stylesheets(build.outdir / "tabs.html")   # the theme's rules
    assert COMPONENT_CSS in stylesheets(build.outdir / "cards.html")      # sphinx-design's
    assert COMPONENT_CSS not in stylesheets(build.outdir / "filled.html")


def test_browser_citation_tabs_work_without_javascript(browser, site, artifacts):
    context = browser.new_context(java_script_enabled=False,
                                  viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto((site / "how-to-cite.html").as_uri())
        block = page.locator(".cite-this-part").nth(1)  # the document's forms
        chicago, bibtex = block.locator(".sd-tab-content").nth(0), block.locator(".sd-tab-content").nth(1)
        assert chicago.is_visible() and not bibtex.is_visible()
        block.get_by_text("BibTeX", exact=True).click()
        assert bibtex.is_visible() and not chicago.is_visible()
        assert "@misc{edition-117033" in bibtex.inner_text()
        # a keyboard moves between the formats (a group of radio buttons)
        block.locator("input[type=radio]").nth(1).focus()
        page.keyboard.press("ArrowRight")
        assert block.locator(".sd-tab-content").nth(2).is_visible()
        bibtex.evaluate("e => e.scrollIntoView()")
        page.screenshot(path=str(artifacts / "page-citation-tabs-nojs-390.png"))
    finally:
        context.close()
