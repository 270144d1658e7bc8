"""A node the TEI mapping does not know, for the fallback test (fixture)."""

from docutils import nodes


class unknown_phrase(nodes.Inline, nodes.TextElement):
    """Stands for markup a future module adds before the TEI mapping knows it."""


def unknown_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    return [unknown_phrase(rawtext, text)], []


def visit(self, node):
    pass


def depart(self, node):
    pass


def setup(app):
    app.add_role("unknown", unknown_role)
    app.add_node(unknown_phrase, html=(visit, depart), text=(visit, depart))
    return {"parallel_read_safe": True}
