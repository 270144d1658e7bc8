# Fixture project: fields that would break a page or a PDF if not escaped.
# Fixture text, not the edition's.
project = "Fixture & <Edition> 100% \\ one"
extensions = ["myst_parser", "sphinxcontrib.bibtex", "edition"]
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "chicago"
html_baseurl = "https://example.org/fixture/"
edition_version = "9.9"
exclude_patterns = ["_build"]
edition_publisher = "Fixture <Press> & Co"
edition_pdf_url = "https://example.org/fixture/edition.pdf"
