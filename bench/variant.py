"""``sphinx-build`` with some of the benchmark's speed fixes undone.

For the before/after figures of BENCHMARKS.md: ``BENCH_UNDO`` names the fixes
to undo, comma-separated:

* ``pystemmer``: hide PyStemmer, so that snowballstemmer falls back to its
  pure-Python stemmers (as before PyStemmer was pinned);
* ``pybtex``: skip ``edition.pybtex_plugins``, so that pybtex scans the entry
  points again for every citation;
* ``jieba``: hand every run of Chinese characters to jieba, as before short
  runs were taken as words (``edition.search.SHORT_RUN``), which loads its
  dictionary for a name in original script;
* ``caches``: PyYAML's pure-Python loader for ``entities.yaml`` and no cache of
  CLDR's names or of pybtex's LaTeX parse of a field;

    BENCH_UNDO=pystemmer,pybtex python bench/variant.py -b html ...
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    undo = {u.strip() for u in os.environ.get("BENCH_UNDO", "").split(",") if u.strip()}
    if "pystemmer" in undo:
        sys.modules["Stemmer"] = None  # type: ignore[assignment]  # import fails
    if "pybtex" in undo:
        sys.path.insert(0, str(ROOT / "extensions"))
        try:
            import edition.citation.pybtex_plugins as plugins
        except ImportError:
            pass
        else:
            plugins.register = lambda app: None
    if undo & {"jieba", "caches"}:
        sys.path.insert(0, str(ROOT / "extensions"))
    if "jieba" in undo:
        import edition.search

        edition.search.SHORT_RUN = 0
    if "caches" in undo:
        import yaml

        import edition.citation.chicago as chicago
        import edition.entities.data as data

        data.LOADER = yaml.SafeLoader
        data.cldr_names = data.cldr_names.__wrapped__
        chicago._from_latex = chicago._from_latex.__wrapped__
    from sphinx.cmd.build import main as sphinx_build

    return sphinx_build(sys.argv[1:])


if __name__ == "__main__":
    raise SystemExit(main())
