"""Read the text flow of a built HTML page of the edition.

Everything the edition adds to the witness's words is marked in the HTML:
the class ``editorial`` (header block, coverage notice, paragraph numbers,
slot status, commentary and its letters, *sic* labels), the slot for the
original (``side-original``), and the note marks of docutils (note reference
numbers, note labels, back-links). :func:`document_text` removes exactly
those and returns what is left; the fidelity test asserts that what is left
is the witness, so any unmarked addition fails it as surely as a lost word.
"""

from __future__ import annotations

from pathlib import Path

from lxml import html as lxml_html

from witness import Text, words

#: what the edition adds, and may add, to the text flow
EDITORIAL = (
    "contains(concat(' ', normalize-space(@class), ' '), ' editorial ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' side-original ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' footnote-reference ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' headerlink ')"
    " or (self::span and contains(@class, 'label') and ancestor::*[self::aside or self::li]"
    "[contains(@class, 'footnote')])"
    " or (self::span and contains(@class, 'backrefs'))"
    " or self::h1 or self::script or self::style or self::noscript"
)

BLOCKS = {"p", "div", "section", "aside", "li", "dd", "dt", "h1", "h2", "h3",
          "header", "footer", "blockquote", "br", "td", "th"}


def block_text(element, is_block=lambda el: el.tag in BLOCKS) -> str:
    """Text of an element with a space at each block boundary."""
    parts: list[str] = []

    def walk(el):
        block = is_block(el)
        if block:
            parts.append(" ")
        if el.text:
            parts.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if block:
            parts.append(" ")

    walk(element)
    return "".join(parts)


_text = block_text


def document_text(path: Path) -> Text:
    tree = lxml_html.parse(str(path))
    main = tree.find(".//main")
    assert main is not None, f"{path} has no <main>"
    return main_text(main)


def main_text(main) -> Text:
    """The text flow of a page's main element (changed in place: editorial parts go)."""
    for element in main.xpath(f".//*[{EDITORIAL}]"):
        element.drop_tree()
    notes = []
    # the web's list is <aside>s in an <aside>; the EPUB's endnotes are <li>s
    # in a <section> (edition/outputs/epub.py)
    for footnote_list in main.xpath(".//*[self::aside or self::section]"
                                    "[contains(@class, 'footnote-list')]"):
        for note in footnote_list.xpath(".//*[self::aside or self::li]"
                                        "[contains(concat(' ', @class, ' '), ' footnote ')]"):
            notes.append(words(_text(note)))
        footnote_list.drop_tree()
    return Text(body=words(_text(main)), notes=notes)


# --- the exact test: paragraph by paragraph, note by note ---------------------

def has_class(name: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


#: the edition's own marks inside a paragraph or a note, each known by its
#: element and class (never by its words): note references, commentary
#: letters, the sic label, commentary boxes, a note's own label and back-links,
#: and controls the script adds (buttons)
MARKS = " or ".join((
    has_class("footnote-reference"), has_class("commentary-ref"), has_class("sic-label"),
    f"self::aside[{has_class('commentary')}]",
    f"(self::span and {has_class('label')} and ancestor::*[self::aside or self::li]"
    f"[{has_class('footnote')}])",
    has_class("backrefs"), "self::button", "self::script", "self::style",
))


def unit_words(element) -> list[str]:
    """Words of one paragraph's translation side, or of one note, less the marks."""
    from copy import deepcopy

    copy = deepcopy(element)
    copy.tail = None
    for mark in copy.xpath(f".//*[{MARKS}]"):
        mark.drop_tree()
    return words(block_text(copy))


def units(root) -> tuple[dict[int, list[str]], dict[int, list[str]]]:
    """(paragraphs, notes) of a document page: ``#pN``'s translation side and
    ``#note-N``, by number."""
    paragraphs: dict[int, list[str]] = {}
    for unit in root.xpath("//div[@id][starts-with(@id, 'p')]"):
        number = unit.get("id")[1:]
        sides = unit.xpath(f"./div[{has_class('side-translation')}]")
        if number.isdigit() and sides:
            paragraphs[int(number)] = [w for side in sides for w in unit_words(side)]
    notes = {int(note.get("id")[5:]): unit_words(note)
             # the web's notes are <aside>s, the EPUB's endnotes <li>s
             for note in root.xpath("//*[self::aside or self::li][starts-with(@id, 'note-')]")
             if note.get("id")[5:].isdigit()}
    return paragraphs, notes


def page_units(path: Path) -> tuple[dict[int, list[str]], dict[int, list[str]]]:
    return units(lxml_html.parse(str(path)).getroot())


#: MARKS as a CSS selector, for the page in a browser
MARKS_CSS = (".footnote-reference, .commentary-ref, .sic-label, aside.commentary, "
             "aside.footnote span.label, .backrefs, button, script, style")

#: run in the page: what a reader sees of each paragraph and note, less the
#: marks: elements hidden by the page's styles (display: none, visibility:
#: hidden) are not seen, and a block starts a new word
READER_JS = """(marks) => {
  function seen(el, parts) {
    for (const child of el.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) { parts.push(child.data); continue; }
      if (child.nodeType !== Node.ELEMENT_NODE || child.matches(marks)) continue;
      const style = getComputedStyle(child);
      if (style.display === "none" || style.visibility === "hidden") continue;
      const block = !style.display.startsWith("inline");
      if (block) parts.push(" ");
      seen(child, parts);
      if (block) parts.push(" ");
    }
    return parts;
  }
  const text = (el) => seen(el, []).join("");
  const paragraphs = {}, notes = {};
  document.querySelectorAll("div.unit[id^='p']").forEach((unit) => {
    const side = unit.querySelector(":scope > .side-translation");
    if (side && /^p\\d+$/.test(unit.id)) paragraphs[unit.id.slice(1)] = text(side);
  });
  document.querySelectorAll("aside.footnote[id^='note-']").forEach((note) => {
    notes[note.id.slice(5)] = text(note);
  });
  return [paragraphs, notes];
}"""


def browser_units(page) -> tuple[dict[int, list[str]], dict[int, list[str]]]:
    """(paragraphs, notes) as a reader sees them in a page open in the browser."""
    paragraphs, notes = page.evaluate(READER_JS, MARKS_CSS)
    return ({int(n): words(t) for n, t in paragraphs.items()},
            {int(n): words(t) for n, t in notes.items()})
