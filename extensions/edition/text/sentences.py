"""Sentence alignment: which sentences of the original answer which of the English.

In every unit whose slot is transcribed, both sides are cut into sentences
(:mod:`.segment`; only where: no character changes) and the sentences are
paired. The pairs are worked out automatically from the sentences' lengths
(Gale and Church's method, :func:`.pairs.auto_align`), unless the document's
alignment file says otherwise for that unit. The file,
``<name>.alignment.yaml`` beside the document, holds the editor's
corrections, one line per pair::

    p2:
      - 1 = 1
      - 2, 3 = 2          # two English sentences answer one Chinese (n:m)
      - 4 = unaligned     # an English sentence with no counterpart
      - unaligned = 3     # a Chinese sentence with no counterpart

Numbers count the sentences of each side of the unit from 1. Every sentence
of a unit that the file lists must stand in a pair or be marked unaligned.
``python -m edition.text.sentences`` (``make align``) prints the automatic
alignment of each unit, with its sentences, to copy from.

Outputs:

* HTML: each sentence a ``span`` with its id (``p2-en-s1``,
  ``p2-original-s1``) and its counterparts in ``data-corresp``;
  ``static/sentences/edition-sentences.js`` highlights the counterparts of the
  sentence under the pointer or the keyboard focus (arrow keys move between
  sentences) and names them for screen readers. Without JavaScript the text
  reads as plain text;
* EPUB and PDF: a small pair number before each sentence, the same on both
  sides (a dash: no counterpart);
* TEI: ``<s xml:id="p2-en-s1" n="1" corresp="#p2-original-s1">``;
* JSON export: each unit's sentences and pairs (read back from the TEI).

Warnings (``edition.alignment``): a sentence of a listed unit neither
aligned nor marked unaligned, a pair that names a sentence the unit does not
have, a sentence listed twice, a unit that is not in the document or has no
transcribed original, a line that is not ``numbers = numbers``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util.texescape import escape as tex_escape

from ..diagnostics import Kind, warn
from ..nodes import commentary_ref, page_break, sentence, unit
from ..util import PASS, depart_pass
from . import segment
from .pairs import UNALIGNED, AlignmentFile, Pair, auto_align, check_pairs, read_file

SUFFIX = ".alignment.yaml"
#: side of a unit -> the part of a sentence id that names it
SIDE_KEY = {"translation": "en", "original": "original"}


def sidecar(source: str | Path) -> Path:
    path = Path(source)
    return path.with_name(path.stem + SUFFIX)


def sentence_id(unit: str, side_key: str, n: int) -> str:
    return f"{unit}-{side_key}-s{n}"


# --- cutting a paragraph into sentences -------------------------------------------

def _silent(node: nodes.Node) -> bool:
    """Whether an inline node carries no words of the text (a note mark, a
    page break, the edition's own additions): zero width for the segmenter."""

    if isinstance(node, (nodes.footnote_reference, commentary_ref, page_break,
                         nodes.footnote, nodes.Invisible, nodes.system_message)):
        return True
    return isinstance(node, nodes.Element) and "editorial" in node.get("classes", [])


def _pieces(paragraph: nodes.Element) -> list[tuple[nodes.Node, str, bool]]:
    """(child, its text for the segmenter, whether it may be cut inside)."""
    result = []
    for child in paragraph.children:
        if isinstance(child, nodes.Text):
            result.append((child, str(child), True))
        elif _silent(child):
            result.append((child, "", False))
        else:
            result.append((child, child.astext(), False))
    return result


def cut_paragraph(paragraph: nodes.paragraph, english: bool) -> list[sentence]:
    """Wrap the paragraph's sentences in :class:`sentence` nodes; return them.

    A sentence end that falls inside an inline element (a mention, an
    interpolation) moves to its end: elements are never split. Whitespace
    between sentences stays outside them; a node without words (a note
    reference, a page break) stays with the sentence it follows directly.
    The paragraph's text is unchanged.
    """
    pieces = _pieces(paragraph)
    flat = "".join(text for _, text, _ in pieces)
    cuts = segment.english(flat) if english else segment.chinese(flat)
    starts, position = [], 0
    for _, text, _ in pieces:
        starts.append(position)
        position += len(text)
    adjusted = set()
    for cut in cuts:
        for (_, text, splittable), start in zip(pieces, starts):
            if start < cut < start + len(text) and not splittable:
                cut = start + len(text)
                break
        adjusted.add(cut)
    spans = segment.spans(flat, sorted(adjusted))
    if not spans:
        return []

    def span_at(start: int, end: int) -> int | None:
        """The sentence a stretch of text lies in (None: between sentences)."""
        return next((k for k, (a, b) in enumerate(spans) if a < end and b > start), None)

    # (node, sentence index or None) in document order
    fragments: list[tuple[nodes.Node, int | None]] = []
    for (child, text, splittable), start in zip(pieces, starts):
        end = start + len(text)
        if not text:
            fragments.append((child, fragments[-1][1] if fragments else None))
        elif not splittable:
            fragments.append((child, span_at(start, end)))
        else:
            bounds = sorted({start, end} | {x for a, b in spans for x in (a, b)
                                            if start < x < end})
            for a, b in zip(bounds, bounds[1:]):
                fragments.append((nodes.Text(flat[a:b]), span_at(a, b)))
    made: list[sentence] = []
    children: list[nodes.Node] = []
    current: tuple[int, sentence] | None = None
    for node, index in fragments:
        if index is None:
            current = None
            children.append(node)
            continue
        if current is None or current[0] != index:
            holder = sentence()
            holder.source, holder.line = paragraph.source, paragraph.line
            made.append(holder)
            children.append(holder)
            current = (index, holder)
        current[1].append(node)
    paragraph.children = []
    paragraph.extend(children)
    return made


def length(node: nodes.Node) -> int:
    return sum(1 for ch in node.astext() if not ch.isspace())


# --- the build ------------------------------------------------------------------------

class SentenceTransform(SphinxTransform):
    """Cut the sides of transcribed units into sentences and pair them."""

    default_priority = 780  # after notes, commentary and marks are in place

    def apply(self, **kwargs: Any) -> None:

        units = [u for u in self.document.findall(unit) if u["number"]]
        transcribed = {u["number"]: u for u in units
                       if u.slot is not None and not u.slot.is_pending}
        source = self.document.get("source", "")
        path = sidecar(source) if source else None
        listed = read_file(path) if path is not None else AlignmentFile(Path())
        if path is not None and path.exists():
            self.env.note_dependency(str(path))
        for line, message in listed.problems:
            warn(Kind.alignment, "%s", message, location=f"{path}:{line}")
        numbers = {u["number"] for u in units}
        for number, line in listed.lines.items():
            if number not in transcribed:
                what = "is not in the document" if number not in numbers \
                    else "has no transcribed original to align"
                warn(Kind.alignment, "%s %s: remove its entry, or correct the number",
                     number, what, location=f"{path}:{line}")
        for number, node in transcribed.items():
            sides: dict[str, list[sentence]] = {}
            for child in node.sides:
                if child["role"] in SIDE_KEY \
                        and child["role"] not in sides:
                    sides[child["role"]] = self.cut_side(child)
            en, original = sides.get("translation", []), sides.get("original", [])
            for key, made in (("en", en), ("original", original)):
                for index, sent in enumerate(made, start=1):
                    sent["n"] = index
                    sent["ids"] = [sentence_id(number, key, index)]
                    sent["corresp"] = []
                    sent["pair"] = 0
            if number in listed.units:
                pairs = listed.units[number]
                for line, message in check_pairs(number, pairs, (len(en), len(original))):
                    warn(Kind.alignment, "%s", message,
                         location=f"{path}:{line or listed.lines[number]}")
            else:
                pairs = auto_align([length(s) for s in en], [length(s) for s in original])
            self.apply_pairs(pairs, en, original)

    @staticmethod
    def cut_side(node: nodes.Element) -> list[sentence]:
        made: list[sentence] = []
        english = node["role"] == "translation"
        for paragraph in [c for c in node.children if isinstance(c, nodes.paragraph)]:
            made.extend(cut_paragraph(paragraph, english))
        return made

    @staticmethod
    def apply_pairs(pairs: list[Pair], en: list[sentence], original: list[sentence]) -> None:
        number = 0
        for pair in pairs:
            mine = [en[i - 1] for i in pair.en if 1 <= i <= len(en)]
            theirs = [original[j - 1] for j in pair.original if 1 <= j <= len(original)]
            if mine and theirs:
                number += 1
            for group, other in ((mine, theirs), (theirs, mine)):
                for sent in group:
                    sent["corresp"] = [s["ids"][0] for s in other]
                    sent["pair"] = number if mine and theirs else 0


# --- visitors -----------------------------------------------------------------------

def visit_sentence_html(self: Any, node: sentence) -> None:
    attrs: dict[str, str] = {}
    classes = ["sentence"] + ([] if node.get("corresp") else ["sentence-unaligned"])
    if node.get("corresp"):
        attrs["data-corresp"] = " ".join(node["corresp"])
    self.body.append(self.starttag(node, "span", "", CLASS=" ".join(classes), **attrs))
    if self.builder.name.startswith("epub"):
        # e-readers run no script: the pair number shows the alignment
        self.body.append(f'<sup class="sentence-pair editorial">{_pair_label(node)}</sup>')


def depart_sentence_html(self: Any, node: sentence) -> None:
    self.body.append("</span>")


def _pair_label(node: sentence) -> str:
    return str(node["pair"]) if node.get("pair") else "–"


def visit_sentence_latex(self: Any, node: sentence) -> None:
    # no anchor: nothing in the PDF links to a sentence
    self.body.append(f"\\edsentence{{{tex_escape(_pair_label(node))}}}")


# --- TEI and JSON ------------------------------------------------------------------

def write_tei(writer: Any, node: sentence, parent: Any) -> None:
    """TEI: ``<s xml:id n corresp>`` around the sentence's words."""
    from lxml import etree

    element = etree.SubElement(parent, parent.tag.split("}")[0] + "}s")
    if node["ids"]:
        element.set("{http://www.w3.org/XML/1998/namespace}id", node["ids"][0])
    element.set("n", str(node.get("n", "")))
    if node.get("corresp"):
        element.set("corresp", " ".join(f"#{i}" for i in node["corresp"]))
    writer.inline_children(node, element)


def tei_records(root: Any, reading: Any) -> dict[str, dict[str, Any]]:
    """Each unit's sentences and pairs, read back from a TEI tree (JSON export).

    *reading* is the TEI module's text of an element as the witness has it.
    """
    ns = {"tei": "http://www.tei-c.org/ns/1.0"}
    xml_id = "{http://www.w3.org/XML/1998/namespace}id"
    result: dict[str, dict[str, Any]] = {}
    sentences: dict[str, dict[str, Any]] = {}
    for element in root.xpath("//tei:s[@xml:id]", namespaces=ns):
        ident = element.get(xml_id)
        match = re.fullmatch(r"(p\d+)-(en|original)-s(\d+)", ident)
        if match is None:
            continue
        unit, key, n = match.group(1), match.group(2), int(match.group(3))
        record = result.setdefault(unit, {"en": [], "original": [], "pairs": []})
        corresp = [c.lstrip("#") for c in (element.get("corresp") or "").split()]
        record[key].append({"n": n, "id": ident, "text": reading(element)})
        sentences[ident] = {"unit": unit, "key": key, "n": n, "corresp": corresp}
    for unit, record in result.items():
        seen: set[str] = set()
        for entry in record["en"] + record["original"]:
            if entry["id"] in seen:
                continue
            group = _group(entry["id"], sentences)
            seen |= group
            record["pairs"].append({
                "en": sorted(sentences[i]["n"] for i in group if sentences[i]["key"] == "en"),
                "original": sorted(sentences[i]["n"] for i in group
                                   if sentences[i]["key"] == "original"),
            })
        record["pairs"].sort(key=lambda p: (p["en"] or [math.inf], p["original"] or [math.inf]))
    return result


def _group(start: str, sentences: dict[str, dict[str, Any]]) -> set[str]:
    """The sentences linked to *start* through corresp, both ways (one pair)."""
    group, todo = set(), [start]
    while todo:
        current = todo.pop()
        if current in group or current not in sentences:
            continue
        group.add(current)
        todo.extend(sentences[current]["corresp"])
        todo.extend(i for i, s in sentences.items() if current in s["corresp"])
    return group


# --- the command: print the automatic alignment ------------------------------------

def proposal(doctree: nodes.document) -> Iterator[str]:
    """The alignment file's lines for every transcribed unit, as the build has
    paired them, with each sentence's beginning as a comment."""

    for node in doctree.findall(unit):
        found = list(node.findall(sentence))
        if not found:
            continue
        yield f"{node['number']}:"
        en = [s for s in found if "-en-" in s["ids"][0]]
        original = [s for s in found if "-original-" in s["ids"][0]]
        groups: list[tuple[list[sentence], list[sentence]]] = []
        for k in sorted({s["pair"] for s in found if s["pair"]}):
            groups.append(([s for s in en if s["pair"] == k],
                           [s for s in original if s["pair"] == k]))
        groups += [([s], []) for s in en if not s["pair"]]
        groups += [([], [s]) for s in original if not s["pair"]]
        groups.sort(key=lambda g: (min((s["n"] for s in g[0]), default=math.inf),
                                   min((s["n"] for s in g[1]), default=math.inf)))
        for mine, theirs in groups:
            left = ", ".join(str(s["n"]) for s in mine) or UNALIGNED
            right = ", ".join(str(s["n"]) for s in theirs) or UNALIGNED
            yield f"  - {left} = {right}"
            for s in mine:
                yield f"    # en {s['n']}: {_short(s.astext())}"
            for s in theirs:
                yield f"    # original {s['n']}: {_short(s.astext())}"


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def main(argv: list[str] | None = None) -> int:
    import argparse

    from ..status import read_units

    parser = argparse.ArgumentParser(
        prog="python -m edition.text.sentences",
        description="Print the sentence alignment of every transcribed unit, as lines "
                    "for the document's alignment file (<name>.alignment.yaml).")
    parser.add_argument("source", nargs="?", default="source")
    parser.add_argument("--conf", default=".")
    parser.add_argument("--build", default="_build")
    args = parser.parse_args(argv)
    app, units = read_units(Path(args.source).resolve(), Path(args.conf).resolve(),
                            Path(args.build).resolve())
    printed = False
    for docname in sorted(units):
        lines = list(proposal(app.env.get_doctree(docname)))
        if lines:
            print(f"# {sidecar(app.env.doc2path(docname))}")
            print("\n".join(lines))
            printed = True
    if not printed:
        print("No unit has a transcribed original: nothing to align.")
    return 0


def setup(app: Sphinx) -> None:
    app.add_transform(SentenceTransform)
    app.add_node(sentence, html=(visit_sentence_html, depart_sentence_html),
                 latex=(visit_sentence_latex, depart_pass), text=PASS)


if __name__ == "__main__":
    import sys

    # run the module's own copy: the doctree's nodes are its classes, not __main__'s
    from edition.text.sentences import main as module_main

    sys.exit(module_main())
