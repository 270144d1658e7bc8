"""Sphinx configuration of the edition.

Thin by design: paths, the extension list, the theme and the settings of the
libraries we use. The edition's own behaviour lives in ``extensions/edition``.
Build with ``sphinx-build -c . source _build/<builder>`` (see the Makefile).
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).parent
sys.path.insert(0, str(ROOT / "extensions"))

# -- The edition ---------------------------------------------------------------
project = "Zhou Enlai, “My Observations on the Soviet Union” (1957)"
author = "Zhou Enlai"
version = release = "0.1.0"
edition_version = version
# Who is responsible for the edition (extensions/edition/citation/responsibility.py).
# Left empty, every output says plainly that none is named; `make test` lists
# what is unset. Never fill in a name that is not the real one.
edition_editors: list[str] = []
edition_publisher = ""
edition_licence = ""
language = "en"
root_doc = "index"

extensions = [
    "myst_parser",
    "sphinx_design",
    "sphinxcontrib.bibtex",
    "edition",
]

# -- Sources ----------------------------------------------------------------------
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build", ".venv"]
myst_enable_extensions = ["colon_fence", "deflist"]
# The witness's quotation marks and spaced points are part of the text: never
# let the build "smarten" them.
smartquotes = False
nitpicky = True

# -- Bibliography (sphinxcontrib-bibtex resolves these against this folder) -------
bibtex_bibfiles = ["bib/edition.bib"]
bibtex_default_style = "chicago"  # edition/citation/chicago.py
bibtex_reference_style = "author_year"

# -- HTML ---------------------------------------------------------------------------
html_theme = "edition"
html_title = "My Observations on the Soviet Union"
html_short_title = "Zhou Enlai, “My Observations on the Soviet Union”"
html_theme_options = {
    "nav": [
        ("The report", "117033"),
        ("Note on the text", "note-on-the-text"),
        ("About the source", "about-the-source"),
        ("Bibliography", "bibliography"),
        ("Registers", "registers"),
        ("Chronology", "chronology"),
        ("How to cite", "how-to-cite"),
    ],
}
html_copy_source = False
html_show_sourcelink = False
html_last_updated_fmt = "%Y-%m-%d"
if os.environ.get("READTHEDOCS_CANONICAL_URL"):
    html_baseurl = os.environ["READTHEDOCS_CANONICAL_URL"]

# -- LaTeX / PDF ---------------------------------------------------------------------
# The PDF is a book: title page and contents, then the documents of the toctree
# as chapters (the home page's own text is for the web: toctree_only=True),
# the bibliography, the index and a colophon. The title page, colophon and PDF
# metadata are built from the documents' metadata by extensions/edition/outputs/book.py;
# the print design lives in extensions/edition/latex/edition.sty.
latex_engine = "xelatex"
# The reader's book: the report, the note on the text, about the source, the
# bibliography, registers, chronology and how to cite. The editors' guide and
# the technical pages are for the web edition (edition/outputs/book.py leaves them
# out of the book). Should they be wanted on paper, a second entry starting
# at "editors-guide" would make them a PDF of their own.
edition_book_exclude = ["editors-guide", "technical/*"]
latex_documents = [
    (root_doc, "zhou-enlai-observations-1957.tex", html_title, author, "manual", True),
]
latex_toplevel_sectioning = "chapter"
latex_domain_indices = False
# xindy sorts index entries in any script (Sphinx's default for xelatex).
latex_use_xindy = True
latex_elements = {
    # Royal octavo, the trim of an academic monograph; wide outer margin for
    # the paragraph numbers. Chapters open on any page: no blank pages.
    "papersize": "",
    "pointsize": "11pt",
    "extraclassoptions": "openany",
    "geometry": (
        r"\usepackage[paperwidth=156mm, paperheight=234mm, inner=18mm, outer=28mm,"
        r" top=20mm, bottom=24mm, marginparwidth=15mm, marginparsep=4mm,"
        r" headsep=6mm, footskip=10mm]{geometry}"
    ),
    # FreeSerif (fonts-freefont-otf) covers Latin with Polish and other
    # diacritics, Greek and Cyrillic; Noto Serif CJK (fonts-noto-cjk) sets
    # names and titles in Chinese script. AR PL Mingti2L (pulled in by
    # texlive-lang-chinese) holds the Big5 private-use characters that older
    # transcriptions use for rare characters; a glyph no font has is reported
    # in the log, and tests/test_pdf.py fails on it.
    "fontpkg": r"""
\setmainfont{FreeSerif}[Extension=.otf, UprightFont=*, ItalicFont=*Italic,
  BoldFont=*Bold, BoldItalicFont=*BoldItalic]
\setsansfont{FreeSans}[Extension=.otf, UprightFont=*, ItalicFont=*Oblique,
  BoldFont=*Bold, BoldItalicFont=*BoldOblique]
\setmonofont{FreeMono}[Scale=0.9, Extension=.otf, UprightFont=*,
  ItalicFont=*Oblique, BoldFont=*Bold, BoldItalicFont=*BoldOblique]
\usepackage{xeCJK}
\setCJKmainfont{Noto Serif CJK SC}[ItalicFont=Noto Serif CJK SC, BoldItalicFont=Noto Serif CJK SC Bold]
\setCJKsansfont{Noto Sans CJK SC}[ItalicFont=Noto Sans CJK SC, BoldItalicFont=Noto Sans CJK SC Bold]
\setCJKmonofont{Noto Sans Mono CJK SC}
\xeCJKsetup{AutoFallBack=true}
\setCJKfallbackfamilyfont{\CJKrmdefault}{AR PL Mingti2L Big5}
% English text keeps Latin quotation marks, dashes and points: xeCJK would
% otherwise set them as wide CJK punctuation.
\xeCJKDeclareCharClass{Default}{"2018,"2019,"201C,"201D,"2013,"2014,"2026,"00B7}
""",
    "cmappkg": "",  # cmap is for pdflatex; xelatex writes ToUnicode maps itself
    "fncychap": "",
    "transition": "\n\n\\edtransition\n\n",
    # Links stay links (a click on a name opens its register entry) but
    # print black: a coloured link prints grey and looks like a different hand.
    "sphinxsetup": (
        "TitleColor={rgb}{0,0,0}, HeaderFamily=\\normalfont,"
        " InnerLinkColor={rgb}{0,0,0}, OuterLinkColor={rgb}{0,0,0}"
    ),
    # Title page, contents and back matter of the edition (edition.sty).
    "maketitle": r"\edmaketitle",
    "tableofcontents": r"\edtableofcontents",
    "printindex": r"\edprintindex\edcolophon",
}

# -- EPUB ---------------------------------------------------------------------------
# extensions/edition/outputs/epub.py adds each page's language, takes dc:description
# (the summary) and dc:contributor (the translators) from the document's
# front matter, dc:publisher and dc:rights from edition_publisher and
# edition_licence (left out while those are unset: nothing is made up), the
# accessibility metadata from what the pages contain, and makes the .epub
# reproducible under SOURCE_DATE_EPOCH.
epub_basename = "zhou-enlai-observations-1957"
epub_theme = "edition-epub"
epub_title = project
epub_author = author
# dc:publisher and dc:rights come from edition_publisher and edition_licence
# (extensions/edition/citation/responsibility.py), which say so when they are unset.
# The book's identifier, kept as first issued so that reading systems know
# every later build as the same book. (It was made as a name-based UUID, RFC
# 4122 version 5, of the address the witness was captured from, plus
# "#edition"; a UUID made from the archive's public address would be another
# book's identifier.)
epub_identifier = "urn:uuid:cd515536-cdc3-5533-930c-af4e4423f1f9"
epub_scheme = "UUID"
epub_uid = "edition-id"
epub_show_urls = "no"
epub_use_index = False
# The navigation document lists every page of the (hidden) toctree and its
# sections, not only the title page.
epub_tocscope = "includehidden"
epub_tocdepth = 2
# Accessibility (EPUB Accessibility 1.1; the settings table in
# extensions/edition/config.py documents each value). Access modes, sufficient
# modes, features and the summary are derived from the pages; the hazards and
# the claim are stated here. No one has certified the EPUB, so
# epub_accessibility_certifier stays empty and a11y:certifiedBy is left out.
epub_accessibility_hazards = ("none",)
epub_accessibility_conformance = "EPUB Accessibility 1.1 - WCAG 2.1 Level AA"
# The backup Sphinx keeps of the build info when the configuration changes:
epub_exclude_files = [".buildinfo.bak"]
