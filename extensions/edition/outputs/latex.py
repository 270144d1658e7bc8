"""LaTeX: what the LaTeX output needs besides the nodes' visitors.

The nodes' LaTeX visitors live with their nodes; the book assembled from
data (title page, colophon, PDF metadata, running heads) is
:mod:`edition.outputs.book`'s. This module owns, for the ``latex`` builder:

Style files
    Every module that writes LaTeX macros defines them in a style file named
    after it (``latex/edition.sty`` for the shared ones and the print design,
    ``latex/<module>.sty`` for a module's own); this module copies them into
    the LaTeX output folder and loads them, so ``conf.py`` needs no list.
    Lines of the ``.tex`` file longer than TeX's buffer are broken.

The index
    The PDF's index of persons (the entities of ``edition_indexed_kinds``,
    indexed by :mod:`edition.entities.mentions`): its title, the xindy rules
    that file Gomułka under G (``edition.xdy``), an en dash in page ranges, and
    xindy's options in ``latexmkrc``. This module is the one writer of
    Sphinx's ``sphinx.xdy`` and ``latexmkrc`` in the output folder.

Escaping
    Plain text, URLs, PDF strings and pybtex rich text (the Chicago forms of
    :mod:`edition.citation.chicago`) into LaTeX, all through Sphinx's
    escaping for Unicode engines, with the quotation marks of all reading
    text (:mod:`edition.text.typography`).
"""

from __future__ import annotations

import copy
import re
import shutil
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pybtex.backends import latex as pybtex_latex
from pybtex.richtext import BaseMultipartText, BaseText, String
from sphinx.application import Sphinx
from sphinx.util.texescape import escape as tex_escape

from ..entities.data import HEADINGS_PLURAL
from ..text.typography import typographic, typographic_run
from ..util import PACKAGE_DIR

STYLE_DIR = PACKAGE_DIR / "latex"


# --- style files ---------------------------------------------------------------

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
        if app.config.latex_use_xindy:
            write_index_tools(Path(app.outdir))
        write_latexmkrc(Path(app.outdir))


# --- the index -----------------------------------------------------------------------

#: Latin letters that Unicode does not decompose into a base letter and a mark
LATIN_FOLDS = {"ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ß": "ss",
               "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "Th",
               "ð": "d", "Ð": "D", "ı": "i", "ħ": "h", "Ħ": "H", "ŧ": "t", "Ŧ": "T"}

XINDY_MODULE = "edition.xdy"

#: xindy's separator of page ranges: an en dash. Not "--": Sphinx turns TeX's
#: ligatures off for xelatex, and two hyphens would print as two hyphens.
RANGE_RULE = r'(markup-range :sep "\textendash{}")'


def latin_folds() -> dict[str, str]:
    """Each Latin letter with a diacritic -> its base letter(s): Ł -> L, ó -> o."""
    folds = dict(LATIN_FOLDS)
    for code in range(0x00C0, 0x0250):
        char = chr(code)
        base = unicodedata.normalize("NFKD", char)[0]
        if char not in folds and base != char and base.isascii() and base.isalpha():
            folds[char] = base
    return folds


def write_index_tools(outdir: Path) -> None:
    """Teach xindy to file Gomułka under G and Łódź under L.

    With ``-L english`` (what Sphinx passes for ``language = "en"``) xindy
    knows a to z only and files any name that begins with another letter
    under "Non-alphabetical". The merge rules make a letter with a diacritic
    sort as its base letter; the printed entry keeps its spelling. Names in
    other scripts (Cyrillic, Chinese) need a Latin sort key in the entry
    (``\\index{Khrushchev@...}``), as the registers give them.

    Sphinx's ``sphinx.xdy`` (the module its Makefile names, ``-M sphinx.xdy``)
    then requires that module, and gets the separator of page ranges that it
    lacks: without it a person named on pages 2, 3 and 4 would be listed "24".
    The separator is an en dash, "2–4" (:data:`RANGE_RULE`).
    """
    rules = [f'(merge-rule "{char}" "{base}" :string)' for char, base in latin_folds().items()]
    (outdir / XINDY_MODULE).write_text(
        ";; written by extensions/edition/outputs/latex.py\n" + "\n".join(rules) + "\n",
        encoding="utf-8")
    main = outdir / "sphinx.xdy"
    if main.exists():
        text = main.read_text(encoding="utf-8")
        lines = [line for line in (RANGE_RULE, f'(require "{XINDY_MODULE}")')
                 if line not in text]
        if lines:
            main.write_text(text.rstrip("\n") + "\n\n;; the edition's rules "
                            "(extensions/edition/outputs/latex.py)\n" + "\n".join(lines) + "\n",
                            encoding="utf-8")


def title_index(app: Sphinx, config: Any) -> None:
    """Call the PDF's index by what it holds: by default, the index of persons."""
    kinds = list(config.edition_indexed_kinds)
    if not kinds:
        return
    names = " and ".join(HEADINGS_PLURAL[k].lower() for k in kinds)
    title = rf"\renewcommand{{\indexname}}{{Index of {names}}}"
    # a project's own printindex (the edition's prints only a non-empty
    # index, then its colophon) keeps its command and gets the title
    printindex = config.latex_elements.get("printindex", r"\printindex")
    if r"\indexname" not in printindex:
        config.latex_elements["printindex"] = title + printindex


def write_latexmkrc(outdir: Path) -> None:
    """Give ``latexmkrc`` the xindy options of Sphinx's Makefile as a default.

    Sphinx passes xindy its options (language, encoding, ``sphinx.xdy``)
    through ``XINDYOPTS``, which only its Makefile sets; ``latexmk`` run
    directly in the folder (as tests and editors do) would call xindy without
    them and fail.
    """
    makefile, latexmkrc = outdir / "Makefile", outdir / "latexmkrc"
    if not (makefile.is_file() and latexmkrc.is_file()):
        return
    match = re.search(r"^export XINDYOPTS = (.*)$", makefile.read_text(encoding="utf-8"),
                      re.MULTILINE)
    rc = latexmkrc.read_text(encoding="utf-8")
    plain = "$ENV{'XINDYOPTS'}"
    if match and plain in rc:
        default = match.group(1).strip().replace("\\", "\\\\").replace("'", "\\'")
        latexmkrc.write_text(rc.replace(plain, f"($ENV{{'XINDYOPTS'}} // '{default}')"),
                             encoding="utf-8")


# --- escaping ----------------------------------------------------------------------

def tex(text: str) -> str:
    """Plain text -> LaTeX (Sphinx's escaping for Unicode engines), its quotes
    typographic as in all reading text (:mod:`edition.text.typography`)."""
    return tex_escape(typographic(" ".join(str(text).split())), "xelatex")


def pdf_string(text: str) -> str:
    """Plain text -> a hyperref PDF string (Info dictionary, XMP)."""
    # In PDF strings Sphinx's \sphinxhyphen{} would need hyperref's help; a
    # hyphen needs none there (no ligatures in metadata).
    return tex(text).replace(r"\sphinxhyphen{}", "-")


def tex_url(url: str) -> str:
    r"""A URL for ``\url``: only the characters \url cannot take are escaped."""
    return re.sub(r"([%#{}\\])", r"\\\1", url)


def tex_with_urls(text: str) -> str:
    """Plain text -> LaTeX, each web address in it a link."""
    parts = re.split(r"(https?://[^\s,;]+[^\s,;.)])", " ".join(text.split()))
    return "".join(r"\url{%s}" % tex_url(part) if odd % 2 else tex_escape(part, "xelatex")
                   for odd, part in enumerate(parts))


class RichTextBackend(pybtex_latex.Backend):
    """pybtex rich text -> LaTeX, each piece escaped as Sphinx escapes for xelatex.

    pybtex's own LaTeX backend encodes characters as LaTeX commands
    (latexcodec), which a Unicode engine does not need and which would differ
    from the escaping of every other text of the book.
    """

    def format_str(self, str_: str) -> str:
        return tex_escape(str_, "xelatex")

    def format_href(self, url: str, text: str, external: bool = False) -> str:
        if not text:
            return ""
        if text == self.format_str(url):
            return r"\url{%s}" % tex_url(url)
        return r"\href{%s}{%s}" % (tex_url(url), text)


def rich_text(text: BaseText) -> str:
    """pybtex rich text (a Chicago form) -> LaTeX, its quotes typographic as
    in all reading text (:mod:`edition.text.typography`, the pieces as one
    run: a title's quotes know the quotation mark the form opens it with)."""
    text = copy.deepcopy(text)
    pieces = list(strings(text))
    for piece, educated in zip(pieces, typographic_run([p.value for p in pieces]),
                               strict=True):
        piece.value = educated
    return " ".join(text.render(RichTextBackend()).split())


def strings(text: BaseText) -> Iterator[String]:
    """The characters of rich text, piece by piece, in reading order."""
    if isinstance(text, String):
        yield text
    elif isinstance(text, BaseMultipartText):
        for part in text.parts:
            yield from strings(part)


def setup(app: Sphinx) -> None:
    app.connect("config-inited", title_index)
    app.connect("builder-inited", add_packages)
    app.connect("build-finished", copy_styles)
