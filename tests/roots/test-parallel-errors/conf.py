"""Fixture project: one document per alignment error (tests/test_parallel.py)."""

project = "Fixture: alignment errors"
extensions = ["myst_parser", "edition"]
source_suffix = {".md": "markdown"}
myst_enable_extensions = ["colon_fence"]
smartquotes = False
exclude_patterns = ["_build"]
