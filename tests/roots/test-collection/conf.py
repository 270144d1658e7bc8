# Fixture project: a collection of 30 generated documents that use every
# feature of the edition (FIXTURE TEXT, not a real record), for -j and
# incremental-build tests.
extensions = ["myst_parser", "sphinxcontrib.bibtex", "edition"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
smartquotes = False
bibtex_bibfiles = ["refs.bib"]
html_theme = "edition"
