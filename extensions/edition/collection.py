"""A collection's pages stay consistent across incremental builds.

Sphinx rewrites a page only when its own source changed. When a document is
added to or removed from the collection, the pages around it (their
previous/next links, the contents) change too, and an incremental build would
leave them stale: unlike a clean build. Adding or removing a document is
rare, so then every page is written again; editing one stays cheap.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sphinx.application import Sphinx

KEY = "edition_collection_changed"


def note_changes(app: Sphinx, env: Any, added: set[str], changed: set[str],
                 removed: set[str]) -> list[str]:
    if added or removed:
        setattr(env, KEY, True)
    return []


def pages_to_rewrite(app: Sphinx, env: Any) -> Iterable[str]:
    if getattr(env, KEY, False):
        delattr(env, KEY)
        return sorted(env.found_docs)
    return []


def setup(app: Sphinx) -> None:
    app.connect("env-get-outdated", note_changes)
    app.connect("env-get-updated", pages_to_rewrite)
