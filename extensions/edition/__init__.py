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

from . import (
    apparatus,
    chronology,
    citation,
    cite_this,
    collection,
    commentary,
    conformance,
    config,
    domain,
    entities,
    epub,
    interpolation,
    latex,
    metadata,
    notes,
    pagemeta,
    parallel,
    pybtex_plugins,
    registers,
    responsibility,
    sources,
    tei,
    theme,
)

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


def setup(app: Sphinx) -> dict[str, Any]:
    for module in (config, sources, domain, metadata, parallel, notes, interpolation,
                   commentary, apparatus, entities, registers, chronology, latex, theme, collection, tei,
                   conformance, pagemeta, epub, citation, cite_this, responsibility):
        module.setup(app)
    pybtex_plugins.setup(app)
    return {
        "version": __version__,
        "env_version": _code_version(),
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
