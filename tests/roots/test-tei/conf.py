# Fixture project for tests/test_tei.py. Its texts are FIXTURE TEXT, written
# for the tests: not the edition's text, not Zhou Enlai's words.
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

extensions = ["myst_parser", "sphinxcontrib.bibtex", "edition", "tei_fixture_ext"]
root_doc = "index"
project = "Fixture edition"
version = release = "9.9"
edition_version = "9.9"
edition_note_on_text = "note"
source_suffix = {".md": "markdown"}
myst_enable_extensions = ["colon_fence"]
smartquotes = False
nitpicky = True
bibtex_bibfiles = ["fixture.bib"]
html_theme = "basic"
