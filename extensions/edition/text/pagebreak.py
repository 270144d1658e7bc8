"""Page breaks of the printed source inside the original: the ``{pb}`` role.

Markup, in a slot, where the printed page turns::

    :::{original}
    ……第一句。{pb}`303`第二句……
    :::

The number is the page that *begins* there. The page where a unit's text
starts is its provenance's ``page`` (see ``transcription/provenance.py``);
with the breaks it gives the pages each unit spans, so a unit can be cited
by page ("Shi 1993, 303").

Outputs:

* HTML (and EPUB): a discreet marker ``|303`` in the original, an anchor
  ``#page-303`` to link to, labelled with its citation ("Shi 1993, 303") for
  screen readers (``role="doc-pagebreak"``);
* PDF: a thin bar in the text and the page number in the margin
  (``\\edpagebreak`` in ``latex/pagebreak.sty``);
* TEI: ``<pb n="303" edRef="#shi1993"/>``;
* text: ``[p. 303]``.

The build warns (``edition.pagebreak``) on a page number that is not a
number, a page that goes backwards or repeats, a page outside the source's
pages (the document's ``pages: 302-305``), and a page break outside the
original. :func:`check_sequence` is the one rule; the import of a
transcription (``transcription/validate.py``) applies the same one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util.docutils import SphinxRole
from sphinx.util.texescape import escape as tex_escape

from ..diagnostics import Kind, warn
from ..nodes import page_break
from ..util import ancestors, depart_pass

PAGE = re.compile(r"[1-9][0-9]*")


class PageBreakRole(SphinxRole):
    """``{pb}`303```: the printed source's page 303 begins here."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        number = self.text.strip()
        node = page_break(n=number, classes=["page-break", "editorial"])
        self.set_source_info(node)
        if not PAGE.fullmatch(number):
            warn(Kind.pagebreak, "page break %r is not a page number: write the number of "
                 "the page that begins here, e.g. {pb}`303`", number, location=node)
        return [node], []


def page_span(text: str | None) -> tuple[int, int] | None:
    """``"302-305"`` -> (302, 305); None when the field is absent or not a range."""
    if not text:
        return None
    match = re.fullmatch(r"\s*(\d+)\s*(?:[-\u2013]+\s*(\d+))?\s*", str(text))
    if not match:
        return None
    first = int(match.group(1))
    return first, int(match.group(2) or first)


def check_sequence(pages: Iterable[tuple[int, Any, bool]], span: tuple[int, int] | None,
                   ) -> list[tuple[Any, str]]:
    """Problems of a series of pages in reading order: (where, what to fix).

    Each item of *pages* is (page, where, is_break): a unit's start page
    (``False``) or a page break (``True``). A unit may start on the page the
    text is on (a new paragraph on the same page); a break must turn to a
    later page; nothing may go back.
    """
    problems: list[tuple[Any, str]] = []
    previous: int | None = None
    for page, where, is_break in pages:
        if span and not span[0] <= page <= span[1]:
            problems.append((where, f"page {page} is outside the source's pages "
                             f"{span[0]}-{span[1]}: correct the number"))
        if previous is not None:
            if page < previous:
                problems.append((where, f"page {page} comes after page {previous}: pages "
                                 "must go forward; correct the number or its place"))
            elif page == previous and is_break:
                problems.append((where, f"a page break to page {page} while the text is "
                                 f"already on page {page}: remove it, or correct the number"))
        previous = page if previous is None else max(page, previous)
    return problems


def source_label(env: Any, meta: Any) -> str:
    """How the printed source is cited in short, author and year ("Shi 1993"),
    from its ``bib/`` entry by the edition's Chicago style; its key when bib/
    has no entry."""
    from ..citation.chicago import date_parts, short_names
    from ..citation.roles import bib_entries

    key = meta.source if meta is not None else ""
    entry = bib_entries(env).get(key) if key else None
    if entry is None:
        return key
    parts = date_parts(entry)
    year = str(parts[0]) if parts else ""
    return " ".join(part for part in (short_names(entry), year) if part) or key


def citation(label: str, page: str) -> str:
    """"Shi 1993, 303": how a page of the source is cited (the one form)."""
    return f"{label}, {page}" if label else f"p. {page}"


class PageBreakTransform(SphinxTransform):
    """Check the document's page breaks; record each unit's pages."""

    default_priority = 358  # after the provenance file is read (355)

    def apply(self, **kwargs: Any) -> None:
        from ..model.domain import get_domain
        from ..nodes import side, unit
        from ..transcription.domain import get_transcription
        from ..transcription.provenance import sidecar

        breaks = list(self.document.findall(page_break))
        domain = get_transcription(self.env)
        records = domain.provenance.get(self.env.docname, {})
        meta = get_domain(self.env).documents.get(self.env.docname)
        if not breaks and not records:
            return
        label = source_label(self.env, meta)
        domain.sources[self.env.docname] = label
        span = page_span(meta.pages if meta is not None else "")
        series: list[tuple[int, Any, bool]] = []
        pages: dict[str, tuple[int, int]] = {}
        seen: set[str] = set()
        for node in self.document.findall(unit):
            number = node["number"]
            record = records.get(number)
            first = record.page if record is not None and record.page else 0
            if first:
                where = f"{sidecar(self.document['source'])}:{record.line}"
                series.append((first, where, False))
            last = first
            slot = node.slot
            for pb in (slot.findall(page_break) if slot is not None else ()):
                if not PAGE.fullmatch(pb["n"]):
                    continue
                page = int(pb["n"])
                series.append((page, pb, True))
                if not first:
                    # the text before the first break is on the page before it
                    first = page - 1 if _text_before(slot, pb) else page
                last = max(last, page)
            if first:
                pages[number] = (first, max(first, last))
        for pb in breaks:
            pb["citation"] = citation(label, pb["n"])
            anchor = f"page-{pb['n']}"
            if PAGE.fullmatch(pb["n"]) and anchor not in seen and \
                    not self.document.ids.get(anchor):
                pb["ids"].append(anchor)
                self.document.ids[anchor] = pb
                seen.add(anchor)
            if not any(isinstance(a, side) and a.is_original for a in ancestors(pb)):
                warn(Kind.pagebreak, "page break {pb}`%s` stands outside the original: "
                     "page breaks of the printed source belong in the slot "
                     "(':::{original}')", pb["n"], location=pb)
        for where, message in check_sequence(series, span):
            warn(Kind.pagebreak, "%s", message, location=where)
        domain.pages[self.env.docname] = pages


def _text_before(slot: nodes.Element, pb: page_break) -> bool:
    """Whether the slot holds words before *pb* (the unit starts a page earlier)."""
    for node in slot.findall():
        if node is pb:
            return False
        if isinstance(node, nodes.Text) and node.astext().strip():
            return True
    return False


# --- visitors -----------------------------------------------------------------------

def visit_pb_html(self: Any, node: page_break) -> None:
    label = node.get("citation") or f"p. {node['n']}"
    attrs = {"role": "doc-pagebreak", "aria-label": label, "title": label}
    self.body.append(self.starttag(node, "span", "", **attrs))
    self.body.append(self.encode(node["n"]))


def depart_pb_html(self: Any, node: page_break) -> None:
    self.body.append("</span>")


def visit_pb_latex(self: Any, node: page_break) -> None:
    target = self.hypertarget_to(node) if node["ids"] else ""
    self.body.append(f"{target}\\edpagebreak{{{tex_escape(node['n'])}}}")
    raise nodes.SkipNode


def visit_pb_text(self: Any, node: page_break) -> None:
    self.add_text(f"[p. {node['n']}]")
    raise nodes.SkipNode


def write_tei(writer: Any, node: page_break, parent: Any) -> None:
    """TEI: ``<pb n="303" edRef="#shi1993"/>`` (the book's bibl, when bib/ has it)."""
    from lxml import etree

    element = etree.SubElement(parent, parent.tag.split("}")[0] + "}pb")
    element.set("n", node["n"])
    key = writer.context.meta.source
    if key and key in writer.context.bib:
        element.set("edRef", f"#{key}")


def setup(app: Sphinx) -> None:
    app.add_role("pb", PageBreakRole())
    app.add_transform(PageBreakTransform)
    app.add_node(page_break, html=(visit_pb_html, depart_pb_html),
                 latex=(visit_pb_latex, depart_pass),
                 text=(visit_pb_text, depart_pass))
