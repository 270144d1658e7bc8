# Fixture: one document per mistake an editor can make in the apparatus.
extensions = ["myst_parser", "edition"]
myst_enable_extensions = ["colon_fence"]
smartquotes = False
