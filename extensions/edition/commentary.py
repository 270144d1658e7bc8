"""The edition's commentary and the editorial marks it explains.

Marks (roles) flag a place in the text without changing a word of it:

* ``{sic}`zhuoyeu <sic-zhuoyeu>``` -- a reading kept as the witness has it;
* ``{omission}`. . . <omission-p9>``` -- an omission in the excerpt;
* ``{rejoin}`no longer exists <rejoin-p11>``` -- words the capture split by a
  page break, printed as one paragraph.

The part in angle brackets is the mark's label. Commentary (a directive) is
this edition's own note, lettered a, b, c ... in a series of its own::

    :::{commentary} rejoin-p11
    In the witness a page break of the capture splits ...
    :::

With a label it comments on that mark; without one it comments on the unit
(paragraph) or note it stands in. Commentary on a *sic* may give the reading
it stands for as data, ``:corr: zhuoyue``; the text keeps the witness's
reading, and the TEI export writes ``choice``/``sic``/``corr``. Commentary
that names no mark and stands in no unit or note is attached to nothing and
is reported.
"""

from __future__ import annotations

import string
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util.docutils import SphinxDirective, SphinxRole
from sphinx.util.nodes import split_explicit_title

from .diagnostics import Kind, warn
from .parallel import unit

MARK_TITLES = {
    "sic": "Reading kept as in the witness",
    "omission": "Omission in the excerpt",
    "rejoin": "Paragraph rejoined across a page break of the witness",
}


class mark(nodes.Inline, nodes.TextElement):
    """A marked phrase of the text; ``kind`` is sic, omission or rejoin."""


class commentary(nodes.General, nodes.Element):
    """This edition's commentary; ``letter`` is its place in the series."""


class commentary_ref(nodes.Inline, nodes.Element):
    """The letter in the text that points to a commentary."""


class MarkRole(SphinxRole):
    kind: ClassVar[str] = ""

    def __init__(self, kind: str) -> None:
        super().__init__()
        self.kind = kind

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        has_label, text, label = split_explicit_title(self.text)
        node = mark(self.rawtext, text, kind=self.kind,
                    label=label if has_label else "",
                    classes=["mark", f"mark-{self.kind}"])
        self.set_source_info(node)
        if not text.strip():
            warn(Kind.mark, "%s mark is empty: write the words it marks, e.g. "
                 "{%s}`words <label>`", self.kind, self.kind, location=node)
        return [node], []


class CommentaryDirective(SphinxDirective):
    """``commentary``: a comment of this edition's editors."""

    optional_arguments = 1
    has_content = True
    option_spec: ClassVar[dict[str, Any]] = {"corr": directives.unchanged_required}

    def run(self) -> list[nodes.Node]:
        node = commentary(target=self.arguments[0] if self.arguments else "",
                          letter="", corr=self.options.get("corr", "").strip(),
                          classes=["commentary", "editorial"])
        self.set_source_info(node)
        node += self.parse_content_to_nodes(allow_section_headings=False)
        if not node.children:
            warn(Kind.commentary, "commentary is empty: write the comment inside "
                 "the directive", location=node)
        return [node]


def letters(index: int) -> str:
    """0 -> a, 25 -> z, 26 -> aa: the commentary's own series."""
    result = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        result = string.ascii_lowercase[rest] + result
    return result


class CommentaryTransform(SphinxTransform):
    """Letter the commentary and link each item with what it comments on."""

    default_priority = 640  # after note anchors

    def apply(self, **kwargs: Any) -> None:
        marks = {m["label"]: m for m in self.document.findall(mark) if m["label"]}
        for index, node in enumerate(self.document.findall(commentary)):
            letter = letters(index)
            node["letter"] = letter
            node["ids"] = [f"commentary-{letter}"]
            ref = commentary_ref(letter=letter, refid=node["ids"][0],
                                 ids=[f"commentary-ref-{letter}"],
                                 classes=["commentary-ref", "editorial"])
            anchor = self.anchor_for(node, marks)
            if anchor is None:
                node["backref"] = ""
                continue
            node["backref"] = ref["ids"][0]
            if node.get("corr") and not (isinstance(anchor, mark) and anchor["kind"] == "sic"):
                warn(Kind.commentary, "commentary gives a correction (:corr:) but does "
                     "not explain a sic mark: name the sic mark's label after "
                     "'{commentary}', or remove :corr:", location=node)
            if isinstance(anchor, mark):
                anchor.parent.insert(anchor.parent.index(anchor) + 1, ref)
            else:
                anchor += ref

    def anchor_for(self, node: commentary, marks: dict[str, mark]) -> nodes.Element | None:
        """The element the commentary's letter goes into (or after, for marks)."""
        if node["target"]:
            if node["target"] in marks:
                return marks[node["target"]]
            known = ", ".join(sorted(marks)) or "none in this document"
            warn(Kind.commentary, "commentary names mark %r, which does not exist; "
                 "labels of marks: %s", node["target"], known, location=node)
            return None
        for ancestor in iter_ancestors(node):
            if isinstance(ancestor, (unit, nodes.footnote)):
                para = next((p for p in ancestor.findall(nodes.paragraph)
                             if not any(isinstance(a, commentary)
                                        for a in iter_ancestors(p))), None)
                return para
        warn(Kind.commentary, "commentary is attached to nothing: name the mark it "
             "explains ('{commentary} label') or place it inside a unit or note",
             location=node)
        return None


def iter_ancestors(node: nodes.Node):
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


# --- HTML -------------------------------------------------------------------

def visit_mark_html(self: Any, node: mark) -> None:
    self.body.append(self.starttag(node, "span", "", title=MARK_TITLES[node["kind"]]))


def depart_mark_html(self: Any, node: mark) -> None:
    if node["kind"] == "sic":
        self.body.append(' <span class="sic-label editorial">[<i>sic</i>]</span>')
    self.body.append("</span>")


def visit_commentary_html(self: Any, node: commentary) -> None:
    letter = node["letter"]
    self.body.append(self.starttag(node, "aside", "", **{
        "aria-label": f"Editorial commentary {letter}"}))
    back = (f'<a href="#{node["backref"]}" role="doc-backlink">{letter}</a>'
            if node["backref"] else letter)
    self.body.append(f'<p class="commentary-label">Editorial commentary {back}</p>\n')


def depart_commentary_html(self: Any, node: commentary) -> None:
    self.body.append("</aside>\n")


def visit_ref_html(self: Any, node: commentary_ref) -> None:
    letter = node["letter"]
    self.body.append(
        f'<a class="commentary-ref editorial" id="{node["ids"][0]}" '
        f'href="#{node["refid"]}" aria-label="Editorial commentary {letter}">'
        f'<sup>{letter}</sup></a>')
    raise nodes.SkipNode


# --- LaTeX ------------------------------------------------------------------

def visit_mark_latex(self: Any, node: mark) -> None:
    pass


def depart_mark_latex(self: Any, node: mark) -> None:
    if node["kind"] == "sic":
        self.body.append(r"\edsic{}")


def visit_commentary_latex(self: Any, node: commentary) -> None:
    self.body.append("\n" + self.hypertarget_to(node, anchor=True) +
                     f"\\begin{{edcommentary}}{{{node['letter']}}}\n")


def depart_commentary_latex(self: Any, node: commentary) -> None:
    self.body.append("\\end{edcommentary}\n")


def visit_ref_latex(self: Any, node: commentary_ref) -> None:
    target = self.idescape(f"{self.curfilestack[-1]}:{node['refid']}")
    self.body.append(self.hypertarget_to(node, anchor=True) +
                     f"\\edcommentaryref{{{target}}}{{{node['letter']}}}")
    raise nodes.SkipNode


# --- text -------------------------------------------------------------------

def visit_mark_text(self: Any, node: mark) -> None:
    pass


def depart_mark_text(self: Any, node: mark) -> None:
    if node["kind"] == "sic":
        self.add_text(" [sic]")


def visit_commentary_text(self: Any, node: commentary) -> None:
    self.new_state(4)
    self.add_text(f"[Editorial commentary {node['letter']}]")
    self.end_state(wrap=False)
    self.new_state(4)


def depart_commentary_text(self: Any, node: commentary) -> None:
    self.end_state()


def visit_ref_text(self: Any, node: commentary_ref) -> None:
    self.add_text(f"[{node['letter']}]")
    raise nodes.SkipNode


def setup(app: Sphinx) -> None:
    for kind in MARK_TITLES:
        app.add_role(kind, MarkRole(kind))
    app.add_directive("commentary", CommentaryDirective)
    app.add_transform(CommentaryTransform)
    app.add_node(mark, html=(visit_mark_html, depart_mark_html),
                 latex=(visit_mark_latex, depart_mark_latex),
                 text=(visit_mark_text, depart_mark_text))
    app.add_node(commentary, html=(visit_commentary_html, depart_commentary_html),
                 latex=(visit_commentary_latex, depart_commentary_latex),
                 text=(visit_commentary_text, depart_commentary_text))
    app.add_node(commentary_ref, html=(visit_ref_html, None),
                 latex=(visit_ref_latex, None), text=(visit_ref_text, None))
