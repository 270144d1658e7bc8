# Fixture project of the catalogue of malformed sources (tests/test_robustness.py).
extensions = ["myst_parser", "edition"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
smartquotes = False
latex_engine = "xelatex"
