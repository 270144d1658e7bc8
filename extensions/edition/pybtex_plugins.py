"""Fast look-ups of pybtex plugins while citations are resolved.

sphinxcontrib-bibtex asks pybtex for its plain-text backend once for every
citation it resolves (``find_plugin("pybtex.backends", "plaintext")`` in
``BibtexDomain.resolve_xref``), and pybtex answers each time by scanning the
entry points of every installed distribution: about 40 ms per citation here,
which made citations the largest cost of a collection's build after the
search index (see BENCHMARKS.md). pybtex checks the plugins registered at run
time before it scans, so registering the very class the entry point names,
once at start-up, gives the same plugin without the scan.
"""

from __future__ import annotations

from sphinx.application import Sphinx

#: (group, name) of the plugins looked up once per citation
PER_CITATION = (("pybtex.backends", "plaintext"),)


def register(app: Sphinx) -> None:
    try:
        from pybtex.plugin import find_plugin, register_plugin
    except ImportError:  # pybtex is not installed: no citations to speed up
        return
    for group, name in PER_CITATION:
        register_plugin(group, name, find_plugin(group, name), force=True)


def setup(app: Sphinx) -> None:
    register(app)
