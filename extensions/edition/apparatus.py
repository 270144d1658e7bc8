"""The apparatus in the reader's browser: notes beside the text, reader controls.

The notes, interpolations and commentary are nodes of their own modules
(:mod:`edition.notes`, :mod:`edition.interpolation`, :mod:`edition.commentary`);
this module adds, for the HTML builders, the one script and one stylesheet that
present them:

* on a wide screen each archive note stands in the margin level with its
  reference (a sidenote); on a narrow screen notes stay footnotes, and a
  reference shows its note in place on hover or keyboard focus;
* two reader controls (buttons with ``aria-pressed``, remembered in
  ``localStorage``): "Reading text" hides the translators' brackets and keeps
  the words they supplied in a quieter style; "Commentary" shows or hides
  this edition's commentary.

Without JavaScript the page is the published translation with its brackets,
the commentary shown, and the notes as a list with links both ways. The script
is a file of its own (no inline script), so pages run under a Content Security
Policy of ``default-src 'self'``. The file names begin with ``edition`` because
the theme's layout loads only the edition's own scripts.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config

STATIC_DIR = Path(__file__).parent / "static" / "apparatus"
SCRIPT = "edition-apparatus.js"
STYLESHEET = "edition-apparatus.css"
#: clean copying and "Copy with citation" (issue 13): files of their own
COPY_SCRIPT = "edition-copy.js"
COPY_STYLESHEET = "edition-copy.css"


def add_static_dir(app: Sphinx, config: Config) -> None:
    path = str(STATIC_DIR)
    if path not in config.html_static_path:
        config.html_static_path.append(path)


def add_assets(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    app.add_css_file(STYLESHEET)
    # An EPUB reading system shows notes itself (epub:type, see notes.py) and
    # many run no scripts: the EPUB gets the styles only.
    if not app.builder.name.startswith("epub"):
        app.add_js_file(SCRIPT, loading_method="defer")
        app.add_css_file(COPY_STYLESHEET)
        app.add_js_file(COPY_SCRIPT, loading_method="defer")


def setup(app: Sphinx) -> None:
    app.connect("config-inited", add_static_dir)
    app.connect("builder-inited", add_assets)
