"""Fixture project of the parallel-text tests (tests/test_parallel.py).

Its Chinese sentences are FIXTURE TEXT written for the tests: short neutral
sentences, not a transcription or translation of any document of the edition.
"""

project = "Fixture: parallel text"
author = "Test fixture"
extensions = ["myst_parser", "edition"]
source_suffix = {".md": "markdown"}
myst_enable_extensions = ["colon_fence"]
smartquotes = False
nitpicky = True
language = "en"
exclude_patterns = ["_build"]

latex_engine = "xelatex"
latex_documents = [("index", "fixture-parallel.tex", "Fixture: parallel text",
                    "Test fixture", "howto")]
# The minimal CJK set-up for the fixture's PDF (the edition's own lives in
# edition.sty / conf.py).
latex_elements = {
    "preamble": r"""
\usepackage{xeCJK}
\setCJKmainfont{Noto Serif CJK SC}
\setCJKsansfont{Noto Sans CJK SC}
""",
}

html_theme = "edition"
