"""Alignment: each document's units checked, recorded and counted.

When a document is read, its units are checked against the rules of the
parallel text (:mod:`edition.text.parallel`): numbered ``p1``, ``p2``, ... in
order without gaps or repeats, one translation side and one slot each, no
body text outside a unit or outside its sides. Each problem is a warning of
kind ``unit`` or ``side`` that names the file and line and says what to fix.

Each unit is recorded in the ``edition`` domain (a
:class:`~edition.model.records.UnitRecord`: number, line, slot status and
language), from which ``make status`` and every output count the
document's **coverage**: how many of its units have a transcribed slot. A
coverage notice (``Chinese original: 0 of 11 paragraphs transcribed.``)
stands before the first unit, and the build prints each document's coverage
when reading is done.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

from ..diagnostics import Kind, logger, warn
from ..model.domain import UnitRecord, get_domain
from ..nodes import BODY_TEXT, ORIGINAL, TRANSLATION, coverage_notice, side, unit
from ..util import PASS, ancestors


def is_stray(node: nodes.Node) -> bool:
    """Body text standing outside any unit (or inside a unit but outside its sides)."""
    return isinstance(node, BODY_TEXT)


class AlignmentTransform(SphinxTransform):
    """Check a document's units and record them; add the coverage notice."""

    default_priority = 350  # after the metadata transform has titled the page

    def apply(self, **kwargs: Any) -> None:
        self.check_loose_sides()
        units = list(self.document.findall(unit))
        if not units:
            return
        records: list[UnitRecord] = []
        seen: dict[int, unit] = {}
        expected = 1
        for node in units:
            if any(isinstance(a, unit) for a in ancestors(node)):
                warn(Kind.unit, "unit %s stands inside another unit: close the outer "
                     "unit ('::::') before opening the next", node["number"] or "",
                     location=node)
            self.check_sides(node)
            self.put_sides_first(node)
            n = node["n"]
            if n:
                if n in seen:
                    warn(Kind.unit, "unit number %s is used twice (first at line %s): "
                         "give each unit its own number", node["number"],
                         seen[n].line, location=node)
                    node["ids"].remove(node["number"])  # one anchor per number
                elif n < expected:
                    warn(Kind.unit, "unit %s is out of order: it comes after p%s; "
                         "units must follow the paragraph order p1, p2, p3, ...",
                         node["number"], expected - 1, location=node)
                elif n > expected:
                    missing = ", ".join(f"p{i}" for i in range(expected, n))
                    after = f"follows p{expected - 1}" if expected > 1 else "is the first unit"
                    warn(Kind.unit, "unit %s %s: %s missing from the series; "
                         "add the missing unit or renumber", node["number"], after,
                         missing, location=node)
                seen.setdefault(n, node)
                expected = max(expected, n + 1)
            slot = node.slot
            records.append(UnitRecord(
                node["number"], node.line or 0,
                slot["status"] if slot is not None else "pending",
                slot["lang"] if slot is not None else self.config.edition_original_language,
            ))
        containers: list[nodes.Element] = []
        for node in units:
            if node.parent not in containers and not isinstance(node.parent, unit):
                containers.append(node.parent)
        for container in containers:
            self.check_stray_text(container)
        get_domain(self.env).units[self.env.docname] = records
        transcribed = sum(r.status == "transcribed" for r in records)
        self.document["edition_coverage"] = (transcribed, len(records))
        for node in units:
            node["pending_document"] = transcribed == 0
            if transcribed == 0:
                node["classes"].append("unit-pending-document")
        self.insert_notice(units[0], transcribed, len(records))

    def check_loose_sides(self) -> None:
        for node in self.document.findall(side):
            if not isinstance(node.parent, unit):
                warn(Kind.side, "a '{%s}' side stands outside any unit: put it inside "
                     "'::::{unit} pN' ... '::::' with the other side of its paragraph",
                     node["role"], location=node)

    def check_sides(self, node: unit) -> None:
        roles = [s.role for s in node.sides]
        label = node["number"] or "without a number"
        for role in (TRANSLATION, ORIGINAL):
            count = roles.count(role)
            if count == 0:
                what = "translation side (':::{translation}')" if role == TRANSLATION \
                    else "slot for the original (':::{original}' ... ':::', left " \
                         "empty while not transcribed)"
                warn(Kind.side, "unit %s has no %s: add it inside the unit",
                     label, what, location=node)
            elif count > 1:
                warn(Kind.side, "unit %s has %d %s sides: put all its paragraphs in one "
                     "':::{%s}' (a side may hold several paragraphs)",
                     label, count, role, role, location=node)
        for child in node.children:
            if is_stray(child):
                warn(Kind.side, "text in unit %s stands outside its sides: move it into "
                     "':::{translation}' or ':::{original}'", label, location=child)

    @staticmethod
    def put_sides_first(node: unit) -> None:
        """Translation, then slot, then anything else (commentary), order kept.

        Every output sets the translation first (left column) whatever order
        the editor wrote the sides in; no text is dropped or moved across units.
        """
        rank = {TRANSLATION: 0, ORIGINAL: 1}
        children = list(node.children)
        ordered = sorted(children, key=lambda c: rank.get(c.role, 2)
                         if isinstance(c, side) else 2)
        if ordered != children:
            node.children = []
            node.extend(ordered)

    def check_stray_text(self, container: nodes.Element) -> None:
        for child in container.children:
            if is_stray(child):
                warn(Kind.side, "body text stands outside any unit: put it in a "
                     "'::::{unit} pN' with its paragraph number, inside "
                     "':::{translation}'", location=child)

    def insert_notice(self, first: unit, transcribed: int, total: int) -> None:
        notice = coverage_notice(transcribed=transcribed, total=total,
                                 classes=["coverage-notice", "editorial"])
        text = coverage_sentence(self.config.edition_original_name, transcribed, total)
        para = nodes.paragraph("", text + ".")
        if transcribed < total:
            # true where pending slots are shown; the PDF of a document with
            # none transcribed shows none (visit_notice_latex drops it)
            para += nodes.inline("", " Paragraphs without it are marked as pending.",
                                 classes=["pending-legend"])
        notice["pending_document"] = transcribed == 0
        notice += para
        container = first.parent
        container.insert(container.index(first), notice)


def coverage_sentence(name: str, transcribed: int, total: int) -> str:
    """``Chinese original: 0 of 11 paragraphs transcribed``."""
    noun = "paragraph" if total == 1 else "paragraphs"
    return f"{name} original: {transcribed} of {total} {noun} transcribed"


def report_coverage(app: Sphinx, env: Any) -> None:
    """Print each document's coverage once reading is done."""
    domain = get_domain(env)
    name = app.config.edition_original_name
    for docname in sorted(domain.units):
        transcribed, total = domain.coverage(docname)
        logger.info("%s: %s", docname, coverage_sentence(name, transcribed, total))


# --- visitors ---------------------------------------------------------------

def visit_notice_html(self: Any, node: coverage_notice) -> None:
    self.body.append(self.starttag(node, "div", role="status"))


def depart_notice_html(self: Any, node: coverage_notice) -> None:
    self.body.append("</div>\n")


def visit_notice_latex(self: Any, node: coverage_notice) -> None:
    if node.get("pending_document"):
        # no slot of the document is shown in the PDF (visit_side_latex)
        for legend in list(node.findall(nodes.inline)):
            if "pending-legend" in legend["classes"]:
                legend.parent.remove(legend)
    self.body.append("\n\\begin{edcoverage}\n")


def depart_notice_latex(self: Any, node: coverage_notice) -> None:
    self.body.append("\\end{edcoverage}\n")


def setup(app: Sphinx) -> None:
    app.add_transform(AlignmentTransform)
    app.connect("env-updated", report_coverage)
    app.add_node(coverage_notice, html=(visit_notice_html, depart_notice_html),
                 latex=(visit_notice_latex, depart_notice_latex),
                 text=PASS)
