"""The outputs: what each builder needs besides the nodes' own visitors (HTML, LaTeX and the
book, EPUB, TEI, and man/texinfo through one lowering)."""
