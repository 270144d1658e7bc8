"""Search: the English search language with Chinese words, and results at the
level of the passage (¶ 7, note 3).

The language. The edition's pages are searched with Sphinx's English search
language (stemming, stop words); :class:`SearchEnglishWithChinese` also cuts
runs of Chinese characters into words with jieba, so a Chinese word of a
transcribed slot finds its paragraph. Set ``html_search_language = "en"``
(the default for ``language = "en"``) and it is used.

The passages [page, issue 14]. Sphinx's search index maps each word to the
pages that hold it, and its search page (``searchtools.js``) lists pages. It
links into a page only for an object (here: a register's entity) or a
section title, and it shows a snippet of the place a result links to
(``html_show_search_summary``, anchored since Sphinx 7.3). It has no
full-text result below the page (sphinx-doc/sphinx#4711 and #12226 ask for
one). An edition's reader looks for a paragraph or a note, so this module
adds that level and leaves the rest to Sphinx:

* as each page is written (HTML builders with a search page), in the main
  process where Sphinx feeds its own index: the words of each unit and each
  note, split, stemmed and filtered by the very search language object of
  Sphinx's index (the language above), with the passage's anchor (``p7``,
  ``note-3``) and the index entries inside it (a person's mention, which the
  PDF's index of persons needs);
* at the end of the build: ``searchpassages.js`` beside ``searchindex.js``,
  the passages and, for each word, the passages that hold it, pages in
  sorted order (a ``-j`` build writes the same file). As Sphinx does with
  its index, a build that writes only some pages keeps what the last build
  wrote of the others, read back from that file;
* on the search page only (the theme's ``search.html``; the asset is in
  :data:`edition.outputs.html.ASSETS`): ``edition-search.js``. Of each page
  Sphinx finds, it lists instead the passages that hold every word of the
  query, each linked to its anchor, labelled "My Observations on the Soviet
  Union, ¶ 7" and given Sphinx's own snippet around the hit in that passage.
  A page where no one passage holds all the words (the words are in its
  title, its header or spread over paragraphs) stays a page result. The
  index entries of a passage (twelve results for "Stalin", each titled with
  the page) become that passage. An entity found as an object is labelled
  with its name and its register ("Khrushchev, Nikita · Persons") and shown
  with a snippet of its entry, instead of "(Entities person, in Persons)".

Why not while reading: a ``-j`` build reads in worker processes, and each
would load jieba's dictionary (1.6 s) for the Chinese it meets; Sphinx
resolves every page in the main process (``doctree-resolved``) and makes its
own index there, which loads it once for both.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple
from weakref import WeakKeyDictionary

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.search.en import SearchEnglish

from .model.domain import get_domain as get_edition_domain
from .nodes import unit

#: runs of CJK ideographs (with the punctuation-free extensions A and B)
CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0002a6df]+")


class SearchEnglishWithChinese(SearchEnglish):
    """English search that also indexes the words of the Chinese original.

    Sphinx's English splitter keeps a run of Chinese characters as one
    "word" (a whole clause), so no query would ever match it; Sphinx's own
    Chinese language (``sphinx.search.zh``) cuts with jieba but treats the
    English text as second-class (no stop words of its own, other stemming
    of short words). This keeps English as it is and hands only the Chinese
    runs to jieba (``cut_for_search``: words and their parts). A query is
    split by the browser on spaces and punctuation, so a single Chinese word,
    or words separated by spaces, find their paragraph.
    """

    def split(self, input: str) -> list[str]:
        # Sphinx splits every text of every page: a text without Chinese (all
        # of the English edition) is split as the English language does it,
        # without a look at each of its words
        if not CJK_RUN.search(input):
            return super().split(input)
        words: list[str] = []
        for word in super().split(input):
            if CJK_RUN.search(word):
                words.extend(cut_chinese(word))
            else:
                words.append(word)
        return words

    # No word_filter of its own: English's keeps every Chinese word (a run of
    # ideographs is no number and no English stop word), and Sphinx asks it
    # up to three times for every word of every page.


#: a run of Chinese characters at most this long is a word as it stands: a
#: name or a term in original script (中国 in a register, 周恩来 in a
#: bibliography entry), which jieba would give back whole or as its single
#: characters. Only a longer run (a transcribed original) needs jieba, whose
#: dictionary takes about a second to load: a build without one never loads it.
SHORT_RUN = 2


def cut_chinese(text: str) -> list[str]:
    words: list[str] = []
    for part in re.split(f"({CJK_RUN.pattern})", text):
        if not part:
            continue
        if CJK_RUN.fullmatch(part) and len(part) > SHORT_RUN:
            words.extend(w for w in _jieba().cut_for_search(part) if w.strip())
        else:
            words.append(part)
    return words


def _jieba() -> Any:
    import jieba  # imported late: see SHORT_RUN

    jieba.setLogLevel(60)  # its "Building prefix dict" chatter is not a warning
    return jieba


# --- the passages ------------------------------------------------------------

#: the file the build writes beside Sphinx's searchindex.js
PASSAGES_FILE = "searchpassages.js"


class Passage(NamedTuple):
    """A unit or a note, as the search sees it."""

    #: the anchor a result links to: ``p7``, ``note-3``
    anchor: str
    #: how a result names it: "My Observations on the Soviet Union, ¶ 7"
    label: str
    #: its words as the search index holds them (stemmed, filtered), sorted
    words: tuple[str, ...]
    #: the targets of index entries inside it (a person's mention, for the
    #: PDF's index), which Sphinx's search lists as results of their own
    targets: tuple[str, ...] = ()


#: per application: docname -> its passages, for the file written at the end
_passages: WeakKeyDictionary[Sphinx, dict[str, list[Passage]]] = WeakKeyDictionary()


def searched(app: Sphinx) -> bool:
    """Whether this build writes Sphinx's search index (html, dirhtml)."""
    return app.builder.format == "html" and bool(getattr(app.builder, "search", False)) \
        and not app.builder.name.startswith("epub")


# --- as each page is written: the words of its passages -------------------------------

def index_words(language: Any, texts: Iterable[str]) -> tuple[str, ...]:
    """The words Sphinx's index would hold for these texts.

    The rule of ``IndexBuilder.feed``: the stemmed, lower-case word, or the
    word itself where the stem is filtered out and the word is not.
    """
    # a word's indexed form, once per word and build: a page repeats its
    # words, and every page of a collection the common ones
    known = _indexed.setdefault(language, {})
    found: set[str] = set()
    for text in texts:
        for word in language.split(text):
            if word not in known:
                stemmed = language.stem(word).lower()
                if not language.word_filter(stemmed) and language.word_filter(word):
                    stemmed = word
                known[word] = stemmed if language.word_filter(stemmed) else None
            if (stemmed := known[word]) is not None:
                found.add(stemmed)
    return tuple(sorted(found))


#: per search language object: word -> its indexed form, or None (filtered out)
_indexed: WeakKeyDictionary[Any, dict[str, str | None]] = WeakKeyDictionary()


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


def page_name(app: Sphinx, docname: str) -> str:
    """How a result names the page a passage is in: the document's short title."""
    meta = get_edition_domain(app.env).documents.get(docname)
    if meta is not None and meta.short_title:
        return meta.short_title
    title = app.env.titles.get(docname)
    return title.astext() if title is not None else docname


def passages_of(app: Sphinx, doctree: nodes.document, docname: str) -> list[Passage]:
    """The units and notes of a page, in reading order."""
    language = app.builder.indexer.lang  # the language object of Sphinx's own index
    page = page_name(app, docname)
    found: list[Passage] = []
    for node in doctree.findall((unit, nodes.footnote)):  # a tuple: docutils' fast walk
        anchor = node["ids"][0] if node["ids"] else ""
        if isinstance(node, unit) and anchor.startswith("p"):
            label, skip = f"¶ {anchor[1:]}", (nodes.footnote,)
        elif isinstance(node, nodes.footnote) and anchor.startswith("note-"):
            label, skip = f"note {anchor.removeprefix('note-')}", (nodes.label,)
        else:
            continue
        targets = sorted({entry[2] for index in node.findall(addnodes.index)
                          for entry in index["entries"] if entry[2]})
        found.append(Passage(anchor, f"{page}, {label}",
                             index_words(language, passage_texts(node, skip)),
                             tuple(targets)))
    return found


def collect_passages(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app in _passages and getattr(app.builder, "indexer", None) is not None:
        _passages[app][docname] = passages_of(app, doctree, docname)


# --- the end of the build: searchpassages.js ---------------------------------------------

def passage_index(stored: dict[str, list[Passage]]) -> dict[str, Any]:
    """``passages``: [docname, anchor, label], in reading order;
    ``terms``: word -> passage numbers; ``targets``: docname -> index entry
    target -> the number of the passage it stands in."""
    passages: list[list[str]] = []
    terms: dict[str, list[int]] = {}
    targets: dict[str, dict[str, int]] = {}
    for docname in sorted(stored):
        for passage in stored[docname]:
            number = len(passages)
            passages.append([docname, passage.anchor, passage.label])
            for word in passage.words:
                terms.setdefault(word, []).append(number)
            for target in passage.targets:
                targets.setdefault(docname, {})[target] = number
    return {"passages": passages, "terms": dict(sorted(terms.items())), "targets": targets}


def read_passage_index(path: Path) -> dict[str, list[Passage]]:
    """The passages a file written by :func:`write_passage_index` holds."""
    try:
        raw = path.read_text(encoding="utf-8")
        data = json.loads(raw[raw.index("(") + 1:raw.rindex(")")])
        words: dict[int, list[str]] = {}
        for word, numbers in data["terms"].items():
            for number in numbers:
                words.setdefault(number, []).append(word)
        targets: dict[int, list[str]] = {}
        for in_page in data["targets"].values():
            for target, number in in_page.items():
                targets.setdefault(number, []).append(target)
        stored: dict[str, list[Passage]] = {}
        for number, (docname, anchor, label) in enumerate(data["passages"]):
            stored.setdefault(docname, []).append(Passage(
                anchor, label, tuple(sorted(words.get(number, []))),
                tuple(sorted(targets.get(number, [])))))
        return stored
    except (OSError, ValueError, KeyError, TypeError):
        return {}  # none yet, or not ours: the pages written now are all it gets


def start_passage_index(app: Sphinx) -> None:
    """Begin with what the last build wrote (of the pages it will not write again)."""
    if searched(app):
        _passages[app] = read_passage_index(Path(app.outdir) / PASSAGES_FILE)


def write_passage_index(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app not in _passages:
        return
    stored = {docname: passages for docname, passages in _passages.pop(app).items()
              if docname in app.env.all_docs}
    data = json.dumps(passage_index(stored), ensure_ascii=False, separators=(",", ":"))
    # loaded with a <script> like searchindex.js (works from file:// too)
    (Path(app.outdir) / PASSAGES_FILE).write_text(
        f"EditionSearch.setPassages({data});\n", encoding="utf-8")


def setup(app: Sphinx) -> None:
    app.add_search_language(SearchEnglishWithChinese)
    app.connect("builder-inited", start_passage_index)
    # after every handler that changes a page (the index reads the page as written)
    app.connect("doctree-resolved", collect_passages, priority=800)
    app.connect("build-finished", write_passage_index)
