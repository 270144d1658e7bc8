"""What a build keeps in memory (``edition/memory.py``).

Sphinx offers no setting for its two doctree caches, so the edition empties
them through two private attributes of ``BuildEnvironment``. These tests hold
the pinned Sphinx to those names (a Sphinx that renamed them would make the
edition keep every doctree again, 835 MiB instead of 270 at N = 1000, without
a warning) and check, on a real build, that the caches are empty when the
build ends while every page is written as before.
"""

from __future__ import annotations

from pathlib import Path

from conftest import TESTS, build_project

COLLECTION = TESTS / "roots" / "test-collection"


def test_a_serial_build_keeps_no_doctree_once_its_pages_are_written(tmp_path: Path):
    kept_while_writing: list[int] = []

    def as_a_page_is_resolved(app, doctree, docname):
        kept_while_writing.append(len(app.env._write_doc_doctree_cache))

    build = build_project(COLLECTION, COLLECTION, tmp_path, "html",
                          connect={"doctree-resolved": as_a_page_is_resolved})
    env = build.app.env
    # the names the pinned Sphinx gives its caches (BuildEnvironment.__init__)
    assert isinstance(getattr(env, "_write_doc_doctree_cache", None), dict)
    assert isinstance(getattr(env, "_pickled_doctree_cache", None), dict)
    pages = sorted(env.found_docs)
    assert len(pages) > 10
    # Sphinx would hold every doctree read until its page is written
    assert len(kept_while_writing) == len(pages)
    assert set(kept_while_writing) == {0}
    assert env._write_doc_doctree_cache == {}
    assert env._pickled_doctree_cache == {}
    # every page was still written, from its pickle, with its text
    for page in pages:
        html = (build.outdir / f"{page}.html").read_text(encoding="utf-8")
        assert "</main>" in html or "</body>" in html
