"""The edition's reading theme and its assets.

A small theme of our own on Sphinx's ``basic`` theme: one stylesheet, one
optional script, no web fonts and no third-party requests; a header with the
edition's few sections instead of a sidebar that prints the whole contents on
every page (which would make a large collection's build grow with the square
of its size). The choice is recorded in the README's technical notes.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

THEME_DIR = Path(__file__).parent / "theme" / "edition"


def setup(app: Sphinx) -> None:
    app.add_html_theme("edition", str(THEME_DIR))
