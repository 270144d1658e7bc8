"""What a build keeps in memory: each page's doctree only while it is needed.

A serial (``-j 1``) Sphinx build keeps every doctree it read in memory, from
the end of its reading until the page is written
(``BuildEnvironment._write_doc_doctree_cache``), and every doctree it loads
from its pickle, pickled, until the build ends (``_pickled_doctree_cache``).
For plain Sphinx that saves loading pickles again. The edition's doctrees are
large (a document of the generated collection takes about 0.6 MiB in memory:
its units, sides, sentences, mentions and their index entries), so at
N = 1000 documents the first cache alone held about 570 MiB at the end of
reading, most of the build's peak. Sphinx offers no setting for either cache,
hence the two private attributes, read with ``getattr`` so that a Sphinx
without them is left alone:

* as the next document is read (``source-read``) and once every document is
  read (``env-updated``), the doctree read before it goes: Sphinx has just
  pickled it to disk, and the writer loads each page's doctree from that
  pickle, as a ``-j`` build always does (a few milliseconds a page);
* once a page is resolved (``doctree-resolved``, last), the pickle Sphinx
  loaded for it goes: the page is not loaded again, and a late reader of the
  doctree (the chronology's check of quotations) loads it from disk.

Neither changes a byte of any output: the page is the same doctree either way
(``tests/test_determinism.py`` builds with ``-j 1`` and ``-j 2``).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx


def release_read_doctrees(app: Sphinx, *args: Any) -> list[str]:
    cache = getattr(app.env, "_write_doc_doctree_cache", None)
    if isinstance(cache, dict):
        cache.clear()
    return []


def release_pickled_doctree(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    cache = getattr(app.env, "_pickled_doctree_cache", None)
    if isinstance(cache, dict):
        cache.pop(docname, None)


def setup(app: Sphinx) -> None:
    # last: after any handler that might still look at a cached doctree
    app.connect("source-read", release_read_doctrees, priority=900)
    app.connect("env-updated", release_read_doctrees, priority=900)
    app.connect("doctree-resolved", release_pickled_doctree, priority=999)
