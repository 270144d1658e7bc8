# Fixture: a unit whose slot is filled, so LaTeX sets it in columns and its
# notes must be plain \footnote. The Chinese text is fixture text, not a
# transcription of the report.
extensions = ["myst_parser", "edition"]
myst_enable_extensions = ["colon_fence"]
smartquotes = False
latex_engine = "xelatex"
