"""The archive editors' notes.

Notes are written with MyST's footnote syntax, which every editor of Markdown
knows: a reference ``[^3]`` in the text and the note ``[^3]: On 11-16 ...``
below. Docutils then does what a footnote needs (numbering, links both ways,
a footnote in LaTeX, an endnote with back-link in EPUB); this module adds what
an edition needs on top:

* stable anchors: note *n* is ``#note-n`` and its reference ``#note-ref-n``, so
  the chronology, the exports and readers' links survive a rebuild;
* checks: a reference to a note that does not exist is reported with file and
  line in the edition's words (and its text ``[^9]`` kept, so nothing is
  dropped); a note never referenced is reported by Sphinx itself
  (``ref.footnote``, with file and line), which fails a ``-W`` build;
* LaTeX: real footnotes that carry a link back to their reference; inside a
  unit set in columns (``unit.in_columns`` in :mod:`edition.nodes`: Sphinx's
  ``footnote`` environment breaks inside ``paracol``) a plain ``\\footnote``
  with the same link back;
* EPUB: the notes become endnotes with noterefs, so reading systems show a
  note as a pop-up (:mod:`edition.outputs.epub`, which owns the EPUB's markup);
* HTML: the list of notes has a heading ("Notes"); ``edition-apparatus.js``
  sets each note near its paragraph (under its side, or in the margin) and
  opens it in place at a tap on its reference, from the same footnote list,
  which stays the page's notes without JavaScript (see
  :mod:`edition.outputs.html`).
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.writers.html5 import HTML5Translator
from sphinx.util.texescape import escape as tex_escape
from sphinx.writers.latex import LaTeXTranslator

from ..diagnostics import Kind, warn
from ..nodes import in_columns, note_label
from ..outputs.plain import superscript

DANGLING = re.compile(r"\[\^([^\]\s]+)\]")

class NoteAnchorTransform(SphinxTransform):
    """Give notes and their references stable, readable ids."""

    # after docutils has numbered and linked footnotes (Footnotes: 620)
    default_priority = 630

    def apply(self, **kwargs: Any) -> None:
        reported = self.report_dangling()
        renamed: dict[str, str] = {}
        for footnote in self.document.findall(nodes.footnote):
            label = note_label(footnote)
            if not label:
                continue
            new = f"note-{label}"
            for old in footnote["ids"]:
                renamed[old] = new
            footnote["ids"] = [new]
        counts: dict[str, int] = {}
        backrefs: dict[str, list[str]] = {}
        for ref in self.document.findall(nodes.footnote_reference):
            target = renamed.get(ref.get("refid", ""))
            if target is None:
                continue
            ref["refid"] = target
            counts[target] = counts.get(target, 0) + 1
            suffix = "" if counts[target] == 1 else f"-{counts[target]}"
            new_id = target.replace("note-", "note-ref-", 1) + suffix
            ref["ids"] = [new_id]
            backrefs.setdefault(target, []).append(new_id)
        for footnote in self.document.findall(nodes.footnote):
            if footnote["ids"] and footnote["ids"][0] in backrefs:
                footnote["backrefs"] = backrefs[footnote["ids"][0]]
        for text in self.document.findall(nodes.Text):
            if isinstance(text.parent, (nodes.literal, nodes.literal_block)) \
                    or any(text is kept for kept in reported):
                continue
            for match in DANGLING.finditer(str(text)):
                self.warn_dangling(match.group(1), text.parent)

    def report_dangling(self) -> list[nodes.Text]:
        """References whose note does not exist (MyST leaves them unresolved).

        Docutils would report each as 'Unknown target name' later; we report
        it in the edition's words and keep its text, so no word is dropped.
        """
        kept: list[nodes.Text] = []
        for ref in list(self.document.findall(nodes.footnote_reference)):
            if ref.get("refid") or not ref.get("refname"):
                continue
            self.warn_dangling(ref["refname"], ref)
            kept.append(nodes.Text(f"[^{ref['refname']}]"))
            ref.parent.replace(ref, kept[-1])
        return kept

    @staticmethod
    def warn_dangling(label: str, location: nodes.Node) -> None:
        warn(Kind.note, "note reference [^%s] has no note: add a line "
             "'[^%s]: ...' with the note's text, or remove the reference",
             label, label, location=location)


class UnreferencedNoteTransform(SphinxPostTransform):
    """Keep a note that nothing references in the PDF.

    Sphinx's LaTeX writer sets each footnote where it is referenced, so a note
    without a reference would vanish from the PDF. It was reported when read;
    here it is set as a paragraph of its own, so its words stay in print.
    """

    default_priority = 590  # before Sphinx's LaTeXFootnoteTransform (600)
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for footnote in list(self.document.findall(nodes.footnote)):
            if footnote.get("backrefs"):
                continue
            label = note_label(footnote)
            body = [child.deepcopy() for child in footnote.children
                    if not isinstance(child, nodes.label)]
            block = nodes.container("", classes=["unreferenced-note"])
            block += nodes.paragraph("", f"Note {label} (not referenced in the text):")
            block.extend(body)
            footnote["ids"] = []
            footnote.replace_self(block)


# --- HTML (the EPUB's markup of notes is edition.outputs.epub's) -----------

#: the heading of a page's list of notes (HTML pages; the EPUB writes its own
#: with its endnotes, see edition.outputs.epub)
NOTES_HEADING = "Notes"


def visit_note_html(self: Any, node: nodes.footnote) -> None:
    start = len(self.body)
    HTML5Translator.visit_footnote(self, node)
    if self.builder.name.startswith("epub"):
        return
    if not isinstance(node.previous_sibling(), nodes.footnote) and \
            not getattr(self, "edition_notes_heading", False):
        # The list opens here (docutils wrote <aside class="footnote-list">):
        # a heading labels it, once a page. It is the edition's, not the
        # witness's: class editorial.
        self.edition_notes_heading = True
        level = min(max(self.section_level + self.initial_header_level, 2), 6)
        for index in range(start, len(self.body)):
            if self.body[index].startswith('<aside class="footnote-list'):
                self.body[index] = self.body[index].replace(
                    "<aside ", '<aside aria-labelledby="notes-heading" ', 1)
                self.body.insert(index + 1, f'<h{level} class="footnote-list-heading '
                                 f'editorial" id="notes-heading">{NOTES_HEADING}</h{level}>\n')
                break


def depart_note_html(self: Any, node: nodes.footnote) -> None:
    HTML5Translator.depart_footnote(self, node)


# --- LaTeX ------------------------------------------------------------------

def visit_note_latex(self: Any, node: nodes.footnote) -> None:
    backref = next(iter(node.get("backrefs", [])), "")
    back = self.idescape(f"{self.curfilestack[-1]}:{backref}") if backref else ""
    if back:
        # the place of the reference, for the link back from the note; the
        # number stands against the word it follows (the capture has a space
        # before some of its note marks: "Liu Xiao [2] on")
        self.body.append(f"\\unskip\\phantomsection\\label{{{back}}}%\n")
    if in_columns(node):
        # Sphinx has already moved the note to its reference (600)
        self.in_footnote += 1
        label = note_label(node)
        number = f"[{tex_escape(label)}]" if label.isdigit() else ""
        self.body.append(f"%\n\\footnote{number}{{\\sphinxAtStartFootnote\n")
        node["latex_plain"] = True
    else:
        LaTeXTranslator.visit_footnote(self, node)
    if back:
        self.body.append(f"\\ednotebacklink{{{back}}}")


def depart_note_latex(self: Any, node: nodes.footnote) -> None:
    if node.get("latex_plain"):
        self.body.append("%\n}")
        self.in_footnote -= 1
    else:
        LaTeXTranslator.depart_footnote(self, node)


# --- text -------------------------------------------------------------------

def visit_note_ref_text(self: Any, node: nodes.footnote_reference) -> None:
    # a superscript number, not "[4]": square brackets are the record's sign
    # for supplied words ("[1956]" stands in ¶ 8)
    self.add_text(superscript(node.astext()))
    raise nodes.SkipNode


def setup(app: Sphinx) -> None:
    app.add_transform(NoteAnchorTransform)
    app.add_post_transform(UnreferencedNoteTransform)
    # Built-in nodes: these wrap Sphinx's own visitors (override=True is
    # needed because docutils already knows the node classes).
    app.add_node(nodes.footnote, override=True,
                 html=(visit_note_html, depart_note_html),
                 latex=(visit_note_latex, depart_note_latex))
    app.add_node(nodes.footnote_reference, override=True,
                 text=(visit_note_ref_text, None))
