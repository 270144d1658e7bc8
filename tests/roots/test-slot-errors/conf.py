# Fixture project of tests/test_filled_slot.py: one document per mistake an
# editor can make with page breaks, provenance and sentence alignment. Its texts are FIXTURE TEXT written for the tests: not the
# edition's text, not a transcription of any document; its names are
# placeholders.
extensions = ["myst_parser", "sphinxcontrib.bibtex", "edition"]
root_doc = "index"
project = "Fixture: filled slot, errors"
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

