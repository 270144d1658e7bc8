# Fixture project: documents with good and bad front matter.
extensions = ["myst_parser", "edition"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
smartquotes = False
