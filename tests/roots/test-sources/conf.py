# Fixture project: a source that is not UTF-8 and a source with raw HTML.
extensions = ["myst_parser", "edition"]
exclude_patterns = ["_build"]
smartquotes = False
