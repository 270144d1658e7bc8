"""The edition's Sphinx extensions.

Each concern of the edition lives in the module named after it; this module
only wires them together. Add ``"edition"`` to ``extensions`` in ``conf.py``
(with ``extensions/`` on ``sys.path``).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from . import collection, config, memory, search
from .chronology import events
from .citation import bibfiles, cite_this, exports, pybtex_plugins, responsibility, roles
from .entities import mentions, registers
from .model import domain
from .outputs import book, epub, generic, html, latex
from .outputs.tei import builder as tei
from .text import (alignment, commentary, header, interpolation, notes, parallel, sources,
                   typography)
# -- filling the slot (issue 17): transcription, page breaks, sentences --
from . import transcription
from .text import foreign, pagebreak, sentences

__version__ = "0.1.0"


def _code_version() -> int:
    """A number that changes whenever the extensions' code changes.

    Sphinx keeps doctrees between builds and re-reads a document only when its
    source changed; an editor who updates the toolkit would otherwise get
    pages rendered by the old transforms. As ``env_version`` it makes Sphinx
    discard the saved environment when the code is not the code that made it.
    """
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.rglob("*.py")):
        digest.update(path.read_bytes())
    return int(digest.hexdigest()[:12], 16)


#: every module with a setup(), in the order it runs: of two transforms of one
#: priority (commentary's and mentions' at 640) the first added runs first
MODULES = (
    config, sources, domain, header, parallel, alignment, search, notes, interpolation,
    commentary, html, mentions, registers, events, latex, book, collection, tei, epub,
    generic, roles, bibfiles, cite_this, exports, responsibility, pybtex_plugins,
    typography,
    # after parallel and html: their stylesheets first, ours may refine them
    transcription, pagebreak, foreign, sentences,
    # what the build keeps in memory (its handlers run last)
    memory,
)


def setup(app: Sphinx) -> dict[str, Any]:
    for module in MODULES:
        module.setup(app)
    return {
        "version": __version__,
        "env_version": _code_version(),
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
