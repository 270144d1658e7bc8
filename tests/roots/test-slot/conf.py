# Fixture project of tests/test_slot.py (page breaks, provenance, sentence
# alignment). Its texts are FIXTURE TEXT written for the tests: not the
# edition's text, not a transcription of any document; its names are
# placeholders.
extensions = ["myst_parser", "sphinxcontrib.bibtex", "edition"]
root_doc = "index"
project = "Fixture: filled slot"
author = "Test fixture"
version = release = "9.9"
source_suffix = {".md": "markdown"}
myst_enable_extensions = ["colon_fence"]
smartquotes = False
nitpicky = True
language = "en"
exclude_patterns = ["_build"]
bibtex_bibfiles = ["fixture.bib"]
html_theme = "edition"

latex_engine = "xelatex"
latex_documents = [("index", "fixture-slot.tex", "Fixture: filled slot", "Test fixture", "howto")]
latex_elements = {
    "preamble": r"""
\usepackage{xeCJK}
\setCJKmainfont{Noto Serif CJK SC}
\setCJKsansfont{Noto Sans CJK SC}
% as the edition's conf.py: English keeps Latin quotation marks and dashes
\xeCJKDeclareCharClass{Default}{"2018,"2019,"201C,"201D,"2013,"2014,"2026,"00B7}
""",
}
