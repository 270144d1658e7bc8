"""LaTeX support files: each ``latex/*.sty`` of the edition goes with the build.

Every module that writes LaTeX macros defines them in a style file named
after it (``edition.sty`` for the shared ones); this module copies them into
the LaTeX output folder and loads them, so ``conf.py`` needs no list.
"""

from __future__ import annotations

import re
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


#: TeX reads a source line into a buffer of 200,000 bytes; a paragraph typed
#: on one line longer than that stops xelatex ("Unable to read an entire line").
MAX_LINE = 4000
COMMENT = re.compile(r"(?<!\\)%")


def wrap_long_lines(tex: str, limit: int = MAX_LINE) -> str:
    """Break lines longer than *limit* at spaces (a newline is a space to TeX),
    never after a comment sign, so no paragraph can overflow TeX's buffer."""
    out = []
    for line in tex.split("\n"):
        if len(line) <= limit:
            out.append(line)
            continue
        comment = COMMENT.search(line)
        code, rest = (line[:comment.start()], line[comment.start():]) if comment else (line, "")
        while len(code) > limit:
            cut = code.rfind(" ", 0, limit)
            if cut <= 0:
                break
            out.append(code[:cut])
            code = code[cut + 1:]
        out.append(code + rest)
    return "\n".join(out)


def copy_styles(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and app.builder.format == "latex":
        for path in style_files():
            shutil.copy(path, Path(app.outdir) / path.name)
        for tex in Path(app.outdir).glob("*.tex"):
            text = tex.read_text(encoding="utf-8")
            wrapped = wrap_long_lines(text)
            if wrapped != text:
                tex.write_text(wrapped, encoding="utf-8")


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", add_packages)
    app.connect("build-finished", copy_styles)
