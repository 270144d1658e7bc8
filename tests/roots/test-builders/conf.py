# Fixture project (FIXTURE TEXT, not a real record): one small edition that
# uses every node of the edition, built with every builder Sphinx ships.
extensions = ["myst_parser", "sphinxcontrib.bibtex", "edition"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
smartquotes = False
nitpicky = True
project = "FIXTURE edition"
author = "FIXTURE"
language = "en"
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "chicago"
html_theme = "edition"
version = release = "0.0.1"
copyright = "FIXTURE"
edition_version = version
