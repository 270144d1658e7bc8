"""LaTeX support files: each ``latex/*.sty`` of the edition goes with the build.

Every module that writes LaTeX macros defines them in a style file named
after it (``edition.sty`` for the shared ones); this module copies them into
the LaTeX output folder and loads them, so ``conf.py`` needs no list.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from sphinx.application import Sphinx

STYLE_DIR = Path(__file__).parent / "latex"


def style_files() -> list[Path]:
    # edition.sty first: the others may use what it defines
    return sorted(STYLE_DIR.glob("*.sty"), key=lambda p: (p.stem != "edition", p.stem))


def add_packages(app: Sphinx) -> None:
    if app.builder.format != "latex":
        return
    for path in style_files():
        app.add_latex_package(path.stem)


def copy_styles(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and app.builder.format == "latex":
        for path in style_files():
            shutil.copy(path, Path(app.outdir) / path.name)


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", add_packages)
    app.connect("build-finished", copy_styles)
