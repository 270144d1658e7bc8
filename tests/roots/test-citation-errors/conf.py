# Fixture project: citation errors (unknown key, key no bibliography lists,
# unreadable .bib entries). Fixture text, not the edition's.
extensions = ["myst_parser", "sphinxcontrib.bibtex", "edition"]
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "chicago"
exclude_patterns = ["_build"]
