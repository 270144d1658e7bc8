"""Register pages: every entity of some kinds, with every mention of it.

Markup, on a page of its own (``source/persons.md``)::

    :::{register} person
    :::

    :::{register} organisation publication
    :::

The directive holds no data: the entries come from the data file
(:mod:`edition.entities.data`) and the mentions from every document
(:mod:`edition.entities.mentions`), so the register is drawn once all
documents are read. One page holds the register of a kind; when two do, the
page whose name sorts first keeps it and the other is reported, once reading
is done (so the choice never depends on how a parallel build split the
pages). Each entry shows the standard form of the name, the
name in original script, the identification with links to where the witness
supports it, the spellings of the text, and a link to each mention by
paragraph (¶ 5) or note (note 2).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from sphinx.util.texescape import escape as tex_escape

from ..citation import chicago
from ..citation.roles import bib_entries, rich_nodes
from ..diagnostics import Kind, warn
from ..model import pointers
from ..model.records import Entity
from ..nodes import entity_entry, original_name, register
from ..util import PASS
from .data import HEADINGS_PLURAL as HEADINGS
from .data import KINDS, entities_path, sort_key, standard_in_text
from .mentions import EntityDomain, get_domain


class RegisterDirective(SphinxDirective):
    """``register``: the register of one or more kinds of entity."""

    required_arguments = 1
    final_argument_whitespace = True
    option_spec = {"class": directives.class_option}

    def run(self) -> list[nodes.Node]:
        kinds = self.arguments[0].split()
        node = register(kinds=[], docname=self.env.docname,
                        classes=["register", *self.options.get("class", [])])
        self.set_source_info(node)
        for kind in kinds:
            if kind not in KINDS:
                warn(Kind.entity, "register of unknown kind %r; kinds are %s", kind,
                     ", ".join(KINDS), location=node)
                continue
            node["kinds"].append(kind)
        # only this page's own data: which page keeps a kind is decided once
        # every page is read (check_registers), not by the order of reading
        get_domain(self.env).registers.setdefault(self.env.docname, []).extend(
            (kind, self.lineno) for kind in node["kinds"])
        self.env.note_dependency(str(entities_path(self.env)))
        return [node]


def mention_links(domain: EntityDomain, entity: Entity, app: Sphinx,
                  fromdoc: str) -> list[nodes.Node]:
    """``¶ 5, ¶ 6 (2×), note 1``: one link per paragraph or note, to its first mention."""
    groups: dict[tuple[str, str], list[Any]] = {}
    for docname, record in domain.mentions_of(entity.key):
        label = record.label or app.env.titles[docname].astext()
        groups.setdefault((docname, label), []).append(record)
    result: list[nodes.Node] = []
    for (docname, label), records in groups.items():
        if result:
            result.append(nodes.Text(", "))
        title = f"{len(records)} mentions" if len(records) > 1 else "mention"
        ref = pointers.link(app.builder, fromdoc, docname, records[0].id,
                            nodes.Text(label), title=f"{label}: {title}")
        result.append(ref)
        if len(records) > 1:
            result.append(nodes.Text(f" ({len(records)}×)"))
    return result


def basis_paragraph(entity: Entity, app: Sphinx) -> nodes.paragraph:
    """Which facts of the entry are the editors' (the witness does not state
    them), and their source: a bib/ entry in Chicago note form, or the name
    of a reference work."""
    what = []
    if entity.original:
        what.append("the name in original script")
    if entity.spelled and not standard_in_text(entity.standard, list(entity.spelled)):
        what.append("the standard form")
    if not entity.witness and entity.identification:
        what.append("the identification")
    para = nodes.paragraph(classes=["entity-basis", "editorial"])
    subject = " and ".join(what) if what else "what the witness does not state"
    para += nodes.Text(f"The editors' addition ({subject}); source: ")
    work = bib_entries(app.env).get(entity.source)
    para.extend(rich_nodes(chicago.note(work)) if work is not None
                else [nodes.Text(entity.source)])
    para += nodes.Text(".")
    return para


def build_entry(domain: EntityDomain, entity: Entity, app: Sphinx,
                fromdoc: str) -> entity_entry:
    entry = entity_entry(ids=[entity.key], key=entity.key,
                         classes=["entity", f"entity-{entity.kind}"])
    name = nodes.paragraph(classes=["entity-name"])
    name += nodes.strong("", entity.standard, classes=["entity-standard"])
    for lang, original in entity.original:
        name += nodes.Text(" ")
        name += original_name(original, original, lang=lang, classes=["entity-original"])
    entry += name
    if entity.source:
        entry += basis_paragraph(entity, app)
    if entity.identification:
        para = nodes.paragraph(classes=["entity-identification"])
        text = entity.identification.rstrip(".")
        para += nodes.Text(text[:1].upper() + text[1:])
        links: list[nodes.Node] = []
        for text in entity.witness:
            pointer = pointers.parse(text)
            if links:
                links.append(nodes.Text("; "))
            links.append(pointers.reference(app.builder, fromdoc, pointer, app.env)
                         if pointer else nodes.Text(text))
        if links:
            para += nodes.Text(" (")
            para.extend(links)
            para += nodes.Text(")")
        para += nodes.Text(".")
        entry += para
    if entity.spelled:
        para = nodes.paragraph(classes=["entity-spelled"])
        para += nodes.Text("In the text: ")
        for index, spelling in enumerate(entity.spelled):
            if index:
                para += nodes.Text(", ")
            para += nodes.emphasis("", spelling)
        entry += para
    links = mention_links(domain, entity, app, fromdoc)
    if links:
        para = nodes.paragraph(classes=["entity-mentions"])
        para += nodes.Text("Mentions: ")
        para.extend(links)
        entry += para
    if entity.unmarked:
        entry += nodes.paragraph("", f"Also named {entity.unmarked.rstrip('.')}.",
                                 classes=["entity-unmarked"])
    return entry


def draw_registers(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    domain = get_domain(app.env)
    for node in list(doctree.findall(register)):
        content: list[nodes.Node] = []
        # a kind whose register another page keeps (reported) is drawn there only
        kinds = [kind for kind in node["kinds"]
                 if domain.register_doc(kind) == node.get("docname", docname)]
        for kind in kinds:
            entities = sorted((e for e in domain.entities.values() if e.kind == kind),
                              key=lambda e: sort_key(e.standard))
            if len(kinds) > 1:
                content.append(nodes.rubric("", HEADINGS[kind]))
            if not entities:
                content.append(nodes.paragraph("", f"No {HEADINGS[kind].lower()} "
                                                   "in the registers yet."))
            content.extend(build_entry(domain, e, app, docname) for e in entities)
        container = nodes.container("", *content, classes=node["classes"])
        node.replace_self(container)


def check_registers(app: Sphinx, env: Any) -> None:
    domain = get_domain(env)
    for docname in sorted(domain.registers):
        for kind, line in domain.registers[docname]:
            keeper = domain.register_doc(kind)
            if keeper != docname:
                warn(Kind.entity, "the register of %s is already on page %r: keep one "
                     "register per kind", kind, keeper, location=(docname, line))
    for entity in domain.entities.values():
        for text in entity.witness:
            if pointers.parse(text) is None:
                warn(Kind.entity, "entry %r: %r is not a pointer into the witness; write "
                     "'¶ 9', 'note 2' or 'header'", entity.key, text,
                     location=f"{entities_path(env)}:{entity.line}")


# --- visitors ---------------------------------------------------------------

def visit_entry_html(self: Any, node: entity_entry) -> None:
    self.body.append(self.starttag(node, "div"))


def depart_entry_html(self: Any, node: entity_entry) -> None:
    self.body.append("</div>\n")


def visit_original_html(self: Any, node: original_name) -> None:
    self.body.append(self.starttag(node, "span", "", lang=node["lang"]))


def depart_original_html(self: Any, node: original_name) -> None:
    self.body.append("</span>")


def visit_entry_latex(self: Any, node: entity_entry) -> None:
    self.body.append("\n" + self.hypertarget_to(node, anchor=True) + "\\begin{edentity}\n")


def depart_entry_latex(self: Any, node: entity_entry) -> None:
    self.body.append("\\end{edentity}\n")


def visit_original_latex(self: Any, node: original_name) -> None:
    self.body.append(rf"\edoriginalname{{{tex_escape(node['lang'])}}}{{"
                     f"{tex_escape(node.astext())}}}")
    raise nodes.SkipNode


def setup(app: Sphinx) -> None:
    app.add_directive("register", RegisterDirective)
    app.connect("doctree-resolved", draw_registers)
    app.connect("env-check-consistency", check_registers)
    plain = PASS
    app.add_node(register, html=plain, latex=plain, text=plain)
    app.add_node(entity_entry, html=(visit_entry_html, depart_entry_html),
                 latex=(visit_entry_latex, depart_entry_latex),
                 text=plain)
    app.add_node(original_name, html=(visit_original_html, depart_original_html),
                 latex=(visit_original_latex, None), text=plain)
