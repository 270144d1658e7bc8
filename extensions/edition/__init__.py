"""The edition's Sphinx extensions.

Each concern of the edition lives in the module named after it; this module
only wires them together. Add ``"edition"`` to ``extensions`` in ``conf.py``
(with ``extensions/`` on ``sys.path``).
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from . import commentary, config, domain, entities, interpolation, latex, metadata, notes, parallel, theme
from . import pybtex_plugins

__version__ = "0.1.0"


def setup(app: Sphinx) -> dict[str, Any]:
    for module in (config, domain, metadata, parallel, notes, interpolation, commentary, entities, latex, theme):
        module.setup(app)
    pybtex_plugins.setup(app)
    return {
        "version": __version__,
        # Bump whenever the shape of the data the edition keeps in the
        # environment changes, so old pickles are thrown away.
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
