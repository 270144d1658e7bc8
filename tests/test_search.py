"""Search at the level of the passage (extensions/edition/search.py).

* the build writes ``searchpassages.js``: each unit and note with its anchor
  and label, and for each word of the index the passages that hold it, made
  by the same search language as Sphinx's own index (jieba for Chinese);
* in the browser, the search page lists the passages that hold the query,
  linked to ``#p7`` or ``#note-3``, each with a snippet around the hit from
  that passage; register entries carry plain labels.

The browser tests serve the site over HTTP: Sphinx fetches each result's
page for its snippet, which a browser refuses from ``file://``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import edition_source
from conftest import ROOT, TESTS, build_project
from validators import serve

DOCUMENT = "117033"
PARALLEL = TESTS / "roots" / "test-parallel"


def passage_index(outdir: Path) -> dict:
    raw = (outdir / "searchpassages.js").read_text(encoding="utf-8")
    assert raw.startswith("EditionSearch.setPassages(")
    return json.loads(raw[raw.index("(") + 1:raw.rindex(")")])


def holding(index: dict, word: str) -> list[tuple[str, str]]:
    return [tuple(index["passages"][n][:2]) for n in index["terms"].get(word, [])]


@pytest.fixture(scope="module")
def html_build(edition_build):
    build = edition_build("html")
    assert build.warnings == ""
    return build


@pytest.fixture(scope="module")
def parallel_site(tmp_path_factory):
    build = build_project(PARALLEL, PARALLEL, tmp_path_factory.mktemp("search"), "html")
    assert build.warnings == ""
    return build.outdir


# --- the index of passages -------------------------------------------------------------

def test_every_unit_and_note_is_a_passage(html_build):
    index = passage_index(html_build.outdir)
    ours = [p for p in index["passages"] if p[0] == DOCUMENT]
    assert [p[1] for p in ours] == edition_source.units() + \
        [f"note-{n}" for n in edition_source.notes()]
    assert ours[6][2] == "My Observations on the Soviet Union, ¶ 7"
    assert ours[13][2] == "My Observations on the Soviet Union, note 3"


def test_words_are_indexed_as_sphinx_indexes_them(html_build):
    """The passages' words are the page's words of Sphinx's index: every one
    is in searchindex.js for the page, stemmed the same way."""
    index = passage_index(html_build.outdir)
    raw = (html_build.outdir / "searchindex.js").read_text(encoding="utf-8")
    sphinx = json.loads(raw[raw.index("(") + 1:raw.rindex(")")])
    page = sphinx["docnames"].index(DOCUMENT)

    def pages(word):
        found = []
        for mapping in (sphinx["terms"], sphinx["titleterms"]):  # a title's words are
            value = mapping.get(word, [])                        # only in titleterms
            found += value if isinstance(value, list) else [value]
        return found

    ours = {w for w, ns in index["terms"].items()
            if any(index["passages"][n][0] == DOCUMENT for n in ns)}
    assert ours and all(page in pages(word) for word in ours)
    # "antagonism" is in ¶ 7 only; "Stalin" in several paragraphs, not in the notes
    assert holding(index, "antagon") == [(DOCUMENT, "p7")] == \
        [(DOCUMENT, p) for p in edition_source.holding("antagon")]
    stalin = edition_source.holding("stalin")
    assert len(stalin) > 1 and not [p for p in stalin if p.startswith("note")]
    assert [a for d, a in holding(index, "stalin") if d == DOCUMENT] == stalin
    # the pending slot's words are the page's, not the paragraphs'
    assert not holding(index, "transcrib")


def test_a_note_is_its_own_passage(html_build):
    index = passage_index(html_build.outdir)
    # "Hungarian" is in note 5 only (¶ 8 references the note, not its words)
    assert holding(index, "hungarian") == [(DOCUMENT, "note-5")] == \
        [(DOCUMENT, p) for p in edition_source.holding("hungarian")]


def test_chinese_words_find_their_passage(parallel_site):
    index = passage_index(parallel_site)
    assert ("filled", "p1") in holding(index, "天气")    # cut by jieba
    assert ("filled", "p2") in holding(index, "图书馆")
    assert "今天天气很好" not in index["terms"]            # not a whole clause


def test_the_passage_index_is_written_for_html_only(tmp_path):
    build = build_project(PARALLEL, PARALLEL, tmp_path, "epub")
    assert not (build.outdir / "searchpassages.js").exists()


# --- the search page ------------------------------------------------------------------

def search(browser, outdir: Path, query: str) -> list[dict]:
    """The results the search page lists for *query*: link, label, snippet."""
    with serve(outdir) as base:
        context = browser.new_context()
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        try:
            page.goto(f"{base}search.html?q={query}")
            page.wait_for_function(
                "() => /finished/.test(document.querySelector('.search-summary')?.textContent)",
                timeout=15000)
            # the snippets come after the list, one fetch per result
            page.wait_for_function(
                "() => [...document.querySelectorAll('ul.search li')]"
                ".every(li => li.querySelector('p.context'))", timeout=15000)
            results = page.evaluate("""() => [...document.querySelectorAll('ul.search li')]
                .map(li => ({href: li.querySelector('a').getAttribute('href'),
                             label: li.querySelector('a').textContent,
                             snippet: li.querySelector('p.context').textContent}))""")
        finally:
            context.close()
    assert errors == []
    return results


def test_browser_a_word_of_paragraph_7_finds_paragraph_7(browser, html_build):
    results = search(browser, html_build.outdir, "antagonism")
    assert [r["href"] for r in results] == [f"{DOCUMENT}.html#p7"]
    [result] = results
    assert result["label"] == "My Observations on the Soviet Union, ¶ 7"
    # a snippet around the hit, from the paragraph, without its apparatus
    assert "the historical antagonism between the Russian and Polish nations" \
        in result["snippet"]
    assert len(result["snippet"]) < 260
    assert "not yet transcribed" not in result["snippet"]
    assert "[3]" not in result["snippet"]  # the note's reference


def test_browser_results_are_passages_in_reading_order(browser, html_build):
    results = search(browser, html_build.outdir, "Stalin")
    hrefs = [r["href"] for r in results]
    passages = [h for h in hrefs if h.startswith(f"{DOCUMENT}.html#")]
    assert passages == [f"{DOCUMENT}.html#p{n}" for n in (4, 5, 6, 9, 11)]
    assert f"{DOCUMENT}.html" not in hrefs  # the page itself is not listed again
    for result in results:
        if result["href"].startswith(f"{DOCUMENT}.html#"):
            assert "stalin" in result["snippet"].lower()


def test_browser_entity_results_have_plain_labels(browser, html_build):
    results = search(browser, html_build.outdir, "Khrushchev")
    entity = next(r for r in results if r["href"].startswith("persons.html#"))
    assert entity["href"] == "persons.html#khrushchev"
    assert entity["label"] == "Khrushchev, Nikita · Persons"
    assert "Entities" not in " ".join(r["label"] for r in results)
    assert "Soviet leaders" in entity["snippet"]  # from its register entry
    assert f"{DOCUMENT}.html#note-1" in [r["href"] for r in results]


def test_browser_a_chinese_word_finds_its_paragraph(browser, parallel_site):
    results = search(browser, parallel_site, "天气")
    assert [r["href"] for r in results] == ["filled.html#p1"]
    assert "今天天气很好" in results[0]["snippet"]


# --- the full-size fixture: every slot filled (FIXTURE placeholder Chinese) -------------

FULLSIZE = TESTS / "roots" / "test-fullsize"


@pytest.fixture(scope="module")
def fullsize_site(tmp_path_factory):
    build = build_project(FULLSIZE, FULLSIZE, tmp_path_factory.mktemp("search-full"), "html")
    assert build.warnings == ""
    return build.outdir


def only_in(index: dict, docname: str, anchor: str) -> list[str]:
    """Chinese words of the index that, in *docname*, only *anchor* holds."""
    return [word for word in index["terms"]
            if re.fullmatch(r"[\u4e00-\u9fff]{2,}", word)
            and [a for d, a in holding(index, word) if d == docname] == [anchor]]


def test_fullsize_original_words_are_cut_and_indexed_by_passage(fullsize_site):
    index = passage_index(fullsize_site)
    ours = [p[1] for p in index["passages"] if p[0] == "full"]
    assert ours[:11] == [f"p{n}" for n in range(1, 12)]
    # jieba's words of each original, not its clauses
    assert only_in(index, "full", "p7")
    assert not [w for w in index["terms"] if re.search(r"[\u4e00-\u9fff]{12,}", w)]
    # the note on the original side is a passage of its own, with its words
    notes = [p for p in index["passages"] if p[0] == "full" and p[1].startswith("note-")]
    assert len(notes) > 6


def test_browser_a_chinese_word_of_paragraph_7_finds_paragraph_7(browser, fullsize_site):
    index = passage_index(fullsize_site)
    word = only_in(index, "full", "p7")[0]
    results = search(browser, fullsize_site, word)
    ours = [r for r in results if r["href"].startswith("full.html")]
    assert [r["href"] for r in ours] == ["full.html#p7"]
    assert ours[0]["label"].endswith(", ¶ 7")
    assert word in ours[0]["snippet"]


def test_a_build_that_writes_some_pages_keeps_the_passages_of_the_others(tmp_path):
    """As Sphinx keeps its index: the pages not written again keep their
    passages, read back from the last build's file."""
    import shutil

    source = tmp_path / "src"
    shutil.copytree(PARALLEL, source)

    def build() -> list[str]:
        """Build again (not afresh); the pages written."""
        written: list[str] = []
        build_project(source, source, tmp_path, "html", fresh=False, connect={
            "doctree-resolved": lambda app, doctree, docname: written.append(docname)})
        return written

    build()
    first = passage_index(tmp_path / "html")
    # one page changes (a word added to its ¶ 1); the others are not written
    empty = source / "empty.md"
    text = empty.read_text(encoding="utf-8")
    at = text.index(":::{translation}\n") + len(":::{translation}\n")
    empty.write_text(text[:at] + "Aardvarks sleep. " + text[at:], encoding="utf-8")
    assert "filled" not in build()
    second = passage_index(tmp_path / "html")
    assert holding(second, "aardvark") == [("empty", "p1")]
    assert [p for p in second["passages"] if p[0] != "empty"] == \
        [p for p in first["passages"] if p[0] != "empty"]
    assert holding(second, "天气") == holding(first, "天气") == [("filled", "p1")]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_browser_search_results_pass_axe(browser, html_build, artifacts, scheme):
    from a11y import axe_violations

    with serve(html_build.outdir) as base:
        context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
        page = context.new_page()
        try:
            page.goto(f"{base}search.html?q=Stalin")
            page.wait_for_function(
                "() => [...document.querySelectorAll('ul.search li')].length > 3 && "
                "[...document.querySelectorAll('ul.search li')].every(li => li.querySelector('p.context'))",
                timeout=15000)
            assert axe_violations(page) == []
            page.screenshot(path=str(artifacts / f"search-stalin-{scheme}.png"))
        finally:
            context.close()
