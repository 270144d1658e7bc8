"""The benchmark's inputs are sound (its timings are never asserted here).

* The generated collection (``bench/generate.py``) builds warning-free with
  the edition's own configuration and uses every feature it claims to: filled
  and pending slots, notes, interpolations, commentary, mentions, citations.
* The plain twin of the sources (``bench/plain.py``) keeps every word of the
  translation and the notes, in order, and none of the edition's markup.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.util.docutils import docutils_namespace

from conftest import ROOT, build_project
from witness import witness_text

sys.path.insert(0, str(ROOT / "bench"))

from generate import FIXTURE_SLOT, edit_one_paragraph, generate  # noqa: E402
from plain import plain_markdown  # noqa: E402
from weight import page_weight  # noqa: E402


@pytest.fixture(scope="module")
def collection(tmp_path_factory):
    base = tmp_path_factory.mktemp("collection")
    paths = generate(3, base / "src")
    # a namespace of its own, so that this build's node and role registrations
    # do not leak into the session's other builds
    with docutils_namespace():
        build = build_project(base / "src", ROOT, base / "out", "html")
    return paths, build


def test_generated_collection_builds_warning_free(collection):
    paths, build = collection
    assert [p.name for p in paths] == ["d0001.md", "d0002.md", "d0003.md"]
    assert build.warnings == ""


def test_generated_documents_use_every_feature(collection):
    _, build = collection
    page = build.outdir / "docs" / "d0002.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    main = soup.find("main")
    assert "FIXTURE document 0002" in soup.find("h1").get_text()
    assert len(main.select(".unit")) == 11
    filled = main.select(".side-original.slot-transcribed")
    assert len(filled) == 6  # p1, p3, ... p11
    assert all("FIXTURE placeholder" in slot.get_text() for slot in filled)
    assert len(main.select(".side-original.slot-pending")) == 5
    assert len(main.select("aside.footnote, .footnote")) >= 6
    real = (ROOT / "source" / "117033.md").read_text(encoding="utf-8")
    assert len(main.select(".interpolation")) == real.count("{interpolation}")
    # the real document's commentary and the fixture's own
    assert len(main.select("aside.commentary")) == real.count("{commentary}") + 1
    assert main.select(".mention-person") and main.select(".mention-place") \
        and main.select(".mention-organisation")
    citations = main.select(".bibtex-citation, a[href*='bibliography']")
    assert len(citations) >= 2


def test_generated_collection_never_holds_a_chinese_text(collection):
    paths, _ = collection
    for path in paths:
        text = path.read_text(encoding="utf-8")
        slots = re.findall(r":::\{original\}\n(.*?):::", text, re.S)
        for slot in slots:
            assert slot == "" or slot.startswith(FIXTURE_SLOT.split("{")[0])


def test_edit_one_paragraph_changes_one_line(tmp_path):
    path = tmp_path / "d.md"
    original = (ROOT / "source" / "117033.md").read_text(encoding="utf-8")
    path.write_text(original, encoding="utf-8")
    edit_one_paragraph(path)
    changed = [a for a, b in zip(original.splitlines(), path.read_text().splitlines())
               if a != b]
    assert len(changed) == 1


def test_plain_twin_keeps_every_word_in_order():
    plain = plain_markdown((ROOT / "source" / "117033.md").read_text(encoding="utf-8"))
    assert "{" not in plain and ":::" not in plain
    words = re.sub(r"\[\^\w+\]", " ", plain).split()
    witness = witness_text()
    expected = witness.body + witness.all_notes
    position = 0
    for word in expected:
        try:
            position = words.index(word, position) + 1
        except ValueError:
            pytest.fail(f"plain twin lost {word!r} after word {position}")


def test_page_weight_counts_what_the_page_loads(tmp_path):
    static = tmp_path / "_static"
    static.mkdir()
    (static / "a.css").write_text(
        "@import 'b.css'; @font-face { src: url(f.woff2) } body { background: url(x.png) }")
    (static / "b.css").write_text("p {}")
    (static / "f.woff2").write_bytes(b"0" * 100)
    (static / "s.js").write_text("1")
    (tmp_path / "p.html").write_text(
        '<link rel="stylesheet" href="_static/a.css"><link rel="canonical" href="https://x.org/">'
        '<script src="_static/s.js"></script><script src="https://cdn.example/t.js"></script>'
        '<a href="other.html">x</a>'
        # a browser that runs the scripts does not fetch the page's fallback
        '<noscript><link rel="stylesheet" href="_static/nojs.css"></noscript>')
    weight = page_weight(tmp_path / "p.html")
    kinds = sorted(f["kind"] for f in weight["files"])
    assert kinds == ["css", "css", "font", "html", "js", "js"]
    assert weight["requests"] == 6
    assert weight["third_party"] == ["https://cdn.example/t.js"]
    assert weight["bytes"] == sum(f["bytes"] or 0 for f in weight["files"])
