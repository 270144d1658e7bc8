"""The text: the header, the parallel text and its alignment, notes, interpolations,
commentary and marks, and the sources as editors type them."""
