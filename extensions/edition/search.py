"""Search at the level of the passage: results that open at ¶ 7 or at note 3.

Sphinx's search index maps each word to the pages that hold it, and its
search page (``searchtools.js``) lists pages. It links into a page only for
an object (here: a register's entity) or a section title, and it shows a
snippet of the place a result links to (``html_show_search_summary``,
anchored since Sphinx 7.3). It has no full-text result below the page
(sphinx-doc/sphinx#4711 and #12226 ask for one). An edition's reader looks
for a paragraph or a note, so this module adds that level and leaves the
rest to Sphinx:

* while reading (HTML builders with a search page): the words of each unit
  and each of the archive's notes, split, stemmed and filtered as Sphinx's
  own index does it, by the same search language (jieba for Chinese: see
  :class:`edition.parallel.SearchEnglishWithChinese`), kept in the
  ``passages`` domain with the passage's anchor (``p7``, ``note-3``);
* at the end of the build: ``searchpassages.js`` beside ``searchindex.js``,
  the passages and, for each word, the passages that hold it;
* and the index entries in each passage (a person's mention, which the
  PDF's index of persons needs), which Sphinx's search lists one by one;
* on the search page only (the theme's ``search.html``):
  ``edition-search.js``. Of each page Sphinx finds, it lists instead the
  passages that hold every word of the query, each linked to its anchor,
  labelled "My Observations on the Soviet Union, ¶ 7" and given Sphinx's own
  snippet around the hit in that passage. A page where no one passage holds
  all the words (the words are in its title, its header or spread over
  paragraphs) stays a page result. An entity found as an object is labelled
  with its name and its register ("Khrushchev, Nikita · Persons") and shown
  with a snippet of its entry, instead of "(Entities person, in Persons)".
  The index entries of a passage (twelve results for "Stalin", each titled
  with the page) become that passage.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Iterator, Set
from pathlib import Path
from typing import Any, NamedTuple

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.domains import Domain
from sphinx.search import IndexBuilder

from .domain import get_domain as get_edition_domain
from .parallel import unit

#: the file the build writes beside Sphinx's searchindex.js
PASSAGES_FILE = "searchpassages.js"


class Passage(NamedTuple):
    """A unit or a note, as the search sees it."""

    #: the anchor a result links to: ``p7``, ``note-3``
    anchor: str
    #: how a result names it within its page: ``¶ 7``, ``note 3``
    label: str
    #: its words as the search index holds them (stemmed, filtered), sorted
    words: tuple[str, ...]
    #: the targets of index entries inside it (a person's mention, for the
    #: PDF's index), which Sphinx's search lists as results of their own
    targets: tuple[str, ...] = ()


class PassageDomain(Domain):
    """Stores each document's passages, in reading order (no roles, no objects)."""

    name = "passages"
    label = "Passages"
    initial_data: dict[str, Any] = {"passages": {}}

    @property
    def passages(self) -> dict[str, list[Passage]]:
        return self.data.setdefault("passages", {})

    def clear_doc(self, docname: str) -> None:
        self.passages.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for docname, value in otherdata.get("passages", {}).items():
            if docname in docnames:
                self.passages[docname] = value

    def resolve_any_xref(self, *args: Any) -> list[tuple[str, nodes.Element]]:
        return []

    def get_objects(self) -> Iterable[tuple[str, str, str, str, str, int]]:
        return ()


def get_domain(env: Any) -> PassageDomain:
    return env.get_domain("passages")  # type: ignore[return-value]


def searched(app: Sphinx) -> bool:
    """Whether this build writes Sphinx's search index (html, dirhtml)."""
    return app.builder.format == "html" and bool(getattr(app.builder, "search", False)) \
        and not app.builder.name.startswith("epub")


# --- reading: the words of each passage -------------------------------------------------

@functools.cache
def _language(app: Sphinx) -> Any:
    # The language object Sphinx's own index uses for this project (the one
    # registered for the project's language, with its options): an
    # IndexBuilder is cheap to make and picks it exactly as the builder does.
    config = app.config
    lang = config.html_search_language or config.language or "en"
    return IndexBuilder(app.env, lang, config.html_search_options, "").lang


def index_words(language: Any, texts: Iterable[str]) -> tuple[str, ...]:
    """The words Sphinx's index would hold for these texts.

    The rule of ``IndexBuilder.feed``: the stemmed, lower-case word, or the
    word itself where the stem is filtered out and the word is not.
    """
    found: set[str] = set()
    for text in texts:
        for word in language.split(text):
            stemmed = language.stem(word).lower()
            if not language.word_filter(stemmed) and language.word_filter(word):
                stemmed = word
            if language.word_filter(stemmed):
                found.add(stemmed)
    return tuple(sorted(found))


def passage_texts(node: nodes.Element, skip: tuple[type[nodes.Element], ...]) -> Iterator[str]:
    """The text of a passage as the search index reads a page: without
    comments, raw markup or what is marked ``no-search``, and without *skip*
    (in a unit: a note, which is a passage of its own; in a note: its number)."""
    for child in node.children:
        if isinstance(child, nodes.Text):
            yield child.astext()
        elif isinstance(child, (nodes.comment, nodes.raw, *skip)):
            continue
        elif isinstance(child, nodes.Element) and "no-search" not in child["classes"]:
            yield from passage_texts(child, skip)


def collect_passages(app: Sphinx, doctree: nodes.document) -> None:
    """Read each unit and note of the document into the ``passages`` domain."""
    if not searched(app):
        return
    language = _language(app)
    found: list[Passage] = []
    for node in doctree.findall(lambda n: isinstance(n, (unit, nodes.footnote))):
        anchor = node["ids"][0] if node["ids"] else ""
        if isinstance(node, unit) and anchor.startswith("p"):
            label, skip = f"¶ {anchor[1:]}", (nodes.footnote,)
        elif isinstance(node, nodes.footnote) and anchor.startswith("note-"):
            label, skip = f"note {anchor.removeprefix('note-')}", (nodes.label,)
        else:
            continue
        targets = sorted({entry[2] for index in node.findall(addnodes.index)
                          for entry in index["entries"] if entry[2]})
        found.append(Passage(anchor, label, index_words(language, passage_texts(node, skip)),
                             tuple(targets)))
    if found:
        get_domain(app.env).passages[app.env.docname] = found


# --- the end of the build: searchpassages.js ---------------------------------------------

def page_name(app: Sphinx, docname: str) -> str:
    """How a result names the page a passage is in: the document's short title."""
    meta = get_edition_domain(app.env).documents.get(docname, {})
    if meta.get("short-title"):
        return meta["short-title"]
    title = app.env.titles.get(docname)
    return title.astext() if title is not None else docname


def passage_index(app: Sphinx) -> dict[str, Any]:
    """``passages``: [docname, anchor, label], in reading order;
    ``terms``: word -> passage numbers; ``targets``: docname -> index entry
    target -> the number of the passage it stands in."""
    passages: list[list[str]] = []
    terms: dict[str, list[int]] = {}
    targets: dict[str, dict[str, int]] = {}
    stored = get_domain(app.env).passages
    for docname in sorted(stored):
        if docname not in app.env.all_docs:
            continue
        name = page_name(app, docname)
        for passage in stored[docname]:
            number = len(passages)
            passages.append([docname, passage.anchor, f"{name}, {passage.label}"])
            for word in passage.words:
                terms.setdefault(word, []).append(number)
            for target in passage.targets:
                targets.setdefault(docname, {})[target] = number
    return {"passages": passages, "terms": dict(sorted(terms.items())), "targets": targets}


def write_passage_index(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or not searched(app):
        return
    data = json.dumps(passage_index(app), ensure_ascii=False, separators=(",", ":"))
    # loaded with a <script> like searchindex.js (works from file:// too)
    (Path(app.outdir) / PASSAGES_FILE).write_text(
        f"EditionSearch.setPassages({data});\n", encoding="utf-8")


def setup(app: Sphinx) -> None:
    app.add_domain(PassageDomain)
    app.connect("doctree-read", collect_passages)
    app.connect("build-finished", write_passage_index)
