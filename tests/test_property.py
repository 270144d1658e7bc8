"""Property: any document made of the edition's directives and roles, with
any words in any structure, builds without an exception and every word it
holds reaches the HTML, in its place and order: each paragraph's translation
side, each original side, each commentary and each note holds exactly the
words written into it (a lost, doubled or moved word fails, even a one-letter
word that occurs elsewhere on the page)."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

import html_text
from conftest import build_project

CONF = """extensions = ["myst_parser", "edition"]
myst_enable_extensions = ["colon_fence"]
smartquotes = False
"""

# Words without Markdown syntax, so that every one must appear as written;
# Latin with diacritics, Cyrillic, Chinese, Hebrew, digits.
ALPHABET = st.sampled_from(
    list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
    + list("łóęśćźżŁÓąĄéèüöäßçñ") + list("абвгдежзийклмнопрстуфхцчшщыэюя")
    + list("周恩来毛泽东石仲泉卓越奉献天气很好") + list("שלוםעולם"))
WORD = st.text(ALPHABET, min_size=1, max_size=12)


@st.composite
def sentence(draw) -> tuple[str, list[str]]:
    """Markdown of one sentence and the words a reader must see."""
    parts, seen = [], []
    for _ in range(draw(st.integers(1, 8))):
        word = draw(WORD)
        kind = draw(st.sampled_from(["plain", "plain", "plain", "interpolation",
                                     "person", "sic"]))
        seen.append(word)
        if kind == "plain":
            parts.append(word)
        elif kind == "interpolation":
            parts.append(f"{{interpolation}}`{word}`")
        elif kind == "person":
            parts.append(f"{{person}}`{word} <k{len(seen)}>`")
        else:
            parts.append(f"{{sic}}`{word} <s{len(seen)}x{draw(st.integers(0, 10**6))}>`")
    text = " ".join(parts)
    # a number alone before a full stop opens an ordered list ("12."): Markdown
    # syntax, which the words must not make
    return text + ("!" if text.isdigit() else "."), seen


@st.composite
def document(draw) -> tuple[str, dict]:
    """Markdown of a document, and the words each part of it must show:
    ``{"translation": {n: [...]}, "original": {n: [...]},
    "commentary": {n: [...]}, "notes": {n: [...]}}`` by unit and note number."""
    units, notes = [], []
    expected: dict[str, dict[int, list[str]]] = {
        "translation": {}, "original": {}, "commentary": {}, "notes": {}}
    for number in range(1, draw(st.integers(1, 5)) + 1):
        paragraphs, translation = [], []
        for _ in range(draw(st.integers(1, 3))):
            text, seen = draw(sentence())
            translation += seen
            if draw(st.booleans()):
                notes.append(number)
                text += f"[^{len(notes)}]"
            paragraphs.append(text)
        expected["translation"][number] = translation
        original, seen = ("", [])
        if draw(st.booleans()):
            original, seen = draw(sentence())
        expected["original"][number] = seen
        extra = ""
        if draw(st.booleans()):
            comment, seen = draw(sentence())
            expected["commentary"][number] = seen
            extra = f":::{{commentary}}\n{comment}\n:::\n"
        units.append(f"::::{{unit}} p{number}\n:::{{translation}}\n"
                     + "\n\n".join(paragraphs) + f"\n:::\n:::{{original}}\n{original}\n:::\n"
                     + extra + "::::\n")
    note_text = []
    for index, _ in enumerate(notes, 1):
        text, seen = draw(sentence())
        expected["notes"][index] = seen
        note_text.append(f"[^{index}]: {text}")
    front = "---\ndocument:\n  title: Generated\n  date: 1957-01-24\n  author: Nobody\n---\n\n"
    return front + "\n".join(units) + "\n" + "\n\n".join(note_text) + "\n", expected


def build(source: str) -> tuple[str, str]:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "src"
        src.mkdir()
        (src / "conf.py").write_text(CONF, encoding="utf-8")
        (src / "index.md").write_text(source, encoding="utf-8")
        result = build_project(src, src, Path(tmp), "html")
        page = (result.outdir / "index.html").read_text(encoding="utf-8")
    return page, result.printed + result.warnings


def tokens(words: list[str]) -> list[str]:
    """The generated words of a part of the page: the runs of word characters
    (every generated word is one; brackets, full stops and spaces are not)."""
    return re.findall(r"\w+", " ".join(words))


def shown(page: str) -> dict[str, dict[int, list[str]]]:
    """What the page shows of each part, less the edition's marks
    (html_text finds those by element and class, never by their words)."""
    root = lxml_html.fromstring(page)
    paragraphs, notes = html_text.units(root)
    parts: dict[str, dict[int, list[str]]] = {
        "translation": {n: tokens(w) for n, w in paragraphs.items()},
        "notes": {n: tokens(w) for n, w in notes.items()},
        "original": {}, "commentary": {}}
    for unit in root.xpath("//div[@id][starts-with(@id, 'p')]"):
        number = int(unit.get("id")[1:])
        for side in unit.xpath(f"./div[{html_text.has_class('side-original')}]"):
            for mark in side.xpath(f".//*[{html_text.has_class('editorial')}]"):
                mark.drop_tree()
            parts["original"][number] = tokens(html_text.unit_words(side))
        for comment in unit.xpath(f".//aside[{html_text.has_class('commentary')}]"):
            for mark in comment.xpath(f".//*[{html_text.has_class('commentary-label')}"
                                      " or @role='doc-backlink']"):
                mark.drop_tree()
            parts["commentary"][number] = tokens(html_text.unit_words(comment))
    return parts


@pytest.mark.slow
@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(document())
def test_every_generated_word_reaches_its_place_in_order(generated):
    source, expected = generated
    page, printed = build(source)
    assert "Traceback" not in printed and "Exception occurred" not in printed, printed
    assert shown(page) == expected, f"words lost, added or moved in:\n{source}"


def test_a_lost_one_letter_word_is_noticed():
    """The comparison itself: a page that drops "a" (which the page holds
    elsewhere, so `word in page` would pass) differs from what was written."""
    source = ("::::{unit} p1\n:::{translation}\na b a.\n:::\n:::{original}\n:::\n"
              ":::{commentary}\na c.\n:::\n::::\n")
    page, _ = build(source)
    parts = shown(page)
    assert parts["translation"] == {1: ["a", "b", "a"]}
    assert parts["commentary"] == {1: ["a", "c"]}
    assert shown(page.replace("b a.", "b .")) != parts
