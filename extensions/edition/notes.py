"""The archive editors' notes.

Notes are written with MyST's footnote syntax, which every editor of Markdown
knows: a reference ``[^3]`` in the text and the note ``[^3]: On 11-16 ...``
below. Docutils then does what a footnote needs (numbering, links both ways,
a footnote in LaTeX, an endnote with back-link in EPUB); this module adds what
an edition needs on top:

* stable anchors: note *n* is ``#note-n`` and its reference ``#note-ref-n``, so
  the chronology, the exports and readers' links survive a rebuild;
* checks: a reference to a note that does not exist (MyST leaves ``[^9]`` as
  literal text without a word) is reported with file and line.
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform

from .diagnostics import Kind, warn

DANGLING = re.compile(r"\[\^([^\]\s]+)\]")


class NoteAnchorTransform(SphinxTransform):
    """Give notes and their references stable, readable ids."""

    # after docutils has numbered and linked footnotes (Footnotes: 620)
    default_priority = 630

    def apply(self, **kwargs: Any) -> None:
        renamed: dict[str, str] = {}
        for footnote in self.document.findall(nodes.footnote):
            label = footnote[0].astext() if footnote.children and \
                isinstance(footnote[0], nodes.label) else ""
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
            if isinstance(text.parent, (nodes.literal, nodes.literal_block)):
                continue
            if isinstance(text.parent, nodes.footnote_reference):
                continue
            for match in DANGLING.finditer(str(text)):
                warn(Kind.note, "note reference [^%s] has no note: add a line "
                     "'[^%s]: ...' with the note's text, or remove the reference",
                     match.group(1), match.group(1), location=text.parent)
        for ref in list(self.document.findall(nodes.footnote_reference)):
            if ref.get("refid") or not ref.get("refname"):
                continue
            name = ref["refname"]
            warn(Kind.note, "note reference [^%s] has no note: add a line '[^%s]: ...' "
                 "with the note's text, or remove the reference", name, name,
                 location=ref)
            # shown as typed, so nothing is lost, and docutils does not report
            # it a second time as an unknown target
            ref["ids"] = []
            ref.replace_self(nodes.Text(f"[^{name}]"))


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
            label = footnote[0].astext() if isinstance(footnote[0], nodes.label) else ""
            body = [child.deepcopy() for child in footnote.children
                    if not isinstance(child, nodes.label)]
            block = nodes.container("", classes=["unreferenced-note"])
            block += nodes.paragraph("", f"Note {label} (not referenced in the text):")
            block.extend(body)
            footnote["ids"] = []
            footnote.replace_self(block)


def setup(app: Sphinx) -> None:
    app.add_transform(NoteAnchorTransform)
    app.add_post_transform(UnreferencedNoteTransform)
