"""Clean copying from the document page (issue 13).

A reader who selects a paragraph and copies it gets the witness's words
(with the quotation marks the page prints, typography.py) and the record's
square brackets, without the edition's marks (note numbers, commentary
letters, the paragraph number, the sic label, the slot's notice), whatever
the reading mode; "Copy with citation" copies a paragraph with its
own citation; without JavaScript there is no such control. The copy event's
data (what the page puts on the clipboard) and the clipboard itself are read
in Debian's Chromium.
"""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from conftest import BASEURL
from witness import same_quotes, witness_text, words

DOCUMENT = "117033"

#: select the contents of an element, fire a copy, return what the page set
COPY = """(selector) => {
  const range = document.createRange();
  range.selectNodeContents(document.querySelector(selector));
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
  const data = new DataTransfer();
  document.dispatchEvent(new ClipboardEvent("copy", {clipboardData: data, bubbles: true,
                                                     cancelable: true}));
  return [data.getData("text/plain"), data.getData("text/html")];
}"""


@pytest.fixture(scope="module")
def site(edition_build):
    build = edition_build("html", html_baseurl=BASEURL)
    assert build.warnings == ""
    return build


@pytest.fixture
def page(site, browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    tab = context.new_page()
    tab.goto((site.outdir / f"{DOCUMENT}.html").as_uri())
    tab.wait_for_load_state("load")
    yield tab
    context.close()


@pytest.mark.parametrize("reading_text", [False, True])
def test_copying_a_paragraph_gives_the_witness_with_its_brackets(page, reading_text):
    if reading_text:
        page.click("button.toggle-reading-text")
        assert page.evaluate("document.documentElement.classList.contains("
                             "'edition-reading-text')")
    text, markup = page.evaluate(COPY, "#p7 > .side-translation")
    # the witness's words of ¶ 7, brackets included, nothing glued to them
    # the words as the page prints them: its quotation marks are typographic
    # (typography.py), the witness's straight; the shapes aside, the same
    assert same_quotes(words(text)) == same_quotes(list(witness_text().paragraphs[6]))
    for glued in ("relationshipb", "Gomulka4", "comrades.c", "question 3", "¶",
                  "Copy with citation"):
        assert glued not in text
    assert "[the Second World] War" in text and "[Wladyslaw] Gomulka is" in text
    copied = lxml_html.fromstring(markup)
    assert not copied.xpath("//*[contains(@class, 'footnote-reference')]")
    assert "[in Poland]" in copied.text_content()


def test_copying_a_paragraph_with_a_note_open_in_place(site, browser):
    """On a phone a tapped reference opens its note inside the line of text
    (edition-apparatus.js): a copy of the paragraph leaves that copy of the
    note out, as it leaves out the reference."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        tab = context.new_page()
        tab.goto((site.outdir / f"{DOCUMENT}.html").as_uri())
        tab.wait_for_load_state("load")
        tab.locator("#note-ref-3").click()
        tab.locator(".note-inplace").wait_for(state="visible")
        text, _ = tab.evaluate(COPY, "#p7 > .side-translation")
        assert same_quotes(words(text)) == same_quotes(list(witness_text().paragraphs[6]))
        assert "Close note" not in text and "On 11-16 January 1957" not in text
    finally:
        context.close()


def test_copying_the_whole_unit_leaves_out_number_and_slot_notice(page):
    text, _ = page.evaluate(COPY, "#p11")
    assert "not yet transcribed" not in text and not text.lstrip().startswith("11")
    assert "no longer exists. Now," in text        # no letter glued to "exists"


def test_copying_a_note_keeps_the_record_citation_and_drops_the_sic_label(page):
    text, _ = page.evaluate(COPY, "#note-3 > p")
    assert text.rstrip().endswith("(Shi Zhongquan, Zhou Enlai de zhuoyeu fengxian, 299-300).")


def test_copy_with_citation_by_keyboard(page, site):
    button = page.locator("#p7 button.copy-cite")
    assert button.text_content() == "Copy with citation"
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('#p7 button.copy-cite').textContent "
                           "=== 'Copied'")
    copied = page.evaluate("navigator.clipboard.readText()")
    paragraph, citation = copied.rsplit("\n\n", 1)
    assert same_quotes(words(paragraph)) == same_quotes(list(witness_text().paragraphs[6]))
    expected = lxml_html.parse(str(site.outdir / f"{DOCUMENT}.html")).xpath(
        "//div[@id='p7']/a[contains(@class, 'unit-number')]/@title")[0] \
        .removeprefix("Cite this paragraph: ")
    assert citation == expected
    assert ", ¶ 7, " in citation and citation.endswith(f"{BASEURL}{DOCUMENT}.html#p7.")


def test_without_javascript_there_is_no_copy_control(site):
    tree = lxml_html.parse(str(site.outdir / f"{DOCUMENT}.html"))
    assert not tree.xpath("//button")
    # the paragraph number still carries the citation, as its tooltip
    number = tree.xpath("//div[@id='p7']/a[contains(@class, 'unit-number')]")[0]
    assert number.get("title").startswith("Cite this paragraph: Zhou Enlai, “Report, ‘My")
