"""Filling the slot: the transcriber's packet, the import of a transcription,
and the provenance of each unit's original.

* :mod:`.packet` writes ``_build/packet/`` (``make packet``): per document a
  DOCX and a UTF-8 text file for the transcribers;
* :mod:`.importer` reads a filled packet (DOCX, text, or TEI) and writes the
  ``{original}`` slots of the document and its provenance file
  (``make import-original FILE=...``), after :mod:`.validate` has checked it;
* :mod:`.slots` finds and rewrites a slot's body in the source text (every
  other byte kept);
* :mod:`.provenance` reads the provenance file in the build and shows it.

Run ``python -m edition.transcription --help`` for the commands.
"""

from __future__ import annotations

from typing import Any


def setup(app: Any) -> None:
    from . import domain, provenance

    domain.setup(app)
    provenance.setup(app)
