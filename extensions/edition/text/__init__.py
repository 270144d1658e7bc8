"""The text: the header, the parallel text and its alignment, notes, interpolations,
commentary and marks, the sources as editors type them, and the quotation marks of the
reading outputs (typography); and what a filled slot holds besides its words: page
breaks of the printed source (pagebreak), Latin letters the page prints (foreign),
and its sentences paired with the English ones (segment, sentences)."""
