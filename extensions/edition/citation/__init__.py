"""Citations of bib/: the Chicago formatter, the citation role, how-to-cite, exports and head metadata."""
