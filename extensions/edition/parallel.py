"""Parallel text: units that hold the translation beside the slot for the original.

Markup (MyST, colon fences)::

    ::::{unit} p7
    :::{translation}
    About the Poland question [^3] It is crystal-clear ...
    :::
    :::{original}
    :lang: zh-Hans
    :::
    ::::

A unit is numbered ``p1``, ``p2``, ... in document order; the number is its
anchor in HTML, its label in LaTeX and its identity in every export. Each
unit has one ``translation`` side and one ``original`` side (the slot); a side
may hold several paragraphs. A slot without content is *pending*; with
content it is *transcribed*. Alignment is checked when the document is read;
each problem is a warning that names the file and line.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util.docutils import SphinxDirective
from sphinx.util.texescape import escape as tex_escape

from .diagnostics import Kind, logger, warn
from .domain import UnitRecord, get_domain

UNIT_NUMBER = re.compile(r"p([1-9][0-9]*)")

PENDING_TEXT = "{language} original not yet transcribed"


class unit(nodes.General, nodes.Element):
    """An aligned unit; ``number`` is ``"p7"``, ``n`` is 7."""


class side(nodes.General, nodes.Element):
    """One side of a unit: ``role`` is ``translation`` or ``original``."""


class coverage_notice(nodes.General, nodes.Element):
    """How much of a document's original is transcribed (set by a transform)."""


class UnitDirective(SphinxDirective):
    """``unit``: one aligned passage, numbered by its argument."""

    optional_arguments = 1
    has_content = True

    def run(self) -> list[nodes.Node]:
        number = self.arguments[0] if self.arguments else ""
        node = unit(number=number, n=0, classes=["unit"])
        self.set_source_info(node)
        match = UNIT_NUMBER.fullmatch(number)
        if not number:
            warn(Kind.unit, "unit has no number: write its paragraph number after "
                 "the directive, e.g. '{unit} p7'", location=node)
        elif not match:
            warn(Kind.unit, "unit number %r is not of the form p1, p2, ...", number,
                 location=node)
        else:
            node["n"] = int(match.group(1))
            node["ids"].append(number)
        node += self.parse_content_to_nodes(allow_section_headings=False)
        return [node]


class SideDirective(SphinxDirective):
    has_content = True
    role: ClassVar[str] = ""

    def make_side(self, lang: str) -> side:
        node = side(role=self.role, lang=lang, classes=["side", f"side-{self.role}"])
        self.set_source_info(node)
        node += self.parse_content_to_nodes(allow_section_headings=False)
        return node


class TranslationDirective(SideDirective):
    """``translation``: the English side of a unit."""

    role = "translation"

    def run(self) -> list[nodes.Node]:
        node = self.make_side("en")
        if not node.children:
            warn(Kind.side, "the translation side of this unit is empty: every unit "
                 "holds the text of its paragraph", location=node)
        return [node]


class OriginalDirective(SideDirective):
    """``original``: the slot for the original; empty while not transcribed."""

    role = "original"
    option_spec: ClassVar[dict[str, Any]] = {"lang": directives.unchanged_required}

    def run(self) -> list[nodes.Node]:
        lang = self.options.get("lang", self.config.edition_original_language)
        node = self.make_side(lang)
        node["status"] = "transcribed" if node.children else "pending"
        if lang not in self.config.edition_slot_languages:
            warn(Kind.slot_language, "slot declares language %r, which the edition does "
                 "not know; use one of %s (edition_slot_languages in conf.py)",
                 lang, ", ".join(self.config.edition_slot_languages), location=node)
        return [node]


def is_stray(node: nodes.Node) -> bool:
    """Body text standing outside any unit."""
    return isinstance(node, (nodes.paragraph, nodes.block_quote, nodes.bullet_list,
                             nodes.enumerated_list, nodes.line_block, nodes.table))


class AlignmentTransform(SphinxTransform):
    """Check a document's units and record them; add the coverage notice."""

    default_priority = 350  # after the metadata transform has titled the page

    def apply(self, **kwargs: Any) -> None:
        for node in self.document.findall(side):
            if not isinstance(node.parent, unit):
                warn(Kind.side, "a %s side stands outside any unit: put it inside a "
                     "'{unit}' directive (check that the unit's fence has more colons "
                     "than its sides')", node["role"], location=node)
        units = list(self.document.findall(unit))
        if not units:
            return
        records: list[UnitRecord] = []
        seen: dict[int, unit] = {}
        expected = 1
        for node in units:
            if any(isinstance(a, unit) for a in iter_ancestors(node)):
                warn(Kind.unit, "unit %s stands inside another unit: close the outer "
                     "unit ('::::') before opening the next", node["number"] or "",
                     location=node)
            self.check_sides(node)
            n = node["n"]
            if n:
                if n in seen:
                    warn(Kind.unit, "unit number %s is used twice (first at line %s): "
                         "give each unit its own number", node["number"],
                         seen[n].line, location=node)
                elif n < expected:
                    warn(Kind.unit, "unit %s is out of order: it follows p%s",
                         node["number"], expected - 1, location=node)
                elif n > expected:
                    missing = ", ".join(f"p{i}" for i in range(expected, n))
                    after = f"follows p{expected - 1}" if expected > 1 else "is the first unit"
                    warn(Kind.unit, "unit %s %s: %s missing from the series",
                         node["number"], after, missing, location=node)
                seen.setdefault(n, node)
                expected = max(expected, n + 1)
            slot = next((s for s in node.children if isinstance(s, side)
                         and s["role"] == "original"), None)
            records.append(UnitRecord(
                node["number"], node.line or 0,
                slot["status"] if slot is not None else "pending",
                slot["lang"] if slot is not None else self.config.edition_original_language,
            ))
        self.check_stray_text(units[0])
        get_domain(self.env).units[self.env.docname] = records
        transcribed = sum(r.status == "transcribed" for r in records)
        self.document["edition_coverage"] = (transcribed, len(records))
        for node in units:
            node["pending_document"] = transcribed == 0
        self.insert_notice(units[0], transcribed, len(records))

    def check_sides(self, node: unit) -> None:
        roles = [c["role"] for c in node.children if isinstance(c, side)]
        label = node["number"] or "without a number"
        for role in ("translation", "original"):
            count = roles.count(role)
            if count == 0:
                what = "translation side ('{translation}')" if role == "translation" \
                    else "slot for the original ('{original}', empty while not transcribed)"
                warn(Kind.side, "unit %s has no %s", label, what, location=node)
            elif count > 1:
                warn(Kind.side, "unit %s has %d %s sides: put all its paragraphs in one",
                     label, count, role, location=node)
        for child in node.children:
            if is_stray(child):
                warn(Kind.side, "text in unit %s stands outside its sides: move it into "
                     "'{translation}' or '{original}'", label, location=child)

    def check_stray_text(self, first: unit) -> None:
        container = first.parent
        for child in container.children:
            if is_stray(child):
                warn(Kind.side, "body text stands outside any unit: put it in a "
                     "'{unit}' with its number", location=child)

    def insert_notice(self, first: unit, transcribed: int, total: int) -> None:
        notice = coverage_notice(transcribed=transcribed, total=total,
                                 classes=["coverage-notice", "editorial"])
        name = self.config.edition_original_name
        text = f"{name} original: {transcribed} of {total} paragraphs transcribed."
        para = nodes.paragraph("", text)
        if transcribed < total:
            para += nodes.Text(" Paragraphs without it are marked as pending.")
        notice += para
        container = first.parent
        container.insert(container.index(first), notice)


def iter_ancestors(node: nodes.Node):
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


def report_coverage(app: Sphinx, env: Any) -> None:
    """Print each document's coverage once reading is done."""
    domain = get_domain(env)
    name = app.config.edition_original_name
    for docname in sorted(domain.units):
        transcribed, total = domain.coverage(docname)
        logger.info(
            "%s: %s original: %d of %d paragraphs transcribed", docname, name,
            transcribed, total)


# --- HTML -------------------------------------------------------------------

def visit_unit_html(self: Any, node: unit) -> None:
    attrs: dict[str, str] = {}
    if node.get("pending_document"):
        attrs["CLASS"] = "unit-pending-document"
    self.body.append(self.starttag(node, "div", **attrs))
    if node["n"]:
        number = node["n"]
        self.body.append(
            f'<a class="unit-number editorial" href="#{node["number"]}" '
            f'aria-label="Paragraph {number}, link to this paragraph">{number}</a>\n')


def depart_unit_html(self: Any, node: unit) -> None:
    self.body.append("</div>\n")


def visit_side_html(self: Any, node: side) -> None:
    extra = f"slot-{node['status']}" if node["role"] == "original" else ""
    self.body.append(self.starttag(node, "div", CLASS=extra, lang=node["lang"]))
    if node["role"] == "original" and node["status"] == "pending":
        name = self.config.edition_original_name
        self.body.append(
            '<p class="slot-status editorial" lang="en" role="note">'
            f'{PENDING_TEXT.format(language=name)}</p>\n')


def depart_side_html(self: Any, node: side) -> None:
    self.body.append("</div>\n")


def visit_notice_html(self: Any, node: coverage_notice) -> None:
    self.body.append(self.starttag(node, "div", role="status"))


def depart_notice_html(self: Any, node: coverage_notice) -> None:
    self.body.append("</div>\n")


# --- LaTeX ------------------------------------------------------------------

def visit_unit_latex(self: Any, node: unit) -> None:
    self.body.append("\n" + self.hypertarget_to(node))
    if node["n"]:
        self.body.append(f"\\edunitnumber{{{tex_escape(str(node['n']))}}}%\n")


def depart_unit_latex(self: Any, node: unit) -> None:
    self.body.append("\n")


def visit_side_latex(self: Any, node: side) -> None:
    if node["role"] == "original" and node["status"] == "pending":
        # The coverage notice at the top says the original is pending; an empty
        # column or box per paragraph would only waste paper.
        raise nodes.SkipNode


def depart_side_latex(self: Any, node: side) -> None:
    pass


def visit_notice_latex(self: Any, node: coverage_notice) -> None:
    self.body.append("\n\\begin{edcoverage}\n")


def depart_notice_latex(self: Any, node: coverage_notice) -> None:
    self.body.append("\\end{edcoverage}\n")


# --- text -------------------------------------------------------------------

def visit_unit_text(self: Any, node: unit) -> None:
    self.new_state(0)
    if node["n"]:
        self.add_text(f"¶ {node['n']} ")


def depart_unit_text(self: Any, node: unit) -> None:
    self.end_state(wrap=False)


def visit_side_text(self: Any, node: side) -> None:
    if node["role"] == "original" and node["status"] == "pending":
        name = self.config.edition_original_name
        self.new_state(0)
        self.add_text(f"[{PENDING_TEXT.format(language=name)}]")
        self.end_state()
        raise nodes.SkipNode


def depart_side_text(self: Any, node: side) -> None:
    pass


def visit_plain(self: Any, node: nodes.Node) -> None:
    pass


def depart_plain(self: Any, node: nodes.Node) -> None:
    pass


def setup(app: Sphinx) -> None:
    app.add_directive("unit", UnitDirective)
    app.add_directive("translation", TranslationDirective)
    app.add_directive("original", OriginalDirective)
    app.add_transform(AlignmentTransform)
    app.connect("env-updated", report_coverage)
    app.add_node(unit, html=(visit_unit_html, depart_unit_html),
                 latex=(visit_unit_latex, depart_unit_latex),
                 text=(visit_unit_text, depart_unit_text))
    app.add_node(side, html=(visit_side_html, depart_side_html),
                 latex=(visit_side_latex, depart_side_latex),
                 text=(visit_side_text, depart_side_text))
    app.add_node(coverage_notice, html=(visit_notice_html, depart_notice_html),
                 latex=(visit_notice_latex, depart_notice_latex),
                 text=(visit_plain, depart_plain))
