"""The text: the header, the parallel text and its alignment, notes, interpolations,
commentary and marks, the sources as editors type them, and the quotation marks of the
reading outputs (typography)."""
