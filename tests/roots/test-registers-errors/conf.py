# Fixture project of the registers (tests/test_registers.py). Fixture text,
# not the edition's: the names and sentences below are made up for the tests.
extensions = ["myst_parser", "edition"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
smartquotes = False
