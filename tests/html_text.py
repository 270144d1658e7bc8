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
