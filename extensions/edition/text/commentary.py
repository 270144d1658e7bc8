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

The letters follow the order in which a reader meets the commentary: a note
counts at its reference, where the reader reads it (beside the reference in
the HTML margin, at the foot of that page in the PDF). In HTML commentary is
a box labelled as this edition's, which the reader can hide; in LaTeX it is
a lettered note of its own series (``edcommentarynote`` in apparatus.sty),
written at its letter.
"""

from __future__ import annotations

import string
from typing import Any, ClassVar

from docutils import nodes
from sphinx.builders.latex.nodes import footnotetext
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective, SphinxRole
from sphinx.util.nodes import split_explicit_title

from ..diagnostics import Kind, warn
from ..nodes import commentary, commentary_ref, mark, unit
from ..outputs.plain import angled, barred, superscript
from ..util import ancestors, own_words_attributes, visit_pass

#: how the commentary names itself to readers: ours, not the archive's
LABEL = "Commentary of this edition"

MARK_TITLES = {
    "sic": "Reading kept as in the witness",
    "omission": "Omission in the excerpt",
    "rejoin": "Paragraph rejoined across a page break of the witness",
}


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
        for index, node in enumerate(reading_order(self.document, commentary)):
            if any(isinstance(a, commentary) for a in ancestors(node)):
                warn(Kind.commentary, "commentary stands inside another commentary: "
                     "close the outer one first; each comment is its own item",
                     location=node)
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
        for ancestor in ancestors(node):
            if isinstance(ancestor, (unit, nodes.footnote)):
                para = next((p for p in ancestor.findall(nodes.paragraph)
                             if not any(isinstance(a, commentary)
                                        for a in ancestors(p))), None)
                return para
        warn(Kind.commentary, "commentary is attached to nothing: name the mark it "
             "explains ('{commentary} label') or place it inside a unit or note",
             location=node)
        return None


def reading_order(document: nodes.document, cls: type[nodes.Element]) -> list[nodes.Element]:
    """Elements of *cls* in the order a reader meets them.

    A note is read where it is referenced (beside its reference in the HTML
    margin, at the foot of that page in the PDF), so commentary inside a note
    takes its place in the series at the note's first reference, not at the
    end of the document where the notes are kept.
    """
    notes = {n["ids"][0]: n for n in document.findall(nodes.footnote) if n["ids"]}
    seen: set[str] = set()
    found: list[nodes.Element] = []

    def walk(node: nodes.Element) -> None:
        for child in node.children:
            if isinstance(child, nodes.footnote):
                if child["ids"] and child["ids"][0] in seen:
                    continue
                if child["ids"]:
                    seen.add(child["ids"][0])
            if isinstance(child, cls):
                found.append(child)
            if isinstance(child, nodes.footnote_reference):
                note = notes.get(child.get("refid", ""))
                if note is not None and note["ids"][0] not in seen:
                    seen.add(note["ids"][0])
                    if isinstance(note, cls):
                        found.append(note)
                    walk(note)
            elif isinstance(child, nodes.Element):
                walk(child)

    walk(document)
    return found


def documents_of(document: nodes.document) -> dict[int, str]:
    """The document each commentary and letter comes from, in a book that
    joins several (found from the top: Sphinx joins them without setting the
    joined nodes' parents)."""
    owner: dict[int, str] = {}
    for start in document.findall(addnodes.start_of_file):   # outer ones first
        for node in start.findall(lambda n: isinstance(n, (commentary, commentary_ref))):
            owner[id(node)] = start["docname"]
    return owner


class CommentaryPlacementForLaTeX(SphinxPostTransform):
    """Move each commentary to its letter, where LaTeX sets it as a note.

    Commentary is written next to what it explains (after a paragraph, inside
    a note); in the PDF it is a lettered note of its own series, whose text
    must be written where its letter is. A letter inside an archive note
    keeps its letter there, and the commentary's text follows that note:
    TeX cannot put a note inside a note.
    """

    default_priority = 650  # after Sphinx has put footnotes at their references
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        # A book holds several documents, each lettering its commentary from
        # a: a letter is known by its document and its id.
        owner = documents_of(self.document)
        refs = {(owner.get(id(ref), ""), ref["refid"]): ref
                for ref in self.document.findall(commentary_ref)}
        for node in list(self.document.findall(commentary)):
            key = (owner.get(id(node), ""), node["ids"][0]) if node["ids"] else None
            ref = refs.get(key) if key else None
            if ref is None:
                continue
            place: nodes.Element = ref
            for ancestor in ancestors(ref):
                if isinstance(ancestor, (nodes.footnote, footnotetext)):
                    place = ancestor
            node.parent.remove(node)
            place.parent.insert(place.parent.index(place) + 1, node)
            node["latex_note"] = True


# --- HTML -------------------------------------------------------------------

def visit_mark_html(self: Any, node: mark) -> None:
    self.body.append(self.starttag(node, "span", "", title=MARK_TITLES[node["kind"]]))


def depart_mark_html(self: Any, node: mark) -> None:
    if node["kind"] == "sic":
        # no brackets: square brackets are the record's sign for supplied words
        self.body.append(' <span class="sic-label editorial"><i>sic</i></span>')
    self.body.append("</span>")


def visit_commentary_html(self: Any, node: commentary) -> None:
    letter = node["letter"]
    self.body.append(self.starttag(node, "aside", "", **{
        "aria-label": f"{LABEL} {letter}", **own_words_attributes(self, node)}))
    back = (f'<a href="#{node["backref"]}" role="doc-backlink" '
            f'aria-label="Back to the place of commentary {letter}">{letter}</a>'
            if node["backref"] else letter)
    self.body.append(f'<p class="commentary-label"><span class="commentary-letter">{back}'
                     f'</span> {LABEL}</p>\n')


def depart_commentary_html(self: Any, node: commentary) -> None:
    self.body.append("</aside>\n")


def visit_ref_html(self: Any, node: commentary_ref) -> None:
    letter = node["letter"]
    self.body.append(
        f'<a class="commentary-ref editorial" id="{node["ids"][0]}" '
        f'href="#{node["refid"]}" aria-label="{LABEL} {letter}">'
        f'<sup>{letter}</sup></a>')
    raise nodes.SkipNode


# --- LaTeX ------------------------------------------------------------------

def depart_mark_latex(self: Any, node: mark) -> None:
    if node["kind"] == "sic":
        self.body.append(r"\edsic{}")


def visit_commentary_latex(self: Any, node: commentary) -> None:
    if node.get("latex_note"):
        doc = self.curfilestack[-1]
        self.body.append(
            f"\\edcommentarynote{{{self.idescape(f'{doc}:{node['backref']}')}}}"
            f"{{{self.idescape(f'{doc}:{node['ids'][0]}')}}}{{{node['letter']}}}{{%")
        return
    # not attached to anything (already reported): a block where it stands
    self.body.append("\n" + self.hypertarget_to(node, anchor=True) +
                     f"\\begin{{edcommentary}}{{{node['letter']}}}\n")


def depart_commentary_latex(self: Any, node: commentary) -> None:
    if node.get("latex_note"):
        # The note ends with its text: a blank line before the closing brace
        # would end the paragraph before LaTeX's closing strut, which then
        # opens a line of its own (a gap, and a line TeX may carry over to the
        # next page under a rule of its own).
        while self.body and not self.body[-1].strip():
            self.body.pop()
        self.body[-1] = self.body[-1].rstrip()
        # a new line first: the opening '{%' comments out the rest of its line
        self.body.append("\n}")
        return
    self.body.append("\\end{edcommentary}\n")


def visit_ref_latex(self: Any, node: commentary_ref) -> None:
    target = self.idescape(f"{self.curfilestack[-1]}:{node['refid']}")
    self.body.append(self.hypertarget_to(node, anchor=True) +
                     f"\\edcommentaryref{{{target}}}{{{node['letter']}}}")
    raise nodes.SkipNode


# --- text -------------------------------------------------------------------

def depart_mark_text(self: Any, node: mark) -> None:
    if node["kind"] == "sic":
        self.add_text(" " + angled("sic"))


def visit_commentary_text(self: Any, node: commentary) -> None:
    # where this block's lines will start in the enclosing state
    node["text_start"] = len(self.states[-1])
    self.new_state(4)
    self.new_state(0)
    self.add_text(f"{superscript(node['letter'])} {LABEL}")
    self.end_state(wrap=False)


def depart_commentary_text(self: Any, node: commentary) -> None:
    self.end_state()
    items = self.states[-1]
    block = [i for i in range(node.get("text_start", len(items)), len(items))
             if items[i][0] != -1]
    for index in block:
        indent, lines = items[index]
        # the bar runs through the block's blank lines, not past its end
        items[index] = (indent, barred(lines) if index == block[-1]
                        else barred(lines + ["x"])[:-1])


def visit_ref_text(self: Any, node: commentary_ref) -> None:
    self.add_text(superscript(node["letter"]))
    raise nodes.SkipNode


def setup(app: Sphinx) -> None:
    for kind in MARK_TITLES:
        app.add_role(kind, MarkRole(kind))
    app.add_directive("commentary", CommentaryDirective)
    app.add_transform(CommentaryTransform)
    app.add_post_transform(CommentaryPlacementForLaTeX)
    app.add_node(mark, html=(visit_mark_html, depart_mark_html),
                 latex=(visit_pass, depart_mark_latex),
                 text=(visit_pass, depart_mark_text))
    app.add_node(commentary, html=(visit_commentary_html, depart_commentary_html),
                 latex=(visit_commentary_latex, depart_commentary_latex),
                 text=(visit_commentary_text, depart_commentary_text))
    app.add_node(commentary_ref, html=(visit_ref_html, None),
                 latex=(visit_ref_latex, None), text=(visit_ref_text, None))
