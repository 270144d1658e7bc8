"""``sphinx-build`` that also says how long each phase of the build took.

For the per-phase chart of BENCHMARKS.md: the same command line as
``sphinx-build``, timed in phases by wrapping Sphinx's own methods (no
profiler, so the times are those of a normal build):

* ``start-up``: starting Python, importing Sphinx and the extensions, reading
  ``conf.py`` and setting the extensions up (until the builder is ready);
* ``read``: parsing every source into a doctree, with the transforms of the
  extensions (``Builder.read``, up to and including ``env-updated``);
* ``resolve``: resolving each page's references and running the
  post-transforms and ``doctree-resolved`` handlers
  (``BuildEnvironment.get_and_resolve_doctree``);
* ``write``: the rest of writing: translating to HTML, the templates, the
  search index, copying static files (``Builder.write`` and ``finish`` minus
  ``resolve``).

The figures are written as JSON to the file ``BENCH_PHASES`` names.

    BENCH_PHASES=out.json python bench/phases.py -b html source _build/html
"""

from __future__ import annotations

import json
import os
import sys
import time

STARTED = time.perf_counter()


def main() -> int:
    from sphinx.builders import Builder
    from sphinx.cmd.build import main as sphinx_build
    from sphinx.environment import BuildEnvironment

    spent = {"read": 0.0, "resolve": 0.0, "write": 0.0}
    marks: dict[str, float] = {}

    def timed(cls: type, name: str, phase: str) -> None:
        original = getattr(cls, name)

        def wrapper(*args, **kwargs):
            marks.setdefault("first " + phase, time.perf_counter())
            began = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                spent[phase] += time.perf_counter() - began

        setattr(cls, name, wrapper)

    timed(Builder, "read", "read")
    timed(BuildEnvironment, "get_and_resolve_doctree", "resolve")
    timed(Builder, "write", "write")
    original_finish = Builder.finish

    def finish(self, *args, **kwargs):
        began = time.perf_counter()
        try:
            return original_finish(self, *args, **kwargs)
        finally:
            spent["write"] += time.perf_counter() - began

    Builder.finish = finish  # type: ignore[method-assign]
    # the HTML builder's finish is its own method: wrap it too
    from sphinx.builders.html import StandaloneHTMLBuilder

    html_finish = StandaloneHTMLBuilder.finish

    def finish_html(self, *args, **kwargs):
        began = time.perf_counter()
        try:
            return html_finish(self, *args, **kwargs)
        finally:
            spent["write"] += time.perf_counter() - began

    StandaloneHTMLBuilder.finish = finish_html  # type: ignore[method-assign]

    code = sphinx_build(sys.argv[1:])
    total = time.perf_counter() - STARTED
    # resolving happens inside write: count it once
    spent["write"] -= spent["resolve"]
    startup = marks.get("first read", STARTED) - STARTED
    phases = {"start-up": startup, **spent}
    phases["other"] = max(0.0, total - sum(phases.values()))
    out = os.environ.get("BENCH_PHASES")
    if out:
        with open(out, "w", encoding="utf-8") as f:
            json.dump({k: round(v, 4) for k, v in phases.items()} | {"total": round(total, 4)},
                      f)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
