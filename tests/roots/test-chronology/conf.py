# Fixture project of the chronology (tests/test_chronology.py). Fixture text,
# not the edition's: the events below are made up for the tests.
extensions = ["myst_parser", "edition"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
smartquotes = False
