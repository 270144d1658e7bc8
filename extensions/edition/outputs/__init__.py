"""The outputs: what each builder needs besides the nodes' own visitors (HTML, LaTeX and the
book, EPUB, TEI, man/texinfo through one lowering, and the plain-text forms of the
edition's marks)."""
