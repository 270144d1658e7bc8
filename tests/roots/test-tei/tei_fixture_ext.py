"""A node the TEI mapping does not know, for the fallback test (fixture)."""

from docutils import nodes


class unknown_phrase(nodes.Inline, nodes.TextElement):
    """Stands for markup a future module adds before the TEI mapping knows it."""


def unknown_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    return [unknown_phrase(rawtext, text)], []


def added_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """Words the edition adds in the text flow, as an inline of class editorial."""
    return [nodes.inline(rawtext, text, classes=["editorial", "fixture-addition"])], []


def visit(self, node):
    pass


def depart(self, node):
    pass


def setup(app):
    app.add_role("unknown", unknown_role)
    app.add_role("added", added_role)
    app.add_node(unknown_phrase, html=(visit, depart), text=(visit, depart))
    return {"parallel_read_safe": True}
